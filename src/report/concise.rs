//! `--format concise`: one line per finding, `file:line:col: severity[rule] KEY: message`,
//! items in `--sort` order as in the human report.

use std::fmt::Write as _;
use std::io::Write;

use super::{in_parallel, Report};
use crate::finding::Finding;
use crate::terminal_text::{defused, escape};

/// Writes the report a chunk of lines at a time (a million findings make about 100 MB of
/// lines, never held whole).
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let ordered = report.ordered_findings();
    in_parallel::write_chunks(out, ordered.len(), |range| {
        let mut lines = String::new();
        for finding in ordered.get(range).unwrap_or_default() {
            line(report, finding, &mut lines);
        }
        // Whole lines: defusing them chunk by chunk is defusing the report.
        Ok(defused(lines).into_bytes())
    })
}

/// The whole report, for tests.
pub fn render(report: &Report<'_>) -> String {
    let mut out = Vec::new();
    // Writing to memory never fails.
    let _ = write(report, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn line(report: &Report<'_>, finding: &Finding, out: &mut String) {
    let at = report.location(finding).place;
    let _ = writeln!(
        out,
        "{}:{}: {}[{}] {}: {}",
        escape(report.source(finding).name()),
        at,
        finding.severity,
        finding.rule,
        escape(report.key(finding)),
        escape(&report.message(finding))
    );
}
