//! What the desk's pages show: the overview of every page with its state and findings, the
//! form of a page drawn from the field table with its findings at the fields, and the
//! preview. Each is made from the site as the pipeline reads it, never from a second model.

use super::compose::{self, Checked, Composed};
use super::form::{self, control, shown, Control, Shown, Submitted};
use super::frontmatter::Document;
use super::{store, Desk, PREFIX};
use crate::diagnostics::Diagnostic;
use crate::model::{Page, Site, Status};
use crate::pipeline::{load_site, Options};
use crate::schema::Kind;
use serde::Serialize;
use serde_json::{json, Value};
use std::path::Path;

/// A line shown at the top of a page after an action.
pub enum Notice {
    Done(String),
}

fn context(desk: &Desk, title: &str) -> tera::Context {
    let mut c = tera::Context::new();
    c.insert("title", title);
    c.insert("token", &desk.token);
    c.insert("prefix", PREFIX);
    c
}

pub fn message(desk: &Desk, title: &str, text: &str) -> String {
    let mut c = context(desk, title);
    c.insert("text", text);
    desk.render("message.html", &c)
}

pub fn login(desk: &Desk, problem: Option<&str>) -> String {
    let mut c = context(desk, "登录编辑台");
    c.insert("problem", &problem);
    desk.render("login.html", &c)
}

fn options(desk: &Desk) -> Options {
    Options {
        root: desk.root.clone(),
        now: desk.now.clone(),
        drafts: true,
    }
}

/// A finding as the desk shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub error: bool,
    pub line: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The field it is about (`title`, `body`), when its line tells.
    pub field: Option<&'static str>,
}

/// A message in the desk's words: a field is named by its label (“标题”), not its key, and
/// a value is shown without the `key: ` a file needs.
fn desk_words(text: &str) -> String {
    let mut out = text.to_owned();
    for f in crate::schema::PAGE_FIELDS {
        out = out
            .replace(&format!("`{}: ", f.key), "`")
            .replace(&format!("`{}`", f.key), &format!("“{}”", f.label))
            .replace(&format!("填 {}", f.key), &format!("填“{}”", f.label));
    }
    // What is left in backticks is a value to type: quoted as Chinese text quotes it.
    let mut open = false;
    out.chars()
        .map(|c| match c {
            '`' => {
                open = !open;
                if open {
                    '“'
                } else {
                    '”'
                }
            }
            c => c,
        })
        .collect()
}

/// A field's note as the form shows it: the table's note speaks of the file (`写 true`, a
/// list in brackets); the form has a box to tick and rows to fill.
fn desk_note(field: &crate::schema::Field, control: Control) -> String {
    if control == Control::Pages {
        return "勾选和这一页有关的页面：居民会在页面底部看到它们。".to_owned();
    }
    let mut note = field.note.to_owned();
    if let Some(i) = note.find("，如 [") {
        note.truncate(i);
    }
    note = desk_words(
        &note
            .replace("写 true 就", "勾选就")
            .replace("写 true", "勾选"),
    );
    if control == Control::Paths {
        note.push_str("；每行写一个");
    }
    note
}

fn finding(d: &Diagnostic, doc: Option<&Document>) -> Finding {
    Finding {
        error: d.is_error(),
        line: d.position.map(|p| p.line),
        message: desk_words(&d.message),
        hint: d.hint.as_deref().map(desk_words),
        field: doc.and_then(|doc| compose::field_of(doc, d)),
    }
}

fn states(page: &Page) -> Vec<(&'static str, &'static str)> {
    let mut out = vec![match page.status {
        Status::Draft => ("草稿", "draft"),
        Status::Scheduled => ("定时发布", "scheduled"),
        Status::Current => ("有效", "current"),
        Status::Expired => ("已过期", "expired"),
    }];
    // An expired notice is neither pinned nor urgent any more, whatever its fields say.
    if page.status != Status::Expired {
        if page.pinned {
            out.push(("置顶", "pinned"));
        }
        if page.urgent {
            out.push(("紧急", "urgent"));
        }
    }
    out
}

/// When a file last changed, in the site's time zone: `2026-12-03 17:05`.
fn changed(site: &Site, path: &Path) -> String {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    modified
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .map(|t| {
            t.to_zoned(site.config.timezone.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// `/_desk/`: every page by kind with its state and findings; pages in the trash.
pub fn overview(desk: &Desk, notice: Option<Notice>) -> String {
    // The site as it is built: a draft's mistakes are warnings there, and the count of
    // errors is what keeps the site from updating.
    let built = Options {
        drafts: false,
        ..options(desk)
    };
    let (site, diags) = crate::check::findings(&built);
    let mut c = context(desk, "编辑台");
    let diags = diags.sorted();
    let of_file = |rel: &str| -> Vec<Finding> {
        (diags.iter())
            .filter(|d| d.file.as_deref().is_some_and(|f| f.ends_with(rel)))
            .map(|d| finding(d, None))
            .collect()
    };
    let mut kinds = Vec::new();
    let mut listed = std::collections::HashSet::new();
    for kind in Kind::ALL {
        let mut pages: Vec<&Page> = (site.iter())
            .flat_map(|s| s.pages.iter().chain(&s.held_back))
            .filter(|p| p.kind == kind)
            .collect();
        pages.sort_by_key(|p| std::cmp::Reverse(p.sort_time()));
        let rows: Vec<Value> = pages
            .iter()
            .map(|p| {
                listed.insert(p.source.rel_path.clone());
                let site = site.as_ref().map(|s| changed(s, &desk.root.join(&p.source.rel_path)));
                json!({
                    "title": p.title,
                    "path": p.source.content_path(),
                    "base": store::current(&desk.root.join(&p.source.rel_path)).unwrap_or_default(),
                    "states": states(p).iter().map(|(l, c)| json!({"label": l, "class": c})).collect::<Vec<_>>(),
                    "date": p.date.as_ref().map(|d| d.iso_date()).unwrap_or_default(),
                    "changed": site.unwrap_or_default(),
                    "pinned": p.pinned,
                    "urgent": p.urgent,
                    "draft": p.status == Status::Draft,
                    "current": p.status == Status::Current,
                    "findings": of_file(&p.source.rel_path),
                })
            })
            .collect();
        kinds.push(json!({"kind": kind.as_str(), "label": kind.label(), "pages": rows}));
    }
    // Files with mistakes that kept them from being read as pages.
    let mut broken: Vec<Value> = Vec::new();
    for d in &diags {
        let Some(file) = d
            .file
            .as_deref()
            .map(|f| f.to_string_lossy().replace('\\', "/"))
        else {
            continue;
        };
        let Some(path) = file.rsplit_once("content/").map(|(_, p)| p.to_owned()) else {
            continue;
        };
        let rel = format!("content/{path}");
        if listed.insert(rel.clone()) && compose::page_path(&path).is_some() {
            broken.push(json!({"path": path, "findings": of_file(&rel)}));
        }
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    c.insert("kinds", &kinds);
    c.insert("broken", &broken);
    c.insert("errors", &errors);
    c.insert("trash", &store::trashed(&desk.root));
    c.insert("done", &notice.map(|Notice::Done(what)| what));
    desk.render("overview.html", &c)
}

/// A field as its form control shows it.
#[derive(Debug, Serialize)]
struct FieldView {
    key: &'static str,
    label: &'static str,
    note: String,
    control: Control,
    required: bool,
    advanced: bool,
    value: String,
    time: String,
    checked: bool,
    items: Vec<String>,
    rows: Vec<form::Material>,
    choices: Vec<Value>,
    findings: Vec<Finding>,
}

/// Fields staff rarely need, folded under 更多设置.
const ADVANCED: [&str; 5] = ["slug", "aliases", "extra", "weight", "updated"];

fn field_view(
    f: &'static crate::schema::Field,
    kind: Kind,
    doc: &Document,
    site: Option<&Site>,
    path: &str,
) -> FieldView {
    let mut v = FieldView {
        key: f.key,
        label: f.label,
        note: desk_note(f, control(f)),
        control: control(f),
        required: f.is_required(kind),
        advanced: ADVANCED.contains(&f.key) || !f.in_new_page(kind),
        value: String::new(),
        time: String::new(),
        checked: false,
        items: Vec::new(),
        rows: Vec::new(),
        choices: Vec::new(),
        findings: Vec::new(),
    };
    match shown(f, doc.value(f.key).as_ref()) {
        Shown::Flag(b) => v.checked = b,
        Shown::Rows(rows) => v.rows = rows,
        Shown::Items(items) => {
            v.value = match v.control {
                Control::Tags => items.join("、"),
                _ => items.join("\n"),
            };
            v.items = items;
        }
        Shown::Text(t) => match t.split_once(' ') {
            Some((day, time)) if v.control == Control::Date => {
                v.value = day.to_owned();
                v.time = time.to_owned();
            }
            _ => v.value = t,
        },
    }
    let pages = site
        .into_iter()
        .flat_map(|s| s.pages.iter().chain(&s.held_back));
    match v.control {
        Control::Pages => {
            v.choices = pages
                .filter(|p| p.source.content_path() != path)
                .map(|p| {
                    let cp = p.source.content_path();
                    json!({"value": cp, "label": p.title, "group": p.kind.label(), "selected": v.items.iter().any(|i| i == cp)})
                })
                .collect();
        }
        Control::Select => {
            let mut names: Vec<String> = pages
                .filter(|p| p.kind == kind)
                .filter_map(|p| p.category.clone())
                .collect();
            names.push(v.value.clone());
            names.retain(|n| !n.is_empty());
            names.sort();
            names.dedup();
            v.choices = names
                .into_iter()
                .map(|n| json!({"value": n, "label": n, "selected": n == v.value}))
                .collect();
        }
        _ => {}
    }
    v
}

/// What a form page says at its top.
#[derive(Debug, Clone, Copy)]
enum Said<'a> {
    Nothing,
    /// An action went through (`已保存`).
    Done(&'a str),
    /// A save was refused: why, and that nothing was written.
    NotSaved(&'a str),
}

/// The form of a page whose file text is `text`, with what `check` found.
fn form_page(
    desk: &Desk,
    kind: Kind,
    path: &str,
    text: &str,
    base: &str,
    checked: Option<&Checked>,
    said: Said,
) -> String {
    // The site the check read, when there was one; a new page's would list the page
    // among the pages it may relate to.
    let checked_site = checked
        .and_then(|c| c.site.as_ref())
        .filter(|_| !path.is_empty());
    let loaded = match checked_site {
        Some(_) => None,
        None => load_site(&options(desk)).0,
    };
    let site = checked_site.or(loaded.as_ref());
    let mut c = context(desk, "编辑台");
    let Some(doc) = Document::parse(text) else {
        c.insert("raw", text);
        c.insert("path", path);
        c.insert("base", base);
        c.insert("kind", kind.as_str());
        c.insert("kind_label", kind.label());
        c.insert("heading", &format!("修改 {path}"));
        c.insert("fields", &Vec::<Value>::new());
        c.insert("general", &vec![json!({"error": true, "message": "这个文件的信息栏没有结束的 `---`，表格显示不了：请在下面直接修改文件，加上第二行 `---`。"})]);
        return desk.render("form.html", &c);
    };
    let mut fields: Vec<FieldView> = form::fields(kind)
        .map(|f| field_view(f, kind, &doc, site, path))
        .collect();
    let mut general = Vec::new();
    let mut body_findings = Vec::new();
    for d in checked.map(|c| c.own.as_slice()).unwrap_or_default() {
        let f = finding(d, Some(&doc));
        match f.field {
            Some("body") => body_findings.push(f),
            Some(key) => match fields.iter_mut().find(|v| v.key == key) {
                Some(v) => v.findings.push(f),
                None => general.push(f),
            },
            None => general.push(f),
        }
    }
    for v in &mut fields {
        v.advanced &= v.findings.is_empty();
    }
    let title = doc
        .value("title")
        .and_then(|t| t.as_str().map(str::to_owned))
        .unwrap_or_default();
    let body = doc.body();
    c.insert(
        "heading",
        &if path.is_empty() {
            format!("新建{}", kind.label())
        } else {
            format!("修改：{title}")
        },
    );
    c.insert("kind", kind.as_str());
    c.insert("kind_label", kind.label());
    c.insert("path", path);
    c.insert("base", base);
    c.insert("fields", &fields);
    c.insert("body", &body);
    c.insert("body_findings", &body_findings);
    c.insert("general", &general);
    let (done, not_saved) = match said {
        Said::Done(what) => (Some(what), None),
        Said::NotSaved(why) => (None, Some(desk_words(why))),
        Said::Nothing => (None, None),
    };
    c.insert("notice", &done);
    c.insert("not_saved", &not_saved);
    c.insert("other_errors", &checked.map_or(0, |c| c.other_errors));
    c.insert(
        "preview",
        &checked.and_then(preview_html).unwrap_or_default(),
    );
    c.insert("output", &checked.and_then(|c| c.output.clone()));
    c.insert("is_notice", &(kind == Kind::Notice));
    c.insert("linked_from", &linked_from(site, path));
    c.insert("uploads", &matches!(kind, Kind::Story | Kind::Page));
    desk.render("form.html", &c)
}

/// The titles of the other pages that link to the page at `path` (by its file's or its
/// address's name): deleting it would break their links.
fn linked_from(site: Option<&Site>, path: &str) -> Vec<String> {
    let Some(stem) = path.rsplit('/').next().and_then(|n| n.strip_suffix(".md")) else {
        return Vec::new();
    };
    let slug = crate::model::slug::strip_date_prefix(stem).1;
    let names = [format!("{stem}.md"), format!("{slug}.html")];
    (site.into_iter())
        .flat_map(|s| s.pages.iter().chain(&s.held_back))
        .filter(|p| p.source.content_path() != path)
        .filter(|p| names.iter().any(|n| p.source.text.contains(n.as_str())))
        .map(|p| p.title.clone())
        .collect()
}

/// `/_desk/new/<kind>`: an empty page of the kind, as `bulletin new` would start it.
pub fn new_form(desk: &Desk, kind: Kind) -> String {
    let day = compose::today(&desk.root, &desk.now)
        .map(|(d, _)| d)
        .unwrap_or_default();
    let text = crate::model::skeleton::front_matter(
        kind,
        "",
        kind.is_dated().then_some(day.as_str()),
        &Default::default(),
    );
    form_page(desk, kind, "", &text, "", None, Said::Nothing)
}

/// `/_desk/edit/<path>`: the page's file in its form, checked.
pub fn edit_form(desk: &Desk, path: &str, done: Option<&str>) -> String {
    let Some((kind, _)) = compose::page_path(path) else {
        return message(desk, "没有这个页面", path);
    };
    let file = desk.root.join("content").join(path);
    let bytes = std::fs::read(&file).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let composed = Composed::existing(kind, path.to_owned(), text.clone());
    let checked = compose::check(&desk.root, &desk.now, &composed);
    form_page(
        desk,
        kind,
        path,
        &text,
        &store::fingerprint(&bytes),
        Some(&checked),
        done.map_or(Said::Nothing, Said::Done),
    )
}

/// The preview page with a `<base>` at its own address, so its links and styles resolve
/// inside the desk's frame as on the site.
fn preview_html(checked: &Checked) -> Option<String> {
    let html = String::from_utf8_lossy(checked.html.as_deref()?).into_owned();
    let output = checked.output.as_deref()?;
    let folder = output.rsplit_once('/').map_or("", |(f, _)| f);
    let base = if folder.is_empty() {
        "/".to_owned()
    } else {
        format!("/{folder}/")
    };
    Some(html.replacen("<head>", &format!("<head><base href=\"{base}\">"), 1))
}

/// `POST /_desk/preview`: the page as the form now describes it, and its findings.
pub fn preview(desk: &Desk, form: &Submitted) -> Value {
    let composed = match compose::compose(&desk.root, &desk.now, form) {
        Ok(c) => c,
        Err(d) => return json!({"html": "", "findings": [finding(&d, None)], "errors": 1}),
    };
    let checked = compose::check(&desk.root, &desk.now, &composed);
    let doc = Document::parse(&composed.text);
    let findings: Vec<Finding> = checked
        .own
        .iter()
        .map(|d| finding(d, doc.as_ref()))
        .collect();
    json!({
        "html": preview_html(&checked).unwrap_or_default(),
        "findings": findings,
        "errors": checked.errors(),
        "other_errors": checked.other_errors,
    })
}

/// What a page shows of an action's outcome: its result, or why it failed.
fn apart<T>(outcome: Option<Result<T, String>>) -> (Option<T>, Option<String>) {
    match outcome {
        Some(Ok(r)) => (Some(r), None),
        Some(Err(why)) => (None, Some(why)),
        None => (None, None),
    }
}

/// `/_desk/import`, with the result of an import when there was one.
pub fn import_page(desk: &Desk, result: Option<Result<Value, String>>) -> String {
    let mut c = context(desk, "从文件导入");
    let kinds: Vec<Value> = (Kind::ALL.iter())
        .map(|k| json!({"kind": k.as_str(), "label": k.label()}))
        .collect();
    c.insert("kinds", &kinds);
    let (result, problem) = apart(result);
    c.insert("result", &result);
    c.insert("problem", &problem);
    desk.render("import.html", &c)
}

/// `/_desk/publish`: the targets, a plan when one was asked for, the deploy's progress.
pub fn publish_page(
    desk: &Desk,
    planned: Option<Result<Vec<super::publish::Planned>, String>>,
) -> String {
    let mut c = context(desk, "发布网站");
    let targets: Vec<Value> = crate::config::load(&desk.root)
        .map(|config| {
            (config.deploy.iter())
                .map(|t| json!({"name": t.name, "url": t.url}))
                .collect()
        })
        .unwrap_or_default();
    c.insert("targets", &targets);
    let (plans, problem) = apart(planned);
    c.insert("yes", &plans.iter().flatten().any(|p| p.needs_yes));
    c.insert("plans", &plans);
    c.insert("problem", &problem);
    c.insert("job", &super::publish::status(&desk.publishing));
    desk.render("publish.html", &c)
}

/// The form shown again after a refused save, with the text staff sent.
pub(super) fn form_again(
    desk: &Desk,
    composed: &Composed,
    base: &str,
    checked: Option<&Checked>,
    why: &str,
) -> String {
    let path = if composed.new {
        ""
    } else {
        composed.path.as_str()
    };
    form_page(
        desk,
        composed.kind,
        path,
        &composed.text,
        base,
        checked,
        Said::NotSaved(why),
    )
}
