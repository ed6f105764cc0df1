use serde::Deserialize;

use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::kinds::WordList;

/// `solution-oriented`: the goal prescribes an implementation (a database, an API, a
/// dropdown) instead of the need. Only the goal is read: the role and benefit may name
/// systems freely.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionOriented {
    #[serde(deserialize_with = "crate::rules::kinds::word_list")]
    pub terms: WordList,
}

impl SolutionOriented {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let Some(view) = cx.story() else {
            return Vec::new();
        };
        let goal = view.story.goal.clone();
        let goal_text = view.text.text().get(goal.clone()).unwrap_or_default();
        self.terms
            .regex
            .find_iter(goal_text)
            .map(|found| {
                let range = goal.start + found.start()..goal.start + found.end();
                Hit::on(&view.text, view.text.span_of(range)).var("value", found.as_str())
            })
            .collect()
    }
}
