//! `--format concise`: one line per finding, `file:line:col: severity[rule] KEY: message`.

use std::fmt::Write;

use super::Report;

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for finding in report.findings {
        let item = &report.backlog.items[finding.item];
        let source = report.backlog.source_of(item);
        let at = source.position(finding.span.start);
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}: {}",
            source.name(),
            at.line,
            at.column,
            finding.severity,
            finding.rule,
            item.key,
            finding.message
        );
    }
    out
}
