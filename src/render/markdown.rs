//! Markdown to HTML with pulldown-cmark, plus what a Chinese station site needs on top:
//! emphasis that closes after CJK punctuation, readable heading anchors, links to other
//! content files rewritten to their pages, and raw HTML sanitized.

use super::cjk_emphasis;
use super::links::{rewrite_link, Links, Rewrite};
use super::sanitize;
use crate::diagnostics::{Diagnostic, Position};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

/// Where a Markdown text comes from, for diagnostics.
pub struct MarkdownSource<'a> {
    /// `content/faq/a.md`
    pub file: &'a str,
    /// The whole file, for snippets.
    pub file_text: &'a str,
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
    let mut out = Rendered::default();
    let mut text = String::new();
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(src.body, options())
        .into_offset_iter()
        .collect();
    let events = cjk_emphasis::close_unmatched(events, src.body);
    let position = |offset: usize| Position::of_offset(src.body, offset, src.body_line);
    let diag = |d: Diagnostic, offset: usize| {
        d.in_file(src.file)
            .at(position(offset))
            .with_source(src.file_text)
    };

    let mut html_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut has_raw_html = false;
    let mut same_page_anchors: Vec<(String, usize)> = Vec::new();
    // Index in html_events of the open heading's Start, and its text so far.
    let mut open_heading: Option<(usize, String)> = None;
    // Links whose target is not published render as their text only.
    let mut dropped_links = 0usize;

    // A task-list box waits for the end of its item's text to close its <label>.
    let mut task_label_open = false;

    for (event, range) in events {
        if task_label_open && ends_task_text(&event) {
            html_events.push(Event::InlineHtml("</label>".into()));
            task_label_open = false;
        }
        match event {
            Event::TaskListMarker(done) => {
                // pulldown-cmark writes a bare <input>, which has no accessible name (WCAG
                // 4.1.2): inside a <label> with the item's text, the box is named by its task,
                // in any language, and a screen reader says whether it is ticked.
                html_events.push(Event::InlineHtml(
                    if done { TASK_DONE } else { TASK_TODO }.into(),
                ));
                task_label_open = true;
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                open_heading = Some((html_events.len(), String::new()));
                html_events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = open_heading.take() {
                    if let Event::Start(Tag::Heading { id, .. }) = &mut html_events[start] {
                        let wanted = id
                            .as_deref()
                            .map(str::to_owned)
                            .unwrap_or_else(|| heading_id(&text));
                        let unique = unique_id(wanted, &mut used_ids);
                        *id = Some(CowStr::from(unique.clone()));
                        out.toc.push(TocItem {
                            level: heading_level(level),
                            id: unique,
                            text: text.trim().to_owned(),
                        });
                    }
                }
                push_block_break(&mut text);
                html_events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match rewrite_link(&dest_url, links) {
                Rewrite::Keep => html_events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })),
                Rewrite::To(url, anchor) => {
                    if let Some((target, anchor)) = anchor {
                        out.anchor_refs.push(AnchorRef {
                            target_path: target,
                            anchor,
                            position: position(range.start),
                        });
                    }
                    html_events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: url.into(),
                        title,
                        id,
                    }));
                }
                Rewrite::SamePage(anchor) => {
                    same_page_anchors.push((anchor, range.start));
                    html_events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Rewrite::Broken { reason, fatal } => {
                    let d = if fatal {
                        Diagnostic::error(format!("broken link `{dest_url}`: {reason}"))
                                .with_hint("check the path: it is relative to this file (`../guides/hukou-qianru.md`) or starts at content/ (`@/guides/hukou-qianru.md`)")
                    } else {
                        Diagnostic::warning(format!(
                            "link `{dest_url}` shows as plain text: {reason}"
                        ))
                        .with_hint("the link will work once that page is published")
                    };
                    out.diagnostics.push(diag(d, range.start));
                    dropped_links += 1;
                }
            },
            Event::End(TagEnd::Link) if dropped_links > 0 => {
                // pulldown-cmark does not nest links, so the next link end closes the dropped one.
                dropped_links -= 1;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match rewrite_link(&dest_url, links) {
                Rewrite::Broken { reason, .. } => {
                    let d = Diagnostic::error(format!("the image `{dest_url}` is not there: {reason}"))
                            .with_hint("put the image file in the same folder as this page and write its file name");
                    out.diagnostics.push(diag(d, range.start));
                    html_events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Rewrite::To(url, _) => html_events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                })),
                Rewrite::Keep | Rewrite::SamePage(_) => {
                    html_events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }))
                }
            },
            Event::Html(ref raw) | Event::InlineHtml(ref raw) => {
                has_raw_html = true;
                if let Some(what) = sanitize::unsafe_part(raw) {
                    let d = Diagnostic::warning(format!("unsafe HTML removed: {what}"))
                        .with_hint("scripts, event handlers (onclick=…), javascript: links, frames and forms are never published; write the text in Markdown instead");
                    out.diagnostics.push(diag(d, range.start));
                }
                html_events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, heading)) = open_heading.as_mut() {
                    heading.push_str(t);
                }
                text.push_str(t);
                html_events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                // Chinese lines wrapped in the source must not gain a space between characters.
                if !text.ends_with(is_cjk) {
                    text.push(' ');
                }
                html_events.push(event);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => {
                push_block_break(&mut text);
                html_events.push(event);
            }
            other => html_events.push(other),
        }
    }

    for (anchor, offset) in same_page_anchors {
        if !used_ids.contains(&anchor) {
            let d = Diagnostic::error(format!(
                "the link `#{anchor}` points at a heading this page does not have"
            ))
            .with_hint(heading_hint(out.toc.iter().map(|t| t.id.as_str())));
            out.diagnostics.push(diag(d, offset));
        }
    }

    let mut html = String::with_capacity(src.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, html_events.into_iter());
    out.html = if has_raw_html {
        sanitize::clean(&html)
    } else {
        html
    };
    out.text = Arc::from(text.trim());
    out
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

/// A hint listing the headings a link may point at.
pub fn heading_hint<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut ids: Vec<String> = ids.map(|i| format!("#{i}")).collect();
    ids.sort();
    if ids.is_empty() {
        "that page has no headings: link to the page without `#…`".to_owned()
    } else {
        format!("the headings there are: {}", ids.join(", "))
    }
}

fn push_block_break(text: &mut String) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

fn is_cjk(c: char) -> bool {
    crate::diagnostics::is_wide(c)
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// A readable anchor: the heading's words, ASCII lowercased, spaces as `-`, punctuation
/// dropped, Chinese kept as it is (`## 没有居住证怎么办？` → `没有居住证怎么办`).
pub fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push(if c == '_' { '_' } else { '-' });
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() {
        "section".to_owned()
    } else {
        id
    }
}

fn unique_id(wanted: String, used: &mut HashSet<String>) -> String {
    let mut id = wanted.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    id
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
                    reason: "it is a draft".into(),
                    fatal: false,
                },
                _ => LinkTarget::Broken {
                    reason: "no such page".into(),
                    fatal: true,
                },
            }
        }
        fn page_path(&self) -> &str {
            "faq/a.html"
        }
    }

    fn md(body: &str) -> Rendered {
        let file_text = format!("---\ntitle: a\n---\n{body}");
        render(
            &MarkdownSource {
                file: "content/faq/a.md",
                file_text: &file_text,
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
    fn broken_links_are_errors_with_their_line() {
        let r = md("第一行\n\n见[旧页](../guides/old.md)和[草稿](draft.md)\n\n[跳](#nowhere)");
        let heads: Vec<String> = r.diagnostics.iter().map(|d| d.headline()).collect();
        assert!(
            heads
                .iter()
                .any(|h| h
                    .starts_with("content/faq/a.md:6:2: error: broken link `../guides/old.md`")),
            "{heads:?}"
        );
        assert!(
            heads.iter().any(
                |h| h.starts_with("content/faq/a.md:6:").then_some(()).is_some()
                    && h.contains("warning: link `draft.md` shows as plain text")
            ),
            "{heads:?}"
        );
        assert!(
            heads
                .iter()
                .any(|h| h.starts_with("content/faq/a.md:8:1: error: the link `#nowhere`")),
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
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.message.contains("unsafe HTML") && d.position.unwrap().line == 4));
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.message.contains("unsafe HTML") && d.position.unwrap().line == 6));
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
