//! `[when]` in a rule file: which items a rule applies to, beyond the configured scope.

use serde::Deserialize;

use crate::backlog::{Field, Item};

/// Every condition given must hold; when `any` is given, at least one of its alternatives
/// must hold too. Names compare without regard to case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Conditions {
    pub issue_types: Vec<String>,
    /// Issue types the rule leaves out (epics and sub-tasks, say).
    pub not_issue_types: Vec<String>,
    pub statuses: Vec<String>,
    pub status_categories: Vec<String>,
    /// The item carries at least one of these labels.
    pub labels: Vec<String>,
    /// The item is (or is not) in a sprint.
    pub in_sprint: Option<bool>,
    pub any: Vec<Conditions>,
}

impl Conditions {
    pub fn hold(&self, item: &Item) -> bool {
        one_of(&self.issue_types, item, Field::IssueType)
            && !item
                .text(Field::IssueType)
                .is_some_and(|value| contains(&self.not_issue_types, value))
            && one_of(&self.statuses, item, Field::Status)
            && one_of(&self.status_categories, item, Field::StatusCategory)
            && (self.labels.is_empty()
                || item
                    .all(Field::Labels)
                    .any(|l| contains(&self.labels, l.as_str())))
            && self
                .in_sprint
                .is_none_or(|wanted| item.get(Field::Sprint).is_some() == wanted)
            && (self.any.is_empty() || self.any.iter().any(|c| c.hold(item)))
    }
}

fn one_of(list: &[String], item: &Item, field: Field) -> bool {
    list.is_empty() || item.text(field).is_some_and(|value| contains(list, value))
}

/// Whether `list` holds `value`, compared trimmed and without regard to case. It runs for
/// every item against every status and type listed, so nothing is lower-cased into a new
/// string.
pub fn contains(list: &[String], value: &str) -> bool {
    let value = value.trim();
    list.iter()
        .any(|entry| same_ignoring_case(entry.trim(), value))
}

/// `a` and `b` equal once lower-cased, character by character (Greek final sigma aside,
/// which `str::to_lowercase` would tell apart).
fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_match_trimmed_and_in_any_case() {
        let list = vec![" Ready for Development ".to_owned(), "Terminé".to_owned()];
        assert!(contains(&list, "ready for development"));
        assert!(contains(&list, " READY FOR DEVELOPMENT"));
        assert!(contains(&list, "TERMINÉ"));
        assert!(contains(&list, "terminé "));
        assert!(!contains(&list, "Termine"));
        assert!(!contains(&list, "Ready"));
        assert!(!contains(&[], "Ready"));
    }
}
