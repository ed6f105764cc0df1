use serde::Deserialize;

use super::excerpt;
use crate::rules::check::FieldRef;
use crate::rules::context::Context;
use crate::rules::hit::Hit;

/// `kind = "number"`: the field's value is a number within `min`..=`max`, and on `scale`
/// when one is given (e.g. the Fibonacci points a team estimates in).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Number {
    pub field: FieldRef,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub scale: Option<Vec<f64>>,
}

impl Number {
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let mut hits = Vec::new();
        for text in self.field.texts(cx) {
            let problem = match text.value.as_number() {
                None => Some(format!("\"{}\" is not a number", excerpt(text.text(), 30))),
                Some(n) => self.problem(n),
            };
            if let Some(problem) = problem {
                let hit = Hit::on(&text, text.span())
                    .var("value", text.text().trim())
                    .var("problem", problem);
                hits.push(hit);
            }
        }
        hits
    }

    fn problem(&self, n: f64) -> Option<String> {
        let shown = format_number(n);
        if let Some(max) = self.max.filter(|&max| n > max) {
            return Some(format!("{shown} is above {}", format_number(max)));
        }
        if let Some(min) = self.min.filter(|&min| n < min) {
            return Some(format!("{shown} is below {}", format_number(min)));
        }
        let scale = self.scale.as_deref()?;
        if scale.iter().any(|&s| (s - n).abs() < 1e-9) {
            return None;
        }
        let steps: Vec<String> = scale.iter().map(|&s| format_number(s)).collect();
        Some(format!("{shown} is not on the scale {}", steps.join(", ")))
    }
}

/// `5.0` as `5`, `0.5` as `0.5`.
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
