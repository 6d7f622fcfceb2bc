//! Pinyin terms for titles, tags and categories, so "hukou", "hu kou" and "juzhuzheng"
//! find 户口 and 居住证 pages.
//!
//! Residents type pinyin without tones and without spaces (or with a space between
//! syllables, which search.js joins). So for every stretch of Han characters the index
//! gets each concatenation of 2 to `pinyin_max_syllables` consecutive syllables as a word:
//! 户口迁入 → hukou, kouqian, qianru, hukouqian, kouqianru, hukouqianru. Single syllables
//! are left out: "hu" alone matches too many characters to mean anything.

use super::rules::rules;
use super::tokenize::{scan, TokenKind};
use pinyin::ToPinyin;
use std::borrow::Cow;

/// Calls `emit` with each pinyin term of `text`.
pub fn for_each_term(text: &str, buf: &mut Vec<char>, mut emit: impl FnMut(&str)) {
    let max = rules().pinyin_max_syllables.max(2);
    let mut syllables: Vec<Cow<'static, str>> = Vec::new();
    let mut term = String::new();
    scan(text, buf, |kind, run, _| {
        if kind != TokenKind::Han {
            return;
        }
        syllables.clear();
        for &c in run {
            match c.to_pinyin() {
                Some(p) => syllables.push(fold_syllable(p.plain())),
                None => {
                    // Kana, Hangul and rare ideographs have no reading: they end a stretch.
                    emit_concatenations(&syllables, max, &mut term, &mut emit);
                    syllables.clear();
                }
            }
        }
        emit_concatenations(&syllables, max, &mut term, &mut emit);
    });
}

/// The syllable as a query would fold it (ü → v). Most are plain lowercase ASCII already
/// and are used as they are.
fn fold_syllable(s: &'static str) -> Cow<'static, str> {
    if s.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| rules().fold(c).1).collect())
}

fn emit_concatenations(
    syl: &[Cow<str>],
    max: usize,
    term: &mut String,
    emit: &mut impl FnMut(&str),
) {
    for start in 0..syl.len() {
        term.clear();
        for (n, s) in syl[start..].iter().take(max).enumerate() {
            term.push_str(s);
            if n >= 1 {
                emit(term);
            }
        }
    }
}

/// All pinyin terms of `text` (tests and small inputs).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, &mut Vec::new(), |t| out.push(t.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concatenates_two_or_more_syllables() {
        let t = terms("户口迁入");
        for want in [
            "hukou",
            "kouqian",
            "qianru",
            "hukouqian",
            "kouqianru",
            "hukouqianru",
        ] {
            assert!(t.contains(&want.to_string()), "{want} missing from {t:?}");
        }
        assert!(
            !t.contains(&"hu".to_string()),
            "single syllables are not indexed"
        );
    }

    #[test]
    fn residence_permit_reads_juzhuzheng() {
        assert!(terms("居住证办理").contains(&"juzhuzheng".to_string()));
    }

    #[test]
    fn traditional_titles_read_the_same() {
        assert!(terms("戶口").contains(&"hukou".to_string()));
    }

    #[test]
    fn u_umlaut_is_written_v() {
        assert!(
            terms("律师").contains(&"lvshi".to_string()),
            "{:?}",
            terms("律师")
        );
    }

    #[test]
    fn runs_are_not_joined_across_punctuation_or_latin() {
        let t = terms("户口、App迁入");
        assert!(t.contains(&"hukou".to_string()));
        assert!(t.contains(&"qianru".to_string()));
        assert!(!t.iter().any(|x| x.contains("kouqian")), "{t:?}");
    }

    #[test]
    fn stops_at_the_syllable_limit() {
        let long = "中华人民共和国公安部门";
        let max = rules().pinyin_max_syllables;
        let t = terms(long);
        let longest = t.iter().map(|s| s.len()).max().unwrap();
        assert!(t.contains(&"zhonghua".to_string()));
        assert!(longest < "zhonghuarenmingongheguogonganbumen".len());
        assert!(max >= 4);
    }
}
