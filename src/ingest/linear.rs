//! Linear's CSV export (Settings → Import / Export → Export CSV, or a view's export): one
//! row per issue.
//!
//! | field | column |
//! |---|---|
//! | key | `ID` (`ENG-21`) |
//! | summary | `Title` |
//! | description | `Description`: Markdown made plain ([`markdown`](super::markdown)), task lists as criteria |
//! | issue type | labels such as `Bug` or `type: story` ([`labels`](super::labels)); Linear has no types |
//! | status | `Status` (`Backlog`, `Todo`, `In Progress`, `Done`, `Canceled`, `Duplicate`) |
//! | priority | `Priority` (`Urgent`, `High`, `Medium`, `Low`; `No priority` is none) |
//! | estimate | `Estimate` |
//! | parent | `Parent issue` |
//! | sprint | `Cycle Number` (`Cycle Name` is often empty) |
//! | labels | `Labels`, separated by `,` |
//! | assignee | `Assignee` |
//! | created, updated | `Created`, `Updated` |

use crate::backlog::{Field, FileKind};
use crate::ingest::csv_preset::{any_sprint, Cells, CsvPreset, Markup};

/// `--input-format linear-csv`.
pub const PRESET: CsvPreset = CsvPreset {
    kind: FileKind {
        reader: "linear-csv",
        issues: true,
        self_links: false,
    },
    tracker: "Linear",
    columns: &[
        (Field::Key, &["ID"]),
        (Field::Summary, &["Title"]),
        (Field::Description, &["Description"]),
        (Field::Status, &["Status"]),
        (Field::Priority, &["Priority"]),
        (Field::Estimate, &["Estimate"]),
        (Field::Parent, &["Parent issue"]),
        // Cycles are numbered and seldom named: one sprint column, not two (two would put
        // each item in two sprints).
        (Field::Sprint, &["Cycle Number"]),
        (Field::Labels, &["Labels"]),
        (Field::Assignee, &["Assignee"]),
        (Field::Created, &["Created"]),
        (Field::Updated, &["Updated"]),
    ],
    signature: &["ID", "Team", "Title", "Status"],
    cells: Cells {
        markup: Markup::Markdown,
        label_separator: Some(','),
        labels_fill_fields: true,
        unset: &["No priority"],
        names_a_sprint: any_sprint,
    },
};
