//! A GitHub Projects board's items as `gh project item-list NUMBER --owner OWNER --format
//! json` writes them: `{"items":[…],"totalCount":N}`. Each item has its `id`, its
//! `content` (an issue's or pull request's `type`, `title`, `body`, `number`,
//! `repository`, `url`; a draft's `type`, `title`, `body`), and one key per project field
//! that has a value, named as the field with its first letter lower-cased (`status`,
//! `priority`, `story Points`): a single-select or text field as a string, a number field
//! as a number, an iteration as `{title, startDate, duration}`, a milestone as
//! `{title, description, dueOn}`, labels and assignees as arrays of names.
//!
//! | field | from |
//! |---|---|
//! | key | `content.repository` and `content.number` (`example/pantry#12`); a draft is `draft N` |
//! | summary, description | `content.title`, `content.body` (Markdown made plain, task lists as criteria), read as an issue's ([`IssueReader`]) |
//! | status | `status` |
//! | priority | `priority`; else labels such as `priority: high` |
//! | estimate | `estimate`, `story Points`, `storyPoints`, `points`, `size`; else labels such as `points: 3` |
//! | sprint | `iteration` or `sprint` (the iteration's `title`), `milestone` (its `title`) |
//! | labels, issue type | `labels`, which also give the type, priority and estimate ([`labels`](crate::ingest::labels)) |
//! | assignee | `assignees` |
//!
//! Pull requests on the board are left out, as `backlint pull github` leaves them out:
//! they are work on items, not items. Other fields with a text or number value are kept
//! under their names.

use jsonc_parser::ast::{Object, ObjectProp, Value as Json};

use super::{Entries, IssueReader};
use crate::backlog::{Field, FieldOrigin, FileInfo, FileKind, Item, Value};
use crate::error::Error;
use crate::ingest::json_text::string_value;
use crate::ingest::sniff::{Claim, Sniff};
use crate::ingest::{json_doc, json_head, ReadOptions};
use crate::source::Source;

/// What this reader's files are: `--input-format github-project-items`.
pub const KIND: FileKind = FileKind {
    reader: "github-project-items",
    issues: true,
    self_links: false,
};

const FETCH_AGAIN: &str = "run `gh project item-list NUMBER --owner OWNER --format json` again";

/// The keys of an item that hold no field of its own (the content is read as an issue;
/// `title` and `repository` repeat it).
const NOT_FIELDS: [&str; 4] = ["id", "content", "title", "repository"];

/// Sure when the file is a JSON object whose first key is `items` and whose first item has
/// `content` (or which has no items and a `totalCount`), as `gh` writes it.
pub fn claim(sniff: &Sniff<'_>) -> Claim {
    let Some(keys) = sniff.first_object_keys('{') else {
        return Claim::No;
    };
    if keys.first() != Some(&"items") {
        return Claim::No;
    }
    let first_item = sniff
        .start
        .find('[')
        .map(|at| &sniff.start[at..])
        .filter(|items| !items[1..].trim_start().starts_with(']'))
        .map(json_head::first_object_keys);
    Claim::sure_if(match first_item {
        Some(item) => item.contains(&"content"),
        None => keys.contains(&"totalCount"),
    })
}

/// Reads every item of `gh project item-list --format json` output.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Item>), Error> {
    let root = json_doc::parse(source, FETCH_AGAIN)?;
    json_doc::check_string_sizes(source, &root, options.limits.max_cell_bytes())?;
    let items = items_of(source, &root)?;
    let issues = IssueReader::new(source, source_index, options);
    let mut origins = FieldOrigin::none_found();
    let items = items
        .iter()
        .enumerate()
        .filter(|(_, item)| !is_pull_request(item))
        .map(|(index, item)| {
            crate::progress::item_read();
            read_item(&issues, index + 1, item, options, &mut origins)
        })
        .collect();
    let info = FileInfo {
        kind: KIND,
        origins,
        decoder: None,
    };
    Ok((info, items))
}

/// The item objects of `items`; an error saying what was found otherwise.
fn items_of<'b, 'a>(source: &Source, root: &'b Json<'a>) -> Result<Vec<&'b Object<'a>>, Error> {
    let not_items = |found: &str| {
        Error::at(source, json_doc::opening(root), format!("this is not `gh project item-list --format json` output: {found}"))
            .label("the JSON starts here")
            .help("backlint reads the object `gh project item-list NUMBER --owner OWNER --format json` writes: {\"items\": [...], \"totalCount\": N}")
            .build()
    };
    let array = match root {
        Json::Object(object) => object.get_array("items"),
        _ => None,
    }
    .ok_or_else(|| not_items("no `items` array"))?;
    let items: Vec<&Object<'a>> = array.elements.iter().filter_map(Json::as_object).collect();
    if items.len() < array.elements.len() {
        return Err(not_items("an item that is not an object"));
    }
    Ok(items)
}

fn read_item(
    issues: &IssueReader<'_>,
    record: usize,
    item: &Object<'_>,
    options: &ReadOptions,
    origins: &mut [FieldOrigin],
) -> Item {
    let text = issues.text;
    let mut entries = Entries::new(origins);
    let content = item.get_object("content");
    let number = content.and_then(|content| issues.read_issue(content, "content.", &mut entries));
    for prop in &item.properties {
        let name = prop.name.as_str();
        if NOT_FIELDS.contains(&name) {
            continue;
        }
        read_field(prop, name, text, options, &mut entries);
    }
    let repository = content.and_then(|c| c.get_string("repository"));
    let key = match (repository, number) {
        (Some(repository), Some(number)) => format!("{}#{number}", repository.value),
        (None, Some(number)) => format!("#{number}"),
        (_, None) => format!("draft {record}"),
    };
    entries.into_item(issues.source_index, record, key, item.range.start)
}

fn is_pull_request(item: &Object<'_>) -> bool {
    item.get_object("content")
        .and_then(|content| content.get_string("type"))
        .is_some_and(|kind| kind.value == "PullRequest")
}

/// Adds the project field `name` of an item, by what its value is.
fn read_field(
    prop: &ObjectProp<'_>,
    name: &str,
    text: &str,
    options: &ReadOptions,
    entries: &mut Entries<'_>,
) {
    let field = field_named(name);
    match &prop.value {
        Json::StringLit(literal) => {
            if field.is_none() && !options.keeps_unmapped(name) {
                return;
            }
            let value = string_value(literal, text);
            let blank = value.as_str().trim().is_empty();
            entries.add(
                name,
                field,
                (!blank).then_some(value),
                name,
                literal.range.start + 1,
            );
        }
        Json::NumberLit(number) if field.is_some() || options.keeps_unmapped(name) => {
            let value = Value::verbatim(number.value, number.range.start);
            entries.add(name, field, Some(value), name, 0);
        }
        // An iteration or a milestone: its title.
        Json::Object(object) => {
            if let (Some(Field::Sprint), Some(title)) = (field, object.get_string("title")) {
                let value = string_value(title, text);
                let blank = value.as_str().trim().is_empty();
                let origin = format!("{name}.title");
                entries.add(
                    name,
                    field,
                    (!blank).then_some(value),
                    &origin,
                    title.range.start + 1,
                );
            }
        }
        // Labels and assignees: names.
        Json::Array(array) => {
            let names = array
                .elements
                .iter()
                .filter_map(Json::as_string_lit)
                .map(|literal| string_value(literal, text))
                .filter(|value| !value.as_str().trim().is_empty());
            for value in names {
                match field {
                    Some(Field::Labels) => entries.label(value, name),
                    Some(Field::Assignee) => entries.add(name, field, Some(value), name, 0),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// The field a project field fills, by its key (the field's name, first letter lower case).
fn field_named(key: &str) -> Option<Field> {
    Some(match key.to_lowercase().as_str() {
        "status" => Field::Status,
        "priority" => Field::Priority,
        "estimate" | "story points" | "storypoints" | "points" | "size" => Field::Estimate,
        "iteration" | "sprint" | "milestone" => Field::Sprint,
        "labels" => Field::Labels,
        "assignees" => Field::Assignee,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::fields::FieldMap;

    fn claims(text: &str) -> Claim {
        claim(&Sniff::new("-", text, &FieldMap::default()))
    }

    #[test]
    fn told_by_items_with_content() {
        let items =
            r#"{"items":[{"content":{"type":"Issue","title":"A"},"id":"PVTI_1"}],"totalCount":1}"#;
        assert_eq!(claims(items), Claim::Sure);
        assert_eq!(claims(r#"{"items":[],"totalCount":0}"#), Claim::Sure);
        // Another tool's `items`, and gh's other lists.
        assert_eq!(claims(r#"{"items":[{"name":"A"}]}"#), Claim::No);
        assert_eq!(claims(r#"{"projects":[],"totalCount":0}"#), Claim::No);
        assert_eq!(claims(r#"[{"title":"A"}]"#), Claim::No);
    }

    #[test]
    fn fields_by_their_keys() {
        assert_eq!(field_named("story Points"), Some(Field::Estimate));
        assert_eq!(field_named("iteration"), Some(Field::Sprint));
        assert_eq!(field_named("linked pull requests"), None);
    }
}
