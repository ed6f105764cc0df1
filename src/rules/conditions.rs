//! `[when]` in a rule file: which items a rule applies to, beyond the configured scope.

use serde::Deserialize;

use crate::backlog::{Field, Item};

/// Every condition given must hold; when `any` is given, at least one of its alternatives
/// must hold too. Names compare without regard to case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Conditions {
    pub issue_types: Names,
    /// Issue types the rule leaves out (epics and sub-tasks, say).
    pub not_issue_types: Names,
    pub statuses: Names,
    pub status_categories: Names,
    /// The item carries at least one of these labels.
    pub labels: Names,
    /// The item is (or is not) in a sprint.
    pub in_sprint: Option<bool>,
    pub any: Vec<Conditions>,
}

impl Conditions {
    pub fn hold(&self, item: &Item) -> bool {
        one_of(&self.issue_types, item, Field::IssueType)
            && !item
                .text(Field::IssueType)
                .is_some_and(|value| self.not_issue_types.contains(value))
            && one_of(&self.statuses, item, Field::Status)
            && one_of(&self.status_categories, item, Field::StatusCategory)
            && (self.labels.is_empty()
                || item
                    .all(Field::Labels)
                    .any(|l| self.labels.contains(l.as_str())))
            && self
                .in_sprint
                .is_none_or(|wanted| item.get(Field::Sprint).is_some() == wanted)
            && (self.any.is_empty() || self.any.iter().any(|c| c.hold(item)))
    }
}

fn one_of(list: &Names, item: &Item, field: Field) -> bool {
    list.is_empty() || item.text(field).is_some_and(|value| list.contains(value))
}

/// A list of names in `[when]`, trimmed and lower-cased once when the rule file is read:
/// it is compared with a value of every item, and [`contains`] would fold each name again
/// each time (the issue type lists hold a dozen names, some not ASCII).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct Names(Vec<Box<str>>);

impl From<Vec<String>> for Names {
    fn from(list: Vec<String>) -> Names {
        Names(
            list.iter()
                .map(|name| name.trim().chars().flat_map(char::to_lowercase).collect())
                .collect(),
        )
    }
}

impl Names {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a name is `value`, trimmed and lower-cased as [`contains`] compares them.
    /// An ASCII value equals only a name whose lower case is the same ASCII, so it is
    /// compared byte for byte without regard to ASCII case.
    pub fn contains(&self, value: &str) -> bool {
        let value = value.trim();
        if value.is_ascii() {
            self.0
                .iter()
                .any(|name| name.as_bytes().eq_ignore_ascii_case(value.as_bytes()))
        } else {
            self.0
                .iter()
                .any(|name| name.chars().eq(value.chars().flat_map(char::to_lowercase)))
        }
    }
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

    /// Folded once, a list finds what [`contains`] finds in the list as written.
    #[test]
    fn names_find_what_contains_finds() {
        let list: Vec<String> = [
            " Ready for Development ",
            "Terminé",
            "Épica",
            "Sous-tâche",
            "\u{212A}elvin",
            "İstanbul",
            "ΟΔΟΣ",
            "Sub-Task",
            "",
        ]
        .map(String::from)
        .to_vec();
        let names = Names::from(list.clone());
        for value in [
            "ready for development",
            " READY FOR DEVELOPMENT",
            "TERMINÉ",
            "terminé ",
            "Termine",
            "Ready",
            "épica",
            "ÉPICA",
            "epica",
            "sous-TÂCHE",
            "kelvin",
            "KELVIN",
            "\u{212A}ELVIN",
            "i\u{307}stanbul",
            "istanbul",
            "İSTANBUL",
            "οδοσ",
            "οδος",
            "ΟΔΟΣ",
            "sub-task",
            "SUB-TASK",
            "Subtask",
            "",
            "  ",
            "Épica\u{301}",
        ] {
            assert_eq!(names.contains(value), contains(&list, value), "{value:?}");
        }
        assert!(Names::default().is_empty() && !Names::default().contains(""));
    }
}
