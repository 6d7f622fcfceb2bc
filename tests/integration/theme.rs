//! What the built-in theme promises beyond single pages: every word in English with
//! `language: en`, a light guide page, the 404 page at any depth, and expiry moments the
//! reader's browser can trust.

use crate::site_fixture;

use site_fixture::{snapshot, Fixture, NOW};
use std::path::PathBuf;

/// tests/fixtures/english-site, built into a temporary folder: (the folder, the output).
fn english_site() -> (tempfile::TempDir, PathBuf) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/english-site");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"));
    cmd.args(["build", "--now", NOW, "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&out);
    site_fixture::run(cmd).assert_ok();
    (dir, out)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

#[test]
fn language_en_leaves_no_chinese_word_in_any_page() {
    let (_dir, out) = english_site();
    let files = snapshot(&out);
    let pages: Vec<(&String, String)> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(b).into_owned()))
        .collect();
    // Every template: home, lists, archive, each kind of page, tags, search, 404, redirect.
    for expected in [
        "index.html",
        "notices/index.html",
        "notices/archive.html",
        "notices/winter-safety.html",
        "notices/bank-holiday.html",
        "guides/passport-letter.html",
        "faq/index.html",
        "faq/how-long.html",
        "stories/evening.html",
        "pages/contact.html",
        "tags/index.html",
        "tags/fraud.html",
        "search/index.html",
        "404.html",
        "old/patrols.html",
    ] {
        assert!(pages.iter().any(|(p, _)| *p == expected), "no {expected}");
    }
    for (path, html) in &pages {
        let chinese: Vec<String> = html
            .lines()
            .filter(|l| l.chars().any(is_cjk))
            .map(|l| l.chars().take(120).collect())
            .collect();
        assert!(
            chinese.is_empty(),
            "{path} has Chinese text:\n{}",
            chinese.join("\n")
        );
        assert!(html.contains("<html lang=\"en\""), "{path}: lang is not en");
    }
    let page = |wanted: &str| {
        pages
            .iter()
            .find(|(p, _)| *p == wanted)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    };
    let notice = page("notices/winter-safety.html");
    assert!(
        notice.contains("<time datetime=\"2026-11-20\">20 November 2026</time>"),
        "English dates"
    );
    assert!(notice.contains("Valid until 28 February 2027"), "{notice}");
    let expired = page("notices/bank-holiday.html");
    assert!(expired.contains("This notice has expired") && expired.contains("8 October 2026"));
}

/// A guide page with its stylesheet and script: what a resident's phone downloads to read
/// it. The first limit was 40 KB, counted in bytes as 40,000, the stricter reading. Raised
/// by 5,000 for what issue 18 put on every guide: the QR code of its address for paper
/// (an inline SVG, about 2 KB, shown in print only) and the reading aids (the buttons and
/// 菜单 of the header, high contrast, wider spacing, the compact phone header: about 3 KB
/// of markup and style). Their script is `tools.js`, deferred and cached across pages,
/// held to its own limit below.
const GUIDE_BUDGET: usize = 45_000;

/// `tools.js`: the reading aids, read aloud, checklist ticks.
const TOOLS_BUDGET: usize = 5_000;

#[test]
fn every_guide_page_with_its_css_and_script_stays_within_budget() {
    let f = Fixture::example_site();
    f.build_at(NOW).assert_ok();
    let files = snapshot(&f.output());
    let size = |p: &str| files.get(p).map_or(0, Vec::len);
    let assets = size("style.css") + size("site.js");
    assert!(assets > 10_000, "style.css and site.js are there");
    let tools = size("tools.js");
    assert!(
        tools > 1_000 && tools <= TOOLS_BUDGET,
        "tools.js: {tools} bytes"
    );
    let mut heaviest = (0, String::new());
    for (path, html) in files
        .iter()
        .filter(|(p, _)| p.starts_with("guides/") && p.ends_with(".html"))
    {
        let total = html.len() + assets;
        assert!(
            total <= GUIDE_BUDGET,
            "{path}: {} + {assets} bytes > {GUIDE_BUDGET}",
            html.len()
        );
        heaviest = heaviest.max((total, path.clone()));
    }
    assert!(
        heaviest.0 > 30_000,
        "the heaviest guide is the long one: {heaviest:?}"
    );
    eprintln!(
        "heaviest guide with CSS and JS: {} bytes ({}), tools.js {tools} bytes",
        heaviest.0, heaviest.1
    );

    // No web fonts, no other site's files, no images but small inline SVG; share.png is
    // the card of a shared link (Open Graph wants a raster picture), fetched by the chat
    // app that shows the card, never by a page.
    let css = String::from_utf8_lossy(&files["style.css"]).into_owned();
    for banned in ["@font-face", "@import", "url("] {
        assert!(!css.contains(banned), "style.css uses {banned}");
    }
    let theme = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    for entry in std::fs::read_dir(theme).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let len = entry.metadata().map_or(0, |m| m.len());
        if name == "share.png" {
            assert!(len < 16_000, "share.png is {len} bytes");
            continue;
        }
        assert!(
            [".css", ".js", ".svg"].iter().any(|e| name.ends_with(e)),
            "theme file {name} is not CSS, JS or a small SVG"
        );
        assert!(
            !name.ends_with(".svg") || len < 2_000,
            "{name} is {len} bytes"
        );
    }
    // (The 404 page names the site's own public address: see the test below.)
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(html).replace("\"https://liuwan.example.org/", "\"");
        for tag in [
            "<link rel=\"stylesheet\" href=\"http",
            "<script src=\"http",
            "<img src=\"http",
        ] {
            assert!(!html.contains(tag), "{path} loads from another site: {tag}");
        }
        let share = html.matches("share.png").count();
        let card = html
            .matches("<meta property=\"og:image\" content=\"share.png\">")
            .count();
        assert_eq!(share, card, "{path} loads share.png");
    }
}

/// The attribute values of `attr` in `html`.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    html.split(pat.as_str())
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn the_404_page_links_absolutely_when_base_url_is_set() {
    let f = Fixture::example_site();
    f.build_at(NOW).assert_ok();
    let html = f.read_output("404.html");
    let links: Vec<&str> = ["href", "src", "action"]
        .iter()
        .flat_map(|a| attrs(&html, a))
        .collect();
    assert!(links.len() > 10, "{links:?}");
    for l in &links {
        assert!(
            l.starts_with("https://liuwan.example.org/")
                || l.starts_with('#')
                || l.starts_with("tel:"),
            "404.html: `{l}` breaks when a server shows the page at a deep address"
        );
    }
    assert!(html.contains("href=\"https://liuwan.example.org/style.css?v="));
    assert!(
        !html.contains("rel=\"canonical\""),
        "a missing address has no canonical one"
    );
    // Every other page stays relative (file://, any subfolder).
    let guide = f.read_output("guides/hukou-qianru.html");
    assert!(guide.contains("href=\"../style.css?v="));

    // Without base_url there is no address to point at: the 404 page stays relative.
    let plain = Fixture::new();
    plain.build_at(NOW).assert_ok();
    let html = plain.read_output("404.html");
    assert!(html.contains("href=\"style.css?v=") && html.contains("href=\"index.html\""));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
}

#[test]
fn expiry_moments_are_the_end_of_the_day_written() {
    let f = Fixture::new();
    f.write(
        "content/notices/2026-11-01-day.md",
        "---\ntitle: 到某天\ndate: 2026-11-01\nexpires: 2027-02-28\nurgent: true\n---\n正文\n",
    );
    f.write(
        "content/notices/2026-11-01-time.md",
        "---\ntitle: 到某时\ndate: 2026-11-01\nexpires: 2027-01-05 18:00\n---\n正文\n",
    );
    f.build_at(NOW).assert_ok();
    // A bare day is in force through that day: the browser must not expire it at midnight
    // before (site.js compares the reader's clock with data-expires).
    let day = f.read_output("notices/day.html");
    assert!(
        day.contains("data-expires=\"2027-03-01T00:00:00+08:00\""),
        "{day}"
    );
    assert!(
        day.contains("有效期至 2027年2月28日"),
        "shown as the day written"
    );
    let home = f.read_output("index.html");
    assert!(home.contains("data-expires=\"2027-03-01T00:00:00+08:00\" data-hide-when-expired"));
    let time = f.read_output("notices/time.html");
    assert!(
        time.contains("data-expires=\"2027-01-05T18:00:00+08:00\""),
        "{time}"
    );
}

#[test]
fn css_and_scripts_are_linked_with_a_version_that_follows_their_content() {
    let version = |f: &Fixture, page: &str, file: &str| -> String {
        let html = f.read_output(page);
        let at = html
            .find(&format!("{file}?v="))
            .unwrap_or_else(|| panic!("{page} links {file} with ?v=: {html}"));
        html[at + file.len() + 3..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect()
    };
    let plain = Fixture::new();
    plain.build_at(NOW).assert_ok();
    let again = Fixture::new();
    again.build_at("2026-12-24T09:00:00+08:00").assert_ok();
    let restyled = Fixture::new();
    restyled.write(
        "themes/default/static/style.css",
        "body { font-size: 20px; }\n",
    );
    restyled.build_at(NOW).assert_ok();
    // A site's own static/style.css replaces the theme's: its bytes are what is served.
    let own_css = Fixture::new();
    own_css.write("static/style.css", "body { font-size: 22px; }\n");
    own_css.build_at(NOW).assert_ok();
    let own_css_edited = Fixture::new();
    own_css_edited.write("static/style.css", "body { font-size: 24px; }\n");
    own_css_edited.build_at(NOW).assert_ok();

    let css = version(&plain, "index.html", "style.css");
    assert_eq!(css.len(), 8, "{css}");
    assert_eq!(
        css,
        version(&again, "index.html", "style.css"),
        "another build of the same files keeps the version: browsers keep their copy"
    );
    assert_ne!(
        css,
        version(&restyled, "index.html", "style.css"),
        "a changed style.css gets a new version: browsers fetch it again"
    );
    assert_eq!(
        version(&plain, "index.html", "site.js"),
        version(&restyled, "index.html", "site.js"),
        "site.js did not change"
    );
    assert_eq!(
        own_css.read_output("style.css"),
        "body { font-size: 22px; }\n"
    );
    let own = version(&own_css, "index.html", "style.css");
    assert_ne!(
        own, css,
        "the site's own style.css is versioned by its own bytes"
    );
    assert_ne!(
        own,
        version(&own_css_edited, "index.html", "style.css"),
        "editing the site's own style.css gives a new version"
    );
    assert_eq!(
        version(&plain, "search/index.html", "search.js").len(),
        8,
        "the search page's own script too"
    );
}
