//! Writing rich text (ADF, Markdown) as the plain text rules read, every byte mapped to
//! the file.
//!
//! The conventions are those of the wiki markup converter: every block on a line of its
//! own, list items behind `- `, `1. ` or `- [ ] `, nested lists two spaces further in per
//! level, table rows as cells joined with ` | `. What the writer adds (line breaks,
//! markers, separators) stands for the place of the file it is given.

use crate::backlog::MappedText;

/// Where the output stands on its current line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// Nothing written yet.
    None,
    /// A line is under way: the next block starts a new one.
    Open,
    /// The line holds only a list marker or a cell separator: the next block continues it.
    Prefixed,
}

/// Source of the spaces that indent lines.
const SPACES: &str = "                                ";

/// Plain text under way, written block by block in one pass.
#[derive(Debug)]
pub struct PlainWriter {
    out: MappedText,
    line: Line,
    /// Spaces that begin a new line: the column of the text of the enclosing list item.
    indent: usize,
    /// How many lists enclose the writer.
    list_depth: usize,
    /// How many table cells enclose the writer; in a cell, line breaks become spaces.
    cell_depth: usize,
}

/// What [`PlainWriter::begin_item`] saves for [`PlainWriter::end_item`].
#[derive(Debug, Clone, Copy)]
pub struct OuterIndent(usize);

impl Default for PlainWriter {
    fn default() -> Self {
        PlainWriter {
            out: MappedText::new(),
            line: Line::None,
            indent: 0,
            list_depth: 0,
            cell_depth: 0,
        }
    }
}

impl PlainWriter {
    /// The text written, without trailing white space.
    pub fn finish(self) -> MappedText {
        let mut text = self.out;
        text.trim_end();
        text
    }

    /// Begins the line of a block (a paragraph, a heading, a code block, a rule), unless a
    /// list marker or a cell separator waits for it.
    pub fn start_block(&mut self, at: usize) {
        self.start_line(self.indent, at);
    }

    /// Enters a list: its items' markers stand two spaces further in.
    pub fn begin_list(&mut self) {
        self.list_depth += 1;
    }

    pub fn end_list(&mut self) {
        self.list_depth = self.list_depth.saturating_sub(1);
    }

    /// Begins a list item at `at`: its marker (`- `, `3. `, `- [ ] `) two spaces per
    /// enclosing list in; further lines of the item are indented to its text.
    pub fn begin_item(&mut self, marker: &str, at: usize) -> OuterIndent {
        let marker_indent = 2 * self.list_depth.saturating_sub(1);
        self.start_line(marker_indent, at);
        self.out.push_standing_for(marker, at);
        self.line = Line::Prefixed;
        OuterIndent(std::mem::replace(
            &mut self.indent,
            marker_indent + marker.len(),
        ))
    }

    pub fn end_item(&mut self, outer: OuterIndent) {
        self.indent = outer.0;
        self.line = Line::Open;
    }

    /// Begins a table row on a line of its own.
    pub fn begin_row(&mut self, at: usize) {
        self.start_line(self.indent, at);
    }

    /// Begins cell `index` of the row (from 0), after ` | ` for any but the first.
    pub fn begin_cell(&mut self, index: usize, at: usize) {
        if index > 0 {
            self.out.push_standing_for(" | ", at);
        }
        self.line = Line::Prefixed;
        self.cell_depth += 1;
    }

    pub fn end_cell(&mut self) {
        self.cell_depth = self.cell_depth.saturating_sub(1);
    }

    pub fn end_row(&mut self) {
        self.line = Line::Open;
    }

    /// Writes text the conversion adds (`@` before a mention), standing for `at`.
    pub fn push_added(&mut self, text: &str, at: usize) {
        self.out.push_standing_for(text, at);
        self.line = Line::Open;
    }

    /// Begins the line of a block, `indent` spaces in, unless a marker waits for it.
    fn start_line(&mut self, indent: usize, at: usize) {
        match self.line {
            Line::Prefixed => {}
            Line::None => self.push_spaces(indent, at),
            Line::Open => self.break_to(indent, at),
        }
        self.line = Line::Open;
    }

    /// A line break within a block: the next line is indented like the block.
    pub fn line_break(&mut self, at: usize) {
        self.break_to(self.indent, at);
        self.line = Line::Open;
    }

    /// Ends the line and indents the next one; in a table cell, a space instead.
    fn break_to(&mut self, indent: usize, at: usize) {
        if self.cell_depth > 0 {
            self.out.push_standing_for(" ", at);
        } else {
            self.out.push_standing_for("\n", at);
            self.push_spaces(indent, at);
        }
    }

    fn push_spaces(&mut self, mut count: usize, at: usize) {
        while count > 0 {
            let chunk = count.min(SPACES.len());
            self.out.push_standing_for(&SPACES[..chunk], at);
            count -= chunk;
        }
    }

    /// Writes text on the current line; its own line breaks (code, `\n` escapes) break the
    /// output's line as a hard break would.
    pub fn push_text(&mut self, text: &MappedText) {
        self.push_slice(text, 0..text.len());
    }

    /// Writes `range` of `text`, as [`push_text`](Self::push_text) writes it whole.
    pub fn push_slice(&mut self, text: &MappedText, range: std::ops::Range<usize>) {
        if range.is_empty() {
            return;
        }
        let mut from = range.start;
        for (newline, _) in text.as_str()[range.clone()].match_indices('\n') {
            let newline = range.start + newline;
            // A `\r` before the break (CRLF) goes with it.
            let end = if text.as_str()[..newline].ends_with('\r') {
                newline - 1
            } else {
                newline
            };
            self.out.push_slice(text, from..end.max(from));
            self.line_break(text.source_offset(newline));
            from = newline + 1;
        }
        self.out.push_slice(text, from..range.end);
        self.line = Line::Open;
    }
}
