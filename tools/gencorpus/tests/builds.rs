//! A generated corpus is a site bulletin builds without a single error: every link, anchor,
//! `related` entry, image and alias the generator writes resolves, at its planned "now".

use bulletin::build::build;
use bulletin::pipeline::{Now, Options};
use bulletin_gencorpus::{Corpus, BUILD_NOW};

#[test]
fn a_generated_corpus_builds_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    let stats = Corpus::plan(300, 1).write(&root).unwrap();
    assert!(
        stats.han_total / 300 > 600,
        "{} Han characters",
        stats.han_total
    );
    let options = Options {
        root: root.clone(),
        now: Now::Text(BUILD_NOW.to_owned()),
        drafts: false,
    };
    let (report, diags) = build(&options, &dir.path().join("public"), false);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{d:?}"))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let report = report.unwrap();
    // Unpublished pages (drafts, scheduled) are not built; list and tag pages are.
    assert!(report.pages > 300, "{report:?}");
    assert!(dir.path().join("public/notices/index.html").is_file());
}
