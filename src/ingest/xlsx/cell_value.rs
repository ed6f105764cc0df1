//! A spreadsheet cell's value as the text an export would hold: numbers as written
//! (`5`, not `5.0`), dates as ISO dates (`2026-02-03`, `2026-02-03 10:15:00`), which the
//! age rules read, booleans and formula errors as Excel shows them.

use calamine::{Data, ExcelDateTime};

/// The text of a cell.
pub fn text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(n) => number(*n),
        Data::Bool(true) => "TRUE".to_owned(),
        Data::Bool(false) => "FALSE".to_owned(),
        Data::DateTime(date) => date_time(date),
        Data::Error(error) => error.to_string(),
    }
}

/// A number without a fraction as an integer (Excel keeps every number as a float).
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A date or date and time as ISO 8601 (a duration as its number of days).
fn date_time(value: &ExcelDateTime) -> String {
    if !value.is_datetime() {
        return number(value.as_f64());
    }
    let (year, month, day, hour, minute, second, _) = value.to_ymd_hms_milli();
    if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    #[test]
    fn values_as_an_export_writes_them() {
        assert_eq!(text(&Data::Float(5.0)), "5");
        assert_eq!(text(&Data::Float(2.5)), "2.5");
        assert_eq!(text(&Data::Int(-3)), "-3");
        assert_eq!(text(&Data::Bool(true)), "TRUE");
        assert_eq!(text(&Data::Error(CellErrorType::NA)), "#N/A");
        assert_eq!(text(&Data::Empty), "");
        let date = |serial| {
            Data::DateTime(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                false,
            ))
        };
        assert_eq!(text(&date(46056.0)), "2026-02-03");
        assert_eq!(text(&date(46056.5)), "2026-02-03 12:00:00");
    }
}
