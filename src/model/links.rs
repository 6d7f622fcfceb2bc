//! What a page points at: Markdown links and `related` entries (content paths, relative
//! or rooted with `@/`), and images beside the page. Resolving them, and the errors for
//! those that lead nowhere.

use super::page::{Page, Status};
use super::urls;
use crate::diagnostics::Diagnostic;
use crate::load::walk::AssetFile;
use std::collections::HashMap;

/// What links are resolved against: the site's pages by content path, published or held
/// back, and the files beside them. The site hands these out
/// ([`Site::targets`](super::Site::targets)); the checks here need nothing else of it.
#[derive(Clone, Copy)]
pub struct Targets<'a> {
    /// Published pages (every page with `--drafts`), by path under content/.
    pub published: &'a HashMap<String, usize>,
    /// Drafts and scheduled pages, by path under content/.
    pub unpublished: &'a HashMap<String, Status>,
    pub assets: &'a [AssetFile],
}

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

/// The hint for an image that is not there.
pub const PUT_IMAGE_BESIDE: &str = "把图片文件放在这一页所在的文件夹里，再写上它的文件名";

/// Why a content path cannot be linked, in words, or None when it is a published page.
pub fn unlinkable_reason(site: Targets, content_path: &str) -> Option<String> {
    if site.published.contains_key(content_path) {
        return None;
    }
    Some(match site.unpublished.get(content_path) {
        Some(Status::Draft) => format!("`{content_path}` 是草稿，没有发布"),
        Some(Status::Scheduled) => format!("`{content_path}` 是定时发布的，还没到发布时间"),
        _ => format!("没有 `content/{content_path}` 这个页面"),
    })
}

/// A `related` entry is a path under content/ (`faq/hukou-cailiao.md`); a path relative to
/// the page, as in Markdown links, is accepted too.
pub fn resolve_related(site: Targets, from_content_path: &str, value: &str) -> Option<String> {
    let known = |p: &String| site.published.contains_key(p) || site.unpublished.contains_key(p);
    let rooted = urls::normalize(value.trim().trim_start_matches("@/"));
    rooted
        .clone()
        .filter(known)
        .or_else(|| resolve_content_path(from_content_path, value).filter(known))
        .or(rooted)
}

pub(super) fn check_related(pages: &[Page], site: Targets) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in pages {
        for r in &page.related {
            let Some(path) = resolve_related(site, page.source.content_path(), &r.value) else {
                continue;
            };
            if let Some(why) = unlinkable_reason(site, &path) {
                let d = if site.unpublished.contains_key(&path) {
                    Diagnostic::warning(format!("`related` 里的 {why}，所以暂时不列出。"))
                        .with_hint("等那一页发布，或者把它从 `related` 里删掉。")
                } else {
                    Diagnostic::error(format!("`related` 里写了 `{}`，但是{why}。", r.value))
                        .with_hint("从 `content/` 下面算起写文件位置，例如 `faq/hukou-cailiao.md`，并检查文件名有没有写错。")
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
pub fn asset_path(site: Targets, page: &Page, target: &str) -> Option<String> {
    let path = resolve_content_path(page.source.content_path(), target)?;
    site.assets.iter().any(|a| a.dest == path).then_some(path)
}

pub(super) fn check_images(pages: &[Page], site: Targets) -> Vec<Diagnostic> {
    pages
        .iter()
        .filter_map(|page| {
            let image = page.image.as_ref()?;
            if asset_path(site, page, &image.value).is_some() || is_external(&image.value) {
                return None;
            }
            Some(
                Diagnostic::error(format!("找不到图片 `{}`。", image.value))
                    .in_file(page.file())
                    .at(image.position)
                    .with_hint(format!("{PUT_IMAGE_BESIDE}，例如 `image: jingwushi.jpg`。"))
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
