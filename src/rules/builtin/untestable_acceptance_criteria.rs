use serde::Deserialize;

use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::criteria::{judge, Untestable};
use crate::rules::kinds::excerpt;

/// `untestable-acceptance-criteria`: a criterion with no observable outcome, a
/// placeholder, too short to test, or with a vague word.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UntestableAcceptanceCriteria {
    pub vague_words: Vec<String>,
}

impl UntestableAcceptanceCriteria {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        cx.criteria()
            .iter()
            .filter_map(|criterion| {
                let text = criterion.text.text();
                let (why, range) = judge(text, &self.vague_words)?;
                let problem = match why {
                    Untestable::NoOutcome => "states no outcome a tester could observe".to_owned(),
                    Untestable::Placeholder => "is a placeholder".to_owned(),
                    Untestable::TooShort => "is too short to test".to_owned(),
                    Untestable::Vague(word) => format!("says \"{word}\", which cannot be tested"),
                };
                Some(
                    Hit::on(&criterion.text, criterion.text.span_of(range))
                        .var("value", excerpt(text, 60))
                        .var("problem", problem),
                )
            })
            .collect()
    }
}
