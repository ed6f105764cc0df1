use serde::Deserialize;

use crate::rules::hit::Hit;
use crate::rules::context::Context;
use crate::text::criteria::{judge, Untestable};
use crate::rules::kinds::{excerpt, WordList};
use super::ItemCheck;
use crate::backlog::Field;

/// `untestable-acceptance-criteria`: a criterion with no observable outcome, a
/// placeholder, too short to test, or with a vague word.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UntestableAcceptanceCriteria {
    #[serde(deserialize_with = "crate::rules::kinds::word_list")]
    pub vague_words: WordList,
}

impl ItemCheck for UntestableAcceptanceCriteria {
    const VARIABLES: &'static [&'static str] = &["problem", "value"];
    const NEEDS: &'static [Field] = &[Field::Description, Field::AcceptanceCriteria];

    fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        cx.criteria()
            .iter()
            .filter_map(|criterion| {
                let text = criterion.text.text();
                let (problem, range) = match judge(text, cx.criteria_vocabulary()) {
                    Some((why, range)) => (
                        match why {
                            Untestable::NoOutcome => {
                                "states no outcome a tester could observe".to_owned()
                            }
                            Untestable::Placeholder => "is a placeholder".to_owned(),
                            Untestable::TooShort => "is too short to test".to_owned(),
                        },
                        range,
                    ),
                    None => {
                        let word = self.vague_words.regex.find(text)?;
                        (
                            format!("says \"{}\", which cannot be tested", word.as_str()),
                            word.range(),
                        )
                    }
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
