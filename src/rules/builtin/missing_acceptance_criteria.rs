use serde::Deserialize;

use crate::backlog::{Field, Span};
use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::view::field_texts;

/// `missing-acceptance-criteria`: none in the acceptance-criteria field, nor in the
/// description (a heading such as "Acceptance Criteria" or "AC:", a checklist, Given/When/
/// Then lines, an ADF task list).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingAcceptanceCriteria {}

impl MissingAcceptanceCriteria {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        if !cx.criteria().is_empty() {
            return Vec::new();
        }
        let hit = match field_texts(cx.item, Field::Description).first() {
            // Point at the end of the description, where criteria would go.
            Some(description) => {
                let end = description.text().trim_end().len();
                Hit::on(description, description.span_of(end..end))
            }
            None => Hit {
                span: Span::empty_at(cx.item.anchor.start),
                field: None,
                vars: Vec::new(),
            },
        };
        vec![hit]
    }
}
