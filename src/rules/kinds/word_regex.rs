//! The regular expression of a word list, shared by `words` checks and their classes.

use regex::{Regex, RegexBuilder};

use crate::user_regex::REGEX_SIZE_LIMIT;

/// A case-insensitive regex matching any of `words` as whole words: `\b` is added only
/// where a word starts or ends with a letter or digit, so `etc.` and `and/or` match too;
/// spaces inside a phrase match any run of white space. Longer words are tried first.
pub(super) fn word_list_regex(words: &[String]) -> Result<Regex, String> {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|word| {
            let word = word.trim();
            let escaped = regex::escape(word).replace(' ', r"\s+");
            let starts = word.chars().next().is_some_and(char::is_alphanumeric);
            let ends = word.chars().next_back().is_some_and(char::is_alphanumeric);
            format!(
                "{}{escaped}{}",
                if starts { r"\b" } else { "" },
                if ends { r"\b" } else { "" }
            )
        })
        .collect();
    RegexBuilder::new(&alternatives.join("|"))
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("the word list does not compile: {e}"))
}
