//! Careless and hostile input against real builds: what is not published stays
//! unpublished, many errors cost linear time and bounded memory, feeds stay well-formed
//! whatever the settings hold, and scripts in pictures never reach the site.

use crate::site_fixture;

use site_fixture::{Fixture, NOW};
use std::process::Command;

/// A published notice with its photo, a draft story and a scheduled notice with theirs,
/// and the leftovers editors and office programs put beside the pages.
fn site_with_leftovers() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/notices/2026-11-01-a.md",
        "---\ntitle: 停水通知\ndate: 2026-11-01\n---\n![水表](shuibiao.jpg)\n\n[下载表格](biaoge.pdf)\n",
    );
    // Real pictures: a file named as a photo that is none cannot be published.
    let jpeg = crate::photo_fixtures::encode_jpeg(&crate::photo_fixtures::picture(4, 4), 80);
    f.write_bytes("content/notices/shuibiao.jpg", &jpeg);
    f.write_bytes("content/notices/biaoge.pdf", b"%PDF");
    f.write(
        "content/stories/2026-11-02-b.md",
        "---\ntitle: 草稿故事\ndate: 2026-11-02\ndraft: true\nimage: caogao.jpg\nimage_alt: 草稿的照片\n---\n正文\n",
    );
    f.write_bytes("content/stories/caogao.jpg", &jpeg);
    f.write(
        "content/notices/2027-01-05-c.md",
        "---\ntitle: 春节安排\ndate: 2027-01-05\n---\n[安排表](anpai.pdf)\n",
    );
    f.write_bytes("content/notices/anpai.pdf", b"%PDF later");
    for leftover in [
        "content/notices/2026-11-01-plan.md.bak",
        "content/notices/内部名单.csv",
        "content/notices/notes.txt~",
        "content/notices/.2026-11-01-a.md.swp",
        "content/notices/#2026-11-01-a.md#",
        "content/notices/~$计划.docx",
        "content/notices/.DS_Store",
        "content/notices/Thumbs.db",
    ] {
        f.write(leftover, "机密：内部名单");
    }
    f
}

fn check(f: &Fixture, now: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["check", "--now", now, "--root"])
        .arg(f.root())
        .output()
        .expect("run bulletin check");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn only_files_a_published_page_uses_are_published() {
    let f = site_with_leftovers();
    f.build_at(NOW).assert_ok();
    assert!(f.output_exists("notices/shuibiao.jpg"));
    assert!(f.output_exists("notices/biaoge.pdf"));
    for unpublished in [
        "stories/caogao.jpg",
        "notices/anpai.pdf",
        "notices/2026-11-01-plan.md.bak",
        "notices/内部名单.csv",
        "notices/notes.txt~",
        "notices/#2026-11-01-a.md#",
        "notices/~$计划.docx",
        "notices/Thumbs.db",
    ] {
        assert!(!f.output_exists(unpublished), "{unpublished} was published");
    }
    assert!(!f.output_contains_anywhere("机密"));
    // Once the scheduled notice is due, its file goes out with it.
    f.build_at("2027-01-06T10:00:00+08:00").assert_ok();
    assert!(f.output_exists("notices/anpai.pdf"));
    assert!(!f.output_exists("stories/caogao.jpg"));
    // A preview with drafts shows the draft's photo.
    f.build(&["--now", NOW, "--drafts"]).assert_ok();
    assert!(f.output_exists("stories/caogao.jpg"));
}

#[test]
fn check_names_the_files_no_published_page_uses() {
    let f = site_with_leftovers();
    let out = check(&f, NOW);
    for unused in [
        "content/notices/内部名单.csv:",
        "content/stories/caogao.jpg:",
        "content/notices/anpai.pdf:",
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(unused) && l.contains("不会发布")),
            "{unused} not listed:\n{out}"
        );
    }
    assert!(!out.contains("content/notices/shuibiao.jpg"), "{out}");
    // Leftovers of editors are not content at all: not even worth a warning.
    assert!(!out.contains(".bak"), "{out}");
}

#[test]
fn twenty_thousand_bad_links_in_one_paragraph_cost_linear_memory() {
    let f = Fixture::new();
    let links: String = (0..20_000)
        .map(|i| format!("[第{i}条](#meiyou{i}) "))
        .collect();
    f.write(
        "content/faq/a.md",
        &format!("---\ntitle: 问题\n---\n## 答案\n\n{links}\n"),
    );
    let cost = f.build_measured(60);
    eprintln!("{:.1} s, {:.0} MB", cost.seconds, cost.peak_mb);
    assert!(cost.peak_mb < 300.0, "peak memory {:.0} MB", cost.peak_mb);
    let listed = cost.stderr.matches("错误：链接 `#meiyou").count();
    assert_eq!(
        listed,
        50,
        "{}",
        &cost.stderr[..2000.min(cost.stderr.len())]
    );
    assert!(
        cost.stderr.contains("这个文件还有 19950 个问题"),
        "{}",
        cost.stderr
    );
    assert!(cost.stderr.contains("共 20000 个错误"));
    // Each mistake shows its own part of the long line, caret under the link.
    assert!(cost.stderr.contains("[第49条](#meiyou49)"));
    assert!(
        !cost.stderr.contains("[第200条]"),
        "a whole paragraph under each mistake"
    );
}

#[test]
fn twenty_thousand_equal_headings_and_bad_links_one_per_line_take_linear_time() {
    let f = Fixture::new();
    let headings: String = (0..20_000).map(|_| "## 材料\n\n").collect();
    let links: String = (0..20_000)
        .map(|i| format!("[第{i}条](#meiyou{i})\n\n"))
        .collect();
    f.write(
        "content/faq/a.md",
        &format!("---\ntitle: 问题\n---\n{headings}{links}"),
    );
    let cost = f.build_measured(20);
    eprintln!("{:.1} s, {:.0} MB", cost.seconds, cost.peak_mb);
    assert!(cost.peak_mb < 300.0, "peak memory {:.0} MB", cost.peak_mb);
    assert!(cost.stderr.contains("共 20000 个错误"), "{}", cost.stderr);
    // The line of the last link is found: positions count lines from the file's start.
    assert!(cost.stderr.contains("这个文件还有 19950 个问题"));
}

#[test]
fn base_url_is_parsed_and_escaped_in_feeds_and_sitemap() {
    let f = Fixture::with_site_yaml(
        "title: 测试派出所\nbase_url: 'https://example.org/a&b/\"><script>alert(1)</script>'\n",
    );
    f.write(
        "content/notices/2026-11-01-a.md",
        "---\ntitle: 停水 & 停电\ndate: 2026-11-01\n---\n正文\n",
    );
    f.build_at(NOW).assert_ok();
    for file in ["atom.xml", "sitemap.xml"] {
        let xml = f.read_output(file);
        let doc = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("{file} is not well-formed: {e}\n{xml}"));
        assert!(!xml.contains("<script"), "{xml}");
        let locations: Vec<&str> = (doc.descendants())
            .filter_map(|n| {
                n.attribute("href")
                    .or_else(|| n.has_tag_name("loc").then(|| n.text()).flatten())
            })
            .collect();
        assert!(
            locations
                .iter()
                .any(|l| l.starts_with("https://example.org/a&b/%22%3E%3Cscript%3E")),
            "{file}: {locations:?}"
        );
    }
    assert!(!f.output_contains_anywhere("<script>alert(1)"));
    // An address that is no address is refused, with the fix.
    for bad in [
        "'https://'",
        "'https://exa mple.org/'",
        "'ftp://example.org/'",
        "'https://e.org/?a=1'",
        "'https://user:pw@e.org/'",
    ] {
        let f = Fixture::with_site_yaml(&format!("title: 测试派出所\nbase_url: {bad}\n"));
        f.build_at(NOW)
            .assert_failed()
            .assert_stderr_contains("site.yaml:2:")
            .assert_stderr_contains("`base_url` 不是能用的网址");
    }
}

#[test]
fn an_svg_picture_with_a_script_is_refused_and_nothing_is_written() {
    let f = Fixture::new();
    f.write(
        "content/stories/2026-11-01-a.md",
        "---\ntitle: 警务室\ndate: 2026-11-01\nimage: tu.svg\nimage_alt: 警务室\n---\n正文\n",
    );
    f.write(
        "content/stories/tu.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"1\"/>\n<script>fetch('/x?'+document.cookie)</script>\n</svg>\n",
    );
    f.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>\n",
    );
    f.build_at(NOW)
        .assert_failed()
        .assert_stderr_contains(
            "content/stories/tu.svg:3:1: 错误：这张 SVG 图片里有脚本（`<script>`）",
        )
        .assert_stderr_contains("static/logo.svg:1:")
        .assert_stderr_contains("事件代码")
        .assert_stderr_contains("提示：在绘图软件里重新导出");
    assert!(!f.output().exists());
    // Once redrawn without the script, it is published.
    f.write(
        "content/stories/tu.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\"/></svg>\n",
    );
    f.remove("static/logo.svg");
    f.build_at(NOW).assert_ok();
    assert!(f.output_exists("stories/tu.svg"));
}

/// Makes `path` impossible to remove (immutable as root, in a read-only folder otherwise),
/// or possible again.
fn pin(path: &std::path::Path, pinned: bool) {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        let flag = if pinned { "+i" } else { "-i" };
        let out = Command::new("chattr").arg(flag).arg(path).output();
        assert!(
            out.as_ref().is_ok_and(|o| o.status.success()),
            "chattr {flag} {}: {out:?}",
            path.display()
        );
    } else {
        use std::os::unix::fs::PermissionsExt;
        let folder = path.parent().expect("folder");
        let mode = if pinned { 0o555 } else { 0o755 };
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
}

fn old_outputs(f: &Fixture) -> Vec<String> {
    std::fs::read_dir(f.temp())
        .expect("read temp")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.old-"))
        .collect()
}

#[test]
fn an_old_output_that_cannot_be_removed_is_named_once_and_removed_later() {
    let f = Fixture::new();
    f.write(
        "content/notices/2026-11-01-a.md",
        "---\ntitle: 停水通知\ndate: 2026-11-01\n---\n正文\n",
    );
    f.build_at(NOW).assert_ok();
    let held = f.output().join("notices/a.html");
    pin(&held, true);
    let second = f.build_at(NOW);
    second.assert_ok();
    let left = old_outputs(&f);
    let pinned = f.temp().join(&left[0]).join("notices/a.html");
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(
        second.stderr.matches("上一次的输出没能删掉").count(),
        1,
        "{}",
        second.stderr
    );
    assert!(second.stderr.contains(".public.old-"));
    // Further builds try again and add nothing.
    for _ in 0..3 {
        f.build_at(NOW).assert_ok();
    }
    assert_eq!(old_outputs(&f), left);
    pin(&pinned, false);
    let freed = f.build_at(NOW);
    freed.assert_ok();
    assert!(old_outputs(&f).is_empty(), "{:?}", old_outputs(&f));
    assert!(!freed.stderr.contains("没能删掉"), "{}", freed.stderr);
    assert!(f.output_exists("notices/a.html"));
}
