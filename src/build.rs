//! The `build` driver: load → model → render → write, collecting every diagnostic.
//! `check` and `serve` reuse [`load_site`]; only `build` writes.

use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::site::{assemble, Loaded};
use crate::model::{date, slug, Site};
use crate::render::pages::{
    render_site, render_to_memory, render_with_bodies, RenderOptions, RenderedSite,
};
use crate::render::{self, theme, OutputFile};
use crate::write;
use jiff::Timestamp;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The build's "now": a moment, or the text of `--now` (read in the site's time zone).
#[derive(Debug, Clone)]
pub enum Now {
    At(Timestamp),
    Text(String),
}

impl Now {
    pub fn resolve(&self, config: &SiteConfig) -> Result<Timestamp, Diagnostic> {
        match self {
            Now::At(t) => Ok(*t),
            Now::Text(s) => date::parse(s, &config.timezone)
                .map(|d| d.timestamp())
                .map_err(|why| {
                    Diagnostic::error(format!("`--now` 的值不对：{why}"))
                        .with_hint(
                            "写成 `--now 2026-09-25` 或 `--now 2026-09-25T12:00:00+08:00` 这样。",
                        )
                        .of_usage()
                }),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub now: Now,
    /// Include drafts and scheduled pages (a preview).
    pub drafts: bool,
}

/// Read and validate the site: every diagnostic of load and model together.
pub fn load_site(options: &Options) -> (Option<Site>, Diagnostics) {
    let root = &options.root;
    let mut diags = Diagnostics::new();
    let config = config::load(root);
    let (tree, walk_diags) = load::walk::walk(root);
    diags.extend(walk_diags);
    // Loading the word dictionary takes a core a tenth of a second: begin while the files
    // are read, rather than when the first page named in Chinese needs it.
    let dictionary = (tree.markdown.iter())
        .any(|e| slug::name_needs_dictionary(&e.rel_path))
        .then(|| std::thread::spawn(slug::load_dictionary));
    let (sources, load_diags) = load::load_sources(root, &tree);
    diags.extend(load_diags);
    let config = match config {
        Ok(c) => c,
        Err(d) => {
            diags.extend(d);
            return (None, diags);
        }
    };
    let now = match options.now.resolve(&config) {
        Ok(n) => n,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let loaded = Loaded {
        config,
        sources,
        assets: tree.assets,
        static_files: tree.static_files,
    };
    let (site, model_diags) = assemble(loaded, now, options.drafts);
    diags.extend(model_diags);
    // Loaded before the caller may release it, or it would stay for the whole build.
    if let Some(loading) = dictionary {
        let _ = loading.join();
    }
    (Some(site), diags)
}

/// Render a site already loaded, into memory, with its theme. `None` when the theme or a
/// template fails.
pub fn render_loaded(
    options: &Options,
    site: &Site,
    render: RenderOptions,
) -> (Option<RenderedSite>, Diagnostics) {
    match theme::load(&options.root, &site.config) {
        Ok(theme) => render_to_memory(site, &theme, render),
        Err(d) => (None, d),
    }
}

#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
}

/// Build into `output`. On any error nothing is written and the old output stays.
pub fn build(options: &Options, output: &Path) -> (Option<Report>, Diagnostics) {
    if let Err(d) = write::check_output_dir(&options.root, output) {
        return (None, Diagnostics::from_iter([d]));
    }
    let (site, mut diags) = load_site(options);
    // Every slug is made: the rest of the build does not need the word dictionary.
    crate::model::slug::release_dictionary();
    let Some(site) = site else {
        return (None, diags);
    };
    let theme = match theme::load(&options.root, &site.config) {
        Ok(theme) => theme,
        Err(d) => {
            diags.extend(d);
            return (None, diags);
        }
    };
    if diags.has_errors() {
        // Render anyway, writing nothing, for the errors of the bodies and templates: staff
        // get every error of the build at once.
        let (_, render_diags) = render_site(&site, &theme, RenderOptions::default(), &|_| Ok(()));
        diags.extend(render_diags);
        return (None, diags);
    }
    let staging = match write::Staging::begin(&options.root, output) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let pages = AtomicUsize::new(0);
    let files = AtomicUsize::new(0);
    let write = |file: OutputFile| {
        staging.put(&file.path, &file.bytes)?;
        files.fetch_add(1, Ordering::Relaxed);
        if file.path.ends_with(".html") {
            pages.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    };
    let bodies = render::bodies::render_all(&site);
    let mut site = site;
    site.release_sources();
    let (copies, render_diags) =
        render_with_bodies(&site, &theme, bodies, RenderOptions::default(), &write);
    diags.extend(render_diags);
    let Some(copies) = copies.filter(|_| !diags.has_errors()) else {
        return (None, diags);
    };
    let copied: Result<(), Diagnostic> = copies.par_iter().try_for_each(|c| staging.copy(c));
    match copied.and_then(|()| staging.commit()) {
        Ok(()) => {
            let report = Report {
                pages: pages.into_inner(),
                files: files.into_inner() + copies.len(),
            };
            (Some(report), diags)
        }
        Err(d) => {
            diags.push(d);
            (None, diags)
        }
    }
}
