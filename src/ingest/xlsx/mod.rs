//! Excel workbooks (`.xlsx`): Jira's "Export Excel", an Azure DevOps, Linear or GitLab
//! export saved as a workbook, a team's own backlog sheet. A workbook is recognised and read
//! from its bytes, before any text ([`read_workbook`], called by `ingest::read_paths`):
//! the first sheet with a header row backlint recognises becomes CSV text from that row on
//! ([`sheet_text`]), whose places are named by cell (`Backlog!C12`); the CSV reader of
//! the tracker the header names then reads it as it reads that tracker's CSV export, with
//! the same preset (`detect::sheet_reader`).

pub mod cell_value;
pub mod sheet_text;

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Reader as _, Xlsx};

use crate::backlog::{FileInfo, FileKind, Item};
use crate::error::Error;
use crate::source::{Encoding, Source};
use sheet_text::{SheetText, HEADER_ROWS};

/// `--input-format xlsx`.
pub const KIND: FileKind = FileKind {
    reader: "xlsx",
    issues: true,
    self_links: false,
};

/// How much of the start and of the end of a ZIP archive is searched for the workbook
/// part: the headers of its first entries, and its central directory, which names every
/// entry.
const ZIP_HEAD: usize = 4096;
const ZIP_TAIL: usize = 64 * 1024;

/// Whether `bytes` are an `.xlsx` workbook: a ZIP archive that names `xl/workbook.xml`.
pub fn is_workbook(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(ZIP_HEAD)];
    let tail = &bytes[bytes.len().saturating_sub(ZIP_TAIL)..];
    bytes.starts_with(b"PK\x03\x04")
        && [head, tail]
            .iter()
            .any(|part| memchr::memmem::find(part, b"xl/workbook.xml").is_some())
}

/// The sheet named `sheet`, else the first, of the workbook `bytes` (read from the file
/// `name`) with a header row `is_header` recognises, as text whose places are cells. A
/// damaged workbook, one without sheets or without the sheet named, with empty sheets or
/// with no header row, or whose sheet's text runs past `max_text_bytes`, is an error
/// naming the file and what to do.
pub fn read_workbook(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    is_header: &dyn Fn(&str) -> bool,
    max_text_bytes: u64,
) -> Result<Source, Error> {
    let error = |message: String, help: &str| Error::Workbook {
        name: name.to_owned(),
        message,
        help: help.to_owned(),
    };
    // calamine reads untrusted archives: a panic in it is a damaged workbook, not a crash.
    let sheets = catch_unwind(AssertUnwindSafe(|| {
        first_sheet_with_header(bytes, sheet, is_header)
    }))
    .unwrap_or_else(|_| {
        Err(Problem::Damaged(
            "the workbook's parts could not be read".into(),
        ))
    });
    let (sheet, text, grid) = match sheets {
        Ok(found) => found,
        Err(Problem::Damaged(reason)) => {
            return Err(error(
                format!("the Excel workbook is damaged and cannot be read ({reason})"),
                "open it in Excel and save it again as .xlsx, or save it as \"CSV UTF-8 (Comma delimited)\"",
            ))
        }
        Err(Problem::NoSheets) => {
            return Err(error(
                "the Excel workbook has no sheets".into(),
                "export the backlog again; a workbook holds the export on its first sheet",
            ))
        }
        Err(Problem::NoSuchSheet(sheets)) => {
            return Err(error(
                format!(
                    "the Excel workbook has no sheet named \"{}\" (its sheets: {})",
                    sheet.unwrap_or_default(),
                    sheets.join(", ")
                ),
                "pass --sheet with one of its sheets' names, or leave it out to read the first sheet with a header row",
            ))
        }
        Err(Problem::Empty) => {
            return Err(error(
                "every sheet of the Excel workbook is empty".into(),
                "export the backlog again: its sheet has a header row and one row per item",
            ))
        }
        Err(Problem::NoHeader(sheets)) => {
            return Err(error(
                match sheet {
                    Some(_) => format!(
                        "the sheet {} has no header row backlint recognises in its first {HEADER_ROWS} rows",
                        sheets.join(", ")
                    ),
                    None => format!(
                        "no sheet has a header row backlint recognises in its first {HEADER_ROWS} rows (looked at {})",
                        sheets.join(", ")
                    ),
                },
                "the header row names the columns (Summary, Issue key, … or a tracker's own: ID, Work Item Type, …); if they have other names, map them in backlint.toml ([fields] summary = \"<column name>\")",
            ))
        }
    };
    if text.len() as u64 > max_text_bytes {
        return Err(error(
            format!(
                "the sheet {sheet} holds {:.1} MiB of text, more than the limit of {:.1} MiB",
                text.len() as f64 / crate::limits::MIB as f64,
                max_text_bytes as f64 / crate::limits::MIB as f64
            ),
            "raise the limit with --max-file-size MIB or [limits] max_file_mib in backlint.toml",
        ));
    }
    Ok(Source::new(name, text, Encoding::Utf8).with_cells(grid))
}

/// Why a workbook gives no sheet to read.
enum Problem {
    Damaged(String),
    NoSheets,
    /// No sheet has the name asked for; the names it has.
    NoSuchSheet(Vec<String>),
    Empty,
    /// The sheets looked at, none with a header row.
    NoHeader(Vec<String>),
}

/// The first of the sheets (or the sheet named `wanted`) with a header row.
fn first_sheet_with_header(
    bytes: Vec<u8>,
    wanted: Option<&str>,
    is_header: &dyn Fn(&str) -> bool,
) -> Result<(String, String, crate::source::CellGrid), Problem> {
    let damaged = |e: calamine::XlsxError| Problem::Damaged(e.to_string());
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut names = workbook.sheet_names();
    if names.is_empty() {
        return Err(Problem::NoSheets);
    }
    if let Some(wanted) = wanted {
        let named = |name: &&String| name.trim().eq_ignore_ascii_case(wanted.trim());
        let Some(found) = names.iter().find(named).cloned() else {
            return Err(Problem::NoSuchSheet(names));
        };
        names = vec![found];
    }
    let mut without_header = Vec::new();
    for name in names {
        let range = workbook.worksheet_range(&name).map_err(damaged)?;
        match sheet_text::of_range(&name, &range, is_header) {
            SheetText::Rows(text, grid) => return Ok((name, text, grid)),
            SheetText::NoHeader => without_header.push(name),
            SheetText::Empty => {}
        }
    }
    if without_header.is_empty() {
        Err(Problem::Empty)
    } else {
        Err(Problem::NoHeader(without_header))
    }
}

/// `--input-format xlsx` on a file that is not a workbook: a workbook never reaches a
/// reader as text (see the module's documentation).
pub fn refuse_text(source: &Source) -> Result<(FileInfo, Vec<Item>), Error> {
    Err(Error::Workbook {
        name: source.name().to_owned(),
        message: "this is not an Excel workbook (.xlsx), which --input-format xlsx reads".into(),
        help: "leave out --input-format (or pass --input-format auto) to read it as what it is"
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_by_their_bytes() {
        assert!(is_workbook(
            b"PK\x03\x04\x14\x00....[Content_Types].xml PK\x03\x04xl/workbook.xml"
        ));
        assert!(!is_workbook(
            b"PK\x03\x04\x14\x00mimetypeapplication/vnd.oasis"
        ));
        assert!(!is_workbook(b"xl/workbook.xml"));
    }
}
