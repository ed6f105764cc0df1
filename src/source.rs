//! A loaded input file: its name, its text decoded to UTF-8, and a line index.
//!
//! Every span in backlint is a byte range into [`Source::text`]. The line index turns an
//! offset into a 1-based line and column in O(log lines), which keeps rendering thousands of
//! diagnostics linear (miette would otherwise rescan the text from offset 0 for each one).
//! Columns and offsets in the file as stored are counted through [`CharCounts`], so neither
//! a one-line JSON response nor a Windows-1252 or UTF-16 file walks the text per finding.

use std::ops::Range;
use std::sync::OnceLock;

use crate::char_counts::{self, CharCounts};

mod place;

pub use place::{Cell, CellGrid, Place};

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 preceded by the three-byte byte order mark, which is not part of the text.
    Utf8Bom,
    /// UTF-16 with a byte order mark (little or big endian).
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8: read as Windows-1252, as Excel on Windows writes CSV.
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// A 1-based line and column; columns count characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
pub struct Source {
    name: String,
    text: String,
    encoding: Encoding,
    /// Byte offset in `text` where each line starts; the first entry is 0.
    /// 32-bit: texts are read only up to 4 GiB (`ingest::load_limited`), and the index of
    /// a large export has millions of entries.
    line_starts: Vec<u32>,
    /// Built on the first question that would otherwise count characters over more than a
    /// stride: a column far into a long line, or a file offset in a file that was not UTF-8.
    char_counts: OnceLock<CharCounts>,
    /// The cells the text was made of, when a reader made it of a grid (a sheet): places
    /// are then named by cell, not by line.
    cells: Option<Box<CellGrid>>,
}

impl Source {
    /// Wraps text that is already UTF-8 (used by tests and by the decoders).
    pub fn new(name: impl Into<String>, text: String, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| narrow(i + 1)));
        Source {
            name: name.into(),
            text,
            encoding,
            line_starts,
            char_counts: OnceLock::new(),
            cells: None,
        }
    }

    /// The same source, its places named by the cells of `grid` (see [`Place`]).
    pub fn with_cells(mut self, grid: CellGrid) -> Self {
        self.cells = Some(Box::new(grid));
        self
    }

    /// The grid the text was made of, if it was.
    pub fn cells(&self) -> Option<&CellGrid> {
        self.cells.as_deref()
    }

    /// Where byte `offset` is, as reports name it: its cell, or its line and column.
    pub fn place(&self, offset: usize) -> Place<'_> {
        match self.cells().and_then(|grid| grid.cell_at(offset)) {
            Some(cell) => Place::Cell(cell),
            None => Place::Text(self.position(offset)),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&narrow(offset)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(self.text.len(), |&start| start as usize)
    }

    /// The 1-based line and column of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line] as usize;
        Position {
            line: line + 1,
            column: self.chars_between(start, offset) + 1,
        }
    }

    /// Characters in `text[start..end]` (both character boundaries, `start <= end`), in
    /// O(1): long ranges are counted through the checkpoints.
    fn chars_between(&self, start: usize, end: usize) -> usize {
        if end - start <= char_counts::STRIDE {
            self.text[start..end].chars().count()
        } else {
            let counts = self.char_counts();
            counts.chars_before(&self.text, end) - counts.chars_before(&self.text, start)
        }
    }

    fn char_counts(&self) -> &CharCounts {
        self.char_counts.get_or_init(|| CharCounts::new(&self.text))
    }

    /// The byte offset of `position` (1-based line and column), if it lies in the text.
    pub fn offset_of(&self, position: Position) -> Option<usize> {
        let start = *self.line_starts.get(position.line.checked_sub(1)?)? as usize;
        let line_end = self.line_start(position.line);
        self.text[start..line_end]
            .char_indices()
            .map(|(i, _)| start + i)
            .chain(std::iter::once(line_end))
            .nth(position.column.checked_sub(1)?)
    }

    /// Byte offset in the file as stored on disk, for a byte offset in the decoded text.
    ///
    /// They differ when the file had a byte order mark or was not UTF-8.
    pub fn file_offset(&self, offset: usize) -> usize {
        let offset = self.floor_char_boundary(offset);
        match self.encoding {
            Encoding::Utf8 => offset,
            Encoding::Utf8Bom => offset + 3,
            Encoding::Windows1252 => self.char_counts().chars_before(&self.text, offset),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                2 + 2 * self.char_counts().utf16_before(&self.text, offset)
            }
        }
    }

    /// The text of the line that holds `offset`, without its line break.
    pub fn line_text(&self, offset: usize) -> &str {
        let line = self.line_index(self.floor_char_boundary(offset));
        let range = self.line_range(line);
        self.text[range].trim_end_matches(['\n', '\r'])
    }

    fn line_range(&self, line: usize) -> Range<usize> {
        self.line_start(line)..self.line_start(line + 1)
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// An offset as the line index keeps it.
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let source = Source::new("t", "ab\ncé d\r\nx".to_string(), Encoding::Utf8);
        assert_eq!(source.position(0), Position { line: 1, column: 1 });
        assert_eq!(source.position(3), Position { line: 2, column: 1 });
        // 'd' comes after the two-byte 'é': byte 7, column 4.
        assert_eq!(source.position(7), Position { line: 2, column: 4 });
        assert_eq!(source.position(10), Position { line: 3, column: 1 });
        assert_eq!(source.offset_of(Position { line: 2, column: 4 }), Some(7));
        assert_eq!(source.line_text(4), "cé d");
    }

    #[test]
    fn file_offsets_undo_decoding() {
        let source = Source::new("t", "é;x".to_string(), Encoding::Windows1252);
        assert_eq!(source.file_offset(3), 2);
        let source = Source::new("t", "a".to_string(), Encoding::Utf8Bom);
        assert_eq!(source.file_offset(0), 3);
        let source = Source::new("t", "a😀b".to_string(), Encoding::Utf16Le);
        assert_eq!(source.file_offset(5), 2 + 2 * 3);
    }

    /// Past the checkpoints' stride, counts come from the table, not from a walk.
    #[test]
    fn far_into_a_long_file_offsets_still_undo_decoding() {
        let text = "é€😀;".repeat(100_000);
        let offset = text.len() - "😀;".len();
        let characters = 4 * 100_000 - 2;
        let source = Source::new("t", text.clone(), Encoding::Windows1252);
        assert_eq!(source.file_offset(offset), characters);
        let source = Source::new("t", text, Encoding::Utf16Be);
        assert_eq!(
            source.file_offset(offset),
            2 + 2 * (characters + 100_000 - 1)
        );
    }

    /// A one-line response of several megabytes: the column of a finding near its end.
    #[test]
    fn columns_near_the_end_of_a_multi_megabyte_line() {
        let line = format!(
            "{}\"summary\":\"Make it fast\"}}]",
            "{\"é\":\"😀\"},".repeat(300_000)
        );
        let text = format!("{{\"issues\":[\n{line}\n");
        let offset = text.find("fast").unwrap();
        let source = Source::new("t.json", text, Encoding::Utf8);
        let column =
            300_000 * "{\"é\":\"😀\"},".chars().count() + "\"summary\":\"Make it ".len() + 1;
        assert_eq!(source.position(offset), Position { line: 2, column });
        assert_eq!(source.position(offset + 4).column, column + 4);
    }
}
