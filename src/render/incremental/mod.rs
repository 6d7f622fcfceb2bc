//! Render again after some files changed, for `bulletin serve`: only the output files whose
//! inputs changed, and the edited pages before everything else, so the page being edited is
//! shown again at once and lists, tag pages and the search index follow.
//!
//! Every output file has a key, a hash of everything its template is given. A list's key is
//! the hash of its variables. A page's key is made from the parts its view is made of (its
//! file's fingerprint, its body, its summary and those of its related pages, its image), so
//! telling which of 10,000 pages changed costs no serializing. [`Views::page_view`] and
//! `keys::page_key` must change together: a part of the view missing from the key would leave a
//! stale page in `serve` (the serve tests compare with a full render after edits).

mod keys;

use super::bodies::{self, BodyCache};
use super::context::PageSummary;
use super::jobs::{self, Job};
use super::markdown::Rendered;
use super::pages::{self, Renderer, SiteFiles};
use super::templates::Templates;
use super::views::Views;
use super::{OutputFile, RenderOptions};
use crate::diagnostics::Diagnostics;
use crate::load::theme::Theme;
use crate::load::walk::AssetFile;
use crate::model::{urls, Site};
use keys::{job_key, key_of, site_files_key, summary_keys, Keys};
use std::collections::{HashMap, HashSet};

/// A key no output has: the file must be rendered again.
const STALE: u64 = 0;

/// How many jobs are rendered between two looks at whether to stop.
const CHUNK: usize = 256;

/// What earlier renders made, kept between rebuilds.
#[derive(Default)]
pub struct RenderCache {
    bodies: BodyCache,
    /// Each page's summary and the key it was made from, in the last render's page order.
    summaries: Vec<CachedSummary>,
    /// Output path → key it was last published with: pages and their redirects.
    pages: HashMap<String, u64>,
    /// The same for lists, tag pages, home, search and 404.
    lists: HashMap<String, u64>,
    /// The key of the inputs of the search index and feeds last handed out to be made.
    site_files: u64,
    /// The theme's static files published, or None when they must be published again.
    theme_static: Option<HashSet<String>>,
    /// Theme files published before the theme changed: removed unless made again.
    theme_static_before: HashSet<String>,
}

struct CachedSummary {
    content_path: String,
    key: u64,
    summary: PageSummary,
}

impl RenderCache {
    /// Forget what was made with the theme and site settings (they changed): every file is
    /// rendered again, and files that are no longer made are still removed.
    pub fn forget_rendered(&mut self) {
        // Bodies too: links to the site's own address (`base_url`) are made relative.
        self.bodies = BodyCache::default();
        self.summaries.clear();
        self.pages.values_mut().for_each(|k| *k = STALE);
        self.lists.values_mut().for_each(|k| *k = STALE);
        self.site_files = STALE;
        if let Some(paths) = self.theme_static.take() {
            self.theme_static_before.extend(paths);
        }
    }
}

/// Output paths that are no longer made, and files to add or replace: apply `removed`
/// first (a path can be removed by one part of a rebuild and made by another).
#[derive(Debug, Default)]
pub struct Delta {
    pub files: Vec<OutputFile>,
    pub removed: Vec<String>,
    /// Every file copied as it is, when this delta sets them (the edited pages' delta does).
    pub copies: Option<Vec<AssetFile>>,
    /// With `copies`: photos are served with their metadata (site.yaml's `images`).
    pub keep_metadata: bool,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.removed.is_empty()
    }
}

/// The two steps of a rebuild, in the order they are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The pages of the files that changed.
    Edited,
    /// Everything else that changed with them: lists, tags, home, search index, feeds.
    Rest,
}

/// Where a rebuild goes: `serve`'s in-memory site.
pub trait Sink {
    fn publish(&mut self, phase: Phase, delta: Delta);
    /// Whether newer edits are waiting, so the rest of this rebuild is not worth finishing.
    fn interrupted(&self) -> bool;
}

pub struct Changes<'a> {
    pub site: &'a Site,
    /// The site has the same pages in the same order as at the last render, only their
    /// texts changed: the edited pages can be shown before anything else is looked at.
    pub in_place: bool,
    pub theme: &'a Theme,
    pub templates: &'a Templates,
    pub options: RenderOptions,
    /// Content paths (`notices/a.md`) of the files that changed: their pages come first.
    pub edited: &'a HashSet<String>,
    /// Whether earlier stages reported errors: then nothing is published.
    pub has_errors: bool,
}

/// What a rebuild leaves: its diagnostics, and the search index and feeds to make when
/// their inputs changed (slow on a large site: the caller makes them where a newer edit
/// need not wait, then publishes them).
pub struct Outcome {
    pub diags: Diagnostics,
    pub later: Option<SiteFiles>,
}

/// Render what changed and publish it to `sink`, the edited pages first. Nothing is
/// published when there are errors: the last good site stays.
pub fn render_changes(input: Changes, cache: &mut RenderCache, sink: &mut dyn Sink) -> Outcome {
    let shown_first = show_edited_first(&input, cache, sink);
    let Changes {
        site,
        theme,
        templates,
        options,
        edited,
        has_errors,
        ..
    } = input;
    let mut diags = Diagnostics::new();
    let (bodies, intros, body_diags) = bodies::render_cached(site, &mut cache.bodies);
    diags.extend(body_diags);
    diags.extend(pages::missing_templates(site, templates));
    let body_keys: Vec<u64> = site
        .pages
        .iter()
        .map(|p| cache.bodies.hash(p.source.content_path()).unwrap_or(STALE))
        .collect();
    let summary_keys = summary_keys(site, &body_keys);
    let mut known = take_summaries(site, &mut cache.summaries);
    for (summary, key) in known.iter_mut().zip(&summary_keys) {
        if summary.as_ref().is_some_and(|(k, _)| k != key) {
            *summary = None;
        }
    }
    let known = known.into_iter().map(|s| s.map(|(_, s)| s)).collect();
    let mut views = Views::with_summaries(site, theme, &bodies, known);
    let urgent = views.urgent();
    let renderer = Renderer::new(&views, templates, &urgent, options);
    let keys = Keys {
        common: key_of(renderer.common()),
        bodies: body_keys,
        summaries: summary_keys,
    };
    let mut step = Step {
        renderer: &renderer,
        views: &views,
        keys: &keys,
        publish: !has_errors && !diags.has_errors(),
        diags,
    };

    let edited_jobs: Vec<Job> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| edited.contains(p.source.content_path()))
        .flat_map(|(i, _)| jobs::page_jobs(&views, i))
        .collect();
    let page_paths = current_page_paths(site);
    let removed = gone(&cache.pages, |p| page_paths.contains(p));
    let mut edited_delta = step.render(&edited_jobs, &mut cache.pages, removed, &|| false);
    edited_delta.copies = Some(pages::copies(site, &bodies, &intros));
    edited_delta.keep_metadata = site.config.images.keep_metadata;
    // Already shown: this render of the edited pages goes out with the rest (it is the
    // same, unless the quick one missed something).
    let mut held = Delta::default();
    if step.publish && !shown_first {
        sink.publish(Phase::Edited, edited_delta);
    } else {
        held = edited_delta;
    }

    let mut later = None;
    if !sink.interrupted() || shown_first {
        let (rest, files) = step.rest(site, theme, &intros, cache, &|| sink.interrupted());
        later = files;
        held.files.extend(rest.files);
        held.removed.extend(rest.removed);
        if step.publish {
            sink.publish(Phase::Rest, held);
        }
    }
    let Step { diags, .. } = step;
    drop(edited_jobs);
    // Summaries of pages that are gone are dropped with the old list.
    cache.summaries = site
        .pages
        .iter()
        .zip(&keys.summaries)
        .zip(std::mem::take(&mut views.summaries))
        .map(|((page, key), summary)| CachedSummary {
            content_path: page.source.content_path().to_owned(),
            key: *key,
            summary,
        })
        .collect();
    Outcome { diags, later }
}

/// The cached summary (and its key) of each page of `site`, taken out of the cache: by
/// position when the site has the same pages in the same order, else by content path.
fn take_summaries(site: &Site, cached: &mut Vec<CachedSummary>) -> Vec<Option<(u64, PageSummary)>> {
    let cached = std::mem::take(cached);
    let aligned = cached.len() == site.pages.len()
        && cached
            .iter()
            .zip(&site.pages)
            .all(|(c, p)| c.content_path == p.source.content_path());
    if aligned {
        return cached
            .into_iter()
            .map(|c| Some((c.key, c.summary)))
            .collect();
    }
    let mut by_path: HashMap<String, (u64, PageSummary)> = cached
        .into_iter()
        .map(|c| (c.content_path, (c.key, c.summary)))
        .collect();
    site.pages
        .iter()
        .map(|p| by_path.remove(p.source.content_path()))
        .collect()
}

/// After a text edit (the site's pages unchanged, in place), render and publish the
/// edited pages against what the cache holds of every other page, before the whole site
/// is looked at: what an edit shows then costs the same on 10 pages or 10,000. Returns
/// whether it published; the full render that follows checks everything and publishes
/// whatever this missed.
fn show_edited_first(input: &Changes, cache: &mut RenderCache, sink: &mut dyn Sink) -> bool {
    let site = input.site;
    let n = site.pages.len();
    if !input.in_place
        || input.has_errors
        || input.edited.is_empty()
        || cache.bodies.last().len() != n
        || cache.summaries.len() != n
    {
        return false;
    }
    let edited: Vec<usize> = input
        .edited
        .iter()
        .filter_map(|p| site.by_content_path.get(p).copied())
        .collect();
    if edited.len() != input.edited.len() {
        return false;
    }
    let mut bodies = cache.bodies.last().to_vec();
    for &i in &edited {
        match cache.bodies.rerender(site, &site.pages[i]) {
            Some(body) => bodies[i] = body,
            None => return false,
        }
    }
    let known = take_summaries(site, &mut cache.summaries);
    if known.iter().any(Option::is_none) {
        return false;
    }
    let mut keys = Vec::with_capacity(n);
    let known = known
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let (key, summary) = s?;
            keys.push(key);
            (!edited.contains(&i)).then_some(summary)
        })
        .collect();
    let mut views = Views::with_summaries(site, input.theme, &bodies, known);
    let urgent = views.urgent();
    let renderer = Renderer::new(&views, input.templates, &urgent, input.options);
    let jobs: Vec<Job> = edited
        .iter()
        .flat_map(|&i| jobs::page_jobs(&views, i))
        .collect();
    let (files, diags) = renderer.render_all(jobs.iter());
    drop(jobs);
    let published = !diags.has_errors();
    if published {
        let delta = Delta {
            files,
            ..Delta::default()
        };
        sink.publish(Phase::Edited, delta);
    }
    // The summaries go back; an edited page's keeps its old key, so it is made again.
    cache.summaries = site
        .pages
        .iter()
        .zip(keys)
        .zip(std::mem::take(&mut views.summaries))
        .map(|((page, key), summary)| CachedSummary {
            content_path: page.source.content_path().to_owned(),
            key,
            summary,
        })
        .collect();
    published
}

struct Step<'a> {
    renderer: &'a Renderer<'a>,
    views: &'a Views<'a>,
    keys: &'a Keys,
    publish: bool,
    diags: Diagnostics,
}

impl Step<'_> {
    /// Render the jobs whose key differs from the one in `published`, chunk by chunk until
    /// `stop` says so; record the new keys when the result will be published.
    fn render(
        &mut self,
        jobs: &[Job],
        published: &mut HashMap<String, u64>,
        removed: Vec<String>,
        stop: &dyn Fn() -> bool,
    ) -> Delta {
        let stale: Vec<(&Job, u64)> = jobs
            .iter()
            .map(|job| (job, job_key(self.views, self.keys, job)))
            .filter(|(job, key)| published.get(&job.path) != Some(key))
            .collect();
        let mut delta = Delta::default();
        for chunk in stale.chunks(CHUNK) {
            let (files, diags) = self.renderer.render_all(chunk.iter().map(|(job, _)| *job));
            self.publish &= !diags.has_errors();
            self.diags.extend(diags);
            delta.files.extend(files);
            if self.publish {
                for (job, key) in chunk {
                    published.insert(job.path.clone(), *key);
                }
            }
            if stop() {
                break;
            }
        }
        if self.publish {
            for path in &removed {
                published.remove(path);
            }
            delta.removed = removed;
        }
        delta
    }

    /// Everything but the edited pages; and, when their inputs changed, what the search
    /// index and feeds are made from.
    fn rest(
        &mut self,
        site: &Site,
        theme: &Theme,
        intros: &[Option<Rendered>],
        cache: &mut RenderCache,
        stop: &dyn Fn() -> bool,
    ) -> (Delta, Option<SiteFiles>) {
        let page_jobs = jobs::plan_page_jobs(self.views);
        let mut delta = self.render(&page_jobs, &mut cache.pages, Vec::new(), stop);
        if stop() {
            return (delta, None);
        }
        let list_jobs = jobs::plan_list_jobs(self.views, intros);
        let list_paths: HashSet<&str> = list_jobs.iter().map(|j| j.path.as_str()).collect();
        let removed = gone(&cache.lists, |p| list_paths.contains(p));
        let lists = self.render(&list_jobs, &mut cache.lists, removed, stop);
        delta.files.extend(lists.files);
        delta.removed.extend(lists.removed);
        if stop() || !self.publish {
            return (delta, None);
        }
        if cache.theme_static.is_none() {
            let paths: HashSet<String> = theme.static_files.keys().cloned().collect();
            delta.removed.extend(
                std::mem::take(&mut cache.theme_static_before)
                    .into_iter()
                    .filter(|p| !paths.contains(p)),
            );
            delta.files.extend(
                theme
                    .static_files
                    .iter()
                    .map(|(path, bytes)| OutputFile::new(path.clone(), bytes.clone())),
            );
            cache.theme_static = Some(paths);
        }
        let key = site_files_key(site, self.keys);
        let later = (key != cache.site_files).then(|| {
            cache.site_files = key;
            SiteFiles::gather(self.views, &jobs::sitemap_lists(&list_jobs))
        });
        (delta, later)
    }
}

/// Output paths in `published` that `exists` no longer knows.
fn gone(published: &HashMap<String, u64>, exists: impl Fn(&str) -> bool) -> Vec<String> {
    published.keys().filter(|p| !exists(p)).cloned().collect()
}

/// The paths of every page and alias redirect of the site.
fn current_page_paths(site: &Site) -> HashSet<String> {
    let mut paths = HashSet::with_capacity(site.pages.len());
    for page in &site.pages {
        paths.insert(page.path.clone());
        paths.extend(
            page.aliases
                .iter()
                .filter_map(|a| urls::alias_file(&a.value)),
        );
    }
    paths
}
