//! Typed access to the fields of a YAML block. Every problem becomes a diagnostic that
//! points at the key's line and says what was expected, and reading goes on, so one run
//! reports every mistake in a file.

use super::yaml::{key_text, YamlMap};
use crate::diagnostics::{nearest, Diagnostic, Diagnostics};
use serde_yaml::Value;

pub struct FieldReader<'a> {
    pub map: &'a YamlMap,
    file: &'a str,
    text: &'a str,
    pub diags: Diagnostics,
}

impl<'a> FieldReader<'a> {
    /// `text` is the file's whole text, for the snippet under each message.
    pub fn new(map: &'a YamlMap, file: &'a str, text: &'a str) -> Self {
        FieldReader {
            map,
            file,
            text,
            diags: Diagnostics::new(),
        }
    }

    /// An error at `key`'s line.
    pub fn error(&mut self, key: &str, message: impl Into<String>, hint: impl Into<String>) {
        let d = self
            .diagnostic_at(key, Diagnostic::error(message))
            .with_hint(hint);
        self.diags.push(d);
    }

    pub fn warning(&mut self, key: &str, message: impl Into<String>, hint: impl Into<String>) {
        let d = self
            .diagnostic_at(key, Diagnostic::warning(message))
            .with_hint(hint);
        self.diags.push(d);
    }

    pub fn diagnostic_at(&self, key: &str, d: Diagnostic) -> Diagnostic {
        d.in_file(self.file)
            .at(self.map.position_of(key))
            .with_source(self.text)
    }

    fn type_error(&mut self, key: &str, expected: &str, example: &str, got: &Value) {
        let got = describe(got);
        self.error(
            key,
            format!("`{key}` should be {expected}, but it is {got}"),
            format!("write it like `{key}: {example}`"),
        );
    }

    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Text. Numbers are accepted as text (`emergency: 110`).
    pub fn text(&mut self, key: &str, example: &str) -> Option<String> {
        let v = self.raw(key)?;
        match scalar_text(v) {
            Some(s) => Some(s),
            None => {
                self.type_error(key, "text", example, v);
                None
            }
        }
    }

    /// Text that must be there and not blank.
    pub fn required_text(&mut self, key: &str, example: &str, why: &str) -> Option<String> {
        match self.text(key, example) {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                self.error(
                    key,
                    format!("`{key}` is empty"),
                    format!("{why}: write it like `{key}: {example}`"),
                );
                None
            }
            None if self.raw(key).is_none() => {
                let start = self.map.start;
                let d = Diagnostic::error(format!("`{key}` is missing"))
                    .in_file(self.file)
                    .at(start)
                    .with_hint(format!(
                        "{why}: add a line `{key}: {example}` between the --- lines"
                    ))
                    .with_source(self.text);
                self.diags.push(d);
                None
            }
            None => None,
        }
    }

    pub fn bool(&mut self, key: &str) -> bool {
        match self.raw(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.type_error(key, "true or false", "true", v);
                false
            }
        }
    }

    pub fn int(&mut self, key: &str, example: &str) -> Option<i64> {
        let v = self.raw(key)?;
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.type_error(key, "a whole number", example, v);
                None
            }
        }
    }

    /// A list of text. A single text is accepted as a list of one.
    pub fn text_list(&mut self, key: &str, example: &str) -> Vec<String> {
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        if let Some(s) = scalar_text(v) {
            return vec![s];
        }
        let Value::Sequence(items) = v else {
            self.type_error(key, "a list", example, v);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match scalar_text(item) {
                Some(s) => out.push(s),
                None => {
                    let got = describe(item);
                    self.error(
                        key,
                        format!("every item of `{key}` should be text, but one is {got}"),
                        format!("write it like `{key}: {example}`"),
                    );
                }
            }
        }
        out
    }

    /// Report keys not in `known`, suggesting the nearest known one, or explaining where a
    /// key belongs when `elsewhere` knows it (`materials` only belongs to guides).
    pub fn reject_unknown(&mut self, known: &[&str], elsewhere: impl Fn(&str) -> Option<String>) {
        let keys: Vec<String> = self.map.map.keys().map(key_text).collect();
        for key in keys {
            if known.contains(&key.as_str()) {
                continue;
            }
            if let Some(why) = elsewhere(&key) {
                self.error(
                    &key,
                    format!("`{key}` cannot be used here: {why}"),
                    "remove this line, or move the file to the right folder",
                );
                continue;
            }
            let hint = match nearest(&key, known) {
                Some(k) => format!("did you mean `{k}`? (known keys: {})", known.join(", ")),
                None => format!("remove it, or use one of: {}; free fields for a custom theme go under `extra:`", known.join(", ")),
            };
            self.error(&key, format!("unknown key `{key}`"), hint);
        }
    }
}

/// The text of a scalar, or None for lists and maps.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// How a value reads to a person, for "should be X, but it is Y".
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "empty".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a group of `key: value` settings".into(),
        Value::Tagged(t) => describe(&t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse_map;

    #[test]
    fn collects_every_problem_of_a_block() {
        let text = "title: 通知\npinned: yes please\nexpire: 2026-01-01\nweight: 一\n";
        let map = parse_map(text, 2, "a.md", text).unwrap();
        let mut r = FieldReader::new(&map, "a.md", text);
        assert_eq!(r.text("title", "x").as_deref(), Some("通知"));
        assert!(!r.bool("pinned"));
        assert_eq!(r.int("weight", "1"), None);
        r.reject_unknown(&["title", "pinned", "weight", "expires"], |_| None);
        let msgs: Vec<String> = r.diags.iter().map(|d| d.headline()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].starts_with("a.md:3:1: 错误：`pinned` should be true or false"));
        assert!(msgs[1].starts_with("a.md:5:1: 错误：`weight` should be a whole number"));
        assert!(msgs[2].contains("unknown key `expire`"));
        assert!(r.diags.iter().any(|d| d
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `expires`")));
    }

    #[test]
    fn missing_required_text_points_at_the_front_matter() {
        let map = parse_map("summary: x\n", 2, "a.md", "").unwrap();
        let mut r = FieldReader::new(&map, "a.md", "");
        assert_eq!(
            r.required_text("title", "标题", "every page needs a title"),
            None
        );
        let d = r.diags.iter().next().unwrap();
        assert_eq!(d.message, "`title` is missing");
        assert_eq!(d.position.unwrap().line, 2);
    }
}
