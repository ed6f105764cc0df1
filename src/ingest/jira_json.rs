//! Jira REST JSON: responses of `/rest/api/2/search`, `/rest/api/3/search` and
//! `/rest/api/3/search/jql`, a single issue, or a plain array of issues.
//!
//! Custom fields are `customfield_NNNNN`, a different number on every site. A response
//! fetched with `expand=names` carries a `names` map from ids to names, which lets the
//! default names find story points and sprints; without it, `[fields]` in the config names
//! the id (`estimate = "customfield_10016"`).

use std::sync::Arc;

use jsonc_parser::ast::{Object, Value as Json};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::backlog::{
    Entry, Field, FieldOrigin, FileInfo, InputFormat, Item, MappedText, Span, Value,
};
use crate::error::Error;
use crate::ingest::json_text::string_text;
use crate::ingest::ReadOptions;
use crate::ingest::{adf, wiki};
use crate::source::Source;

/// Reads every issue of a Jira REST response.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Item>), Error> {
    let text = source.text();
    let root = parse(source)?;
    let max_cell = options.limits.max_cell_bytes();
    if let Some(large) = first_string_over(&root, max_cell) {
        return Err(crate::limits::cell_too_large(
            source,
            large.range.start,
            large.range.end - large.range.start,
            max_cell,
        ));
    }
    let (issues, names) = issues_of(source, &root)?;
    let reader = IssueReader {
        source: text,
        source_index,
        options,
        names,
    };
    let mut origins: Vec<FieldOrigin> = Field::ALL
        .into_iter()
        .map(|field| FieldOrigin {
            field,
            names: Vec::new(),
        })
        .collect();
    let items: Vec<Item> = issues
        .iter()
        .enumerate()
        .map(|(index, issue)| {
            crate::progress::item_read();
            reader.item(index + 1, issue, &mut origins)
        })
        .collect();
    // No issues (a search that matched nothing) is an empty backlog; fields the request
    // left out (`fields=key,priority`) stay unfound in `origins`, and the rules that need
    // them are skipped with a note, as for a CSV export without those columns.
    let info = FileInfo {
        format: InputFormat::JiraJson,
        origins,
        decoder: None,
    };
    Ok((info, items))
}

fn parse(source: &Source) -> Result<Json<'_>, Error> {
    let strict = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(source.text(), &CollectOptions::default(), &strict).map_err(|e| {
        let range = e.range();
        let truncated = range.end >= source.text().trim_end().len();
        Error::at(source, Span::new(range.start, range.end), format!("invalid JSON: {}", e.kind()))
            .help(if truncated {
                "the file ends in the middle of a value: it was probably cut off; fetch or export it again"
            } else {
                "fix the JSON at this place, or fetch the response from Jira again"
            })
            .build()
    })?;
    parsed
        .value
        .ok_or_else(|| Error::at(source, Span::empty_at(0), "the file holds no JSON value").build())
}

/// Field id → field name, from a response's `names` (`expand=names`).
type Names = Vec<(String, String)>;

/// The issues of any supported shape, and the `names` map if the response has one.
fn issues_of<'a, 'b>(
    source: &Source,
    root: &'b Json<'a>,
) -> Result<(Vec<&'b Object<'a>>, Names), Error> {
    let is_issue = |value: &Json<'_>| value.as_object().is_some_and(|o| o.get("fields").is_some());
    match root {
        Json::Array(array) if array.elements.iter().all(is_issue) => Ok((
            array.elements.iter().filter_map(Json::as_object).collect(),
            Vec::new(),
        )),
        Json::Object(object) if object.get("fields").is_some() => Ok((vec![object], Vec::new())),
        Json::Object(object) => match object.get_array("issues") {
            Some(issues) if issues.elements.iter().all(is_issue) => {
                let names = object
                    .get_object("names")
                    .map(names_map)
                    .unwrap_or_default();
                Ok((
                    issues.elements.iter().filter_map(Json::as_object).collect(),
                    names,
                ))
            }
            _ => Err(not_jira(source, root)),
        },
        _ => Err(not_jira(source, root)),
    }
}

/// The first string literal longer than `limit` bytes, if any (depth is bounded by the
/// parser's nesting limit).
fn first_string_over<'a, 'b>(
    json: &'b Json<'a>,
    limit: usize,
) -> Option<&'b jsonc_parser::ast::StringLit<'a>> {
    match json {
        Json::StringLit(lit) => (lit.range.end - lit.range.start > limit).then_some(lit),
        Json::Array(array) => array
            .elements
            .iter()
            .find_map(|e| first_string_over(e, limit)),
        Json::Object(object) => object
            .properties
            .iter()
            .find_map(|p| first_string_over(&p.value, limit)),
        _ => None,
    }
}

fn names_map(names: &Object<'_>) -> Names {
    names
        .properties
        .iter()
        .filter_map(|p| {
            Some((
                p.name.as_str().to_owned(),
                p.value.as_string_lit()?.value.to_string(),
            ))
        })
        .collect()
}

fn not_jira(source: &Source, root: &Json<'_>) -> Error {
    let found = match root {
        Json::Object(o) => {
            let keys: Vec<&str> = o
                .properties
                .iter()
                .take(8)
                .map(|p| p.name.as_str())
                .collect();
            format!("an object with keys {}", keys.join(", "))
        }
        Json::Array(a) => format!(
            "an array of {} values that are not all issues",
            a.elements.len()
        ),
        _ => "a single value".to_owned(),
    };
    let span = Span::new(root.start(), (root.start() + 1).min(root.end()));
    Error::at(source, span, format!("this is not a Jira REST response: found {found}"))
        .label("the JSON starts here")
        .help("backlint reads the response of /rest/api/2/search, /rest/api/3/search or /rest/api/3/search/jql (an object with \"issues\"), a single issue (an object with \"key\" and \"fields\"), or an array of issues")
        .build()
}

/// Turns issue objects into items, remembering which fields filled what.
struct IssueReader<'m> {
    source: &'m str,
    source_index: usize,
    options: &'m ReadOptions,
    names: Names,
}

/// An entry waiting to be ordered: preferred fields first, as in CSV.
type Ranked = ((u8, Option<Field>, usize, usize), Entry);

impl IssueReader<'_> {
    fn item(&self, record: usize, issue: &Object<'_>, origins: &mut [FieldOrigin]) -> Item {
        let key = issue
            .get_string("key")
            .or_else(|| issue.get_string("id"))
            .map_or_else(|| format!("issue {record}"), |k| k.value.to_string());
        let mut ranked: Vec<Ranked> = Vec::new();
        if let Some(key) = issue.get_string("key") {
            let value = self.string_value(key);
            note_origin(origins, Field::Key, "key", None);
            ranked.push((
                (0, Some(Field::Key), 0, 0),
                entry("key", Some(Field::Key), value),
            ));
        }
        // The issue's REST address (`https://site/rest/api/2/issue/10002`), unmapped: the
        // HTML report derives the issue's page from it.
        if let Some(url) = issue.get_string("self") {
            ranked.push(((1, None, 0, 0), entry("self", None, self.string_value(url))));
        }
        let fields = issue
            .get_object("fields")
            .map_or(&[][..], |f| f.properties.as_slice());
        for (position, property) in fields.iter().enumerate() {
            let id = property.name.as_str();
            let display = self.display_name(id);
            let lookup = self
                .options
                .fields
                .lookup(id)
                .or_else(|| system_field(id).map(|f| (f, 0)));
            let lookup = lookup.or_else(|| display.and_then(|d| self.options.fields.lookup(d)));
            let name = display.unwrap_or(id);
            let kept = |n: &str| self.options.keeps_unmapped(n);
            if lookup.is_none() && !(kept(id) || display.is_some_and(kept)) {
                continue;
            }
            for (field, value) in self.values(lookup.map(|l| l.0), &property.value) {
                if let Some(field) = field {
                    note_origin(origins, field, id, display);
                }
                let rank = lookup.map_or(0, |l| l.1);
                let sort = if field.is_some() {
                    (0, field, rank, position)
                } else {
                    (1, None, 0, position)
                };
                let shown = match (field, lookup) {
                    (Some(f), Some((mapped, _))) if f != mapped => f.name(),
                    _ => name,
                };
                ranked.push((sort, entry(shown, field, value)));
            }
        }
        ranked.sort_by_key(|(sort, _)| *sort);
        Item {
            source: self.source_index,
            record,
            key,
            anchor: Span::empty_at(issue.range.start),
            entries: ranked.into_iter().map(|(_, e)| e).collect(),
            blanks: Vec::new(),
        }
    }

    fn display_name(&self, id: &str) -> Option<&str> {
        self.names
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.as_str())
    }

    /// The values a JSON field gives: one per array element; objects by their `name`,
    /// `value`, `displayName` or `key`; rich text as plain text; extra logical fields that
    /// objects carry (a status's category, a parent's summary).
    fn values(&self, field: Option<Field>, json: &Json<'_>) -> Vec<(Option<Field>, Value)> {
        let mut out = Vec::new();
        match json {
            Json::Array(array) => {
                for element in &array.elements {
                    out.extend(self.values(field, element));
                }
            }
            Json::Object(object) if is_adf(object) => {
                let text = adf::to_plain(json, self.source);
                out.push((
                    field,
                    Value {
                        text,
                        span: span_of(json),
                    },
                ));
            }
            Json::Object(object) => {
                if let Some(value) = ["name", "value", "displayName", "key"]
                    .iter()
                    .find_map(|k| object.get_string(k))
                    .map(|s| self.string_value(s))
                {
                    out.push((field, value));
                }
                self.nested_values(field, object, &mut out);
            }
            Json::StringLit(lit) => {
                let mut value = self.string_value(lit);
                if matches!(field, Some(Field::Description | Field::AcceptanceCriteria)) {
                    value.text = wiki::to_plain(&value.text);
                } else if field == Some(Field::Sprint) {
                    value = legacy_sprint_name(value);
                }
                out.push((field, value));
            }
            Json::NumberLit(number) => {
                out.push((field, verbatim(number.value, number.range.start)))
            }
            Json::BooleanLit(boolean) => {
                let text = if boolean.value { "true" } else { "false" };
                out.push((field, verbatim(text, boolean.range.start)));
            }
            _ => {}
        }
        out.retain(|(_, v)| !v.as_str().trim().is_empty());
        out
    }

    fn nested_values(
        &self,
        field: Option<Field>,
        object: &Object<'_>,
        out: &mut Vec<(Option<Field>, Value)>,
    ) {
        match field {
            Some(Field::Status) => {
                if let Some(category) = object
                    .get_object("statusCategory")
                    .and_then(|c| c.get_string("name"))
                {
                    out.push((Some(Field::StatusCategory), self.string_value(category)));
                }
            }
            Some(Field::Parent) => {
                let summary = object
                    .get_object("fields")
                    .and_then(|f| f.get_string("summary"));
                if let Some(summary) = summary {
                    out.push((Some(Field::ParentSummary), self.string_value(summary)));
                }
            }
            _ => {}
        }
    }

    fn string_value(&self, lit: &jsonc_parser::ast::StringLit<'_>) -> Value {
        Value {
            text: string_text(lit, self.source),
            span: Span::new(
                lit.range.start + 1,
                lit.range.end.saturating_sub(1).max(lit.range.start + 1),
            ),
        }
    }
}

/// Records that `field` was read from JSON field `id` (`key` for the issue key), for
/// `backlint fields`. Fields read from inside another field's object say so.
fn note_origin(origins: &mut [FieldOrigin], field: Field, id: &str, display: Option<&str>) {
    let Some(entry) = origins.iter_mut().find(|o| o.field == field) else {
        return;
    };
    // Called for every field of every issue: look before allocating.
    let nested = match (field, id) {
        (Field::Key, _) => Some("key"),
        (Field::StatusCategory, "status") => Some("fields.status.statusCategory"),
        (Field::ParentSummary, "parent") => Some("fields.parent.fields.summary"),
        _ => None,
    };
    let is_this = |name: &String| {
        let path = name.split(' ').next().unwrap_or_default();
        match nested {
            Some(nested) => path == nested,
            None => path.strip_prefix("fields.") == Some(id),
        }
    };
    if entry.names.iter().any(is_this) {
        return;
    }
    entry.names.push(match (nested, display) {
        (Some(nested), _) => nested.to_owned(),
        (None, Some(name)) if name != id => format!("fields.{id} ({name})"),
        (None, _) => format!("fields.{id}"),
    });
}

fn entry(name: &str, field: Option<Field>, value: Value) -> Entry {
    Entry {
        name: Arc::from(name),
        field,
        value,
    }
}

fn verbatim(text: &str, start: usize) -> Value {
    Value {
        text: MappedText::verbatim(text, start),
        span: Span::new(start, start + text.len()),
    }
}

fn span_of(json: &Json<'_>) -> Span {
    Span::new(json.start(), json.end())
}

fn is_adf(object: &Object<'_>) -> bool {
    object.get_string("type").is_some_and(|t| t.value == "doc")
}

/// Jira's own field ids, the same on every site.
fn system_field(id: &str) -> Option<Field> {
    Some(match id {
        "summary" => Field::Summary,
        "description" => Field::Description,
        "issuetype" => Field::IssueType,
        "status" => Field::Status,
        "priority" => Field::Priority,
        "labels" => Field::Labels,
        "assignee" => Field::Assignee,
        "created" => Field::Created,
        "updated" => Field::Updated,
        "parent" => Field::Parent,
        _ => return None,
    })
}

/// Jira Server's sprint field holds strings like
/// `com.atlassian.greenhopper.service.sprint.Sprint@7eede03a[id=2,…,name=SP Sprint 2,…]`;
/// the sprint is its `name`, which may itself hold commas.
fn legacy_sprint_name(value: Value) -> Value {
    let text = value.as_str();
    if !text.starts_with("com.atlassian.greenhopper") {
        return value;
    }
    let Some(start) = text.find(",name=").map(|i| i + ",name=".len()) else {
        return value;
    };
    let rest = &text[start..];
    let known_next = [
        ",startDate=",
        ",endDate=",
        ",completeDate=",
        ",activatedDate=",
        ",sequence=",
        ",goal=",
        ",autoStartStop=",
        ",synced=",
    ];
    let end = known_next
        .iter()
        .filter_map(|k| rest.find(k))
        .min()
        .unwrap_or(rest.trim_end_matches(']').len());
    let mut name = MappedText::new();
    name.push_slice(&value.text, start..start + end);
    Value {
        span: value.text.source_span(start..start + end),
        text: name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_sprint_strings_give_their_name() {
        let raw = "com.atlassian.greenhopper.service.sprint.Sprint@7eede03a[id=2,rapidViewId=1,state=ACTIVE,name=SP Sprint 2, part A,startDate=2026-02-09T09:00:00.000Z,goal=]";
        let value = verbatim(raw, 10);
        let name = legacy_sprint_name(value);
        assert_eq!(name.as_str(), "SP Sprint 2, part A");
        let at = raw.find("SP Sprint").unwrap() + 10;
        assert_eq!(name.span, Span::new(at, at + "SP Sprint 2, part A".len()));
    }
}
