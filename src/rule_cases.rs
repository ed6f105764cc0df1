//! Runs the `[[test]]` cases a rule file carries (see [`crate::rules::case`]), built-in
//! and a team's alike: each case's items become a small Jira CSV export, read and checked
//! with that rule alone under the configuration, and the case holds when a `fail` case is
//! reported (on its `span` text when it names one) and a `pass` case is not. Used by
//! `backlint rules --test` and by the test of the built-in rules.

use crate::backlog::Backlog;
use crate::config::Loaded;
use crate::error::Error;
use crate::ingest::{self, ReadOptions};
use crate::report::human::{self, Style};
use crate::report::Report;
use crate::rules::case::CaseItem;
use crate::rules::linter::{Linter, Overrides};
use crate::rules::selection::CommandLine;
use crate::rules::Rule;
use crate::source::{Encoding, Source};

/// The day ages are counted from in every case, so a case with dates means the same on
/// any day it runs.
pub const CASES_TODAY: jiff::civil::Date = jiff::civil::date(2026, 3, 1);

/// Cells a case need not give, with the value they get.
const DEFAULTS: [(&str, &str); 2] = [("Issue Type", "Story"), ("Status", "To Do")];

/// What a rule's cases came to.
#[derive(Debug, Default)]
pub struct CaseResults {
    /// How many cases the rule file has.
    pub cases: usize,
    /// One line per case that does not hold: which case, and what happened.
    pub failures: Vec<String>,
    /// The failing cases' findings as the human report renders them.
    pub rendered: String,
}

/// Runs the cases of `rule` (one of `loaded`'s catalog) with that rule alone.
pub fn run(loaded: &Loaded, rule: &Rule) -> Result<CaseResults, Error> {
    let overrides = Overrides {
        select: CommandLine::only(&rule.id),
        today: Some(CASES_TODAY),
        max_findings_per_item: Some(usize::MAX),
    };
    let linter = Linter::from_config(loaded, &overrides)?;
    let mut results = CaseResults {
        cases: rule.tests.len(),
        ..CaseResults::default()
    };
    for (index, case) in rule.tests.iter().enumerate() {
        let name = format!("{}-test-{}.csv", rule.id, index + 1);
        if let Some(items) = &case.fail {
            let (covered, report) = check(&linter, &name, items.items())?;
            if covered.is_empty() {
                results
                    .failures
                    .push(format!("{name}: `fail`, but nothing was reported"));
            } else if let Some(span) = case.span.as_ref().filter(|s| !covered.contains(s)) {
                results.failures.push(format!(
                    "{name}: no finding covers {span:?}; they cover {covered:?}"
                ));
            }
            results.rendered.push_str(&report);
        }
        if let Some(items) = &case.pass {
            let (covered, report) = check(&linter, &name, items.items())?;
            if !covered.is_empty() {
                results
                    .failures
                    .push(format!("{name}: `pass`, but reported:\n{report}"));
            }
        }
    }
    Ok(results)
}

/// What `linter` reports on `items`: the texts its findings cover, and the human report.
fn check(linter: &Linter, name: &str, items: &[CaseItem]) -> Result<(Vec<String>, String), Error> {
    let mut backlog = Backlog::default();
    let source = Source::new(name, export(name, items)?, Encoding::Utf8);
    ingest::add_source(&mut backlog, source, &ReadOptions::default())?;
    let outcome = linter.run(&backlog)?.outcome;
    let covered = outcome
        .findings
        .iter()
        .map(|f| backlog.source_of(f.item).text()[f.span.start..f.span.end].to_owned())
        .collect();
    let report = Report::of(&backlog, linter.rules(), &outcome);
    let style = Style {
        color: false,
        width: 100,
    };
    Ok((covered, human::render(&report, style)))
}

/// The items as a Jira CSV export: `Issue key` first (`T-1`, … unless given), then the
/// defaults, then every other column the items name, in the order first met.
fn export(name: &str, items: &[CaseItem]) -> Result<String, Error> {
    let mut columns: Vec<&str> = vec!["Issue key"];
    columns.extend(DEFAULTS.iter().map(|(column, _)| *column));
    for item in items {
        for column in item.keys() {
            if !columns.contains(&column.as_str()) {
                columns.push(column);
            }
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing strings into memory fails only on a bug.
    let written = |error: csv::Error| Error::Internal {
        file: name.to_owned(),
        key: "the items of the test".to_owned(),
        message: error.to_string(),
    };
    writer.write_record(&columns).map_err(written)?;
    for (index, item) in items.iter().enumerate() {
        let key = format!("T-{}", index + 1);
        let row = columns.iter().map(|column| match item.get(*column) {
            Some(value) => value.as_str(),
            None if *column == "Issue key" => key.as_str(),
            None => DEFAULTS
                .iter()
                .find(|(default, _)| default == column)
                .map_or("", |(_, value)| value),
        });
        writer.write_record(row).map_err(written)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| written(error.into_error().into()))?;
    // The writer only joins the cells, which are strings.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
