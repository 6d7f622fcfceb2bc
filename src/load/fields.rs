//! Typed access to the fields of a YAML block. Every problem becomes a diagnostic that
//! points at the key's line and says what was expected, and reading goes on, so one run
//! reports every mistake in a file.

use super::yaml::{key_text, YamlMap};
use crate::diagnostics::{nearest, spaced, Diagnostic, Diagnostics, Position};
use crate::schema::{self, Field};
use serde_yaml::Value;

pub struct FieldReader<'a> {
    pub map: &'a YamlMap,
    /// The fields this block may hold: their examples go into the hints.
    table: &'static [Field],
    file: &'a str,
    text: &'a str,
    pub diags: Diagnostics,
}

impl<'a> FieldReader<'a> {
    /// `text` is the file's whole text, for the snippet under each message; `table` the
    /// fields the block may hold.
    pub fn new(map: &'a YamlMap, file: &'a str, text: &'a str, table: &'static [Field]) -> Self {
        FieldReader {
            map,
            table,
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

    /// An error at a line under `key`: the first line, from `key`'s on, that holds
    /// `near[0]`, then from there the first that holds `near[1]`, and so on (an item's name,
    /// then its field). What is not found leaves the position where it was.
    pub fn error_near(&mut self, key: &str, near: &[String], message: String, hint: &str) {
        let mut at = self.map.position_of(key);
        for needle in near {
            let lines = self
                .text
                .lines()
                .enumerate()
                .skip(at.line.saturating_sub(1));
            let found = lines
                .take_while(|(i, line)| *i + 1 == at.line || starts_inside(line))
                .find_map(|(i, line)| Some((i, line, line.find(needle.as_str())?)));
            if let Some((i, line, byte)) = found {
                at = Position::new(i + 1, line[..byte].chars().count() + 1);
            }
        }
        let d = Diagnostic::error(message).in_file(self.file).at(at);
        self.diags.push(d.with_source(self.text).with_hint(hint));
    }

    pub fn diagnostic_at(&self, key: &str, d: Diagnostic) -> Diagnostic {
        d.in_file(self.file)
            .at(self.map.position_of(key))
            .with_source(self.text)
    }

    fn example(&self, key: &str) -> &'static str {
        schema::example(self.table, key)
    }

    fn type_error(&mut self, key: &str, expected: &str, got: &Value) {
        let example = self.example(key);
        let got = describe(got);
        self.error(
            key,
            format!(
                "`{key}` 应该是{}，现在是{}。",
                spaced(expected),
                spaced(&got)
            ),
            format!("写成 `{key}: {example}` 这样。"),
        );
    }

    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Text. Numbers are accepted as text (`emergency: 110`).
    pub fn text(&mut self, key: &str) -> Option<String> {
        let v = self.raw(key)?;
        match scalar_text(v) {
            Some(s) => Some(s),
            None => {
                self.type_error(key, "文字", v);
                None
            }
        }
    }

    /// Text that must be there and not blank.
    pub fn required_text(&mut self, key: &str, why: &str) -> Option<String> {
        let example = self.example(key);
        match self.text(key) {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                self.error(
                    key,
                    format!("`{key}` 是空的。"),
                    format!("{why}，写成 `{key}: {example}` 这样。"),
                );
                None
            }
            None if self.raw(key).is_none() => {
                let start = self.map.start;
                let d = Diagnostic::error(format!("缺少必填字段 `{key}`。"))
                    .in_file(self.file)
                    .at(start)
                    .with_hint(format!(
                        "{why}：在开头的两行 `---` 之间加一行 `{key}: {example}`。"
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
                self.type_error(key, "`true` 或 `false`", v);
                false
            }
        }
    }

    pub fn int(&mut self, key: &str) -> Option<i64> {
        let v = self.raw(key)?;
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.type_error(key, "整数", v);
                None
            }
        }
    }

    /// A list of text. A single text is accepted as a list of one.
    pub fn text_list(&mut self, key: &str) -> Vec<String> {
        let example = self.example(key);
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        if let Some(s) = scalar_text(v) {
            return vec![s];
        }
        let Value::Sequence(items) = v else {
            self.type_error(key, "列表", v);
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
                        format!(
                            "`{key}` 里的每一项都应该是文字，但有一项是{}。",
                            spaced(&got)
                        ),
                        format!("写成 `{key}: {example}` 这样。"),
                    );
                }
            }
        }
        out
    }

    /// Report keys not in `known`, suggesting the nearest known one, or explaining where a
    /// key belongs when `elsewhere` knows it (`materials` only belongs to guides).
    pub fn reject_unknown(&mut self, known: &[&str], elsewhere: impl Fn(&str) -> Option<String>) {
        for Unknown { key, nearest } in unknown_keys(&self.map.map, known) {
            if let Some(why) = elsewhere(&key) {
                self.error(
                    &key,
                    format!("这里不能用 `{key}`：{why}。"),
                    "删掉这一行，或者把文件移到正确的文件夹。",
                );
                continue;
            }
            let hint = match nearest {
                Some(k) => did_you_mean(k, known),
                None => format!("删掉这一行，或者改用这些字段之一：{}；给自定义主题用的其他信息写在 `extra:` 下面。", known.join("、")),
            };
            self.error(&key, format!("不认识的字段 `{key}`。"), hint);
        }
    }
}

/// A key a block may not hold, and the known key it was probably meant to be.
pub struct Unknown<'k> {
    pub key: String,
    pub nearest: Option<&'k str>,
}

/// The keys of `map` not in `known`, in the order written, each with its nearest known key:
/// the one loop behind every "不认识的字段" (front matter, `site.yaml` groups, checklist items).
pub fn unknown_keys<'k>(map: &serde_yaml::Mapping, known: &[&'k str]) -> Vec<Unknown<'k>> {
    (map.keys())
        .map(key_text)
        .filter(|key| !known.contains(&key.as_str()))
        .map(|key| Unknown {
            nearest: nearest(&key, known),
            key,
        })
        .collect()
}

/// The hint for an unknown key close to a known one.
pub fn did_you_mean(nearest: &str, known: &[&str]) -> String {
    format!(
        "是不是要写 `{nearest}`？（可以用的字段：{}）",
        known.join("、")
    )
}

/// Whether a line of front matter belongs to the key above it: indented, or an item of
/// its list. A line that starts a new key, or the closing `---`, does not.
fn starts_inside(line: &str) -> bool {
    line.starts_with([' ', '\t']) || (line.starts_with('-') && !line.starts_with("---"))
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

/// How a value reads to a person, for "应该是 X，现在是 Y".
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "空的".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("数字 `{n}`"),
        Value::String(s) => format!("文字 `{s}`"),
        Value::Sequence(_) => "一个列表".into(),
        Value::Mapping(_) => "一组 `名称: 内容` 设置".into(),
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
        let mut r = FieldReader::new(&map, "a.md", text, schema::PAGE_FIELDS);
        assert_eq!(r.text("title").as_deref(), Some("通知"));
        assert!(!r.bool("pinned"));
        assert_eq!(r.int("weight"), None);
        r.reject_unknown(&["title", "pinned", "weight", "expires"], |_| None);
        let msgs: Vec<String> = r.diags.iter().map(|d| d.headline()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert_eq!(
            msgs[0],
            "a.md:3:1: 错误：`pinned` 应该是 `true` 或 `false`，现在是文字 `yes please`。"
        );
        assert_eq!(
            msgs[1],
            "a.md:5:1: 错误：`weight` 应该是整数，现在是文字 `一`。"
        );
        assert!(msgs[2].contains("不认识的字段 `expire`。"));
        assert!(r
            .diags
            .iter()
            .any(|d| d.hint.as_deref().unwrap_or("").starts_with(
                "是不是要写 `expires`？（可以用的字段：title、pinned、weight、expires）"
            )));
    }

    #[test]
    fn missing_required_text_points_at_the_front_matter() {
        let map = parse_map("summary: x\n", 2, "a.md", "").unwrap();
        let mut r = FieldReader::new(&map, "a.md", "", schema::PAGE_FIELDS);
        assert_eq!(r.required_text("title", "每个页面都要有标题"), None);
        let d = r.diags.iter().next().unwrap();
        assert_eq!(d.message, "缺少必填字段 `title`。");
        assert_eq!(
            d.hint.as_deref(),
            Some("每个页面都要有标题：在开头的两行 `---` 之间加一行 `title: 户口迁入办理指南`。")
        );
        assert_eq!(d.position.unwrap().line, 2);
    }
}
