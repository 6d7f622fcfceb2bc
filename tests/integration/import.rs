//! `bulletin import` on the committed fixtures (tests/fixtures/import, made by make.sh with
//! docx-rs, LibreOffice and by hand): the front matter and Markdown written, the images
//! beside the pages, the review report, and drafts that `check` passes and a `--drafts`
//! build publishes.

use crate::serve_support;

use serve_support::{Site, NOW};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn bulletin(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(args)
        .args(["--now", NOW, "--root"])
        .arg(root)
        .output()
        .expect("run bulletin")
}

fn import(site: &Site, files: &[&str], kind: Option<&str>) -> Output {
    let paths: Vec<String> = files
        .iter()
        .map(|f| fixture(f).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    if let Some(kind) = kind {
        args.extend(["--kind", kind]);
    }
    bulletin(&site.root, &args)
}

/// A fresh site with `files` imported into it, and what import said.
fn imported(files: &[&str], kind: Option<&str>) -> (Site, String) {
    let site = Site::fixture("new-site");
    let out = import(&site, files, kind);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    (site, text(&out.stdout))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The front matter's lines that hold a value, without their notes.
fn settings(page: &str) -> Vec<String> {
    page.lines()
        .skip(1)
        .take_while(|l| *l != "---")
        .map(|l| l.split(" # ").next().unwrap_or(l).trim_end().to_owned())
        .filter(|l| !l.ends_with(':') && !l.ends_with("[]") && !l.ends_with("false"))
        .collect()
}

fn body(page: &str) -> &str {
    page.splitn(3, "---\n").nth(2).unwrap_or("").trim()
}

#[test]
fn a_notice_from_docx_rs_keeps_numbering_tables_images_and_the_signature() {
    let (site, said) = imported(&["tongzhi-docx-rs.docx"], None);
    let rel =
        "content/notices/2026-09-20-guanyu-kaizhan-dongji-fanghuo-anquanjiancha-de-tongzhi.md";
    assert!(said.lines().next().unwrap_or("").contains(rel), "{said}");
    assert!(said.contains("按内容猜是“通知公告（notice）”"), "{said}");
    assert!(said.contains("落款（柳湾派出所，2026-09-20）"), "{said}");
    assert!(said.contains("合并的单元格"), "{said}");
    assert!(said.contains("第 1 张图片没有文字说明"), "{said}");
    assert!(said.contains("附件：冬季防火检查登记表"), "{said}");

    let page = site.read(rel);
    assert_eq!(
        settings(&page),
        [
            "title: \"关于开展冬季防火安全检查的通知\"",
            "date: 2026-09-20",
            "draft: true"
        ]
    );
    let body = body(&page);
    let image = "guanyu-kaizhan-dongji-fanghuo-anquanjiancha-de-tongzhi-1.png";
    let expected = [
        "各社区居民、辖区各单位：",
        "入冬以后天干物燥，火灾多发。为保障辖区安全，**柳湾派出所**决定开展冬季防火安全检查。*详见*[国家消防救援局网站](<https://www.119.gov.cn/>)。[^1]",
        // Word's chineseCounting `%1、` and `（%2）`, written out as Word shows them.
        "## 一、检查时间和范围",
        "检查从12月1日开始，安排如下：",
        "<table>",
        "<tr><td rowspan=\"2\">沿街商铺</td><td>12月1日至5日</td><td>王警官</td></tr>",
        "<tr><td>12月8日至12日</td><td>李警官</td></tr>",
        "<tr><td colspan=\"3\">出租房屋：全月，由社区民警分片负责</td></tr>",
        "## 二、检查内容",
        "### （一）电动自行车",
        "1. 楼道、楼梯间不得停放电动自行车",
        "2. 发现飞线充电的",
        "### （二）燃气使用",
        &format!("![]({image})"),
        "附件：冬季防火检查登记表",
        "[^1]: 依据《中华人民共和国消防法》第十六条。",
    ];
    let mut from = 0;
    for part in expected {
        let at = body[from..]
            .find(part)
            .unwrap_or_else(|| panic!("`{part}` missing or out of order in:\n{body}"));
        from += at + part.len();
    }
    // The title and the signature are not repeated in the body.
    assert!(!body.contains("关于开展冬季防火安全检查的通知"), "{body}");
    assert!(
        !body.contains("2026年9月20日") && !body.contains("\n柳湾派出所"),
        "{body}"
    );
    let png = std::fs::read(site.path(&format!("content/notices/{image}"))).expect("image");
    assert_eq!(
        png,
        std::fs::read(fixture("gongzhonghao_files/xunluo.png")).expect("fixture image")
    );
}

#[test]
fn a_guide_from_libreoffice_fills_materials_and_facts() {
    let (site, said) = imported(&["banshi-libreoffice.docx"], Some("guide"));
    assert!(!said.contains("猜"), "the kind was given: {said}");
    assert!(said.contains("4 项材料写进了 materials"), "{said}");
    let page = site.read("content/guides/juzhuzheng-banli-zhinan.md");
    assert_eq!(
        settings(&page),
        [
            "title: \"居住证办理指南\"",
            // 二〇二六年九月二十日
            "date: 2026-09-20",
            "  - { name: \"居民身份证\", note: \"原件和复印件\", copies: 1, original: true }",
            "  - { name: \"近期一寸免冠照片\", copies: 2 }",
            "  - { name: \"房屋租赁合同\", note: \"加盖房东签名\", original: false }",
            "  - \"居住证申领登记表\"",
            "where: \"柳湾派出所户籍大厅2号窗口\"",
            "hours: \"周一至周五 9:00-17:00\"",
            "fees: \"首次申领免费\"",
            "duration: \"15个工作日\"",
            "draft: true",
        ]
    );
    assert_eq!(
        body(&page),
        "在本辖区居住半年以上、有合法稳定就业或住所的非本市户籍人员，可以申领居住证。\n\n\
         ## 三、注意事项\n\n\
         ### （一）材料不全的\n\n\
         窗口会一次性告知需要补充的材料，请**不要**让别人代为填写登记表。\n\n\
         ### （二）领证方式\n\n\
         可以到窗口领取，也可以选择邮寄到家。\n\n\
         （1）窗口领取的，凭回执领取。\n\n\
         （2）邮寄的，邮费由申请人承担。\n\n\
         ![户籍大厅2号窗口，窗口上方挂着“居住证”的牌子](juzhuzheng-banli-zhinan-1.png)"
    );
    assert!(site
        .path("content/guides/juzhuzheng-banli-zhinan-1.png")
        .is_file());
}

#[test]
fn a_saved_article_brings_its_saved_and_lazy_images() {
    let (site, said) = imported(&["gongzhonghao.html"], None);
    assert!(said.contains("按内容猜是“警民故事（story）”"), "{said}");
    assert!(said.contains("第 2 张图片没有文字说明"), "{said}");
    assert!(
        said.contains("https://mmbiz.qpic.cn/mmbiz_jpg/Liuwan/641?wx_fmt=jpeg"),
        "the picture only on the web is named: {said}"
    );
    let stem = "shenye-milu-laoren-minjing-nuan-xin-husong-huijia";
    let page = site.read(&format!("content/stories/2026-10-16-{stem}.md"));
    assert_eq!(
        settings(&page),
        [
            "title: \"深夜迷路老人 民警暖心护送回家\"",
            "date: 2026-10-16",
            "draft: true"
        ]
    );
    assert_eq!(
        body(&page),
        format!(
            "10月15日晚上11点，巡逻民警在柳湾路口遇到一位独自徘徊的老人。\n\n\
             ![民警扶老人上警车]({stem}-1.png)\n\n\
             ## 一、耐心询问\n\n\
             老人说不清住址，民警一边安抚，一边联系社区网格员。*天冷*，民警把自己的外套披在老人身上。\n\n\
             ## 二、连夜送回\n\n\
             凌晨1点，民警把老人送回家中。家属连声道谢：\\\n“多亏了你们！”\n\n\
             ![]({stem}-2.png)\n\n\
             提醒：家有老人的，可以在老人衣兜里放一张写有家人电话的卡片，详见[防走失小贴士](<https://mp.weixin.qq.com/s/fangzou>)。\n\n\
             | 时间 | 经过 |\n| --- | --- |\n| 23:00 | 发现老人 |\n| 01:00 | 送回家中 |"
        )
    );
    // `src` from the saved files folder, and the lazy `data-src` one too.
    for (n, saved) in [(1, "640.png"), (2, "640(1).png")] {
        let got = std::fs::read(site.path(&format!("content/stories/{stem}-{n}.png")));
        let want = std::fs::read(fixture(&format!("gongzhonghao_files/{saved}")));
        assert_eq!(got.ok(), want.ok(), "image {n}");
    }
}

#[test]
fn word_heading_styles_and_a_guides_steps_and_eligibility() {
    let (site, said) = imported(&["huzhao-docx-rs.docx"], Some("guide"));
    assert!(said.contains("3 个步骤写进了 steps"), "{said}");
    assert!(said.contains("办理条件写进了 eligibility"), "{said}");
    let page = site.read("content/guides/huzhao-banli-zhinan.md");
    assert_eq!(
        settings(&page),
        [
            "title: \"护照办理指南\"",
            "  - { name: \"居民身份证\", original: true }",
            "  - { name: \"近期彩色照片\", copies: 1 }",
            "  - \"在网上预约办理时间\"",
            "  - \"到窗口采集指纹和照片\"",
            "  - \"缴费后领取回执\"",
            "eligibility: \"具有中国国籍、在本市居住的居民\"",
            "draft: true",
        ]
    );
    // `heading 1` and `标题 2`…`标题 4`: levels 2 to 5, the typed numbers kept; the
    // unnumbered ones are headings by their style alone.
    assert_eq!(
        body(&page),
        "出国旅游、探亲、学习的居民，可以申请普通护照。\n\n\
         ## 四、注意事项\n\n\
         ### （一）未成年人\n\n\
         未满16周岁的，要由监护人陪同。\n\n\
         #### 监护人的证件\n\n\
         监护人带上自己的居民身份证和户口簿。\n\n\
         ##### 父母不能到场的\n\n\
         带上父母签字的委托书。"
    );
}

#[test]
fn a_markdown_file_becomes_a_draft_as_written() {
    let (site, said) = imported(&["chuangkou.md"], None);
    let rel = "content/pages/huji-chuangkou-ban-dao-le-yilou.md";
    assert!(said.lines().next().unwrap_or("").contains(rel), "{said}");
    assert!(said.contains("按内容猜是“其他页面（page）”"), "{said}");
    assert!(said.contains("1 个小标题"), "{said}");
    let page = site.read(rel);
    assert_eq!(
        settings(&page),
        ["title: \"户籍窗口搬到了一楼\"", "draft: true"]
    );
    let written = std::fs::read_to_string(fixture("chuangkou.md")).expect("fixture");
    let rest = written
        .strip_prefix("# 户籍窗口搬到了一楼\n\n")
        .expect("the fixture opens with its title");
    assert_eq!(body(&page), rest.trim());
}

#[test]
fn gbk_text_with_hand_typed_numbers_and_a_chinese_date() {
    let (site, _) = imported(&["tixing-gbk.txt"], Some("notice"));
    let page =
        site.read("content/notices/2026-09-20-guanyu-fangfan-dianxin-wangluo-zhapian-de-tixing.md");
    assert!(
        page.contains("title: \"关于防范电信网络诈骗的提醒\""),
        "{page}"
    );
    assert_eq!(
        body(&page),
        "广大居民朋友：\n\n近期辖区发生多起冒充客服退款的诈骗案件，请大家提高警惕。\n\n\
         ## 一、常见骗术\n\n### （一）冒充电商客服\n\n\
         对方称商品有质量问题要退款，让你下载会议软件共享屏幕。\n\n\
         ### （二）冒充公检法\n\n对方称你涉嫌洗钱，要求把钱转到“安全账户”。\n\n\
         ## 二、防范要点\n\n凡是让你转账到“安全账户”的，都是诈骗。接到可疑电话，请拨打96110咨询。"
    );
}

#[test]
fn imported_drafts_pass_check_and_build_with_drafts() {
    let site = Site::fixture("new-site");
    let all = [
        "tongzhi-docx-rs.docx",
        "gongzhonghao.html",
        "tixing-gbk.txt",
        "chuangkou.md",
    ];
    let out = import(&site, &all, None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = import(
        &site,
        &["banshi-libreoffice.docx", "huzhao-docx-rs.docx"],
        Some("guide"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let check = bulletin(&site.root, &["check", "--drafts"]);
    let said = text(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{said}");
    assert!(said.contains("共 0 个错误"), "{said}");
    assert!(said.contains("检查了 6 个页面"), "{said}");

    // Drafts are not published by an ordinary build.
    let output = site.root.join("public");
    let build = bulletin(
        &site.root,
        &["build", "--drafts", "--output", output.to_str().unwrap()],
    );
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    let notice = std::fs::read_to_string(
        output.join("notices/guanyu-kaizhan-dongji-fanghuo-anquanjiancha-de-tongzhi.html"),
    )
    .expect("the notice page");
    assert!(
        notice.contains("rowspan=\"2\""),
        "the merged table survives"
    );
    assert!(notice.contains("国家消防救援局网站"));
    let guide = std::fs::read_to_string(output.join("guides/juzhuzheng-banli-zhinan.html"))
        .expect("the guide page");
    assert!(guide.contains("近期一寸免冠照片") && guide.contains("柳湾派出所户籍大厅2号窗口"));
    assert!(output
        .join("stories/shenye-milu-laoren-minjing-nuan-xin-husong-huijia-2.png")
        .is_file());

    let published = site.root.join("published");
    let build = bulletin(
        &site.root,
        &["build", "--output", published.to_str().unwrap()],
    );
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));
    assert!(!published
        .join("guides/juzhuzheng-banli-zhinan.html")
        .exists());
}

#[test]
fn never_overwrites_and_names_what_it_cannot_read() {
    let site = Site::fixture("new-site");
    let first = import(&site, &["tixing-gbk.txt"], None);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let rel = "content/notices/2026-09-20-guanyu-fangfan-dianxin-wangluo-zhapian-de-tixing.md";
    site.save(
        rel,
        "---\ntitle: 改过的\ndate: 2026-09-20\n---\n改过的正文\n",
    );

    // The same file again, an unreadable one and a missing one: each named with why, the
    // edited page untouched, and the good file in the same run still imported.
    let missing = site.root.join("没有这个文件.docx");
    let out = bulletin(
        &site.root,
        &[
            "import",
            fixture("tixing-gbk.txt").to_str().unwrap(),
            fixture("make.sh").to_str().unwrap(),
            missing.to_str().unwrap(),
            fixture("gongzhonghao.html").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("已经在用网址"), "{err}");
    // Said in import's words, not `new`'s.
    assert!(err.contains("是不是已经导入过这个文档"), "{err}");
    assert!(!err.contains("给新页面换一个标题"), "{err}");
    assert!(err.contains("make.sh") && err.contains("只能导入"), "{err}");
    assert!(
        err.contains("没有这个文件.docx") && err.contains("找不到这个文件"),
        "{err}"
    );
    assert_eq!(
        site.read(rel),
        "---\ntitle: 改过的\ndate: 2026-09-20\n---\n改过的正文\n"
    );
    assert!(
        text(&out.stdout).contains("content/stories/2026-10-16-"),
        "{}",
        text(&out.stdout)
    );

    // A broken .docx is a file that cannot be read, not a crash.
    let broken = site.root.join("坏的.docx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    let out = bulletin(&site.root, &["import", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不是一个完整的 Word 文档"),
        "{}",
        text(&out.stderr)
    );

    // Usage errors: no file, an unknown kind.
    let out = bulletin(&site.root, &["import"]);
    assert_eq!(out.status.code(), Some(2));
    let out = import(&site, &["tixing-gbk.txt"], Some("poster"));
    assert_eq!(out.status.code(), Some(2));
}
