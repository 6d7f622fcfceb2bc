//! Notices that stay up by mistake: pinned or urgent without an end, and urgent ones that
//! have already ended (their banner is gone, which staff may not expect).

use crate::diagnostics::Diagnostic;
use crate::model::{Kind, Page, Status};

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
                        "this notice is pinned but has no `expires`: it stays at the top of the home page and the list until someone edits it",
                    ),
                )
                .with_hint("add the last day it applies, e.g. `expires: 2026-12-31`"),
            );
        }
        if page.urgent {
            out.push(
                page.diagnostic_at(
                    "urgent",
                    Diagnostic::warning(
                        "this notice is urgent but has no `expires`: its banner shows on every page until someone edits it",
                    ),
                )
                .with_hint("add the last day it applies, e.g. `expires: 2026-12-31`"),
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
                    "this urgent notice expired on {day}: its banner no longer shows and it is listed in the archive"
                )),
            )
            .with_hint("if it still applies, move `expires` later; otherwise remove `urgent: true`"),
        );
    }
    out
}
