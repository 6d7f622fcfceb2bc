//! Builds the search index files.
//!
//! Layout (all plain scripts that call the `BulletinSearch` global, so they load from
//! file:// with `<script src>`; nothing is fetched):
//!
//! - `search/base.js`: document count, where expired documents start, shard count, the
//!   tokenizer rules and the Traditional→Simplified pairs the site needs.
//! - `search/s/<n>.js`: posting lists of every term whose hash falls in shard n, so a
//!   query loads only the shards of its own terms. A small site has no shard files: its
//!   one shard is in base.js. A site of a few dozen pages has every document's title,
//!   link, kind, date and summary in base.js too.
//! - `search/d/<id>.js`: one document's display data and text (title, link, kind, date,
//!   snippet source), loaded only for the results on screen.
//!
//! A posting list is a string of v6 numbers, one per document: `gap * 32 + impact`, where
//! gap is the distance from the previous document id minus one, and impact (0..31) is
//! `class * 8 + level`: class is the best field the term occurs in (title 3, tags and
//! category 2, headings/summary/materials/steps 1, body 0; pinyin counts as the field it was
//! read from) and level is the BM25F saturation `sat = wtf / (k1 + wtf)` over the fields of
//! that class, as `sat²` in eighths. The browser multiplies by IDF, which it derives from the list length. Document
//! ids are assigned current-first and newest-first, so id order is a ready tie-break and
//! "expired" is simply `id >= e`.

use super::codec::{shard_of, term_hash};
use super::counting::{han_chars, key_len};
use super::fields::{field_lengths, FIELDS, FIELD_NAMES};
use super::files::{base_file, doc_file, shard_file};
use super::invert::{postings, Postings, Words};
use super::postings::{Posting, TermLists};
use super::rules::rules;
use super::scoring::Scoring;
use super::synonyms::Synonyms;
use super::SearchDoc;
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::HashSet;

/// The shard count is decided from the pages' text, not from the finished posting lists,
/// because the search page is rendered before the index is made and names a query's shard
/// files in its head, so that they arrive with search.js rather than after it. It grows as
/// the square root of the text: a query downloads whole shards for the few keys it needs,
/// so small shards waste less of a slow line, while a large site, whose words repeat, has
/// fewer bytes of lists per byte of text and would otherwise be split into many thousand
/// files. A few dozen pages (38 KB of text) get shards of about 2 KB; 10,000 pages (31 MB)
/// about 12 KB.
const MAX_SHARDS: usize = 8192;
/// Up to this many bytes of text (about 96 KB of posting lists), the whole index is one
/// shard inside base.js: a query waits for one file instead of two in a row.
const ONE_FILE_TEXT: usize = 16 * 1024;

/// How many shards the index has of pages whose bodies' text comes to `text_bytes`: 1 when
/// it is all inside base.js.
pub fn shard_count(text_bytes: usize) -> usize {
    if text_bytes <= ONE_FILE_TEXT {
        return 1;
    }
    (((text_bytes as f64).sqrt() / 2.8) as usize)
        .clamp(2, MAX_SHARDS)
        .next_power_of_two()
        .min(MAX_SHARDS)
}

/// The index build's result: the files, plus figures the benchmark reports.
pub struct Built {
    pub files: Vec<OutputFile>,
    pub stats: Stats,
}

/// Figures of an index build.
pub struct Stats {
    pub terms: usize,
    pub postings: u64,
    pub shards: usize,
}

/// The order documents get their ids in: current before expired, then newest first, then
/// by URL so the index is reproducible.
fn doc_order(docs: &[SearchDoc]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    fn date(d: &SearchDoc) -> Option<&String> {
        d.date_iso.as_ref().filter(|_| !d.updated)
    }
    order.sort_by(|&a, &b| {
        let (da, db) = (&docs[a], &docs[b]);
        da.expired
            .cmp(&db.expired)
            .then_with(|| date(db).cmp(&date(da)))
            .then_with(|| da.url.cmp(&db.url))
    });
    order
}

/// The BM25F figures of a site whose documents' field lengths are `lens`.
fn scoring_for(lens: &[[u32; FIELDS]]) -> Scoring {
    let r = rules();
    let mut classes = [0u8; FIELDS];
    for (f, name) in FIELD_NAMES.iter().enumerate() {
        classes[f] = r.field_class(name);
    }
    let mut avg = [0f32; FIELDS];
    for l in lens {
        for f in 0..FIELDS {
            avg[f] += l[f] as f32;
        }
    }
    for a in &mut avg {
        *a /= lens.len().max(1) as f32;
    }
    Scoring {
        avg,
        classes,
        levels: f32::from(r.impact_levels),
    }
}

/// Builds all search files for `docs`, in memory, with the built-in synonyms.
pub fn build(docs: &[SearchDoc]) -> Built {
    let synonyms = Synonyms::built_in();
    let (stats, mut files) =
        crate::render::output::collect(|keep| build_each(docs, synonyms, keep));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Built { files, stats }
}

/// Builds all search files for `docs`, handing each to `emit` (from any thread) as soon as
/// it is made, so the index of a large site is never all in memory at once.
pub fn build_each(
    docs: &[SearchDoc],
    synonyms: &Synonyms,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Stats {
    let order = doc_order(docs);
    let ordered: Vec<&SearchDoc> = order.iter().map(|&i| &docs[i]).collect();
    let lens: Vec<[u32; FIELDS]> = ordered.par_iter().map(|d| field_lengths(d)).collect();
    let scoring = scoring_for(&lens);

    // Two of 100,000 words share a 54-bit key about once in 3 million sites, but they would
    // share a list too: the next seed makes other keys.
    let mut seed = 0;
    let Postings { parts, mut texts } = loop {
        match postings(&ordered, &lens, &scoring, Words::new(seed)) {
            Some(postings) => break postings,
            None => seed += 1,
        }
    };

    // Characters present in the site, for the Traditional map shipped to the browser.
    let present: HashSet<char> = parts
        .iter()
        .flat_map(TermLists::iter)
        .filter(|&(k, _)| key_len(k) == 1)
        .flat_map(|(k, _)| han_chars(k))
        .collect();

    let shards = shard_count(docs.iter().map(|d| d.body.len()).sum());
    let one_file = shards == 1;
    let terms = parts.iter().map(TermLists::len).sum();
    let postings: u64 = (parts.iter())
        .flat_map(TermLists::iter)
        .map(|(_, p)| u64::from(p.df))
        .sum();

    // Term text, hash and list, bucketed by shard.
    let mut buckets: Vec<Vec<(String, Posting)>> = (0..shards).map(|_| Vec::new()).collect();
    for (key, posting) in parts.into_iter().flat_map(TermLists::into_lists) {
        let text = match key_len(key) {
            // Every word counted was noted first.
            0 => match texts.remove(&key) {
                Some(text) => text,
                None => continue,
            },
            _ => han_chars(key).collect(),
        };
        let s = shard_of(term_hash(text.chars()), shards as u32) as usize;
        buckets[s].push((text, posting));
    }

    let shard = |n: usize, mut terms: Vec<(String, Posting)>| {
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        shard_file(
            n,
            terms.iter().map(|(t, p)| (t.as_str(), p.data.as_slice())),
        )
    };
    let whole = match one_file {
        true => buckets.pop().map(|terms| shard(0, terms)),
        false => {
            (buckets.into_par_iter().enumerate()).for_each(|(n, terms)| emit(shard(n, terms)));
            None
        }
    };

    ordered
        .par_iter()
        .enumerate()
        .for_each(|(id, d)| emit(doc_file(id, d)));

    let expired_from = ordered
        .iter()
        .position(|d| d.expired)
        .unwrap_or(ordered.len());
    emit(base_file(
        &ordered,
        expired_from,
        shards,
        &present,
        synonyms,
        whole,
    ));
    Stats {
        terms,
        postings,
        shards,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::codec::decode_v6;
    use crate::render::search::counting::word_key;
    use crate::schema::Kind;
    use std::collections::HashMap;

    pub(crate) fn doc(url: &str, title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            kind: Kind::Guide,
            date: None,
            date_iso: None,
            updated: false,
            expired: false,
            summary: String::new(),
            tags: vec![],
            category: None,
            headings: vec![],
            body: body.into(),
            materials: vec![],
            steps: vec![],
        }
    }

    /// Term → [(doc id, impact)] read back from the shards, in their own files or in
    /// base.js.
    fn postings(built: &Built) -> HashMap<String, Vec<(u32, u8)>> {
        let mut out = HashMap::new();
        let lines = (built.files.iter())
            .flat_map(|f| std::str::from_utf8(&f.bytes).unwrap().lines())
            .filter_map(|l| l.strip_prefix("BulletinSearch.shard("));
        for js in lines {
            let (n, map) = js.split_once(',').unwrap();
            let n: u32 = n.parse().unwrap();
            let map: HashMap<String, String> =
                serde_json::from_str(map.strip_suffix(");").unwrap()).unwrap();
            for (term, list) in map {
                let mut id = u32::MAX;
                let mut v = Vec::new();
                for n in decode_v6(list.as_bytes()).unwrap() {
                    id = id.wrapping_add((n >> 5) as u32).wrapping_add(1);
                    v.push((id, (n & 31) as u8));
                }
                // A term lives in exactly the shard its hash names.
                assert_eq!(
                    shard_of(term_hash(term.chars()), built.stats.shards as u32),
                    n,
                    "{term}"
                );
                out.insert(term, v);
            }
        }
        out
    }

    fn file<'a>(built: &'a Built, path: &str) -> &'a str {
        let f = built.files.iter().find(|f| f.path == path).unwrap();
        std::str::from_utf8(&f.bytes).unwrap()
    }

    #[test]
    fn every_ngram_word_and_pinyin_term_is_indexed() {
        let built = build(&[doc("guides/a.html", "户口迁入", "请拨打110。携带 ID 卡")]);
        let p = postings(&built);
        for t in [
            "户",
            "户口",
            "口迁",
            "户口迁",
            "口迁入",
            "110",
            "id",
            "hukou",
            "hukouqianru",
            "卡",
        ] {
            assert!(p.contains_key(t), "{t} missing");
        }
        assert!(
            !p.contains_key("户口迁入"),
            "no 4-grams: trigrams are the longest"
        );
        assert_eq!(built.stats.terms, p.len());
    }

    #[test]
    fn ids_put_current_before_expired_and_newest_first() {
        let mut old = doc("notices/old.html", "国庆安保", "");
        old.date_iso = Some("2026-09-20".into());
        old.expired = true;
        let mut new = doc("notices/new.html", "元旦安保", "");
        new.date_iso = Some("2026-12-01".into());
        let mut mid = doc("notices/mid.html", "冬季防火", "");
        mid.date_iso = Some("2026-11-01".into());
        let built = build(&[old, mid, new]);
        assert!(file(&built, "search/d/0.js").contains("notices/new.html"));
        assert!(file(&built, "search/d/1.js").contains("notices/mid.html"));
        let expired = file(&built, "search/d/2.js");
        assert!(expired.contains("notices/old.html") && expired.contains("\"x\":true"));
        assert!(file(&built, "search/base.js").contains("\"n\":3,\"e\":2,"));
    }

    #[test]
    fn impact_class_follows_the_best_field() {
        let mut tagged = doc("b.html", "其他", "正文");
        tagged.tags = vec!["居住证".into()];
        let mut headed = doc("c.html", "其他", "正文");
        headed.headings = vec!["居住证".into()];
        let docs = [
            doc("a.html", "居住证", "正文"),
            tagged,
            headed,
            doc("d.html", "其他", "正文里提到居住证"),
        ];
        let built = build(&docs);
        let p = postings(&built);
        let list = &p["居住证"];
        let class_of = |url: &str| {
            let id = (0..4)
                .find(|i| file(&built, &format!("search/d/{i}.js")).contains(url))
                .unwrap();
            list.iter().find(|(d, _)| *d == id as u32).unwrap().1 / 8
        };
        assert_eq!(class_of("a.html"), 3);
        assert_eq!(class_of("b.html"), 2);
        assert_eq!(class_of("c.html"), 1);
        assert_eq!(class_of("d.html"), 0);
    }

    #[test]
    fn more_occurrences_and_shorter_fields_saturate_higher() {
        let once = doc("a.html", "x", &format!("居住证{}", "的".repeat(200)));
        let often = doc("b.html", "x", "居住证，居住证，居住证。");
        let built = build(&[once, often]);
        let p = postings(&built);
        let level = |id: u32| p["居住证"].iter().find(|(d, _)| *d == id).unwrap().1 % 8;
        // Ids follow URL order here (no dates).
        assert!(level(1) > level(0), "{:?}", p["居住证"]);
    }

    #[test]
    fn shipped_traditional_map_covers_only_the_site() {
        let built = build(&[doc("a.html", "户口", "身份证")]);
        let base = file(&built, "search/base.js");
        assert!(base.contains("戶户"));
        assert!(base.contains("證证"));
        assert!(!base.contains("辦"), "办 is not on the site");
        assert!(
            base.contains("\"fold_ranges\""),
            "rules travel with the index"
        );
    }

    #[test]
    fn doc_files_hold_display_data_safely() {
        let mut d = doc("guides/a.html", "标题</script>", "正文\u{2028}换行");
        d.date = Some("2026年9月20日".into());
        d.materials = vec!["身份证原件".into()];
        let built = build(&[d]);
        let js = file(&built, "search/d/0.js");
        assert!(js.starts_with("BulletinSearch.doc(0,{"));
        assert!(!js.contains("</script>"));
        assert!(!js.contains('\u{2028}'));
        assert!(js.contains("\"d\":\"2026年9月20日\""));
        assert!(js.contains("身份证原件"));
        // Escaped, the text still reads back exactly.
        let json: serde_json::Value =
            serde_json::from_str(&js[js.find('{').unwrap()..js.rfind('}').unwrap() + 1]).unwrap();
        assert_eq!(json["t"], "标题</script>");
        assert_eq!(json["b"], "正文\u{2028}换行");
    }

    #[test]
    fn a_small_index_is_one_file_with_every_title() {
        let mut d = doc("guides/a.html", "户口</script>", "身份证正文");
        d.summary = "摘要".into();
        let built = build(&[d, doc("b.html", "居住证", "正文")]);
        assert_eq!(built.stats.shards, 1);
        let paths: Vec<&str> = built.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["search/base.js", "search/d/0.js", "search/d/1.js"]);
        let base = file(&built, "search/base.js");
        assert!(postings(&built).contains_key("身份证"));
        let meta = (base.lines())
            .find_map(|l| l.strip_prefix("BulletinSearch.meta("))
            .and_then(|l| l.strip_suffix(");"))
            .unwrap();
        assert!(!meta.contains("</"), "safe inside a script: {meta}");
        let meta: serde_json::Value = serde_json::from_str(meta).unwrap();
        // In id order: here, by URL.
        assert_eq!(meta[0]["t"], "居住证");
        assert_eq!(meta[1]["t"], "户口</script>");
        assert_eq!(meta[1]["u"], "guides/a.html");
        assert_eq!(meta[1]["s"], "摘要");
        assert!(
            meta[1].get("b").is_none(),
            "no body: the document file has it"
        );
    }

    #[test]
    fn shard_count_grows_with_the_index() {
        let body: String = (0..3000)
            .map(|i| char::from_u32(0x4E00 + (i * 7) % 20000).unwrap())
            .collect();
        let many: Vec<SearchDoc> = (0..20)
            .map(|i| doc(&format!("{i}.html"), "t", &body))
            .collect();
        let big = build(&many);
        assert!(
            big.stats.shards > 1 && big.stats.shards.is_power_of_two(),
            "{}",
            big.stats.shards
        );
        assert_eq!(
            big.files
                .iter()
                .filter(|f| f.path.starts_with("search/s/"))
                .count(),
            big.stats.shards
        );
    }

    #[test]
    fn a_word_key_shared_by_two_words_fails_the_attempt() {
        let d = doc("a.html", "户口", "请拨打110");
        let (ordered, lens) = ([&d], [field_lengths(&d)]);
        let scoring = scoring_for(&lens);
        let clean = super::postings(&ordered, &lens, &scoring, Words::new(0));
        assert!(clean.is_some_and(|p| p.texts.values().any(|t| t == "110")));
        // Another word already holds 110's key: this attempt must not be used.
        let words = Words::new(0);
        words.texts.note(word_key("110", 0), "119");
        assert!(super::postings(&ordered, &lens, &scoring, words).is_none());
    }

    #[test]
    fn empty_site_still_builds_a_usable_index() {
        let built = build(&[]);
        assert!(file(&built, "search/base.js").contains("\"n\":0,\"e\":0,\"shards\":1,"));
        assert_eq!(built.files.len(), 1, "its one shard is in base.js");
    }
}
