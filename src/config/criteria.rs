//! `[criteria]` in `backlint.toml`: the headings and heading patterns a team adds to those
//! acceptance criteria are found under.

use serde::{Deserialize, Deserializer};

use crate::user_regex::UserRegex;

/// A heading a team adds in `[criteria] headings`: one line, at most 60 characters.
#[derive(Debug, Clone)]
pub struct ExtraHeading(pub String);

impl<'de> Deserialize<'de> for ExtraHeading {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let heading = String::deserialize(deserializer)?;
        let trimmed = heading.trim().trim_end_matches([':', '：']).trim();
        let problem = if trimmed.is_empty() {
            Some("a heading has words".to_owned())
        } else if trimmed.contains(['\n', '\r']) {
            Some("a heading is one line".to_owned())
        } else if trimmed.chars().count() > 60 {
            Some(format!(
                "a heading is at most 60 characters; \"{trimmed}\" has {}",
                trimmed.chars().count()
            ))
        } else {
            None
        };
        match problem {
            Some(problem) => Err(serde::de::Error::custom(problem)),
            None => Ok(ExtraHeading(trimmed.to_owned())),
        }
    }
}

/// `[criteria]` in `backlint.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CriteriaSettings {
    /// More headings that start a section of acceptance criteria ("O que deve ser feito").
    pub headings: Vec<ExtraHeading>,
    /// Regular expressions: a heading line whose text (without markup and colon) matches
    /// one starts a section of acceptance criteria.
    pub heading_patterns: Vec<UserRegex>,
}
