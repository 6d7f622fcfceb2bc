//! One tokenizer: the Rust indexer and the browser's search.js must split, fold and hash
//! text identically, or a page is indexed under terms no query produces. Both run over the
//! shared cases in src/render/search/parity_cases.txt and must agree token for token, and
//! expand residents' words (户口本 → 户口簿) alike.

use crate::common;

use bulletin::render::search::codec::term_hash;
use bulletin::render::search::synonyms::Synonyms;
use bulletin::render::search::t2s;
use bulletin::render::search::tokenize::{terms, tokenize, TokenKind};
use serde_json::{json, Value};
use std::collections::HashSet;

fn cases() -> Vec<String> {
    let text =
        std::fs::read_to_string(common::repo().join("src/render/search/parity_cases.txt")).unwrap();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn rust_side(text: &str) -> Value {
    let tokens: Vec<Value> = tokenize(text)
        .into_iter()
        .map(|t| {
            let kind = if t.kind == TokenKind::Han {
                "han"
            } else {
                "word"
            };
            json!([kind, t.text, t.start])
        })
        .collect();
    let terms = terms(text);
    let hashes: Vec<u32> = terms.iter().map(|t| term_hash(t.chars())).collect();
    let expanded: Vec<Value> = tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Han)
        .map(|t| json!(Synonyms::built_in().expand(&t.text)))
        .collect();
    json!({ "text": text, "tokens": tokens, "expanded": expanded, "terms": terms, "hashes": hashes })
}

#[test]
fn rust_and_javascript_tokenize_every_shared_case_alike() {
    let cases = cases();
    assert!(cases.len() >= 25, "the cases file lost its cases");
    // The browser gets only the Traditional forms of characters the site uses; here the
    // "site" is the cases themselves, exactly as the index builder would pick them.
    let present: HashSet<char> = cases
        .iter()
        .flat_map(|c| tokenize(c))
        .flat_map(|t| t.text.chars().collect::<Vec<_>>())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let t2s_file = dir.path().join("t2s.txt");
    std::fs::write(&t2s_file, t2s::subset_for(|c| present.contains(&c))).unwrap();
    let syn_file = dir.path().join("synonyms.json");
    std::fs::write(
        &syn_file,
        serde_json::to_string(Synonyms::built_in()).unwrap(),
    )
    .unwrap();

    let root = common::repo();
    let js = common::run_node_json(
        "parity.js",
        &[
            root.join("themes/default/static/search.js")
                .to_str()
                .unwrap(),
            root.join("src/render/search/rules.json").to_str().unwrap(),
            t2s_file.to_str().unwrap(),
            root.join("src/render/search/parity_cases.txt")
                .to_str()
                .unwrap(),
            syn_file.to_str().unwrap(),
        ],
        &[],
    );
    let js = js.as_array().expect("an array of cases");
    assert_eq!(js.len(), cases.len());
    for (case, js_case) in cases.iter().zip(js) {
        assert_eq!(&rust_side(case), js_case, "tokenizers disagree on {case:?}");
    }
}

#[test]
fn the_cases_cover_what_matters() {
    // Guards the cases file itself: each kind of folding the issue names is exercised.
    let all: Vec<Value> = cases().iter().map(|c| rust_side(c)).collect();
    let has_term = |t: &str| {
        all.iter()
            .any(|c| c["terms"].as_array().unwrap().iter().any(|x| x == t))
    };
    assert!(has_term("户口迁"), "Traditional folds to Simplified");
    assert!(has_term("110"), "full-width digits fold");
    assert!(has_term("app"), "full-width Latin folds to lower case");
    assert!(has_term("lv"), "ü folds to v");
    assert!(has_term("hu") && has_term("kou"), "tone marks fold");
    assert!(has_term("𠀀𠀁"), "characters beyond the BMP");
    let expanded_to = |t: &str| {
        all.iter().any(|c| {
            (c["expanded"].as_array().unwrap().iter()).any(|e| e["text"].as_str() == Some(t))
        })
    };
    assert!(
        expanded_to("去港澳要办什么证"),
        "a resident's word is expanded"
    );
    assert!(
        expanded_to("迁移后户口簿和居住证"),
        "after folding, several in one run"
    );
}
