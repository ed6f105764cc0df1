//! The default report for people: miette diagnostics with the label on the offending text,
//! grouped by file and item, and a closing summary with the backlog's health.

use std::fmt::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

mod snippet;

use std::borrow::Cow;

use self::snippet::Snippet;
use super::field::FieldText;
use super::{in_parallel, number, plural, Band, Report};
use crate::backlog::{Field, Item, Span};
use crate::finding::{Finding, Severity};
use crate::rules::docs;
use crate::rules::kinds::excerpt;
use crate::source::Place;
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
    snippet: Snippet<'a>,
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
        Some(&self.snippet)
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
/// as they are written (see [`in_parallel`]), in [`Report::ordered_findings`] order.
pub fn write(
    report: &Report<'_>,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let findings = report.ordered_findings();
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
        // The item of the findings being rendered, decoded once for all of them.
        let mut item: Option<Cow<'_, Item>> = None;
        for i in range {
            let finding = findings[i];
            // Headings where the file or the item changes from the finding before.
            let before = i.checked_sub(1).map(|b| findings[b]);
            let new_file = before.is_none_or(|b| report.file(b) != report.file(finding));
            if new_file {
                let name = escape(report.source(finding).name());
                let _ = writeln!(text, "{}", paint(style, "1", &name));
            }
            let new_item = before.is_none_or(|b| b.item != finding.item);
            let item = match &mut item {
                Some(item) if !new_item => item,
                slot => slot.insert(report.backlog.item(finding.item)),
            };
            if new_file || new_item {
                let heading = escape(&item_heading(report.key(finding), item)).into_owned();
                let _ = writeln!(text, "\n{}", paint(style, "1", &heading));
            }
            let diagnostic = diagnostic(report, finding, item);
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
fn item_heading(key: &str, item: &Item) -> String {
    let summary = item
        .text(Field::Summary)
        .map_or_else(|| "(no summary)".to_owned(), |s| excerpt(s, 70));
    let facts: Vec<&str> = [Field::IssueType, Field::Status]
        .into_iter()
        .filter_map(|f| item.text(f))
        .collect();
    let facts = if facts.is_empty() {
        String::new()
    } else {
        format!(" ({})", facts.join(", "))
    };
    format!("── {key} · {summary}{facts}")
}

/// The finding on the text of its field, or on the file where it is on no single field.
fn diagnostic<'a>(report: &Report<'a>, finding: &'a Finding, item: &Item) -> FindingDiagnostic<'a> {
    let source = report.source(finding);
    let help = match finding.help() {
        Some(help) => format!("{help}\n{}", docs::url(&finding.rule)),
        None => docs::url(&finding.rule),
    };
    // In a sheet, the heading names the cell; the line and column are in its text.
    let (heading, at) = match report.location(finding).place {
        Place::Text(at) => (Cow::Borrowed(source.name()), Some(at)),
        Place::Cell(cell) => (Cow::Owned(format!("{}:{cell}", source.name())), None),
    };
    let (snippet, label_span) = match FieldText::of(item, finding, source) {
        Some(field) => Snippet::field(field, heading, at),
        None if finding.span.is_empty() => Snippet::empty(heading, at),
        None => Snippet::file(source, finding.span),
    };
    FindingDiagnostic {
        finding,
        message: format!("{}: {}", report.key(finding), report.message(finding)),
        help,
        label_span,
        label: finding.field().map(str::to_owned),
        snippet,
    }
}

/// The closing summary: what was read and checked, counts per rule, health, and the
/// total line. It is the whole report when the findings are not wanted.
pub fn summary(report: &Report<'_>, style: Style) -> String {
    let mut out = String::new();
    let health = report.health;
    let _ = writeln!(out, "\n{}", paint(style, "1", "Summary"));
    let _ = writeln!(
        out,
        "  {} {} read, {} in scope, {} {} checked",
        number(report.backlog.len()),
        plural(report.backlog.len(), "item", "items"),
        number(report.items_checked),
        number(health.stories),
        plural(health.stories, "story", "stories"),
    );
    if let Some(ages) = report.ages_note() {
        let _ = writeln!(out, "  {}", capitalised(&ages));
    }
    let counts = report.counts_by_rule();
    let width = counts.iter().map(|(id, _, _)| id.len()).max().unwrap_or(0);
    for (id, severity, count) in &counts {
        let _ = writeln!(out, "  {count:>6}  {id:width$}  {severity}");
    }
    let colour = match health.band() {
        Some(Band::Good) => "32",
        Some(Band::Fair) => "33",
        Some(Band::Poor) => "31",
        None => "2",
    };
    let figure = paint(style, colour, &health.figure());
    if health.stories == 0 {
        let _ = writeln!(out, "  Health: {figure}, no stories were checked");
    } else {
        let _ = writeln!(
            out,
            "  Health: {} of {} stories ready ({figure}): no finding at or above warning",
            number(health.ready),
            number(health.stories),
        );
    }
    if let Some(line) = super::readiness::candidates_line(report, |k| escape(k).into_owned()) {
        let _ = writeln!(out, "  {line}");
    }
    if let Some(line) = super::readiness::ready_work_line(report) {
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(out, "{}", total(report, style));
    out
}

/// `text` with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `⚠ Found 27 warnings and 46 notes in 45 items (12 stories)`, or `✔ No findings in 40
/// items (12 stories)`; and how many findings the baseline hid.
fn total(report: &Report<'_>, style: Style) -> String {
    let worst = report.findings.iter().map(|f| f.severity).max();
    let (icon, colour) = match worst {
        Some(Severity::Error) => ("✖", "31"),
        Some(_) => ("⚠", "33"),
        None => ("✔", "32"),
    };
    let text = match report.found() {
        Some(found) => format!("{icon} Found {found}"),
        None => format!("{icon} No findings in {}", report.checked()),
    };
    let text = match report.hidden() {
        Some(hidden) => format!("{text}; {hidden}"),
        None => text,
    };
    paint(style, colour, &text)
}

/// Wraps text in an ANSI style when colour is on.
fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}
