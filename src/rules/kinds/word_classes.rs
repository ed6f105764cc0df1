use std::collections::{BTreeMap, HashMap};

use regex::Regex;
use serde::Deserialize;

use super::word_regex::word_list_regex;

/// One named class of words in a rule file: the words, and why a word of the class is a
/// problem (the finding's message says it).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordClassSpec {
    pub words: Vec<String>,
    pub why: String,
    /// Phrases that, written just before a word of the class, make it harmless: "on my
    /// dashboard" names a place, "a dashboard" asks for one.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Phrases that, written just after a word of the class, make it harmless: "faster
    /// than 2 seconds" says what it compares with.
    #[serde(default)]
    pub not_before: Vec<String>,
    /// A word of the class that opens the text is harmless: in a goal it is the verb
    /// ("map fields to accounts"), not the thing ("a map").
    #[serde(default)]
    pub not_first: bool,
    /// When set, a word of the class counts only right after one of these phrases: "to
    /// support" and "shall support" are the verb, "customer support" a department.
    #[serde(default)]
    pub only_after: Vec<String>,
}

/// Named word classes compiled into one regex, so a text is scanned once whatever the
/// number of classes; a match is traced back to its class only when one is found. A rule
/// file writes them as `[check.classes.<name>]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "BTreeMap<String, WordClassSpec>")]
pub struct WordClasses {
    regex: Regex,
    /// Each word, lowercased with its white space collapsed, to the index of its class.
    class_of: HashMap<String, usize>,
    classes: Vec<CompiledClass>,
}

#[derive(Debug, Clone)]
struct CompiledClass {
    name: String,
    why: String,
    not_after: Vec<String>,
    not_before: Vec<String>,
    not_first: bool,
    only_after: Vec<String>,
}

/// A word of a class found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassMatch<'t> {
    pub range: std::ops::Range<usize>,
    pub text: &'t str,
    pub class: &'t str,
    pub why: &'t str,
}

impl WordClasses {
    /// Compiles the classes; a word listed in two classes belongs to the first by name.
    pub fn new(specs: &BTreeMap<String, WordClassSpec>) -> Result<Self, String> {
        let mut class_of = HashMap::new();
        let mut words = Vec::new();
        let mut classes = Vec::new();
        for (index, (name, spec)) in specs.iter().enumerate() {
            if let Some(empty) = spec.words.iter().position(|w| w.trim().is_empty()) {
                return Err(format!(
                    "word class `{name}` holds an empty word (word {})",
                    empty + 1
                ));
            }
            for word in &spec.words {
                class_of.entry(normalized(word)).or_insert(index);
                words.push(word.clone());
            }
            classes.push(CompiledClass {
                name: name.clone(),
                why: spec.why.trim().to_owned(),
                not_after: spec.not_after.iter().map(|p| normalized(p)).collect(),
                not_before: spec.not_before.iter().map(|p| normalized(p)).collect(),
                not_first: spec.not_first,
                only_after: spec.only_after.iter().map(|p| normalized(p)).collect(),
            });
        }
        let regex = if words.is_empty() {
            // Matches nothing: a team may switch every class off.
            Regex::new(r"[^\s\S]").map_err(|e| e.to_string())?
        } else {
            word_list_regex(&words)?
        };
        Ok(WordClasses {
            regex,
            class_of,
            classes,
        })
    }

    /// Every word of a class in `text`, in order, but those right after a phrase of their
    /// class's `not_after` or right before one of its `not_before`, those that open the
    /// text when their class is `not_first`, and those not right after a phrase of its
    /// `only_after` when it has one. In these phrases `#` stands for a number ("of #" is
    /// "of 5", "of 2.5").
    pub(crate) fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = ClassMatch<'t>> + 't {
        self.regex.find_iter(text).filter_map(move |found| {
            let class = &self.classes[*self.class_of.get(&normalized(found.as_str()))?];
            let before = &text[..found.start()];
            let after = &text[found.end()..];
            let excused = (class.not_first && before.trim().is_empty())
                || class.not_after.iter().any(|p| ends_with_words(before, p))
                || class.not_before.iter().any(|p| starts_with_words(after, p))
                || (!class.only_after.is_empty()
                    && !class
                        .only_after
                        .iter()
                        .any(|p| ends_with_words(without_trailing_aside(before), p)));
            (!excused).then_some(ClassMatch {
                range: found.range(),
                text: found.as_str(),
                class: &class.name,
                why: &class.why,
            })
        })
    }
}

impl TryFrom<BTreeMap<String, WordClassSpec>> for WordClasses {
    type Error = String;

    fn try_from(specs: BTreeMap<String, WordClassSpec>) -> Result<Self, String> {
        WordClasses::new(&specs)
    }
}

/// Lowercased, with each run of white space one space: how words are compared.
fn normalized(word: &str) -> String {
    word.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `text` without a bracketed aside at its end: "shall (3.2.1)" is read as "shall".
fn without_trailing_aside(text: &str) -> &str {
    let trimmed = text.trim_end();
    let open = match trimmed.chars().next_back() {
        Some(')') => '(',
        Some(']') => '[',
        _ => return text,
    };
    trimmed.rfind(open).map_or(text, |start| &trimmed[..start])
}

/// The word of a phrase that stands for any number.
const NUMBER: &str = "#";
/// The word of a phrase that stands for any one word.
const ANY_WORD: &str = "*";

/// Whether a character belongs to a word, for [`ANY_WORD`]: letters, digits, `-` and `'`.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

/// Whether a character belongs to a number as written: "5", "2.5", "1,000".
fn in_number(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

/// Whether `text` ends with the words of `phrase` (normalized), starting at a word boundary.
fn ends_with_words(text: &str, phrase: &str) -> bool {
    let mut rest = text;
    for word in phrase.split(' ').rev() {
        let trimmed = rest.trim_end();
        if word == NUMBER {
            let number = trimmed.trim_end_matches(in_number);
            if !trimmed[number.len()..].starts_with(|c: char| c.is_ascii_digit()) {
                return false;
            }
            rest = number;
        } else if word == ANY_WORD {
            let before = trimmed.trim_end_matches(in_word);
            if before.len() == trimmed.len() {
                return false;
            }
            rest = before;
        } else {
            let cut = trimmed.len().saturating_sub(word.len());
            match trimmed.get(cut..) {
                Some(tail) if tail.eq_ignore_ascii_case(word) => rest = &trimmed[..cut],
                _ => return false,
            }
        }
        if rest.chars().next_back().is_some_and(char::is_alphanumeric) {
            return false;
        }
    }
    true
}

/// Whether `text` starts with the words of `phrase` (normalized), ending at a word boundary.
fn starts_with_words(text: &str, phrase: &str) -> bool {
    let mut rest = text;
    for word in phrase.split(' ') {
        let trimmed = rest.trim_start();
        if word == NUMBER {
            if !trimmed.starts_with(|c: char| c.is_ascii_digit()) {
                return false;
            }
            rest = trimmed.trim_start_matches(in_number);
            continue;
        }
        if word == ANY_WORD {
            let after = trimmed.trim_start_matches(in_word);
            if after.len() == trimmed.len() {
                return false;
            }
            rest = after;
            continue;
        }
        match trimmed.get(..word.len()) {
            Some(head) if head.eq_ignore_ascii_case(word) => rest = &trimmed[word.len()..],
            _ => return false,
        }
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(toml: &str) -> WordClasses {
        let specs: BTreeMap<String, WordClassSpec> = toml::from_str(toml).unwrap();
        WordClasses::new(&specs).unwrap()
    }

    #[test]
    fn each_match_names_its_class() {
        let classes = classes(
            "[loophole]\nwords = [\"if possible\"]\nwhy = \"optional\"\n\
             [subjective]\nwords = [\"fast\", \"easy\"]\nwhy = \"opinion\"\n",
        );
        let found: Vec<(&str, &str)> = classes
            .find_iter("Fast, and IF  possible easy")
            .map(|m| (m.text, m.class))
            .collect();
        assert_eq!(
            found,
            [
                ("Fast", "subjective"),
                ("IF  possible", "loophole"),
                ("easy", "subjective")
            ]
        );
    }

    #[test]
    fn a_phrase_before_the_word_excuses_it() {
        let classes = classes(
            "[display]\nwords = [\"dashboard\"]\nwhy = \"design\"\nnot_after = [\"on my\"]\n",
        );
        assert_eq!(classes.find_iter("shown on  my dashboard").count(), 0);
        assert_eq!(classes.find_iter("I want a dashboard").count(), 1);
        assert_eq!(classes.find_iter("upon my dashboard").count(), 1);
        assert_eq!(classes.find_iter("shown onmy dashboard").count(), 1);
    }

    #[test]
    fn opening_the_text_excuses_a_not_first_word() {
        let classes = classes("[display]\nwords = [\"map\"]\nwhy = \"design\"\nnot_first = true\n");
        assert_eq!(classes.find_iter(" map fields to accounts").count(), 0);
        assert_eq!(classes.find_iter("huts on a map").count(), 1);
    }

    #[test]
    fn only_after_keeps_the_words_after_its_phrases() {
        let classes = classes(
            "[umbrella]\nwords = [\"support\"]\nwhy = \"vague\"\nonly_after = [\"to\", \"shall\"]\n",
        );
        assert_eq!(classes.find_iter("a tool to  support imports").count(), 1);
        assert_eq!(classes.find_iter("it shall support imports").count(), 1);
        assert_eq!(classes.find_iter("call customer support").count(), 0);
        assert_eq!(classes.find_iter("support imports").count(), 0);
        // A bracketed reference between the modal and the verb is an aside.
        assert_eq!(
            classes
                .find_iter("it shall [REQ-4] support imports")
                .count(),
            1
        );
        assert_eq!(classes.find_iter("(to) support").count(), 0);
    }

    #[test]
    fn a_number_in_a_phrase_stands_for_any_number() {
        let classes = classes(
            "[superlative]\nwords = [\"maximum\"]\nwhy = \"unbounded\"\n\
             not_before = [\"of #\", \"#\"]\nnot_after = [\"#\"]\n",
        );
        assert_eq!(classes.find_iter("a maximum of 2.5 seconds").count(), 0);
        assert_eq!(classes.find_iter("maximum 1,000 rows").count(), 0);
        assert_eq!(classes.find_iter("10 maximum").count(), 0);
        assert_eq!(classes.find_iter("the maximum number of rows").count(), 1);
        assert_eq!(classes.find_iter("a maximum of rows").count(), 1);
        assert_eq!(classes.find_iter("v2 maximum").count(), 1);
    }

    #[test]
    fn a_star_in_a_phrase_stands_for_any_one_word() {
        let classes = classes(
            "[kind]\nwords = [\"normal\"]\nwhy = \"unnamed\"\n\
             not_before = [\"user\", \"* user\"]\nnot_after = [\"the * of\"]\n",
        );
        let found = |text: &str| classes.find_iter(text).count();
        assert_eq!(found("switch to a normal user"), 0);
        assert_eq!(found("switch to a normal wallet user"), 0);
        assert_eq!(found("switch to a normal wallet for every user"), 1);
        assert_eq!(found("at speed of normal"), 1);
        assert_eq!(found("the top-level of normal"), 0);
        assert!(starts_with_words(" wallet's user", "* user"));
        assert!(!starts_with_words(" , user", "* user"));
        assert!(ends_with_words("the wallet of", "the * of"));
        assert!(!ends_with_words("the of", "the * of"));
    }

    #[test]
    fn a_phrase_after_the_word_excuses_it() {
        let classes = classes(
            "[comparative]\nwords = [\"faster\"]\nwhy = \"no reference\"\nnot_before = [\"than\"]\n",
        );
        assert_eq!(classes.find_iter("faster  than 2 s").count(), 0);
        assert_eq!(classes.find_iter("a faster page").count(), 1);
        assert_eq!(classes.find_iter("faster thanks to caching").count(), 1);
    }
}
