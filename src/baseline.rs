//! Baselines, for adopting backlint on a backlog with history: `--write-baseline FILE`
//! records today's findings; `--baseline FILE` reports only new ones.
//!
//! A finding matches a baseline entry by item key, rule and the offending text, so
//! reordering rows or editing other fields keeps the match; the file offset does not
//! count. Entries that no longer occur are reported as fixed, so the baseline can be
//! tightened by writing it again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::backlog::Backlog;
use crate::error::Error;
use crate::finding::Finding;
use crate::source::Source;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub rule: String,
    /// The text the finding pointed at.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

fn entry(backlog: &Backlog, finding: &Finding) -> Entry {
    let text = backlog
        .source_of(finding.item)
        .text()
        .get(finding.span.start..finding.span.end)
        .unwrap_or_default();
    Entry {
        key: backlog.key(finding.item).to_owned(),
        rule: finding.rule.to_string(),
        text: text.to_owned(),
    }
}

impl Baseline {
    /// The baseline of these findings.
    pub fn of(backlog: &Backlog, findings: &[Finding]) -> Self {
        let mut findings: Vec<Entry> = findings.iter().map(|f| entry(backlog, f)).collect();
        findings.sort_by(|a, b| (&a.key, &a.rule, &a.text).cmp(&(&b.key, &b.rule, &b.text)));
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Reads a baseline file, reporting a malformed one at its place.
    pub fn parse(source: &Source) -> Result<Self, Error> {
        serde_json::from_str(source.text()).map_err(|e| {
            let position = crate::source::Position {
                line: e.line().max(1),
                column: e.column().max(1),
            };
            let offset = source.offset_of(position).unwrap_or(0);
            Error::at(
                source,
                crate::backlog::Span::empty_at(offset),
                format!("not a backlint baseline: {e}"),
            )
            .help("write it again with --write-baseline FILE")
            .build()
        })
    }

    /// Removes the findings the baseline holds (each entry matches one finding); returns
    /// the entries that matched nothing, in baseline order.
    pub fn filter(&self, backlog: &Backlog, findings: &mut Vec<Finding>) -> Vec<Entry> {
        let mut remaining: HashMap<&Entry, usize> = HashMap::new();
        for entry in &self.findings {
            *remaining.entry(entry).or_default() += 1;
        }
        findings.retain(
            |finding| match remaining.get_mut(&entry(backlog, finding)) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            },
        );
        let mut fixed = Vec::new();
        for entry in &self.findings {
            if let Some(count) = remaining.get_mut(entry).filter(|c| **c > 0) {
                *count -= 1;
                fixed.push(entry.clone());
            }
        }
        fixed
    }
}
