//! What every reader turns its file into, and how that becomes Markdown: paragraphs of
//! formatted text (with what the file said about their look: a heading style, centred,
//! large, a list), tables with their merged cells, images and footnotes. The rules of an
//! official document (`shape.rs`) work on this, whatever the file was.

use std::fmt::Write as _;

#[derive(Debug, Default)]
pub struct Doc {
    /// The title the file states outside its text (a web page's article title).
    pub title: Option<String>,
    /// A date the file states outside its text (a web page's publish time).
    pub date: Option<String>,
    pub blocks: Vec<Block>,
    pub images: Vec<Image>,
    pub footnotes: Vec<Vec<Inline>>,
    /// What the reader could not bring, in words for the report.
    pub missed: Vec<String>,
}

#[derive(Debug)]
pub enum Block {
    Para(Para),
    Table(Table),
    /// Markdown as staff wrote it (a `.md` file): kept as it is.
    Markdown(String),
}

#[derive(Debug, Default, Clone)]
pub struct Para {
    pub inlines: Vec<Inline>,
    /// A heading level 2–5 the file's styles gave it.
    pub heading: Option<u8>,
    /// Word's Title style.
    pub title_style: bool,
    pub centered: bool,
    pub large: bool,
    /// A bulleted list item, at this depth.
    pub bullet: Option<u8>,
}

#[derive(Debug, Clone)]
pub enum Inline {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    Link {
        href: String,
        text: String,
    },
    /// An index into `Doc::images`.
    Image(usize),
    /// An index into `Doc::footnotes`.
    Note(usize),
    Break,
}

#[derive(Debug)]
pub struct Image {
    pub bytes: Vec<u8>,
    /// `png`, `jpg`…
    pub ext: String,
    pub alt: Option<String>,
}

#[derive(Debug, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Default)]
pub struct Cell {
    pub paras: Vec<Vec<Inline>>,
    pub rowspan: usize,
    pub colspan: usize,
}

impl Block {
    pub fn text(&self) -> String {
        match self {
            Block::Para(p) => p.text(),
            Block::Markdown(m) => m.clone(),
            Block::Table(_) => String::new(),
        }
    }
}

impl Para {
    pub fn plain(text: &str) -> Para {
        Para {
            inlines: vec![Inline::plain(text)],
            ..Para::default()
        }
    }

    /// The text as a reader sees it, without formatting.
    pub fn text(&self) -> String {
        plain_text(&self.inlines)
    }

    /// Every character of text is bold (and there is some).
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for i in &self.inlines {
            if let Inline::Text { text, bold, .. } = i {
                if !text.trim().is_empty() {
                    any = true;
                    if !bold {
                        return false;
                    }
                }
            }
        }
        any
    }

    /// Remove the first `chars` characters of the text (a number already read).
    pub fn drop_chars(&mut self, mut chars: usize) {
        for i in &mut self.inlines {
            if chars == 0 {
                break;
            }
            if let Inline::Text { text, .. } = i {
                let n = text.chars().count().min(chars);
                *text = text.chars().skip(n).collect();
                chars -= n;
            }
        }
    }

    pub fn has_images(&self) -> bool {
        self.inlines.iter().any(|i| matches!(i, Inline::Image(_)))
    }
}

impl Inline {
    pub fn plain(text: &str) -> Inline {
        Inline::Text {
            text: text.to_owned(),
            bold: false,
            italic: false,
        }
    }
}

pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, .. } | Inline::Link { text, .. } => s.push_str(text),
            Inline::Break => s.push('\n'),
            Inline::Image(_) | Inline::Note(_) => {}
        }
    }
    s
}

/// Characters Markdown would read as markup, anywhere in a line.
const MARKUP: &[char] = &['\\', '*', '_', '`', '[', ']', '<', '>', '|', '~', '&'];

/// `text` with everything Markdown would read as markup escaped; `line_start` also
/// escapes what starts a heading, a list or a quote.
pub fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    if line_start && text.starts_with(['#', '-', '+', '=']) {
        out.push('\\');
    }
    for c in text.chars() {
        if MARKUP.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// How images are named in the Markdown: the file name of `Doc::images[i]`.
pub type ImageNames<'a> = &'a dyn Fn(usize) -> String;

/// Inline content as Markdown: runs of the same look are joined, bold and italic marks
/// wrap the text but not the spaces around it.
pub fn inline_markdown(inlines: &[Inline], images: &[Image], names: ImageNames) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < inlines.len() {
        match &inlines[i] {
            Inline::Text { bold, italic, .. } => {
                let mut text = String::new();
                while let Some(Inline::Text {
                    text: t,
                    bold: b,
                    italic: it,
                }) = inlines.get(i)
                {
                    if b != bold || it != italic {
                        break;
                    }
                    text.push_str(t);
                    i += 1;
                }
                let mark = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    (false, true) => "*",
                    (false, false) => "",
                };
                let inner = text.trim();
                if mark.is_empty() || inner.is_empty() {
                    out.push_str(&escape(&text, out.is_empty()));
                } else {
                    let lead = &text[..text.len() - text.trim_start().len()];
                    let trail = &text[text.trim_end().len()..];
                    let _ = write!(out, "{lead}{mark}{}{mark}{trail}", escape(inner, false));
                }
                continue;
            }
            Inline::Link { href, text } => {
                let _ = write!(
                    out,
                    "[{}](<{}>)",
                    escape(text, false),
                    href.replace('>', "%3E")
                );
            }
            Inline::Image(n) => {
                let alt = images[*n].alt.as_deref().unwrap_or("");
                let _ = write!(out, "![{}]({})", escape(alt, false), names(*n));
            }
            Inline::Note(n) => {
                let _ = write!(out, "[^{}]", n + 1);
            }
            Inline::Break => out.push_str("\\\n"),
        }
        i += 1;
    }
    out
}

/// The body as Markdown: blocks separated by blank lines, footnotes at the end.
pub fn markdown(doc: &Doc, names: ImageNames) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        let text = match block {
            Block::Markdown(m) => m.trim().to_owned(),
            Block::Table(t) => table_markdown(t, &doc.images, names),
            Block::Para(p) => {
                let inner = inline_markdown(&p.inlines, &doc.images, names);
                let inner = inner.trim();
                if inner.is_empty() {
                    continue;
                }
                match (p.heading, p.bullet) {
                    (Some(level), _) => {
                        let hashes = "#".repeat(usize::from(level));
                        let text = escape(p.text().trim(), false);
                        format!("{hashes} {}", text.replace('\n', " "))
                    }
                    (None, Some(depth)) => {
                        format!("{}- {inner}", "  ".repeat(usize::from(depth)))
                    }
                    (None, None) => inner.to_owned(),
                }
            }
        };
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&text);
    }
    for (n, note) in doc.footnotes.iter().enumerate() {
        let text = inline_markdown(note, &doc.images, names);
        let _ = write!(out, "\n\n[^{}]: {}", n + 1, text.trim().replace('\n', " "));
    }
    out.push('\n');
    out
}

/// A table without merged cells is a Markdown table (its first row the header); with
/// merged cells, an HTML table keeping rowspan and colspan, sanitized.
fn table_markdown(table: &Table, images: &[Image], names: ImageNames) -> String {
    if is_merged(table) {
        return table_html(table, images, names);
    }
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::new();
    for (r, row) in table.rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            let cell = row.get(c).map(|cell| {
                let parts: Vec<String> = cell
                    .paras
                    .iter()
                    .map(|p| inline_markdown(p, images, names).replace('\n', " "))
                    .filter(|p| !p.trim().is_empty())
                    .collect();
                parts.join("<br>")
            });
            let _ = write!(out, " {} |", cell.unwrap_or_default().trim());
        }
        out.push('\n');
        if r == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(width));
            out.push('\n');
        }
    }
    out.trim_end().to_owned()
}

pub fn is_merged(table: &Table) -> bool {
    table
        .rows
        .iter()
        .flatten()
        .any(|c| c.rowspan > 1 || c.colspan > 1)
}

fn table_html(table: &Table, images: &[Image], names: ImageNames) -> String {
    let mut html = String::from("<table>\n");
    for (r, row) in table.rows.iter().enumerate() {
        html.push_str("<tr>");
        let tag = if r == 0 { "th" } else { "td" };
        for cell in row {
            html.push('<');
            html.push_str(tag);
            if cell.rowspan > 1 {
                let _ = write!(html, " rowspan=\"{}\"", cell.rowspan);
            }
            if cell.colspan > 1 {
                let _ = write!(html, " colspan=\"{}\"", cell.colspan);
            }
            html.push('>');
            let parts: Vec<String> = cell
                .paras
                .iter()
                .map(|p| inline_html(p, images, names))
                .filter(|p| !p.trim().is_empty())
                .collect();
            html.push_str(&parts.join("<br>"));
            let _ = write!(html, "</{tag}>");
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>");
    // No blank line may break the HTML block; the sanitizer keeps only harmless markup.
    let clean = ammonia::Builder::default().clean(&html).to_string();
    clean
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn inline_html(inlines: &[Inline], images: &[Image], names: ImageNames) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, bold, italic } => {
                let text = ammonia::clean_text(text);
                match (bold, italic) {
                    (true, _) => {
                        let _ = write!(out, "<strong>{text}</strong>");
                    }
                    (false, true) => {
                        let _ = write!(out, "<em>{text}</em>");
                    }
                    _ => out.push_str(&text),
                }
            }
            Inline::Link { href, text } => {
                let _ = write!(
                    out,
                    "<a href=\"{}\">{}</a>",
                    ammonia::clean_text(href),
                    ammonia::clean_text(text)
                );
            }
            Inline::Image(n) => {
                let alt = images[*n].alt.as_deref().unwrap_or("");
                let _ = write!(
                    out,
                    "<img src=\"{}\" alt=\"{}\">",
                    names(*n),
                    ammonia::clean_text(alt)
                );
            }
            Inline::Note(n) => {
                let _ = write!(out, "<sup>{}</sup>", n + 1);
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
    out
}
