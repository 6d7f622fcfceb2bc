//! The search page in headless Chromium, as residents use it: the example site (repo root)
//! is built at a fixed "now" and opened both from file:// and from an HTTP server that
//! serves it in a subfolder (/station/sub/). Every query opens search/index.html?q=… the
//! way the search box on every page submits, and the assertions read what the page shows:
//! the result links and their order, the announced count, the highlighting, 已过期.
//!
//! Needs Debian's chromium and `npm ci` in tests/browser (scripts/test.sh does both).

use crate::common;

use serde_json::Value;

/// What one query must show.
struct Expect {
    q: &'static str,
    /// The first result link (site-relative URL).
    first: Option<&'static str>,
    /// Links that must be among the results shown.
    has: &'static [&'static str],
    /// Links that must not be shown.
    not: &'static [&'static str],
    /// Whether some page holds the query as written or as expanded (announced count > 0).
    exact: bool,
    /// The pages' words the page says it also searched (也搜索了：…), when the query has
    /// residents' words.
    also: Option<&'static str>,
}

const DRAFT: &str = "notices/xiaofang-yanlian.html";
const SCHEDULED: &str = "notices/chunji-kaixue.html";

const fn e(
    q: &'static str,
    first: Option<&'static str>,
    has: &'static [&'static str],
    exact: bool,
) -> Expect {
    Expect {
        q,
        first,
        has,
        not: &[DRAFT, SCHEDULED],
        exact,
        also: None,
    }
}

/// A query with residents' words: `also` is what the page says it also searched.
const fn syn(q: &'static str, first: &'static str, exact: bool, also: &'static str) -> Expect {
    Expect {
        also: Some(also),
        ..e(q, Some(first), &[], exact)
    }
}

const EXPECT: &[Expect] = &[
    // Colloquial: the resident's words, not the office's.
    e(
        "户口迁入要带什么",
        Some("guides/hukou-qianru.html"),
        &[],
        true,
    ),
    Expect {
        also: Some("也搜索了：遗失"),
        ..e(
            "身份证丢了",
            Some("faq/shenfenzheng-diu-le-zenmeban.html"),
            &["guides/shenfenzheng-buling.html"],
            true,
        )
    },
    e(
        "上户口",
        Some("faq/shang-hukou.html"),
        &["guides/xinshenger-chusheng-dengji.html"],
        true,
    ),
    Expect {
        also: Some("也搜索了：新生儿"),
        ..e(
            "孩子出生",
            None,
            &[
                "guides/xinshenger-chusheng-dengji.html",
                "faq/shang-hukou.html",
            ],
            true,
        )
    },
    e(
        "晚上找民警",
        Some("faq/wanshang-minjing.html"),
        &["pages/shequ-jingwushi.html"],
        false,
    ),
    e(
        "办身份证要多久",
        None,
        &["guides/shenfenzheng-buling.html"],
        false,
    ),
    // Everyday words: searched as typed and as the pages write them.
    syn(
        "去香港要办什么证",
        "guides/gangao-tongxingzheng.html",
        false,
        "也搜索了：港澳",
    ),
    syn(
        "户口本",
        "guides/hukoubu-buling.html",
        true,
        "也搜索了：户口簿",
    ),
    syn(
        "身分证丢了",
        "faq/shenfenzheng-diu-le-zenmeban.html",
        false,
        "也搜索了：身份证、遗失",
    ),
    // Pinyin, with and without spaces.
    e(
        "hukou",
        Some("guides/hukou-qianchu.html"),
        &["guides/hukou-qianru.html"],
        true,
    ),
    e(
        "hu kou",
        Some("guides/hukou-qianchu.html"),
        &["guides/hukou-qianru.html"],
        true,
    ),
    e(
        "juzhuzheng",
        Some("guides/juzhuzheng.html"),
        &["faq/meiyou-juzhuzheng.html"],
        true,
    ),
    e(
        "wufanzui",
        None,
        &["guides/wufanzui-jilu.html", "faq/wufanzui-zhengming.html"],
        true,
    ),
    // Traditional characters.
    e(
        "戶口",
        Some("guides/hukou-qianchu.html"),
        &["guides/hukou-qianru.html"],
        true,
    ),
    e(
        "身份證",
        Some("faq/shenfenzheng-diu-le-zenmeban.html"),
        &["guides/shenfenzheng-buling.html"],
        true,
    ),
    // A typo: one wrong character in four.
    e("户口迁人", None, &["guides/hukou-qianru.html"], false),
    // Digits and Latin as words.
    e(
        "110",
        Some("faq/baojing-110.html"),
        &["pages/contact.html"],
        true,
    ),
    e("App", Some("faq/shouji-banli.html"), &[], true),
    // Official phrases and single characters.
    e(
        "居住证",
        Some("guides/juzhuzheng.html"),
        &["faq/juzhuzheng-tiaojian.html"],
        true,
    ),
    e(
        "无犯罪记录证明",
        None,
        &["guides/wufanzui-jilu.html", "faq/wufanzui-zhengming.html"],
        true,
    ),
    e(
        "临时身份证",
        None,
        &["guides/linshi-shenfenzheng.html"],
        true,
    ),
    e(
        "亲属关系证明",
        Some("guides/qinshu-guanxi-zhengming.html"),
        &[],
        true,
    ),
    e(
        "安全账户",
        None,
        &[
            "faq/anquan-zhanghu.html",
            "notices/maochong-gongjianfa.html",
        ],
        true,
    ),
    e(
        "冒充公检法",
        Some("notices/maochong-gongjianfa.html"),
        &[],
        true,
    ),
    e("丢", None, &["faq/shenfenzheng-diu-le-zenmeban.html"], true),
    // Expired notices are found, marked, and ranked below current pages.
    e("国庆安保", Some("notices/guoqing-anbao.html"), &[], true),
    e(
        "烟花爆竹",
        Some("pages/about.html"),
        &["notices/guoqing-anbao.html"],
        true,
    ),
    // The draft's and the scheduled notice's own words find neither.
    Expect {
        q: "紫藤湾临时演练",
        first: None,
        has: &[],
        not: &[DRAFT, SCHEDULED],
        exact: false,
        also: None,
    },
    Expect {
        q: "开学",
        first: None,
        has: &[],
        not: &[DRAFT, SCHEDULED],
        exact: false,
        also: None,
    },
];

fn run(base: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let qfile = dir.path().join("q.json");
    let qs: Vec<&str> = EXPECT.iter().map(|x| x.q).collect();
    std::fs::write(&qfile, serde_json::to_string(&qs).unwrap()).unwrap();
    common::run_node_json("search-page.js", &[base, qfile.to_str().unwrap()], &[])
}

fn hrefs(seen: &Value) -> Vec<String> {
    let results = seen["results"].as_array().unwrap();
    results
        .iter()
        .map(|r| {
            let href = r["href"].as_str().unwrap();
            // Result links are relative to search/index.html.
            href.strip_prefix("../")
                .unwrap_or_else(|| panic!("not relative to the site root: {href}"))
                .to_string()
        })
        .collect()
}

fn check(out: &Value, how: &str) {
    let errors = out["errors"].as_array().unwrap();
    assert!(errors.is_empty(), "{how}: page errors {errors:?}");
    // Every part of the index is asked for with the build's version, so a browser cannot
    // mix cached parts of an older build with a newer one; search.js with its own.
    let scripts: Vec<&str> = out["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let parts: Vec<&str> = scripts
        .iter()
        .copied()
        .filter(|u| u.contains("/search/"))
        .collect();
    assert!(
        parts.iter().any(|u| u.contains("/search/s/"))
            && parts.iter().any(|u| u.contains("/search/d/")),
        "{how}: shards and documents were loaded: {parts:?}"
    );
    let versions: std::collections::HashSet<&str> = parts
        .iter()
        .map(|u| u.split_once("?v=").map_or("", |(_, v)| v))
        .collect();
    assert!(
        versions.len() == 1 && versions.iter().all(|v| v.starts_with("2026-")),
        "{how}: one build version on every index part: {parts:?}"
    );
    assert!(
        scripts.iter().any(|u| u
            .split_once("search.js?v=")
            .is_some_and(|(_, v)| v.len() == 8)),
        "{how}: search.js carries its content's version: {scripts:?}"
    );
    // One round trip fewer: base.js comes with search.js, preloaded by the page, never
    // asked for by search.js once it has run. On the home page, focusing the search box
    // fetched both ahead (a prefetch, asked for by site.js).
    let fetched = out["fetched"].as_array().unwrap();
    let by = |file: &str, search: bool| -> Vec<&str> {
        (fetched.iter())
            .filter(|f| f["file"] == file && f["search"] == search)
            .map(|f| f["by"].as_str().unwrap_or(""))
            .collect()
    };
    let base = by("base", true);
    assert!(
        !base.is_empty() && base.iter().all(|i| *i == "parser"),
        "{how}: base.js is preloaded: {fetched:?}"
    );
    for file in ["base", "code"] {
        assert_eq!(
            by(file, false),
            ["script"],
            "{how}: focus on the home page's box prefetches {file}: {fetched:?}"
        );
    }
    let answers = out["queries"].as_array().unwrap();
    assert_eq!(answers.len(), EXPECT.len());
    assert!(EXPECT.len() >= 20);
    for (x, seen) in EXPECT.iter().zip(answers) {
        let ctx = format!("{how} {:?}: {}", x.q, serde_json::to_string(seen).unwrap());
        assert!(seen["error"].is_null(), "{ctx}");
        assert_eq!(
            seen["input"], x.q,
            "the box shows the query from ?q=: {ctx}"
        );
        assert_eq!(seen["live"], "polite", "{ctx}");
        assert_eq!(seen["role"], "status", "{ctx}");
        let links = hrefs(seen);
        // The example site's base.js has every title: the first results show before
        // their document files arrive (and are then verified and redrawn from them).
        assert_eq!(
            seen["early"],
            !links.is_empty(),
            "results drawn from base.js: {ctx}"
        );
        let count: usize = seen["count"].as_str().unwrap().parse().unwrap();
        let status = seen["status"].as_str().unwrap();
        if let Some(first) = x.first {
            assert_eq!(
                links.first().map(String::as_str),
                Some(first),
                "first result: {ctx}"
            );
        }
        for h in x.has {
            assert!(links.iter().any(|l| l == h), "missing {h}: {ctx}");
        }
        for n in x.not {
            assert!(!links.iter().any(|l| l == n), "must not find {n}: {ctx}");
        }
        assert_eq!(count > 0, x.exact, "exact matches: {ctx}");
        match x.also {
            Some(also) => assert!(status.contains(also), "says {also}: {ctx}"),
            None => assert!(!status.contains("也搜索了"), "no expansion said: {ctx}"),
        }
        if count > 0 {
            assert!(
                status.contains(&count.to_string()),
                "the count is announced: {ctx}"
            );
            let exact = seen["results"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["exact"] == true)
                .count();
            assert_eq!(exact, count.min(10), "exact results shown first: {ctx}");
        } else {
            assert!(!status.is_empty(), "something is announced: {ctx}");
        }
        // Highlighting: a Chinese or Latin query marks what it matched (pinyin matches
        // are found through the title's reading, not its letters, so they mark nothing).
        let marks: Vec<&Value> = seen["results"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["marks"].as_array().unwrap())
            .collect();
        let pinyin = x.q.chars().all(|c| c.is_ascii_lowercase() || c == ' ');
        if !links.is_empty() && !pinyin {
            assert!(!marks.is_empty(), "matches are highlighted: {ctx}");
        }
        // Every result names its kind in words; a guide, which has no date of its own,
        // when it was last updated.
        for r in seen["results"].as_array().unwrap() {
            let kind = r["kind"].as_str().unwrap();
            assert!(
                ["通知", "指南", "问答", "故事", "页面"].contains(&kind),
                "{kind}: {ctx}"
            );
            if kind == "指南" {
                let meta = r["meta"].as_str().unwrap();
                assert!(
                    meta.contains("更新于 ")
                        && r["date"].as_str().is_some_and(|d| d.contains('年')),
                    "{meta}: {ctx}"
                );
            }
        }
    }

    let by_q = |q: &str| &answers[EXPECT.iter().position(|x| x.q == q).unwrap()];
    // Expired: marked 已过期, and after every current page.
    for q in ["国庆安保", "烟花爆竹"] {
        let results = by_q(q)["results"].as_array().unwrap();
        let at = results
            .iter()
            .position(|r| r["href"] == "../notices/guoqing-anbao.html")
            .unwrap();
        assert_eq!(results[at]["expired"], "已过期", "{how} {q}");
        assert!(
            results[at]["date"]
                .as_str()
                .unwrap()
                .contains("2026年9月25日"),
            "{how} {q}"
        );
        assert!(
            results[at + 1..].iter().all(|r| !r["expired"].is_null()),
            "{how} {q}: expired pages come last"
        );
    }
    // Traditional and Simplified find the same pages.
    assert_eq!(
        hrefs(by_q("戶口")),
        hrefs(by_q("hukou"))
            .into_iter()
            .take(0)
            .chain(hrefs(by_q("戶口")))
            .collect::<Vec<_>>()
    );
    let marks = by_q("身份證")["results"][0]["marks"].as_array().unwrap();
    assert!(
        marks.iter().any(|m| m == "身份证"),
        "{how}: the Simplified text is highlighted for a Traditional query"
    );

    // Typing in the page's box, then the keyboard.
    let typing = &out["typing"];
    assert!(typing["results"].as_u64().unwrap() > 0, "{how}: {typing}");
    assert_eq!(
        typing["focused"], "../guides/juzhuzheng.html",
        "{how}: ArrowDown moves to the first result"
    );
    assert!(
        typing["landed"]
            .as_str()
            .unwrap()
            .ends_with("/guides/juzhuzheng.html"),
        "{how}: Enter opens it: {typing}"
    );

    // The home page's search box submits to the search page with ?q=.
    let header = &out["header"];
    assert!(
        header["url"]
            .as_str()
            .unwrap()
            .contains("search/index.html?q="),
        "{how}: {header}"
    );
    assert!(
        header["seen"]["results"].as_array().unwrap().len() > 1,
        "{how}: {header}"
    );

    let s = &out["structure"];
    assert_eq!(s["role"], "search", "{how}");
    assert!(
        !s["label"].as_str().unwrap().is_empty(),
        "{how}: the box is labelled"
    );

    let nojs = out["nojs"]["text"].as_str().unwrap();
    for section in [
        "notices/index.html",
        "guides/index.html",
        "faq/index.html",
        "stories/index.html",
    ] {
        assert!(
            nojs.contains(section),
            "{how}: without JavaScript the page links to {section}: {nojs}"
        );
    }
    assert!(nojs.contains("JavaScript"), "{how}: and says why: {nojs}");
    assert_eq!(out["nojs"]["visible"], true, "{how}: the note is shown");
}

#[test]
fn example_site_search_from_file_and_from_a_subfolder() {
    let site = common::build_site(&common::repo(), &["--now", common::NOW]);

    let file_base = format!("file://{}/", site.output.display());
    check(&run(&file_base), "file://");

    let server = common::StaticServer::start(&site.output, "/station/sub/");
    let out = run(&server.url(""));
    check(&out, "http subfolder");
    let kept = &out["keptFocus"];
    assert_eq!(
        kept["early"], "../guides/juzhuzheng.html",
        "ArrowDown reached an early result: {kept}"
    );
    assert_eq!(
        kept["after"], kept["early"],
        "the focus stays on it when it is redrawn: {kept}"
    );
    assert_eq!(kept["redrawn"], true, "{kept}");
}
