//! What templates see. These are plain, serializable views of the model: a theme author can
//! read this file (and `docs/templates.md`) to know every variable a template may use.
//!
//! Every `url` here is relative to the site root with no leading `/` (e.g.
//! `guides/hukou-qianru.html`); templates prefix it with `root`, the relative path from the
//! page being rendered to the site root (`""`, `"../"`, …), so the output works at a domain
//! root, in a subfolder and from file://.

use serde::Serialize;
use tera::Value;

/// A template variable: the views are plain data, so serializing them cannot fail.
pub(crate) fn to_value<T: Serialize>(v: &T) -> Value {
    Value::try_from_serializable(v).unwrap_or_else(|_| Value::none())
}

/// A list of pages, each a [`PageSummary`]. A page's summary is made into a template value
/// once and shared by every list that shows it (its section, its tags, the home page, the
/// pages that name it as related): serializing it again for each took a tenth of a build.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Summaries(pub Value);

impl Default for Summaries {
    fn default() -> Self {
        Summaries(Value::from(Vec::<Value>::new()))
    }
}

/// The variables every template gets.
#[derive(Debug, Clone, Serialize)]
pub struct Common<'a> {
    pub site: &'a SiteView,
    /// The theme's words in the site's language (`themes/<name>/i18n/<language>.yaml`).
    pub t: &'a serde_json::Value,
    /// `zh-CN` or `en`, for `<html lang>`.
    pub lang: &'a str,
    /// Relative path from this page to the site root: `""` or `"../"`, `"../../"`, ….
    pub root: String,
    /// This page's own path, relative to the site root.
    pub path: String,
    /// Urgent notices in effect: a banner on every page.
    pub urgent: &'a [PageSummary],
    /// Breadcrumbs from the home page to this page's parent (the page itself not included).
    pub breadcrumbs: Vec<Link>,
    /// Absolute URL of this page when `base_url` is set (canonical link, Open Graph).
    pub canonical: Option<String>,
    /// JSON-LD blocks for this page, each already serialized JSON.
    pub jsonld: Vec<String>,
    /// The build's "now" as RFC 3339, for scripts that compare the reader's clock.
    pub built_at: String,
    /// How many shard files the search index has (1: it is all inside search/base.js), for
    /// the search page to ask for a query's shards before search.js runs.
    pub search_shards: usize,
    /// The search tokenizer's classes and folds, as JSON, for the same
    /// ([`classes_json`](crate::render::search::rules::classes_json)).
    pub search_rules: &'static str,
    /// A short hash of each of the theme's static files, by path (`assets["style.css"]`),
    /// for `?v=` on their links: browsers fetch a file again exactly when it changed.
    pub assets: &'a std::collections::BTreeMap<String, String>,
    /// Set when the page is rendered by `bulletin serve` (templates must not depend on it).
    pub serving: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: Option<String>,
    pub contact: ContactView,
    pub footer: FooterView,
    pub menu: Vec<MenuItem>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ContactView {
    pub emergency: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct FooterView {
    pub icp: Option<String>,
    pub psb: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
    /// The section this item opens (`notices`, …), to mark the current one.
    pub section: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A tag with the URL of its page.
#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    pub name: String,
    pub slug: String,
    pub url: String,
}

/// A date as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2026年9月20日` (zh-CN) or `20 September 2026` (en).
    pub display: String,
    /// `2026-09-20` for `<time datetime>`.
    pub iso_date: String,
    /// RFC 3339 with offset, for machines (JSON-LD, expiry script). For `expires`, the
    /// moment it ends: the day after a bare date (`expires: 2027-02-28` holds through that day).
    pub rfc3339: String,
}

/// A page in a list: everything a list item, a card or a search result needs.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    pub url: String,
    pub title: String,
    pub kind: &'static str,
    /// 通知 / 指南 / 问答 / 故事 / 页面 (or English).
    pub kind_label: String,
    pub section: String,
    pub summary: String,
    pub date: Option<DateView>,
    pub updated: Option<DateView>,
    pub expires: Option<DateView>,
    pub tags: Vec<TagLink>,
    pub category: Option<String>,
    /// `current`, `expired`, `draft` or `scheduled` (the last two only with `--drafts`).
    pub status: &'static str,
    pub pinned: bool,
    pub urgent: bool,
}

/// One item of a guide's checklist.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialView {
    pub name: String,
    pub note: Option<String>,
    pub copies: Option<u32>,
    /// `Some(true)`: bring the original; `Some(false)`: a copy; `None`: not said.
    pub original: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GuideView {
    pub materials: Vec<MaterialView>,
    pub steps: Vec<String>,
    #[serde(rename = "where")]
    pub where_: Option<String>,
    pub hours: Option<String>,
    pub fees: Option<String>,
    pub duration: Option<String>,
    pub eligibility: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub url: String,
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A full page: the summary plus its rendered body and kind-specific facts.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub summary: PageSummary,
    /// The rendered, sanitized body HTML.
    pub content: String,
    pub toc: Vec<TocEntry>,
    /// Set for guides only.
    pub guide: Option<GuideView>,
    pub related: Summaries,
    pub image: Option<ImageView>,
    /// The page's `extra` map, as written.
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<Link>,
}

/// FAQ pages grouped under one category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryGroup {
    pub name: String,
    /// An anchor for the group's heading.
    pub id: String,
    pub pages: Vec<PageView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub name: String,
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    /// The rendered body of `_index.md`.
    pub intro: String,
    pub summary: String,
    /// This list page's pages (current ones; for notices, pinned first).
    pub pages: Summaries,
    pub paginator: Option<Paginator>,
    /// FAQ only: every question with its answer, grouped by category.
    pub categories: Vec<CategoryGroup>,
    /// Notices only: the archive of expired notices, when there is one.
    pub archive_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub pinned: Summaries,
    pub latest: Summaries,
    pub guides: Summaries,
    pub faqs: Summaries,
    pub stories: Summaries,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
    /// The pages this page lists (none in `tags`, the list of every tag).
    pub pages: Summaries,
    pub paginator: Option<Paginator>,
}
