//! Limits that keep one bad file from taking the machine down. Each has a default, a
//! `[limits]` key in backlint.toml and a command-line flag to raise it.

use serde::Deserialize;

use crate::backlog::Span;
use crate::error::Error;
use crate::source::Source;

/// One mebibyte.
pub const MIB: u64 = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// The largest input file read, in MiB (`--max-file-size`); 4 GiB at most, since
    /// offsets into a file are kept in 32 bits.
    pub max_file_mib: u64,
    /// The largest single cell or JSON string, in MiB (`--max-cell-size`). Jira itself
    /// caps a text field at 32,767 characters, so a larger one is a broken export.
    pub max_cell_mib: u64,
    /// Findings reported per item, the rest counted (`--max-findings-per-item`).
    pub max_findings_per_item: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_mib: 2048,
            max_cell_mib: 1,
            max_findings_per_item: 50,
        }
    }
}

impl Limits {
    pub(crate) fn max_file_bytes(&self) -> u64 {
        self.max_file_mib.saturating_mul(MIB)
    }

    pub(crate) fn max_cell_bytes(&self) -> usize {
        usize::try_from(self.max_cell_mib.saturating_mul(MIB)).unwrap_or(usize::MAX)
    }
}

/// The error for a cell or JSON string of `size` bytes starting at `start`.
pub(crate) fn cell_too_large(source: &Source, start: usize, size: usize, limit: usize) -> Error {
    let mib = |bytes: usize| bytes as f64 / MIB as f64;
    Error::at(
        source,
        Span::empty_at(start),
        format!("a value of {:.1} MiB, more than the limit of {:.1} MiB", mib(size), mib(limit)),
    )
    .label("the value starts here")
    .help("Jira caps a text field at 32,767 characters, so the export is probably broken; if the value is real, raise the limit with --max-cell-size MIB or [limits] max_cell_mib")
    .build()
}
