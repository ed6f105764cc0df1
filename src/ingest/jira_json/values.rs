//! The values a JSON field gives: one per array element; objects by their `name`,
//! `value`, `displayName` or `key`; rich text (ADF, wiki markup) as plain text; and extra
//! logical fields that objects carry (a status's category, a parent's summary).
//!
//! A value is read where it stands, stepping through it with [`Cursor`], as is a rich text
//! document ([`adf`]): no tree is built.

use crate::backlog::stored::Raw;
use crate::backlog::{Field, MappedText, Span, Value};
use crate::ingest::json_text::literal_text;
use crate::ingest::{adf, wiki};

use super::outline::unquoted;
use super::syntax::{Cursor, Invalid, Kind};

/// The non-blank values of the JSON value at `value` in `text`, for a JSON field that
/// fills `field`.
pub fn values_at(text: &str, value: Raw, field: Option<Field>) -> Vec<(Option<Field>, Value)> {
    let mut cursor = Cursor::trusted(text, value.start as usize);
    // The value was read whole before: stepping through it again cannot fail.
    values(&mut cursor, field).unwrap_or_default()
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

/// A string's values for `field`: descriptions as plain text; a legacy sprint by its name,
/// with its state.
fn string_values(
    field: Option<Field>,
    literal: Span,
    source: &str,
    out: &mut Vec<(Option<Field>, Value)>,
) {
    let mut value = literal_value(literal, source);
    if matches!(field, Some(Field::Description | Field::AcceptanceCriteria)) {
        value.text = wiki::to_plain(&value.text);
    } else if field == Some(Field::Sprint) && is_legacy_sprint(&value) {
        let state = legacy_sprint_part(&value, "state");
        if let Some(name) = legacy_sprint_part(&value, "name") {
            out.push((field, name));
            out.extend(state.map(|state| (Some(Field::SprintState), state)));
            return;
        }
    }
    out.push((field, value));
}

/// The values of the value the cursor stands before, stepping over it.
fn values(
    cursor: &mut Cursor<'_>,
    field: Option<Field>,
) -> Result<Vec<(Option<Field>, Value)>, Invalid> {
    let text = cursor.text();
    let mut out = Vec::new();
    match cursor.peek().ok_or(Invalid)? {
        Kind::Array => {
            cursor.array(|cursor| {
                out.extend(values(cursor, field)?);
                Ok(())
            })?;
        }
        Kind::Object => object_values(cursor, field, &mut out)?,
        Kind::String => {
            let literal = cursor.value()?;
            string_values(field, literal, text, &mut out);
        }
        Kind::Other => {
            let span = cursor.value()?;
            let raw = text.get(span.start..span.end).unwrap_or_default();
            if raw != "null" {
                out.push((
                    field,
                    Value {
                        text: MappedText::verbatim(raw, span.start),
                        span,
                    },
                ));
            }
        }
    }
    out.retain(|(_, v)| !v.as_str().trim().is_empty());
    Ok(out)
}

/// The properties of an object that its values come from: of each name, the first.
#[derive(Default)]
struct Named {
    /// `type`, when a string.
    kind: Option<Span>,
    /// `name`, `value`, `displayName` and `key`, when strings.
    names: [Option<Span>; 4],
    /// What the object carries besides, when a string: `statusCategory.name` of a status,
    /// `fields.summary` of a parent, `state` of a sprint.
    carried: Option<Span>,
}

const NAMES: [&str; 4] = ["name", "value", "displayName", "key"];

/// The values of an object: a rich text document as plain text; else its first name,
/// value, display name or key, and what it carries besides ([`carried_by`]).
fn object_values(
    cursor: &mut Cursor<'_>,
    field: Option<Field>,
    out: &mut Vec<(Option<Field>, Value)>,
) -> Result<(), Invalid> {
    let text = cursor.text();
    if field == Some(Field::BlockedBy) {
        return link_values(cursor, out);
    }
    let carries = carried_by(field);
    let mut named = Named::default();
    let mut seen = [false; 6];
    let span = cursor.object(|cursor, name| {
        let name = unquoted(text, Raw::of(name));
        let kind = cursor.peek().ok_or(Invalid)?;
        let slot = match &*name {
            "type" => 4,
            carrier if carries.is_some_and(|c| c.property == carrier) => 5,
            other => NAMES.iter().position(|n| *n == other).unwrap_or(6),
        };
        let first = seen
            .get_mut(slot)
            .is_some_and(|s| !std::mem::replace(s, true));
        let inner = carries.and_then(|c| c.inner);
        match (slot, kind, inner) {
            (5, Kind::Object, Some(inner)) if first => {
                named.carried = first_string(cursor, inner)?;
            }
            (_, Kind::String, _) if first => {
                let literal = cursor.value()?;
                match slot {
                    4 => named.kind = Some(literal),
                    5 if inner.is_none() => named.carried = Some(literal),
                    5 => {}
                    _ => named.names[slot] = Some(literal),
                }
            }
            _ => {
                cursor.value()?;
            }
        }
        Ok(())
    })?;
    let is_doc = named
        .kind
        .is_some_and(|kind| unquoted(text, Raw::of(kind)) == "doc");
    if is_doc {
        out.push((field, document(text, span)));
        return Ok(());
    }
    if let Some(literal) = named.names.iter().flatten().next() {
        out.push((field, literal_value(*literal, text)));
    }
    if let (Some(carries), Some(literal)) = (carries, named.carried) {
        out.push((Some(carries.field), literal_value(literal, text)));
    }
    Ok(())
}

/// A field that an object of another field carries: a status's category, a parent's
/// summary, a sprint's state.
#[derive(Clone, Copy)]
struct Carried {
    /// The object's property that holds it.
    property: &'static str,
    /// Inside that property's object, the property that holds it; `None` when the
    /// property is the value itself.
    inner: Option<&'static str>,
    field: Field,
}

/// What an object that fills `field` carries besides its name.
fn carried_by(field: Option<Field>) -> Option<Carried> {
    let (property, inner, field) = match field? {
        Field::Status => ("statusCategory", Some("name"), Field::StatusCategory),
        Field::Parent => ("fields", Some("summary"), Field::ParentSummary),
        Field::Sprint => ("state", None, Field::SprintState),
        _ => return None,
    };
    Some(Carried {
        property,
        inner,
        field,
    })
}

/// An issue link (`issuelinks[]`), stepping over it. Of Jira's "Blocks" type, the
/// `inwardIssue` blocks this issue (Jira shows "is blocked by" on it) and this issue blocks
/// the `outwardIssue`: their keys are the values. Links of other types give none.
fn link_values(
    cursor: &mut Cursor<'_>,
    out: &mut Vec<(Option<Field>, Value)>,
) -> Result<(), Invalid> {
    let text = cursor.text();
    let mut blocks = false;
    let mut inward = None;
    let mut outward = None;
    cursor.object(|cursor, name| {
        let name = unquoted(text, Raw::of(name));
        if cursor.peek().ok_or(Invalid)? != Kind::Object {
            cursor.value()?;
            return Ok(());
        }
        match &*name {
            "type" => {
                let kind = first_string(cursor, "name")?;
                blocks =
                    kind.is_some_and(|k| unquoted(text, Raw::of(k)).eq_ignore_ascii_case("Blocks"));
            }
            "inwardIssue" => inward = first_string(cursor, "key")?,
            "outwardIssue" => outward = first_string(cursor, "key")?,
            _ => {
                cursor.value()?;
            }
        }
        Ok(())
    })?;
    if blocks {
        let linked = [(Field::BlockedBy, inward), (Field::Blocks, outward)];
        for (field, key) in linked {
            if let Some(key) = key {
                out.push((Some(field), literal_value(key, text)));
            }
        }
    }
    Ok(())
}

/// Steps over an object; its first property named `name`, when a string.
fn first_string(cursor: &mut Cursor<'_>, name: &str) -> Result<Option<Span>, Invalid> {
    let text = cursor.text();
    let mut found = None;
    let mut seen = false;
    cursor.object(|cursor, property| {
        let kind = cursor.peek().ok_or(Invalid)?;
        let value = cursor.value()?;
        if !seen && unquoted(text, Raw::of(property)) == name {
            seen = true;
            found = (kind == Kind::String).then_some(value);
        }
        Ok(())
    })?;
    Ok(found)
}

/// The plain text of the rich text document at `span`.
fn document(text: &str, span: Span) -> Value {
    Value {
        text: adf::to_plain(text, span.start),
        span,
    }
}

/// The fields a JSON field that fills `mapped` may give values of.
pub fn gives(mapped: Field, field: Field) -> bool {
    mapped == field
        || (mapped, field) == (Field::Status, Field::StatusCategory)
        || (mapped, field) == (Field::Parent, Field::ParentSummary)
        || (mapped, field) == (Field::BlockedBy, Field::Blocks)
        || (mapped, field) == (Field::Sprint, Field::SprintState)
}

/// Whether `value` is one of Jira Server's sprint strings,
/// `com.atlassian.greenhopper.service.sprint.Sprint@7eede03a[id=2,…,state=ACTIVE,name=SP Sprint 2,…]`.
fn is_legacy_sprint(value: &Value) -> bool {
    value.as_str().starts_with("com.atlassian.greenhopper")
}

/// The part `key` of a legacy sprint string (its `name` may itself hold commas), where it
/// stands; `None` when absent or empty.
fn legacy_sprint_part(value: &Value, key: &str) -> Option<Value> {
    let text = value.as_str();
    let marker = format!(",{key}=");
    let start = text.find(&marker)? + marker.len();
    let rest = &text[start..];
    let known_next = [
        ",rapidViewId=",
        ",state=",
        ",name=",
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
    if rest[..end].trim().is_empty() {
        return None;
    }
    let mut part = MappedText::new();
    part.push_slice(&value.text, start..start + end);
    Some(Value {
        span: value.text.source_span(start..start + end),
        text: part,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_sprint_strings_give_their_name_and_state() {
        let raw = "com.atlassian.greenhopper.service.sprint.Sprint@7eede03a[id=2,rapidViewId=1,state=ACTIVE,name=SP Sprint 2, part A,startDate=2026-02-09T09:00:00.000Z,goal=]";
        let value = Value {
            text: MappedText::verbatim(raw, 10),
            span: Span::new(10, 10 + raw.len()),
        };
        let name = legacy_sprint_part(&value, "name").unwrap();
        assert_eq!(name.as_str(), "SP Sprint 2, part A");
        let at = raw.find("SP Sprint").unwrap() + 10;
        assert_eq!(name.span, Span::new(at, at + "SP Sprint 2, part A".len()));
        let state = legacy_sprint_part(&value, "state").unwrap();
        assert_eq!(state.as_str(), "ACTIVE");
        let at = raw.find("ACTIVE").unwrap() + 10;
        assert_eq!(state.span, Span::new(at, at + "ACTIVE".len()));
    }

    #[test]
    fn values_read_apart_stand_where_they_are_in_the_file() {
        let text = r#"{"status": {"name": "Done", "statusCategory": {"name": "Done"}}, "n": 5}"#;
        let start = text.find("{\"name\"").unwrap();
        let end = text.find(", \"n\"").unwrap();
        let got = values_at(text, Raw::of(Span::new(start, end)), Some(Field::Status));
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
        let number = values_at(text, Raw::of(Span::new(five, five + 1)), None);
        assert_eq!(number[0].1.span, Span::new(five, five + 1));
    }

    /// The value of the whole of `text`, for `field`.
    fn read(text: &str, field: Option<Field>) -> Vec<(Option<Field>, String)> {
        values_at(text, Raw::of(Span::new(0, text.len())), field)
            .into_iter()
            .map(|(f, v)| (f, v.as_str().to_owned()))
            .collect()
    }

    #[test]
    fn objects_give_the_first_of_each_name_that_is_a_string() {
        let object = r#"{"name": 7, "value": "High", "name": "ignored", "displayName": "Shown"}"#;
        assert_eq!(read(object, None), [(None, "High".to_owned())]);
        let parent = r#"{"key": "P-1", "fields": {"summary": "Epic", "summary": "x"}}"#;
        assert_eq!(
            read(parent, Some(Field::Parent)),
            [
                (Some(Field::Parent), "P-1".to_owned()),
                (Some(Field::ParentSummary), "Epic".to_owned())
            ]
        );
        assert_eq!(
            read(parent, Some(Field::Labels)),
            [(Some(Field::Labels), "P-1".to_owned())]
        );
        assert_eq!(read(r#"[null, "  ", true, 4.5]"#, None).len(), 2);
    }

    #[test]
    fn sprint_objects_give_their_name_and_state_in_pairs() {
        let sprints = r#"[{"id": 1, "name": "S 1", "state": "closed"}, {"state": "future", "name": "S 2"}, {"name": "S 3"}]"#;
        assert_eq!(
            read(sprints, Some(Field::Sprint)),
            [
                (Some(Field::Sprint), "S 1".to_owned()),
                (Some(Field::SprintState), "closed".to_owned()),
                (Some(Field::Sprint), "S 2".to_owned()),
                (Some(Field::SprintState), "future".to_owned()),
                (Some(Field::Sprint), "S 3".to_owned()),
            ]
        );
        // Only a sprint's objects carry a state.
        let status = r#"{"name": "Done", "state": "closed"}"#;
        assert_eq!(
            read(status, Some(Field::Status)),
            [(Some(Field::Status), "Done".to_owned())]
        );
    }

    #[test]
    fn documents_read_as_plain_text_where_they_stand() {
        let text = r#"{"d": {"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Hello"}]}]}}"#;
        let start = text.find("{\"type\"").unwrap();
        let got = values_at(
            text,
            Raw::of(Span::new(start, text.len() - 1)),
            Some(Field::Description),
        );
        assert_eq!(got.len(), 1);
        let value = &got[0].1;
        assert_eq!(value.as_str(), "Hello");
        assert_eq!(value.span, Span::new(start, text.len() - 1));
        let hello = value.span_of(0..5);
        assert_eq!(&text[hello.start..hello.end], "Hello");
    }
}
