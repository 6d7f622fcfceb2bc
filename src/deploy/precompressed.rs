//! The precompressed copies of text files (`page.html.gz`, `page.html.br`, written by a
//! build for targets with `precompress: true`) and what each kind of target must hold for
//! residents to get working pages.
//!
//! A web server negotiates: nginx's `gzip_static` and `brotli_static` send `page.html.br`
//! or `page.html.gz` in place of `page.html` to a browser that accepts it. So a folder
//! target gets the copies beside the files, as they are.
//!
//! Object storage does not negotiate: it sends the bytes stored under a name, with the
//! headers stored with them. So the gzip copy is stored *under the file's own name* with
//! `Content-Encoding: gzip` (every browser accepts gzip; brotli only over HTTPS, and not
//! every client), and no copy is stored under its own name: nothing links to
//! `page.html.gz`, and served without the header its bytes would be garbage.
//!
//! A target that did not ask gets the plain files only. What the comparison with the
//! target sees is what the target stores: for a file stored compressed, the size and MD5
//! of its gzip bytes, which is also what the service's ETag and the manifest hold.

use super::plan::LocalFile;
use super::target::{Place, Target};
use crate::precompress::{original_path, worth_compressing};
use std::collections::HashMap;

/// The files `target` is to hold, from the built output's `files`. `precompressed`: the
/// build wrote copies (without it, a file named `notes.txt.gz` is the site's own).
pub fn files_for(target: &Target, files: &[LocalFile], precompressed: bool) -> Vec<LocalFile> {
    if !precompressed {
        return files.to_vec();
    }
    let by_path: HashMap<&str, &LocalFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    // A copy: named after a file of the output that the build compresses.
    let is_copy = |f: &LocalFile| {
        (original_path(&f.path))
            .and_then(|original| by_path.get(original))
            .is_some_and(|o| worth_compressing(&o.path, o.size as usize))
    };
    let (keep_copies, gzip_in_place) = match target.place {
        Place::Folder(_) => (target.precompress, false),
        Place::Store { .. } => (false, target.precompress),
    };
    (files.iter())
        .filter(|f| keep_copies || !is_copy(f))
        .map(|f| {
            let gz = by_path.get(format!("{}.gz", f.path).as_str());
            match gz {
                Some(gz) if gzip_in_place && is_copy(gz) => LocalFile {
                    path: f.path.clone(),
                    size: gz.size,
                    md5: gz.md5.clone(),
                    gzip: true,
                },
                _ => f.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::headers::CacheRules;
    use crate::deploy::plan::md5_hex;
    use crate::deploy::target::Service;

    fn file(path: &str, size: u64) -> LocalFile {
        LocalFile {
            path: path.into(),
            size,
            md5: md5_hex(path.as_bytes()),
            gzip: false,
        }
    }

    fn target(place: Place, precompress: bool) -> Target {
        Target {
            name: "t".into(),
            url: "u".into(),
            place,
            cache: CacheRules::new(&[]),
            precompress,
        }
    }

    fn paths(files: &[LocalFile]) -> Vec<(&str, bool)> {
        files.iter().map(|f| (f.path.as_str(), f.gzip)).collect()
    }

    #[test]
    fn copies_go_beside_files_in_folders_and_in_place_on_storage() {
        let files = [
            file("a.html", 5000),
            file("a.html.br", 900),
            file("a.html.gz", 1200),
            file("small.html", 300),
            // An archive of the site's own, not a copy: its original is not compressed.
            file("data.csv", 5000),
            file("data.csv.gz", 800),
        ];
        let folder = Place::Folder("/srv/www".into());
        let store = Place::Store {
            service: Service::S3,
            bucket: "b".into(),
            prefix: String::new(),
            endpoint: None,
            region: None,
        };
        let plain = [
            ("a.html", false),
            ("small.html", false),
            ("data.csv", false),
            ("data.csv.gz", false),
        ];
        for place in [folder.clone(), store.clone()] {
            let t = target(place, false);
            assert_eq!(paths(&files_for(&t, &files, true)), plain);
            assert_eq!(files_for(&t, &files, false).len(), files.len());
        }
        let t = target(folder, true);
        assert_eq!(files_for(&t, &files, true).len(), files.len());
        let stored = files_for(&target(store, true), &files, true);
        assert_eq!(
            paths(&stored),
            [
                ("a.html", true),
                ("small.html", false),
                ("data.csv", false),
                ("data.csv.gz", false)
            ]
        );
        assert_eq!(stored[0].size, 1200, "the gzip bytes are what is stored");
        assert_eq!(stored[0].md5, files[2].md5);
        assert_eq!(stored[0].source(), "a.html.gz");
    }
}
