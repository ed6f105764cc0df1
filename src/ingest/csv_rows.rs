//! Decoding the rows of a CSV export that [`jira_csv`](super::jira_csv) kept undecoded
//! (see [`crate::backlog::stored`]): the row's cells are found again and each kept column's cell
//! becomes an entry.

use std::sync::Arc;

use crate::backlog::stored::{Decoder, Kept};
use crate::backlog::{Entry, Field, Item, Span, Value};
use crate::ingest::{csv_cell, jira_csv};
use crate::source::Source;

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

/// The decoder of one CSV export's rows.
#[derive(Debug)]
pub struct CsvRows {
    pub layout: Layout,
}

impl Decoder for CsvRows {
    /// The item a row holds: every non-empty cell of a kept column decoded into an entry.
    fn item(&self, source: &Source, row: &Kept) -> Item {
        let layout = &self.layout;
        let text = source.text();
        let cells = jira_csv::cells_of(
            text,
            layout.delimiter,
            row.bytes.span(),
            layout.columns.len(),
        );
        // Inside a cell's opening quote, where its text starts.
        let inside =
            |cell: &Span| cell.start + usize::from(text[cell.start..cell.end].starts_with('"'));
        let anchor = cells.first().map_or(row.bytes.start as usize, inside);
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
            source: row.source as usize,
            record: row.record as usize,
            key: row.key.text(text).to_owned(),
            anchor: Span::empty_at(anchor),
            entries,
            blanks,
        }
    }

    fn values(&self, source: &Source, row: &Kept, field: Field) -> Vec<Value> {
        let layout = &self.layout;
        let text = source.text();
        if field == Field::Summary {
            let summary = row.summary.span();
            return text
                .get(summary.start..summary.end)
                .and_then(|raw| csv_cell::value(raw, summary.start, Some(field)))
                .into_iter()
                .collect();
        }
        let cells = jira_csv::cells_of(
            text,
            layout.delimiter,
            row.bytes.span(),
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
