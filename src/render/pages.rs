//! Render every output file of the site: the jobs planned in [`super::jobs`] through the
//! templates, then the search index, feeds and static files.

use super::bodies;
use super::context::*;
use super::feeds;
use super::jobs::{plan_list_jobs, plan_page_jobs, sitemap_lists, Job, Vars};
use super::jsonld;
use super::markdown::Rendered;
use super::search::synonyms::Synonyms;
use super::search::{self, SearchDoc};
use super::templates::Templates;
use super::views::Views;
use super::OutputFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::load::walk::AssetFile;
use crate::model::links::asset_path;
use crate::model::{urls, Site, Status};
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use tera::Value;

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Rendering for `bulletin serve` (the server adds its reload script itself).
    pub serving: bool,
}

/// The whole site in memory, for `check`.
#[derive(Debug, Default)]
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    /// Files copied as they are (images beside pages, `static/`).
    pub copies: Vec<AssetFile>,
}

/// Render the site, handing each file to `emit` as it is made: pages, lists, tags, home,
/// search page, redirects, 404, then the search index, the feeds and the theme's static
/// files. Returns the files to copy as they are, or None when there were errors (files
/// emitted before the error was found are the caller's to discard).
pub fn render_site(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    emit: &Emit,
) -> (Option<Vec<AssetFile>>, Diagnostics) {
    render_with_bodies(site, theme, bodies::render_all(site), options, emit)
}

/// [`render_site`] with the bodies rendered before, by [`bodies::render_all`]: a build
/// frees the pages' sources in between.
pub fn render_with_bodies(
    site: &Site,
    theme: &Theme,
    (bodies, intros, body_diags): bodies::RenderedBodies,
    options: RenderOptions,
    emit: &Emit,
) -> (Option<Vec<AssetFile>>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let templates = match Templates::new(theme) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    diags.extend(body_diags);
    let Some(templates) = templates else {
        return (None, diags);
    };
    diags.extend(missing_templates(site, &templates));
    // A site's static/ overrides the theme's static files of the same name.
    let site_static: std::collections::HashSet<&str> =
        site.static_files.iter().map(|s| s.dest.as_str()).collect();
    let emit = |file: OutputFile| {
        if site_static.contains(file.path.as_str()) {
            return Ok(());
        }
        emit(file)
    };
    let copied = copies(site, &bodies, &intros);
    let views = Views::new(site, theme, &bodies);
    // Lists first: the FAQ list of a large site is one long job, which would otherwise
    // keep one thread busy after the other has run out of pages.
    let mut jobs = plan_list_jobs(&views, &intros);
    jobs.extend(plan_page_jobs(&views));
    let urgent = views.urgent();
    let renderer = Renderer::new(&views, &templates, &urgent, options);
    diags.extend(renderer.render_each(&jobs, &emit));
    if diags.has_errors() {
        return (None, dedup_template_errors(diags));
    }
    // The index needs only the pages' text, which it shares: what only the templates
    // needed, and the rendered bodies' HTML (about 60 MB on 10,000 pages), goes first.
    let sitemap = sitemap_lists(&jobs);
    drop(jobs);
    drop(renderer);
    let mut views = views;
    views.release_summary_values();
    let site_files = SiteFiles::gather(&views, &sitemap);
    drop(views);
    drop(bodies);
    let failed = std::sync::Mutex::new(None);
    let emit_or_record = |file: OutputFile| {
        if let Err(d) = emit(file) {
            if let Ok(mut failed) = failed.lock() {
                failed.get_or_insert(d);
            }
        }
    };
    site_files.make_each(&emit_or_record);
    for (path, bytes) in &theme.static_files {
        emit_or_record(OutputFile::new(path.clone(), bytes.clone()));
    }
    if let Some(d) = failed.into_inner().ok().flatten() {
        diags.push(d);
        return (None, diags);
    }
    (Some(copied), diags)
}

/// Render the whole site into memory (`check` looks at every file).
pub fn render_to_memory(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
) -> (Option<RenderedSite>, Diagnostics) {
    let ((copies, diags), files) = super::output::collect(|keep| {
        render_site(site, theme, options, &|file| {
            keep(file);
            Ok(())
        })
    });
    (copies.map(|copies| RenderedSite { files, copies }), diags)
}

/// Files copied as they are: the files beside pages that a page of this site shows or
/// links to (its `image:`, its body, a section's introduction), then the site's `static/`.
/// A draft's photo, a backup or a stray list beside the pages stays unpublished.
pub fn copies(
    site: &Site,
    bodies: &[Arc<Rendered>],
    intros: &[Option<Rendered>],
) -> Vec<AssetFile> {
    let images =
        (site.pages.iter()).filter_map(|p| asset_path(site.targets(), p, &p.image.as_ref()?.value));
    let linked = (bodies.iter().map(|b| &**b))
        .chain(intros.iter().flatten())
        .flat_map(|b| b.files.iter().cloned());
    let used: HashSet<String> = images.chain(linked).collect();
    (site.assets.iter())
        .filter(|a| used.contains(&a.dest))
        .chain(&site.static_files)
        .cloned()
        .collect()
}

/// Templates every theme must have.
pub(crate) fn missing_templates(site: &Site, templates: &Templates) -> Vec<Diagnostic> {
    [
        "base.html",
        "index.html",
        "section.html",
        "404.html",
        "redirect.html",
    ]
    .into_iter()
    .filter(|t| !templates.has(t))
    .map(|required| {
        Diagnostic::error(format!("主题里缺少模板 `{required}`。"))
            .in_file(format!("themes/{}/templates/{required}", site.config.theme))
    })
    .collect()
}

/// What the search index and the feeds are made from, owned: `serve` makes the index (the
/// slow part) on another thread, so a newer edit does not wait for it.
pub struct SiteFiles {
    docs: Vec<SearchDoc>,
    synonyms: Synonyms,
    feeds: Vec<OutputFile>,
}

impl SiteFiles {
    /// `sitemap_lists`: the lists the sitemap names ([`sitemap_lists`]).
    pub(crate) fn gather(views: &Views, sitemap_lists: &[String]) -> Self {
        let site = views.site;
        let mut feeds = Vec::new();
        if let Some(base) = &site.config.base_url {
            feeds.push(feeds::sitemap(site, base, sitemap_lists));
            feeds.push(feeds::atom(views, base));
            feeds.push(feeds::json_feed(views, base));
        }
        SiteFiles {
            docs: search_docs(views),
            synonyms: Synonyms::with_site(&site.config.synonyms),
            feeds,
        }
    }

    pub fn make(self) -> Vec<OutputFile> {
        super::output::collect(|keep| self.make_each(keep)).1
    }

    /// Make the files, handing each to `emit` as soon as it is made.
    pub fn make_each(self, emit: &(dyn Fn(OutputFile) + Sync)) {
        search::build_index(&self.docs, &self.synonyms, emit);
        self.feeds.into_iter().for_each(emit);
    }
}

/// Renders jobs with the variables every template shares.
pub(crate) struct Renderer<'a> {
    views: &'a Views<'a>,
    templates: &'a Templates,
    common: Common<'a>,
    /// `common` as template variables, made once: each worker renders its jobs into its own
    /// copy, replacing the variables that differ from job to job.
    shared: tera::Context,
}

impl<'a> Renderer<'a> {
    /// `urgent` is `views.urgent()`, held by the caller so pages can borrow it.
    pub fn new(
        views: &'a Views<'a>,
        templates: &'a Templates,
        urgent: &'a [PageSummary],
        options: RenderOptions,
    ) -> Self {
        let site = views.site;
        let common = Common {
            site: &views.site_view,
            t: &views.theme.words,
            lang: site.config.language.code(),
            root: String::new(),
            path: String::new(),
            urgent,
            breadcrumbs: Vec::new(),
            canonical: None,
            jsonld: Vec::new(),
            built_at: site.now.to_string(),
            search_shards: search_shards(views),
            search_rules: search::rules::classes_json(),
            assets: &views.asset_versions,
            serving: options.serving,
        };
        // Plain data always serializes; an empty context would only fail the templates.
        let shared = tera::Context::from_serialize(&common).unwrap_or_default();
        Renderer {
            views,
            templates,
            common,
            shared,
        }
    }

    /// The relative prefix to the site root; on the 404 page `base_url` when it is set,
    /// because servers show that page at any missing address, however deep, where relative
    /// links would point nowhere. `serve` keeps it relative: base_url is the public site.
    fn root(&self, path: &str) -> String {
        match &self.views.site.config.base_url {
            Some(base) if path == urls::NOT_FOUND && !self.common.serving => base.clone(),
            _ => urls::root_prefix(path),
        }
    }

    /// What every page shares, for `serve` to tell when all of them change.
    pub fn common(&self) -> &Common<'a> {
        &self.common
    }

    /// The variables of `job` that are not shared by every job.
    fn job_vars(&self, job: &Job) -> Vec<(&'static str, Value)> {
        let site = self.views.site;
        // A missing address has no canonical one: the 404 page names none.
        let canonical = site
            .config
            .base_url
            .as_ref()
            .filter(|_| job.path != urls::NOT_FOUND)
            .map(|b| format!("{b}{}", job.path));
        let mut vars = match &job.vars {
            Vars::Page(i) => vec![("page", to_value(&self.views.page_view(*i)))],
            Vars::Redirect { page, target } => vec![
                ("target", Value::from(target.as_str())),
                ("page", to_value(&self.views.summaries[*page])),
            ],
            Vars::List(list) => list.take(),
        };
        let jsonld = jsonld::blocks(self.views, job);
        vars.extend([
            ("root", Value::from(self.root(&job.path))),
            ("path", Value::from(job.path.as_str())),
            ("breadcrumbs", to_value(&job.breadcrumbs)),
            ("canonical", to_value(&canonical)),
            ("jsonld", to_value(&jsonld)),
        ]);
        vars
    }

    /// Render `job` with `ctx`, a copy of the shared variables, and leave it as it was.
    fn render_in(&self, ctx: &mut tera::Context, job: &Job) -> Result<OutputFile, Diagnostic> {
        let vars = self.job_vars(job);
        let names: Vec<&str> = vars.iter().map(|(k, _)| *k).collect();
        // Values share their data (Arc): inserting a list's megabytes copies nothing.
        for (name, value) in vars {
            ctx.insert_value(name, value);
        }
        let result = self.templates.render(job.template, ctx);
        for name in names {
            if self.shared.get(name).is_none() {
                ctx.remove(name);
            }
        }
        result.map(|html| OutputFile::new(job.path.clone(), html))
    }

    /// Render jobs in parallel: the files in the order of the jobs, and an error for each
    /// job that failed.
    pub fn render_all<'j>(
        &self,
        jobs: impl IntoIterator<Item = &'j Job<'j>>,
    ) -> (Vec<OutputFile>, Diagnostics)
    where
        'a: 'j,
    {
        let jobs: Vec<&Job> = jobs.into_iter().collect();
        let results: Vec<Result<OutputFile, Diagnostic>> = jobs
            .into_par_iter()
            .map_init(|| self.shared.clone(), |ctx, job| self.render_in(ctx, job))
            .collect();
        let mut files = Vec::with_capacity(results.len());
        let mut diags = Diagnostics::new();
        for r in results {
            match r {
                Ok(f) => files.push(f),
                Err(d) => diags.push(d),
            }
        }
        (files, diags)
    }

    /// Render jobs in parallel, handing each file to `emit` as soon as it is made, so a
    /// build never holds the whole site in memory. The errors of every job that failed.
    pub fn render_each(&self, jobs: &[Job], emit: &Emit) -> Diagnostics {
        jobs.par_iter()
            .map_init(
                || self.shared.clone(),
                |ctx, job| self.render_in(ctx, job).and_then(emit),
            )
            .filter_map(Result::err)
            .collect::<Vec<_>>()
            .into_iter()
            .collect()
    }
}

/// Where rendered files go: straight to disk in a build, into memory for `check`.
pub type Emit<'e> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'e;

/// One broken shared template (base.html) fails every page: say it once.
fn dedup_template_errors(diags: Diagnostics) -> Diagnostics {
    let mut seen = std::collections::HashSet::new();
    diags
        .into_iter()
        .filter(|d| seen.insert((d.file.clone(), d.position, d.message.clone())))
        .collect()
}

/// The pages the search index gets, with their place in `views`: published pages only,
/// never drafts or scheduled ones.
fn indexed<'v>(views: &'v Views) -> impl Iterator<Item = (usize, &'v crate::model::Page)> {
    (views.site.pages.iter().enumerate()).filter(|(_, p)| p.status.is_published())
}

/// The search index's shard count, from the text of the pages [`search_docs`] hands it,
/// known before the index is made.
fn search_shards(views: &Views) -> usize {
    search::index::shard_count(
        indexed(views)
            .map(|(i, _)| views.bodies[i].text.len())
            .sum(),
    )
}

/// What the search index gets.
pub(crate) fn search_docs(views: &Views) -> Vec<SearchDoc> {
    indexed(views)
        .map(|(i, p)| {
            let s = &views.summaries[i];
            let body = &views.bodies[i];
            // A page without a date of its own (a guide) shows when it was last updated,
            // as its lists do.
            let date = s.date.as_ref().or(s.updated.as_ref());
            SearchDoc {
                url: p.path.clone(),
                title: p.title.clone(),
                kind: p.kind,
                date: date.map(|d| d.display.clone()),
                date_iso: date.map(|d| d.iso_date.clone()),
                updated: s.date.is_none() && s.updated.is_some(),
                expired: p.status == Status::Expired,
                summary: s.summary.clone(),
                tags: p.tags.clone(),
                category: p.category.clone(),
                headings: body.toc.iter().map(|t| t.text.clone()).collect(),
                body: body.text.clone(),
                materials: p
                    .guide
                    .as_ref()
                    .map(|g| g.materials.iter().map(|m| m.name.clone()).collect())
                    .unwrap_or_default(),
                steps: p
                    .guide
                    .as_ref()
                    .map(|g| g.steps.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}
