//! Careless and hostile sites, generated: front matter, Markdown bodies and `site.yaml`
//! pieced together from the slips staff make and the input an attacker would try (YAML
//! aliases that multiply, deep nesting, huge numbers, stray fences, raw HTML, broken
//! links). Every site builds or is refused with errors; none panics, hangs or takes more
//! than its time and memory.
//!
//! `cargo test --test integration fuzz::` runs a bounded number of sites
//! (`BULLETIN_FUZZ_CASES`, 24 by default); raise it for a longer search:
//! `BULLETIN_FUZZ_CASES=2000 cargo test --test integration fuzz::`.

use crate::site_fixture;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use site_fixture::Fixture;

/// Per build: far above what any of these sites needs, far below what a blow-up takes.
const LIMIT_S: u64 = 20;
const LIMIT_MB: f64 = 300.0;

const KEYS: &[&str] = &[
    "title",
    "slug",
    "date",
    "updated",
    "summary",
    "tags",
    "category",
    "weight",
    "draft",
    "aliases",
    "extra",
    "related",
    "image",
    "image_alt",
    "expires",
    "pinned",
    "urgent",
    "materials",
    "steps",
    "where",
    "hours",
    "fees",
    "duration",
    "eligibility",
    "expire",
    "　pinned",
    "title：",
    "\ttags",
    "",
];

const VALUES: &[&str] = &[
    "停水通知", "\"\"", "''", "1e24", "-1", "9223372036854775808", "0000-01-01", "2026-02-30",
    "2026-11-20", "2026-11-20T25:00:00+08:00", "true", "是", "~", "null", "[", "]", "{",
    "[a, b", "[户籍, 户籍, 户口, Hukou, hukou, '']", "&a [1, 2]", "*a", "*missing", "!!binary x",
    "'unclosed", "\"\\u0000\"", "..", "../../etc/passwd", "%2e%2e/x", "http://evil.example/",
    "<script>alert(1)</script>", "javascript:alert(1)", "@/guides/none.md", "a.jpg",
    "|\n  block", ">-\n  folded", "- a\n  - b", "{a: {b: {c: {d: []}}}}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "长", "　", "：", "- name：身份证",
];

const BODY: &[&str] = &[
    "正文",
    "## 材料\n",
    "## 材料\n",
    "# 标题 {#id}\n",
    "[链接](#meiyou)",
    "[页](../faq/none.md)",
    "[页](@/notices/x.md#a)",
    "![](a.jpg)",
    "![图](nope.png)",
    "**粗体",
    "*斜体*",
    "<script>x</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "|a|b|\n|-|-|\n|1|2|",
    "```\ncode\n",
    "> 引用\n",
    "- [ ] 任务\n",
    "[^1]\n\n[^1]: 注",
    "\t缩进",
    "---\n",
    "－－－\n",
    "[x]: <>",
    "<!--",
    "&#0;",
    "\u{0}",
    "\u{feff}",
    "https://example.org/a&b",
    "\n\n",
    "　",
];

const SITE: &[&str] = &[
    "title: 测试派出所\n", "title: ''\n", "base_url: https://example.org/a&b/\n",
    "base_url: 'https://exa mple.org'\n", "base_url: javascript:alert(1)\n", "language: en\n",
    "language: xx\n", "timezone: Mars/Base\n", "paginate: 0\n", "paginate: -5\n",
    "paginate: 1e24\n", "theme: ../../x\n", "menu:\n  - { title: 通知, section: notices }\n",
    "menu: [{title: x, url: 'javascript:alert(1)'}]\n", "contact:\n  phone: [1, 2]\n",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "title：派出所\n", "\ttitle: x\n", "extra: {a: {b: {c: {d: {e: 1}}}}}\n",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(list)
}

/// Some pieces from `list`, or any short text, joined.
fn text(list: &'static [&'static str], most: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![4 => pick(list).prop_map(str::to_owned), 1 => any::<String>().prop_map(|s| s.chars().take(20).collect())];
    proptest::collection::vec(piece, 0..most).prop_map(|p| p.concat())
}

fn front_matter() -> impl Strategy<Value = String> {
    let line = (pick(KEYS), pick(VALUES), any::<bool>()).prop_map(|(k, v, colon)| {
        if colon {
            format!("{k}: {v}\n")
        } else {
            format!("{k}{v}\n")
        }
    });
    proptest::collection::vec(line, 0..8).prop_map(|lines| lines.concat())
}

#[derive(Debug, Clone)]
struct Site {
    site_yaml: String,
    pages: Vec<(usize, String, String)>,
}

const FOLDERS: [&str; 5] = ["notices", "guides", "faq", "stories", "pages"];

fn site() -> impl Strategy<Value = Site> {
    let page = (0..FOLDERS.len(), front_matter(), text(BODY, 12));
    (text(SITE, 5), proptest::collection::vec(page, 1..5)).prop_map(|(site_yaml, pages)| Site {
        site_yaml: format!("title: 测试派出所\n{site_yaml}"),
        pages,
    })
}

fn cases() -> u32 {
    std::env::var("BULLETIN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

#[test]
fn generated_sites_build_or_are_refused_without_panic_in_time_and_memory() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        max_shrink_iters: 64,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&site(), |site| {
        let f = Fixture::with_site_yaml(&site.site_yaml);
        for (i, (folder, front, body)) in site.pages.iter().enumerate() {
            // Half the pages open and close their front matter properly.
            let text = if i % 2 == 0 {
                format!("---\n{front}---\n{body}\n")
            } else {
                format!(
                    "---\ntitle: 第{i}页\ndate: 2026-11-0{}\n{front}---\n{body}\n",
                    i % 9 + 1
                )
            };
            f.write(
                &format!("content/{}/2026-11-01-p{i}.md", FOLDERS[*folder]),
                &text,
            );
        }
        f.write_bytes("content/stories/a.jpg", b"\xff\xd8\xff");
        let cost = f.build_measured(LIMIT_S);
        prop_assert!(
            matches!(cost.code, Some(0 | 1)),
            "exit {:?}: {}",
            cost.code,
            cost.stderr
        );
        prop_assert!(!cost.stderr.contains("panicked"), "{}", cost.stderr);
        prop_assert!(cost.peak_mb < LIMIT_MB, "{:.0} MB", cost.peak_mb);
        if cost.code == Some(1) {
            prop_assert!(cost.stderr.contains("错误："), "{}", cost.stderr);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The loaders alone, in this process, many more times: a panic anywhere fails the test.
#[test]
fn front_matter_and_site_yaml_never_panic() {
    let mut runner = TestRunner::new(Config {
        cases: cases() * 40,
        failure_persistence: None,
        ..Config::default()
    });
    let inputs = (front_matter(), text(BODY, 20), text(SITE, 6));
    let result = runner.run(&inputs, |(front, body, site)| {
        let page = format!("---\n{front}---\n{body}\n");
        let started = std::time::Instant::now();
        let _ = bulletin::load::front_matter::split(&page, "content/faq/a.md");
        let _ = bulletin::config::from_text(&format!("title: 测试\n{site}"));
        prop_assert!(started.elapsed().as_secs() < 5, "slow on {page:?}");
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
