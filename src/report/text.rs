//! `--format concise`: one line per finding, `file:line:col: severity[rule] KEY: message`.

use std::fmt::Write;

use super::Report;
use crate::terminal_text::{defused, escape};

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for finding in report.findings {
        let at = report.location(finding).start;
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}: {}",
            escape(report.source(finding).name()),
            at.line,
            at.column,
            finding.severity,
            finding.rule,
            escape(report.key(finding)),
            escape(&finding.message)
        );
    }
    defused(out)
}
