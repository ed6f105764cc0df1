//! `--format json`: a stable, versioned document for scripts.
//!
//! ```json
//! {"version": 1, "summary": {"files": F, "items": N, "findings": K},
//!  "findings": [{"rule", "severity", "message", "file", "key", "field", "line", "column",
//!                "end_line", "end_column", "start", "end"}]}
//! ```
//! Lines and columns are 1-based, columns count characters; `start` and `end` are byte
//! offsets in the file as stored on disk.

use serde::Serialize;

use super::Report;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    items: usize,
    findings: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    key: &'a str,
    field: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
}

pub fn render(report: &Report<'_>) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| {
            let item = &report.backlog.items[f.item];
            let source = report.backlog.source_of(item);
            let start = source.position(f.span.start);
            let end = source.position(f.span.end);
            JsonFinding {
                rule: &f.rule,
                severity: f.severity.name(),
                message: &f.message,
                file: source.name(),
                key: &item.key,
                field: f.field.as_deref(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                start: source.file_offset(f.span.start),
                end: source.file_offset(f.span.end),
            }
        })
        .collect();
    let document = Document {
        version: 1,
        summary: Summary {
            files: report.backlog.sources.len(),
            items: report.backlog.items.len(),
            findings: report.findings.len(),
        },
        findings,
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
