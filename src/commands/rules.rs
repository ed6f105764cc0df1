//! `backlint rules`: the catalog, with what the configuration makes of it; with `--test`,
//! whether the selected rules' `[[test]]` cases hold.

use std::fmt::Write;

use serde::Serialize;

use crate::cli::{ListFormat, RulesArgs};
use backlint::error::Error;

use super::{command_line, load_config, print, EXIT_CLEAN, EXIT_FINDINGS};
use backlint::config::Loaded;
use backlint::rule_cases;
use backlint::rules::{catalog, selection, Rule};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    category: &'a str,
    severity: &'a str,
    enabled: bool,
    summary: &'a str,
}

pub fn run(args: &RulesArgs) -> Result<u8, Error> {
    let loaded = load_config(args.config.as_deref())?;
    let all = catalog::of_config(&loaded)?;
    let selected = selection::select(all.clone(), &loaded, &command_line(&args.select))?;
    if args.test {
        return test(&loaded, &selected, args.format);
    }
    let rows: Vec<Row<'_>> = all
        .iter()
        .map(|rule| {
            let configured = selected.iter().find(|r| r.id == rule.id);
            Row {
                id: &rule.id,
                category: &rule.category,
                severity: configured.map_or(rule.severity, |r| r.severity).name(),
                enabled: configured.is_some(),
                summary: &rule.summary,
            }
        })
        .collect();
    let out = match args.format {
        ListFormat::Json => serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n",
        ListFormat::Text => {
            let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut out = String::new();
            for row in &rows {
                let enabled = if row.enabled { "on " } else { "off" };
                let _ = writeln!(
                    out,
                    "{:width$}  {:14}  {:7}  {enabled}  {}",
                    row.id, row.category, row.severity, row.summary
                );
            }
            out
        }
    };
    print(&out);
    Ok(EXIT_CLEAN)
}

/// What `--test` prints of one rule.
#[derive(Serialize)]
struct Tested<'a> {
    id: &'a str,
    cases: usize,
    failures: Vec<String>,
}

/// Runs the cases of every selected rule: a line per rule, then the failures; exit 1 when
/// a case does not hold.
fn test(loaded: &Loaded, selected: &[Rule], format: ListFormat) -> Result<u8, Error> {
    let mut tested = Vec::new();
    for rule in selected {
        let results = rule_cases::run(loaded, rule)?;
        tested.push(Tested {
            id: &rule.id,
            cases: results.cases,
            failures: results.failures,
        });
    }
    let failed = tested.iter().filter(|t| !t.failures.is_empty()).count();
    let out = match format {
        ListFormat::Json => serde_json::to_string_pretty(&tested).unwrap_or_default() + "\n",
        ListFormat::Text => {
            let width = tested.iter().map(|t| t.id.len()).max().unwrap_or(0);
            let mut out = String::new();
            for rule in &tested {
                let verdict = match (rule.cases, rule.failures.len()) {
                    (0, _) => "no cases".to_owned(),
                    (cases, 0) => format!("ok      {cases} cases"),
                    (cases, failures) => format!("FAILED  {failures} of {cases} cases"),
                };
                let _ = writeln!(out, "{:width$}  {verdict}", rule.id);
            }
            for failure in tested.iter().flat_map(|t| &t.failures) {
                let _ = writeln!(out, "\n{failure}");
            }
            let cases: usize = tested.iter().map(|t| t.cases).sum();
            let verdict = match failed {
                0 => "all hold".to_owned(),
                1 => "1 rule fails".to_owned(),
                _ => format!("{failed} rules fail"),
            };
            let _ = writeln!(out, "\n{cases} cases of {} rules: {verdict}", tested.len());
            out
        }
    };
    print(&out);
    Ok(if failed == 0 {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}
