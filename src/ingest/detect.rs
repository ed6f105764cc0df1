//! Which reader a file needs, decided by its content first and its name second. A file
//! that is none of the formats backlint reads is refused, saying what it looks like
//! ([`Unsupported`]); nothing is read as a story list for want of a better guess.

use memchr::memmem;

use crate::backlog::Span;
use crate::error::Error;
use crate::ingest::fields::FieldMap;
use crate::ingest::reader::{
    Reader, GITHUB_ISSUES, JIRA_CSV, JIRA_JSON, JIRA_XML, LINES, READERS, TRELLO_JSON,
};
use crate::ingest::unsupported::Unsupported;
use crate::ingest::{csv_reader, github_issues, json_head, trello};
use crate::source::Source;

/// The reader for `source`, or an error saying what the file looks like. `fields` (the
/// configured field names) tells a header row from data.
pub fn detect(source: &Source, fields: &FieldMap) -> Result<&'static Reader, Error> {
    recognise(source.name(), source.text(), fields)
        .map_err(|(kind, span)| kind.error_at(source, span))
}

/// JSON starts with `{` or `[` whatever the extension: GitHub issues when its first object
/// has their keys, a Trello board when its object has a board's, else Jira's. Markup is Jira's XML export when Jira wrote it, else
/// refused (except in Markdown). A first line that holds a tracker's signature columns
/// (Azure DevOps's `ID` and `Work Item Type`, …) is that tracker's CSV export. A first
/// line whose cells name a field backlint knows is a Jira CSV header; in a
/// `.txt` or `.md` file only when its cells are tab-separated (Excel's "Unicode text" is
/// saved as `.txt`), since stories hold commas. Then the name decides: `.csv`/`.tsv` is CSV
/// (its reader explains a header it does not recognise), a tab-separated `.txt` is refused,
/// `.txt`/`.md` is a story list, and anything else is refused. On failure, what the file
/// looks like and the place that shows it.
fn recognise(
    name: &str,
    text: &str,
    fields: &FieldMap,
) -> Result<&'static Reader, (Unsupported, Span)> {
    let offset = text.len() - text.trim_start().len();
    let start = &text[offset..];
    if start.starts_with('{') || start.starts_with('[') && !looks_like_markdown_task(start) {
        let keys = json_head::first_object_keys(start);
        if start.starts_with('[') && github_issues::looks_like(&keys) {
            return Ok(&GITHUB_ISSUES);
        }
        if start.starts_with('{') && trello::looks_like(&keys) {
            return Ok(&TRELLO_JSON);
        }
        return Ok(&JIRA_JSON);
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    let extension = extension.as_deref().unwrap_or_default();
    let markdown = matches!(extension, "md" | "markdown");
    let story_list = markdown || extension == "txt";
    if start.starts_with('<') && !markdown {
        return markup(name, text, offset);
    }
    let first_line = start.lines().next().unwrap_or_default().trim_end();
    let line_span = Span::new(offset, offset + first_line.len());
    let delimiter = csv_reader::delimiter(first_line);
    let cells: Vec<&str> = first_line
        .split(char::from(delimiter))
        .map(|cell| cell.trim().trim_matches('"').trim())
        .collect();
    let names_a_field = cells.iter().any(|cell| fields.lookup(cell).is_some());
    let tabbed = delimiter == b'\t';
    let tracker = READERS
        .iter()
        .copied()
        .find(|reader| reader.csv_preset().is_some_and(|p| p.recognises(&cells)));
    if let Some(reader) = tracker.filter(|_| !story_list || tabbed) {
        return Ok(reader);
    }
    if names_a_field && (!story_list || tabbed) {
        return Ok(&JIRA_CSV);
    }
    match extension {
        "csv" | "tsv" => Ok(&JIRA_CSV),
        // Columns saved as "Unicode text", under names backlint does not know.
        "txt" if tabbed => Err((Unsupported::NoHeader, line_span)),
        _ if story_list => Ok(&LINES),
        _ if cells.len() >= 2 => Err((Unsupported::NoHeader, line_span)),
        _ => Err((Unsupported::UnknownText, line_span)),
    }
}

/// `[ ] As a user…` is a Markdown task, not a JSON array.
fn looks_like_markdown_task(text: &str) -> bool {
    text.starts_with("[ ]") || text.starts_with("[x]") || text.starts_with("[X]")
}

/// How far into a markup file the signs of what it is are looked for: Jira's comment and
/// Excel's namespaces come first, but a style sheet can stand before the issue table.
const MARKUP_HEAD: usize = 64 * 1024;

/// Jira's XML export, or else what a file starting with `<` at `offset` is and the words
/// that show it (else its first tag).
fn markup(name: &str, text: &str, offset: usize) -> Result<&'static Reader, (Unsupported, Span)> {
    let end = text.len().min(offset + MARKUP_HEAD);
    let head = text.as_bytes()[offset..end].to_ascii_lowercase();
    let find = |needle: &str| {
        memmem::find(&head, needle.as_bytes())
            .map(|at| Span::new(offset + at, offset + at + needle.len()))
    };
    let first_tag = {
        let line = text[offset..].lines().next().unwrap_or_default();
        let len = line.find('>').map_or(line.trim_end().len(), |at| at + 1);
        Span::new(offset, offset + len)
    };
    let jira = find("jira").is_some();
    if find("generated by jira")
        .or_else(|| find("<rss").filter(|_| jira))
        .is_some()
    {
        return Ok(&JIRA_XML);
    }
    let excel = [
        "urn:schemas-microsoft-com:office:excel",
        "application/vnd.ms-excel",
        "excel.sheet",
        "id=\"issuetable\"",
    ]
    .iter()
    .find_map(|needle| find(needle));
    if let Some(span) = excel {
        return Err((Unsupported::ExcelHtml, span));
    }
    let html = ["<!doctype html", "<html", "<head", "<body", "<table"]
        .iter()
        .any(|needle| find(needle).is_some());
    let saved_as_excel = name.to_ascii_lowercase().ends_with(".xls");
    Err(match (html, saved_as_excel) {
        (true, true) => (Unsupported::ExcelHtml, first_tag),
        (true, false) => (Unsupported::Html, first_tag),
        (false, _) => (Unsupported::Xml, first_tag),
    })
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
