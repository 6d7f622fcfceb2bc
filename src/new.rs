//! `bulletin new <kind> "<title>"`: start a page from the right skeleton
//! ([`crate::model::skeleton`]) in the right folder, under the right file name (notices and
//! stories dated today). Never overwrites a file.

use crate::config;
use crate::diagnostics::Diagnostic;
use crate::model::skeleton::skeleton;
use crate::model::slug;
use crate::pipeline::Now;
use crate::schema::Kind;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why `new` wrote nothing.
#[derive(Debug)]
pub enum Refusal {
    /// The command was given something unusable (an empty title, a bad `--now`).
    Usage(Diagnostic),
    /// The site or the disk is in the way (no site.yaml, the file exists, not writable).
    Site(Diagnostic),
}

/// Write the new file under `root` and return its path (`root` joined with
/// `content/<section>/<name>.md`).
pub fn new_page(root: &Path, kind: Kind, title: &str, now: &Now) -> Result<PathBuf, Refusal> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Refusal::Usage(Diagnostic::error("标题是空的。").with_hint(
            "把标题写在引号里：`bulletin new notice \"冬季防火提醒\"`。",
        )));
    }
    let today = today(root, now)?;
    let place = plan(root, kind, title, &today, |slug| {
        taken_hint(kind, title, slug, &today)
    })?;
    place.create(skeleton(kind, title, &today).as_bytes())?;
    Ok(place.path())
}

/// Today's date in the site's time zone at `now`, as `2026-09-25`; reading `site.yaml`
/// also makes sure `root` is a site.
pub fn today(root: &Path, now: &Now) -> Result<String, Refusal> {
    let config = config::load(root).map_err(|d| {
        Refusal::Site(
            d.into_iter()
                .next()
                .unwrap_or_else(|| Diagnostic::error("无法读取 `site.yaml`。")),
        )
    })?;
    Ok(now
        .resolve(&config)
        .map_err(Refusal::Usage)?
        .to_zoned(config.timezone.clone())
        .date()
        .to_string())
}

/// Where a new page of a kind goes: `content/<section>/<name>.md`.
#[derive(Debug, Clone)]
pub struct Place {
    pub folder: PathBuf,
    /// `2026-09-20-dongji-fanghuo.md` for dated kinds, else `<slug>.md`.
    pub name: String,
    /// The address name: `dongji-fanghuo`.
    pub slug: String,
    /// `content/<section>/<name>`, for messages.
    pub rel: String,
}

/// The new page's file name and folder (a dated kind's name starts with `date`), refused
/// when the title makes no file name or another page already has its address; `taken`
/// gives the hint then, from the address name, in the words of the command that asked.
pub fn plan(
    root: &Path,
    kind: Kind,
    title: &str,
    date: &str,
    taken: impl FnOnce(&str) -> String,
) -> Result<Place, Refusal> {
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return Err(Refusal::Usage(
            Diagnostic::error(format!("无法用标题 `{title}` 生成文件名。"))
                .with_hint("标题里要有汉字、字母或数字。"),
        ));
    }
    let name = if kind.is_dated() {
        format!("{date}-{slug}.md")
    } else {
        format!("{slug}.md")
    };
    let folder = root.join("content").join(kind.section());
    let rel = format!("content/{}/{name}", kind.section());
    if let Some(other) = same_address(&folder, &slug) {
        return Err(Refusal::Site(
            Diagnostic::error(format!(
                "`content/{}/{other}` 已经在用网址 `{}/{slug}.html`。",
                kind.section(),
                kind.section()
            ))
            .in_file(&rel)
            .with_hint(taken(&slug)),
        ));
    }
    Ok(Place {
        folder,
        name,
        slug,
        rel,
    })
}

impl Place {
    pub fn path(&self) -> PathBuf {
        self.folder.join(&self.name)
    }

    /// Write the page's file; never over an existing one.
    pub fn create(&self, bytes: &[u8]) -> Result<(), Refusal> {
        create_new(&self.folder, &self.name, &self.rel, bytes)
    }
}

/// Write `folder/name` (`rel` in messages), refusing when it exists, even if the file
/// appeared since anyone looked.
pub fn create_new(folder: &Path, name: &str, rel: &str, bytes: &[u8]) -> Result<(), Refusal> {
    let cannot = |e: std::io::Error| {
        Refusal::Site(Diagnostic::error(format!("无法写入这个文件：{e}")).in_file(rel))
    };
    std::fs::create_dir_all(folder).map_err(cannot)?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(folder.join(name))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Refusal::Site(
                Diagnostic::error("这个文件已经存在：bulletin 从不覆盖已有的文件。")
                    .in_file(rel)
                    .with_hint("去修改那个文件，或者换一个标题。"),
            ),
            _ => cannot(e),
        })?;
    file.write_all(bytes).map_err(cannot)
}

/// A file of `folder` whose page would have the address `slug` (its name without a date).
fn same_address(folder: &Path, slug: &str) -> Option<String> {
    let entries = std::fs::read_dir(folder).ok()?;
    entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| {
            name.strip_suffix(".md")
                .map(|stem| slug::strip_date_prefix(stem).1.eq_ignore_ascii_case(slug))
                .unwrap_or(false)
        })
}

/// What to do when the new page's address is taken. For notices and stories it is mostly
/// the same title again (this month's 停水通知 after last month's): a date in the title or
/// a `slug:` sets them apart.
fn taken_hint(kind: Kind, title: &str, slug: &str, today: &str) -> String {
    if !kind.is_dated() {
        return "去修改那个文件，或者给新页面换一个标题。".to_owned();
    }
    let month = today.get(5..7).unwrap_or_default().trim_start_matches('0');
    let year_month = today.get(..7).unwrap_or_default();
    format!("同样的标题每次都用（比如每月的停水通知）时，网址会和上一次的撞上：在标题里加上日期，例如 `\"{title}（{month}月）\"`；或者建好以后，在它的信息栏里加一行 `slug: {slug}-{year_month}`。")
}
