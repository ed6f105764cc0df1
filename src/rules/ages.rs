//! The day ages are counted from. Given on the command line (`--today`) or in the
//! configuration (`today`), it is that day. Otherwise it is the moment each export was
//! taken: its newest created or updated date (resolving or closing an item updates it too).
//! A snapshot exported months ago is judged as of the day it was taken, not by the wall
//! clock, so its findings do not grow with every day it sits in a repository.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::backlog::{Backlog, Field};
use crate::dates::DayMonth;

/// Where the ages of one file's items are counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgesFrom {
    /// `--today` or `today` in the configuration.
    Given(Date),
    /// The newest created or updated date in the file.
    NewestInFile(Date),
    /// The wall clock: the file has no date backlint can read.
    Clock(Date),
}

impl AgesFrom {
    pub fn date(self) -> Date {
        match self {
            AgesFrom::Given(date) | AgesFrom::NewestInFile(date) | AgesFrom::Clock(date) => date,
        }
    }
}

/// The day each file's ages are counted from; `None` for the files no age is judged in
/// (`judged`: some rule that counts ages runs on the file). The files' dates are read only
/// when no day is `given`.
pub(crate) fn per_file(
    backlog: &Backlog,
    given: Option<Date>,
    judged: &[bool],
    orders: &[DayMonth],
) -> Vec<Option<AgesFrom>> {
    let clock = jiff::ZonedDateTime::now().date();
    let from = |file: usize, ages_from: AgesFrom| judged[file].then_some(ages_from);
    if let Some(date) = given {
        return (0..backlog.sources.len())
            .map(|file| from(file, AgesFrom::Given(date)))
            .collect();
    }
    if !judged.contains(&true) {
        return vec![None; backlog.sources.len()];
    }
    newest_per_file(backlog, clock, orders)
        .into_iter()
        .enumerate()
        .map(|(file, newest)| {
            from(
                file,
                newest.map_or(AgesFrom::Clock(clock), AgesFrom::NewestInFile),
            )
        })
        .collect()
}

/// The newest created or updated date of each file's items, dates after `clock` left out
/// (a mistyped year must not make the whole export look old).
fn newest_per_file(backlog: &Backlog, clock: Date, orders: &[DayMonth]) -> Vec<Option<Date>> {
    let files = backlog.sources.len();
    (0..backlog.len())
        .into_par_iter()
        .fold(
            || vec![None; files],
            |mut newest: Vec<Option<Date>>, index| {
                let file = backlog.file_of(index);
                let dates = backlog
                    .values_of(index, [Field::Created, Field::Updated])
                    .into_iter()
                    .flatten()
                    .filter_map(|value| value.as_date_time_in(orders[file]))
                    .map(|date_time| date_time.date())
                    .filter(|&date| date <= clock);
                let in_file = &mut newest[file];
                *in_file = dates.chain(*in_file).max();
                newest
            },
        )
        .reduce(
            || vec![None; files],
            |a, b| a.into_iter().zip(b).map(|(x, y)| x.max(y)).collect(),
        )
}

/// Which number of a date like `3/2/2026` is the day, in each file with dates whose ages
/// are `judged`: the first created or updated date that settles it tells
/// ([`DayMonth::told_by`]; an item after another, until one does, which is the first date
/// of most files); day first when none does.
pub(crate) fn day_month_per_file(backlog: &Backlog, judged: &[bool]) -> Vec<DayMonth> {
    let mut orders: Vec<Option<DayMonth>> = vec![None; backlog.sources.len()];
    let has_dates =
        |info: &crate::backlog::FileInfo| info.has(Field::Created) || info.has(Field::Updated);
    let mut open: Vec<bool> = judged
        .iter()
        .zip(&backlog.files)
        .map(|(&judged, info)| judged && has_dates(info))
        .collect();
    if !open.contains(&true) {
        return vec![DayMonth::default(); backlog.sources.len()];
    }
    for index in 0..backlog.len() {
        let file = backlog.file_of(index);
        if !open[file] {
            continue;
        }
        let told = backlog
            .values_of(index, [Field::Created, Field::Updated])
            .into_iter()
            .flatten()
            .find_map(|value| DayMonth::told_by(value.as_str()));
        if told.is_some() {
            orders[file] = told;
            open[file] = false;
            if !open.contains(&true) {
                break;
            }
        }
    }
    orders.into_iter().map(Option::unwrap_or_default).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{add_source, ReadOptions};
    use crate::source::{Encoding, Source};
    use jiff::civil::date;

    fn backlog(files: &[&str]) -> Backlog {
        let mut backlog = Backlog::default();
        for (n, csv) in files.iter().enumerate() {
            add_source(
                &mut backlog,
                Source::new(format!("export-{n}.csv"), csv.to_string(), Encoding::Utf8),
                &ReadOptions::default(),
            )
            .unwrap();
        }
        backlog
    }

    #[test]
    fn each_file_counts_from_its_newest_created_or_updated_date() {
        let backlog = backlog(&[
            "Summary,Issue key,Created,Updated\n\
             A,PAN-1,01/Jan/25 9:00 AM,03/Feb/25 9:00 AM\n\
             B,PAN-2,10/Mar/25 9:00 AM,\n",
            "Summary,Issue key,Updated\nC,OPS-1,2025-06-30T10:00:00.000+0000\n",
        ]);
        assert_eq!(
            per_file(&backlog, None, &[true, true], &[DayMonth::DayFirst; 2]),
            [
                Some(AgesFrom::NewestInFile(date(2025, 3, 10))),
                Some(AgesFrom::NewestInFile(date(2025, 6, 30))),
            ]
        );
        assert_eq!(
            per_file(&backlog, None, &[false, true], &[DayMonth::DayFirst; 2])[0],
            None,
            "no age judged there"
        );
    }

    #[test]
    fn a_given_day_wins_and_dates_in_the_future_do_not_count() {
        let backlog = backlog(&["Summary,Issue key,Updated\nA,PAN-1,01/Jan/99 9:00 AM\n"]);
        let given = date(2026, 3, 1);
        assert_eq!(
            per_file(&backlog, Some(given), &[true], &[DayMonth::DayFirst]),
            [Some(AgesFrom::Given(given))]
        );
        assert!(matches!(
            per_file(&backlog, None, &[true], &[DayMonth::DayFirst])[..],
            [Some(AgesFrom::Clock(_))]
        ));
    }

    #[test]
    fn each_file_tells_its_own_date_order_by_its_first_date_that_settles_it() {
        let backlog = backlog(&[
            // US settings: the first two dates read either way, the third only month first.
            "ID,Work Item Type,Title,State,Changed Date
\
             1,User Story,A,New,2/3/2026 9:00 AM
\
             2,User Story,B,New,
\
             3,User Story,C,New,2/13/2026 9:00 AM
",
            "ID,Work Item Type,Title,State,Changed Date
\
             1,User Story,A,New,13/02/2026 09:00
",
            "Summary,Issue key,Updated
C,OPS-1,2026-02-03T10:00:00.000+0000
",
            "Summary,Issue key
D,OPS-2
",
        ]);
        let orders = day_month_per_file(&backlog, &[true, true, true, true]);
        use DayMonth::{DayFirst, MonthFirst};
        assert_eq!(orders, [MonthFirst, DayFirst, DayFirst, DayFirst]);
        assert_eq!(
            per_file(&backlog, None, &[true; 4], &orders)[0],
            Some(AgesFrom::NewestInFile(date(2026, 2, 13)))
        );
        // A file whose ages no rule judges is not read.
        assert_eq!(
            day_month_per_file(&backlog, &[false, true, true, true])[0],
            DayFirst
        );
    }
}
