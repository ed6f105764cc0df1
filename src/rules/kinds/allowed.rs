use serde::Deserialize;

use super::excerpt;
use crate::rules::check::FieldRef;
use crate::rules::context::Context;
use crate::rules::hit::Hit;

/// `kind = "allowed"`: the value is one of `values` (compared without regard to case).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allowed {
    pub field: FieldRef,
    pub values: Vec<String>,
}

impl Allowed {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        self.field
            .texts(cx)
            .into_iter()
            .filter(|text| {
                !self
                    .values
                    .iter()
                    .any(|v| v.trim().eq_ignore_ascii_case(text.text().trim()))
            })
            .map(|text| {
                let value = excerpt(text.text(), 40);
                let problem = format!("is \"{value}\", not one of {}", self.values.join(", "));
                Hit::on(&text, text.span())
                    .var("value", value)
                    .var("problem", problem)
            })
            .collect()
    }
}
