//! `bulletin new` on a fixture site: the right folder and file name, every field of the
//! kind with a note, never overwriting, and files that build cleanly as they are.

use crate::serve_support;

use serve_support::{Site, NOW};
use std::path::Path;
use std::process::{Command, Output};

fn new(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("new")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run bulletin new")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn each_kind_goes_in_its_folder_with_its_fields_and_builds() {
    let site = Site::fixture("new-site");
    let cases = [
        (
            "notice",
            "冬季防火提醒",
            "content/notices/2026-12-01-dongji-fanghuo-tixing.md",
        ),
        (
            "story",
            "民警帮居民找回钱包",
            "content/stories/2026-12-01-minjing-bang-jumin-zhaohui-qianbao.md",
        ),
        ("guide", "户口迁入", "content/guides/hukou-qianru.md"),
        (
            "faq",
            "身份证丢了怎么办？",
            "content/faq/shenfenzheng-diu-le-zenmeban.md",
        ),
        ("page", "关于我们", "content/pages/guanyu-women.md"),
    ];
    for (kind, title, rel) in cases {
        let out = new(&site.root, &[kind, title, "--now", NOW]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
        let printed = stdout(&out);
        assert!(
            printed.ends_with(rel),
            "{kind}: printed {printed}, expected {rel}"
        );
        assert!(Path::new(&printed).is_file(), "{printed} is not a file");
        let text = site.read(rel);
        assert!(text.contains(&format!("title: \"{title}\"")), "{text}");
        // Every setting line has a note.
        let front: Vec<&str> = text.lines().skip(1).take_while(|l| *l != "---").collect();
        assert!(front.iter().all(|l| l.contains("# ")), "{text}");
    }
    let notice = site.read(cases[0].2);
    for key in [
        "date: 2026-12-01",
        "expires:",
        "pinned: false",
        "urgent: false",
        "summary:",
        "tags: []",
        "category:",
        "related: []",
        "image:",
        "image_alt:",
        "updated:",
        "slug:",
        "aliases: []",
        "draft: false",
        "extra:",
    ] {
        assert!(notice.contains(key), "notice lacks {key}:\n{notice}");
    }
    let guide = site.read(cases[2].2);
    for key in [
        "materials:",
        "steps:",
        "where:",
        "hours:",
        "fees:",
        "duration:",
        "eligibility:",
        "weight:",
    ] {
        assert!(guide.contains(key), "guide lacks {key}:\n{guide}");
    }
    assert!(!guide.contains("expires:") && !guide.contains("date:"));

    // The files build as they are, with no error and no warning.
    let out = site.root.join("public");
    let build = serve_support::build(&site.root, &out);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(!stderr(&build).contains("警告"), "{}", stderr(&build));
    let page = std::fs::read_to_string(out.join("notices/dongji-fanghuo-tixing.html"))
        .expect("the notice page");
    assert!(page.contains("冬季防火提醒"));
    assert!(out.join("guides/hukou-qianru.html").is_file());
    assert!(out.join("faq/shenfenzheng-diu-le-zenmeban.html").is_file());

    // `check` warns, for each page, that the hint text of its body is still there, until
    // it is replaced.
    let notice = site.read(cases[0].2);
    site.save(cases[0].2, &notice.replace("在这里写通知正文", "入冬以后"));
    let check = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["check", "--now", NOW, "--root"])
        .arg(&site.root)
        .output()
        .expect("run bulletin check");
    let said = String::from_utf8_lossy(&check.stdout);
    let left: Vec<&str> = (said.lines())
        .filter(|l| l.contains("正文里还留着新建页面时的提示文字"))
        .collect();
    assert_eq!(left.len(), cases.len() - 1, "{said}");
    for (_, _, rel) in &cases[1..] {
        assert!(left.iter().any(|l| l.starts_with(rel)), "{rel}: {said}");
    }
}

#[test]
fn it_never_overwrites() {
    let site = Site::fixture("new-site");
    let first = new(&site.root, &["guide", "户口迁入"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let rel = "content/guides/hukou-qianru.md";
    site.write_in_place(rel, "---\ntitle: 已经写好的指南\n---\n正文\n");
    let again = new(&site.root, &["guide", "户口迁入"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains(
            "错误：`content/guides/hukou-qianru.md` 已经在用网址 `guides/hukou-qianru.html`。"
        ),
        "{}",
        stderr(&again)
    );
    assert_eq!(site.read(rel), "---\ntitle: 已经写好的指南\n---\n正文\n");

    // A notice of another day with the same name would take the same address.
    assert!(
        new(&site.root, &["notice", "停电通知", "--now", "2026-11-01"])
            .status
            .success()
    );
    let clash = new(&site.root, &["notice", "停电通知", "--now", "2026-12-01"]);
    assert_eq!(clash.status.code(), Some(1));
    let message = stderr(&clash);
    assert!(
        message.contains("content/notices/2026-11-01-")
            && message.contains("` 已经在用网址 `notices/"),
        "{message}"
    );
    let notices = std::fs::read_dir(site.path("content/notices"))
        .expect("folder")
        .count();
    assert_eq!(notices, 1, "no second notice was written");
}

#[test]
fn today_is_the_sites_day() {
    let site = Site::fixture("new-site");
    // 23:30 in London is already the next day in Shanghai, the site's time zone.
    let out = new(
        &site.root,
        &["notice", "元旦安保", "--now", "2026-12-31T23:30:00+00:00"],
    );
    assert!(
        stdout(&out).ends_with("content/notices/2027-01-01-yuandan-anbao.md"),
        "{}",
        stdout(&out)
    );
    // Without --now the clock decides, still with a date in front.
    let out = new(&site.root, &["story", "雨夜护送"]);
    let name = stdout(&out);
    let file = name.rsplit('/').next().unwrap_or_default();
    assert!(
        file.len() > 11 && file.as_bytes()[4] == b'-' && file.ends_with("-yuye-husong.md"),
        "{name}"
    );
}

#[test]
fn any_title_is_safe_in_yaml() {
    let site = Site::fixture("new-site");
    let title = "注意: \"周六\" #1 [重要] {临时}";
    let out = new(&site.root, &["page", title]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let build = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["build", "--now", NOW, "--root"])
        .arg(&site.root)
        .output()
        .expect("run build");
    assert!(build.status.success(), "{}", stderr(&build));
    let page =
        std::fs::read_to_string(site.path("public/pages/zhuyi-zhouliu-1-zhongyao-linshi.html"))
            .expect("page");
    assert!(
        page.contains("注意: &quot;周六&quot; #1 [重要] {临时}")
            || page.contains("注意: \"周六\" #1 [重要] {临时}"),
        "{page}"
    );
}

#[test]
fn mistakes_are_explained() {
    let site = Site::fixture("new-site");
    let empty = new(&site.root, &["notice", "  "]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(stderr(&empty).contains("错误：标题是空的。"));
    let symbols = new(&site.root, &["page", "！？"]);
    assert_eq!(symbols.status.code(), Some(2));
    let kind = new(&site.root, &["poster", "海报"]);
    assert_eq!(kind.status.code(), Some(2));
    let nowhere = tempfile::tempdir().expect("temp");
    let no_site = new(nowhere.path(), &["notice", "通知"]);
    assert_eq!(no_site.status.code(), Some(1));
    assert!(
        stderr(&no_site).contains("site.yaml"),
        "{}",
        stderr(&no_site)
    );
}

fn bulletin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(args)
        .output()
        .expect("run bulletin")
}

#[test]
fn help_and_usage_mistakes_are_in_chinese() {
    for args in [
        &["--help"][..],
        &["new", "--help"],
        &["build", "-h"],
        &["serve", "--help"],
        &["check", "--help"],
    ] {
        let out = bulletin(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = stdout(&out);
        assert!(help.contains("用法：bulletin"), "{args:?}: {help}");
        assert!(help.contains("显示帮助"), "{args:?}: {help}");
        for english in [
            "Usage",
            "Options",
            "Print help",
            "Arguments",
            "possible values",
            "default:",
        ] {
            assert!(!help.contains(english), "{args:?} says {english:?}: {help}");
        }
    }
    assert!(stdout(&bulletin(&["new", "--help"])).contains("通知、指南、问答、故事、页面"));
    for (args, said) in [
        (&["bogus"][..], "错误：没有 `bogus` 这个命令"),
        (
            &["build", "--drafs"],
            "错误：不认识 `--drafs`：是不是要写 `--drafts`？",
        ),
        (
            &["new", "公告", "停水"],
            "错误：没有 `公告` 这种页面：可以写 通知、指南、问答、故事、页面",
        ),
        (&["new", "通知"], "错误：少写了 <标题>"),
        (
            &["serve", "--port", "abc"],
            "错误：`--port <端口>` 的值 `abc` 不对",
        ),
    ] {
        let out = bulletin(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with(said), "{args:?}: {err}");
        assert!(err.contains("提示：运行 `bulletin"), "{args:?}: {err}");
        assert!(
            !err.contains("error:") && !err.contains("For more information"),
            "{err}"
        );
    }
}

#[test]
fn kinds_in_chinese_and_titles_with_spaces_are_taken() {
    let site = Site::fixture("new-site");
    let out = new(&site.root, &["通知", "冬季", "防火", "提醒", "--now", NOW]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("content/notices/2026-12-01-dongji-fanghuo-tixing.md"));
    let text = site.read("content/notices/2026-12-01-dongji-fanghuo-tixing.md");
    assert!(text.contains("title: \"冬季 防火 提醒\""), "{text}");
    for (kind, folder) in [
        ("指南", "guides"),
        ("问答", "faq"),
        ("故事", "stories"),
        ("页面", "pages"),
    ] {
        let out = new(&site.root, &[kind, "Open Day", "--now", NOW]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("content/{folder}/")),
            "{kind}"
        );
    }
}

#[test]
fn a_recurring_title_is_told_to_add_the_date_and_a_long_one_is_cut() {
    let site = Site::fixture("new-site");
    assert_eq!(
        new(&site.root, &["notice", "停水通知", "--now", "2026-11-20"])
            .status
            .code(),
        Some(0)
    );
    let again = new(&site.root, &["notice", "停水通知", "--now", "2026-12-20"]);
    assert_eq!(again.status.code(), Some(1));
    let err = stderr(&again);
    assert!(err.contains("在标题里加上日期"), "{err}");
    assert!(err.contains("`slug: tingshuitongzhi-2026-12`"), "{err}");
    let long = "Waterworks".repeat(40);
    let out = new(&site.root, &["notice", &long, "--now", NOW]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let name = stdout(&out);
    assert!(name.len() < 120, "{name}");
}
