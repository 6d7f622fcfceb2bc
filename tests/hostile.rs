//! Careless and hostile input against real builds: what is not published stays
//! unpublished.

mod site_fixture;

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
    f.write_bytes("content/notices/shuibiao.jpg", b"jpeg");
    f.write_bytes("content/notices/biaoge.pdf", b"%PDF");
    f.write(
        "content/stories/2026-11-02-b.md",
        "---\ntitle: 草稿故事\ndate: 2026-11-02\ndraft: true\nimage: caogao.jpg\nimage_alt: 草稿的照片\n---\n正文\n",
    );
    f.write_bytes("content/stories/caogao.jpg", b"draft photo");
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
