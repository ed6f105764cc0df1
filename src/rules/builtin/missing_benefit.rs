use serde::Deserialize;

use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::kinds::excerpt;

/// `missing-benefit`: a story with no "so that" / "in order to" clause.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingBenefit {}

impl MissingBenefit {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let Some(view) = cx.story() else {
            return Vec::new();
        };
        if view.story.benefit.is_some() {
            return Vec::new();
        }
        let goal = view.story.goal.clone();
        vec![Hit::on(&view.text, view.text.span_of(goal.clone())).var(
            "value",
            excerpt(view.text.text().get(goal).unwrap_or_default(), 60),
        )]
    }
}
