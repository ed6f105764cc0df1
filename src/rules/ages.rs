//! The day ages are counted from. Given on the command line (`--today`) or in the
//! configuration (`today`), it is that day. Otherwise it is the moment each export was
//! taken: its newest created or updated date (resolving or closing an item updates it too).
//! A snapshot exported months ago is judged as of the day it was taken, not by the wall
//! clock, so its findings do not grow with every day it sits in a repository.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::backlog::{Backlog, Field};

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
    newest_per_file(backlog, clock)
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
fn newest_per_file(backlog: &Backlog, clock: Date) -> Vec<Option<Date>> {
    let files = backlog.sources.len();
    (0..backlog.len())
        .into_par_iter()
        .fold(
            || vec![None; files],
            |mut newest: Vec<Option<Date>>, index| {
                let dates = [Field::Created, Field::Updated]
                    .into_iter()
                    .flat_map(|field| backlog.values(index, field))
                    .filter_map(|value| value.as_date_time())
                    .map(|date_time| date_time.date())
                    .filter(|&date| date <= clock);
                let file = &mut newest[backlog.file_of(index)];
                *file = dates.chain(*file).max();
                newest
            },
        )
        .reduce(
            || vec![None; files],
            |a, b| a.into_iter().zip(b).map(|(x, y)| x.max(y)).collect(),
        )
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
            per_file(&backlog, None, &[true, true]),
            [
                Some(AgesFrom::NewestInFile(date(2025, 3, 10))),
                Some(AgesFrom::NewestInFile(date(2025, 6, 30))),
            ]
        );
        assert_eq!(
            per_file(&backlog, None, &[false, true])[0],
            None,
            "no age judged there"
        );
    }

    #[test]
    fn a_given_day_wins_and_dates_in_the_future_do_not_count() {
        let backlog = backlog(&["Summary,Issue key,Updated\nA,PAN-1,01/Jan/99 9:00 AM\n"]);
        let given = date(2026, 3, 1);
        assert_eq!(
            per_file(&backlog, Some(given), &[true]),
            [Some(AgesFrom::Given(given))]
        );
        assert!(matches!(
            per_file(&backlog, None, &[true])[..],
            [Some(AgesFrom::Clock(_))]
        ));
    }
}
