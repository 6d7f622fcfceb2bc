//! Structured data: every JSON-LD block of every page of the example site parses, has the
//! properties its schema.org type needs, and says what the page says; without `base_url`
//! no relative URL slips in; and no text can break out of its `<script>`.

use crate::site_fixture;

use serde_json::Value;
use site_fixture::{snapshot, Fixture, NOW};
use std::collections::BTreeMap;

const BASE: &str = "https://liuwan.example.org/";
/// schema.org's day names, Monday first.
const DAY_NAMES: &str = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";

/// The JSON-LD blocks of an HTML page, parsed.
fn blocks(path: &str, html: &str) -> Vec<Value> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        rest = &rest[i + OPEN.len()..];
        let end = rest
            .find("</script>")
            .unwrap_or_else(|| panic!("{path}: unclosed JSON-LD"));
        let json = &rest[..end];
        out.push(
            serde_json::from_str(json)
                .unwrap_or_else(|e| panic!("{path}: JSON-LD does not parse ({e}): {json}")),
        );
        rest = &rest[end..];
    }
    out
}

/// Every HTML page of a build with its JSON-LD nodes (the `@graph` of its one block).
fn nodes_by_page(f: &Fixture) -> BTreeMap<String, Vec<Value>> {
    snapshot(&f.output())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(path, bytes)| {
            let html = String::from_utf8_lossy(&bytes).into_owned();
            let blocks = blocks(&path, &html);
            assert!(blocks.len() <= 1, "{path}: {} JSON-LD blocks", blocks.len());
            let nodes = blocks
                .into_iter()
                .flat_map(|b| {
                    assert_eq!(b["@context"], "https://schema.org", "{path}");
                    b["@graph"]
                        .as_array()
                        .unwrap_or_else(|| panic!("{path}: no @graph"))
                        .clone()
                })
                .collect();
            (path, nodes)
        })
        .collect()
}

fn of_type<'a>(nodes: &'a [Value], t: &str) -> Vec<&'a Value> {
    nodes.iter().filter(|n| n["@type"] == t).collect()
}

fn one<'a>(page: &str, nodes: &'a [Value], t: &str) -> &'a Value {
    let found = of_type(nodes, t);
    assert_eq!(found.len(), 1, "{page}: expected one {t} in {nodes:#?}");
    found[0]
}

fn text<'a>(page: &str, v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| panic!("{page}: `{key}` missing or empty in {v:#}"))
}

fn assert_date(page: &str, v: &Value, key: &str) -> jiff::Timestamp {
    text(page, v, key)
        .parse()
        .unwrap_or_else(|e| panic!("{page}: `{key}` is not RFC 3339 ({e}): {v:#}"))
}

/// Every string under `v` that is a URL (by its key) is absolute and on the site, or the
/// search target template.
fn assert_urls_absolute(page: &str, v: &Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if ["url", "item", "image", "@id", "target"].contains(&k.as_str()) {
                    let u = x.as_str().unwrap_or_default();
                    assert!(
                        u.starts_with(BASE),
                        "{page}: `{k}` is not an absolute URL of the site: {u:?}"
                    );
                }
                assert_urls_absolute(page, x);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| assert_urls_absolute(page, x)),
        _ => {}
    }
}

fn assert_station(page: &str, s: &Value, full: bool) {
    assert_eq!(s["@type"], "PoliceStation", "{page}");
    assert_eq!(text(page, s, "name"), "柳湾派出所");
    assert_eq!(text(page, s, "@id"), format!("{BASE}#station"));
    if !full {
        return;
    }
    assert_eq!(text(page, s, "telephone"), "012-3456 7890");
    assert_eq!(s["address"]["@type"], "PostalAddress");
    assert_eq!(
        text(page, &s["address"], "streetAddress"),
        "江城市河畔区柳湾路88号"
    );
    assert_eq!(s["contactPoint"]["telephone"], "110");
    assert_eq!(s["contactPoint"]["contactType"], "emergency");
    // site.yaml: 户籍窗口 周一至周五 9:00-17:00，周六 9:00-12:00；社区警务室 工作日晚上 …
    // The station's hours are the window's; the evening ones are the community office's.
    assert_hours(
        page,
        &s["openingHoursSpecification"],
        &[(0..5, "09:00", "17:00"), (5..6, "09:00", "12:00")],
    );
}

/// `expected`: (days as a range of Monday = 0 … Sunday = 6, opens, closes).
fn assert_hours(page: &str, v: &Value, expected: &[(std::ops::Range<usize>, &str, &str)]) {
    let names: Vec<&str> = DAY_NAMES.split(' ').collect();
    let specs = v
        .as_array()
        .unwrap_or_else(|| panic!("{page}: no opening hours: {v:#}"));
    assert_eq!(specs.len(), expected.len(), "{page}: {v:#}");
    for (spec, (days, opens, closes)) in specs.iter().zip(expected) {
        assert_eq!(spec["@type"], "OpeningHoursSpecification");
        assert_eq!(
            spec["dayOfWeek"],
            serde_json::json!(names[days.clone()]),
            "{page}"
        );
        assert_eq!(spec["opens"], *opens, "{page}");
        assert_eq!(spec["closes"], *closes, "{page}");
    }
}

fn assert_breadcrumbs(page: &str, nodes: &[Value], names: &[&str]) {
    let list = one(page, nodes, "BreadcrumbList");
    let items = list["itemListElement"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let got: Vec<&str> = items.iter().map(|i| text(page, i, "name")).collect();
    assert_eq!(got, names, "{page}");
    for (n, item) in items.iter().enumerate() {
        assert_eq!(item["@type"], "ListItem");
        assert_eq!(item["position"], n + 1, "{page}");
        text(page, item, "item");
    }
    assert_eq!(
        items.last().map(|i| &i["item"]),
        Some(&Value::from(format!("{BASE}{page}"))),
        "{page}: the last crumb is the page itself"
    );
}

#[test]
fn every_block_of_the_example_site_has_what_its_type_needs() {
    let f = Fixture::example_site();
    f.build_at(NOW).assert_ok();
    let pages = nodes_by_page(&f);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (page, nodes) in &pages {
        for node in nodes {
            assert_urls_absolute(page, node);
            *seen
                .entry(node["@type"].as_str().unwrap_or("?").to_owned())
                .or_default() += 1;
        }
        let section = page.split('/').next().unwrap_or_default();
        let is_item = page.contains('/') && !page.ends_with("/index.html");
        match (section, is_item) {
            ("guides", true) => {
                let g = one(page, nodes, "GovernmentService");
                text(page, g, "name");
                assert_station(page, &g["serviceOperator"], false);
                let channel = &g["availableChannel"];
                assert_eq!(channel["@type"], "ServiceChannel", "{page}");
                text(page, &channel["serviceLocation"], "name");
                assert!(
                    g["hoursAvailable"]
                        .as_array()
                        .is_some_and(|h| !h.is_empty()),
                    "{page}"
                );
                if let Some(t) = channel["processingTime"].as_str() {
                    assert!(t.starts_with('P') && t.len() >= 3, "{page}: {t}");
                }
                let howto = &g["subjectOf"];
                assert_eq!(howto["@type"], "HowTo", "{page}");
                text(page, howto, "name");
                let brought = howto["tool"].as_array().map_or(0, Vec::len)
                    + howto["supply"].as_array().map_or(0, Vec::len);
                assert!(brought > 0, "{page}: no documents to bring");
                assert!(
                    howto["step"].as_array().is_some_and(|s| !s.is_empty()),
                    "{page}"
                );
                assert_breadcrumbs(
                    page,
                    nodes,
                    &["柳湾派出所", "办事指南", text(page, g, "name")],
                );
            }
            ("faq", true) => {
                let faq = one(page, nodes, "FAQPage");
                let q = faq["mainEntity"].as_array().cloned().unwrap_or_default();
                assert_eq!(q.len(), 1, "{page}");
                assert_eq!(q[0]["@type"], "Question");
                text(page, &q[0], "name");
                assert_eq!(q[0]["acceptedAnswer"]["@type"], "Answer");
                text(page, &q[0]["acceptedAnswer"], "text");
                assert_breadcrumbs(
                    page,
                    nodes,
                    &["柳湾派出所", "常见问题", text(page, &q[0], "name")],
                );
            }
            ("notices", true) if page != "notices/archive.html" => {
                let n = one(page, nodes, "SpecialAnnouncement");
                text(page, n, "name");
                text(page, n, "text");
                assert_date(page, n, "datePosted");
                assert_station(page, &n["announcementLocation"], false);
            }
            ("stories", true) => {
                let a = one(page, nodes, "NewsArticle");
                assert!(text(page, a, "headline").chars().count() <= 110);
                assert_date(page, a, "datePublished");
                assert_station(page, &a["author"], false);
                assert_station(page, &a["publisher"], false);
            }
            ("pages", true) | ("index.html", false) => {
                assert_station(page, one(page, nodes, "PoliceStation"), true);
            }
            _ => {}
        }
    }
    // Every kind of node the issue asks for is there, on as many pages as there are of it.
    let count = |prefix: &str| {
        pages
            .keys()
            .filter(|p| p.starts_with(prefix) && !p.ends_with("index.html"))
            .count()
    };
    assert_eq!(seen.get("GovernmentService"), Some(&count("guides/")));
    assert_eq!(seen.get("NewsArticle"), Some(&count("stories/")));
    assert_eq!(
        seen.get("FAQPage"),
        Some(&(count("faq/") + 1)),
        "each question and the list"
    );
    assert!(seen.get("SpecialAnnouncement") >= Some(&5), "{seen:?}");
    assert!(
        seen.get("PoliceStation") >= Some(&6),
        "home and pages/: {seen:?}"
    );
    assert!(seen.get("BreadcrumbList") >= Some(&40), "{seen:?}");
    assert_eq!(seen.get("WebSite"), Some(&1), "{seen:?}");
}

#[test]
fn the_data_says_what_the_pages_say() {
    let f = Fixture::example_site();
    f.build_at(NOW).assert_ok();
    let pages = nodes_by_page(&f);
    let page = |p: &str| pages.get(p).unwrap_or_else(|| panic!("no {p}"));

    // A guide: hours from `hours:`, the documents split by what happens to them at the
    // window, quantities, the fee, the processing time where it is a real duration.
    let g = one(
        "hukou-qianru",
        page("guides/hukou-qianru.html"),
        "GovernmentService",
    );
    assert_hours(
        "hukou-qianru",
        &g["hoursAvailable"],
        &[(0..5, "09:00", "17:00"), (5..6, "09:00", "12:00")],
    );
    let names = |key: &str| -> Vec<String> {
        g["subjectOf"][key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| m["name"].as_str().or(m.as_str()).unwrap_or("?").to_owned())
            .collect()
    };
    assert_eq!(
        names("tool"),
        ["居民身份证", "原籍居民户口簿", "江城市居住证"],
        "originals are shown and handed back"
    );
    assert_eq!(
        names("supply"),
        [
            "住所证明",
            "落户依据材料",
            "近期白底免冠彩色照片2张",
            "《户口迁移申请表》（窗口现场领取填写）"
        ],
        "copies, photos and forms are handed in"
    );
    assert_eq!(g["subjectOf"]["supply"][0]["requiredQuantity"], 1);
    assert_eq!(
        g["subjectOf"]["tool"][0]["description"],
        "本人和一同迁入的家属都要带"
    );
    assert_eq!(g["subjectOf"]["step"].as_array().map(Vec::len), Some(5));
    assert_eq!(g["offers"]["price"], "0");
    assert_eq!(g["offers"]["priceCurrency"], "CNY");
    assert!(
        g["availableChannel"]["processingTime"].is_null(),
        "working days are no fixed duration"
    );
    assert_eq!(
        g["availableChannel"]["serviceLocation"]["name"],
        "柳湾派出所户籍大厅3号窗口（江城市河畔区柳湾路88号一楼）"
    );
    let fast = one(
        "linshi",
        page("guides/linshi-shenfenzheng.html"),
        "GovernmentService",
    );
    assert_eq!(
        fast["availableChannel"]["processingTime"], "PT30M",
        "当天办结，材料齐全的约30分钟"
    );
    assert_eq!(fast["offers"]["price"], "10", "工本费10元");

    // A notice written `expires: 2026-10-08` is in force through that day.
    let n = one(
        "guoqing",
        page("notices/guoqing-anbao.html"),
        "SpecialAnnouncement",
    );
    assert_eq!(n["datePosted"], "2026-09-25T00:00:00+08:00");
    assert_eq!(n["expires"], "2026-10-09T00:00:00+08:00");
    assert_eq!(n["url"], format!("{BASE}notices/guoqing-anbao.html"));

    // The FAQ list carries every question with its answer.
    let list = one("faq", page("faq/index.html"), "FAQPage");
    let questions = list["mainEntity"].as_array().cloned().unwrap_or_default();
    let faq_pages = pages
        .keys()
        .filter(|p| p.starts_with("faq/") && *p != "faq/index.html")
        .count();
    assert_eq!(questions.len(), faq_pages);
    assert!(questions
        .iter()
        .any(|q| q["name"] == "我上班走不开，能让家里人帮我代办吗？"
            && q["acceptedAnswer"]["text"]
                .as_str()
                .is_some_and(|a| a.contains("委托书"))));

    // The story with a picture names it by its absolute address.
    let a = one(
        "jingwushi",
        page("stories/jingwushi-yiwan.html"),
        "NewsArticle",
    );
    assert_eq!(a["image"], format!("{BASE}stories/jingwushi.svg"));
    assert_eq!(a["headline"], "清水苑社区警务室的一个晚上");

    // The home page: the station and the site's search.
    let home = page("index.html");
    let site = one("index.html", home, "WebSite");
    assert_eq!(
        site["potentialAction"]["target"],
        format!("{BASE}search/index.html?q={{q}}")
    );
    assert_breadcrumbs(
        "guides/index.html",
        page("guides/index.html"),
        &["柳湾派出所", "办事指南"],
    );
    assert!(page("404.html").is_empty() && page("old/hukou.html").is_empty());
}

#[test]
fn without_base_url_no_relative_url_is_written() {
    let f = Fixture::with_site_yaml(
        "title: 测试派出所\ncontact:\n  phone: 012-3456 7890\n  address: 某路1号\n  hours: 周一至周五 9:00-17:00\n",
    );
    f.write(
        "content/guides/a.md",
        "---\ntitle: 办证\nwhere: 1号窗口\nmaterials: [身份证]\n---\n正文\n",
    );
    f.write(
        "content/stories/2026-01-02-s.md",
        "---\ntitle: 故事\ndate: 2026-01-02\nimage: p.svg\nimage_alt: 图\n---\n正文\n",
    );
    f.write(
        "content/stories/p.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.build_at(NOW).assert_ok();
    let pages = nodes_by_page(&f);
    let all: Vec<&Value> = pages.values().flatten().collect();
    let text = serde_json::to_string(&all).unwrap_or_default();
    assert!(
        !text.contains("\"url\"") && !text.contains("\"@id\"") && !text.contains("\"image\""),
        "{text}"
    );
    assert!(
        !text.contains("BreadcrumbList"),
        "a trail without addresses is left out"
    );
    // The station stands alone where it is named, since there is no @id to follow.
    let g = one("a", &pages["guides/a.html"], "GovernmentService");
    assert_eq!(g["serviceOperator"]["telephone"], "012-3456 7890");
    assert_eq!(g["serviceOperator"]["address"]["streetAddress"], "某路1号");
    assert_eq!(g["subjectOf"]["supply"], serde_json::json!(["身份证"]));
    assert_eq!(of_type(&pages["index.html"], "PoliceStation").len(), 1);
}

#[test]
fn no_text_can_close_the_script_it_is_in() {
    let f = Fixture::new();
    let title = "</script><script>alert(1)</script><!-- & 引号\"";
    f.write(
        "content/notices/2026-11-01-x.md",
        &format!("---\ntitle: '{title}'\ndate: 2026-11-01\nsummary: 'a </SCRIPT > b'\n---\n正文\n"),
    );
    f.build_at(NOW).assert_ok();
    let html = f.read_output("notices/x.html");
    assert!(
        !html.contains("<script>alert"),
        "the title is escaped in the page"
    );
    let nodes: Vec<Value> = blocks("notices/x.html", &html)
        .into_iter()
        .flat_map(|b| b["@graph"].as_array().cloned().unwrap_or_default())
        .collect();
    let n = one("notices/x.html", &nodes, "SpecialAnnouncement");
    assert_eq!(n["name"], title, "the JSON-LD carries the exact title");
    assert_eq!(n["text"], "a </SCRIPT > b");
}
