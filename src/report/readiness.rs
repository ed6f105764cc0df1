//! The readiness line of the reports for people: "Ready candidates: 4 of 6 ready (67%);
//! not ready: ORC-6 (missing-estimate), …" and "Ready work: 11 points in 3 stories, 1.4
//! sprints at a velocity of 8". Said only when some item is a ready candidate.

use super::{number, plural, Report, Velocity};

/// The most not-ready candidates the line names; the rest are counted.
const NAMED: usize = 10;

/// The line, with each key written by `key` (escaped for the report's medium); none when
/// no item is a ready candidate.
pub(crate) fn candidates_line(report: &Report<'_>, key: impl Fn(&str) -> String) -> Option<String> {
    let readiness = &report.readiness;
    let candidates = readiness.candidates().filter(|c| c.stories > 0)?;
    let percent = candidates.percent().unwrap_or(0.0);
    let mut line = format!(
        "Ready candidates: {} of {} ready ({percent:.0}%)",
        number(candidates.ready),
        number(candidates.stories),
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

/// "Ready work: 11 points in 3 stories, 1.4 sprints at a velocity of 8 (ORC Sprint 1: 8)",
/// or what the export lacks for the velocity; none when no item is a ready candidate.
pub(crate) fn ready_work_line(report: &Report<'_>) -> Option<String> {
    report.readiness.candidates().filter(|c| c.stories > 0)?;
    let work = report.readiness.ready_work(report.backlog);
    let mut line = format!(
        "Ready work: {} points in {} {}",
        points(work.points),
        number(work.stories),
        plural(work.stories, "story", "stories")
    );
    if work.unestimated > 0 {
        line.push_str(&format!(
            " ({} without an estimate)",
            number(work.unestimated)
        ));
    }
    match &report.velocity {
        Velocity::Known { sprints, average } if *average > 0.0 => {
            let each: Vec<String> = sprints
                .iter()
                .map(|(name, done)| format!("{name}: {}", points(*done)))
                .collect();
            line.push_str(&format!(
                ", {:.1} sprints at a velocity of {} ({})",
                work.points / average,
                points(*average),
                each.join(", ")
            ));
        }
        Velocity::Known { .. } => {
            line.push_str("; no velocity: no points were done in the last closed sprints")
        }
        Velocity::Unknown(missing) => line.push_str(&format!("; no velocity: {missing}")),
    }
    Some(line)
}

/// Points as people write them: whole when whole, else with one decimal.
fn points(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}
