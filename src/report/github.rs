//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the files of a pull request.
//!
//! ```text
//! ::warning file=exports/backlog.csv,line=4,col=1,endLine=4,endColumn=2,title=PAN-3%3A missing-priority::no priority%0A…
//! ```
//!
//! GitHub shows at most 10 annotations of each level per step and drops the rest silently,
//! so the most severe come first (errors, warnings, then notices, each in report order), at
//! most 10 of each, and a closing notice says how many findings were left out.

use std::fmt::Write;

use super::Report;
use crate::finding::{Finding, Severity};
use crate::rules::docs;
use crate::source::Place;

/// Annotations GitHub shows per level and step.
pub const PER_LEVEL: usize = 10;

/// The workflow command of a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(report: &Report<'_>) -> String {
    let of = |severity: Severity| -> Vec<&Finding> {
        report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect()
    };
    let (errors, warnings, notices) = (
        of(Severity::Error),
        of(Severity::Warning),
        of(Severity::Info),
    );
    let dropping = [&errors, &warnings, &notices]
        .iter()
        .any(|list| list.len() > PER_LEVEL);
    // The closing notice is a notice too: keep one of the ten for it.
    let notice_budget = if dropping { PER_LEVEL - 1 } else { PER_LEVEL };

    let mut out = String::new();
    let mut shown = 0;
    for (list, budget) in [
        (&errors, PER_LEVEL),
        (&warnings, PER_LEVEL),
        (&notices, notice_budget),
    ] {
        for finding in list.iter().take(budget) {
            annotation(&mut out, report, finding);
            shown += 1;
        }
    }
    let left_out = report.findings.len() - shown;
    if left_out > 0 {
        let _ = writeln!(
            out,
            "::notice::{}",
            escape_data(&format!(
                "backlint: {left_out} more finding{} not annotated: see the job summary or the SARIF upload",
                if left_out == 1 { "" } else { "s" }
            ))
        );
    }
    out
}

fn annotation(out: &mut String, report: &Report<'_>, finding: &Finding) {
    let at = report.location(finding);
    let mut properties = format!(
        "file={},line={}",
        escape_property(report.source(finding).name()),
        at.start.line
    );
    // GitHub takes columns only for a region on one line.
    if at.end.line == at.start.line {
        let end_column = if finding.span.is_empty() {
            at.start.column + 1
        } else {
            at.end.column
        };
        let _ = write!(
            properties,
            ",col={},endLine={},endColumn={}",
            at.start.column, at.start.line, end_column
        );
    } else {
        // A span ending with a line break ends on the line before.
        let end_line = if at.end.column == 1 {
            at.end.line - 1
        } else {
            at.end.line
        };
        let _ = write!(properties, ",endLine={end_line}");
    }
    // Lines of a workbook are its rows: the title names the cell.
    let mut title = format!("{}: {}", report.key(finding), finding.rule);
    if let Place::Cell(cell) = at.place {
        let _ = write!(title, " at {cell}");
    }
    let _ = write!(properties, ",title={}", escape_property(&title));
    let mut message = report.message(finding).into_owned();
    if let Some(help) = finding.help() {
        message.push_str("\n\n");
        message.push_str(help);
    }
    message.push_str("\n\nSee ");
    message.push_str(&docs::url(&finding.rule));
    let _ = writeln!(
        out,
        "::{} {properties}::{}",
        command(finding.severity),
        escape_data(&message)
    );
}

/// Escapes a command's message, as `@actions/core` does (`escapeData`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`), as `@actions/core` does
/// (`escapeProperty`): the message's escapes plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
