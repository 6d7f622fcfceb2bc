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
    Ok(json!({
        "path": rel,
        "kind": imported.kind.label(),
        "done": imported.report.done,
        "look": imported.report.look,
    }))
}
