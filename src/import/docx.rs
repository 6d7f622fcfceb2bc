//! A Word or WPS `.docx` read into a [`Doc`]: paragraphs with their heading style, Title
//! style, centring and size, automatic numbering written out, bold and italic runs, links,
//! footnotes, images with their description, and tables with merged cells.

use super::doc::{Block, Cell, Doc, Image, Inline, Para, Table};
use super::numbering::{Label, Numbering};
use super::xml::{self, Element};
use std::collections::HashMap;
use std::io::Read;

/// A paragraph style, its `basedOn` chain already followed.
#[derive(Debug, Default, Clone)]
struct Style {
    heading: Option<u8>,
    title: bool,
    centered: Option<bool>,
    bold: Option<bool>,
    size: Option<u32>,
    num: Option<(String, usize)>,
}

struct Reader<'a> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    rels: HashMap<String, (String, bool)>,
    styles: HashMap<String, Style>,
    default_style: Style,
    numbering: Numbering,
    doc: Doc,
    /// Images already read, by relationship id: one picture used twice is one file.
    seen_images: HashMap<String, usize>,
    /// Footnote id → its text, taken into `Doc::footnotes` when first referred to.
    footnote_ids: HashMap<String, Vec<Inline>>,
}

/// Read a `.docx`; Err says, in words for staff, why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<Doc, String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        "这不是一个完整的 Word 文档（.docx）：文件可能损坏了，或者其实是旧的 .doc 格式。".to_owned()
    })?;
    let mut r = Reader {
        archive,
        rels: HashMap::new(),
        styles: HashMap::new(),
        default_style: Style::default(),
        numbering: Numbering::default(),
        doc: Doc::default(),
        seen_images: HashMap::new(),
        footnote_ids: HashMap::new(),
    };
    let document = r
        .part("word/document.xml")
        .ok_or("文件里没有 Word 正文（word/document.xml）：它可能不是 Word 文档。")?;
    let document = xml::parse(&document).ok_or("Word 正文读不出来：文件可能损坏了。")?;
    r.rels = r.read_rels();
    r.read_styles();
    let numbering = r.part("word/numbering.xml").and_then(|t| xml::parse(&t));
    r.numbering = Numbering::read(numbering.as_ref());
    r.read_footnotes();
    let body = document.child("body").ok_or("Word 正文是空的。")?;
    let blocks = r.blocks(body);
    r.doc.blocks = blocks;
    Ok(r.doc)
}

impl Reader<'_> {
    fn part(&mut self, name: &str) -> Option<String> {
        let mut file = self.archive.by_name(name).ok()?;
        let mut text = String::new();
        file.read_to_string(&mut text).ok()?;
        Some(text)
    }

    fn bytes(&mut self, name: &str) -> Option<Vec<u8>> {
        let mut file = self.archive.by_name(name).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }

    /// Relationship id → (target, whether it is outside the file).
    fn read_rels(&mut self) -> HashMap<String, (String, bool)> {
        let Some(root) = self
            .part("word/_rels/document.xml.rels")
            .and_then(|t| xml::parse(&t))
        else {
            return HashMap::new();
        };
        root.children_named("Relationship")
            .filter_map(|r| {
                let external = r.attr("TargetMode") == Some("External");
                Some((
                    r.attr("Id")?.to_owned(),
                    (r.attr("Target")?.to_owned(), external),
                ))
            })
            .collect()
    }

    fn read_styles(&mut self) {
        let Some(root) = self.part("word/styles.xml").and_then(|t| xml::parse(&t)) else {
            return;
        };
        let mut raw: HashMap<String, (Option<String>, Style)> = HashMap::new();
        let mut default_id = None;
        for s in root.children_named("style") {
            if s.attr("type") != Some("paragraph") {
                continue;
            }
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            if s.attr("default") == Some("1") {
                default_id = Some(id.to_owned());
            }
            let name = s.val("name").unwrap_or("").to_ascii_lowercase();
            let outline = s.val("pPr/outlineLvl").and_then(|v| v.parse::<u8>().ok());
            // Word names its built-in styles in English whatever its language; some Chinese
            // writers name them 标题 1, 标题 2, ….
            let heading = ["heading ", "标题"]
                .iter()
                .find_map(|p| name.strip_prefix(p))
                .and_then(|n| n.trim().parse::<u8>().ok())
                .or(outline.filter(|l| *l < 9).map(|l| l + 1));
            let style = Style {
                heading,
                title: name == "title",
                centered: s.val("pPr/jc").map(|j| j == "center"),
                bold: s.flag("rPr/b"),
                size: s.val("rPr/sz").and_then(|v| v.parse().ok()),
                num: num_pr(s.at("pPr/numPr")),
            };
            let based_on = s.val("basedOn").map(str::to_owned);
            raw.insert(id.to_owned(), (based_on, style));
        }
        for id in raw.keys() {
            self.styles.insert(id.clone(), resolve(&raw, id));
        }
        if let Some(id) = default_id {
            self.default_style = self.styles.get(&id).cloned().unwrap_or_default();
        }
        if self.default_style.size.is_none() {
            self.default_style.size = root
                .at("docDefaults/rPrDefault/rPr/sz")
                .and_then(|e| e.attr("val")?.parse().ok());
        }
    }

    fn read_footnotes(&mut self) {
        let Some(root) = self.part("word/footnotes.xml").and_then(|t| xml::parse(&t)) else {
            return;
        };
        let mut ids = HashMap::new();
        for note in root.children_named("footnote") {
            // Separators are Word's own, not notes.
            if note.attr("type").is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = note.attr("id") else { continue };
            let mut inlines = Vec::new();
            for p in note.children_named("p") {
                let para = self.paragraph(p);
                if !inlines.is_empty() {
                    inlines.push(Inline::Break);
                }
                inlines.extend(para.inlines);
            }
            ids.insert(id.to_owned(), inlines);
        }
        self.footnote_ids = ids;
    }
}

/// A style with what it inherits filled in (following `basedOn`, at most ten deep).
fn resolve(raw: &HashMap<String, (Option<String>, Style)>, id: &str) -> Style {
    let mut chain = Vec::new();
    let mut at = Some(id.to_owned());
    while let Some(id) = at.take().filter(|_| chain.len() < 10) {
        if let Some((parent, style)) = raw.get(&id) {
            chain.push(style);
            at = parent.clone();
        }
    }
    let mut out = Style::default();
    for s in chain.into_iter().rev() {
        out.heading = s.heading.or(out.heading);
        out.title |= s.title;
        out.centered = s.centered.or(out.centered);
        out.bold = s.bold.or(out.bold);
        out.size = s.size.or(out.size);
        out.num = s.num.clone().or(out.num);
    }
    out
}

/// `<w:numPr>`: the numbering instance and level; numId 0 means "not numbered".
fn num_pr(e: Option<&Element>) -> Option<(String, usize)> {
    let e = e?;
    let id = e.val("numId")?;
    let level = e.val("ilvl").and_then(|l| l.parse().ok()).unwrap_or(0);
    (id != "0").then(|| (id.to_owned(), level))
}

/// Formatting a run carries.
#[derive(Clone, Copy)]
struct Look {
    bold: bool,
    italic: bool,
    size: Option<u32>,
}

impl Reader<'_> {
    fn blocks(&mut self, body: &Element) -> Vec<Block> {
        let mut blocks = Vec::new();
        for e in body.elements() {
            match e.name.as_str() {
                "p" => blocks.push(Block::Para(self.paragraph(e))),
                "tbl" => blocks.push(Block::Table(self.table(e))),
                // Content controls and tracked insertions hold ordinary paragraphs.
                "sdt" | "customXml" | "ins" => {
                    if let Some(content) = e.child("sdtContent").or(Some(e)) {
                        blocks.extend(self.blocks(content));
                    }
                }
                _ => {}
            }
        }
        blocks
    }

    fn paragraph(&mut self, p: &Element) -> Para {
        let style = p
            .val("pPr/pStyle")
            .and_then(|id| self.styles.get(id))
            .cloned()
            .unwrap_or_else(|| self.default_style.clone());
        let centered = p
            .val("pPr/jc")
            .map(|j| j == "center")
            .or(style.centered)
            .unwrap_or(false);
        let look = Look {
            bold: style.bold.unwrap_or(false),
            italic: false,
            size: style.size,
        };
        let mut para = Para {
            heading: style.heading.map(|h| (h + 1).clamp(2, 5)),
            title_style: style.title,
            centered,
            ..Para::default()
        };
        let mut max_size = 0;
        self.inlines(p, look, &mut para.inlines, &mut max_size);
        let body_size = self.default_style.size.unwrap_or(21);
        // 公文 titles are 二号 (22 pt) over 三号 (16 pt) text; sizes are in half points.
        para.large = max_size >= 36 && max_size * 4 >= body_size * 5;
        let num = num_pr(p.at("pPr/numPr")).or(if p.at("pPr/numPr").is_some() {
            None
        } else {
            style.num
        });
        if let Some((id, level)) = num {
            match self.numbering.next(&id, level) {
                Some(Label::Bullet) => para.bullet = Some(level.min(4) as u8),
                Some(Label::Text(label)) if !label.is_empty() => {
                    // `1.` needs a space to read as a number; `一、` and `（一）` do not.
                    let label = if label.ends_with(|c: char| c.is_ascii_punctuation()) {
                        format!("{label} ")
                    } else {
                        label
                    };
                    para.inlines.insert(0, Inline::plain(&label));
                }
                _ => {}
            }
        }
        para
    }

    /// The runs, links, images and notes under `e`, in order.
    fn inlines(&mut self, e: &Element, look: Look, out: &mut Vec<Inline>, max_size: &mut u32) {
        for child in e.elements() {
            match child.name.as_str() {
                "r" => self.run(child, look, out, max_size),
                "hyperlink" => {
                    let mut inner = Vec::new();
                    self.inlines(child, look, &mut inner, max_size);
                    let target = child
                        .attr("id")
                        .and_then(|id| self.rels.get(id))
                        .filter(|(_, external)| *external)
                        .map(|(t, _)| t.clone());
                    match target {
                        Some(href) if is_web_link(&href) => out.push(Inline::Link {
                            href,
                            text: super::doc::plain_text(&inner),
                        }),
                        _ => out.extend(inner),
                    }
                }
                "ins" | "smartTag" | "sdt" | "sdtContent" | "fldSimple" | "customXml" => {
                    self.inlines(child, look, out, max_size)
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &Element, look: Look, out: &mut Vec<Inline>, max_size: &mut u32) {
        let look = Look {
            bold: r.flag("rPr/b").unwrap_or(look.bold),
            italic: r.flag("rPr/i").unwrap_or(look.italic),
            size: r.val("rPr/sz").and_then(|v| v.parse().ok()).or(look.size),
        };
        for c in r.elements() {
            match c.name.as_str() {
                "t" => {
                    let text = text_of(c);
                    if !text.trim().is_empty() {
                        *max_size = (*max_size).max(look.size.unwrap_or(0));
                    }
                    out.push(Inline::Text {
                        text,
                        bold: look.bold,
                        italic: look.italic,
                    });
                }
                "tab" => out.push(Inline::plain(" ")),
                "br" | "cr" => out.push(Inline::Break),
                "footnoteReference" => {
                    if let Some(note) = c.attr("id").and_then(|id| self.footnote_ids.remove(id)) {
                        self.doc.footnotes.push(note);
                        out.push(Inline::Note(self.doc.footnotes.len() - 1));
                    }
                }
                "drawing" | "pict" => self.image(c, out),
                "object" => self.doc.missed.push(
                    "文档里嵌入了一个对象（例如 Excel 表格或附件图标），没有带过来：请把那个文件单独放到页面旁边，再在正文里加上链接。"
                        .to_owned(),
                ),
                _ => {}
            }
        }
    }

    fn image(&mut self, drawing: &Element, out: &mut Vec<Inline>) {
        let (id, alt) = match drawing.find("blip") {
            Some(blip) => {
                let doc_pr = drawing.find("docPr");
                let alt = doc_pr
                    .and_then(|d| d.attr("descr").filter(|s| !s.trim().is_empty()))
                    .or(doc_pr.and_then(|d| d.attr("title")));
                (blip.attr("embed"), alt)
            }
            None => {
                let data = drawing.find("imagedata");
                let alt = drawing.find("shape").and_then(|s| s.attr("alt"));
                (data.and_then(|d| d.attr("id")), alt)
            }
        };
        let Some(id) = id else { return };
        if let Some(n) = self.seen_images.get(id) {
            out.push(Inline::Image(*n));
            return;
        }
        let Some((target, external)) = self.rels.get(id).cloned() else {
            return;
        };
        let path = target.trim_start_matches('/');
        let path = if path.starts_with("word/") {
            path.to_owned()
        } else {
            format!("word/{path}")
        };
        let bytes = if external { None } else { self.bytes(&path) };
        let Some(bytes) = bytes else {
            self.doc.missed.push(format!(
                "有一张图片在文档外面（{target}），没有带过来：请把图片文件放到页面旁边，在正文里引用。"
            ));
            return;
        };
        let ext = super::image_ext(&path, &bytes);
        self.doc.images.push(Image {
            bytes,
            ext,
            alt: alt.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()),
        });
        let n = self.doc.images.len() - 1;
        self.seen_images.insert(id.to_owned(), n);
        out.push(Inline::Image(n));
    }

    /// Rows of cells; a cell merged down (`vMerge`) gets its rowspan and the cells it
    /// covers are left out, as HTML has them.
    fn table(&mut self, tbl: &Element) -> Table {
        // (row, grid column) of each cell, and whether it continues the one above.
        let mut grid: Vec<Vec<(usize, Cell, bool)>> = Vec::new();
        for tr in tbl.children_named("tr") {
            let mut col = tr
                .val("trPr/gridBefore")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let mut row = Vec::new();
            for tc in tr.children_named("tc") {
                let span = tc
                    .val("tcPr/gridSpan")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize)
                    .max(1);
                let merge = tc
                    .at("tcPr/vMerge")
                    .map(|m| m.attr("val").unwrap_or("continue"));
                let paras = tc
                    .children_named("p")
                    .map(|p| self.paragraph(p).inlines)
                    .collect::<Vec<_>>();
                let paras = paras.into_iter().filter(|p| !p.is_empty()).collect();
                let cell = Cell {
                    paras,
                    rowspan: 1,
                    colspan: span,
                };
                row.push((col, cell, merge == Some("continue")));
                col += span;
            }
            grid.push(row);
        }
        for r in 0..grid.len() {
            for c in 0..grid[r].len() {
                if grid[r][c].2 {
                    continue;
                }
                let col = grid[r][c].0;
                let below = grid[r + 1..]
                    .iter()
                    .take_while(|row| row.iter().any(|(at, _, cont)| *at == col && *cont))
                    .count();
                grid[r][c].1.rowspan = below + 1;
            }
        }
        Table {
            rows: grid
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .filter(|(_, _, cont)| !cont)
                        .map(|(_, cell, _)| cell)
                        .collect()
                })
                .collect(),
        }
    }
}

/// The text of a `<w:t>`.
fn text_of(t: &Element) -> String {
    t.children
        .iter()
        .filter_map(|n| match n {
            xml::Node::Text(s) => Some(s.as_str()),
            xml::Node::Element(_) => None,
        })
        .collect()
}

/// A link a resident can follow from the site: anything else (a path on the writer's
/// computer, a bookmark) keeps its text only.
pub fn is_web_link(href: &str) -> bool {
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| href.to_ascii_lowercase().starts_with(p))
}
