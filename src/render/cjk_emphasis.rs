//! CommonMark's flanking rules treat CJK punctuation like ASCII punctuation, so in
//! `**注意：**正文` the closing `**` (after `：`, before `正`) cannot close and the text shows
//! literal asterisks. Staff write this all the time. After parsing, pair the delimiter runs
//! left as text when a CJK character touches them, and turn them into emphasis.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

type Spanned<'a> = (Event<'a>, Range<usize>);

pub fn close_unmatched<'a>(events: Vec<Spanned<'a>>, source: &'a str) -> Vec<Spanned<'a>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains('*')))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<Spanned<'a>> = Vec::new();
    for (event, range) in events {
        if matches!(event, Event::Text(_)) {
            run.push((event, range));
            continue;
        }
        flush(&mut run, &mut out, source);
        out.push((event, range));
    }
    flush(&mut run, &mut out, source);
    out
}

/// Merge a run of adjacent text events and emit it with its emphasis closed.
fn flush<'a>(run: &mut Vec<Spanned<'a>>, out: &mut Vec<Spanned<'a>>, source: &str) {
    // Most runs have no asterisk at all: pass them on without joining their text.
    if !run
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains('*')))
    {
        out.append(run);
        return;
    }
    let range = run[0].1.start..run[run.len() - 1].1.end;
    let text: String = run
        .iter()
        .map(|(e, _)| match e {
            Event::Text(t) => t.as_ref(),
            _ => "",
        })
        .collect();
    // An escaped `\*` in the source is meant literally: leave such text alone.
    let escaped = source.get(range.clone()).is_some_and(|s| s.contains("\\*"));
    if escaped {
        out.append(run);
        return;
    }
    run.clear();
    emit(&text, range, out);
}

fn emit<'a>(text: &str, range: Range<usize>, out: &mut Vec<Spanned<'a>>) {
    let mut rest = text;
    while let Some((before, delim, inner, after)) = find_pair(rest) {
        if !before.is_empty() {
            out.push((Event::Text(CowStr::from(before.to_owned())), range.clone()));
        }
        let (start, end) = if delim == 2 {
            (Tag::Strong, TagEnd::Strong)
        } else {
            (Tag::Emphasis, TagEnd::Emphasis)
        };
        out.push((Event::Start(start), range.clone()));
        out.push((Event::Text(CowStr::from(inner.to_owned())), range.clone()));
        out.push((Event::End(end), range.clone()));
        rest = after;
    }
    if !rest.is_empty() {
        out.push((Event::Text(CowStr::from(rest.to_owned())), range));
    }
}

fn is_cjk(c: char) -> bool {
    crate::diagnostics::is_wide(c)
}

/// The first `**inner**` (or `*inner*`) pair where a CJK character touches a delimiter:
/// (text before, delimiter length, inner text, text after).
fn find_pair(text: &str) -> Option<(&str, usize, &str, &str)> {
    let mut search_from = 0;
    while let Some(rel) = text[search_from..].find('*') {
        let open = search_from + rel;
        let len = text[open..].chars().take_while(|c| *c == '*').count();
        search_from = open + len;
        if len > 2 {
            continue;
        }
        let delim = &text[open..open + len];
        let inner_start = open + len;
        let Some(close_rel) = text[inner_start..].find(delim) else {
            continue;
        };
        let close = inner_start + close_rel;
        let close_len = text[close..].chars().take_while(|c| *c == '*').count();
        if close_len != len {
            continue;
        }
        let inner = &text[inner_start..close];
        if inner.is_empty()
            || inner.starts_with(char::is_whitespace)
            || inner.ends_with(char::is_whitespace)
        {
            continue;
        }
        let touching = [
            text[..open].chars().next_back(),
            inner.chars().next(),
            inner.chars().next_back(),
            text[close + len..].chars().next(),
        ];
        if touching.iter().flatten().any(|c| is_cjk(*c)) {
            return Some((&text[..open], len, inner, &text[close + len..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_pair;

    #[test]
    fn pairs_only_around_cjk() {
        assert_eq!(find_pair("**注意：**正文"), Some(("", 2, "注意：", "正文")));
        assert_eq!(find_pair("a **b** c"), None);
        assert_eq!(find_pair("2*3*4"), None);
        assert_eq!(find_pair("** 注意 **"), None);
    }
}
