//! Files that are not an export backlint reads, named by what they look like, with what to
//! do instead: a workbook, a PDF, Jira's XML or HTML "Excel" views, other markup, or text
//! that is neither a delimited export with a header nor a file named as a story list.

use crate::backlog::Span;
use crate::error::Error;
use crate::source::Source;

/// What a file that backlint does not read looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// A ZIP archive holding `xl/`: an `.xlsx` workbook.
    ExcelWorkbook,
    /// Any other ZIP archive (`.ods`, `.docx`, a zipped export).
    Zip,
    /// An OLE compound file: an Excel 97–2003 `.xls` workbook or another old Office file.
    OfficeBinary,
    /// An OLE compound file holding an `EncryptedPackage`: an Office file saved with a
    /// password (an `.xlsx` with a password is no longer a ZIP archive).
    Encrypted,
    Pdf,
    /// An HTML table meant for Excel, as Jira Server's "Excel" export saves it (`.xls`).
    ExcelHtml,
    Xml,
    Html,
    /// Delimited cells whose first line names no field backlint knows.
    NoHeader,
    /// Text that is neither an export nor a file named as a story list.
    UnknownText,
}

/// How much of the start of a ZIP archive is searched for workbook parts (the headers of
/// its first entries).
const ZIP_HEAD: usize = 4096;
/// How much of the end of a ZIP archive is searched (its central directory names every
/// entry).
const ZIP_TAIL: usize = 64 * 1024;

/// The name of the stream an encrypted Office file keeps its content in, as its directory
/// writes it (UTF-16LE).
const ENCRYPTED_PACKAGE: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

/// Where a backlog export comes from, for the advice of every kind.
const CSV_FROM_JIRA: &str = "in Jira, export the issues as CSV (Export > CSV (all fields)) or fetch them as JSON from the REST API (/rest/api/2/search)";

impl Unsupported {
    /// The kind of a file from its first bytes, for the kinds that are not text.
    pub fn of_bytes(bytes: &[u8]) -> Option<Unsupported> {
        if bytes.starts_with(b"PK\x03\x04") {
            // An .xlsx names its parts `xl/…`, in the headers of its first entries and in
            // the directory at its end.
            let head = &bytes[..bytes.len().min(ZIP_HEAD)];
            let tail = &bytes[bytes.len().saturating_sub(ZIP_TAIL)..];
            let workbook = [head, tail]
                .iter()
                .any(|part| memchr::memmem::find(part, b"xl/").is_some());
            return Some(if workbook {
                Unsupported::ExcelWorkbook
            } else {
                Unsupported::Zip
            });
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            let encrypted = memchr::memmem::find(bytes, ENCRYPTED_PACKAGE).is_some();
            return Some(if encrypted {
                Unsupported::Encrypted
            } else {
                Unsupported::OfficeBinary
            });
        }
        bytes.starts_with(b"%PDF-").then_some(Unsupported::Pdf)
    }

    /// What the file looks like and why backlint does not read it.
    pub fn message(self) -> &'static str {
        match self {
            Unsupported::ExcelWorkbook => "this looks like an Excel workbook (.xlsx), not a CSV export",
            Unsupported::Zip => "this looks like a ZIP archive, not a CSV or JSON export",
            Unsupported::OfficeBinary => "this looks like an Excel 97-2003 workbook (.xls) or another Office file, not a CSV export",
            Unsupported::Encrypted => "this looks like an Office file saved with a password (an encrypted workbook), which backlint cannot open",
            Unsupported::Pdf => "this looks like a PDF document, not a CSV or JSON export",
            Unsupported::ExcelHtml => "this looks like Jira's \"Excel\" export, an HTML table saved for Excel, not a CSV export",
            Unsupported::Xml => "this looks like an XML document, not a Jira CSV or JSON export",
            Unsupported::Html => "this looks like an HTML page, not a Jira CSV or JSON export",
            Unsupported::NoHeader => "this looks like delimited text, but its first line is not a header backlint recognises",
            Unsupported::UnknownText => "this looks like text that is neither a Jira export nor a file named as a story list",
        }
    }

    /// What to do instead.
    pub fn advice(self) -> String {
        match self {
            Unsupported::ExcelWorkbook | Unsupported::OfficeBinary | Unsupported::ExcelHtml => {
                format!("save or export it as CSV: open it in Excel and save it as \"CSV UTF-8 (Comma delimited)\"; or {CSV_FROM_JIRA}")
            }
            Unsupported::Encrypted => "open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, and clear it) and save it again as .xlsx, or save it as \"CSV UTF-8 (Comma delimited)\"".to_owned(),
            Unsupported::Zip => format!("unpack it and give backlint the CSV or JSON export inside; or {CSV_FROM_JIRA}"),
            Unsupported::Pdf | Unsupported::Html => format!("backlint reads exports, not printed or saved pages: {CSV_FROM_JIRA}"),
            Unsupported::Xml => format!("backlint reads Jira CSV, Jira REST JSON, Jira's XML export, GitHub issues and story lists (.txt, .md): {CSV_FROM_JIRA}"),
            Unsupported::NoHeader => "a Jira CSV export starts with a header row naming its columns (Summary, Issue key, Issue Type, …): export it again with the header; if the columns have other names, map them in backlint.toml ([fields] summary = \"<column name>\"); for a list of stories, one per line, name the file .txt or .md, or pass --input-format lines".to_owned(),
            Unsupported::UnknownText => "for a list of stories, one per line, name the file .txt or .md, or pass --input-format lines; a Jira export is CSV with its header row, or REST JSON".to_owned(),
        }
    }

    /// The error for a file of this kind that is not text (no place to show).
    pub fn error(self, name: &str) -> Error {
        Error::NotAnExport {
            name: name.to_owned(),
            message: self.message(),
            help: self.advice(),
        }
    }

    /// The error for a text file of this kind, shown at `span` (what gives it away).
    pub fn error_at(self, source: &Source, span: Span) -> Error {
        Error::at(source, span, self.message())
            .label(match self {
                Unsupported::ExcelHtml => "markup for Excel",
                Unsupported::NoHeader | Unsupported::UnknownText => "the first line",
                _ => "the markup starts here",
            })
            .help(self.advice())
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_kinds_by_their_first_bytes() {
        let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\x00\x00\x13\x00\x00\x00[Content_Types].xml....PK\x03\x04xl/workbook.xml";
        assert_eq!(
            Unsupported::of_bytes(xlsx),
            Some(Unsupported::ExcelWorkbook)
        );
        assert_eq!(
            Unsupported::of_bytes(b"PK\x03\x04\x14\x00mimetypeapplication/vnd.oasis"),
            Some(Unsupported::Zip)
        );
        assert_eq!(
            Unsupported::of_bytes(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"),
            Some(Unsupported::OfficeBinary)
        );
        let encrypted = [
            &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00"[..],
            ENCRYPTED_PACKAGE,
        ]
        .concat();
        assert_eq!(
            Unsupported::of_bytes(&encrypted),
            Some(Unsupported::Encrypted)
        );
        assert_eq!(Unsupported::of_bytes(b"%PDF-1.4\n"), Some(Unsupported::Pdf));
        assert_eq!(Unsupported::of_bytes(b"Summary,Issue key\n"), None);
        assert_eq!(Unsupported::of_bytes(b"PK"), None);
    }
}
