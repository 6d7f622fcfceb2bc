//! Links in the Markdown text: what a target as staff write it refers to (another page,
//! a file, nothing), and the URL it becomes in the page, relative so the site works
//! anywhere.

use super::sanitize;
use crate::model::urls::{self, percent_decode};

/// What a link target in the text refers to, as the caller's site knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A published page: its output path.
    Page(String),
    /// A file copied into the output (image, PDF): its output path.
    File(String),
    /// Not linkable, with the reason in words; `fatal` when the target does not exist at all.
    Broken { reason: String, fatal: bool },
}

/// Resolves a link as written (`../guides/a.md`, `@/guides/a.md`, `photo.jpg`).
pub trait Links {
    fn resolve(&self, target: &str) -> LinkTarget;
    /// Output path of the page being rendered (for relative links).
    fn page_path(&self) -> &str;
    /// The site's public address (`base_url`), if it has one.
    fn site_address(&self) -> Option<&str>;
}

/// What a link becomes in the page.
pub(super) enum Rewrite {
    Keep,
    /// New URL, and (target path, anchor) to check when it links to a heading of a page.
    To(String, Option<(String, String)>),
    SamePage(String),
    Broken {
        reason: String,
        fatal: bool,
    },
    /// `javascript:` and the like: shown as text, whatever it points at.
    Unsafe,
}

pub(super) fn rewrite_link(dest: &str, links: &dyn Links) -> Rewrite {
    if sanitize::is_unsafe_url(dest) {
        return Rewrite::Unsafe;
    }
    // An address copied from the browser's address bar, on the site's own public address:
    // as a path from the site's root, it also works offline and from a USB copy.
    let rooted;
    let dest = match links
        .site_address()
        .and_then(|base| own_site_path(dest, base))
    {
        Some(path) => {
            rooted = format!("/{path}");
            rooted.as_str()
        }
        None => dest,
    };
    if dest.is_empty()
        || crate::model::links::is_external(dest)
        || dest.starts_with("//")
        || dest.contains("://")
    {
        return Rewrite::Keep;
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Rewrite::SamePage(percent_decode(anchor));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (dest, None),
    };
    let path = percent_decode(path);
    if let Some(site_path) = path.strip_prefix('/') {
        // A root-relative path would break in a subfolder and from file://: make it relative,
        // naming a folder's index.html (file:// shows a folder as a list of files).
        let mut site_path = site_path.to_owned();
        if site_path.is_empty() || site_path.ends_with('/') {
            site_path.push_str("index.html");
        }
        let url = urls::relative(links.page_path(), &site_path);
        return Rewrite::To(with_fragment(url, fragment.as_deref()), None);
    }
    match links.resolve(&path) {
        LinkTarget::Page(target) => {
            let url = urls::relative(links.page_path(), &target);
            let check = fragment.clone().map(|f| (target, f));
            Rewrite::To(with_fragment(url, fragment.as_deref()), check)
        }
        LinkTarget::File(target) => Rewrite::To(
            with_fragment(
                urls::relative(links.page_path(), &target),
                fragment.as_deref(),
            ),
            None,
        ),
        LinkTarget::Broken { reason, fatal } => Rewrite::Broken { reason, fatal },
    }
}

/// The path after `base` of an http(s) address on the site's own public address (either
/// scheme, any case of the host), without its leading `/`.
fn own_site_path<'a>(dest: &'a str, base: &str) -> Option<&'a str> {
    let base = after_scheme(base)?.trim_end_matches('/');
    let rest = after_scheme(dest)?;
    let path = rest.get(base.len()..)?;
    let same_site = rest.get(..base.len())?.eq_ignore_ascii_case(base);
    let whole_name = path.is_empty() || path.starts_with(['/', '#']);
    (same_site && whole_name).then(|| path.trim_start_matches('/'))
}

/// An http(s) address without its scheme.
fn after_scheme(url: &str) -> Option<&str> {
    ["https://", "http://"].iter().find_map(|scheme| {
        let head = url.get(..scheme.len())?;
        head.eq_ignore_ascii_case(scheme)
            .then(|| &url[scheme.len()..])
    })
}

fn with_fragment(url: String, fragment: Option<&str>) -> String {
    match fragment {
        Some(f) => format!("{url}#{f}"),
        None => url,
    }
}
