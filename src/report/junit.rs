//! `--format junit`: JUnit XML, for the test-report views of CI systems (GitLab, Jenkins,
//! Azure Pipelines, test-reporter actions).
//!
//! One `<testsuite>` per input file; one `<testcase>` per checked story, and per other item
//! that has findings. Each finding at or above warning is a `<failure>`; info findings go
//! to the test case's `<system-out>`. `tests` counts test cases and `failures` counts test
//! cases with at least one failure, as JUnit does.

use std::fmt::Write;

use super::{in_parallel, Report};
use crate::backlog::Field;
use crate::finding::{Finding, Severity};
use crate::rules::docs;

/// Characters of a summary in a test case's name.
const NAME_SUMMARY_CHARS: usize = 100;

struct Case<'r> {
    item: usize,
    findings: Vec<&'r Finding>,
}

impl Case<'_> {
    fn fails(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity >= Severity::Warning)
    }
}

pub fn render(report: &Report<'_>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(report, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the report to `out` (buffered); test cases are rendered on every core as they
/// are written (see [`in_parallel`]).
pub fn write(report: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let items = report.backlog.len();
    let mut findings_of: Vec<Vec<&Finding>> = vec![Vec::new(); items];
    for finding in report.findings {
        findings_of[finding.item].push(finding);
    }
    let mut is_story = vec![false; items];
    for &story in report.stories {
        is_story[story] = true;
    }
    // One list of cases per file, in backlog order.
    let mut suites: Vec<Vec<Case<'_>>> =
        report.backlog.sources.iter().map(|_| Vec::new()).collect();
    for (index, findings) in findings_of.into_iter().enumerate() {
        if is_story[index] || !findings.is_empty() {
            suites[report.backlog.file_of(index)].push(Case {
                item: index,
                findings,
            });
        }
    }

    let tests: usize = suites.iter().map(Vec::len).sum();
    let failures: usize = suites.iter().flatten().filter(|c| c.fails()).count();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"backlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    )?;
    for (file, cases) in suites.iter().enumerate() {
        let name = escape(report.backlog.sources[file].name());
        writeln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            cases.len(),
            cases.iter().filter(|c| c.fails()).count()
        )?;
        in_parallel::write_chunks(out, cases.len(), |range| {
            let mut text = String::new();
            for case in &cases[range] {
                test_case(&mut text, report, &name, case);
            }
            Ok(text.into_bytes())
        })?;
        out.write_all(b"  </testsuite>\n")?;
    }
    out.write_all(b"</testsuites>\n")
}

fn test_case(out: &mut String, report: &Report<'_>, classname: &str, case: &Case<'_>) {
    let key = report.backlog.key(case.item);
    let name = match report.backlog.text(case.item, Field::Summary) {
        Some(summary) => format!("{key}: {}", truncate(&summary, NAME_SUMMARY_CHARS)),
        None => key.to_owned(),
    };
    let _ = write!(
        out,
        "    <testcase classname=\"{classname}\" name=\"{}\"",
        escape(&name)
    );
    if case.findings.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    for finding in case
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
    {
        let _ = writeln!(
            out,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            escape(&finding.rule),
            escape(&report.message(finding)),
            escape_text(&details(report, finding))
        );
    }
    let infos: Vec<String> = case
        .findings
        .iter()
        .filter(|f| f.severity < Severity::Warning)
        .map(|f| details(report, f))
        .collect();
    if !infos.is_empty() {
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            escape_text(&infos.join("\n\n"))
        );
    }
    out.push_str("    </testcase>\n");
}

/// The body of a failure: where, what, what to do, and the docs.
fn details(report: &Report<'_>, finding: &Finding) -> String {
    let at = report.location(finding).place;
    let mut text = format!(
        "{}[{}] {}: {}\nat {}:{}",
        finding.severity,
        finding.rule,
        report.key(finding),
        report.message(finding),
        report.source(finding).name(),
        at
    );
    if let Some(help) = finding.help() {
        let _ = write!(text, "\nhelp: {help}");
    }
    let _ = write!(text, "\ndocs: {}", docs::url(&finding.rule));
    text
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

/// Escapes text for an XML 1.0 attribute value (or content), dropping the characters XML
/// 1.0 cannot hold at all (control characters other than tab, line feed and carriage
/// return, and U+FFFE/U+FFFF). Tab, line feed and carriage return become character
/// references, so a parser keeps them instead of normalising them to spaces.
pub fn escape(text: &str) -> String {
    escape_with(text, true)
}

/// Escapes text for XML 1.0 element content: as [`escape`], but tabs and line feeds stay
/// as they are, which keeps multi-line bodies readable.
pub(crate) fn escape_text(text: &str) -> String {
    escape_with(text, false)
}

fn escape_with(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' if !attribute => out.push(c),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_drops_illegal_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}\u{b}\tx\ny\u{ffff}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#9;x&#10;y"
        );
        assert_eq!(escape_text("a\tb\nc\r\n"), "a\tb\nc&#13;\n");
    }
}
