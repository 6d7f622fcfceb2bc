//! The validated site: published pages in their sections, tags, and every cross-page check
//! that needs all pages at once (duplicate URLs, `related` targets, images, aliases).

use super::links::{check_images, check_related, Targets};
use super::page::{read_page, read_section_meta, Page, SectionMeta, Status};
use super::{slug, urls};
use crate::config::{Language, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::walk::AssetFile;
use crate::load::{SourceFile, SourceKind};
use crate::schema::Kind;
use jiff::Timestamp;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: Kind,
    pub title: String,
    pub meta: Option<SectionMeta>,
    /// Indexes into `Site::pages`, in list order (newest first for notices and stories,
    /// by weight then title for the others).
    pub pages: Vec<usize>,
}

impl Section {
    pub fn paginate(&self, config: &SiteConfig) -> usize {
        self.meta
            .as_ref()
            .and_then(|m| m.paginate)
            .unwrap_or(config.paginate)
    }
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub path: String,
    pub pages: Vec<usize>,
}

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub now: Timestamp,
    /// Whether drafts and scheduled pages are shown (preview).
    pub drafts: bool,
    pub pages: Vec<Page>,
    /// `guides/hukou-qianru.md` (path under content/) → index in `pages`.
    pub by_content_path: HashMap<String, usize>,
    /// Pages left out at this "now" (drafts, scheduled), by content path: links to them are
    /// reported, not silently broken.
    pub unpublished: HashMap<String, Status>,
    /// The pages behind `unpublished`, kept so `serve` need not read them again.
    pub held_back: Vec<Page>,
    /// One per kind, in `Kind::ALL` order.
    pub sections: Vec<Section>,
    pub tags: Vec<Tag>,
    pub assets: Vec<AssetFile>,
    pub static_files: Vec<AssetFile>,
}

impl Site {
    /// Frees every page's source text and front matter: see [`SourceFile::release_text`].
    /// Diagnostics made after this show no source lines.
    pub fn release_sources(&mut self) {
        (self.pages.par_iter_mut())
            .chain(self.held_back.par_iter_mut())
            .for_each(|p| p.source.release_text());
    }

    /// What links and images of pages are resolved against.
    pub fn targets(&self) -> Targets<'_> {
        Targets {
            published: &self.by_content_path,
            unpublished: &self.unpublished,
            assets: &self.assets,
        }
    }

    pub fn section(&self, kind: Kind) -> &Section {
        &self.sections[Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    pub fn page_by_content_path(&self, path: &str) -> Option<&Page> {
        self.by_content_path.get(path).map(|i| &self.pages[*i])
    }

    /// Urgent notices in effect: shown as a banner on every page.
    pub fn urgent_notices(&self) -> impl Iterator<Item = &Page> {
        self.section(Kind::Notice)
            .pages
            .iter()
            .map(|i| &self.pages[*i])
            .filter(|p| p.urgent && p.status == Status::Current)
    }

    pub fn tag_by_name(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// Put `page`, read again from the file of a page of this site, in its place, when
    /// nothing about that place changed: its address and aliases, whether it is published,
    /// what orders it in its section (date, weight, title), its tags, related pages and
    /// image. Then sections, tags and the checks across pages stay as they are, and `serve`
    /// shows a text edit without assembling 10,000 pages again. Otherwise the page is given
    /// back, to assemble the site anew.
    pub fn replace_page(&mut self, page: Page) -> Result<Page, Page> {
        let Some(&i) = self.by_content_path.get(page.source.content_path()) else {
            return Err(page);
        };
        let old = &self.pages[i];
        let values = |list: &[super::page::Located<String>]| -> Vec<String> {
            list.iter().map(|l| l.value.clone()).collect()
        };
        // The checks across pages point at these lines: they must not have moved.
        let same_lines = ["slug", "related", "aliases", "image"]
            .iter()
            .all(|k| old.source.front.position_of(k) == page.source.front.position_of(k));
        let same_place = same_lines
            && old.source.rel_path == page.source.rel_path
            && old.kind == page.kind
            && old.path == page.path
            && old.status == page.status
            && old.sort_time() == page.sort_time()
            && old.weight == page.weight
            && old.title == page.title
            && old.tags == page.tags
            && values(&old.related) == values(&page.related)
            && values(&old.aliases) == values(&page.aliases)
            && old.image.as_ref().map(|l| &l.value) == page.image.as_ref().map(|l| &l.value);
        if !same_place {
            return Err(page);
        }
        Ok(std::mem::replace(&mut self.pages[i], page))
    }

    /// Take the site apart into what [`assemble_read`] was given, so `serve` can put it
    /// together again after a few files changed without reading the others again.
    pub fn into_read(self) -> ReadSite {
        let mut pages = self.pages;
        pages.extend(self.held_back);
        ReadSite {
            config: self.config,
            pages,
            metas: self
                .sections
                .into_iter()
                .filter_map(|s| Some((s.kind, s.meta?)))
                .collect(),
            assets: self.assets,
            static_files: self.static_files,
        }
    }
}

/// What the model made of one content file.
pub enum ReadFile {
    Page(Box<Page>),
    Section(Kind, Box<SectionMeta>),
    /// Its required fields could not be read: the diagnostics say why.
    Failed,
}

/// One content file read on its own, with the diagnostics of that file alone.
pub struct Read {
    pub rel_path: String,
    pub file: ReadFile,
    pub diags: Diagnostics,
}

/// Read each source into a page or a section's settings, in parallel. Nothing here looks
/// at another file, so `serve` reads again only the files that changed.
pub fn read_sources(sources: Vec<SourceFile>, config: &SiteConfig, now: Timestamp) -> Vec<Read> {
    sources
        .into_par_iter()
        .map(|s| {
            let rel_path = s.rel_path.clone();
            let (file, diags) = match s.kind {
                SourceKind::Page(kind) => {
                    let (page, d) = read_page(s, kind, config, now);
                    (
                        page.map_or(ReadFile::Failed, |p| ReadFile::Page(Box::new(p))),
                        d,
                    )
                }
                SourceKind::SectionIndex(kind) => {
                    let (meta, d) = read_section_meta(s);
                    (
                        meta.map_or(ReadFile::Failed, |m| ReadFile::Section(kind, Box::new(m))),
                        d,
                    )
                }
            };
            Read {
                rel_path,
                file,
                diags,
            }
        })
        .collect()
}

/// Every file of the site, read: what [`assemble_read`] puts together.
pub struct ReadSite {
    pub config: SiteConfig,
    /// Every page read, published or not.
    pub pages: Vec<Page>,
    pub metas: Vec<(Kind, SectionMeta)>,
    pub assets: Vec<AssetFile>,
    pub static_files: Vec<AssetFile>,
}

/// Put pages already read together: sections, tags, and the checks across pages.
pub fn assemble_read(read: ReadSite, now: Timestamp, drafts: bool) -> (Site, Diagnostics) {
    let ReadSite {
        config,
        pages: read_pages,
        metas,
        assets,
        static_files,
    } = read;
    let mut diags = Diagnostics::new();
    let mut pages = Vec::with_capacity(read_pages.len());
    let mut unpublished = HashMap::new();
    let mut held_back = Vec::new();
    for p in read_pages {
        if p.status.is_published() || drafts {
            pages.push(p);
        } else {
            unpublished.insert(p.source.content_path().to_owned(), p.status);
            held_back.push(p);
        }
    }
    // A stable order independent of the file system and of rayon. Pages are large: sort
    // their indices, then move each page once (serve reassembles 10,000 pages per edit).
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|a, b| pages[*a].source.rel_path.cmp(&pages[*b].source.rel_path));
    let mut slots: Vec<Option<Page>> = pages.into_iter().map(Some).collect();
    // Sized ahead: growing a vector of 10,000 pages copies them again at every doubling.
    let mut pages = Vec::with_capacity(slots.len());
    pages.extend(order.into_iter().filter_map(|i| slots[i].take()));
    let by_content_path: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.content_path().to_owned(), i))
        .collect();

    let mut metas: HashMap<Kind, SectionMeta> = metas.into_iter().collect();
    let sections = Kind::ALL
        .into_iter()
        .map(|kind| {
            let meta = metas.remove(&kind);
            let title = meta
                .as_ref()
                .and_then(|m| m.title.clone())
                .unwrap_or_else(|| default_section_title(kind, config.language).into());
            let mut list: Vec<usize> = pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == kind)
                .map(|(i, _)| i)
                .collect();
            sort_section(kind, &mut list, &pages);
            Section {
                kind,
                title,
                meta,
                pages: list,
            }
        })
        .collect::<Vec<Section>>();
    let tags = collect_tags(&pages, &sections);

    let site = Site {
        config,
        now,
        drafts,
        pages,
        by_content_path,
        unpublished,
        held_back,
        sections,
        tags,
        assets,
        static_files,
    };
    diags.extend(check_related(&site.pages, site.targets()));
    diags.extend(check_images(&site.pages, site.targets()));
    diags.extend(check_tags(&site));
    (site, diags)
}

pub fn default_section_title(kind: Kind, language: Language) -> &'static str {
    match (language, kind) {
        (Language::ZhCn, Kind::Notice) => "通知公告",
        (Language::ZhCn, Kind::Guide) => "办事指南",
        (Language::ZhCn, Kind::Faq) => "常见问题",
        (Language::ZhCn, Kind::Story) => "警民故事",
        (Language::ZhCn, Kind::Page) => "其他页面",
        (Language::En, Kind::Notice) => "Notices",
        (Language::En, Kind::Guide) => "Guides",
        (Language::En, Kind::Faq) => "Questions",
        (Language::En, Kind::Story) => "Stories",
        (Language::En, Kind::Page) => "About",
    }
}

fn sort_section(kind: Kind, list: &mut [usize], pages: &[Page]) {
    list.sort_by(|a, b| {
        let (a, b) = (&pages[*a], &pages[*b]);
        if kind.is_dated() {
            b.sort_time()
                .cmp(&a.sort_time())
                .then_with(|| a.title.cmp(&b.title))
        } else {
            let weight = |p: &Page| p.weight.unwrap_or(i64::MAX);
            weight(a)
                .cmp(&weight(b))
                .then_with(|| a.title.cmp(&b.title))
        }
    });
}

/// Each tag with its pages in the order a tag page lists them: section by section, each in
/// its list's order (newest first where dated), and expired notices last.
fn collect_tags(pages: &[Page], sections: &[Section]) -> Vec<Tag> {
    let (current, expired): (Vec<usize>, Vec<usize>) = (sections.iter())
        .flat_map(|s| s.pages.iter().copied())
        .partition(|&i| pages[i].status != Status::Expired);
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in current.into_iter().chain(expired) {
        let p = &pages[i];
        for t in &p.tags {
            let list = by_name.entry(t.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let base = |name: &str| match slug::slugify_unsegmented(name) {
        s if s.is_empty() => "tag".to_owned(),
        s => s,
    };
    // Different tags can read the same in pinyin (户口 / 互扣 / Hukou): keep every page,
    // and keep each address from moving when another tag of that reading comes. The plain
    // address goes to a Chinese name before a Latin one (户口 keeps it when Hukou comes),
    // then in code point order (户口 before 湖口); the others get a suffix made of their
    // own name alone, not of how many came before.
    let mut claims: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for name in by_name.keys() {
        claims.entry(base(name)).or_default().push(name);
    }
    let mut slugs: HashMap<&str, String> = HashMap::new();
    for (base, mut names) in claims {
        names.sort_by_key(|n| (n.is_ascii(), *n));
        for (i, name) in names.into_iter().enumerate() {
            let s = if i == 0 {
                base.clone()
            } else {
                format!("{base}-{:06x}", name_hash(name) & 0xff_ffff)
            };
            slugs.insert(name, s);
        }
    }
    by_name
        .into_iter()
        .map(|(name, pages)| {
            let s = slugs.remove(name).unwrap_or_else(|| base(name));
            Tag {
                name: name.to_owned(),
                path: urls::tag(&s),
                slug: s,
                pages,
            }
        })
        .collect()
}

/// A hash of a tag's name that is the same on every build and machine (FNV-1a).
fn name_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A tag that is empty would make a page of no name (`tags: [户籍, ]`, `tags: ['']`).
fn check_tags(site: &Site) -> Vec<Diagnostic> {
    (site.pages.iter())
        .filter(|p| p.tags.iter().any(|t| t.trim().is_empty()))
        .map(|p| {
            p.diagnostic_at("tags", Diagnostic::error("这里有一个空的标签。"))
                .with_hint("删掉空的那一项（多余的逗号或一对空引号），例如 `tags: [户籍, 通知]`。")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rel_path: &str, text: &str) -> Page {
        let config = crate::config::from_text("title: 测试派出所\n").unwrap();
        let (front, body_offset, body_line) =
            crate::load::front_matter::split(text, rel_path).unwrap();
        let source = SourceFile {
            kind: SourceKind::Page(Kind::Notice),
            rel_path: rel_path.into(),
            fingerprint: crate::load::front_matter::fingerprint(rel_path, text),
            text: text.into(),
            front,
            body_offset,
            body_line,
        };
        let now = "2026-12-01T12:00:00+08:00".parse().unwrap();
        read_page(source, Kind::Notice, &config, now).0.unwrap()
    }

    #[test]
    fn a_text_edit_replaces_the_page_in_place_and_a_move_does_not() {
        let path = "content/notices/2026-11-01-a.md";
        let before = "---\ntitle: 通知\ndate: 2026-11-01\ntags: [户籍]\n---\n正文\n";
        let read = ReadSite {
            config: crate::config::from_text("title: 测试派出所\n").unwrap(),
            pages: vec![
                page(path, before),
                page(
                    "content/notices/2026-11-02-b.md",
                    "---\ntitle: 另一条\ndate: 2026-11-02\n---\nb\n",
                ),
            ],
            metas: Vec::new(),
            assets: Vec::new(),
            static_files: Vec::new(),
        };
        let (mut site, _) =
            assemble_read(read, "2026-12-01T12:00:00+08:00".parse().unwrap(), false);
        let edited = before.replace("正文", "新的正文");
        assert!(site.replace_page(page(path, &edited)).is_ok());
        assert!(site
            .page_by_content_path("notices/2026-11-01-a.md")
            .unwrap()
            .source
            .text
            .contains("新的正文"));
        // A new date reorders the list, a new tag makes a tag page: assemble again.
        for moved in [
            edited.replace("2026-11-01\n", "2026-11-03\n"),
            edited.replace("[户籍]", "[户口]"),
            edited.replace("title: 通知", "title: 通知二"),
        ] {
            assert!(site.replace_page(page(path, &moved)).is_err(), "{moved}");
        }
        // A page the site does not have cannot replace anything.
        assert!(site
            .replace_page(page("content/notices/2026-11-05-c.md", before))
            .is_err());
    }
}
