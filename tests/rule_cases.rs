//! Runs the `[[test]]` cases of every built-in rule file (see `src/rules/case.rs`): each
//! case's items become a small Jira CSV export, checked with that rule alone. A `fail` case
//! must be reported, on the `span` text when it names one; a `pass` case must not. Each
//! rule's failing cases are also snapshotted as the human report renders them.

use backlint::backlog::Backlog;
use backlint::config::Loaded;
use backlint::ingest::{self, ReadOptions};
use backlint::report::human::{self, Style};
use backlint::report::Report;
use backlint::rules::case::CaseItem;
use backlint::rules::catalog;
use backlint::rules::linter::{Linter, Overrides};
use backlint::rules::selection::CommandLine;
use backlint::source::{Encoding, Source};

/// Cells a case need not give, with the value they get.
const DEFAULTS: [(&str, &str); 2] = [("Issue Type", "Story"), ("Status", "To Do")];

/// The items as a Jira CSV export: `Issue key` first (`T-1`, … unless given), then the
/// defaults, then every other column the items name, in the order first met.
fn export(items: &[CaseItem]) -> String {
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
    writer.write_record(&columns).expect("a header writes");
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
        writer.write_record(row).expect("a row writes");
    }
    String::from_utf8(writer.into_inner().expect("the export is written")).expect("UTF-8")
}

fn linter(rule: &str) -> Linter {
    let overrides = Overrides {
        select: CommandLine::only(rule),
        today: Some(jiff::civil::date(2026, 3, 1)),
        max_findings_per_item: Some(usize::MAX),
    };
    Linter::from_config(&Loaded::default(), &overrides).expect("the rule selects")
}

/// What `linter` reports on `items`: the backlog, the findings' texts and the human report.
fn check(linter: &Linter, name: &str, items: &[CaseItem]) -> (Vec<String>, String) {
    let mut backlog = Backlog::default();
    let source = Source::new(name, export(items), Encoding::Utf8);
    ingest::add_source(&mut backlog, source, &ReadOptions::default())
        .unwrap_or_else(|error| panic!("{name} reads: {error}"));
    let outcome = linter.run(&backlog).expect("the rule runs").outcome;
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
    (covered, human::render(&report, style))
}

#[test]
fn every_rule_file_case_holds() {
    let rules = catalog::builtin_rules().expect("the built-in rules load");
    let mut failures = Vec::new();
    for rule in &rules {
        let linter = linter(&rule.id);
        let mut rendered = String::new();
        for (index, case) in rule.tests.iter().enumerate() {
            let name = format!("{}-test-{}.csv", rule.id, index + 1);
            if let Some(items) = &case.fail {
                let (covered, report) = check(&linter, &name, items.items());
                if covered.is_empty() {
                    failures.push(format!("{name}: `fail`, but nothing was reported"));
                } else if let Some(span) = &case.span {
                    if !covered.contains(span) {
                        failures.push(format!(
                            "{name}: no finding covers {span:?}; they cover {covered:?}"
                        ));
                    }
                }
                rendered.push_str(&report);
            }
            if let Some(items) = &case.pass {
                let (covered, report) = check(&linter, &name, items.items());
                if !covered.is_empty() {
                    failures.push(format!("{name}: `pass`, but reported:\n{report}"));
                }
            }
        }
        if !rendered.is_empty() {
            insta::assert_snapshot!(rule.id.clone(), rendered);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_file_has_a_failing_and_a_passing_case() {
    let rules = catalog::builtin_rules().expect("the built-in rules load");
    let missing: Vec<&str> = rules
        .iter()
        .filter(|rule| {
            !rule.tests.iter().any(|case| case.fail.is_some())
                || !rule.tests.iter().any(|case| case.pass.is_some())
        })
        .map(|rule| rule.id.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fail and a pass case: {missing:?}"
    );
}
