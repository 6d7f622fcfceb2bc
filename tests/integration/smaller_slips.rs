//! The smaller slips of careless input: tag addresses that must not move, empty tags, a
//! page that is only a link to a file, an old address hiding `..`, years and numbers out of
//! range. Each is named, or kept stable, by a real build.

use crate::site_fixture;

use site_fixture::{Fixture, NOW};

fn notice(f: &Fixture, name: &str, front: &str) {
    f.write(
        &format!("content/notices/{name}.md"),
        &format!("---\ntitle: 通知{name}\ndate: 2026-11-01\n{front}---\n正文\n"),
    );
}

#[test]
fn a_tags_address_stays_when_another_tag_reads_the_same() {
    let f = Fixture::new();
    notice(&f, "2026-11-01-a", "tags: [户口]\n");
    f.build_at(NOW).assert_ok();
    assert!(f.read_output("tags/hukou.html").contains("户口"));
    notice(&f, "2026-11-01-b", "tags: [Hukou]\n");
    notice(&f, "2026-11-01-c", "tags: [湖口]\n");
    f.build_at(NOW).assert_ok();
    let page = f.read_output("tags/hukou.html");
    assert!(page.contains("<h1") && page.contains("户口"), "{page}");
    assert!(!page.contains("Hukou"), "{page}");
    let tags = std::fs::read_dir(f.output().join("tags")).expect("tags folder");
    let names: Vec<String> = tags
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.iter().filter(|n| n.starts_with("hukou")).count(),
        3,
        "{names:?}"
    );
}

#[test]
fn out_of_range_and_hidden_slips_are_named() {
    let f = Fixture::new();
    notice(&f, "2026-11-01-a", "tags: [户籍, '']\n");
    notice(
        &f,
        "2026-11-01-b",
        "aliases: ['%2e%2e/x.html', 'old/%2E%2E/%2e%2e/y.html']\n",
    );
    notice(&f, "2026-11-01-c", "updated: 0000-01-01\n");
    notice(&f, "2026-11-01-d", "weight: 99999999999999999999\n");
    let out = f.build_at(NOW);
    out.assert_failed()
        .assert_stderr_contains("content/notices/2026-11-01-a.md:4:1: 错误：这里有一个空的标签")
        .assert_stderr_contains("错误：旧网址 `%2e%2e/x.html` 不是网站里面的路径")
        .assert_stderr_contains("错误：旧网址 `old/%2E%2E/%2e%2e/y.html` 不是网站里面的路径")
        .assert_stderr_contains("只能是 1900 到 2200 年之间")
        .assert_stderr_contains("这个数字太大了");
    assert!(!f.output().exists());
}

#[test]
fn a_page_that_is_a_symbolic_link_is_named() {
    let f = Fixture::new();
    notice(&f, "2026-11-01-a", "");
    let outside = f.temp().join("elsewhere.md");
    std::fs::write(&outside, "---\ntitle: 别处\n---\n正文\n").expect("write");
    std::fs::create_dir_all(f.root().join("content/faq")).expect("mkdir");
    std::os::unix::fs::symlink(&outside, f.root().join("content/faq/link.md")).expect("symlink");
    let out = f.build_at(NOW);
    out.assert_ok()
        .assert_stderr_contains("content/faq/link.md: 警告：这是一个快捷方式（符号链接）");
    assert!(!f.output_exists("faq/link.html"));
}
