//! `bulletin deploy` to a folder (a web server's root on a mounted share), with the example
//! site: the same cases as S3, and a deploy stopped by the folder itself.

use crate::deploy_support::*;

/// The folder files are written in before their rename goes when the deploy ends.
#[test]
fn first_deploy_then_nothing_then_only_what_changed() {
    let www = Folder::new();
    first_second_edit_delete(&www);
    assert!(
        !www.path.join(TEMP_DIR).exists(),
        "no temporary folder left"
    );
}

#[test]
fn a_dry_run_changes_nothing() {
    dry_run_changes_nothing(&Folder::new());
}

#[test]
fn a_site_with_errors_is_not_published() {
    errors_publish_nothing(&Folder::new());
}

#[test]
fn more_than_500_deletions_need_yes() {
    many_deletions_need_yes(&Folder::new());
}

/// A write fails half-way (a folder stands where a page must go): the deploy says so and
/// deletes nothing; once the way is clear, running it again finishes the job. The folder's
/// hidden files (a certificate challenge) are never touched.
#[test]
fn a_failed_deploy_finishes_when_run_again() {
    let www = Folder::new();
    let site = Site::new();
    www.put(&[
        ("old/leftover.html".into(), b"from an earlier site"),
        (".well-known/acme-challenge/token".into(), b"certificate"),
    ]);
    let blocked = www.path.join("notices/shiwu-zhaoling-2026-11.html");
    std::fs::create_dir_all(blocked.join("in-the-way")).expect("folder in the way");
    let to = www.to();
    let cut = site.deploy(&["--to", &to]);
    assert_eq!(cut.code, 1, "{}\n{}", cut.stdout, cut.stderr);
    assert!(cut.stderr.contains("里的文件时出错"), "{}", cut.stderr);
    assert!(
        www.files().contains_key("old/leftover.html"),
        "nothing deleted"
    );
    assert!(
        www.files().contains_key("style.css"),
        "files linked from pages went first"
    );
    assert!(
        !www.files().contains_key("index.html"),
        "the home page goes last"
    );

    std::fs::remove_dir_all(&blocked).expect("clear the way");
    let rerun = site.deploy(&["--to", &to]).ok();
    assert_eq!(www.files(), site.public(), "the job is finished");
    assert_eq!(rerun.counts().1, 1, "the leftover page is deleted now");
    assert!(www.path.join(".well-known/acme-challenge/token").is_file());
    assert!(
        !www.path.join(TEMP_DIR).exists(),
        "no temporary folder left"
    );
}

/// A folder named in site.yaml is relative to the site; with several targets, a deploy
/// without `--to` publishes to each.
#[test]
fn targets_from_site_yaml() {
    let site = Site::new();
    site.append_site_yaml(
        "deploy:\n  - name: a\n    url: ../www-a\n  - name: b\n    url: ../www-b\n",
    );
    let out = site.deploy(&[]).ok();
    assert_eq!(out.stdout.matches("已发布到").count(), 2, "{}", out.stdout);
    for folder in ["www-a", "www-b"] {
        let there = files_under(&site.root.join("..").join(folder));
        let visible = there.keys().filter(|p| !p.starts_with('.')).count();
        assert_eq!(visible, site.public().len(), "{folder}");
    }
    let unknown = site.deploy(&["--to", "c"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("可以用的目标：a、b"),
        "{}",
        unknown.stderr
    );
}

/// `precompress: true`: the `.gz` and `.br` copies go beside the files, as they are, for
/// nginx's `gzip_static` and `brotli_static`; the next deploy sends nothing.
#[test]
fn precompressed_copies_go_beside_the_files() {
    let site = Site::new();
    site.append_site_yaml("deploy:\n  - name: web\n    url: ../www\n    precompress: true\n");
    site.deploy(&[]).ok();
    let built = site.public();
    assert!(built.contains_key("index.html.br") && built.contains_key("index.html.gz"));
    assert_eq!(site_files(&site.root.join("../www")), built);
    let again = site.deploy(&[]).ok();
    assert_eq!(again.counts(), (0, 0, built.len()), "{}", again.stdout);
}
