//! Printed pages: a guide or notice on paper carries a QR code of its public address, and
//! that address is `base_url` plus the page's path. Without `base_url` no code can be made,
//! and staff would only notice on the printout.

use crate::config::FILE;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::schema::Kind;

pub fn check(site: &Site) -> Option<Diagnostic> {
    let printed = (site.pages.iter()).any(|p| matches!(p.kind, Kind::Guide | Kind::Notice));
    (site.config.base_url.is_none() && printed).then(|| {
        Diagnostic::warning(
            "`site.yaml` 没有写 `base_url`：打印出来的办事指南和通知上不会有二维码，居民拿着纸没法扫码打开网页。",
        )
        .in_file(FILE)
        .with_hint("在 site.yaml 里加一行网站上线后的完整网址，以 / 结尾，例如 `base_url: https://example.org/station/`。")
    })
}
