//! Find the files of a site: Markdown pages by section, `_index.md` files, and the other
//! files beside pages (images, PDFs) that are copied with them.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::schema::Kind;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Page(Kind),
    SectionIndex(Kind),
}

#[derive(Debug, Clone)]
pub struct ContentEntry {
    pub kind: SourceKind,
    /// Path relative to the site root, `/`-separated (`content/guides/hukou-qianru.md`).
    pub rel_path: String,
    pub abs_path: PathBuf,
}

/// A file copied as it is: `dest` is its path in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetFile {
    pub source: PathBuf,
    pub dest: String,
    /// Its size when walked: `check` warns of photos too heavy for a phone.
    pub bytes: u64,
}

impl AssetFile {
    /// Only files copied as they are get measured (a stat each), not the pages.
    fn measured(source: PathBuf, dest: String) -> AssetFile {
        let bytes = std::fs::metadata(&source).map_or(0, |m| m.len());
        AssetFile {
            source,
            dest,
            bytes,
        }
    }
}

#[derive(Debug, Default)]
pub struct ContentTree {
    pub markdown: Vec<ContentEntry>,
    /// Files beside pages under `content/`, copied at the same relative path.
    pub assets: Vec<AssetFile>,
    /// Files under `static/`, copied to the output root.
    pub static_files: Vec<AssetFile>,
}

/// Editors, office programs and operating systems leave these around (backups, swap and
/// lock files, folder thumbnails); they are never content, and never published.
pub fn is_ignored(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with("~$")
        || [".swp", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| lower.ends_with(ext))
        || lower == "thumbs.db"
        || lower == "desktop.ini"
}

/// The hint when bulletin is run outside a site's folder.
pub const RUN_IN_SITE_FOLDER: &str =
    "请在网站的文件夹（有 `site.yaml` 和 `content/` 的那个）里运行 bulletin，或者用 `--root` 指定它。";

pub fn walk(root: &Path) -> (ContentTree, Diagnostics) {
    let mut tree = ContentTree::default();
    let mut diags = Diagnostics::new();
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("这里没有 `content/` 文件夹。")
                .in_file(root.join("content"))
                .with_hint(RUN_IN_SITE_FOLDER),
        );
        return (tree, diags);
    }
    for (path, rel) in files_under(&content, &mut diags) {
        let rel_path = format!("content/{rel}");
        if !rel.ends_with(".md") {
            tree.assets.push(AssetFile::measured(path, rel));
            continue;
        }
        let section = rel.split('/').next().unwrap_or_default();
        let Some(kind) = Kind::from_section(section).filter(|_| rel.contains('/')) else {
            diags.push(Diagnostic::error(format!("`{rel_path}` 没有放在栏目文件夹里。"))
                .in_file(&rel_path)
                .with_hint("把它移到 `content/notices`、`content/guides`、`content/faq`、`content/stories` 或 `content/pages` 里：放在哪个文件夹，就是哪种页面。"));
            continue;
        };
        let is_index = rel.rsplit('/').next() == Some("_index.md");
        let kind = if is_index {
            SourceKind::SectionIndex(kind)
        } else {
            SourceKind::Page(kind)
        };
        if is_index && rel != format!("{section}/_index.md") {
            diags.push(
                Diagnostic::warning(format!(
                    "`{rel_path}` 不起作用，已跳过：只有 `content/{section}/_index.md` 才是栏目介绍。"
                ))
                .in_file(&rel_path),
            );
            continue;
        }
        tree.markdown.push(ContentEntry {
            kind,
            rel_path,
            abs_path: path,
        });
    }
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        tree.static_files = files_under(&static_dir, &mut diags)
            .into_iter()
            .map(|(source, dest)| AssetFile::measured(source, dest))
            .collect();
    }
    diags.extend(super::svg::check("content", &tree.assets));
    diags.extend(super::svg::check("static", &tree.static_files));
    (tree, diags)
}

/// Every regular file below `dir` with its `/`-separated path relative to `dir`, sorted.
pub fn files_under(dir: &Path, diags: &mut Diagnostics) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let Ok(rel) = e.path().strip_prefix(dir) else {
                    continue;
                };
                let Some(rel) = rel.to_str() else {
                    diags.push(
                        Diagnostic::error("这个文件名里有无法识别的字符（不是有效的 Unicode）。")
                            .in_file(e.path())
                            .with_hint("给文件改个名，只用字母、数字、汉字或 `-`。"),
                    );
                    continue;
                };
                out.push((e.path().to_path_buf(), rel.replace('\\', "/")));
            }
            Ok(e) if e.path_is_symlink() => diags.push(
                Diagnostic::warning(
                    "这是一个快捷方式（符号链接），不是文件本身，所以没有读它，也不会发布。",
                )
                .in_file(e.path())
                .with_hint("把真正的文件复制到这里，再删掉这个快捷方式。"),
            ),
            Ok(_) => {}
            Err(err) => diags.push(
                Diagnostic::error(format!("无法读取这个文件夹：{err}"))
                    .in_file(err.path().unwrap_or(dir)),
            ),
        }
    }
    out
}

/// An absolute, lexically normalized path (the output may not exist yet, so no canonicalize).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symlinks of the part that exists, so `/tmp/x` and `/private/tmp/x` compare equal.
    match out.canonicalize() {
        Ok(real) => real,
        Err(_) => match (out.parent(), out.file_name()) {
            (Some(parent), Some(name)) => {
                parent.canonicalize().map(|p| p.join(name)).unwrap_or(out)
            }
            _ => out,
        },
    }
}
