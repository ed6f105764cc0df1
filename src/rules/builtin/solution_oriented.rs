use std::ops::Range;

use serde::Deserialize;

use crate::rules::hit::Hit;
use crate::rules::context::Context;
use crate::rules::kinds::{WordClasses, WordList};
use super::ItemCheck;

/// `solution-oriented`: the goal prescribes an implementation (a widget, a screen, a
/// store, a protocol) instead of the need. Only the goal is read: the role and benefit may
/// name systems freely. What counts as a solution is the rule file's word classes, and
/// where data is kept ([`Storage`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionOriented {
    pub classes: WordClasses,
    /// Words after which the goal says what to avoid, not what to build ("without having
    /// to use the back button"): the goal is read up to the first of them.
    #[serde(deserialize_with = "crate::rules::kinds::word_list")]
    pub avoiding: WordList,
    /// Where data is kept: "stored directly on the phone", "cached in the browser".
    #[serde(default)]
    pub storage: Option<Storage>,
}

/// A participle of keeping data, then where it is kept: "stored directly on the phone",
/// "kept in the cloud". Adverbs, a preposition and up to two determiners or adjectives may
/// stand between. The user's own saving ("save the report to my computer") is a need and
/// is not read: only the participles count.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// Participles of keeping data: "stored", "cached", "hosted".
    pub kept: Vec<String>,
    /// Where: "phone", "device", "server", "cloud", "locally".
    pub places: Vec<String>,
    /// The class the finding names.
    pub class: String,
    pub why: String,
}

/// Words that may stand between the participle and the place.
const BETWEEN: &[&str] = &[
    "on", "in", "into", "onto", "at", "to", "inside", "the", "a", "an", "my", "our", "your",
    "their", "its", "user's", "users'", "only", "just", "always", "up",
];

impl Storage {
    /// Each "stored … on the phone" in `text`: the byte range from participle to place.
    fn find(&self, text: &str) -> Vec<Range<usize>> {
        let listed =
            |list: &[String], word: &str| list.iter().any(|w| w.eq_ignore_ascii_case(word));
        let mut found = Vec::new();
        let mut words = word_ranges(text);
        while let Some(start) = words.next() {
            if !listed(&self.kept, &text[start.clone()]) {
                continue;
            }
            // A few words on: adverbs, prepositions, determiners, then the place.
            for end in words.clone().take(5) {
                let next = &text[end.clone()];
                if listed(&self.places, next) {
                    found.push(start.start..end.end);
                    break;
                }
                let filler = BETWEEN.iter().any(|w| w.eq_ignore_ascii_case(next))
                    || (next.len() > 4 && next.ends_with("ly"));
                if !filler {
                    break;
                }
            }
        }
        found
    }
}

/// The ranges of the words of `text` (letters, digits, apostrophes), without allocating:
/// the goal of every story is scanned.
fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + Clone + '_ {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'';
    let mut rest = 0;
    std::iter::from_fn(move || {
        let tail = text.get(rest..)?;
        let start = rest + tail.find(is_word)?;
        let end = text[start..]
            .find(|c: char| !is_word(c))
            .map_or(text.len(), |i| start + i);
        rest = end;
        Some(start..end)
    })
}

impl ItemCheck for SolutionOriented {
    const VARIABLES: &'static [&'static str] = &["class", "value", "why"];
    fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        let Some(view) = cx.story() else {
            return Vec::new();
        };
        let goal = view.story.goal.clone();
        let goal_text = view.text.text().get(goal.clone()).unwrap_or_default();
        let asked = self
            .avoiding
            .regex
            .find(goal_text)
            .map_or(goal_text, |found| &goal_text[..found.start()]);
        let hit = |range: Range<usize>, value: &str, class: &str, why: &str| {
            let range = goal.start + range.start..goal.start + range.end;
            Hit::on(&view.text, view.text.span_of(range))
                .var("value", value)
                .var("class", class)
                .var("why", why)
        };
        let words: Vec<_> = self.classes.find_iter(asked).collect();
        let mut hits: Vec<Hit> = words
            .iter()
            .map(|found| hit(found.range.clone(), found.text, found.class, found.why))
            .collect();
        if let Some(storage) = &self.storage {
            // "stored in the database" is reported once, for "database".
            let overlaps = |r: &Range<usize>| {
                words
                    .iter()
                    .any(|w| w.range.start < r.end && r.start < w.range.end)
            };
            hits.extend(
                storage
                    .find(asked)
                    .into_iter()
                    .filter(|r| !overlaps(r))
                    .map(|r| hit(r.clone(), &asked[r], &storage.class, &storage.why)),
            );
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage() -> Storage {
        Storage {
            kept: ["stored", "cached"].map(String::from).to_vec(),
            places: ["phone", "cloud", "locally"].map(String::from).to_vec(),
            class: "infrastructure".into(),
            why: "design".into(),
        }
    }

    #[test]
    fn finds_where_data_is_kept() {
        let text = "have my notes Stored directly on the phone and cached locally";
        let found: Vec<&str> = storage().find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["Stored directly on the phone", "cached locally"]);
    }

    #[test]
    fn passes_other_storage_talk() {
        for text in [
            "store my notes",
            "have my notes stored for a year on the phone",
            "see where my notes are stored",
            "call the phone",
            "",
            "stored",
        ] {
            assert!(storage().find(text).is_empty(), "{text}");
        }
    }
}
