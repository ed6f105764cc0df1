//! `--format concise`: one line per finding, `file:line:col: severity[rule] KEY: message`,
//! items in `--sort` order as in the human report.

use std::fmt::Write;

use super::Report;
use crate::terminal_text::{defused, escape};

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for finding in report.ordered_findings() {
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
    defused(out)
}
