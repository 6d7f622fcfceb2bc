//! The site's files as last read: what the walk found, and what the load and model stages
//! made of each Markdown file, kept so that a change reads again only the files it touched.

use super::Draft;
use super::Settings;
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::front_matter::{read_source, read_text, ReadResult};
use crate::load::walk::{self, ContentEntry, ContentTree};
use crate::model::page::SectionMeta;
use crate::model::site::{read_sources, ReadFile, ReadSite};
use crate::model::{Page, Site};
use crate::schema::Kind;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One Markdown file as read: its page or section settings (while the site is not
/// assembled from them), and its own diagnostics.
#[derive(Default)]
pub struct FileState {
    page: Option<Page>,
    section: Option<(Kind, SectionMeta)>,
    diags: Vec<Diagnostic>,
}

#[derive(Default)]
pub struct Files {
    /// Every Markdown file found by the last walk, by path from the site's folder.
    entries: HashMap<String, ContentEntry>,
    /// Every file the last walk found (pages, files beside them, `static/`).
    known: HashSet<String>,
    tree: ContentTree,
    walk_diags: Diagnostics,
    /// By path from the site's folder; a page is in the site while it is assembled.
    states: HashMap<String, FileState>,
    /// A page read from this text rather than from its file.
    draft: Option<Draft>,
    /// Whether pages marked `draft: true` are built (a preview with `--drafts`): when they
    /// are not, their mistakes are warnings, so a draft saved half-written never stops the
    /// rest of the site from building.
    drafts_built: bool,
}

impl Files {
    pub fn with_draft(draft: Option<Draft>, drafts_built: bool) -> Self {
        Files {
            draft,
            drafts_built,
            ..Files::default()
        }
    }

    pub fn walk(&mut self, root: &Path) {
        let (tree, diags) = walk::walk(root);
        self.entries = (tree.markdown.iter())
            .map(|e| (e.rel_path.clone(), e.clone()))
            .collect();
        if let Some(draft) = &self.draft {
            // A new page is read before its file exists.
            (self.entries).insert(draft.entry.rel_path.clone(), draft.entry.clone());
        }
        self.known = self.entries.keys().cloned().collect();
        (self.known).extend(tree.assets.iter().map(|a| format!("content/{}", a.dest)));
        (self.known).extend(
            tree.static_files
                .iter()
                .map(|a| format!("static/{}", a.dest)),
        );
        self.tree = tree;
        self.walk_diags = diags;
    }

    /// The paths of the Markdown files found.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub fn all_paths(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }

    /// The files found but not read yet.
    pub fn unread(&self) -> Vec<String> {
        (self.entries.keys())
            .filter(|p| !self.states.contains_key(*p))
            .cloned()
            .collect()
    }

    /// Forget the files the last walk no longer found.
    pub fn forget_vanished(&mut self) {
        let entries = &self.entries;
        self.states.retain(|path, _| entries.contains_key(path));
    }

    /// Read `paths` and keep what was made of them.
    pub fn read(&mut self, root: &Path, paths: &[String], settings: &Settings) {
        let fresh = self.read_apart(root, paths, settings);
        self.put_back(fresh);
    }

    /// Only load every file, for the mistakes of its text, when the settings cannot be read
    /// and pages cannot be made.
    pub fn load_only(&mut self, root: &Path) {
        let loaded: Vec<(String, Vec<Diagnostic>)> = (self.entries.par_iter())
            .map(|(path, e)| {
                let diags = match self.read_one(root, e) {
                    Ok((_, warnings)) => warnings,
                    Err(errors) => errors,
                };
                (path.clone(), diags)
            })
            .collect();
        for (path, diags) in loaded {
            let state = FileState {
                diags,
                ..FileState::default()
            };
            self.states.insert(path, state);
        }
    }

    /// Read the Markdown files at `paths` (load, then model), without keeping them yet.
    pub fn read_apart(
        &self,
        root: &Path,
        paths: &[String],
        settings: &Settings,
    ) -> Vec<(String, FileState)> {
        let entries: Vec<&ContentEntry> =
            paths.iter().filter_map(|p| self.entries.get(p)).collect();
        let loaded: Vec<_> = (entries.par_iter())
            .map(|e| (e.rel_path.clone(), self.read_one(root, e)))
            .collect();
        let mut out = Vec::with_capacity(loaded.len());
        let mut sources = Vec::with_capacity(loaded.len());
        let mut warnings: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for (path, result) in loaded {
            match result {
                Ok((source, w)) => {
                    if !w.is_empty() {
                        warnings.insert(path, w);
                    }
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
        let held_back: HashSet<String> = (sources.iter())
            .filter(|s| !self.drafts_built && s.front.get("draft") == Some(&true.into()))
            .map(|s| s.rel_path.clone())
            .collect();
        for read in read_sources(sources, &settings.config, settings.now) {
            let mut state = FileState {
                diags: warnings.remove(&read.rel_path).unwrap_or_default(),
                ..FileState::default()
            };
            state.diags.extend(read.diags);
            if held_back.contains(&read.rel_path) {
                state.diags.iter_mut().for_each(in_a_draft);
            }
            match read.file {
                ReadFile::Page(p) => state.page = Some(*p),
                ReadFile::Section(kind, m) => state.section = Some((kind, *m)),
                ReadFile::Failed => {}
            }
            out.push((read.rel_path, state));
        }
        out
    }

    /// One Markdown file: the draft's text for the draft's file, else the file on disk.
    fn read_one(&self, root: &Path, entry: &ContentEntry) -> ReadResult {
        match &self.draft {
            Some(d) if d.entry.rel_path == entry.rel_path => read_text(entry, d.text.clone()),
            _ => read_source(root, entry),
        }
    }

    pub fn put_back(&mut self, fresh: Vec<(String, FileState)>) {
        self.states.extend(fresh);
    }

    /// Put each page of `fresh` whose place did not change into `site`; the files whose
    /// pages cannot go in place are given back.
    pub fn put_pages_in(
        &mut self,
        site: &mut Site,
        fresh: Vec<(String, FileState)>,
    ) -> Vec<(String, FileState)> {
        let mut rest = Vec::new();
        for (path, mut state) in fresh {
            let Some(page) = state.page.take() else {
                rest.push((path, state));
                continue;
            };
            match site.replace_page(page) {
                // The page lives in the site now; the old one is dropped.
                Ok(_old) => {
                    self.states.insert(path, state);
                }
                Err(page) => {
                    state.page = Some(page);
                    rest.push((path, state));
                }
            }
        }
        rest
    }

    /// The Markdown files that changed in place, and whether files or folders appeared or
    /// disappeared (then the folders are walked again).
    pub fn classify(
        &self,
        root: &Path,
        paths: &std::collections::BTreeSet<String>,
    ) -> (Vec<String>, bool) {
        let mut changed = Vec::new();
        let mut structural = false;
        for path in paths {
            let on_disk = root.join(path);
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

    /// Move every page and section read into a [`ReadSite`], to assemble the site.
    pub fn lend(&mut self, config: SiteConfig) -> ReadSite {
        let mut read = ReadSite {
            config,
            pages: Vec::with_capacity(self.states.len()),
            metas: Vec::new(),
            assets: self.tree.assets.clone(),
            static_files: self.tree.static_files.clone(),
        };
        for state in self.states.values_mut() {
            read.pages.extend(state.page.take());
            read.metas.extend(state.section.take());
        }
        read
    }

    /// Take the pages and sections back from an assembled site, for the next run.
    pub fn take_back(&mut self, read: ReadSite) {
        for page in read.pages {
            if let Some(state) = self.states.get_mut(&page.source.rel_path) {
                state.page = Some(page);
            }
        }
        for (kind, meta) in read.metas {
            if let Some(state) = self.states.get_mut(&meta.source.rel_path) {
                state.section = Some((kind, meta));
            }
        }
    }

    /// The walk's diagnostics and every file's.
    pub fn diagnostics(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        (self.walk_diags.iter().cloned())
            .chain(self.states.values().flat_map(|s| s.diags.iter().cloned()))
    }
}

/// A mistake in a page that is not published: a warning, saying it must be mended before
/// the page is.
fn in_a_draft(d: &mut Diagnostic) {
    if d.is_error() {
        *d = Diagnostic {
            severity: crate::diagnostics::Severity::Warning,
            message: format!("草稿里的错误，发布前要改好：{}", d.message),
            ..d.clone()
        };
    }
}
