//! What the desk does to files, so that nothing staff write is lost: writes are atomic (a
//! temporary file beside the page, then a rename), a new page never replaces a file, a
//! deleted page goes to `.bulletin/trash/` beside `content/` and can come back, and every
//! change is written to `.bulletin/desk.log`.
//!
//! The desk never overwrites a change it has not shown: a form carries the fingerprint of
//! the file it was made from ([`fingerprint`]) and a save is refused when the file on disk
//! no longer has it.

use md5::{Digest, Md5};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The folder beside `content/` that holds the trash and the log.
pub const FOLDER: &str = ".bulletin";

/// A file's fingerprint: what a form was made from.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = Md5::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The current fingerprint of `path`, or "" when it does not exist.
pub fn current(path: &Path) -> std::io::Result<String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(fingerprint(&bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(e),
    }
}

/// A temporary file beside `path`, its name hidden from the site's walk and watcher.
fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.desk-tmp", std::process::id()))
}

fn write_temporary(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let tmp = temporary(path);
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(tmp)
}

/// Replace `path` with `bytes` at once: readers see the old file or the new one.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = write_temporary(path, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Write a new file at `path`, never over one that exists (even one that appeared since
/// anyone looked): a hard link fails when the name is taken.
pub fn create(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = write_temporary(path, bytes)?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    linked
}

/// Where trashed pages go: `.bulletin/trash/<id>/<path from the site's folder>`.
fn trash(root: &Path) -> PathBuf {
    root.join(FOLDER).join("trash")
}

/// A page in the trash.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Trashed {
    pub id: String,
    /// `content/notices/a.md`
    pub rel: String,
    /// The page's title, from its file.
    pub title: String,
    /// When it was deleted: `2026-12-03 17:05`, from the deletion's id.
    pub when: String,
}

/// Move the page at `rel` (from the site's folder) to the trash; `id` names this deletion.
pub fn move_to_trash(root: &Path, rel: &str, id: &str) -> std::io::Result<()> {
    let to = trash(root).join(id).join(rel);
    if let Some(folder) = to.parent() {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::rename(root.join(rel), to)
}

/// Every page in the trash, the latest deletion first.
pub fn trashed(root: &Path) -> Vec<Trashed> {
    let mut out = Vec::new();
    let Ok(ids) = std::fs::read_dir(trash(root)) else {
        return out;
    };
    for id in ids.flatten() {
        let id_name = id.file_name().to_string_lossy().into_owned();
        for entry in walkdir::WalkDir::new(id.path()).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() {
                continue;
            }
            if let Ok(rel) = entry.path().strip_prefix(id.path()) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let title = super::frontmatter::Document::parse(&text)
                    .and_then(|d| d.value("title"))
                    .and_then(|t| t.as_str().map(str::to_owned))
                    .unwrap_or_else(|| rel.clone());
                out.push(Trashed {
                    id: id_name.clone(),
                    title,
                    when: when_deleted(&id_name),
                    rel,
                });
            }
        }
    }
    out.sort_by(|a, b| b.id.cmp(&a.id));
    out
}

/// `202612031705-1` (the time of the deletion, then a count) as `2026-12-03 17:05`.
fn when_deleted(id: &str) -> String {
    let d: Vec<char> = id.chars().take_while(char::is_ascii_digit).collect();
    if d.len() < 12 {
        return String::new();
    }
    let part = |r: std::ops::Range<usize>| d[r].iter().collect::<String>();
    format!(
        "{}-{}-{} {}:{}",
        part(0..4),
        part(4..6),
        part(6..8),
        part(8..10),
        part(10..12)
    )
}

/// Put a trashed page back where it was; refused when a file is there now.
pub fn restore(root: &Path, item: &Trashed) -> std::io::Result<()> {
    let from = trash(root).join(&item.id).join(&item.rel);
    let to = root.join(&item.rel);
    let bytes = std::fs::read(&from)?;
    create(&to, &bytes)?;
    std::fs::remove_file(&from)?;
    // The deletion's folder, once empty, goes too.
    let _ = remove_empty(&trash(root).join(&item.id));
    Ok(())
}

fn remove_empty(folder: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)?.flatten() {
        if entry.file_type()?.is_dir() {
            remove_empty(&entry.path())?;
        }
    }
    std::fs::remove_dir(folder)
}

/// Append `time  action  file` to `.bulletin/desk.log`.
pub fn log(root: &Path, time: &str, action: &str, rel: &str) -> std::io::Result<()> {
    let folder = root.join(FOLDER);
    std::fs::create_dir_all(&folder)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(folder.join("desk.log"))?;
    writeln!(file, "{time}\t{action}\t{rel}")
}
