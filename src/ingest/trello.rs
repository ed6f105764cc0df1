//! A Trello board as its "Export as JSON" writes it (board menu → Print, export and share →
//! Export as JSON): one object with the board's `cards`, `lists`, `checklists`, `labels`
//! and `members`. Each card is an item.
//!
//! | field | from |
//! |---|---|
//! | key | `idShort`, shown as `#12` |
//! | summary | `name` |
//! | description | `desc`, Markdown made plain ([`markdown`](super::markdown)) |
//! | acceptance criteria | the card's checklists (`checklists[]` whose `idCard` is the card): one `- [ ]` line per `checkItems[].name`, `- [x]` when `complete` |
//! | status | the name of its list (`idList` → `lists[].name`) |
//! | status category | `Done` for an archived card (`closed: true`) or a card on an archived list |
//! | labels | `labels[].name` (colour-only labels have none) |
//! | issue type, priority, estimate | labels such as `Story`, `Bug`, `priority: high` ([`labels`](super::labels)) |
//! | assignee | `idMembers` → `members[].fullName` |
//! | updated | `dateLastActivity` |
//! | estimate, priority, sprint, … | Custom Fields (`customFieldItems` → `customFields[].name`) by the names `[fields]` gives them (`Story Points`, `Priority`, `Sprint`, …) |
//!
//! `url` is kept under its own name. Every value points into the JSON string it was read
//! from; a status into its list's name.

use std::collections::HashMap;
use std::sync::Arc;

use jsonc_parser::ast::{Object, StringLit, Value as Json};

use crate::backlog::{
    Entry, Field, FieldOrigin, FileInfo, FileKind, Item, MappedText, Span, Value,
};
use crate::error::Error;
use crate::ingest::json_text::{string_value, strings_in};
use crate::ingest::sniff::{Claim, Sniff};
use crate::ingest::{json_doc, labels, markdown, ReadOptions};
use crate::source::Source;

/// What this reader's files are: `--input-format trello-json`.
pub const KIND: FileKind = FileKind {
    reader: "trello-json",
    issues: true,
    self_links: false,
};

const EXPORT_AGAIN: &str =
    "export the board again (board menu → Print, export and share → Export as JSON)";

/// Sure when the file is a JSON object whose first keys are a Trello board's.
pub fn claim(sniff: &Sniff<'_>) -> Claim {
    Claim::sure_if(sniff.first_object_keys('{').is_some_and(looks_like))
}

/// Whether a JSON object whose first keys are `keys` is a Trello board: its cards and
/// lists, or the board settings that come before them (a board's `actions` can fill
/// megabytes before its `cards`).
fn looks_like(keys: &[&str]) -> bool {
    let has = |key| keys.contains(&key);
    has("cards") && has("lists") || has("labelNames") && has("prefs")
}

/// Where each field of a card comes from, for `backlint fields`: the key an entry is
/// added under, its field, and the path shown. Custom fields are shown by their names.
const ORIGINS: [(&str, Field, &str); 12] = [
    ("idShort", Field::Key, "idShort"),
    ("name", Field::Summary, "name"),
    ("desc", Field::Description, "desc"),
    (
        "checklists",
        Field::AcceptanceCriteria,
        "checklists[].checkItems[].name (idCard)",
    ),
    ("labels", Field::IssueType, "labels[].name (as \"Story\")"),
    ("idList", Field::Status, "idList → lists[].name"),
    ("closed", Field::StatusCategory, "closed"),
    (
        "labels",
        Field::Priority,
        "labels[].name (as \"priority: high\")",
    ),
    (
        "labels",
        Field::Estimate,
        "labels[].name (as \"points: 3\")",
    ),
    ("labels", Field::Labels, "labels[].name"),
    (
        "idMembers",
        Field::Assignee,
        "idMembers → members[].fullName",
    ),
    ("dateLastActivity", Field::Updated, "dateLastActivity"),
];

/// How `backlint fields` shows an entry added under `key` for `field`.
fn origin(key: &str, field: Field) -> String {
    ORIGINS
        .iter()
        .find(|(k, f, _)| *k == key && *f == field)
        .map_or_else(
            || format!("customFieldItems → customFields[].name \"{key}\""),
            |(_, _, shown)| shown.to_string(),
        )
}

/// Reads every card of a Trello board export.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Item>), Error> {
    let root = json_doc::parse(source, EXPORT_AGAIN)?;
    json_doc::check_string_sizes(source, &root, options.limits.max_cell_bytes())?;
    let board = board_of(source, &root)?;
    let mut seen = Vec::new();
    let items = board
        .cards
        .iter()
        .enumerate()
        .map(|(index, card)| {
            crate::progress::item_read();
            board.item(source_index, index + 1, card, options, &mut seen)
        })
        .collect();
    let origins = Field::ALL
        .into_iter()
        .map(|field| FieldOrigin {
            field,
            names: seen
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, shown)| shown.clone())
                .collect(),
        })
        .collect();
    let info = FileInfo {
        kind: KIND,
        origins,
        decoder: None,
    };
    Ok((info, items))
}

/// What the cards refer to by id, and the cards.
struct Board<'b, 'a> {
    text: &'a str,
    cards: Vec<&'b Object<'a>>,
    /// List id → its name and whether it is archived.
    lists: HashMap<&'a str, (&'b StringLit<'a>, bool)>,
    members: HashMap<&'a str, &'b StringLit<'a>>,
    /// Card id → its checklists, in the export's order.
    checklists: HashMap<&'a str, Vec<&'b Object<'a>>>,
    /// Custom field id → its definition (`customFields[]`: its name, a dropdown's options).
    custom_fields: HashMap<&'a str, &'b Object<'a>>,
}

/// The board of the export; an error saying what was found otherwise.
fn board_of<'b, 'a>(source: &'a Source, root: &'b Json<'a>) -> Result<Board<'b, 'a>, Error> {
    let not_a_board = |found: &str| {
        Error::at(
            source,
            json_doc::opening(root),
            format!("this is not a Trello board export: {found}"),
        )
        .label("the JSON starts here")
        .help(format!(
            "backlint reads the JSON Trello writes for a whole board; {EXPORT_AGAIN}"
        ))
        .build()
    };
    let Json::Object(board) = root else {
        return Err(not_a_board("it is not an object"));
    };
    let Some(cards) = board.get_array("cards") else {
        return Err(not_a_board("it has no `cards` array"));
    };
    let objects = |name: &str| -> Vec<&'b Object<'a>> {
        board
            .get_array(name)
            .into_iter()
            .flat_map(|array| array.elements.iter())
            .filter_map(Json::as_object)
            .collect()
    };
    let mut lists = HashMap::new();
    for list in objects("lists") {
        let id = list.get_string("id").and_then(id_of);
        if let (Some(id), Some(name)) = (id, list.get_string("name")) {
            let closed = list.get_boolean("closed").is_some_and(|c| c.value);
            lists.insert(id, (name, closed));
        }
    }
    let mut members = HashMap::new();
    for member in objects("members") {
        let name = member
            .get_string("fullName")
            .or_else(|| member.get_string("username"));
        if let (Some(id), Some(name)) = (member.get_string("id").and_then(id_of), name) {
            members.insert(id, name);
        }
    }
    let mut checklists: HashMap<&'a str, Vec<&'b Object<'a>>> = HashMap::new();
    for checklist in objects("checklists") {
        if let Some(card) = checklist.get_string("idCard").and_then(id_of) {
            checklists.entry(card).or_default().push(checklist);
        }
    }
    let custom_fields = objects("customFields")
        .into_iter()
        .filter_map(|field| Some((id_of(field.get_string("id")?)?, field)))
        .collect();
    Ok(Board {
        text: source.text(),
        custom_fields,
        cards: cards.elements.iter().filter_map(Json::as_object).collect(),
        lists,
        members,
        checklists,
    })
}

/// An id's text. Ids are plain hexadecimal: a string with escapes is no id (`None`, which
/// refers to nothing).
fn id_of<'a>(literal: &StringLit<'a>) -> Option<&'a str> {
    match &literal.value {
        std::borrow::Cow::Borrowed(text) => Some(text),
        std::borrow::Cow::Owned(_) => None,
    }
}

impl<'a> Board<'_, 'a> {
    fn item(
        &self,
        source_index: usize,
        record: usize,
        card: &Object<'a>,
        options: &ReadOptions,
        seen: &mut Vec<(Field, String)>,
    ) -> Item {
        let mut entries = Vec::new();
        let mut blanks = Vec::new();
        let mut add = |name: &str, field: Option<Field>, value: Value| {
            if let Some(field) = field {
                let shown = origin(name, field);
                if !seen.iter().any(|(f, s)| *f == field && *s == shown) {
                    seen.push((field, shown));
                }
            }
            entries.push(Entry {
                name: Arc::from(name),
                field,
                value,
            });
        };
        let number = card.get_number("idShort");
        if let Some(number) = number {
            let start = number.range.start;
            add(
                "idShort",
                Some(Field::Key),
                Value {
                    text: MappedText::verbatim(number.value, start),
                    span: Span::new(start, start + number.value.len()),
                },
            );
        }
        for (name, field) in [
            ("name", Field::Summary),
            ("desc", Field::Description),
            ("dateLastActivity", Field::Updated),
        ] {
            let Some(literal) = card.get_string(name) else {
                continue;
            };
            let mut value = string_value(literal, self.text);
            if field == Field::Description {
                value.text = markdown::to_plain(&value.text);
            }
            if value.as_str().trim().is_empty() {
                blanks.push((field, literal.range.start + 1));
            } else {
                add(name, Some(field), value);
            }
        }
        let list = card
            .get_string("idList")
            .and_then(|id| self.lists.get(id_of(id)?));
        if let Some((list_name, _)) = list {
            add(
                "idList",
                Some(Field::Status),
                string_value(list_name, self.text),
            );
        }
        // Archived: the card's `"closed": true`, or its list's name when the list is.
        let archived = card
            .get_boolean("closed")
            .filter(|closed| closed.value)
            .map(|closed| Span::new(closed.range.start, closed.range.end))
            .or_else(|| {
                let (name, _) = list.filter(|(_, closed)| *closed)?;
                Some(Span::new(name.range.start, name.range.end))
            });
        if let Some(span) = archived {
            let mut text = MappedText::new();
            text.push_replacing("Done", span);
            add("closed", Some(Field::StatusCategory), Value { text, span });
        }
        for label in strings_in(card.get_array("labels"), "name", self.text) {
            if let Some((field, range)) = labels::field_of(label.as_str()) {
                let mut text = MappedText::new();
                text.push_slice(&label.text, range.clone());
                let span = label.text.source_span(range);
                add("labels", Some(field), Value { text, span });
            }
            add("labels", Some(Field::Labels), label);
        }
        let member_ids = card.get_array("idMembers");
        for id in member_ids.into_iter().flat_map(|a| a.elements.iter()) {
            let name = id
                .as_string_lit()
                .and_then(|id| self.members.get(id_of(id)?));
            if let Some(name) = name {
                add(
                    "idMembers",
                    Some(Field::Assignee),
                    string_value(name, self.text),
                );
            }
        }
        let card_id = card.get_string("id").and_then(id_of);
        let checklists = card_id.and_then(|id| self.checklists.get(id));
        for checklist in checklists.into_iter().flatten() {
            if let Some(criteria) = self.criteria(checklist) {
                add("checklists", Some(Field::AcceptanceCriteria), criteria);
            }
        }
        for (name, value) in self.custom_fields(card) {
            let field = options.fields.lookup(&name).map(|(field, _)| field);
            if field.is_some() || options.keeps_unmapped(&name) {
                add(&name, field, value);
            }
        }
        if let Some(url) = card
            .get_string("url")
            .filter(|_| options.keeps_unmapped("url"))
        {
            add("url", None, string_value(url, self.text));
        }
        Item {
            source: source_index,
            record,
            key: number.map_or_else(|| format!("card {record}"), |n| format!("#{}", n.value)),
            anchor: Span::empty_at(card.range.start),
            entries,
            blanks,
        }
    }

    /// The card's custom field values (`customFieldItems[]`) by their field's name: a
    /// number, text, date or checkbox as written, a dropdown's chosen option's text.
    fn custom_fields(&self, card: &Object<'a>) -> Vec<(String, Value)> {
        let items = card.get_array("customFieldItems");
        let items = items.into_iter().flat_map(|a| a.elements.iter());
        items
            .filter_map(Json::as_object)
            .filter_map(|item| {
                let id = id_of(item.get_string("idCustomField")?)?;
                let definition = self.custom_fields.get(id)?;
                let name = definition.get_string("name")?.value.to_string();
                let value = match item.get_object("value") {
                    Some(value) => ["number", "text", "date", "checked"]
                        .iter()
                        .find_map(|kind| value.get_string(kind))?,
                    None => {
                        let chosen = id_of(item.get_string("idValue")?)?;
                        let options = definition.get_array("options")?;
                        options
                            .elements
                            .iter()
                            .filter_map(Json::as_object)
                            .find(|option| option.get_string("id").and_then(id_of) == Some(chosen))?
                            .get_object("value")?
                            .get_string("text")?
                    }
                };
                let value = string_value(value, self.text);
                (!name.is_empty() && !value.as_str().trim().is_empty()).then_some((name, value))
            })
            .collect()
    }

    /// A checklist's items as a task list (`- [ ] name`, `- [x] name` when complete), each
    /// name mapped into its string; `None` for a checklist without named items.
    fn criteria(&self, checklist: &Object<'a>) -> Option<Value> {
        let items = checklist.get_array("checkItems")?;
        let mut text = MappedText::new();
        for item in items.elements.iter().filter_map(Json::as_object) {
            let Some(name) = item.get_string("name") else {
                continue;
            };
            let name = string_value(name, self.text);
            if name.as_str().trim().is_empty() {
                continue;
            }
            let done = item
                .get_string("state")
                .is_some_and(|s| s.value == "complete");
            if !text.is_empty() {
                text.push_standing_for("\n", name.span.start);
            }
            text.push_standing_for(if done { "- [x] " } else { "- [ ] " }, name.span.start);
            text.push_mapped(&name.text);
        }
        (!text.is_empty()).then(|| Value {
            text,
            span: Span::new(items.range.start, items.range.end),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn told_by_its_keys() {
        assert!(looks_like(&["id", "name", "cards", "lists"]));
        assert!(looks_like(&["id", "name", "desc", "prefs", "labelNames"]));
        assert!(!looks_like(&["issues", "total"]));
        assert!(!looks_like(&["cards"]));
    }
}
