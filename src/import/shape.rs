//! The layout of a Chinese official document (GB/T 9704), read back from its paragraphs:
//! the title, hand-typed or automatic 一、/（一）/1./（1） headings, the 落款 (the station's
//! name and a date at the end) and a 附件 list; and, from these, which kind of page the
//! document most likely is.

use super::doc::{Block, Doc, Para};
use super::numbering::chinese;
use crate::schema::Kind;

const CN_DIGITS: &str = "〇零一二三四五六七八九十百两";

/// The heading level a hand-typed number gives (一、 2, （一） 3, 1. 4, （1） 5), and
/// how many characters the number takes.
pub fn numbered_level(text: &str) -> Option<(u8, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let run = |from: usize, ok: &dyn Fn(char) -> bool| {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| ok(**c))
            .count()
    };
    let is_cn = |c: char| CN_DIGITS.contains(c);
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let open = matches!(chars.first(), Some('（' | '('));
    if open {
        let cn = run(1, &is_cn);
        let dg = run(1, &is_digit);
        let (n, level) = if cn > 0 { (cn, 3) } else { (dg, 5) };
        if n > 0 && matches!(chars.get(1 + n), Some('）' | ')')) {
            return Some((level, n + 2));
        }
        return None;
    }
    let cn = run(0, &is_cn);
    if cn > 0 && chars.get(cn) == Some(&'、') {
        return Some((2, cn + 1));
    }
    let dg = run(0, &is_digit);
    let mark = chars.get(dg).copied();
    let next = chars.get(dg + 1).copied();
    if dg > 0 && dg <= 2 && matches!(mark, Some('.' | '．' | '、')) && !next.is_some_and(is_digit)
    {
        return Some((4, dg + 1));
    }
    None
}

/// Sentence ends: a paragraph ending so is text, not a heading.
const SENTENCE_END: &[char] = &['。', '；', ';', '，', ',', '！', '!', '？', '?', '…'];

/// Mark hand-typed and automatically numbered headings.
/// A short standalone line with a number is a heading only when something comes under
/// it: `1. 居民身份证` followed by `2. 户口簿` is a list, not two headings.
pub fn mark_headings(doc: &mut Doc) {
    // (block index, level, bold) of each candidate.
    let mut found: Vec<(usize, u8, bool)> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let Block::Para(p) = block else { continue };
        if p.heading.is_some() || p.bullet.is_some() || p.has_images() {
            continue;
        }
        let text = p.text();
        let text = text.trim();
        let Some((level, len)) = numbered_level(text) else {
            continue;
        };
        let rest: String = text.chars().skip(len).collect();
        let short = rest.chars().count() <= 30
            && !rest.contains('\n')
            && !rest.trim_end().ends_with(SENTENCE_END);
        if !rest.trim().is_empty() && (p.all_bold() || short) {
            found.push((i, level, p.all_bold()));
        }
    }
    let level_at = |doc: &Doc, i: usize| -> Option<u8> {
        match &doc.blocks[i] {
            Block::Para(p) => p
                .heading
                .or_else(|| found.iter().find(|f| f.0 == i).map(|f| f.1)),
            _ => None,
        }
    };
    for &(i, level, bold) in &found {
        let next = (i + 1..doc.blocks.len()).find(|j| {
            !doc.blocks[*j].text().trim().is_empty() || matches!(doc.blocks[*j], Block::Table(_))
        });
        let empty = next.is_none_or(|j| level_at(doc, j).is_some_and(|l| l <= level));
        if bold || !empty {
            if let Block::Para(p) = &mut doc.blocks[i] {
                p.heading = Some(level);
            }
        }
    }
}

/// The title, taken out of the body: the one the file states, the Title style, or the
/// first centred or large paragraph near the top.
pub fn take_title(doc: &mut Doc) -> Option<String> {
    let near_top: Vec<usize> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.text().trim().is_empty())
        .take(3)
        .map(|(i, _)| i)
        .collect();
    let para = |b: &Block| match b {
        Block::Para(p) => Some(p.clone()),
        _ => None,
    };
    let chosen = if let Some(title) = doc.title.clone() {
        let same = near_top
            .iter()
            .find(|i| squeeze(&doc.blocks[**i].text()) == squeeze(&title));
        if let Some(i) = same {
            doc.blocks.remove(*i);
        }
        return Some(title.trim().to_owned());
    } else {
        doc.blocks
            .iter()
            .position(|b| para(b).is_some_and(|p| p.title_style))
            .or_else(|| {
                near_top.into_iter().find(|i| {
                    para(&doc.blocks[*i])
                        .is_some_and(|p| (p.centered || p.large) && p.heading.is_none())
                })
            })
    };
    let i = chosen?;
    let title = doc.blocks.remove(i).text();
    Some(title.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The 落款 at the end, taken out of the body: the date (`2026年9月20日` or
/// `二〇二六年九月二十日`) as `2026-09-20`, and the signer's name above it.
pub fn take_signature(doc: &mut Doc) -> Option<(String, Option<String>)> {
    let last = doc
        .blocks
        .iter()
        .rposition(|b| !b.text().trim().is_empty())?;
    let text = squeeze(&doc.blocks[last].text());
    let text = text.trim_end_matches(['。', '.']);
    let (signer, date) = match full_date(text) {
        Some(date) => (None, date),
        None => {
            // `柳湾派出所 2026年9月20日` on one line.
            let line = doc.blocks[last].text();
            let (name, date) = line.trim().rsplit_once(char::is_whitespace)?;
            let date = full_date(date.trim())?;
            (Some(name.trim().to_owned()), date)
        }
    };
    doc.blocks.remove(last);
    if signer.is_some() {
        return Some((date, signer));
    }
    let above = doc.blocks.iter().rposition(|b| !b.text().trim().is_empty());
    let signer = above.and_then(|i| {
        let Block::Para(p) = &doc.blocks[i] else {
            return None;
        };
        let name = p.text().trim().to_owned();
        let plain = p.heading.is_none() && p.bullet.is_none() && !p.has_images();
        let fits = name.chars().count() <= 30
            && !name.ends_with(SENTENCE_END)
            && !name.ends_with(['：', ':']);
        (plain && fits && !name.is_empty()).then(|| {
            doc.blocks.remove(i);
            name
        })
    });
    Some((date, signer))
}

/// A whole date, in numbers or in Chinese characters, as `2026-09-20`.
pub fn full_date(text: &str) -> Option<String> {
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日').or(rest.strip_suffix('号'))?;
    let year: String = year
        .chars()
        .map(|c| match c {
            '〇' | '零' | 'Ｏ' | 'O' | 'o' => Some('0'),
            _ => digit(c).or_else(|| {
                let n = "一二三四五六七八九".chars().position(|d| d == c)?;
                char::from_digit(n as u32 + 1, 10)
            }),
        })
        .collect::<Option<_>>()?;
    let year: u32 = year.parse().ok().filter(|_| year.len() == 4)?;
    let month = small_number(month).filter(|m| (1..=12).contains(m))?;
    let day = small_number(day).filter(|d| (1..=31).contains(d))?;
    jiff::civil::Date::new(year as i16, month as i8, day as i8).ok()?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        Some(c)
    } else if ('０'..='９').contains(&c) {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32)
    } else {
        None
    }
}

/// 9, ９ or 九; 20 or 二十.
fn small_number(text: &str) -> Option<u32> {
    let digits: Option<String> = text.chars().map(digit).collect();
    if let Some(n) = digits.and_then(|d| d.parse().ok()) {
        return Some(n);
    }
    (1..=31).find(|n| chinese(*n) == text)
}

/// The first date in a line such as `2026-09-20 10:30` or `2026年9月20日`.
pub fn first_date(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        let number = |from: usize, max: usize| {
            let n = chars[from.min(chars.len())..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .take(max)
                .count();
            let value: String = chars[from..from + n].iter().collect();
            (n, value.parse::<u32>().ok())
        };
        if start > 0 && chars[start - 1].is_ascii_digit() {
            continue;
        }
        let (yn, year) = number(start, 4);
        if yn != 4 || !matches!(chars.get(start + 4), Some('-' | '年' | '/' | '.')) {
            continue;
        }
        let (mn, month) = number(start + 5, 2);
        if mn == 0 || !matches!(chars.get(start + 5 + mn), Some('-' | '月' | '/' | '.')) {
            continue;
        }
        let (dn, day) = number(start + 6 + mn, 2);
        if dn == 0 {
            continue;
        }
        let (Some(y), Some(m), Some(d)) = (year, month, day) else {
            continue;
        };
        if jiff::civil::Date::new(y as i16, m as i8, d as i8).is_ok() {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// The 附件 lines the body lists (kept in the body; the files are not in the document).
pub fn attachments(doc: &Doc) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_list = false;
    for b in &doc.blocks {
        let text = b.text();
        let text = text.trim();
        if text.starts_with("附件") {
            in_list = true;
            out.push(text.to_owned());
        } else if in_list && numbered_level(text).is_some() {
            out.push(text.to_owned());
        } else if !text.is_empty() {
            in_list = false;
        }
    }
    out
}

/// The kind a document most likely is, when staff did not say.
pub fn guess_kind(title: &str, signed: bool, dated_article: bool, guide_like: bool) -> Kind {
    let question = title.ends_with(['？', '?']);
    let notice = ["通知", "通告", "公告", "启事", "提示", "提醒"]
        .iter()
        .any(|w| title.contains(w));
    if guide_like {
        Kind::Guide
    } else if (signed || dated_article) && notice {
        Kind::Notice
    } else if question {
        Kind::Faq
    } else if dated_article {
        Kind::Story
    } else if signed {
        Kind::Notice
    } else {
        Kind::Page
    }
}

/// Blank paragraphs and stray whitespace from the writer's layout are not content.
pub fn drop_empty(doc: &mut Doc) {
    doc.blocks.retain(|b| match b {
        Block::Para(p) => !p.text().trim().is_empty() || p.has_images(),
        _ => true,
    });
    for b in &mut doc.blocks {
        if let Block::Para(p) = b {
            trim_indent(p);
        }
    }
}

/// Official documents indent each paragraph with two full-width spaces: Markdown needs none.
fn trim_indent(p: &mut Para) {
    let text = p.text();
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    p.drop_chars(lead);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_typed_numbers_give_levels() {
        assert_eq!(numbered_level("一、总体要求"), Some((2, 2)));
        assert_eq!(numbered_level("十二、其他"), Some((2, 3)));
        assert_eq!(numbered_level("（一）加强巡逻"), Some((3, 3)));
        assert_eq!(numbered_level("(二)宣传"), Some((3, 3)));
        assert_eq!(numbered_level("1.夜间巡逻"), Some((4, 2)));
        assert_eq!(numbered_level("3．注意"), Some((4, 2)));
        assert_eq!(numbered_level("（1）白天"), Some((5, 3)));
        assert_eq!(numbered_level("1.5米以下"), None);
        assert_eq!(numbered_level("2026年"), None);
        assert_eq!(numbered_level("一些居民"), None);
    }

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(full_date("2026年9月20日").as_deref(), Some("2026-09-20"));
        assert_eq!(
            full_date("二〇二六年九月二十日").as_deref(),
            Some("2026-09-20")
        );
        assert_eq!(
            full_date("二〇二六年十二月三十一日").as_deref(),
            Some("2026-12-31")
        );
        assert_eq!(full_date("2026年2月30日"), None);
        assert_eq!(full_date("今年九月"), None);
        assert_eq!(
            first_date("发布于 2026-09-20 10:30").as_deref(),
            Some("2026-09-20")
        );
        assert_eq!(
            first_date("2026年9月5日 柳湾派出所").as_deref(),
            Some("2026-09-05")
        );
    }
}
