//! Diagnostics are plain values every stage returns: a severity, where (file, line, column)
//! and what to do about it. One printer shows them all together at the end.

use std::cell::Cell;
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
        Lines::new(text, first_line).position(offset)
    }
}

/// Where each line of a text starts, to find many positions in one text in logarithmic
/// time each: a page with thousands of mistakes is reported in linear time. Within a line,
/// columns are counted on from the last place asked about, so thousands of mistakes on
/// one long line, asked about in order, cost one pass over it.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
    /// The last place counted: line index, byte offset, column.
    cursor: Cell<(usize, usize, usize)>,
}

impl<'a> Lines<'a> {
    /// The lines of `text`, its first line numbered `first_line` in its file.
    pub fn new(text: &'a str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Lines {
            text,
            starts,
            first_line,
            cursor: Cell::new((0, 0, 1)),
        }
    }

    /// Where to count from for a place on line `index`: the cursor when it is on that line
    /// before the place, else the line's start.
    fn count_from(&self, index: usize, before: impl Fn(usize, usize) -> bool) -> (usize, usize) {
        match self.cursor.get() {
            (i, byte, column) if i == index && before(byte, column) => (byte, column),
            _ => (self.starts[index], 1),
        }
    }

    /// The position of byte `offset`, as [`Position::of_offset`] finds it.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let index = self.starts.partition_point(|&s| s <= offset) - 1;
        let (from, column) = self.count_from(index, |byte, _| byte <= offset);
        let column = column + self.text[from..offset].chars().count();
        self.cursor.set((index, offset, column));
        Position {
            line: self.first_line + index,
            column,
        }
    }

    /// The text of line `line` (numbered as in the file), without its line end.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let index = line.checked_sub(self.first_line)?;
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |&e| e - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    /// The byte offset of column `column` of the line at `index` (its end when shorter),
    /// counted from the cursor, forwards or backwards, when it is on that line.
    fn byte_at(&self, index: usize, column: usize) -> usize {
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |&e| e - 1);
        let (from, at) = match self.cursor.get() {
            (i, byte, at) if i == index => (byte, at),
            _ => (start, 1),
        };
        let byte = if column >= at {
            (self.text[from..end].char_indices().map(|(i, _)| from + i))
                .chain([end])
                .nth(column - at)
                .unwrap_or(end)
        } else {
            (self.text[start..from]
                .char_indices()
                .rev()
                .map(|(i, _)| start + i))
            .nth(at - column - 1)
            .unwrap_or(start)
        };
        self.cursor.set((index, byte, column));
        byte
    }

    /// The part of `at`'s line around its column ([`EXCERPT`] characters either side), and
    /// how many characters of the line come before that part.
    fn excerpt(&self, at: Position) -> Option<(usize, String)> {
        let line = self.line(at.line)?;
        let index = at.line - self.first_line;
        let skipped = at.column.saturating_sub(EXCERPT + 1);
        let from = self.byte_at(index, skipped + 1);
        let end = self.starts[index] + line.len();
        let part = self.text[from..end].chars().take(2 * EXCERPT).collect();
        Some((skipped, part))
    }
}

/// How much of a long line a diagnostic keeps either side of its column.
const EXCERPT: usize = 40;

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
    /// The offending line of the file, shown under the message: on a long line, only
    /// the part around the column.
    pub source_line: Option<String>,
    /// How many characters of the line were left out before `source_line`.
    pub source_skipped: usize,
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
            source_skipped: 0,
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
    pub fn with_source(self, file_text: &str) -> Self {
        match self.position {
            Some(pos) => match file_text.lines().nth(pos.line.saturating_sub(1)) {
                Some(line) => self.with_line(line),
                None => self,
            },
            None => self,
        }
    }

    /// [`Diagnostic::with_source`] for one of many mistakes in a text: its line found
    /// through `lines`, made once for them all.
    pub fn with_line_of(mut self, lines: &Lines) -> Self {
        if let Some((skipped, part)) = self.position.and_then(|p| lines.excerpt(p)) {
            self.source_line = Some(part);
            self.source_skipped = skipped;
        }
        self
    }

    /// Attach `line`, the text of the diagnostic's line: of a long line (a paragraph with
    /// thousands of links), only the part around the column, so each of its mistakes
    /// keeps a few dozen characters rather than the whole paragraph.
    pub fn with_line(self, line: &str) -> Self {
        let at = self.position.unwrap_or_default();
        let lines = Lines::new(line, at.line);
        self.with_line_of(&lines)
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
            let before = (pos.column - 1).saturating_sub(self.source_skipped);
            let caret_offset: usize = line.chars().take(before).map(display_width).sum();
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

/// How many columns `text` takes in an editor: Chinese characters take two.
pub fn text_width(text: &str) -> usize {
    text.chars().map(display_width).sum()
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

/// Past this many findings in one file, the rest are counted, not listed: a pasted
/// table of a thousand broken links would otherwise bury the first, useful ones.
pub const SHOWN_PER_FILE: usize = 50;

impl Diagnostics {
    /// [`Diagnostics::sorted`], with at most [`SHOWN_PER_FILE`] of each file, then one line
    /// saying how many more there are.
    pub fn shown(self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = Vec::new();
        let mut held: Vec<Diagnostic> = Vec::new();
        let flush = |out: &mut Vec<Diagnostic>, held: &mut Vec<Diagnostic>| {
            if held.len() > SHOWN_PER_FILE {
                let more = held.split_off(SHOWN_PER_FILE);
                let severity = more
                    .iter()
                    .map(|d| d.severity)
                    .min()
                    .unwrap_or(Severity::Warning);
                let mut d = Diagnostic::new(
                    severity,
                    format!("这个文件还有 {} 个问题，没有一一列出。", more.len()),
                )
                .with_hint("先改好上面列出的这些，再运行一次，就能看到其余的。");
                d.file = more[0].file.clone();
                held.push(d);
            }
            out.append(held);
        };
        for d in self.sorted() {
            if held.last().is_some_and(|h| h.file != d.file) {
                flush(&mut out, &mut held);
            }
            held.push(d);
        }
        flush(&mut out, &mut held);
        out
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
    fn lines_find_positions_and_excerpts_in_any_order() {
        let text = "第一行\n甲乙丙丁戊己庚辛\nabc";
        let lines = Lines::new(text, 5);
        let at = |s: &str| text.find(s).unwrap();
        for (s, want) in [
            ("丙", (6, 3)),
            ("甲", (6, 1)),
            ("辛", (6, 8)),
            ("b", (7, 2)),
            ("一", (5, 2)),
        ] {
            assert_eq!(lines.position(at(s)), Position::new(want.0, want.1), "{s}");
        }
        assert_eq!(lines.line(6), Some("甲乙丙丁戊己庚辛"));
        assert_eq!(
            lines.excerpt(Position::new(6, 5)),
            Some((0, "甲乙丙丁戊己庚辛".into()))
        );
        let long: String = "字".repeat(100) + "错" + &"字".repeat(100);
        let lines = Lines::new(&long, 1);
        let at = lines.position(long.find('错').unwrap());
        assert_eq!(at, Position::new(1, 101));
        let d = Diagnostic::error("x").at(at).with_line_of(&lines);
        assert_eq!(d.source_skipped, 60);
        assert_eq!(
            d.source_line.as_deref().map(|l| l.chars().nth(40)),
            Some(Some('错'))
        );
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
