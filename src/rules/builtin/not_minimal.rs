use serde::Deserialize;

use crate::rules::hit::Hit;
use crate::rules::context::Context;
use crate::rules::kinds::excerpt;
use crate::text::story::minimal::{extras, Extra};
use super::ItemCheck;

/// `not-minimal`: the story holds more than role, goal and benefit.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotMinimal {}

impl ItemCheck for NotMinimal {
    const VARIABLES: &'static [&'static str] = &["problem", "value"];
    fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let Some(view) = cx.story() else {
            return Vec::new();
        };
        extras(view.text.text(), &view.story)
            .into_iter()
            .map(|(kind, range)| {
                let what = match kind {
                    Extra::Brackets => "a remark in brackets",
                    Extra::TrailingSentence => "a sentence after the story",
                    Extra::Example => "an example",
                    Extra::Note => "a note",
                    Extra::PriorityInText => "a priority or estimate written into the text",
                    Extra::Ellipsis => "an ellipsis",
                    Extra::Acronym => "an acronym's definition (define it once in the glossary)",
                    Extra::Aside => "an aside",
                    Extra::SecondWant => "a second want after the benefit",
                    Extra::LeadingSentence => "a lead-in sentence",
                };
                Hit::on(&view.text, view.text.span_of(range.clone()))
                    .var(
                        "value",
                        excerpt(view.text.text().get(range).unwrap_or_default(), 50),
                    )
                    .var("problem", what)
            })
            .collect()
    }
}
