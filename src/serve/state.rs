//! What the server serves and what open browsers follow. The rebuild thread publishes; the
//! HTTP handlers only read. A failed rebuild publishes nothing, so the last good build keeps
//! being served while its errors are shown.

use super::copies::Copies;
use super::watch::{ChangeSet, Events};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::walk::AssetFile;
use crate::render::incremental::{Delta, Phase, Sink};
use crate::render::OutputFile;
use axum::body::Bytes;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tokio::sync::{broadcast, watch};

/// The site in memory, as the last good build made it.
#[derive(Clone, Default)]
pub struct Served {
    /// Output path → bytes. (Shared keys: each publish copies the map, not the paths.)
    pub files: HashMap<Arc<str>, Bytes>,
    /// Output path → file on disk copied as it is (images beside pages, `static/`); these
    /// win over generated files of the same name, as the site's `static/` does in a build.
    pub copies: HashMap<Arc<str>, PathBuf>,
    /// Photos among `copies` are served with their metadata (site.yaml's `images`).
    pub keep_metadata: bool,
    /// Whether a whole build has been published (before that, requests wait for it).
    pub ready: bool,
}

/// An error as the browser overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// `file:line:col: 错误：message`, as the terminal shows it.
    pub headline: String,
}

impl Problem {
    fn of(d: &Diagnostic) -> Self {
        Problem {
            file: d.file.as_ref().map(|f| f.display().to_string()),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            message: d.message.clone(),
            hint: d.hint.clone(),
            headline: d.headline(),
        }
    }
}

/// Which output paths a publish changed.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Changed {
    /// Too many to list, or files every page uses (images, stylesheets).
    All(AllMarker),
    Paths(Vec<String>),
}

#[derive(Debug, Clone, Copy, Serialize)]
pub enum AllMarker {
    #[serde(rename = "all")]
    All,
}

/// More changed paths than this are sent as "all".
const MAX_LISTED: usize = 500;

/// What open browsers are told.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// A build was published: pages showing one of `changed` reload.
    Reload { generation: u64, changed: Changed },
    /// The errors of the latest rebuild (empty when fixed).
    Errors {
        generation: u64,
        errors: Arc<Vec<Problem>>,
    },
}

/// The build's generation (one more per publish) and the latest errors.
#[derive(Debug, Clone, Default)]
pub struct Live {
    pub generation: u64,
    pub errors: Arc<Vec<Problem>>,
}

#[derive(Clone)]
pub struct Shared {
    inner: Arc<Inner>,
}

struct Inner {
    served: RwLock<Arc<Served>>,
    copies: Copies,
    live: RwLock<Live>,
    events: broadcast::Sender<LiveEvent>,
    shutdown: watch::Sender<bool>,
}

impl Default for Shared {
    fn default() -> Self {
        Self::new()
    }
}

impl Shared {
    pub fn new() -> Self {
        let (events, _) = broadcast::channel(64);
        let (shutdown, _) = watch::channel(false);
        Shared {
            inner: Arc::new(Inner {
                served: RwLock::new(Arc::new(Served::default())),
                copies: Copies::default(),
                live: RwLock::new(Live::default()),
                events,
                shutdown,
            }),
        }
    }

    pub fn served(&self) -> Arc<Served> {
        match self.inner.served.read() {
            Ok(s) => Arc::clone(&s),
            // A panicked writer left the last value in place: keep serving it.
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The files copied as they are, photos cleaned once per change.
    pub fn copies(&self) -> &Copies {
        &self.inner.copies
    }

    pub fn live(&self) -> Live {
        match self.inner.live.read() {
            Ok(l) => l.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.inner.events.subscribe()
    }

    /// Resolves once [`Shared::shut_down`] was called: event streams end with it.
    pub fn on_shutdown(&self) -> watch::Receiver<bool> {
        self.inner.shutdown.subscribe()
    }

    pub fn shut_down(&self) {
        self.inner.shutdown.send_replace(true);
    }

    fn set_served(&self, served: Served) {
        let mut slot = match self.inner.served.write() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        *slot = Arc::new(served);
    }

    fn update_live(&self, f: impl FnOnce(&mut Live) -> Option<LiveEvent>) {
        let event = {
            let mut live = match self.inner.live.write() {
                Ok(l) => l,
                Err(poisoned) => poisoned.into_inner(),
            };
            f(&mut live)
        };
        if let Some(e) = event {
            // No browser listening is fine.
            let _ = self.inner.events.send(e);
        }
    }

    fn set_errors(&self, errors: Vec<Problem>) {
        self.update_live(|live| {
            if *live.errors == errors {
                return None;
            }
            live.errors = Arc::new(errors);
            Some(LiveEvent::Errors {
                generation: live.generation,
                errors: Arc::clone(&live.errors),
            })
        });
    }
}

/// Publishes one rebuild into [`Shared`], and counts what it published for the terminal.
pub struct Publisher<'a> {
    shared: &'a Shared,
    events: &'a Events,
    started: Instant,
    /// Asset or `static/` files changed: every page may show one of them.
    assets_changed: bool,
    edited: Option<(usize, u128)>,
    rest: Option<(usize, u128)>,
    /// Whether the rebuild stopped early for newer changes.
    interrupted: std::cell::Cell<bool>,
}

impl<'a> Publisher<'a> {
    pub fn new(
        shared: &'a Shared,
        events: &'a Events,
        changes: &ChangeSet,
        started: Instant,
    ) -> Self {
        Publisher {
            shared,
            events,
            started,
            assets_changed: changes.touches_assets(),
            edited: None,
            rest: None,
            interrupted: std::cell::Cell::new(false),
        }
    }

    /// Whether the rebuild stopped early: then the next one starts at once.
    pub fn was_interrupted(&self) -> bool {
        self.interrupted.get()
    }

    /// After the rebuild: show its errors, or clear them.
    pub fn finish(&self, diags: &Diagnostics) {
        let errors: Vec<Problem> = diags
            .clone()
            .sorted()
            .iter()
            .filter(|d| d.is_error())
            .map(Problem::of)
            .collect();
        self.shared.set_errors(errors);
    }

    /// For the terminal: `1 个文件 12 毫秒后可以看到，另外 30 个 250 毫秒内更新完`.
    pub fn summary(&self) -> String {
        match (self.edited, self.rest) {
            (Some((n, ms)), Some((m, all))) => {
                format!("{n} 个文件 {ms} 毫秒后可以看到，另外 {m} 个 {all} 毫秒内更新完")
            }
            (Some((n, ms)), None) => format!("{n} 个文件 {ms} 毫秒后可以看到"),
            (None, Some((m, all))) => format!("{m} 个文件 {all} 毫秒内更新完"),
            (None, None) => format!(
                "没有需要更新的内容（{} 毫秒）",
                self.started.elapsed().as_millis()
            ),
        }
    }
}

/// A change to what is served.
pub struct Update {
    pub files: Vec<OutputFile>,
    pub removed: Vec<String>,
    /// Every file copied as it is, when the update sets them.
    pub copies: Option<Vec<AssetFile>>,
    /// With `copies`: photos are served with their metadata.
    pub keep_metadata: bool,
    /// Files copied as they are may have changed on disk: every page may show one.
    pub assets_changed: bool,
    /// A whole build has been published with this update.
    pub complete: bool,
}

/// Serve `update`, and tell open browsers which pages changed. Files that come back with
/// the same bytes are no change (a search shard or feed made again). Returns how many
/// files changed.
pub fn apply(shared: &Shared, update: Update) -> usize {
    let current = shared.served();
    let removed: Vec<String> = update
        .removed
        .into_iter()
        .filter(|p| current.files.contains_key(p.as_str()))
        .collect();
    let files: Vec<OutputFile> = update
        .files
        .into_iter()
        .filter(|f| {
            current
                .files
                .get(f.path.as_str())
                .is_none_or(|b| b.as_ref() != f.bytes.as_slice())
        })
        .collect();
    let copies: Option<HashMap<Arc<str>, PathBuf>> = update.copies.map(|c| {
        c.into_iter()
            .map(|AssetFile { source, dest, .. }| (Arc::from(dest), source))
            .collect()
    });
    let copies_changed = copies.as_ref().is_some_and(|c| {
        update.assets_changed
            || *c != current.copies
            || update.keep_metadata != current.keep_metadata
    });
    let becomes_ready = update.complete && !current.ready;
    let count = files.len() + removed.len();
    if count == 0 && !copies_changed && !becomes_ready {
        return 0;
    }
    let mut served = (*current).clone();
    drop(current);
    let mut changed: Vec<String> = Vec::with_capacity(count);
    for path in removed {
        served.files.remove(path.as_str());
        changed.push(path);
    }
    for file in files {
        changed.push(file.path.clone());
        served
            .files
            .insert(Arc::from(file.path), Bytes::from(file.bytes));
    }
    if let Some(copies) = copies {
        served.copies = copies;
        served.keep_metadata = update.keep_metadata;
    }
    let everything = becomes_ready || copies_changed || changed.len() > MAX_LISTED;
    served.ready |= becomes_ready;
    shared.set_served(served);
    shared.update_live(|live| {
        live.generation += 1;
        Some(LiveEvent::Reload {
            generation: live.generation,
            changed: if everything {
                Changed::All(AllMarker::All)
            } else {
                Changed::Paths(changed)
            },
        })
    });
    count
}

impl Sink for Publisher<'_> {
    fn publish(&mut self, phase: Phase, delta: Delta) {
        // Publishing means this rebuild had no errors.
        self.shared.set_errors(Vec::new());
        let count = apply(
            self.shared,
            Update {
                files: delta.files,
                removed: delta.removed,
                copies: delta.copies,
                keep_metadata: delta.keep_metadata,
                assets_changed: self.assets_changed,
                complete: phase == Phase::Rest,
            },
        );
        let ms = self.started.elapsed().as_millis();
        match phase {
            Phase::Edited => self.edited = (count > 0).then_some((count, ms)),
            Phase::Rest => self.rest = Some((count, ms)),
        }
    }

    fn interrupted(&self) -> bool {
        let waiting = self.events.pending();
        if waiting {
            self.interrupted.set(true);
        }
        waiting
    }
}
