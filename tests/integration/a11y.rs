//! The accessibility gate: the example site, served over HTTP, in Debian's headless
//! Chromium. axe-core (WCAG 2.0/2.1/2.2 A and AA) over every page type in every mode of the
//! reading aids (normal, large text, high contrast, wider spacing, all together), plus
//! what axe does not check: lang, a skip link, one h1, base text of
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

/// Visits of each page by a11y-pages.mjs: normal and large text at three screens, high
/// contrast, wider spacing and all aids together at two.
const RUNS_PER_PAGE: usize = 2 * 3 + 3 * 2;

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
    assert_eq!(
        runs,
        PAGES.len() * RUNS_PER_PAGE,
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
    assert_eq!(runs, pages.len() * RUNS_PER_PAGE);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How many guides the example site has (each is checked on its own).
fn example_guides() -> usize {
    std::fs::read_dir(repo().join("content/guides"))
        .map(|d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('_'))
                .count()
        })
        .unwrap_or(0)
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
fn printing_keeps_what_residents_bring_and_a_qr_code_that_reads_back_as_the_address() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = behaviour("print", Some(dir.path()));
    let guides = example_guides();
    assert_all(
        &results,
        &[
            "hukou-qianru.html: prints on at most two A4 sheets",
            "hukou-qianru.html (large text): prints on at most two A4 sheets",
            "hukou-qianchu.html: prints on one A4 sheet",
            "hukou-qianru.html: print keeps every table and list of the body",
            "print hides navigation, search and footer",
        ],
        // Four checks per guide in both text sizes, and three other pages.
        guides * 8 + 4,
    );
    let pdf = std::fs::read(dir.path().join("guide-print.pdf")).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF"), "the guide's PDF was written");
    // The QR code on each printed guide and on a printed notice, read back from a picture
    // of the sheet by zbarimg (Debian's zbar-tools), is the page's public address.
    let base = base_url(&repo());
    let shots: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    let shots: Vec<_> = shots
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    assert_eq!(
        shots.len(),
        guides + 1,
        "a picture of each printed guide and the notice"
    );
    for shot in shots {
        let name = shot
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let (section, slug) = name
            .trim_start_matches("qr-")
            .split_once('-')
            .unwrap_or_default();
        let expected = format!("{base}{section}/{slug}.html");
        let out = std::process::Command::new("zbarimg")
            .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
            .arg(&shot)
            .output()
            .expect("zbarimg (Debian zbar-tools; scripts/test.sh installs it)");
        let decoded = String::from_utf8_lossy(&out.stdout);
        assert_eq!(decoded.trim(), expected, "{}", shot.display());
    }
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
fn the_reading_aids_are_remembered_worked_by_keyboard_and_read_aloud_needs_a_voice() {
    let results = behaviour("aids", None);
    assert_all(
        &results,
        &[
            "http: Enter and Space turn on high contrast and wide spacing",
            "file://: high contrast and wide spacing are remembered after reload",
            "file://: they are remembered on another page",
            "http: no pop-up",
            "read aloud is not offered without a Chinese voice",
            "read aloud reads the main text in sentences, in the Chinese voice",
            "pressed again, it stops",
        ],
        18,
    );
}

#[test]
fn checklist_ticks_are_kept_per_page_until_cleared() {
    let results = behaviour("ticks", None);
    assert_all(
        &results,
        &[
            "http: ticks are kept after reload",
            "file://: ticks are kept after reload",
            "file://: another guide keeps its own ticks",
            "http: 清空 unticks every box",
            "file://: and that is kept too",
        ],
        12,
    );
}

#[test]
fn on_a_phone_the_checklist_is_on_the_first_screen() {
    let results = behaviour("firstscreen", None);
    let guides = example_guides();
    assert_all(
        &results,
        &[
            "hukou-qianru.html (normal text): the checklist's heading is on the first screen",
            "hukou-qianru.html (large text): a link to the checklist is on the first screen",
            "the link brings the checklist to the top (large text)",
            "inner page without JavaScript: the menu is folded behind 菜单",
            "inner page without JavaScript: 菜单 opens the menu",
            "inner page: the urgent banner takes one line",
            "home page: 110 and the search box on the first screen",
            "wide screen without JavaScript: the menu shows without 菜单",
        ],
        // Every guide in both text sizes (and the link's words in large), the jump in
        // both, five header checks with and without JavaScript.
        guides * 3 + 2 + 10,
    );
}

#[test]
fn phone_numbers_in_text_dial_when_tapped() {
    let results = behaviour("tel", None);
    assert_all(
        &results,
        &[
            "guides/hukou-qianru.html .guide-body .prose: tel:01234567891 is a link in the text",
            "guides/hukou-qianru.html .steps: tel:01234567891 is a link in the text",
            "faq/baojing-110.html .prose: tel:110 is a link in the text",
            "pages/contact.html .prose: tel:01234567890 is a link in the text",
        ],
        6,
    );
}

#[test]
fn small_things_residents_notice() {
    let results = behaviour("small", None);
    assert_all(
        &results,
        &[
            "the hours table: no column narrower than three characters at 320px",
            "the 404 page is styled from file://",
            "the search page help text is at least 18px",
            "a count is joined to its measure word",
            "a footnote is set apart as a note",
        ],
        5,
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
    assert_eq!(runs, pages.len() * RUNS_PER_PAGE);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
