//! Change fields in a page's file, line by line: a changed field's lines are written anew,
//! every other line (comments, blank lines, field order, quoting, line endings) stays byte
//! for byte, so a file edited in the desk reads as if a person had edited it.
//!
//! Front matter is a flat map and the desk changes whole fields, never part of one: the file
//! is cut into entries at the lines that start a top-level key, and only the entries whose
//! value changed are replaced, in the style `bulletin new` writes (one list item per line,
//! a checklist item with details as a flow map). A lossless YAML tree (`yaml-edit`) works at
//! a finer grain than needed here, and its 0.x API still changes from version to version.

use std::ops::Range;

/// A page's file cut into its front matter's top-level entries and its body.
#[derive(Debug)]
pub struct Document<'a> {
    /// Each line with its line ending.
    lines: Vec<&'a str>,
    /// The lines between the two `---` (empty when the file has no front matter).
    front: Range<usize>,
    has_front: bool,
    entries: Vec<Entry>,
    eol: &'static str,
}

#[derive(Debug, Clone)]
struct Entry {
    key: String,
    lines: Range<usize>,
}

/// A field's new value, as YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Yaml {
    /// `key:` with nothing after it: not set.
    Null,
    /// One YAML scalar or flow collection, written after the key.
    Scalar(String),
    /// One YAML item per line (`  - item`); `key: []` when empty.
    List(Vec<String>),
    /// YAML lines written under the key, indented.
    Block(String),
}

fn is_fence(line: &str) -> bool {
    line.trim_start_matches('\u{feff}').trim_end() == "---"
}

/// Whether a line continues the entry above it (indented, or a list item at the margin).
fn continues(line: &str) -> bool {
    line.starts_with([' ', '\t', '-'])
}

/// The key a line starts, if it starts one.
fn key_of(line: &str) -> Option<String> {
    if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
        return None;
    }
    let colon = line.find(':')?;
    let rest = &line[colon + 1..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n'])) {
        return None;
    }
    let key = line[..colon].trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then(|| key.to_owned())
}

impl<'a> Document<'a> {
    /// None when the file opens a front matter that never closes: the desk then offers the
    /// file's text to mend rather than guess.
    pub fn parse(text: &'a str) -> Option<Self> {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let eol = if lines.first().is_some_and(|l| l.ends_with("\r\n")) {
            "\r\n"
        } else {
            "\n"
        };
        let has_front = lines.first().is_some_and(|l| is_fence(l));
        let front = if has_front {
            let close = (1..lines.len()).find(|&i| is_fence(lines[i]))?;
            1..close
        } else {
            0..0
        };
        let mut entries: Vec<Entry> = Vec::new();
        let mut i = front.start;
        while i < front.end {
            let Some(key) = key_of(lines[i]) else {
                i += 1;
                continue;
            };
            let mut end = i + 1;
            while end < front.end {
                if continues(lines[end]) {
                    end += 1;
                } else if lines[end].trim().is_empty() {
                    // Blank lines belong to the entry only inside it (a block of text).
                    let next = (end..front.end).find(|&k| !lines[k].trim().is_empty());
                    match next {
                        Some(k) if continues(lines[k]) => end = k,
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            entries.push(Entry { key, lines: i..end });
            i = end;
        }
        Some(Document {
            lines,
            front,
            has_front,
            entries,
            eol,
        })
    }

    fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The value of `key`: None when the key is absent, `Some(Null)` for `key:`, and None
    /// as well when the entry is not YAML (the check names that mistake).
    pub fn value(&self, key: &str) -> Option<serde_yaml::Value> {
        let entry = self.entry(key)?;
        let text = self.lines[entry.lines.clone()].concat();
        let map: serde_yaml::Mapping = serde_yaml::from_str(&text).ok()?;
        map.into_iter().next().map(|(_, v)| v)
    }

    /// The file's lines (from 1) that hold `key`.
    pub fn lines_of(&self, key: &str) -> Option<Range<usize>> {
        let e = self.entry(key)?;
        Some(e.lines.start + 1..e.lines.end + 1)
    }

    /// The first line (from 1) of the body.
    pub fn body_line(&self) -> usize {
        if self.has_front {
            self.front.end + 2
        } else {
            1
        }
    }

    /// The Markdown after the front matter, as in the file.
    pub fn body(&self) -> String {
        let start = if self.has_front {
            self.front.end + 1
        } else {
            0
        };
        self.lines.get(start..).unwrap_or_default().concat()
    }

    /// The file with `changes` made: each changed key's lines replaced, each new key put
    /// after the nearest key before it in `order` that the file has, and the body replaced
    /// when `body` is given. Every other line is kept as it is.
    pub fn edit(&self, changes: &[(&str, Yaml)], order: &[&str], body: Option<&str>) -> String {
        let mut replaced: Vec<(usize, String)> = Vec::new();
        let mut after: Vec<(usize, String)> = Vec::new();
        for (key, value) in changes {
            match self.entry(key) {
                Some(e) => {
                    let old_first = self.lines[e.lines.start];
                    replaced.push((e.lines.start, self.write(key, value, Some(old_first))));
                }
                None if *value == Yaml::Null => {}
                None => {
                    let at = self.insertion_point(key, order);
                    after.push((at, self.write(key, value, None)));
                }
            }
        }
        let mut out = String::new();
        // Without front matter there is nothing to replace, only fields to add.
        if !self.has_front && !after.is_empty() {
            out.push_str("---");
            out.push_str(self.eol);
            for (_, text) in &after {
                out.push_str(text);
            }
            out.push_str("---");
            out.push_str(self.eol);
            after.clear();
        }
        let body_start = if self.has_front {
            self.front.end + 1
        } else {
            0
        };
        let mut i = 0;
        while i < self.lines.len() {
            if i == body_start && body.is_some() {
                break;
            }
            // Insertions at a line go before it (after the entry that ends there).
            for (_, text) in after.iter().filter(|(at, _)| *at == i) {
                out.push_str(text);
            }
            if let Some((_, text)) = replaced.iter().find(|(at, _)| *at == i) {
                out.push_str(text);
                i = self
                    .entries
                    .iter()
                    .find(|e| e.lines.start == i)
                    .map_or(i + 1, |e| e.lines.end);
                continue;
            }
            out.push_str(self.lines[i]);
            i += 1;
        }
        if let Some(body) = body {
            let body = body.replace("\r\n", "\n");
            let body = if self.eol == "\n" {
                body
            } else {
                body.replace('\n', self.eol)
            };
            out.push_str(&body);
            if !body.is_empty() && !body.ends_with('\n') {
                out.push_str(self.eol);
            }
        }
        out
    }

    /// The line a new `key` goes before: after the entry of the nearest key before it in
    /// `order`, else first in the front matter.
    fn insertion_point(&self, key: &str, order: &[&str]) -> usize {
        let before = order.iter().position(|k| *k == key).unwrap_or(order.len());
        order[..before]
            .iter()
            .rev()
            .find_map(|k| self.entry(k))
            .map_or(self.front.start, |e| e.lines.end)
    }

    /// An entry's lines; the comment of its old first line is kept, at the same column.
    fn write(&self, key: &str, value: &Yaml, old_first: Option<&str>) -> String {
        let eol = self.eol;
        let setting = match value {
            Yaml::Null | Yaml::Block(_) => format!("{key}:"),
            Yaml::List(items) if !items.is_empty() => format!("{key}:"),
            Yaml::List(_) => format!("{key}: []"),
            Yaml::Scalar(s) => format!("{key}: {s}"),
        };
        let mut out = setting.clone();
        if let Some((column, comment)) = old_first.and_then(comment_of) {
            let width = crate::diagnostics::text_width(&setting);
            out.push_str(&" ".repeat(column.saturating_sub(width).max(1)));
            out.push_str(comment);
        }
        out.push_str(eol);
        match value {
            Yaml::List(items) => {
                for item in items {
                    out.push_str("  - ");
                    out.push_str(item);
                    out.push_str(eol);
                }
            }
            Yaml::Block(text) => {
                for line in text.lines() {
                    out.push_str("  ");
                    out.push_str(line);
                    out.push_str(eol);
                }
            }
            Yaml::Null | Yaml::Scalar(_) => {}
        }
        out
    }
}

/// The comment at the end of a key's line (`# 置顶：…`) and the column it starts at, in
/// display width; quotes are followed so a `#` inside a quoted title is no comment.
fn comment_of(line: &str) -> Option<(usize, &str)> {
    let line = line.trim_end_matches(['\r', '\n']);
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && (previous == ' ' || previous == ':') => {
                quote = Some(c);
            }
            None if c == '#' && (previous == ' ' || previous == '\t') => {
                return Some((crate::diagnostics::text_width(&line[..i]), &line[i..]));
            }
            None => {}
        }
        previous = c;
    }
    None
}

/// `text` as a YAML scalar: plain when it reads back as the same text, else double-quoted.
/// `in_flow`: inside `{ … }`, where commas and brackets end a plain scalar.
pub fn scalar(text: &str, in_flow: bool) -> String {
    let flow_safe = !in_flow || !text.contains([',', '{', '}', '[', ']']);
    let reads_back = || {
        serde_yaml::from_str::<serde_yaml::Value>(text)
            .is_ok_and(|v| v == serde_yaml::Value::String(text.to_owned()))
    };
    let plain = !text.is_empty()
        && flow_safe
        && text.trim() == text
        && !text.contains(['\n', '#', '"', '\''])
        && !text.contains(": ")
        && reads_back();
    if plain {
        text.to_owned()
    } else {
        crate::model::skeleton::quote(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\n# 信息栏\ntitle: 停水通知          # 标题（必填）\ndate: 2026-11-20\npinned: false             # 置顶：写 true\ntags:\n  - 停水\n  - 生活\n\nsummary: \"一句话: 说明\"\n---\n\n正文第一段。\n";

    #[test]
    fn unchanged_fields_keep_every_byte() {
        let doc = Document::parse(PAGE).unwrap();
        assert_eq!(doc.edit(&[], &[], None), PAGE);
        let edited = doc.edit(&[("pinned", Yaml::Scalar("true".into()))], &[], None);
        assert_eq!(
            edited,
            PAGE.replace(
                "pinned: false             # 置顶",
                "pinned: true              # 置顶"
            )
        );
    }

    #[test]
    fn lists_are_replaced_whole_and_new_keys_follow_table_order() {
        let doc = Document::parse(PAGE).unwrap();
        let order = ["title", "date", "expires", "pinned", "tags", "summary"];
        let edited = doc.edit(
            &[
                ("tags", Yaml::List(vec!["停水".into()])),
                ("expires", Yaml::Scalar("2026-11-30".into())),
            ],
            &order,
            Some("新的正文。\n"),
        );
        assert_eq!(
            edited,
            "---\n# 信息栏\ntitle: 停水通知          # 标题（必填）\ndate: 2026-11-20\nexpires: 2026-11-30\npinned: false             # 置顶：写 true\ntags:\n  - 停水\n\nsummary: \"一句话: 说明\"\n---\n新的正文。\n"
        );
    }

    #[test]
    fn values_read_back() {
        let doc = Document::parse(PAGE).unwrap();
        assert_eq!(doc.value("title"), Some("停水通知".into()));
        assert_eq!(doc.value("summary"), Some("一句话: 说明".into()));
        assert_eq!(doc.lines_of("tags"), Some(6..9));
        assert!(doc.value("expires").is_none());
        assert_eq!(doc.body(), "\n正文第一段。\n");
        assert_eq!(doc.body_line(), 12);
    }

    #[test]
    fn scalars_are_plain_only_when_safe() {
        assert_eq!(scalar("户口迁入", false), "户口迁入");
        assert_eq!(scalar("true", false), "\"true\"");
        assert_eq!(scalar("注意: 停水", false), "\"注意: 停水\"");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(scalar("3", false), "\"3\"");
        assert_eq!(comment_of("title: \"a # b\"  # 标题"), Some((16, "# 标题")));
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = "---\r\ntitle: 甲\r\n---\r\n正文\r\n";
        let doc = Document::parse(text).unwrap();
        let edited = doc.edit(&[("title", Yaml::Scalar("乙".into()))], &[], None);
        assert_eq!(edited, "---\r\ntitle: 乙\r\n---\r\n正文\r\n");
    }
}
