//! The search index's files: each a plain script calling the `BulletinSearch` global, so
//! it loads from file:// with `<script src>` (see index.rs for the layout).

use super::rules::RULES_JSON;
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
    b: &'a str,
}

/// `search/d/<id>.js`: what a result shows, and the text its snippet is cut from.
pub(super) fn doc_file(id: usize, d: &SearchDoc) -> OutputFile {
    let view = DocView {
        u: &d.url,
        t: &d.title,
        k: d.kind.as_str(),
        d: d.date.as_deref(),
        i: d.date_iso.as_deref(),
        x: d.expired,
        s: &d.summary,
        g: &d.tags,
        c: d.category.as_deref(),
        h: &d.headings,
        m: &d.materials,
        p: &d.steps,
        b: &d.body,
    };
    OutputFile::new(
        format!("search/d/{id}.js"),
        format!("BulletinSearch.doc({id},{});\n", script_json(&view)),
    )
}

/// `search/base.js`: counts, the tokenizer rules and the Traditional map the site needs.
pub(super) fn base_file(
    n: usize,
    expired_from: usize,
    shards: usize,
    present: &HashSet<char>,
) -> OutputFile {
    let t2s = t2s::subset_for(|c| present.contains(&c));
    let js = format!(
        "BulletinSearch.base({{\"n\":{n},\"e\":{expired_from},\"shards\":{shards},\"t2s\":{},\"rules\":{}}});\n",
        script_json(&t2s),
        RULES_JSON.trim()
    );
    OutputFile::new("search/base.js", js)
}

/// JSON that is also safe inside a script: U+2028/2029 are line breaks to old JS parsers
/// and `</` could end an inline script if the data is ever inlined.
fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    // Checked first: each replacement copies the whole text, and they are rarely needed.
    if json.contains(['\u{2028}', '\u{2029}']) {
        json = json
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
    }
    if json.contains("</") {
        json = json.replace("</", "<\\/");
    }
    json
}
