//! The search index's files: each a plain script calling the `BulletinSearch` global, so
//! it loads from file:// with `<script src>` (see index.rs for the layout).

use super::rules::RULES_JSON;
use super::synonyms::Synonyms;
use super::t2s;
use super::SearchDoc;
use crate::render::OutputFile;
use serde::Serialize;
use std::collections::HashSet;

/// `search/s/<n>.js`: the posting list of each term of shard `n`, terms in order.
pub(super) fn shard_file<'a>(
    n: usize,
    lists: impl Iterator<Item = (&'a str, &'a [u8])> + Clone,
) -> OutputFile {
    let len: usize = lists.clone().map(|(t, l)| t.len() + l.len() + 6).sum();
    let mut js: Vec<u8> = Vec::with_capacity(len + 40);
    js.extend_from_slice(format!("BulletinSearch.shard({n},{{").as_bytes());
    for (i, (term, list)) in lists.enumerate() {
        if i > 0 {
            js.push(b',');
        }
        // Terms are Han characters or [0-9a-z] and lists are v6 digits: nothing needs
        // escaping in a JSON string.
        js.push(b'"');
        js.extend_from_slice(term.as_bytes());
        js.extend_from_slice(b"\":\"");
        js.extend_from_slice(list);
        js.push(b'"');
    }
    js.extend_from_slice(b"});\n");
    OutputFile::new(format!("search/s/{n}.js"), js)
}

#[derive(Serialize)]
struct DocView<'a> {
    u: &'a str,
    t: &'a str,
    k: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    i: Option<&'a str>,
    /// The date is the last update.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    v: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    x: bool,
    s: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    g: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    h: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    m: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    p: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    b: &'a str,
}

/// What a result shows and, with `text`, everything its snippet may be cut from.
fn doc_view(d: &SearchDoc, text: bool) -> DocView<'_> {
    let full = DocView {
        u: &d.url,
        t: &d.title,
        k: d.kind.as_str(),
        d: d.date.as_deref(),
        i: d.date_iso.as_deref(),
        v: d.updated,
        x: d.expired,
        s: &d.summary,
        g: &d.tags,
        c: d.category.as_deref(),
        h: &d.headings,
        m: &d.materials,
        p: &d.steps,
        b: &d.body,
    };
    if text {
        return full;
    }
    DocView {
        g: &[],
        c: None,
        h: &[],
        m: &[],
        p: &[],
        b: "",
        ..full
    }
}

/// `search/d/<id>.js`: what a result shows, and the text its snippet is cut from.
pub(super) fn doc_file(id: usize, d: &SearchDoc) -> OutputFile {
    let view = doc_view(d, true);
    let text = d.body.len() + d.title.len() + d.summary.len();
    let mut js = Vec::with_capacity(text + text / 8 + 256);
    js.extend_from_slice(format!("BulletinSearch.doc({id},").as_bytes());
    push_script_json(&mut js, &view);
    js.extend_from_slice(b");\n");
    OutputFile::new(format!("search/d/{id}.js"), js)
}

/// The most bytes of display data base.js carries: at 1.44 Mbps, about 0.15 s, a quarter of
/// the round trip it saves on that signal.
const META_MAX: usize = 28 * 1024;

/// `search/base.js`: counts, the tokenizer rules, the Traditional map the site needs and
/// the synonyms queries are expanded with.
/// A small site's `whole` index follows in the same file, its only shard; and a site of a
/// few dozen pages has the title, link, kind, date and summary of every document (`ordered`
/// by id) there, so its first results show without waiting for their document files.
pub(super) fn base_file(
    ordered: &[&SearchDoc],
    expired_from: usize,
    shards: usize,
    present: &HashSet<char>,
    synonyms: &Synonyms,
    whole: Option<OutputFile>,
) -> OutputFile {
    let n = ordered.len();
    let t2s = t2s::subset_for(|c| present.contains(&c));
    let mut js = format!(
        "BulletinSearch.base({{\"n\":{n},\"e\":{expired_from},\"shards\":{shards},\"t2s\":"
    )
    .into_bytes();
    push_script_json(&mut js, &t2s);
    js.extend_from_slice(b",\"syn\":");
    push_script_json(&mut js, synonyms);
    js.extend_from_slice(format!(",\"rules\":{}}});\n", RULES_JSON.trim()).as_bytes());
    if let Some(shard) = whole {
        js.extend_from_slice(&shard.bytes);
    }
    let views: Vec<DocView> = ordered.iter().map(|d| doc_view(d, false)).collect();
    let mut meta = b"BulletinSearch.meta(".to_vec();
    push_script_json(&mut meta, &views);
    if meta.len() <= META_MAX {
        js.extend_from_slice(&meta);
        js.extend_from_slice(b");\n");
    }
    OutputFile::new("search/base.js", js)
}

/// Appends `value` as JSON that is also safe inside a script: U+2028/2029 are line breaks
/// to old JS parsers and `</` could end an inline script if the data is ever inlined.
fn push_script_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let start = out.len();
    if serde_json::to_writer(&mut *out, value).is_err() {
        out.truncate(start);
        out.extend_from_slice(b"null");
        return;
    }
    // Searched for first: they are rare, and escaping copies the text.
    const UNSAFE: [&[u8]; 3] = [b"</", "\u{2028}".as_bytes(), "\u{2029}".as_bytes()];
    let json = &out[start..];
    if !UNSAFE
        .iter()
        .any(|u| memchr::memmem::find(json, u).is_some())
    {
        return;
    }
    let mut escaped = Vec::with_capacity(json.len() + 16);
    let mut rest = json;
    while let Some(at) = memchr::memchr2(b'<', 0xE2, rest) {
        escaped.extend_from_slice(&rest[..at]);
        rest = &rest[at..];
        let (with, skip): (&[u8], usize) = match rest {
            [b'<', b'/', ..] => (b"<\\/", 2),
            [0xE2, 0x80, 0xA8, ..] => (b"\\u2028", 3),
            [0xE2, 0x80, 0xA9, ..] => (b"\\u2029", 3),
            _ => (&rest[..1], 1),
        };
        escaped.extend_from_slice(with);
        rest = &rest[skip..];
    }
    escaped.extend_from_slice(rest);
    out.truncate(start);
    out.extend_from_slice(&escaped);
}
