//! What a page's Markdown text hides from some readers: images without a description
//! (screen readers say nothing, or the file name), and bold or italic markers that do not
//! pair up around Chinese text, so readers see the asterisks.

use crate::diagnostics::{is_wide, Diagnostic, Lines};
use crate::model::Page;
use crate::render::cjk_emphasis;
use crate::render::markdown;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

pub fn check(page: &Page) -> Vec<Diagnostic> {
    let source = &page.source;
    let body = source.body();
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, markdown::options())
        .into_offset_iter()
        .collect();
    let events = cjk_emphasis::close_unmatched(events, body);
    let lines = Lines::new(body, source.body_line);
    let at = |offset: usize, d: Diagnostic| {
        d.in_file(&source.rel_path)
            .at(lines.position(offset))
            .with_line_of(&lines)
    };
    let mut out = Vec::new();
    // The start of the open image and its alt text so far.
    let mut image: Option<(usize, String)> = None;
    for (event, range) in &events {
        match event {
            Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image.take() {
                    if alt.trim().is_empty() {
                        out.push(at(start, missing_alt("这张图片没有文字说明（alt 文字）")));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if image.is_some() => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(t);
                }
            }
            Event::Text(t) => {
                if let Some(offset) = stray_emphasis(t, body, range.clone()) {
                    out.push(at(offset, stray_warning()));
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                if let Some(offset) = img_without_alt(raw) {
                    out.push(at(
                        range.start + offset,
                        missing_alt("这个 `<img>` 没有 alt 文字"),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

fn missing_alt(what: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "{what}：看不见图片的读者（用读屏软件的、网速慢的）从它那里什么也得不到。"
    ))
    .with_hint("在方括号里写出图片上是什么：`![民警在警务室接待居民](photo.jpg)`。")
}

fn stray_warning() -> Diagnostic {
    Diagnostic::warning("这些星号会原样显示出来：它们前后的加粗或斜体没有配成对。")
        .with_hint("把结尾的 `**` 紧跟在要加粗的文字后面，中间不要夹链接或代码，例如 `**注意：**请带好身份证`；要显示星号本身，写 `\\*`。")
}

/// Where a run of `*` left as text touches a Chinese character: emphasis the renderer
/// could not pair. `text` is what the reader sees, `range` its Markdown in `body`; the
/// offset returned is in `body`.
fn stray_emphasis(text: &str, body: &str, range: Range<usize>) -> Option<usize> {
    if !touches_wide(text) {
        return None;
    }
    let source = body.get(range.clone())?;
    source
        .char_indices()
        .filter(|(_, c)| *c == '*')
        .map(|(i, _)| range.start + i)
        // An escaped `\*` is meant literally.
        .filter(|at| !body[..*at].ends_with('\\'))
        .find(|at| {
            let before = body[..*at].chars().next_back();
            let after = body[*at..].chars().find(|c| *c != '*');
            before.is_some_and(is_wide) || after.is_some_and(is_wide)
        })
}

/// Whether a `*` of `text` has a wide (Chinese) character beside it.
fn touches_wide(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        *c == '*'
            && (i
                .checked_sub(1)
                .and_then(|j| chars.get(j))
                .is_some_and(|p| is_wide(*p))
                || chars.get(i + 1).is_some_and(|n| is_wide(*n)))
    })
}

/// The offset of an `<img>` tag without a non-empty `alt` in a piece of raw HTML.
fn img_without_alt(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(rel) = lower[from..].find("<img") {
        let start = from + rel;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        let has_alt = ["alt=\"", "alt='"].iter().any(|a| {
            tag.find(a)
                .map(|i| &tag[i + a.len()..])
                .is_some_and(|rest| !rest.starts_with(['"', '\'']))
        });
        if !has_alt {
            return Some(start);
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_asterisks_next_to_chinese() {
        let stray = |text: &str, body: &str| stray_emphasis(text, body, 0..body.len());
        assert_eq!(stray("**见", "**见"), Some(0));
        assert_eq!(stray("：**请看", "：**请看"), Some(3));
        assert_eq!(stray("5*3=15", "5*3=15"), None);
        assert_eq!(stray("*号", "\\*号"), None);
        // Emphasis the renderer paired shows no asterisks.
        assert_eq!(stray("注意：", "**注意：**"), None);
    }

    #[test]
    fn img_tags_need_alt() {
        assert_eq!(img_without_alt("<p><img src=\"a.jpg\"></p>"), Some(3));
        assert_eq!(img_without_alt("<img src=a.jpg alt=\"\">"), Some(0));
        assert_eq!(img_without_alt("<IMG SRC=a.jpg ALT=\"照片\">"), None);
        assert_eq!(img_without_alt("<p>no image</p>"), None);
    }
}
