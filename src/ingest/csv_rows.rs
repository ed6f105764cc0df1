//! Decoding the rows of a CSV export that [`csv_reader`](super::csv_reader) kept undecoded
//! (see [`crate::backlog::stored`]): the row's cells are found again and each kept column's cell
//! becomes an entry (or several: a cell of labels, split, and what its labels say).

use std::collections::HashMap;
use std::sync::Arc;

use crate::backlog::stored::{Decoder, Kept, Raw};
use crate::backlog::{Entry, Field, Item, MappedText, Span, Value};
use crate::ingest::csv_preset::Cells;
use crate::ingest::{csv_cell, csv_reader, labels};
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
    /// How the tracker writes its cells.
    pub cells: Cells,
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
    /// Per record, its parent's key as a tree query's rows imply it
    /// ([`csv_tree`](super::csv_tree)).
    pub tree_parents: HashMap<u32, Raw>,
}

impl CsvRows {
    /// The parent a tree query implies for `row`, after any a column names.
    fn tree_parent(&self, text: &str, row: &Kept) -> Option<Entry> {
        let span = self.tree_parents.get(&row.record)?.span();
        Some(Entry {
            name: Arc::from(csv_reader::TREE_PARENT),
            field: Some(Field::Parent),
            value: Value {
                text: MappedText::verbatim(text.get(span.start..span.end)?, span.start),
                span,
            },
        })
    }
}

impl Decoder for CsvRows {
    /// The item a row holds: every non-empty cell of a kept column decoded into an entry.
    fn item(&self, source: &Source, row: &Kept) -> Item {
        let layout = &self.layout;
        let text = source.text();
        let cells = csv_reader::cells_of(
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
            let before = entries.len();
            push_entries(text, layout, column, cell, &mut entries);
            if entries.len() == before {
                if let Some(field) = layout.columns.get(column).and_then(|c| c.field) {
                    blanks.push((field, inside(cell)));
                }
            }
        }
        entries.extend(self.tree_parent(text, row));
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
        self.values_of(source, row, &[field])
            .pop()
            .unwrap_or_default()
    }

    /// The summary comes from the range kept for it; the other fields from the row, split
    /// once for all of them.
    fn values_of(&self, source: &Source, row: &Kept, fields: &[Field]) -> Vec<Vec<Value>> {
        let layout = &self.layout;
        let text = source.text();
        let mut lists: Vec<Vec<Value>> = vec![Vec::new(); fields.len()];
        let in_cells = |field: &Field| *field != Field::Summary;
        if fields.iter().any(in_cells) {
            let cells = csv_reader::cells_of(
                text,
                layout.delimiter,
                row.bytes.span(),
                layout.columns.len(),
            );
            let labels_fill = layout.cells.labels_fill_fields
                && fields
                    .iter()
                    .any(|&f| in_cells(&f) && labels::examples(f).is_some());
            let mut entries = Vec::new();
            for &column in &layout.order {
                let of = layout.columns.get(column).and_then(|c| c.field);
                let asked = of.is_some_and(|of| in_cells(&of) && fields.contains(&of));
                if asked || labels_fill && of == Some(Field::Labels) {
                    if let Some(cell) = cells.get(column) {
                        push_entries(text, layout, column, cell, &mut entries);
                    }
                }
            }
            if fields.contains(&Field::Parent) {
                entries.extend(self.tree_parent(text, row));
            }
            for entry in entries {
                let at = fields
                    .iter()
                    .position(|&f| in_cells(&f) && entry.field == Some(f));
                if let Some(at) = at {
                    lists[at].push(entry.value);
                }
            }
        }
        if let Some(at) = fields.iter().position(|&f| f == Field::Summary) {
            let summary = row.summary.span();
            lists[at] = text
                .get(summary.start..summary.end)
                .and_then(|raw| {
                    csv_cell::value(
                        raw,
                        summary.start,
                        Some(Field::Summary),
                        layout.cells.markup,
                    )
                })
                .into_iter()
                .collect();
        }
        lists
    }
}

/// Pushes the entries of the cell at `cell` in `text`, of column `column`: none when it is
/// blank or says the field is unset; one per label in a cell of labels, then one per field
/// a label fills.
fn push_entries(text: &str, layout: &Layout, column: usize, cell: &Span, out: &mut Vec<Entry>) {
    let Some(column) = layout.columns.get(column) else {
        return;
    };
    let cells = &layout.cells;
    let value = text
        .get(cell.start..cell.end)
        .and_then(|raw| csv_cell::value(raw, cell.start, column.field, cells.markup))
        .filter(|value| {
            let unset = |words: &[&str]| {
                let value = value.as_str().trim();
                words.iter().any(|word| word.eq_ignore_ascii_case(value))
            };
            cells.unset.is_empty() || !unset(cells.unset)
        })
        .filter(|value| {
            column.field != Some(Field::Sprint) || (cells.names_a_sprint)(value.as_str())
        });
    let Some(value) = value else {
        return;
    };
    let entry = |field, value| Entry {
        name: Arc::clone(&column.name),
        field,
        value,
    };
    let separator = cells
        .label_separator
        .filter(|_| column.field == Some(Field::Labels));
    let Some(separator) = separator else {
        out.push(entry(column.field, value));
        return;
    };
    let labels = split(&value.text, separator);
    let filled: Vec<Entry> = labels
        .iter()
        .filter(|_| cells.labels_fill_fields)
        .filter_map(|label| {
            let (field, range) = labels::field_of(label.text.as_str())?;
            Some(entry(Some(field), slice(&label.text, range)))
        })
        .collect();
    out.extend(labels.into_iter().map(|label| entry(column.field, label)));
    out.extend(filled);
}

/// The non-blank parts of `text` between `separator`s, trimmed, each mapped to the file.
fn split(text: &MappedText, separator: char) -> Vec<Value> {
    let mut parts = Vec::new();
    let mut start = 0;
    let whole = text.as_str();
    for end in whole
        .match_indices(separator)
        .map(|(at, _)| at)
        .chain([whole.len()])
    {
        let part = &whole[start..end];
        let trimmed_start = start + part.len() - part.trim_start().len();
        let trimmed_end = trimmed_start + part.trim().len();
        if trimmed_end > trimmed_start {
            parts.push(slice(text, trimmed_start..trimmed_end));
        }
        start = end + separator.len_utf8();
    }
    parts
}

/// `range` of `text` as a value: its text, and the file bytes it covers.
fn slice(text: &MappedText, range: std::ops::Range<usize>) -> Value {
    let mut part = MappedText::new();
    part.push_slice(text, range.clone());
    Value {
        span: text.source_span(range),
        text: part,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_split_and_map_back() {
        let cell = "\"ux; needs design ;; type::story\"";
        let text = MappedText::verbatim(&cell[1..cell.len() - 1], 11);
        let parts = split(&text, ';');
        let words: Vec<&str> = parts.iter().map(Value::as_str).collect();
        assert_eq!(words, ["ux", "needs design", "type::story"]);
        assert_eq!(parts[1].span, Span::new(11 + 4, 11 + 16));
    }
}
