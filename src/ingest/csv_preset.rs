//! What one tracker's CSV export is, for the one CSV reader ([`csv_reader`](super::csv_reader)):
//! the names its header gives each field, the columns that tell its header from another
//! tracker's, and how its cells are written (the markup of descriptions, several labels in
//! one cell, words that mean "not set"). Jira, Azure DevOps, GitLab and Linear exports are
//! read alike; only their presets differ.

use std::borrow::Cow;

use crate::backlog::{Field, FileKind, MappedText};
use crate::ingest::fields::FieldMap;
use crate::ingest::{html, markdown, wiki};

/// One tracker's CSV export.
#[derive(Debug)]
pub struct CsvPreset {
    /// What its files are; `kind.reader` is its `--input-format` name.
    pub kind: FileKind,
    /// The tracker, as errors name it ("export again from Jira").
    pub tracker: &'static str,
    /// Column names per field, most preferred first; empty for Jira, whose names are the
    /// configured [`FieldMap`]'s (every UI language, and `[fields]`).
    pub columns: &'static [(Field, &'static [&'static str])],
    /// Columns that, all present in a header row, make it this tracker's export (compared
    /// case-insensitively); empty for Jira, whose header is recognised by any field name.
    pub signature: &'static [&'static str],
    pub cells: Cells,
}

/// How a tracker writes the cells of its export.
#[derive(Debug, Clone, Copy)]
pub struct Cells {
    /// The markup of descriptions and acceptance criteria.
    pub markup: Markup,
    /// What separates several labels in one cell (`;` in Azure DevOps, `,` in GitLab and
    /// Linear); `None` when each cell holds one (Jira repeats the column).
    pub label_separator: Option<char>,
    /// Labels such as `type::story` or `priority::high` also fill the issue type,
    /// priority and estimate ([`labels`](super::labels)).
    pub labels_fill_fields: bool,
    /// Values that mean the field is not set (Linear's `No priority`), compared
    /// case-insensitively.
    pub unset: &'static [&'static str],
    /// Whether a value of the sprint column names a sprint (Azure DevOps's root iteration
    /// path is the backlog, not a sprint).
    pub names_a_sprint: fn(&str) -> bool,
}

/// Every sprint value names a sprint.
pub fn any_sprint(_: &str) -> bool {
    true
}

/// Jira's cells: wiki markup, one label a cell.
impl Default for Cells {
    fn default() -> Self {
        Cells {
            markup: Markup::Wiki,
            label_separator: None,
            labels_fill_fields: false,
            unset: &[],
            names_a_sprint: any_sprint,
        }
    }
}

/// The markup a tracker writes descriptions in.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Markup {
    /// Jira's wiki markup.
    #[default]
    Wiki,
    /// Azure DevOps's rich text.
    Html,
    Markdown,
}

impl Markup {
    /// `text` (mapped to the file) as the plain text rules read.
    pub fn to_plain(self, text: &MappedText) -> MappedText {
        match self {
            Markup::Wiki => wiki::to_plain(text),
            Markup::Html => html::to_plain(text),
            Markup::Markdown => markdown::to_plain(text),
        }
    }
}

impl CsvPreset {
    /// The names this export's columns are looked up by: the preset's, except for the
    /// fields `configured` (the options' map) names in `[fields]`.
    pub fn field_map<'a>(&self, configured: &'a FieldMap) -> Cow<'a, FieldMap> {
        if self.columns.is_empty() {
            return Cow::Borrowed(configured);
        }
        let mut map = FieldMap::of_table(self.columns);
        for field in configured.configured() {
            map.set(field, configured.names(field).to_vec());
        }
        Cow::Owned(map)
    }

    /// Whether a header row of `cells` (trimmed, unquoted) is this tracker's.
    pub fn recognises(&self, cells: &[&str]) -> bool {
        !self.signature.is_empty()
            && self
                .signature
                .iter()
                .all(|name| cells.iter().any(|cell| cell.eq_ignore_ascii_case(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::FileKind;

    const PRESET: CsvPreset = CsvPreset {
        kind: FileKind {
            reader: "test-csv",
            issues: true,
            self_links: false,
        },
        tracker: "Test",
        columns: &[(Field::Summary, &["Title"]), (Field::Key, &["ID"])],
        signature: &["ID", "Work Item Type"],
        cells: Cells {
            markup: Markup::Html,
            label_separator: Some(';'),
            labels_fill_fields: false,
            unset: &[],
            names_a_sprint: any_sprint,
        },
    };

    #[test]
    fn its_names_unless_configured() {
        let defaults = FieldMap::default();
        let map = PRESET.field_map(&defaults);
        assert_eq!(map.lookup("title"), Some((Field::Summary, 0)));
        assert_eq!(map.lookup("Summary"), None);
        let mut configured = FieldMap::default();
        configured.set(Field::Summary, vec!["Headline".into()]);
        let map = PRESET.field_map(&configured);
        assert_eq!(map.lookup("Headline"), Some((Field::Summary, 0)));
        assert_eq!(map.lookup("Title"), None);
        assert_eq!(map.lookup("ID"), Some((Field::Key, 0)));
    }

    #[test]
    fn recognised_by_all_of_its_signature() {
        assert!(PRESET.recognises(&["id", "Title", "Work Item Type"]));
        assert!(!PRESET.recognises(&["ID", "Title"]));
    }
}
