//! A plain-text (`.txt`) or Markdown (`.md`) file read into a [`Doc`], in UTF-8 or GBK as
//! the build reads content. Text: each line a paragraph, the first short line the title.
//! Markdown: kept as written, its first `# ` heading the title.

use super::doc::{Block, Doc, Para};

pub fn read_text(text: &str) -> Doc {
    let mut doc = Doc::default();
    for line in text.lines() {
        if !line.trim().is_empty() {
            doc.blocks.push(Block::Para(Para::plain(line)));
        }
    }
    let first = doc.blocks.first().map(|b| b.text());
    doc.title = first
        .map(|t| t.trim().to_owned())
        .filter(|t| t.chars().count() <= 40 && !t.ends_with(['。', '；', '，']));
    doc
}

pub fn read_markdown(text: &str) -> Doc {
    let mut doc = Doc::default();
    // A file that already has front matter: its body is what there is to import.
    let body = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n").map(|(_, body)| body))
        .unwrap_or(text);
    for part in body.split("\n\n") {
        let part = part.trim_matches('\n');
        if part.trim().is_empty() {
            continue;
        }
        match part.strip_prefix("# ").filter(|t| !t.contains('\n')) {
            Some(title) if doc.title.is_none() => doc.title = Some(title.trim().to_owned()),
            _ => doc.blocks.push(Block::Markdown(part.to_owned())),
        }
    }
    doc
}
