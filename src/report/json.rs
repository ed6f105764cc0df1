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

use serde::Serialize;

use super::json_text::Object;
use super::{json_array, Report, Velocity};
use crate::backlog::Field;
use crate::finding::Finding;
use crate::rules::docs;
use crate::source::Place;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary<'a>,
    /// Filled as the document is written (see [`write`]).
    findings: [(); 0],
}

#[derive(Serialize)]
struct Summary<'a> {
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
    /// The stages and the ready candidates' verdicts; absent when no item is a ready
    /// candidate.
    #[serde(skip_serializing_if = "Option::is_none")]
    readiness: Option<JsonReadiness<'a>>,
}

#[derive(Serialize)]
struct JsonReadiness<'a> {
    /// Per stage, first the ready candidates': its name, its items, how many are ready.
    stages: Vec<JsonStage>,
    /// The ready candidates in rank order (the unranked after them, in export order),
    /// ready or not, with the rules they fail.
    candidates: Vec<JsonCandidate<'a>>,
    /// The ready candidates that are ready, as points of work.
    ready_work: JsonReadyWork,
    velocity: JsonVelocity,
}

#[derive(Serialize)]
struct JsonReadyWork {
    stories: usize,
    points: f64,
    /// Of `stories`, those without an estimate (counted as no points).
    unestimated: usize,
}

/// The points done in the last closed sprints (oldest first) and their average, or what
/// the export lacks to tell them.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonVelocity {
    Known {
        sprints: Vec<JsonSprint>,
        average: f64,
    },
    Unknown {
        missing: &'static str,
    },
}

#[derive(Serialize)]
struct JsonSprint {
    name: String,
    points: f64,
}

#[derive(Serialize)]
struct JsonStage {
    name: String,
    stories: usize,
    ready: usize,
}

#[derive(Serialize)]
struct JsonCandidate<'a> {
    key: &'a str,
    ready: bool,
    failing: Vec<&'a str>,
}

/// The readiness part of the summary, when some item is a ready candidate.
fn readiness<'a>(report: &'a Report<'a>) -> Option<JsonReadiness<'a>> {
    let readiness = &report.readiness;
    readiness.candidates().filter(|c| c.stories > 0)?;
    Some(JsonReadiness {
        stages: readiness
            .counts()
            .into_iter()
            .map(|c| JsonStage {
                name: c.name.to_string(),
                stories: c.stories,
                ready: c.ready,
            })
            .collect(),
        candidates: readiness
            .candidate_verdicts()
            .map(|v| JsonCandidate {
                key: report.backlog.key(v.item),
                ready: v.is_ready(),
                failing: v.failing.iter().map(|rule| &**rule).collect(),
            })
            .collect(),
        ready_work: {
            let work = readiness.ready_work(report.backlog);
            JsonReadyWork {
                stories: work.stories,
                points: work.points,
                unestimated: work.unestimated,
            }
        },
        velocity: match &report.velocity {
            Velocity::Known { sprints, average } => JsonVelocity::Known {
                sprints: sprints
                    .iter()
                    .map(|(name, points)| JsonSprint {
                        name: name.clone(),
                        points: *points,
                    })
                    .collect(),
                average: (average * 10.0).round() / 10.0,
            },
            Velocity::Unknown(missing) => JsonVelocity::Unknown { missing },
        },
    })
}

/// A finding as the document shows it. Written by hand ([`JsonFinding::write`]); the
/// derived `Serialize` is the reference the tests hold it to.
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
    /// The cell the finding starts in (`Backlog!C12`), for a workbook's sheet: `line` and
    /// `column` are then its row and column number.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
    /// The readiness stage whose Definition of Ready set the severity (version 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
}

fn finding<'a>(report: &Report<'a>, f: &'a Finding) -> JsonFinding<'a> {
    let source = report.source(f);
    let at = report.location(f);
    JsonFinding {
        rule: &f.rule,
        severity: f.severity.name(),
        message: f.message(),
        help: f.help(),
        docs_url: docs::url(&f.rule),
        file: source.name(),
        key: report.key(f),
        summary: report.text(f, Field::Summary),
        field: f.field(),
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
        cell: match at.place {
            Place::Cell(cell) => Some(cell.to_string()),
            Place::Text(_) => None,
        },
        stage: f.stage.as_deref(),
    }
}

impl JsonFinding<'_> {
    /// Appends the finding as serde_json pretty-prints it at `depth`, by hand (see
    /// [`super::json_text`]): the members in the order of the struct, `cell` and `stage`
    /// only when set.
    fn write(&self, depth: usize, out: &mut Vec<u8>) {
        let mut object = Object::open(out, depth);
        object.string("rule", self.rule);
        object.string("severity", self.severity);
        object.string("message", self.message);
        object.optional_string("help", self.help);
        object.string("docs_url", &self.docs_url);
        object.string("file", self.file);
        object.string("key", self.key);
        object.optional_string("summary", self.summary.as_deref());
        object.optional_string("field", self.field);
        object.string("text", self.text);
        object.number("line", self.line);
        object.number("column", self.column);
        object.number("end_line", self.end_line);
        object.number("end_column", self.end_column);
        object.number("start", self.start);
        object.number("end", self.end);
        if let Some(cell) = &self.cell {
            object.string("cell", cell);
        }
        if let Some(stage) = self.stage {
            object.string("stage", stage);
        }
        object.close();
    }
}

/// Writes the document to `out` (buffered: it is written in many small pieces); the
/// findings are rendered on every core as they are written (see [`json_array`]).
pub fn write<'a>(report: &'a Report<'a>, out: &mut dyn Write) -> std::io::Result<()> {
    let findings = report.findings;
    let write = |i: usize, depth: usize, out: &mut Vec<u8>| {
        finding(report, &findings[i]).write(depth, out);
        Ok(())
    };
    json_array::write_filled_by(out, &document(report), "findings", findings.len(), write)
}

/// The document with its findings left empty.
fn document<'a>(report: &'a Report<'a>) -> Document<'a> {
    let health = report.health;
    Document {
        version: 1,
        summary: Summary {
            files: report.backlog.sources.len(),
            items: report.backlog.len(),
            findings: report.findings.len(),
            items_checked: report.items_checked,
            stories_checked: health.stories,
            stories_ready: health.ready,
            // 100 when no story was checked, as in version 1 from the start: a number
            // readers compare stays a number (`stories_checked` says whether it applies).
            health: health
                .percent()
                .map_or(100.0, |percent| (percent * 10.0).round() / 10.0),
            readiness: readiness(report),
        },
        findings: [],
    }
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
        version: u32,
        summary: Summary<'a>,
        findings: Vec<JsonFinding<'a>>,
    }

    #[test]
    fn the_written_document_is_the_whole_document_pretty_printed() {
        let csv = "Summary,Issue key,Issue Type,Status\nAs a user I want X,PAN-1,Story,To Do\n\
                   Fast \"\"search\"\",PAN-2,Story,To Do\n";
        let mut backlog = crate::backlog::Backlog::default();
        let source = Source::new("e.csv", csv.into(), Encoding::Utf8);
        add_source(&mut backlog, source, &ReadOptions::default()).unwrap();
        let (rules, outcome) =
            crate::check_with_defaults(&backlog, jiff::civil::date(2026, 3, 1)).unwrap();
        let report = Report::of(&backlog, &rules, &outcome);
        assert!(!report.findings.is_empty());
        let head = document(&report);
        let whole = Whole {
            version: head.version,
            summary: head.summary,
            findings: report
                .findings
                .iter()
                .map(|f| finding(&report, f))
                .collect(),
        };
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(render(&report), expected);
    }
}
