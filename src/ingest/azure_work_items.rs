//! Azure DevOps work items as `_apis/wit/workitemsbatch` returns them (what
//! `backlint pull azure-devops` saves, a page of up to 200):
//! `{"count": 2, "value": [{"id": 12, "rev": 3, "fields": {"System.Title": …}, "url": …}]}`.
//!
//! | field | from |
//! |---|---|
//! | key | `id` |
//! | summary | `System.Title` |
//! | description, acceptance criteria | `System.Description`, `Microsoft.VSTS.Common.AcceptanceCriteria`: HTML made plain ([`html`]) |
//! | issue type, status | `System.WorkItemType`, `System.State` |
//! | priority | `Microsoft.VSTS.Common.Priority` |
//! | estimate | `Microsoft.VSTS.Scheduling.StoryPoints`, else `Microsoft.VSTS.Scheduling.Effort` |
//! | sprint | `System.IterationPath`, when below the project's root ([`is_below_the_root`]) |
//! | labels | `System.Tags`, split on `;` |
//! | assignee | `System.AssignedTo` (its `displayName`) |
//! | parent | `System.Parent` |
//! | created, updated | `System.CreatedDate`, `System.ChangedDate` |
//! | rank | `Microsoft.VSTS.Common.StackRank`, else `Microsoft.VSTS.Common.BacklogPriority` |
//! | blocked by, blocks | `relations[]` (fetched with `$expand: Relations`): the work item id at the end of the `url` of a `System.LinkTypes.Dependency-Reverse` link (a predecessor, which blocks this item) or a `Dependency-Forward` one (a successor, which this item blocks) |
//!
//! Every value points into the JSON string or number it was read from.

use std::sync::Arc;

use jsonc_parser::ast::{Object, Value as Json};
use jsonc_parser::common::Ranged;

use crate::backlog::{
    Entry, Field, FieldOrigin, FileInfo, FileKind, Item, MappedText, Span, Value,
};
use crate::error::Error;
use crate::ingest::azure_devops::is_below_the_root;
use crate::ingest::json_text::string_value;
use crate::ingest::sniff::{Claim, Sniff};
use crate::ingest::{html, json_doc, ReadOptions};
use crate::source::Source;

/// What this reader's files are: `--input-format azure-devops-json`.
pub const KIND: FileKind = FileKind {
    reader: "azure-devops-json",
    issues: true,
    self_links: false,
};

const FETCH_AGAIN: &str = "run `backlint pull azure-devops …` again";

/// Sure when the file is a JSON object whose first keys are a work-items response's.
pub fn claim(sniff: &Sniff<'_>) -> Claim {
    Claim::sure_if(sniff.first_object_keys('{').is_some_and(looks_like))
}

/// Whether a JSON object with keys `keys` at its top is a work-items response.
fn looks_like(keys: &[&str]) -> bool {
    keys.contains(&"value") && keys.contains(&"count") && !keys.contains(&"issues")
}

/// How a field's JSON value becomes text.
#[derive(Clone, Copy)]
enum Shape {
    Text,
    Html,
    Number,
    /// `"a; b"`: one value per tag.
    Tags,
    /// An identity object (`displayName`), or a string in older API versions.
    Identity,
}

/// The work-item fields read, preferred first where two give one logical field.
const FIELDS: [(&str, Field, Shape); 16] = [
    ("System.Title", Field::Summary, Shape::Text),
    ("System.Description", Field::Description, Shape::Html),
    (
        "Microsoft.VSTS.Common.AcceptanceCriteria",
        Field::AcceptanceCriteria,
        Shape::Html,
    ),
    ("System.WorkItemType", Field::IssueType, Shape::Text),
    ("System.State", Field::Status, Shape::Text),
    (
        "Microsoft.VSTS.Common.Priority",
        Field::Priority,
        Shape::Number,
    ),
    (
        "Microsoft.VSTS.Scheduling.StoryPoints",
        Field::Estimate,
        Shape::Number,
    ),
    (
        "Microsoft.VSTS.Scheduling.Effort",
        Field::Estimate,
        Shape::Number,
    ),
    ("System.IterationPath", Field::Sprint, Shape::Text),
    (
        "Microsoft.VSTS.Common.StackRank",
        Field::Rank,
        Shape::Number,
    ),
    (
        "Microsoft.VSTS.Common.BacklogPriority",
        Field::Rank,
        Shape::Number,
    ),
    ("System.Tags", Field::Labels, Shape::Tags),
    ("System.AssignedTo", Field::Assignee, Shape::Identity),
    ("System.Parent", Field::Parent, Shape::Number),
    ("System.CreatedDate", Field::Created, Shape::Text),
    ("System.ChangedDate", Field::Updated, Shape::Text),
];

/// Reads every work item of a `workitemsbatch` response.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Item>), Error> {
    let root = json_doc::parse(source, FETCH_AGAIN)?;
    json_doc::check_string_sizes(source, &root, options.limits.max_cell_bytes())?;
    let work_items = work_items_of(source, &root)?;
    let text = source.text();
    let mut found = [false; FIELDS.len()];
    let mut found_links = [false; 2];
    let items = work_items
        .iter()
        .enumerate()
        .map(|(index, work_item)| {
            crate::progress::item_read();
            item(
                text,
                source_index,
                index + 1,
                work_item,
                &mut found,
                &mut found_links,
            )
        })
        .collect();
    let mut origins = FieldOrigin::none_found();
    let key_found = work_items.iter().any(|w| w.get_number("id").is_some());
    for (field, name) in FIELDS
        .iter()
        .zip(found)
        .filter(|(_, found)| *found)
        .map(|((name, field, _), _)| (*field, *name))
        .chain(key_found.then_some((Field::Key, "id")))
    {
        if let Some(origin) = origins.iter_mut().find(|o| o.field == field) {
            origin
                .names
                .push(format!("fields.{name}").replace("fields.id", "id"));
        }
    }
    let links = [Field::BlockedBy, Field::Blocks].into_iter().zip(LINKS);
    for ((field, (_, rel)), found) in links.zip(found_links) {
        if let Some(origin) = origins
            .iter_mut()
            .filter(|_| found)
            .find(|o| o.field == field)
        {
            origin.names.push(format!("{RELATIONS}[].url ({rel})"));
        }
    }
    let info = FileInfo {
        kind: KIND,
        origins,
        decoder: None,
    };
    Ok((info, items))
}

/// The work-item objects of `value`; an error saying what was found otherwise.
fn work_items_of<'b, 'a>(
    source: &Source,
    root: &'b Json<'a>,
) -> Result<Vec<&'b Object<'a>>, Error> {
    let not_work_items = |found: &str| {
        Error::at(source, json_doc::opening(root), format!("this is not an Azure DevOps work-items response: {found}"))
            .label("the JSON starts here")
            .help("backlint reads what `_apis/wit/workitemsbatch` returns, as `backlint pull azure-devops` saves it: {\"count\": …, \"value\": [work items with `id` and `fields`]}")
            .build()
    };
    let Some(value) = root.as_object().and_then(|o| o.get_array("value")) else {
        return Err(not_work_items("no `value` array"));
    };
    let items: Vec<&Object<'a>> = value.elements.iter().filter_map(Json::as_object).collect();
    if items.len() < value.elements.len() || !items.iter().all(|w| w.get_object("fields").is_some())
    {
        return Err(not_work_items(
            "`value` holds something other than work items with `fields`",
        ));
    }
    Ok(items)
}

fn item(
    text: &str,
    source_index: usize,
    record: usize,
    work_item: &Object<'_>,
    found: &mut [bool],
    found_links: &mut [bool; 2],
) -> Item {
    let mut entries = Vec::new();
    let mut blanks = Vec::new();
    let id = work_item.get_number("id");
    if let Some(id) = id {
        entries.push(Entry {
            name: Arc::from("id"),
            field: Some(Field::Key),
            value: Value::verbatim(id.value, id.range.start),
        });
    }
    let fields = work_item.get_object("fields");
    for (index, (name, field, shape)) in FIELDS.iter().enumerate() {
        let Some(json) = fields.and_then(|f| f.get(name)) else {
            continue;
        };
        found[index] = true;
        let mut values = values_of(text, &json.value, *shape);
        if *field == Field::Sprint {
            values.retain(|path| is_below_the_root(path.as_str()));
        }
        if values.is_empty() {
            // A finding about a blank value points into its empty string.
            let inside_quotes = usize::from(matches!(json.value, Json::StringLit(_)));
            blanks.push((*field, json.value.range().start + inside_quotes));
        }
        for value in values {
            entries.push(Entry {
                name: Arc::from(*name),
                field: Some(*field),
                value,
            });
        }
    }
    for (field, value) in dependencies(text, work_item) {
        let found_at = if field == Field::BlockedBy { 0 } else { 1 };
        found_links[found_at] = true;
        entries.push(Entry {
            name: Arc::from(RELATIONS),
            field: Some(field),
            value,
        });
    }
    Item {
        source: source_index,
        record,
        key: id.map_or_else(|| format!("work item {record}"), |id| id.value.to_owned()),
        anchor: Span::empty_at(work_item.range.start),
        entries,
        blanks,
    }
}

/// The property of a work item that holds its links.
const RELATIONS: &str = "relations";

/// The link types that block: a predecessor blocks this item, this item blocks a successor.
const LINKS: [(Field, &str); 2] = [
    (Field::BlockedBy, "System.LinkTypes.Dependency-Reverse"),
    (Field::Blocks, "System.LinkTypes.Dependency-Forward"),
];

/// The blocking links of a work item: per `relations[]` entry of a [`LINKS`] type, the
/// linked work item's id, where it stands at the end of the link's `url`
/// (`…/_apis/wit/workItems/412`).
fn dependencies(text: &str, work_item: &Object<'_>) -> Vec<(Field, Value)> {
    let relations = work_item.get_array(RELATIONS);
    let links = relations.into_iter().flat_map(|r| r.elements.iter());
    links
        .filter_map(|link| {
            let link = link.as_object()?;
            let rel = link.get_string("rel")?;
            let (field, _) = LINKS.iter().find(|(_, name)| rel.value == *name)?;
            let url = string_value(link.get_string("url")?, text);
            let all = url.as_str();
            let id = all.rsplit('/').next()?;
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let range = all.len() - id.len()..all.len();
            let mut value = MappedText::new();
            value.push_slice(&url.text, range.clone());
            Some((
                *field,
                Value {
                    span: url.text.source_span(range),
                    text: value,
                },
            ))
        })
        .collect()
}

/// The non-blank values a field's JSON gives.
fn values_of(text: &str, json: &Json<'_>, shape: Shape) -> Vec<Value> {
    let value = match (shape, json) {
        (Shape::Number, Json::NumberLit(number)) => {
            Some(Value::verbatim(number.value, number.range.start))
        }
        (Shape::Identity, Json::Object(identity)) => identity
            .get_string("displayName")
            .map(|s| string_value(s, text)),
        (Shape::Html, Json::StringLit(literal)) => {
            let value = string_value(literal, text);
            Some(Value {
                text: html::to_plain(&value.text),
                span: value.span,
            })
        }
        (Shape::Tags, Json::StringLit(literal)) => return tags(string_value(literal, text)),
        (_, Json::StringLit(literal)) => Some(string_value(literal, text)),
        _ => None,
    };
    value
        .into_iter()
        .filter(|v| !v.as_str().trim().is_empty())
        .collect()
}

/// `"a; b"` as one value per tag, each pointing at its own words.
fn tags(tags: Value) -> Vec<Value> {
    let all = tags.as_str();
    let mut values = Vec::new();
    let mut start = 0;
    for piece in all.split(';') {
        let end = start + piece.len();
        let lead = piece.len() - piece.trim_start().len();
        let range = start + lead..start + lead + piece.trim().len();
        if !range.is_empty() {
            let mut text = MappedText::new();
            text.push_slice(&tags.text, range.clone());
            values.push(Value {
                span: tags.text.source_span(range),
                text,
            });
        }
        start = end + 1;
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_links_give_the_linked_ids_where_they_stand() {
        let text = r#"{"id": 7, "relations": [
            {"rel": "System.LinkTypes.Dependency-Reverse", "url": "https://dev.azure.com/o/_apis/wit/workItems/412"},
            {"rel": "System.LinkTypes.Hierarchy-Reverse", "url": "https://dev.azure.com/o/_apis/wit/workItems/90"},
            {"rel": "System.LinkTypes.Dependency-Forward", "url": "https://dev.azure.com/o/_apis/wit/workItems/13"},
            {"rel": "System.LinkTypes.Dependency-Forward", "url": "https://dev.azure.com/o/_apis/wit/workItems/"}
        ]}"#;
        let root = jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default())
            .unwrap()
            .value
            .unwrap();
        let links = dependencies(text, root.as_object().unwrap());
        let got: Vec<(Field, &str, &str)> = links
            .iter()
            .map(|(field, value)| {
                let at = &text[value.span.start..value.span.end];
                (*field, value.as_str(), at)
            })
            .collect();
        assert_eq!(
            got,
            [
                (Field::BlockedBy, "412", "412"),
                (Field::Blocks, "13", "13")
            ]
        );
    }

    #[test]
    fn told_from_jira_by_its_keys() {
        assert!(looks_like(&["count", "value"]));
        assert!(!looks_like(&["issues", "total", "value", "count"]));
        assert!(!looks_like(&["value"]));
    }
}
