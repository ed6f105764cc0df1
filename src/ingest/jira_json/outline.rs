//! The one pass over a whole response: checks its syntax and finds its issues, the
//! properties of their `fields` and the `names` map, building no tree.

use std::borrow::Cow;
use std::ops::Range;

use crate::backlog::stored::Raw;
use crate::backlog::Span;
use crate::ingest::json_text::literal_text;

use super::syntax::{Cursor, Invalid, Kind};

/// What the pass found.
#[derive(Debug)]
pub struct Outline {
    /// The issues, or what the file holds instead (`an object with keys …`).
    pub issues: Result<Vec<Issue>, String>,
    /// The properties of the `fields` object of every issue, one issue after the other.
    pub fields: Vec<Prop>,
    /// Field id → field name, from a response's `names` (`expand=names`).
    pub names: Vec<(String, String)>,
    /// Where the value of the file starts.
    pub start: usize,
    /// The first string value longer than the limit given.
    pub long: Option<Span>,
}

/// Where an issue is and what it holds that reading it needs.
#[derive(Debug, Default, Clone)]
pub struct Issue {
    pub span: Raw,
    /// The string literals (quotes included) of `key`, `id` and `self`: of the first
    /// property so named, when it holds a string.
    pub key: Option<Raw>,
    pub id: Option<Raw>,
    pub url: Option<Raw>,
    /// Whether the issue has a `fields` property, of any kind.
    pub has_fields: bool,
    /// Its properties in [`Outline::fields`], when the first `fields` is an object.
    pub fields: Range<usize>,
}

/// A property: its name's literal (quotes included) and its value.
#[derive(Debug, Clone, Copy)]
pub struct Prop {
    pub name: Raw,
    pub value: Raw,
    pub kind: Kind,
}

/// The text of the string literal at `literal`, unescaped.
pub fn unquoted(text: &str, literal: Raw) -> Cow<'_, str> {
    let inner = text
        .get(literal.start as usize + 1..(literal.end as usize).saturating_sub(1))
        .unwrap_or_default();
    if inner.contains('\\') {
        Cow::Owned(literal_text(literal.span(), text).as_str().to_owned())
    } else {
        Cow::Borrowed(inner)
    }
}

/// Reads the whole of `text`; string values over `limit` bytes are noted.
pub fn outline(text: &str, limit: usize) -> Result<Outline, Invalid> {
    let mut cursor = Cursor::new(text, 0, limit);
    let kind = cursor.peek().ok_or(Invalid)?;
    let mut out = Outline {
        issues: Ok(Vec::new()),
        fields: Vec::new(),
        names: Vec::new(),
        start: cursor.at(),
        long: None,
    };
    out.issues = match kind {
        Kind::Array => {
            let mut issues = Some(Vec::new());
            let mut count = 0;
            cursor.array(|cursor| {
                count += 1;
                element(cursor, &mut issues, &mut out.fields)
            })?;
            issues.ok_or_else(|| format!("an array of {count} values that are not all issues"))
        }
        Kind::Object => {
            let mut root = Root::default();
            let issue = issue(&mut cursor, &mut out.fields, Some(&mut root))?;
            out.names = root.names;
            if issue.has_fields {
                Ok(vec![issue])
            } else {
                root.issues
                    .ok_or_else(|| format!("an object with keys {}", root.first_names.join(", ")))
            }
        }
        Kind::String | Kind::Other => {
            cursor.value()?;
            Err("a single value".to_owned())
        }
    };
    cursor.end()?;
    out.long = cursor.long;
    Ok(out)
}

/// What the top object of a response holds besides what an issue does.
#[derive(Default)]
struct Root {
    /// The elements of the first `issues`, while it is an array of issues.
    issues: Option<Vec<Issue>>,
    seen_issues: bool,
    seen_names: bool,
    names: Vec<(String, String)>,
    /// The names of its first eight properties, for the error when it is no response.
    first_names: Vec<String>,
}

/// Steps over an element of an array that may hold issues; `issues` becomes `None` at
/// the first that is not one.
fn element(
    cursor: &mut Cursor<'_>,
    issues: &mut Option<Vec<Issue>>,
    fields: &mut Vec<Prop>,
) -> Result<(), Invalid> {
    match issues {
        Some(list) if cursor.peek() == Some(Kind::Object) => {
            let found = issue(cursor, fields, None)?;
            if found.has_fields {
                list.push(found);
            } else {
                *issues = None;
            }
        }
        _ => {
            cursor.value()?;
            *issues = None;
        }
    }
    Ok(())
}

/// Steps over an object that may be an issue, noting what an issue needs; at the top of
/// the file (`root`), also the response's `issues` and `names`.
fn issue(
    cursor: &mut Cursor<'_>,
    fields: &mut Vec<Prop>,
    mut root: Option<&mut Root>,
) -> Result<Issue, Invalid> {
    let text = cursor.text();
    let mut issue = Issue::default();
    let (mut seen_key, mut seen_id, mut seen_url) = (false, false, false);
    let span = cursor.object(|cursor, name| {
        let name = unquoted(text, Raw::of(name));
        let kind = cursor.peek().ok_or(Invalid)?;
        if let Some(root) = root.as_deref_mut() {
            if root.first_names.len() < 8 {
                root.first_names.push(name.clone().into_owned());
            }
        }
        let first = |seen: &mut bool| !std::mem::replace(seen, true);
        match &*name {
            "key" if first(&mut seen_key) => issue.key = string(cursor, kind)?,
            "id" if first(&mut seen_id) => issue.id = string(cursor, kind)?,
            "self" if first(&mut seen_url) => issue.url = string(cursor, kind)?,
            "fields" if !issue.has_fields => {
                issue.has_fields = true;
                if kind == Kind::Object {
                    let start = fields.len();
                    cursor.object(|cursor, name| {
                        let kind = cursor.peek().ok_or(Invalid)?;
                        let value = cursor.value()?;
                        fields.push(Prop {
                            name: Raw::of(name),
                            value: Raw::of(value),
                            kind,
                        });
                        Ok(())
                    })?;
                    issue.fields = start..fields.len();
                } else {
                    cursor.value()?;
                }
            }
            "issues" if root.as_ref().is_some_and(|r| !r.seen_issues) => {
                let root = root.as_deref_mut().ok_or(Invalid)?;
                root.seen_issues = true;
                if kind == Kind::Array {
                    let mut issues = Some(Vec::new());
                    cursor.array(|cursor| element(cursor, &mut issues, fields))?;
                    root.issues = issues;
                } else {
                    cursor.value()?;
                }
            }
            "names" if root.as_ref().is_some_and(|r| !r.seen_names) => {
                let root = root.as_deref_mut().ok_or(Invalid)?;
                root.seen_names = true;
                if kind == Kind::Object {
                    cursor.object(|cursor, id| {
                        let kind = cursor.peek().ok_or(Invalid)?;
                        let value = cursor.value()?;
                        if kind == Kind::String {
                            root.names.push((
                                unquoted(text, Raw::of(id)).into_owned(),
                                unquoted(text, Raw::of(value)).into_owned(),
                            ));
                        }
                        Ok(())
                    })?;
                } else {
                    cursor.value()?;
                }
            }
            _ => {
                cursor.value()?;
            }
        }
        Ok(())
    })?;
    issue.span = Raw::of(span);
    Ok(issue)
}

/// Steps over a value; its span if it is a string.
fn string(cursor: &mut Cursor<'_>, kind: Kind) -> Result<Option<Raw>, Invalid> {
    let span = cursor.value()?;
    Ok((kind == Kind::String).then(|| Raw::of(span)))
}
