//! The smaller slips of careless input: tag addresses that must not move. Kept stable by
//! a real build.

mod site_fixture;

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
