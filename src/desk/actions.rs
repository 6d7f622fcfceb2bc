//! The desk's changes: save a page (new or edited), the one-click actions on a notice,
//! delete to the trash and restore. Each refuses to overwrite a file that changed since the
//! form was made, writes atomically, and is logged.

use super::compose::{self, page_path, Composed};
use super::form::Submitted;
use super::frontmatter::{Document, Yaml};
use super::http::Outcome;
use super::views::form_again;
use super::{photo, store, Desk, PREFIX};
use crate::schema::{keys, Kind, PAGE_FIELDS};
use axum::http::StatusCode;

fn time(desk: &Desk) -> String {
    compose::today(&desk.root, &desk.now)
        .map_or_else(|_| String::new(), |(d, t)| format!("{d} {t}"))
}

pub(super) fn log_change(desk: &Desk, action: &str, rel: &str) {
    if let Err(e) = store::log(&desk.root, &time(desk), action, rel) {
        eprintln!("警告：无法写入编辑记录 .bulletin/desk.log：{e}");
    }
}

fn edit_address(path: &str) -> String {
    let encoded: Vec<String> = path
        .split('/')
        .map(|part| form_urlencoded::byte_serialize(part.as_bytes()).collect())
        .collect();
    format!("{PREFIX}edit/{}", encoded.join("/"))
}

/// A page path the desk cannot have sent: a stale or forged form.
fn misplaced(desk: &Desk) -> Outcome {
    refused(
        desk,
        StatusCode::BAD_REQUEST,
        "这个页面的位置不对",
        "请回到编辑台首页再试。",
    )
}

/// Back to the overview, which says what was done.
fn to_overview(done: &str) -> Outcome {
    Outcome::Redirect(format!(
        "{PREFIX}?done={}",
        form_urlencoded::byte_serialize(done.as_bytes()).collect::<String>()
    ))
}

fn refused(desk: &Desk, status: StatusCode, title: &str, text: &str) -> Outcome {
    Outcome::Page(status, super::views::message(desk, title, text))
}

/// The page in its file, and whether the file still is what the form was made from.
fn unchanged_since(desk: &Desk, path: &str, base: &str) -> Result<bool, Outcome> {
    let current = store::current(&desk.root.join("content").join(path)).map_err(|e| {
        refused(
            desk,
            StatusCode::INTERNAL_SERVER_ERROR,
            "无法读取这个页面",
            &e.to_string(),
        )
    })?;
    Ok(current == base)
}

/// A refusal when the page at `path` changed since the overview showed it: `what` says
/// what was not done.
fn changed_since(desk: &Desk, path: &str, form: &Submitted, what: &str) -> Option<Outcome> {
    match unchanged_since(desk, path, &form.text("_base")) {
        Ok(true) => None,
        Ok(false) => Some(refused(
            desk,
            StatusCode::CONFLICT,
            "这个页面刚被改过",
            &format!("为了不覆盖别人的修改，{what}：请回到编辑台首页，看过最新的内容后再操作。"),
        )),
        Err(o) => Some(o),
    }
}

/// The composed page with `changes` made to its fields.
fn with_fields(text: &str, changes: &[(&str, Yaml)]) -> String {
    match Document::parse(text) {
        Some(doc) => doc.edit(changes, &keys(PAGE_FIELDS), None),
        None => text.to_owned(),
    }
}

fn is_draft(text: &str) -> bool {
    Document::parse(text).and_then(|d| d.value("draft")) == Some(serde_yaml::Value::Bool(true))
}

/// `POST /_desk/save`.
pub fn save(desk: &Desk, form: &Submitted) -> Outcome {
    let base = form.text("_base");
    let composed = match form.get("_raw") {
        // The file's text as typed: a file whose fields the form cannot show, or the staff's
        // own version kept after seeing both.
        Some(raw) => match page_path(&form.text("_path")) {
            Some((kind, path)) => Composed::existing(kind, path, raw.replace("\r\n", "\n")),
            None => return misplaced(desk),
        },
        None => match compose::compose(&desk.root, &desk.now, form) {
            Ok(c) => c,
            Err(d) => {
                let text = d
                    .hint
                    .clone()
                    .map_or(d.message.clone(), |h| format!("{} {h}", d.message));
                return refused(desk, StatusCode::UNPROCESSABLE_ENTITY, "无法保存", &text);
            }
        },
    };
    let mut composed = composed;
    if !composed.new {
        match unchanged_since(desk, &composed.path, &base) {
            Ok(true) => {}
            Ok(false) => return conflict(desk, &composed),
            Err(o) => return o,
        }
    }
    if form.get("_as_draft").is_some() {
        composed.text = with_fields(&composed.text, &[("draft", Yaml::Scalar("true".into()))]);
    }
    if let Some(d) = &composed.unplaced {
        let checked = compose::check(&desk.root, &desk.now, &composed);
        let why = d
            .hint
            .clone()
            .map_or(d.message.clone(), |h| format!("{} {h}", d.message));
        return Outcome::Page(
            StatusCode::UNPROCESSABLE_ENTITY,
            form_again(desk, &composed, &base, Some(&checked), &why),
        );
    }
    let photo = match form.files.iter().find(|f| f.name == "image:upload") {
        Some(upload) => match add_photo(desk, &mut composed, form, &upload.bytes) {
            Ok(p) => Some(p),
            Err(why) => {
                return Outcome::Page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form_again(desk, &composed, &base, None, &why),
                )
            }
        },
        None => None,
    };
    let checked = compose::check(&desk.root, &desk.now, &composed);
    if checked.errors() > 0 && !is_draft(&composed.text) && form.get("_raw").is_none() {
        if let Some(p) = &photo {
            let _ = std::fs::remove_file(p);
        }
        let why = format!("页面还有 {} 个错误，还不能发布：请按红色的提示改好；或者点“存为草稿”先保存，改好后再发布。", checked.errors());
        return Outcome::Page(
            StatusCode::UNPROCESSABLE_ENTITY,
            form_again(desk, &composed, &base, Some(&checked), &why),
        );
    }
    let file = desk.root.join("content").join(&composed.path);
    let written = if composed.new {
        store::create(&file, composed.text.as_bytes())
    } else {
        store::replace(&file, composed.text.as_bytes())
    };
    if let Err(e) = written {
        let why = format!("无法保存这个文件：{e}。你写的内容还在下面，没有丢。");
        return Outcome::Page(
            StatusCode::INTERNAL_SERVER_ERROR,
            form_again(desk, &composed, &base, Some(&checked), &why),
        );
    }
    let rel = format!("content/{}", composed.path);
    log_change(desk, if composed.new { "新建" } else { "保存" }, &rel);
    Outcome::Redirect(format!("{}?saved=1", edit_address(&composed.path)))
}

/// Save an uploaded photo beside the page and name it in `image:`; the description is
/// required. Returns the photo's file.
fn add_photo(
    desk: &Desk,
    composed: &mut Composed,
    form: &Submitted,
    bytes: &[u8],
) -> Result<std::path::PathBuf, String> {
    if !matches!(composed.kind, Kind::Story | Kind::Page) {
        return Err("只有警民故事和其他页面可以上传照片。".to_owned());
    }
    if form.text("image_alt").is_empty() {
        return Err("请先在“配图说明”里写一句话说明照片上是什么（给看不见图片的读者），再保存。照片还没有保存：写好说明后请重新选择照片。".to_owned());
    }
    let jpeg = photo::prepare(bytes)?;
    let page = desk.root.join("content").join(&composed.path);
    let folder = page
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let stem = page
        .file_stem()
        .map_or_else(|| "photo".to_owned(), |s| s.to_string_lossy().into_owned());
    let (name, file) = (1..)
        .map(|n| {
            if n == 1 {
                format!("{stem}.jpg")
            } else {
                format!("{stem}-{n}.jpg")
            }
        })
        .map(|name| (name.clone(), folder.join(name)))
        .find(|(_, f)| !f.exists())
        .unwrap_or_else(|| ("photo.jpg".to_owned(), folder.join("photo.jpg")));
    store::create(&file, &jpeg).map_err(|e| format!("照片无法保存：{e}"))?;
    composed.text = with_fields(
        &composed.text,
        &[(
            "image",
            Yaml::Scalar(super::frontmatter::scalar(&name, false)),
        )],
    );
    Ok(file)
}

/// Both versions, when the file changed since the form was made.
fn conflict(desk: &Desk, composed: &Composed) -> Outcome {
    let file = desk.root.join("content").join(&composed.path);
    let disk = std::fs::read(&file).unwrap_or_default();
    let mut c = tera::Context::new();
    c.insert("title", "这个页面刚被改过");
    c.insert("token", &desk.token);
    c.insert("prefix", PREFIX);
    c.insert("path", &composed.path);
    c.insert("edit", &edit_address(&composed.path));
    let disk_text = String::from_utf8_lossy(&disk).into_owned();
    c.insert("only_disk", &lines_not_in(&disk_text, &composed.text));
    c.insert("only_mine", &lines_not_in(&composed.text, &disk_text));
    c.insert("disk", &disk_text);
    c.insert("mine", &composed.text);
    c.insert("base", &store::fingerprint(&disk));
    Outcome::Page(StatusCode::CONFLICT, desk.render("conflict.html", &c))
}

/// The lines of `a` that `b` does not have (as many times as `a` has them more), in order:
/// what differs between two versions, shown above them.
fn lines_not_in(a: &str, b: &str) -> Vec<String> {
    let mut left: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for line in b.lines() {
        *left.entry(line).or_default() += 1;
    }
    a.lines()
        .filter(|line| match left.get_mut(line) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => !line.trim().is_empty(),
        })
        .map(str::to_owned)
        .collect()
}

/// `POST /_desk/act`: a one-click change to a notice's fields.
pub fn act(desk: &Desk, form: &Submitted) -> Outcome {
    let Some((kind, path)) = page_path(&form.text("_path")) else {
        return misplaced(desk);
    };
    let now = time(desk);
    let (key, value, done) = match form.text("action").as_str() {
        "pin" => ("pinned", "true", "已置顶"),
        "unpin" => ("pinned", "false", "已取消置顶"),
        "urgent" => ("urgent", "true", "已设为紧急"),
        "calm" => ("urgent", "false", "已取消紧急"),
        "expire" => ("expires", now.as_str(), "已下线"),
        "draft" => ("draft", "true", "已转为草稿"),
        "publish" => ("draft", "false", "已发布"),
        _ => {
            return refused(
                desk,
                StatusCode::BAD_REQUEST,
                "没有这个操作",
                "请回到编辑台首页再试。",
            )
        }
    };
    if !crate::schema::find(PAGE_FIELDS, key).is_some_and(|f| f.applies_to(kind)) {
        return refused(
            desk,
            StatusCode::BAD_REQUEST,
            "这种页面不能这样操作",
            "置顶、紧急和下线只用于通知。",
        );
    }
    if let Some(refusal) = changed_since(desk, &path, form, "这次操作没有执行") {
        return refusal;
    }
    let file = desk.root.join("content").join(&path);
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let text = with_fields(&text, &[(key, Yaml::Scalar(value.to_owned()))]);
    let composed = Composed::existing(kind, path.clone(), text);
    if key == "draft" && value == "false" {
        let checked = compose::check(&desk.root, &desk.now, &composed);
        if checked.errors() > 0 {
            return refused(
                desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                "还不能发布",
                &format!(
                    "这个页面还有 {} 个错误：请打开它，按红色的提示改好后再发布。",
                    checked.errors()
                ),
            );
        }
    }
    if let Err(e) = store::replace(&file, composed.text.as_bytes()) {
        return refused(
            desk,
            StatusCode::INTERNAL_SERVER_ERROR,
            "无法保存这个文件",
            &e.to_string(),
        );
    }
    log_change(desk, done, &format!("content/{path}"));
    to_overview(done)
}

/// `POST /_desk/delete`: the page goes to `.bulletin/trash/`.
pub fn delete(desk: &Desk, form: &Submitted) -> Outcome {
    let Some((_, path)) = page_path(&form.text("_path")) else {
        return misplaced(desk);
    };
    if let Some(refusal) = changed_since(desk, &path, form, "这次没有删除") {
        return refusal;
    }
    let stamp: String = time(desk).chars().filter(char::is_ascii_digit).collect();
    let id = (1..)
        .map(|n| format!("{stamp}-{n}"))
        .find(|id| {
            !desk
                .root
                .join(store::FOLDER)
                .join("trash")
                .join(id)
                .exists()
        })
        .unwrap_or(stamp);
    let rel = format!("content/{path}");
    if let Err(e) = store::move_to_trash(&desk.root, &rel, &id) {
        return refused(
            desk,
            StatusCode::INTERNAL_SERVER_ERROR,
            "无法删除这个页面",
            &e.to_string(),
        );
    }
    log_change(desk, "删除", &rel);
    to_overview("已删除，可以在回收站里恢复")
}

/// `POST /_desk/restore`: a page back from the trash.
pub fn restore(desk: &Desk, form: &Submitted) -> Outcome {
    let (id, rel) = (form.text("_id"), form.text("_rel"));
    let Some(item) = store::trashed(&desk.root)
        .into_iter()
        .find(|t| t.id == id && t.rel == rel)
    else {
        return refused(
            desk,
            StatusCode::NOT_FOUND,
            "回收站里没有这个页面",
            "可能已经恢复了：回到编辑台首页看看。",
        );
    };
    if let Err(e) = store::restore(&desk.root, &item) {
        let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "原来的位置已经有一个同名的文件了：请先把那个文件改名或删除，再恢复。".to_owned()
        } else {
            e.to_string()
        };
        return refused(desk, StatusCode::CONFLICT, "无法恢复", &why);
    }
    log_change(desk, "恢复", &rel);
    let path = rel.strip_prefix("content/").unwrap_or(&rel);
    Outcome::Redirect(format!("{}?restored=1", edit_address(path)))
}
