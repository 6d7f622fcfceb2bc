//! Turns the documents into posting lists: each chunk of pages is counted on its own
//! (in parallel), then each partition of the terms appends the chunks' entries in
//! document-id order (in parallel), so the lists come out sorted whatever the thread count.

use super::counting::{bucket, word_key, Table, WordTexts};
use super::fields::{fields, has_pinyin, FIELDS};
use super::pinyin;
use super::postings::TermLists;
use super::scoring::{Impacts, Scoring};
use super::tokenize::{scan, TokenKind};
use super::SearchDoc;
use rayon::prelude::*;
use std::collections::HashMap;

/// Documents whose terms are counted before they join the posting lists: bounds memory to
/// one batch of entries (about 12 MB at 1,024 pages of 1,000 characters).
const BATCH: usize = 1024;
/// Documents one task counts: a batch makes enough tasks for the cores to share evenly.
const CHUNK: usize = 64;
/// Partitions of the terms, filled in parallel. Many and small, so that the lists a
/// partition appends to stay in a core's cache: with a few large ones, every posting
/// waited on memory.
const GROUPS: usize = 64;

/// Per-thread scratch space, reused across documents.
struct Scratch {
    buf: Vec<char>,
    pinyin_buf: Vec<char>,
    word: String,
    table: Table,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            buf: Vec::new(),
            pinyin_buf: Vec::new(),
            word: String::new(),
            table: Table::new(),
        }
    }
}

/// Runs `f` with this thread's scratch space. Kept per thread rather than made per rayon
/// split: its character table alone is 128 KB to zero, and a build makes hundreds of splits.
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Option<Scratch>> = const { std::cell::RefCell::new(None) };
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => f(slot.get_or_insert_with(Scratch::new)),
        // Only if rayon ran another document on this thread while this one waits.
        Err(_) => f(&mut Scratch::new()),
    })
}

/// The terms of a chunk of documents, by partition: `key << 5 | impact` per term, with the
/// end of each document's entries. Kept from batch to batch so its buffers are allocated
/// once.
struct ChunkTerms {
    entries: Vec<Vec<u64>>,
    ends: Vec<Vec<u32>>,
}

impl ChunkTerms {
    fn new() -> ChunkTerms {
        ChunkTerms {
            entries: vec![Vec::new(); GROUPS],
            ends: vec![Vec::new(); GROUPS],
        }
    }

    fn clear(&mut self) {
        self.entries.iter_mut().for_each(Vec::clear);
        self.ends.iter_mut().for_each(Vec::clear);
    }
}

/// Counts one document's terms into the scratch table, noting the text of its words.
fn count_terms(doc: &SearchDoc, lens: &[u32; FIELDS], words: &Words, s: &mut Scratch) {
    let chars: usize = lens.iter().map(|&l| l as usize).sum();
    // Every position starts a bigram and a trigram, but most repeat within a page: one
    // distinct key per character is typical, and small tables stay in the core's cache.
    s.table.reserve(chars);
    let Scratch {
        buf,
        pinyin_buf,
        word,
        table,
    } = s;
    for (field, texts) in fields(doc).iter().enumerate() {
        for text in texts {
            scan(text, buf, |kind, run, _| match kind {
                TokenKind::Han => table.count_run(run, field),
                TokenKind::Word => {
                    word.clear();
                    word.extend(run);
                    table.count_key(words.key(word), field);
                }
            });
            if has_pinyin(field) {
                pinyin::for_each_term(text, pinyin_buf, |t| {
                    table.count_key(words.key(t), field);
                });
            }
        }
    }
}

/// Word keys of one attempt at the index, and their texts.
pub(super) struct Words {
    seed: u64,
    pub(super) texts: WordTexts,
}

impl Words {
    pub(super) fn new(seed: u64) -> Words {
        Words {
            seed,
            texts: WordTexts::new(),
        }
    }

    fn key(&self, word: &str) -> u64 {
        let key = word_key(word, self.seed);
        self.texts.note(key, word);
        key
    }
}

/// Counts the terms of `docs` into `out`.
fn count_chunk(
    docs: &[&SearchDoc],
    lens: &[[u32; FIELDS]],
    scoring: &Scoring,
    words: &Words,
    out: &mut ChunkTerms,
    s: &mut Scratch,
) {
    out.clear();
    for (doc, lens) in docs.iter().zip(lens) {
        count_terms(doc, lens, words, s);
        let mut impacts = Impacts::new(scoring, scoring.factors(lens));
        let entries = &mut out.entries;
        (s.table).drain(|key, tf| entries[bucket(key, GROUPS)].push(key << 5 | impacts.of(tf)));
        for (entries, ends) in out.entries.iter().zip(&mut out.ends) {
            ends.push(entries.len() as u32);
        }
    }
}

/// The posting lists of every term, partitioned, and the words' texts.
pub(super) struct Postings {
    pub(super) parts: Vec<TermLists>,
    pub(super) texts: HashMap<u64, String>,
}

/// Counts every document's terms and appends them to their lists, keying words with
/// `words`: `None` if two words got the same key.
pub(super) fn postings(
    ordered: &[&SearchDoc],
    lens: &[[u32; FIELDS]],
    scoring: &Scoring,
    words: Words,
) -> Option<Postings> {
    // Postings are appended in document-id order, partitioned by key so that the
    // partitions can be filled in parallel without locks.
    let mut parts: Vec<TermLists> = (0..GROUPS).map(|_| TermLists::default()).collect();
    let mut chunks: Vec<ChunkTerms> = Vec::new();
    for (b, batch) in ordered.chunks(BATCH).enumerate() {
        let first_id = b * BATCH;
        let used = batch.len().div_ceil(CHUNK);
        chunks.resize_with(chunks.len().max(used), ChunkTerms::new);
        let chunks = &mut chunks[..used];
        (chunks.par_iter_mut())
            .zip(batch.par_chunks(CHUNK))
            .enumerate()
            .for_each(|(c, (out, docs))| {
                let first = first_id + c * CHUNK;
                let lens = &lens[first..first + docs.len()];
                with_scratch(|s| count_chunk(docs, lens, scoring, &words, out, s));
            });
        // Each partition takes the chunks and their documents in id order, so its lists
        // come out sorted and the output is the same whatever the thread count.
        parts.par_iter_mut().enumerate().for_each(|(g, lists)| {
            for (c, chunk) in chunks.iter().enumerate() {
                let mut start = 0;
                for (j, &end) in chunk.ends[g].iter().enumerate() {
                    let id = (first_id + c * CHUNK + j) as u32;
                    for &e in &chunk.entries[g][start..end as usize] {
                        lists.list(e >> 5).push(id, e & 31);
                    }
                    start = end as usize;
                }
            }
        });
    }
    if words.texts.collided() {
        return None;
    }
    Some(Postings {
        parts,
        texts: words.texts.into_map(),
    })
}
