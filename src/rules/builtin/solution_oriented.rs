use serde::Deserialize;

use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::kinds::{WordClasses, WordList};
use super::ItemCheck;

/// `solution-oriented`: the goal prescribes an implementation (a widget, a screen, a
/// store, a protocol) instead of the need. Only the goal is read: the role and benefit may
/// name systems freely. What counts as a solution is the rule file's word classes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionOriented {
    pub classes: WordClasses,
    /// Words after which the goal says what to avoid, not what to build ("without having
    /// to use the back button"): the goal is read up to the first of them.
    #[serde(deserialize_with = "crate::rules::kinds::word_list")]
    pub avoiding: WordList,
}

impl ItemCheck for SolutionOriented {
    const VARIABLES: &'static [&'static str] = &["class", "value", "why"];
    fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let Some(view) = cx.story() else {
            return Vec::new();
        };
        let goal = view.story.goal.clone();
        let goal_text = view.text.text().get(goal.clone()).unwrap_or_default();
        let asked = self
            .avoiding
            .regex
            .find(goal_text)
            .map_or(goal_text, |found| &goal_text[..found.start()]);
        self.classes
            .find_iter(asked)
            .map(|found| {
                let range = goal.start + found.range.start..goal.start + found.range.end;
                Hit::on(&view.text, view.text.span_of(range))
                    .var("value", found.text)
                    .var("class", found.class)
                    .var("why", found.why)
            })
            .collect()
    }
}
