//! A procedure guide's facts, taken out of the document into the guide's own fields: the
//! section headed 需要带的材料 / 所需材料 / 申请材料 becomes `materials` (原件, 复印件 and
//! counts such as 2份 read into each item), 办理流程 becomes `steps`, and 办理地点,
//! 办理时间, 收费标准, 办理时限, 办理条件 become where, hours, fees, duration, eligibility,
//! whether each is a heading over its text or a line `办理地点：…`.

use super::doc::{Block, Doc};
use super::shape::numbered_level;
use crate::model::skeleton::{quote, Filled};

/// A field and the words that name its section.
const FACTS: [(&str, &[&str]); 7] = [
    (
        "materials",
        &[
            "需要带的材料",
            "所需材料",
            "申请材料",
            "办理材料",
            "携带材料",
            "提交材料",
            "需要材料",
            "需带材料",
            "材料清单",
        ],
    ),
    ("steps", &["办理流程", "办理步骤", "办理程序", "办事流程"]),
    ("where", &["办理地点", "办事地点", "受理地点"]),
    ("hours", &["办理时间", "办公时间", "受理时间"]),
    ("fees", &["收费标准", "办理费用", "收费"]),
    ("duration", &["办理时限", "办结时限", "承诺时限"]),
    (
        "eligibility",
        &["办理条件", "申请条件", "适用对象", "办理对象"],
    ),
];

/// The field a heading or a line's label names.
fn field_of(label: &str) -> Option<&'static str> {
    let label = strip_number(label);
    let label = label.trim().trim_end_matches(['：', ':']).trim();
    FACTS
        .iter()
        .find(|(_, words)| words.contains(&label))
        .map(|(key, _)| *key)
}

/// Whether the document has a section a guide's fields are made of.
pub fn looks_like_guide(doc: &Doc) -> bool {
    doc.blocks.iter().any(|b| match b {
        Block::Para(p) => {
            let text = p.text();
            field_of(&text).is_some() || label_line(&text).is_some()
        }
        _ => false,
    })
}

/// `办理地点：柳湾派出所` → ("where", "柳湾派出所").
fn label_line(text: &str) -> Option<(&'static str, String)> {
    let (label, rest) = text.split_once(['：', ':'])?;
    let key = field_of(label)?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| (key, rest.to_owned()))
}

/// Take the guide's sections out of the body into fields; return what was taken, in words.
pub fn take_fields(doc: &mut Doc, filled: &mut Filled) -> Vec<String> {
    let mut done = Vec::new();
    let mut i = 0;
    while i < doc.blocks.len() {
        let (heading, text) = match &doc.blocks[i] {
            Block::Para(p) => (p.heading, p.text()),
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some((key, value)) = label_line(text.trim()) {
            doc.blocks.remove(i);
            let items = if key == "materials" || key == "steps" {
                value.split(['；', ';', '、']).map(str::to_owned).collect()
            } else {
                vec![value]
            };
            done.push(put(filled, key, items));
            continue;
        }
        let (Some(level), Some(key)) = (heading, field_of(&text)) else {
            i += 1;
            continue;
        };
        let end = (i + 1..doc.blocks.len())
            .find(|j| match &doc.blocks[*j] {
                // A line `办理时间：…` right under 办理地点 is a fact of its own.
                Block::Para(p) => {
                    p.heading.is_some_and(|l| l <= level) || label_line(p.text().trim()).is_some()
                }
                _ => false,
            })
            .unwrap_or(doc.blocks.len());
        let section: Vec<Block> = doc.blocks.drain(i..end).skip(1).collect();
        let lines: Vec<String> = section
            .iter()
            .flat_map(|b| b.text().lines().map(str::to_owned).collect::<Vec<_>>())
            .filter(|l| !l.trim().is_empty())
            .collect();
        done.push(put(filled, key, lines));
    }
    done
}

/// Write `items` into `key`; the report's words for it.
fn put(filled: &mut Filled, key: &'static str, items: Vec<String>) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|t| {
            strip_number(t.trim())
                .trim()
                .trim_end_matches(['。', '；', ';', '，', ','])
                .to_owned()
        })
        .filter(|t| !t.is_empty())
        .collect();
    match key {
        "materials" | "steps" => {
            let n = items.len();
            let materials = key == "materials";
            let yaml = items
                .iter()
                .map(|t| if materials { material(t) } else { quote(t) })
                .collect();
            filled.lists.push((key, yaml));
            if materials {
                format!("{n} 项材料写进了 materials（原件、复印件和份数已经分开）")
            } else {
                format!("{n} 个步骤写进了 steps")
            }
        }
        _ => {
            let word = FACTS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(key, |(_, words)| words[0]);
            filled.text(key, &items.join("；"));
            format!("{word}写进了 {key}：{}", items.join("；"))
        }
    }
}

/// Leading `1.`, `（1）`, `①`, `-` or `•` of a list item.
fn strip_number(text: &str) -> &str {
    let text = text.trim_start();
    if let Some((_, len)) = numbered_level(text) {
        let byte = text.char_indices().nth(len).map_or(text.len(), |(b, _)| b);
        return &text[byte..];
    }
    text.trim_start_matches(|c: char| {
        ('①'..='⑳').contains(&c) || matches!(c, '-' | '•' | '·' | '●' | '*' | '◆' | '■')
    })
}

/// One item of `materials` as YAML: its name, and what the text says of 原件 / 复印件
/// and how many copies.
fn material(text: &str) -> String {
    let original = text.contains("原件");
    let copy = text.contains("复印件");
    let (rest, copies) = copies(text);
    let mut name = rest;
    for word in [
        "原件及复印件",
        "原件和复印件",
        "原件、复印件",
        "复印件",
        "原件",
    ] {
        name = name.replace(word, "");
    }
    let mut note = None;
    if let Some(open) = name.find(['（', '(']) {
        let inner = name[open..].trim_start_matches(['（', '(']);
        let inner = inner.trim_end_matches(['）', ')']).to_owned();
        name.truncate(open);
        note = Some(inner).filter(|n| !n.trim().is_empty());
    }
    let name = name
        .trim()
        .trim_end_matches(['及', '和', '、', '各', ' '])
        .trim()
        .to_owned();
    let name = if name.is_empty() {
        text.to_owned()
    } else {
        name
    };
    if original && copy {
        note = Some(match note {
            Some(n) => format!("{n}；原件和复印件"),
            None => "原件和复印件".to_owned(),
        });
    }
    let mut parts = vec![format!("name: {}", quote(&name))];
    if let Some(note) = note {
        parts.push(format!("note: {}", quote(&note)));
    }
    if let Some(n) = copies {
        parts.push(format!("copies: {n}"));
    }
    if original || copy {
        parts.push(format!("original: {original}"));
    }
    if parts.len() == 1 {
        quote(&name)
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// `…各2份` / `…一份` → the text without it, and the count.
fn copies(text: &str) -> (String, Option<u32>) {
    let Some(at) = text.rfind('份') else {
        return (text.to_owned(), None);
    };
    let before = &text[..at];
    let number: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || "一二两三四五六七八九十".contains(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let n = number.parse().ok().or_else(|| {
        let n = number.replace('两', "二");
        (1..=20).find(|i| super::numbering::chinese(*i) == n)
    });
    match n {
        Some(n) => {
            let start = before.len() - number.len();
            let rest = format!("{}{}", &text[..start], &text[at + '份'.len_utf8()..]);
            (rest, Some(n))
        }
        None => (text.to_owned(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn materials_read_originals_copies_and_counts() {
        assert_eq!(material("居民身份证"), "\"居民身份证\"");
        assert_eq!(
            material("户口簿原件"),
            "{ name: \"户口簿\", original: true }"
        );
        assert_eq!(
            material("近期免冠照片2份"),
            "{ name: \"近期免冠照片\", copies: 2 }"
        );
        assert_eq!(
            material("居民身份证原件及复印件各一份"),
            "{ name: \"居民身份证\", note: \"原件和复印件\", copies: 1, original: true }"
        );
        assert_eq!(
            material("结婚证复印件（夫妻双方）2份"),
            "{ name: \"结婚证\", note: \"夫妻双方\", copies: 2, original: false }"
        );
    }

    #[test]
    fn labels_name_fields() {
        assert_eq!(field_of("一、所需材料"), Some("materials"));
        assert_eq!(field_of("（二）办理地点："), Some("where"));
        assert_eq!(field_of("三、办理步骤"), Some("steps"));
        assert_eq!(field_of("办理条件："), Some("eligibility"));
        assert_eq!(field_of("注意事项"), None);
        assert_eq!(
            label_line("办理时限：5个工作日"),
            Some(("duration", "5个工作日".to_owned()))
        );
    }
}
