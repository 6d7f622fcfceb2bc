//! What a page points at: Markdown links and `related` entries (content paths, relative
//! or rooted with `@/`), and images beside the page. Resolving them, and the errors for
//! those that lead nowhere.

use super::page::{Page, Status};
use super::site::Site;
use super::urls;
use crate::diagnostics::Diagnostic;

/// Resolve a content path as staff write it in `related` or a Markdown link: relative to
/// the linking file's folder, or to content/ with a leading `@/` (or when relative fails).
pub fn resolve_content_path(from_content_path: &str, target: &str) -> Option<String> {
    let target = target.trim();
    if let Some(rooted) = target.strip_prefix("@/") {
        return urls::normalize(rooted);
    }
    let dir = from_content_path.rsplit_once('/').map_or("", |(d, _)| d);
    let joined = if dir.is_empty() {
        target.to_owned()
    } else {
        format!("{dir}/{target}")
    };
    urls::normalize(&joined)
}

/// Why a content path cannot be linked, in words, or None when it is a published page.
pub fn unlinkable_reason(site: &Site, content_path: &str) -> Option<String> {
    if site.by_content_path.contains_key(content_path) {
        return None;
    }
    Some(match site.unpublished.get(content_path) {
        Some(Status::Draft) => format!("`{content_path}` is a draft and is not published"),
        Some(Status::Scheduled) => format!("`{content_path}` is scheduled and not published yet"),
        _ => format!("there is no page `content/{content_path}`"),
    })
}

/// A `related` entry is a path under content/ (`faq/hukou-cailiao.md`); a path relative to
/// the page, as in Markdown links, is accepted too.
pub fn resolve_related(site: &Site, from_content_path: &str, value: &str) -> Option<String> {
    let known =
        |p: &String| site.by_content_path.contains_key(p) || site.unpublished.contains_key(p);
    let rooted = urls::normalize(value.trim().trim_start_matches("@/"));
    rooted
        .clone()
        .filter(known)
        .or_else(|| resolve_content_path(from_content_path, value).filter(known))
        .or(rooted)
}

pub(super) fn check_related(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in &site.pages {
        for r in &page.related {
            let Some(path) = resolve_related(site, page.source.content_path(), &r.value) else {
                continue;
            };
            if let Some(why) = unlinkable_reason(site, &path) {
                let d = if site.unpublished.contains_key(&path) {
                    Diagnostic::warning(format!(
                        "`related` lists {why}: it is left out of the list"
                    ))
                    .with_hint("publish that page, or remove it from `related`")
                } else {
                    Diagnostic::error(format!("`related` lists `{}`, but {why}", r.value))
                        .with_hint("write the path under content/, e.g. `faq/hukou-cailiao.md`, and check the file name")
                };
                out.push(
                    d.in_file(page.file())
                        .at(r.position)
                        .with_source(&page.source.text),
                );
            }
        }
    }
    out
}

/// The output path of a file beside a page, named relative to that page (`image: a.jpg`).
pub fn asset_path(site: &Site, page: &Page, target: &str) -> Option<String> {
    let path = resolve_content_path(page.source.content_path(), target)?;
    site.assets.iter().any(|a| a.dest == path).then_some(path)
}

pub(super) fn check_images(site: &Site) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter_map(|page| {
            let image = page.image.as_ref()?;
            if asset_path(site, page, &image.value).is_some() || is_external(&image.value) {
                return None;
            }
            Some(
                Diagnostic::error(format!("the image `{}` is not there", image.value))
                    .in_file(page.file())
                    .at(image.position)
                    .with_hint("put the image file in the same folder as this page and write its file name, e.g. `image: jingwushi.jpg`")
                    .with_source(&page.source.text),
            )
        })
        .collect()
}

pub fn is_external(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_resolve_relative_and_rooted() {
        assert_eq!(
            resolve_content_path("faq/a.md", "../guides/b.md").as_deref(),
            Some("guides/b.md")
        );
        assert_eq!(
            resolve_content_path("faq/a.md", "@/guides/b.md").as_deref(),
            Some("guides/b.md")
        );
        assert_eq!(
            resolve_content_path("faq/a.md", "c.md").as_deref(),
            Some("faq/c.md")
        );
        assert_eq!(resolve_content_path("faq/a.md", "../../x.md"), None);
    }
}
