//! Two current pages with one title: usually a file copied to start a new page, and its
//! title (and often its body) not changed yet. Residents would see both in lists and
//! search. An expired notice may share its title with this year's (春节期间户籍窗口安排).

use crate::diagnostics::Diagnostic;
use crate::model::{Site, Status};
use std::collections::HashMap;

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, &str> = HashMap::new();
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| p.status != Status::Expired) {
        let title = page.title.trim();
        match first.get(title) {
            None => {
                first.insert(title, page.file());
            }
            Some(other) => out.push(
                page.diagnostic_at(
                    "title",
                    Diagnostic::warning(format!("`{other}` 也叫“{title}”：两个页面同一个标题。")),
                )
                .with_hint("复制别的文件来改时，别忘了改标题和正文；两页讲的是同一件事的话，删掉其中一个。"),
            ),
        }
    }
    out
}
