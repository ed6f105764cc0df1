//! Regular expressions written by a team (in rule files and the configuration), compiled
//! when they load with a size limit.

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// Compiled size limit for regexes from rule files: the regex crate runs in linear time,
/// and this bounds the memory a team's pattern can take.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A regular expression from a rule file, compiled (with a size limit) when it loads.
#[derive(Debug, Clone)]
pub struct UserRegex(pub Regex);

impl<'de> Deserialize<'de> for UserRegex {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let pattern = String::deserialize(deserializer)?;
        RegexBuilder::new(&pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map(UserRegex)
            .map_err(|e| serde::de::Error::custom(format!("invalid regular expression: {e}")))
    }
}
