//! A saved web page read into a [`Doc`], a 公众号 article saved from a browser above all:
//! its article body (`#js_content`, else `<article>`, `<main>` or `<body>`), its title
//! and publish time, and its images, whether the browser saved them into the page's
//! files folder (`src`) or the page loads them lazily (`data-src`).

use super::doc::{Block, Cell, Doc, Image, Inline, Para, Table};
use scraper::{ElementRef, Html, Node, Selector};
use std::path::Path;

/// Read a page; `folder` is where it was saved, for its files folder.
pub fn read(text: &str, folder: Option<&Path>) -> Doc {
    let html = Html::parse_document(text);
    let mut doc = Doc {
        title: title(&html),
        date: date(&html, text),
        ..Doc::default()
    };
    let root = [
        "#js_content",
        ".rich_media_content",
        "article",
        "main",
        "body",
    ]
    .iter()
    .find_map(|s| html.select(&selector(s)).next());
    let mut w = Walker {
        doc: &mut doc,
        folder,
        para: Para::default(),
        blocks: Vec::new(),
    };
    if let Some(root) = root {
        w.walk(root, Look::default());
    }
    w.flush();
    doc.blocks = std::mem::take(&mut w.blocks);
    doc
}

fn selector(s: &str) -> Selector {
    // The selectors are fixed text written above, each valid CSS.
    Selector::parse(s).unwrap_or_else(|_| unreachable!("invalid selector {s}"))
}

fn text_of(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn title(html: &Html) -> Option<String> {
    let from = |s: &str| html.select(&selector(s)).next();
    let meta = |s: &str| from(s).and_then(|e| e.attr("content").map(str::to_owned));
    from("#activity-name")
        .or_else(|| from(".rich_media_title"))
        .map(text_of)
        .or_else(|| meta("meta[property=\"og:title\"]"))
        .or_else(|| from("h1").map(text_of))
        .or_else(|| from("title").map(text_of))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn date(html: &Html, source: &str) -> Option<String> {
    let from = |s: &str| html.select(&selector(s)).next();
    let found = from("#publish_time")
        .map(text_of)
        .or_else(|| {
            from("meta[property=\"article:published_time\"]")
                .and_then(|e| e.attr("content").map(str::to_owned))
        })
        .or_else(|| from("time").and_then(|e| e.attr("datetime").map(str::to_owned)));
    if let Some(date) = found.as_deref().and_then(super::shape::first_date) {
        return Some(date);
    }
    // A saved 公众号 page keeps its publish time only in a script: `var createTime = '…'`.
    let at = source.find("createTime")?;
    let end = source.len().min(at + 60);
    let end = (end..source.len()).find(|i| source.is_char_boundary(*i))?;
    super::shape::first_date(&source[at..end])
}

#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    centered: bool,
}

struct Walker<'a> {
    doc: &'a mut Doc,
    folder: Option<&'a Path>,
    para: Para,
    blocks: Vec<Block>,
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "blockquote",
    "figure",
    "figcaption",
    "li",
    "ul",
    "ol",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "article",
    "center",
];

impl Walker<'_> {
    fn flush(&mut self) {
        let para = std::mem::take(&mut self.para);
        if !para.text().trim().is_empty() || para.has_images() {
            self.blocks.push(Block::Para(para));
        }
    }

    fn walk(&mut self, e: ElementRef, look: Look) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    // Whitespace between tags is layout, not text.
                    let text = t.replace(['\n', '\r', '\t'], " ");
                    if text.trim().is_empty() && self.para.inlines.is_empty() {
                        continue;
                    }
                    self.para.inlines.push(Inline::Text {
                        text,
                        bold: look.bold,
                        italic: look.italic,
                    });
                    self.para.centered |= look.centered;
                }
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(child) {
                        self.element(el, look);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef, look: Look) {
        let name = el.value().name();
        let style = el
            .attr("style")
            .unwrap_or("")
            .replace(' ', "")
            .to_ascii_lowercase();
        if style.contains("display:none")
            || matches!(
                name,
                "script" | "style" | "noscript" | "iframe" | "svg" | "mpvoice" | "mpprofile"
            )
        {
            return;
        }
        let look = Look {
            bold: look.bold
                || matches!(name, "b" | "strong")
                || style.contains("font-weight:bold")
                || style.contains("font-weight:700"),
            italic: look.italic || matches!(name, "i" | "em"),
            centered: look.centered || style.contains("text-align:center") || name == "center",
        };
        match name {
            "br" => self.para.inlines.push(Inline::Break),
            "img" => self.image(el),
            "table" => {
                self.flush();
                let table = self.table(el);
                self.blocks.push(Block::Table(table));
            }
            "a" => {
                let href = el.attr("href").unwrap_or("");
                let text = text_of(el);
                if super::docx::is_web_link(href) && !text.is_empty() {
                    self.para.inlines.push(Inline::Link {
                        href: href.to_owned(),
                        text,
                    });
                } else {
                    self.walk(el, look);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.walk(el, look);
                let level = name[1..].parse::<u8>().unwrap_or(2);
                self.para.heading = Some((level + 1).clamp(2, 5));
                self.flush();
            }
            "li" => {
                self.flush();
                let ordered = el
                    .parent()
                    .and_then(ElementRef::wrap)
                    .is_some_and(|p| p.value().name() == "ol");
                if ordered {
                    let n = el
                        .prev_siblings()
                        .filter(|s| ElementRef::wrap(*s).is_some_and(|e| e.value().name() == "li"))
                        .count();
                    self.para
                        .inlines
                        .push(Inline::plain(&format!("{}. ", n + 1)));
                } else {
                    self.para.bullet = Some(0);
                }
                self.walk(el, look);
                self.flush();
            }
            _ if BLOCKS.contains(&name) => {
                self.flush();
                self.walk(el, look);
                self.flush();
            }
            _ => self.walk(el, look),
        }
    }

    /// An image from the saved files folder (by `src` or `data-src`); one that exists only
    /// on the web is reported, not fetched.
    fn image(&mut self, el: ElementRef) {
        let sources = ["src", "data-src", "data-original"];
        let local = sources.iter().filter_map(|a| el.attr(a)).find_map(|src| {
            if src.contains("://") || src.starts_with("data:") || src.starts_with("//") {
                return None;
            }
            let path = percent_decode(src.split(['?', '#']).next().unwrap_or(src));
            let path = self.folder?.join(path);
            Some((std::fs::read(&path).ok()?, path))
        });
        let alt = el
            .attr("alt")
            .or(el.attr("title"))
            .map(str::trim)
            .filter(|a| !a.is_empty() && !matches!(*a, "图片" | "image" | "img" | "Image"))
            .map(str::to_owned);
        match local {
            Some((bytes, path)) => {
                let ext = super::image_ext(&path.to_string_lossy(), &bytes);
                self.doc.images.push(Image { bytes, ext, alt });
                self.para
                    .inlines
                    .push(Inline::Image(self.doc.images.len() - 1));
            }
            None => {
                let web = sources
                    .iter()
                    .filter_map(|a| el.attr(a))
                    .find(|s| s.contains("://"));
                if let Some(url) = web {
                    self.doc.missed.push(format!(
                        "有一张图片只在网上（{url}），没有带过来：在浏览器里用“另存为 → 网页，全部”保存后再导入，或者自己把图片放到页面旁边。"
                    ));
                }
            }
        }
    }

    fn table(&mut self, table: ElementRef) -> Table {
        let mut rows = Vec::new();
        for tr in table.select(&selector("tr")) {
            let mut row = Vec::new();
            for cell in tr.children().filter_map(ElementRef::wrap) {
                if !matches!(cell.value().name(), "td" | "th") {
                    continue;
                }
                let span = |a: &str| {
                    cell.attr(a)
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(1usize)
                        .max(1)
                };
                let mut inner = Walker {
                    doc: self.doc,
                    folder: self.folder,
                    para: Para::default(),
                    blocks: Vec::new(),
                };
                inner.walk(cell, Look::default());
                inner.flush();
                let paras = inner
                    .blocks
                    .into_iter()
                    .filter_map(|b| match b {
                        Block::Para(p) => Some(p.inlines),
                        _ => None,
                    })
                    .collect();
                row.push(Cell {
                    paras,
                    rowspan: span("rowspan"),
                    colspan: span("colspan"),
                });
            }
            rows.push(row);
        }
        Table { rows }
    }
}

/// `%E5%9B%BE.png` → `图.png`: browsers save files under their own names, and write
/// those names into the page encoded.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
