//! Guides without the two things residents come for: what to bring and when to come.

use crate::diagnostics::Diagnostic;
use crate::model::Page;

pub fn check(page: &Page) -> Vec<Diagnostic> {
    let Some(guide) = &page.guide else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if guide.materials.is_empty() {
        out.push(
            page.diagnostic_at(
                "materials",
                Diagnostic::warning(
                    "this guide lists no `materials`: residents will not know what to bring",
                ),
            )
            .with_hint(
                "add the documents to bring, one per line: `materials:` then `  - 居民身份证`",
            ),
        );
    }
    if guide.hours.as_deref().is_none_or(|h| h.trim().is_empty()) {
        out.push(
            page.diagnostic_at(
                "hours",
                Diagnostic::warning(
                    "this guide has no `hours`: residents will not know when to come",
                ),
            )
            .with_hint("add when the window is open, e.g. `hours: 周一至周五 9:00-17:00`"),
        );
    }
    out
}
