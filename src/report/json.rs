//! `--format json`: a stable, versioned document for scripts.
//!
//! ```json
//! {"version": 1, "summary": {"files": F, "items": N, "findings": K, …},
//!  "findings": [{"rule", "severity", "message", "file", "key", "field", "line", "column",
//!                "end_line", "end_column", "start", "end", …}]}
//! ```
//! Lines and columns are 1-based, columns count characters; `start` and `end` are byte
//! offsets in the file as stored on disk. Later versions add fields, never remove them.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::Report;
use crate::backlog::Field;
use crate::finding::Finding;
use crate::rules::docs;

/// The document without its findings, which are written after it (see [`write`]).
#[derive(Serialize)]
struct Head {
    version: u32,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    /// Every issue read, of every type.
    items: usize,
    findings: usize,
    items_checked: usize,
    stories_checked: usize,
    /// Checked stories with no finding at or above warning.
    stories_ready: usize,
    /// `stories_ready` as a percentage of `stories_checked`.
    health: f64,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    docs_url: String,
    file: &'a str,
    key: &'a str,
    summary: Option<String>,
    field: Option<&'a str>,
    /// The text the finding points at.
    text: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
}

fn finding<'a>(report: &Report<'a>, f: &'a Finding) -> JsonFinding<'a> {
    let source = report.source(f);
    let at = report.location(f);
    JsonFinding {
        rule: &f.rule,
        severity: f.severity.name(),
        message: &f.message,
        help: f.help.as_deref(),
        docs_url: docs::url(&f.rule),
        file: source.name(),
        key: report.key(f),
        summary: report.text(f, Field::Summary),
        field: f.field.as_deref(),
        text: source
            .text()
            .get(f.span.start..f.span.end)
            .unwrap_or_default(),
        line: at.start.line,
        column: at.start.column,
        end_line: at.end.line,
        end_column: at.end.column,
        start: at.file_start,
        end: at.file_end,
    }
}

/// Findings rendered at once, on every core, before they are written in order: enough to
/// keep both cores busy, few enough that a million findings are never in memory as text.
const BATCH: usize = 16_384;
const CHUNK: usize = 1_024;

/// Writes the document to `out` (buffered: it is written in many small pieces).
///
/// The text is what `serde_json::to_writer_pretty` writes for the whole document; the
/// findings are rendered in parallel, each indented to its place in the array.
pub fn write<'a>(report: &'a Report<'a>, out: &mut dyn Write) -> std::io::Result<()> {
    write_in(report, out, BATCH, CHUNK)
}

fn write_in<'a>(
    report: &'a Report<'a>,
    out: &mut dyn Write,
    batch: usize,
    chunk: usize,
) -> std::io::Result<()> {
    let head = serde_json::to_vec_pretty(&head(report))?;
    // The head's closing "\n}" is written after the findings.
    out.write_all(head.strip_suffix(b"\n}").unwrap_or(&head))?;
    if report.findings.is_empty() {
        return out.write_all(b",\n  \"findings\": []\n}\n");
    }
    out.write_all(b",\n  \"findings\": [\n")?;
    for (index, batch) in report.findings.chunks(batch).enumerate() {
        let parts: Vec<std::io::Result<Vec<u8>>> = batch
            .par_chunks(chunk)
            .map(|chunk| rendered(report, chunk))
            .collect();
        for (k, part) in parts.into_iter().enumerate() {
            if index > 0 || k > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(&part?)?;
        }
    }
    out.write_all(b"\n  ]\n}\n")
}

fn head(report: &Report<'_>) -> Head {
    let health = report.health();
    Head {
        version: 1,
        summary: Summary {
            files: report.backlog.sources.len(),
            items: report.backlog.len(),
            findings: report.findings.len(),
            items_checked: report.items_checked,
            stories_checked: health.stories,
            stories_ready: health.ready,
            health: (health.percent() * 10.0).round() / 10.0,
        },
    }
}

/// Findings as elements of the document's array: pretty-printed, each line indented by
/// four spaces, separated by ",\n". (Line breaks inside JSON strings are escaped, so
/// every line break of the printed text can take the indent.)
fn rendered(report: &Report<'_>, findings: &[Finding]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    for (k, f) in findings.iter().enumerate() {
        if k > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"    ");
        for &byte in &serde_json::to_vec_pretty(&finding(report, f))? {
            out.push(byte);
            if byte == b'\n' {
                out.extend_from_slice(b"    ");
            }
        }
    }
    Ok(out)
}

/// The document as a string.
pub fn render<'a>(report: &'a Report<'a>) -> String {
    let mut out = Vec::new();
    // Writing to memory fails only if serialising fails, which these types never do.
    let _ = write(report, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{add_source, ReadOptions};
    use crate::source::{Encoding, Source};

    /// The whole document as `serde_json` prints it in one piece.
    #[derive(Serialize)]
    struct Whole<'a> {
        #[serde(flatten)]
        head: Head,
        findings: Vec<JsonFinding<'a>>,
    }

    fn written(report: &Report<'_>, batch: usize, chunk: usize) -> String {
        let mut out = Vec::new();
        write_in(report, &mut out, batch, chunk).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn whole(report: &Report<'_>) -> String {
        let head = head(report);
        let findings = report.findings.iter().map(|f| finding(report, f)).collect();
        serde_json::to_string_pretty(&Whole { head, findings }).unwrap() + "\n"
    }

    #[test]
    fn findings_written_in_parallel_pieces_read_as_one_pretty_document() {
        let csv = "Summary,Issue key,Issue Type,Status\nAs a user I want X,PAN-1,Story,To Do\n\
                   Fast \"\"search\"\",PAN-2,Story,To Do\nAs a user I want Y and Z,PAN-3,Story,To Do\n";
        let mut backlog = crate::backlog::Backlog::default();
        let source = Source::new("e.csv", csv.into(), Encoding::Utf8);
        add_source(&mut backlog, source, &ReadOptions::default()).unwrap();
        let today = jiff::civil::date(2026, 3, 1);
        let (rules, outcome) = crate::check_with_defaults(&backlog, today).unwrap();
        let mut report = Report {
            backlog: &backlog,
            findings: &outcome.findings,
            rules: &rules,
            items_checked: outcome.items_checked,
            stories: &outcome.stories,
        };
        assert!(report.findings.len() >= 5, "{}", report.findings.len());
        let expected = whole(&report);
        for (batch, chunk) in [(1, 1), (3, 2), (4, 4), (BATCH, CHUNK)] {
            assert_eq!(written(&report, batch, chunk), expected, "{batch}/{chunk}");
        }
        report.findings = &[];
        assert_eq!(written(&report, BATCH, CHUNK), whole(&report));
    }
}
