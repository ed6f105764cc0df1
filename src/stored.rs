//! How the backlog keeps its items between reading and checking.
//!
//! Decoding every cell of a large CSV export when it is read — a string per cell, wiki
//! markup converted — cost about ten times the file in memory (see BENCHMARKS.md), and
//! even keeping the byte range of every cell cost half the file. A row of a CSV export is
//! therefore kept as the byte range of the whole row, its key and its summary cell (about
//! 50 bytes), and becomes an [`Item`] when a stage asks for one: its cells are found again
//! (`jira_csv::cells_of`) and decoded, on the core that checks the item, which drops it
//! afterwards.
//! Reports name items by their key and summary without decoding the rest.
//!
//! Items of JSON exports and story lists are kept decoded: a JSON value's text depends on
//! its place in the document (ADF, `names`, sprint strings), and story lists are small.

use std::sync::Arc;

use crate::backlog::{Entry, Field, Item, Span, Value};
use crate::ingest::{csv_cell, jira_csv};
use crate::source::Source;

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
    /// The row's bytes, from the start of its first cell to the end of its last (without
    /// the line break).
    pub bytes: Raw,
    /// The raw bytes of its summary: the preferred non-empty summary cell; empty if none.
    pub summary: Raw,
    pub key: Key,
}

/// A byte range of a file, in 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Raw {
    pub start: u32,
    pub end: u32,
}

impl Raw {
    pub fn of(span: Span) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Raw {
            start: narrow(span.start),
            end: narrow(span.end),
        }
    }

    fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// An item's key: nearly always a verbatim stretch of the file (`PAN-12`); otherwise (a
/// key with escaped quotes, or `row N` for a row without one) its text.
#[derive(Debug, PartialEq)]
pub enum Key {
    InFile(Raw),
    Text(Box<str>),
}

impl Key {
    /// The key's text; `text` is its file's text.
    pub fn text<'a>(&'a self, text: &'a str) -> &'a str {
        match self {
            Key::InFile(raw) => text
                .get(raw.span().start..raw.span().end)
                .unwrap_or_default(),
            Key::Text(key) => key,
        }
    }
}

/// A column of a CSV export: its name in the header and the logical field it fills.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: Arc<str>,
    pub field: Option<Field>,
}

/// What decoding the rows of one CSV export needs.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub delimiter: u8,
    /// Every column of the header, by position.
    pub columns: Vec<Column>,
    /// The columns kept, in the order their values become entries: mapped fields first,
    /// by field and preference (so `Item::get` finds the preferred non-empty column), then
    /// the rest by position.
    pub order: Vec<usize>,
}

impl Stored {
    pub fn source(&self) -> usize {
        match self {
            Stored::Decoded(item) => item.source,
            Stored::Row(row) => row.source as usize,
        }
    }

    /// The item's key; `text` is its file's text.
    pub fn key<'a>(&'a self, text: &'a str) -> &'a str {
        match self {
            Stored::Decoded(item) => &item.key,
            Stored::Row(row) => row.key.text(text),
        }
    }
}

impl Row {
    /// The item this row holds: every non-empty cell of a kept column decoded into an entry.
    pub fn decode(&self, source: &Source, layout: &Layout) -> Item {
        let text = source.text();
        let cells = jira_csv::cells_of(
            text,
            layout.delimiter,
            self.bytes.span(),
            layout.columns.len(),
        );
        // Inside a cell's opening quote, where its text starts.
        let inside =
            |cell: &Span| cell.start + usize::from(text[cell.start..cell.end].starts_with('"'));
        let anchor = cells.first().map_or(self.bytes.start as usize, inside);
        let mut entries = Vec::with_capacity(layout.order.len());
        let mut blanks = Vec::new();
        for &column in &layout.order {
            let Some(cell) = cells.get(column) else {
                continue;
            };
            match entry(text, layout, column, cell) {
                Some(entry) => entries.push(entry),
                None => {
                    if let Some(field) = layout.columns.get(column).and_then(|c| c.field) {
                        blanks.push((field, inside(cell)));
                    }
                }
            }
        }
        Item {
            source: self.source as usize,
            record: self.record as usize,
            key: self.key.text(text).to_owned(),
            anchor: Span::empty_at(anchor),
            entries,
            blanks,
        }
    }

    /// The values of one field only, for a stage that needs no more of the item.
    pub fn values(&self, source: &Source, layout: &Layout, field: Field) -> Vec<Value> {
        let text = source.text();
        if field == Field::Summary {
            let summary = self.summary.span();
            return text
                .get(summary.start..summary.end)
                .and_then(|raw| csv_cell::value(raw, summary.start, Some(field)))
                .into_iter()
                .collect();
        }
        let cells = jira_csv::cells_of(
            text,
            layout.delimiter,
            self.bytes.span(),
            layout.columns.len(),
        );
        layout
            .order
            .iter()
            .filter(|&&column| layout.columns.get(column).and_then(|c| c.field) == Some(field))
            .filter_map(|&column| entry(text, layout, column, cells.get(column)?))
            .map(|entry| entry.value)
            .collect()
    }
}

/// The entry of the cell at `cell` in `text`, of column `column`; `None` when it is blank.
fn entry(text: &str, layout: &Layout, column: usize, cell: &Span) -> Option<Entry> {
    let column = layout.columns.get(column)?;
    let raw = text.get(cell.start..cell.end)?;
    Some(Entry {
        value: csv_cell::value(raw, cell.start, column.field)?,
        name: Arc::clone(&column.name),
        field: column.field,
    })
}
