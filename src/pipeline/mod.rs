//! The pipeline: read a site and assemble its model, once for `build`, `check` and `new`, and
//! again after each change for `serve`. Every driver goes through [`Pipeline`], so a site
//! is read one way only: settings and theme (`site.yaml`, `themes/`), a walk of the folders,
//! each Markdown file loaded and read into a page or a section's settings, then the site
//! assembled from them with the checks across pages.
//!
//! What the pipeline keeps between runs is one state per Markdown file; a change re-reads
//! only the files it touched, and puts a page whose place did not change straight into the
//! site (see [`Site::replace_page`]).

mod files;

use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::{self, Theme};
use crate::model::{date, slug, Site};
use files::Files;
use jiff::Timestamp;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The build's "now": a moment, or the text of `--now` (read in the site's time zone).
#[derive(Debug, Clone)]
pub enum Now {
    At(Timestamp),
    Text(String),
    /// The computer's clock, read again at each run: `serve` runs for days, and a notice
    /// the desk takes down "now" must show as expired.
    Clock,
}

impl Now {
    pub fn resolve(&self, config: &SiteConfig) -> Result<Timestamp, Diagnostic> {
        match self {
            Now::At(t) => Ok(*t),
            Now::Clock => Ok(Timestamp::now()),
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

/// A page's text given instead of its file, which may not exist yet: the desk checks and
/// previews a page as it is being written through the same stages as a build.
#[derive(Debug, Clone)]
pub struct Draft {
    pub entry: crate::load::walk::ContentEntry,
    pub text: String,
}

/// What changed since the pipeline last ran.
#[derive(Debug, Clone, Copy)]
pub struct Touched<'a> {
    /// Read everything again (the first run, or `site.yaml` changed).
    pub everything: bool,
    /// A file of the site's theme changed.
    pub theme: bool,
    /// Files and folders under `content/` and `static/` that changed, appeared or vanished.
    pub paths: &'a BTreeSet<String>,
}

/// What a run of the pipeline did, for the render stage.
#[derive(Debug, Default)]
pub struct Ran {
    /// The Markdown files read again, by path under `content/`.
    pub edited: Vec<String>,
    /// Whether the pages read again went straight into the site, which kept its shape.
    pub in_place: bool,
    /// Whether the settings or the theme were read again: everything renders anew.
    pub theme_reloaded: bool,
}

/// Settings read from `site.yaml`, with the "now" they resolve and the theme they name.
pub struct Settings {
    pub config: SiteConfig,
    pub now: Timestamp,
    pub theme: Result<Theme, Diagnostics>,
}

/// A site read, kept between runs.
pub struct Pipeline {
    options: Options,
    /// None until `site.yaml` reads without errors.
    settings: Option<Settings>,
    files: Files,
    site: Option<Site>,
    /// The checks across pages of the last assembly.
    model_diags: Diagnostics,
    /// Why the settings could not be read, while they cannot.
    settings_diags: Diagnostics,
    draft: Option<Draft>,
}

impl Pipeline {
    /// `options.root` should be absolute where paths of changes are compared with it.
    pub fn new(options: Options) -> Self {
        Pipeline {
            files: Files::with_draft(None, options.drafts),
            options,
            settings: None,
            site: None,
            model_diags: Diagnostics::new(),
            settings_diags: Diagnostics::new(),
            draft: None,
        }
    }

    /// A pipeline that reads `draft.text` for the draft's file.
    pub fn with_draft(options: Options, draft: Draft) -> Self {
        Pipeline {
            files: Files::with_draft(Some(draft.clone()), options.drafts),
            draft: Some(draft),
            ..Pipeline::new(options)
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Read everything: the settings, the theme and every file.
    pub fn load(&mut self) -> Ran {
        self.site = None;
        self.files = Files::with_draft(self.draft.clone(), self.options.drafts);
        self.settings_diags = Diagnostics::new();
        // The settings and the files do not depend on each other: read the files even when
        // site.yaml has errors, so staff see every mistake at once.
        let settings = self.read_settings();
        self.files.walk(&self.options.root);
        // Loading the word dictionary takes a core a tenth of a second: begin while the
        // files are read, rather than when the first page named in Chinese needs it.
        let dictionary = (self.files.names().any(slug::name_needs_dictionary))
            .then(|| std::thread::spawn(slug::load_dictionary));
        match settings {
            Ok(settings) => {
                let all = self.files.all_paths();
                self.files.read(&self.options.root, &all, &settings);
                self.settings = Some(settings);
                self.assemble();
            }
            Err(d) => {
                self.files.load_only(&self.options.root);
                self.settings_diags = d;
            }
        }
        if let Some(loading) = dictionary {
            let _ = loading.join();
        }
        Ran {
            theme_reloaded: true,
            ..Ran::default()
        }
    }

    /// Read again what `touched` names: everything, the theme, or the files.
    pub fn update(&mut self, touched: Touched) -> Ran {
        if touched.everything || self.settings.is_none() {
            return self.load();
        }
        if let (Now::Clock, Some(settings)) = (&self.options.now, &mut self.settings) {
            settings.now = Timestamp::now();
        }
        let theme_reloaded = touched.theme || self.replaces_theme_static(touched.paths);
        if theme_reloaded {
            self.reload_theme();
        }
        let (mut to_read, structural) = self.files.classify(&self.options.root, touched.paths);
        if structural {
            self.files.walk(&self.options.root);
            self.dismantle();
            self.files.forget_vanished();
            to_read.extend(self.files.unread());
        }
        let in_place = match &self.settings {
            Some(settings) => {
                let fresh = self
                    .files
                    .read_apart(&self.options.root, &to_read, settings);
                if structural {
                    self.files.put_back(fresh);
                    self.assemble();
                    false
                } else {
                    self.put_in_place(fresh)
                }
            }
            None => false,
        };
        let edited = (to_read.iter())
            .map(|p| p.strip_prefix("content/").unwrap_or(p).to_owned())
            .collect();
        Ran {
            edited,
            in_place,
            theme_reloaded,
        }
    }

    pub fn settings(&self) -> Option<&Settings> {
        self.settings.as_ref()
    }

    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// Every diagnostic of loading and assembling the site as it now is, the theme's
    /// included.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut diags = self.settings_diags.clone();
        if let Some(settings) = &self.settings {
            diags.extend(settings.config.warnings.iter().cloned());
        }
        diags.extend(self.files.diagnostics());
        diags.extend(self.model_diags.iter().cloned());
        if let Some(Settings { theme: Err(d), .. }) = &self.settings {
            diags.extend(d.iter().cloned());
        }
        diags
    }

    /// The site, its theme and every diagnostic, for a driver that runs once.
    pub fn finish(mut self) -> (Option<Site>, Option<Theme>, Diagnostics) {
        let diags = self.diagnostics();
        let theme = self.settings.take().and_then(|s| s.theme.ok());
        (self.site.take(), theme, diags)
    }

    /// Take in files read again. A page whose place in the site did not change (a text
    /// edit) goes straight into the site; anything else assembles the site anew. Returns
    /// whether the site kept its pages in place.
    fn put_in_place(&mut self, fresh: Vec<(String, files::FileState)>) -> bool {
        let rest = match &mut self.site {
            Some(site) => self.files.put_pages_in(site, fresh),
            None => fresh,
        };
        if rest.is_empty() && self.site.is_some() {
            return true;
        }
        self.dismantle();
        self.files.put_back(rest);
        self.assemble();
        false
    }

    /// Give every page and section back to the files they were read from.
    fn dismantle(&mut self) {
        if let Some(site) = self.site.take() {
            self.files.take_back(site.into_read());
        }
    }

    fn assemble(&mut self) {
        let Some(settings) = &self.settings else {
            return;
        };
        let read = self.files.lend(settings.config.clone());
        let (site, mut diags) =
            crate::model::site::assemble_read(read, settings.now, self.options.drafts);
        // Which files the site writes is planned from the assembled site, then checked.
        diags.extend(crate::model::plan::check_outputs(&site));
        self.site = Some(site);
        self.model_diags = diags;
    }

    /// Read site.yaml, the "now" it resolves and the theme it names.
    fn read_settings(&self) -> Result<Settings, Diagnostics> {
        let config = config::load(&self.options.root)?;
        let now = (self.options.now)
            .resolve(&config)
            .map_err(|d| Diagnostics::from_iter([d]))?;
        let theme = theme::load(&self.options.root, config.theme_choice());
        Ok(Settings { config, now, theme })
    }

    /// Whether a changed file of `static/` has the name of one of the theme's static files:
    /// the site's file replaces the theme's, and every page links it with its version.
    fn replaces_theme_static(&self, paths: &BTreeSet<String>) -> bool {
        let Some(Settings {
            theme: Ok(theme), ..
        }) = &self.settings
        else {
            return false;
        };
        paths.iter().any(|p| {
            p.strip_prefix("static/")
                .is_some_and(|rel| theme.static_files.contains_key(rel))
        })
    }

    fn reload_theme(&mut self) {
        if let Some(s) = &mut self.settings {
            s.theme = theme::load(&self.options.root, s.config.theme_choice());
        }
    }
}

/// Read and assemble the site once: every diagnostic of load and model together, and the
/// theme (`None` with its errors among the diagnostics).
pub fn load_site(options: &Options) -> (Option<Site>, Option<Theme>, Diagnostics) {
    let mut pipeline = Pipeline::new(options.clone());
    pipeline.load();
    pipeline.finish()
}
