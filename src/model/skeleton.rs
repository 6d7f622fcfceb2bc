//! The file a new page starts as: front matter with every field of its kind from the field
//! table ([`crate::schema::PAGE_FIELDS`]), each with its note as a comment, then a first
//! paragraph saying what to write. `bulletin new` writes it; `check` warns while the
//! paragraph is left in.

use crate::diagnostics::text_width;
use crate::schema::{Field, Kind, Type, PAGE_FIELDS};

/// One front-matter line: `key: value`, its note lined up after it.
fn line(out: &mut String, key: &str, value: &str, note: &str) {
    let setting = if value.is_empty() {
        format!("{key}:")
    } else {
        format!("{key}: {value}")
    };
    // Chinese characters take two columns in an editor: line the notes up by width.
    let pad = 26usize.saturating_sub(text_width(&setting));
    out.push_str(&setting);
    out.push_str(&" ".repeat(pad.max(1)));
    out.push_str("# ");
    out.push_str(note);
    out.push('\n');
}

/// The comment beside a field: its label, whether it must be filled in, what it does.
fn comment(field: &Field, kind: Kind) -> String {
    if field.is_required(kind) {
        format!("{}（必填）；{}", field.label, field.note)
    } else {
        format!("{}：{}", field.label, field.note)
    }
}

/// What `materials:` can hold, shown under it as comments.
const MATERIALS_EXAMPLE: &str =
    "  # 每样一行，写法如下面两行（去掉 # 号）：\n  # - 居民身份证\n  # - { name: 户口簿, note: 全家人的, copies: 1, original: true }\n";

/// The file: front matter with every field of the kind, then a first paragraph to replace.
pub fn skeleton(kind: Kind, title: &str, today: &str) -> String {
    let date = kind.is_dated().then_some(today);
    let mut s = front_matter(kind, title, date, &Filled::default());
    s.push('\n');
    s.push_str(placeholder(kind));
    s.push('\n');
    s
}

/// Values to write into the front matter instead of the empty ones (an imported page's):
/// each a YAML scalar, or a list of YAML items.
#[derive(Debug, Clone, Default)]
pub struct Filled {
    pub values: Vec<(&'static str, String)>,
    pub lists: Vec<(&'static str, Vec<String>)>,
}

impl Filled {
    /// A text value, quoted so that any text is safe.
    pub fn text(&mut self, key: &'static str, value: &str) {
        self.values.push((key, quote(value)));
    }
}

/// JSON's quoted strings are YAML's double-quoted strings: any text is safe.
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// Front matter with every field of the kind and its note, between two `---` lines.
/// `date` is written where the kind's skeleton has it, and for other kinds when given.
pub fn front_matter(kind: Kind, title: &str, date: Option<&str>, filled: &Filled) -> String {
    let quoted = quote(title);
    let mut s = String::from("---\n");
    for field in PAGE_FIELDS
        .iter()
        .filter(|f| f.in_new_page(kind) || (f.key == "date" && date.is_some()))
    {
        let given = filled.values.iter().find(|(k, _)| *k == field.key);
        let value = match (field.key, given) {
            ("title", _) => quoted.as_str(),
            ("date", _) => date.unwrap_or(field.start),
            (_, Some((_, v))) => v.as_str(),
            _ => field.start,
        };
        let list = filled.lists.iter().find(|(k, _)| *k == field.key);
        let value = if list.is_some() { "" } else { value };
        line(&mut s, field.key, value, &comment(field, kind));
        match list {
            Some((_, items)) => items.iter().for_each(|item| {
                s.push_str("  - ");
                s.push_str(item);
                s.push('\n');
            }),
            None if field.ty == Type::Materials => s.push_str(MATERIALS_EXAMPLE),
            None => {}
        }
    }
    s.push_str("---\n");
    s
}

/// The body a new page starts with: what to write there. `check` warns while it is left in.
pub fn placeholder(kind: Kind) -> &'static str {
    match kind {
        Kind::Notice => "在这里写通知正文：什么事，什么时间，在哪里，请大家做什么。",
        Kind::Guide => "在这里补充说明：适用哪些情况、要注意什么。上面的材料、步骤和办理时间会显示在页面顶部，可以打印。",
        Kind::Faq => "在这里写回答：先用一两句话直接回答问题。需要详细材料的，链接到办事指南，写法如 `[户口迁入](../guides/hukou-qianru.md)`。",
        Kind::Story => "在这里写故事：发生了什么，民警怎么做的，结果怎样。",
        Kind::Page => "在这里写正文。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_a_note() {
        for kind in Kind::ALL {
            let s = skeleton(kind, "标题", "2026-12-01");
            let front: Vec<&str> = s.lines().skip(1).take_while(|l| *l != "---").collect();
            assert!(
                front
                    .iter()
                    .all(|l| l.contains(" # ") || l.starts_with("  # ")),
                "{s}"
            );
            assert_eq!(s.contains("date: 2026-12-01"), kind.is_dated(), "{s}");
        }
    }

    #[test]
    fn every_field_of_the_table_is_in_the_skeleton_of_its_kinds() {
        for kind in Kind::ALL {
            let s = skeleton(kind, "标题", "2026-12-01");
            for f in PAGE_FIELDS {
                let shown = s.lines().any(|l| l.starts_with(&format!("{}:", f.key)));
                assert_eq!(shown, f.in_new_page(kind), "{kind:?} {}:\n{s}", f.key);
            }
        }
    }

    #[test]
    fn titles_are_quoted_safely() {
        let s = skeleton(Kind::Page, "注意: \"引号\" # 不是注释", "2026-12-01");
        assert!(
            s.starts_with("---\ntitle: \"注意: \\\"引号\\\" # 不是注释\""),
            "{s}"
        );
    }
}
