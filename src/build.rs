//! The `build` command: the site read through the [`pipeline`](crate::pipeline), rendered,
//! and written into the output folder in one swap. Only `build` writes the site.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::slug;
use crate::pipeline::{load_site, Options};
use crate::render::pages::{render_site, render_with_bodies, RenderOptions};
use crate::render::{self, OutputFile};
use crate::write;
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
}

/// Build into `output`, with precompressed copies of text files when `precompress`. On any
/// error nothing is written and the old output stays.
pub fn build(options: &Options, output: &Path, precompress: bool) -> (Option<Report>, Diagnostics) {
    if let Err(d) = write::check_output_dir(&options.root, output) {
        return (None, Diagnostics::from_iter([d]));
    }
    let (site, theme, mut diags) = load_site(options);
    // Every slug is made: the rest of the build does not need the word dictionary.
    slug::release_dictionary();
    let (Some(site), Some(theme)) = (site, theme) else {
        return (None, diags);
    };
    if diags.has_errors() {
        // Render anyway, writing nothing, for the errors of the bodies and templates: staff
        // get every error of the build at once.
        let (_, render_diags) = render_site(&site, &theme, RenderOptions::default(), &|_| Ok(()));
        diags.extend(render_diags);
        return (None, diags);
    }
    let staging = match write::Staging::begin(&options.root, output) {
        Ok(s) => s.precompressing(precompress),
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
    let keep_metadata = site.config.images.keep_metadata;
    let failed: Vec<Diagnostic> = (copies.par_iter())
        .filter_map(|c| staging.copy(c, keep_metadata).err())
        .collect();
    if !failed.is_empty() {
        diags.extend(failed);
        return (None, diags);
    }
    match staging.commit() {
        Ok(warning) => {
            diags.extend(warning);
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
