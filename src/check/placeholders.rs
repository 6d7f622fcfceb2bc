//! Pages still holding the text `bulletin new` started them with: it says what to write
//! there, and would be published as is.

use crate::diagnostics::{Diagnostic, Position};
use crate::model::skeleton::placeholder;
use crate::model::Page;

pub fn check(page: &Page) -> Option<Diagnostic> {
    let source = &page.source;
    let body = source.body();
    let offset = body.find(placeholder(page.kind))?;
    let d = Diagnostic::warning("正文里还留着新建页面时的提示文字，会原样发布出去。")
        .in_file(&source.rel_path)
        .at(Position::of_offset(body, offset, source.body_line))
        .with_source(&source.text)
        .with_hint("把这一行换成真正的正文。");
    Some(d)
}
