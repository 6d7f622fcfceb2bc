//! `bulletin serve` in a real browser (Debian's headless Chromium through puppeteer-core,
//! tests/browser/serve-live.mjs): an open page reloads by itself after an edit, shows an
//! overlay naming the file, line and message when the file breaks, keeps the last good
//! page under it, and reloads again when the file is fixed.

use crate::serve_support;

use serve_support::{Server, Site};
use std::process::Command;

#[test]
fn an_open_page_reloads_and_shows_errors_by_itself() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let file = site.path("content/guides/hukou-qianru.md");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out = Command::new("node")
        .arg(dir.join("serve-live.mjs"))
        .arg(server.url("/guides/hukou-qianru.html"))
        .arg(&file)
        .arg("请带好原件。")
        .arg("请带好原件和复印件。")
        .current_dir(&dir)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "serve-live.mjs failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");

    assert_eq!(report["edited"]["reloaded"], true);

    let broken = &report["broken"];
    assert_eq!(broken["role"], "alert");
    assert_eq!(
        broken["where"][0], "content/guides/hukou-qianru.md:6:1",
        "{broken}"
    );
    assert!(
        broken["messages"][0]
            .as_str()
            .is_some_and(|m| m == "不认识的字段 `hour`。"),
        "{broken}"
    );
    assert!(broken["overlay"]
        .as_str()
        .is_some_and(|t| t.contains("提示：是不是要写 `hours`？")));
    assert_eq!(
        broken["stillMarked"], true,
        "the broken build must not reload the page"
    );
    assert_eq!(broken["stillShows"], true, "the last good page stays");
    assert!(broken["newPageOverlay"]
        .as_str()
        .is_some_and(|t| t.contains("hukou-qianru.md:6:1")));

    assert_eq!(report["fixed"]["reloaded"], true);
    assert_eq!(report["fixed"]["overlay"], false);
    assert_eq!(report["consoleErrors"], serde_json::json!([]), "{report}");
}
