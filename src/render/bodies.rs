//! Render every page's Markdown (in parallel), then check links to headings of other
//! pages, which needs every page's headings.

use super::markdown::{self, heading_hint, LinkTarget, Links, MarkdownSource, Rendered};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::model::site::{resolve_content_path, unlinkable_reason};
use crate::model::Site;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

struct SiteLinks<'a> {
    site: &'a Site,
    /// The linking file's path under content/.
    from: &'a str,
    page_path: &'a str,
}

impl Links for SiteLinks<'_> {
    fn resolve(&self, target: &str) -> LinkTarget {
        let Some(path) = resolve_content_path(self.from, target) else {
            return LinkTarget::Broken {
                reason: "it points outside content/".into(),
                fatal: true,
            };
        };
        if path.ends_with(".md") {
            return match unlinkable_reason(self.site, &path) {
                None => LinkTarget::Page(
                    self.site.pages[self.site.by_content_path[&path]]
                        .path
                        .clone(),
                ),
                Some(reason) => LinkTarget::Broken {
                    fatal: !self.site.unpublished.contains_key(&path),
                    reason,
                },
            };
        }
        if self.site.assets.iter().any(|a| a.dest == path) {
            return LinkTarget::File(path);
        }
        // A file of static/ is copied to the output root, linked as `@/file.pdf` or by a
        // path relative to the page's output location.
        let site_path = target
            .strip_prefix("@/")
            .map(str::to_owned)
            .or_else(|| resolve_content_path(self.page_path, target));
        if let Some(p) = site_path.filter(|p| self.site.static_files.iter().any(|s| &s.dest == p)) {
            return LinkTarget::File(p);
        }
        LinkTarget::Broken {
            reason: format!("there is no file `content/{path}`"),
            fatal: true,
        }
    }

    fn page_path(&self) -> &str {
        self.page_path
    }
}

fn render_source(site: &Site, source: &SourceFile, page_path: &str) -> Rendered {
    let md = MarkdownSource {
        file: &source.rel_path,
        file_text: &source.text,
        body: source.body(),
        body_line: source.body_line,
    };
    markdown::render(
        &md,
        &SiteLinks {
            site,
            from: source.content_path(),
            page_path,
        },
    )
}

/// Every page's body, by index in `site.pages`, and each section intro, in section order.
pub fn render_all(site: &Site) -> (Vec<Rendered>, Vec<Option<Rendered>>, Diagnostics) {
    let mut bodies: Vec<Rendered> = site
        .pages
        .par_iter()
        .map(|p| render_source(site, &p.source, &p.path))
        .collect();
    let mut intros: Vec<Option<Rendered>> = site
        .sections
        .iter()
        .map(|s| {
            s.meta
                .as_ref()
                .map(|m| render_source(site, &m.source, &crate::model::urls::section(s.kind)))
        })
        .collect();
    let mut diags = Diagnostics::new();
    let ids: HashMap<&str, HashSet<&str>> = site
        .pages
        .iter()
        .zip(&bodies)
        .map(|(p, b)| (p.path.as_str(), b.heading_ids()))
        .collect();
    let intro_sources = site
        .sections
        .iter()
        .zip(&intros)
        .filter_map(|(s, i)| Some((&s.meta.as_ref()?.source, i.as_ref()?)));
    for (source, body) in site
        .pages
        .iter()
        .map(|p| &p.source)
        .zip(&bodies)
        .chain(intro_sources)
    {
        for r in &body.anchor_refs {
            let Some(targets) = ids.get(r.target_path.as_str()) else {
                continue;
            };
            if !targets.contains(r.anchor.as_str()) {
                diags.push(
                    Diagnostic::error(format!(
                        "the link points at `#{}`, a heading that page `{}` does not have",
                        r.anchor, r.target_path
                    ))
                    .in_file(&source.rel_path)
                    .at(r.position)
                    .with_hint(heading_hint(targets.iter().copied()))
                    .with_source(&source.text),
                );
            }
        }
    }
    for b in bodies.iter_mut().chain(intros.iter_mut().flatten()) {
        diags.extend(std::mem::take(&mut b.diagnostics));
    }
    (bodies, intros, diags)
}
