//! Heading anchors: readable ids made from a heading's words, unique in their page, and
//! the hint that lists them when a link points at a heading that is not there. Apart from
//! Markdown itself because list templates (FAQ categories) and link checks use them too.

use pulldown_cmark::HeadingLevel;
use std::collections::{HashMap, HashSet};

/// A hint listing the headings a link may point at.
pub fn heading_hint<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    /// Enough to spot the one meant; a page of thousands of headings lists no more.
    const LISTED: usize = 30;
    let mut ids: Vec<String> = ids.map(|i| format!("#{i}")).collect();
    ids.sort();
    match ids.len() {
        0 => "那一页没有小标题：链接时去掉 `#…`，直接链接到那一页。".to_owned(),
        n if n > LISTED => format!("那里的小标题有：{} 等 {n} 个。", ids[..LISTED].join("、")),
        _ => format!("那里的小标题有：{}。", ids.join("、")),
    }
}

pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// A readable anchor: the heading's words, ASCII lowercased, spaces as `-`, punctuation
/// dropped, Chinese kept as it is (`## 没有居住证怎么办？` → `没有居住证怎么办`).
pub fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push(if c == '_' { '_' } else { '-' });
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() {
        "section".to_owned()
    } else {
        id
    }
}

/// `wanted`, or `wanted-1`, `wanted-2`… when taken. `next` remembers where each id's
/// numbering got to: a page of thousands of equal headings takes linear time, not square.
pub(super) fn unique_id(
    wanted: String,
    used: &mut HashSet<String>,
    next: &mut HashMap<String, usize>,
) -> String {
    if used.insert(wanted.clone()) {
        return wanted;
    }
    let n = next.entry(wanted.clone()).or_insert(1);
    loop {
        let id = format!("{wanted}-{n}");
        *n += 1;
        if used.insert(id.clone()) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_numbered_when_taken_and_hints_list_them() {
        let (mut used, mut next) = (HashSet::new(), HashMap::new());
        let ids: Vec<String> = ["材料", "材料", "材料"]
            .iter()
            .map(|w| unique_id(heading_id(w), &mut used, &mut next))
            .collect();
        assert_eq!(ids, ["材料", "材料-1", "材料-2"]);
        assert_eq!(heading_id("？！"), "section");
        assert_eq!(
            heading_hint(["b", "a"].into_iter()),
            "那里的小标题有：#a、#b。"
        );
    }
}
