//! Residents' everyday words → the words the pages use (户口本 → 户口簿, 香港 → 港澳).
//!
//! Residents search with the words they say, stations write the official ones, and the
//! n-gram index only finds what is written. So a query's Han runs are expanded: each
//! resident's word in a run is replaced by the pages' word, and search.js looks up the run
//! as typed or as expanded (a page holding either counts, so the announced number stays
//! honest) and says which words it also searched.
//!
//! The table is the built-in `synonyms.txt` plus the site's `search: synonyms:`, folded by
//! the tokenizer's rules (Traditional and full-width forms need no entry) and shipped in
//! `search/base.js`; [`Synonyms::expand`] is the algorithm `expand` in search.js mirrors,
//! and the parity test runs both over the shared cases.

use super::tokenize::{tokenize, TokenKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The built-in table, embedded so a built binary needs nothing beside it.
pub const BUILT_IN: &str = include_str!("synonyms.txt");

/// A run expanded: the run with every resident's word replaced, and the pages' words it
/// put in, in order, each once (what the search page says it also searched).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expansion {
    pub text: String,
    pub also: Vec<String>,
}

/// Resident's word → pages' word, both folded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Synonyms {
    map: BTreeMap<String, String>,
}

/// Why a word cannot be a synonym, or None when it can: search expands Han runs only, so
/// a word must fold to exactly one run of Chinese characters.
pub fn word_problem(word: &str) -> Option<&'static str> {
    match tokenize(word).as_slice() {
        [t] if t.kind == TokenKind::Han => None,
        [] => Some("是空的"),
        _ => Some("只能是连在一起的汉字，不能有空格、标点、字母或数字"),
    }
}

/// The folded form of a word that [`word_problem`] accepts.
fn folded(word: &str) -> Option<String> {
    match tokenize(word).as_slice() {
        [t] if t.kind == TokenKind::Han => Some(t.text.clone()),
        _ => None,
    }
}

/// The groups of a table file: (line number, the pages' word, the residents' words).
pub fn parse_table(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut groups = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((to, from)) = line.split_once(':') else {
            return Err(format!("line {}: no colon after the pages' word", i + 1));
        };
        let words: Vec<String> = std::iter::once(to)
            .chain(from.split(','))
            .map(|w| w.trim().to_owned())
            .collect();
        if let Some((w, why)) = words.iter().find_map(|w| word_problem(w).map(|p| (w, p))) {
            return Err(format!("line {}: {w:?} {why}", i + 1));
        }
        groups.push((i + 1, words));
    }
    Ok(groups)
}

impl Synonyms {
    /// The built-in table, parsed once.
    pub fn built_in() -> &'static Synonyms {
        static TABLE: OnceLock<Synonyms> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut s = Synonyms::default();
            // Compiled in and parsed by a unit test: an error here is a broken binary, not
            // anything a user did, and the table is left empty rather than panicking.
            for (_, group) in parse_table(BUILT_IN).unwrap_or_default() {
                s.add(&group);
            }
            s
        })
    }

    /// The built-in table with a site's groups (each: the pages' word, then residents'
    /// words) added; a site's word replaces a built-in entry for the same resident's word.
    pub fn with_site(groups: &[Vec<String>]) -> Synonyms {
        let mut s = Synonyms::built_in().clone();
        for g in groups {
            s.add(g);
        }
        s
    }

    /// Adds one group; words that cannot be synonyms were reported where they were read
    /// and are skipped here.
    fn add(&mut self, group: &[String]) {
        let Some(to) = group.first().and_then(|w| folded(w)) else {
            return;
        };
        for from in group[1..].iter().filter_map(|w| folded(w)) {
            if from != to {
                self.map.insert(from, to.clone());
            }
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Expands a folded Han run: from its start, the longest resident's word at each place
    /// is replaced by its pages' word; a character no word starts at is kept. None when no
    /// word matched.
    pub fn expand(&self, run: &str) -> Option<Expansion> {
        let longest = self.map.keys().map(|k| k.chars().count()).max()?;
        let chars: Vec<char> = run.chars().collect();
        let mut text = String::with_capacity(run.len() + 8);
        let mut also: Vec<String> = Vec::new();
        let mut i = 0;
        let mut key = String::with_capacity(longest * 3);
        while i < chars.len() {
            let hit = (1..=longest.min(chars.len() - i)).rev().find_map(|n| {
                key.clear();
                key.extend(&chars[i..i + n]);
                self.map.get(&key).map(|to| (n, to))
            });
            match hit {
                Some((n, to)) => {
                    text.push_str(to);
                    if !also.contains(to) {
                        also.push(to.clone());
                    }
                    i += n;
                }
                None => {
                    text.push(chars[i]);
                    i += 1;
                }
            }
        }
        (!also.is_empty()).then_some(Expansion { text, also })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_parses_and_has_what_residents_say() {
        let groups = parse_table(BUILT_IN).unwrap();
        let words: usize = groups.iter().map(|(_, g)| g.len() - 1).sum();
        assert!(words >= 80, "only {words} residents' words");
        let s = Synonyms::built_in();
        assert_eq!(s.len(), words, "a resident's word is listed twice");
        for (from, to) in [
            ("身分证", "身份证"),
            ("户口本", "户口簿"),
            ("孩子", "新生儿"),
            ("小孩", "新生儿"),
            ("香港", "港澳"),
            ("澳门", "港澳"),
            ("搬家", "迁移"),
            ("丢了", "遗失"),
        ] {
            assert_eq!(s.map.get(from).map(String::as_str), Some(to), "{from}");
        }
    }

    #[test]
    fn expands_the_longest_word_at_each_place() {
        let s = Synonyms::built_in();
        let e = s.expand("去香港要办什么证").unwrap();
        assert_eq!(e.text, "去港澳要办什么证");
        assert_eq!(e.also, ["港澳"]);
        let e = s.expand("户口本丢了").unwrap();
        assert_eq!(e.text, "户口簿遗失");
        assert_eq!(e.also, ["户口簿", "遗失"]);
        // 出生证明 is longer than 出生证: not 出生医学证明明.
        assert_eq!(s.expand("出生证明").unwrap().text, "出生医学证明");
        assert_eq!(s.expand("出生证").unwrap().text, "出生医学证明");
        assert_eq!(s.expand("户口迁入"), None);
        assert_eq!(s.expand(""), None);
    }

    #[test]
    fn a_sites_words_are_added_folded_and_win() {
        let site = vec![
            vec!["派出所".to_owned(), "所里".to_owned()],
            vec!["社区警务室".to_owned(), "警務站".to_owned()],
        ];
        let s = Synonyms::with_site(&site);
        assert_eq!(s.expand("所里").unwrap().text, "派出所");
        // Traditional folds: the table holds the simplified form the tokenizer makes.
        assert_eq!(s.expand("警务站").unwrap().also, ["社区警务室"]);
        assert_eq!(s.len(), Synonyms::built_in().len() + 1);
    }

    #[test]
    fn words_that_are_not_one_chinese_run_are_refused() {
        assert_eq!(word_problem("户口本"), None);
        assert_eq!(word_problem("戶口本"), None);
        assert!(word_problem("ID卡").is_some());
        assert!(word_problem("户口 本").is_some());
        assert!(word_problem(" ").is_some());
        let err = parse_table("身份证: 身分证, 打110\n").unwrap_err();
        assert!(err.starts_with("line 1: \"打110\""), "{err}");
        assert!(parse_table("身份证 身分证\n").is_err());
    }

    #[test]
    fn serializes_as_the_map_search_js_reads() {
        let s = Synonyms::with_site(&[]);
        let json = serde_json::to_value(s).unwrap();
        assert_eq!(json["户口本"], "户口簿");
    }
}
