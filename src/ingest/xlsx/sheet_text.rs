//! A sheet's cells as CSV text, from its header row on, with the cell each piece of text
//! came from ([`CellGrid`]), so the CSV reader reads it as it reads an export and reports
//! name cells. The header row is the first of the sheet's first [`HEADER_ROWS`] rows that
//! a tracker's CSV reader recognises: a title, a date or a blank row may stand above it.

use calamine::{Data, Range};

use super::cell_value;
use crate::source::CellGrid;

/// How far down a sheet its header row is looked for.
pub const HEADER_ROWS: usize = 20;

/// What a sheet holds for backlint.
pub enum SheetText {
    /// No cell holds anything.
    Empty,
    /// None of its first rows is a header row backlint recognises.
    NoHeader,
    /// Its rows from the header on, as CSV, and the cells the text came from.
    Rows(String, CellGrid),
}

/// The sheet `name`'s cells `range` as CSV text; `is_header` says whether a row, as a CSV
/// line, is a header row a reader recognises.
pub fn of_range(name: &str, range: &Range<Data>, is_header: &dyn Fn(&str) -> bool) -> SheetText {
    let Some((first_row, first_column)) = range.start() else {
        return SheetText::Empty;
    };
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| row.iter().map(cell_value::text).collect())
        .collect();
    if rows.iter().all(|row| is_blank(row)) {
        return SheetText::Empty;
    }
    let header = rows.iter().take(HEADER_ROWS).position(|row| {
        let mut line = String::new();
        !is_blank(row) && {
            write_row(&mut line, row, None);
            is_header(&line)
        }
    });
    let Some(header) = header else {
        return SheetText::NoHeader;
    };
    let mut text = String::new();
    let mut grid = CellGrid::new(name);
    let columns = filled(&rows[header]).max(1);
    for (index, row) in rows.iter().enumerate().skip(header) {
        if is_blank(row) {
            continue;
        }
        let width = columns.max(filled(row));
        let at = Place {
            grid: &mut grid,
            row: first_row + 1 + index as u32,
            first_column: first_column + 1,
        };
        write_row(&mut text, &row[..width], Some(at));
        text.push('\n');
    }
    SheetText::Rows(text, grid)
}

/// Where a row's cells are, to record in the grid.
struct Place<'a> {
    grid: &'a mut CellGrid,
    row: u32,
    first_column: u32,
}

/// Writes `cells` as one CSV line (no line break), recording where each cell starts.
fn write_row(out: &mut String, cells: &[String], mut place: Option<Place<'_>>) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        if let Some(place) = place.as_mut() {
            place
                .grid
                .push(out.len(), place.row, place.first_column + index as u32);
        }
        write_cell(out, cell);
    }
}

/// A cell, quoted where CSV needs it (a delimiter, a quote, a line break) or where its
/// spaces would otherwise be read as padding.
fn write_cell(out: &mut String, cell: &str) {
    let needs_quotes = cell.contains([',', ';', '\t', '"', '\n', '\r']) || cell.trim() != cell;
    if needs_quotes {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// How many cells of `row` count: up to its last one that holds something.
fn filled(row: &[String]) -> usize {
    row.iter()
        .rposition(|cell| !cell.is_empty())
        .map_or(0, |last| last + 1)
}

fn is_blank(row: &[String]) -> bool {
    filled(row) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: (u32, u32), rows: &[&[&str]]) -> Range<Data> {
        let width = rows.iter().map(|row| row.len()).max().unwrap_or(1) as u32;
        let end = (start.0 + rows.len() as u32 - 1, start.1 + width - 1);
        let mut range = Range::new(start, end);
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    let at = (start.0 + r as u32, start.1 + c as u32);
                    range.set_value(at, Data::String((*cell).to_owned()));
                }
            }
        }
        range
    }

    fn header_names_summary(line: &str) -> bool {
        line.split(',').any(|cell| cell == "Summary")
    }

    #[test]
    fn rows_from_the_header_on_with_their_cells() {
        let sheet = range(
            (0, 1),
            &[
                &["Team backlog", "", ""],
                &["", "", ""],
                &["Summary", "Issue key", ""],
                &["Say \"hi\", then go", "PAN-1", ""],
                &["", "", ""],
                &["Two\nlines", "PAN-2", "extra"],
            ],
        );
        let SheetText::Rows(text, grid) = of_range("Backlog", &sheet, &header_names_summary) else {
            panic!("no rows");
        };
        assert_eq!(
            text,
            "Summary,Issue key\n\"Say \"\"hi\"\", then go\",PAN-1\n\"Two\nlines\",PAN-2,extra\n"
        );
        let cell = |needle: &str| {
            let at = text.find(needle).unwrap();
            grid.cell_at(at).unwrap().to_string()
        };
        assert_eq!(cell("Summary"), "Backlog!B3");
        assert_eq!(cell("PAN-1"), "Backlog!C4");
        assert_eq!(cell("lines"), "Backlog!B6");
        assert_eq!(cell("extra"), "Backlog!D6");
    }

    #[test]
    fn empty_sheets_and_sheets_without_a_header() {
        let empty = Range::<Data>::new((0, 0), (1, 1));
        assert!(matches!(
            of_range("a", &empty, &header_names_summary),
            SheetText::Empty
        ));
        let notes = range((0, 0), &[&["Notes"], &["Ask Sam"]]);
        assert!(matches!(
            of_range("a", &notes, &header_names_summary),
            SheetText::NoHeader
        ));
    }
}
