//! `bulletin deploy` to S3: a real S3 server on loopback (rclone's `serve s3`), one per
//! test, with the example site.

use crate::deploy_support::*;
use std::time::{Duration, Instant};

#[test]
fn first_deploy_then_nothing_then_only_what_changed() {
    first_second_edit_delete(&S3::start());
}

#[test]
fn a_dry_run_changes_nothing() {
    dry_run_changes_nothing(&S3::start());
}

#[test]
fn a_site_with_errors_is_not_published() {
    errors_publish_nothing(&S3::start());
}

#[test]
fn more_than_500_deletions_need_yes() {
    many_deletions_need_yes(&S3::start());
}

#[test]
fn wrong_keys_are_explained_and_nothing_is_deleted() {
    let s3 = S3::start();
    let site = Site::new();
    let to = s3.to();
    site.deploy(&["--to", &to]).ok();
    let gone = site.delete_page();
    site.edit_notice();
    let before = s3.files();
    let out = site.deploy_with(&["--to", &to], "not-the-secret");
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("密钥不对"), "{}", out.stderr);
    assert!(
        out.stderr.contains("AWS_SECRET_ACCESS_KEY"),
        "{}",
        out.stderr
    );
    assert!(s3.files().contains_key(gone), "nothing deleted");
    assert_eq!(s3.files(), before);

    let missing = site
        .deploy_command(&["--to", &to], SECRET)
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(missing.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("没有找到发布到"), "{stderr}");
}

#[test]
fn a_missing_bucket_is_named() {
    let s3 = S3::start();
    let site = Site::new();
    let to = s3.to().replace("s3://site/", "s3://nosuch/");
    let out = site.deploy(&["--to", &to]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("找不到存储桶 `nosuch`"),
        "{}",
        out.stderr
    );
}

/// The server goes away in the middle of a first deploy: the deploy says so and deletes
/// nothing; once the server is back, running it again finishes the job.
#[test]
fn a_deploy_cut_off_finishes_when_run_again() {
    let mut s3 = S3::start();
    let site = Site::new();
    s3.put(&[("old/leftover.html".into(), b"from an earlier site")]);
    // Slowed down, so the deploy is still sending when the server stops.
    s3.restart(&["--bwlimit", "150k"]);
    let to = s3.to();
    let child = site
        .deploy_command(&["--to", &to], SECRET)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run bulletin");
    let started = Instant::now();
    while s3.files().len() < 10 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no upload started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    s3.stop();
    let cut = Deployed::from(child.wait_with_output().expect("deploy ends"));
    assert_eq!(
        cut.code, 1,
        "the deploy failed:\n{}\n{}",
        cut.stdout, cut.stderr
    );
    assert!(cut.stderr.contains("连不上发布目标"), "{}", cut.stderr);
    assert!(
        s3.files().contains_key("old/leftover.html"),
        "nothing deleted after an error"
    );
    assert!(
        s3.files().len() < site.public().len() + 1,
        "the deploy was cut off"
    );

    s3.restart(&[]);
    let rerun = site.deploy(&["--to", &to]).ok();
    assert_eq!(s3.files(), site.public(), "the job is finished");
    assert_eq!(rerun.counts().1, 1, "the leftover page is deleted now");
}

/// Each object carries the Content-Type (with charset for text) and the Cache-Control of
/// its pattern, as an S3 client sees them over HTTP; a target's own rule comes first.
#[test]
fn headers_are_right_over_http() {
    let s3 = S3::start();
    let site = Site::new();
    site.append_site_yaml(&format!(
        "deploy:\n  - name: station\n    url: s3://site/station\n    endpoint: {}\n    region: us-east-1\n    cache:\n      \"*.svg\": \"public, max-age=60\"\n",
        s3.endpoint()
    ));
    site.deploy(&["--to", "station"]).ok();
    for (path, content_type, cache) in [
        ("index.html", "text/html; charset=utf-8", "no-cache"),
        (
            "notices/shiwu-zhaoling-2026-11.html",
            "text/html; charset=utf-8",
            "no-cache",
        ),
        (
            "search/base.js",
            "text/javascript; charset=utf-8",
            "no-cache",
        ),
        (
            "style.css",
            "text/css; charset=utf-8",
            "public, max-age=31536000",
        ),
        (
            "site.js",
            "text/javascript; charset=utf-8",
            "public, max-age=31536000",
        ),
        ("sitemap.xml", "application/xml; charset=utf-8", "no-cache"),
        (
            "favicon.svg",
            "image/svg+xml; charset=utf-8",
            "public, max-age=60",
        ),
    ] {
        let seen = s3.headers(path);
        assert_eq!(seen["MimeType"], content_type, "{path}: {seen}");
        assert_eq!(seen["Metadata"]["cache-control"], cache, "{path}: {seen}");
    }
}

/// `precompress: true`: each text file with a gzip copy is stored as the copy's bytes under
/// its own name with `Content-Encoding: gzip`, and a browser fetching it gets the built
/// file; no `.gz` or `.br` object is left beside it; the next deploy compares what is
/// stored and sends nothing, an edit only what changed. A folder target of the same
/// site.yaml without `precompress` gets the plain files.
#[test]
fn precompressed_files_are_stored_with_content_encoding() {
    use std::io::Read;
    let s3 = S3::start();
    let site = Site::new();
    site.append_site_yaml(&format!(
        "deploy:\n  - name: station\n    url: s3://site/station\n    endpoint: {}\n    region: us-east-1\n    precompress: true\n  - name: web\n    url: ../www\n",
        s3.endpoint()
    ));
    site.deploy(&[]).ok();
    let built = site.public();
    assert!(built.contains_key("index.html.br") && built.contains_key("index.html.gz"));
    let stored = stored_compressed(&built);
    assert_eq!(s3.files(), stored, "gzip bytes under the files' own names");
    assert!(
        !s3.files()
            .keys()
            .any(|p| p.ends_with(".gz") || p.ends_with(".br")),
        "no copies as objects of their own"
    );
    let www = site_files(&site.root.join("../www"));
    assert!(
        www.keys().eq(stored.keys()),
        "the folder without `precompress` has no copies"
    );

    let gunzip = |bytes: &[u8]| {
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut text)
            .expect("gzip");
        text
    };
    for path in ["index.html", "search/base.js", "style.css"] {
        let got = s3.fetch(path);
        assert_eq!(got.status, 200, "{path}: {}", got.text());
        assert_eq!(got.header("content-encoding"), Some("gzip"), "{path}");
        assert!(
            (got.header("content-type").unwrap_or_default()).ends_with("; charset=utf-8"),
            "{path}: {:?}",
            got.headers
        );
        assert_eq!(
            gunzip(&got.body),
            built[path],
            "{path} decompresses to the built file"
        );
    }
    let uncompressed = (stored.keys())
        .find(|p| !built.contains_key(&format!("{p}.gz")))
        .expect("a file too small or not text");
    let got = s3.fetch(uncompressed);
    assert_eq!(got.header("content-encoding"), None, "{uncompressed}");
    assert_eq!(got.body, built[uncompressed]);

    let second = site.deploy(&["--to", "station"]).ok();
    assert_eq!(second.counts(), (0, 0, stored.len()), "{}", second.stdout);

    let page = site.edit_notice();
    let edited = site.deploy(&["--to", "station"]).ok();
    let after = stored_compressed(&site.public());
    let changed_files = changed(&stored, &after);
    assert!(changed_files >= 1 && changed_files < stored.len() / 2);
    assert_eq!(
        edited.counts(),
        (changed_files, 0, stored.len() - changed_files)
    );
    assert_eq!(s3.files(), after);
    assert_eq!(gunzip(&s3.fetch(page).body), site.public()[page]);
}
