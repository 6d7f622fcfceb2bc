//! Posting lists while they are written, and the table that finds a term's list.

use super::codec::push_v6;
use super::counting::mix;

/// One term's posting list while it is being written.
pub(super) struct Posting {
    /// Last document id written, to write the next as a gap.
    last: u32,
    /// Number of documents: the browser's IDF needs it, and so does the shard split.
    pub(super) df: u32,
    pub(super) data: Vec<u8>,
}

impl Posting {
    pub(super) fn new() -> Posting {
        Posting {
            // The first gap is the id itself: last starts at "minus one".
            last: u32::MAX,
            df: 0,
            data: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, id: u32, impact: u64) {
        let gap = id.wrapping_sub(self.last).wrapping_sub(1);
        push_v6(&mut self.data, u64::from(gap) << 5 | impact);
        self.last = id;
        self.df += 1;
    }
}

/// No key has all 64 bits set: keys use 56.
const EMPTY: u64 = u64::MAX;

/// The posting lists of terms, by key (Han n-grams and word keys alike). Open addressing with each list beside its key,
/// so finding a list and appending to it touch one cache line: the index does it once per
/// posting, 15 million times on 10,000 pages.
#[derive(Default)]
pub(super) struct TermLists {
    slots: Vec<(u64, Posting)>,
    len: usize,
}

impl TermLists {
    /// The list of `key`, made empty if it has none yet.
    #[inline(always)]
    pub(super) fn list(&mut self, key: u64) -> &mut Posting {
        let i = self.slot(key);
        &mut self.slots[i].1
    }

    #[inline(always)]
    fn slot(&mut self, key: u64) -> usize {
        loop {
            if !self.slots.is_empty() {
                let mask = self.slots.len() - 1;
                let mut i = slot_of(key, mask);
                loop {
                    let k = self.slots[i].0;
                    if k == key {
                        return i;
                    }
                    if k == EMPTY {
                        break;
                    }
                    i = (i + 1) & mask;
                }
                // At most half full, so probes stay short.
                if (self.len + 1) * 2 <= self.slots.len() {
                    self.slots[i].0 = key;
                    self.len += 1;
                    return i;
                }
            }
            self.grow();
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(
            &mut self.slots,
            (0..size).map(|_| (EMPTY, Posting::new())).collect(),
        );
        let mask = size - 1;
        for (key, posting) in old.into_iter().filter(|(k, _)| *k != EMPTY) {
            let mut i = slot_of(key, mask);
            while self.slots[i].0 != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = (key, posting);
        }
    }

    /// Number of terms.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (u64, &Posting)> {
        (self.slots.iter())
            .filter(|(k, _)| *k != EMPTY)
            .map(|(k, p)| (*k, p))
    }

    pub(super) fn into_lists(self) -> impl Iterator<Item = (u64, Posting)> {
        self.slots.into_iter().filter(|(k, _)| *k != EMPTY)
    }
}

/// The home slot of a key: bits the partition of the key (its top bits) does not use.
fn slot_of(key: u64, mask: usize) -> usize {
    (mix(key) >> 16) as usize & mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::codec::decode_v6;

    #[test]
    fn lists_are_found_again_across_growth() {
        let mut lists = TermLists::default();
        for id in 0..3u32 {
            for key in 0..5_000u64 {
                lists.list(key << 18).push(id, key % 32);
            }
        }
        assert_eq!(lists.len(), 5_000);
        let mut seen = 0;
        for (key, posting) in lists.iter() {
            assert_eq!(posting.df, 3);
            let impact = (key >> 18) % 32;
            // Ids 0, 1, 2: gaps 0, 0, 0.
            assert_eq!(decode_v6(&posting.data).unwrap(), vec![impact; 3]);
            seen += 1;
        }
        assert_eq!(seen, 5_000);
        assert_eq!(lists.into_lists().count(), 5_000);
    }

    #[test]
    fn gaps_count_from_the_previous_id() {
        let mut p = Posting::new();
        p.push(3, 1);
        p.push(4, 2);
        p.push(10, 0);
        assert_eq!(decode_v6(&p.data).unwrap(), vec![3 << 5 | 1, 2, 5 << 5]);
    }
}
