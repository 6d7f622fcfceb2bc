//! What a deploy will do: the built files against what the target holds. A file is
//! unchanged when the target has one of the same size and MD5: the ETag where the service
//! gives the MD5 as its ETag (S3 and its kin, for files put in one piece), else the MD5
//! that the last deploy recorded in the target's manifest (a folder has no ETag). Uploads
//! are ordered as the URL plan says ([`publish_order`]); the target's hidden files
//! (`.htaccess`, `.well-known/` for certificates, the manifest) are never touched.

use super::target::Target;
use crate::diagnostics::Diagnostic;
use crate::model::urls::{publish_order, PublishOrder};
use crate::precompress::original_path;
use md5::{Digest, Md5};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// In the target's root: each published file's MD5, as of the last deploy.
pub const MANIFEST: &str = ".bulletin-deploy.json";
/// In a folder target: where files are written before they are renamed into place.
pub const TEMP_DIR: &str = ".bulletin-deploy-tmp";

/// path → MD5 (lowercase hex).
pub type Manifest = BTreeMap<String, String>;

#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Inside the output folder, with `/`; its name in the target.
    pub path: String,
    /// Of what the target stores: the `.gz` copy's when `gzip`.
    pub size: u64,
    pub md5: String,
    /// Stored as its `.gz` copy's bytes, with `Content-Encoding: gzip`.
    pub gzip: bool,
}

impl LocalFile {
    /// Where the bytes the target stores are, inside the output folder.
    pub fn source(&self) -> String {
        if self.gzip {
            format!("{}.gz", self.path)
        } else {
            self.path.clone()
        }
    }
}

/// A file the target has: its size, and its MD5 if its ETag is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFile {
    pub size: u64,
    pub md5: Option<String>,
}

impl RemoteFile {
    pub fn new(size: u64, etag: Option<&str>) -> RemoteFile {
        // A single-part upload's ETag is its MD5 in hex, quoted; a multipart one has `-N`.
        let md5 = etag
            .map(|e| e.trim_matches('"').to_ascii_lowercase())
            .filter(|e| e.len() == 32 && e.bytes().all(|b| b.is_ascii_hexdigit()));
        RemoteFile { size, md5 }
    }
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub target: Target,
    /// In publishing order.
    pub uploads: Vec<LocalFile>,
    pub deletions: Vec<String>,
    pub unchanged: usize,
    pub upload_bytes: u64,
    /// What the manifest says after the deploy: every file of the site.
    pub manifest: Manifest,
    /// What it said before.
    pub old_manifest: Manifest,
}

/// Whether a path of the target belongs to the site (not a hidden file or folder).
pub fn is_site_path(path: &str) -> bool {
    !path.split('/').any(|part| part.starts_with('.'))
}

/// Every file of the built output with its size and MD5 (on all cores).
pub fn local_files(output: &Path) -> Result<Vec<LocalFile>, Diagnostic> {
    let paths: Vec<(String, std::path::PathBuf)> = walkdir::WalkDir::new(output)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(output).ok()?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            is_site_path(&rel).then(|| (rel, e.into_path()))
        })
        .collect();
    paths
        .into_par_iter()
        .map(|(path, full)| {
            let bytes = std::fs::read(&full)
                .map_err(|e| Diagnostic::error(format!("无法读取 `{}`：{e}", full.display())))?;
            Ok(LocalFile {
                path,
                size: bytes.len() as u64,
                md5: md5_hex(&bytes),
                gzip: false,
            })
        })
        .collect()
}

pub fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file's place in the publishing order; a precompressed copy goes with its original,
/// which a web server sends it in place of (`index.html.gz` is the home page).
fn order(path: &str) -> PublishOrder {
    publish_order(original_path(path).unwrap_or(path))
}

/// Compare the site with the target: what to upload (in publishing order), what to delete.
pub fn compare(
    target: Target,
    files: &[LocalFile],
    remote: &HashMap<String, RemoteFile>,
    old_manifest: Manifest,
) -> Plan {
    let mut uploads: Vec<LocalFile> = files
        .iter()
        .filter(|f| {
            let Some(there) = remote.get(&f.path) else {
                return true;
            };
            let md5 = there.md5.as_ref().or_else(|| old_manifest.get(&f.path));
            there.size != f.size || md5 != Some(&f.md5)
        })
        .cloned()
        .collect();
    uploads.sort_by_cached_key(|f| (order(&f.path), f.path.clone()));
    let manifest: Manifest = (files.iter())
        .map(|f| (f.path.clone(), f.md5.clone()))
        .collect();
    let mut deletions: Vec<String> = (remote.keys())
        .filter(|p| is_site_path(p) && !manifest.contains_key(*p))
        .cloned()
        .collect();
    // What links to a page goes before it: the lists and home page that linked to a
    // page that is gone are already replaced when it goes.
    deletions.sort_by_cached_key(|p| (std::cmp::Reverse(order(p)), p.clone()));
    Plan {
        target,
        upload_bytes: uploads.iter().map(|f| f.size).sum(),
        unchanged: files.len() - uploads.len(),
        uploads,
        deletions,
        manifest,
        old_manifest,
    }
}

impl Plan {
    /// The uploads in groups that may go together: each group after the one before.
    pub fn upload_groups(&self) -> Vec<&[LocalFile]> {
        self.uploads
            .chunk_by(|a, b| order(&a.path) == order(&b.path))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.uploads.is_empty() && self.deletions.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::headers::CacheRules;
    use crate::deploy::target::Place;

    fn file(path: &str, text: &str) -> LocalFile {
        LocalFile {
            path: path.into(),
            size: text.len() as u64,
            md5: md5_hex(text.as_bytes()),
            gzip: false,
        }
    }

    fn target() -> Target {
        Target {
            name: "web".into(),
            url: "/srv".into(),
            place: Place::Folder("/srv".into()),
            cache: CacheRules::new(&[]),
            precompress: false,
        }
    }

    #[test]
    fn uploads_what_differs_in_order_and_deletes_only_site_files() {
        let files = [
            file("index.html", "home 2"),
            file("index.html.gz", "home 2, compressed"),
            file("notices/new.html", "new"),
            file("notices/index.html", "list 2"),
            file("style.css", "css"),
            file("guides/a.html", "same"),
            file("guides/b.html", "same by manifest"),
        ];
        let mut remote = HashMap::new();
        let etag = |t: &str| format!("\"{}\"", md5_hex(t.as_bytes()));
        remote.insert(
            "index.html".into(),
            RemoteFile::new(6, Some(&etag("home 1"))),
        );
        remote.insert(
            "notices/index.html".into(),
            RemoteFile::new(6, Some(&etag("list 1"))),
        );
        remote.insert("style.css".into(), RemoteFile::new(3, Some(&etag("css"))));
        remote.insert(
            "guides/a.html".into(),
            RemoteFile::new(4, Some(&etag("same"))),
        );
        remote.insert("guides/b.html".into(), RemoteFile::new(16, None));
        remote.insert("notices/old.html".into(), RemoteFile::new(3, None));
        remote.insert(".well-known/acme".into(), RemoteFile::new(3, None));
        let old: Manifest = [("guides/b.html".to_owned(), md5_hex(b"same by manifest"))].into();
        let plan = compare(target(), &files, &remote, old);
        let uploads: Vec<&str> = plan.uploads.iter().map(|f| f.path.as_str()).collect();
        // The home page's copy goes with it, last: nginx would send it in its place.
        assert_eq!(
            uploads,
            [
                "notices/new.html",
                "notices/index.html",
                "index.html",
                "index.html.gz"
            ]
        );
        assert_eq!(plan.deletions, ["notices/old.html"]);
        assert_eq!(plan.unchanged, 3);
        assert_eq!(plan.upload_groups().len(), 3);
    }

    #[test]
    fn multipart_etags_are_not_md5s() {
        assert_eq!(RemoteFile::new(1, Some("\"abc-2\"")).md5, None);
        let md5 = md5_hex(b"x");
        assert_eq!(RemoteFile::new(1, Some(&md5.to_uppercase())).md5, Some(md5));
    }
}
