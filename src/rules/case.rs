//! Test cases a rule file carries beside the rule, as oxc keeps `pass` and `fail` examples
//! next to each rule: the rule's data, its examples and its tests live in one file, and
//! one runner ([`crate::rule_cases`]) runs them: `backlint rules --test`, and the test of
//! every built-in rule (`tests/rule_cases.rs`).
//!
//! ```toml
//! [[test]]
//! fail = { Summary = "Save the basket", Priority = "" }
//! span = "Save the basket"   # optional: the text the finding covers
//!
//! [[test]]
//! pass = [{ Summary = "Save the basket", Priority = "High" }]
//! ```
//!
//! Items are rows of a Jira CSV export: column names as Jira writes them. `Issue key`
//! (`T-1`, `T-2`, …), `Issue Type` (`Story`) and `Status` (`To Do`) are filled in when a
//! case does not give them.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One item: its cells by column name.
pub type CaseItem = BTreeMap<String, String>;

/// One item, or several (for rules that compare items).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum CaseItems {
    One(CaseItem),
    Many(Vec<CaseItem>),
}

impl CaseItems {
    pub fn items(&self) -> &[CaseItem] {
        match self {
            CaseItems::One(item) => std::slice::from_ref(item),
            CaseItems::Many(items) => items,
        }
    }
}

/// A `[[test]]` entry: items the rule must report (`fail`) or must leave alone (`pass`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub fail: Option<CaseItems>,
    pub pass: Option<CaseItems>,
    /// For a failing case: the exact text one of the findings covers.
    pub span: Option<String>,
}

impl Case {
    /// What is wrong with the entry as written, if anything: it needs exactly one of
    /// `fail` and `pass`, at least one item, and a `span` only where something fails.
    pub fn problem(&self) -> Option<&'static str> {
        match (&self.fail, &self.pass) {
            (Some(_), Some(_)) => Some("a test is either `fail` or `pass`, not both"),
            (None, None) => Some("a test needs `fail` or `pass`: the items to check"),
            (None, Some(_)) if self.span.is_some() => {
                Some("`span` is the text a finding covers: only a `fail` test has one")
            }
            (Some(items), _) | (_, Some(items)) if items.items().is_empty() => {
                Some("a test needs at least one item")
            }
            _ => None,
        }
    }
}
