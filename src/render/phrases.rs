//! Phone numbers and counted things in running text, made for a phone's small screen.
//!
//! A number residents are told to call should dial when tapped, wherever staff wrote it: in
//! a guide's body, its steps and checklist, a FAQ answer or a page. And a count must not
//! break away from its measure word at the end of a line (`2` / `张`): Chinese text may
//! break between any two characters, so a WORD JOINER (U+2060, invisible, three bytes)
//! goes between them, and the space of `2 张` becomes a no-break space.
//!
//! Markdown bodies use [`pieces`] for their text events; templates use the `phrases`
//! filter ([`to_html`]) for the texts of a guide's front matter.

use super::templates::escape_html;
use std::borrow::Cow;

/// Keeps the characters on either side on one line, and is not seen or read aloud.
const JOINER: char = '\u{2060}';

/// Service numbers dialled as they are: police, fire, ambulance, traffic, the citizens'
/// hotline, the immigration service, the anti-fraud centre, consumer and legal aid lines.
const HOTLINES: &[&str] = &[
    "110", "119", "120", "122", "12110", "12345", "12367", "96110", "12315", "12348",
];

/// Measure words a count goes with, longest first where one starts another.
const MEASURES: &[&str] = &[
    "个工作日",
    "工作日",
    "个月",
    "周岁",
    "分钟",
    "小时",
    "公里",
    "张",
    "份",
    "个",
    "元",
    "块",
    "天",
    "年",
    "岁",
    "次",
    "本",
    "页",
    "寸",
    "人",
    "名",
    "位",
    "件",
    "项",
    "周",
    "层",
    "栋",
    "号",
];

/// A part of a text: text to show as it is (joiners added), or a phone number to link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(Cow<'a, str>),
    Tel { shown: &'a str, dial: String },
}

/// Whether a number cannot start right after `c`: inside a word, a time (9:00), a date
/// (2026-11-05), an address or a decimal.
fn joined_to_number(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':' | '/' | '+' | '_')
}

/// The number written from `start`: digits with single spaces or dashes between them.
/// Returns its end and its digits.
fn number_run(text: &str, start: usize) -> (usize, String) {
    let bytes = text.as_bytes();
    let mut digits = String::new();
    let mut end = start;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => {
                digits.push(bytes[i] as char);
                i += 1;
                end = i;
            }
            b' ' | b'-' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) && end == i => i += 1,
            _ => break,
        }
    }
    (end, digits)
}

/// Whether `digits` (written with `groups` groups) is a number a resident can call.
fn is_phone(digits: &str, groups: usize) -> bool {
    let n = digits.len();
    let b = digits.as_bytes();
    if groups == 1 && HOTLINES.contains(&digits) {
        return true;
    }
    let landline = b[0] == b'0' && (10..=12).contains(&n);
    let mobile = n == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    let service = n == 10 && (digits.starts_with("400") || digits.starts_with("800"));
    landline || mobile || service
}

/// The measure word at the start of `rest`, if any.
fn measure_at(rest: &str) -> Option<&'static str> {
    MEASURES.iter().copied().find(|m| rest.starts_with(m))
}

/// `text` split into what to show and the phone numbers in it.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut plain = String::new();
    // Start of the text not yet copied to `plain`; while `plain` is empty and nothing was
    // changed, the text is borrowed.
    let mut copied = 0;
    let mut changed = false;
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !c.is_ascii_digit() || prev.is_some_and(joined_to_number) {
            prev = Some(c);
            i += c.len_utf8();
            continue;
        }
        let (end, digits) = number_run(text, i);
        let after = text[end..].chars().next();
        let free =
            !after.is_some_and(|a| a.is_ascii_alphanumeric() || matches!(a, ':' | '/' | '.'));
        let groups = text[i..end].split([' ', '-']).count();
        if free && is_phone(&digits, groups) {
            plain.push_str(&text[copied..i]);
            if !plain.is_empty() {
                out.push(Piece::Text(Cow::Owned(std::mem::take(&mut plain))));
            }
            out.push(Piece::Tel {
                shown: &text[i..end],
                dial: digits,
            });
            copied = end;
            changed = true;
            prev = text[..end].chars().next_back();
            i = end;
            continue;
        }
        // A count: the first group of digits, with its decimals.
        let mut count_end = i + text[i..].bytes().take_while(u8::is_ascii_digit).count();
        if text[count_end..].starts_with('.') {
            let decimals = text[count_end + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if decimals > 0 {
                count_end += 1 + decimals;
            }
        }
        let (gap, rest) = match text[count_end..].strip_prefix(' ') {
            Some(rest) => (1, rest),
            None => (0, &text[count_end..]),
        };
        match measure_at(rest) {
            Some(m) => {
                plain.push_str(&text[copied..count_end]);
                plain.push(if gap == 1 { '\u{a0}' } else { JOINER });
                let mut chars = m.chars();
                plain.extend(chars.next());
                for c in chars {
                    plain.push(JOINER);
                    plain.push(c);
                }
                copied = count_end + gap + m.len();
                changed = true;
                prev = m.chars().next_back();
                i = copied;
            }
            None => {
                prev = text[..count_end].chars().next_back();
                i = count_end;
            }
        }
    }
    if !changed {
        return vec![Piece::Text(Cow::Borrowed(text))];
    }
    plain.push_str(&text[copied..]);
    if !plain.is_empty() {
        out.push(Piece::Text(Cow::Owned(plain)));
    }
    out
}

/// The link of a phone number, as the theme's `tel` component writes one.
pub fn tel_link(shown: &str, dial: &str) -> String {
    format!("<a href=\"tel:{dial}\">{shown}</a>")
}

/// `text` as HTML: escaped, phone numbers linked, counts kept with their measure words.
pub fn to_html(text: &str) -> String {
    let mut html = Vec::with_capacity(text.len() + 16);
    for piece in pieces(text) {
        match piece {
            // Writing into memory cannot fail.
            Piece::Text(t) => escape_html(&t, &mut html).unwrap_or(()),
            Piece::Tel { shown, dial } => html.extend_from_slice(tel_link(shown, &dial).as_bytes()),
        }
    }
    String::from_utf8_lossy(&html).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        to_html(text).replace(JOINER, "⁀").replace('\u{a0}', "␣")
    }

    #[test]
    fn phone_numbers_become_links_and_other_numbers_do_not() {
        for (text, html) in [
            (
                "请打电话 012-3456 7891 预约",
                "请打电话 <a href=\"tel:01234567891\">012-3456 7891</a> 预约",
            ),
            ("拨打110报警", "拨打<a href=\"tel:110\">110</a>报警"),
            (
                "手机13800001111，热线 12367。",
                "手机<a href=\"tel:13800001111\">13800001111</a>，热线 <a href=\"tel:12367\">12367</a>。",
            ),
            // Times, dates, prices, house numbers and codes stay text.
            ("9:00-17:00", "9:00-17:00"),
            ("2026-11-05", "2026-11-05"),
            ("ID110", "ID110"),
            ("1100", "1100"),
            ("110.5", "110.5"),
            ("江ICP备00000000号-1", "江ICP备00000000⁀号-1"),
        ] {
            assert_eq!(shown(text), html, "{text}");
        }
    }

    #[test]
    fn a_count_stays_with_its_measure_word() {
        for (text, html) in [
            ("复印件2张", "复印件2⁀张"),
            ("复印件 2 张", "复印件 2␣张"),
            ("5个工作日", "5⁀个⁀工⁀作⁀日"),
            ("2.5小时", "2.5⁀小⁀时"),
            ("共8人，10元", "共8⁀人，10⁀元"),
            ("路88号", "路88⁀号"),
            ("3楼", "3楼"),
            ("<b>&", "&lt;b&gt;&amp;"),
        ] {
            assert_eq!(shown(text), html, "{text}");
        }
    }

    #[test]
    fn untouched_text_is_borrowed() {
        assert!(matches!(
            pieces("没有数字").as_slice(),
            [Piece::Text(Cow::Borrowed("没有数字"))]
        ));
        assert!(matches!(
            pieces("9:00").as_slice(),
            [Piece::Text(Cow::Borrowed(_))]
        ));
        assert_eq!(
            pieces("110"),
            [Piece::Tel {
                shown: "110",
                dial: "110".into()
            }]
        );
    }
}
