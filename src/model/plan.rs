//! The URL plan: every file a build writes, decided once from the model. Rendering makes its
//! jobs from this plan (which pages each list shows, split into which pages of its own),
//! and the check that no two things write one file ([`check_outputs`]) reads the same plan,
//! so a list page is reserved exactly when it is written. Paths themselves are spelled in [`urls`].
//!
//! Besides the files planned here, the search index writes its own files under `search/`,
//! which the plan reserves as a whole.

use super::page::{Page, Status};
use super::site::{Site, Tag};
use super::urls;
use crate::diagnostics::{spaced, Diagnostic};
use crate::schema::Kind;
use std::collections::HashMap;

/// A list (a section, the archive, a tag page) split into pages of its own.
#[derive(Debug, Clone)]
pub struct ListPlan {
    /// The pages listed, in list order.
    pub items: Vec<usize>,
    /// How many items one page of the list shows.
    pub per_page: usize,
    /// The path of each page of the list, the first first. An empty list still has one.
    pub paths: Vec<String>,
}

impl ListPlan {
    fn new(items: Vec<usize>, per_page: usize, page_path: impl Fn(usize) -> String) -> Self {
        let per_page = per_page.max(1);
        let count = items.len().div_ceil(per_page).max(1);
        let paths = (1..=count).map(page_path).collect();
        ListPlan {
            items,
            per_page,
            paths,
        }
    }

    /// The items of each page of the list, in the order of [`ListPlan::paths`].
    pub fn chunks(&self) -> Vec<&[usize]> {
        if self.items.is_empty() {
            vec![&[]]
        } else {
            self.items.chunks(self.per_page).collect()
        }
    }
}

/// A section's list of current pages and its expired ones.
#[derive(Debug, Clone)]
pub struct SectionPlan {
    pub kind: Kind,
    /// Current pages in the order the list shows them: newest first where dated, pinned
    /// notices first, FAQs grouped by category.
    pub list: ListPlan,
    /// Expired pages, newest first (the notices' archive lists them).
    pub expired: Vec<usize>,
}

/// Who writes a file, in words for the message when two would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// Home, 404, search, the list of tags, the feeds.
    Generated,
    SectionList(Kind),
    Archive,
    Tag(String),
    /// A file beside a page, by its path under content/.
    Asset(String),
    /// A page, by its index in the site.
    Page(usize),
    /// An old address of a page: the page's index and the address's.
    Alias {
        page: usize,
        alias: usize,
    },
    /// A file of `static/` or of the theme's static files.
    Static,
}

impl Owner {
    pub fn describe(&self, site: &Site) -> String {
        match self {
            Owner::Generated => "bulletin 自己生成的页面".to_owned(),
            Owner::SectionList(kind) => format!("`content/{}/` 的列表页", kind.section()),
            Owner::Archive => "过期通知的归档页".to_owned(),
            Owner::Tag(name) => format!("标签 `{name}` 的汇总页"),
            Owner::Asset(path) => format!("`content/{path}`"),
            Owner::Page(i) => format!("`{}`", site.pages[*i].file()),
            Owner::Alias { page, .. } => format!("`{}` 的旧网址", site.pages[*page].file()),
            Owner::Static => "`static/` 里的文件".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct UrlPlan {
    /// One per kind, in `Kind::ALL` order.
    pub sections: Vec<SectionPlan>,
    /// Expired notices.
    pub archive: ListPlan,
    /// One per tag of the site, in the site's order.
    pub tags: Vec<ListPlan>,
    /// Whether `sitemap.xml`, `atom.xml` and `feed.json` are written (they need `base_url`).
    pub feeds: bool,
}

impl UrlPlan {
    pub fn new(site: &Site) -> UrlPlan {
        let sections: Vec<SectionPlan> = (site.sections.iter())
            .map(|section| {
                let (mut current, expired): (Vec<usize>, Vec<usize>) =
                    (section.pages.iter()).partition(|&&i| is_listed_as_current(site, i));
                if section.kind == Kind::Notice {
                    // Pinned notices first; the sort is stable, so each group stays newest
                    // first.
                    current.sort_by_key(|i| !site.pages[*i].pinned);
                }
                if section.kind == Kind::Faq {
                    // The FAQ list groups questions by category: put them together so that
                    // its pages split a category at most once.
                    current = grouped_by_category(site, &current);
                }
                let kind = section.kind;
                let per_page = section.paginate(&site.config);
                SectionPlan {
                    kind,
                    list: ListPlan::new(current, per_page, |n| urls::section_page(kind, n)),
                    expired,
                }
            })
            .collect();
        let notices = &sections[0];
        let archive = ListPlan::new(notices.expired.clone(), notices.list.per_page, |n| {
            urls::list_page(urls::ARCHIVE, n)
        });
        let tags = (site.tags.iter())
            .map(|t: &Tag| {
                ListPlan::new(t.pages.clone(), site.config.paginate, |n| {
                    urls::list_page(&t.path, n)
                })
            })
            .collect();
        UrlPlan {
            sections,
            archive,
            tags,
            feeds: site.config.base_url.is_some(),
        }
    }

    pub fn section(&self, kind: Kind) -> &SectionPlan {
        let i = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        &self.sections[i]
    }

    /// Every file made from the model and the theme, with who makes it, in a fixed order:
    /// what bulletin generates first, then lists, files beside pages, pages and their old
    /// addresses. Static files come last (a site's `static/` replaces the theme's). The
    /// files of the search index under `search/` are not listed one by one.
    pub fn outputs(&self, site: &Site, theme_static: &[&str]) -> Vec<(String, Owner)> {
        let mut out: Vec<(String, Owner)> = Vec::new();
        let mut generated = vec![urls::HOME, urls::NOT_FOUND, urls::SEARCH, urls::TAGS];
        if self.feeds {
            generated.extend([urls::SITEMAP, urls::ATOM, urls::JSON_FEED]);
        }
        out.extend(
            generated
                .into_iter()
                .map(|p| (p.to_owned(), Owner::Generated)),
        );
        for s in &self.sections {
            let owner = Owner::SectionList(s.kind);
            out.extend(s.list.paths.iter().map(|p| (p.clone(), owner.clone())));
        }
        out.extend(
            self.archive
                .paths
                .iter()
                .map(|p| (p.clone(), Owner::Archive)),
        );
        for (tag, list) in site.tags.iter().zip(&self.tags) {
            let owner = Owner::Tag(tag.name.clone());
            out.extend(list.paths.iter().map(|p| (p.clone(), owner.clone())));
        }
        for asset in &site.assets {
            out.push((asset.dest.clone(), Owner::Asset(asset.dest.clone())));
        }
        for (i, page) in site.pages.iter().enumerate() {
            out.push((page.path.clone(), Owner::Page(i)));
            for (alias, a) in page.aliases.iter().enumerate() {
                if let Some(file) = urls::alias_file(&a.value) {
                    out.push((file, Owner::Alias { page: i, alias }));
                }
            }
        }
        let statics =
            (site.static_files.iter().map(|a| a.dest.as_str())).chain(theme_static.iter().copied());
        let mut seen = std::collections::HashSet::new();
        for path in statics {
            if seen.insert(path) {
                out.push((path.to_owned(), Owner::Static));
            }
        }
        out
    }
}

/// Whether a page belongs in the current lists (home, section lists): expired notices go to
/// the archive; drafts and scheduled pages show only in a preview (`--drafts`).
pub fn is_listed_as_current(site: &Site, i: usize) -> bool {
    site.pages[i].status != Status::Expired
}

/// `ordered` with the pages of each category together, categories in the order their
/// first page appears.
fn grouped_by_category(site: &Site, ordered: &[usize]) -> Vec<usize> {
    let mut rank: std::collections::HashMap<Option<&str>, usize> = Default::default();
    for &i in ordered {
        let next = rank.len();
        rank.entry(site.pages[i].category.as_deref())
            .or_insert(next);
    }
    let mut grouped = ordered.to_vec();
    grouped.sort_by_key(|&i| rank.get(&site.pages[i].category.as_deref()).copied());
    grouped
}

/// Two things may not write one file: pages, aliases, generated lists and copied files, as
/// the URL plan has them. Pages and old addresses are told where they clash; a site's
/// `static/` files are left out, as they replace on purpose what the site would make.
pub fn check_outputs(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut owners: HashMap<String, Owner> = HashMap::new();
    let outputs = UrlPlan::new(site).outputs(site, &[]);
    for (path, owner) in outputs {
        let other = match owners.get(&path) {
            None => {
                owners.insert(path, owner);
                continue;
            }
            Some(other) => other.describe(site),
        };
        match owner {
            Owner::Page(i) => {
                let page = &site.pages[i];
                out.push(
                    page.diagnostic_at(
                        "slug",
                        Diagnostic::error(format!(
                            "两个页面会用同一个网址 `{}`：这个文件和{}。",
                            page.path,
                            spaced(&other)
                        )),
                    )
                    .with_hint(taken_hint(page)),
                );
            }
            Owner::Alias { page, alias } => {
                let page = &site.pages[page];
                let alias = &page.aliases[alias];
                // `banshi/` makes `banshi/index.html`: say which file when it differs.
                let made = if path == alias.value {
                    " ".to_owned()
                } else {
                    format!("（也就是 `{path}`）")
                };
                out.push(
                    Diagnostic::error(format!(
                        "旧网址 `{}`{made}已经被占用了：它是{}。",
                        alias.value,
                        spaced(&other)
                    ))
                    .in_file(page.file())
                    .at(alias.position)
                    .with_hint("一个网址只能通向一个页面：删掉其中一处。复制别的文件来改时，常把 `aliases` 也一起复制了过来。")
                    .with_source(&page.source.text),
                );
            }
            _ => {}
        }
    }
    for page in &site.pages {
        for alias in &page.aliases {
            if urls::alias_file(&alias.value).is_none() {
                out.push(Diagnostic::error(format!("旧网址 `{}` 不是网站里面的路径。", alias.value))
                    .in_file(page.file())
                    .at(alias.position)
                    .with_hint("旧网址写成 `old/hukou.html` 或 `banshi/juzhuzheng/` 这样的路径，不要带 `..`、`\\` 或 `http://`。")
                    .with_source(&page.source.text));
            }
        }
    }
    out
}

/// What to do when two pages would share an address. A notice or story is mostly the
/// same title again (this month's 停水通知 after last month's): its date sets them apart.
fn taken_hint(page: &Page) -> String {
    match page.date.as_ref().filter(|_| page.kind.is_dated()) {
        Some(date) => {
            let year_month = date.iso_date().chars().take(7).collect::<String>();
            format!("同样的标题每次都用（比如每月的停水通知）时，网址会和上一次的撞上：在这个文件的信息栏里加一行 `slug: {}-{year_month}`，或者在文件名里加上区别。", page.slug)
        }
        None => "给其中一个改个文件名，或者另写一个 `slug:`。".to_owned(),
    }
}
