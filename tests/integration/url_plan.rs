//! The URL plan names exactly the files a build writes: no list page reserved that is never
//! written (expired notices once counted in the notices list), none written unplanned. (Of
//! the files beside pages it reserves, those no published page uses are not written.)

use crate::common;

use bulletin::model::plan::{Owner, UrlPlan};
use bulletin::pipeline::{load_site, Now, Options};
use common::{build_site, repo, NOW};
use std::collections::BTreeSet;
use std::path::Path;

/// The paths the plan names for the site at `root`, and the paths a build writes, the
/// search index's own files under `search/` and the output folder's marker left out.
fn planned_and_written(root: &Path, now: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let options = Options {
        root: root.to_path_buf(),
        now: Now::Text(now.to_owned()),
        drafts: false,
    };
    let (site, theme, diags) = load_site(&options);
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let (site, theme) = (site.expect("a site"), theme.expect("a theme"));
    let theme_static: Vec<&str> = theme.static_files.keys().map(String::as_str).collect();
    // A file beside the pages is reserved by the plan, and written only when a published
    // page uses it: which ones is known once the bodies' links are rendered.
    let (bodies, intros, _) = bulletin::render::bodies::render_all(&site);
    let used: BTreeSet<String> = bulletin::render::pages::copies(&site, &bodies, &intros)
        .into_iter()
        .map(|c| c.dest)
        .collect();
    let planned: BTreeSet<String> = (UrlPlan::new(&site).outputs(&site, &theme_static))
        .into_iter()
        .filter(|(path, owner)| !matches!(owner, Owner::Asset(_)) || used.contains(path))
        .map(|(path, _)| path)
        .collect();
    let built = build_site(root, &["--now", now]);
    let written = walkdir::WalkDir::new(&built.output)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&built.output).expect("inside output");
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|p| p == "search/index.html" || !p.starts_with("search/"))
        .filter(|p| p != ".bulletin-output")
        .collect();
    (planned, written)
}

#[test]
fn the_example_site_writes_exactly_what_is_planned() {
    let (planned, written) = planned_and_written(&repo(), NOW);
    assert_eq!(planned, written);
    assert!(planned.contains("notices/archive.html") && planned.contains("atom.xml"));
}

/// Many expired notices and a small page size: the notices list has one page of current
/// notices, the archive three.
#[test]
fn expired_notices_make_archive_pages_not_list_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join("site.yaml"), "title: 测试派出所\npaginate: 2\n").expect("site.yaml");
    let notices = root.join("content/notices");
    std::fs::create_dir_all(&notices).expect("folder");
    for day in 1..=7 {
        let text = format!(
            "---\ntitle: 过期通知{day}\ndate: 2026-10-0{day}\nexpires: 2026-10-2{day}\ntags: [停水]\n---\n正文\n"
        );
        std::fs::write(notices.join(format!("2026-10-0{day}-a{day}.md")), text).expect("notice");
    }
    std::fs::write(
        notices.join("2026-11-20-now.md"),
        // Once reserved for a third page of current notices that was never written.
        "---\ntitle: 现行通知\ndate: 2026-11-20\naliases: [notices/page-3.html]\n---\n正文\n",
    )
    .expect("notice");
    let (planned, written) = planned_and_written(root, NOW);
    assert_eq!(planned, written);
    assert!(!planned.contains("notices/page-2.html"), "{planned:?}");
    assert!(
        planned.contains("notices/page-3.html"),
        "the alias: {planned:?}"
    );
    for page in [
        "notices/archive.html",
        "notices/archive/page-2.html",
        "notices/archive/page-4.html",
    ] {
        assert!(planned.contains(page), "{page}: {planned:?}");
    }
    assert!(planned.contains("tags/tingshui/page-4.html"), "{planned:?}");
}

/// A generated corpus of 600 pages, at a "now" that expires many of its notices: every list
/// of it paginated, tags with many pages, aliases.
#[test]
fn a_generated_corpus_writes_exactly_what_is_planned() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("corpus");
    bulletin_gencorpus::Corpus::plan(600, 1)
        .write(&root)
        .expect("corpus written");
    for now in [bulletin_gencorpus::BUILD_NOW, "2027-06-01T12:00:00+08:00"] {
        let (planned, written) = planned_and_written(&root, now);
        assert_eq!(planned, written, "at {now}");
        assert!(planned
            .iter()
            .any(|p| p.starts_with("notices/archive/page-")));
    }
}
