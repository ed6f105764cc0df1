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
    Claim::sure_if(
        sniff
            .first_object_keys('[')
            .is_some_and(|keys| looks_like(&keys)),
    )
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
    let reader = IssueReader {
        text: source.text(),
        source_index,
        keep_url: options.keeps_unmapped("url"),
    };
    let mut origins: Vec<FieldOrigin> = Field::ALL
        .into_iter()
        .map(|field| FieldOrigin {
            field,
            names: Vec::new(),
        })
        .collect();
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

impl IssueReader<'_> {
    fn item(&self, record: usize, issue: &Object<'_>, origins: &mut [FieldOrigin]) -> Item {
        let mut entries = Vec::new();
        let mut blanks = Vec::new();
        let mut add = |name: &str, field: Option<Field>, value: Option<Value>, origin: &str| {
            if let Some(field) = field {
                note_origin(origins, field, origin);
            }
            match (value, field) {
                (Some(value), _) => entries.push(Entry {
                    name: Arc::from(name),
                    field,
                    value,
                }),
                // A blank value: a finding about it points into its empty string.
                (None, Some(field)) => blanks.push((field, self.blank_at(issue, name))),
                (None, None) => {}
            }
        };
        let number = issue.get_number("number");
        if let Some(number) = number {
            add(
                "number",
                Some(Field::Key),
                Some(Value::verbatim(number.value, number.range.start)),
                "number",
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
            add(name, Some(field), (!blank).then_some(value), name);
        }
        for label in strings_in(issue.get_array("labels"), "name", self.text) {
            if let Some((field, range)) = labels::field_of(label.as_str()) {
                let value = Value {
                    span: label.text.source_span(range.clone()),
                    text: slice(&label.text, range),
                };
                let origin = format!("labels[].name (as \"{}\")", label.as_str());
                add("labels", Some(field), Some(value), &origin);
            }
            add("labels", Some(Field::Labels), Some(label), "labels[].name");
        }
        for login in strings_in(issue.get_array("assignees"), "login", self.text) {
            add(
                "assignees",
                Some(Field::Assignee),
                Some(login),
                "assignees[].login",
            );
        }
        let milestone = issue
            .get_object("milestone")
            .and_then(|m| m.get_string("title"));
        if let Some(title) = milestone {
            add(
                "milestone",
                Some(Field::Sprint),
                Some(string_value(title, self.text)),
                "milestone.title",
            );
        }
        if let Some(url) = issue.get_string("url").filter(|_| self.keep_url) {
            add("url", None, Some(string_value(url, self.text)), "url");
        }
        Item {
            source: self.source_index,
            record,
            key: number.map_or_else(|| format!("issue {record}"), |n| format!("#{}", n.value)),
            anchor: Span::empty_at(issue.range.start),
            entries,
            blanks,
        }
    }

    /// Inside the string `name` of `issue`, where a blank value stands.
    fn blank_at(&self, issue: &Object<'_>, name: &str) -> usize {
        issue
            .get_string(name)
            .map_or(issue.range.start, |literal| literal.range.start + 1)
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
