//! Text → tokens, by the rules in `rules.json` (mirrored by `tokenize` in search.js).
//!
//! Folded text splits into runs: a run of Han characters (no spaces in Chinese, so no word
//! boundaries to trust) or a word of ASCII letters and digits. A Han run is indexed as all
//! its character unigrams, bigrams and trigrams: unigrams answer one-character queries,
//! bigrams two-character ones, and trigrams make longer phrases exact enough that
//! "居住证" does not match a page that only has "暂住证" and "居住地". A word is one term.

use super::rules::{rules, Class};

/// Which kind of run a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Han,
    Word,
}

/// One run of folded text, with its place in the input counted in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
    pub start: usize,
}

/// The longest n-gram indexed for Han text.
pub const MAX_GRAM: usize = 3;

/// Calls `emit` with each run of `text`, folded, and the character offset where it
/// starts. `buf` is scratch space reused between calls so the indexer does not allocate
/// per run.
pub fn scan(text: &str, buf: &mut Vec<char>, mut emit: impl FnMut(TokenKind, &[char], usize)) {
    let r = rules();
    buf.clear();
    let mut current = Class::Separator;
    let mut start = 0;
    let mut flush = |class: Class, buf: &mut Vec<char>, start: usize| {
        if !buf.is_empty() {
            let kind = if class == Class::Han {
                TokenKind::Han
            } else {
                TokenKind::Word
            };
            emit(kind, buf, start);
            buf.clear();
        }
    };
    for (i, c) in text.chars().enumerate() {
        let (class, f) = r.fold(c);
        if class != current {
            flush(current, buf, start);
            current = class;
            start = i;
        }
        if class != Class::Separator {
            buf.push(f);
        }
    }
    flush(current, buf, start);
}

/// All runs of `text` as owned tokens (for tests, the parity check and small inputs).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    scan(text, &mut buf, |kind, chars, start| {
        out.push(Token {
            kind,
            text: chars.iter().collect(),
            start,
        })
    });
    out
}

/// Calls `emit` with every n-gram (1..=MAX_GRAM characters) of a Han run: all unigrams,
/// then all bigrams, then all trigrams, each in text order.
pub fn for_each_gram(run: &[char], mut emit: impl FnMut(&[char])) {
    for n in 1..=MAX_GRAM {
        for gram in run.windows(n) {
            emit(gram);
        }
    }
}

/// The index terms of `text` in order: per run, its n-grams (Han) or the word itself.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokenize(text) {
        match t.kind {
            TokenKind::Word => out.push(t.text),
            TokenKind::Han => {
                let chars: Vec<char> = t.text.chars().collect();
                for_each_gram(&chars, |g| out.push(g.iter().collect()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(TokenKind, String, usize)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, t.text, t.start))
            .collect()
    }

    #[test]
    fn chinese_runs_break_at_punctuation_and_latin() {
        use TokenKind::*;
        assert_eq!(
            runs("户口迁入，要带什么？App下载"),
            vec![
                (Han, "户口迁入".into(), 0),
                (Han, "要带什么".into(), 5),
                (Word, "app".into(), 10),
                (Han, "下载".into(), 13),
            ]
        );
    }

    #[test]
    fn digits_and_latin_are_words_folded_for_width_and_case() {
        use TokenKind::*;
        assert_eq!(
            runs("拨打１１０或 ID-Card"),
            vec![
                (Han, "拨打".into(), 0),
                (Word, "110".into(), 2),
                (Han, "或".into(), 5),
                (Word, "id".into(), 7),
                (Word, "card".into(), 10),
            ]
        );
        assert_eq!(runs("5G网络")[0], (Word, "5g".into(), 0));
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(tokenize("戶口遷入")[0].text, "户口迁入");
        assert_eq!(tokenize("身份證")[0].text, "身份证");
    }

    #[test]
    fn full_width_space_and_tone_marks() {
        assert_eq!(terms("Hù Kǒu\u{3000}ＡＢＣ"), vec!["hu", "kou", "abc"]);
    }

    #[test]
    fn han_runs_give_unigrams_bigrams_and_trigrams() {
        assert_eq!(
            terms("居住证"),
            vec!["居", "住", "证", "居住", "住证", "居住证"]
        );
        assert_eq!(terms("丢"), vec!["丢"]);
        assert!(terms("，。！ - ").is_empty());
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let t = tokenize("为民服务110");
        assert_eq!(t[1].start, 4);
    }
}
