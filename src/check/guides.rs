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
                Diagnostic::warning("这篇指南没有写 `materials`：居民不知道要带什么材料。"),
            )
            .with_hint("加上要带的材料，每行一项：先写 `materials:`，下面写 `  - 居民身份证`。"),
        );
    }
    if guide.hours.as_deref().is_none_or(|h| h.trim().is_empty()) {
        out.push(
            page.diagnostic_at(
                "hours",
                Diagnostic::warning("这篇指南没有写 `hours`：居民不知道什么时候来办。"),
            )
            .with_hint("加上窗口的办公时间，例如 `hours: 周一至周五 9:00-17:00`。"),
        );
    }
    out
}
