//! `bulletin build` end to end: real builds of small sites written into temp folders, and of
//! the example site, asserting on the files written, the lifecycle at several "now"s, theme
//! overrides, aliases, and what happens to the previous output when a build fails.

use crate::site_fixture;

use site_fixture::{Fixture, NOW};
use std::path::Path;

const NOTICE: &str = "---\ntitle: 国庆假期安保通知\ndate: 2026-09-25\nexpires: 2026-10-08\nurgent: true\npinned: true\ntags: [国庆安保]\n---\n假期期间24小时巡逻。\n";

fn lifecycle_site() -> Fixture {
    let f = Fixture::new();
    f.write("content/notices/2026-09-25-guoqing.md", NOTICE);
    f.write(
        "content/notices/2026-11-01-later.md",
        "---\ntitle: 冬季防火提醒\ndate: 2026-11-01\n---\n冬季防火。\n",
    );
    f.write(
        "content/notices/2026-09-01-draft.md",
        "---\ntitle: 草稿通知\ndate: 2026-09-01\ndraft: true\n---\n紫藤湾临时演练\n",
    );
    f.write(
        "content/guides/hukou.md",
        "---\ntitle: 户口迁入\n---\n正文\n",
    );
    f
}

#[test]
fn lifecycle_follows_now() {
    let f = lifecycle_site();

    // Before its date the notice is scheduled: no page, not listed.
    let out = f.build_at("2026-09-20");
    out.assert_ok();
    assert!(!f.output_exists("notices/guoqing.html"));
    assert!(!f.read_output("index.html").contains("国庆假期安保通知"));

    // In effect: on the home page, pinned, and its urgent banner on every page.
    f.build_at("2026-10-01T12:00:00+08:00").assert_ok();
    let home = f.read_output("index.html");
    assert!(home.contains("国庆假期安保通知"));
    assert!(
        f.read_output("guides/hukou.html")
            .contains("国庆假期安保通知"),
        "urgent banner on every page"
    );

    // A bare expiry date is valid through that whole day.
    f.build_at("2026-10-08T23:00:00+08:00").assert_ok();
    assert!(f.read_output("index.html").contains("国庆假期安保通知"));

    // Expired: the page stays at its URL with the banner and date, leaves home and the current
    // list and the urgent banner, and is in the archive.
    f.build_at("2026-11-02").assert_ok();
    let page = f.read_output("notices/guoqing.html");
    assert!(page.contains("已过期"), "expired banner");
    assert!(page.contains("2026年10月8日"), "expiry date shown");
    assert!(!f.read_output("index.html").contains("国庆假期安保通知"));
    assert!(!f.read_output("notices/index.html").contains("guoqing.html"));
    assert!(
        !f.read_output("guides/hukou.html")
            .contains("国庆假期安保通知"),
        "no urgent banner once expired"
    );
    assert!(f
        .read_output("notices/archive.html")
        .contains("guoqing.html"));
    assert!(
        f.read_output("notices/index.html").contains("archive.html"),
        "the list links to the archive"
    );

    // Drafts never published, unless asked for.
    assert!(!f.output_exists("notices/draft.html"));
    assert!(!f.output_contains_anywhere("紫藤湾临时演练"));
    f.build(&["--now", "2026-11-02", "--drafts"]).assert_ok();
    assert!(f
        .read_output("notices/draft.html")
        .contains("紫藤湾临时演练"));
}

#[test]
fn pinned_notices_come_first_in_the_list() {
    let f = Fixture::new();
    f.write(
        "content/notices/2026-11-01-new.md",
        "---\ntitle: 最新通知甲\ndate: 2026-11-01\n---\nx\n",
    );
    f.write(
        "content/notices/2026-10-01-old.md",
        "---\ntitle: 置顶通知乙\ndate: 2026-10-01\npinned: true\n---\nx\n",
    );
    f.build_at(NOW).assert_ok();
    let list = f.read_output("notices/index.html");
    let pinned = list.find("置顶通知乙").expect("pinned listed");
    let newest = list.find("最新通知甲").expect("newest listed");
    assert!(pinned < newest, "pinned first");
}

#[test]
fn section_lists_paginate() {
    let f = Fixture::new();
    f.write(
        "content/stories/_index.md",
        "---\ntitle: 警民故事\npaginate: 2\n---\n",
    );
    for day in 1..=5 {
        f.write(
            &format!("content/stories/2026-10-0{day}-s{day}.md"),
            &format!("---\ntitle: 故事{day}\ndate: 2026-10-0{day}\n---\n正文\n"),
        );
    }
    f.build_at(NOW).assert_ok();
    assert!(f.read_output("stories/index.html").contains("故事5"));
    assert!(f.read_output("stories/page-2.html").contains("故事3"));
    assert!(f.read_output("stories/page-3.html").contains("故事1"));
    assert!(
        f.read_output("stories/page-2.html").contains("page-3.html"),
        "next link"
    );
    assert!(!f.output_exists("stories/page-4.html"));
}

#[test]
fn tag_pages_and_the_archive_paginate() {
    let f = Fixture::with_site_yaml("title: 测试派出所\npaginate: 2\n");
    f.write(
        "content/notices/_index.md",
        "---\ntitle: 通知公告\npaginate: 2\n---\n",
    );
    for day in 1..=5 {
        f.write(
            &format!("content/notices/2026-10-0{day}-n{day}.md"),
            &format!(
                "---\ntitle: 通知{day}\ndate: 2026-10-0{day}\nexpires: 2026-10-2{day}\ntags: [防诈]\n---\n正文\n"
            ),
        );
    }
    f.write(
        "content/guides/fangzha.md",
        "---\ntitle: 防诈指南\ntags: [防诈]\n---\n正文\n",
    );
    f.build_at(NOW).assert_ok();
    // Current pages before expired ones, newest first, two a page; page 2 and on in a
    // folder of the list's own.
    let tag = [
        "tags/fangzha.html",
        "tags/fangzha/page-2.html",
        "tags/fangzha/page-3.html",
    ]
    .map(|p| f.read_output(p));
    assert!(!f.output_exists("tags/fangzha/page-4.html"));
    let listed = |html: &str| -> Vec<String> {
        ["防诈指南", "通知1", "通知2", "通知3", "通知4", "通知5"]
            .into_iter()
            .filter(|t| html.contains(&format!(">{t}</a>")))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(listed(&tag[0]), ["防诈指南", "通知5"]);
    assert_eq!(listed(&tag[1]), ["通知3", "通知4"]);
    assert_eq!(listed(&tag[2]), ["通知1", "通知2"]);
    // Every page says how many pages carry the tag, and links the others from where it is.
    assert!(tag[1].contains("共 6 篇"), "{}", tag[1]);
    assert!(
        tag[0].contains("href=\"../tags/fangzha/page-2.html\""),
        "page 2 from page 1"
    );
    assert!(
        tag[1].contains("href=\"../../tags/fangzha.html\""),
        "page 1 from page 2"
    );
    assert!(
        tag[1].contains("href=\"../../style.css?v="),
        "assets from two folders down"
    );
    assert!(tag[1].contains("第 2 页"));

    let archive = [
        "notices/archive.html",
        "notices/archive/page-2.html",
        "notices/archive/page-3.html",
    ]
    .map(|p| f.read_output(p));
    assert!(!f.output_exists("notices/archive/page-4.html"));
    assert_eq!(listed(&archive[0]), ["通知4", "通知5"]);
    assert_eq!(listed(&archive[2]), ["通知1"]);
    assert!(archive[1].contains("href=\"../../notices/archive.html\""));
    assert!(archive[0].contains("href=\"../notices/archive/page-2.html\""));
}

#[test]
fn the_faq_list_paginates_with_categories_kept_together() {
    let f = Fixture::new();
    f.write(
        "content/faq/_index.md",
        "---\ntitle: 常见问题\npaginate: 2\n---\n",
    );
    // In title order (questions are not dated) the categories interleave: 户籍, 出入境,
    // 户籍, 出入境, 户籍.
    for (day, category) in [
        (5, "户籍"),
        (4, "出入境"),
        (3, "户籍"),
        (2, "出入境"),
        (1, "户籍"),
    ] {
        f.write(
            &format!("content/faq/q{day}.md"),
            &format!(
                "---\ntitle: 问题{day}？\ncategory: {category}\nupdated: 2026-10-0{day}\n---\n答案{day}。\n"
            ),
        );
    }
    f.build_at(NOW).assert_ok();
    let list_pages =
        ["faq/index.html", "faq/page-2.html", "faq/page-3.html"].map(|p| f.read_output(p));
    assert!(!f.output_exists("faq/page-4.html"));
    // Each question and its answer on exactly one list page, the 户籍 ones first.
    let on_page = |q: u32| {
        let found: Vec<usize> = (0..3)
            .filter(|&n| list_pages[n].contains(&format!("问题{q}？")))
            .collect();
        assert_eq!(found.len(), 1, "问题{q} on list pages {found:?}");
        assert!(list_pages[found[0]].contains(&format!("答案{q}。")));
        found[0]
    };
    assert_eq!([1, 3, 5, 2, 4].map(on_page), [0, 0, 1, 1, 2]);
    assert!(list_pages[0].contains("page-2.html"), "next link");
    // The page's FAQPage data holds the questions it shows, no others.
    assert!(list_pages[1].contains("\"name\":\"问题5？\""));
    assert!(!list_pages[1].contains("\"name\":\"问题1？\""));
}

#[test]
fn a_site_theme_overrides_single_templates() {
    let f = Fixture::new();
    f.write(
        "content/pages/about.md",
        "---\ntitle: 关于我们\n---\n本所简介\n",
    );
    f.write("content/guides/a.md", "---\ntitle: 指南\n---\nx\n");
    f.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom-page\">{{ page.title }}</h1>{% endblock main %}");
    f.build_at(NOW).assert_ok();
    let about = f.read_output("pages/about.html");
    assert!(
        about.contains("<h1 class=\"custom-page\">关于我们</h1>"),
        "overridden template used"
    );
    assert!(about.contains("style.css"), "built-in base.html still used");
    assert!(
        f.read_output("guides/a.html").contains("指南"),
        "other templates are the built-in ones"
    );
}

#[test]
fn a_site_theme_can_change_a_component_every_template_uses() {
    let f = Fixture::new();
    f.write(
        "content/notices/2026-09-20-a.md",
        "---\ntitle: 停水通知\ndate: 2026-09-20\n---\nx\n",
    );
    let built_in = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/components.html"),
    )
    .unwrap();
    let date = "<time datetime=\"{{ d.iso_date }}\">{{ d.display }}</time>";
    assert!(
        built_in.contains(date),
        "the built-in date component changed"
    );
    let ours = built_in.replace(date, "<time class=\"our-date\">{{ d.display }}</time>");
    f.write("themes/default/templates/components.html", &ours);
    f.build_at(NOW).assert_ok();
    let notice = f.read_output("notices/a.html");
    assert!(
        notice.contains("<time class=\"our-date\">2026年9月20日</time>"),
        "{notice}"
    );
    let list = f.read_output("notices/index.html");
    assert!(
        list.contains("<time class=\"our-date\">2026年9月20日</time>"),
        "{list}"
    );
}

#[test]
fn a_missing_named_theme_is_an_error() {
    let f = Fixture::with_site_yaml("title: 测试派出所\ntheme: blue\n");
    f.write("content/pages/a.md", "---\ntitle: a\n---\n");
    let out = f.build_at(NOW);
    out.assert_failed();
    out.assert_stderr_contains("没有名叫 `blue` 的主题：找不到文件夹 themes/blue/。");
}

#[test]
fn aliases_redirect_to_the_page_relatively() {
    let f = Fixture::new();
    f.write(
        "content/guides/hukou-qianru.md",
        "---\ntitle: 户口迁入\naliases: [old/hukou.html, /banshi/hukou/]\n---\nx\n",
    );
    f.build_at(NOW).assert_ok();
    let old = f.read_output("old/hukou.html");
    assert!(old.contains("../guides/hukou-qianru.html"), "{old}");
    assert!(old.to_lowercase().contains("http-equiv=\"refresh\""));
    assert!(f
        .read_output("banshi/hukou/index.html")
        .contains("../../guides/hukou-qianru.html"));
}

#[test]
fn files_beside_pages_and_static_files_are_copied() {
    let f = Fixture::new();
    f.write("content/stories/2026-10-01-jingwushi.md", "---\ntitle: 警务室的夜晚\ndate: 2026-10-01\nimage: photo.svg\nimage_alt: 民警在警务室接待居民\n---\n![民警](photo.svg)\n\n[下载表格](form.pdf)\n");
    f.write(
        "content/stories/photo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.write("content/stories/form.pdf", "%PDF-1.4");
    f.write("static/robots.txt", "User-agent: *\n");
    f.build_at(NOW).assert_ok();
    assert!(f.output_exists("stories/photo.svg"));
    assert!(f.output_exists("stories/form.pdf"));
    assert_eq!(f.read_output("robots.txt"), "User-agent: *\n");
    let story = f.read_output("stories/jingwushi.html");
    assert!(story.contains("src=\"photo.svg\""));
    assert!(story.contains("民警在警务室接待居民"), "alt text");
}

#[test]
fn slugs_from_front_matter_file_names_and_pinyin() {
    let f = Fixture::new();
    f.write(
        "content/faq/身份证丢了怎么办.md",
        "---\ntitle: 身份证丢了怎么办？\n---\n先挂失。\n",
    );
    f.write(
        "content/notices/2026-10-01-tingdian.md",
        "---\ntitle: 停电通知\ndate: 2026-10-01\n---\nx\n",
    );
    f.write(
        "content/pages/guanyu.md",
        "---\ntitle: 关于我们\nslug: about\n---\nx\n",
    );
    f.build_at(NOW).assert_ok();
    assert!(f.output_exists("faq/shenfenzheng-diu-le-zenmeban.html"));
    assert!(f.output_exists("notices/tingdian.html"));
    assert!(f.output_exists("pages/about.html"));
}

#[test]
fn markdown_features_render() {
    let f = Fixture::new();
    f.write("content/guides/hukou.md", "---\ntitle: 户口迁入\n---\n## 没有居住证怎么办？\n\n**注意：**原件必须带齐。\n\n| 材料 | 份数 |\n|---|---|\n| 身份证 | 1 |\n\n- [x] 身份证\n\n~~旧规定~~[^1]\n\n[^1]: 已废止。\n");
    f.write("content/faq/a.md", "---\ntitle: 没有居住证能迁户口吗？\n---\n见[指南](../guides/hukou.md#没有居住证怎么办)和[同一页](@/guides/hukou.md)。\n");
    f.build_at(NOW).assert_ok();
    let guide = f.read_output("guides/hukou.html");
    assert!(
        guide.contains("<strong>注意：</strong>原件必须带齐"),
        "CJK emphasis"
    );
    assert!(
        guide.contains("id=\"没有居住证怎么办\""),
        "readable heading id"
    );
    assert!(
        guide.contains("<table>")
            && guide.contains("<del>旧规定</del>")
            && guide.contains("type=\"checkbox\"")
            && guide.contains("footnote")
    );
    let faq = f.read_output("faq/a.html");
    assert!(
        faq.contains("href=\"../guides/hukou.html#%E6%B2%A1"),
        "link to heading rewritten"
    );
    assert!(faq.contains("href=\"../guides/hukou.html\""));
}

#[test]
fn raw_html_is_sanitized_with_a_warning_naming_the_line() {
    let f = Fixture::new();
    f.write("content/pages/a.md", "---\ntitle: a\n---\n正文\n\n<img src=\"x.png\" onerror=\"alert(1)\">\n\n<script>alert(1)</script>\n\n[点我](javascript:alert(1))\n");
    let out = f.build_at(NOW);
    out.assert_ok();
    out.assert_stderr_contains(
        "content/pages/a.md:6:1: 警告：已去掉不安全的 HTML：事件代码 `onerror=`。",
    );
    out.assert_stderr_contains(
        "content/pages/a.md:8:1: 警告：已去掉不安全的 HTML：`<script>` 标签。",
    );
    out.assert_stderr_contains(
        "content/pages/a.md:10:1: 警告：链接 `javascript:alert(1)` 只显示为文字：这种链接会在读者的浏览器里运行代码。",
    );
    // Not the hint of a page not published yet: this link will never work.
    out.assert_stderr_contains("提示：链接只写网址（`https://…`）");
    assert!(!out.stderr.contains("那一页发布以后"), "{}", out.stderr);
    let page = f.read_output("pages/a.html");
    assert!(
        !page.contains("onerror") && !page.contains("alert(1)"),
        "{page}"
    );
}

#[test]
fn bom_crlf_and_gbk_files_build() {
    let f = Fixture::new();
    f.write_bytes(
        "content/pages/bom.md",
        b"\xEF\xBB\xBF---\r\ntitle: BOM\xE9\xA1\xB5\r\n---\r\n\xE6\xAD\xA3\xE6\x96\x87\r\n",
    );
    let (gbk, _, _) = encoding_rs::GBK.encode("---\ntitle: 国标编码\n---\n户口迁入须知\n");
    f.write_bytes("content/pages/gbk.md", &gbk);
    let out = f.build_at(NOW);
    out.assert_ok();
    out.assert_stderr_contains(
        "content/pages/gbk.md: 警告：这个文件是用 GBK/GB18030 编码保存的，不是 UTF-8；",
    );
    assert!(f.read_output("pages/bom.html").contains("BOM页"));
    assert!(f.read_output("pages/gbk.html").contains("户口迁入须知"));
}

#[test]
fn the_summary_line_and_exit_codes() {
    let f = lifecycle_site();
    let out = f.build_at(NOW);
    out.assert_ok();
    assert!(
        out.stdout.starts_with("已生成 ")
            && out.stdout.contains(" 个页面（")
            && out.stdout.contains(" 个文件），输出到 ")
            && out.stdout.trim_end().ends_with(" 秒"),
        "{}",
        out.stdout
    );
    assert_eq!(f.build(&["--now", "next tuesday"]).code, 2);
    assert_eq!(f.build(&["--bogus"]).code, 2);
}

#[test]
fn sitemap_and_feed_use_base_url() {
    let f = Fixture::with_site_yaml("title: 测试派出所\nbase_url: https://example.org/station\n");
    f.write(
        "content/notices/2026-10-01-a.md",
        "---\ntitle: 通知甲 & 乙\ndate: 2026-10-01\n---\nx\n",
    );
    f.write(
        "content/notices/2026-06-01-old.md",
        "---\ntitle: 旧通知\ndate: 2026-06-01\nexpires: 2026-07-01\ntags: [停水]\n---\nx\n",
    );
    for n in 1..=25 {
        f.write(
            &format!("content/guides/g{n}.md"),
            &format!("---\ntitle: 指南{n}\ntags: [户口]\n---\nx\n"),
        );
    }
    f.build_at(NOW).assert_ok();
    let sitemap = f.read_output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/station/notices/a.html</loc>"));
    // The lists too: each section, the archive, the tags and each tag, first pages only.
    for list in [
        "index.html",
        "notices/index.html",
        "guides/index.html",
        "notices/archive.html",
        "tags/index.html",
        "tags/hukou.html",
        "tags/tingshui.html",
    ] {
        let loc = format!("<loc>https://example.org/station/{list}</loc>");
        assert!(sitemap.contains(&loc), "{loc} missing:\n{sitemap}");
    }
    assert!(f.output().join("guides/page-2.html").exists());
    assert!(f.output().join("tags/hukou/page-2.html").exists());
    assert!(!sitemap.contains("page-2.html"), "{sitemap}");
    // Not the lists with nothing in them, nor the search page and the 404 page.
    assert!(f.output().join("faq/index.html").exists());
    for absent in [
        "faq/index.html",
        "stories/index.html",
        "search/",
        "404.html",
    ] {
        assert!(!sitemap.contains(absent), "{absent}:\n{sitemap}");
    }
    let first = sitemap.find("<loc>").map(|i| &sitemap[i..]);
    assert!(
        first.is_some_and(|s| s.starts_with("<loc>https://example.org/station/index.html<")),
        "the home page first:\n{sitemap}"
    );
    let atom = f.read_output("atom.xml");
    assert!(atom.contains("<title>通知甲 &amp; 乙</title>"));
    assert!(atom.contains("https://example.org/station/notices/a.html"));
}

#[test]
fn example_site_every_link_points_at_an_existing_file() {
    let f = Fixture::example_site();
    let out = f.build_at(NOW);
    out.assert_ok();
    let checked = site_fixture::check_links(&f.output());
    assert!(checked > 1000, "only {checked} links checked");
    // Every kind, the lists and the special pages exist.
    for path in [
        "index.html",
        "404.html",
        "search/index.html",
        "notices/index.html",
        "notices/archive.html",
        "guides/hukou-qianru.html",
        "faq/index.html",
        "stories/index.html",
        "pages/about.html",
        "tags/index.html",
        "sitemap.xml",
        "atom.xml",
        "old/hukou.html",
    ] {
        assert!(f.output_exists(path), "{path}");
    }
    assert!(f
        .read_output("notices/guoqing-anbao.html")
        .contains("已过期"));
    assert!(
        !f.output_contains_anywhere("紫藤湾临时演练"),
        "the draft's words are never published"
    );
    let pages = std::fs::read_dir(f.output().join("faq")).unwrap().count()
        + std::fs::read_dir(f.output().join("guides"))
            .unwrap()
            .count();
    assert!(pages >= 25);
}

#[test]
fn output_is_reproducible() {
    let f = lifecycle_site();
    f.build_at(NOW).assert_ok();
    let first = site_fixture::snapshot(&f.output());
    f.build_at(NOW).assert_ok();
    assert_eq!(first, site_fixture::snapshot(&f.output()));
}

#[test]
fn no_build_escapes_the_output_folder() {
    let f = Fixture::new();
    f.write(
        "content/pages/a.md",
        "---\ntitle: a\naliases: [\"../../escape.html\", \"..\\\\win.html\"]\n---\n",
    );
    let out = f.build_at(NOW);
    out.assert_failed();
    out.assert_stderr_contains("错误：旧网址 `../../escape.html` 不是网站里面的路径。");
    assert!(
        !f.root().join("escape.html").exists()
            && !f.root().parent().unwrap().join("escape.html").exists()
    );
    assert!(!Path::new(&f.root().join("../win.html")).exists());
}

/// The county portal's copy of the station's news: feed.json (JSON Feed 1.1) beside Atom,
/// with the notices in force only, and link previews (Open Graph) on every page.
#[test]
fn example_site_json_feed_and_link_previews() {
    let f = Fixture::example_site();
    f.build_at(NOW).assert_ok();
    let feed: serde_json::Value =
        serde_json::from_str(&f.read_output("feed.json")).expect("feed.json is JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["feed_url"], "https://liuwan.example.org/feed.json");
    assert_eq!(feed["language"], "zh-CN");
    let items = feed["items"].as_array().cloned().unwrap_or_default();
    let urls: Vec<&str> = items.iter().filter_map(|i| i["url"].as_str()).collect();
    let winter = "https://liuwan.example.org/notices/dongji-fanghuo-fanzha.html";
    assert!(urls.contains(&winter), "{urls:?}");
    // The expired notice is in Atom's list but not in the portal's.
    assert!(f
        .read_output("atom.xml")
        .contains("notices/guoqing-anbao.html"));
    assert!(
        !urls.iter().any(|u| u.contains("guoqing-anbao")),
        "{urls:?}"
    );
    assert!(!urls.iter().any(|u| !u.contains("/notices/")), "{urls:?}");
    for item in &items {
        assert_eq!(item["id"], item["url"]);
        assert!(item["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(item["content_text"].as_str().is_some_and(|t| !t.is_empty()));
    }
    let first = &items[0];
    assert_eq!(first["url"], winter, "the pinned notice first");
    // A bare day is in force through that day.
    assert_eq!(first["_bulletin"]["expires"], "2027-03-01T00:00:00+08:00");
    assert_eq!(first["_bulletin"]["urgent"], true);
    let home = f.read_output("index.html");
    assert!(
        home.contains("<link rel=\"alternate\" type=\"application/feed+json\" href=\"feed.json\"")
    );

    let guide = f.read_output("guides/hukou-qianru.html");
    for meta in [
        "<meta property=\"og:title\" content=\"户口迁入\">",
        "<meta property=\"og:description\" content=\"户口迁入要带什么材料",
        "<meta property=\"og:image\" content=\"https://liuwan.example.org/share.png\">",
    ] {
        assert!(guide.contains(meta), "{meta}");
    }
    assert!(f.output_exists("share.png"));
}
