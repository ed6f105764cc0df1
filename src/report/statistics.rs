//! `--statistics`: the number of findings per rule, most first.

use std::fmt::Write;

use super::Report;
use crate::terminal_text::{defused, escape};

pub fn render(report: &Report<'_>) -> String {
    let counts = report.counts_by_rule();
    let width = counts.iter().map(|(id, _, _)| id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, severity, count) in counts {
        let summary = escape(report.rule(id).map_or("", |r| r.summary.as_str()));
        let _ = writeln!(
            out,
            "{count:>6}  {id:width$}  {:7}  {summary}",
            severity.name()
        );
    }
    defused(out)
}
