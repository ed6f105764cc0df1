use serde::Deserialize;

use crate::backlog::Span;
use crate::rules::check::FieldRef;
use crate::rules::context::Context;
use crate::rules::hit::Hit;

/// `kind = "required"`: the field must have a non-empty value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Required {
    pub field: FieldRef,
}

impl Required {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        if self
            .field
            .texts(cx)
            .iter()
            .any(|t| !t.text().trim().is_empty())
        {
            return Vec::new();
        }
        // At the empty cell of a logical field when the export has one.
        let span = match self.field.logical() {
            Some(field) => cx.item.missing(field),
            None => Span::empty_at(cx.item.anchor.start),
        };
        vec![Hit {
            span,
            field: Some(self.field.name().into()),
            vars: vec![("problem", "is empty".to_owned())],
            as_note: false,
        }]
    }
}
