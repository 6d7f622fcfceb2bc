//! `bulletin serve` end to end: the real binary on a free port, serving a temp copy of a
//! fixture site; tests edit, rename, delete, break and fix its files and look at what HTTP
//! returns and at the live events open browsers follow.

use crate::serve_support;

use serve_support::{request, request_bytes, Server, Site};
use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

const GUIDE: &str = "content/guides/hukou-qianru.md";
const NOTICE: &str = "content/notices/2026-11-25-tingdian.md";

#[test]
fn serves_the_site_with_types_head_404_and_the_live_script() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    let text = home.text();
    assert!(text.contains("冬季防火提醒"), "{text}");
    assert!(text.contains("<script src=\"/__bulletin/live.js\" data-generation=\""));

    let guide = server.get("/guides/hukou-qianru.html");
    assert_eq!(guide.status, 200);
    assert!(guide.text().contains("户口迁入"));
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(
        !css.text().contains("__bulletin"),
        "the script only goes into HTML"
    );
    let robots = server.get("/robots.txt");
    assert_eq!(
        robots.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(robots.text(), "User-agent: *\n");
    let script = server.get("/__bulletin/live.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("EventSource"));

    // HEAD: the same headers, no body.
    let head = server.head("/guides/hukou-qianru.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        guide.header("content-length")
    );
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );

    // A folder without its slash is sent to it; an index is found by its folder.
    let folder = server.get("/guides");
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), Some("/guides/"));
    assert_eq!(server.get("/guides/").status, 200);

    // Unknown paths get the site's 404 page, which works at any depth.
    let missing = server.get("/guides/nope/nothing.html");
    assert_eq!(missing.status, 404);
    let text = missing.text();
    assert!(
        text.contains("测试派出所"),
        "the site's own 404 page: {text}"
    );
    assert!(text.contains("<base href=\"/\">"));
    assert!(text.contains("/__bulletin/live.js"));
    assert_eq!(server.head("/nope.html").status, 404);

    let post = request(
        server.addr,
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

#[test]
fn no_path_reaches_outside_the_site() {
    let site = Site::fixture("serve-site");
    std::fs::write(site.root.join("secret.txt"), "TOP-SECRET").expect("write");
    let outside = site.root.parent().expect("temp folder").join("outside.txt");
    std::fs::write(&outside, "TOP-SECRET").expect("write");
    let server = Server::ready(&site.root, &[]);
    for path in [
        "/../outside.txt",
        "/../site/secret.txt",
        "/guides/../../outside.txt",
        "/%2e%2e/outside.txt",
        "/%2E%2E/site/secret.txt",
        "/.%2e/outside.txt",
        "/guides/%2e%2e/%2e%2e/outside.txt",
        "/..%2foutside.txt",
        "/guides%2f..%2f..%2foutside.txt",
        "/..\\outside.txt",
        "/..%5coutside.txt",
        "/guides\\..\\..\\outside.txt",
        "/%00/../outside.txt",
        "/secret.txt",
        "/site.yaml",
        "/content/guides/hukou-qianru.md",
        "/c:/windows/win.ini",
    ] {
        let r = request(
            server.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        );
        assert!(
            r.status == 400 || r.status == 404,
            "{path}: status {}",
            r.status
        );
        assert!(!r.text().contains("TOP-SECRET"), "{path} leaked a file");
        assert!(
            !r.text().contains("title: 测试派出所"),
            "{path} leaked site.yaml"
        );
    }
    // The server is still fine.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn malformed_requests_and_dropped_connections_do_not_stop_it() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let garbage: [&[u8]; 6] = [
        b"NONSENSE\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /\xff\xfe HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: nope\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    ];
    for raw in garbage {
        let r = request_bytes(server.addr, raw);
        assert!(r.status == 0 || r.status >= 400, "{raw:?}: {}", r.status);
    }
    // Half a request, then hang up; a reader that goes away mid-response.
    for _ in 0..20 {
        let mut s = TcpStream::connect(server.addr).expect("connect");
        let _ = s.write_all(b"GET /guides/hukou-qianru.html HTTP/1.1\r\nHost:");
        drop(s);
        let mut s = TcpStream::connect(server.addr).expect("connect");
        let _ = s.write_all(b"GET /search/index.html HTTP/1.1\r\nHost: localhost\r\n\r\n");
        let _ = s.shutdown(std::net::Shutdown::Both);
    }
    // An event stream that is dropped.
    drop(server.events());
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("冬季防火提醒"));
}

#[test]
fn an_edit_is_served_and_announced() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let events = server.events();
    let hello = events.next_named("hello");
    assert_eq!(hello.data["errors"], serde_json::json!([]));

    // An editor's atomic save (write a temporary file, rename it over).
    let text = site
        .read(GUIDE)
        .replace("请带好原件。", "请带好原件和复印件各一份。");
    site.save(GUIDE, &text);
    let reload = events.reload_of("guides/hukou-qianru.html");
    assert!(reload.data["generation"].as_u64() > hello.data["generation"].as_u64());
    let page = server.get("/guides/hukou-qianru.html").text();
    assert!(page.contains("请带好原件和复印件各一份。"), "{page}");
    let line = server.line_containing("hukou-qianru.md 有改动：");
    assert!(line.contains(" 毫秒"), "{line}");

    // A title change reaches the lists that show it, announced after the page.
    let text = site
        .read(NOTICE)
        .replace("户籍窗口临时停办", "户籍窗口11月30日停办");
    site.write_in_place(NOTICE, &text);
    events.reload_of("notices/tingdian.html");
    events.reload_of("notices/index.html");
    assert!(server
        .get("/notices/index.html")
        .text()
        .contains("户籍窗口11月30日停办"));
    assert!(server
        .get("/index.html")
        .text()
        .contains("户籍窗口11月30日停办"));
    server.wait_for("the search index", |s| {
        s.get("/search/base.js").status == 200
            && s.get("/sitemap.xml")
                .text()
                .contains("notices/tingdian.html")
    });
}

#[test]
fn renamed_deleted_and_new_files_leave_no_stale_page() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let events = server.events();
    events.next_named("hello");

    site.rename(NOTICE, "content/notices/2026-11-25-tingban.md");
    events.reload_of("notices/tingban.html");
    assert_eq!(server.get("/notices/tingban.html").status, 200);
    assert_eq!(server.get("/notices/tingdian.html").status, 404);
    server.wait_for("the list to follow the rename", |s| {
        let list = s.get("/notices/index.html").text();
        list.contains("tingban.html") && !list.contains("tingdian.html")
    });

    site.remove("content/notices/2026-11-25-tingban.md");
    server.wait_for("the deleted page to go", |s| {
        s.get("/notices/tingban.html").status == 404
            && !s
                .get("/notices/index.html")
                .text()
                .contains("户籍窗口临时停办")
    });

    // A new folder with a page in it (written elsewhere, then moved in).
    let staging = site.root.parent().expect("temp").join("staging");
    std::fs::create_dir_all(staging.join("sub")).expect("mkdir");
    std::fs::write(
        staging.join("sub/xinye.md"),
        "---\ntitle: 新的说明页\n---\n新页面的正文。\n",
    )
    .expect("write");
    std::fs::rename(staging.join("sub"), site.path("content/pages/sub")).expect("move in");
    server.wait_for("the new page", |s| {
        s.get("/pages/sub/xinye.html")
            .text()
            .contains("新页面的正文")
    });

    // A static/ file, and a static/ folder made while serving.
    std::fs::remove_dir_all(site.path("static")).expect("remove static");
    server.wait_for("static/ to go", |s| s.get("/robots.txt").status == 404);
    std::fs::create_dir_all(site.path("static/files")).expect("mkdir");
    std::fs::write(site.path("static/files/biao.txt"), "表格").expect("write");
    server.wait_for("the new static file", |s| {
        s.get("/files/biao.txt").text() == "表格"
    });
    std::fs::write(site.path("static/files/biao.txt"), "新表格").expect("write");
    server.wait_for("the edited static file", |s| {
        s.get("/files/biao.txt").text() == "新表格"
    });
}

#[test]
fn a_broken_file_shows_its_error_and_the_last_good_build_stays() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let events = server.events();
    events.next_named("hello");
    let good = site.read(GUIDE);

    // A typo in a key and a link to a page that does not exist.
    let broken = good
        .replace("hours:", "hour:")
        .replace("请带好原件。", "见[旧页](../faq/nope.md)。");
    site.save(GUIDE, &broken);
    let errors = events.next_named("errors");
    let list = errors.data["errors"].as_array().expect("a list").clone();
    assert!(list.len() >= 2, "{list:?}");
    let typo = list
        .iter()
        .find(|e| {
            e["message"]
                .as_str()
                .is_some_and(|m| m == "不认识的字段 `hour`。")
        })
        .expect("the typo");
    assert_eq!(typo["file"], GUIDE);
    assert_eq!(typo["line"], 6);
    assert!(typo["hint"]
        .as_str()
        .is_some_and(|h| h.starts_with("是不是要写 `hours`？")));
    assert!(list.iter().any(|e| e["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("链接 `../faq/nope.md` 打不开："))));
    let line = server.line_containing(" 个错误（用时 ");
    assert!(line.contains("网站仍显示上一次成功生成的版本"), "{line}");

    // Every page is still served from the last good build.
    let page = server.get("/guides/hukou-qianru.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("请带好原件。"));
    assert_eq!(server.get("/faq/hukou-cailiao.html").status, 200);
    // A browser opening a page now hears about the errors at once.
    let late = server.events();
    let hello = late.next_named("hello");
    assert!(!hello.data["errors"].as_array().expect("list").is_empty());

    // An empty file and a front matter that is never closed are errors too.
    let has = |e: &serve_support::LiveEvent, message: &str| {
        e.data["errors"].as_array().is_some_and(|list| {
            list.iter().any(|x| {
                x["file"] == GUIDE && x["message"].as_str().is_some_and(|m| m.contains(message))
            })
        })
    };
    site.save(GUIDE, "");
    let e = events.next_named("errors");
    assert!(has(&e, "这个文件是空的。"), "{e:?}");
    site.save(GUIDE, "---\ntitle: 户口迁入\n正文\n");
    let e = events.next_named("errors");
    assert!(has(&e, "信息栏没有结束：缺少第二个 `---` 行。"), "{e:?}");

    // Fixed: the errors clear and the page reloads with the new text.
    site.save(
        GUIDE,
        &good.replace("请带好原件。", "请带好原件（已修正）。"),
    );
    let cleared = events.next_named("errors");
    assert_eq!(cleared.data["errors"], serde_json::json!([]));
    events.reload_of("guides/hukou-qianru.html");
    assert!(server
        .get("/guides/hukou-qianru.html")
        .text()
        .contains("已修正"));
}

#[test]
fn a_template_or_site_yaml_change_rebuilds_everything() {
    let site = Site::fixture("serve-site");
    // A link on the site's own public address is made relative: with another base_url,
    // the body is rendered again and the link is left as written.
    let faq = site.read("content/faq/hukou-cailiao.md")
        + "\n[官网上的指南](https://test.example.org/guides/hukou-qianru.html)\n";
    site.save("content/faq/hukou-cailiao.md", &faq);
    let server = Server::ready(&site.root, &[]);
    let events = server.events();
    events.next_named("hello");
    let faq_page = || server.get("/faq/hukou-cailiao.html").text();
    assert!(faq_page().contains("<a href=\"../guides/hukou-qianru.html\">官网上的指南</a>"));

    let yaml = site
        .read("site.yaml")
        .replace("title: 测试派出所", "title: 改名派出所")
        .replace("https://test.example.org/", "https://moved.example.org/");
    site.save("site.yaml", &yaml);
    events.next_named("reload");
    server.wait_for("the new title everywhere", |s| {
        s.get("/guides/hukou-qianru.html")
            .text()
            .contains("改名派出所")
            && s.get("/faq/hukou-cailiao.html")
                .text()
                .contains("改名派出所")
    });
    assert!(faq_page().contains(
        "<a href=\"https://test.example.org/guides/hukou-qianru.html\">官网上的指南</a>"
    ));

    // A theme of the site's own overrides one template of the built-in theme.
    let template = "{% extends \"base.html\" %}{% block main %}<p class=\"mine\">自定义页面：{{ page.title }}</p>{% endblock main %}";
    site.save("themes/default/templates/page.html", template);
    server.wait_for("the override", |s| {
        s.get("/pages/about.html")
            .text()
            .contains("自定义页面：关于我们")
    });
    // A broken template is an error naming it; the pages stay.
    site.save(
        "themes/default/templates/page.html",
        "{% block main %}{{ page.title ",
    );
    let errors = events.next_named("errors");
    let first = &errors.data["errors"][0];
    assert!(
        first["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("templates/page.html")),
        "{errors:?}"
    );
    assert!(server
        .get("/pages/about.html")
        .text()
        .contains("自定义页面：关于我们"));
}

#[test]
fn after_edits_the_served_site_equals_a_fresh_build() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let events = server.events();
    events.next_named("hello");
    // One change at a time, each waited for, so that each rebuild renders only what that
    // change touched: a page left stale by a missed dependency would show below.
    site.save(
        "content/notices/2026-11-27-xin.md",
        "---\ntitle: 新通知\ndate: 2026-11-27\nurgent: true\nexpires: 2026-12-31\ntags: [材料]\n---\n正文。\n",
    );
    server.wait_for("the new notice", |s| {
        s.get("/index.html").text().contains("新通知")
    });
    site.rename(NOTICE, "content/notices/2026-11-26-tingban.md");
    server.wait_for("the renamed notice", |s| {
        s.get("/notices/tingban.html").status == 200
    });
    // A text edit (shown at once, in place); lists show the summary.
    let guide = site
        .read(GUIDE)
        .replace("summary: 户口迁入要带什么材料", "summary: 迁户口带什么");
    site.save(GUIDE, &guide);
    server.wait_for("the guide's summary", |s| {
        s.get("/guides/index.html").text().contains("迁户口带什么")
    });
    // The guide lists this question as related: its page must follow the new title.
    site.save(
        "content/faq/hukou-cailiao.md",
        "---\ntitle: 迁户口要准备什么？\ncategory: 户籍\ntags: [户籍, 材料]\n---\n请看[户口迁入](../guides/hukou-qianru.md#要带的材料)。\n",
    );
    server.wait_for("the question's new title", |s| {
        s.get("/faq/hukou-cailiao.html")
            .text()
            .contains("迁户口要准备什么？")
    });
    // The site's own style.css replaces the theme's: every page links it with its version.
    site.save("static/style.css", "body { font-size: 22px; }\n");
    server.wait_for("the site's own style.css", |s| {
        s.get("/style.css").text().contains("22px")
    });
    site.save(
        "content/pages/about.md",
        &site
            .read("content/pages/about.md")
            .replace("88号", "88号（东门）"),
    );
    server.wait_for("the last edit", |s| {
        s.get("/pages/about.html").text().contains("88号（东门）")
    });
    while !events.drain(Duration::from_millis(1500)).is_empty() {}

    let out = site.root.parent().expect("temp").join("public");
    let build = serve_support::build(&site.root, &out);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let mut compared = 0;
    for entry in walk(&out) {
        let rel = entry
            .strip_prefix(&out)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        if rel == ".bulletin-output" {
            continue;
        }
        let built = std::fs::read(&entry).expect("read built file");
        let served = server.get(&format!("/{rel}"));
        assert_eq!(served.status, 200, "{rel} is not served");
        if rel == "404.html" {
            // On purpose: the published 404 page links through base_url, the served one
            // relative to the preview (it is answered with `<base href="/">`).
            continue;
        }
        let served = if rel.ends_with(".html") {
            strip_live_script(&served.text()).into_bytes()
        } else {
            served.body
        };
        assert!(served == built, "{rel} differs from a fresh build");
        compared += 1;
    }
    assert!(compared > 30, "only {compared} files");
}

fn strip_live_script(html: &str) -> String {
    let start = html
        .rfind("<script src=\"/__bulletin/live.js\"")
        .expect("the live script");
    let end = html[start..].find("</script>").expect("its end") + start + "</script>".len();
    format!("{}{}", &html[..start], &html[end..])
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn ctrl_c_stops_it_cleanly_even_with_a_browser_listening() {
    let site = Site::fixture("serve-site");
    let server = Server::ready(&site.root, &[]);
    let events = server.events();
    events.next_named("hello");
    let (status, rest) = server.interrupt();
    let status = status.expect("serve did not stop after Ctrl-C");
    assert!(status.success(), "exit status {status:?}");
    assert!(rest.contains("已停止"), "{rest}");
}

#[test]
fn it_binds_to_loopback_and_warns_about_anything_else() {
    let site = Site::fixture("serve-site");
    let mut local = Server::start(&site.root, &[]);
    assert!(local.addr.ip().is_loopback());
    assert!(!local.stderr().contains("警告"));
    let mut open = Server::start(&site.root, &["--bind", "0.0.0.0"]);
    assert!(open
        .stderr()
        .contains("警告：在 0.0.0.0 上提供预览，别的电脑也能打开这个预览"));
}

#[test]
fn a_folder_that_is_not_a_site_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(" 里没有 `site.yaml`。"));
}

#[test]
fn drafts_are_served_only_when_asked() {
    let site = Site::fixture("serve-site");
    site.save(
        "content/notices/2026-11-28-caogao.md",
        "---\ntitle: 还在写的通知\ndate: 2026-11-28\ndraft: true\n---\n草稿正文。\n",
    );
    let plain = Server::ready(&site.root, &[]);
    assert_eq!(plain.get("/notices/caogao.html").status, 404);
    drop(plain);
    let preview = Server::ready(&site.root, &["--drafts"]);
    assert!(preview
        .get("/notices/caogao.html")
        .text()
        .contains("草稿正文。"));
}
