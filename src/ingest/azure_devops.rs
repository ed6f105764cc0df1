//! Azure DevOps Boards' CSV export (a query's results, "Export to CSV"): one row per work
//! item, its columns those the query shows. A tree query writes the title of each level
//! in its own column (`Title 1`, `Title 2`, …): a row's title is the one it fills, its
//! parent the row above it one level up.
//!
//! | field | column |
//! |---|---|
//! | key | `ID` |
//! | summary | `Title`, or `Title 1`, `Title 2`, … |
//! | description | `Description` (a bug's `Repro Steps`): rich text, HTML made plain ([`html`](super::html)) |
//! | acceptance criteria | `Acceptance Criteria`: HTML made plain |
//! | issue type | `Work Item Type` (`User Story`, `Product Backlog Item`, `Feature`, `Epic`, `Bug`, `Task`) |
//! | status | `State` (`New`, `Active`, `Resolved`, `Closed`, `Removed`; `Approved`, `Committed`, `Done`) |
//! | priority | `Priority` (1–4) |
//! | estimate | `Story Points` (Agile), `Effort` (Scrum), `Size` (CMMI) |
//! | parent | `Parent`; in a tree query, the row one level up ([`csv_tree`](super::csv_tree)) |
//! | sprint | `Iteration Path`, when below the project's root (`Pantry\Sprint 4`; `Pantry` alone is the backlog) |
//! | labels | `Tags`, separated by `;` |
//! | assignee | `Assigned To` |
//! | created, updated | `Created Date`, `Changed Date` |
//! | rank | `Backlog Priority`, `Stack Rank` |
//!
//! Which types are stories and which states are done is [`Scope`](crate::config::Scope)'s
//! (`User Story` and `Product Backlog Item`; `Closed`, `Done` and `Removed`), as for Jira.

use crate::backlog::{Field, FileKind};
use crate::ingest::csv_preset::{Cells, CsvPreset, Markup};

/// `--input-format azure-devops-csv`.
pub const PRESET: CsvPreset = CsvPreset {
    kind: FileKind {
        reader: "azure-devops-csv",
        issues: true,
        self_links: false,
    },
    tracker: "Azure DevOps",
    columns: &[
        (Field::Key, &["ID"]),
        (
            Field::Summary,
            &[
                "Title", "Title 1", "Title 2", "Title 3", "Title 4", "Title 5", "Title 6",
                "Title 7", "Title 8", "Title 9",
            ],
        ),
        (Field::Description, &["Description", "Repro Steps"]),
        (Field::AcceptanceCriteria, &["Acceptance Criteria"]),
        (Field::IssueType, &["Work Item Type"]),
        (Field::Status, &["State"]),
        (Field::Priority, &["Priority"]),
        (Field::Estimate, &["Story Points", "Effort", "Size"]),
        (Field::Parent, &["Parent"]),
        (Field::Sprint, &["Iteration Path"]),
        (Field::Labels, &["Tags"]),
        (Field::Assignee, &["Assigned To"]),
        (Field::Created, &["Created Date"]),
        (Field::Updated, &["Changed Date"]),
        (Field::Rank, &["Backlog Priority", "Stack Rank"]),
    ],
    signature: &["ID", "Work Item Type"],
    cells: Cells {
        markup: Markup::Html,
        label_separator: Some(';'),
        labels_fill_fields: false,
        unset: &[],
        names_a_sprint: is_below_the_root,
    },
};

/// Whether an iteration path names a sprint: the project's root iteration alone (`Pantry`,
/// no `\`) is where the backlog's items sit, outside any sprint.
pub fn is_below_the_root(iteration: &str) -> bool {
    iteration.trim().trim_matches('\\').contains('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_below_the_root_name_a_sprint() {
        assert!(is_below_the_root("Pantry\\Sprint 4"));
        assert!(is_below_the_root("Pantry\\Release 2\\Sprint 4"));
        assert!(!is_below_the_root("Pantry"));
        assert!(!is_below_the_root(" Pantry\\ "));
    }
}
