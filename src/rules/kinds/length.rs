use serde::Deserialize;

use crate::rules::check::FieldRef;
use crate::rules::context::Context;
use crate::rules::hit::Hit;

/// `kind = "length"`: bounds on a value's length in words and in characters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Length {
    pub field: FieldRef,
    #[serde(default)]
    pub min_words: Option<usize>,
    #[serde(default)]
    pub max_words: Option<usize>,
    #[serde(default)]
    pub min_chars: Option<usize>,
    #[serde(default)]
    pub max_chars: Option<usize>,
}

impl Length {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let mut hits = Vec::new();
        for text in self.field.texts(cx) {
            let words = text.text().split_whitespace().count();
            let chars = text.text().trim().chars().count();
            let problem = match () {
                _ if self.min_words.is_some_and(|min| words < min) => {
                    format!(
                        "has {words} words; at least {} make it mean something",
                        self.min_words.unwrap_or(0)
                    )
                }
                _ if self.max_words.is_some_and(|max| words > max) => {
                    format!(
                        "has {words} words; more than {} is hard to scan",
                        self.max_words.unwrap_or(0)
                    )
                }
                _ if self.min_chars.is_some_and(|min| chars < min) => {
                    format!(
                        "has {chars} characters; at least {} expected",
                        self.min_chars.unwrap_or(0)
                    )
                }
                _ if self.max_chars.is_some_and(|max| chars > max) => {
                    format!(
                        "has {chars} characters; at most {} expected",
                        self.max_chars.unwrap_or(0)
                    )
                }
                _ => continue,
            };
            hits.push(
                Hit::on(&text, text.span())
                    .var("problem", problem)
                    .var("count", words.to_string()),
            );
        }
        hits
    }
}
