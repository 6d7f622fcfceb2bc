//! The site kept in memory between rebuilds. A rebuild re-runs the stages only for what a
//! change touches: a changed page file is read again and the others are reused as the
//! model made them; the folders are walked again only when files appeared or disappeared;
//! site.yaml reloads everything and the theme renders everything again. What is rendered
//! again is the render stage's business ([`crate::render::incremental`]).

use super::watch::ChangeSet;
use crate::build::Options;
use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::front_matter::read_source;
use crate::load::walk::{self, ContentEntry, ContentTree};
use crate::schema::Kind;
use crate::model::page::SectionMeta;
use crate::model::site::{assemble_read, read_sources, ReadFile, ReadSite};
use crate::model::{Page, Site};
use crate::render::incremental::{render_changes, Changes, Outcome, RenderCache, Sink};
use crate::render::templates::Templates;
use crate::render::theme::{self, Theme};
use crate::render::RenderOptions;
use jiff::Timestamp;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

pub struct Session {
    options: Options,
    /// Read from site.yaml; None until it reads without errors.
    settings: Option<Settings>,
    /// Every Markdown file found by the last walk, by path from the site's folder.
    entries: HashMap<String, ContentEntry>,
    /// Every file the last walk found (pages, files beside them, `static/`).
    known: HashSet<String>,
    tree: ContentTree,
    walk_diags: Diagnostics,
    /// What the load and model stages made of each Markdown file, by path (its page is
    /// in `site` while the site is assembled).
    files: HashMap<String, FileState>,
    site: Option<Site>,
    /// The diagnostics of assembling `site` (the checks across pages).
    model_diags: Diagnostics,
    cache: RenderCache,
}

struct Settings {
    config: SiteConfig,
    now: Timestamp,
    theme: Result<(Theme, Templates), Diagnostics>,
}

/// One Markdown file as read: its page or section settings (while the site is not
/// assembled from them), and its own diagnostics.
#[derive(Default)]
struct FileState {
    page: Option<Page>,
    section: Option<(Kind, SectionMeta)>,
    diags: Vec<Diagnostic>,
}

impl Session {
    /// `options.root` should be absolute, as the watcher reports absolute paths.
    pub fn new(options: Options) -> Self {
        Session {
            options,
            settings: None,
            entries: HashMap::new(),
            known: HashSet::new(),
            tree: ContentTree::default(),
            walk_diags: Diagnostics::new(),
            files: HashMap::new(),
            site: None,
            model_diags: Diagnostics::new(),
            cache: RenderCache::default(),
        }
    }

    /// Rebuild after `changes` and publish what changed to `sink`. Returns every diagnostic
    /// of the site as it now is (with errors nothing is published), and the inputs of the
    /// search index and feeds when they changed.
    pub fn rebuild(&mut self, changes: &ChangeSet, sink: &mut dyn Sink) -> Outcome {
        let mut diags = Diagnostics::new();
        let mut in_place = false;
        let edited: Vec<String> = if changes.is_everything() || self.settings.is_none() {
            self.site = None;
            self.files.clear();
            if let Err(d) = self.load_settings() {
                diags.extend(d);
                return Outcome { diags, later: None };
            }
            self.walk();
            let all: Vec<String> = self.entries.keys().cloned().collect();
            let fresh = self.read(&all);
            self.files.extend(fresh);
            self.assemble();
            Vec::new()
        } else {
            if changes.theme || self.replaces_theme_static(changes) {
                self.reload_theme();
            }
            let (mut to_read, structural) = self.classify(changes);
            if structural {
                self.walk();
                self.dismantle();
                self.files.retain(|path, _| self.entries.contains_key(path));
                to_read.extend(
                    self.entries
                        .keys()
                        .filter(|p| !self.files.contains_key(*p))
                        .cloned(),
                );
            }
            let fresh = self.read(&to_read);
            if structural {
                self.files.extend(fresh);
                self.assemble();
            } else {
                in_place = self.put_in_place(fresh);
            }
            to_read
        };
        let edited: HashSet<String> = edited
            .iter()
            .map(|p| p.strip_prefix("content/").unwrap_or(p).to_owned())
            .collect();
        let (Some(settings), Some(site)) = (&self.settings, &self.site) else {
            return Outcome { diags, later: None };
        };
        diags.extend(self.walk_diags.iter().cloned());
        for state in self.files.values() {
            diags.extend(state.diags.iter().cloned());
        }
        diags.extend(self.model_diags.iter().cloned());
        let (theme, templates) = match &settings.theme {
            Ok((theme, templates)) => (theme, templates),
            Err(d) => {
                diags.extend(d.iter().cloned());
                return Outcome { diags, later: None };
            }
        };
        let input = Changes {
            site,
            in_place,
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

    /// Take in files read again. A page whose place in the site did not change (a text
    /// edit) goes straight into the site; anything else assembles the site anew. Returns
    /// whether the site kept its pages in place.
    fn put_in_place(&mut self, fresh: Vec<(String, FileState)>) -> bool {
        let mut rest = Vec::new();
        match &mut self.site {
            Some(site) => {
                for (path, mut state) in fresh {
                    let Some(page) = state.page.take() else {
                        rest.push((path, state));
                        continue;
                    };
                    match site.replace_page(page) {
                        // The page lives in the site now; the old one is dropped.
                        Ok(_old) => {
                            self.files.insert(path, state);
                        }
                        Err(page) => {
                            state.page = Some(page);
                            rest.push((path, state));
                        }
                    }
                }
                if rest.is_empty() {
                    return true;
                }
            }
            None => rest = fresh,
        }
        self.dismantle();
        self.files.extend(rest);
        self.assemble();
        false
    }

    /// Give every page and section back to the files they were read from.
    fn dismantle(&mut self) {
        if let Some(site) = self.site.take() {
            self.take_back(site.into_read());
        }
    }

    /// Assemble the site from every page and section read.
    fn assemble(&mut self) {
        let Some(settings) = &self.settings else {
            return;
        };
        let read = ReadSite {
            config: settings.config.clone(),
            pages: Vec::with_capacity(self.files.len()),
            metas: Vec::new(),
            assets: self.tree.assets.clone(),
            static_files: self.tree.static_files.clone(),
        };
        let read = lend(&mut self.files, read);
        let (site, diags) = assemble_read(read, settings.now, self.options.drafts);
        self.site = Some(site);
        self.model_diags = diags;
    }

    /// Read site.yaml, the "now" of this session and the theme.
    fn load_settings(&mut self) -> Result<(), Diagnostics> {
        self.settings = None;
        let config = config::load(&self.options.root)?;
        let now = self
            .options
            .now
            .resolve(&config)
            .map_err(|d| Diagnostics::from_iter([d]))?;
        let theme = load_theme(&self.options, &config);
        self.settings = Some(Settings { config, now, theme });
        // Every file is rendered again, with the new settings.
        self.cache.forget_rendered();
        Ok(())
    }

    /// Whether a changed file of `static/` has the name of one of the theme's static files:
    /// the site's file replaces the theme's, and every page links it with its version.
    fn replaces_theme_static(&self, changes: &ChangeSet) -> bool {
        let Some(Settings {
            theme: Ok((theme, _)),
            ..
        }) = &self.settings
        else {
            return false;
        };
        changes.paths.iter().any(|p| {
            p.strip_prefix("static/")
                .is_some_and(|rel| theme.static_files.contains_key(rel))
        })
    }

    fn reload_theme(&mut self) {
        if let Some(s) = &mut self.settings {
            s.theme = load_theme(&self.options, &s.config);
            self.cache.forget_rendered();
        }
    }

    fn walk(&mut self) {
        let (tree, diags) = walk::walk(&self.options.root);
        self.entries = tree
            .markdown
            .iter()
            .map(|e| (e.rel_path.clone(), e.clone()))
            .collect();
        self.known = self.entries.keys().cloned().collect();
        self.known
            .extend(tree.assets.iter().map(|a| format!("content/{}", a.dest)));
        self.known.extend(
            tree.static_files
                .iter()
                .map(|a| format!("static/{}", a.dest)),
        );
        self.tree = tree;
        self.walk_diags = diags;
    }

    /// The Markdown files that changed in place, and whether files or folders appeared or
    /// disappeared (then the folders are walked again).
    fn classify(&self, changes: &ChangeSet) -> (Vec<String>, bool) {
        let mut changed = Vec::new();
        let mut structural = false;
        for path in &changes.paths {
            let on_disk = self.options.root.join(path);
            let known = self.known.contains(path);
            if known && on_disk.is_file() {
                if self.entries.contains_key(path) {
                    changed.push(path.clone());
                }
            } else if known || on_disk.exists() || self.has_files_under(path) {
                structural = true;
            }
            // Otherwise a file came and went between two looks: an editor's temporary file.
        }
        (changed, structural)
    }

    fn has_files_under(&self, folder: &str) -> bool {
        let prefix = format!("{folder}/");
        self.known.iter().any(|k| k.starts_with(&prefix))
    }

    /// Read the Markdown files at `paths` (load, then model).
    fn read(&self, paths: &[String]) -> Vec<(String, FileState)> {
        let Some(settings) = &self.settings else {
            return Vec::new();
        };
        let root = &self.options.root;
        let entries: Vec<&ContentEntry> =
            paths.iter().filter_map(|p| self.entries.get(p)).collect();
        let loaded: Vec<_> = entries
            .par_iter()
            .map(|e| (e.rel_path.clone(), read_source(root, e)))
            .collect();
        let mut out = Vec::with_capacity(loaded.len());
        let mut sources = Vec::new();
        let mut warnings: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for (path, result) in loaded {
            match result {
                Ok((source, w)) => {
                    warnings.insert(path, w);
                    sources.push(source);
                }
                Err(errors) => {
                    let state = FileState {
                        diags: errors,
                        ..FileState::default()
                    };
                    out.push((path, state));
                }
            }
        }
        for read in read_sources(sources, &settings.config, settings.now) {
            let mut state = FileState {
                diags: warnings.remove(&read.rel_path).unwrap_or_default(),
                ..FileState::default()
            };
            state.diags.extend(read.diags);
            match read.file {
                ReadFile::Page(p) => state.page = Some(*p),
                ReadFile::Section(kind, m) => state.section = Some((kind, *m)),
                ReadFile::Failed => {}
            }
            out.push((read.rel_path, state));
        }
        out
    }

    /// Take the pages and sections back from the assembled site, for the next rebuild.
    fn take_back(&mut self, read: ReadSite) {
        for page in read.pages {
            if let Some(state) = self.files.get_mut(&page.source.rel_path) {
                state.page = Some(page);
            }
        }
        for (kind, meta) in read.metas {
            if let Some(state) = self.files.get_mut(&meta.source.rel_path) {
                state.section = Some((kind, meta));
            }
        }
    }
}

/// Move every page and section read into `read`, to assemble the site.
fn lend(files: &mut HashMap<String, FileState>, mut read: ReadSite) -> ReadSite {
    for state in files.values_mut() {
        read.pages.extend(state.page.take());
        read.metas.extend(state.section.take());
    }
    read
}

fn load_theme(options: &Options, config: &SiteConfig) -> Result<(Theme, Templates), Diagnostics> {
    let theme = theme::load(&options.root, config)?;
    let templates = Templates::new(&theme)?;
    Ok((theme, templates))
}
