//! The values a JSON field gives: one per array element; objects by their `name`,
//! `value`, `displayName` or `key`; rich text (ADF, wiki markup) as plain text; and extra
//! logical fields that objects carry (a status's category, a parent's summary).

use jsonc_parser::ast::{Object, StringLit, Value as Json};
use jsonc_parser::common::Ranged;

use crate::backlog::{Field, MappedText, Span, Value};
use crate::ingest::json_text::literal_text;
use crate::ingest::{adf, wiki};
use crate::stored::Raw;

use super::syntax::Kind;
use super::tree;

/// The values of the JSON value at `value` in `text`, of kind `kind`, for a field that
/// fills `field`. Strings, numbers and booleans are read where they stand; objects and
/// arrays are parsed on their own, and what they give moved back to where they stand.
pub fn values_at(
    text: &str,
    value: Raw,
    kind: Kind,
    field: Option<Field>,
) -> Vec<(Option<Field>, Value)> {
    let span = value.span();
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let mut out = match kind {
        Kind::String => vec![(field, string_value(field, span, text))],
        Kind::Object | Kind::Array => {
            let Ok(Some(json)) = tree::parse_text(raw) else {
                return Vec::new();
            };
            let mut out = values(field, &json, raw);
            for (_, value) in &mut out {
                value.shift(span.start);
            }
            out
        }
        Kind::Other if raw == "null" => Vec::new(),
        Kind::Other => vec![(field, verbatim(raw, span.start))],
    };
    out.retain(|(_, v)| !v.as_str().trim().is_empty());
    out
}

/// The value of the string literal at `literal` (quotes included) in `source`.
pub fn literal_value(literal: Span, source: &str) -> Value {
    Value {
        text: literal_text(literal, source),
        span: Span::new(
            literal.start + 1,
            literal.end.saturating_sub(1).max(literal.start + 1),
        ),
    }
}

/// A string's value for `field`: descriptions as plain text, legacy sprints by name.
fn string_value(field: Option<Field>, literal: Span, source: &str) -> Value {
    let mut value = literal_value(literal, source);
    if matches!(field, Some(Field::Description | Field::AcceptanceCriteria)) {
        value.text = wiki::to_plain(&value.text);
    } else if field == Some(Field::Sprint) {
        value = legacy_sprint_name(value);
    }
    value
}

fn values(field: Option<Field>, json: &Json<'_>, source: &str) -> Vec<(Option<Field>, Value)> {
    let mut out = Vec::new();
    match json {
        Json::Array(array) => {
            for element in &array.elements {
                out.extend(values(field, element, source));
            }
        }
        Json::Object(object) if is_adf(object) => {
            let text = adf::to_plain(json, source);
            out.push((
                field,
                Value {
                    text,
                    span: Span::new(json.start(), json.end()),
                },
            ));
        }
        Json::Object(object) => {
            if let Some(value) = ["name", "value", "displayName", "key"]
                .iter()
                .find_map(|k| object.get_string(k))
                .map(|s| lit_value(s, source))
            {
                out.push((field, value));
            }
            nested_values(field, object, source, &mut out);
        }
        Json::StringLit(lit) => {
            out.push((field, string_value(field, lit_span(lit), source)));
        }
        Json::NumberLit(number) => out.push((field, verbatim(number.value, number.range.start))),
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
    field: Option<Field>,
    object: &Object<'_>,
    source: &str,
    out: &mut Vec<(Option<Field>, Value)>,
) {
    match field {
        Some(Field::Status) => {
            if let Some(category) = object
                .get_object("statusCategory")
                .and_then(|c| c.get_string("name"))
            {
                out.push((Some(Field::StatusCategory), lit_value(category, source)));
            }
        }
        Some(Field::Parent) => {
            let summary = object
                .get_object("fields")
                .and_then(|f| f.get_string("summary"));
            if let Some(summary) = summary {
                out.push((Some(Field::ParentSummary), lit_value(summary, source)));
            }
        }
        _ => {}
    }
}

/// The fields a JSON field that fills `mapped` may give values of.
pub fn gives(mapped: Field, field: Field) -> bool {
    mapped == field
        || (mapped, field) == (Field::Status, Field::StatusCategory)
        || (mapped, field) == (Field::Parent, Field::ParentSummary)
}

fn lit_span(lit: &StringLit<'_>) -> Span {
    Span::new(lit.range.start, lit.range.end)
}

fn lit_value(lit: &StringLit<'_>, source: &str) -> Value {
    literal_value(lit_span(lit), source)
}

fn verbatim(text: &str, start: usize) -> Value {
    Value {
        text: MappedText::verbatim(text, start),
        span: Span::new(start, start + text.len()),
    }
}

fn is_adf(object: &Object<'_>) -> bool {
    object.get_string("type").is_some_and(|t| t.value == "doc")
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

    #[test]
    fn values_read_apart_stand_where_they_are_in_the_file() {
        let text = r#"{"status": {"name": "Done", "statusCategory": {"name": "Done"}}, "n": 5}"#;
        let start = text.find("{\"name\"").unwrap();
        let end = text.find(", \"n\"").unwrap();
        let got = values_at(
            text,
            Raw::of(Span::new(start, end)),
            Kind::Object,
            Some(Field::Status),
        );
        let fields: Vec<_> = got.iter().map(|(f, v)| (*f, v.as_str())).collect();
        assert_eq!(
            fields,
            [
                (Some(Field::Status), "Done"),
                (Some(Field::StatusCategory), "Done")
            ]
        );
        for (_, value) in &got {
            assert_eq!(&text[value.span.start..value.span.end], "Done");
        }
        let five = text.rfind('5').unwrap();
        let number = values_at(text, Raw::of(Span::new(five, five + 1)), Kind::Other, None);
        assert_eq!(number[0].1.span, Span::new(five, five + 1));
        assert!(values_at(text, Raw::of(Span::new(0, 0)), Kind::Other, None).is_empty());
    }
}
