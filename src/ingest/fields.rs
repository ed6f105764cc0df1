//! Which column or JSON field fills each logical [`Field`].
//!
//! Defaults know the names Jira Cloud, Server and Data Center use, including names that
//! changed across versions, and the names of its UI in other languages
//! ([`jira_languages`]). `[fields]` in `backlint.toml` replaces the names of a field, for
//! site-specific custom fields or a language backlint does not know.

use std::cell::OnceCell;

use crate::backlog::Field;
use crate::ingest::jira_languages::{self, LANGUAGES};

/// Candidate names per logical field, most preferred first. Names compare case-insensitively.
#[derive(Debug, Clone)]
pub struct FieldMap {
    candidates: Vec<(Field, Vec<String>)>,
    /// The fields whose names were [`set`](FieldMap::set), in the order they were.
    configured: Vec<Field>,
}

impl Default for FieldMap {
    fn default() -> Self {
        let candidates = Field::ALL
            .into_iter()
            .map(|field| {
                let english = default_names(field).iter();
                let others = LANGUAGES.iter().flat_map(|language| language.names(field));
                let names = english.chain(others).map(|n| n.to_string()).collect();
                (field, names)
            })
            .collect();
        FieldMap {
            candidates,
            configured: Vec::new(),
        }
    }
}

impl FieldMap {
    /// A map of the names in `table` alone, most preferred first (a tracker's preset, see
    /// [`CsvPreset::field_map`](super::csv_preset::CsvPreset::field_map)).
    pub fn of_table(table: &[(Field, &[&str])]) -> Self {
        let names = |field| {
            let names = table.iter().filter(move |(f, _)| *f == field);
            names.flat_map(|(_, names)| names.iter().map(|n| n.to_string()))
        };
        FieldMap {
            candidates: Field::ALL
                .into_iter()
                .map(|f| (f, names(f).collect()))
                .collect(),
            configured: Vec::new(),
        }
    }

    /// Replaces the candidate names of `field` (from the config's `[fields]`).
    pub fn set(&mut self, field: Field, names: Vec<String>) {
        if let Some(entry) = self.candidates.iter_mut().find(|(f, _)| *f == field) {
            entry.1 = names;
        }
        if !self.configured.contains(&field) {
            self.configured.push(field);
        }
    }

    /// The fields whose names were set, as `[fields]` sets them.
    pub fn configured(&self) -> impl Iterator<Item = Field> + '_ {
        self.configured.iter().copied()
    }

    pub fn names(&self, field: Field) -> &[String] {
        self.candidates
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&[], |(_, names)| names.as_slice())
    }

    /// The field a column or JSON field name fills, with its rank among the field's names
    /// (0 = most preferred). A custom field under another language's prefix
    /// (`Campo personalizado (Story Points)`) is looked up under the English one.
    pub fn lookup(&self, name: &str) -> Option<(Field, usize)> {
        self.lookup_exact(name).or_else(|| {
            let english = jira_languages::custom_field_in_english(name)?;
            self.lookup_exact(&english)
        })
    }

    fn lookup_exact(&self, name: &str) -> Option<(Field, usize)> {
        let name = name.trim();
        // Lower-cased only when a name is not ASCII (where case folding is the ASCII one):
        // the candidates are hundreds, and a response names every field.
        let lowered = OnceCell::new();
        let same = |n: &str| {
            n.eq_ignore_ascii_case(name)
                || !(n.is_ascii() && name.is_ascii())
                    && n.to_lowercase() == *lowered.get_or_init(|| name.to_lowercase())
        };
        self.candidates.iter().find_map(|(field, names)| {
            names
                .iter()
                .position(|n| same(n))
                .map(|rank| (*field, rank))
        })
    }
}

/// Names that Jira uses for each field in CSV headers and in REST `names` maps.
fn default_names(field: Field) -> &'static [&'static str] {
    match field {
        Field::Key => &["Issue key", "Key"],
        Field::Summary => &["Summary"],
        Field::Description => &["Description"],
        Field::AcceptanceCriteria => &[
            "Custom field (Acceptance Criteria)",
            "Acceptance Criteria",
            "Custom field (AC)",
        ],
        Field::IssueType => &["Issue Type"],
        Field::Status => &["Status"],
        Field::StatusCategory => &["Status Category"],
        Field::Priority => &["Priority"],
        Field::Estimate => &[
            "Custom field (Story point estimate)",
            "Custom field (Story Points)",
            "Story point estimate",
            "Story Points",
        ],
        // Cloud: `Parent key` (and the numeric `Parent`); old exports: Epic Link, `Parent id`.
        Field::Parent => &[
            "Parent key",
            "Custom field (Epic Link)",
            "Epic Link",
            "Parent",
            "Parent id",
        ],
        Field::ParentSummary => &["Parent summary"],
        Field::Sprint => &["Sprint"],
        // Jira's CSV has no column for it; REST sprint objects carry it (`state`).
        Field::SprintState => &[],
        Field::Labels => &["Labels"],
        Field::Assignee => &["Assignee"],
        Field::Created => &["Created"],
        Field::Updated => &["Updated"],
        Field::Rank => &["Rank", "Custom field (Rank)"],
        // One column per link: `Inward issue link (Blocks)` holds the key of a blocker.
        Field::BlockedBy => &["Inward issue link (Blocks)"],
        Field::Blocks => &["Outward issue link (Blocks)"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_across_jira_versions() {
        let map = FieldMap::default();
        assert_eq!(map.lookup("Issue Type"), Some((Field::IssueType, 0)));
        assert_eq!(map.lookup("issue type"), Some((Field::IssueType, 0)));
        assert_eq!(
            map.lookup("Custom field (Story Points)"),
            Some((Field::Estimate, 1))
        );
        assert_eq!(map.lookup("Parent"), Some((Field::Parent, 3)));
        assert_eq!(map.lookup("Custom field (Testing Status)"), None);
    }

    #[test]
    fn no_name_stands_for_two_fields() {
        let map = FieldMap::default();
        for field in Field::ALL {
            for name in map.names(field) {
                assert_eq!(map.lookup(name).map(|l| l.0), Some(field), "{name}");
            }
        }
    }

    #[test]
    fn finds_names_of_other_ui_languages() {
        let map = FieldMap::default();
        assert_eq!(map.lookup("Resumen").map(|l| l.0), Some(Field::Summary));
        assert_eq!(
            map.lookup("vorgangsschlüssel").map(|l| l.0),
            Some(Field::Key)
        );
        assert_eq!(
            map.lookup("Campo personalizado (Story Points)"),
            map.lookup("Custom field (Story Points)")
        );
        assert_eq!(
            map.lookup("Benutzerdefinierte Felder (Rank)"),
            Some((Field::Rank, 1))
        );
        // A language's numeric parent id ranks after its parent key.
        let rank = |name| map.lookup(name).map(|l| l.1);
        assert!(rank("Clave principal") < rank("Principal"));
        assert_eq!(map.lookup("Campo personalizado (Department)"), None);
    }

    #[test]
    fn config_replaces_names() {
        let mut map = FieldMap::default();
        map.set(Field::Summary, vec!["Zusammenfassung".into()]);
        assert_eq!(map.lookup("Zusammenfassung"), Some((Field::Summary, 0)));
        assert_eq!(map.lookup("Summary"), None);
        assert_eq!(map.lookup("Resumen"), None);
    }

    #[test]
    fn configured_custom_fields_match_under_any_prefix() {
        let mut map = FieldMap::default();
        map.set(Field::Estimate, vec!["Custom field (Effort)".into()]);
        assert_eq!(
            map.lookup("Champ personnalisé (Effort)"),
            Some((Field::Estimate, 0))
        );
    }
}
