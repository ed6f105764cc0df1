//! The CSV exports of every tracker (Jira, Azure DevOps, GitLab, Linear; files re-saved
//! by Excel), each read through its [`CsvPreset`], with `csv_core` so every cell keeps its
//! exact byte range.
//!
//! The high-level `csv` crate reports ranges into its unescaped buffer, not into the file;
//! `csv_core::Reader::read_field` says how many input bytes each field consumed, which is
//! the file range we need. Cell text is then re-read from that range so that a `""` escape
//! inside a quoted cell maps back to the file exactly.

use std::ops::Range;
use std::sync::Arc;

use csv_core::{ReadFieldResult, ReaderBuilder};
use rayon::prelude::*;

use crate::backlog::stored::{Kept, Key, Raw};
use crate::backlog::{Field, FieldOrigin, FileInfo, Span};
use crate::error::Error;
use crate::ingest::csv_preset::CsvPreset;
use crate::ingest::csv_rows::{Column, CsvRows, Layout};
use crate::ingest::fields::FieldMap;
use crate::ingest::sniff::{delimiter, Claim, Sniff};
use crate::ingest::unsupported::Unsupported;
use crate::ingest::ReadOptions;
use crate::ingest::{csv_cell, csv_split, csv_tree, labels};
use crate::source::Source;

/// Reads every issue of a CSV export of the tracker `preset` describes: its rows, kept
/// undecoded (see [`crate::backlog::stored`]).
/// How strongly a file looks like the CSV export `preset` describes: sure when its header
/// row holds the preset's signature columns. The preset without a signature (Jira's, the
/// CSV backlint assumes) is likely when the header names a field backlint knows, and named
/// by `.csv` and `.tsv`, whose header its reader then explains. A story list's `.txt` or
/// `.md` counts only when tab-separated: Excel's "Unicode text" is saved as `.txt`, and
/// stories hold commas.
pub fn claim(preset: &CsvPreset, sniff: &Sniff<'_>) -> Claim {
    if sniff.is_json() || sniff.is_markup() {
        return Claim::No;
    }
    let header = sniff.header();
    let columns_here = !sniff.is_story_list() || header.delimiter == b'\t';
    if preset.recognises(&header.cells) && columns_here {
        return Claim::Sure;
    }
    if !preset.signature.is_empty() {
        return Claim::No;
    }
    let names_a_field = header
        .cells
        .iter()
        .any(|cell| sniff.fields.lookup(cell).is_some());
    if names_a_field && columns_here {
        Claim::Likely
    } else if matches!(sniff.extension.as_str(), "csv" | "tsv") {
        Claim::ByName
    } else {
        Claim::No
    }
}

pub fn read(
    preset: &CsvPreset,
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Kept>), Error> {
    let text = source.text();
    let delimiter = delimiter(text);
    let mut records = Records::new(source, delimiter, options.limits.max_cell_bytes());
    let mut cells = Vec::new();
    if !records.next_record(&mut cells)? {
        return Err(Error::at(source, Span::empty_at(0), "the file holds no CSV header").build());
    }
    let columns = Columns::from_header(source, &cells, preset, options)?;
    let reading = Reading {
        source,
        source_index,
        columns: &columns,
        delimiter,
        max_cell: options.limits.max_cell_bytes(),
        tracker: preset.tracker,
    };
    // A header and no rows (a filter that matched nothing) is an empty backlog.
    let rows = reading.rows(records.position)?;
    let tree_parents = csv_tree::parents(
        text,
        delimiter,
        columns.names.len(),
        &columns.of(Field::Summary),
        &rows,
    );
    let mut origins = columns.origins(preset);
    if !tree_parents.is_empty() {
        if let Some(parent) = origins.iter_mut().find(|o| o.field == Field::Parent) {
            parent.names.push(TREE_PARENT.to_owned());
        }
    }
    let info = FileInfo {
        kind: preset.kind,
        origins,
        decoder: Some(Arc::new(CsvRows {
            layout: columns.layout(delimiter, preset),
            tree_parents,
        })),
    };
    Ok((info, rows))
}

/// How a parent implied by a tree query's rows is named (see [`csv_tree`]).
pub const TREE_PARENT: &str = "the row one level up (tree query)";

/// Below this many bytes of records a file is read in one piece.
const PARALLEL_FROM: usize = 1 << 20;

/// What reading the records of one file needs.
struct Reading<'a> {
    source: &'a Source,
    source_index: usize,
    columns: &'a Columns,
    delimiter: u8,
    max_cell: usize,
    /// The tracker to export from again, as errors say.
    tracker: &'static str,
}

/// The rows of one range of records, and how many records it held.
struct Piece {
    rows: Vec<Kept>,
    records: usize,
    /// Whether its last record ended with a line break (not cut off by the range's end).
    whole: bool,
}

impl Reading<'_> {
    /// The rows of the records from `start` on: in ranges read in parallel when the file is
    /// large (see [`csv_split`]), numbered as one sequence.
    fn rows(&self, start: usize) -> Result<Vec<Kept>, Error> {
        let text = self.source.text();
        let ranges: Vec<Range<usize>> = if text.len() - start < PARALLEL_FROM {
            std::iter::once(start..text.len()).collect()
        } else {
            csv_split::record_ranges(text.as_bytes(), start, 4 * rayon::current_num_threads())
        };
        let pieces: Vec<Result<Piece, Error>> = ranges
            .par_iter()
            .map(|range| self.piece(range.clone()))
            .collect();
        let last = pieces.len().saturating_sub(1);
        let mut read = Vec::with_capacity(pieces.len());
        for (index, piece) in pieces.into_iter().enumerate() {
            // Every earlier range ended with a whole record, so this one starts at one:
            // its error is real.
            let piece = piece?;
            if index < last && !piece.whole {
                // A stray quote misled the split: read the file in one piece.
                return self.piece(start..text.len()).map(|piece| piece.rows);
            }
            read.push(piece);
        }
        if read.len() == 1 {
            return Ok(read.pop().map(|piece| piece.rows).unwrap_or_default());
        }
        let mut rows = Vec::with_capacity(read.iter().map(|piece| piece.rows.len()).sum());
        let mut records = 0;
        for piece in read {
            let before = offset(records);
            rows.extend(piece.rows.into_iter().map(|row| Kept {
                record: row.record + before,
                ..row
            }));
            records += piece.records;
        }
        Ok(rows)
    }

    /// The rows of the records in `range`, numbered from 1.
    fn piece(&self, range: Range<usize>) -> Result<Piece, Error> {
        let mut records = Records::new(self.source, self.delimiter, self.max_cell);
        records.position = range.start;
        records.end = range.end;
        let mut cells = Vec::new();
        let mut piece = Piece {
            rows: Vec::new(),
            records: 0,
            whole: true,
        };
        while records.next_record(&mut cells)? {
            piece.records += 1;
            let row = self.columns.row(
                self.source,
                self.source_index,
                piece.records,
                &cells,
                self.tracker,
            )?;
            if let Some(row) = row {
                piece.rows.push(row);
                crate::progress::item_read();
            }
        }
        piece.whole = records.ended_whole;
        Ok(piece)
    }
}

/// The cells of the record at `span` (from its first cell's first byte to its last cell's
/// last), found again to decode a row (see [`crate::backlog::stored`]). The record was read whole by
/// csv_core once, so it holds no line break outside quotes and the cells are where a plain
/// scan finds them: a cell that starts with a quote runs to its closing quote (a doubled
/// quote is not one) and then, as in csv_core, on to the next delimiter; any other cell
/// runs to the next delimiter. Searching for the few bytes that matter is several times
/// faster than running csv_core's state machine over every byte again.
pub fn cells_of(text: &str, delimiter: u8, span: Span, columns: usize) -> Vec<Span> {
    let bytes = &text.as_bytes()[..span.end.min(text.len())];
    let mut cells = Vec::with_capacity(columns);
    let mut start = span.start.min(bytes.len());
    loop {
        let mut at = start;
        if bytes.get(at) == Some(&b'"') {
            at += 1;
            // To the closing quote (a record read whole has one; should it not, the cell runs
            // to the end).
            loop {
                match memchr::memchr(b'"', &bytes[at..]) {
                    Some(quote) if bytes.get(at + quote + 1) == Some(&b'"') => at += quote + 2,
                    Some(quote) => {
                        at += quote + 1;
                        break;
                    }
                    None => {
                        at = bytes.len();
                        break;
                    }
                }
            }
        }
        let end = memchr::memchr(delimiter, &bytes[at..]).map_or(bytes.len(), |d| at + d);
        cells.push(Span::new(start, end));
        if end >= bytes.len() {
            return cells;
        }
        start = end + 1;
    }
}

/// Splits the file into records of cells: the raw bytes of each (see [`csv_cell`]).
struct Records<'a> {
    source: &'a Source,
    max_cell: usize,
    text: &'a str,
    reader: csv_core::Reader,
    position: usize,
    /// Where the records to read end: the end of the text, or of a range of it.
    end: usize,
    /// Whether the last record read ended with its line break rather than at `end`.
    ended_whole: bool,
    /// Where the file's content ends, before its last line break.
    content_end: usize,
    /// Where csv_core writes unescaped cells, unused (see `next_record`).
    scratch: [u8; 1024],
}

impl<'a> Records<'a> {
    fn new(source: &'a Source, delimiter: u8, max_cell: usize) -> Self {
        Records {
            source,
            max_cell,
            text: source.text(),
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            position: 0,
            end: source.text().len(),
            ended_whole: true,
            content_end: source.text().trim_end_matches(['\r', '\n']).len(),
            scratch: [0; 1024],
        }
    }

    /// Fills `cells` with the next record's cells; `false` at the end of the file.
    fn next_record(&mut self, cells: &mut Vec<Span>) -> Result<bool, Error> {
        let bytes = &self.text.as_bytes()[..self.end];
        cells.clear();
        let mut field_start = self.position;
        loop {
            let input = &bytes[self.position..];
            let (result, consumed, _) = self.reader.read_field(input, &mut self.scratch);
            self.position += consumed;
            match result {
                // The unescaped output is not used (cells are re-read from the file so their
                // text maps back to it), so a full buffer is simply written over.
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::Field { record_end } => {
                    let first_of_record = cells.is_empty();
                    cells.push(self.cell(field_start, first_of_record, record_end)?);
                    field_start = self.position;
                    if record_end {
                        // Given no input, csv_core ends the record because the input ended.
                        self.ended_whole = !input.is_empty();
                        return Ok(true);
                    }
                }
                ReadFieldResult::End => return Ok(false),
            }
        }
    }

    /// The raw bytes of the cell whose bytes (with their delimiter or line break) end at
    /// `self.position`.
    fn cell(&self, start: usize, first_of_record: bool, record_end: bool) -> Result<Span, Error> {
        let mut raw = &self.text[start..self.position];
        let mut start = start;
        if first_of_record {
            // The line break that ended the previous record may be consumed here.
            let trimmed = raw.trim_start_matches(['\r', '\n']);
            start += raw.len() - trimmed.len();
            raw = trimmed;
        }
        raw = if record_end {
            raw.trim_end_matches(['\r', '\n'])
        } else {
            &raw[..raw.len().saturating_sub(1)]
        };
        if raw.len() > self.max_cell {
            return Err(crate::limits::cell_too_large(
                self.source,
                start,
                raw.len(),
                self.max_cell,
            ));
        }
        // csv_core ends a quoted cell only after its closing quote, or at the end of the
        // file: only a cell that reaches the end can be open.
        if start + raw.len() == self.content_end {
            csv_cell::is_blank(raw, start).map_err(|csv_cell::Unclosed(quote)| {
                Error::at(self.source, Span::new(quote, quote + 1), "a quoted cell is never closed")
                    .label("the quote opens here and runs to the end of the file")
                    .help("add the closing quote (a quote inside a cell is written twice: \"\"), or export the file again")
                    .build()
            })?;
        }
        Ok(Span::new(start, start + raw.len()))
    }
}

/// What the header says about each column.
struct Columns {
    /// Column names as written in the header, trimmed.
    names: Vec<Arc<str>>,
    /// Logical field per column.
    fields: Vec<Option<Field>>,
    /// The order columns become entries: mapped fields first, by field and preference,
    /// so `Item::get` finds the preferred non-empty column; then the rest by position
    /// (those the options keep).
    order: Vec<usize>,
    key_column: Option<usize>,
}

impl Columns {
    fn from_header(
        source: &Source,
        header: &[Span],
        preset: &CsvPreset,
        options: &ReadOptions,
    ) -> Result<Self, Error> {
        let map = preset.field_map(&options.fields);
        let text = source.text();
        let names: Vec<Arc<str>> = header
            .iter()
            .map(|cell| {
                let raw = &text[cell.start..cell.end];
                let name =
                    csv_cell::text(raw, cell.start).map_or(raw.into(), |(t, _)| t.to_string());
                Arc::from(name.trim())
            })
            .collect();
        let lookups: Vec<Option<(Field, usize)>> = names.iter().map(|n| map.lookup(n)).collect();
        let fields: Vec<Option<Field>> = lookups.iter().map(|l| l.map(|(f, _)| f)).collect();
        let header_end = header.last().map_or(0, |c| c.end);
        if fields.iter().all(Option::is_none) {
            let header_start = header.first().map_or(0, |c| c.start);
            let span = Span::new(header_start, header_end.max(header_start));
            return Err(Unsupported::NoHeader.error_at(source, span));
        }
        if !fields.contains(&Some(Field::Summary)) {
            return Err(no_summary_column(source, &names, &map, preset, header_end));
        }
        let mut order: Vec<usize> = (0..names.len())
            .filter(|&i| fields[i].is_some() || options.keeps_unmapped(&names[i]))
            .collect();
        order.sort_by_key(|&i| match lookups[i] {
            Some((field, rank)) => (0, Some(field), rank, i),
            None => (1, None, 0, i),
        });
        let key_column = fields.iter().position(|f| *f == Some(Field::Key));
        Ok(Columns {
            names,
            fields,
            order,
            key_column,
        })
    }

    /// The columns of `field`, in header order.
    fn of(&self, field: Field) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&column| self.fields[column] == Some(field))
            .collect()
    }

    /// What decoding the rows needs.
    fn layout(&self, delimiter: u8, preset: &CsvPreset) -> Layout {
        let columns = self.names.iter().zip(&self.fields);
        Layout {
            delimiter,
            cells: preset.cells,
            columns: columns
                .map(|(name, &field)| Column {
                    name: Arc::clone(name),
                    field,
                })
                .collect(),
            order: self.order.clone(),
        }
    }

    /// The row of record `record`, or `None` for a row of bare commas (as Excel leaves them).
    fn row(
        &self,
        source: &Source,
        source_index: usize,
        record: usize,
        cells: &[Span],
        tracker: &str,
    ) -> Result<Option<Kept>, Error> {
        let text = source.text();
        let blank = |cell: &Span| {
            csv_cell::is_blank(&text[cell.start..cell.end], cell.start).unwrap_or(false)
        };
        let no_text = |cell: &Span| matches!(&text[cell.start..cell.end], "" | "\"\"");
        if cells.iter().all(no_text) {
            return Ok(None);
        }
        if let Some(extra) = cells.iter().skip(self.names.len()).find(|c| !blank(c)) {
            return Err(Error::at(
                source,
                *extra,
                format!(
                    "this row has {} cells but the header names {} columns",
                    cells.len(),
                    self.names.len()
                ),
            )
            .label("a cell past the last column")
            .help(format!("a delimiter too many shifts every later cell into the wrong column; fix the row or export again from {tracker}"))
            .build());
        }
        let summary = self
            .order
            .iter()
            .filter(|&&column| self.fields[column] == Some(Field::Summary))
            .filter_map(|&column| cells.get(column))
            .find(|cell| !blank(cell));
        let (first, last) = match (cells.first(), cells.last()) {
            (Some(first), Some(last)) => (first.start, last.end),
            _ => (0, 0),
        };
        Ok(Some(Kept {
            source: offset(source_index),
            record: offset(record),
            bytes: Raw::of(Span::new(first, last)),
            summary: summary.map(|cell| Raw::of(*cell)).unwrap_or_default(),
            key: self.key(text, cells, record),
        }))
    }

    /// A row's key: where its trimmed text stands in the file when it is a verbatim copy
    /// (nearly always), else the text; `row N` for a row without one.
    fn key(&self, text: &str, cells: &[Span], record: usize) -> Key {
        let Some(cell) = self.key_column.and_then(|i| cells.get(i)) else {
            return Key::Text(format!("row {record}").into());
        };
        let Ok((key, span)) = csv_cell::text(&text[cell.start..cell.end], cell.start) else {
            return Key::Text(format!("row {record}").into());
        };
        let trimmed = key.as_str().trim();
        if trimmed.is_empty() {
            return Key::Text(format!("row {record}").into());
        }
        if key.as_str() == &text[span.start..span.end] {
            let start = span.start + key.as_str().len() - key.as_str().trim_start().len();
            Key::InFile(Raw::of(Span::new(start, start + trimmed.len())))
        } else {
            Key::Text(trimmed.into())
        }
    }

    /// For `backlint fields`: the columns of each field, in the order they are read, and
    /// the labels column for the fields labels fill.
    fn origins(&self, preset: &CsvPreset) -> Vec<FieldOrigin> {
        let labels_column = self
            .order
            .iter()
            .find(|&&column| self.fields[column] == Some(Field::Labels))
            .filter(|_| preset.cells.labels_fill_fields)
            .map(|&column| &*self.names[column]);
        Field::ALL
            .into_iter()
            .map(|field| {
                let columns: Vec<&str> = self
                    .order
                    .iter()
                    .filter(|&&column| self.fields[column] == Some(field))
                    .map(|&column| &*self.names[column])
                    .collect();
                let mut names: Vec<String> = Vec::new();
                for run in columns.chunk_by(|a, b| a == b) {
                    names.push(match run.len() {
                        1 => run[0].to_owned(),
                        n => format!("{} ×{n}", run[0]),
                    });
                }
                if let Some([plain, scoped]) = labels::examples(field) {
                    names.extend(
                        labels_column.map(|c| format!("{c} (as \"{plain}\" or \"{scoped}\")")),
                    );
                }
                FieldOrigin { field, names }
            })
            .collect()
    }
}

/// An offset, count or index as the 32 bits [`Kept`] keeps: files are read only up to 4 GiB
/// (`ingest::load_limited`), so everything in one fits.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn no_summary_column(
    source: &Source,
    names: &[Arc<str>],
    map: &FieldMap,
    preset: &CsvPreset,
    header_end: usize,
) -> Error {
    let shown: Vec<&str> = names.iter().take(12).map(|n| &**n).collect();
    let more = if names.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    let summary_names = map.names(Field::Summary);
    let expected = summary_names.join("\", \"");
    // A tracker whose header names are known left the column out of the export.
    let add_it = match (preset.columns.is_empty(), summary_names.first()) {
        (false, Some(name)) => format!(
            "add the `{name}` column to what {} exports and export again; or, ",
            preset.tracker
        ),
        _ => String::new(),
    };
    Error::at(
        source,
        Span::new(0, header_end.min(source.text().len())),
        format!("no column holds the story summary (looked for \"{expected}\")"),
    )
    .label("the header row")
    .help(format!(
        "{add_it}if the summary is in another column (an export in another language, say), map it in backlint.toml:\n\n    [fields]\n    summary = \"<column name>\"\n\nColumns found: {}{more}",
        shown.join(", ")
    ))
    .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::jira_csv;
    use crate::source::Encoding;

    /// A file of `rows` records past [`PARALLEL_FROM`] bytes, with quoted line breaks and
    /// doubled quotes where ranges could split, and rows of bare commas.
    fn large_export(rows: usize, stray_quote: bool) -> Source {
        let mut text = String::from("Summary,Issue key,Description\n");
        for i in 0..rows {
            let summary = if stray_quote && i == rows / 3 {
                format!("A 5\" screen {i}")
            } else {
                format!("\"As a user, I want \"\"item {i}\"\"\nso that\"")
            };
            text.push_str(&format!(
                "{summary},PAN-{i},\"h3. Notes\n* one\n* two {i}\"\n"
            ));
            if i % 97 == 0 {
                text.push_str(",,\n");
            }
        }
        Source::new("large.csv", text, Encoding::Utf8)
    }

    /// The columns of the file's header, and where its records start.
    fn header(source: &Source) -> (Columns, usize) {
        let mut records = Records::new(source, b',', usize::MAX);
        let mut cells = Vec::new();
        assert!(records.next_record(&mut cells).unwrap());
        let columns =
            Columns::from_header(source, &cells, &jira_csv::PRESET, &ReadOptions::default())
                .unwrap();
        (columns, records.position)
    }

    fn reading<'a>(source: &'a Source, columns: &'a Columns) -> Reading<'a> {
        Reading {
            source,
            source_index: 0,
            columns,
            delimiter: b',',
            max_cell: usize::MAX,
            tracker: "Jira",
        }
    }

    /// The rows read in parallel ranges, and read in one piece.
    fn read_both_ways(source: &Source) -> (Vec<Kept>, Vec<Kept>) {
        assert!(source.text().len() > PARALLEL_FROM);
        let (columns, start) = header(source);
        let reading = reading(source, &columns);
        let whole = reading.piece(start..source.text().len()).unwrap();
        (reading.rows(start).unwrap(), whole.rows)
    }

    /// Whether the file splits into several ranges that each end with a whole record.
    fn splits_cleanly(source: &Source) -> bool {
        let (columns, start) = header(source);
        let reading = reading(source, &columns);
        let ranges = csv_split::record_ranges(source.text().as_bytes(), start, 8);
        let Some((_, all_but_last)) = ranges.split_last() else {
            return false;
        };
        !all_but_last.is_empty()
            && all_but_last
                .iter()
                .all(|range| reading.piece(range.clone()).is_ok_and(|piece| piece.whole))
    }

    #[test]
    fn reading_in_parallel_ranges_gives_the_rows_of_reading_in_one_piece() {
        let source = large_export(20_000, false);
        assert!(splits_cleanly(&source));
        let (parallel, sequential) = read_both_ways(&source);
        assert_eq!(parallel.len(), 20_000);
        assert_eq!(parallel, sequential);
        assert_eq!(
            parallel.last().map(|r| r.record),
            Some(20_000 + 20_000 / 97 + 1)
        );
    }

    #[test]
    fn a_stray_quote_that_misleads_the_split_still_reads_every_row() {
        let source = large_export(20_000, true);
        assert!(
            !splits_cleanly(&source),
            "the stray quote misleads the split"
        );
        let (parallel, sequential) = read_both_ways(&source);
        assert_eq!(parallel, sequential);
    }

    #[test]
    fn keys_point_into_the_file_unless_they_must_be_decoded() {
        let text = "Summary,Issue key\nA, PAN-1 \nB,\"PAN-\"\"2\"\nC,\nD,\"PAN-4\"\n";
        let source = Source::new("keys.csv", text.into(), Encoding::Utf8);
        let (_, rows) = read(&jira_csv::PRESET, &source, 0, &ReadOptions::default()).unwrap();
        let keys: Vec<&str> = rows.iter().map(|row| row.key.text(text)).collect();
        assert_eq!(keys, ["PAN-1", "PAN-\"2", "row 3", "PAN-4"]);
        assert!(matches!(rows[0].key, Key::InFile(_)));
        assert!(matches!(rows[1].key, Key::Text(_)));
        assert!(matches!(rows[3].key, Key::InFile(_)));
    }

    #[test]
    fn cells_found_again_are_the_cells_csv_core_read() {
        let texts = [
            "a,b,c\n\"x, \"\"y\"\"\",plain,\"multi\nline\"\r\n",
            "a,b,c\n\"after\" the quote,5\" screen,\n,,last\n",
            "a,b,c\n\"\",\"\"\"\"\",\" \"\n\"no line break at the end\"",
            "a;b;c\n\"semi;colon\";\"x\"\"\";\n",
            "a,b\n x \"y\" ,\"z\"",
        ];
        for text in texts {
            let source = Source::new("t.csv", text.into(), Encoding::Utf8);
            let delimiter = delimiter(text);
            let mut records = Records::new(&source, delimiter, usize::MAX);
            let mut cells = Vec::new();
            while records.next_record(&mut cells).unwrap() {
                let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
                    continue;
                };
                let span = Span::new(first.start, last.end);
                assert_eq!(
                    cells_of(text, delimiter, span, 3),
                    cells,
                    "{text:?} at {span:?}"
                );
            }
        }
    }
}
