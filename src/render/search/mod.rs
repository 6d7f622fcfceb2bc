//! Search: a Chinese-first index that the browser reads from plain `<script>` files, so it
//! works from file://, from any subfolder and offline (issue 3).
//!
//! - [`rules`] and `rules.json`: the one definition of folding and token classes, shared
//!   with `themes/default/static/search.js`.
//! - [`tokenize`]: folded text → Han runs (indexed as 1-, 2- and 3-character n-grams) and
//!   words (ASCII letters/digits).
//! - [`t2s`]: Traditional → Simplified character map (from fast2s), shipped to the
//!   browser only for the characters the site uses.
//! - [`pinyin`]: pinyin terms of titles, tags and categories.
//! - [`codec`]: how numbers are written into the JS files and which shard holds a term.
//! - [`index`]: builds `search/base.js`, `search/s/<shard>.js` and `search/d/<doc>.js`
//!   from the posting lists `invert` makes: each document's fields (`fields`), the terms
//!   counted per document (`counting`), their BM25F impacts (`scoring`) and the lists
//!   they are appended to (`postings`).
//! - [`synonyms`]: residents' everyday words → the pages' words, shipped in `base.js` for
//!   search.js to expand queries with.

pub mod codec;
mod counting;
mod fields;
mod files;
pub mod index;
mod invert;
pub mod pinyin;
mod postings;
pub mod rules;
mod scoring;
pub mod synonyms;
pub mod t2s;
pub mod tokenize;

use crate::render::OutputFile;
use crate::schema::Kind;

/// One published page as the search index sees it. Drafts and scheduled pages are never
/// passed in.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    /// Site-relative output path, e.g. "guides/hukou-qianru.html".
    pub url: String,
    pub title: String,
    pub kind: Kind,
    /// Display form of the date, e.g. "2026年9月20日".
    pub date: Option<String>,
    /// "2026-09-20": orders results and breaks ties, newest first (unless `updated`).
    pub date_iso: Option<String>,
    /// The date is when the page was last updated (a guide has no date of its own): shown,
    /// but it does not order results.
    pub updated: bool,
    /// An expired notice: indexed, marked, ranked below current pages.
    pub expired: bool,
    pub summary: String,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub headings: Vec<String>,
    /// Plain text of the rendered body (shared with the rendered page).
    pub body: std::sync::Arc<str>,
    /// A guide's checklist items as text.
    pub materials: Vec<String>,
    pub steps: Vec<String>,
}

/// Every file of the search index, all under `search/` (the page `search/index.html`
/// comes from the theme's `search.html`).
pub fn build_index(
    docs: &[SearchDoc],
    synonyms: &synonyms::Synonyms,
    emit: &(dyn Fn(OutputFile) + Sync),
) {
    index::build_each(docs, synonyms, emit);
}
