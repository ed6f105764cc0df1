//! Output formats, one file each. Reports see findings, rules and the backlog model, never
//! CSV or JSON syntax.

pub mod concise;
pub mod csv;
pub mod emit;
pub mod field;
pub mod github;
pub mod html;
pub mod human;
pub mod in_parallel;
pub mod json;
pub mod json_array;
pub(crate) mod json_text;
pub mod junit;
pub mod markdown;
pub mod order;
pub mod percent;
pub mod readiness;
pub mod sarif;
pub mod statistics;

use crate::backlog::{Backlog, Field};
use crate::finding::{Finding, Severity};
use crate::rules::ages::AgesFrom;
use crate::rules::engine::Outcome;
pub use crate::rules::readiness::{Band, Health, Readiness};
pub use crate::rules::sprints::Velocity;
use crate::rules::Rule;
use crate::source::{Place, Position, Source};
pub use order::Order;

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
    /// The order reports for people list items in (`--sort`).
    pub order: Order,
    /// How many findings a baseline hid; `None` without a baseline.
    pub hidden_by_baseline: Option<usize>,
    /// Per file, the day its ages were counted from; `None` where no rule counted an age.
    pub ages_from: &'a [Option<AgesFrom>],
    /// How many of the checked stories are ready: the run's verdict, which reports show.
    pub health: Health,
    /// The readiness of the items in each stage (`[readiness]`).
    pub readiness: Readiness,
    /// Points done per closed sprint, or what the export lacks to tell.
    pub velocity: Velocity,
}

/// Where a finding is, in every form the formats need. In text made of a grid of cells (a
/// sheet), `start` and `end` are the row and column numbers of the cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location<'a> {
    /// Where it starts, as people name it: `3:27`, or the cell `Backlog!C12`.
    pub place: Place<'a>,
    pub start: Position,
    pub end: Position,
    /// Byte offsets in the file as stored on disk.
    pub file_start: usize,
    pub file_end: usize,
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
            order: Order::default(),
            hidden_by_baseline: None,
            ages_from: &outcome.ages_from,
            health: outcome.health(backlog.len()),
            readiness: outcome.readiness(),
            velocity: outcome.sprints.velocity(),
        }
    }

    /// The same report with items listed in `order`.
    pub fn in_order(self, order: Order) -> Self {
        Report { order, ..self }
    }

    /// The same report, saying that a baseline hid `hidden` findings.
    pub fn with_baseline(self, hidden: usize) -> Self {
        Report {
            hidden_by_baseline: Some(hidden),
            ..self
        }
    }

    /// The findings as reports for people list them: grouped by item, the items in
    /// [`Report::order`] (see [`order::ordered`]).
    pub(crate) fn ordered_findings(&self) -> Vec<&'a Finding> {
        order::ordered(self.findings, self.order)
    }

    /// A finding's message as reports for people and tools show it: with the readiness
    /// stage that set its severity, when one did ("no estimate (Definition of Ready, stage
    /// ready)"). The JSON report gives the stage as a field of its own instead.
    pub fn message<'f>(&self, finding: &'f Finding) -> std::borrow::Cow<'f, str> {
        match &finding.stage {
            Some(stage) => {
                format!("{} (Definition of Ready, stage {stage})", finding.message()).into()
            }
            None => finding.message().into(),
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

    pub(crate) fn location(&self, finding: &Finding) -> Location<'a> {
        let source = self.source(finding);
        let place = source.place(finding.span.start);
        Location {
            place,
            start: place.position(),
            end: source.place(finding.span.end).position(),
            file_start: source.file_offset(finding.span.start),
            file_end: source.file_offset(finding.span.end),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&'a Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Findings per rule, most first, then by id: (rule, its most severe finding's
    /// severity, count). A stage may make one finding of a rule an error and another a note.
    pub(crate) fn counts_by_rule(&self) -> Vec<(&'a str, Severity, usize)> {
        let mut counts: Vec<(&'a str, Severity, usize)> = Vec::new();
        for finding in self.findings {
            match counts.iter_mut().find(|(id, _, _)| *id == &*finding.rule) {
                Some((_, severity, n)) => {
                    *severity = (*severity).max(finding.severity);
                    *n += 1;
                }
                None => counts.push((&finding.rule, finding.severity, 1)),
            }
        }
        counts.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        counts
    }

    /// The severities that have findings, most severe first, as (count, word for one,
    /// word for several): `(3, "warning", "warnings")`; info findings are "notes".
    fn severity_counts(&self) -> Vec<(usize, &'static str, &'static str)> {
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

    /// What was found, in one sentence: "2 errors, 27 warnings and 46 notes in 45 items
    /// (12 stories)" — the items with findings, and how many of those are checked stories;
    /// `None` when nothing was found.
    pub fn found(&self) -> Option<String> {
        let counts: Vec<String> = self
            .severity_counts()
            .into_iter()
            .map(|(n, one, many)| format!("{} {}", number(n), plural(n, one, many)))
            .collect();
        let (last, rest) = counts.split_last()?;
        let counts = if rest.is_empty() {
            last.clone()
        } else {
            format!("{} and {last}", rest.join(", "))
        };
        let mut items: Vec<usize> = self.findings.iter().map(|f| f.item).collect();
        items.sort_unstable();
        items.dedup();
        let stories = items
            .iter()
            .filter(|item| self.stories.binary_search(item).is_ok())
            .count();
        Some(format!(
            "{counts} in {}",
            items_and_stories(items.len(), stories)
        ))
    }

    /// What was checked: "40 items (12 stories)".
    pub fn checked(&self) -> String {
        items_and_stories(self.items_checked, self.stories.len())
    }

    /// "ages counted from 2026-02-15, the newest date in the export", when a rule counted
    /// ages in some file: a snapshot's findings depend on that day, so the report names it.
    pub(crate) fn ages_note(&self) -> Option<String> {
        if self.ages_from.iter().all(Option::is_none) {
            return None;
        }
        let mut given = None;
        let mut newest: Vec<jiff::civil::Date> = Vec::new();
        let mut undated = None;
        for ages_from in self.ages_from.iter().flatten() {
            match *ages_from {
                AgesFrom::Given(date) => given = Some(date),
                AgesFrom::NewestInFile(date) => newest.push(date),
                AgesFrom::Clock(date) => undated = Some(date),
            }
        }
        if let Some(date) = given {
            return Some(format!(
                "ages counted from {date}, the day given by --today or `today`"
            ));
        }
        let (first, last) = (newest.iter().min(), newest.iter().max());
        let note = match (first, last) {
            (Some(first), Some(last)) if first == last => format!(
                "ages counted from {first}, the newest date in the export (--today sets another day)"
            ),
            (Some(first), Some(last)) => format!(
                "ages counted from each file's newest date ({first} to {last}; --today sets one day)"
            ),
            _ => String::new(),
        };
        match undated {
            Some(today) if note.is_empty() => Some(format!(
                "ages counted from today, {today}: the export has no date backlint can read"
            )),
            Some(today) => Some(format!(
                "{note}; from today, {today}, in files with no date backlint can read"
            )),
            None => Some(note),
        }
    }

    /// "12 findings hidden by the baseline", when a baseline hid any.
    pub fn hidden(&self) -> Option<String> {
        let hidden = self.hidden_by_baseline.filter(|&n| n > 0)?;
        Some(format!(
            "{} {} hidden by the baseline",
            number(hidden),
            plural(hidden, "finding", "findings")
        ))
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
pub(crate) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "45 items (12 stories)", "1 item (1 story)", "19 items (no stories)".
fn items_and_stories(items: usize, stories: usize) -> String {
    let stories = match stories {
        0 => "no stories".to_owned(),
        n => format!("{} {}", number(n), plural(n, "story", "stories")),
    };
    format!(
        "{} {} ({stories})",
        number(items),
        plural(items, "item", "items")
    )
}

/// `12,345`.
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(10_000), "10,000");
        assert_eq!(number(1_234_567), "1,234,567");
    }

    #[test]
    fn items_and_stories_are_counted_in_words() {
        assert_eq!(items_and_stories(45, 12), "45 items (12 stories)");
        assert_eq!(items_and_stories(1, 1), "1 item (1 story)");
        assert_eq!(items_and_stories(1_000, 0), "1,000 items (no stories)");
    }
}
