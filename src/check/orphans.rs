//! Pages that no link leads to. Following every link of the rendered site from the home
//! page (menu, lists, tags, archive, links in texts), a page never reached can only be found
//! by search or by someone who has its address: usually a section missing from the menu,
//! or a page meant to be linked from another that is not.

use crate::diagnostics::Diagnostic;
use crate::model::urls::{self, percent_decode};
use crate::model::Site;
use crate::render::pages::RenderedSite;
use std::collections::{HashMap, HashSet, VecDeque};

pub fn find(site: &Site, rendered: &RenderedSite) -> Vec<Diagnostic> {
    let html: HashMap<&str, &[u8]> = rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    let reached = reachable(urls::HOME, &html);
    site.pages
        .iter()
        .filter(|p| !reached.contains(p.path.as_str()))
        .map(|p| {
            p.diagnostic_at(
                "title",
                Diagnostic::warning(
                    "从首页出发，没有任何链接能到达这一页（菜单、列表、标签、其他页面都没有）：居民只能靠搜索找到它。",
                ),
            )
            .with_hint("在别的页面里加一个链接到它（`[标题](../pages/x.md)`），或者在 `site.yaml` 的 `menu:` 里加上它所在的栏目。")
        })
        .collect()
}

/// Every HTML file reached from `start` by following links.
fn reachable<'a>(start: &'a str, html: &HashMap<&'a str, &[u8]>) -> HashSet<&'a str> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut queue = VecDeque::from([start]);
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path) {
            continue;
        }
        let Some(bytes) = html.get(path) else {
            continue;
        };
        for target in links(&String::from_utf8_lossy(bytes)) {
            let Some(resolved) = resolve(path, &target) else {
                continue;
            };
            if let Some((key, _)) = html.get_key_value(resolved.as_str()) {
                if !seen.contains(key) {
                    queue.push_back(key);
                }
            }
        }
    }
    seen
}

/// The values of every `href` attribute.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("href=") {
        rest = &rest[i + 5..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        rest = &rest[1..];
        if let Some(end) = rest.find(quote) {
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// A link as written in the page at `from`, as a path of the site; None when it leaves
/// the site (another scheme or host) or climbs above its root.
fn resolve(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    if target.is_empty() || target.contains(':') || target.starts_with("//") {
        return None;
    }
    let joined = match (target.strip_prefix('/'), from.rsplit_once('/')) {
        (Some(rooted), _) => rooted.to_owned(),
        (None, Some((dir, _))) => format!("{dir}/{target}"),
        (None, None) => target.to_owned(),
    };
    let mut path = percent_decode(&urls::normalize(&joined)?);
    if target.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_like_a_browser() {
        assert_eq!(
            resolve("guides/a.html", "b.html").as_deref(),
            Some("guides/b.html")
        );
        assert_eq!(
            resolve("guides/a.html", "../index.html").as_deref(),
            Some("index.html")
        );
        assert_eq!(
            resolve("guides/a.html", "../faq/").as_deref(),
            Some("faq/index.html")
        );
        assert_eq!(
            resolve("index.html", "notices/x.html#top").as_deref(),
            Some("notices/x.html")
        );
        assert_eq!(
            resolve("index.html", "/tags/%E6%88%B7.html").as_deref(),
            Some("tags/户.html")
        );
        assert_eq!(resolve("index.html", "https://example.org/"), None);
        assert_eq!(resolve("index.html", "tel:110"), None);
        assert_eq!(resolve("index.html", "../x.html"), None);
    }

    #[test]
    fn hrefs_in_either_quote() {
        let found = links("<a href=\"a.html?x=1&amp;y=2\">a</a> <a href='b.html'>b</a> href=c");
        assert_eq!(found, ["a.html?x=1&y=2", "b.html"]);
    }
}
