//! The desk's forms, drawn from the field table ([`crate::schema::PAGE_FIELDS`]): one
//! control per field of the page's kind, named after its key, showing the value the file
//! holds; and back from a submitted form to the fields that changed.
//!
//! A field counts as changed only when what comes back differs from what the form showed,
//! so a field staff did not touch keeps its lines in the file exactly as they were.

use super::frontmatter::{scalar, Yaml};
use crate::schema::{Field, Kind, Type, PAGE_FIELDS};
use serde::Serialize;
use serde_yaml::Value;

/// The control a field gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Control {
    Text,
    Textarea,
    /// A date, with an optional time beside it.
    Date,
    Checkbox,
    Number,
    /// Tags: chips to add and remove, over one text field.
    Tags,
    /// One line per item, each in its own row (steps).
    Lines,
    /// The guide's checklist: rows of material, 原件/复印件, 份数, note.
    Materials,
    /// Other pages, chosen from a list.
    Pages,
    /// One old address per line.
    Paths,
    /// A file beside the page, with a photo upload.
    File,
    /// A choice among the site's categories, or a new one.
    Select,
    /// Settings for a custom theme, as YAML.
    Yaml,
}

pub fn control(field: &Field) -> Control {
    match (field.ty, field.key) {
        (Type::Text, "category") => Control::Select,
        (Type::Text, _) => Control::Text,
        (Type::LongText, _) => Control::Textarea,
        (Type::Date, _) => Control::Date,
        (Type::Bool, _) => Control::Checkbox,
        (Type::Int, _) => Control::Number,
        (Type::TextList, "tags") => Control::Tags,
        (Type::TextList, _) => Control::Lines,
        (Type::PageList, _) => Control::Pages,
        (Type::PathList, _) => Control::Paths,
        (Type::File, _) => Control::File,
        (Type::Materials, _) => Control::Materials,
        (Type::Map | Type::MapList | Type::WordGroups, _) => Control::Yaml,
    }
}

/// One item of the checklist as the form shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Material {
    pub name: String,
    /// "true" (原件), "false" (复印件) or "" (not said).
    pub original: String,
    pub copies: String,
    pub note: String,
}

/// A field's value as the form shows it and as it comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Text(String),
    Flag(bool),
    Items(Vec<String>),
    Rows(Vec<Material>),
}

/// What a form sent: its fields in order (a name may repeat), and its files.
#[derive(Debug, Default)]
pub struct Submitted {
    pub pairs: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

#[derive(Debug)]
pub struct Upload {
    pub name: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl Submitted {
    pub fn get(&self, name: &str) -> Option<&str> {
        (self.pairs.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        (self.pairs.iter())
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().trim().to_owned()
    }
}

/// The fields a page of `kind` can have, in table order.
pub fn fields(kind: Kind) -> impl Iterator<Item = &'static Field> {
    PAGE_FIELDS.iter().filter(move |f| f.applies_to(kind))
}

fn text_of(v: &Value) -> String {
    crate::load::fields::scalar_text(v).unwrap_or_default()
}

fn items_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(items)) => items.iter().map(text_of).collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![text_of(other)],
    }
}

/// A date as the form shows it: `2026-09-20`, or `2026-09-20 08:30` with a time.
fn date_of(text: &str) -> String {
    let text = text.trim();
    let (day, rest) = text.split_at(text.len().min(10));
    let time: String = rest
        .trim_start_matches(['T', ' '])
        .chars()
        .take(5)
        .collect();
    if time.len() == 5 && time.as_bytes()[2] == b':' {
        format!("{day} {time}")
    } else {
        day.to_owned()
    }
}

fn material_of(v: &Value) -> Material {
    let Value::Mapping(m) = v else {
        return Material {
            name: text_of(v),
            ..Material::default()
        };
    };
    let get = |k: &str| m.get(k).map(text_of).unwrap_or_default();
    Material {
        name: get("name"),
        original: get("original"),
        copies: get("copies"),
        note: get("note"),
    }
}

/// What the form shows for `field`, given its value in the file.
pub fn shown(field: &Field, value: Option<&Value>) -> Shown {
    match control(field) {
        Control::Checkbox => Shown::Flag(matches!(value, Some(Value::Bool(true)))),
        Control::Tags | Control::Lines | Control::Pages | Control::Paths => {
            Shown::Items(items_of(value))
        }
        Control::Materials => Shown::Rows(match value {
            Some(Value::Sequence(items)) => items.iter().map(material_of).collect(),
            _ => Vec::new(),
        }),
        Control::Date => Shown::Text(value.map(text_of).map(|t| date_of(&t)).unwrap_or_default()),
        Control::Yaml => Shown::Text(match value {
            None | Some(Value::Null) => String::new(),
            Some(v) => serde_yaml::to_string(v)
                .unwrap_or_default()
                .trim()
                .to_owned(),
        }),
        _ => Shown::Text(value.map(text_of).unwrap_or_default()),
    }
}

/// Split a line of tags as staff type them: 、 , ， ; or spaces between Chinese words.
fn split_tags(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What came back for `field`.
pub fn submitted(field: &Field, form: &Submitted) -> Shown {
    let key = field.key;
    match control(field) {
        Control::Checkbox => Shown::Flag(form.get(key).is_some()),
        Control::Tags => Shown::Items(form.all(key).into_iter().flat_map(split_tags).collect()),
        Control::Lines | Control::Pages => Shown::Items(
            (form.all(key).into_iter())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        Control::Paths => Shown::Items(
            (form.text(key).lines())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        Control::Materials => {
            let column = |k: &str| form.all(&format!("{key}.{k}"));
            let (names, originals, copies, notes) = (
                column("name"),
                column("original"),
                column("copies"),
                column("note"),
            );
            let cell = |c: &[&str], i: usize| c.get(i).map_or("", |v| v.trim()).to_owned();
            Shown::Rows(
                (0..names.len())
                    .map(|i| Material {
                        name: cell(&names, i),
                        original: cell(&originals, i),
                        copies: cell(&copies, i),
                        note: cell(&notes, i),
                    })
                    .filter(|m| !m.name.is_empty())
                    .collect(),
            )
        }
        Control::Date => {
            let day = form.text(key);
            let time = form.text(&format!("{key}:time"));
            Shown::Text(if day.is_empty() || time.is_empty() {
                day
            } else {
                format!("{day} {time}")
            })
        }
        Control::Select => {
            let new = form.text(&format!("{key}:new"));
            Shown::Text(if new.is_empty() { form.text(key) } else { new })
        }
        Control::Yaml | Control::Textarea => Shown::Text(form.text(key).replace("\r\n", "\n")),
        _ => Shown::Text(form.text(key)),
    }
}

/// The YAML to write for `field` holding `value`.
pub fn written(field: &Field, value: &Shown) -> Yaml {
    match value {
        Shown::Flag(b) => Yaml::Scalar(b.to_string()),
        Shown::Items(items) => Yaml::List(items.iter().map(|i| scalar(i, false)).collect()),
        Shown::Rows(rows) => Yaml::List(rows.iter().map(material_yaml).collect()),
        Shown::Text(t) if t.is_empty() => Yaml::Null,
        Shown::Text(t) => match field.ty {
            Type::Int if t.parse::<i64>().is_ok() => Yaml::Scalar(t.clone()),
            // Dates are plain (`2026-09-20 08:30` reads back as text).
            Type::Date if t.chars().all(|c| c.is_ascii_digit() || "-: ".contains(c)) => {
                Yaml::Scalar(t.clone())
            }
            Type::Map | Type::MapList if t.contains('\n') => Yaml::Block(t.clone()),
            Type::Map | Type::MapList => Yaml::Scalar(t.clone()),
            _ => Yaml::Scalar(scalar(t, false)),
        },
    }
}

/// A checklist item: the plain name, or `{ name: …, note: …, copies: 1, original: true }`.
fn material_yaml(m: &Material) -> String {
    let mut parts = vec![format!("name: {}", scalar(&m.name, true))];
    if !m.note.is_empty() {
        parts.push(format!("note: {}", scalar(&m.note, true)));
    }
    if !m.copies.is_empty() {
        match m.copies.parse::<i64>() {
            Ok(n) => parts.push(format!("copies: {n}")),
            Err(_) => parts.push(format!("copies: {}", scalar(&m.copies, true))),
        }
    }
    if m.original == "true" || m.original == "false" {
        parts.push(format!("original: {}", m.original));
    }
    if parts.len() == 1 {
        scalar(&m.name, false)
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// The fields of `kind` whose submitted value differs from what the form showed for
/// `old` (a field's value in the file), with what to write.
pub fn changes(
    kind: Kind,
    old: impl Fn(&str) -> Option<Value>,
    form: &Submitted,
) -> Vec<(&'static str, Yaml)> {
    fields(kind)
        .filter_map(|f| {
            let before = shown(f, old(f.key).as_ref());
            let after = submitted(f, form);
            (before != after).then(|| (f.key, written(f, &after)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Submitted {
        Submitted {
            pairs: (pairs.iter())
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            files: Vec::new(),
        }
    }

    #[test]
    fn only_fields_that_differ_from_what_was_shown_change() {
        let old = |k: &str| match k {
            "title" => Some(Value::from("停水通知")),
            "date" => Some(Value::from("2026-11-20T08:30:00+08:00")),
            "tags" => Some(serde_yaml::from_str("[停水, 生活]").unwrap()),
            _ => None,
        };
        let sent = form(&[
            ("title", "停水通知"),
            ("date", "2026-11-20"),
            ("date:time", "08:30"),
            ("tags", "停水、生活"),
            ("pinned", "true"),
        ]);
        let changed = changes(Kind::Notice, old, &sent);
        assert_eq!(changed, vec![("pinned", Yaml::Scalar("true".into()))]);
    }

    #[test]
    fn checklist_rows_are_written_as_a_person_would() {
        let f = crate::schema::find(PAGE_FIELDS, "materials").unwrap();
        let sent = form(&[
            ("materials.name", "居民身份证"),
            ("materials.original", ""),
            ("materials.copies", ""),
            ("materials.note", ""),
            ("materials.name", "户口簿"),
            ("materials.original", "true"),
            ("materials.copies", "1"),
            ("materials.note", "全家人的"),
            ("materials.name", " "),
            ("materials.original", ""),
            ("materials.copies", ""),
            ("materials.note", ""),
        ]);
        assert_eq!(
            written(f, &submitted(f, &sent)),
            Yaml::List(vec![
                "居民身份证".into(),
                "{ name: 户口簿, note: 全家人的, copies: 1, original: true }".into()
            ])
        );
    }
}
