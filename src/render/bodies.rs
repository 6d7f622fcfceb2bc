//! Render every page's Markdown (in parallel), then check links to headings of other
//! pages, which needs every page's headings. `serve` passes a [`BodyCache`] so that a page
//! whose file and link targets did not change is not rendered again.

use super::links::{LinkTarget, Links};
use super::markdown::{self, heading_hint, MarkdownSource, Rendered};
use crate::diagnostics::{Diagnostic, Diagnostics, Lines};
use crate::load::SourceFile;
use crate::model::links::{resolve_content_path, unlinkable_reason};
use crate::model::{Page, Site};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

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
                reason: "它指向了 `content/` 以外的地方".into(),
                fatal: true,
            };
        };
        if path.ends_with(".md") {
            return match unlinkable_reason(self.site.targets(), &path) {
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
            reason: format!("没有 `content/{path}` 这个文件"),
            fatal: true,
        }
    }

    fn page_path(&self) -> &str {
        self.page_path
    }

    fn site_address(&self) -> Option<&str> {
        self.site.config.base_url.as_deref()
    }
}

/// Remembers every link target the renderer asked about and what it resolved to: the body
/// stays valid while they all resolve the same way.
struct Recording<'a> {
    links: SiteLinks<'a>,
    seen: RefCell<Vec<(String, LinkTarget)>>,
}

impl Links for Recording<'_> {
    fn resolve(&self, target: &str) -> LinkTarget {
        let resolved = self.links.resolve(target);
        self.seen
            .borrow_mut()
            .push((target.to_owned(), resolved.clone()));
        resolved
    }

    fn page_path(&self) -> &str {
        self.links.page_path
    }

    fn site_address(&self) -> Option<&str> {
        self.links.site_address()
    }
}

fn render_source(site: &Site, source: &SourceFile, page_path: &str) -> CachedBody {
    let md = MarkdownSource {
        file: &source.rel_path,
        body: source.body(),
        body_line: source.body_line,
    };
    let links = Recording {
        links: SiteLinks {
            site,
            from: source.content_path(),
            page_path,
        },
        seen: RefCell::new(Vec::new()),
    };
    let mut body = markdown::render(&md, &links);
    let links = links.seen.into_inner();
    body.files = (links.iter())
        .filter_map(|(_, to)| match to {
            LinkTarget::File(path) => Some(path.clone()),
            _ => None,
        })
        .collect();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.html.hash(&mut h);
    body.text.hash(&mut h);
    for t in &body.toc {
        (t.level, &t.id, &t.text).hash(&mut h);
    }
    CachedBody {
        fingerprint: source.fingerprint,
        page_path: page_path.to_owned(),
        links,
        hash: h.finish(),
        body: Arc::new(body),
    }
}

/// A page's rendered body and what it was rendered from.
struct CachedBody {
    fingerprint: u64,
    page_path: String,
    links: Vec<(String, LinkTarget)>,
    /// A hash of the HTML, text and headings, for caches of what is made from the body.
    hash: u64,
    body: Arc<Rendered>,
}

impl CachedBody {
    /// Whether this body is still the page's body; `same_targets` when nothing a link can
    /// point at changed since it was rendered, so its links need not be resolved again.
    fn is_valid_for(&self, site: &Site, page: &Page, same_targets: bool) -> bool {
        let links = SiteLinks {
            site,
            from: page.source.content_path(),
            page_path: &page.path,
        };
        self.fingerprint == page.source.fingerprint
            && self.page_path == page.path
            && (same_targets
                || self
                    .links
                    .iter()
                    .all(|(target, was)| links.resolve(target) == *was))
    }
}

/// Bodies rendered by earlier builds, by content path.
#[derive(Default)]
pub struct BodyCache {
    entries: HashMap<String, CachedBody>,
    /// [`link_targets_key`] of the site they were rendered in.
    targets: u64,
    /// The bodies of the last render, in its pages' order.
    last: Vec<Arc<Rendered>>,
}

/// A hash of everything a link can resolve to: each page's content path and address, the
/// pages held back, the files beside pages and in `static/`.
fn link_targets_key(site: &Site) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in &site.pages {
        (p.source.content_path(), &p.path).hash(&mut h);
    }
    // A map has no order: add up the entries' own hashes.
    let held_back = site.unpublished.iter().fold(0u64, |sum, entry| {
        let mut e = std::collections::hash_map::DefaultHasher::new();
        entry.hash(&mut e);
        sum.wrapping_add(e.finish())
    });
    held_back.hash(&mut h);
    for a in site.assets.iter().chain(&site.static_files) {
        a.dest.hash(&mut h);
    }
    h.finish()
}

impl BodyCache {
    /// The hash of a page's body as last rendered (see [`render_cached`]).
    pub fn hash(&self, content_path: &str) -> Option<u64> {
        self.entries.get(content_path).map(|e| e.hash)
    }

    /// The bodies of the last [`render_cached`], in the order of that site's pages.
    pub fn last(&self) -> &[Arc<Rendered>] {
        &self.last
    }

    /// Render the body of a page whose text was edited, and keep it, when nothing other
    /// pages see of it changed: the same headings (links from other pages may point at
    /// them) and the same links to headings elsewhere, and no error. None otherwise: then
    /// every body must be looked at with [`render_cached`].
    pub fn rerender(&mut self, site: &Site, page: &Page) -> Option<Arc<Rendered>> {
        let key = page.source.content_path();
        let old = self.entries.get(key)?;
        let new = render_source(site, &page.source, &page.path);
        let ids = |b: &Rendered| -> Vec<String> { b.toc.iter().map(|t| t.id.clone()).collect() };
        let refs = |b: &Rendered| -> Vec<(String, String)> {
            b.anchor_refs
                .iter()
                .map(|r| (r.target_path.clone(), r.anchor.clone()))
                .collect()
        };
        let unchanged = ids(&old.body) == ids(&new.body) && refs(&old.body) == refs(&new.body);
        if !unchanged || new.body.diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        let body = Arc::clone(&new.body);
        self.entries.insert(key.to_owned(), new);
        Some(body)
    }
}

/// Every page's body, by index in `site.pages`, and each section intro, in section order.
pub fn render_all(site: &Site) -> RenderedBodies {
    render_cached(site, &mut BodyCache::default())
}

/// Each page's rendered body, each section's rendered intro, and their diagnostics.
pub type RenderedBodies = (Vec<Arc<Rendered>>, Vec<Option<Rendered>>, Diagnostics);

/// [`render_all`], rendering only the pages `cache` holds no valid body for. Afterwards the
/// cache holds exactly the bodies of this site's pages.
pub fn render_cached(site: &Site, cache: &mut BodyCache) -> RenderedBodies {
    let targets = link_targets_key(site);
    let same_targets = targets == cache.targets;
    let fresh: Vec<Option<CachedBody>> = site
        .pages
        .par_iter()
        .map(|p| {
            let valid = cache
                .entries
                .get(p.source.content_path())
                .is_some_and(|e| e.is_valid_for(site, p, same_targets));
            (!valid).then(|| render_source(site, &p.source, &p.path))
        })
        .collect();
    let mut entries = HashMap::with_capacity(site.pages.len());
    let mut bodies = Vec::with_capacity(site.pages.len());
    for (page, fresh) in site.pages.iter().zip(fresh) {
        let key = page.source.content_path();
        let entry = match fresh.or_else(|| cache.entries.remove(key)) {
            Some(e) => e,
            None => render_source(site, &page.source, &page.path),
        };
        bodies.push(Arc::clone(&entry.body));
        entries.insert(key.to_owned(), entry);
    }
    // Bodies of pages that are gone are dropped with the old map.
    cache.entries = entries;
    cache.targets = targets;
    cache.last = bodies.clone();
    let intros: Vec<Option<Rendered>> = site
        .sections
        .iter()
        .map(|s| {
            s.meta
                .as_ref()
                .map(|m| render_source(site, &m.source, &crate::model::urls::section(s.kind)))
                .and_then(|b| Arc::try_unwrap(b.body).ok())
        })
        .collect();
    let mut diags = Diagnostics::new();
    // Only pages some link points into need their headings collected.
    let targeted: HashSet<&str> = bodies
        .iter()
        .map(|b| &**b)
        .chain(intros.iter().flatten())
        .flat_map(|b| b.anchor_refs.iter().map(|r| r.target_path.as_str()))
        .collect();
    let ids: HashMap<&str, HashSet<&str>> = site
        .pages
        .iter()
        .zip(&bodies)
        .filter(|(p, _)| targeted.contains(p.path.as_str()))
        .map(|(p, b)| (p.path.as_str(), b.heading_ids()))
        .collect();
    let mut hints: HashMap<&str, String> = HashMap::new();
    let intro_sources = site
        .sections
        .iter()
        .zip(&intros)
        .filter_map(|(s, i)| Some((&s.meta.as_ref()?.source, i.as_ref()?)));
    for (source, body) in site
        .pages
        .iter()
        .map(|p| &p.source)
        .zip(bodies.iter().map(|b| &**b))
        .chain(intro_sources)
    {
        // Made once per page and target: thousands of bad links must cost linear time.
        let mut lines = None;
        for r in &body.anchor_refs {
            let Some(targets) = ids.get(r.target_path.as_str()) else {
                continue;
            };
            if !targets.contains(r.anchor.as_str()) {
                let hint = hints
                    .entry(r.target_path.as_str())
                    .or_insert_with(|| heading_hint(targets.iter().copied()));
                let lines = lines.get_or_insert_with(|| Lines::new(&source.text, 1));
                diags.push(
                    Diagnostic::error(format!(
                        "链接指向 `#{}`，但 `{}` 那一页没有这个小标题。",
                        r.anchor, r.target_path
                    ))
                    .in_file(&source.rel_path)
                    .at(r.position)
                    .with_hint(hint.clone())
                    .with_line_of(lines),
                );
            }
        }
    }
    for b in bodies.iter().map(|b| &**b).chain(intros.iter().flatten()) {
        diags.extend(b.diagnostics.iter().cloned());
    }
    (bodies, intros, diags)
}
