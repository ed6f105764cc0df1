//! How the backlog keeps its items between reading and checking.
//!
//! Decoding every cell of a large CSV export when it is read — a string per cell, wiki
//! markup converted — cost about ten times the file in memory (see BENCHMARKS.md). Rows of
//! a CSV export are therefore kept as the byte ranges of their non-empty cells, 12 bytes a
//! cell, and become an [`Item`] when a stage asks for one: the engine decodes each item on
//! the core that checks it and drops it afterwards. The key and the place of every item are
//! kept apart, so reports name items without decoding them.
//!
//! Items of JSON exports and story lists are kept decoded: a JSON value's text depends on
//! its place in the document (ADF, `names`, sprint strings), and story lists are small.

use std::sync::Arc;

use crate::backlog::{Entry, Field, Item, Span, Value};
use crate::ingest::csv_cell;

/// An item as the backlog keeps it.
#[derive(Debug)]
pub enum Stored {
    Decoded(Box<Item>),
    Row(Row),
}

/// A row of a CSV export, not yet decoded. Offsets are 32-bit: files are read only up to
/// 4 GiB (`ingest::load_limited`).
#[derive(Debug, PartialEq)]
pub struct Row {
    pub source: u32,
    pub record: u32,
    /// Where the row starts in the file.
    pub anchor: u32,
    pub key: Box<str>,
    /// The row's non-empty cells of the columns kept, in the order their values become
    /// entries (see `jira_csv::Columns`).
    pub cells: Box<[Cell]>,
}

/// A cell's raw bytes in the file (with any quotes, without the delimiter) and its column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub start: u32,
    pub end: u32,
    pub column: u32,
}

/// A column of a CSV export: its name in the header and the logical field it fills.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: Arc<str>,
    pub field: Option<Field>,
}

impl Stored {
    pub fn source(&self) -> usize {
        match self {
            Stored::Decoded(item) => item.source,
            Stored::Row(row) => row.source as usize,
        }
    }

    pub fn key(&self) -> &str {
        match self {
            Stored::Decoded(item) => &item.key,
            Stored::Row(row) => &row.key,
        }
    }
}

impl Row {
    /// The item this row holds: every kept cell decoded into an entry.
    pub fn decode(&self, text: &str, columns: &[Column]) -> Item {
        let mut entries = Vec::with_capacity(self.cells.len());
        entries.extend(
            self.cells
                .iter()
                .filter_map(|&cell| entry(text, columns, cell)),
        );
        Item {
            source: self.source as usize,
            record: self.record as usize,
            key: self.key.to_string(),
            anchor: Span::empty_at(self.anchor as usize),
            entries,
        }
    }

    /// The values of one field only, for a stage that needs no more of the item.
    pub fn values(&self, text: &str, columns: &[Column], field: Field) -> Vec<Value> {
        self.cells
            .iter()
            .filter(|cell| columns.get(cell.column as usize).and_then(|c| c.field) == Some(field))
            .filter_map(|&cell| entry(text, columns, cell))
            .map(|entry| entry.value)
            .collect()
    }
}

/// The entry of one cell of a row of `text`.
fn entry(text: &str, columns: &[Column], cell: Cell) -> Option<Entry> {
    let column = columns.get(cell.column as usize)?;
    let (start, end) = (cell.start as usize, cell.end as usize);
    let raw = text.get(start..end)?;
    Some(Entry {
        name: Arc::clone(&column.name),
        field: column.field,
        value: csv_cell::value(raw, start, column.field),
    })
}
