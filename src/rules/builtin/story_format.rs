use serde::Deserialize;

use crate::backlog::Field;
use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::kinds::excerpt;
use crate::rules::view::field_texts;

/// `story-format`: the summary (or the description's first line) states a role and a goal.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryFormat {}

impl StoryFormat {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        if cx.story().is_some() {
            return Vec::new();
        }
        field_texts(cx.item, Field::Summary)
            .into_iter()
            .take(1)
            .map(|summary| {
                Hit::on(&summary, summary.span()).var("value", excerpt(summary.text(), 60))
            })
            .collect()
    }
}
