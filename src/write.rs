//! Write: put the rendered site on disk without ever leaving a half-written site or touching
//! anything that is not ours. Files go into a temporary folder beside the output as they are
//! rendered, which is swapped in only when complete; a failed build leaves the old output
//! untouched.

use crate::diagnostics::Diagnostic;
use crate::load::walk::{absolute, AssetFile};
use crate::photos;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Written into every output folder: proof that bulletin made it and may replace it.
pub const MARKER: &str = ".bulletin-output";

/// How every refusal of an output folder starts.
const REFUSAL: &str = "不会把网站写进";

fn refuse(output: &Path, why: &str, hint: &str) -> Diagnostic {
    Diagnostic::error(format!("{REFUSAL} `{}`：{why}。", output.display()))
        .with_hint(hint)
        .of_usage()
}

/// Refuse output folders that could destroy the site or someone else's files.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let pick = "另选一个专门放网站的输出文件夹，例如 `--output public`（不写就是它）。";
    check_not_site(root, output, pick)?;
    let out = absolute(output);
    if out.exists() && !out.is_dir() {
        return Err(refuse(output, "这是一个文件，不是文件夹", pick));
    }
    let is_empty = std::fs::read_dir(&out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(true);
    if out.is_dir() && !is_empty && !out.join(MARKER).exists() {
        return Err(refuse(
            output,
            "这个文件夹不是空的，也不是 bulletin 生成的",
            "bulletin 每次都会把输出文件夹整个换掉：请用一个空的或新建的文件夹，或者以前由 bulletin 生成的文件夹。",
        ));
    }
    Ok(())
}

/// Refuse a folder bulletin would write into (an output, a deploy's target) that is the
/// site itself, holds it, lies inside its sources or looks like another site. `pick` says
/// what to choose instead.
pub fn check_not_site(root: &Path, folder: &Path, pick: &str) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(folder);
    if out == root {
        return Err(refuse(folder, "这是网站本身的文件夹", pick));
    }
    if root.starts_with(&out) {
        return Err(refuse(folder, "网站的文件夹就在它里面", pick));
    }
    for source_dir in ["content", "static", "themes"] {
        if out.starts_with(root.join(source_dir)) {
            return Err(refuse(
                folder,
                &format!("它在网站的 `{source_dir}/` 文件夹里面"),
                pick,
            ));
        }
    }
    if out.join("content").exists() || out.join("site.yaml").exists() {
        return Err(refuse(
            folder,
            "它里面有 `content/` 或 `site.yaml`，看起来是一个网站，不是输出文件夹",
            pick,
        ));
    }
    Ok(())
}

/// `rel` joined to `base`, or None if it could leave `base` (`..`, absolute, drive letters).
pub fn safe_join(base: &Path, rel: &str) -> Option<PathBuf> {
    let ok = !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && !rel.contains(':')
        && !rel.contains('\0')
        && rel
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    ok.then(|| base.join(rel))
}

/// The new output, written file by file into a temporary folder beside the output folder
/// and swapped in by [`Staging::commit`]. Dropped without a commit, it removes the
/// temporary folder and the old output stays as it was.
pub struct Staging {
    /// The site's folder, which source paths in messages are shown from.
    root: PathBuf,
    tmp: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    committed: bool,
    /// Set by the first write that fails: the build is lost, and a full disk would
    /// otherwise give one error per remaining file.
    failed: AtomicBool,
    /// Folders made so far: thousands of files share a few dozen folders, each made once.
    folders: Mutex<HashSet<PathBuf>>,
    /// Write `.gz` and `.br` copies beside text files (see [`crate::precompress`]).
    precompress: bool,
}

impl Staging {
    /// Check the output folder and make the temporary one.
    pub fn begin(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        check_output_dir(root, output)?;
        let out = absolute(output);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(|e| io_error(&tmp, e))?;
        Ok(Staging {
            root: root.to_path_buf(),
            tmp,
            out,
            parent,
            name,
            committed: false,
            failed: AtomicBool::new(false),
            folders: Mutex::default(),
            precompress: false,
        })
    }

    /// Also write precompressed copies of text files beside them.
    pub fn precompressing(mut self, precompress: bool) -> Staging {
        self.precompress = precompress;
        self
    }

    fn dest(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        safe_join(&self.tmp, path).ok_or_else(|| {
            Diagnostic::error(format!("拒绝写入 `{path}`：这个路径会跑到输出文件夹外面。"))
        })
    }

    /// Write one file (from any thread). After a failed write the others are skipped: only
    /// the first failure is reported, and the staging folder is never committed.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.unless_failed(|| {
            let dest = self.dest(path)?;
            self.make_parent(&dest)?;
            std::fs::write(&dest, bytes).map_err(|e| io_error(&dest, e))?;
            self.put_copies(&dest, path, bytes)
        })
    }

    fn put_copies(&self, dest: &Path, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if !self.precompress || !crate::precompress::worth_compressing(path, bytes.len()) {
            return Ok(());
        }
        for (ext, copy) in crate::precompress::copies(bytes) {
            let mut name = dest.as_os_str().to_owned();
            name.push(".");
            name.push(ext);
            std::fs::write(&name, copy).map_err(|e| io_error(Path::new(&name), e))?;
        }
        Ok(())
    }

    /// Copy a file as it is (from any thread), as [`Staging::put`] writes one; a photo
    /// without its metadata unless the site keeps it ([`photos::strip`]). A photo that
    /// cannot be cleaned is an error for it alone: every such photo is named.
    pub fn copy(&self, asset: &AssetFile, keep_metadata: bool) -> Result<(), Diagnostic> {
        if !keep_metadata && photos::is_photo(&asset.dest) {
            let bytes = std::fs::read(&asset.source).map_err(|e| {
                Diagnostic::error(format!("无法读取这个文件：{e}")).in_file(&asset.source)
            })?;
            let stripped = photos::strip(&bytes)
                .map_err(|why| photos::unreadable(self.shown(&asset.source), why))?;
            return self.put(&asset.dest, &stripped.bytes);
        }
        self.unless_failed(|| {
            let dest = self.dest(&asset.dest)?;
            self.make_parent(&dest)?;
            let len = std::fs::copy(&asset.source, &dest).map_err(|e| io_error(&dest, e))?;
            if !self.precompress
                || !crate::precompress::worth_compressing(&asset.dest, len as usize)
            {
                return Ok(());
            }
            let bytes = std::fs::read(&dest).map_err(|e| io_error(&dest, e))?;
            self.put_copies(&dest, &asset.dest, &bytes)
        })
    }

    /// A source file's path as staff see it: from the site's folder.
    fn shown<'a>(&self, source: &'a Path) -> &'a Path {
        source.strip_prefix(&self.root).unwrap_or(source)
    }

    fn make_parent(&self, dest: &Path) -> Result<(), Diagnostic> {
        let Some(dir) = dest.parent() else {
            return Ok(());
        };
        if self.folders.lock().is_ok_and(|f| f.contains(dir)) {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        if let Ok(mut folders) = self.folders.lock() {
            folders.insert(dir.to_path_buf());
        }
        Ok(())
    }

    fn unless_failed(
        &self,
        write: impl FnOnce() -> Result<(), Diagnostic>,
    ) -> Result<(), Diagnostic> {
        if self.failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        write().inspect_err(|_| self.failed.store(true, Ordering::Relaxed))
    }

    /// Mark the folder as bulletin's and put it in place of the old output. The new output
    /// is in place even when the old one could not be removed: then a warning says so.
    pub fn commit(mut self) -> Result<Option<Diagnostic>, Diagnostic> {
        if self.failed.load(Ordering::Relaxed) {
            return Err(Diagnostic::error(
                "有文件没能写入，所以原来的输出文件夹没有被替换。",
            ));
        }
        let marker = self.tmp.join(MARKER);
        std::fs::write(
            &marker,
            b"This folder is written by bulletin build and replaced on every build.\n",
        )
        .map_err(|e| io_error(&marker, e))?;
        swap(&self.tmp, &self.out, &self.parent, &self.name)?;
        self.committed = true;
        Ok(self.remove_old_outputs())
    }

    /// Remove every old output left beside this one, by this build or earlier ones whose
    /// removal failed (a file another program holds, or made unremovable): they are tried
    /// again on each build, so they never pile up. One warning names those that stay.
    fn remove_old_outputs(&self) -> Option<Diagnostic> {
        let prefix = format!(".{}.old-", self.name);
        let old: Vec<PathBuf> = std::fs::read_dir(&self.parent)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.path())
            .collect();
        old.iter().for_each(|dir| remove_tree(dir));
        let stayed: Vec<String> = (old.iter())
            .filter(|dir| dir.exists())
            .map(|dir| format!("`{}`", dir.display()))
            .collect();
        (!stayed.is_empty()).then(|| {
            Diagnostic::warning(format!(
                "网站已经生成好了，但上一次的输出没能删掉：{}。",
                stayed.join("、")
            ))
            .with_hint("可能有文件正被别的程序打开，或者被设成了不能删除；关掉那个程序（或取消那个设置）后，下一次生成时会自动删掉它。")
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("无法写入 `{}`：{e}", path.display()))
        .with_hint("检查磁盘是不是满了，以及您有没有权限写入这个位置。")
}

/// Put the new folder in place of the old one, restoring the old one if that fails.
fn swap(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), Diagnostic> {
    if !out.exists() {
        return std::fs::rename(tmp, out).map_err(|e| io_error(out, e));
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&old);
    std::fs::rename(out, &old).map_err(|e| io_error(out, e))?;
    if let Err(e) = std::fs::rename(tmp, out) {
        let _ = std::fs::rename(&old, out);
        return Err(io_error(out, e));
    }
    Ok(())
}

/// Remove a folder and everything in it, a folder per task: a file system takes one
/// folder's removals one at a time, so two cores only help across folders (the old output
/// of a large site is 22,000 files in a dozen folders).
fn remove_tree(dir: &Path) {
    let folders: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    folders.par_iter().for_each(|folder| {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| !t.is_dir()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    });
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_refuses_escapes() {
        let base = Path::new("/out");
        assert_eq!(
            safe_join(base, "a/b.html"),
            Some(PathBuf::from("/out/a/b.html"))
        );
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a\\..\\x",
            "C:x",
            "",
            "a//b",
            "./a",
        ] {
            assert_eq!(safe_join(base, bad), None, "{bad}");
        }
    }

    #[test]
    fn after_a_failed_write_nothing_more_is_written_or_committed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&root, &out).unwrap();
        staging
            .put("guides", b"a file where a folder must go")
            .unwrap();
        assert!(
            staging.put("guides/a.html", b"x").is_err(),
            "the first failure"
        );
        assert!(
            staging.put("notices/b.html", b"x").is_ok(),
            "later writes are skipped quietly: one error, not one per file"
        );
        assert!(!staging.tmp.join("notices/b.html").exists());
        let tmp = staging.tmp.clone();
        assert!(staging.commit().is_err());
        assert!(!out.exists(), "no output folder appears");
        assert!(!tmp.exists(), "the staging folder is removed");
    }

    #[test]
    fn a_commit_replaces_the_old_output_and_removes_it_entirely() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("public");
        for text in ["first", "second"] {
            let staging = Staging::begin(&root, &out).unwrap();
            for n in 0..50 {
                let path = format!("guides/{n}.html");
                staging.put(&path, text.as_bytes()).unwrap();
                staging.put(&format!("search/d/{n}.js"), b"x").unwrap();
            }
            staging.put("index.html", text.as_bytes()).unwrap();
            staging.commit().unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(out.join("guides/7.html")).unwrap(),
            "second"
        );
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["public", "site"],
            "no old or temporary folder is left"
        );
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.yaml"), "title: x").unwrap();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, dir.path()).is_err());
        assert!(check_output_dir(&root, &root.join("content/out")).is_err());
        let foreign = dir.path().join("documents");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("report.docx"), "x").unwrap();
        let err = check_output_dir(&root, &foreign).unwrap_err();
        assert!(err.message.starts_with(REFUSAL));
        assert!(err
            .message
            .contains("这个文件夹不是空的，也不是 bulletin 生成的"));
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
    }
}
