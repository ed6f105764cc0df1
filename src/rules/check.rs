//! The closed set of check kinds a rule file can use, and what they share.

use serde::Deserialize;

use crate::backlog::Field;

use super::builtin::Builtin;
use super::context::Context;
use super::hit::Hit;
use super::kinds::{Age, Allowed, Length, Number, Pattern, Required, Words};
use super::view::{field_texts, named_texts, TextRef};

/// A field as a rule names it: a logical field (`priority`), a derived view of the item
/// (`story`: the story sentence wherever it was found; `request`: the story before its
/// benefit, or the whole summary when it is not a story; `criteria`: each acceptance
/// criterion), or an export's own column or JSON field name.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldRef {
    Logical(Field),
    Story,
    Request,
    Criteria,
    Named(String),
}

impl<'de> Deserialize<'de> for FieldRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(match name.as_str() {
            "story" => FieldRef::Story,
            "request" => FieldRef::Request,
            "criteria" => FieldRef::Criteria,
            _ => match Field::from_name(&name) {
                Some(field) => FieldRef::Logical(field),
                None => FieldRef::Named(name),
            },
        })
    }
}

impl FieldRef {
    pub fn name(&self) -> &str {
        match self {
            FieldRef::Logical(field) => field.name(),
            FieldRef::Story => "story",
            FieldRef::Request => "request",
            FieldRef::Criteria => "criteria",
            FieldRef::Named(name) => name,
        }
    }

    /// The logical field this names, if any: rules on a field the export lacks are skipped.
    pub fn logical(&self) -> Option<Field> {
        match self {
            FieldRef::Logical(field) => Some(*field),
            _ => None,
        }
    }

    /// The pieces of text the field holds in the item of `cx`.
    pub fn texts<'c>(&self, cx: &'c Context<'_>) -> Vec<TextRef<'c>> {
        match self {
            FieldRef::Logical(field) => field_texts(cx.item, *field),
            FieldRef::Named(name) => named_texts(cx.item, name),
            FieldRef::Story => cx.story().map(|s| s.text.clone()).into_iter().collect(),
            FieldRef::Request => match cx.story() {
                Some(view) => {
                    let end = view
                        .story
                        .benefit_marker
                        .as_ref()
                        .map_or(view.text.range.len(), |m| m.start);
                    let start = view.text.range.start;
                    vec![TextRef {
                        range: start..start + end,
                        ..view.text.clone()
                    }]
                }
                None => field_texts(cx.item, Field::Summary),
            },
            FieldRef::Criteria => cx.criteria().iter().map(|c| c.text.clone()).collect(),
        }
    }
}

/// The check of a rule, as `[check]` in its file gives it (`kind = "…"` plus options).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Check {
    /// The field must have a non-empty value.
    Required(Required),
    /// The field must (or must not) match a regular expression.
    Pattern(Pattern),
    /// Words or phrases to avoid.
    Words(Words),
    /// A number within bounds, or on a scale.
    Number(Number),
    /// Text length bounds, in words or characters.
    Length(Length),
    /// One of a list of values.
    Allowed(Allowed),
    /// A date no older than a number of days.
    Age(Age),
    /// A check written in code, named by `name`.
    Builtin(Builtin),
}

impl Check {
    /// Whether the rule reports suppression labels that matched no finding: the engine
    /// hands it those, after the suppressions are applied (a team may rename the rule).
    pub(crate) fn reports_unused_suppressions(&self) -> bool {
        matches!(self, Check::Builtin(Builtin::UnusedSuppression {}))
    }

    /// Runs the check on the item of `cx`.
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        match self {
            Check::Required(check) => check.run(cx),
            Check::Pattern(check) => check.run(cx),
            Check::Words(check) => check.run(cx),
            Check::Number(check) => check.run(cx),
            Check::Length(check) => check.run(cx),
            Check::Allowed(check) => check.run(cx),
            Check::Age(check) => check.run(cx),
            Check::Builtin(check) => check.run(cx),
        }
    }

    /// [`Check::run`], keeping at most `max` hits; also returns how many more there were.
    /// A pattern stops building hits at `max` and only counts the rest: `x*` matches at
    /// every character of a 40 MB export.
    pub(crate) fn run_capped(&self, cx: &Context<'_>, max: usize) -> (Vec<Hit>, usize) {
        if let Check::Pattern(check) = self {
            return check.run_capped(cx, max);
        }
        let mut hits = self.run(cx);
        let more = hits.len().saturating_sub(max);
        hits.truncate(max);
        (hits, more)
    }

    /// The names a hit of this check fills in the rule's message and help, beyond `key`
    /// and `field` (which every finding has): what a template may use.
    pub fn variables(&self) -> &'static [&'static str] {
        match self {
            Check::Required(_) => &["problem"],
            Check::Pattern(_) | Check::Number(_) | Check::Allowed(_) | Check::Age(_) => {
                &["problem", "value"]
            }
            Check::Length(_) => &["count", "problem"],
            Check::Words(_) => &["class", "problem", "value", "why"],
            Check::Builtin(check) => check.variables(),
        }
    }

    /// The export's own field names the check reads (`FieldRef::Named`).
    pub fn named_fields(&self) -> Vec<&str> {
        let fields: Vec<&FieldRef> = match self {
            Check::Required(c) => vec![&c.field],
            Check::Pattern(c) => vec![&c.field],
            Check::Number(c) => vec![&c.field],
            Check::Length(c) => vec![&c.field],
            Check::Allowed(c) => vec![&c.field],
            Check::Age(c) => vec![&c.field],
            Check::Words(c) => c.fields.iter().collect(),
            Check::Builtin(_) => Vec::new(),
        };
        fields
            .into_iter()
            .filter_map(|f| match f {
                FieldRef::Named(name) => Some(name.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Whether the check counts an age, so the day ages are counted from must be known.
    pub(crate) fn judges_ages(&self) -> bool {
        match self {
            Check::Age(_) => true,
            Check::Builtin(builtin) => builtin.judges_ages(),
            _ => false,
        }
    }

    /// Logical fields the check reads: it is skipped for an export that has none of them.
    pub fn needs(&self) -> Vec<Field> {
        let field = match self {
            Check::Required(c) => &c.field,
            Check::Pattern(c) => &c.field,
            Check::Number(c) => &c.field,
            Check::Length(c) => &c.field,
            Check::Allowed(c) => &c.field,
            Check::Age(c) => &c.field,
            Check::Words(c) => return c.fields.iter().filter_map(FieldRef::logical).collect(),
            Check::Builtin(c) => return c.needs().to_vec(),
        };
        field.logical().into_iter().collect()
    }
}
