//! Writes two import fixtures with docx-rs's writer, one of the two writers of the import
//! fixtures (`tests/fixtures/import/make.sh` runs it):
//! - `tongzhi-docx-rs.docx`: a notice in the official layout with Word's automatic Chinese
//!   numbering (`chineseCounting`, `%1、`, `（%1）`), a decimal list, a table with cells
//!   merged down and across, a picture without a description, a link, a footnote, an
//!   attachment line and a 落款 in Arabic numerals;
//! - `huzhao-docx-rs.docx`: a guide whose headings are Word heading styles, named in
//!   English (`heading 1`) and in Chinese (`标题 2`…`标题 4`) as some writers name them,
//!   with 办理条件, 所需材料 and 办理流程 sections.

use docx_rs::*;
use std::path::{Path, PathBuf};

fn text(t: &str) -> Run {
    Run::new().add_text(t).size(32)
}

fn para(t: &str) -> Paragraph {
    Paragraph::new().add_run(text(t))
}

fn numbered(t: &str, level: usize) -> Paragraph {
    para(t).numbering(NumberingId::new(1), IndentLevel::new(level))
}

fn cell(t: &str) -> TableCell {
    TableCell::new().add_paragraph(para(t))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    notice(&folder)?;
    guide(&folder)
}

fn notice(folder: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let png = std::fs::read(folder.join("gongzhonghao_files/xunluo.png"))?;
    let level = |n, format: &str, text: &str| {
        Level::new(
            n,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let table = Table::new(vec![
        TableRow::new(vec![cell("检查对象"), cell("时间"), cell("负责民警")]),
        TableRow::new(vec![
            cell("沿街商铺").vertical_merge(VMergeType::Restart),
            cell("12月1日至5日"),
            cell("王警官"),
        ]),
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .vertical_merge(VMergeType::Continue),
            cell("12月8日至12日"),
            cell("李警官"),
        ]),
        TableRow::new(vec![cell("出租房屋：全月，由社区民警分片负责").grid_span(3)]),
    ]);
    let docx = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(1)
                .add_level(level(0, "chineseCounting", "%1、"))
                .add_level(level(1, "chineseCounting", "（%2）"))
                .add_level(level(2, "decimal", "%3.")),
        )
        .add_numbering(Numbering::new(1, 1))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("关于开展冬季防火安全检查的通知").size(44))
                .align(AlignmentType::Center),
        )
        .add_paragraph(para("各社区居民、辖区各单位："))
        .add_paragraph(
            Paragraph::new()
                .add_run(text("入冬以后天干物燥，火灾多发。为保障辖区安全，"))
                .add_run(text("柳湾派出所").bold())
                .add_run(text("决定开展冬季防火安全检查。"))
                .add_run(text("详见").italic())
                .add_hyperlink(
                    Hyperlink::new("https://www.119.gov.cn/", HyperlinkType::External)
                        .add_run(text("国家消防救援局网站")),
                )
                .add_run(text("。").add_footnote_reference(
                    Footnote::new().add_content(para("依据《中华人民共和国消防法》第十六条。")),
                )),
        )
        .add_paragraph(numbered("检查时间和范围", 0))
        .add_paragraph(para("检查从12月1日开始，安排如下："))
        .add_table(table)
        .add_paragraph(numbered("检查内容", 0))
        .add_paragraph(numbered("电动自行车", 1))
        .add_paragraph(numbered(
            "楼道、楼梯间不得停放电动自行车，不得私拉电线充电，充电要到小区集中充电桩，这一条请各户务必遵守。",
            2,
        ))
        .add_paragraph(numbered(
            "发现飞线充电的，民警和网格员会当场劝导，并拍照登记，拒不整改的依法处理。",
            2,
        ))
        .add_paragraph(numbered("燃气使用", 1))
        .add_paragraph(para("使用燃气的商铺要安装燃气报警器，定期检查软管。"))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_image(Pic::new_with_dimensions(png, 40, 30))),
        )
        .add_paragraph(para("附件：冬季防火检查登记表"))
        .add_paragraph(para("柳湾派出所").align(AlignmentType::Right))
        .add_paragraph(para("2026年9月20日").align(AlignmentType::Right));
    let file = std::fs::File::create(folder.join("tongzhi-docx-rs.docx"))?;
    docx.build().pack(file)?;
    Ok(())
}

fn guide(folder: &Path) -> Result<(), Box<dyn std::error::Error>> {
    // (style id, style name, level): ids as WPS writes them, names in both languages.
    let styles = [
        ("Heading1", "heading 1", 0),
        ("3", "标题 2", 1),
        ("4", "标题 3", 2),
        ("5", "标题 4", 3),
    ];
    let heading = |t: &str, level: usize| para(t).style(styles[level].0);
    let mut docx = Docx::new().add_style(Style::new("Title", StyleType::Paragraph).name("Title"));
    for (id, name, _) in styles {
        docx = docx.add_style(Style::new(id, StyleType::Paragraph).name(name).bold());
    }
    let docx = docx
        .add_paragraph(para("护照办理指南").style("Title"))
        .add_paragraph(para("出国旅游、探亲、学习的居民，可以申请普通护照。"))
        .add_paragraph(heading("一、办理条件", 0))
        .add_paragraph(para("具有中国国籍、在本市居住的居民。"))
        .add_paragraph(heading("二、所需材料", 0))
        .add_paragraph(para("1. 居民身份证原件"))
        .add_paragraph(para("2. 近期彩色照片1份"))
        .add_paragraph(heading("三、办理流程", 0))
        .add_paragraph(para("1. 在网上预约办理时间；"))
        .add_paragraph(para("2. 到窗口采集指纹和照片；"))
        .add_paragraph(para("3. 缴费后领取回执。"))
        .add_paragraph(heading("四、注意事项", 0))
        .add_paragraph(heading("（一）未成年人", 1))
        .add_paragraph(para("未满16周岁的，要由监护人陪同。"))
        .add_paragraph(heading("监护人的证件", 2))
        .add_paragraph(para("监护人带上自己的居民身份证和户口簿。"))
        .add_paragraph(heading("父母不能到场的", 3))
        .add_paragraph(para("带上父母签字的委托书。"));
    let file = std::fs::File::create(folder.join("huzhao-docx-rs.docx"))?;
    docx.build().pack(file)?;
    Ok(())
}
