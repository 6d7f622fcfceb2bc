//! Term keys and the per-document counting table the index is built from.

use super::fields::FIELDS;
use super::tokenize::MAX_GRAM;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

/// Han n-grams are keyed by the n-gram itself, packed into an integer: up to three 18-bit
/// code points, and the length in bits 55..54. Keys use 56 bits, leaving room for 5
/// impact bits below them. (Words and pinyin: [`word_key`], length field 0.)
const KEY_BITS: u32 = 56;
// Three 18-bit characters and a 2-bit length fill exactly KEY_BITS.
const _: () = assert!(MAX_GRAM * 18 + 2 == KEY_BITS as usize);

pub(super) fn han_key(gram: &[char]) -> u64 {
    let mut k = (gram.len() as u64) << 54;
    for (i, &c) in gram.iter().enumerate() {
        k |= char_bits(c, i);
    }
    k
}

/// Character `c` in position `i` of a key.
fn char_bits(c: char, i: usize) -> u64 {
    (c as u64 & 0x3_FFFF) << (36 - 18 * i)
}

pub(super) fn key_len(key: u64) -> usize {
    ((key >> 54) & 3) as usize
}

pub(super) fn han_chars(key: u64) -> impl Iterator<Item = char> {
    let n = key_len(key);
    (0..n).filter_map(move |i| char::from_u32(((key >> (36 - 18 * i)) & 0x3_FFFF) as u32))
}

/// Spreads a key's bits: the top ones pick a partition, lower ones a table slot.
pub(super) fn mix(k: u64) -> u64 {
    let k = k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    k ^ (k >> 29)
}

/// Which of `buckets` (a power of two) a key falls in, by the top bits of [`mix`]: the
/// tables inside a bucket place keys by lower bits.
pub(super) fn bucket(key: u64, buckets: usize) -> usize {
    (mix(key) >> (64 - buckets.trailing_zeros())) as usize
}

/// Words and pinyin are keyed by a 54-bit hash of their text, below every Han key (whose
/// length field is at least 1), so they are counted and listed like n-grams, with no text
/// in the hot loops. [`WordTexts`] keeps the text, and notices if two words ever share a
/// key: the index is then built again with the next `seed`.
pub(super) fn word_key(word: &str, seed: u64) -> u64 {
    let mut h = mix(seed ^ 0x5851_F42D_4C95_7F2D);
    let mut chunks = word.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        h = mix(h ^ u64::from_le_bytes(bytes));
    }
    let rest = chunks.remainder();
    let mut bytes = [0u8; 8];
    bytes[..rest.len()].copy_from_slice(rest);
    // The length keeps "ab" and "ab\0" apart.
    h = mix(mix(h ^ u64::from_le_bytes(bytes)) ^ word.len() as u64);
    h & ((1 << 54) - 1)
}

/// Hashes word keys, which are hashes already: one multiply spreads them over all 64
/// bits (the map's probing reads the top ones, which a 54-bit key leaves empty).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0 ^ u64::from(b));
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = mix(key);
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Locks of [`WordTexts`]: enough that two threads seldom wait for the same one.
const TEXT_SHARDS: usize = 64;

/// The text of every word key, filled by the threads that count.
pub(super) struct WordTexts {
    shards: Vec<Mutex<KeyMap<String>>>,
    collided: AtomicBool,
}

impl WordTexts {
    pub(super) fn new() -> WordTexts {
        WordTexts {
            shards: (0..TEXT_SHARDS).map(|_| Mutex::default()).collect(),
            collided: AtomicBool::new(false),
        }
    }

    pub(super) fn note(&self, key: u64, word: &str) {
        let shard = &self.shards[bucket(key, TEXT_SHARDS)];
        let mut texts = shard.lock().unwrap_or_else(PoisonError::into_inner);
        match texts.get(&key) {
            Some(text) if text != word => self.collided.store(true, Ordering::Relaxed),
            Some(_) => {}
            None => {
                texts.insert(key, word.to_string());
            }
        }
    }

    /// Whether two different words got the same key.
    pub(super) fn collided(&self) -> bool {
        self.collided.load(Ordering::Relaxed)
    }

    /// Every key and its text.
    pub(super) fn into_map(self) -> HashMap<u64, String> {
        (self.shards.into_iter())
            .flat_map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner))
            .collect()
    }
}

const EMPTY: u64 = u64::MAX;

/// A term's occurrences in each field of a document. One byte each: 255 is far past where
/// the impact levels saturate (a body 11 times the average length reaches the top level
/// at 255 occurrences), and a slot of key and counts fits 16 bytes.
pub(super) type Counts = [u8; FIELDS];

pub(super) fn bump(tf: &mut Counts, field: usize) {
    tf[field] = tf[field].saturating_add(1);
}

#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    tf: Counts,
}

const FREE: Slot = Slot {
    key: EMPTY,
    tf: [0; FIELDS],
};

/// Counts `key` in `slots`, the part of a [`Table`] in use: whether the table should now
/// grow. Inlined: it runs for two n-grams of every character, and a call's register saves
/// cost as much as the probe.
#[inline(always)]
fn probe(slots: &mut [Slot], used: &mut Vec<u32>, key: u64, field: usize) -> bool {
    let mask = slots.len() - 1;
    let mut i = (mix(key) >> 32) as usize & mask;
    loop {
        let slot = &mut slots[i];
        if slot.key == key {
            bump(&mut slot.tf, field);
            return false;
        }
        if slot.key == EMPTY {
            slot.key = key;
            bump(&mut slot.tf, field);
            used.push(i as u32);
            return used.len() * 3 > slots.len() * 2;
        }
        i = (i + 1) & mask;
    }
}

/// Per-document counting table: open addressing from term key to per-field counts,
/// reused from document to document so the hot loop never allocates. (Sorting the ~3,000
/// n-grams of a page instead took most of the build time.) Key and counts share a 16-byte
/// slot, so counting an n-gram touches one cache line.
pub(super) struct Table {
    slots: Vec<Slot>,
    /// The part of `slots` this document uses: sized to the document, not to the longest
    /// one seen, so a short page's probes stay in a small, cached region.
    mask: usize,
    /// Slots in use, in order of first occurrence.
    used: Vec<u32>,
    /// Unigrams of the Basic Multilingual Plane, a third of all n-grams, counted without
    /// hashing: `char_slot[c]` is one plus the index of `c`'s counts in `char_tf` (0 when
    /// not seen yet). Two bytes per code point keep the lookup table at 128 KB.
    char_slot: Vec<u16>,
    char_tf: Vec<(char, Counts)>,
}

impl Table {
    pub(super) fn new() -> Table {
        Table {
            slots: Vec::new(),
            mask: 0,
            used: Vec::new(),
            char_slot: vec![0; 0x10000],
            char_tf: Vec::new(),
        }
    }

    /// Sizes the table for about `n` distinct keys longer than one character, at a load
    /// factor of at most two thirds; it grows if a page has more.
    pub(super) fn reserve(&mut self, n: usize) {
        let want = (n + n / 2).next_power_of_two().max(64);
        if self.slots.len() < want {
            self.slots.resize(want, FREE);
        }
        self.mask = want - 1;
    }

    /// Counts every n-gram of a Han run, the ones [`for_each_gram`] names, with keys
    /// made as the run is walked rather than from each n-gram's slice.
    ///
    /// [`for_each_gram`]: super::tokenize::for_each_gram
    pub(super) fn count_run(&mut self, run: &[char], field: usize) {
        const _: () = assert!(MAX_GRAM == 3, "count_run makes uni-, bi- and trigrams");
        for &c in run {
            self.count_char(c, field);
        }
        let two = 2u64 << 54;
        let three = 3u64 << 54;
        let mut i = 0;
        while i + 1 < run.len() {
            // The part of the table in use, taken once: probes then index a slice whose
            // length is the mask plus one, which needs no bounds checks.
            let slots = &mut self.slots[..=self.mask];
            let mut grow = false;
            while i + 1 < run.len() && !grow {
                let key = char_bits(run[i], 0) | char_bits(run[i + 1], 1);
                grow = probe(slots, &mut self.used, two | key, field);
                if let Some(&c) = run.get(i + 2) {
                    // Over two thirds full is still far from full: growing can wait.
                    grow |= probe(slots, &mut self.used, three | key | char_bits(c, 2), field);
                }
                i += 1;
            }
            if grow {
                self.grow();
            }
        }
    }

    #[inline(always)]
    fn count_char(&mut self, c: char, field: usize) {
        let Some(slot) = self.char_slot.get_mut(c as usize) else {
            return self.count_key(han_key(&[c]), field);
        };
        if *slot == 0 {
            self.char_tf.push((c, [0; FIELDS]));
            // The BMP has 63,488 scalar values (surrogates are not chars): the count
            // always fits.
            *slot = self.char_tf.len() as u16;
        }
        bump(&mut self.char_tf[usize::from(*slot) - 1].1, field);
    }

    /// Counts a key that is not an n-gram of a run, e.g. a [`word_key`].
    pub(super) fn count_key(&mut self, key: u64, field: usize) {
        if probe(&mut self.slots[..=self.mask], &mut self.used, key, field) {
            self.grow();
        }
    }

    /// Doubles the part of the table in use, when a page has more distinct n-grams than
    /// [`Table::reserve`] expected.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let counted: Vec<Slot> = (self.used.iter())
            .map(|&i| std::mem::replace(&mut self.slots[i as usize], FREE))
            .collect();
        self.used.clear();
        let size = (self.mask + 1) * 2;
        if self.slots.len() < size {
            self.slots.resize(size, FREE);
        }
        self.mask = size - 1;
        for slot in counted {
            let mut i = (mix(slot.key) >> 32) as usize & self.mask;
            while self.slots[i].key != EMPTY {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = slot;
            self.used.push(i as u32);
        }
    }

    /// Hands every counted term to `f` and empties the table for the next document.
    pub(super) fn drain(&mut self, mut f: impl FnMut(u64, &Counts)) {
        for (c, tf) in self.char_tf.drain(..) {
            f(han_key(&[c]), &tf);
            self.char_slot[c as usize] = 0;
        }
        for &i in &self.used {
            let slot = std::mem::replace(&mut self.slots[i as usize], FREE);
            f(slot.key, &slot.tf);
        }
        self.used.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::fields::{F_BODY, F_TITLE};
    use crate::render::search::tokenize::for_each_gram;

    #[test]
    fn counting_table_counts_every_character_of_the_bmp_and_beyond() {
        let chars: Vec<char> = (0..0x1_0000u32)
            .chain([0x2_0000, 0x2_A6D6])
            .filter_map(char::from_u32)
            .collect();
        let mut table = Table::new();
        table.reserve(chars.len() * 2);
        for &c in chars.iter().chain(&chars) {
            table.count_run(&[c], F_BODY);
        }
        table.count_run(&['户', '口'], F_TITLE);
        let mut counted = HashMap::new();
        table.drain(|key, tf| {
            assert!(counted.insert(key, *tf).is_none(), "one entry per term");
        });
        assert_eq!(counted.len(), chars.len() + 1);
        assert!(chars.iter().all(|&c| counted[&han_key(&[c])][F_BODY] == 2));
        assert_eq!(counted[&han_key(&['户', '口'])][F_TITLE], 1);
        let mut left = 0;
        table.drain(|_, _| left += 1);
        assert_eq!(left, 0, "drained tables start empty");
    }

    #[test]
    fn runs_count_the_ngrams_the_tokenizer_names() {
        // Repeats, a character beyond the BMP, and more distinct n-grams than reserved, so
        // the table grows while it counts.
        let mut run: Vec<char> = "户口迁入户口𠀀迁".chars().collect();
        run.extend((0..600).map(|i| char::from_u32(0x4E00 + i * 7 % 900).unwrap()));
        let mut want: HashMap<u64, u8> = HashMap::new();
        for_each_gram(&run, |g| *want.entry(han_key(g)).or_default() += 1);
        let mut table = Table::new();
        table.reserve(8);
        table.count_run(&run, F_BODY);
        let mut got = HashMap::new();
        table.drain(|key, tf| {
            got.insert(key, tf[F_BODY]);
        });
        assert_eq!(got, want);
        assert_eq!(got[&han_key(&['户', '口'])], 2);
    }

    #[test]
    fn word_keys_stay_below_han_keys_and_change_with_the_seed() {
        for w in ["hukou", "110", "a", "", "juzhuzhengbanli", "hukou\0"] {
            let k = word_key(w, 0);
            assert_eq!(key_len(k), 0, "{w}");
            assert!(k < han_key(&['一']));
            assert_ne!(k, word_key(w, 1), "{w}");
        }
        assert_ne!(word_key("hukou", 0), word_key("hukou\0", 0));
    }

    #[test]
    fn word_texts_notice_two_words_with_one_key() {
        let texts = WordTexts::new();
        texts.note(7, "hukou");
        texts.note(7, "hukou");
        texts.note(8, "juzhu");
        assert!(!texts.collided());
        texts.note(7, "shenfen");
        assert!(texts.collided());
        let map = texts.into_map();
        assert_eq!(map[&7], "hukou");
        assert_eq!(map[&8], "juzhu");
    }

    #[test]
    fn keys_round_trip() {
        for g in ["户", "户口", "户口迁", "𠀀𠀁"] {
            let chars: Vec<char> = g.chars().collect();
            let k = han_key(&chars);
            assert_eq!(han_chars(k).collect::<String>(), g);
            assert!(k < 1 << KEY_BITS);
        }
    }
}
