//! Which reader a file needs, decided by its content first and its name second. Each
//! reader of the table ([`super::reader::READERS`]) says how strongly a file looks like
//! its format ([`Claim`]); the strongest claim wins, the table's order breaking ties. A
//! file that no reader claims by content and that is recognisably something else (HTML,
//! another XML) is refused before its name is asked; a file no reader claims at all is
//! refused, saying what it looks like ([`Unsupported`]). Nothing is read as a story list
//! for want of a better guess.

use std::cell::OnceCell;

use memchr::memmem;

use crate::backlog::Span;
use crate::error::Error;
use crate::ingest::fields::FieldMap;
use crate::ingest::reader::{Reader, READERS};
use crate::ingest::unsupported::Unsupported;
use crate::ingest::{csv_reader, json_head};
use crate::source::Source;

/// How strongly a file looks like a reader's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Claim {
    No,
    /// Only its name says so (`.csv`, `.txt`).
    ByName,
    /// Its content has the format's shape (a JSON document), without the format's marks.
    Shape,
    /// Its content names fields many formats have (a header row naming a field backlint
    /// knows): Jira's CSV, unless another format is sure.
    Likely,
    /// Its content carries the format's own marks (a tracker's signature columns, a
    /// generator comment, a board's keys).
    Sure,
}

impl Claim {
    /// [`Claim::Sure`] when `marked`, else [`Claim::No`].
    pub fn sure_if(marked: bool) -> Claim {
        if marked {
            Claim::Sure
        } else {
            Claim::No
        }
    }
}

/// What detection knows of a file before any reader reads it, computed once and shared
/// by every reader's claim.
pub struct Sniff<'a> {
    pub name: &'a str,
    /// The text from its first non-blank character.
    pub start: &'a str,
    /// Where `start` begins in the file.
    pub offset: usize,
    /// The name's extension, lower case (empty when it has none).
    pub extension: String,
    /// The configured field names, which tell a header row from data.
    pub fields: &'a FieldMap,
    header: OnceCell<Header<'a>>,
    markup_head: OnceCell<Vec<u8>>,
}

/// The first line read as a header row.
pub struct Header<'a> {
    pub line: &'a str,
    pub delimiter: u8,
    /// Its cells, trimmed of spaces and quotes.
    pub cells: Vec<&'a str>,
}

impl<'a> Sniff<'a> {
    pub fn new(name: &'a str, text: &'a str, fields: &'a FieldMap) -> Self {
        let offset = text.len() - text.trim_start().len();
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        Sniff {
            name,
            start: &text[offset..],
            offset,
            extension,
            fields,
            header: OnceCell::new(),
            markup_head: OnceCell::new(),
        }
    }

    /// A Markdown file (`.md`, `.markdown`).
    pub fn is_markdown(&self) -> bool {
        matches!(self.extension.as_str(), "md" | "markdown")
    }

    /// A file whose name says it is a story list: Markdown or `.txt`.
    pub fn is_story_list(&self) -> bool {
        self.is_markdown() || self.extension == "txt"
    }

    /// A JSON document: it starts with `{` or `[`, but `[ ] As a user…` is a Markdown
    /// task, not an array.
    pub fn is_json(&self) -> bool {
        self.start.starts_with('{') || self.start.starts_with('[') && !is_markdown_task(self.start)
    }

    /// The keys of the file's first JSON object, when the file is a JSON document opening
    /// with `open`: `{` for an object, `[` for an array of objects.
    pub fn first_object_keys(&self, open: char) -> Option<Vec<&'a str>> {
        (self.is_json() && self.start.starts_with(open))
            .then(|| json_head::first_object_keys(self.start))
    }

    /// Markup, where a Markdown file's leading comment is not.
    pub fn is_markup(&self) -> bool {
        self.start.starts_with('<') && !self.is_markdown()
    }

    /// The first line as a header row.
    pub fn header(&self) -> &Header<'a> {
        self.header.get_or_init(|| {
            let line = self.start.lines().next().unwrap_or_default().trim_end();
            let delimiter = csv_reader::delimiter(line);
            let cells = line
                .split(char::from(delimiter))
                .map(|cell| cell.trim().trim_matches('"').trim())
                .collect();
            Header {
                line,
                delimiter,
                cells,
            }
        })
    }

    /// The head of the markup ([`MARKUP_HEAD`] bytes), lower case, where the words that
    /// say what it is are looked for.
    fn markup_head(&self) -> &[u8] {
        self.markup_head.get_or_init(|| {
            let end = self.start.len().min(MARKUP_HEAD);
            self.start.as_bytes()[..end].to_ascii_lowercase()
        })
    }

    /// Where `needle` (lower case) first stands in the head of the markup.
    pub fn find_in_markup(&self, needle: &str) -> Option<Span> {
        let at = memmem::find(self.markup_head(), needle.as_bytes())?;
        Some(Span::new(self.offset + at, self.offset + at + needle.len()))
    }
}

/// `[ ] As a user…` is a Markdown task, not a JSON array.
fn is_markdown_task(text: &str) -> bool {
    text.starts_with("[ ]") || text.starts_with("[x]") || text.starts_with("[X]")
}

/// The reader for `source`, or an error saying what the file looks like.
pub fn detect(source: &Source, fields: &FieldMap) -> Result<&'static Reader, Error> {
    recognise(source.name(), source.text(), fields)
        .map_err(|(kind, span)| kind.error_at(source, span))
}

/// The reader with the strongest claim on the file (the first in the table among equals);
/// markup no reader claims by content is refused before names are asked. On failure, what
/// the file looks like and the place that shows it.
fn recognise(
    name: &str,
    text: &str,
    fields: &FieldMap,
) -> Result<&'static Reader, (Unsupported, Span)> {
    let sniff = Sniff::new(name, text, fields);
    let mut best: Option<(Claim, &'static Reader)> = None;
    for reader in READERS {
        let claim = reader.claim(&sniff);
        if claim > best.map_or(Claim::No, |(strongest, _)| strongest) {
            best = Some((claim, reader));
        }
    }
    match best {
        Some((claim, reader)) if claim > Claim::ByName => Ok(reader),
        _ if sniff.is_markup() => Err(refuse_markup(&sniff)),
        Some((_, reader)) => Ok(reader),
        None => {
            let header = sniff.header();
            let span = Span::new(sniff.offset, sniff.offset + header.line.len());
            let kind = if header.cells.len() >= 2 {
                // Columns, under names backlint does not know (also a tab-separated .txt).
                Unsupported::NoHeader
            } else {
                Unsupported::UnknownText
            };
            Err((kind, span))
        }
    }
}

/// How far into a markup file the signs of what it is are looked for: Jira's comment and
/// Excel's namespaces come first, but a style sheet can stand before the issue table.
const MARKUP_HEAD: usize = 64 * 1024;

/// What markup that no reader reads is, and the words that show it (else its first tag).
fn refuse_markup(sniff: &Sniff<'_>) -> (Unsupported, Span) {
    let find = |needle: &str| sniff.find_in_markup(needle);
    let first_tag = {
        let line = sniff.start.lines().next().unwrap_or_default();
        let len = line.find('>').map_or(line.trim_end().len(), |at| at + 1);
        Span::new(sniff.offset, sniff.offset + len)
    };
    let excel = [
        "urn:schemas-microsoft-com:office:excel",
        "application/vnd.ms-excel",
        "excel.sheet",
        "id=\"issuetable\"",
    ]
    .iter()
    .find_map(|needle| find(needle));
    if let Some(span) = excel {
        return (Unsupported::ExcelHtml, span);
    }
    let html = ["<!doctype html", "<html", "<head", "<body", "<table"]
        .iter()
        .any(|needle| find(needle).is_some());
    let saved_as_excel = sniff.name.to_ascii_lowercase().ends_with(".xls");
    match (html, saved_as_excel) {
        (true, true) => (Unsupported::ExcelHtml, first_tag),
        (true, false) => (Unsupported::Html, first_tag),
        (false, _) => (Unsupported::Xml, first_tag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(name: &str, text: &str) -> Result<&'static str, Unsupported> {
        recognise(name, text, &FieldMap::default())
            .map(Reader::name)
            .map_err(|(kind, _)| kind)
    }

    #[test]
    fn content_decides_before_the_name() {
        assert_eq!(format("export.csv", " {\"issues\": []}"), Ok("jira-json"));
        assert_eq!(format("-", "[{\"key\": \"A-1\"}]"), Ok("jira-json"));
        assert_eq!(
            format(
                "issues.json",
                "[{\"body\":\"\",\"number\":3,\"title\":\"A\"}]"
            ),
            Ok("github-issues")
        );
        assert_eq!(
            format("-", "[{\"key\":\"A-1\",\"fields\":{\"title\":1}}]"),
            Ok("jira-json")
        );
        assert_eq!(
            format("board.json", "{\"id\":\"1\",\"cards\":[],\"lists\":[]}"),
            Ok("trello-json")
        );
        assert_eq!(
            format("page.json", "{\"count\": 0, \"value\": []}"),
            Ok("azure-devops-json")
        );
        assert_eq!(format("-", "Summary,Issue key\nA,B-1\n"), Ok("jira-csv"));
        assert_eq!(format("-", "\"Summary\";\"Key\"\n"), Ok("jira-csv"));
        assert_eq!(format("export.xls", "Summary,Issue key\n"), Ok("jira-csv"));
        assert_eq!(format("stories.txt", "Summary,Issue key\n"), Ok("lines"));
        assert_eq!(
            format("unicode.txt", "Issue key\tSummary\n"),
            Ok("jira-csv")
        );
        assert_eq!(format("-", "Resumen,Clave de incidencia\n"), Ok("jira-csv"));
        assert_eq!(
            format("unicode.txt", "Schlüssel\tZusammenfassung\n"),
            Ok("jira-csv")
        );
        assert_eq!(
            format("stories.md", "[ ] As a user, I want A\n"),
            Ok("lines")
        );
        assert_eq!(
            format("stories.md", "<!-- ours -->\n- As a user\n"),
            Ok("lines")
        );
        assert_eq!(format("other.csv", "id,title\n1,A\n"), Ok("jira-csv"));
        assert_eq!(
            format("-", "ID,Work Item Type,Title 1,Title 2,State\n"),
            Ok("azure-devops-csv")
        );
        assert_eq!(
            format("query.txt", "ID\tWork Item Type\tTitle\n"),
            Ok("azure-devops-csv")
        );
        assert_eq!(
            format("-", "Issue ID,URL,Title,State,Description\n"),
            Ok("gitlab-csv")
        );
        assert_eq!(
            format("-", "ID,Team,Title,Description,Status,Estimate\n"),
            Ok("linear-csv")
        );
    }

    #[test]
    fn story_lists_only_by_their_name() {
        assert_eq!(
            format("-", "As a user, I want A, so that B\n"),
            Err(Unsupported::NoHeader)
        );
        assert_eq!(
            format("backlog", "As a user I want A\n"),
            Err(Unsupported::UnknownText)
        );
        assert_eq!(format("-", "id,title\n1,A\n"), Err(Unsupported::NoHeader));
        assert_eq!(
            format("unicode.txt", "Nummer\tTitel\n"),
            Err(Unsupported::NoHeader)
        );
        assert_eq!(
            format("stories.txt", "As a user\tI want A, so that B\n"),
            Ok("lines")
        );
    }

    #[test]
    fn markup_by_what_it_holds() {
        let jira_xml =
            "<?xml version=\"1.0\"?>\n<!-- RSS generated by JIRA (9.4) -->\n<rss version=\"0.92\">";
        assert_eq!(format("a.xml", jira_xml), Ok("jira-xml"));
        let excel = "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\">";
        assert_eq!(format("a.xls", excel), Err(Unsupported::ExcelHtml));
        assert_eq!(
            format("a.xls", "<html><body><table>"),
            Err(Unsupported::ExcelHtml)
        );
        assert_eq!(
            format("a.csv", "\n<!DOCTYPE html>\n<html>"),
            Err(Unsupported::Html)
        );
        let (_, span) =
            recognise("a.csv", "\n<!DOCTYPE html>\n", &FieldMap::default()).unwrap_err();
        assert_eq!(span, Span::new(1, 16));
        assert_eq!(
            format("a.txt", "<?xml version=\"1.0\"?><note/>"),
            Err(Unsupported::Xml)
        );
    }
}
