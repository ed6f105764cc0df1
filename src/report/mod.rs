//! Output formats, one file each. Reports see findings, rules and the backlog model, never
//! CSV or JSON syntax.

pub mod csv;
pub mod github;
pub mod html;
pub mod human;
pub mod in_parallel;
pub mod json;
pub mod json_array;
pub mod junit;
pub mod markdown;
pub mod percent;
pub mod sarif;
pub mod statistics;
pub mod text;

use crate::backlog::{Backlog, Field};
use crate::finding::{Finding, Severity};
use crate::rules::engine::Outcome;
use crate::rules::Rule;
use crate::source::{Position, Source};

/// Everything a report needs.
pub struct Report<'a> {
    pub backlog: &'a Backlog,
    /// Sorted by file, position and rule.
    pub findings: &'a [Finding],
    /// The rules that ran, for their summaries, help and docs.
    pub rules: &'a [Rule],
    /// Items in scope (open), of any type.
    pub items_checked: usize,
    /// Indices of the stories that were checked, in backlog order.
    pub stories: &'a [usize],
}

/// Where a finding is, in every form the formats need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub start: Position,
    pub end: Position,
    /// Byte offsets in the file as stored on disk.
    pub file_start: usize,
    pub file_end: usize,
}

/// The backlog health figure: the share of checked stories with no finding at or above
/// warning ("ready" stories).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Health {
    pub stories: usize,
    pub ready: usize,
}

impl Health {
    /// The share in percent, 100 for a backlog without stories.
    pub fn percent(&self) -> f64 {
        if self.stories == 0 {
            100.0
        } else {
            100.0 * self.ready as f64 / self.stories as f64
        }
    }
}

impl<'a> Report<'a> {
    /// The report of a run: what `rules` found on `backlog`.
    pub fn of(backlog: &'a Backlog, rules: &'a [Rule], outcome: &'a Outcome) -> Self {
        Report {
            backlog,
            findings: &outcome.findings,
            rules,
            items_checked: outcome.items_checked,
            stories: &outcome.stories,
        }
    }

    /// The key of the item a finding is about.
    pub fn key(&self, finding: &Finding) -> &'a str {
        self.backlog.key(finding.item)
    }

    /// The index of the file a finding is in.
    pub fn file(&self, finding: &Finding) -> usize {
        self.backlog.file_of(finding.item)
    }

    /// The text of one field of the item a finding is about (decoding only that field).
    pub fn text(&self, finding: &Finding, field: Field) -> Option<String> {
        self.backlog.text(finding.item, field)
    }

    pub fn source(&self, finding: &Finding) -> &'a Source {
        self.backlog.source_of(finding.item)
    }

    pub fn location(&self, finding: &Finding) -> Location {
        let source = self.source(finding);
        Location {
            start: source.position(finding.span.start),
            end: source.position(finding.span.end),
            file_start: source.file_offset(finding.span.start),
            file_end: source.file_offset(finding.span.end),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&'a Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn health(&self) -> Health {
        let mut blocked = vec![false; self.backlog.len()];
        for finding in self
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
        {
            blocked[finding.item] = true;
        }
        Health {
            stories: self.stories.len(),
            ready: self.stories.iter().filter(|&&i| !blocked[i]).count(),
        }
    }

    /// Findings per rule, most first, then by id: (rule, severity, count).
    pub fn counts_by_rule(&self) -> Vec<(&'a str, Severity, usize)> {
        let mut counts: Vec<(&'a str, Severity, usize)> = Vec::new();
        for finding in self.findings {
            match counts.iter_mut().find(|(id, _, _)| *id == &*finding.rule) {
                Some((_, _, n)) => *n += 1,
                None => counts.push((&finding.rule, finding.severity, 1)),
            }
        }
        counts.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        counts
    }

    /// The severities that have findings, most severe first, as (count, word for one,
    /// word for several): `(3, "warning", "warnings")`; info findings are "notes".
    pub fn severity_counts(&self) -> Vec<(usize, &'static str, &'static str)> {
        [
            (Severity::Error, "error", "errors"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Info, "note", "notes"),
        ]
        .into_iter()
        .map(|(severity, one, many)| (self.count(severity), one, many))
        .filter(|&(n, _, _)| n > 0)
        .collect()
    }

    /// How many findings there are of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// `one` for 1, `many` otherwise.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
