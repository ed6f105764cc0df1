//! The default report for people: miette diagnostics with the label on the offending text,
//! grouped by file and item, and a closing summary with the backlog's health.

use std::fmt::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::{in_parallel, Report};
use crate::backlog::{Field, Span};
use crate::finding::{Finding, Severity};
use crate::rules::docs;
use crate::rules::kinds::excerpt;
use crate::source::Source;
use crate::source_code::LONG_LINE;
use crate::terminal_text::diagnostic::SafeDiagnostic;
use crate::terminal_text::{defused, escape};

/// How the report looks: colour, and the width text wraps at.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// One finding as a miette diagnostic.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    message: String,
    help: String,
    label_span: Span,
    label: Option<String>,
    source: &'a Source,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new(
            self.label.clone(),
            self.label_span.start,
            self.label_span.len(),
        );
        Some(Box::new(std::iter::once(label)))
    }
}

/// Renders the whole report.
pub fn render(report: &Report<'_>, style: Style) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(report, style, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the whole report to `out` (buffered); the findings are rendered on every core
/// as they are written (see [`in_parallel`]).
pub fn write(
    report: &Report<'_>,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let findings = report.findings;
    in_parallel::write_chunks(out, findings.len(), |range| {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        let mut text = String::new();
        for i in range {
            let finding = &findings[i];
            // Headings where the file or the item changes from the finding before.
            let before = i.checked_sub(1).map(|b| &findings[b]);
            let new_file = before.is_none_or(|b| report.file(b) != report.file(finding));
            if new_file {
                let name = escape(report.source(finding).name());
                let _ = writeln!(text, "{}", paint(style, "1", &name));
            }
            if new_file || before.is_some_and(|b| b.item != finding.item) {
                let heading = escape(&item_heading(report, finding)).into_owned();
                let _ = writeln!(text, "\n{}", paint(style, "1", &heading));
            }
            let diagnostic = diagnostic(report, finding);
            if handler
                .render_report(&mut text, &SafeDiagnostic::new(&diagnostic))
                .is_err()
            {
                let _ = writeln!(
                    text,
                    "  {}[{}] {}",
                    finding.severity,
                    finding.rule,
                    escape(&diagnostic.message)
                );
            }
        }
        Ok(defused(text).into_bytes())
    })?;
    out.write_all(defused(summary(report, style)).as_bytes())
}

/// `── PAN-3 · Checkout page must be fast (Task, To Do)`
fn item_heading(report: &Report<'_>, finding: &Finding) -> String {
    let summary = report
        .text(finding, Field::Summary)
        .map_or_else(|| "(no summary)".to_owned(), |s| excerpt(&s, 70));
    let facts: Vec<String> = [Field::IssueType, Field::Status]
        .into_iter()
        .filter_map(|f| report.text(finding, f))
        .collect();
    let facts = if facts.is_empty() {
        String::new()
    } else {
        format!(" ({})", facts.join(", "))
    };
    format!("── {} · {summary}{facts}", report.key(finding))
}

fn diagnostic<'a>(report: &Report<'a>, finding: &'a Finding) -> FindingDiagnostic<'a> {
    let source = report.source(finding);
    let help = match &finding.help {
        Some(help) => format!("{help}\n{}", docs::url(&finding.rule)),
        None => docs::url(&finding.rule),
    };
    FindingDiagnostic {
        finding,
        message: format!("{}: {}", report.key(finding), finding.message),
        help,
        label_span: first_line_of(source, finding.span),
        label: finding.field.as_deref().map(str::to_owned),
        source,
    }
}

/// The most bytes a label underlines on a long line: a finding on a whole 100,000-character
/// summary is shown by the summary's start, in a window of its line, not with the line.
const MAX_LABEL: usize = LONG_LINE / 2;

/// A span cut to its first line: a finding on a whole multi-line description is shown on
/// the line where the description starts. On a line longer than [`LONG_LINE`], it is also
/// cut to [`MAX_LABEL`] bytes (at a character boundary), so the line is shown as a window
/// around the label.
fn first_line_of(source: &Source, span: Span) -> Span {
    let line_start = source.line_start(source.line_index(span.start));
    let line_end = line_start + source.line_text(span.start).len();
    let mut end = span.end.min(line_end).max(span.start);
    if line_end - line_start > LONG_LINE {
        end = end.min(span.start.saturating_add(MAX_LABEL));
    }
    while end > span.start && !source.text().is_char_boundary(end) {
        end -= 1;
    }
    Span::new(span.start, end)
}

/// The closing summary: what was read and checked, counts per rule, health, verdict.
fn summary(report: &Report<'_>, style: Style) -> String {
    let mut out = String::new();
    let health = report.health();
    let items_with_findings = {
        let mut items: Vec<usize> = report.findings.iter().map(|f| f.item).collect();
        items.sort_unstable();
        items.dedup();
        items.len()
    };
    let _ = writeln!(out, "\n{}", paint(style, "1", "Summary"));
    let _ = writeln!(
        out,
        "  {} items read, {} in scope, {} stories checked, {} items with findings",
        report.backlog.len(),
        report.items_checked,
        health.stories,
        items_with_findings
    );
    let counts = report.counts_by_rule();
    let width = counts.iter().map(|(id, _, _)| id.len()).max().unwrap_or(0);
    for (id, severity, count) in &counts {
        let _ = writeln!(out, "  {count:>6}  {id:width$}  {severity}");
    }
    let _ = writeln!(
        out,
        "  Health: {} of {} stories ready ({:.0}%): no finding at or above warning",
        health.ready,
        health.stories,
        health.percent()
    );
    let _ = writeln!(out, "{}", verdict(report, style));
    out
}

/// `✖ 2 errors, 10 warnings, 5 notes` or `✔ no findings`.
pub fn verdict(report: &Report<'_>, style: Style) -> String {
    let (errors, warnings, notes) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    if report.findings.is_empty() {
        return paint(style, "32", "✔ no findings");
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let text = format!(
        "{} {}, {}, {}",
        if errors > 0 { "✖" } else { "⚠" },
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(notes, "note", "notes")
    );
    paint(style, if errors > 0 { "31" } else { "33" }, &text)
}

/// Wraps text in an ANSI style when colour is on.
fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}
