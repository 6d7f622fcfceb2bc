//! Word's automatic numbering written out as the text Word shows: each list level's
//! format (`chineseCounting` 一二三, decimal, letters, roman, circled) put into its level
//! text (`%1、`, `（%1）`, `%1.%2`), counting on across the document as Word does.

use super::xml::Element;
use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// What a numbered paragraph shows before its text.
#[derive(Debug, PartialEq, Eq)]
pub enum Label {
    Bullet,
    Text(String),
}

#[derive(Debug, Default)]
pub struct Numbering {
    /// Levels of each abstract list.
    abstracts: HashMap<String, Vec<Level>>,
    /// A numbering instance: its abstract list and the levels whose start it overrides.
    nums: HashMap<String, (String, Vec<(usize, u32)>)>,
    /// Counters of each abstract list: lists sharing one continue each other, as in Word.
    counters: HashMap<String, [Option<u32>; 9]>,
    started: Vec<String>,
}

impl Numbering {
    pub fn read(root: Option<&Element>) -> Numbering {
        let mut n = Numbering::default();
        let Some(root) = root else { return n };
        for a in root.children_named("abstractNum") {
            let levels = a
                .children_named("lvl")
                .map(|l| Level {
                    start: l.val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    format: l.val("numFmt").unwrap_or("decimal").to_owned(),
                    text: l.val("lvlText").unwrap_or("").to_owned(),
                })
                .collect();
            if let Some(id) = a.attr("abstractNumId") {
                n.abstracts.insert(id.to_owned(), levels);
            }
        }
        for num in root.children_named("num") {
            let (Some(id), Some(abs)) = (num.attr("numId"), num.val("abstractNumId")) else {
                continue;
            };
            let overrides = num
                .children_named("lvlOverride")
                .filter_map(|o| {
                    let level = o.attr("ilvl")?.parse().ok()?;
                    let start = o.val("startOverride")?.parse().ok()?;
                    Some((level, start))
                })
                .collect();
            n.nums.insert(id.to_owned(), (abs.to_owned(), overrides));
        }
        n
    }

    /// The label of the next paragraph numbered `num_id` at `level`, counting it.
    pub fn next(&mut self, num_id: &str, level: usize) -> Option<Label> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let this = levels.get(level)?;
        if this.format == "bullet" {
            return Some(Label::Bullet);
        }
        let counters = self.counters.entry(abs.clone()).or_default();
        if !self.started.iter().any(|s| s == num_id) {
            self.started.push(num_id.to_owned());
            for (l, start) in overrides {
                if let Some(c) = counters.get_mut(*l) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        let level = level.min(8);
        counters[level] = Some(counters[level].map_or(this.start, |c| c + 1));
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        if this.format == "none" {
            return Some(Label::Text(String::new()));
        }
        let mut text = this.text.clone();
        for (i, l) in levels.iter().enumerate().take(9).rev() {
            let value = counters[i].unwrap_or(l.start);
            text = text.replace(&format!("%{}", i + 1), &format_number(value, &l.format));
        }
        Some(Label::Text(text))
    }
}

/// `n` in one of Word's number formats.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting" => chinese(n),
        "ideographTraditional" => {
            const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            STEMS[(n.max(1) as usize - 1) % 10].to_string()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "decimalZero" => format!("{n:02}"),
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub fn chinese(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n >= 1000 {
        return n.to_string();
    }
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push(DIGITS[h as usize]);
        s.push('百');
    }
    match (h, t) {
        (0, 0) => {}
        (0, 1) => s.push('十'),
        (_, 0) if u > 0 => s.push('零'),
        (_, 0) => {}
        _ => {
            s.push(DIGITS[t as usize]);
            s.push('十');
        }
    }
    if u > 0 || n == 0 {
        s.push(DIGITS[u as usize]);
    }
    s
}

/// A, B, … Z, AA, BB: Word repeats the letter.
fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let c = char::from(b'A' + (n % 26) as u8);
    c.to_string().repeat(n as usize / 26 + 1)
}

fn roman(mut n: u32) -> String {
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, text) in PARTS {
        while n >= value {
            s.push_str(text);
            n -= value;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_word_shows_them() {
        let words: Vec<String> = [1, 9, 10, 11, 20, 21, 100, 105, 110]
            .iter()
            .map(|n| chinese(*n))
            .collect();
        assert_eq!(
            words,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十"
            ]
        );
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
    }

    #[test]
    fn levels_count_on_and_restart_below() {
        let xml = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        </w:numbering>"#;
        let root = crate::import::xml::parse(xml).unwrap();
        let mut n = Numbering::read(Some(&root));
        let mut next = |l| match n.next("1", l) {
            Some(Label::Text(t)) => t,
            other => format!("{other:?}"),
        };
        let shown: Vec<String> = [0, 1, 1, 2, 0, 1].into_iter().map(&mut next).collect();
        assert_eq!(
            shown,
            ["一、", "（一）", "（二）", "一.1", "二、", "（一）"]
        );
    }
}
