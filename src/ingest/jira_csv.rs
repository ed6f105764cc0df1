//! Jira's CSV export (Cloud "all fields" / "current fields", Server and Data Center), in
//! any of its UI languages: its header names are the configured field map's
//! ([`fields`](super::fields), [`jira_languages`](super::jira_languages)), its
//! descriptions wiki markup, one label per `Labels` column.

use crate::backlog::FileKind;
use crate::ingest::csv_preset::{any_sprint, Cells, CsvPreset, Markup};

/// `--input-format jira-csv`.
pub const PRESET: CsvPreset = CsvPreset {
    kind: FileKind {
        reader: "jira-csv",
        issues: true,
        self_links: false,
    },
    tracker: "Jira",
    columns: &[],
    signature: &[],
    cells: Cells {
        markup: Markup::Wiki,
        label_separator: None,
        labels_fill_fields: false,
        unset: &[],
        names_a_sprint: any_sprint,
    },
};
