//! `--format csv`: one row per finding, for the people who triage in Excel or Google Sheets.
//!
//! The columns are [`COLUMNS`], documented in docs/csv-output.md; later versions add
//! columns at the end, never remove or reorder them. Rows come in the order of the human
//! report ([`Report::ordered_findings`], `--sort`). Written with the `csv` crate,
//! every cell quoted (RFC 4180, CRLF between rows), in UTF-8 that starts with a byte-order
//! mark unless [`Options::bom`] is off, so Excel reads accents right.
//!
//! Backlog text is written by many people and spreadsheets run formulas: a cell that would
//! start with `=`, `+`, `-`, `@`, tab or carriage return starts with `'` instead, as
//! OWASP's "CSV Injection" advises, so that the spreadsheet shows the cell as text.

use std::borrow::Cow;
use std::io::Write;

use ::csv::{QuoteStyle, Terminator, WriterBuilder};

use super::html::IssueLinks;
use super::{in_parallel, Report};
use crate::backlog::Field;
use crate::finding::Finding;
use crate::rules::docs;
use crate::rules::kinds::excerpt;

/// The header row.
pub const COLUMNS: [&str; 19] = [
    "key",
    "summary",
    "issue_type",
    "status",
    "parent",
    "sprint",
    "rule",
    "category",
    "severity",
    "message",
    "field",
    "excerpt",
    "file",
    "line",
    "column",
    "help",
    "docs_url",
    "link",
    "stage",
];

/// Characters of the offending text kept in the `excerpt` column.
pub const EXCERPT_CHARS: usize = 200;

const BOM: &[u8] = "\u{feff}".as_bytes();

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// How the CSV is written.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Start with a UTF-8 byte-order mark (`--csv-bom`).
    pub bom: bool,
    /// How keys become links (`[report] issue_url`).
    pub links: IssueLinks<'a>,
}

/// Writes the header and a row per finding to `out` (buffered); the rows are rendered on
/// every core as they are written (see [`in_parallel`]).
pub fn write(
    report: &Report<'_>,
    options: Options<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if options.bom {
        out.write_all(BOM)?;
    }
    let mut header = writer();
    write_row(&mut header, &COLUMNS)?;
    out.write_all(&finish(header)?)?;
    // The human report's order (`--sort`), so the spreadsheet reads as the terminal does.
    let findings = report.ordered_findings();
    let links = safe_links(report, options.links);
    in_parallel::write_chunks(out, findings.len(), |range| {
        let mut rows = writer();
        // A finding's neighbours are mostly about the same item: its cells are read once.
        let mut item: Option<ItemCells> = None;
        for &finding in &findings[range] {
            if item
                .as_ref()
                .is_some_and(|cells| cells.index != finding.item)
            {
                item = None;
            }
            let cells = item.get_or_insert_with(|| ItemCells::of(report, finding.item, links));
            write_row(&mut rows, &row(report, finding, cells))?;
        }
        finish(rows)
    })
}

/// `links`, following JSON issues' `self` addresses only when all of them are safe (see
/// [`IssueLinks::for_items`]); only items of files whose kind has them are decoded.
fn safe_links<'a>(report: &Report<'_>, links: IssueLinks<'a>) -> IssueLinks<'a> {
    if links.template.is_some() {
        return links;
    }
    let backlog = report.backlog;
    let linked: Vec<_> = (0..backlog.len())
        .filter(|&index| backlog.files[backlog.file_of(index)].kind.self_links)
        .map(|index| backlog.item(index))
        .collect();
    links.for_items(linked.iter().map(|item| &**item))
}

/// The report as a string.
pub fn render(report: &Report<'_>, options: Options<'_>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(report, options, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// A writer of rows into memory: every cell quoted, CRLF between rows.
fn writer() -> ::csv::Writer<Vec<u8>> {
    WriterBuilder::new()
        .quote_style(QuoteStyle::Always)
        .terminator(Terminator::CRLF)
        .from_writer(Vec::new())
}

fn write_row(
    writer: &mut ::csv::Writer<Vec<u8>>,
    cells: &[impl AsRef<str>],
) -> std::io::Result<()> {
    for cell in cells {
        writer.write_field(neutralised(cell.as_ref()).as_bytes())?;
    }
    // An empty record ends the row.
    Ok(writer.write_record(None::<&[u8]>)?)
}

fn finish(writer: ::csv::Writer<Vec<u8>>) -> std::io::Result<Vec<u8>> {
    writer.into_inner().map_err(|e| e.into_error())
}

/// The cells of one item, the same in each of its rows.
struct ItemCells {
    index: usize,
    summary: String,
    issue_type: String,
    status: String,
    parent: String,
    /// The sprint the item is in: Jira lists sprints oldest first.
    sprint: String,
    link: String,
}

impl ItemCells {
    fn of(report: &Report<'_>, index: usize, links: IssueLinks<'_>) -> Self {
        let item = report.backlog.item(index);
        let text = |field| item.text(field).unwrap_or_default().to_owned();
        ItemCells {
            index,
            summary: text(Field::Summary),
            issue_type: text(Field::IssueType),
            status: text(Field::Status),
            parent: text(Field::Parent),
            sprint: item
                .all(Field::Sprint)
                .last()
                .map_or_else(String::new, |v| v.as_str().to_owned()),
            link: links.url_in(report.backlog, &item).unwrap_or_default(),
        }
    }
}

fn row<'a>(
    report: &Report<'a>,
    finding: &'a Finding,
    item: &'a ItemCells,
) -> [Cow<'a, str>; COLUMNS.len()] {
    let source = report.source(finding);
    let at = report.location(finding).start;
    let text = source
        .text()
        .get(finding.span.start..finding.span.end)
        .unwrap_or_default();
    [
        report.key(finding).into(),
        item.summary.as_str().into(),
        item.issue_type.as_str().into(),
        item.status.as_str().into(),
        item.parent.as_str().into(),
        item.sprint.as_str().into(),
        (*finding.rule).into(),
        report
            .rule(&finding.rule)
            .map_or("", |rule| rule.category.as_str())
            .into(),
        finding.severity.name().into(),
        finding.message().into(),
        finding.field().unwrap_or_default().into(),
        excerpt(text, EXCERPT_CHARS).into(),
        source.name().into(),
        at.line.to_string().into(),
        at.column.to_string().into(),
        finding.help().unwrap_or_default().into(),
        docs::url(&finding.rule).into(),
        item.link.as_str().into(),
        finding.stage.as_deref().unwrap_or_default().into(),
    ]
}

/// `cell`, with a `'` in front if a spreadsheet would otherwise run it as a formula.
fn neutralised(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_start_with_a_quote() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralised(cell), format!("'{cell}"));
        }
        for cell in ["", "As a user", "a=b", " =1", "'=1", "12"] {
            assert_eq!(neutralised(cell), cell);
        }
    }
}
