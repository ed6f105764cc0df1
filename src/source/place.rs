//! Where an offset of a source is, as people name it: a line and column of the text, or a
//! cell (`Backlog!C12`) when a reader made the text of a grid of cells (a spreadsheet's
//! sheet), whose lines and columns would name nothing the user can open.

use std::fmt;

use super::Position;

/// A place in a source, as reports name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    /// A line and column of the text (`3:27`).
    Text(Position),
    /// A cell of the grid the text was made of (`Backlog!C12`).
    Cell(Cell<'a>),
}

impl Place<'_> {
    /// As a line and column: a cell's row and column number.
    pub fn position(self) -> Position {
        match self {
            Place::Text(position) => position,
            Place::Cell(cell) => Position {
                line: cell.row as usize,
                column: cell.column as usize,
            },
        }
    }
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Text(position) => write!(f, "{}:{}", position.line, position.column),
            Place::Cell(cell) => cell.fmt(f),
        }
    }
}

/// One cell of a named grid; row and column are 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell<'a> {
    pub grid: &'a str,
    pub row: u32,
    pub column: u32,
}

impl fmt::Display for Cell<'_> {
    /// A1 notation after the grid's name, quoted as spreadsheets quote it where it is not
    /// one plain word: `Backlog!C12`, `'Sprint 4'!AA3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = self.grid.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !self.grid.starts_with(|c: char| c.is_ascii_digit())
            && !self.grid.is_empty();
        if plain {
            f.write_str(self.grid)?;
        } else {
            write!(f, "'{}'", self.grid.replace('\'', "''"))?;
        }
        write!(f, "!{}{}", column_letters(self.column), self.row)
    }
}

/// A 1-based column number as letters: 1 is `A`, 27 `AA`.
fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The cells of a grid that a reader wrote out as text: where each cell's text starts.
#[derive(Debug, Clone, Default)]
pub struct CellGrid {
    name: String,
    /// (offset in the text where the cell starts, row, column), by offset.
    starts: Vec<(u32, u32, u32)>,
}

impl CellGrid {
    pub fn new(name: impl Into<String>) -> Self {
        CellGrid {
            name: name.into(),
            starts: Vec::new(),
        }
    }

    /// The grid's name (a sheet's).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Records that the cell at `row`, `column` (1-based) starts at byte `offset` of the
    /// text; cells are recorded in the order they are written.
    pub fn push(&mut self, offset: usize, row: u32, column: u32) {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        self.starts.push((offset, row, column));
    }

    /// The cell that holds byte `offset` of the text: the last to start at or before it.
    pub fn cell_at(&self, offset: usize) -> Option<Cell<'_>> {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let after = self
            .starts
            .partition_point(|&(start, _, _)| start <= offset);
        let &(_, row, column) = self.starts.get(after.checked_sub(1)?)?;
        Some(Cell {
            grid: &self.name,
            row,
            column,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        let letters: Vec<String> = [1, 3, 26, 27, 52, 703].map(column_letters).into();
        assert_eq!(letters, ["A", "C", "Z", "AA", "AZ", "AAA"]);
    }

    #[test]
    fn offsets_name_the_cell_that_holds_them() {
        let mut grid = CellGrid::new("Backlog");
        grid.push(0, 3, 1);
        grid.push(4, 3, 2);
        grid.push(10, 12, 3);
        let at = |offset| grid.cell_at(offset).map(|cell| cell.to_string());
        assert_eq!(at(0).as_deref(), Some("Backlog!A3"));
        assert_eq!(at(9).as_deref(), Some("Backlog!B3"));
        assert_eq!(at(10).as_deref(), Some("Backlog!C12"));
        assert_eq!(at(500).as_deref(), Some("Backlog!C12"));
        assert_eq!(CellGrid::new("x").cell_at(0), None);
    }

    #[test]
    fn names_that_are_not_one_word_are_quoted() {
        let cell = |grid| {
            Cell {
                grid,
                row: 2,
                column: 1,
            }
            .to_string()
        };
        assert_eq!(cell("Sprint 4"), "'Sprint 4'!A2");
        assert_eq!(cell("Team's"), "'Team''s'!A2");
        assert_eq!(cell("2026"), "'2026'!A2");
        assert_eq!(cell("Rückstand"), "Rückstand!A2");
    }
}
