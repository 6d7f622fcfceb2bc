//! Traditional → Simplified, one character at a time.
//!
//! fast2s converts whole strings with a few context rules (乾隆 stays 乾); search needs a
//! plain character map instead, because the browser folds queries character by character
//! and both sides must agree. The map is read out of fast2s once by converting every
//! character on its own, where no context rule applies.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Every character fast2s changes, with its Simplified form.
pub fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        let mut one = String::with_capacity(4);
        // fast2s only converts characters that take three bytes in UTF-8 (U+0800..U+FFFF).
        for cp in 0x0800u32..=0xFFFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            one.clear();
            one.push(c);
            let converted = fast2s::convert(&one);
            let mut it = converted.chars();
            if let (Some(s), None) = (it.next(), it.next()) {
                if s != c {
                    map.insert(c, s);
                }
            }
        }
        map
    })
}

/// The part of the map the browser needs: every Traditional form whose Simplified form
/// occurs in the site (`present`), as one string of pairs ("戶户證证…"), sorted so the
/// output is reproducible.
pub fn subset_for(present: impl Fn(char) -> bool) -> String {
    let mut pairs: Vec<(char, char)> = table()
        .iter()
        .filter(|(_, s)| present(**s))
        .map(|(t, s)| (*t, *s))
        .collect();
    pairs.sort_unstable();
    pairs.into_iter().flat_map(|(t, s)| [t, s]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_common_traditional_characters() {
        let t = table();
        assert_eq!(t.get(&'戶'), Some(&'户'));
        assert_eq!(t.get(&'證'), Some(&'证'));
        assert_eq!(t.get(&'辦'), Some(&'办'));
        assert_eq!(t.get(&'户'), None, "Simplified characters are left alone");
        assert!(
            t.len() > 2000,
            "the whole fast2s table is read: {}",
            t.len()
        );
    }

    #[test]
    fn subset_keeps_only_characters_the_site_uses() {
        let s = subset_for(|c| c == '户' || c == '证');
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(chars.len() % 2, 0);
        assert!(s.contains("戶户"), "{s}");
        assert!(s.contains("證证"), "{s}");
        assert!(!s.contains('辦'));
        assert!(chars.chunks(2).all(|p| p[1] == '户' || p[1] == '证'));
    }
}
