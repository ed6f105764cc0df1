//! `--statistics`: the number of findings per rule, most first.

use std::fmt::Write;

use super::Report;

pub fn render(report: &Report<'_>) -> String {
    let counts = report.counts_by_rule();
    let width = counts.iter().map(|(id, _, _)| id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, severity, count) in counts {
        let summary = report.rule(id).map_or("", |r| r.summary.as_str());
        let _ = writeln!(
            out,
            "{count:>6}  {id:width$}  {:7}  {summary}",
            severity.name()
        );
    }
    out
}
