//! Dates as staff write them: `2026-09-20`, `2026-09-20 08:30`, or RFC 3339 with an offset.
//! Dates without an offset are in the site's time zone.

use crate::config::Language;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    /// The moment, in the site's time zone.
    pub zoned: Zoned,
    /// False when only a day was written.
    pub has_time: bool,
}

impl DateValue {
    pub fn timestamp(&self) -> Timestamp {
        self.zoned.timestamp()
    }

    pub fn date(&self) -> Date {
        self.zoned.date()
    }

    /// The moment something dated this way ends: a bare day (`expires: 2026-10-08`) means
    /// "through that whole day", which is what staff mean when they write it.
    pub fn end_moment(&self) -> Timestamp {
        if self.has_time {
            return self.timestamp();
        }
        self.zoned
            .date()
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned(self.zoned.time_zone().clone()).ok())
            .map_or(self.timestamp(), |z| z.timestamp())
    }

    /// `2026年9月20日` or `20 September 2026`.
    pub fn display(&self, language: Language) -> String {
        display_date(self.date(), language)
    }

    pub fn iso_date(&self) -> String {
        self.date().to_string()
    }

    pub fn rfc3339(&self) -> String {
        self.zoned
            .timestamp()
            .display_with_offset(self.zoned.offset())
            .to_string()
    }
}

pub fn display_date(d: Date, language: Language) -> String {
    match language {
        Language::ZhCn => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Language::En => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            format!(
                "{} {} {}",
                d.day(),
                MONTHS[(d.month() as usize).saturating_sub(1) % 12],
                d.year()
            )
        }
    }
}

/// Parse a date as written in front matter or on the command line.
/// The error says in plain words what is wrong with it.
/// The years a date may have.
const YEARS: (i32, i32) = (1900, 2200);

pub fn parse(text: &str, tz: &TimeZone) -> Result<DateValue, String> {
    let s = text.trim();
    let looks_like_a_date = s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    if !looks_like_a_date {
        return Err(format!("`{s}` 不是日期。"));
    }
    // A year outside these is a slip (`0000`, `20260`), never a notice's real date.
    let year: Option<i32> = s.get(..4).and_then(|y| y.parse().ok());
    if !year.is_some_and(|y| (YEARS.0..=YEARS.1).contains(&y)) {
        return Err(format!(
            "`{s}` 的年份不对：只能是 {} 到 {} 年之间。",
            YEARS.0, YEARS.1
        ));
    }
    let impossible = |e: jiff::Error| impossible(s, &e);
    if s.len() == 10 {
        let date: Date = s.parse().map_err(impossible)?;
        let zoned = date.to_zoned(tz.clone()).map_err(impossible)?;
        return Ok(DateValue {
            zoned,
            has_time: false,
        });
    }
    let has_offset = {
        let time_part = &s[10..];
        time_part.ends_with('Z')
            || time_part.ends_with('z')
            || time_part.contains('+')
            || time_part[1..].contains('-')
    };
    if has_offset {
        let ts: Timestamp = s.parse().map_err(impossible)?;
        return Ok(DateValue {
            zoned: ts.to_zoned(tz.clone()),
            has_time: true,
        });
    }
    let normalized = s.replacen(' ', "T", 1);
    let dt: DateTime = normalized.parse().map_err(impossible)?;
    let zoned = dt.to_zoned(tz.clone()).map_err(impossible)?;
    Ok(DateValue {
        zoned,
        has_time: true,
    })
}

/// Why `s`, written like a date, is not one: the month or day that does not exist, or the
/// hour or minute; the date library's own words otherwise.
fn impossible(s: &str, e: &jiff::Error) -> String {
    let number = |at: std::ops::Range<usize>| s.get(at).and_then(|t| t.parse::<i16>().ok());
    if let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) {
        if !(1..=12).contains(&month) {
            return format!("日期 `{s}` 不存在（没有 {month} 月）。");
        }
        let days = Date::new(year, month as i8, 1).map_or(31, |d| d.days_in_month() as i16);
        if month == 2 && day == 29 && days == 28 {
            return format!("日期 `{s}` 不存在（{year} 年不是闰年，2 月没有 29 日）。");
        }
        if !(1..=days).contains(&day) {
            return format!("日期 `{s}` 不存在（{month} 月没有 {day} 日）。");
        }
    }
    if let Some(hour) = number(11..13).filter(|h| *h > 23) {
        return format!("时间 `{s}` 不存在（一天只有 0 到 23 点，没有 {hour} 点）。");
    }
    if let Some(minute) = number(14..16).filter(|m| *m > 59) {
        return format!("时间 `{s}` 不存在（一小时只有 0 到 59 分，没有 {minute} 分）。");
    }
    format!("日期或时间 `{s}` 写得不对（{e}）。")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai() -> TimeZone {
        TimeZone::get("Asia/Shanghai").unwrap()
    }

    #[test]
    fn three_forms_are_accepted() {
        let tz = shanghai();
        let day = parse("2026-09-20", &tz).unwrap();
        assert!(!day.has_time);
        assert_eq!(day.rfc3339(), "2026-09-20T00:00:00+08:00");
        assert_eq!(
            parse("2026-09-20 08:30", &tz).unwrap().rfc3339(),
            "2026-09-20T08:30:00+08:00"
        );
        assert_eq!(
            parse("2026-09-20T08:30", &tz).unwrap().rfc3339(),
            "2026-09-20T08:30:00+08:00"
        );
        let utc = parse("2026-09-20T00:30:00Z", &tz).unwrap();
        assert_eq!(utc.rfc3339(), "2026-09-20T08:30:00+08:00");
        assert_eq!(
            parse("2026-09-20T08:30:00+08:00", &tz).unwrap().timestamp(),
            utc.timestamp()
        );
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        let tz = shanghai();
        for (text, why) in [
            ("2026-02-30", "日期 `2026-02-30` 不存在（2 月没有 30 日）。"),
            (
                "2026-13-01 10:00",
                "日期 `2026-13-01 10:00` 不存在（没有 13 月）。",
            ),
            (
                "2026-02-29",
                "日期 `2026-02-29` 不存在（2026 年不是闰年，2 月没有 29 日）。",
            ),
            (
                "2026-04-31T08:00:00+08:00",
                "日期 `2026-04-31T08:00:00+08:00` 不存在（4 月没有 31 日）。",
            ),
            (
                "2026-09-20 25:00",
                "时间 `2026-09-20 25:00` 不存在（一天只有 0 到 23 点，没有 25 点）。",
            ),
            (
                "2026-09-20 08:75",
                "时间 `2026-09-20 08:75` 不存在（一小时只有 0 到 59 分，没有 75 分）。",
            ),
            ("九月二十日", "`九月二十日` 不是日期。"),
        ] {
            assert_eq!(parse(text, &tz).unwrap_err(), why);
        }
        assert!(parse("2028-02-29", &tz).is_ok());
        assert!(parse("2026-09-20 08:30x", &tz)
            .unwrap_err()
            .starts_with("日期或时间 `2026-09-20 08:30x` 写得不对（"));
        assert!(parse("2026/09/20", &tz).is_err());
    }

    #[test]
    fn a_bare_day_ends_at_midnight_after_it() {
        let tz = shanghai();
        let d = parse("2026-10-08", &tz).unwrap();
        assert_eq!(
            d.end_moment(),
            parse("2026-10-09", &tz).unwrap().timestamp()
        );
        let t = parse("2026-10-08 12:00", &tz).unwrap();
        assert_eq!(t.end_moment(), t.timestamp());
    }

    #[test]
    fn display_in_both_languages() {
        let d = parse("2026-09-20", &shanghai()).unwrap();
        assert_eq!(d.display(Language::ZhCn), "2026年9月20日");
        assert_eq!(d.display(Language::En), "20 September 2026");
    }
}
