//! `bulletin check` on fixture sites: the warnings staff need, one line per finding with
//! file, line and column, the count, the exit codes, `--strict`, and that nothing is written.

use crate::photo_fixtures::noise_jpeg;
use crate::serve_support;

use serve_support::{Site, NOW};
use std::path::Path;
use std::process::Command;

struct Checked {
    code: Option<i32>,
    lines: Vec<String>,
    stderr: String,
}

fn check(root: &Path, extra: &[&str]) -> Checked {
    let out = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(["--now", NOW])
        .args(extra)
        .output()
        .expect("run bulletin check");
    Checked {
        code: out.status.code(),
        lines: String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Checked {
    fn has(&self, start: &str) -> bool {
        self.lines.iter().any(|l| l.starts_with(start))
    }

    fn assert_has(&self, start: &str) {
        assert!(
            self.has(start),
            "no line starts with {start:?}:\n{}",
            self.lines.join("\n")
        );
    }
}

#[test]
fn staff_warnings_each_on_one_line_with_where() {
    let site = Site::fixture("check-site");
    let c = check(&site.root, &[]);
    assert_eq!(
        c.code,
        Some(0),
        "warnings alone do not fail:\n{}\n{}",
        c.lines.join("\n"),
        c.stderr
    );
    for start in [
        "content/notices/2026-11-01-zhiding.md:4:1: 警告：这条通知置顶了，但没有写 `expires`：",
        "content/notices/2026-11-02-jinji.md:4:1: 警告：这条通知标成了紧急，但没有写 `expires`：",
        "content/notices/2026-10-01-guoqi.md:4:1: 警告：这条紧急通知已经在 2026-10-08 到期：",
        "content/guides/hukou-qianru.md:2:1: 警告：这篇指南没有写 `materials`：",
        "content/guides/hukou-qianru.md:2:1: 警告：这篇指南没有写 `hours`：",
        "content/stories/2026-09-01-zhaopian.md:7:1: 警告：这张图片没有文字说明（alt 文字）：",
        "content/stories/2026-09-01-zhaopian.md:9:4: 警告：这个 `<img>` 没有 alt 文字：",
        "content/pages/cuhao.md:2:1: 警告：从首页出发，没有任何链接能到达这一页",
        "content/faq/zhaiyao.md:3:1: 警告：摘要有 115 个字：",
        "content/pages/cuhao.md:6:1: 警告：这些星号会原样显示出来：",
        // Guides and notices print with a QR code of their address, which needs base_url.
        "site.yaml: 警告：`site.yaml` 没有写 `base_url`：打印出来的办事指南和通知上不会有二维码",
    ] {
        c.assert_has(start);
    }
    // What is right is not reported: the notice with an end, paired bold, an image with a
    // description, `5*3`, escaped asterisks, a page reached from the home page.
    assert!(
        !c.lines.iter().any(|l| l.contains("zhengchang.md")),
        "{}",
        c.lines.join("\n")
    );
    assert!(!c.has("content/stories/2026-09-01-zhaopian.md:11:"));
    assert!(!c.has("content/pages/cuhao.md:8:"));
    assert!(!c
        .lines
        .iter()
        .any(|l| l.contains("guides/hukou-qianru.md:2:1: 警告：从首页出发，没有任何链接")));
    // Then the count.
    assert_eq!(
        c.lines.last().map(String::as_str),
        Some("共 0 个错误，12 个警告（检查了 8 个页面）")
    );
    // Every finding is one line, with a hint on the same line.
    assert_eq!(c.lines.len(), 13);
    assert!(c.lines[..12].iter().all(|l| l.contains("。提示：")));
    // Nothing was written.
    assert!(!site.path("public").exists());
}

#[test]
fn strict_makes_warnings_errors() {
    let site = Site::fixture("check-site");
    let c = check(&site.root, &["--strict"]);
    assert_eq!(c.code, Some(1));
    c.assert_has("content/notices/2026-11-01-zhiding.md:4:1: 错误：这条通知置顶了");
    assert_eq!(
        c.lines.last().map(String::as_str),
        Some("共 12 个错误，0 个警告（检查了 8 个页面）")
    );
}

#[test]
fn what_a_build_refuses_is_an_error_and_exit_1() {
    let site = Site::fixture("check-site");
    site.save(
        "content/notices/2026-11-04-cuowu.md",
        "---\ntitle: 有错误的通知\ndate: 2026-11-04\nexpire: 2026-12-01\n---\n见[旧页](../guides/jiu.md)。\n",
    );
    let c = check(&site.root, &[]);
    assert_eq!(c.code, Some(1));
    c.assert_has("content/notices/2026-11-04-cuowu.md:4:1: 错误：不认识的字段 `expire`。提示：是不是要写 `expires`？");
    c.assert_has("content/notices/2026-11-04-cuowu.md:6:2: 错误：链接 `../guides/jiu.md` 打不开：没有 `content/guides/jiu.md` 这个页面。");
    // The staff warnings are still there.
    c.assert_has("content/notices/2026-11-01-zhiding.md:4:1: 警告：");
    assert!(
        c.lines
            .last()
            .is_some_and(|l| l.starts_with("共 2 个错误，")),
        "{:?}",
        c.lines.last()
    );
    assert!(!site.path("public").exists());
}

#[test]
fn drafts_are_checked_on_request() {
    let site = Site::fixture("check-site");
    site.save(
        "content/notices/2026-11-05-caogao.md",
        "---\ntitle: 草稿\ndate: 2026-11-05\ndraft: true\npinned: true\n---\n正文。\n",
    );
    assert!(!check(&site.root, &[]).has("content/notices/2026-11-05-caogao.md"));
    check(&site.root, &["--drafts"])
        .assert_has("content/notices/2026-11-05-caogao.md:5:1: 警告：这条通知置顶了");
}

#[test]
fn photos_too_heavy_for_a_phone_are_named_with_their_size() {
    let site = Site::fixture("check-site");
    // A camera's picture, and a small one beside it (only the heavy one is named).
    let heavy = noise_jpeg(700, 500);
    std::fs::write(site.path("content/stories/xiangji.JPG"), &heavy).unwrap();
    std::fs::write(site.path("content/stories/xiao.jpg"), noise_jpeg(200, 150)).unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    std::fs::write(site.path("static/banner.png"), vec![0u8; 700_000]).unwrap();
    let c = check(&site.root, &[]);
    assert_eq!(c.code, Some(1), "{}", c.lines.join("\n"));
    let mb = heavy.len() as f64 / (1024.0 * 1024.0);
    c.assert_has(&format!("content/stories/xiangji.JPG: 警告：这张图片有 {mb:.1} MB：居民用手机流量打开这一页要等很久。提示：缩小以后再放进来"));
    let small = |l: &&String| l.starts_with("content/stories/xiao.jpg") && l.contains("MB");
    assert!(!c.lines.iter().any(|l| small(&l)), "{}", c.lines.join("\n"));
    // Named `.png`, but no picture: it cannot be cleaned, so it cannot be published.
    c.assert_has(
        "static/banner.png: 错误：这个文件的名字是照片，里面却不是 JPEG、PNG 或 WebP 图片",
    );
}

#[test]
fn a_copied_page_whose_title_was_not_changed_is_named() {
    let site = Site::fixture("check-site");
    let notice =
        "---\ntitle: 春节期间户籍窗口安排\ndate: 2026-01-20\nexpires: 2026-02-20\n---\n正文。\n";
    // Last year's notice, expired, may share the title; this year's copy of it, twice, not.
    site.save("content/notices/2026-01-20-chunjie.md", notice);
    let this_year = notice.replace("2026-0", "2026-1");
    site.save("content/notices/2026-11-20-chunjie.md", &this_year);
    site.save("content/notices/2026-11-21-chunjie.md", &this_year);
    let c = check(&site.root, &[]);
    c.assert_has("content/notices/2026-11-21-chunjie.md:2:1: 警告：`content/notices/2026-11-20-chunjie.md` 也叫“春节期间户籍窗口安排”：两个页面同一个标题。");
    let named: Vec<&String> = (c.lines.iter())
        .filter(|l| l.contains("两个页面同一个标题"))
        .collect();
    assert_eq!(named.len(), 1, "{}", c.lines.join("\n"));
}

#[test]
fn the_example_site_is_clean() {
    let c = check(Path::new(env!("CARGO_MANIFEST_DIR")), &[]);
    assert_eq!(c.code, Some(0), "{}\n{}", c.lines.join("\n"), c.stderr);
    assert!(c
        .lines
        .last()
        .is_some_and(|l| l.starts_with("共 0 个错误，")));
}

#[test]
fn a_bad_now_is_a_usage_error() {
    let site = Site::fixture("check-site");
    let out = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["check", "--now", "tomorrow", "--root"])
        .arg(&site.root)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

/// A key written into site.yaml, where `bulletin deploy` never reads one: a warning on
/// its line, saying to move it into the environment.
#[test]
fn a_key_in_site_yaml_is_warned_of() {
    let site = Site::fixture("check-site");
    let yaml = site.path("site.yaml");
    let mut text = std::fs::read_to_string(&yaml).expect("site.yaml");
    text.push_str("extra:\n  oss_secret: abc123\n  bucket_id: AKIAIOSFODNN7EXAMPLE\n");
    std::fs::write(&yaml, text).expect("site.yaml");
    let c = check(&site.root, &[]);
    assert_eq!(c.code, Some(0), "{}\n{}", c.lines.join("\n"), c.stderr);
    c.assert_has(
        "site.yaml:10:3: 警告：`oss_secret` 这一行看起来是密钥，不应该写在 site.yaml 里。",
    );
    c.assert_has("site.yaml:11:3: 警告：`bucket_id` 这一行看起来是密钥");
    let line = (c.lines.iter())
        .find(|l| l.starts_with("site.yaml:10:3:"))
        .expect("the warning");
    assert!(line.contains("AWS_ACCESS_KEY_ID"), "{line}");
}
