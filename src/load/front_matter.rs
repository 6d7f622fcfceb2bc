//! Split a Markdown file into its YAML front matter (between two `---` lines) and its body.

use super::decode::decode;
use super::walk::{ContentEntry, SourceKind};
use super::yaml::{parse_map, YamlMap};
use crate::diagnostics::{Diagnostic, Position};
use std::path::Path;

/// A content file, read and split, its fields not yet interpreted.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: SourceKind,
    /// `content/guides/hukou-qianru.md`
    pub rel_path: String,
    /// The whole decoded text (for error snippets).
    pub text: String,
    pub front: YamlMap,
    /// Byte offset of the body in `text`, and its first line.
    pub body_offset: usize,
    pub body_line: usize,
    /// A hash of `rel_path` and `text`: `serve` keeps what it derived from a file (its page,
    /// its rendered body) while the fingerprint stays the same.
    pub fingerprint: u64,
}

impl SourceFile {
    /// The Markdown after the front matter (empty once [`SourceFile::release_text`] ran).
    pub fn body(&self) -> &str {
        self.text.get(self.body_offset..).unwrap_or_default()
    }

    /// Frees the text and the parsed front matter, for a build that has read every field
    /// and rendered every body: on 10,000 pages they are some 60 MB it no longer needs.
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.front = YamlMap::default();
    }

    /// Path relative to `content/`: `guides/hukou-qianru.md`.
    pub fn content_path(&self) -> &str {
        self.rel_path
            .strip_prefix("content/")
            .unwrap_or(&self.rel_path)
    }
}

/// The [`SourceFile::fingerprint`] of a file's path and decoded text.
pub fn fingerprint(rel_path: &str, text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rel_path.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

/// A source file with its warnings (and the errors of typing slips read past), or the
/// errors that kept it from being read.
pub type ReadResult = Result<(SourceFile, Vec<Diagnostic>), Vec<Diagnostic>>;

pub fn read_source(root: &Path, entry: &ContentEntry) -> ReadResult {
    let file = entry.rel_path.as_str();
    let bytes = std::fs::read(&entry.abs_path).map_err(|e| {
        vec![Diagnostic::error(format!("无法读取这个文件：{e}")).in_file(root.join(file))]
    })?;
    let (text, warning) = decode(bytes, Path::new(file)).map_err(|e| vec![e])?;
    let mut read = read_text(entry, text)?;
    read.1.extend(warning);
    Ok(read)
}

/// [`read_source`] of a text not read from disk: the desk's page as it is being written.
pub fn read_text(entry: &ContentEntry, text: String) -> ReadResult {
    let file = entry.rel_path.as_str();
    let (mut front, body_offset, body_line) = split(&text, file).map_err(|e| vec![e])?;
    let diags: Vec<Diagnostic> = std::mem::take(&mut front.slips);
    Ok((
        SourceFile {
            kind: entry.kind,
            rel_path: entry.rel_path.clone(),
            fingerprint: fingerprint(file, &text),
            text,
            front,
            body_offset,
            body_line,
        },
        diags,
    ))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// A line of dashes that is not `---`: full-width `－－－` or `——` from a Chinese input
/// method, or a wrong count. Named as such, or staff hunt for a missing line.
fn near_fence(line: &str) -> Option<&str> {
    let dashes = line.trim();
    let is_dash = |c| matches!(c, '-' | '－' | '—' | '–' | '―' | '─' | '﹣');
    (dashes.chars().count() >= 2 && dashes.chars().all(is_dash) && !is_fence(line))
        .then_some(dashes)
}

fn near_fence_error(dashes: &str, file: &str, line: usize, text: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "`{dashes}` 不是信息栏的分隔行：要写三个英文减号 `---`。"
    ))
    .in_file(file)
    .at_line(line)
    .with_hint("换成英文输入法，打三个减号 `---`，这一行不要有别的字。")
    .with_source(text)
}

/// The front matter as a map, the body's byte offset and its first line.
pub fn split(text: &str, file: &str) -> Result<(YamlMap, usize, usize), Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("这个文件是空的。")
            .in_file(file)
            .at_line(1)
            .with_hint("复制一个同类的现成页面（或运行 `bulletin new`）来改，或者删掉这个文件。"));
    }
    let first = text.lines().next().unwrap_or_default();
    if let Some(dashes) = near_fence(first) {
        return Err(near_fence_error(dashes, file, 1, text));
    }
    if !is_fence(first) {
        return Err(Diagnostic::error("文件开头没有信息栏（第一行应该是 `---`）。")
            .in_file(file)
            .at_line(1)
            .with_hint("第一行必须是 `---`，下面是 `title: …` 这样的设置，再一行 `---`，然后才是正文。")
            .with_source(text));
    }
    let yaml_start = first.len() + 1;
    let mut offset = yaml_start;
    for (i, line) in text[yaml_start.min(text.len())..]
        .split_inclusive('\n')
        .enumerate()
    {
        if is_fence(line) {
            let yaml = &text[yaml_start..offset];
            let map = parse_map(yaml, 2, file, text)?;
            let body_offset = offset + line.len();
            return Ok((map, body_offset, i + 3));
        }
        offset += line.len();
    }
    let mut closing = text.lines().enumerate().skip(1);
    if let Some((i, dashes)) = closing.find_map(|(i, line)| Some((i, near_fence(line)?))) {
        return Err(near_fence_error(dashes, file, i + 1, text));
    }
    Err(Diagnostic::error("信息栏没有结束：缺少第二个 `---` 行。")
        .in_file(file)
        .at(Position::new(1, 1))
        .with_hint("在最后一个设置（title、date 等）之后、正文之前，加一行只有 `---` 的内容。")
        .with_source(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_released_source_has_an_empty_body_and_keeps_its_identity() {
        let text = "---\ntitle: 户口\n---\n正文\n".to_owned();
        let (front, body_offset, body_line) = split(&text, "a.md").unwrap();
        let mut source = SourceFile {
            kind: SourceKind::Page(crate::schema::Kind::Guide),
            rel_path: "content/guides/a.md".into(),
            fingerprint: fingerprint("content/guides/a.md", &text),
            text,
            front,
            body_offset,
            body_line,
        };
        assert_eq!(source.body(), "正文\n");
        let fingerprint = source.fingerprint;
        source.release_text();
        assert_eq!(source.body(), "", "no panic past the end of the freed text");
        assert!(source.front.get("title").is_none());
        assert_eq!(
            (source.fingerprint, source.content_path()),
            (fingerprint, "guides/a.md")
        );
    }

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: 户口\n---\n正文\n第二行\n";
        let (map, body_offset, body_line) = split(text, "a.md").unwrap();
        assert_eq!(map.get("title").and_then(|v| v.as_str()), Some("户口"));
        assert_eq!(&text[body_offset..], "正文\n第二行\n");
        assert_eq!(body_line, 4);
    }

    #[test]
    fn unclosed_and_missing_front_matter_and_empty_files_are_errors() {
        assert!(split("---\ntitle: a\n正文\n", "a.md")
            .unwrap_err()
            .message
            .contains("信息栏没有结束：缺少第二个 `---` 行"));
        assert!(split("title: a\n", "a.md")
            .unwrap_err()
            .message
            .contains("文件开头没有信息栏"));
        assert!(split("  \n\n", "a.md")
            .unwrap_err()
            .message
            .contains("这个文件是空的"));
    }

    #[test]
    fn dashes_from_a_chinese_input_method_are_named_where_they_are() {
        let err = split("－－－\ntitle: a\n---\n正文\n", "a.md").unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(1));
        assert!(
            err.message.contains("`－－－` 不是信息栏的分隔行"),
            "{}",
            err.message
        );
        let err = split("---\ntitle: a\n——\n正文\n", "a.md").unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(3));
        assert!(err.message.contains("`——` 不是"), "{}", err.message);
        // A rule of dashes in the body, after a proper fence, is Markdown.
        assert!(split("---\ntitle: a\n---\n正文\n\n-----\n", "a.md").is_ok());
    }

    #[test]
    fn empty_front_matter_is_an_empty_map() {
        let (map, _, body_line) = split("---\n---\nbody", "a.md").unwrap();
        assert!(map.map.is_empty());
        assert_eq!(body_line, 3);
    }
}
