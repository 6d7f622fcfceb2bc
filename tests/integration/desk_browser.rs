//! The staff desk in headless Chromium (tests/browser/desk.mjs): a clerk writes a notice
//! with the preview following, types Chinese through an input method, saves and finds it on
//! the site; writes a guide with a six-item checklist; every desk page passes axe.

use crate::common::run_node_json;
use crate::desk_support::DeskSite;

#[test]
fn a_clerk_writes_pages_in_the_browser() {
    let site = DeskSite::start(&[]);
    let base = format!("http://{}", site.server.addr);
    let photos = tempfile::tempdir().unwrap();
    let photo = photos.path().join("IMG_20261201_093015.jpg");
    std::fs::write(&photo, crate::photo_fixtures::phone_photo(4000, 3000)).unwrap();
    let report = run_node_json("desk.mjs", &[&base, photo.to_str().unwrap()], &[]);

    for (page, violations) in report["axe"].as_object().expect("axe results") {
        assert_eq!(
            violations.as_array().map(Vec::len),
            Some(0),
            "{page}: {violations}"
        );
    }
    for (page, problems) in report["checks"].as_object().expect("page checks") {
        assert_eq!(
            problems.as_array().map(Vec::len),
            Some(0),
            "{page}: {problems}"
        );
    }
    assert_eq!(report["previewShowsTitle"], true);
    let finding = report["titleFinding"].as_str().unwrap_or_default();
    assert!(
        finding.contains("错误") && finding.contains("“标题”"),
        "an empty title is named at its field, by its label: {finding:?}"
    );
    assert_eq!(report["titleFindingAfterFix"], "");
    assert_eq!(
        report["requestsWhileComposing"], 0,
        "the preview waits for the input method"
    );
    let body = report["body"].as_str().unwrap_or_default();
    assert!(
        body.ends_with("停水，请储水。")
            && body.matches("停水").count() == 1
            && !body.contains("ting"),
        "{body:?}"
    );
    assert_eq!(report["previewShowsComposed"], true);
    assert!(
        report["afterSave"]["url"]
            .as_str()
            .is_some_and(|u| u.contains("/_desk/edit/notices/2026-12-01-")),
        "{}",
        report["afterSave"]
    );
    assert_eq!(report["published"], true);

    let guide = report["guideSaved"].as_str().unwrap_or_default();
    let path = guide
        .split("/_desk/edit/")
        .nth(1)
        .and_then(|p| p.split('?').next())
        .expect("saved guide");
    let text = site.read(&format!("content/{path}"));
    let materials = "materials:                # 要带的材料：要带的东西，每样一项：名称、原件还是复印件、几份、补充说明\n  - { name: 居民户口簿, original: true }\n  - 近期照片\n  - 原身份证\n  - 申请表\n  - 代办人身份证\n  - 委托书\n";
    assert!(text.contains(materials), "{text}");
    assert!(text.contains("where: 柳湾派出所户籍窗口"), "{text}");

    let story = report["storySaved"].as_str().unwrap_or_default();
    let path = story
        .split("/_desk/edit/")
        .nth(1)
        .and_then(|p| p.split('?').next())
        .expect("saved story");
    let text = site.read(&format!("content/{path}"));
    let name = path.trim_start_matches("stories/").replace(".md", ".jpg");
    assert!(
        text.contains(&format!("image: {name}"))
            && text.contains("image_alt: 民警扶着老人走回小区"),
        "{text}"
    );
    let saved = std::fs::read(site.path(&format!("content/stories/{name}"))).unwrap();
    assert!(saved.len() <= 400 * 1024, "{} bytes", saved.len());
}
