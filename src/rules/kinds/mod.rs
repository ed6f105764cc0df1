//! One file per data check kind. Each deserializes its options from `[check]` (compiling
//! what needs compiling, so mistakes surface when rules load) and runs on one item.

mod age;
mod allowed;
mod length;
mod number;
mod pattern;
mod required;
mod word_classes;
mod words;

pub use age::Age;
pub use allowed::Allowed;
pub use length::Length;
pub use number::Number;
pub use pattern::Pattern;
pub use required::Required;
pub use word_classes::{WordClassSpec, WordClasses};
pub use words::{word_list, WordList, Words};

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

/// Shortens text for a message: at most `max` characters, with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}
