use serde::Deserialize;

use crate::rules::hit::{Hit, Place};
use crate::rules::context::Context;
use crate::rules::kinds::excerpt;

use super::template_share::{Departure, Level, Observed, Wording};
use super::BacklogCheck;
use crate::backlog::Backlog;

/// `missing-benefit`: a story with no "so that" / "in order to" clause. A backlog where
/// most stories have none leaves it out by design: one finding says so.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct MissingBenefit(Level);

const WORDING: Wording = Wording {
    one: |value| format!("the story says what, but not why: \"{value}\""),
    backlog: |share, example| {
        format!("{share} say what, but not why (no \"so that …\"), e.g. \"{example}\"")
    },
};

impl BacklogCheck for MissingBenefit {
    type Observed = Observed;
    const VARIABLES: &'static [&'static str] = &["problem", "value"];

    /// Stories only: items not written as a story have no benefit to look for.
    fn observe(&self, cx: &Context<'_>) -> Option<Observed> {
        let view = cx.story()?;
        if view.story.benefit.is_some() {
            return Some(None);
        }
        let goal = view.story.goal.clone();
        let value = excerpt(view.text.text().get(goal.clone()).unwrap_or_default(), 60);
        Some(Some(Box::new(Departure {
            place: Place::on(&view.text, view.text.span_of(goal)),
            value: value.into(),
        })))
    }

    fn finish(&self, stories: Vec<(usize, Observed)>, _backlog: &Backlog) -> Vec<(usize, Hit)> {
        self.0.judge(stories, &WORDING)
    }
}
