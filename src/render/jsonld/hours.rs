//! Opening hours and processing times as staff write them (`周一至周五 9:00-17:00，周六
//! 9:00-12:00`, `材料齐全的约30分钟`, `Mon-Fri 9:00-17:00`), turned into what schema.org wants:
//! day-of-week rules and ISO 8601 durations. Anything not understood is left out rather than
//! guessed: a machine-readable hour that is wrong sends a resident to a closed door.

/// Days as schema.org names them, Monday first.
const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// One rule: these days, from `opens` to `closes` (`09:00`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub days: Vec<&'static str>,
    pub opens: String,
    pub closes: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// Days named by one word: 0 = Monday.
    Days(Vec<u8>),
    /// 至, 到, -, ~, to: a range between days or between times.
    Range,
    /// Minutes since midnight.
    Time(u16),
    /// Words that are neither: a place's name (户籍窗口) or filler (晚上, 延时).
    Word,
}

/// The rules of the first place named in `text`. A text may list several places
/// (`户籍窗口 周一至周五 9:00-17:00；社区警务室 工作日 17:00-21:00`): a clause that starts
/// with a name of its own starts another place, whose hours are not this one's.
pub fn first_place(text: &str) -> Vec<Opening> {
    let mut out = Vec::new();
    for (n, clause) in text
        .split(['；', ';', '\n', '。'])
        .filter(|c| !c.trim().is_empty())
        .enumerate()
    {
        let toks = lex(clause);
        if n > 0 && toks.first() == Some(&Tok::Word) {
            break;
        }
        out.extend(rules(&toks));
    }
    out
}

/// Day groups and the time ranges after them. A day group lasts until a new day word comes
/// after a time: `周一至周五 上午9:00-12:00 下午13:30-17:00` is two rules for five days.
fn rules(toks: &[Tok]) -> Vec<Opening> {
    let mut out = Vec::new();
    let mut days: Vec<u8> = Vec::new();
    let mut time_since_days = false;
    let mut i = 0;
    while i < toks.len() {
        match (&toks[i], toks.get(i + 1), toks.get(i + 2)) {
            (Tok::Days(a), Some(Tok::Range), Some(Tok::Days(b)))
                if a.len() == 1 && b.len() == 1 =>
            {
                if time_since_days {
                    days.clear();
                    time_since_days = false;
                }
                // 周五至周一 wraps over the weekend.
                let (from, to) = (a[0], b[0]);
                let mut d = from;
                loop {
                    days.push(d);
                    if d == to {
                        break;
                    }
                    d = (d + 1) % 7;
                }
                i += 3;
            }
            (Tok::Days(a), _, _) => {
                if time_since_days {
                    days.clear();
                    time_since_days = false;
                }
                days.extend(a);
                i += 1;
            }
            (Tok::Time(open), Some(Tok::Range), Some(Tok::Time(close))) => {
                // A time range with no day before it says nothing about which days: left out.
                if !days.is_empty() && close > open {
                    let mut sorted = days.clone();
                    sorted.sort_unstable();
                    sorted.dedup();
                    out.push(Opening {
                        days: sorted.iter().map(|d| DAY_NAMES[*d as usize % 7]).collect(),
                        opens: clock(*open),
                        closes: clock(*close),
                    });
                }
                time_since_days = true;
                i += 3;
            }
            _ => i += 1,
        }
    }
    out
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Words that name days, longest first so `星期一` is not read as `星期` + `一`.
const DAY_WORDS: &[(&str, &[u8])] = &[
    ("工作日", &[0, 1, 2, 3, 4]),
    ("双休日", &[5, 6]),
    ("周末", &[5, 6]),
    ("每天", &[0, 1, 2, 3, 4, 5, 6]),
    ("每日", &[0, 1, 2, 3, 4, 5, 6]),
    ("weekdays", &[0, 1, 2, 3, 4]),
    ("weekends", &[5, 6]),
    ("weekend", &[5, 6]),
    ("daily", &[0, 1, 2, 3, 4, 5, 6]),
    ("everyday", &[0, 1, 2, 3, 4, 5, 6]),
];

const EN_DAYS: [[&str; 3]; 7] = [
    ["monday", "mon", "mon"],
    ["tuesday", "tues", "tue"],
    ["wednesday", "wed", "wed"],
    ["thursday", "thurs", "thu"],
    ["friday", "fri", "fri"],
    ["saturday", "sat", "sat"],
    ["sunday", "sun", "sun"],
];

fn lex(clause: &str) -> Vec<Tok> {
    let lower = clause.to_lowercase();
    let s = lower.as_str();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        if let Some((word, days)) = DAY_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
            toks.push(Tok::Days(days.to_vec()));
            i += word.len();
        } else if let Some((len, day)) = chinese_day(rest) {
            toks.push(Tok::Days(vec![day]));
            i += len;
        } else if let Some((len, minutes)) = time(rest) {
            toks.push(Tok::Time(minutes));
            i += len;
        } else if c.is_ascii_alphabetic() {
            let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            toks.push(match english_day(&word) {
                Some(d) => Tok::Days(vec![d]),
                None if word == "to" || word == "through" || word == "until" => Tok::Range,
                None => Tok::Word,
            });
            i += word.len();
        } else {
            if matches!(c, '至' | '到' | '-' | '–' | '—' | '~' | '～' | '－') {
                toks.push(Tok::Range);
            } else if c.is_alphanumeric() && toks.last() != Some(&Tok::Word) {
                toks.push(Tok::Word);
            }
            i += c.len_utf8();
        }
    }
    toks
}

/// `周一`, `星期六`, `礼拜天`: its length in bytes and the day.
fn chinese_day(s: &str) -> Option<(usize, u8)> {
    let prefix = ["星期", "礼拜", "周"]
        .into_iter()
        .find(|p| s.starts_with(p))?;
    let c = s[prefix.len()..].chars().next()?;
    let day = "一二三四五六日天".chars().position(|d| d == c)?;
    Some((prefix.len() + c.len_utf8(), day.min(6) as u8))
}

fn english_day(word: &str) -> Option<u8> {
    EN_DAYS
        .iter()
        .position(|names| names.contains(&word))
        .map(|d| d as u8)
}

/// `9:00`, `17：30`, `5:30pm`: its length in bytes and minutes since midnight.
fn time(s: &str) -> Option<(usize, u16)> {
    let digits = |t: &str| t.chars().take_while(char::is_ascii_digit).count();
    let h_len = digits(s);
    if h_len == 0 || h_len > 2 {
        return None;
    }
    let after_h = &s[h_len..];
    let colon = [":", "："].into_iter().find(|c| after_h.starts_with(c))?;
    let after_colon = &after_h[colon.len()..];
    let m_len = digits(after_colon);
    if m_len != 2 {
        return None;
    }
    let mut hour: u16 = s[..h_len].parse().ok()?;
    let minute: u16 = after_colon[..2].parse().ok()?;
    let mut len = h_len + colon.len() + 2;
    let suffix = s[len..].trim_start();
    let skipped = s.len() - len - suffix.len();
    if suffix.starts_with("pm") || suffix.starts_with("am") {
        if suffix.starts_with("pm") && hour < 12 {
            hour += 12;
        } else if suffix.starts_with("am") && hour == 12 {
            hour = 0;
        }
        len += skipped + 2;
    }
    // 24:00 is how staff write "until midnight".
    (hour <= 24 && minute < 60 && hour * 60 + minute <= 24 * 60)
        .then_some((len, hour * 60 + minute))
}

/// A processing time as an ISO 8601 duration (`PT30M`, `P3D`), from the first duration the
/// text mentions. Working days are not a duration (a week-end or a holiday may fall
/// inside), so a text that starts with them gives none; `即时办结` (done on the spot) is zero.
pub fn duration(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let immediate = [
        "即时",
        "当场",
        "立即",
        "立等可取",
        "immediately",
        "on the spot",
    ]
    .iter()
    .filter_map(|w| lower.find(w))
    .min();
    let counted = first_count(&lower);
    match (immediate, counted) {
        (Some(at), Some((c_at, _))) if at < c_at => Some("PT0S".to_owned()),
        (Some(_), None) => Some("PT0S".to_owned()),
        (_, Some((_, iso))) => iso,
        (None, None) => None,
    }
}

/// The first `number unit` in the text: where it starts, and its duration (None for units
/// that are not one, such as working days).
fn first_count(s: &str) -> Option<(usize, Option<String>)> {
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if let Some((len, n)) = number(rest) {
            let unit = rest[len..].trim_start();
            if let Some(iso) = unit_duration(unit, n) {
                return Some((i, iso));
            }
            i += len;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// The duration of `n` of the unit that starts `unit`: Some(None) for a unit that is not a
/// fixed duration, None when `unit` is no unit of time.
fn unit_duration(unit: &str, n: u32) -> Option<Option<String>> {
    let unit = unit.strip_prefix('个').unwrap_or(unit);
    const NOT_FIXED: [&str; 4] = ["工作日", "working day", "business day", "workday"];
    if NOT_FIXED.iter().any(|u| unit.starts_with(u)) {
        return Some(None);
    }
    const UNITS: [(&str, &str); 15] = [
        ("分钟", "PT{}M"),
        ("minute", "PT{}M"),
        ("min", "PT{}M"),
        ("小时", "PT{}H"),
        ("钟头", "PT{}H"),
        ("hour", "PT{}H"),
        ("天", "P{}D"),
        ("日", "P{}D"),
        ("day", "P{}D"),
        ("星期", "P{}W"),
        ("周", "P{}W"),
        ("week", "P{}W"),
        ("月", "P{}M"),
        ("month", "P{}M"),
        ("年", "P{}Y"),
    ];
    UNITS
        .iter()
        .find(|(u, _)| unit.starts_with(u))
        .map(|(_, pattern)| Some(pattern.replace("{}", &n.to_string())))
}

/// Digits, or a Chinese number up to 99 (`三`, `十五`, `二十`): its length in bytes and value.
fn number(s: &str) -> Option<(usize, u32)> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok().map(|n| (digits.len(), n));
    }
    const DIGITS: &str = "零一二两三四五六七八九";
    let value = |c: char| {
        DIGITS
            .chars()
            .position(|d| d == c)
            .map(|p| if p >= 3 { p as u32 - 1 } else { p as u32 })
    };
    let chars: Vec<char> = s.chars().take(3).collect();
    let (len, n) = match chars.as_slice() {
        [a, '十', b, ..] if value(*a).is_some() && value(*b).is_some() => {
            (3, value(*a)? * 10 + value(*b)?)
        }
        [a, '十', ..] if value(*a).is_some() => (2, value(*a)? * 10),
        ['十', b, ..] if value(*b).is_some() => (2, 10 + value(*b)?),
        ['十', ..] => (1, 10),
        [a, ..] => (1, value(*a)?),
        [] => return None,
    };
    Some((chars[..len].iter().map(|c| c.len_utf8()).sum(), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(days: &[&'static str], opens: &str, closes: &str) -> Opening {
        Opening {
            days: days.to_vec(),
            opens: opens.into(),
            closes: closes.into(),
        }
    }

    const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    #[test]
    fn chinese_hours_of_the_first_place() {
        assert_eq!(
            first_place("户籍窗口 周一至周五 9:00-17:00，周六 9:00-12:00；社区警务室 工作日晚上 17:00-21:00"),
            vec![
                rule(&WEEKDAYS, "09:00", "17:00"),
                rule(&["Saturday"], "09:00", "12:00"),
            ]
        );
        // A clause without a name of its own goes on describing the same place.
        assert_eq!(
            first_place("周一至周五 9:00-17:00；周六 9：00—12：00（法定节假日除外）"),
            vec![
                rule(&WEEKDAYS, "09:00", "17:00"),
                rule(&["Saturday"], "09:00", "12:00"),
            ]
        );
        // Two ranges for one group of days; a lone "until" time is no range.
        assert_eq!(
            first_place("星期一到星期五 上午8:30-12:00 下午13:30-17:30；周三延时至19:00"),
            vec![
                rule(&WEEKDAYS, "08:30", "12:00"),
                rule(&WEEKDAYS, "13:30", "17:30"),
            ]
        );
        assert_eq!(
            first_place("工作日 17:00-21:00、周末 9:00-11:00"),
            vec![
                rule(&WEEKDAYS, "17:00", "21:00"),
                rule(&["Saturday", "Sunday"], "09:00", "11:00"),
            ]
        );
    }

    #[test]
    fn english_hours() {
        assert_eq!(
            first_place("Mon-Fri 9:00-17:00, Saturday 9:00 to 12:00"),
            vec![
                rule(&WEEKDAYS, "09:00", "17:00"),
                rule(&["Saturday"], "09:00", "12:00"),
            ]
        );
        assert_eq!(
            first_place("Weekdays 5:00pm-9:00pm"),
            vec![rule(&WEEKDAYS, "17:00", "21:00")]
        );
    }

    #[test]
    fn what_is_not_understood_is_left_out() {
        assert!(first_place("请电话预约").is_empty());
        assert!(first_place("9:00-17:00").is_empty(), "no days given");
        assert!(
            first_place("周一 17:00-9:00").is_empty(),
            "closes before it opens"
        );
        assert!(first_place("").is_empty());
    }

    #[test]
    fn durations() {
        assert_eq!(duration("即时办结").as_deref(), Some("PT0S"));
        assert_eq!(
            duration("当天办结，材料齐全的约30分钟").as_deref(),
            Some("PT30M")
        );
        assert_eq!(duration("3天").as_deref(), Some("P3D"));
        assert_eq!(duration("约两个星期").as_deref(), Some("P2W"));
        assert_eq!(duration("十五日内").as_deref(), Some("P15D"));
        assert_eq!(duration("About 2 hours").as_deref(), Some("PT2H"));
        assert_eq!(
            duration("户籍信息能直接核实的即时办结；需要调阅档案的5个工作日").as_deref(),
            Some("PT0S")
        );
        assert_eq!(duration("材料齐全的5个工作日内办结；加急3天"), None);
        assert_eq!(duration("10 working days"), None);
        assert_eq!(duration("看情况"), None);
    }
}
