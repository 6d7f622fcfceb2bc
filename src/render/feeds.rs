//! Machine-readable outputs: sitemap.xml and the Atom feed of notices. Both need absolute
//! URLs, so they are written only when site.yaml sets `base_url`.

use super::views::Views;
use super::OutputFile;
use crate::model::{urls, Site};
use crate::schema::Kind;
use std::fmt::Write as _;

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
    let notices: Vec<usize> = site
        .section(Kind::Notice)
        .pages
        .iter()
        .copied()
        .filter(|i| site.pages[*i].status.is_published())
        .take(50)
        .collect();
    let stamp = |i: usize| {
        let p = &site.pages[i];
        p.updated
            .as_ref()
            .or(p.date.as_ref())
            .map(|d| d.rfc3339())
            .unwrap_or_default()
    };
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
