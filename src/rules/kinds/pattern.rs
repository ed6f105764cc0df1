use serde::Deserialize;

use super::excerpt;
use crate::rules::check::FieldRef;
use crate::rules::context::Context;
use crate::rules::hit::Hit;
use crate::user_regex::UserRegex;

/// `kind = "pattern"`: each value of the field must match `must_match`, and no part of it
/// may match `must_not_match`. An absent field passes (that is `required`'s business).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub field: FieldRef,
    #[serde(default)]
    pub must_match: Option<UserRegex>,
    #[serde(default)]
    pub must_not_match: Option<UserRegex>,
}

impl Pattern {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        self.run_capped(cx, usize::MAX).0
    }

    /// At most `max` hits, and how many more there were.
    pub(crate) fn run_capped(&self, cx: &Context<'_>, max: usize) -> (Vec<Hit>, usize) {
        let mut hits = Vec::new();
        let mut more = 0;
        // Builds the hit only while there is room for it.
        let mut add = |hit: &dyn Fn() -> Hit| {
            if hits.len() < max {
                hits.push(hit());
            } else {
                more += 1;
            }
        };
        for text in self.field.texts(cx) {
            if let Some(UserRegex(required)) = &self.must_match {
                if !required.is_match(text.text()) {
                    add(&|| {
                        Hit::on(&text, text.span())
                            .var("value", excerpt(text.text(), 60))
                            .var("problem", format!("does not match `{}`", required.as_str()))
                    });
                }
            }
            if let Some(UserRegex(forbidden)) = &self.must_not_match {
                for found in forbidden.find_iter(text.text()) {
                    add(&|| {
                        Hit::on(&text, text.span_of(found.range()))
                            .var("value", excerpt(found.as_str(), 60))
                            .var(
                                "problem",
                                format!("contains \"{}\"", excerpt(found.as_str(), 60)),
                            )
                    });
                }
            }
        }
        (hits, more)
    }
}
