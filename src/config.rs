//! `site.yaml`: the site's settings, validated like front matter (every problem with its line).

pub mod deploy;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::fields::{did_you_mean, unknown_keys, FieldReader, Unknown};
use crate::load::yaml::{parse_map, yaml_to_json, YamlMap};
use crate::render::search::synonyms::word_problem;
use crate::schema::{
    self, Kind, CONTACT_FIELDS, FOOTER_FIELDS, IMAGES_FIELDS, SEARCH_FIELDS, SITE_FIELDS,
};
use jiff::tz::TimeZone;
use std::path::Path;

pub const FILE: &str = "site.yaml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    ZhCn,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub emergency: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Footer {
    pub icp: Option<String>,
    pub psb: Option<String>,
}

/// `images:` in site.yaml.
#[derive(Debug, Clone, Copy, Default)]
pub struct Images {
    /// Publish photos with their metadata (GPS position, camera, owner) as they are.
    pub keep_metadata: bool,
}

#[derive(Debug, Clone)]
pub struct MenuEntry {
    pub title: String,
    /// A section name, or a content path of a page (`pages/about.md`), or a URL.
    pub target: MenuTarget,
}

#[derive(Debug, Clone)]
pub enum MenuTarget {
    Section(Kind),
    Page(String),
    Url(String),
}

impl SiteConfig {
    /// The theme these settings name, in the site's language.
    pub fn theme_choice(&self) -> crate::load::theme::Choice<'_> {
        crate::load::theme::Choice {
            name: &self.theme,
            language: self.language.code(),
            named_in: FILE,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    pub language: Language,
    pub timezone: TimeZone,
    /// Always ends with `/` when set.
    pub base_url: Option<String>,
    pub theme: String,
    pub contact: Contact,
    pub footer: Footer,
    /// None: the five sections in their usual order.
    pub menu: Option<Vec<MenuEntry>>,
    /// Items on one list page.
    pub paginate: usize,
    pub images: Images,
    /// `search: synonyms:`: groups of words, the pages' word first, then residents' words.
    pub synonyms: Vec<Vec<String>>,
    pub extra: serde_json::Value,
    /// What site.yaml sets that staff must hear on every build, though it is allowed.
    pub warnings: Vec<Diagnostic>,
    /// Where `bulletin deploy` publishes.
    pub deploy: Vec<deploy::DeployTarget>,
}

pub fn load(root: &Path) -> Result<SiteConfig, Diagnostics> {
    let path = root.join(FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostics::from_iter([Diagnostic::error(format!("无法读取 `{FILE}`：{e}"))
            .in_file(FILE)
            .with_hint("每个网站都要有一个 `site.yaml`，里面至少写一行 `title: …`；请在网站的文件夹里运行 bulletin，或者用 `--root` 指定它。")])
    })?;
    let (text, warning) = crate::load::decode::decode(bytes, Path::new(FILE))
        .map_err(|e| Diagnostics::from_iter([e]))?;
    from_text(&text).map_err(|mut diags| {
        diags.extend(warning);
        diags
    })
}

/// The site's public address, parsed as a URL: `http` or `https`, a host name, no
/// password, query or `#`, ending in `/`. What else a path holds (`<`, quotes, spaces) comes
/// back percent-encoded, so the address is safe wherever it is written.
fn site_address(text: &str) -> Result<String, &'static str> {
    let mut url = url::Url::parse(text.trim())
        .map_err(|_| "它必须以 `https://` 或 `http://` 开头，再写网站的域名")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("它必须以 `https://` 或 `http://` 开头");
    }
    let host_ok = url.host_str().is_some_and(|h| {
        !h.is_empty()
            && h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    });
    if !host_ok {
        return Err("域名里只能有字母、数字、`-` 和 `.`");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("网址里不能带用户名或密码");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("网址里不能带 `?` 或 `#` 以及后面的部分");
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url.into())
}

/// Read site.yaml's text.
pub fn from_text(text: &str) -> Result<SiteConfig, Diagnostics> {
    let map = parse_map(text, 1, FILE, text).map_err(|e| Diagnostics::from_iter([e]))?;
    match parse(&map, text) {
        (Some(c), diags) if !diags.has_errors() && map.slips.is_empty() => Ok(c),
        (_, diags) => Err(map.slips.into_iter().chain(diags).collect()),
    }
}

fn parse(map: &YamlMap, text: &str) -> (Option<SiteConfig>, Diagnostics) {
    let mut r = FieldReader::new(map, FILE, text, SITE_FIELDS);
    r.reject_unknown(&schema::keys(SITE_FIELDS), |_| None);
    let title = r.required_text("title", "网站要有一个名称");
    let description = r.text("description").unwrap_or_default();
    let language = match r.text("language").as_deref() {
        None | Some("zh-CN") | Some("zh") | Some("zh-Hans") => Language::ZhCn,
        Some("en") => Language::En,
        Some(other) => {
            r.error(
                "language",
                format!("不认识的语言 `{other}`。"),
                "写 `language: zh-CN`（中文）或 `language: en`（英文）。",
            );
            Language::ZhCn
        }
    };
    let tz_name = r.text("timezone").unwrap_or_else(|| "Asia/Shanghai".into());
    let timezone = TimeZone::get(&tz_name).unwrap_or_else(|_| {
        r.error(
            "timezone",
            format!("不认识的时区 `{tz_name}`。"),
            "写成 `Asia/Shanghai` 或 `Asia/Urumqi` 这样的名称。",
        );
        TimeZone::UTC
    });
    let base_url = r.text("base_url").and_then(|u| match site_address(&u) {
        Ok(address) => Some(address),
        Err(why) => {
            r.error(
                "base_url",
                format!("`base_url` 不是能用的网址：{why}，现在是 `{u}`。"),
                "写完整的网址，例如 `base_url: https://example.org/station/`，或者删掉这一行。",
            );
            None
        }
    });
    let theme = r.text("theme").unwrap_or_else(|| "default".into());
    if theme.contains(['/', '\\']) || theme.starts_with('.') {
        r.error(
            "theme",
            format!("`{theme}` 不是主题名称。"),
            "写 `themes/` 里某个文件夹的名字，例如 `theme: default`。",
        );
    }
    let contact = sub_map(&mut r, "contact", &schema::keys(CONTACT_FIELDS), |m| {
        Contact {
            emergency: m("emergency"),
            phone: m("phone"),
            address: m("address"),
            hours: m("hours"),
        }
    });
    let footer = sub_map(&mut r, "footer", &schema::keys(FOOTER_FIELDS), |m| Footer {
        icp: m("icp"),
        psb: m("psb"),
    });
    let menu = parse_menu(&mut r);
    let paginate = match r.int("paginate") {
        Some(n) if n >= 1 => n as usize,
        Some(_) => {
            r.error(
                "paginate",
                "`paginate` 至少要写 1。",
                "写一个列表页显示多少条，例如 `paginate: 20`。",
            );
            20
        }
        None => 20,
    };
    let images = parse_images(&mut r);
    let synonyms = parse_synonyms(&mut r);
    let extra = r
        .raw("extra")
        .map(yaml_to_json)
        .unwrap_or(serde_json::Value::Null);
    let deploy = deploy::parse(&mut r);
    let config = title.map(|title| SiteConfig {
        title,
        description,
        language,
        timezone,
        base_url,
        theme,
        contact,
        footer,
        menu,
        paginate,
        images,
        synonyms,
        extra,
        warnings: r.diags.iter().filter(|d| !d.is_error()).cloned().collect(),
        deploy,
    });
    (config, r.diags)
}

fn parse_images(r: &mut FieldReader) -> Images {
    let keep = sub_map(r, "images", &schema::keys(IMAGES_FIELDS), |m| {
        m("keep_metadata")
    });
    let keep_metadata = match keep.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            r.error(
                "images",
                format!("`keep_metadata` 应该是 `true` 或 `false`，现在是 `{other}`。"),
                "一般不用写这一项：不写，发布的照片就不带拍摄地点等信息。",
            );
            false
        }
    };
    if keep_metadata {
        r.warning(
            "images",
            "设置了 `keep_metadata: true`：照片原样发布，里面的拍摄地点、手机型号和序列号、拍摄者姓名谁都能看到。",
            "只有确实需要（例如照片要带作者的版权信息）才这样设置；删掉 `images:` 这几行，bulletin 发布照片时就会去掉这些信息（`content/` 里的原文件不变）。",
        );
    }
    Images { keep_metadata }
}

/// How a group of `search: synonyms:` is written.
const SYNONYM_GROUP: &str =
    "每组写成 `    - [派出所, 所里]` 这样：先写网页上用的词，再写居民会说的词，用逗号隔开。";

/// `search: synonyms:`: each group a list of two or more Chinese words.
fn parse_synonyms(r: &mut FieldReader) -> Vec<Vec<String>> {
    let Some(search) = r.raw("search") else {
        return Vec::new();
    };
    let Some(map) = search.as_mapping() else {
        r.error("search", "`search` 应该是一组设置。", SYNONYM_GROUP);
        return Vec::new();
    };
    let known = schema::keys(SEARCH_FIELDS);
    for Unknown { key, nearest } in unknown_keys(map, &known) {
        let hint = nearest.map_or_else(|| SYNONYM_GROUP.to_owned(), |n| did_you_mean(n, &known));
        r.error(
            "search",
            format!("`search` 里有不认识的字段 `{key}`。"),
            hint,
        );
    }
    let groups = match map.get("synonyms") {
        None => return Vec::new(),
        Some(serde_yaml::Value::Sequence(groups)) => groups,
        Some(_) => {
            r.error("search", "`synonyms` 应该是列表。", SYNONYM_GROUP);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for group in groups {
        let words: Vec<String> = match group.as_sequence() {
            Some(items) => items
                .iter()
                .filter_map(crate::load::fields::scalar_text)
                .collect(),
            None => Vec::new(),
        };
        if words.len() < 2 {
            let what = match group.as_sequence() {
                Some(_) => "有一组不到两个词".to_owned(),
                None => format!(
                    "有一项是{}，不是一组词",
                    crate::load::fields::describe(group)
                ),
            };
            r.error("search", format!("`synonyms` 里{what}。"), SYNONYM_GROUP);
            continue;
        }
        if let Some((w, why)) = (words.iter()).find_map(|w| word_problem(w).map(|p| (w, p))) {
            r.error(
                "search",
                format!("`synonyms` 里的词 `{w}` {why}。"),
                "搜索只替换连在一起的汉字；把这个词改成汉字，或者删掉它。",
            );
            continue;
        }
        out.push(words);
    }
    out
}

/// A nested `key: { … }` block of text fields.
fn sub_map<T>(
    r: &mut FieldReader,
    key: &str,
    known: &[&str],
    build: impl Fn(&dyn Fn(&str) -> Option<String>) -> T,
) -> T {
    let empty = serde_yaml::Mapping::new();
    let map = match r.raw(key) {
        Some(serde_yaml::Value::Mapping(m)) => m,
        Some(_) => {
            r.error(
                key,
                format!("`{key}` 应该是一组设置。"),
                format!(
                    "先写一行 `{key}:`，下面每行前面空两格，例如 `  {}: …`。",
                    known[0]
                ),
            );
            &empty
        }
        None => &empty,
    };
    for Unknown { key: k, nearest } in unknown_keys(map, known) {
        let hint = match nearest {
            Some(n) => did_you_mean(n, known),
            None => format!("可以用的字段：{}。", known.join("、")),
        };
        r.error(key, format!("`{key}` 里有不认识的字段 `{k}`。"), hint);
    }
    let get = |k: &str| map.get(k).and_then(crate::load::fields::scalar_text);
    build(&get)
}

/// The hint for a menu written wrong.
const MENU_ITEM: &str = "每一项写成 `  - { title: 通知公告, section: notices }` 这样。";

fn parse_menu(r: &mut FieldReader) -> Option<Vec<MenuEntry>> {
    let items = match r.raw("menu")? {
        serde_yaml::Value::Sequence(items) => items,
        _ => {
            r.error("menu", "`menu` 应该是列表。", MENU_ITEM);
            return None;
        }
    };
    let mut out = Vec::new();
    for item in items {
        let get = |k: &str| item.get(k).and_then(crate::load::fields::scalar_text);
        let Some(title) = get("title") else {
            r.error("menu", "菜单里有一项没有 `title`。", MENU_ITEM);
            continue;
        };
        let target = if let Some(section) = get("section") {
            match Kind::from_section(&section) {
                Some(kind) => MenuTarget::Section(kind),
                None => {
                    r.error(
                        "menu",
                        format!("菜单项 `{title}`：没有 `{section}` 这个栏目。"),
                        "栏目只能是 `notices`、`guides`、`faq`、`stories`、`pages` 之一。",
                    );
                    continue;
                }
            }
        } else if let Some(page) = get("page") {
            MenuTarget::Page(page)
        } else if let Some(url) = get("url") {
            MenuTarget::Url(url)
        } else {
            r.error(
                "menu",
                format!("菜单项 `{title}` 没有写要链接到哪里。"),
                "给它加上 `section: notices`、`page: pages/about.md` 或 `url: https://…`。",
            );
            continue;
        };
        out.push(MenuEntry { title, target });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (Option<SiteConfig>, Diagnostics) {
        parse(&parse_map(text, 1, FILE, text).unwrap(), text)
    }

    #[test]
    fn reads_a_full_site_yaml() {
        let (c, d) = parse_text("title: 柳湾派出所\nlanguage: en\nbase_url: https://e.org/s\ncontact:\n  emergency: 110\nmenu:\n  - { title: 通知, section: notices }\n");
        assert!(d.is_empty(), "{d:?}");
        let c = c.unwrap();
        assert_eq!(c.language, Language::En);
        assert_eq!(c.base_url.as_deref(), Some("https://e.org/s/"));
        assert_eq!(c.contact.emergency.as_deref(), Some("110"));
        assert!(matches!(
            c.menu.unwrap()[0].target,
            MenuTarget::Section(Kind::Notice)
        ));
    }

    #[test]
    fn keeping_photos_metadata_is_a_warning_kept_for_every_build() {
        let (c, _) = parse_text("title: x\n");
        assert!(!c.unwrap().images.keep_metadata, "stripped unless asked");
        let (c, d) = parse_text("title: x\nimages:\n  keep_metadata: true\n");
        let c = c.unwrap();
        assert!(c.images.keep_metadata);
        assert!(!d.has_errors());
        let lines: Vec<String> = c.warnings.iter().map(|d| d.headline()).collect();
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("site.yaml:2:1: 警告：设置了 `keep_metadata: true`：照片原样发布"),
            "{lines:?}"
        );
        let (_, d) = parse_text("title: x\nimages: { keep_metadata: yes }\n");
        assert!(d
            .iter()
            .any(|d| d.message.contains("应该是 `true` 或 `false`")));
    }

    #[test]
    fn reads_search_synonyms_and_names_each_mistake() {
        let (c, d) = parse_text("title: x\nsearch:\n  synonyms:\n    - [派出所, 所里]\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.unwrap().synonyms, [["派出所", "所里"]]);
        let (_, d) = parse_text(
            "title: x\nsearch:\n  synonym: []\n  synonyms:\n    - [派出所]\n    - 所里\n    - [身份证, ID卡]\n",
        );
        let lines: Vec<String> = d.iter().map(|d| d.headline()).collect();
        for wanted in [
            "site.yaml:2:1: 错误：`search` 里有不认识的字段 `synonym`。",
            "site.yaml:2:1: 错误：`synonyms` 里有一组不到两个词。",
            "site.yaml:2:1: 错误：`synonyms` 里有一项是文字 `所里`，不是一组词。",
            "site.yaml:2:1: 错误：`synonyms` 里的词 `ID卡` 只能是连在一起的汉字，不能有空格、标点、字母或数字。",
        ] {
            assert!(lines.iter().any(|l| l == wanted), "{wanted}: {lines:?}");
        }
    }

    #[test]
    fn reports_every_mistake_with_its_line() {
        let (_, d) =
            parse_text("titel: x\nlanguage: fr\ntimezone: Mars/Base\ncontact:\n  phon: 1\n");
        let lines: Vec<String> = d.iter().map(|d| d.headline()).collect();
        assert!(
            lines
                .iter()
                .any(|l| l == "site.yaml:1:1: 错误：不认识的字段 `titel`。"),
            "{lines:?}"
        );
        assert!(lines
            .iter()
            .any(|l| l == "site.yaml:2:1: 错误：不认识的语言 `fr`。"));
        assert!(lines
            .iter()
            .any(|l| l == "site.yaml:3:1: 错误：不认识的时区 `Mars/Base`。"));
        assert!(lines
            .iter()
            .any(|l| l == "site.yaml:4:1: 错误：`contact` 里有不认识的字段 `phon`。"));
        assert!(d.iter().any(|d| d.hint.as_deref()
            == Some("是不是要写 `phone`？（可以用的字段：emergency、phone、address、hours）")));
        assert!(lines.iter().any(|l| l.contains("缺少必填字段 `title`。")));
    }
}
