//! `bulletin check`: everything a build validates, without writing anything, and the
//! warnings staff need before publishing — things that build but are probably not what
//! they meant: a pinned notice that never ends, a guide without its checklist, an image
//! without a description, a page nothing links to, a summary too long for a list, bold
//! text that shows its asterisks, the hint text of `bulletin new` left in, a photo too
//! heavy for a phone or one that carried where it was taken, two pages with one title, a
//! file beside the pages that nothing uses, a key or password in site.yaml, printed pages
//! that can carry no QR code.
//!
//! Each kind of finding has its own module: [`notices`] and [`guides`] look at front
//! matter, [`bodies`] and [`placeholders`] at the Markdown text, [`images`] at the
//! pictures (size, position), [`titles`] across pages, [`orphans`] at the links of the
//! rendered site, [`unused`] at the files it leaves out, [`secrets`] at site.yaml,
//! [`paper`] at what printed pages need.

pub mod bodies;
pub mod guides;
pub mod images;
pub mod notices;
pub mod orphans;
pub mod paper;
pub mod placeholders;
pub mod secrets;
pub mod titles;
pub mod unused;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::model::Site;
use crate::pipeline::{load_site, Options};
use crate::render::pages::render_to_memory;
use crate::render::RenderOptions;

/// A summary longer than this is cut in result lists (the theme's `item` macro shows 90
/// characters).
pub const SUMMARY_MAX_CHARS: usize = 90;

#[derive(Debug)]
pub struct Report {
    pub diags: Diagnostics,
    /// Pages checked (published, or every page with `--drafts`).
    pub pages: usize,
}

/// Load, validate and render the site in memory (as a build does, writing nothing), then
/// look for what staff should know.
pub fn check(options: &Options) -> Report {
    let (site, diags) = findings(options);
    Report {
        diags,
        pages: site.map_or(0, |s| s.pages.len()),
    }
}

/// What [`check`] finds, with the site it found it in (the desk shows each finding beside
/// its page).
pub fn findings(options: &Options) -> (Option<Site>, Diagnostics) {
    let (site, theme, mut diags) = load_site(options);
    if let Ok(text) = std::fs::read_to_string(options.root.join(crate::config::FILE)) {
        diags.extend(secrets::check(&text));
    }
    let Some(site) = site else {
        return (None, diags);
    };
    let rendered = theme.and_then(|theme| {
        let (rendered, render_diags) = render_to_memory(&site, &theme, RenderOptions::default());
        diags.extend(render_diags);
        rendered
    });
    diags.extend(staff_warnings(&site));
    if let Some(rendered) = rendered {
        diags.extend(orphans::find(&site, &rendered));
        diags.extend(unused::find(&site, &rendered));
    }
    (Some(site), diags)
}

/// The warnings that need only the model and the Markdown (and the pictures).
pub fn staff_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut out = images::check(site);
    out.extend(titles::check(site));
    out.extend(paper::check(site));
    for page in &site.pages {
        out.extend(notices::check(page));
        out.extend(guides::check(page));
        out.extend(summary_length(page));
        out.extend(bodies::check(page));
        out.extend(placeholders::check(page));
    }
    out
}

fn summary_length(page: &crate::model::Page) -> Option<Diagnostic> {
    let summary = page.summary.as_deref()?;
    let chars = summary.chars().count();
    (chars > SUMMARY_MAX_CHARS).then(|| {
        page.diagnostic_at(
            "summary",
            Diagnostic::warning(format!(
                "摘要有 {chars} 个字：列表和搜索结果只显示前 {SUMMARY_MAX_CHARS} 个字，后面的会被截掉。"
            )),
        )
        .with_hint("摘要写一两句短话就够了，详细内容写在正文里。")
    })
}

/// `--strict`: every warning counts as an error.
pub fn strict(diags: Diagnostics) -> Diagnostics {
    diags
        .into_iter()
        .map(|mut d| {
            d.severity = Severity::Error;
            d
        })
        .collect()
}

/// One line per finding, `file:line:col: 错误|警告：message。提示：…`.
pub fn line(d: &Diagnostic) -> String {
    let headline = d.headline();
    match &d.hint {
        Some(hint) => {
            // Chinese messages end with their own full stop; a message that does not (a
            // template engine's) gets a space before the hint.
            format!(
                "{headline}{}提示：{hint}",
                crate::diagnostics::gap_after(&headline)
            )
        }
        None => headline,
    }
}
