use serde::Deserialize;

use crate::backlog::Field;
use crate::rules::hit::{Hit, Place};
use crate::rules::context::Context;
use crate::rules::kinds::excerpt;
use crate::rules::view::field_texts;

use super::template_share::{Departure, Level, Observed, Wording};
use super::BacklogCheck;
use crate::backlog::Backlog;

/// `story-format`: the summary (or the description's first line) states a role and a goal.
/// A backlog where most stories state none gets one finding, not one per story.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct StoryFormat(Level);

const WORDING: Wording = Wording {
    one: |value| format!("\"{value}\" is not written as a user story"),
    backlog: |share, example| {
        format!(
            "{share} are not written as user stories (\"As a …, I want …\"), e.g. \"{example}\""
        )
    },
};

impl BacklogCheck for StoryFormat {
    type Observed = Observed;
    const VARIABLES: &'static [&'static str] = &["problem", "value"];

    fn observe(&self, cx: &Context<'_>) -> Option<Observed> {
        if cx.story().is_some() {
            return Some(None);
        }
        let summary = field_texts(cx.item, Field::Summary).into_iter().next()?;
        Some(Some(Box::new(Departure {
            place: Place::on(&summary, summary.span()),
            value: excerpt(summary.text(), 60).into(),
        })))
    }

    fn finish(&self, stories: Vec<(usize, Observed)>, _backlog: &Backlog) -> Vec<(usize, Hit)> {
        self.0.judge(stories, &WORDING)
    }
}
