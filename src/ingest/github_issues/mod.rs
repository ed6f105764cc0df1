//! GitHub issues as `gh issue list --json number,title,body,labels,state,milestone,assignees,createdAt,updatedAt,url`
//! writes them: a JSON array of issue objects, with whichever of those fields were asked
//! for.
//!
//! | field | from |
//! |---|---|
//! | key | `number`, shown as `#12` |
//! | summary | `title` |
//! | description | `body`, Markdown made plain ([`markdown`]) |
//! | labels | `labels[].name` |
//! | issue type, priority, estimate | labels such as `type: story`, `priority: high`, `bug` ([`labels`](super::labels)) |
//! | status | `state` (`OPEN`, `CLOSED`) |
//! | assignee | `assignees[].login` |
//! | sprint | `milestone.title` |
//! | created, updated | `createdAt`, `updatedAt` |
//!
//! `url` is kept under its own name. Every value points into the JSON string it was read
//! from, through its escapes.

pub mod project_items;

use std::sync::Arc;

use jsonc_parser::ast::{Object, Value as Json};

use crate::backlog::{
    Entry, Field, FieldOrigin, FileInfo, FileKind, Item, MappedText, Span, Value,
};
use crate::error::Error;
use crate::ingest::json_text::{string_value, strings_in};
use crate::ingest::sniff::{Claim, Sniff};
use crate::ingest::{json_doc, labels, markdown, ReadOptions};
use crate::source::Source;

/// The keys `gh issue list --json` writes that tell its output from other JSON.
pub const SIGNATURE: [&str; 3] = ["title", "number", "body"];

/// Sure when the file is a JSON array whose first object has a GitHub issue's title or
/// number and no Jira `fields`.
pub fn claim(sniff: &Sniff<'_>) -> Claim {
    Claim::sure_if(sniff.first_object_keys('[').is_some_and(looks_like))
}

/// Whether the first object of a JSON file, with keys `keys`, is a GitHub issue: it has a
/// title or number and no Jira `fields`.
fn looks_like(keys: &[&str]) -> bool {
    keys.iter().any(|k| SIGNATURE.contains(k)) && !keys.contains(&"fields")
}

const FETCH_AGAIN: &str = "run `gh issue list --json …` again";

/// What this reader's files are: `--input-format github-issues`.
pub const KIND: FileKind = FileKind {
    reader: "github-issues",
    issues: true,
    self_links: false,
};

/// Reads every issue of `gh issue list --json` output.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Item>), Error> {
    let root = json_doc::parse(source, FETCH_AGAIN)?;
    json_doc::check_string_sizes(source, &root, options.limits.max_cell_bytes())?;
    let issues = issues_of(source, &root)?;
    let reader = IssueReader::new(source, source_index, options);
    let mut origins = FieldOrigin::none_found();
    let items = issues
        .iter()
        .enumerate()
        .map(|(index, issue)| {
            crate::progress::item_read();
            reader.item(index + 1, issue, &mut origins)
        })
        .collect();
    let info = FileInfo {
        kind: KIND,
        origins,
        decoder: None,
    };
    Ok((info, items))
}

/// The issue objects of the top-level array; an error saying what was found otherwise.
fn issues_of<'b, 'a>(source: &Source, root: &'b Json<'a>) -> Result<Vec<&'b Object<'a>>, Error> {
    let not_issues = |found: String| {
        Error::at(source, json_doc::opening(root), format!("this is not `gh issue list --json` output: found {found}"))
            .label("the JSON starts here")
            .help("backlint reads the array `gh issue list --json number,title,body,labels,state,milestone,assignees,createdAt,updatedAt,url` writes; each issue needs at least its title")
            .build()
    };
    let Json::Array(array) = root else {
        return Err(not_issues("no array".to_owned()));
    };
    let issues: Vec<&Object<'a>> = array.elements.iter().filter_map(Json::as_object).collect();
    let is_issue =
        |issue: &&Object<'_>| issue.get("title").is_some() || issue.get("number").is_some();
    if issues.len() < array.elements.len() || !issues.iter().all(is_issue) {
        return Err(not_issues(format!(
            "an array of {} values that are not all issues with a title or number",
            array.elements.len()
        )));
    }
    Ok(issues)
}

struct IssueReader<'t> {
    text: &'t str,
    source_index: usize,
    keep_url: bool,
}

impl<'t> IssueReader<'t> {
    /// The reader of the issues of `source`, file number `source_index`.
    fn new(source: &'t Source, source_index: usize, options: &ReadOptions) -> Self {
        IssueReader {
            text: source.text(),
            source_index,
            keep_url: options.keeps_unmapped("url"),
        }
    }

    fn item(&self, record: usize, issue: &Object<'_>, origins: &mut [FieldOrigin]) -> Item {
        let mut entries = Entries::new(origins);
        let number = self.read_issue(issue, "", &mut entries);
        entries.into_item(
            self.source_index,
            record,
            number.map_or_else(|| format!("issue {record}"), |n| format!("#{n}")),
            issue.range.start,
        )
    }

    /// Adds the values of `issue` (an issue object, or a project item's `content`, whose
    /// keys are an issue's) to `entries`, its keys shown under `path` (`content.`); its
    /// number, if it has one.
    fn read_issue<'i>(
        &self,
        issue: &Object<'i>,
        path: &str,
        entries: &mut Entries<'_>,
    ) -> Option<&'i str> {
        let number = issue.get_number("number");
        if let Some(number) = number {
            let value = Value::verbatim(number.value, number.range.start);
            entries.add(
                "number",
                Some(Field::Key),
                Some(value),
                &format!("{path}number"),
                0,
            );
        }
        let strings = [
            ("title", Field::Summary),
            ("body", Field::Description),
            ("state", Field::Status),
            ("createdAt", Field::Created),
            ("updatedAt", Field::Updated),
        ];
        for (name, field) in strings {
            let Some(literal) = issue.get_string(name) else {
                continue;
            };
            let mut value = string_value(literal, self.text);
            if field == Field::Description {
                value.text = markdown::to_plain(&value.text);
            }
            let blank = value.as_str().trim().is_empty();
            let origin = format!("{path}{name}");
            entries.add(
                name,
                Some(field),
                (!blank).then_some(value),
                &origin,
                literal.range.start + 1,
            );
        }
        for label in strings_in(issue.get_array("labels"), "name", self.text) {
            entries.label(label, &format!("{path}labels[].name"));
        }
        for login in strings_in(issue.get_array("assignees"), "login", self.text) {
            let origin = format!("{path}assignees[].login");
            entries.add("assignees", Some(Field::Assignee), Some(login), &origin, 0);
        }
        let milestone = issue
            .get_object("milestone")
            .and_then(|m| m.get_string("title"));
        if let Some(title) = milestone {
            let value = string_value(title, self.text);
            let origin = format!("{path}milestone.title");
            entries.add("milestone", Some(Field::Sprint), Some(value), &origin, 0);
        }
        if let Some(url) = issue.get_string("url").filter(|_| self.keep_url) {
            let value = string_value(url, self.text);
            entries.add("url", None, Some(value), &format!("{path}url"), 0);
        }
        number.map(|n| n.value)
    }
}

/// The values of one item as they are read, and where each field came from.
struct Entries<'o> {
    entries: Vec<Entry>,
    blanks: Vec<(Field, usize)>,
    origins: &'o mut [FieldOrigin],
}

impl<'o> Entries<'o> {
    fn new(origins: &'o mut [FieldOrigin]) -> Self {
        Entries {
            entries: Vec::new(),
            blanks: Vec::new(),
            origins,
        }
    }

    /// Adds the value of `name` (read from `origin`) as `field`; a blank one (`None`) is
    /// kept as a place, `blank_at` (inside its empty string), that a finding about the
    /// missing field points at.
    fn add(
        &mut self,
        name: &str,
        field: Option<Field>,
        value: Option<Value>,
        origin: &str,
        blank_at: usize,
    ) {
        if let Some(field) = field {
            note_origin(self.origins, field, origin);
        }
        match (value, field) {
            (Some(value), _) => self.entries.push(Entry {
                name: Arc::from(name),
                field,
                value,
            }),
            (None, Some(field)) => self.blanks.push((field, blank_at)),
            (None, None) => {}
        }
    }

    /// A label (read from `origin`): one of the labels, and the type, priority or
    /// estimate it gives (`type: story`, [`labels`]).
    fn label(&mut self, label: Value, origin: &str) {
        if let Some((field, range)) = labels::field_of(label.as_str()) {
            let value = Value {
                span: label.text.source_span(range.clone()),
                text: slice(&label.text, range),
            };
            let named = format!("{origin} (as \"{}\")", label.as_str());
            self.add("labels", Some(field), Some(value), &named, 0);
        }
        self.add("labels", Some(Field::Labels), Some(label), origin, 0);
    }

    fn into_item(self, source: usize, record: usize, key: String, anchor: usize) -> Item {
        Item {
            source,
            record,
            key,
            anchor: Span::empty_at(anchor),
            entries: self.entries,
            blanks: self.blanks,
        }
    }
}

/// Records that `field` was read from `name`, for `backlint fields`: once per JSON field
/// (`labels[].name (as "type: story")` names the first label that filled it).
fn note_origin(origins: &mut [FieldOrigin], field: Field, name: &str) {
    let path = |n: &str| n.split(' ').next().unwrap_or_default().to_owned();
    if let Some(origin) = origins.iter_mut().find(|o| o.field == field) {
        if !origin.names.iter().any(|n| path(n) == path(name)) {
            origin.names.push(name.to_owned());
        }
    }
}

fn slice(text: &MappedText, range: std::ops::Range<usize>) -> MappedText {
    let mut out = MappedText::new();
    out.push_slice(text, range);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn told_from_jira_by_its_keys() {
        assert!(looks_like(&["body", "labels", "title"]));
        assert!(looks_like(&["number", "url"]));
        assert!(!looks_like(&["expand", "id", "key", "fields"]));
        assert!(!looks_like(&["issues", "total"]));
    }
}
