use std::collections::BTreeMap;

use regex::Regex;
use serde::{Deserialize, Deserializer};

use super::word_classes::{WordClassSpec, WordClasses};
use super::word_regex::word_list_regex;
use crate::rules::check::FieldRef;
use crate::rules::context::Context;
use crate::rules::hit::Hit;

/// `kind = "words"`: words and phrases to avoid in the fields, matched whole and without
/// regard to case. The words come in named classes (`[check.classes.<name>]`, each with
/// its words and why they are a problem) and, for a team's own additions, a plain `words`
/// list. One regex is built from all of them when the rule loads.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "WordsSpec")]
pub struct Words {
    pub fields: Vec<FieldRef>,
    pub classes: WordClasses,
}

/// The `[check]` table of a `words` rule, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsSpec {
    fields: Vec<FieldRef>,
    /// Words of no class: reported as "a listed word".
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    classes: BTreeMap<String, WordClassSpec>,
}

/// The class the plain `words` list stands for.
const LISTED: &str = "listed word";

impl TryFrom<WordsSpec> for Words {
    type Error = String;

    fn try_from(spec: WordsSpec) -> Result<Self, String> {
        let mut classes = spec.classes;
        if !spec.words.is_empty() {
            classes.insert(
                LISTED.to_owned(),
                WordClassSpec {
                    words: spec.words,
                    why: "the team's list names it".to_owned(),
                    not_after: Vec::new(),
                    not_before: Vec::new(),
                    not_first: false,
                    only_after: Vec::new(),
                },
            );
        }
        Ok(Words {
            fields: spec.fields,
            classes: WordClasses::new(&classes)?,
        })
    }
}

/// The words as written, and the regex that finds any of them.
#[derive(Debug, Clone)]
pub struct WordList {
    pub words: Vec<String>,
    pub regex: Regex,
}

/// Deserializes a word list and compiles its regex.
pub fn word_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<WordList, D::Error> {
    let words = Vec::<String>::deserialize(deserializer)?;
    if words.iter().any(|w| w.trim().is_empty()) {
        return Err(serde::de::Error::custom(
            "the word list holds an empty word",
        ));
    }
    let regex = word_list_regex(&words).map_err(serde::de::Error::custom)?;
    Ok(WordList { words, regex })
}

impl Words {
    /// One hit per word found; a place two fields share (the story and its request) is
    /// reported once.
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for field in &self.fields {
            for text in field.texts(cx) {
                for found in self.classes.find_iter(text.text()) {
                    let span = text.span_of(found.range.clone());
                    if hits.iter().any(|hit| hit.span == span) {
                        continue;
                    }
                    hits.push(
                        Hit::on(&text, span)
                            .var("value", found.text)
                            .var("class", found.class)
                            .var("why", found.why)
                            .var("problem", format!("says \"{}\"", found.text)),
                    );
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_punctuated_words() {
        let words: Vec<String> = ["fast", "etc.", "and/or", "as appropriate", "user-friendly"]
            .map(String::from)
            .to_vec();
        let regex = word_list_regex(&words).unwrap();
        let found: Vec<&str> = regex
            .find_iter("Fast search, filters etc. and/or breakfast, as  appropriate; user-friendly")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(
            found,
            ["Fast", "etc.", "and/or", "as  appropriate", "user-friendly"]
        );
    }
}
