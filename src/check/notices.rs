//! Notices that stay up by mistake: pinned or urgent without an end, and urgent ones that
//! have already ended (their banner is gone, which staff may not expect).

use crate::diagnostics::Diagnostic;
use crate::model::{Page, Status};
use crate::schema::Kind;

const ADD_EXPIRES: &str = "加上最后有效的那一天，例如 `expires: 2026-12-31`。";

pub fn check(page: &Page) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if page.kind != Kind::Notice {
        return out;
    }
    if page.expires.is_none() {
        if page.pinned {
            out.push(
                page.diagnostic_at(
                    "pinned",
                    Diagnostic::warning(
                        "这条通知置顶了，但没有写 `expires`：它会一直留在首页和列表的最上面，直到有人修改它。",
                    ),
                )
                .with_hint(ADD_EXPIRES),
            );
        }
        if page.urgent {
            out.push(
                page.diagnostic_at(
                    "urgent",
                    Diagnostic::warning(
                        "这条通知标成了紧急，但没有写 `expires`：它的横幅会一直显示在每一页上，直到有人修改它。",
                    ),
                )
                .with_hint(ADD_EXPIRES),
            );
        }
    }
    if page.urgent && page.status == Status::Expired {
        let day = page
            .expires
            .as_ref()
            .map(|e| e.iso_date())
            .unwrap_or_default();
        out.push(
            page.diagnostic_at(
                "expires",
                Diagnostic::warning(format!(
                    "这条紧急通知已经在 {day} 到期：横幅不再显示，它已经列入过期通知的归档。"
                )),
            )
            .with_hint("如果它仍然有效，把 `expires` 改晚一些；否则删掉 `urgent: true`。"),
        );
    }
    out
}
