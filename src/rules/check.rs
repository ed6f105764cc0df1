//! The closed set of check kinds a rule file can use.

use serde::Deserialize;

use crate::backlog::{Field, Item, Span};
use crate::error::Error;
use crate::source::Source;

use super::definition::value_span;

/// A field as a rule names it: a logical field (`priority`) or an export's own name.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldRef {
    Logical(Field),
    Named(String),
}

impl<'de> Deserialize<'de> for FieldRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(match Field::from_name(&name) {
            Some(field) => FieldRef::Logical(field),
            None => FieldRef::Named(name),
        })
    }
}

impl FieldRef {
    pub fn name(&self) -> &str {
        match self {
            FieldRef::Logical(field) => field.name(),
            FieldRef::Named(name) => name,
        }
    }

    /// The first non-empty value of the field in `item`.
    pub fn first<'i>(&self, item: &'i Item) -> Option<&'i crate::backlog::Value> {
        match self {
            FieldRef::Logical(field) => item.get(*field),
            FieldRef::Named(name) => item
                .entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(name))
                .map(|e| &e.value),
        }
    }
}

/// What a check found in one item: where, and values for the message template.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub span: Span,
    pub field: Option<String>,
    pub vars: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Check {
    /// The field must have a non-empty value.
    Required { field: FieldRef },
}

impl Check {
    pub fn validate(&self, _source: &Source) -> Result<(), Error> {
        let _ = value_span;
        Ok(())
    }

    /// Runs the check on one item.
    pub fn run(&self, item: &Item) -> Vec<Hit> {
        match self {
            Check::Required { field } => match field.first(item) {
                Some(_) => Vec::new(),
                None => vec![Hit {
                    span: item.anchor,
                    field: Some(field.name().to_owned()),
                    vars: Vec::new(),
                }],
            },
        }
    }
}
