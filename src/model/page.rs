//! A page's front matter, read into typed fields and checked against the content contract
//! (`docs/content-format.md`): required fields, types, dates, kind-specific keys.

use super::date::{self, DateValue};
use super::guide::{read_guide, GuideFields};
use super::slug;
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::load::fields::FieldReader;
use crate::load::yaml::yaml_to_json;
use crate::load::SourceFile;
use crate::schema::{self, Kind, Kinds, PAGE_FIELDS, SECTION_FIELDS};

/// Where a page stands at the build's "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Current,
    Expired,
    /// Dated after now: not published yet.
    Scheduled,
    Draft,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Expired => "expired",
            Status::Scheduled => "scheduled",
            Status::Draft => "draft",
        }
    }

    /// Published pages are current or expired; the others appear only with `--drafts`.
    pub fn is_published(self) -> bool {
        matches!(self, Status::Current | Status::Expired)
    }
}

/// A value together with the position of the key it came from, for later checks
/// (links in `related`, paths in `aliases`) that report errors at the right line.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub position: Position,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub source: SourceFile,
    pub kind: Kind,
    pub slug: String,
    /// Output path relative to the site root: `guides/hukou-qianru.html`.
    pub path: String,
    pub title: String,
    pub summary: Option<String>,
    pub date: Option<DateValue>,
    pub updated: Option<DateValue>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub aliases: Vec<Located<String>>,
    pub related: Vec<Located<String>>,
    pub image: Option<Located<String>>,
    pub image_alt: Option<String>,
    pub extra: serde_json::Value,
    pub expires: Option<DateValue>,
    pub pinned: bool,
    pub urgent: bool,
    pub guide: Option<GuideFields>,
    pub status: Status,
}

impl Page {
    pub fn file(&self) -> &str {
        &self.source.rel_path
    }

    /// The diagnostic's file and the line of `key` in this page's front matter.
    pub fn diagnostic_at(&self, key: &str, d: Diagnostic) -> Diagnostic {
        d.in_file(&self.source.rel_path)
            .at(self.source.front.position_of(key))
            .with_source(&self.source.text)
    }

    /// Sort key: newest first for dated kinds.
    pub fn sort_time(&self) -> Option<jiff::Timestamp> {
        self.date.as_ref().map(DateValue::timestamp)
    }
}

/// The parts of `_index.md`.
#[derive(Debug, Clone)]
pub struct SectionMeta {
    pub source: SourceFile,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub weight: Option<i64>,
    pub paginate: Option<usize>,
    pub extra: serde_json::Value,
}

pub fn read_section_meta(source: SourceFile) -> (Option<SectionMeta>, Diagnostics) {
    let mut r = FieldReader::new(
        &source.front,
        &source.rel_path,
        &source.text,
        SECTION_FIELDS,
    );
    let keys = schema::keys(SECTION_FIELDS);
    r.reject_unknown(&keys, |_| {
        let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        let (last, rest) = quoted.split_last()?;
        Some(format!(
            "栏目介绍文件 `_index.md` 只能写 {} 和 {last}",
            rest.join("、")
        ))
    });
    let title = r.text("title");
    let summary = r.text("summary");
    let weight = r.int("weight");
    let paginate = r
        .int("paginate")
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n > 0);
    let extra = r
        .raw("extra")
        .map(yaml_to_json)
        .unwrap_or(serde_json::Value::Null);
    let diags = r.diags;
    let meta = SectionMeta {
        title,
        summary,
        weight,
        paginate,
        extra,
        source: source.clone(),
    };
    (Some(meta), diags)
}

/// Read a page's front matter. Returns the page (if its required fields could be read)
/// and every diagnostic found.
pub fn read_page(
    source: SourceFile,
    kind: Kind,
    config: &SiteConfig,
    now: jiff::Timestamp,
) -> (Option<Page>, Diagnostics) {
    let kind_name = kind.section();
    let mut r = FieldReader::new(&source.front, &source.rel_path, &source.text, PAGE_FIELDS);
    r.reject_unknown(&schema::page_keys(kind), |key| {
        let Kinds::Only(kinds) = schema::find(PAGE_FIELDS, key)?.kinds else {
            return None;
        };
        let owners: Vec<String> = (kinds.iter())
            .map(|k| format!("{}（`content/{}/`）", k.label(), k.section()))
            .collect();
        Some(format!(
            "`{key}` 只有{}才能用，这个文件在 `content/{kind_name}/`",
            owners.join("、")
        ))
    });

    let title = r.required_text("title", "每个页面都要有标题");
    let slug = page_slug(&mut r, &source);
    let tz = &config.timezone;
    let read_date = |r: &mut FieldReader, key: &str| -> Option<DateValue> {
        let text = r.text(key)?;
        match date::parse(&text, tz) {
            Ok(d) => Some(d),
            Err(why) => {
                r.error(key, why, format!("日期写成 `{key}: 2026-09-20`、`{key}: 2026-09-20 08:30` 或 `{key}: 2026-09-20T08:30:00+08:00` 这样。"));
                None
            }
        }
    };
    let date = read_date(&mut r, "date");
    let updated = read_date(&mut r, "updated");
    let expires = if kind == Kind::Notice {
        read_date(&mut r, "expires")
    } else {
        None
    };
    if kind.is_dated() && date.is_none() && r.raw("date").is_none() {
        let d = Diagnostic::error("缺少必填字段 `date`。")
            .in_file(&source.rel_path)
            .at(source.front.start)
            .with_hint(format!(
                "`content/{kind_name}/` 里的页面都要有发布日期：在开头的两行 `---` 之间加一行 `date: 2026-09-20`。"
            ))
            .with_source(&source.text);
        r.diags.push(d);
    }
    if let (Some(d), Some(e)) = (&date, &expires) {
        if e.end_moment() <= d.timestamp() {
            r.error(
                "expires",
                format!(
                    "这条通知的到期日（{}）早于发布日期（{}）。",
                    e.iso_date(),
                    d.iso_date()
                ),
                "`expires` 必须晚于 `date`：请检查这两个日期（尤其是年份和月份）。",
            );
        }
    }
    let summary = r.text("summary");
    let tags = r.text_list("tags");
    reject_joined_tags(&mut r, &tags);
    let category = r.text("category");
    let weight = r.int("weight");
    let draft = r.bool("draft");
    let pinned = kind == Kind::Notice && r.bool("pinned");
    let urgent = kind == Kind::Notice && r.bool("urgent");
    let aliases = located_list(&mut r, "aliases");
    let related = located_list(&mut r, "related");
    let image = r.text("image").map(|value| Located {
        value,
        position: source.front.position_of("image"),
    });
    let image_alt = r.text("image_alt");
    if image.is_some() && image_alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
        r.error(
            "image",
            "缺少 `image_alt`：图片要配一句文字说明，给看不见图片的读者。",
            "加一行 `image_alt:`，写出图片上是什么，例如 `image_alt: 民警在警务室接待居民`。",
        );
    }
    let extra = r
        .raw("extra")
        .map(yaml_to_json)
        .unwrap_or(serde_json::Value::Null);
    let guide = (kind == Kind::Guide).then(|| read_guide(&mut r));

    let status = if draft {
        Status::Draft
    } else if kind.is_dated() && date.as_ref().is_some_and(|d| d.timestamp() > now) {
        Status::Scheduled
    } else if expires.as_ref().is_some_and(|e| e.end_moment() <= now) {
        Status::Expired
    } else {
        Status::Current
    };

    let diags = r.diags;
    let page = match (title, slug) {
        (Some(title), Some(slug)) => Some(Page {
            path: output_path(&source, &slug),
            source,
            kind,
            slug,
            title: title.trim().to_owned(),
            summary,
            date,
            updated,
            tags,
            category,
            weight,
            draft,
            aliases,
            related,
            image,
            image_alt,
            extra,
            expires,
            pinned,
            urgent,
            guide,
            status,
        }),
        _ => None,
    };
    (page, diags)
}

/// `content/guides/sub/x.md` with slug `y` → `guides/sub/y.html`: the output mirrors the
/// content folders, so files beside a page keep working as relative links.
fn output_path(source: &SourceFile, slug: &str) -> String {
    let content_path = source.content_path();
    match content_path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{slug}.html"),
        None => format!("{slug}.html"),
    }
}

fn page_slug(r: &mut FieldReader, source: &SourceFile) -> Option<String> {
    if let Some(s) = r.text("slug") {
        if slug::is_valid(&s) {
            return Some(s);
        }
        let suggestion = slug::slugify(&s);
        r.error(
            "slug",
            format!("`{s}` 不能用作网址名。"),
            format!("网址名只能用小写字母 a-z、数字和 `-`，例如 `slug: {suggestion}`。"),
        );
        return None;
    }
    let content_path = source.content_path();
    let name = slug::file_slug_name(content_path);
    let s = if slug::is_valid(name) {
        name.to_ascii_lowercase()
    } else {
        slug::slugify(name)
    };
    if s.is_empty() {
        let d = r
            .diagnostic_at(
                "title",
                Diagnostic::error(format!(
                    "无法用文件名 `{}` 生成网址名。",
                    slug::file_name(content_path)
                )),
            )
            .with_hint(
                "给文件改个名（例如 `hukou-qianru.md`），或者在信息栏里加一行 `slug: hukou-qianru`。",
            );
        r.diags.push(d);
        return None;
    }
    Some(s)
}

/// `tags: 户籍，通知` and `[户籍，通知]` are one tag with a comma in it: never what was meant,
/// and it would make a tag page of its own.
fn reject_joined_tags(r: &mut FieldReader, tags: &[String]) {
    const COMMAS: [char; 3] = [',', '，', '、'];
    if let Some(joined) = tags.iter().find(|t| t.contains(COMMAS)) {
        let all: Vec<&str> = (tags.iter())
            .flat_map(|t| t.split(COMMAS))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        r.error(
            "tags",
            format!("标签 `{joined}` 里有逗号：几个标签要写成列表，用英文逗号分开。"),
            format!("写成 `tags: [{}]`。", all.join(", ")),
        );
    }
}

fn located_list(r: &mut FieldReader, key: &str) -> Vec<Located<String>> {
    let position = r.map.position_of(key);
    r.text_list(key)
        .into_iter()
        .map(|value| Located { value, position })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::front_matter::split;
    use crate::load::SourceKind;
    use crate::model::guide::Material;

    fn config() -> SiteConfig {
        crate::config::from_text("title: 测试派出所\n").unwrap()
    }

    fn source(path: &str, text: &str, kind: Kind) -> SourceFile {
        let (front, body_offset, body_line) = split(text, path).unwrap();
        SourceFile {
            kind: SourceKind::Page(kind),
            rel_path: path.into(),
            fingerprint: crate::load::front_matter::fingerprint(path, text),
            text: text.into(),
            front,
            body_offset,
            body_line,
        }
    }

    fn now() -> jiff::Timestamp {
        "2026-10-01T12:00:00+08:00".parse().unwrap()
    }

    fn read(path: &str, text: &str, kind: Kind) -> (Option<Page>, Vec<String>) {
        let (page, diags) = read_page(source(path, text, kind), kind, &config(), now());
        (page, diags.iter().map(|d| d.headline()).collect())
    }

    #[test]
    fn a_full_guide_reads() {
        let (page, errs) = read(
            "content/guides/户口迁入.md",
            "---\ntitle: 户口迁入\nmaterials:\n  - 居民身份证\n  - { name: 户口簿, copies: 2, original: false, note: 全家 }\nsteps: [取号, 交材料]\nfees: 0\n---\n正文",
            Kind::Guide,
        );
        assert!(errs.is_empty(), "{errs:?}");
        let page = page.unwrap();
        assert_eq!(page.path, "guides/hukou-qianru.html");
        let g = page.guide.unwrap();
        assert_eq!(
            g.materials[1],
            Material {
                name: "户口簿".into(),
                note: Some("全家".into()),
                copies: Some(2),
                original: Some(false)
            }
        );
        assert_eq!(g.steps, ["取号", "交材料"]);
        assert_eq!(g.fees.as_deref(), Some("0"));
    }

    #[test]
    fn lifecycle_at_now() {
        let status = |fm: &str| {
            read(
                "content/notices/2026-01-01-a.md",
                &format!("---\ntitle: a\n{fm}\n---\n"),
                Kind::Notice,
            )
            .0
            .unwrap()
            .status
        };
        assert_eq!(
            status("date: 2026-09-25\nexpires: 2026-10-08"),
            Status::Current
        );
        assert_eq!(
            status("date: 2026-09-25\nexpires: 2026-09-30"),
            Status::Expired
        );
        assert_eq!(
            status("date: 2026-10-01\nexpires: 2026-10-01 11:00"),
            Status::Expired
        );
        assert_eq!(status("date: 2026-10-02"), Status::Scheduled);
        assert_eq!(status("date: 2026-09-01\ndraft: true"), Status::Draft);
    }

    #[test]
    fn slug_from_file_name_without_date() {
        let (page, _) = read(
            "content/notices/2026-09-25-guoqing-anbao.md",
            "---\ntitle: a\ndate: 2026-09-25\n---\n",
            Kind::Notice,
        );
        assert_eq!(page.unwrap().path, "notices/guoqing-anbao.html");
    }

    #[test]
    fn every_mistake_is_reported_with_its_line() {
        let (_, errs) = read(
            "content/notices/a.md",
            "---\ntitle: a\ndate: 2026-10-05\nexpire: 2026-10-08\nexpires: 2026-10-01\nmaterials: [x]\npinned: 是\nslug: 国庆\n---\n",
            Kind::Notice,
        );
        let has = |s: &str| errs.iter().any(|e| e.contains(s));
        assert!(
            has("content/notices/a.md:4:1: 错误：不认识的字段 `expire`。"),
            "{errs:?}"
        );
        assert!(
            has("a.md:5:1: 错误：这条通知的到期日（2026-10-01）早于发布日期（2026-10-05）。"),
            "{errs:?}"
        );
        assert!(
            has("a.md:6:1: 错误：这里不能用 `materials`：`materials` 只有办事指南（`content/guides/`）才能用，这个文件在 `content/notices/`。"),
            "{errs:?}"
        );
        assert!(
            has("a.md:7:1: 错误：`pinned` 应该是 `true` 或 `false`，现在是文字 `是`。"),
            "{errs:?}"
        );
        assert!(has("a.md:8:1: 错误：`国庆` 不能用作网址名。"), "{errs:?}");
    }

    #[test]
    fn missing_and_impossible_dates() {
        let (_, errs) = read("content/stories/a.md", "---\ntitle: a\n---\n", Kind::Story);
        assert!(
            errs.iter()
                .any(|e| e.contains("a.md:2:1: 错误：缺少必填字段 `date`。")),
            "{errs:?}"
        );
        let (_, errs) = read(
            "content/stories/a.md",
            "---\ntitle: a\ndate: 2026-02-30\n---\n",
            Kind::Story,
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("a.md:3:1: 错误：日期 `2026-02-30` 不存在（2 月没有 30 日）。")),
            "{errs:?}"
        );
    }

    #[test]
    fn image_needs_alt_text() {
        let (_, errs) = read(
            "content/stories/a.md",
            "---\ntitle: a\ndate: 2026-09-01\nimage: a.jpg\n---\n",
            Kind::Story,
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("a.md:4:1: 错误：缺少 `image_alt`")),
            "{errs:?}"
        );
    }

    #[test]
    fn bad_material_items() {
        let (_, errs) = read("content/guides/a.md", "---\ntitle: a\nmaterials:\n  - { nam: 户口簿 }\n  - { name: 照片, copies: 两张 }\n---\n", Kind::Guide);
        assert!(
            errs.iter()
                .any(|e| e
                    .contains("`materials` 的一项里有不认识的字段 `nam`（是不是要写 `name`？）。")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("`照片` 的 `copies` 应该是整数，现在是文字 `两张`。")),
            "{errs:?}"
        );
    }
}
