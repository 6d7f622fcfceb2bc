//! Term keys and the per-document counting table the index is built from.

use super::fields::FIELDS;
use super::tokenize::MAX_GRAM;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Han n-grams are keyed by the n-gram itself, packed into an integer: up to three 18-bit
/// code points, and the length in bits 55..54. Keys use 56 bits, leaving room for 5
/// impact bits below them. (Words and pinyin are keyed by their text.)
const KEY_BITS: u32 = 56;
// Three 18-bit characters and a 2-bit length fill exactly KEY_BITS.
const _: () = assert!(MAX_GRAM * 18 + 2 == KEY_BITS as usize);

pub(super) fn han_key(gram: &[char]) -> u64 {
    let mut k = (gram.len() as u64) << 54;
    for (i, &c) in gram.iter().enumerate() {
        k |= (c as u64 & 0x3_FFFF) << (36 - 18 * i);
    }
    k
}

pub(super) fn key_len(key: u64) -> usize {
    ((key >> 54) & 3) as usize
}

pub(super) fn han_chars(key: u64) -> impl Iterator<Item = char> {
    let n = key_len(key);
    (0..n).filter_map(move |i| char::from_u32(((key >> (36 - 18 * i)) & 0x3_FFFF) as u32))
}

/// Mixes a key so its top bits pick a partition and the maps' slots spread evenly.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = mix(k);
    }
}

pub(super) fn mix(k: u64) -> u64 {
    let k = k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    k ^ (k >> 29)
}

pub(super) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;
/// Words and pinyin are short ASCII strings: FNV hashes them faster than SipHash, and no
/// outside input picks the keys of this build-time map to attack it.
pub(super) type WordMap<V> = HashMap<String, V, BuildHasherDefault<KeyHasher>>;

const EMPTY: u64 = u64::MAX;

/// Per-document counting table: open addressing from term key to per-field counts,
/// reused from document to document so the hot loop never allocates. (Sorting the ~3,000
/// n-grams of a page instead took most of the build time.) Key and counts share a slot so
/// a lookup touches one cache line.
pub(super) struct Table {
    slots: Vec<Slot>,
    /// The part of `slots` this document uses: sized to the document, not to the longest
    /// one seen, so a short page's probes stay in a small, cached region.
    mask: usize,
    used: Vec<u32>,
    /// Unigrams of the Basic Multilingual Plane, a third of all n-grams, counted without
    /// hashing: `char_slot[c]` is one plus the index of `c`'s counts in `char_tf` (0 when
    /// not seen yet). Two bytes per code point keep the lookup table at 128 KB.
    char_slot: Vec<u16>,
    char_tf: Vec<(char, [u16; FIELDS])>,
}

#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    tf: [u16; FIELDS],
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

    /// Makes room for `n` distinct keys at a load factor of at most two thirds.
    pub(super) fn reserve(&mut self, n: usize) {
        let want = (n + n / 2).next_power_of_two().max(64);
        if self.slots.len() < want {
            self.slots = vec![
                Slot {
                    key: EMPTY,
                    tf: [0; FIELDS]
                };
                want
            ];
        }
        self.mask = want - 1;
    }

    /// Distinct terms counted so far in this document.
    pub(super) fn len(&self) -> usize {
        self.used.len() + self.char_tf.len()
    }

    pub(super) fn count(&mut self, gram: &[char], field: usize) {
        if let [c] = gram {
            if let Some(slot) = self.char_slot.get_mut(*c as usize) {
                if *slot == 0 {
                    self.char_tf.push((*c, [0; FIELDS]));
                    // The BMP has 63,488 scalar values (surrogates are not chars): the
                    // count always fits.
                    *slot = self.char_tf.len() as u16;
                }
                bump(&mut self.char_tf[usize::from(*slot) - 1].1, field);
                return;
            }
        }
        let key = han_key(gram);
        let mask = self.mask;
        let mut i = (mix(key) >> 32) as usize & mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.key == key {
                break;
            }
            if slot.key == EMPTY {
                slot.key = key;
                self.used.push(i as u32);
                break;
            }
            i = (i + 1) & mask;
        }
        bump(&mut self.slots[i].tf, field);
    }

    /// Hands every counted term to `f` and empties the table for the next document.
    pub(super) fn drain(&mut self, mut f: impl FnMut(u64, &[u16; FIELDS])) {
        for (c, tf) in self.char_tf.drain(..) {
            f(han_key(&[c]), &tf);
            self.char_slot[c as usize] = 0;
        }
        for &i in &self.used {
            let slot = &mut self.slots[i as usize];
            f(slot.key, &slot.tf);
            *slot = Slot {
                key: EMPTY,
                tf: [0; FIELDS],
            };
        }
        self.used.clear();
    }
}

pub(super) fn bump(tf: &mut [u16; FIELDS], field: usize) {
    tf[field] = tf[field].saturating_add(1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::fields::{F_BODY, F_TITLE};

    #[test]
    fn counting_table_counts_every_character_of_the_bmp_and_beyond() {
        let chars: Vec<char> = (0..0x1_0000u32)
            .chain([0x2_0000, 0x2_A6D6])
            .filter_map(char::from_u32)
            .collect();
        let mut table = Table::new();
        table.reserve(chars.len() * 2);
        for &c in chars.iter().chain(&chars) {
            table.count(&[c], F_BODY);
        }
        table.count(&['户', '口'], F_TITLE);
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
    fn keys_round_trip() {
        for g in ["户", "户口", "户口迁", "𠀀𠀁"] {
            let chars: Vec<char> = g.chars().collect();
            let k = han_key(&chars);
            assert_eq!(han_chars(k).collect::<String>(), g);
            assert!(k < 1 << KEY_BITS);
        }
    }
}
