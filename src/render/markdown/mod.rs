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
mod tests;
