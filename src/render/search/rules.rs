//! The tokenizer's rules, read from `rules.json`.
//!
//! The same file is copied into the browser's `search/base.js`, and `search.js` applies
//! it with the same algorithm, so what is indexed is exactly what a query looks up. The
//! parity test (`tests/search_parity.rs`) runs both sides over shared cases.
//!
//! For speed every Basic Multilingual Plane character is folded and classified through one
//! 64K-entry table built once; characters above it (rare ideographs) take the slow path
//! through the rule lists.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The rules file, embedded so a built binary needs nothing beside it.
pub const RULES_JSON: &str = include_str!("rules.json");

/// What a folded character is to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Written without spaces: indexed as character n-grams.
    Han,
    /// ASCII letter or digit after folding: part of a word.
    Word,
    /// Anything else: separates tokens.
    Separator,
}

#[derive(Debug, Deserialize)]
struct RawRange {
    first: String,
    last: String,
    shift: i64,
}

#[derive(Debug, Deserialize)]
struct RawRules {
    version: u32,
    fold_ranges: Vec<RawRange>,
    fold_chars: HashMap<String, String>,
    han: Vec<[String; 2]>,
    word: Vec<[String; 2]>,
    field_classes: HashMap<String, u8>,
    impact_levels: u8,
    pinyin_max_syllables: usize,
}

/// The parsed rules, ready for lookups.
#[derive(Debug)]
pub struct Rules {
    pub version: u32,
    fold_ranges: Vec<(u32, u32, i64)>,
    fold_chars: HashMap<char, char>,
    han: Vec<(u32, u32)>,
    word: Vec<(u32, u32)>,
    pub field_classes: HashMap<String, u8>,
    pub impact_levels: u8,
    pub pinyin_max_syllables: usize,
    /// Folded form and class of every BMP character, T→S applied: `class << 24 | char`.
    bmp: Vec<u32>,
}

fn hex(s: &str) -> Result<u32, String> {
    u32::from_str_radix(s, 16).map_err(|e| format!("bad code point {s:?}: {e}"))
}

fn single_char(s: &str) -> Result<char, String> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(format!("fold entry {s:?} must be exactly one character")),
    }
}

fn ranges(raw: &[[String; 2]]) -> Result<Vec<(u32, u32)>, String> {
    raw.iter().map(|[a, b]| Ok((hex(a)?, hex(b)?))).collect()
}

const CLASS_SEPARATOR: u32 = 0;
const CLASS_HAN: u32 = 1;
const CLASS_WORD: u32 = 2;

impl Rules {
    /// Parses a rules file. Only the embedded file is used in a build; taking the text as
    /// an argument lets tests feed broken rules and see the error.
    pub fn parse(json: &str) -> Result<Rules, String> {
        let raw: RawRules = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut fold_ranges = Vec::new();
        for r in &raw.fold_ranges {
            fold_ranges.push((hex(&r.first)?, hex(&r.last)?, r.shift));
        }
        let mut fold_chars = HashMap::new();
        for (from, to) in &raw.fold_chars {
            fold_chars.insert(single_char(from)?, single_char(to)?);
        }
        let mut rules = Rules {
            version: raw.version,
            fold_ranges,
            fold_chars,
            han: ranges(&raw.han)?,
            word: ranges(&raw.word)?,
            field_classes: raw.field_classes,
            impact_levels: raw.impact_levels,
            pinyin_max_syllables: raw.pinyin_max_syllables,
            bmp: Vec::new(),
        };
        let t2s = super::t2s::table();
        let mut bmp = Vec::with_capacity(0x10000);
        for cp in 0..0x10000u32 {
            let (class, c) = match char::from_u32(cp) {
                Some(c) => rules.fold_slow(c, t2s),
                None => (Class::Separator, '\u{0}'),
            };
            bmp.push(class_bits(class) << 24 | c as u32);
        }
        rules.bmp = bmp;
        Ok(rules)
    }

    /// Folds and classifies one character from the rule lists (the table's source).
    fn fold_slow(&self, c: char, t2s: &HashMap<char, char>) -> (Class, char) {
        let mut f = match self.fold_chars.get(&c) {
            Some(&to) => to,
            None => {
                let cp = c as u32;
                self.fold_ranges
                    .iter()
                    .find(|(first, last, _)| (*first..=*last).contains(&cp))
                    .and_then(|(_, _, shift)| char::from_u32((i64::from(cp) + shift) as u32))
                    .unwrap_or(c)
            }
        };
        if let Some(&s) = t2s.get(&f) {
            f = s;
        }
        let cp = f as u32;
        let within = |rs: &[(u32, u32)]| rs.iter().any(|(a, b)| (*a..=*b).contains(&cp));
        let class = if within(&self.han) {
            Class::Han
        } else if within(&self.word) {
            Class::Word
        } else {
            Class::Separator
        };
        (class, f)
    }

    /// The folded form of `c` and its class. Hot path: one table lookup for BMP text.
    #[inline]
    pub fn fold(&self, c: char) -> (Class, char) {
        let cp = c as u32;
        if let Some(&e) = self.bmp.get(cp as usize) {
            let class = match e >> 24 {
                CLASS_HAN => Class::Han,
                CLASS_WORD => Class::Word,
                _ => Class::Separator,
            };
            // The table holds only valid scalar values (built from char::from_u32).
            (class, char::from_u32(e & 0x1F_FFFF).unwrap_or(c))
        } else {
            self.fold_slow(c, super::t2s::table())
        }
    }

    /// The class of a field name from `field_classes` (0 when unknown).
    pub fn field_class(&self, field: &str) -> u8 {
        self.field_classes.get(field).copied().unwrap_or(0)
    }
}

fn class_bits(class: Class) -> u32 {
    match class {
        Class::Separator => CLASS_SEPARATOR,
        Class::Han => CLASS_HAN,
        Class::Word => CLASS_WORD,
    }
}

/// The embedded rules, parsed once.
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        // The file is compiled in and a unit test parses it, so failure here means the
        // binary itself is broken, not anything a user did.
        Rules::parse(RULES_JSON).expect("the embedded search rules.json is valid")
    })
}

/// The embedded rules' classes and range folds as compact JSON (`{"fold":[[first,last,
/// shift]…],"han":[[first,last]…],"word":[…]}`), made once: for the search page's head,
/// which names a query's shards before base.js (which carries the whole rules) arrives.
pub fn classes_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let r = rules();
        serde_json::json!({ "fold": r.fold_ranges, "han": r.han, "word": r.word }).to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse() {
        let r = Rules::parse(RULES_JSON).unwrap();
        assert_eq!(r.version, 1);
        assert_eq!(r.field_class("title"), 3);
        assert_eq!(r.field_class("body"), 0);
        assert!(r.field_class("title") > r.field_class("tags"));
        assert!(r.field_class("tags") > r.field_class("headings"));
        assert!(r.field_class("headings") > r.field_class("body"));
    }

    #[test]
    fn folds_width_case_and_tone_marks() {
        let r = rules();
        assert_eq!(r.fold('Ａ'), (Class::Word, 'a'));
        assert_eq!(r.fold('ｚ'), (Class::Word, 'z'));
        assert_eq!(r.fold('１'), (Class::Word, '1'));
        assert_eq!(r.fold('Q'), (Class::Word, 'q'));
        assert_eq!(r.fold('ǔ'), (Class::Word, 'u'));
        assert_eq!(r.fold('ü'), (Class::Word, 'v'));
        assert_eq!(r.fold('，').0, Class::Separator);
        assert_eq!(r.fold('\u{3000}').0, Class::Separator);
        assert_eq!(r.fold('-').0, Class::Separator);
    }

    #[test]
    fn folds_traditional_to_simplified() {
        let r = rules();
        assert_eq!(r.fold('戶'), (Class::Han, '户'));
        assert_eq!(r.fold('證'), (Class::Han, '证'));
        assert_eq!(r.fold('户'), (Class::Han, '户'));
        assert_eq!(r.fold('〇'), (Class::Han, '〇'));
    }

    #[test]
    fn characters_beyond_the_bmp_take_the_slow_path() {
        let r = rules();
        assert_eq!(r.fold('𠀀'), (Class::Han, '𠀀'));
        assert_eq!(r.fold('😀').0, Class::Separator);
    }

    #[test]
    fn broken_rules_are_reported_not_panicked() {
        assert!(Rules::parse("{").is_err());
        let two_chars = RULES_JSON.replacen("\"v\"", "\"vv\"", 1);
        let err = Rules::parse(&two_chars).unwrap_err();
        assert!(err.contains("exactly one character"), "{err}");
    }
}
