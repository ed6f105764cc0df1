//! Jira REST JSON: responses of `/rest/api/2/search`, `/rest/api/3/search` and
//! `/rest/api/3/search/jql`, a single issue, or a plain array of issues.
//!
//! Custom fields are `customfield_NNNNN`, a different number on every site. A response
//! fetched with `expand=names` carries a `names` map from ids to names, which lets the
//! default names find story points and sprints; without it, `[fields]` in the config names
//! the id (`estimate = "customfield_10016"`).
//!
//! The file is read once without building its tree ([`outline`]); each issue is kept as
//! its byte range, key and summary ([`crate::stored`]) and decoded when a rule asks for it
//! ([`issues`]), parsing only the fields asked for. A file that is not JSON gets
//! jsonc-parser's error ([`tree`]).

mod issues;
mod origins;
mod outline;
mod resolve;
mod syntax;
mod tree;
mod values;

use std::sync::Arc;

use crate::backlog::{Field, FileInfo, InputFormat, Span};
use crate::error::Error;
use crate::ingest::ReadOptions;
use crate::source::Source;
use crate::stored::{Kept, Key, Raw};

use issues::Issues;
use origins::Origins;
use outline::{Issue, Prop};
use resolve::Resolver;
use syntax::Kind;
use values::gives;

/// Reads every issue of a Jira REST response, keeping each undecoded.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Kept>), Error> {
    let text = source.text();
    let max_cell = options.limits.max_cell_bytes();
    let outline = outline::outline(text, max_cell).map_err(|_| tree::invalid(source))?;
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
    let mut ids = Resolver::new(options, outline.names);
    let mut origins = Origins::new();
    let mut kept = Vec::with_capacity(issues.len());
    for (index, issue) in issues.iter().enumerate() {
        crate::progress::item_read();
        let props = outline.fields.get(issue.fields.clone()).unwrap_or_default();
        origins.note_issue(text, issue, props, &mut ids);
        kept.push(Kept {
            source: narrow(source_index),
            record: narrow(index + 1),
            bytes: issue.span,
            summary: summary(text, props, &mut ids),
            key: key(text, issue, index + 1),
        });
    }
    // No issues (a search that matched nothing) is an empty backlog; fields the request
    // left out (`fields=key,priority`) stay unfound in `origins`, and the rules that need
    // them are skipped with a note, as for a CSV export without those columns.
    let info = FileInfo {
        format: InputFormat::JiraJson,
        origins: origins.list,
        decoder: Some(Arc::new(Issues { ids })),
    };
    Ok((info, kept))
}

/// The string literal of an issue's summary when a single field of it can give one and
/// that field holds a string (nearly always: `fields.summary`); else empty, and the
/// summary is decoded like any other field.
fn summary(text: &str, props: &[Prop], ids: &mut Resolver) -> Raw {
    let mut giving = props.iter().filter(|prop| {
        let id = outline::unquoted(text, prop.name);
        ids.learn(&id)
            .lookup
            .is_some_and(|(mapped, _)| gives(mapped, Field::Summary))
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
