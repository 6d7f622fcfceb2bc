//! From a submitted form to the page's new text, and what `check` says of that text: the
//! desk's preview and its saves take the same path, so what staff saw is what is saved.

use super::form::{self, Submitted};
use super::frontmatter::Document;
use crate::diagnostics::{Diagnostic, Position};
use crate::load::walk::{ContentEntry, SourceKind};
use crate::model::skeleton::skeleton;
use crate::pipeline::{Draft, Now, Options, Pipeline};
use crate::schema::{keys, Kind, PAGE_FIELDS};
use std::path::Path;

/// A page's path under `content/` as a client names it (`notices/a.md`), when it is one:
/// a Markdown file in a section's folder, every part a plain name. Nothing else a client
/// sends is ever joined to a folder.
pub fn page_path(text: &str) -> Option<(Kind, String)> {
    let parts: Vec<&str> = text.split('/').collect();
    let plain = |p: &&str| {
        !p.is_empty()
            && !p.starts_with('.')
            && !p.contains(['\\', ':', '\0'])
            && !p.chars().any(char::is_control)
    };
    if parts.len() < 2 || !parts.iter().all(plain) {
        return None;
    }
    let name = parts.last()?;
    if !name.ends_with(".md") || *name == "_index.md" {
        return None;
    }
    Some((Kind::from_section(parts[0])?, text.to_owned()))
}

/// A page as the form would make it.
pub struct Composed {
    pub kind: Kind,
    /// `notices/a.md`; for a new page, the name it will get.
    pub path: String,
    pub text: String,
    /// Whether the page is new (no file yet).
    pub new: bool,
    /// Why a new page cannot be saved under its title (none makes a file name, or another
    /// page has its address), said at the title's line.
    pub unplaced: Option<Diagnostic>,
}

impl Composed {
    /// The text of the existing page at `path` (as it is, or as a change makes it).
    pub fn existing(kind: Kind, path: String, text: String) -> Self {
        Composed {
            kind,
            path,
            text,
            new: false,
            unplaced: None,
        }
    }
}

/// Today's date in the site's time zone, and the time, as `2026-12-03` and `17:05`.
pub fn today(root: &Path, now: &Now) -> Result<(String, String), Diagnostic> {
    let config = crate::config::load(root).map_err(|d| {
        d.into_iter()
            .next()
            .unwrap_or_else(|| Diagnostic::error("无法读取 `site.yaml`。"))
    })?;
    let at = now.resolve(&config)?.to_zoned(config.timezone.clone());
    Ok((
        at.date().to_string(),
        at.time().strftime("%H:%M").to_string(),
    ))
}

/// The page `form` describes: the file named by `_path` edited, or a new page of `_kind`
/// started as `bulletin new` starts one.
pub fn compose(root: &Path, now: &Now, form: &Submitted) -> Result<Composed, Diagnostic> {
    let mut unplaced = None;
    let (kind, path, original, new) = match form.get("_path").filter(|p| !p.is_empty()) {
        Some(p) => {
            let (kind, path) =
                page_path(p).ok_or_else(|| Diagnostic::error("这个页面的位置不对。"))?;
            let text = std::fs::read_to_string(root.join("content").join(&path)).map_err(|e| {
                Diagnostic::error(format!("无法读取这个页面：{e}"))
                    .in_file(format!("content/{path}"))
            })?;
            (kind, path, text, false)
        }
        None => {
            let kind = Kind::ALL
                .into_iter()
                .find(|k| Some(k.as_str()) == form.get("_kind"))
                .ok_or_else(|| Diagnostic::error("不知道要新建哪种页面。"))?;
            let (day, _) = today(root, now)?;
            let title = form.text("title");
            let planned = new_path(root, kind, &title, &form.text("date"), &day);
            let path = match &planned {
                Ok(p) => p.clone(),
                // Checked and shown under a stand-in name, so the rest is checked too.
                Err(_) => format!("{}/new.md", kind.section()),
            };
            // An empty title is named by the check of the page itself.
            unplaced = planned.err().filter(|_| !title.is_empty());
            (kind, path, skeleton(kind, &title, &day), true)
        }
    };
    let doc = Document::parse(&original)
        .ok_or_else(|| Diagnostic::error("信息栏没有结束的 `---`：请在下面直接修改文件。"))?;
    let changes = form::changes(kind, |k| doc.value(k), form);
    let body = form.get("body").map(|b| b.replace("\r\n", "\n"));
    let body = body.filter(|b| *b != doc.body().replace("\r\n", "\n"));
    let text = doc.edit(&changes, &keys(PAGE_FIELDS), body.as_deref());
    let title_line = Document::parse(&text)
        .and_then(|d| d.lines_of("title"))
        .map_or(1, |r| r.start);
    let unplaced = unplaced.map(|d: Diagnostic| {
        d.in_file(format!("content/{path}")).at(Position {
            line: title_line,
            column: 1,
        })
    });
    Ok(Composed {
        kind,
        path,
        text,
        new,
        unplaced,
    })
}

/// The name a new page gets, by the rules of `bulletin new`.
fn new_path(
    root: &Path,
    kind: Kind,
    title: &str,
    date: &str,
    today: &str,
) -> Result<String, Diagnostic> {
    let day = date.get(..10).filter(|d| d.len() == 10).unwrap_or(today);
    let hint = |_: &str| "换一个标题，或者去修改已有的那个页面。".to_owned();
    crate::new::plan(root, kind, title, day, hint)
        .map(|place| format!("{}/{}", kind.section(), place.name))
        .map_err(|r| match r {
            crate::new::Refusal::Usage(d) | crate::new::Refusal::Site(d) => d,
        })
}

/// What `check` says of a composed page, and the page as residents will see it.
pub struct Checked {
    /// The findings in the page's own file.
    pub own: Vec<Diagnostic>,
    /// How many errors other files have (the site is not rebuilt while they do).
    pub other_errors: usize,
    pub html: Option<Vec<u8>>,
    /// Where the page is published (`notices/a.html`).
    pub output: Option<String>,
    /// The site as read with the page, drafts included: the form lists its pages.
    pub site: Option<crate::model::Site>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.own.iter().filter(|d| d.is_error()).count()
    }
}

/// Read the site with `composed` in place of its file, as `check --drafts` would, and render
/// the page.
pub fn check(root: &Path, now: &Now, composed: &Composed) -> Checked {
    let rel = format!("content/{}", composed.path);
    let entry = ContentEntry {
        kind: SourceKind::Page(composed.kind),
        rel_path: rel.clone(),
        abs_path: root.join(&rel),
    };
    let options = Options {
        root: root.to_owned(),
        now: now.clone(),
        drafts: true,
    };
    let draft = Draft {
        entry,
        text: composed.text.clone(),
    };
    let mut pipeline = Pipeline::with_draft(options, draft);
    pipeline.load();
    let (site, theme, mut diags) = pipeline.finish();
    let mut html = None;
    let mut output = None;
    if let Some(site) = &site {
        diags.extend(crate::check::staff_warnings(site));
        if let (Some(theme), Some(page)) = (&theme, site.page_by_content_path(&composed.path)) {
            output = Some(page.path.clone());
            let (page_html, render_diags) =
                crate::render::preview::page(site, theme, &composed.path);
            html = page_html;
            diags.extend(render_diags.into_iter().filter(|d| is_in(d, &rel)));
        }
    }
    diags.extend(composed.unplaced.clone());
    let (own, other): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diags.sorted().into_iter().partition(|d| is_in(d, &rel));
    Checked {
        own,
        other_errors: other.iter().filter(|d| d.is_error()).count(),
        html,
        output,
        site,
    }
}

fn is_in(d: &Diagnostic, rel: &str) -> bool {
    d.file.as_deref().is_some_and(|f| f.ends_with(rel))
}

/// The field a finding is about, from its line: a key of the front matter or `body`.
pub fn field_of(doc: &Document, d: &Diagnostic) -> Option<&'static str> {
    let line = d.position?.line;
    if line >= doc.body_line() {
        return Some("body");
    }
    keys(PAGE_FIELDS)
        .into_iter()
        .find(|k| doc.lines_of(k).is_some_and(|r| r.contains(&line)))
}
