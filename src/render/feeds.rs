//! Machine-readable outputs: sitemap.xml, the Atom feed of notices and `feed.json` (JSON
//! Feed 1.1) of the notices in force, which a county portal reads to republish its
//! stations' news. All need absolute URLs, so they are written only when site.yaml sets
//! `base_url`.

use super::views::Views;
use super::OutputFile;
use crate::model::{urls, Site, Status};
use crate::schema::Kind;
use serde_json::json;
use std::fmt::Write as _;

/// The most notices a feed lists, newest first.
const FEED_ITEMS: usize = 50;

/// The notices a feed lists: the newest published ones that `keep`.
fn feed_notices(site: &Site, keep: impl Fn(Status) -> bool) -> Vec<usize> {
    (site.section(Kind::Notice).pages.iter())
        .copied()
        .filter(|i| site.pages[*i].status.is_published() && keep(site.pages[*i].status))
        .take(FEED_ITEMS)
        .collect()
}

/// When a notice last changed: its `updated`, else its `date` (RFC 3339).
fn changed(site: &Site, i: usize) -> String {
    let p = &site.pages[i];
    (p.updated.as_ref().or(p.date.as_ref()))
        .map(|d| d.rfc3339())
        .unwrap_or_default()
}

pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Every published page and list, with its last change.
pub fn sitemap(site: &Site, base: &str, list_paths: &[String]) -> OutputFile {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in list_paths {
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc></url>",
            escape_xml(&format!("{base}{path}"))
        );
    }
    for page in site.pages.iter().filter(|p| p.status.is_published()) {
        let lastmod = page
            .updated
            .as_ref()
            .or(page.date.as_ref())
            .map(|d| format!("<lastmod>{}</lastmod>", d.iso_date()))
            .unwrap_or_default();
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc>{lastmod}</url>",
            escape_xml(&format!("{base}{}", page.path))
        );
    }
    xml.push_str("</urlset>\n");
    OutputFile::new(urls::SITEMAP, xml)
}

/// The 50 newest published notices.
pub fn atom(views: &Views, base: &str) -> OutputFile {
    let site = views.site;
    let notices = feed_notices(site, |_| true);
    let stamp = |i: usize| changed(site, i);
    let feed_updated = notices
        .iter()
        .map(|i| stamp(*i))
        .max()
        .unwrap_or_else(|| site.now.to_string());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let home = escape_xml(base);
    let _ = write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{} · {}</title>\n  <id>{home}</id>\n  <link href=\"{home}\"/>\n  <link rel=\"self\" href=\"{home}{}\"/>\n  <updated>{feed_updated}</updated>\n",
        site.config.language.code(),
        escape_xml(&site.config.title),
        escape_xml(&site.section(Kind::Notice).title),
        urls::ATOM,
    );
    for i in notices {
        let page = &site.pages[i];
        let summary = &views.summaries[i];
        let url = escape_xml(&format!("{base}{}", page.path));
        let published = page
            .date
            .as_ref()
            .map(|d| format!("    <published>{}</published>\n", d.rfc3339()))
            .unwrap_or_default();
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link href=\"{url}\"/>\n{published}    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape_xml(&page.title),
            stamp(i),
            escape_xml(&summary.summary),
        );
    }
    xml.push_str("</feed>\n");
    OutputFile::new(urls::ATOM, xml)
}

/// `feed.json`: the 50 newest notices in force (JSON Feed 1.1). An expired notice leaves
/// it, as it leaves the home page; `_bulletin` says until when each is valid and whether
/// it is pinned or urgent, for a portal that shows them as the station does.
pub fn json_feed(views: &Views, base: &str) -> OutputFile {
    let site = views.site;
    let items: Vec<serde_json::Value> = feed_notices(site, |s| s == Status::Current)
        .into_iter()
        .map(|i| {
            let page = &site.pages[i];
            let url = format!("{base}{}", page.path);
            let summary = &views.summaries[i].summary;
            let mut item = json!({
                "id": url,
                "url": url,
                "title": page.title,
                "summary": summary,
                "content_text": summary,
                "date_modified": changed(site, i),
                "_bulletin": {
                    // The moment it ends: a bare day is in force through that day.
                    "expires": page.expires.as_ref().map(|d| views.expiry(d).rfc3339),
                    "pinned": page.pinned,
                    "urgent": page.urgent,
                },
            });
            if let Some(d) = &page.date {
                item["date_published"] = json!(d.rfc3339());
            }
            if !page.tags.is_empty() {
                item["tags"] = json!(page.tags);
            }
            item
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": format!("{} · {}", site.config.title, site.section(Kind::Notice).title),
        "home_page_url": base,
        "feed_url": format!("{base}{}", urls::JSON_FEED),
        "description": site.config.description,
        "language": site.config.language.code(),
        "items": items,
    });
    let text = serde_json::to_string_pretty(&feed).unwrap_or_default();
    OutputFile::new(urls::JSON_FEED, text + "\n")
}
