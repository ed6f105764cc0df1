//! GitHub, GitLab and Linear issues have no type, priority or estimate of their own (or
//! not always): teams give them labels (`type: story`, `priority/high`, GitLab's scoped
//! `type::story`, `🏕 Priority Mandatory`, `bug`). This is the table of the labels that
//! fill a field, and the reading of one label.

use std::ops::Range;

use crate::backlog::Field;

/// Label prefixes, compared case-insensitively, and the field the rest of the label fills.
const PREFIXES: [(&str, Field); 7] = [
    ("type", Field::IssueType),
    ("kind", Field::IssueType),
    ("priority", Field::Priority),
    ("prio", Field::Priority),
    ("estimate", Field::Estimate),
    ("story points", Field::Estimate),
    ("points", Field::Estimate),
];

/// Labels that are an issue type by themselves.
const TYPES: [&str; 5] = ["bug", "epic", "story", "user story", "task"];

/// Labels that fill `field`, as teams write them (GitHub's and Linear's `type: story`,
/// GitLab's scoped `type::story`), for `backlint fields` to show; `None` for a field no
/// label fills.
pub fn examples(field: Field) -> Option<[&'static str; 2]> {
    match field {
        Field::IssueType => Some(["type: story", "type::story"]),
        Field::Priority => Some(["priority: high", "priority::high"]),
        Field::Estimate => Some(["points: 3", "points::3"]),
        _ => None,
    }
}

/// The field `label` fills and where in it the value stands: after a known prefix and a
/// separator (`:`, `/` or a space; symbols before the prefix, as emoji, are skipped), or
/// the whole label when it is a type by itself.
pub fn field_of(label: &str) -> Option<(Field, Range<usize>)> {
    let start = label
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(label.len(), |(at, _)| at);
    let name = &label[start..];
    if TYPES.iter().any(|t| t.eq_ignore_ascii_case(name.trim())) {
        return Some((Field::IssueType, start..start + name.trim_end().len()));
    }
    PREFIXES.iter().find_map(|&(prefix, field)| {
        let head = name.get(..prefix.len())?;
        let rest = &name[prefix.len()..];
        if !head.eq_ignore_ascii_case(prefix) {
            return None;
        }
        let after = rest.trim_start_matches([':', '/', ' ', '=']);
        // A separator is required: `typescript` is no type.
        if after.len() == rest.len() || after.trim().is_empty() {
            return None;
        }
        let value_start = label.len() - after.len();
        Some((field, value_start..value_start + after.trim_end().len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(label: &str) -> Option<(Field, &str)> {
        field_of(label).map(|(field, range)| (field, &label[range]))
    }

    #[test]
    fn labels_that_fill_fields() {
        assert_eq!(value("type: story"), Some((Field::IssueType, "story")));
        assert_eq!(value("Type/Epic"), Some((Field::IssueType, "Epic")));
        assert_eq!(value("priority:high"), Some((Field::Priority, "high")));
        assert_eq!(
            value("🏕 Priority Mandatory"),
            Some((Field::Priority, "Mandatory"))
        );
        assert_eq!(value("points: 3"), Some((Field::Estimate, "3")));
        assert_eq!(value("bug"), Some((Field::IssueType, "bug")));
        assert_eq!(value("type::story"), Some((Field::IssueType, "story")));
        for field in Field::ALL {
            for label in examples(field).into_iter().flatten() {
                assert_eq!(value(label).map(|(f, _)| f), Some(field), "{label}");
            }
        }
        assert_eq!(value("User Story"), Some((Field::IssueType, "User Story")));
    }

    #[test]
    fn labels_that_do_not() {
        assert_eq!(value("typescript"), None);
        assert_eq!(value("priority"), None);
        assert_eq!(value("priority: "), None);
        assert_eq!(value("good first issue"), None);
        assert_eq!(value("📅 Sprint 1"), None);
        assert_eq!(value(""), None);
    }
}
