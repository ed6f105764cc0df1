//! Reading exports into the [`Backlog`](crate::backlog::Backlog) model.

pub mod adf;
pub mod azure_devops;
pub mod azure_work_items;
pub mod bounded_read;
pub mod csv_cell;
pub mod csv_preset;
pub mod csv_reader;
pub mod csv_rows;
pub mod csv_split;
pub mod csv_tree;
pub mod detect;
pub mod fields;
pub mod github_issues;
pub mod gitlab;
pub mod html;
pub mod jira_csv;
pub mod jira_json;
pub mod jira_languages;
pub mod jira_xml;
pub mod json_doc;
pub mod json_head;
pub mod json_text;
pub mod labels;
pub mod linear;
pub mod lines;
pub mod markdown;
pub mod plain_writer;
pub mod reader;
pub mod sniff;
pub mod trello;
pub mod unsupported;
pub mod wiki;
pub mod xlsx;
pub mod xml_text;

use rayon::prelude::*;

use crate::backlog::{Backlog, ReadFile};
use crate::decode::decode;
use crate::error::Error;
use crate::limits::Limits;
use crate::source::Source;
use fields::FieldMap;
use reader::Reader;

/// How the files given on the command line are to be read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The reader of every file (`--input-format`); `None` detects each file's from its
    /// content.
    pub format: Option<&'static Reader>,
    pub fields: FieldMap,
    pub limits: Limits,
    /// Columns and JSON fields that fill no logical field are kept under their own name
    /// when this is `None`, or only those named here (case-insensitive): the ones rules
    /// read by name.
    pub keep_unmapped: Option<Vec<String>>,
    /// The sheet of an Excel workbook to read (`--sheet`); `None` reads the first with a
    /// header row. Files that are not workbooks have no sheets and ignore it.
    pub sheet: Option<String>,
}

impl ReadOptions {
    /// Whether to keep a value that fills no logical field, named `name` in the export.
    pub fn keeps_unmapped(&self, name: &str) -> bool {
        self.keep_unmapped
            .as_ref()
            .is_none_or(|names| names.iter().any(|n| n.eq_ignore_ascii_case(name.trim())))
    }
}

/// Reads every path (`-` is standard input) into one backlog.
///
/// The files are loaded and read side by side (a folder of response pages is read on
/// every core); the backlog takes them in the order given, and when files cannot be read
/// the error reported is that of the first of them in that order, as if they had been
/// read one after another.
pub fn read_paths(paths: &[String], options: &ReadOptions) -> Result<Backlog, Error> {
    let files: Vec<Result<ReadFile, Error>> = paths
        .par_iter()
        .enumerate()
        .map(|(index, path)| read_source(load_export(path, options)?, index, options))
        .collect();
    let mut backlog = Backlog::default();
    for file in files {
        backlog.add_file(file?);
    }
    Ok(backlog)
}

/// Reads one already loaded source into the backlog.
pub fn add_source(
    backlog: &mut Backlog,
    source: Source,
    options: &ReadOptions,
) -> Result<(), Error> {
    let file = read_source(source, backlog.sources.len(), options)?;
    backlog.add_file(file);
    Ok(())
}

/// Reads `source`, the backlog's source number `source_index`, with the reader its
/// content or `--input-format` names.
fn read_source(
    source: Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<ReadFile, Error> {
    if source.text().trim().is_empty() {
        return Err(Error::Empty {
            name: source.name().to_owned(),
        });
    }
    let reader = match (options.format, source.cells()) {
        (Some(reader), None) => reader,
        (None, None) => detect::detect(&source, &options.fields)?,
        (format, Some(_)) => detect::sheet_reader(&source, format, &options.fields)?,
    };
    let (info, items) = reader.read(&source, source_index, options)?;
    Ok(ReadFile {
        source,
        info,
        items,
    })
}

/// The largest text backlint reads, decoded: offsets into it must fit in 32 bits.
pub const MAX_READABLE: u64 = u32::MAX as u64 - 1;

/// Reads and decodes a file (a configuration, a rule, a baseline), or standard input for `-`.
pub fn load(path: &str) -> Result<Source, Error> {
    load_limited(path, Limits::default().max_file_bytes())
}

/// Reads an export ([`export_source`]).
fn load_export(path: &str, options: &ReadOptions) -> Result<Source, Error> {
    let max_bytes = options.limits.max_file_bytes().min(MAX_READABLE);
    let (name, bytes) = read_limited(path, max_bytes)?;
    export_source(name, bytes, options)
}

/// The export `bytes` of the file `name` as a source: an Excel workbook's sheet ([`xlsx`])
/// as the text of its cells, any other file decoded as [`load_limited`] does.
pub fn export_source(name: &str, bytes: Vec<u8>, options: &ReadOptions) -> Result<Source, Error> {
    let max_bytes = options.limits.max_file_bytes().min(MAX_READABLE);
    if xlsx::is_workbook(&bytes) {
        let is_header = |line: &str| detect::header_reader(name, line, &options.fields).is_some();
        let sheet = options.sheet.as_deref();
        return xlsx::read_workbook(name, bytes, sheet, &is_header, max_bytes);
    }
    decode_limited(name, bytes, max_bytes)
}

/// Reads and decodes a file no larger than `max_bytes`, or standard input for `-`
/// ([`bounded_read::read_bounded`]: nothing but a regular file or a stream is read).
pub fn load_limited(path: &str, max_bytes: u64) -> Result<Source, Error> {
    let max_bytes = max_bytes.min(MAX_READABLE);
    let (name, bytes) = read_limited(path, max_bytes)?;
    decode_limited(name, bytes, max_bytes)
}

/// The bytes of a file no larger than `max_bytes` (at most [`MAX_READABLE`]: offsets into
/// a file are kept in 32 bits), and its name in reports; an empty file is an error.
fn read_limited(path: &str, max_bytes: u64) -> Result<(&str, Vec<u8>), Error> {
    let bytes = bounded_read::read_bounded(path, max_bytes)?;
    let name = if path == "-" { "<stdin>" } else { path };
    if bytes.is_empty() {
        return Err(Error::Empty {
            name: name.to_owned(),
        });
    }
    Ok((name, bytes))
}

/// A file's bytes as text, unless they are a kind of file backlint does not read.
fn decode_limited(name: &str, bytes: Vec<u8>, max_bytes: u64) -> Result<Source, Error> {
    let too_large = |size: u64| Error::TooLarge {
        path: name.to_owned(),
        size_mib: size as f64 / crate::limits::MIB as f64,
        limit_mib: max_bytes as f64 / crate::limits::MIB as f64,
    };
    if let Some(kind) = unsupported::Unsupported::of_bytes(&bytes) {
        return Err(kind.error(name));
    }
    let source = decode(name, bytes).map_err(|e| Error::Undecodable {
        name: name.to_owned(),
        position: e.position,
        reason: e.reason,
    })?;
    // Windows-1252 and UTF-16 can grow when decoded to UTF-8.
    if source.text().len() as u64 > MAX_READABLE {
        return Err(too_large(source.text().len() as u64));
    }
    Ok(source)
}
