//! The staff desk over HTTP: forms drawn from the field table, create, edit (untouched lines
//! byte for byte), conflicts, delete and restore, the one-click actions on a notice, photos,
//! and every way a request that changes something is refused.

use crate::desk_support::*;
use bulletin::schema::{Kind, PAGE_FIELDS};

/// A notice written by hand, with comments, odd spacing and quoting that a careless
/// rewrite would lose.
const HAND_WRITTEN: &str = "---\n# 这是手写的通知，注释要留着\ntitle:   停水通知（12月）   # 标题\ndate: 2026-11-28 08:00\nexpires: 2026-12-20\npinned: false\ntags: [停水,   生活]\nsummary: '柳湾小区 12 月 3 日停水'\n---\n\n因管道检修，**12 月 3 日** 8:00-18:00 停水。\n\n请提前储水。\n";

fn token(site: &DeskSite) -> String {
    let fields = site.form("/_desk/new/notice", "#page-form");
    value(&fields, "_token").to_owned()
}

#[test]
fn the_desk_is_served_by_serve_and_never_built() {
    let site = DeskSite::start(&[]);
    let overview = site.get("/_desk/");
    assert_eq!(overview.status, 200);
    let text = overview.text();
    for label in [
        "新建通知",
        "新建办事指南",
        "冬季防火和电信网络诈骗高发期提醒",
        "置顶",
        "紧急",
        "草稿",
        "定时发布",
        "回收站",
    ] {
        assert!(text.contains(label), "the overview lacks {label}");
    }
    assert_eq!(site.get("/_desk").header("location"), Some("/_desk/"));
    assert_eq!(site.get("/_desk/static/desk.js").status, 200);
    let built = crate::common::build_site(&site.root, &["--now", crate::common::NOW]);
    let files = files_under(&built.output);
    assert!(files
        .iter()
        .all(|(p, _)| !p.contains("_desk") && !p.contains("desk.js")));
}

#[test]
fn every_field_of_a_kind_has_a_labelled_control_named_after_its_key() {
    let site = DeskSite::start(&[]);
    for kind in Kind::ALL {
        let page = site.get(&format!("/_desk/new/{}", kind.as_str()));
        assert_eq!(page.status, 200);
        let html = page.text();
        let doc = scraper::Html::parse_document(&html);
        for f in PAGE_FIELDS.iter().filter(|f| f.applies_to(kind)) {
            let name = if f.key == "materials" {
                "materials.name"
            } else {
                f.key
            };
            let sel = scraper::Selector::parse(&format!("[name=\"{name}\"]")).unwrap();
            let control = doc
                .select(&sel)
                .next()
                .unwrap_or_else(|| panic!("{kind:?}: no control named {name}"));
            // A field of several controls (rows, a list of pages) is a fieldset.
            let labelled = control
                .value()
                .attr("id")
                .is_some_and(|id| html.contains(&format!("<label for=\"{id}\">{}", f.label)))
                || html.contains(&format!("<legend>{}</legend>", f.label));
            assert!(labelled, "{kind:?}: {} has no label {}", f.key, f.label);
        }
        assert!(html.contains("name=\"body\""));
        assert!(html.contains("<button type=\"submit\">保存</button>"));
    }
    let guide = site.get("/_desk/new/guide").text();
    for control in [
        "type=\"date\"",
        "type=\"time\"",
        "type=\"checkbox\"",
        "data-tags",
        "<select id=\"f-category\"",
        "name=\"materials.original\"",
        "name=\"materials.copies\"",
        "name=\"steps\"",
        "name=\"related\"",
    ] {
        assert!(guide.contains(control), "the guide form lacks {control}");
    }
}

#[test]
fn a_new_notice_is_written_as_new_would_write_it_and_published() {
    let site = DeskSite::start(&[]);
    let mut fields = site.form("/_desk/new/notice", "#page-form");
    set(&mut fields, "title", "冬季用电安全提醒");
    set(&mut fields, "tags", "用电、安全");
    set(&mut fields, "body", "天冷用电多，请不要私拉电线。\n");
    let to = location(&site.post("/_desk/save", &fields));
    let path = to
        .strip_prefix("/_desk/edit/")
        .and_then(|p| p.strip_suffix("?saved=1"))
        .expect("edit address");
    assert!(
        path.starts_with("notices/2026-12-01-") && path.ends_with(".md"),
        "{path}"
    );
    let text = site.read(&format!("content/{path}"));
    assert!(
        text.starts_with("---\ntitle: \"冬季用电安全提醒\""),
        "{text}"
    );
    assert!(text.contains("date: 2026-12-01"), "{text}");
    assert!(
        text.contains(
            "# 标签：把居民的说法写进去，方便搜索，如 [户口, 迁入]\n  - 用电\n  - 安全\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("# 置顶"),
        "the comments of `new` are kept: {text}"
    );
    assert!(
        text.ends_with("---\n天冷用电多，请不要私拉电线。\n"),
        "{text}"
    );
    let checked = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["check", "--now", crate::common::NOW, "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let slug = path
        .trim_start_matches("notices/2026-12-01-")
        .trim_end_matches(".md");
    site.wait_for_served(&format!("/notices/{slug}.html"), "冬季用电安全提醒");
    let page = site.get(&to);
    assert!(page.text().contains("已保存"));
    assert!(
        site.log().contains(&format!("新建\tcontent/{path}")),
        "{}",
        site.log()
    );
}

#[test]
fn editing_changes_only_the_lines_of_the_fields_that_changed() {
    let site = DeskSite::start(&[]);
    std::fs::write(
        site.path("content/notices/2026-11-28-tingshui.md"),
        HAND_WRITTEN,
    )
    .unwrap();
    site.wait_for_served("/notices/tingshui.html", "停水通知（12月）");
    let unchanged = site.form("/_desk/edit/notices/2026-11-28-tingshui.md", "#page-form");
    location(&site.post("/_desk/save", &unchanged));
    assert_eq!(
        site.read("content/notices/2026-11-28-tingshui.md"),
        HAND_WRITTEN,
        "saving an untouched form changes nothing"
    );

    let mut fields = site.form("/_desk/edit/notices/2026-11-28-tingshui.md", "#page-form");
    set(&mut fields, "title", "停水通知（已延期）");
    fields.push(("pinned".into(), "true".into()));
    location(&site.post("/_desk/save", &fields));
    let after = site.read("content/notices/2026-11-28-tingshui.md");
    let expected = HAND_WRITTEN
        .replace(
            "title:   停水通知（12月）   # 标题",
            "title: 停水通知（已延期）   # 标题",
        )
        .replace("pinned: false", "pinned: true");
    assert_eq!(after, expected);
    site.wait_for_served("/notices/tingshui.html", "停水通知（已延期）");
    assert_eq!(
        site.log()
            .matches("保存\tcontent/notices/2026-11-28-tingshui.md")
            .count(),
        2
    );
}

#[test]
fn a_file_changed_since_the_form_opened_is_not_overwritten() {
    let site = DeskSite::start(&[]);
    let rel = "content/notices/2026-11-28-tingshui.md";
    std::fs::write(site.path(rel), HAND_WRITTEN).unwrap();
    let mut fields = site.form("/_desk/edit/notices/2026-11-28-tingshui.md", "#page-form");
    let theirs = HAND_WRITTEN.replace("请提前储水。", "请提前储水，并关好水龙头。");
    std::fs::write(site.path(rel), &theirs).unwrap();
    set(&mut fields, "title", "我的标题");
    let r = site.post("/_desk/save", &fields);
    assert_eq!(r.status, 409);
    let text = r.text();
    assert!(
        text.contains("并关好水龙头") && text.contains("我的标题"),
        "both versions are shown"
    );
    assert_eq!(site.read(rel), theirs);
    // Having seen both, staff may keep theirs.
    let keep = form_fields(&text, "form[action=\"/_desk/save\"]");
    location(&site.post("/_desk/save", &keep));
    assert!(site.read(rel).contains("title: 我的标题"));
}

#[test]
fn deleted_pages_go_to_the_trash_and_come_back() {
    let site = DeskSite::start(&[]);
    let rel = "content/faq/daiban.md";
    let original = site.read(rel);
    let fields = site.form("/_desk/edit/faq/daiban.md", "form.delete");
    location(&site.post("/_desk/delete", &fields));
    assert!(!site.path(rel).exists());
    let trashed = files_under(&site.path(".bulletin/trash"));
    assert_eq!(trashed.len(), 1);
    assert!(trashed[0].0.ends_with(rel) && trashed[0].1 == original.as_bytes());
    let overview = site.get("/_desk/").text();
    assert!(overview.contains(rel));
    let restore = form_fields(&overview, "form[action=\"/_desk/restore\"]");
    let back = location(&site.post("/_desk/restore", &restore));
    assert_eq!(site.read(rel), original);
    assert!(site.get(&back).text().contains("已从回收站恢复"));
    let linked = site.get("/_desk/edit/guides/hukou-qianru.md").text();
    assert!(
        linked.contains("这些页面链接到这一页"),
        "deleting a page others link to is warned of"
    );
    let log = site.log();
    assert!(
        log.contains(&format!("删除\t{rel}")) && log.contains(&format!("恢复\t{rel}")),
        "{log}"
    );
}

#[test]
fn one_click_actions_edit_one_field_each() {
    let site = DeskSite::start(&[]);
    let rel = "content/notices/2026-11-28-tingshui.md";
    std::fs::write(site.path(rel), HAND_WRITTEN).unwrap();
    site.wait_for_served("/notices/tingshui.html", "停水通知");
    let act = |action: &str| {
        let overview = site.get("/_desk/").text();
        let mut fields = form_fields(&overview, "li[data-title^=\"停水通知\"] form.actions");
        fields.push(("action".into(), action.into()));
        location(&site.post("/_desk/act", &fields));
        site.read(rel)
    };
    assert_eq!(
        act("pin"),
        HAND_WRITTEN.replace("pinned: false", "pinned: true")
    );
    assert_eq!(act("unpin"), HAND_WRITTEN);
    // A field the file lacks goes after the nearest field before it in the table.
    let urgent = HAND_WRITTEN.replace("pinned: false\n", "pinned: false\nurgent: true\n");
    assert_eq!(act("urgent"), urgent);
    let calm = urgent.replace("urgent: true", "urgent: false");
    assert_eq!(act("calm"), calm);
    let draft = calm.replace(
        "tags: [停水,   生活]\n",
        "tags: [停水,   生活]\ndraft: true\n",
    );
    assert_eq!(act("draft"), draft);
    assert_eq!(act("publish"), draft.replace("draft: true", "draft: false"));
    let expired = act("expire");
    assert!(expired.contains("expires: 2026-12-01 10:00\n"), "{expired}");
    site.wait_for_served("/notices/tingshui.html", "已过期");
    assert_eq!(site.log().lines().count(), 7);
}

#[test]
fn a_page_with_errors_can_be_saved_as_a_draft_but_not_published() {
    let site = DeskSite::start(&[]);
    let before = files_under(&site.path("content"));
    let mut fields = site.form("/_desk/new/notice", "#page-form");
    set(&mut fields, "title", "有错误的通知");
    set(&mut fields, "date", "2026-13-45");
    let r = site.post("/_desk/save", &fields);
    assert_eq!(r.status, 422);
    assert!(r.text().contains("存为草稿") && r.text().contains("class=\"is-error\""));
    assert_eq!(
        files_under(&site.path("content")),
        before,
        "nothing written"
    );
    fields.push(("_as_draft".into(), "1".into()));
    let to = location(&site.post("/_desk/save", &fields));
    let path = to
        .trim_start_matches("/_desk/edit/")
        .trim_end_matches("?saved=1");
    assert!(site
        .read(&format!("content/{path}"))
        .contains("draft: true"));
}

#[test]
fn requests_from_elsewhere_change_nothing() {
    let site = DeskSite::start(&[]);
    let before = files_under(&site.root);
    let mut fields = site.form("/_desk/new/notice", "#page-form");
    set(&mut fields, "title", "不该写进去");
    assert_eq!(
        site.post_from("/_desk/save", &fields, Some("http://evil.example"))
            .status,
        403
    );
    assert_eq!(site.post_from("/_desk/save", &fields, None).status, 403);
    let mut no_token = fields.clone();
    set(&mut no_token, "_token", "");
    assert_eq!(site.post("/_desk/save", &no_token).status, 403);
    let rebinding = crate::serve_support::request(
        site.server.addr,
        "GET /_desk/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(rebinding.status, 421);
    let mut traversal = fields.clone();
    for bad in [
        "../site.yaml",
        "notices/../../site.yaml",
        "/etc/passwd",
        "notices/.hidden.md",
        "notices\\..\\x.md",
    ] {
        set(&mut traversal, "_path", bad);
        let r = site.post("/_desk/save", &traversal);
        assert!(r.status >= 400, "{bad}: {}", r.status);
        for action in ["/_desk/act", "/_desk/delete"] {
            let r = site.post(
                action,
                &pairs(&[
                    ("_token", &token(&site)),
                    ("_path", bad),
                    ("_base", ""),
                    ("action", "pin"),
                ]),
            );
            assert!(r.status >= 400, "{action} {bad}");
        }
    }
    for bad in [
        "/_desk/edit/../site.yaml",
        "/_desk/edit/notices/%2e%2e/%2e%2e/site.yaml",
        "/_desk/edit/notices/../../../etc/passwd",
    ] {
        assert_eq!(site.get(bad).status, 404, "{bad}");
    }
    let restore = site.post(
        "/_desk/restore",
        &pairs(&[
            ("_token", &token(&site)),
            ("_id", ".."),
            ("_rel", "../../site.yaml"),
        ]),
    );
    assert_eq!(restore.status, 404);
    assert_eq!(files_under(&site.root), before, "nothing was written");
}

#[test]
fn on_the_network_the_desk_needs_a_password() {
    let off = DeskSite::start(&["--bind", "0.0.0.0"]);
    let r = off.get("/_desk/");
    assert_eq!(r.status, 403);
    assert!(r.text().contains("BULLETIN_DESK_PASSWORD"));
    drop(off);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("password.txt");
    std::fs::write(&file, "liuwan-2026\n").unwrap();
    let site = DeskSite::start(&[
        "--bind",
        "0.0.0.0",
        "--desk-password-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(site.get("/_desk/").header("location"), Some("/_desk/login"));
    let wrong = site.post("/_desk/login", &pairs(&[("password", "guess")]));
    assert_eq!(wrong.status, 401);
    let right = site.post("/_desk/login", &pairs(&[("password", "liuwan-2026")]));
    let cookie = right
        .header("set-cookie")
        .expect("a session cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap();
    let page = crate::serve_support::request(site.server.addr, &format!("GET /_desk/ HTTP/1.1\r\nHost: localhost\r\nCookie: {session}\r\nConnection: close\r\n\r\n"));
    assert_eq!(page.status, 200);
    assert!(page.text().contains("新建通知"));
}

#[test]
fn a_phone_photo_is_upright_small_and_described() {
    let site = DeskSite::start(&[]);
    let photo = crate::photo_fixtures::phone_photo(4000, 3000);
    assert!(
        photo.len() > 4_000_000,
        "a phone-sized photo: {} bytes",
        photo.len()
    );
    let mut fields = site.form("/_desk/new/story", "#page-form");
    set(&mut fields, "title", "民警帮老人找回走失的孙子");
    set(&mut fields, "body", "11 月 30 日傍晚，社区民警……\n");
    let without_alt = site.post_multipart(
        "/_desk/save",
        &fields,
        &[("image:upload", "IMG_0001.jpg", &photo)],
    );
    assert_eq!(without_alt.status, 422);
    assert!(without_alt.text().contains("配图说明"));
    assert!(files_under(&site.path("content/stories"))
        .iter()
        .all(|(p, _)| !p.ends_with(".jpg")));

    set(&mut fields, "image_alt", "民警把孩子交给老人");
    let to = location(&site.post_multipart(
        "/_desk/save",
        &fields,
        &[("image:upload", "IMG_0001.jpg", &photo)],
    ));
    let path = to
        .trim_start_matches("/_desk/edit/")
        .trim_end_matches("?saved=1");
    let text = site.read(&format!("content/{path}"));
    let name = path.trim_start_matches("stories/").replace(".md", ".jpg");
    assert!(text.contains(&format!("image: {name}")), "{text}");
    let saved = std::fs::read(site.path(&format!("content/stories/{name}"))).unwrap();
    assert!(saved.len() <= 400 * 1024, "{} bytes", saved.len());
    let img = image::load_from_memory(&saved).unwrap();
    assert_eq!(
        (img.width(), img.height()),
        (1200, 1600),
        "turned upright, long side 1600"
    );
    assert!(
        crate::photo_fixtures::exif_fields(&saved).is_empty(),
        "no metadata is kept"
    );
    for secret in crate::photo_fixtures::SECRETS {
        assert!(!crate::photo_fixtures::contains(&saved, secret), "{secret}");
    }
}

#[test]
fn uploads_over_twenty_megabytes_are_refused() {
    let site = DeskSite::start(&[]);
    let fields = site.form("/_desk/new/story", "#page-form");
    let huge = vec![0u8; 22 * 1024 * 1024];
    let r = site.post_multipart(
        "/_desk/save",
        &fields,
        &[("image:upload", "big.jpg", &huge)],
    );
    assert_eq!(r.status, 413);
}

#[test]
fn a_word_document_or_text_file_is_imported_as_a_draft() {
    let site = DeskSite::start(&[]);
    let page = site.get("/_desk/import").text();
    assert!(page.contains("从文件导入") && page.contains("name=\"file\""));
    let fields = form_fields(&page, "form[action=\"/_desk/import\"]");
    let letter = "关于冬季夜间巡逻的通知\n\n各位居民：\n\n12 月起，社区民警每晚 20:00-22:00 在小区巡逻。\n\n柳湾派出所\n2026年12月20日\n";
    let r = site.post_multipart(
        "/_desk/import",
        &fields,
        &[("file", "巡逻通知.txt", letter.as_bytes())],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let text = r.text();
    assert!(text.contains("已导入"), "{text}");
    let doc = scraper::Html::parse_document(&text);
    let link = scraper::Selector::parse("a.button[href^=\"/_desk/edit/\"]").unwrap();
    let href = doc
        .select(&link)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("a link to the page")
        .to_owned();
    let path = href.trim_start_matches("/_desk/edit/");
    let file = site.read(&format!("content/{path}"));
    assert!(path.starts_with("notices/2026-12-20-"), "{path}");
    assert!(
        text.contains("到那天才会出现在网站上"),
        "a later date is pointed out: {text}"
    );
    assert!(
        file.contains("draft: true") && file.contains("每晚 20:00-22:00"),
        "{file}"
    );
    assert_eq!(site.get(&href).status, 200);
    assert!(site.log().contains(&format!("导入\tcontent/{path}")));
    let bad = site.post_multipart(
        "/_desk/import",
        &fields,
        &[("file", "照片.exe", b"MZ\x90\x00")],
    );
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("无法导入"));
}

#[test]
fn the_publish_button_shows_the_plan_then_publishes() {
    let www = tempfile::tempdir().unwrap();
    let target = www.path().join("www");
    let yaml = format!(
        "\ndeploy:\n  - name: 单位网站\n    url: {}\n",
        target.display()
    );
    let site = DeskSite::start_with(&[], |root| {
        let mut settings = std::fs::read_to_string(root.join("site.yaml")).unwrap();
        settings.push_str(&yaml);
        std::fs::write(root.join("site.yaml"), settings).unwrap();
    });
    let page = site.get("/_desk/publish").text();
    assert!(page.contains("单位网站"), "{page}");
    let ask = form_fields(&page, "form[action=\"/_desk/publish\"]");
    let planned = site.post("/_desk/publish", &ask);
    assert_eq!(planned.status, 200, "{}", planned.text());
    let plan = planned.text();
    assert!(
        plan.contains("要上传") && plan.contains("发布计划"),
        "{plan}"
    );
    assert!(
        !target.join("index.html").exists(),
        "a plan changes nothing"
    );
    let run = form_fields(&plan, "form[action=\"/_desk/publish\"]");
    assert_eq!(
        location(&site.post("/_desk/publish", &run)),
        "/_desk/publish"
    );
    let deadline = std::time::Instant::now() + crate::serve_support::PATIENCE;
    let mut shown = String::new();
    while std::time::Instant::now() < deadline && !shown.contains("已发布到 单位网站") {
        std::thread::sleep(std::time::Duration::from_millis(200));
        shown = site.get("/_desk/publish").text();
    }
    assert!(shown.contains("已发布到 单位网站"), "{shown}");
    let home = std::fs::read_to_string(target.join("index.html")).unwrap();
    assert!(home.contains("柳湾派出所"));
    assert!(
        !home.contains("__bulletin"),
        "what is published is the build, not the preview"
    );
}
