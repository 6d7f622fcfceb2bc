//! Every class of mistake staff make gets an error naming the file, the line and the fix,
//! exit code 1, and the previous output left byte-for-byte as it was.

use crate::site_fixture;

use site_fixture::{snapshot, Fixture, NOW};

/// A good site, built once, so each case can check that a failed build leaves it alone.
fn built_site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/guides/hukou-qianru.md",
        "---\ntitle: 户口迁入\nmaterials: [居民身份证]\n---\n## 所需材料\n\n带身份证。\n",
    );
    f.write(
        "content/notices/2026-10-01-a.md",
        "---\ntitle: 通知\ndate: 2026-10-01\n---\n正文\n",
    );
    f.build_at(NOW).assert_ok();
    f
}

/// Write `files`, build, and check the failure: exit 1, every expected text in stderr, and
/// the old output untouched.
fn assert_rejected(files: &[(&str, &str)], expected: &[&str]) {
    let f = built_site();
    let before = snapshot(&f.output());
    for (path, text) in files {
        f.write(path, text);
    }
    let out = f.build_at(NOW);
    out.assert_failed();
    for text in expected {
        out.assert_stderr_contains(text);
    }
    out.assert_stderr_contains("没有写入任何文件");
    assert_eq!(before, snapshot(&f.output()), "the previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(f.temp())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn yaml_syntax_error_counts_lines_in_the_md_file() {
    assert_rejected(
        &[(
            "content/faq/a.md",
            "---\ntitle: 问题\ntags: [户口, 迁入\nsummary: x\n---\n答案\n",
        )],
        &[
            "content/faq/a.md:4:",
            "错误：信息栏的格式有错，读不懂：`[` 开头的列表没有用 `]` 结束（YAML：",
        ],
    );
}

#[test]
fn typing_slips_are_named_on_the_line_they_were_typed() {
    // A Chinese colon: the parser itself would blame the next line.
    assert_rejected(
        &[
            (
                "content/notices/2026-11-20-water.md",
                "---\ntitle：停水通知\ndate: 2026-11-20\n---\n正文\n",
            ),
            ("content/faq/b.md", "---\ntitle:怎么办\n---\n答案\n"),
            (
                "content/guides/c.md",
                "---\ntitle: 指南\nsteps:\n\t- 取号\n---\n正文\n",
            ),
        ],
        &[
            "content/notices/2026-11-20-water.md:2:6: 错误：`title` 后面的冒号是中文冒号“：”",
            "改成 `title: 停水通知`",
            "content/faq/b.md:2:6: 错误：`title` 后面的英文冒号和内容之间少了一个空格",
            "改成 `title: 怎么办`",
            "content/guides/c.md:4:1: 错误：这一行开头用了 Tab 缩进",
        ],
    );
}

#[test]
fn tags_joined_by_commas_are_refused_with_the_list_written_out() {
    assert_rejected(
        &[
            (
                "content/faq/b.md",
                "---\ntitle: 问\ntags: 户籍，通知、迁入\n---\n答\n",
            ),
            (
                "content/faq/c.md",
                "---\ntitle: 问\ntags: [户籍，通知, 迁入]\n---\n答\n",
            ),
        ],
        &[
            "content/faq/b.md:3:1: 错误：标签 `户籍，通知、迁入` 里有逗号",
            "content/faq/c.md:3:1: 错误：标签 `户籍，通知` 里有逗号",
            "写成 `tags: [户籍, 通知, 迁入]`",
        ],
    );
}

#[test]
fn a_wrong_checklist_item_is_named_on_its_own_line() {
    assert_rejected(
        &[(
            "content/guides/b.md",
            "---\ntitle: 指南\nmaterials:\n  - 照片\n  - { name: 身份证, copies: 两份 }\n  - name: 户口簿\n    原件: true\n  - name: 结婚证\n    copies: 1\n    original: 是\n  - name：离婚证\n---\n正文\n",
        )],
        &[
            "content/guides/b.md:11:5: 错误：`materials` 里的 `name：离婚证` 是一整段文字：`name` 后面的冒号是中文冒号“：”，要用英文冒号“:”。改成 `name: 离婚证`：英文冒号，后面空一格。",
            "content/guides/b.md:5:18: 错误：`身份证` 的 `copies` 应该是整数",
            "content/guides/b.md:7:5: 错误：`materials` 的一项里有不认识的字段 `原件`",
            "content/guides/b.md:10:5: 错误：`结婚证` 的 `original` 应该是 `true`（原件）",
        ],
    );
}

#[test]
fn an_old_address_copied_with_its_page_names_the_page_that_has_it() {
    assert_rejected(
        &[
            (
                "content/guides/a.md",
                "---\ntitle: 迁入\naliases: [old/hukou.html, banshi/index.html]\n---\n正文\n",
            ),
            (
                "content/guides/b.md",
                "---\ntitle: 迁出\naliases: [old/hukou.html, banshi/]\n---\n正文\n",
            ),
        ],
        &[
            "content/guides/b.md:3:1: 错误：旧网址 `old/hukou.html` 已经被占用了：它是 `content/guides/a.md` 的旧网址。",
            "错误：旧网址 `banshi/`（也就是 `banshi/index.html`）已经被占用了",
            "复制别的文件来改时，常把 `aliases` 也一起复制了过来",
        ],
    );
}

#[test]
fn a_key_written_twice_names_both_lines() {
    assert_rejected(
        &[(
            "content/faq/a.md",
            "---\ntitle: 问题\ntags: [户口]\ntitle: 另一个标题\n---\n答案\n",
        )],
        &[
            "content/faq/a.md:4:1: 错误：`title` 写了两次，在第 2 行和第 4 行。",
            "提示：只保留一个：留下值正确的那一行，删掉另一行。",
        ],
    );
    assert_rejected(
        &[(
            "site.yaml",
            "title: 测试派出所\npaginate: 10\npaginate: 20\n",
        )],
        &["site.yaml:3:1: 错误：`paginate` 写了两次，在第 2 行和第 3 行。"],
    );
}

#[test]
fn front_matter_never_closed() {
    assert_rejected(
        &[("content/faq/a.md", "---\ntitle: 问题\n答案\n")],
        &[
            "content/faq/a.md:1:1: 错误：信息栏没有结束：缺少第二个 `---` 行。",
            "提示：在最后一个设置（title、date 等）之后、正文之前，加一行只有 `---` 的内容。",
        ],
    );
}

#[test]
fn missing_required_fields() {
    assert_rejected(
        &[
            ("content/faq/a.md", "---\nsummary: 没有标题\n---\n答案\n"),
            ("content/stories/s.md", "---\ntitle: 故事\n---\n"),
        ],
        &[
            "content/faq/a.md:2:1: 错误：缺少必填字段 `title`。",
            "提示：每个页面都要有标题：在开头的两行 `---` 之间加一行 `title: 户口迁入办理指南`。",
            "content/stories/s.md:2:1: 错误：缺少必填字段 `date`。",
        ],
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    assert_rejected(
        &[(
            "content/notices/2026-10-02-b.md",
            "---\ntitle: 通知\ndate: 2026-10-02\nexpire: 2026-10-08\n---\n",
        )],
        &[
            "content/notices/2026-10-02-b.md:4:1: 错误：不认识的字段 `expire`。",
            "提示：是不是要写 `expires`？",
        ],
    );
}

#[test]
fn key_of_another_kind_says_where_it_belongs() {
    assert_rejected(&[("content/faq/a.md", "---\ntitle: 问题\nmaterials: [身份证]\n---\n")], &["content/faq/a.md:3:1: 错误：这里不能用 `materials`：`materials` 只有办事指南（`content/guides/`）才能用，这个文件在 `content/faq/`。"]);
}

#[test]
fn wrong_types() {
    assert_rejected(
        &[(
            "content/notices/2026-10-02-b.md",
            "---\ntitle: 通知\ndate: 2026-10-02\npinned: 是\nweight: 第一\ntags: { a: 1 }\n---\n",
        )],
        &[
            "2026-10-02-b.md:4:1: 错误：`pinned` 应该是 `true` 或 `false`，现在是文字 `是`。",
            "2026-10-02-b.md:5:1: 错误：`weight` 应该是整数，现在是文字 `第一`。",
            "2026-10-02-b.md:6:1: 错误：`tags` 应该是列表，现在是一组 `名称: 内容` 设置。",
        ],
    );
}

#[test]
fn impossible_date() {
    assert_rejected(
        &[(
            "content/notices/2026-10-02-b.md",
            "---\ntitle: 通知\ndate: 2026-02-30\n---\n",
        )],
        &["2026-10-02-b.md:3:1: 错误：日期 `2026-02-30` 不存在（2 月没有 30 日）。"],
    );
}

#[test]
fn expires_before_date() {
    assert_rejected(
        &[(
            "content/notices/2026-10-02-b.md",
            "---\ntitle: 通知\ndate: 2026-10-02\nexpires: 2026-09-30\n---\n",
        )],
        &["2026-10-02-b.md:4:1: 错误：这条通知的到期日（2026-09-30）早于发布日期（2026-10-02）。"],
    );
}

#[test]
fn duplicate_url_names_both_files() {
    assert_rejected(&[("content/guides/other.md", "---\ntitle: 另一个\nslug: hukou-qianru\n---\n")], &["content/guides/other.md:3:1: 错误：两个页面会用同一个网址 `guides/hukou-qianru.html`：这个文件和 `content/guides/hukou-qianru.md`。"]);
}

#[test]
fn missing_link_target_and_heading() {
    assert_rejected(
        &[("content/faq/a.md", "---\ntitle: 问题\nrelated: [guides/gone.md]\n---\n第一段\n\n见[指南](../guides/hukou-qianru.md#没有这个标题)和[旧页](@/guides/old.md)\n")],
        &[
            "content/faq/a.md:3:1: 错误：`related` 里写了 `guides/gone.md`，但是没有 `content/guides/gone.md` 这个页面。",
            "content/faq/a.md:7:2: 错误：链接指向 `#没有这个标题`，但 `",
            "那里的小标题有：#所需材料。",
            "content/faq/a.md:7:",
            "错误：链接 `@/guides/old.md` 打不开：没有 `content/guides/old.md` 这个页面。",
        ],
    );
}

#[test]
fn bad_site_yaml() {
    assert_rejected(
        &[("site.yaml", "title: 测试\nlanguge: en\n")],
        &[
            "site.yaml:2:1: 错误：不认识的字段 `languge`。",
            "提示：是不是要写 `language`？",
        ],
    );
    assert_rejected(
        &[("site.yaml", "title: [测试\n")],
        &["site.yaml:", "错误：信息栏的格式有错，读不懂"],
    );
}

#[test]
fn template_error_names_template_and_line() {
    assert_rejected(&[("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title </h1>\n{% endblock main %}\n"), ("content/pages/a.md", "---\ntitle: a\n---\n")], &["themes/default/templates/page.html:3:", "错误：模板有错（Tera："]);
    assert_rejected(&[("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock main %}\n"), ("content/pages/a.md", "---\ntitle: a\n---\n")], &["themes/default/templates/page.html:3:13: 错误：模板有错（Tera：Field `titel` is not defined", "Available fields: category, content,"]);
}

#[test]
fn a_template_written_for_tera_1_says_what_changed() {
    let page = "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n{% block main %}{{ m::date(d=page.date) }}{% endblock main %}\n";
    assert_rejected(
        &[
            ("themes/default/templates/page.html", page),
            ("content/pages/a.md", "---\ntitle: a\n---\n"),
        ],
        &[
            "themes/default/templates/page.html:2:4: 错误：模板有错（Tera：Unknown tag）。",
            "按旧版模板语言（Tera 1）写的",
            "`components.html`",
        ],
    );
}

#[test]
fn empty_file() {
    assert_rejected(
        &[("content/faq/a.md", "\n \n")],
        &["content/faq/a.md:1:1: 错误：这个文件是空的。"],
    );
}

#[test]
fn unreadable_encoding_is_refused_not_garbled() {
    let f = built_site();
    f.write_bytes(
        "content/faq/a.md",
        b"---\ntitle: a\n---\n\xFF\xFE\x00\x81\n",
    );
    let out = f.build_at(NOW);
    out.assert_failed();
    out.assert_stderr_contains("content/faq/a.md:");
    out.assert_stderr_contains("错误：这个文件不是 UTF-8 文本（也不是 GBK），硬读出来会是乱码。");
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let f = built_site();
    f.write("content/faq/a.md", "---\ntitel: a\n---\n");
    f.write("content/faq/b.md", "---\ntitle: b\ndraft: maybe\n---\n");
    f.write("content/stories/c.md", "");
    let out = f.build_at(NOW);
    out.assert_failed();
    out.assert_stderr_contains("content/faq/a.md:2:1: 错误：不认识的字段 `titel`。");
    out.assert_stderr_contains(
        "content/faq/b.md:3:1: 错误：`draft` 应该是 `true` 或 `false`，现在是文字 `maybe`。",
    );
    out.assert_stderr_contains("content/stories/c.md:1:1: 错误：这个文件是空的。");
    out.assert_stderr_contains("共 4 个错误，");
}

#[test]
fn output_folders_that_are_not_ours_are_refused() {
    let f = built_site();
    let foreign = f.temp().join("documents");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("report.txt"), "keep me").unwrap();
    for output in [
        f.root().to_path_buf(),
        foreign.clone(),
        f.root().join("content/out"),
    ] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"));
        cmd.args(["build", "--now", NOW, "--root"])
            .arg(f.root())
            .arg("--output")
            .arg(&output);
        let out = site_fixture::run(cmd);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains("错误：不会把网站写进 `"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(foreign.join("report.txt")).unwrap(),
        "keep me"
    );
    assert!(!f.root().join("content/out").exists());
}

/// Whatever staff type, bulletin answers with diagnostics, never a panic (exit 101).
#[test]
fn no_input_makes_it_panic() {
    let inputs: &[&[u8]] = &[
        b"---",
        b"---\n---",
        b"---\n---\n---\n",
        b"---\r\n\r\n",
        b"---\ntitle:\n---\n",
        b"---\ntitle: ~\ndate: ~\n---\n",
        b"---\n- a\n- b\n---\n",
        b"---\n: x\n---\n",
        b"---\ntitle: a\ndate: 99999-99-99\n---\n",
        b"---\ntitle: a\ndate: 2026-09-20T25:61:00+08:00\n---\n",
        b"---\ntitle: a\nweight: 99999999999999999999999\n---\n",
        b"---\ntitle: a\nslug: ../../etc\n---\n",
        b"---\ntitle: a\naliases: [\"\", \"/\", \"a/../..\"]\n---\n",
        b"---\ntitle: a\nextra: !tag { a: [1, {b: 2}] }\n---\n",
        b"---\ntitle: a\nrelated: [../../../x.md, \"\"]\n---\n[x](../../../../x.md) [y](#) [z]()\n",
        b"---\ntitle: a\nimage: ../../etc/passwd\nimage_alt: x\n---\n",
        b"---\ntitle: \"\\u0000\"\n---\n\x00\x01",
        b"\xEF\xBB\xBF",
        b"---\ntitle: a\n---\n**\xE6\xB3\xA8**\xE6*\n# \n## \n[^x]\n<div onclick=x\n",
        b"---\ntitle: &a [*a]\n---\n",
    ];
    let f = built_site();
    for (i, input) in inputs.iter().enumerate() {
        f.write_bytes("content/notices/2026-10-05-fuzz.md", input);
        f.write_bytes(&format!("content/guides/fuzz{i}.md"), input);
        let out = f.build_at(NOW);
        assert!(
            out.code == 0 || out.code == 1,
            "input {i} ({:?}) gave exit {}:\n{}",
            String::from_utf8_lossy(input),
            out.code,
            out.stderr
        );
        assert!(
            !out.stderr.contains("panicked"),
            "input {i}: {}",
            out.stderr
        );
        f.remove(&format!("content/guides/fuzz{i}.md"));
    }
}

#[test]
fn every_slip_of_a_front_matter_is_named_at_once_each_at_its_line() {
    assert_rejected(
        &[(
            "content/notices/2026-11-20-b.md",
            "---\ntitle：停水通知\ndate: 2026-11-20\nexpire: 2026-11-30\n\u{3000}pinned: false\n---\n正文\n",
        )],
        &[
            "content/notices/2026-11-20-b.md:2:6: 错误：`title` 后面的冒号是中文冒号",
            "content/notices/2026-11-20-b.md:4:1: 错误：不认识的字段 `expire`",
            "content/notices/2026-11-20-b.md:5:1: 错误：这一行开头是全角空格",
            "共 3 个错误",
        ],
    );
}

#[test]
fn last_months_notice_of_the_same_title_is_named_with_the_date_to_add() {
    let notice = |date: &str| format!("---\ntitle: 停水通知\ndate: {date}\n---\n正文\n");
    assert_rejected(
        &[
            (
                "content/notices/2026-10-20-tingshui.md",
                &notice("2026-10-20"),
            ),
            (
                "content/notices/2026-11-20-tingshui.md",
                &notice("2026-11-20"),
            ),
        ],
        &[
            "content/notices/2026-11-20-tingshui.md",
            "两个页面会用同一个网址 `notices/tingshui.html`",
            "`slug: tingshui-2026-11`",
        ],
    );
}
