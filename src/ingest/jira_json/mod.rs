//! Jira REST JSON: responses of `/rest/api/2/search`, `/rest/api/3/search` and
//! `/rest/api/3/search/jql`, a single issue, or a plain array of issues.
//!
//! Custom fields are `customfield_NNNNN`, a different number on every site. A response
//! fetched with `expand=names` carries a `names` map from ids to names, which lets the
//! default names find story points and sprints; without it, `[fields]` in the config names
//! the id (`estimate = "customfield_10016"`).
//!
//! The file is read once without building its tree ([`outline`]); each issue is kept as
//! its byte range, key and summary ([`crate::backlog::stored`]) and decoded when a rule asks for it
//! ([`issues`]), parsing only the fields asked for: where each property of an issue's
//! `fields` stands is kept from the read (12 bytes a property, 24 an issue), so decoding
//! never steps through the issue again. A file that is not JSON gets
//! jsonc-parser's error ([`invalid`]).

mod issues;
mod origins;
pub(crate) mod outline;
mod resolve;
pub(crate) mod syntax;
mod values;

use std::sync::Arc;

use crate::backlog::stored::{Kept, Key, Raw};
use crate::backlog::{Field, FileInfo, FileKind, Span};
use crate::error::Error;
use crate::ingest::sniff::{Claim, Sniff};
use crate::ingest::{json_doc, ReadOptions};
use crate::source::Source;

use issues::Issues;
use origins::Origins;
use outline::{Issue, Prop};
use resolve::Resolver;
use syntax::Kind;
use values::gives;

/// The error for a file that [`syntax`] refused: jsonc-parser's, as it reads the whole
/// file (the two agree on what is JSON).
fn invalid(source: &Source) -> Error {
    json_doc::invalid(
        source,
        "fetch or export it again",
        "fetch the response from Jira again",
    )
}

/// Any JSON document has the shape of a REST response; the reader says what is missing
/// when it is not one.
pub fn claim(sniff: &Sniff<'_>) -> Claim {
    if sniff.is_json() {
        Claim::Shape
    } else {
        Claim::No
    }
}

/// What this reader's files are: `--input-format jira-json`.
pub const KIND: FileKind = FileKind {
    reader: "jira-json",
    issues: true,
    self_links: true,
};

/// Reads every issue of a Jira REST response, keeping each undecoded.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Kept>), Error> {
    let text = source.text();
    let max_cell = options.limits.max_cell_bytes();
    let outline = outline::outline(text, max_cell).map_err(|_| invalid(source))?;
    if let Some(large) = outline.long {
        return Err(crate::limits::cell_too_large(
            source,
            large.start,
            large.len(),
            max_cell,
        ));
    }
    let issues = outline
        .issues
        .map_err(|found| not_jira(source, outline.start, &found))?;
    let fields = outline.fields;
    let mut ids = Resolver::new(options, outline.names);
    let numbers: Vec<u32> = fields
        .iter()
        .map(|prop| ids.learn(&outline::unquoted(text, prop.name)))
        .collect();
    let mut origins = Origins::new();
    let mut kept = Vec::with_capacity(issues.len());
    for (index, issue) in issues.iter().enumerate() {
        crate::progress::item_read();
        let props = fields.get(issue.fields.clone()).unwrap_or_default();
        let numbered = numbers.get(issue.fields.clone()).unwrap_or_default();
        origins.note_issue(text, issue, props, numbered, &ids);
        kept.push(Kept {
            source: narrow(source_index),
            record: narrow(index + 1),
            bytes: issue.span,
            summary: summary(props, numbered, &ids),
            key: key(text, issue, index + 1),
        });
    }
    // No issues (a search that matched nothing) is an empty backlog; fields the request
    // left out (`fields=key,priority`) stay unfound in `origins`, and the rules that need
    // them are skipped with a note, as for a CSV export without those columns.
    let info = FileInfo {
        kind: KIND,
        origins: origins.list,
        decoder: Some(Arc::new(Issues::new(ids, &issues, &fields, &numbers))),
    };
    Ok((info, kept))
}

/// The string literal of an issue's summary when a single field of it can give one and
/// that field holds a string (nearly always: `fields.summary`); else empty, and the
/// summary is decoded like any other field. `numbers` are those of the props' ids.
fn summary(props: &[Prop], numbers: &[u32], ids: &Resolver) -> Raw {
    let mut giving = props.iter().zip(numbers).filter_map(|(prop, &number)| {
        let lookup = ids.get(number)?.lookup;
        lookup
            .is_some_and(|(mapped, _)| gives(mapped, Field::Summary))
            .then_some(prop)
    });
    match (giving.next(), giving.next()) {
        (Some(prop), None) if prop.kind == Kind::String => prop.value,
        _ => Raw::default(),
    }
}

/// An issue's key: its `key`, else its `id`, else `issue N`; where it stands in the file
/// when it holds no escapes (nearly always).
fn key(text: &str, issue: &Issue, record: usize) -> Key {
    match issue.key.or(issue.id) {
        Some(literal) => match outline::unquoted(text, literal) {
            std::borrow::Cow::Borrowed(_) => Key::InFile(Raw::of(Span::new(
                literal.start as usize + 1,
                literal.end as usize - 1,
            ))),
            std::borrow::Cow::Owned(key) => Key::Text(key.into()),
        },
        None => Key::Text(format!("issue {record}").into()),
    }
}

/// An offset, count or index as the 32 bits [`Kept`] keeps: files are read only up to 4 GiB
/// (`ingest::load_limited`), so everything in one fits.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn not_jira(source: &Source, start: usize, found: &str) -> Error {
    Error::at(source, Span::new(start, start + 1), format!("this is not a Jira REST response: found {found}"))
        .label("the JSON starts here")
        .help("backlint reads the response of /rest/api/2/search, /rest/api/3/search or /rest/api/3/search/jql (an object with \"issues\"), a single issue (an object with \"key\" and \"fields\"), or an array of issues")
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Encoding;

    fn read_text(text: &str) -> (Source, FileInfo, Vec<Kept>) {
        let source = Source::new("t.json", text.to_owned(), Encoding::Utf8);
        let (info, kept) = read(&source, 0, &ReadOptions::default()).expect("reads");
        (source, info, kept)
    }

    #[test]
    fn issues_are_kept_as_their_range_key_and_summary() {
        let text = r#"{"issues": [
            {"key": "A-1", "fields": {"summary": "As a user I want \"x\"", "customfield_1": 5}},
            {"key": "A\u002d2", "fields": {"summary": "plain"}},
            {"id": "77", "fields": {}},
            {"fields": {"summary": "", "customfield_2": "second"}}
        ], "names": {"customfield_1": "Story Points", "customfield_2": "Summary"}}"#;
        let (source, info, kept) = read_text(text);
        let keys: Vec<&str> = kept.iter().map(|k| k.key.text(text)).collect();
        assert_eq!(keys, ["A-1", "A-2", "77", "issue 4"]);
        assert!(matches!(kept[0].key, Key::InFile(_)));
        assert!(matches!(kept[1].key, Key::Text(_)));
        let first = &text[kept[0].bytes.start as usize..kept[0].bytes.end as usize];
        assert!(first.starts_with("{\"key\": \"A-1\"") && first.ends_with("5}}"));
        let decoder = info.decoder.expect("a decoder");
        // The summary kept is read without decoding the issue, as decoding would read it.
        let summary = decoder.values(&source, &kept[0], Field::Summary);
        assert_eq!(summary[0].as_str(), "As a user I want \"x\"");
        let item = decoder.item(&source, &kept[0]);
        assert_eq!(item.get(Field::Summary), summary.first());
        assert_eq!(item.text(Field::Estimate), Some("5"));
        // Two fields give a summary (the second through `names`): nothing is kept, and
        // decoding finds the one that is not blank.
        assert_eq!(kept[3].summary, Raw::default());
        let summary = decoder.values(&source, &kept[3], Field::Summary);
        assert_eq!(summary.len(), 1);
        assert_eq!(summary[0].as_str(), "second");
        // `names` comes after the issues and still names their fields.
        let estimate = info.origins.iter().find(|o| o.field == Field::Estimate);
        assert_eq!(
            estimate.map(|o| o.names.clone()),
            Some(vec!["fields.customfield_1 (Story Points)".to_owned()])
        );
    }

    #[test]
    fn files_that_are_not_responses_say_what_they_hold() {
        for (text, found) in [
            (
                r#"{"issues": [{"key": "A-1"}], "b": 1}"#,
                "an object with keys issues, b",
            ),
            (
                "[1, {\"fields\": {}}]",
                "an array of 2 values that are not all issues",
            ),
            ("  \"x\"", "a single value"),
        ] {
            let source = Source::new("t.json", text.to_owned(), Encoding::Utf8);
            let error = read(&source, 0, &ReadOptions::default()).expect_err("refused");
            assert!(error.to_string().contains(found), "{error}");
        }
    }
}
