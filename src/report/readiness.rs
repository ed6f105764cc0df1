//! The readiness line of the reports for people: "Ready candidates: 4 of 6 ready (67%);
//! not ready: ORC-6 (missing-estimate), …". Said only when some item is a ready candidate.

use super::{number, Report};

/// The most not-ready candidates the line names; the rest are counted.
const NAMED: usize = 10;

/// The line, with each key written by `key` (escaped for the report's medium); none when
/// no item is a ready candidate.
pub fn candidates_line(report: &Report<'_>, key: impl Fn(&str) -> String) -> Option<String> {
    let readiness = &report.readiness;
    let candidates = readiness.candidates().filter(|c| c.items > 0)?;
    let percent = candidates.percent().unwrap_or(0.0);
    let mut line = format!(
        "Ready candidates: {} of {} ready ({percent:.0}%)",
        number(candidates.ready),
        number(candidates.items),
    );
    let not_ready: Vec<String> = readiness
        .candidate_verdicts()
        .filter(|v| !v.is_ready())
        .map(|v| {
            let failing: Vec<&str> = v.failing.iter().map(|r| &**r).collect();
            format!(
                "{} ({})",
                key(report.backlog.key(v.item)),
                failing.join(", ")
            )
        })
        .collect();
    if !not_ready.is_empty() {
        line.push_str("; not ready: ");
        line.push_str(&not_ready[..not_ready.len().min(NAMED)].join(", "));
        if not_ready.len() > NAMED {
            line.push_str(&format!(" and {} more", number(not_ready.len() - NAMED)));
        }
    }
    Some(line)
}
