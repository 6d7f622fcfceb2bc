//! Markdown to HTML with pulldown-cmark, plus what a Chinese station site needs on top:
//! emphasis that closes after CJK punctuation, readable heading anchors ([`super::headings`]),
//! links to other content files rewritten to their pages, phone numbers in the text linked
//! and counts kept with their measure words ([`super::phrases`]), and raw HTML sanitized.

use super::cjk_emphasis;
pub use super::headings::{heading_hint, heading_id};
use super::headings::{heading_level, unique_id};
use super::links::{rewrite_link, Links, Rewrite};
use super::phrases::{self, Piece};
use super::sanitize;
use crate::diagnostics::{Diagnostic, Lines, Position};
use crate::model::links::PUT_IMAGE_BESIDE;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

/// Why a `javascript:` (or similar) link is not written.
const UNSAFE_LINK: &str = "这种链接会在读者的浏览器里运行代码";
const SAFE_LINKS: &str = "链接只写网址（`https://…`）、电话（`tel:110`）或者网站里的页面（`../guides/hukou-qianru.md`）。";
const LINK_HINT: &str = "检查路径：从这个文件所在的位置算起（`../guides/hukou-qianru.md`），或者从 `content/` 算起（`@/guides/hukou-qianru.md`）。";

/// Where a Markdown text comes from, for diagnostics.
pub struct MarkdownSource<'a> {
    /// `content/faq/a.md`
    pub file: &'a str,
    pub body: &'a str,
    pub body_line: usize,
}

/// A link to a heading of another page, checked once every page's headings are known.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub target_path: String,
    pub anchor: String,
    pub position: Position,
}

#[derive(Debug, Clone)]
pub struct TocItem {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocItem>,
    /// The text without markup, for summaries and search (shared with the search index).
    pub text: Arc<str>,
    pub anchor_refs: Vec<AnchorRef>,
    /// Output paths of the files beside pages or in `static/` it links to: only files some
    /// published page uses are published.
    pub files: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Rendered {
    pub fn heading_ids(&self) -> HashSet<&str> {
        self.toc.iter().map(|t| t.id.as_str()).collect()
    }
}

/// The Markdown extensions bodies are parsed with (`check` parses them the same way).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(src: &MarkdownSource, links: &dyn Links) -> Rendered {
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(src.body, options())
        .into_offset_iter()
        .collect();
    let events = cjk_emphasis::close_unmatched(events, src.body);
    let mut walk = Walk {
        src,
        lines: Lines::new(src.body, src.body_line),
        links,
        out: Rendered::default(),
        text: String::new(),
        html_events: Vec::with_capacity(events.len()),
        used_ids: HashSet::new(),
        id_numbers: HashMap::new(),
        has_raw_html: false,
        same_page_anchors: Vec::new(),
        open_heading: None,
        dropped_links: 0,
        task_label_open: false,
        verbatim: 0,
    };
    for (event, range) in events {
        walk.event(event, range.start);
    }
    walk.finish()
}

/// One body's pass over its events: the HTML events to write, the plain text, the table
/// of contents and the diagnostics, with their offsets in the body.
struct Walk<'a, 'l> {
    src: &'l MarkdownSource<'a>,
    /// The body's lines, for the positions of its mistakes.
    lines: Lines<'a>,
    links: &'l dyn Links,
    out: Rendered,
    text: String,
    html_events: Vec<Event<'a>>,
    used_ids: HashSet<String>,
    /// The next number to try after each id already used, for [`unique_id`].
    id_numbers: HashMap<String, usize>,
    has_raw_html: bool,
    /// `#anchor` links, checked once every heading of the page is known.
    same_page_anchors: Vec<(String, usize)>,
    /// Index in html_events of the open heading's Start, and its text so far.
    open_heading: Option<(usize, String)>,
    /// Links whose target is not published render as their text only.
    dropped_links: usize,
    /// A task-list box waits for the end of its item's text to close its <label>.
    task_label_open: bool,
    /// Inside a link, an image's alt text, a heading or a code block: text is written as
    /// it is, without phone links or joiners.
    verbatim: usize,
}

impl<'a> Walk<'a, '_> {
    fn event(&mut self, event: Event<'a>, offset: usize) {
        if self.task_label_open && ends_task_text(&event) {
            self.html_events.push(Event::InlineHtml("</label>".into()));
            self.task_label_open = false;
        }
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::Heading { .. }) => {
                self.verbatim += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::Heading(_)) => {
                self.verbatim = self.verbatim.saturating_sub(1)
            }
            _ => {}
        }
        match event {
            Event::TaskListMarker(done) => {
                // pulldown-cmark writes a bare <input>, which has no accessible name (WCAG
                // 4.1.2): inside a <label> with the item's text, the box is named by its task,
                // in any language, and a screen reader says whether it is ticked.
                let html = if done { TASK_DONE } else { TASK_TODO };
                self.html_events.push(Event::InlineHtml(html.into()));
                self.task_label_open = true;
            }
            Event::Start(Tag::Heading { .. }) => {
                self.open_heading = Some((self.html_events.len(), String::new()));
                self.html_events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                self.close_heading(level);
                push_block_break(&mut self.text);
                self.html_events.push(event);
            }
            Event::Start(tag @ Tag::Link { .. }) => self.link(tag, offset),
            Event::End(TagEnd::Link) if self.dropped_links > 0 => {
                // pulldown-cmark does not nest links, so the next link end closes the dropped one.
                self.dropped_links -= 1;
            }
            Event::End(TagEnd::Link) => {
                self.verbatim = self.verbatim.saturating_sub(1);
                self.html_events.push(event);
            }
            Event::Start(tag @ Tag::Image { .. }) => self.image(tag, offset),
            Event::Html(ref raw) | Event::InlineHtml(ref raw) => {
                self.has_raw_html = true;
                if let Some(what) = sanitize::unsafe_part(raw) {
                    let d = Diagnostic::warning(format!("已去掉不安全的 HTML：{what}。"))
                        .with_hint("脚本、事件代码（`onclick=` 之类）、`javascript:` 链接、框架和表单一律不会发布；请用 Markdown 写正文，不要粘贴网页代码。");
                    self.report(d, offset);
                }
                self.html_events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, heading)) = self.open_heading.as_mut() {
                    heading.push_str(t);
                }
                self.text.push_str(t);
                match event {
                    Event::Text(t) if self.verbatim == 0 => self.phrases(t),
                    other => self.html_events.push(other),
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                // Chinese lines wrapped in the source must not gain a space between characters.
                if !self.text.ends_with(is_cjk) {
                    self.text.push(' ');
                }
                self.html_events.push(event);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => {
                push_block_break(&mut self.text);
                self.html_events.push(event);
            }
            other => self.html_events.push(other),
        }
    }

    /// Gives the heading that ends its id (its own `{#id}`, else one made from its text,
    /// unique in the page) and its entry in the table of contents.
    fn close_heading(&mut self, level: HeadingLevel) {
        let Some((start, text)) = self.open_heading.take() else {
            return;
        };
        if let Event::Start(Tag::Heading { id, .. }) = &mut self.html_events[start] {
            let wanted = id
                .as_deref()
                .map(str::to_owned)
                .unwrap_or_else(|| heading_id(&text));
            let unique = unique_id(wanted, &mut self.used_ids, &mut self.id_numbers);
            *id = Some(CowStr::from(unique.clone()));
            self.out.toc.push(TocItem {
                level: heading_level(level),
                id: unique,
                text: text.trim().to_owned(),
            });
        }
    }

    /// A link: to a content file it becomes a link to its page; a broken one is an error,
    /// and one to a page not published yet shows as its text.
    fn link(&mut self, mut tag: Tag<'a>, offset: usize) {
        let Tag::Link { dest_url, .. } = &mut tag else {
            return;
        };
        match rewrite_link(dest_url, self.links) {
            Rewrite::Keep => {}
            Rewrite::To(url, anchor) => {
                if let Some((target_path, anchor)) = anchor {
                    self.out.anchor_refs.push(AnchorRef {
                        target_path,
                        anchor,
                        position: self.position(offset),
                    });
                }
                *dest_url = url.into();
            }
            Rewrite::SamePage(anchor) => self.same_page_anchors.push((anchor, offset)),
            Rewrite::Broken { reason, fatal } => {
                let d = if fatal {
                    Diagnostic::error(format!("链接 `{dest_url}` 打不开：{reason}。"))
                        .with_hint(LINK_HINT)
                } else {
                    Diagnostic::warning(format!("链接 `{dest_url}` 只显示为文字：{reason}。"))
                        .with_hint("那一页发布以后，这个链接会自动生效。")
                };
                return self.drop_link(d, offset);
            }
            Rewrite::Unsafe => {
                let d =
                    Diagnostic::warning(format!("链接 `{dest_url}` 只显示为文字：{UNSAFE_LINK}。"))
                        .with_hint(SAFE_LINKS);
                return self.drop_link(d, offset);
            }
        }
        self.verbatim += 1;
        self.html_events.push(Event::Start(tag));
    }

    /// Running text, with its phone numbers as links and its counts joined to their
    /// measure words; text without either is passed on as it is.
    fn phrases(&mut self, text: CowStr<'a>) {
        let pieces = phrases::pieces(&text);
        if let [Piece::Text(std::borrow::Cow::Borrowed(_))] = pieces.as_slice() {
            self.html_events.push(Event::Text(text));
            return;
        }
        for piece in pieces {
            self.html_events.push(match piece {
                Piece::Text(t) => Event::Text(t.into_owned().into()),
                Piece::Tel { shown, dial } => {
                    Event::InlineHtml(phrases::tel_link(shown, &dial).into())
                }
            });
        }
    }

    /// A link that is not written: it shows as its text, with `d` saying why.
    fn drop_link(&mut self, d: Diagnostic, offset: usize) {
        self.report(d, offset);
        self.dropped_links += 1;
    }

    /// An image beside the page gets its URL in the output; a missing one is an error.
    fn image(&mut self, mut tag: Tag<'a>, offset: usize) {
        let Tag::Image { dest_url, .. } = &mut tag else {
            return;
        };
        match rewrite_link(dest_url, self.links) {
            Rewrite::Broken { reason, .. } => {
                let d = Diagnostic::error(format!("找不到图片 `{dest_url}`：{reason}。"))
                    .with_hint(format!("{PUT_IMAGE_BESIDE}。"));
                self.report(d, offset);
            }
            Rewrite::Unsafe => {
                let d = Diagnostic::error(format!("图片 `{dest_url}` 不能用：{UNSAFE_LINK}。"))
                    .with_hint(format!("{PUT_IMAGE_BESIDE}。"));
                self.report(d, offset);
            }
            Rewrite::To(url, _) => *dest_url = url.into(),
            Rewrite::Keep | Rewrite::SamePage(_) => {}
        }
        self.html_events.push(Event::Start(tag));
    }

    fn position(&self, offset: usize) -> Position {
        self.lines.position(offset)
    }

    fn report(&mut self, d: Diagnostic, offset: usize) {
        let d = d
            .in_file(self.src.file)
            .at(self.position(offset))
            .with_line_of(&self.lines);
        self.out.diagnostics.push(d);
    }

    fn finish(mut self) -> Rendered {
        let mut hint = None;
        for (anchor, offset) in std::mem::take(&mut self.same_page_anchors) {
            if !self.used_ids.contains(&anchor) {
                // Made once: a page's headings listed for each of thousands of bad links
                // would cost their product.
                let hint = hint.get_or_insert_with(|| {
                    heading_hint(self.out.toc.iter().map(|t| t.id.as_str()))
                });
                let d = Diagnostic::error(format!("链接 `#{anchor}` 指向的小标题，这一页里没有。"))
                    .with_hint(hint.clone());
                self.report(d, offset);
            }
        }
        let mut html = String::with_capacity(self.src.body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.html_events.into_iter());
        let mut out = self.out;
        out.html = if self.has_raw_html {
            sanitize::clean(&html)
        } else {
            html
        };
        out.text = Arc::from(self.text.trim());
        out
    }
}

const TASK_DONE: &str = "<label class=\"task\"><input type=\"checkbox\" disabled checked>";
const TASK_TODO: &str = "<label class=\"task\"><input type=\"checkbox\" disabled>";

/// Whether `event` ends the text of a task-list item: a <label> may hold only inline
/// content, so it closes before any block (a nested list, a second paragraph).
fn ends_task_text(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::Table(_)
        ) | Event::End(TagEnd::Paragraph | TagEnd::Item)
            | Event::Rule
    )
}

fn push_block_break(text: &mut String) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

fn is_cjk(c: char) -> bool {
    crate::diagnostics::is_wide(c)
}

#[cfg(test)]
mod tests {
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
        let r = md("## 没有居住证怎么办？\n\n## Step 1: ID card\n\n## 没有居住证怎么办\n\n## 自定义 {#custom}");
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
        let r =
            md("见[指南](../guides/hukou.md#材料)和[同一](@/guides/hukou.md)，![图](photo.jpg)");
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
            heads.iter().any(|h| h
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
        let r = md("<p onclick=\"steal()\">你好</p>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))");
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
        assert!(r.html.contains("<li><label class=\"task\"><input type=\"checkbox\" disabled checked>完成</label></li>"), "{}", r.html);
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
}
