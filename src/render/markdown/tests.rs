//! The Markdown renderer on bodies as staff write them.

use super::*;
use crate::render::links::LinkTarget;

struct TestLinks;
impl Links for TestLinks {
    fn resolve(&self, target: &str) -> LinkTarget {
        match target {
            "../guides/hukou.md" | "@/guides/hukou.md" => {
                LinkTarget::Page("guides/hukou.html".into())
            }
            "photo.jpg" => LinkTarget::File("faq/photo.jpg".into()),
            "draft.md" => LinkTarget::Broken {
                reason: "它是草稿".into(),
                fatal: false,
            },
            _ => LinkTarget::Broken {
                reason: "没有这个页面".into(),
                fatal: true,
            },
        }
    }
    fn page_path(&self) -> &str {
        "faq/a.html"
    }
    fn site_address(&self) -> Option<&str> {
        Some("https://example.org/station/")
    }
}

fn md(body: &str) -> Rendered {
    render(
        &MarkdownSource {
            file: "content/faq/a.md",
            body,
            body_line: 4,
        },
        &TestLinks,
    )
}

#[test]
fn chinese_emphasis_after_punctuation_is_bold() {
    let r = md("**注意：**请带好身份证。");
    assert_eq!(r.html, "<p><strong>注意：</strong>请带好身份证。</p>\n");
    let r = md("请携带**《居住证》**原件");
    assert!(
        r.html.contains("<strong>《居住证》</strong>原件"),
        "{}",
        r.html
    );
    let r = md("*提示：*先取号");
    assert!(r.html.contains("<em>提示：</em>先取号"), "{}", r.html);
    // Escaped asterisks stay literal.
    let r = md("\\*\\*注意：\\*\\*正文");
    assert!(!r.html.contains("<strong>"), "{}", r.html);
}

#[test]
fn heading_ids_are_readable_and_unique() {
    let r = md(
        "## 没有居住证怎么办？\n\n## Step 1: ID card\n\n## 没有居住证怎么办\n\n## 自定义 {#custom}",
    );
    let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "没有居住证怎么办",
            "step-1-id-card",
            "没有居住证怎么办-1",
            "custom"
        ]
    );
    assert!(r
        .html
        .contains("<h2 id=\"没有居住证怎么办\">没有居住证怎么办？</h2>"));
}

#[test]
fn phone_numbers_in_the_text_dial_and_counts_keep_their_measure_words() {
    let r = md("## 拨打 110\n\n预约请打 012-3456 7891，复印件2张。[热线 12345](https://e.org/)、`110`\n\n```\n110\n```");
    assert!(
        r.html.contains(
            "预约请打 <a href=\"tel:01234567891\">012-3456 7891</a>，复印件2\u{2060}张。"
        ),
        "{}",
        r.html
    );
    assert_eq!(r.html.matches("tel:").count(), 1, "{}", r.html);
    assert!(
        r.html.contains("<h2 id=\"拨打-110\">拨打 110</h2>"),
        "{}",
        r.html
    );
    assert!(
        r.text.contains("复印件2张"),
        "the plain text has no joiners"
    );
}

#[test]
fn links_to_content_files_become_relative_page_links() {
    let r = md("见[指南](../guides/hukou.md#材料)和[同一](@/guides/hukou.md)，![图](photo.jpg)");
    assert!(
        r.html
            .contains("href=\"../guides/hukou.html#%E6%9D%90%E6%96%99\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"../guides/hukou.html\""));
    assert!(r.html.contains("src=\"photo.jpg\""));
    assert_eq!(r.anchor_refs.len(), 1);
    assert_eq!(r.anchor_refs[0].anchor, "材料");
    assert!(r.diagnostics.is_empty());
}

#[test]
fn the_sites_own_addresses_become_relative_links() {
    let r = md(concat!(
        "[a](https://example.org/station/guides/hukou.html#材料) ",
        "[b](HTTP://Example.org/station/) ",
        "[c](/notices/) ",
        "[d](https://example.org/stationery/x.html) ",
        "[e](https://example.org/other.html)",
    ));
    for (name, href) in [
        ("a", "../guides/hukou.html#%E6%9D%90%E6%96%99"),
        ("b", "../index.html"),
        ("c", "../notices/index.html"),
        ("d", "https://example.org/stationery/x.html"),
        ("e", "https://example.org/other.html"),
    ] {
        let want = format!("<a href=\"{href}\">{name}</a>");
        assert!(r.html.contains(&want), "{want} in {}", r.html);
    }
}

#[test]
fn broken_links_are_errors_with_their_line() {
    let r = md("第一行\n\n见[旧页](../guides/old.md)和[草稿](draft.md)\n\n[跳](#nowhere)");
    let heads: Vec<String> = r.diagnostics.iter().map(|d| d.headline()).collect();
    assert!(
        heads
            .iter()
            .any(|h| h
                == "content/faq/a.md:6:2: 错误：链接 `../guides/old.md` 打不开：没有这个页面。"),
        "{heads:?}"
    );
    assert!(
        heads.iter().any(
            |h| h.starts_with("content/faq/a.md:6:").then_some(()).is_some()
                && h.contains("警告：链接 `draft.md` 只显示为文字：它是草稿。")
        ),
        "{heads:?}"
    );
    assert!(
        heads
            .iter()
            .any(|h| h.starts_with("content/faq/a.md:8:1: 错误：链接 `#nowhere` 指向的小标题")),
        "{heads:?}"
    );
    assert!(r.html.contains("草稿") && !r.html.contains("draft.md"));
}

#[test]
fn raw_html_is_sanitized_with_a_warning() {
    let r = md(
        "<p onclick=\"steal()\">你好</p>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
    );
    assert!(!r.html.contains("onclick"));
    assert!(!r.html.contains("<script"));
    assert!(!r.html.contains("javascript:"), "{}", r.html);
    assert!(r.diagnostics.iter().any(|d| d.message
        == "已去掉不安全的 HTML：事件代码 `onclick=`。"
        && d.position.unwrap().line == 4));
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.message == "已去掉不安全的 HTML：`<script>` 标签。"
            && d.position.unwrap().line == 6));
}

#[test]
fn tables_footnotes_tasks_strikethrough() {
    let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n脚注[^1]\n\n[^1]: 说明\n\n- [x] 完成\n- [ ] 未完成\n\n~~旧~~");
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("footnote"));
    assert!(r.html.contains("<del>旧</del>"));
}

#[test]
fn task_boxes_are_named_by_their_text() {
    let r = md("- [x] 完成\n- [ ] 未完成\n  - 子项\n\n1. [ ] 松散\n\n   第二段");
    assert!(
        r.html.contains(
            "<li><label class=\"task\"><input type=\"checkbox\" disabled checked>完成</label></li>"
        ),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(
            "<label class=\"task\"><input type=\"checkbox\" disabled>未完成</label>\n<ul>"
        ),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(
            "<p><label class=\"task\"><input type=\"checkbox\" disabled>松散</label></p>"
        ),
        "{}",
        r.html
    );
    assert_eq!(
        r.html.matches("<label").count(),
        r.html.matches("</label>").count()
    );
    // Raw HTML elsewhere sends the page through the sanitizer, which keeps the labels.
    let r = md("- [x] 完成 <b>好</b>");
    assert!(r.html.contains("<label class=\"task\"><input type=\"checkbox\" disabled=\"\" checked=\"\">完成 <b>好</b></label>"), "{}", r.html);
}

#[test]
fn plain_text_keeps_chinese_lines_joined() {
    let r = md("第一行\n第二行\n\n## 标题\n\n正文");
    assert_eq!(&*r.text, "第一行第二行\n标题\n正文");
}
