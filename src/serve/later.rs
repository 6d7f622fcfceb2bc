//! The search index and feeds, made on a thread of their own. On a large site they take
//! seconds (every page at once), and an edit saved meanwhile must not wait for them: the
//! rebuild thread hands their inputs over and goes back to watching.

use super::state::{apply, Shared, Update};
use crate::render::pages::SiteFiles;
use std::collections::HashSet;
use std::sync::mpsc;

/// Where the rebuild thread sends the inputs of the search index and feeds.
pub struct Later {
    tx: mpsc::Sender<SiteFiles>,
}

impl Later {
    pub fn start(shared: Shared) -> Later {
        let (tx, rx) = mpsc::channel::<SiteFiles>();
        let spawned = std::thread::Builder::new()
            .name("bulletin search index".into())
            .spawn(move || make_and_publish(&rx, &shared));
        if let Err(e) = spawned {
            eprintln!("警告：无法单独生成搜索索引：{e}");
        }
        Later { tx }
    }

    pub fn make(&self, inputs: SiteFiles) {
        // The thread only stops with the program.
        let _ = self.tx.send(inputs);
    }
}

fn make_and_publish(rx: &mpsc::Receiver<SiteFiles>, shared: &Shared) {
    let mut published: HashSet<String> = HashSet::new();
    while let Ok(mut inputs) = rx.recv() {
        // Only the newest inputs are worth making.
        while let Ok(newer) = rx.try_recv() {
            inputs = newer;
        }
        let files = inputs.make();
        let paths: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
        let removed = published.difference(&paths).cloned().collect();
        apply(
            shared,
            Update {
                files,
                removed,
                copies: None,
                keep_metadata: false,
                assets_changed: false,
                complete: false,
            },
        );
        published = paths;
    }
}
