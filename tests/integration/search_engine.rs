//! The search engine end to end without a browser: `bulletin build` writes the index for
//! the fixture site in tests/fixtures/search-site, and the real search.js answers queries
//! in Node (tests/browser/engine.js), cold, as a first visit would. Each page of the
//! fixture is there for one of the cases below.

use crate::common;

use serde_json::Value;
use std::collections::HashMap;

struct Answers {
    by_query: HashMap<String, Value>,
    _site: common::BuiltSite,
}

impl Answers {
    fn get(&self, q: &str) -> &Value {
        self.by_query
            .get(q)
            .unwrap_or_else(|| panic!("query {q:?} was not run"))
    }
    fn urls(&self, q: &str, tier: &str) -> Vec<String> {
        self.get(q)[tier]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }
    fn all(&self, q: &str) -> Vec<String> {
        ["exact", "near", "partial"]
            .iter()
            .flat_map(|t| self.urls(q, t))
            .collect()
    }
    fn count(&self, q: &str) -> u64 {
        self.get(q)["count"].as_u64().unwrap()
    }
}

const QUERIES: &[&str] = &[
    "国庆安保",
    "安全账户",
    "居住证",
    "hukou",
    "hu kou",
    "Hù Kǒu",
    "juzhuzheng",
    "户口迁入",
    "戶口遷入",
    "户口迁人",
    "紫藤湾临时演练",
    "开学季护学岗",
    "演练",
    "110",
    "11",
    "ＡＰＰ",
    "丢",
    "户口 材料",
    "户口迁入要带什么",
    "身份证丢了",
    "身份證",
    "上户口",
    "暂住证",
];

fn answers() -> Answers {
    let site = common::build_site(
        &common::repo().join("tests/fixtures/search-site"),
        &["--now", common::NOW],
    );
    let dir = tempfile::tempdir().unwrap();
    let qfile = dir.path().join("q.json");
    std::fs::write(&qfile, serde_json::to_string(QUERIES).unwrap()).unwrap();
    let out = common::run_node_json(
        "engine.js",
        &[site.output.to_str().unwrap(), qfile.to_str().unwrap()],
        &[("ALL_RESULTS", "1")],
    );
    let by_query = out
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["query"].as_str().unwrap().to_string(), a.clone()))
        .collect();
    Answers {
        by_query,
        _site: site,
    }
}

#[test]
fn search_engine_over_the_fixture_site() {
    // One build and one Node run for all cases: each takes a second or two.
    let a = answers();

    // Current notices above the expired one, even though the expired one has the phrase
    // in its title and the current one only in its body.
    assert_eq!(
        a.urls("国庆安保", "exact"),
        [
            "notices/guoqing-zongjie.html",
            "notices/yuandan-anbao.html",
            "notices/guoqing-anbao.html"
        ]
    );
    assert_eq!(
        a.get("国庆安保")["expired"],
        serde_json::json!(["notices/guoqing-anbao.html"])
    );
    let snippet = a.get("国庆安保")["snippets"]["notices/yuandan-anbao.html"]
        .as_str()
        .unwrap();
    assert!(snippet.contains("<mark>国庆安保</mark>"), "{snippet}");

    // The whole phrase, not its parts: the bank page has 安全 and 账户 apart.
    assert_eq!(a.count("安全账户"), 1);
    assert_eq!(a.all("安全账户"), ["notices/fanzha.html"]);

    // Title > tags > headings > body; 暂住证 + 居住地 is not 居住证.
    assert_eq!(
        a.urls("居住证", "exact"),
        [
            "guides/juzhuzheng.html",
            "faq/zufang.html",
            "pages/banshi.html",
            "stories/sitian-luohu.html"
        ]
    );
    assert!(a
        .urls("暂住证", "exact")
        .contains(&"pages/lishi.html".to_string()));

    // Pinyin of titles, tags and categories, with or without spaces and tone marks; the
    // Traditional title reads the same.
    for q in ["hukou", "hu kou", "Hù Kǒu"] {
        let urls = a.urls(q, "exact");
        assert_eq!(
            urls.first().map(String::as_str),
            Some("guides/hukou-qianru.html"),
            "{q}: {urls:?}"
        );
        assert!(
            urls.contains(&"pages/fanti.html".to_string()),
            "{q}: {urls:?}"
        );
        assert!(
            urls.contains(&"faq/shang-hukou.html".to_string()),
            "{q}: {urls:?}"
        );
    }
    assert_eq!(
        a.urls("juzhuzheng", "exact"),
        ["guides/juzhuzheng.html", "faq/zufang.html"]
    );

    // Traditional finds Simplified and the reverse.
    assert_eq!(
        a.urls("户口迁入", "exact"),
        ["guides/hukou-qianru.html", "pages/fanti.html"]
    );
    assert_eq!(a.urls("戶口遷入", "exact"), a.urls("户口迁入", "exact"));
    assert_eq!(a.count("身份證"), a.all("身份證").len() as u64);
    assert!(a
        .urls("身份證", "exact")
        .contains(&"guides/shenfenzheng-buling.html".to_string()));

    // One wrong character in four: no exact match, the page is found among close ones.
    assert_eq!(a.count("户口迁人"), 0);
    assert_eq!(
        a.urls("户口迁人", "near").first().map(String::as_str),
        Some("guides/hukou-qianru.html")
    );

    // Drafts and scheduled pages are never indexed, whatever is searched.
    for q in QUERIES {
        for url in a.all(q) {
            assert!(
                !url.contains("yanlian") && !url.contains("kaixue"),
                "{q} found {url}"
            );
        }
    }
    assert_eq!(a.all("紫藤湾临时演练"), Vec::<String>::new());
    assert_eq!(a.all("开学季护学岗"), Vec::<String>::new());
    assert_eq!(a.count("演练"), 0);

    // Digits and Latin are whole words; width and case fold.
    // The contact page has 110 in its summary, the fraud notice only in its body.
    assert_eq!(
        a.urls("110", "exact"),
        ["pages/contact.html", "notices/fanzha.html"]
    );
    assert_eq!(a.count("11"), 0);
    assert_eq!(a.urls("ＡＰＰ", "exact"), ["pages/contact.html"]);

    // A single character.
    let lost = a.urls("丢", "exact");
    assert!(
        lost.contains(&"faq/shenfenzheng-diu-le.html".to_string()),
        "{lost:?}"
    );

    // Two terms: pages with both first, pages with one of them after.
    let both = a.urls("户口 材料", "exact");
    assert_eq!(
        both.first().map(String::as_str),
        Some("guides/hukou-qianru.html"),
        "{both:?}"
    );
    assert!(a
        .urls("户口 材料", "partial")
        .contains(&"faq/shang-hukou.html".to_string()));
    assert!(!both.contains(&"faq/shang-hukou.html".to_string()));

    // A colloquial question that no page holds whole finds the official page by its parts.
    assert_eq!(a.count("户口迁入要带什么"), 0);
    assert_eq!(
        a.all("户口迁入要带什么").first().map(String::as_str),
        Some("guides/hukou-qianru.html")
    );
    assert_eq!(
        a.urls("身份证丢了", "exact"),
        ["faq/shenfenzheng-diu-le.html"]
    );
    assert_eq!(a.urls("上户口", "exact"), ["faq/shang-hukou.html"]);
}

#[test]
fn a_query_loads_only_its_own_shards() {
    // The example site is big enough to have many shards.
    let site = common::build_site(&common::repo(), &["--now", common::NOW]);
    let dir = tempfile::tempdir().unwrap();
    let qfile = dir.path().join("q.json");
    std::fs::write(&qfile, r#"["国庆安保", "户口 迁入"]"#).unwrap();
    let out = common::run_node_json(
        "engine.js",
        &[site.output.to_str().unwrap(), qfile.to_str().unwrap()],
        &[],
    );
    let total = std::fs::read_dir(site.output.join("search/s"))
        .unwrap()
        .count();
    assert!(total >= 8, "the example site has {total} shards");
    // 国庆安保 is two trigrams; 户口 and 迁入 are a bigram each.
    for (answer, keys) in out.as_array().unwrap().iter().zip([2, 2]) {
        let loaded: Vec<&str> = answer["loaded"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(&loaded[..2], ["search.js", "search/base.js"]);
        let shards = loaded.iter().filter(|p| p.starts_with("search/s/")).count();
        assert!(
            shards >= 1 && shards <= keys,
            "{keys} index terms, {shards} shards: {loaded:?}"
        );
        let shown: usize = ["exact", "near", "partial"]
            .iter()
            .map(|t| answer[*t].as_array().unwrap().len())
            .sum();
        assert!(shown > 0 && shown <= 10, "the first page of results");
        let docs = loaded.iter().filter(|p| p.starts_with("search/d/")).count();
        assert_eq!(
            docs, shown,
            "one document file per result shown: {loaded:?}"
        );
        assert_eq!(
            loaded.len(),
            2 + shards + docs,
            "nothing else is loaded: {loaded:?}"
        );
    }
}

/// Residents' everyday words over the example site: the query as typed and as expanded
/// with the built-in synonyms and site.yaml's; the count is the pages holding either, and
/// the answer names the pages' words it also searched.
#[test]
fn everyday_words_find_the_pages_words_and_say_so() {
    let site = common::build_site(&common::repo(), &["--now", common::NOW]);
    let dir = tempfile::tempdir().unwrap();
    let qfile = dir.path().join("q.json");
    let queries = [
        "去香港要办什么证",
        "户口本",
        "户口簿",
        "身分證丢了",
        "所里",
        "户口迁入",
    ];
    std::fs::write(&qfile, serde_json::to_string(&queries).unwrap()).unwrap();
    let out = common::run_node_json(
        "engine.js",
        &[site.output.to_str().unwrap(), qfile.to_str().unwrap()],
        &[("ALL_RESULTS", "1")],
    );
    let answer = |q: &str| {
        (out.as_array().unwrap().iter())
            .find(|a| a["query"] == q)
            .cloned()
            .unwrap_or_else(|| panic!("{q} was not run"))
    };
    let urls = |a: &Value, tiers: &[&str]| -> Vec<String> {
        (tiers.iter())
            .flat_map(|t| a[*t].as_array().cloned().unwrap_or_default())
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    };

    let hk = answer("去香港要办什么证");
    assert_eq!(hk["also"], serde_json::json!(["港澳"]));
    let found = urls(&hk, &["exact", "near", "partial"]);
    assert_eq!(
        found.first().map(String::as_str),
        Some("guides/gangao-tongxingzheng.html"),
        "{found:?}"
    );

    // 户口本 finds every page 户口簿 finds, and the pages that say 户口本 themselves.
    let ben = answer("户口本");
    let bu = answer("户口簿");
    assert_eq!(ben["also"], serde_json::json!(["户口簿"]));
    assert_eq!(
        bu["also"],
        serde_json::json!([]),
        "the pages' word is not expanded"
    );
    let ben_exact = urls(&ben, &["exact"]);
    for u in urls(&bu, &["exact"]) {
        assert!(ben_exact.contains(&u), "户口本 misses {u}");
    }
    assert!(ben_exact.contains(&"guides/hukoubu-buling.html".to_owned()));
    assert_eq!(ben["count"].as_u64(), Some(ben_exact.len() as u64));
    assert!(ben_exact.len() >= bu["count"].as_u64().unwrap_or(0) as usize);

    // Traditional and full-width forms fold first; two words in one run.
    let id = answer("身分證丢了");
    assert_eq!(id["also"], serde_json::json!(["身份证", "遗失"]));
    assert!(urls(&id, &["exact", "near", "partial"])
        .contains(&"guides/shenfenzheng-buling.html".to_owned()));

    // site.yaml's own words.
    assert_eq!(answer("所里")["also"], serde_json::json!(["派出所"]));
    assert!(answer("所里")["count"].as_u64().unwrap_or(0) > 0);
    assert_eq!(answer("户口迁入")["also"], serde_json::json!([]));
}
