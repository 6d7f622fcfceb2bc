//! What makes a first visit on a weak signal fast, checked on real builds of the example
//! site: the search page preloads the index's base at the very address search.js asks
//! for, every search box names what to prefetch, and `build --precompress` writes `.gz`
//! and `.br` copies that decompress to exactly the files beside them; the search page's
//! head names a query's shard files before search.js has arrived. How fast it is, is
//! measured by `benches/search-speed.sh`, not here.

use crate::common;

use bulletin::render::search::codec::{shard_of, term_hash};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

fn attr<'a>(html: &'a str, tag_start: &str, name: &str) -> &'a str {
    let tag = &html[html
        .find(tag_start)
        .unwrap_or_else(|| panic!("no {tag_start}"))..];
    let tag = &tag[..tag.find('>').unwrap()];
    let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    &tag[at..at + tag[at..].find('"').unwrap()]
}

#[test]
fn the_search_page_preloads_what_search_js_asks_for_and_search_boxes_prefetch_it() {
    let site = common::build_site(&common::repo(), &["--now", common::NOW]);
    let search = std::fs::read_to_string(site.output.join("search/index.html")).unwrap();
    let preload = attr(&search, "<link rel=\"preload\" as=\"script\"", "href");
    let version = attr(&search, "<div id=\"search-results\"", "data-search-version");
    let index = attr(&search, "<div id=\"search-results\"", "data-search-index");
    // search.js loads index + "base.js?v=" + encodeURI(version); the build's time needs
    // no encoding, so the preloaded response is the one it uses.
    assert!(version.starts_with("2026-") && !version.contains(['%', ' ', '"']));
    assert_eq!(preload, format!("{index}base.js?v={version}"));
    assert!(site.output.join("search/base.js").is_file());

    // Any page's search box: search.js and base.js, at the search page's addresses seen
    // from this page.
    let script = attr(&search, "<script src=\"../search.js", "src");
    for (page, root) in [("index.html", ""), ("guides/hukou-qianru.html", "../")] {
        let html = std::fs::read_to_string(site.output.join(page)).unwrap();
        let prefetch = attr(&html, "<form class=\"search", "data-prefetch");
        let want = format!(
            "{root}{} {root}search/base.js?v={version}",
            script.trim_start_matches("../")
        );
        assert_eq!(prefetch, want, "{page}");
    }
}

fn decompress(ext: &str, bytes: &[u8]) -> Vec<u8> {
    let mut back = Vec::new();
    match ext {
        "gz" => flate2::read::GzDecoder::new(bytes).read_to_end(&mut back),
        _ => brotli::Decompressor::new(bytes, 4096).read_to_end(&mut back),
    }
    .unwrap_or_else(|e| panic!("a .{ext} copy that does not decompress: {e}"));
    back
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

#[test]
fn precompressed_copies_decompress_to_the_files_beside_them() {
    let site = common::build_site(&common::repo(), &["--now", common::NOW, "--precompress"]);
    let all = files(&site.output);
    let mut copies = 0;
    for path in &all {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "gz" && ext != "br" {
            continue;
        }
        let original = path.with_extension("");
        let want = std::fs::read(&original)
            .unwrap_or_else(|_| panic!("{} has no original", path.display()));
        let got = decompress(ext, &std::fs::read(path).unwrap());
        assert!(got == want, "{} differs from its original", path.display());
        assert!(std::fs::metadata(path).unwrap().len() < want.len() as u64);
        copies += 1;
    }
    let has = |rel: &str| site.output.join(rel).is_file();
    for rel in [
        "index.html.gz",
        "index.html.br",
        "guides/hukou-qianru.html.br",
        "style.css.br",
        "search.js.gz",
        "search/base.js.br",
    ] {
        assert!(has(rel), "{rel}");
    }
    // Images are compressed already; tiny files would not save a packet.
    assert!(!all.iter().any(|p| {
        let name = p.to_string_lossy();
        (name.contains(".jpg.") || name.contains(".png."))
            || (p.extension().is_some_and(|e| e == "gz")
                && std::fs::metadata(p.with_extension("")).unwrap().len() < 1024)
    }));
    assert!(copies > 200, "{copies} copies");

    // Without the option: no copies.
    let plain = common::build_site(&common::repo(), &["--now", common::NOW]);
    assert!(!files(&plain.output)
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "gz" || e == "br")));
}

/// The shard files of `keys` in an index of `shards` shards, as paths under the site.
fn shard_paths(keys: &[&str], shards: u32) -> BTreeSet<String> {
    (keys.iter())
        .map(|k| format!("/search/s/{}.js", shard_of(term_hash(k.chars()), shards)))
        .collect()
}

#[test]
fn the_search_page_names_a_querys_shards_before_search_js_arrives() {
    let site = common::build_site(&common::repo(), &["--now", common::NOW]);
    let search = std::fs::read_to_string(site.output.join("search/index.html")).unwrap();
    let shards: u32 = attr(&search, "<script data-shards", "data-shards")
        .parse()
        .unwrap();
    let on_disk = std::fs::read_dir(site.output.join("search/s"))
        .unwrap()
        .count();
    assert_eq!(
        shards as usize, on_disk,
        "the page names the index's shard count"
    );
    // A script after the stylesheet would wait for it: the shards would be asked for late.
    assert!(search.find("<script data-shards") < search.find("style.css"));

    let server = common::StaticServer::start(&site.output, "/station/");
    // Each query with the keys search.js looks it up by: a Han run itself up to three
    // characters, else its trigrams; a word; letters typed apart also joined.
    let cases: [(&str, &[&str]); 6] = [
        ("身份证", &["身份证"]),
        (
            "无犯罪记录证明",
            &["无犯罪", "犯罪记", "罪记录", "记录证", "录证明"],
        ),
        ("hukou", &["hukou"]),
        ("Hu Kou", &["hu", "kou", "hukou"]),
        ("１１０ 报警", &["110", "报警"]),
        (
            "户口 迁入 hu kou 2026",
            &["户口", "迁入", "hu", "kou", "hukou", "2026"],
        ),
    ];
    let queries: Vec<&str> = cases.iter().map(|(q, _)| *q).collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("queries.json");
    std::fs::write(&file, serde_json::to_string(&queries).unwrap()).unwrap();
    let report = common::run_node_json(
        "early-shards.js",
        &[&server.url("search/index.html"), &file.to_string_lossy()],
        &[],
    );
    let rows = report.as_array().expect("one row per query");
    assert_eq!(rows.len(), cases.len(), "{report}");
    for ((query, keys), row) in cases.iter().zip(rows) {
        let early: BTreeSet<String> = (row["early"].as_array().unwrap().iter())
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(early, shard_paths(keys, shards), "{query}: {row}");
        assert_eq!(row["errors"], Value::Array(Vec::new()), "{query}: {row}");
        // search.js asks for the same files, once each: what arrived early is used.
        let all = row["all"].as_object().unwrap();
        for path in &early {
            assert_eq!(all.get(path), Some(&Value::from(1)), "{query}: {row}");
        }
    }
    let results = |q: &str| rows[queries.iter().position(|x| *x == q).unwrap()]["results"].as_u64();
    assert!(
        results("身份证") > Some(0) && results("hukou") > Some(0),
        "{report}"
    );
}
