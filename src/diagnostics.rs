//! Diagnostics are plain values every stage returns: a severity, where (file, line, column)
//! and what to do about it. One printer shows them all together at the end.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        })
    }
}

/// A point in a file: 1-based line and column, the column counted in characters (so a
/// Chinese character is one column, as an editor shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Default for Position {
    fn default() -> Self {
        Position::new(1, 1)
    }
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }

    /// The position of byte `offset` in `text`, counting from `first_line`.
    pub fn of_offset(text: &str, offset: usize, first_line: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: first_line + before.matches('\n').count(),
            column: before[line_start..].chars().count() + 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible (`content/notices/a.md`).
    pub file: Option<PathBuf>,
    pub position: Option<Position>,
    pub message: String,
    /// What to do about it, in plain words.
    pub hint: Option<String>,
    /// The offending line of the file, shown under the message.
    pub source_line: Option<String>,
    /// A mistake in how bulletin was called (a bad `--now`, an output folder it will not
    /// write), not in the site: the CLI exits with 2 for these.
    pub usage: bool,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: None,
            position: None,
            message: message.into(),
            hint: None,
            source_line: None,
            usage: false,
        }
    }

    /// Marks a mistake in the command line rather than in the site.
    pub fn of_usage(mut self) -> Self {
        self.usage = true;
        self
    }

    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn at_line(self, line: usize) -> Self {
        self.at(Position::new(line, 1))
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attach the text of the diagnostic's line from the file's full text.
    pub fn with_source(mut self, file_text: &str) -> Self {
        if let Some(pos) = self.position {
            self.source_line = file_text
                .lines()
                .nth(pos.line.saturating_sub(1))
                .map(str::to_owned);
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: 错误：message`: where, then the severity and the message.
    pub fn headline(&self) -> String {
        let mut out = String::new();
        if let Some(file) = &self.file {
            out.push_str(&file.display().to_string());
            if let Some(p) = self.position {
                out.push_str(&format!(":{}:{}", p.line, p.column));
            }
            out.push_str(": ");
        }
        out.push_str(&format!("{}：{}", self.severity, self.message));
        out
    }
}

impl fmt::Display for Diagnostic {
    /// The headline, then the source line with a caret under the column, then the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let (Some(line), Some(pos)) = (&self.source_line, self.position) {
            let number = pos.line.to_string();
            let pad = " ".repeat(number.len());
            // Wide (CJK) characters take two terminal cells: line the caret up under them.
            let caret_offset: usize = line.chars().take(pos.column - 1).map(display_width).sum();
            writeln!(f, " {pad} |")?;
            writeln!(f, " {number} | {line}")?;
            writeln!(f, " {pad} | {}^", " ".repeat(caret_offset))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = 提示：{hint}")?;
        }
        Ok(())
    }
}

fn display_width(c: char) -> usize {
    if c == '\t' {
        4
    } else if is_wide(c) {
        2
    } else {
        1
    }
}

/// East Asian wide and full-width ranges (enough for Chinese text and punctuation).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// All diagnostics of a run, errors and warnings together.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, then position, errors before warnings: stable output for people and tests.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message)
                .cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// The space between `text` and Chinese words after it: one after Latin letters, digits,
/// paths and code, none after Chinese text and its punctuation.
pub fn gap_after(text: &str) -> &'static str {
    if text.ends_with(|c: char| c.is_ascii()) {
        " "
    } else {
        ""
    }
}

/// `words` to follow Chinese text: code in backticks and Latin words get a space before
/// them, as everywhere in the messages (`应该是 \`true\``, but `应该是整数`).
pub fn spaced(words: &str) -> String {
    if words.starts_with(|c: char| c == '`' || c.is_ascii_alphanumeric()) {
        format!(" {words}")
    } else {
        words.to_owned()
    }
}

/// The known name nearest to `unknown`, if it is close enough to be a likely typo.
pub fn nearest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(unknown, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3) && *d < k.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "title: 户口迁入\nexpire: x";
        let offset = text.find("迁").unwrap();
        assert_eq!(Position::of_offset(text, offset, 2), Position::new(2, 10));
        let offset = text.find("expire").unwrap();
        assert_eq!(Position::of_offset(text, offset, 2), Position::new(3, 1));
    }

    #[test]
    fn nearest_suggests_typos_only() {
        let known = ["expires", "title", "summary", "date"];
        assert_eq!(nearest("expire", &known), Some("expires"));
        assert_eq!(nearest("titel", &known), Some("title"));
        assert_eq!(nearest("colour", &known), None);
    }

    #[test]
    fn display_shows_line_caret_and_hint() {
        let d = Diagnostic::error("不认识的字段 `expire`。")
            .in_file("content/notices/a.md")
            .at(Position::new(2, 1))
            .with_hint("是不是要写 `expires`？")
            .with_source("---\nexpire: 2026-10-01\n---\n");
        let shown = d.to_string();
        assert!(shown.starts_with("content/notices/a.md:2:1: 错误：不认识的字段 `expire`。\n"));
        assert!(shown.contains(" 2 | expire: 2026-10-01"));
        assert!(shown.contains("= 提示：是不是要写 `expires`？"));
        let warning = Diagnostic::warning("链接 `a.md` 只显示为文字。").in_file("b.md");
        assert_eq!(warning.headline(), "b.md: 警告：链接 `a.md` 只显示为文字。");
    }
}
