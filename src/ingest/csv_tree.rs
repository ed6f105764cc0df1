//! The parents a tree query's rows imply. Azure DevOps writes a tree query (work items and
//! their children) with each level's title in a column of its own (`Title 1`, `Title 2`,
//! …): a row's level is the title column it fills, and its parent the nearest row above it
//! one level up. An export with one title column is no tree, and has no implied parents.

use std::collections::HashMap;

use crate::backlog::stored::{Kept, Key, Raw};
use crate::ingest::{csv_cell, csv_reader};

/// Per record, the key of the row its place in the tree makes its parent (as the span of
/// that row's key in the file). `title_columns` are the summary columns, in header order.
pub fn parents(
    text: &str,
    delimiter: u8,
    columns: usize,
    title_columns: &[usize],
    rows: &[Kept],
) -> HashMap<u32, Raw> {
    let mut parents = HashMap::new();
    if title_columns.len() < 2 {
        return parents;
    }
    // The rows above, one per level at most: (level, its key).
    let mut ancestors: Vec<(usize, Raw)> = Vec::new();
    for row in rows {
        let cells = csv_reader::cells_of(text, delimiter, row.bytes.span(), columns);
        let level = title_columns.iter().position(|&column| {
            cells.get(column).is_some_and(|cell| {
                !csv_cell::is_blank(&text[cell.start..cell.end], cell.start).unwrap_or(true)
            })
        });
        let Some(level) = level else {
            continue;
        };
        while ancestors.last().is_some_and(|&(above, _)| above >= level) {
            ancestors.pop();
        }
        if let Some(&(above, key)) = ancestors.last() {
            if above + 1 == level {
                parents.insert(row.record, key);
            }
        }
        if let Key::InFile(key) = row.key {
            ancestors.push((level, key));
        }
    }
    parents
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::Span;

    /// The rows of `text` (one record a line, the key in the first column).
    fn rows(text: &str) -> Vec<Kept> {
        let mut at = 0;
        let mut rows = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let key = line.split(',').next().unwrap_or_default();
            rows.push(Kept {
                source: 0,
                record: index as u32 + 1,
                bytes: Raw::of(Span::new(at, at + line.len())),
                summary: Raw::default(),
                key: Key::InFile(Raw::of(Span::new(at, at + key.len()))),
            });
            at += line.len() + 1;
        }
        rows
    }

    #[test]
    fn each_row_under_the_nearest_one_level_up() {
        let text =
            "1,Epic,,\n2,,Feature,\n3,,,Story\n4,,,\"Story\"\n5,,Feature,\n6,Epic,,\n7,,,Orphan\n";
        let parents = parents(text, b',', 4, &[1, 2, 3], &rows(text));
        let key = |record: u32| {
            parents
                .get(&record)
                .map(|raw| &text[raw.span().start..raw.span().end])
        };
        assert_eq!(
            (1..=7).map(key).collect::<Vec<_>>(),
            [None, Some("1"), Some("2"), Some("2"), Some("1"), None, None]
        );
    }

    #[test]
    fn one_title_column_is_no_tree() {
        let text = "1,A\n2,B\n";
        assert!(parents(text, b',', 2, &[1], &rows(text)).is_empty());
    }
}
