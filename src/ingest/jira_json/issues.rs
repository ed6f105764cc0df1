//! Decoding the issues of a response that [`read`](super::read) kept undecoded (see
//! [`crate::backlog::stored`]): where each property of an issue's `fields` stands was noted
//! while reading, so only the fields asked for are stepped through, parsed and converted.

use std::sync::Arc;

use crate::backlog::stored::{Decoder, Kept, Raw};
use crate::backlog::{Entry, Field, Item, Span, Value};
use crate::source::Source;

use super::outline::{Issue, Prop};
use super::resolve::Resolver;
use super::values::{gives, literal_value, values_at};

/// The decoder of one response's issues.
#[derive(Debug)]
pub struct Issues {
    ids: Resolver,
    /// The issues, in file order (a kept issue's record - 1).
    issues: Vec<Found>,
    /// The properties of their `fields` objects, one issue after the other.
    fields: Vec<Property>,
}

/// What decoding an issue needs of what the read found: the literals of its `key` and
/// `self` (empty if none) and where its properties are in [`Issues::fields`].
#[derive(Debug, Clone, Copy, Default)]
struct Found {
    key: Raw,
    url: Raw,
    fields_start: u32,
    fields_end: u32,
}

/// A property of an issue's `fields`: where its value stands, and the number of its id in
/// the resolver.
#[derive(Debug, Clone, Copy)]
struct Property {
    value: Raw,
    id: u32,
}

impl Issues {
    /// The decoder of `issues`, whose `fields` properties are `props`; `numbers` are the
    /// numbers of the props' ids in `ids`.
    pub fn new(ids: Resolver, issues: &[Issue], props: &[Prop], numbers: &[u32]) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Issues {
            ids,
            issues: issues
                .iter()
                .map(|issue| Found {
                    key: issue.key.unwrap_or_default(),
                    url: issue.url.unwrap_or_default(),
                    fields_start: narrow(issue.fields.start),
                    fields_end: narrow(issue.fields.end),
                })
                .collect(),
            fields: props
                .iter()
                .zip(numbers)
                .map(|(prop, &id)| Property {
                    value: prop.value,
                    id,
                })
                .collect(),
        }
    }
}

/// An entry waiting to be ordered: the issue key first, then the logical fields by field
/// and preference, then the rest, each in file order (as in CSV).
type Ranked = ((u8, Option<Field>, usize, usize), Entry);

impl Decoder for Issues {
    fn item(&self, source: &Source, kept: &Kept) -> Item {
        let text = source.text();
        Item {
            source: kept.source as usize,
            record: kept.record as usize,
            key: kept.key.text(text).to_owned(),
            anchor: Span::empty_at(kept.bytes.start as usize),
            entries: self
                .ranked(text, kept, None)
                .into_iter()
                .map(|(_, e)| e)
                .collect(),
            blanks: Vec::new(),
        }
    }

    fn values(&self, source: &Source, kept: &Kept, field: Field) -> Vec<Value> {
        self.values_of(source, kept, &[field])
            .pop()
            .unwrap_or_default()
    }

    /// The summary comes from the literal kept for it; the other fields from one pass over
    /// the issue's properties, converting only theirs.
    fn values_of(&self, source: &Source, kept: &Kept, fields: &[Field]) -> Vec<Vec<Value>> {
        let text = source.text();
        let mut lists: Vec<Vec<Value>> = vec![Vec::new(); fields.len()];
        let kept_summary = kept.summary.end > kept.summary.start;
        let from_literal = |field: Field| field == Field::Summary && kept_summary;
        let in_properties: Vec<Field> = fields
            .iter()
            .copied()
            .filter(|&f| !from_literal(f))
            .collect();
        if !in_properties.is_empty() {
            for (_, entry) in self.ranked(text, kept, Some(&in_properties)) {
                let at = fields
                    .iter()
                    .position(|&f| !from_literal(f) && entry.field == Some(f));
                if let Some(at) = at {
                    lists[at].push(entry.value);
                }
            }
        }
        if let Some(at) = fields.iter().position(|&f| from_literal(f)) {
            let value = literal_value(kept.summary.span(), text);
            lists[at] = Some(value)
                .filter(|v| !v.as_str().trim().is_empty())
                .into_iter()
                .collect();
        }
        lists
    }
}

impl Issues {
    /// The entries of the issue `kept`, ordered; with `only`, those of these fields alone,
    /// converting no other.
    fn ranked(&self, text: &str, kept: &Kept, only: Option<&[Field]>) -> Vec<Ranked> {
        let found = (kept.record as usize)
            .checked_sub(1)
            .and_then(|index| self.issues.get(index))
            .copied()
            .unwrap_or_default();
        let props = self
            .fields
            .get(found.fields_start as usize..found.fields_end as usize)
            .unwrap_or_default();
        let given = |literal: Raw| Some(literal).filter(|l| l.end > l.start);
        let wanted = |field: Option<Field>| {
            only.is_none_or(|fields| field.is_some_and(|f| fields.contains(&f)))
        };
        let mut ranked: Vec<Ranked> = Vec::new();
        if let Some(key) = given(found.key).filter(|_| wanted(Some(Field::Key))) {
            let value = literal_value(key.span(), text);
            ranked.push((
                (0, Some(Field::Key), 0, 0),
                entry("key".into(), Some(Field::Key), value),
            ));
        }
        // The issue's REST address (`https://site/rest/api/2/issue/10002`), unmapped: the
        // HTML report derives the issue's page from it.
        if let Some(url) = given(found.url).filter(|_| only.is_none()) {
            let value = literal_value(url.span(), text);
            ranked.push(((1, None, 0, 0), entry("self".into(), None, value)));
        }
        for (position, prop) in props.iter().enumerate() {
            let Some(resolved) = self.ids.get(prop.id) else {
                continue;
            };
            let mapped = resolved.lookup.map(|l| l.0);
            let asked = match only {
                None => resolved.read,
                Some(fields) => mapped.is_some_and(|m| fields.iter().any(|&f| gives(m, f))),
            };
            if !asked {
                continue;
            }
            for (field, value) in values_at(text, prop.value, mapped) {
                if !wanted(field) {
                    continue;
                }
                let rank = resolved.lookup.map_or(0, |l| l.1);
                let sort = if field.is_some() {
                    (0, field, rank, position)
                } else {
                    (1, None, 0, position)
                };
                let shown = match (field, mapped) {
                    (Some(f), Some(m)) if f != m => Arc::from(f.name()),
                    _ => Arc::clone(&resolved.name),
                };
                ranked.push((sort, entry(shown, field, value)));
            }
        }
        ranked.sort_by_key(|(sort, _)| *sort);
        ranked
    }
}

fn entry(name: Arc<str>, field: Option<Field>, value: Value) -> Entry {
    Entry { name, field, value }
}
