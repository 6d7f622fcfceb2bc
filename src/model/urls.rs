//! The URL scheme, in one place. Every output is a file and every link is relative, so the
//! same output works at a domain root, in a subfolder and from file://:
//!
//! | what                    | path                               |
//! |-------------------------|------------------------------------|
//! | home                    | `index.html`                       |
//! | a page                  | `<section>/<slug>.html` (subfolders kept) |
//! | a section's list        | `<section>/index.html`, `<section>/page-2.html`, … |
//! | expired notices         | `notices/archive.html`             |
//! | tags                    | `tags/index.html`, `tags/<slug>.html` |
//! | search                  | `search/index.html` (+ its index files under `search/`) |
//! | not found, sitemap, feed| `404.html`, `sitemap.xml`, `atom.xml` |
//! | files beside pages      | their path under `content/`        |
//! | `static/`, theme static | the output root                    |

use crate::schema::Kind;

pub const HOME: &str = "index.html";
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const ATOM: &str = "atom.xml";
pub const JSON_FEED: &str = "feed.json";
pub const SEARCH: &str = "search/index.html";
pub const TAGS: &str = "tags/index.html";
pub const ARCHIVE: &str = "notices/archive.html";

pub fn section(kind: Kind) -> String {
    format!("{}/index.html", kind.section())
}

/// Page `n` (1-based) of a section's list.
pub fn section_page(kind: Kind, n: usize) -> String {
    if n <= 1 {
        section(kind)
    } else {
        format!("{}/page-{n}.html", kind.section())
    }
}

pub fn tag(slug: &str) -> String {
    format!("tags/{slug}.html")
}

/// Page `n` (1-based) of a tag page or the archive, whose first page is `first`
/// (`tags/hukou.html` → `tags/hukou/page-2.html`). In a folder of its own, so that no
/// other tag's page can have its name.
pub fn list_page(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_owned()
    } else {
        let stem = first.strip_suffix(".html").unwrap_or(first);
        format!("{stem}/page-{n}.html")
    }
}

/// When a file of the output may go live, for a publisher that puts files in place one by
/// one: files linked from pages first, then the pages, then what links to pages (the
/// lists, tags, archive, search, sitemap and feed), the home page last. So a resident never
/// follows a link to a page that is not there yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PublishOrder {
    /// Pictures, attachments, theme files, the search index's pieces.
    Linked,
    Page,
    List,
    Home,
}

/// The search index's entry file: it names the pieces, so it follows them.
const SEARCH_BASE: &str = "search/base.js";

pub fn publish_order(path: &str) -> PublishOrder {
    let lists = ["tags/", "search/"];
    if path == HOME {
        PublishOrder::Home
    } else if [SEARCH_BASE, SITEMAP, ATOM, JSON_FEED, NOT_FOUND].contains(&path)
        || path == ARCHIVE
        || path.starts_with("notices/archive/")
        || (path.ends_with(".html") && lists.iter().any(|l| path.starts_with(l)))
        || is_section_list(path)
    {
        PublishOrder::List
    } else if path.ends_with(".html") {
        PublishOrder::Page
    } else {
        PublishOrder::Linked
    }
}

/// `<section>/index.html` or `<section>/page-N.html`.
fn is_section_list(path: &str) -> bool {
    let Some((section, file)) = path.split_once('/') else {
        return false;
    };
    let numbered = (file.strip_prefix("page-"))
        .and_then(|f| f.strip_suffix(".html"))
        .is_some_and(|n| n.parse::<usize>().is_ok());
    Kind::from_section(section).is_some() && (file == "index.html" || numbered)
}

/// The relative prefix from `path` to the site root: `""` for `index.html`, `"../"` for
/// `guides/a.html`.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// `%E6%88%B7` → `户`: staff sometimes paste encoded links.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// `path` with `.` and `..` folded and empty parts dropped; None if it climbs above the
/// root it is relative to.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// A relative link from the page at `from` to the file at `to` (both site-relative).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Normalize an alias as staff write it (`/old/hukou.html`, `banshi/juzhuzheng/`) to the
/// output file that must exist for it. None if it could escape the output folder.
pub fn alias_file(alias: &str) -> Option<String> {
    let trimmed = alias.trim().trim_start_matches('/');
    // A server decodes `%2e%2e` to `..` and `%2f` to `/`: judge the address it reads.
    let decoded = percent_decode(trimmed);
    if decoded != trimmed && alias_file(&decoded).is_none() {
        return None;
    }
    if trimmed.is_empty()
        || trimmed.contains('\\')
        || trimmed.contains(':')
        || trimmed.contains('?')
        || trimmed.contains('#')
        || trimmed.split('/').any(|part| part == ".." || part == ".")
        || trimmed.contains("//")
    {
        return None;
    }
    let last = trimmed.rsplit('/').next().unwrap_or_default();
    Some(if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else if last.contains('.') {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/index.html")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_pages() {
        assert_eq!(relative("index.html", "guides/a.html"), "guides/a.html");
        assert_eq!(relative("guides/a.html", "guides/b.html"), "b.html");
        assert_eq!(
            relative("guides/a.html", "notices/b.html"),
            "../notices/b.html"
        );
        assert_eq!(
            relative("guides/sub/a.html", "index.html"),
            "../../index.html"
        );
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("guides/sub/a.html"), "../../");
    }

    #[test]
    fn aliases_become_files_inside_the_output() {
        assert_eq!(
            alias_file("/old/hukou.html").as_deref(),
            Some("old/hukou.html")
        );
        assert_eq!(
            alias_file("banshi/juzhuzheng/").as_deref(),
            Some("banshi/juzhuzheng/index.html")
        );
        assert_eq!(
            alias_file("banshi/juzhuzheng").as_deref(),
            Some("banshi/juzhuzheng/index.html")
        );
        assert_eq!(alias_file("../../etc/passwd"), None);
        assert_eq!(alias_file("a/../../b.html"), None);
        assert_eq!(alias_file("C:\\x.html"), None);
        assert_eq!(alias_file("/"), None);
    }

    #[test]
    fn files_go_live_before_what_links_to_them() {
        let order = |p| publish_order(p);
        assert_eq!(order("stories/photo.jpg"), PublishOrder::Linked);
        assert_eq!(order("search/s/12.js"), PublishOrder::Linked);
        assert_eq!(order("style.css"), PublishOrder::Linked);
        assert_eq!(order("notices/guoqing.html"), PublishOrder::Page);
        assert_eq!(order("guides/sub/a.html"), PublishOrder::Page);
        for list in [
            "notices/index.html",
            "faq/page-3.html",
            "tags/hukou.html",
            "tags/hukou/page-2.html",
            "notices/archive.html",
            "notices/archive/page-2.html",
            "search/index.html",
            "search/base.js",
            "sitemap.xml",
        ] {
            assert_eq!(order(list), PublishOrder::List, "{list}");
        }
        assert_eq!(order("index.html"), PublishOrder::Home);
        assert!(PublishOrder::Linked < PublishOrder::Page);
        assert!(PublishOrder::List < PublishOrder::Home);
    }

    #[test]
    fn pagination_paths() {
        assert_eq!(section_page(Kind::Notice, 1), "notices/index.html");
        assert_eq!(section_page(Kind::Notice, 3), "notices/page-3.html");
    }
}
