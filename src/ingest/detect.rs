//! Which reader a file needs, decided by its content first and its name second. Each
//! reader of the table ([`super::reader::READERS`]) says how strongly a file looks like
//! its format ([`Claim`], from what [`Sniff`] sees of it); the strongest claim wins, the table's order breaking ties. A
//! file that no reader claims by content and that is recognisably something else (HTML,
//! another XML) is refused before its name is asked; a file no reader claims at all is
//! refused, saying what it looks like ([`Unsupported`]). Nothing is read as a story list
//! for want of a better guess.

use crate::backlog::Span;
use crate::error::Error;
use crate::ingest::fields::FieldMap;
use crate::ingest::reader::{Reader, READERS};
use crate::ingest::sniff::{Claim, Sniff};
use crate::ingest::unsupported::Unsupported;
use crate::ingest::xlsx;
use crate::source::Source;

/// The reader for `source`, or an error saying what the file looks like.
pub fn detect(source: &Source, fields: &FieldMap) -> Result<&'static Reader, Error> {
    recognise(source.name(), source.text(), fields)
        .map_err(|(kind, span)| kind.error_at(source, span))
}

/// The tracker's CSV reader that recognises `line` (of the file `name`) by content as its
/// header row (a claim of [`Claim::Likely`] or more, the table's order breaking ties), for a
/// sheet's rows, whose header may stand below a title.
pub fn header_reader(name: &str, line: &str, fields: &FieldMap) -> Option<&'static Reader> {
    let sniff = Sniff::new(name, line, fields);
    let mut best: Option<(Claim, &'static Reader)> = None;
    for reader in READERS
        .into_iter()
        .filter(|reader| reader.csv_preset().is_some())
    {
        let claim = reader.claim(&sniff);
        if claim >= Claim::Likely && claim > best.map_or(Claim::No, |(strongest, _)| strongest) {
            best = Some((claim, reader));
        }
    }
    best.map(|(_, reader)| reader)
}

/// The reader of a sheet's text (`source` has cells): a tracker's CSV reader, the one
/// `format` names or, for `auto` and `xlsx`, the one that recognises its header row.
pub fn sheet_reader(
    source: &Source,
    format: Option<&'static Reader>,
    fields: &FieldMap,
) -> Result<&'static Reader, Error> {
    let refuse = |message: String| {
        Error::Workbook {
        name: source.name().to_owned(),
        message,
        help: "pass --input-format xlsx (or auto), or the CSV format of the tracker it was exported from (jira-csv, azure-devops-csv, …)".into(),
    }
    };
    match format {
        Some(reader) if reader.csv_preset().is_some() => Ok(reader),
        Some(reader) if reader.name() != xlsx::KIND.reader => Err(refuse(format!(
            "this is an Excel workbook, which --input-format {} does not read",
            reader.name()
        ))),
        _ => {
            let header = source.text().lines().next().unwrap_or_default();
            header_reader(source.name(), header, fields).ok_or_else(|| {
                refuse("no tracker's CSV reader recognises the sheet's header row".into())
            })
        }
    }
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
            format(
                "board.json",
                "{\"items\":[{\"content\":{\"type\":\"Issue\"},\"id\":\"PVTI_1\"}],\"totalCount\":1}"
            ),
            Ok("github-project-items")
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

    /// A sheet's row is a header when a CSV reader recognises it by content, never by the
    /// file's name.
    #[test]
    fn header_rows_of_sheets() {
        let header =
            |line: &str| header_reader("book.csv", line, &FieldMap::default()).map(Reader::name);
        assert_eq!(header("ID,Work Item Type,Title"), Some("azure-devops-csv"));
        assert_eq!(header("Summary,Issue key"), Some("jira-csv"));
        assert_eq!(header("Resumen,Clave de incidencia"), Some("jira-csv"));
        assert_eq!(header("Pantry backlog (query: Ready)"), None);
        assert_eq!(header("id,title"), None);
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
