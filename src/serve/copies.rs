//! Files copied as they are, read when a browser asks for them, so an edited image shows
//! at once. A photo is served as a build publishes it, without its metadata; it is cleaned
//! again only when its size or modification time changed, so reloading a page of photos
//! reads them but does not clean them again.

use crate::photos;
use axum::body::Bytes;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

#[derive(Default)]
pub struct Copies {
    /// Source file → the version last cleaned and what it became (None: it could not be
    /// cleaned, and its error was printed).
    cleaned: Mutex<HashMap<PathBuf, (Version, Option<Bytes>)>>,
}

/// What tells that a file changed without reading it.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Version {
    len: u64,
    modified: Option<SystemTime>,
}

impl Copies {
    /// The bytes served at `dest` for the file `source`. None when it cannot be read, or is
    /// a photo that cannot be cleaned (then it is not served, and its error is printed
    /// once).
    pub fn read(&self, source: &Path, dest: &str, keep_metadata: bool) -> Option<Bytes> {
        if keep_metadata || !photos::is_photo(dest) {
            return std::fs::read(source).ok().map(Bytes::from);
        }
        let meta = std::fs::metadata(source).ok()?;
        let version = Version {
            len: meta.len(),
            modified: meta.modified().ok(),
        };
        if let Some((known, bytes)) = self.cleaned.lock().ok()?.get(source) {
            if *known == version {
                return bytes.clone();
            }
        }
        let original = std::fs::read(source).ok()?;
        let bytes = match photos::strip(&original) {
            Ok(s) => Some(Bytes::from(s.bytes.into_owned())),
            Err(why) => {
                eprint!("{}", photos::unreadable(source, why));
                None
            }
        };
        if let Ok(mut cleaned) = self.cleaned.lock() {
            cleaned.insert(source.to_path_buf(), (version, bytes.clone()));
        }
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photos::fixtures;

    #[test]
    fn a_photo_is_cleaned_once_per_change() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("photo.jpg");
        std::fs::write(&source, fixtures::phone_jpeg(40, 30, 6)).unwrap();
        let copies = Copies::default();
        let first = copies.read(&source, "stories/photo.jpg", false).unwrap();
        assert!(!fixtures::contains(&first, "HUAWEI"));
        let again = copies.read(&source, "stories/photo.jpg", false).unwrap();
        assert_eq!(
            first.as_ptr(),
            again.as_ptr(),
            "the same bytes, not cleaned again"
        );
        // Another picture saved over it.
        std::fs::write(&source, fixtures::phone_jpeg(20, 10, 6)).unwrap();
        let changed = copies.read(&source, "stories/photo.jpg", false).unwrap();
        assert_ne!(changed, first);
        assert_eq!(
            fixtures::pixels(&changed),
            fixtures::pixels(&fixtures::phone_jpeg(20, 10, 6))
        );
        assert!(!fixtures::contains(&changed, "HUAWEI"));
        let kept = copies.read(&source, "stories/photo.jpg", true).unwrap();
        assert!(
            fixtures::contains(&kept, "HUAWEI"),
            "kept when the site says so"
        );
    }
}
