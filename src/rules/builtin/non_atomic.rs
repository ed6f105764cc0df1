use serde::Deserialize;

use crate::rules::hit::Hit;
use crate::rules::context::Context;
use crate::text::story::atomic::joined_features;
use super::ItemCheck;

/// `non-atomic`: the goal joins two features ("upload and share a file").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonAtomic {
    /// Report any coordination of actions or objects in the goal ("view orders and
    /// invoices"), as the Quality User Story framework's annotators read atomicity, not
    /// only two features a team could ship apart.
    #[serde(default)]
    pub strict: bool,
}

impl ItemCheck for NonAtomic {
    const VARIABLES: &'static [&'static str] = &["goal", "value"];
    fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let Some(view) = cx.story() else {
            return Vec::new();
        };
        let goal = view.story.goal.clone();
        let goal_text = view.text.text().get(goal.clone()).unwrap_or_default();
        joined_features(goal_text, self.strict)
            .into_iter()
            .map(|joint| {
                let range = goal.start + joint.start..goal.start + joint.end;
                Hit::on(&view.text, view.text.span_of(range.clone()))
                    .var("value", view.text.text().get(range).unwrap_or_default())
                    .var("goal", goal_text.trim())
            })
            .collect()
    }
}
