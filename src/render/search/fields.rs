//! The fields of a document a term can occur in, and their texts.

use super::SearchDoc;

/// The fields a term can occur in, as stored in three bits of a per-document entry.
pub(super) const F_TITLE: usize = 0;
pub(super) const F_TAGS: usize = 1;
pub(super) const F_CATEGORY: usize = 2;
pub(super) const F_HEADINGS: usize = 3;
pub(super) const F_SUMMARY: usize = 4;
pub(super) const F_MATERIALS: usize = 5;
pub(super) const F_STEPS: usize = 6;
pub(super) const F_BODY: usize = 7;
pub(super) const FIELDS: usize = 8;
pub(super) const FIELD_NAMES: [&str; FIELDS] = [
    "title",
    "tags",
    "category",
    "headings",
    "summary",
    "materials",
    "steps",
    "body",
];

/// Field texts of a document, in field order.
pub(super) fn fields(doc: &SearchDoc) -> [Vec<&str>; FIELDS] {
    let mut f: [Vec<&str>; FIELDS] = Default::default();
    f[F_TITLE].push(&doc.title);
    f[F_TAGS].extend(doc.tags.iter().map(String::as_str));
    f[F_CATEGORY].extend(doc.category.as_deref());
    f[F_HEADINGS].extend(doc.headings.iter().map(String::as_str));
    f[F_SUMMARY].push(&doc.summary);
    f[F_MATERIALS].extend(doc.materials.iter().map(String::as_str));
    f[F_STEPS].extend(doc.steps.iter().map(String::as_str));
    f[F_BODY].push(&doc.body);
    f
}

/// Length of each field in characters: the "length" in BM25's length normalization.
/// Characters rather than tokens because counting them needs no folding, and BM25 only
/// compares a field with the same field of other pages.
pub(super) fn field_lengths(doc: &SearchDoc) -> [u32; FIELDS] {
    let mut lens = [0u32; FIELDS];
    for (field, texts) in fields(doc).iter().enumerate() {
        lens[field] = texts.iter().map(|t| t.chars().count() as u32).sum();
    }
    lens
}

/// Whether pinyin of a field is indexed (titles, tags and categories: see pinyin.rs).
pub(super) fn has_pinyin(field: usize) -> bool {
    matches!(field, F_TITLE | F_TAGS | F_CATEGORY)
}
