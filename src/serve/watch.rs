//! Watch the site's files and say what changed, as paths relative to the site's folder.
//!
//! Editors save in many ways: writing in place, writing a temporary file and renaming it over
//! the original, keeping backups (`a.md~`, `.a.md.swp`). The debouncer folds each burst of
//! events into one batch; files the load stage ignores are ignored here too, and the session
//! looks at the disk to tell an edit from a file that appeared or disappeared.

use crate::config;
use crate::diagnostics::Diagnostic;
use crate::load::walk::is_ignored;
use crate::pipeline::Touched;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a file must be quiet before its events are delivered: long enough to fold an
/// editor's save into one batch, short enough to stay well inside the 100 ms an edit may
/// take to show.
const QUIET: Duration = Duration::from_millis(20);

/// How long after a batch of changes a rebuild waits for the rest of the same save.
const STRAGGLERS: Duration = Duration::from_millis(12);

/// The folders under the site's folder that hold its sources.
const WATCHED: [&str; 3] = ["content", "static", "themes"];

/// What changed since the last rebuild.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// Load everything again: the first build, site.yaml changed, or the watcher lost track.
    pub everything: Option<Reason>,
    /// A file of `themes/` changed.
    pub theme: bool,
    /// Files and folders under `content/` and `static/` that changed, appeared or disappeared.
    pub paths: BTreeSet<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    FirstBuild,
    Settings,
    Rescan,
}

impl ChangeSet {
    pub fn everything() -> Self {
        ChangeSet {
            everything: Some(Reason::FirstBuild),
            ..Self::default()
        }
    }

    pub fn is_everything(&self) -> bool {
        self.everything.is_some()
    }

    /// What the pipeline must read again.
    pub fn touched(&self) -> Touched<'_> {
        Touched {
            everything: self.is_everything(),
            theme: self.theme,
            paths: &self.paths,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.everything.is_none() && !self.theme && self.paths.is_empty()
    }

    /// Whether a file copied as it is (an image beside a page, a file of `static/`) may have
    /// changed, which any page may show.
    pub fn touches_assets(&self) -> bool {
        self.everything.is_some()
            || self.theme
            || self
                .paths
                .iter()
                .any(|p| p.starts_with("static") || !p.ends_with(".md"))
    }

    fn merge(&mut self, other: ChangeSet) {
        self.everything = self.everything.or(other.everything);
        self.theme |= other.theme;
        self.paths.extend(other.paths);
    }

    /// Sort one changed path (absolute, as the watcher reports it) into this set.
    fn add(&mut self, root: &Path, path: &Path) {
        let Ok(rel) = path.strip_prefix(root) else {
            return;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.split('/').any(is_ignored) {
            return;
        }
        let top = rel.split('/').next().unwrap_or_default();
        match top {
            config::FILE => self.everything = self.everything.or(Some(Reason::Settings)),
            "themes" => self.theme = true,
            "content" | "static" => {
                self.paths.insert(rel);
            }
            _ => {}
        }
    }

    /// For the terminal: `content/notices/a.md changed`.
    pub fn describe(&self) -> String {
        match self.everything {
            Some(Reason::FirstBuild) => return FIRST_BUILD.to_owned(),
            Some(Reason::Settings) => return changed(config::FILE),
            Some(Reason::Rescan) => return changed("很多文件"),
            None => {}
        }
        let mut parts: Vec<String> = Vec::new();
        if let Some(first) = self.paths.iter().next() {
            parts.push(match self.paths.len() {
                1 => first.clone(),
                n => format!("{first} 和另外 {} 个文件", n - 1),
            });
        }
        if self.theme {
            parts.push("主题".to_owned());
        }
        if parts.is_empty() {
            "完成上一次的重新生成".to_owned()
        } else {
            changed(&parts.join("、"))
        }
    }
}

/// How the first build's line starts (`已生成：…`).
pub const FIRST_BUILD: &str = "已生成";

/// `content/a.md 有改动`, `主题有改动`: what a rebuild's line says changed.
fn changed(what: &str) -> String {
    format!("{what}{}有改动", crate::diagnostics::gap_after(what))
}

/// The batches of changes, as the rebuild thread takes them.
pub struct Events {
    root: PathBuf,
    rx: mpsc::Receiver<DebounceEventResult>,
    /// Batches sent and taken: a batch is waiting when more were sent than taken.
    sent: Arc<AtomicU64>,
    taken: AtomicU64,
    debouncer: Mutex<Debouncer<notify::RecommendedWatcher, RecommendedCache>>,
}

/// Start watching the site in `root` (absolute).
pub fn start(root: &Path) -> Result<Events, Diagnostic> {
    let (tx, rx) = mpsc::channel();
    let sent = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&sent);
    let site = root.to_path_buf();
    let handler = move |result: DebounceEventResult| {
        // Only batches that may change a source file count as waiting changes: reading
        // files, or an editor's temporary files, must not look like an edit.
        let result = result.map(|events| {
            events
                .into_iter()
                .filter(|e| {
                    e.need_rescan() || (changes_files(&e.kind) && touches_sources(&site, &e.paths))
                })
                .collect::<Vec<_>>()
        });
        if matches!(&result, Ok(events) if events.is_empty()) {
            return;
        }
        if tx.send(result).is_ok() {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    };
    let cannot = |e: notify::Error| {
        Diagnostic::error(format!("无法监视网站的文件：{e}"))
            .in_file(root)
            .with_hint("在 Linux 上，请技术同事调大 `fs.inotify.max_user_watches`；或者改用 `bulletin build`，再手动刷新浏览器。")
    };
    let mut debouncer = new_debouncer(QUIET, Some(QUIET / 4), handler).map_err(cannot)?;
    // The site's folder itself, not recursively: site.yaml, and the source folders coming
    // and going (its output folder and anything else there are not watched).
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(cannot)?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(cannot)?;
        }
    }
    Ok(Events {
        root: root.to_path_buf(),
        rx,
        sent,
        taken: AtomicU64::new(0),
        debouncer: Mutex::new(debouncer),
    })
}

/// Whether one of `paths` is a source of the site (not an ignored editor file).
fn touches_sources(root: &Path, paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| {
        let mut c = ChangeSet::default();
        c.add(root, p);
        !c.is_empty()
    })
}

/// Whether an event can mean a file changed. Opening and reading do not, and the rebuild
/// itself opens every file and folder it reads: counting those would rebuild for ever.
fn changes_files(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

impl Events {
    /// Wait for changes, then take every batch that comes with them. None when the watcher
    /// stopped.
    pub fn next(&self) -> Option<ChangeSet> {
        loop {
            let first = self.rx.recv().ok()?;
            self.taken.fetch_add(1, Ordering::SeqCst);
            let mut changes = self.sort(first);
            // The debouncer sometimes splits one save in two batches a few milliseconds
            // apart (the new file, then its close): taken apart, the second interrupts the
            // first rebuild and starts another for nothing, and the next edit waits for it.
            while let Ok(more) = self.rx.recv_timeout(STRAGGLERS) {
                self.taken.fetch_add(1, Ordering::SeqCst);
                changes.merge(self.sort(more));
            }
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    /// Take the changes already waiting, without waiting for more (possibly none): after a
    /// rebuild that stopped early for changes that turned out to be nothing, the next
    /// rebuild finishes its work.
    pub fn waiting(&self) -> ChangeSet {
        let mut changes = ChangeSet::default();
        while let Ok(more) = self.rx.try_recv() {
            self.taken.fetch_add(1, Ordering::SeqCst);
            changes.merge(self.sort(more));
        }
        changes
    }

    /// Whether changes are waiting that the current rebuild does not include.
    pub fn pending(&self) -> bool {
        self.sent.load(Ordering::SeqCst) > self.taken.load(Ordering::SeqCst)
    }

    fn sort(&self, result: DebounceEventResult) -> ChangeSet {
        let mut changes = ChangeSet::default();
        match result {
            Ok(events) => {
                for event in events {
                    if event.need_rescan() {
                        changes.everything = Some(Reason::Rescan);
                    }
                    for path in &event.paths {
                        self.watch_new_folder(path);
                        changes.add(&self.root, path);
                    }
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("警告：监视文件时出错：{e}");
                }
                changes.everything = Some(Reason::Rescan);
            }
        }
        changes
    }

    /// A source folder created after serving started (`static/`, `themes/`) is watched from
    /// then on.
    fn watch_new_folder(&self, path: &Path) {
        let is_source_folder = WATCHED.iter().any(|dir| path == self.root.join(dir));
        if !is_source_folder || !path.is_dir() {
            return;
        }
        if let Ok(mut debouncer) = self.debouncer.lock() {
            if let Err(e) = debouncer.watch(path, RecursiveMode::Recursive) {
                eprintln!("警告：无法监视 {}：{e}", path.display());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(paths: &[&str]) -> ChangeSet {
        let root = Path::new("/site");
        let mut c = ChangeSet::default();
        for p in paths {
            c.add(root, &root.join(p));
        }
        c
    }

    #[test]
    fn paths_are_sorted_by_what_they_change() {
        let c = sorted(&[
            "content/notices/a.md",
            "static/logo.png",
            "public/index.html",
        ]);
        assert_eq!(
            c.paths.iter().map(String::as_str).collect::<Vec<_>>(),
            ["content/notices/a.md", "static/logo.png"]
        );
        assert!(!c.theme && c.everything.is_none());
        assert!(sorted(&["themes/default/templates/base.html"]).theme);
        assert_eq!(sorted(&["site.yaml"]).everything, Some(Reason::Settings));
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        let c = sorted(&[
            "content/notices/.a.md.swp",
            "content/notices/a.md~",
            "content/.git/index",
            "site.yaml~",
            "themes/default/templates/.base.html.swp",
        ]);
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn assets_and_descriptions() {
        assert!(!sorted(&["content/notices/a.md"]).touches_assets());
        assert!(sorted(&["content/stories/photo.jpg"]).touches_assets());
        assert!(sorted(&["static/style.css"]).touches_assets());
        assert_eq!(
            sorted(&["content/notices/a.md"]).describe(),
            "content/notices/a.md 有改动"
        );
        assert_eq!(
            sorted(&["content/a.md", "content/b.md", "content/c.md"]).describe(),
            "content/a.md 和另外 2 个文件有改动"
        );
    }
}
