//! The keys of output files: hashes of everything a file is made from, so `serve` renders
//! again only the files whose key changed (see the module above for why pages are keyed
//! by their parts rather than by their variables).

use crate::model::Site;
use crate::render::context::Link;
use crate::render::jobs::{Job, Vars};
use crate::render::views::Views;
use serde::Serialize;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The keys every page's key is made from.
pub(super) struct Keys {
    pub common: u64,
    pub bodies: Vec<u64>,
    pub summaries: Vec<u64>,
}

/// A summary is made from the page's fields, its status, its body's text and its tags.
pub(super) fn summary_keys(site: &Site, body_keys: &[u64]) -> Vec<u64> {
    let tags: HashMap<&str, (&str, &str)> = site
        .tags
        .iter()
        .map(|t| (t.name.as_str(), (t.slug.as_str(), t.path.as_str())))
        .collect();
    site.pages
        .iter()
        .zip(body_keys)
        .map(|(page, body)| {
            let mut h = DefaultHasher::new();
            (page.source.fingerprint, page.status, body).hash(&mut h);
            for t in &page.tags {
                tags.get(t.as_str()).hash(&mut h);
            }
            h.finish()
        })
        .collect()
}

/// The key of one output file: what it shows, and what every page shares.
pub(super) fn job_key(views: &Views, keys: &Keys, job: &Job) -> u64 {
    let mut h = DefaultHasher::new();
    (keys.common, &job.path, job.template).hash(&mut h);
    for Link { title, url } in &job.breadcrumbs {
        (title, url).hash(&mut h);
    }
    match &job.vars {
        Vars::Page(i) => page_key(views, keys, *i).hash(&mut h),
        Vars::Redirect { page, target } => (target, keys.summaries[*page]).hash(&mut h),
        Vars::List(list) => list.peek(key_of).hash(&mut h),
    }
    h.finish()
}

/// Everything [`Views::page_view`] is made of.
fn page_key(views: &Views, keys: &Keys, i: usize) -> u64 {
    let page = &views.site.pages[i];
    let mut h = DefaultHasher::new();
    (page.source.fingerprint, page.status).hash(&mut h);
    (keys.summaries[i], keys.bodies[i]).hash(&mut h);
    for j in views.related(i) {
        keys.summaries[j].hash(&mut h);
    }
    key_of(&views.image(page)).hash(&mut h);
    h.finish()
}

/// What the search index and the feeds are made of: every page's summary, body and fields,
/// the section titles and what every page shares.
pub(super) fn site_files_key(site: &Site, keys: &Keys) -> u64 {
    let mut h = DefaultHasher::new();
    keys.common.hash(&mut h);
    for s in &site.sections {
        (&s.title, s.pages.is_empty()).hash(&mut h);
    }
    for (i, page) in site.pages.iter().enumerate() {
        (page.source.fingerprint, page.status).hash(&mut h);
        (keys.summaries[i], keys.bodies[i]).hash(&mut h);
    }
    h.finish()
}

/// A hash of a value's JSON, written straight into the hasher.
pub(super) fn key_of<T: Serialize + ?Sized>(value: &T) -> u64 {
    struct HashWriter(DefaultHasher);
    impl std::io::Write for HashWriter {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut w = HashWriter(DefaultHasher::new());
    // Serializing views into a hasher cannot fail: they are plain data.
    let _ = serde_json::to_writer(&mut w, value);
    w.0.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::context::to_value;

    /// `serve` re-renders a list only when its key changes, so the key of equal variables
    /// must be equal however many times they are made (a map that iterates in a random
    /// order made every list look changed after every edit).
    #[test]
    fn equal_template_variables_have_equal_keys() {
        #[derive(Serialize)]
        struct View {
            title: &'static str,
            url: &'static str,
            count: usize,
            pages: Vec<u32>,
            summary: Option<&'static str>,
            pinned: bool,
            urgent: bool,
            kind: &'static str,
        }
        let view = View {
            title: "户口",
            url: "tags/hukou.html",
            count: 3,
            pages: vec![1, 2, 3],
            summary: None,
            pinned: false,
            urgent: true,
            kind: "guide",
        };
        let keys: std::collections::HashSet<u64> = (0..20)
            .map(|_| key_of(&vec![("tag", to_value(&view))]))
            .collect();
        assert_eq!(keys.len(), 1);
    }
}
