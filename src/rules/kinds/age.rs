use serde::Deserialize;

use super::excerpt;
use crate::rules::check::FieldRef;
use crate::rules::context::Context;
use crate::rules::hit::Hit;

/// `kind = "age"`: the date in the field is at most `max_days` before the day ages are
/// counted from (`--today`, `today` in the configuration, else the export's newest date:
/// see [`crate::rules::ages`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Age {
    pub field: FieldRef,
    pub max_days: u32,
}

impl Age {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let mut hits = Vec::new();
        let Some(ages_from) = cx.ages_from else {
            return hits;
        };
        for text in self.field.texts(cx) {
            let problem = match text.value.as_date_time_in(cx.date_order) {
                None => format!(
                    "\"{}\" is not a date backlint can read",
                    excerpt(text.text(), 30)
                ),
                Some(date) => {
                    let days = (ages_from - date.date()).get_days();
                    if days <= i32::try_from(self.max_days).unwrap_or(i32::MAX) {
                        continue;
                    }
                    format!(
                        "is {} days ago ({}); the limit is {}",
                        days,
                        date.date(),
                        self.max_days
                    )
                }
            };
            hits.push(
                Hit::on(&text, text.span())
                    .var("value", text.text().trim())
                    .var("problem", problem),
            );
        }
        hits
    }
}
