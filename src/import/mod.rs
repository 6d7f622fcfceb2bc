//! `bulletin import`: what staff already wrote — a Word or WPS `.docx`, a saved web page
//! (a 公众号 article), a `.txt` or `.md` — becomes a draft page as a clerk would retype it:
//! the official document's title, numbered headings, tables, images and 落款 kept where
//! a page has them, a guide's materials and facts in its fields. Each reader turns its
//! file into one [`doc::Doc`]; the same rules shape every one; `new`'s rules name and
//! write the page, never over a file. [`convert`] works on bytes, for any caller.

mod doc;
mod docx;
mod guide;
mod html;
mod numbering;
mod shape;
mod text;
mod xml;

use crate::diagnostics::Diagnostic;
use crate::model::skeleton::{front_matter, Filled};
use crate::new::{self, Refusal};
use crate::pipeline::Now;
use crate::schema::Kind;
use std::path::{Path, PathBuf};

/// A file to import.
pub struct Source<'a> {
    /// Its file name, whose extension says what it is.
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// The folder it was in: a saved web page's images are in a folder beside it.
    pub folder: Option<&'a Path>,
}

/// What an import did, and what a person should look at, in Chinese.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub done: Vec<String>,
    pub look: Vec<String>,
}

/// A document converted into a page, not yet written anywhere.
pub struct Draft {
    pub kind: Kind,
    pub title: String,
    /// `2026-09-20`, from the 落款 or the page's publish time.
    pub date: Option<String>,
    pub filled: Filled,
    doc: doc::Doc,
    pub report: Report,
}

/// Extensions `import` reads.
const READABLE: &str = ".docx、.html、.htm、.txt 或 .md";

/// Convert a document. `kind` None: guessed from the document (and said in the report).
/// Err says, in words for staff, why the file cannot be read.
pub fn convert(source: &Source, kind: Option<Kind>) -> Result<Draft, String> {
    let ext = Path::new(source.name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let text = || {
        crate::load::decode::decode(source.bytes.to_vec(), Path::new(source.name))
            .map(|(text, _)| text)
            .map_err(|d| d.message)
    };
    let mut doc = match ext.as_str() {
        "docx" => docx::read(source.bytes)?,
        "html" | "htm" => html::read(&text()?, source.folder),
        "txt" => text::read_text(&text()?),
        "md" | "markdown" => text::read_markdown(&text()?),
        "doc" | "wps" => {
            return Err(format!(
                "bulletin 读不了旧的 .{ext} 格式。用 Word 或 WPS 打开它，“另存为” .docx，再导入那个文件。"
            ))
        }
        _ => return Err(format!("bulletin 只能导入 {READABLE} 文件。")),
    };
    let mut report = Report::default();
    shape::drop_empty(&mut doc);
    let stated_date = doc.date.take();
    let title = shape::take_title(&mut doc);
    let signature = shape::take_signature(&mut doc);
    shape::mark_headings(&mut doc);
    let guide_like = guide::looks_like_guide(&doc);
    let kind = kind.unwrap_or_else(|| {
        let guessed = shape::guess_kind(
            title.as_deref().unwrap_or(""),
            signature.is_some(),
            stated_date.is_some(),
            guide_like,
        );
        report.done.push(format!(
            "没有指定类型，按内容猜是“{}”；不对的话删掉这个文件，用 --kind 重新导入。",
            kind_name(guessed)
        ));
        guessed
    });
    let title = match title {
        Some(t) => t,
        None => {
            let stem = Path::new(source.name)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            report.look.push(format!(
                "没有找到标题，先用了文件名“{stem}”：请改成真正的标题。"
            ));
            stem
        }
    };
    let mut filled = Filled::default();
    filled.values.push(("draft", "true".to_owned()));
    let mut date = stated_date;
    if let Some((d, signer)) = signature {
        let signer = signer.map(|s| format!("{s}，")).unwrap_or_default();
        report
            .done
            .push(format!("落款（{signer}{d}）写进了 date，正文里不再重复"));
        date = Some(d);
    }
    if kind == Kind::Guide {
        report
            .done
            .extend(guide::take_fields(&mut doc, &mut filled));
    }
    describe(&doc, &mut report);
    Ok(Draft {
        kind,
        title,
        date,
        filled,
        doc,
        report,
    })
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Notice => "通知公告（notice）",
        Kind::Guide => "办事指南（guide）",
        Kind::Faq => "常见问题（faq）",
        Kind::Story => "警民故事（story）",
        Kind::Page => "其他页面（page）",
    }
}

/// What was converted and what needs a person's look.
fn describe(d: &doc::Doc, report: &mut Report) {
    let headings = d
        .blocks
        .iter()
        .filter(|b| match b {
            doc::Block::Para(p) => p.heading.is_some(),
            doc::Block::Markdown(m) => {
                m.starts_with('#') && m.trim_start_matches('#').starts_with(' ')
            }
            doc::Block::Table(_) => false,
        })
        .count();
    let tables: Vec<&doc::Table> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            doc::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let merged = tables.iter().filter(|t| doc::is_merged(t)).count();
    report.done.push(format!(
        "{headings} 个小标题，{} 个表格，{} 张图片，{} 个脚注",
        tables.len(),
        d.images.len(),
        d.footnotes.len()
    ));
    if merged > 0 {
        report.look.push(format!(
            "{merged} 个表格有合并的单元格，保留成了 HTML 表格（<table>…），在手机上看一下是否清楚"
        ));
    }
    for (n, image) in d.images.iter().enumerate() {
        if image.alt.is_none() {
            report.look.push(format!(
                "第 {} 张图片没有文字说明：在 `![]` 的方括号里写上图片的内容，读屏软件会念给看不见的居民听",
                n + 1
            ));
        }
    }
    for a in shape::attachments(d) {
        report.look.push(format!(
            "正文提到“{a}”：附件文件没有一起导入，请把它放到页面旁边，再在正文里加上链接"
        ));
    }
    report.look.extend(d.missed.iter().cloned());
}

impl Draft {
    /// The page file's text and its images' files, the images named `<stem>-1.png`, …
    pub fn files(&self, stem: &str, today: &str) -> (String, Vec<(String, &[u8])>) {
        let name = |n: usize| format!("{stem}-{}.{}", n + 1, self.doc.images[n].ext);
        let date = self
            .date
            .as_deref()
            .or(self.kind.is_dated().then_some(today));
        let mut text = front_matter(self.kind, &self.title, date, &self.filled);
        text.push('\n');
        text.push_str(&doc::markdown(&self.doc, &name));
        let images = self
            .doc
            .images
            .iter()
            .enumerate()
            .map(|(n, i)| (name(n), i.bytes.as_slice()))
            .collect();
        (text, images)
    }
}

/// What `import` wrote for one file.
pub struct Imported {
    pub path: PathBuf,
    pub kind: Kind,
    pub report: Report,
}

/// Why a file cannot be imported, said at `shown`.
fn unreadable(shown: &str, why: String) -> Refusal {
    Refusal::Site(
        Diagnostic::error(format!("无法导入这个文件：{why}"))
            .in_file(shown)
            .with_hint(format!(
                "bulletin 能导入 {READABLE} 文件；确认文件名和路径没有写错。"
            )),
    )
}

/// Import the file at `path` into the site at `root` as a draft.
pub fn import_file(
    root: &Path,
    path: &Path,
    kind: Option<Kind>,
    now: &Now,
) -> Result<Imported, Refusal> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => unreadable(&shown, "找不到这个文件。".to_owned()),
        std::io::ErrorKind::IsADirectory => {
            unreadable(&shown, "这是一个文件夹，不是文件。".to_owned())
        }
        _ => unreadable(&shown, format!("读不出来（{e}）。")),
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = Source {
        name: &name,
        bytes: &bytes,
        folder: path.parent(),
    };
    import_source(root, &source, kind, now)
}

/// Import a document already read (a file, or the desk's upload) as a draft.
pub fn import_source(
    root: &Path,
    source: &Source,
    kind: Option<Kind>,
    now: &Now,
) -> Result<Imported, Refusal> {
    let today = new::today(root, now)?;
    let mut draft = convert(source, kind).map_err(|why| unreadable(source.name, why))?;
    if draft.date.is_none() && draft.kind.is_dated() {
        draft.report.look.push(format!(
            "文档里没有找到日期，date 先填了今天（{today}）：请改成发布日期。"
        ));
    }
    let date = draft.date.clone().unwrap_or_else(|| today.clone());
    let place = new::plan(root, draft.kind, &draft.title, &date, |_| {
        "已经有同一个网址的页面：先看看是不是已经导入过这个文档，导入过就去修改那一页。确实是另一篇的话，在文档里给它换一个标题再导入。".to_owned()
    })?;
    let (text, images) = draft.files(&place.slug, &today);
    let section = draft.kind.section();
    for (image, _) in &images {
        if place.folder.join(image).exists() {
            return Err(Refusal::Site(
                Diagnostic::error("这个文件已经存在：bulletin 从不覆盖已有的文件。")
                    .in_file(format!("content/{section}/{image}"))
                    .with_hint("这个文档可能已经导入过了：去看那一页，或者先把旧的图片改名。"),
            ));
        }
    }
    let mut written = Vec::new();
    let result = images.iter().try_for_each(|(image, bytes)| {
        let rel = format!("content/{section}/{image}");
        new::create_new(&place.folder, image, &rel, bytes)?;
        written.push(place.folder.join(image));
        Ok(())
    });
    // A page that could not be written leaves no images behind it.
    if let Err(e) = result.and_then(|()| place.create(text.as_bytes())) {
        for w in written {
            let _ = std::fs::remove_file(w);
        }
        return Err(e);
    }
    Ok(Imported {
        path: place.path(),
        kind: draft.kind,
        report: draft.report,
    })
}

/// A picture's file extension, from its name, else from its first bytes.
fn image_ext(name: &str, bytes: &[u8]) -> String {
    let from_bytes = if bytes.starts_with(b"\x89PNG") {
        Some("png")
    } else if bytes.starts_with(b"\xFF\xD8") {
        Some("jpg")
    } else if bytes.starts_with(b"GIF8") {
        Some("gif")
    } else if bytes.len() > 12 && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    };
    let from_name = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .filter(|e| ["png", "jpg", "jpeg", "gif", "webp", "bmp"].contains(&e.as_str()));
    from_bytes
        .map(str::to_owned)
        .or(from_name)
        .unwrap_or_else(|| "png".to_owned())
}
