//! GitLab's issues CSV export (an issue list's "Export as CSV", sent by e-mail): one row per
//! issue.
//!
//! | field | column |
//! |---|---|
//! | key | `Issue ID` (the project's issue number) |
//! | summary | `Title` |
//! | description | `Description`: Markdown made plain ([`markdown`](super::markdown)), task lists as criteria |
//! | issue type | `Type` where the export has it; labels such as `type::story` |
//! | status | `State` (`Open`, `Closed`) |
//! | priority | labels such as `priority::high` ([`labels`](super::labels)) |
//! | estimate | `Weight`; labels such as `points::3` |
//! | parent, parent summary | `Epic ID`, `Epic Title` |
//! | sprint | `Milestone` |
//! | labels | `Labels`, separated by `,` |
//! | assignee | `Assignee`, `Assignee Username` |
//! | created, updated | `Created At (UTC)`, `Updated At (UTC)` |

use crate::backlog::{Field, FileKind};
use crate::ingest::csv_preset::{any_sprint, Cells, CsvPreset, Markup};

/// `--input-format gitlab-csv`.
pub const PRESET: CsvPreset = CsvPreset {
    kind: FileKind {
        reader: "gitlab-csv",
        issues: true,
        self_links: false,
    },
    tracker: "GitLab",
    columns: &[
        (Field::Key, &["Issue ID"]),
        (Field::Summary, &["Title"]),
        (Field::Description, &["Description"]),
        (Field::IssueType, &["Type"]),
        (Field::Status, &["State"]),
        (Field::Estimate, &["Weight"]),
        (Field::Parent, &["Epic ID"]),
        (Field::ParentSummary, &["Epic Title"]),
        (Field::Sprint, &["Milestone"]),
        (Field::Labels, &["Labels"]),
        (Field::Assignee, &["Assignee", "Assignee Username"]),
        (Field::Created, &["Created At (UTC)"]),
        (Field::Updated, &["Updated At (UTC)"]),
    ],
    signature: &["Issue ID", "URL", "Title"],
    cells: Cells {
        markup: Markup::Markdown,
        label_separator: Some(','),
        labels_fill_fields: true,
        unset: &[],
        names_a_sprint: any_sprint,
    },
};
