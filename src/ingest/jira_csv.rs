//! Jira CSV exports (Cloud "all fields" / "current fields", Server and Data Center, and
//! files re-saved by Excel), read with `csv_core` so every cell keeps its exact byte range.
//!
//! The high-level `csv` crate reports ranges into its unescaped buffer, not into the file;
//! `csv_core::Reader::read_field` says how many input bytes each field consumed, which is
//! the file range we need. Cell text is then re-read from that range so that a `""` escape
//! inside a quoted cell maps back to the file exactly.

use std::sync::Arc;

use csv_core::{ReadFieldResult, ReaderBuilder};

use crate::backlog::{
    Entry, Field, FieldOrigin, FileInfo, InputFormat, Item, MappedText, Span, Value,
};
use crate::error::Error;
use crate::ingest::fields::FieldMap;
use crate::ingest::wiki;
use crate::ingest::ReadOptions;
use crate::source::Source;

/// Reads every issue of a Jira CSV export.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Item>), Error> {
    let text = source.text();
    let mut records = Records::new(source, delimiter(text), options.limits.max_cell_bytes());
    let header = match records.next_record()? {
        Some(header) => header,
        None => {
            return Err(
                Error::at(source, Span::empty_at(0), "the file holds no CSV header").build(),
            )
        }
    };
    let columns = Columns::from_header(source, &header, options)?;
    let mut items = Vec::new();
    let mut record_number = 0;
    while let Some(record) = records.next_record()? {
        record_number += 1;
        if record.iter().all(|cell| cell.text.is_empty()) {
            continue; // rows of bare commas, as Excel leaves them
        }
        items.push(columns.item(source, source_index, record_number, record)?);
        crate::progress::item_read();
    }
    if items.is_empty() {
        let end = Span::empty_at(text.trim_end().len());
        return Err(Error::at(source, end, "the export has a header but no issues")
            .label("the header ends here")
            .help("the export holds no issues: check the filter it was exported from, and export again")
            .build());
    }
    let info = FileInfo {
        format: InputFormat::JiraCsv,
        origins: columns.origins(),
    };
    Ok((info, items))
}

/// Excel in many European locales saves CSV with semicolons; Jira always uses commas.
fn delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    let count = |c| first_line.matches(c).count();
    if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

/// A cell: its text (unescaped) and the range of its content in the file.
struct Cell {
    text: MappedText,
    span: Span,
}

/// Splits the file into records of cells.
struct Records<'a> {
    source: &'a Source,
    max_cell: usize,
    text: &'a str,
    reader: csv_core::Reader,
    position: usize,
    scratch: Vec<u8>,
}

impl<'a> Records<'a> {
    fn new(source: &'a Source, delimiter: u8, max_cell: usize) -> Self {
        Records {
            source,
            max_cell,
            text: source.text(),
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            position: 0,
            scratch: vec![0; 4096],
        }
    }

    /// The next record, or `None` at the end of the file.
    fn next_record(&mut self) -> Result<Option<Vec<Cell>>, Error> {
        let bytes = self.text.as_bytes();
        let mut cells = Vec::new();
        let mut field_start = self.position;
        loop {
            let (result, consumed, _) = self
                .reader
                .read_field(&bytes[self.position..], &mut self.scratch);
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
                        return Ok(Some(cells));
                    }
                }
                ReadFieldResult::End => return Ok(None),
            }
        }
    }

    /// The cell whose raw bytes (with their delimiter or line break) end at `self.position`.
    fn cell(&self, start: usize, first_of_record: bool, record_end: bool) -> Result<Cell, Error> {
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
        cell_text(raw, start).map_err(|Unclosed(quote)| {
            Error::at(self.source, Span::new(quote, quote + 1), "a quoted cell is never closed")
                .label("the quote opens here and runs to the end of the file")
                .help("add the closing quote (a quote inside a cell is written twice: \"\"), or export the file again")
                .build()
        })
    }
}

/// A quoted cell that runs to the end of the file: the offset of its opening quote.
#[derive(Debug)]
struct Unclosed(usize);

/// Reads a cell's raw bytes: quotes removed, `""` turned into `"`, every byte mapped back.
fn cell_text(raw: &str, start: usize) -> Result<Cell, Unclosed> {
    let Some(quoted) = raw.strip_prefix('"') else {
        return Ok(Cell {
            text: MappedText::verbatim(raw, start),
            span: Span::new(start, start + raw.len()),
        });
    };
    let mut text = MappedText::new();
    let mut at = start + 1;
    let mut rest = quoted;
    loop {
        let Some(quote) = rest.find('"') else {
            return Err(Unclosed(start));
        };
        text.push_copied(&rest[..quote], at);
        let after = &rest[quote + 1..];
        if let Some(escaped) = after.strip_prefix('"') {
            text.push_copied("\"", at + quote + 1);
            at += quote + 2;
            rest = escaped;
        } else {
            // Closing quote; anything after it is kept as csv_core keeps it.
            let content_end = at + quote;
            text.push_copied(after, content_end + 1);
            let end = if after.is_empty() {
                content_end
            } else {
                start + raw.len()
            };
            return Ok(Cell {
                text,
                span: Span::new(start + 1, end),
            });
        }
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
    fn from_header(source: &Source, header: &[Cell], options: &ReadOptions) -> Result<Self, Error> {
        let map = &options.fields;
        let names: Vec<Arc<str>> = header
            .iter()
            .map(|c| Arc::from(c.text.as_str().trim()))
            .collect();
        let lookups: Vec<Option<(Field, usize)>> = names.iter().map(|n| map.lookup(n)).collect();
        let fields: Vec<Option<Field>> = lookups.iter().map(|l| l.map(|(f, _)| f)).collect();
        let header_end = header.last().map_or(0, |c| c.span.end);
        if !fields.contains(&Some(Field::Summary)) {
            return Err(no_summary_column(source, &names, map, header_end));
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

    fn item(
        &self,
        source: &Source,
        source_index: usize,
        record: usize,
        mut cells: Vec<Cell>,
    ) -> Result<Item, Error> {
        if cells.len() > self.names.len() {
            if let Some(extra) = cells[self.names.len()..]
                .iter()
                .find(|c| !c.text.is_empty())
            {
                return Err(Error::at(
                    source,
                    extra.span,
                    format!(
                        "this row has {} cells but the header names {} columns",
                        cells.len(),
                        self.names.len()
                    ),
                )
                .label("a cell past the last column")
                .help("a delimiter too many shifts every later cell into the wrong column; fix the row or export again from Jira")
                .build());
            }
        }
        let anchor = cells
            .first()
            .map_or(Span::default(), |c| Span::empty_at(c.span.start));
        let key = self
            .key_column
            .and_then(|i| cells.get(i))
            .map(|c| c.text.as_str().trim().to_owned())
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| format!("row {record}"));
        let mut entries = Vec::with_capacity(self.order.len().min(cells.len()));
        for &column in &self.order {
            let Some(cell) = cells.get_mut(column) else {
                continue;
            };
            if cell.text.as_str().trim().is_empty() {
                continue;
            }
            let field = self.fields[column];
            let raw = std::mem::take(&mut cell.text);
            let text = match field {
                Some(Field::Description | Field::AcceptanceCriteria) => wiki::to_plain(&raw),
                _ => raw,
            };
            entries.push(Entry {
                name: Arc::clone(&self.names[column]),
                field,
                value: Value {
                    text,
                    span: cell.span,
                },
            });
        }
        Ok(Item {
            source: source_index,
            record,
            key,
            anchor,
            entries,
        })
    }

    fn origins(&self) -> Vec<FieldOrigin> {
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
                FieldOrigin { field, names }
            })
            .collect()
    }
}

fn no_summary_column(
    source: &Source,
    names: &[Arc<str>],
    map: &FieldMap,
    header_end: usize,
) -> Error {
    let shown: Vec<&str> = names.iter().take(12).map(|n| &**n).collect();
    let more = if names.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    let expected = map.names(Field::Summary).join("\", \"");
    Error::at(
        source,
        Span::new(0, header_end.min(source.text().len())),
        format!("no column holds the story summary (looked for \"{expected}\")"),
    )
    .label("the header row")
    .help(format!(
        "if the summary is in another column (an export in another language, say), map it in backlint.toml:\n\n    [fields]\n    summary = \"<column name>\"\n\nColumns found: {}{more}",
        shown.join(", ")
    ))
    .build()
}
