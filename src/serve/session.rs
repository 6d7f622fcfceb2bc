//! The site kept in memory between rebuilds. The [`pipeline`](crate::pipeline) reads again
//! only what a change touched (a changed page file, the folders when files appeared or
//! disappeared, everything when site.yaml changed); what is rendered again is the render
//! stage's business ([`crate::render::incremental`]). The session keeps the compiled
//! templates and the render cache beside it.

use super::watch::ChangeSet;
use crate::diagnostics::Diagnostics;
use crate::pipeline::{Options, Pipeline, Settings};
use crate::render::incremental::{render_changes, Changes, Outcome, RenderCache, Sink};
use crate::render::templates::Templates;
use crate::render::RenderOptions;
use std::collections::HashSet;

pub struct Session {
    pipeline: Pipeline,
    /// The theme's templates, compiled once per theme read.
    templates: Option<Result<Templates, Diagnostics>>,
    cache: RenderCache,
}

impl Session {
    /// `options.root` should be absolute, as the watcher reports absolute paths.
    pub fn new(options: Options) -> Self {
        Session {
            pipeline: Pipeline::new(options),
            templates: None,
            cache: RenderCache::default(),
        }
    }

    /// Rebuild after `changes` and publish what changed to `sink`. Returns every diagnostic
    /// of the site as it now is (with errors nothing is published), and the inputs of the
    /// search index and feeds when they changed.
    pub fn rebuild(&mut self, changes: &ChangeSet, sink: &mut dyn Sink) -> Outcome {
        let ran = self.pipeline.update(changes.touched());
        if ran.theme_reloaded {
            self.templates = None;
            // Every file is rendered again, with the new settings or theme.
            self.cache.forget_rendered();
        }
        let mut diags = self.pipeline.diagnostics();
        let (
            Some(Settings {
                theme: Ok(theme), ..
            }),
            Some(site),
        ) = (self.pipeline.settings(), self.pipeline.site())
        else {
            return Outcome { diags, later: None };
        };
        let templates = self.templates.get_or_insert_with(|| Templates::new(theme));
        let templates = match templates {
            Ok(templates) => templates,
            Err(d) => {
                diags.extend(d.iter().cloned());
                return Outcome { diags, later: None };
            }
        };
        let edited: HashSet<String> = ran.edited.into_iter().collect();
        let input = Changes {
            site,
            in_place: ran.in_place,
            theme,
            templates,
            options: RenderOptions { serving: true },
            edited: &edited,
            has_errors: diags.has_errors(),
        };
        let mut outcome = render_changes(input, &mut self.cache, sink);
        diags.extend(std::mem::take(&mut outcome.diags));
        Outcome { diags, ..outcome }
    }
}
