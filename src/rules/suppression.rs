//! Suppressions: a Jira label `backlint-ignore` (every rule) or `backlint-ignore:<rule-id>`
//! on an item, and `[suppress]` in the configuration (issue key → rule ids or `all`).
//! A suppression that matches no finding is reported, so stale ones get cleaned up.

use std::collections::BTreeMap;

use crate::backlog::{Backlog, Field, Span};
use crate::finding::Finding;

pub const LABEL: &str = "backlint-ignore";

/// One suppression and whether any finding used it.
#[derive(Debug, Clone)]
struct Suppression {
    /// The item it applies to.
    key: String,
    /// `None` for every rule.
    rule: Option<String>,
    /// For labels: the item and the label's span, so an unused one can be pointed at.
    label: Option<(usize, Span)>,
    used: bool,
}

/// A suppression that matched nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Unused {
    /// A label on item `item` (index), at `span`.
    Label {
        item: usize,
        span: Span,
        label: String,
    },
    /// An entry of `[suppress]` in the configuration.
    Config { key: String, rule: String },
}

/// A label that names no rule, such as `backlint-ignore:missing-estimat`: a mistake to
/// report as such, not a suppression that merely matched nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownRule {
    /// The item (index) that carries the label.
    pub item: usize,
    pub span: Span,
    pub rule: String,
}

#[derive(Debug, Default)]
pub struct Suppressions {
    entries: Vec<Suppression>,
}

impl Suppressions {
    /// Collects the labels of every item and the configuration's `[suppress]` table.
    pub fn collect(backlog: &Backlog, config: &BTreeMap<String, Vec<String>>) -> Self {
        let mut entries = Vec::new();
        // Labels are decoded only in files that mention the label at all: most do not,
        // and decoding every item's labels is a pass over the whole export.
        let mentioned: Vec<bool> = backlog
            .sources
            .iter()
            .map(|source| {
                memchr::memmem::find(source.text().as_bytes(), LABEL.as_bytes()).is_some()
            })
            .collect();
        for index in (0..backlog.len()).filter(|&i| mentioned[backlog.file_of(i)]) {
            for label in backlog.values(index, Field::Labels) {
                let text = label.as_str().trim();
                let rule = match text.strip_prefix(LABEL) {
                    Some("") => None,
                    Some(rest) => match rest.strip_prefix(':') {
                        Some(rule) => Some(rule.to_owned()),
                        None => continue,
                    },
                    None => continue,
                };
                entries.push(Suppression {
                    key: backlog.key(index).to_owned(),
                    rule,
                    label: Some((index, label.span)),
                    used: false,
                });
            }
        }
        for (key, rules) in config {
            for rule in rules {
                entries.push(Suppression {
                    key: key.clone(),
                    rule: (rule != "all").then(|| rule.clone()),
                    label: None,
                    used: false,
                });
            }
        }
        Suppressions { entries }
    }

    /// Takes out the labels naming a rule that `is_rule` does not know (the configuration's
    /// `[suppress]` is checked when it is loaded).
    pub(crate) fn take_unknown(&mut self, is_rule: impl Fn(&str) -> bool) -> Vec<UnknownRule> {
        let mut unknown = Vec::new();
        self.entries
            .retain(|entry| match (&entry.rule, entry.label) {
                (Some(rule), Some((item, span))) if !is_rule(rule) => {
                    unknown.push(UnknownRule {
                        item,
                        span,
                        rule: rule.clone(),
                    });
                    false
                }
                _ => true,
            });
        unknown
    }

    /// Removes suppressed findings, remembering which suppressions were used.
    pub fn apply(&mut self, backlog: &Backlog, findings: &mut Vec<Finding>) {
        if self.entries.is_empty() {
            return;
        }
        findings.retain(|finding| {
            let key = backlog.key(finding.item);
            let mut suppressed = false;
            for entry in &mut self.entries {
                if entry.key == key && entry.rule.as_deref().is_none_or(|r| r == &*finding.rule) {
                    entry.used = true;
                    suppressed = true;
                }
            }
            !suppressed
        });
    }

    /// The suppressions that matched no finding, once `apply` has run.
    pub fn unused(&self) -> Vec<Unused> {
        self.entries
            .iter()
            .filter(|e| !e.used)
            .map(|e| match e.label {
                Some((item, span)) => Unused::Label {
                    item,
                    span,
                    label: match &e.rule {
                        Some(rule) => format!("{LABEL}:{rule}"),
                        None => LABEL.to_owned(),
                    },
                },
                None => Unused::Config {
                    key: e.key.clone(),
                    rule: e.rule.clone().unwrap_or_else(|| "all".to_owned()),
                },
            })
            .collect()
    }
}
