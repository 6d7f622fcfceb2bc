//! YAML with positions. serde's YAML values carry no spans, so we record where each
//! top-level key starts by scanning the text: enough to point staff at the right line.

use crate::diagnostics::{Diagnostic, Position};
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;

/// A parsed top-level YAML mapping and the position of each of its keys.
#[derive(Debug, Clone, Default)]
pub struct YamlMap {
    pub map: Mapping,
    pub key_positions: HashMap<String, Position>,
    /// The position to blame when a required key is missing (the start of the block).
    pub start: Position,
    /// Typing slips mended to read the block: errors, to report with the block's others.
    pub slips: Vec<Diagnostic>,
}

impl YamlMap {
    pub fn position_of(&self, key: &str) -> Position {
        self.key_positions.get(key).copied().unwrap_or(self.start)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// Keys in the order written.
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        self.map.keys().map(key_text)
    }
}

pub fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// Parse `text`, whose first line is line `first_line` of `file`. Typing slips (a Tab or a
/// full-width space as indent, a Chinese colon, no space after a colon) are mended in
/// memory and kept in [`YamlMap::slips`], so the block's other mistakes show in the same
/// run; a block that cannot be read even so is one error.
pub fn parse_map(
    text: &str,
    first_line: usize,
    file: &str,
    whole_file: &str,
) -> Result<YamlMap, Diagnostic> {
    let start = Position::new(first_line, 1);
    let (mut lines, mut slips) = mend_indents(text, first_line);
    let read = loop {
        let mended = lines.concat();
        let (failure, upto) = match serde_yaml::from_str::<Value>(&mended) {
            Ok(Value::Mapping(m)) => break Ok((m, mended)),
            Ok(Value::Null) => break Ok((Mapping::new(), mended)),
            Ok(_) => (None, usize::MAX),
            // A slip on a line after the one the parser stopped at did not cause this.
            Err(err) => {
                let upto = err.location().map_or(usize::MAX, |l| l.line());
                (Some(syntax_error(&err, &mended, first_line)), upto)
            }
        };
        let slipped = (slips.len() < MAX_MENDED)
            .then(|| colon_slip_line(&lines, first_line, upto))
            .flatten();
        match slipped {
            Some((i, d, fixed)) => {
                slips.push(d);
                lines[i] = fixed;
            }
            None => break Err(failure),
        }
    };
    let finish = |d: Diagnostic| d.in_file(file).with_source(whole_file);
    match read {
        Ok((map, mended)) => Ok(YamlMap {
            map,
            key_positions: key_positions(&mended, first_line),
            start,
            slips: slips.into_iter().map(finish).collect(),
        }),
        Err(failure) => {
            let not_mapping = || {
                Diagnostic::error("两行 `---` 之间的设置必须是 `名称: 内容` 这样的行。")
                    .at(start)
                    .with_hint("每行写一个设置，例如 `title: 户口迁入办理指南`。")
            };
            // The first slip is likely the cause: it is named rather than what the
            // parser made of it.
            let d = slips
                .into_iter()
                .next()
                .or(failure)
                .unwrap_or_else(not_mapping);
            Err(finish(d))
        }
    }
}

/// Mending stops after this many slips in one block: each costs a parse of the block.
const MAX_MENDED: usize = 50;

/// Every line of `text` (with its line end), lines indented with a Tab or a full-width
/// space mended, and one error for each of those lines.
fn mend_indents(text: &str, first_line: usize) -> (Vec<String>, Vec<Diagnostic>) {
    let mut lines: Vec<String> = Vec::new();
    let mut slips = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let rest = line.trim_start_matches([' ', '\t', '\u{3000}']);
        let indent = &line[..line.len() - rest.len()];
        if !indent.contains(['\t', '\u{3000}']) || rest.trim().is_empty() {
            lines.push(line.to_owned());
            continue;
        }
        let at = Position::new(first_line + i, 1);
        slips.push(if indent.contains('\t') {
            Diagnostic::error("这一行开头用了 Tab 缩进，信息栏里只能用空格缩进。")
                .at(at)
                .with_hint("把行首的 Tab 换成两个空格，和上下行对齐。")
        } else {
            Diagnostic::error(
                "这一行开头是全角空格（中文输入法的空格），信息栏里只能用半角空格缩进。",
            )
            .at(at)
            .with_hint("换成英文输入法，删掉行首的全角空格；要缩进的话打两个半角空格。")
        });
        // Read as staff meant it: inside a list or a group (the line above is indented
        // or opens one) each wide character is two spaces; otherwise not indented at all.
        let above = lines.iter().rev().find(|l| !l.trim().is_empty());
        let nested =
            above.is_some_and(|l| l.starts_with([' ', '-']) || l.trim_end().ends_with(':'));
        let width: usize = indent.chars().map(|c| if c == ' ' { 1 } else { 2 }).sum();
        let spaces = if nested { width } else { 0 };
        lines.push(format!("{}{rest}", " ".repeat(spaces)));
    }
    (lines, slips)
}

/// The first line (among the first `upto`) whose key is followed by a Chinese colon or a
/// colon without a space: its index, the error, and the line mended. These make the parser
/// blame a later line (the key runs on into the next one), or say only that the block is
/// not `name: value` lines.
fn colon_slip_line(
    lines: &[String],
    first_line: usize,
    upto: usize,
) -> Option<(usize, Diagnostic, String)> {
    lines.iter().take(upto).enumerate().find_map(|(i, line)| {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        let slip = colon_slip(&line[indent..])?;
        let column = line[..indent + slip.key.len()].chars().count() + 1;
        let fixed = format!("{}{}: {}\n", &line[..indent], slip.key, slip.value.trim());
        let d = Diagnostic::error(slip.message)
            .at(Position::new(first_line + i, column))
            .with_hint(slip.hint);
        Some((i, d, fixed))
    })
}

/// `key：value` or `key:value`: a key followed by a Chinese colon, or by a colon with no
/// space, which YAML reads as one string.
pub struct ColonSlip<'a> {
    pub key: &'a str,
    /// What follows the colon.
    pub value: &'a str,
    pub message: String,
    /// The line as it should be written.
    pub hint: String,
}

/// The [`ColonSlip`] that `text` (a line from its key on) starts with, if any.
pub fn colon_slip(text: &str) -> Option<ColonSlip<'_>> {
    let key_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|&n| n > 0 && text.starts_with(|c: char| c.is_ascii_alphabetic()))?;
    let (key, after) = text.split_at(key_len);
    let (message, value) = if let Some(value) = after.trim_start().strip_prefix('：') {
        (
            format!("`{key}` 后面的冒号是中文冒号“：”，要用英文冒号“:”。"),
            value,
        )
    } else {
        let value =
            (after.strip_prefix(':')).filter(|v| v.starts_with(|c: char| !c.is_whitespace()))?;
        (
            format!("`{key}` 后面的英文冒号和内容之间少了一个空格。"),
            value,
        )
    };
    let hint = format!("改成 `{key}: {}`：英文冒号，后面空一格。", value.trim());
    Some(ColonSlip {
        key,
        value,
        message,
        hint,
    })
}

fn syntax_error(err: &serde_yaml::Error, text: &str, first_line: usize) -> Diagnostic {
    let raw = err.to_string();
    if let Some((key, first, again)) = duplicate_key(&raw, text, first_line) {
        return Diagnostic::error(format!(
            "`{key}` 写了两次，在第 {} 行和第 {} 行。",
            first.line, again.line
        ))
        .at(again)
        .with_hint("只保留一个：留下值正确的那一行，删掉另一行。");
    }
    let position = err
        .location()
        .map(|l| Position::new(first_line + l.line().saturating_sub(1), l.column().max(1)))
        .unwrap_or(Position::new(first_line, 1));
    // serde_yaml appends " at line X column Y" counted inside the block: drop it, we say where.
    let message = raw.split(" at line ").next().unwrap_or(&raw).to_owned();
    Diagnostic::error(format!("{SYNTAX_ERROR}{}（YAML：{message}）。", explain(&message)))
        .at(position)
        .with_hint("检查这一行和上一行：每个设置都写成 `名称: 内容`（英文冒号后面空一格）；内容里有 `: `、`#`，或者以 `[`、`{`、`*`、`&`、`!`、`|`、`>`、`@`、引号开头的，要用英文双引号把整段内容括起来。")
}

/// How the message about front matter that is not valid YAML starts.
const SYNTAX_ERROR: &str = "信息栏的格式有错，读不懂";

/// The common YAML mistakes in staff's words (the parser's own words follow, for whoever
/// helps them).
fn explain(message: &str) -> &'static str {
    if message.contains("mapping values are not allowed") {
        "：这一行的内容里有“英文冒号+空格”，却没有加引号"
    } else if message.contains("found character that cannot start any token")
        || message.contains("found a tab character")
    {
        "：有一个字符不能放在这里（例如 Tab 缩进，或者内容以 `@`、`%` 开头却没有加引号）"
    } else if message.contains("did not find expected ',' or ']'") {
        "：`[` 开头的列表没有用 `]` 结束"
    } else if message.contains("did not find expected ',' or '}'") {
        "：`{` 开头的设置组没有用 `}` 结束"
    } else if message.contains("as u128") || message.contains("as i128") {
        "：这个数字太大了"
    } else if message.contains("found unexpected end of stream")
        || message.contains("while scanning a quoted scalar")
    {
        "：引号没有配对（开头有引号，结尾缺少引号）"
    } else {
        ""
    }
}

/// A top-level key written twice: its name and the lines of its first two `key:` lines.
/// (serde_yaml's error points at the start of the block, not at the second line.)
fn duplicate_key(raw: &str, text: &str, first_line: usize) -> Option<(String, Position, Position)> {
    let key = raw
        .strip_prefix("duplicate entry with key \"")?
        .split('"')
        .next()?;
    let mut lines = text.lines().enumerate().filter(|(_, line)| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    let (first, _) = lines.next()?;
    let (again, _) = lines.next()?;
    let at = |i: usize| Position::new(first_line + i, 1);
    Some((key.to_owned(), at(first), at(again)))
}

/// The position of each top-level `key:` line (keys start at column 1).
fn key_positions(text: &str, first_line: usize) -> HashMap<String, Position> {
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '}' | ']') {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
            out.entry(key.to_owned())
                .or_insert(Position::new(first_line + i, 1));
        }
    }
    out
}

/// YAML values to JSON for templates (`extra` fields). Keys become text.
pub fn yaml_to_json(v: &serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    match v {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(*b),
        Y::Number(n) => n
            .as_i64()
            .map(J::from)
            .or_else(|| {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(J::Number)
            })
            .unwrap_or(J::Null),
        Y::String(s) => J::String(s.clone()),
        Y::Sequence(items) => J::Array(items.iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => J::Object(
            m.iter()
                .map(|(k, v)| (key_text(k), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_json(&t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_positions_are_file_lines() {
        let m = parse_map(
            "title: 户口\nexpire: 2026-01-01\ntags:\n  - a\n",
            2,
            "a.md",
            "",
        )
        .unwrap();
        assert_eq!(m.position_of("title"), Position::new(2, 1));
        assert_eq!(m.position_of("expire"), Position::new(3, 1));
        assert_eq!(m.position_of("tags"), Position::new(4, 1));
        assert_eq!(m.position_of("missing"), Position::new(2, 1));
    }

    /// The one slip of `text`, mended: its position, message and hint.
    fn one_slip(text: &str) -> Diagnostic {
        let m = parse_map(text, 2, "a.md", "").unwrap();
        assert_eq!(m.slips.len(), 1, "{:?}", m.slips);
        m.slips[0].clone()
    }

    #[test]
    fn typing_slips_are_named_on_their_own_line_and_read_past() {
        let whole = "---\ntitle：停水通知\ndate: 2026-11-20\n---\n";
        let m = parse_map("title：停水通知\ndate: 2026-11-20\n", 2, "a.md", whole).unwrap();
        let d = &m.slips[0];
        assert_eq!(d.position, Some(Position::new(2, 6)));
        assert!(d.message.contains("中文冒号"), "{}", d.message);
        assert!(d.hint.as_deref().unwrap().contains("`title: 停水通知`"));
        assert_eq!(m.get("title").and_then(Value::as_str), Some("停水通知"));
        assert_eq!(m.position_of("date"), Position::new(3, 1));

        // Alone, the same line is one string, not a mapping: the slip is still named.
        let d = one_slip("title:停水通知\n");
        assert_eq!(d.position, Some(Position::new(2, 6)));
        assert!(d.message.contains("少了一个空格"), "{}", d.message);

        let d = one_slip("title: a\nsteps:\n\t- 取号\n");
        assert_eq!(d.position, Some(Position::new(4, 1)));
        assert!(d.message.contains("Tab"), "{}", d.message);
        let d = one_slip("materials:\n\u{3000}- 身份证\n");
        assert_eq!(d.position, Some(Position::new(3, 1)));
        assert!(d.message.contains("全角空格"), "{}", d.message);
        // Indented, as in a guide's list of materials.
        let d = one_slip("materials:\n  - name: 身份证\n    copies：1\n");
        assert_eq!(d.position, Some(Position::new(4, 11)));
    }

    #[test]
    fn a_full_width_space_before_a_key_is_named_at_its_line_and_the_key_read() {
        let m = parse_map(
            "title: a\ndate: 2026-11-20\ndraft: false\n\u{3000}pinned: false\n",
            2,
            "a.md",
            "",
        )
        .unwrap();
        assert_eq!(m.slips.len(), 1);
        assert_eq!(m.slips[0].position, Some(Position::new(5, 1)));
        assert!(m.slips[0].message.contains("全角空格"));
        assert_eq!(m.get("pinned").and_then(Value::as_bool), Some(false));
        assert_eq!(m.position_of("pinned"), Position::new(5, 1));
    }

    #[test]
    fn every_slip_of_a_block_is_named_at_once() {
        let text = "title：停水\ndate:2026-11-20\n\u{3000}pinned: true\ntags: [a]\n";
        let m = parse_map(text, 2, "a.md", "").unwrap();
        let lines: Vec<usize> = m
            .slips
            .iter()
            .filter_map(|d| d.position.map(|p| p.line))
            .collect();
        assert_eq!(lines, [4, 2, 3]);
        assert_eq!(
            m.keys().collect::<Vec<_>>(),
            ["title", "date", "pinned", "tags"]
        );
    }

    #[test]
    fn a_slip_after_the_broken_line_is_not_blamed() {
        // The list is never closed on line 3; line 5's missing space comes after where
        // the parser stopped.
        let text = "title: a\ntags: [a, b\nsummary: x\n\nnote:b\n";
        let err = parse_map(text, 2, "a.md", "").unwrap_err();
        assert!(err.message.starts_with(SYNTAX_ERROR), "{}", err.message);
    }

    #[test]
    fn syntax_errors_count_lines_in_the_file() {
        let whole = "---\ntitle: a\ntags: [a, b\nsummary: x\n---\n";
        let err = parse_map("title: a\ntags: [a, b\nsummary: x\n", 2, "a.md", whole).unwrap_err();
        let line = err.position.unwrap().line;
        assert!((3..=5).contains(&line), "line {line}");
        assert!(err.message.starts_with(SYNTAX_ERROR), "{}", err.message);
        assert!(err.message.contains("（YAML："), "{}", err.message);
        assert!(!err.message.contains(" at line "));
    }
}
