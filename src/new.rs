//! `bulletin new <kind> "<title>"`: start a page from the right skeleton — the right
//! folder, the right file name (notices and stories dated today), and front matter with
//! every field of its kind, each with a short note in Chinese saying what it is for.
//! Never overwrites a file.

use crate::build::Now;
use crate::config;
use crate::diagnostics::Diagnostic;
use crate::model::{slug, Kind};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why `new` wrote nothing.
#[derive(Debug)]
pub enum Refusal {
    /// The command was given something unusable (an empty title, a bad `--now`).
    Usage(Diagnostic),
    /// The site or the disk is in the way (no site.yaml, the file exists, not writable).
    Site(Diagnostic),
}

/// Write the new file under `root` and return its path (`root` joined with
/// `content/<section>/<name>.md`).
pub fn new_page(root: &Path, kind: Kind, title: &str, now: &Now) -> Result<PathBuf, Refusal> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Refusal::Usage(Diagnostic::error("标题是空的。").with_hint(
            "把标题写在引号里：`bulletin new notice \"冬季防火提醒\"`。",
        )));
    }
    let config = config::load(root).map_err(|d| {
        Refusal::Site(
            d.into_iter()
                .next()
                .unwrap_or_else(|| Diagnostic::error("无法读取 `site.yaml`。")),
        )
    })?;
    let today = now
        .resolve(&config)
        .map_err(Refusal::Usage)?
        .to_zoned(config.timezone.clone())
        .date()
        .to_string();
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return Err(Refusal::Usage(
            Diagnostic::error(format!("无法用标题 `{title}` 生成文件名。"))
                .with_hint("标题里要有汉字、字母或数字。"),
        ));
    }
    let name = if kind.is_dated() {
        format!("{today}-{slug}.md")
    } else {
        format!("{slug}.md")
    };
    let folder = root.join("content").join(kind.section());
    let rel = format!("content/{}/{name}", kind.section());
    if let Some(other) = same_address(&folder, &slug) {
        return Err(Refusal::Site(
            Diagnostic::error(format!(
                "`content/{}/{other}` 已经在用网址 `{}/{slug}.html`。",
                kind.section(),
                kind.section()
            ))
            .in_file(&rel)
            .with_hint("去修改那个文件，或者给新页面换一个标题。"),
        ));
    }
    let cannot = |e: std::io::Error| {
        Refusal::Site(Diagnostic::error(format!("无法写入这个文件：{e}")).in_file(&rel))
    };
    std::fs::create_dir_all(&folder).map_err(cannot)?;
    let path = folder.join(&name);
    // create_new: never overwrite, even if the file appeared since we looked.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Refusal::Site(
                Diagnostic::error("这个文件已经存在：`bulletin new` 从不覆盖已有的文件。")
                    .in_file(&rel)
                    .with_hint("去修改那个文件，或者换一个标题。"),
            ),
            _ => cannot(e),
        })?;
    file.write_all(skeleton(kind, title, &today).as_bytes())
        .map_err(cannot)?;
    Ok(path)
}

/// A file of `folder` whose page would have the address `slug` (its name without a date).
fn same_address(folder: &Path, slug: &str) -> Option<String> {
    let entries = std::fs::read_dir(folder).ok()?;
    entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| {
            name.strip_suffix(".md")
                .map(|stem| slug::strip_date_prefix(stem).1.eq_ignore_ascii_case(slug))
                .unwrap_or(false)
        })
}

/// One front-matter line: `key: value`, its note lined up after it.
fn field(out: &mut String, key: &str, value: &str, note: &str) {
    let setting = if value.is_empty() {
        format!("{key}:")
    } else {
        format!("{key}: {value}")
    };
    // Chinese characters take two columns in an editor: line the notes up by width.
    let width: usize = setting
        .chars()
        .map(|c| if crate::diagnostics::is_wide(c) { 2 } else { 1 })
        .sum();
    let pad = 26usize.saturating_sub(width);
    out.push_str(&setting);
    out.push_str(&" ".repeat(pad.max(1)));
    out.push_str("# ");
    out.push_str(note);
    out.push('\n');
}

/// A field of the front matter: key, starting value, what it is for.
type Field = (&'static str, &'static str, &'static str);

const NOTICE_FIELDS: &[Field] = &[
    (
        "expires",
        "",
        "失效日期：过了这一天标为“已过期”，移入往期通知，如 2026-12-31",
    ),
    (
        "pinned",
        "false",
        "true：在首页和通知列表置顶（请同时填 expires）",
    ),
    (
        "urgent",
        "false",
        "true：每一页顶部显示紧急提示（请同时填 expires）",
    ),
];

const GUIDE_FIELDS: &[Field] = &[
    (
        "materials",
        "",
        "要带的材料，每行一项，例如下面两行（去掉 # 号）：",
    ),
    ("steps", "", "办理步骤，每行一步，如：  - 到户籍窗口取号"),
    ("where", "", "办理地点，如 柳湾派出所户籍大厅3号窗口"),
    ("hours", "", "办理时间，如 周一至周五 9:00-17:00"),
    ("fees", "", "收费，免费就写 免费"),
    ("duration", "", "办理时限，如 5个工作日"),
    ("eligibility", "", "谁可以办理，如 本辖区户籍居民"),
];

/// What `materials:` can hold, shown under it as comments.
const MATERIALS_EXAMPLE: &str =
    "  # - 居民身份证\n  # - { name: 户口簿, note: 全家人的, copies: 1, original: true }\n";

const COMMON_FIELDS: &[Field] = &[
    (
        "summary",
        "",
        "一两句话的摘要，用在列表和搜索结果里（90 字以内）；不填则取正文开头",
    ),
    ("tags", "[]", "主题标签，如 [户口, 迁入]"),
    ("category", "", "分类，如 户籍（常见问题按它分组）"),
    ("related", "[]", "相关页面，如 [guides/hukou-qianru.md]"),
    (
        "image",
        "",
        "配图的文件名（图片放在本文件旁边），如 photo.jpg",
    ),
    ("image_alt", "", "配图的文字说明（有配图时必填）"),
    ("weight", "", "排序用的数字，小的排在前面；一般不填"),
    ("updated", "", "内容有重要修改时填修改日期，如 2026-12-05"),
    ("slug", "", "网址名称（字母、数字和 -）；不填就用文件名"),
    (
        "aliases",
        "[]",
        "旧网址，改名后让旧链接继续有效，如 [old/page.html]",
    ),
    ("draft", "false", "true：草稿，不发布"),
    ("extra", "", "自定义主题用的其他信息；一般不填"),
];

/// The file: front matter with every field of the kind, then a first paragraph to replace.
pub fn skeleton(kind: Kind, title: &str, today: &str) -> String {
    // JSON's quoted strings are YAML's double-quoted strings: any title is safe.
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{title}\""));
    let mut s = String::from("---\n");
    field(&mut s, "title", &quoted, "标题（必填）");
    if kind.is_dated() {
        field(
            &mut s,
            "date",
            today,
            "发布日期（必填）；写将来的日期，到那天才发布",
        );
    }
    let own: &[Field] = match kind {
        Kind::Notice => NOTICE_FIELDS,
        Kind::Guide => GUIDE_FIELDS,
        _ => &[],
    };
    for (key, value, note) in own.iter().chain(COMMON_FIELDS) {
        // Dated pages are ordered by date, not weight.
        if *key == "weight" && kind.is_dated() {
            continue;
        }
        field(&mut s, key, value, note);
        if *key == "materials" {
            s.push_str(MATERIALS_EXAMPLE);
        }
    }
    s.push_str("---\n\n");
    s.push_str(placeholder(kind));
    s.push('\n');
    s
}

/// The body a new page starts with: what to write there. `check` warns while it is left in.
pub fn placeholder(kind: Kind) -> &'static str {
    match kind {
        Kind::Notice => "在这里写通知正文：什么事，什么时间，在哪里，请大家做什么。",
        Kind::Guide => "在这里补充说明：适用哪些情况、要注意什么。上面的材料、步骤和办理时间会显示在页面顶部，可以打印。",
        Kind::Faq => "在这里写回答：先用一两句话直接回答问题。需要详细材料的，链接到办事指南，写法如 `[户口迁入](../guides/hukou-qianru.md)`。",
        Kind::Story => "在这里写故事：发生了什么，民警怎么做的，结果怎样。",
        Kind::Page => "在这里写正文。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_a_note() {
        for kind in Kind::ALL {
            let s = skeleton(kind, "标题", "2026-12-01");
            let front: Vec<&str> = s.lines().skip(1).take_while(|l| *l != "---").collect();
            assert!(
                front
                    .iter()
                    .all(|l| l.contains(" # ") || l.starts_with("  # ")),
                "{s}"
            );
            assert_eq!(s.contains("date: 2026-12-01"), kind.is_dated(), "{s}");
        }
    }

    #[test]
    fn titles_are_quoted_safely() {
        let s = skeleton(Kind::Page, "注意: \"引号\" # 不是注释", "2026-12-01");
        assert!(
            s.starts_with("---\ntitle: \"注意: \\\"引号\\\" # 不是注释\""),
            "{s}"
        );
    }
}
