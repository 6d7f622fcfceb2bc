//! The accessibility gate: the example site, served over HTTP, in Debian's headless
//! Chromium. axe-core (WCAG 2.0/2.1/2.2 A and AA) over every page type in normal and
//! large-text mode, plus what axe does not check: lang, a skip link, one h1, base text of
//! 18px (22px large), tap targets of 44px (60px large), no sideways scrolling at 320px or
//! at 200% zoom; the expiry script against the reader's clock; printing; the large-text
//! switch; the 404 page at a deep address. The browser side is tests/browser/a11y-*.mjs.

use crate::common;

use common::{build_site, copy_dir, repo, run_node_json, StaticServer, NOW};
use serde_json::Value;
use std::path::Path;
use std::sync::Mutex;

/// One Chromium at a time: the machine has two cores, and parallel browsers only make each
/// other's timeouts likelier.
static BROWSER: Mutex<()> = Mutex::new(());

/// One page of each type of the example site at the tests' "now".
const PAGES: &[&str] = &[
    "index.html",
    "notices/index.html",
    "guides/index.html",
    "faq/index.html",
    "stories/index.html",
    "pages/index.html",
    // A current urgent notice (with a task list), and an expired one.
    "notices/dongji-fanghuo-fanzha.html",
    "notices/guoqing-anbao.html",
    "guides/hukou-qianru.html",
    // Its short checklist stands beside a long box of facts on a wide screen.
    "guides/juzhuzheng.html",
    "faq/daiban.html",
    // The story with a picture.
    "stories/jingwushi-yiwan.html",
    "pages/contact.html",
    "tags/huji.html",
    "tags/index.html",
    "notices/archive.html",
    "search/index.html?q=户口",
    "404.html",
];

/// The site's public address, from the example's site.yaml (the 404 page links there).
fn base_url(root: &Path) -> String {
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_default();
    yaml.lines()
        .find_map(|l| l.strip_prefix("base_url:"))
        .map(|u| u.trim().to_owned())
        .unwrap_or_default()
}

/// Runs a11y-pages.mjs over `pages` of the site at `root` and returns every failure.
fn gate(root: &Path, args: &[&str], lang: &str, pages: &[&str]) -> (usize, Vec<String>) {
    let site = build_site(root, args);
    for p in pages {
        let file = p.split('?').next().unwrap_or(p);
        assert!(site.output.join(file).is_file(), "the site has no {file}");
    }
    let server = StaticServer::start(&site.output, "/station/");
    let list = site
        .output
        .parent()
        .unwrap_or(&site.output)
        .join("a11y-pages.json");
    std::fs::write(&list, serde_json::to_string(pages).unwrap_or_default())
        .expect("write page list");
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let report = run_node_json(
        "a11y-pages.mjs",
        &[
            &server.url(""),
            site.output.to_str().unwrap_or_default(),
            &base_url(root),
            lang,
            list.to_str().unwrap_or_default(),
        ],
        &[],
    );
    let entries = report.as_array().cloned().unwrap_or_default();
    let failures = entries
        .iter()
        .filter_map(|e| {
            let violations = e["violations"].as_array().cloned().unwrap_or_default();
            let problems = e["problems"].as_array().cloned().unwrap_or_default();
            if violations.is_empty() && problems.is_empty() {
                return None;
            }
            let mut lines = vec![format!(
                "{} ({} text, {}px ×{}):",
                e["page"].as_str().unwrap_or("?"),
                e["mode"].as_str().unwrap_or("?"),
                e["width"],
                e["scale"]
            )];
            for v in &violations {
                lines.push(format!(
                    "  axe {} ({}): {}",
                    v["id"], v["impact"], v["help"]
                ));
                for n in v["nodes"].as_array().into_iter().flatten() {
                    lines.push(format!("    {} — {}", n["target"], n["summary"]));
                }
            }
            lines.extend(
                problems
                    .iter()
                    .map(|p| format!("  {}", p.as_str().unwrap_or("?"))),
            );
            Some(lines.join("\n"))
        })
        .collect();
    (entries.len(), failures)
}

#[test]
fn every_page_type_passes_axe_and_the_elderly_mode_checks() {
    let (runs, failures) = gate(&repo(), &["--now", NOW], "zh-CN", PAGES);
    // Two text sizes × three screens (1280px, 320px, 640px at 200%) for every page.
    assert_eq!(
        runs,
        PAGES.len() * 6,
        "every page was visited in every mode"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_english_site_passes_too_and_its_search_speaks_english() {
    let root = repo().join("tests/fixtures/english-site");
    let pages = [
        "index.html",
        "guides/passport-letter.html",
        "notices/winter-safety.html",
        "faq/index.html",
        "search/index.html?q=letter",
    ];
    let (runs, failures) = gate(&root, &["--now", NOW], "en", &pages);
    assert_eq!(runs, pages.len() * 6);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs one check of a11y-behaviour.mjs on the example site; returns (name, ok, detail).
fn behaviour(check: &str, out_dir: Option<&Path>) -> Vec<(String, bool, String)> {
    let root = repo();
    let site = build_site(&root, &["--now", NOW]);
    let server = StaticServer::start(&site.output, "/station/");
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let mut args = vec![
        check.to_owned(),
        server.url(""),
        site.output.to_string_lossy().into_owned(),
        base_url(&root),
    ];
    args.extend(out_dir.map(|d| d.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let report = run_node_json("a11y-behaviour.mjs", &args, &[]);
    report
        .as_array()
        .into_iter()
        .flatten()
        .map(|r: &Value| {
            (
                r["name"].as_str().unwrap_or("?").to_owned(),
                r["ok"].as_bool().unwrap_or(false),
                r["detail"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// Every check passed, and the ones named were made (a check that silently did not run
/// must not pass).
fn assert_all(results: &[(String, bool, String)], must_include: &[&str], at_least: usize) {
    let failed: Vec<String> = results
        .iter()
        .filter(|(_, ok, _)| !ok)
        .map(|(n, _, d)| format!("{n}: {d}"))
        .collect();
    assert!(failed.is_empty(), "failed:\n{}", failed.join("\n"));
    assert!(
        results.len() >= at_least,
        "only {} checks ran: {results:?}",
        results.len()
    );
    for name in must_include {
        assert!(
            results.iter().any(|(n, _, _)| n.contains(name)),
            "no check named {name:?}"
        );
    }
}

#[test]
fn a_notice_expires_by_the_readers_clock_without_a_rebuild() {
    let results = behaviour("expiry", None);
    assert_all(
        &results,
        &[
            "notice expired at 2027-03-01",
            "已过期 banner shown at 2027-03-01",
            "urgent banner hidden at 2027-03-01",
            "urgent banner shown at 2027-02-28T23:59",
            "home row marked 已过期",
        ],
        14,
    );
}

#[test]
fn printing_drops_the_site_chrome_and_a_guide_fits_one_a4_sheet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = behaviour("print", Some(dir.path()));
    let guides = std::fs::read_dir(repo().join("content/guides"))
        .map(|d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('_'))
                .count()
        })
        .unwrap_or(0);
    assert_all(
        &results,
        &[
            "hukou-qianru.html: prints on one A4 sheet",
            "hukou-qianru.html (large text): prints on one A4 sheet",
            "print hides navigation, search and footer",
        ],
        // Three checks per guide in both text sizes, and three other pages.
        guides * 6 + 4,
    );
    let pdf = std::fs::read(dir.path().join("guide-print.pdf")).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF"), "the guide's PDF was written");
}

#[test]
fn the_large_text_switch_is_remembered_over_http_and_from_a_usb_copy() {
    let results = behaviour("large", None);
    assert_all(
        &results,
        &[
            "http: large text is remembered after reload",
            "file://: large text is remembered after reload",
            "file://: turning it off is remembered too",
            "without JavaScript the large-text switch is not shown",
            "without JavaScript the print button is not shown",
        ],
        12,
    );
}

#[test]
fn the_404_page_works_at_a_deep_missing_address() {
    let results = behaviour("notfound", None);
    assert_all(
        &results,
        &[
            "its stylesheet loads at a deep address",
            "its links are absolute",
            "it has no axe violations",
        ],
        6,
    );
}

#[test]
fn the_pagers_of_long_lists_pass_too() {
    // The example's lists fit on one page: at three items a page, its section lists and
    // tag pages get pagers.
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    copy_dir(&repo().join("content"), &root.join("content"));
    let yaml = std::fs::read_to_string(repo().join("site.yaml")).expect("read site.yaml");
    let yaml: String = yaml
        .lines()
        .filter(|l| !l.starts_with("paginate:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(root.join("site.yaml"), format!("{yaml}paginate: 3\n"))
        .expect("write site.yaml");
    let pages = [
        "guides/page-2.html",
        "tags/huji.html",
        "tags/huji/page-2.html",
    ];
    let (runs, failures) = gate(&root, &["--now", NOW], "zh-CN", &pages);
    assert_eq!(runs, pages.len() * 6);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
