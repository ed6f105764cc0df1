//! Dates as Jira exports write them, read into calendar dates for age checks.
//!
//! | written by | example |
//! |---|---|
//! | Jira CSV (English UI) | `15/Feb/26 4:37 PM`, `24/Mar/26 12:00 AM` |
//! | Jira CSV, German UI | `03/Mär/26 10:21 AM` |
//! | Jira CSV, Spanish, French… UI | `10/nov/25 4:51 PM`, `02/févr./26 9:05 AM` |
//! | date-time custom fields | `2025-12-22 18:45:55.01` |
//! | Excel re-save | `16/02/2017 15:26` (day first, as Jira writes it), `2/16/2017 3:26 PM` (month first, with US settings) |
//! | Azure DevOps CSV | the exporting user's locale: `13/02/2026 10:15` or `2/13/2026 10:15 AM` |
//! | REST API | `2026-02-15T16:37:12.000+0000`, `2026-02-15` |
//! | Jira XML (RSS) | `Tue, 3 Feb 2026 10:15:00 +0000` |
//!
//! A date of numbers only between slashes (`3/2/2026`) is read day first unless the file
//! says otherwise ([`DayMonth`]). Time zones are dropped: ages are counted in whole days,
//! where they do not matter.

use jiff::civil::{Date, DateTime, Time};

/// Which number of a date like `3/2/2026` is the day: exports write dates in the
/// exporting user's locale, and one file is written in one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DayMonth {
    /// `13/2/2026`: Jira's own order, and most locales'.
    #[default]
    DayFirst,
    /// `2/13/2026`: the United States'.
    MonthFirst,
}

impl DayMonth {
    /// The order to read a file's dates in, when this date of it settles it: a first
    /// number above 12 is a day (`13/2/2026`), a second one above 12 too (`2/13/2026`); a
    /// date written otherwise (`2026-02-13`, `13/Feb/26`) settles it as day first, since
    /// such a file has no order to choose. `None` when either order reads it (`3/2/2026`)
    /// or it is no date.
    pub fn told_by(text: &str) -> Option<DayMonth> {
        let text = text.trim();
        let date = text.split(' ').next().unwrap_or_default();
        let numbers: Vec<Option<u32>> = date.split('/').map(number).collect();
        match numbers[..] {
            [Some(first), Some(second), Some(_)] => match (first > 12, second > 12) {
                (true, false) => Some(DayMonth::DayFirst),
                (false, true) => Some(DayMonth::MonthFirst),
                _ => None,
            },
            _ => parse_date_time(text).map(|_| DayMonth::DayFirst),
        }
    }
}

/// Reads a date in any of the forms above, day first; `None` for anything else.
pub fn parse_date_time(text: &str) -> Option<DateTime> {
    parse_date_time_in(text, DayMonth::DayFirst)
}

/// Reads a date in any of the forms above, `order` saying which number of `3/2/2026` is
/// the day; `None` for anything else.
pub fn parse_date_time_in(text: &str, order: DayMonth) -> Option<DateTime> {
    let text = text.trim();
    iso(text)
        .or_else(|| slashed(text, order))
        .or_else(|| rss(text))
}

/// `Tue, 3 Feb 2026 10:15:00 +0000` (RFC 2822, as RSS writes dates); the weekday is
/// optional.
fn rss(text: &str) -> Option<DateTime> {
    let text = text.split_once(", ").map_or(text, |(_, rest)| rest);
    let mut parts = text.split_whitespace();
    let day = number(parts.next()?)?;
    let month = month_name(parts.next()?)?;
    let year = number(parts.next()?)?;
    let date = Date::new(
        i16::try_from(year).ok()?,
        month_i8(month)?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let time = parts.next().map_or(Some(Time::midnight()), clock)?;
    Some(date.to_datetime(time))
}

/// `2025-12-22`, `2025-12-22 18:45:55.01`, `2026-02-15T16:37:12.000+0000`.
fn iso(text: &str) -> Option<DateTime> {
    let date_part = text.get(..10)?;
    let mut parts = date_part.split('-');
    let year = number(parts.next()?)?;
    let month = number(parts.next()?)?;
    let day = number(parts.next()?)?;
    let date = Date::new(
        i16::try_from(year).ok()?,
        month_i8(month)?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let rest = &text[10..];
    let time = match rest.chars().next() {
        None => Time::midnight(),
        Some('T' | ' ') => clock(rest.get(1..)?)?,
        Some(_) => return None,
    };
    Some(date.to_datetime(time))
}

/// `15/Feb/26 4:37 PM`, `16/02/2017 15:26`, and with `order` month first `2/16/2017`.
fn slashed(text: &str, order: DayMonth) -> Option<DateTime> {
    let (date_part, time_part) = text.split_once(' ').unwrap_or((text, ""));
    let mut parts = date_part.split('/');
    let first = number(parts.next()?)?;
    let month_text = parts.next()?;
    let year = number(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    let (day, month) = match (number(month_text), order) {
        (Some(second), DayMonth::MonthFirst) => (second, first),
        (Some(second), DayMonth::DayFirst) => (first, second),
        (None, _) => (first, month_name(month_text)?),
    };
    let year = if year < 100 { 2000 + year } else { year };
    let date = Date::new(
        i16::try_from(year).ok()?,
        month_i8(month)?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let time = if time_part.is_empty() {
        Time::midnight()
    } else {
        clock(time_part)?
    };
    Some(date.to_datetime(time))
}

/// `4:37 PM`, `15:26`, `18:45:55.01`, `16:37:12.000+0000`: hours and minutes count.
fn clock(text: &str) -> Option<Time> {
    let text = text.trim();
    let (clock, meridiem) = match text.rsplit_once(' ') {
        Some((clock, m)) if m.eq_ignore_ascii_case("AM") || m.eq_ignore_ascii_case("PM") => {
            (clock, Some(m))
        }
        _ => (text, None),
    };
    let mut parts = clock.split(':');
    let mut hour = number(parts.next()?)?;
    let minute = number(parts.next()?.get(..2)?)?;
    match meridiem.map(|m| m.to_ascii_uppercase()) {
        Some(m) if m == "PM" && hour < 12 => hour += 12,
        Some(m) if m == "AM" && hour == 12 => hour = 0,
        _ => {}
    }
    Time::new(i8::try_from(hour).ok()?, i8::try_from(minute).ok()?, 0, 0).ok()
}

fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn month_i8(month: u32) -> Option<i8> {
    i8::try_from(month).ok()
}

/// Month abbreviations as Jira writes them in English and in its other UI languages
/// (German, Spanish, Portuguese, French, Italian), with or without a final dot (`févr.`).
fn month_name(text: &str) -> Option<u32> {
    const NAMES: [&[&str]; 12] = [
        &["jan", "ene", "gen", "janv"],
        &["feb", "fev", "fév", "févr"],
        &["mar", "mär", "mrz", "märz", "mars"],
        &["apr", "abr", "avr"],
        &["may", "mai", "mag"],
        &["jun", "juni", "juin", "giu"],
        &["jul", "juli", "juil", "lug"],
        &["aug", "ago", "août"],
        &["sep", "sept", "set"],
        &["oct", "okt", "out", "ott"],
        &["nov"],
        &["dec", "dez", "dic", "déc"],
    ];
    let lower = text.strip_suffix('.').unwrap_or(text).to_lowercase();
    NAMES
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .and_then(|i| u32::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(y: i16, m: i8, d: i8, h: i8, min: i8) -> Option<DateTime> {
        Some(date(y, m, d).at(h, min, 0, 0))
    }

    #[test]
    fn jira_csv_dates() {
        assert_eq!(
            parse_date_time("15/Feb/26 4:37 PM"),
            at(2026, 2, 15, 16, 37)
        );
        assert_eq!(parse_date_time("24/Mar/26 12:00 AM"), at(2026, 3, 24, 0, 0));
        assert_eq!(
            parse_date_time("01/Jan/26 12:30 PM"),
            at(2026, 1, 1, 12, 30)
        );
        assert_eq!(
            parse_date_time("03/Mär/26 10:21 AM"),
            at(2026, 3, 3, 10, 21)
        );
    }

    #[test]
    fn numbers_between_slashes_in_either_order() {
        use DayMonth::{DayFirst, MonthFirst};
        assert_eq!(parse_date_time("2/3/2026"), at(2026, 3, 2, 0, 0));
        assert_eq!(
            parse_date_time_in("2/3/2026 10:15 AM", MonthFirst),
            at(2026, 2, 3, 10, 15)
        );
        assert_eq!(parse_date_time("2/13/2026"), None);
        assert_eq!(
            parse_date_time_in("2/13/2026 3:26 PM", MonthFirst),
            at(2026, 2, 13, 15, 26)
        );
        // Month names and ISO dates read the same in either order.
        assert_eq!(
            parse_date_time_in("15/Feb/26 4:37 PM", MonthFirst),
            at(2026, 2, 15, 16, 37)
        );
        assert_eq!(DayMonth::told_by("13/02/2026 09:00"), Some(DayFirst));
        assert_eq!(DayMonth::told_by(" 2/13/2026 9:00 AM"), Some(MonthFirst));
        assert_eq!(DayMonth::told_by("2/3/2026"), None);
        assert_eq!(DayMonth::told_by("13/13/2026"), None);
        assert_eq!(DayMonth::told_by("2026-02-13"), Some(DayFirst));
        assert_eq!(DayMonth::told_by("15/Feb/26 4:37 PM"), Some(DayFirst));
        assert_eq!(DayMonth::told_by("soon"), None);
    }

    #[test]
    fn month_names_of_other_ui_languages() {
        assert_eq!(
            parse_date_time("10/nov/25 4:51 PM"),
            at(2025, 11, 10, 16, 51)
        );
        assert_eq!(parse_date_time("05/ene/26 9:00 AM"), at(2026, 1, 5, 9, 0));
        assert_eq!(parse_date_time("02/févr./26 9:05 AM"), at(2026, 2, 2, 9, 5));
        assert_eq!(
            parse_date_time("14/out/25 10:00 AM"),
            at(2025, 10, 14, 10, 0)
        );
        assert_eq!(
            parse_date_time("21/giu/25 10:00 AM"),
            at(2025, 6, 21, 10, 0)
        );
        assert_eq!(parse_date_time("21/xyz/25 10:00 AM"), None);
    }

    #[test]
    fn rss_dates() {
        assert_eq!(
            parse_date_time("Tue, 3 Feb 2026 10:15:00 +0000"),
            at(2026, 2, 3, 10, 15)
        );
        assert_eq!(parse_date_time("3 Feb 2026"), at(2026, 2, 3, 0, 0));
        assert_eq!(parse_date_time("Tue, 31 Feb 2026 10:15:00 +0000"), None);
    }

    #[test]
    fn custom_field_excel_and_rest_dates() {
        assert_eq!(
            parse_date_time("2025-12-22 18:45:55.01"),
            at(2025, 12, 22, 18, 45)
        );
        assert_eq!(parse_date_time("16/02/2017 15:26"), at(2017, 2, 16, 15, 26));
        assert_eq!(
            parse_date_time("2026-02-15T16:37:12.000+0000"),
            at(2026, 2, 15, 16, 37)
        );
        assert_eq!(parse_date_time("2026-02-15"), at(2026, 2, 15, 0, 0));
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "soon",
            "32/Jan/26 1:00 PM",
            "15/Foo/26",
            "2026-13-01",
            "1/2/3/4",
            "2026-02-15X",
        ] {
            assert_eq!(parse_date_time(text), None, "{text}");
        }
    }
}
