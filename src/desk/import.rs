//! The desk's 从文件导入 button: a Word or WPS document, a saved 公众号 article or a text
//! file, uploaded and turned into a draft page by the same converter as `bulletin import`
//! ([`crate::import`]); then staff review it in its form.

use super::form::Submitted;
use super::Desk;
use crate::import::{import_source, Source};
use crate::schema::Kind;
use serde_json::{json, Value};

/// Import the uploaded file: what the result page shows (the new page, what was converted
/// and what to look at), or why nothing was imported.
pub fn import(desk: &Desk, form: &Submitted) -> Result<Value, String> {
    let Some(upload) = form.files.iter().find(|f| f.name == "file") else {
        return Err("请先选择一个文件（Word 的 .docx、网页 .html、文本 .txt 或 .md）。".to_owned());
    };
    // Only the name's extension and the messages use what the browser calls the file.
    let name = upload
        .file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let kind = Kind::ALL
        .into_iter()
        .find(|k| Some(k.as_str()) == form.get("kind"));
    let source = Source {
        name,
        bytes: &upload.bytes,
        folder: None,
    };
    let imported = import_source(&desk.root, &source, kind, &desk.now).map_err(|r| match r {
        crate::new::Refusal::Usage(d) | crate::new::Refusal::Site(d) => match d.hint {
            Some(h) => format!("{} {h}", d.message),
            None => d.message,
        },
    })?;
    let rel = imported
        .path
        .strip_prefix(desk.root.join("content"))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    super::actions::log_change(desk, "导入", &format!("content/{rel}"));
    let mut look = imported.report.look;
    look.extend(later_date(desk, &imported.path));
    Ok(json!({
        "path": rel,
        "kind": imported.kind.label(),
        "done": imported.report.done,
        "look": look,
    }))
}

/// A word when the document's date (its 落款) is after today: the page will wait for it.
fn later_date(desk: &Desk, page: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(page).ok()?;
    let date = super::frontmatter::Document::parse(&text)?.value("date")?;
    let date = date.as_str()?.get(..10)?.to_owned();
    let (today, _) = super::compose::today(&desk.root, &desk.now).ok()?;
    (date > today).then(|| {
        format!("发布日期是 {date}（文档里的落款日期），到那天才会出现在网站上；要马上发布，请在修改页把“发布日期”改成今天。")
    })
}
