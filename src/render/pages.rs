//! Render every output file of the site into memory: pages, lists, tags, home, search page,
//! redirects for aliases, 404, feeds, the search index and static files.

use super::bodies;
use super::context::*;
use super::feeds;
use super::jsonld;
use super::search::{self, SearchDoc};
use super::templates::Templates;
use super::theme::Theme;
use super::views::{excerpt, is_listed_as_current, template_for, Views};
use super::OutputFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::walk::AssetFile;
use crate::model::{urls, Kind, Site, Status};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

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

/// What a job puts into its template besides `Common`. Pages and redirects name the page
/// they show, so `serve` can tell from its parts whether a job changed without computing
/// its variables.
pub(crate) enum Vars<'a> {
    /// The full view of a page, as `page`.
    Page(usize),
    /// A redirect from an alias to page `page`: `target` and the page's summary as `page`.
    Redirect { page: usize, target: String },
    /// A list, tag page, home, search or 404: its variables, made when the job is rendered
    /// (made ahead, the lists of 10,000 pages held about 300 MB).
    List(ListVars<'a>),
}

pub(crate) type ListVars<'a> = Box<dyn Fn() -> Vec<(&'static str, Value)> + Send + Sync + 'a>;

fn list_vars<'a>(make: impl Fn() -> Vec<(&'static str, Value)> + Send + Sync + 'a) -> Vars<'a> {
    Vars::List(Box::new(make))
}

/// One file to render: its output path, template and variables.
pub(crate) struct Job<'a> {
    pub path: String,
    pub template: &'static str,
    pub vars: Vars<'a>,
    pub breadcrumbs: Vec<Link>,
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
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
    let mut diags = Diagnostics::new();
    let templates = match Templates::new(theme) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    let (bodies, intros, body_diags) = bodies::render_all(site);
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
    let views = Views::new(site, theme, &bodies);
    // Lists first: the FAQ list of a large site is one long job, which would otherwise
    // keep one thread busy after the other has run out of pages.
    let mut jobs = plan_list_jobs(&views, &intros, &templates);
    jobs.extend(plan_page_jobs(&views));
    let urgent = views.urgent();
    let renderer = Renderer::new(&views, &templates, &urgent, options);
    diags.extend(renderer.render_each(&jobs, &emit));
    if diags.has_errors() {
        return (None, dedup_template_errors(diags));
    }
    // The index needs only the pages' text, which it shares: the rendered bodies' HTML
    // (about 60 MB on 10,000 pages) goes before it is built.
    let site_files = SiteFiles::gather(&views);
    drop(jobs);
    drop(renderer);
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
    (Some(copies(site)), diags)
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

/// Files copied as they are: images beside pages, then the site's `static/`.
pub fn copies(site: &Site) -> Vec<AssetFile> {
    site.assets
        .iter()
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
        Diagnostic::error(format!("the theme has no template `{required}`"))
            .in_file(format!("themes/{}/templates/{required}", site.config.theme))
    })
    .collect()
}

/// What the search index and the feeds are made from, owned: `serve` makes the index (the
/// slow part) on another thread, so a newer edit does not wait for it.
pub struct SiteFiles {
    docs: Vec<SearchDoc>,
    feeds: Vec<OutputFile>,
}

impl SiteFiles {
    pub(crate) fn gather(views: &Views) -> Self {
        let site = views.site;
        let mut feeds = Vec::new();
        if let Some(base) = &site.config.base_url {
            feeds.push(feeds::sitemap(site, base, &list_paths(site)));
            feeds.push(feeds::atom(views, base));
        }
        SiteFiles {
            docs: search_docs(views),
            feeds,
        }
    }

    pub fn make(self) -> Vec<OutputFile> {
        super::output::collect(|keep| self.make_each(keep)).1
    }

    /// Make the files, handing each to `emit` as soon as it is made.
    pub fn make_each(self, emit: &(dyn Fn(OutputFile) + Sync)) {
        search::build_index(&self.docs, emit);
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

    pub fn templates(&self) -> &'a Templates {
        self.templates
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
                ("target", Value::String(target.clone())),
                ("page", to_value(&self.views.summaries[*page])),
            ],
            Vars::List(make) => make(),
        };
        let jsonld = jsonld::blocks(self.views, job, &vars);
        vars.extend([
            ("root", Value::String(self.root(&job.path))),
            ("path", Value::String(job.path.clone())),
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
        let own: serde_json::Map<String, Value> =
            vars.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        // Moved in, not serialized again: a list's variables can be megabytes.
        if let Ok(own) = tera::Context::from_value(Value::Object(own)) {
            ctx.extend(own);
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

pub(crate) fn list_paths(site: &Site) -> Vec<String> {
    let mut paths = vec![urls::HOME.to_owned()];
    paths.extend(
        site.sections
            .iter()
            .filter(|s| !s.pages.is_empty())
            .map(|s| urls::section(s.kind)),
    );
    paths
}

fn crumbs(site: &Site, kind: Option<Kind>) -> Vec<Link> {
    let home = Link {
        title: site.config.title.clone(),
        url: urls::HOME.to_owned(),
    };
    let mut out = vec![home];
    if let Some(kind) = kind {
        out.push(Link {
            title: site.section(kind).title.clone(),
            url: urls::section(kind),
        });
    }
    out
}

/// Each page, and a redirect for each of its aliases.
pub(crate) fn plan_page_jobs<'a>(views: &'a Views<'a>) -> Vec<Job<'a>> {
    let site = views.site;
    let mut jobs = Vec::with_capacity(site.pages.len() + 64);
    for i in 0..site.pages.len() {
        jobs.extend(page_jobs(views, i));
    }
    jobs
}

/// Page `i`, and a redirect for each of its aliases.
pub(crate) fn page_jobs<'a>(views: &'a Views<'a>, i: usize) -> Vec<Job<'a>> {
    let site = views.site;
    let page = &site.pages[i];
    let mut jobs = vec![Job {
        path: page.path.clone(),
        template: template_for(page.kind),
        vars: Vars::Page(i),
        breadcrumbs: crumbs(site, Some(page.kind)),
    }];
    for alias in &page.aliases {
        if let Some(file) = urls::alias_file(&alias.value) {
            let target = urls::relative(&file, &page.path);
            jobs.push(Job {
                path: file,
                template: "redirect.html",
                vars: Vars::Redirect { page: i, target },
                breadcrumbs: Vec::new(),
            });
        }
    }
    jobs
}

/// Every other file made from a template: section lists, the archive, tags, home, search
/// and 404.
pub(crate) fn plan_list_jobs<'a>(
    views: &'a Views<'a>,
    intros: &[Option<super::markdown::Rendered>],
    templates: &Templates,
) -> Vec<Job<'a>> {
    let site = views.site;
    let mut jobs = Vec::with_capacity(64);

    for (section, intro) in site.sections.iter().zip(intros) {
        let current: Vec<usize> = section
            .pages
            .iter()
            .copied()
            .filter(|i| is_listed_as_current(&site.pages[*i]))
            .collect();
        let mut ordered = current.clone();
        if section.kind == Kind::Notice {
            // Pinned notices first; the sort is stable, so each group stays newest first.
            ordered.sort_by_key(|i| !site.pages[*i].pinned);
        }
        let expired: Vec<usize> = section
            .pages
            .iter()
            .copied()
            .filter(|i| site.pages[*i].status == Status::Expired)
            .collect();
        let base = SectionView {
            name: section.kind.section().to_owned(),
            kind: section.kind.as_str(),
            title: section.title.clone(),
            url: urls::section(section.kind),
            intro: intro.as_ref().map(|r| r.html.clone()).unwrap_or_default(),
            summary: section
                .meta
                .as_ref()
                .and_then(|m| m.summary.clone())
                .or_else(|| intro.as_ref().map(|r| excerpt(&r.text, 110)))
                .unwrap_or_default(),
            pages: Vec::new(),
            paginator: None,
            categories: Vec::new(),
            archive_url: (!expired.is_empty()).then(|| urls::ARCHIVE.to_owned()),
        };
        // The FAQ list shows every question with its answer, grouped by category: the
        // questions of a category are put together so that pages split them at most once.
        let faq_list = section.kind == Kind::Faq && templates.has("faq_list.html");
        if faq_list {
            ordered = grouped_by_category(site, &ordered);
        }
        let template = if faq_list {
            "faq_list.html"
        } else {
            "section.html"
        };
        let per_page = section.paginate(&site.config);
        let chunks: Vec<&[usize]> = if ordered.is_empty() {
            vec![&[]]
        } else {
            ordered.chunks(per_page).collect()
        };
        let total = chunks.len();
        for (n, chunk) in chunks.into_iter().enumerate() {
            let number = n + 1;
            let paginator = (total > 1).then(|| Paginator {
                current: number,
                total,
                prev_url: (number > 1).then(|| urls::section_page(section.kind, number - 1)),
                next_url: (number < total).then(|| urls::section_page(section.kind, number + 1)),
                pages: (1..=total)
                    .map(|k| Link {
                        title: views.theme.word("page_n").replace("{n}", &k.to_string()),
                        url: urls::section_page(section.kind, k),
                    })
                    .collect(),
            });
            let base = SectionView {
                paginator,
                ..base.clone()
            };
            let chunk = chunk.to_vec();
            jobs.push(Job {
                path: urls::section_page(section.kind, number),
                template,
                vars: list_vars(move || {
                    let view = SectionView {
                        pages: views.summaries_of(chunk.iter().copied()),
                        categories: if faq_list {
                            faq_categories(views, &chunk)
                        } else {
                            Vec::new()
                        },
                        ..base.clone()
                    };
                    vec![("section", to_value(&view))]
                }),
                breadcrumbs: crumbs(site, None),
            });
        }
        if section.kind == Kind::Notice && templates.has("archive.html") {
            let base = SectionView {
                title: views.theme.word("archive"),
                url: urls::ARCHIVE.to_owned(),
                intro: String::new(),
                ..base
            };
            jobs.push(Job {
                path: urls::ARCHIVE.to_owned(),
                template: "archive.html",
                vars: list_vars(move || {
                    let view = SectionView {
                        pages: views.summaries_of(expired.iter().copied()),
                        ..base.clone()
                    };
                    vec![("section", to_value(&view))]
                }),
                breadcrumbs: crumbs(site, Some(Kind::Notice)),
            });
        }
    }

    let tag_views: Vec<TagView> = site
        .tags
        .iter()
        .map(|t| TagView {
            name: t.name.clone(),
            slug: t.slug.clone(),
            url: t.path.clone(),
            count: t.pages.len(),
            pages: Vec::new(),
        })
        .collect();
    if templates.has("tag.html") {
        for (tag, view) in site.tags.iter().zip(&tag_views) {
            let view = view.clone();
            let mut tag_crumbs = crumbs(site, None);
            tag_crumbs.push(Link {
                title: views.theme.word("tags"),
                url: urls::TAGS.to_owned(),
            });
            jobs.push(Job {
                path: tag.path.clone(),
                template: "tag.html",
                vars: list_vars(move || {
                    let view = TagView {
                        pages: views.summaries_of(tag.pages.iter().copied()),
                        ..view.clone()
                    };
                    vec![("tag", to_value(&view))]
                }),
                breadcrumbs: tag_crumbs,
            });
        }
    }
    if templates.has("tags.html") {
        jobs.push(Job {
            path: urls::TAGS.to_owned(),
            template: "tags.html",
            vars: list_vars(move || vec![("tags", to_value(&tag_views))]),
            breadcrumbs: crumbs(site, None),
        });
    }

    let current_of = |kind: Kind| -> Vec<usize> {
        site.section(kind)
            .pages
            .iter()
            .copied()
            .filter(|i| is_listed_as_current(&site.pages[*i]))
            .collect()
    };
    let notices = current_of(Kind::Notice);
    let home = HomeView {
        pinned: views.summaries_of(notices.iter().copied().filter(|i| site.pages[*i].pinned)),
        latest: views.summaries_of(
            notices
                .iter()
                .copied()
                .filter(|i| !site.pages[*i].pinned)
                .take(6),
        ),
        guides: views.summaries_of(current_of(Kind::Guide).into_iter().take(6)),
        faqs: views.summaries_of(current_of(Kind::Faq).into_iter().take(6)),
        stories: views.summaries_of(current_of(Kind::Story).into_iter().take(3)),
    };
    jobs.push(Job {
        path: urls::HOME.to_owned(),
        template: "index.html",
        vars: list_vars(move || vec![("home", to_value(&home))]),
        breadcrumbs: Vec::new(),
    });
    if templates.has("search.html") {
        jobs.push(Job {
            path: urls::SEARCH.to_owned(),
            template: "search.html",
            vars: list_vars(Vec::new),
            breadcrumbs: crumbs(site, None),
        });
    }
    jobs.push(Job {
        path: urls::NOT_FOUND.to_owned(),
        template: "404.html",
        vars: list_vars(Vec::new),
        breadcrumbs: Vec::new(),
    });
    jobs
}

/// `ordered` with the pages of each category together, categories in the order their
/// first page appears (as [`faq_categories`] groups them).
fn grouped_by_category(site: &Site, ordered: &[usize]) -> Vec<usize> {
    let mut rank: std::collections::HashMap<Option<&str>, usize> = Default::default();
    for &i in ordered {
        let next = rank.len();
        rank.entry(site.pages[i].category.as_deref())
            .or_insert(next);
    }
    let mut grouped = ordered.to_vec();
    grouped.sort_by_key(|&i| rank.get(&site.pages[i].category.as_deref()).copied());
    grouped
}

/// FAQ pages grouped by category, groups in the order their first question appears.
fn faq_categories(views: &Views, ordered: &[usize]) -> Vec<CategoryGroup> {
    let other = views.theme.word("other");
    let mut groups: Vec<CategoryGroup> = Vec::new();
    for &i in ordered {
        let name = views.site.pages[i]
            .category
            .clone()
            .unwrap_or_else(|| other.clone());
        let view = views.page_view(i);
        match groups.iter_mut().find(|g| g.name == name) {
            Some(g) => g.pages.push(view),
            None => {
                let id = format!("cat-{}", super::markdown::heading_id(&name));
                groups.push(CategoryGroup {
                    name,
                    id,
                    pages: vec![view],
                });
            }
        }
    }
    groups
}

/// What the search index gets: published pages only, never drafts or scheduled ones.
pub(crate) fn search_docs(views: &Views) -> Vec<SearchDoc> {
    let site = views.site;
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status.is_published())
        .map(|(i, p)| {
            let s = &views.summaries[i];
            let body = &views.bodies[i];
            SearchDoc {
                url: p.path.clone(),
                title: p.title.clone(),
                kind: p.kind,
                date: s.date.as_ref().map(|d| d.display.clone()),
                date_iso: s.date.as_ref().map(|d| d.iso_date.clone()),
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
