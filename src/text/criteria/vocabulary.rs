//! The words the acceptance-criteria parser looks for, as data: headings, the headings of
//! other parts of a story, function words per language (`headings.toml`), and the Gherkin
//! keywords of every language cucumber knows (`gherkin-languages.json`, MIT, see
//! `gherkin-languages.LICENSE`). A team adds headings and heading patterns in
//! `backlint.toml` under `[criteria]`.
//!
//! # Which Gherkin languages a text is read in
//!
//! English keywords are always known. Another language's keywords count in a text only
//! when the text shows two different kinds of step in that language — Given and When,
//! When and Then, or Given and Then — at the start of lines, or inline on a line that
//! starts with one of its steps ("Dado que …, quando …, então …"). Many keywords are
//! ordinary words elsewhere (Italian "Data", Dutch "Als", "Dan", "En"): a list item
//! "Data is exported nightly" must not become a Given step. English labels that are
//! ordinary words before a colon ("Example:", "Rule:", "Ability:", "Business Need:") and
//! every language's "Rule" are not treated as labels.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde::Deserialize;

use super::{match_ci, normal_heading, AND, GIVEN, THEN, WHEN};
use crate::config::criteria::CriteriaSettings;

/// The vocabulary's data, parsed once; a unit test makes sure both files read.
static STANDARD: LazyLock<Arc<Vocabulary>> = LazyLock::new(|| Arc::new(Vocabulary::standard()));

/// A step keyword of one language, lower case, without the trailing space.
#[derive(Debug, Clone)]
struct Keyword {
    text: Box<str>,
    bit: u8,
    language: u8,
    /// `language` as a set, the bit tested for every keyword a line is compared with.
    languages: Languages,
    /// Must be followed by white space, `:`, `,` or the end of the line (the table writes
    /// these with a trailing space; "Lorsqu'" and the CJK keywords are not).
    bounded: bool,
}

/// A Gherkin label ("Scenario", "Beispiele") of one language; `skips` for blocks of
/// context or data (Background, Examples), whose lines are not criteria.
#[derive(Debug, Clone)]
struct Label {
    text: Box<str>,
    skips: bool,
    language: u8,
}

/// Words (keywords, labels) indexed by their lower-case first character, longest first
/// for each character: a table for ASCII, the common case, without hashing a character
/// for every line looked up. Words that start with two ASCII bytes are indexed by both as
/// well, so a line whose first two bytes are ASCII is compared only with the words that
/// can match it (a few instead of up to 57 for "d").
struct ByFirst<T> {
    ascii: [Vec<T>; 128],
    other: HashMap<char, Vec<T>>,
    /// The words of one ASCII byte, by that byte.
    single: [Vec<T>; 128],
    /// The words starting with two ASCII bytes, ordered by `first << 8 | second` (their
    /// `pair_keys`) and then as in `ascii`.
    pairs: Vec<T>,
    pair_keys: Vec<u16>,
}

impl<T> Default for ByFirst<T> {
    fn default() -> Self {
        ByFirst {
            ascii: std::array::from_fn(|_| Vec::new()),
            other: HashMap::new(),
            single: std::array::from_fn(|_| Vec::new()),
            pairs: Vec::new(),
            pair_keys: Vec::new(),
        }
    }
}

/// Two ASCII bytes as a key of [`ByFirst::pairs`].
fn pair_key(first: u8, second: u8) -> u16 {
    u16::from(first) << 8 | u16::from(second)
}

impl<T: Clone> ByFirst<T> {
    /// Adds `entry` for `text`, a lower-case word.
    fn push(&mut self, text: &str, entry: T) {
        let Some(first) = text.chars().next() else {
            return;
        };
        let Some(list) = self.ascii.get_mut(first as usize) else {
            self.other.entry(first).or_default().push(entry);
            return;
        };
        list.push(entry.clone());
        match *text.as_bytes() {
            [only] => {
                if let Some(single) = self.single.get_mut(usize::from(only)) {
                    single.push(entry);
                }
            }
            [first, second, ..] if second.is_ascii() => {
                self.pair_keys.push(pair_key(first, second));
                self.pairs.push(entry);
            }
            _ => {}
        }
    }

    /// Sorts every list longest first by `len` (stable: same lengths stay in order).
    fn sort_longest_first(&mut self, len: impl Fn(&T) -> usize) {
        let lists = self.ascii.iter_mut().chain(self.other.values_mut());
        for list in lists.chain(self.single.iter_mut()) {
            list.sort_by_key(|entry| std::cmp::Reverse(len(entry)));
        }
        let mut pairs: Vec<(u16, T)> = self.pair_keys.drain(..).zip(self.pairs.drain(..)).collect();
        pairs.sort_by_key(|(key, entry)| (*key, std::cmp::Reverse(len(entry))));
        (self.pair_keys, self.pairs) = pairs.into_iter().unzip();
    }

    /// The words that may start `text` (its first character lower-cased), longest first,
    /// as two runs: every word that can match comes in the same order as in the full list
    /// of the first character; only words that cannot match are left out.
    fn at_start_of(&self, text: &str) -> (&[T], &[T]) {
        let bytes = text.as_bytes();
        let first = match text.chars().next() {
            Some(c) if c.is_ascii() => c.to_ascii_lowercase(),
            Some(c) => match c.to_lowercase().next() {
                Some(lower) => lower,
                None => return (&[], &[]),
            },
            None => return (&[], &[]),
        };
        let full = if first.is_ascii() {
            self.ascii.get(first as usize)
        } else {
            self.other.get(&first)
        };
        let full = full.map_or(&[][..], Vec::as_slice);
        // Only an ASCII first byte and an ASCII second byte rule words out: an ASCII byte
        // lower-cases to one ASCII byte, so a word must have that byte there too.
        let (Some(&head), Some(&second)) = (bytes.first(), bytes.get(1)) else {
            return (full, &[]);
        };
        if !head.is_ascii() || !second.is_ascii() {
            return (full, &[]);
        }
        let head = head.to_ascii_lowercase();
        let key = pair_key(head, second.to_ascii_lowercase());
        let from = self.pair_keys.partition_point(|k| *k < key);
        let to = self.pair_keys.partition_point(|k| *k <= key);
        let pairs = self.pairs.get(from..to).unwrap_or_default();
        let single = self
            .single
            .get(usize::from(head))
            .map_or(&[][..], Vec::as_slice);
        (pairs, single)
    }
}

/// The Gherkin keywords of every language, indexed by their first character.
#[derive(Default)]
struct Gherkin {
    /// Step keywords by first character, longest first.
    steps: ByFirst<Keyword>,
    labels: ByFirst<Label>,
    /// The longest step keyword or label, in bytes.
    longest: usize,
    /// Per language, its When and Then keywords of one word, for steps inside a line.
    inline: Vec<Vec<(Box<str>, u8)>>,
    english: u8,
}

/// Set of languages, one bit per language of the table (it has fewer than 128).
type Languages = u128;

#[derive(Deserialize)]
struct Dialect {
    #[serde(default)]
    given: Vec<String>,
    #[serde(default)]
    when: Vec<String>,
    #[serde(default)]
    then: Vec<String>,
    #[serde(default)]
    and: Vec<String>,
    #[serde(default)]
    but: Vec<String>,
    #[serde(default)]
    background: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    scenario: Vec<String>,
    #[serde(default, rename = "scenarioOutline")]
    scenario_outline: Vec<String>,
    #[serde(default)]
    feature: Vec<String>,
}

/// English words that the table lists as labels but that teams write before a colon
/// in plain criteria ("Example: 3 items cost 6 €").
const ENGLISH_WORDS_NOT_LABELS: &[&str] = &["example", "ability", "business need"];

impl Gherkin {
    fn parse(json: &str) -> Option<Gherkin> {
        let table: std::collections::BTreeMap<String, Dialect> = serde_json::from_str(json).ok()?;
        let mut gherkin = Gherkin::default();
        for (index, (code, dialect)) in table.iter().enumerate() {
            let language = u8::try_from(index).ok().filter(|&l| l < 128)?;
            if code == "en" {
                gherkin.english = language;
            }
            let steps = [
                (&dialect.given, GIVEN),
                (&dialect.when, WHEN),
                (&dialect.then, THEN),
                (&dialect.and, AND),
                (&dialect.but, AND),
            ];
            let mut inline = Vec::new();
            for (words, bit) in steps {
                for word in words {
                    let bounded = word.ends_with(' ');
                    let text = word.trim().to_lowercase();
                    if text.is_empty() || text == "*" {
                        continue;
                    }
                    let single = text.chars().all(char::is_alphabetic);
                    if bounded && single && bit & (WHEN | THEN) != 0 {
                        inline.push((text.clone().into_boxed_str(), bit));
                    }
                    let mut spellings = vec![text.clone()];
                    if text.ends_with('\'') {
                        spellings.push(text.replace('\'', "’"));
                    }
                    for text in spellings {
                        gherkin.add_step(Keyword {
                            text: text.into_boxed_str(),
                            bit,
                            language,
                            languages: 1 << language,
                            bounded,
                        });
                    }
                }
            }
            gherkin.inline.push(inline);
            let labels = [
                (&dialect.background, true),
                (&dialect.examples, true),
                (&dialect.scenario, false),
                (&dialect.scenario_outline, false),
                (&dialect.feature, false),
            ];
            for (words, skips) in labels {
                for word in words {
                    let text = word.trim().to_lowercase();
                    let ordinary =
                        code == "en" && ENGLISH_WORDS_NOT_LABELS.contains(&text.as_str());
                    if text.is_empty() || ordinary {
                        continue;
                    }
                    gherkin.add_label(Label {
                        text: text.into_boxed_str(),
                        skips,
                        language,
                    });
                }
            }
        }
        gherkin.steps.sort_longest_first(|k| k.text.len());
        gherkin.labels.sort_longest_first(|l| l.text.len());
        Some(gherkin)
    }

    fn add_step(&mut self, keyword: Keyword) {
        self.longest = self.longest.max(keyword.text.len());
        self.steps.push(&keyword.text.clone(), keyword);
    }

    fn add_label(&mut self, label: Label) {
        self.longest = self.longest.max(label.text.len());
        self.labels.push(&label.text.clone(), label);
    }

    /// How many of `line`'s first bytes, up to the longest keyword, are ASCII.
    fn ascii_lead(&self, line: &str) -> usize {
        let lead = line
            .as_bytes()
            .get(..self.longest)
            .unwrap_or(line.as_bytes());
        lead.iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(lead.len())
    }

    /// Step keywords of the languages in `languages` that `line` starts with.
    fn steps_at_start<'g>(
        &'g self,
        line: &'g str,
        languages: Languages,
    ) -> impl Iterator<Item = &'g Keyword> + 'g {
        let ascii_lead = self.ascii_lead(line);
        let (words, shorter) = self.steps.at_start_of(line);
        words.iter().chain(shorter).filter(move |k| {
            languages & k.languages != 0
                && starts_with_ci(line, ascii_lead, &k.text).is_some_and(|end| {
                    !k.bounded
                        || line
                            .get(end..)
                            .and_then(|r| r.chars().next())
                            .is_none_or(|c| c.is_whitespace() || c == ':' || c == ',')
                })
        })
    }

    /// The When and Then words of `language` in `line`, as bits.
    fn inline_in(&self, language: u8, line: &str) -> u8 {
        let Some(words) = self.inline.get(usize::from(language)) else {
            return 0;
        };
        if words.is_empty() {
            return 0;
        }
        let mut bits = 0;
        // Most lines are ASCII: an ASCII word can only be an ASCII keyword of the same
        // bytes, ignoring case (an ASCII character lower-cases to one ASCII character).
        if line.is_ascii() {
            for word in line.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
                for (keyword, bit) in words {
                    if word.eq_ignore_ascii_case(keyword.as_bytes()) {
                        bits |= bit;
                    }
                }
            }
            return bits;
        }
        let longest = words.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        let mut check = |word: &str| {
            if word.is_empty() || word.len() > 2 * longest {
                return;
            }
            for (keyword, bit) in words {
                let same = if word.is_ascii() && keyword.is_ascii() {
                    word.eq_ignore_ascii_case(keyword)
                } else {
                    match_ci(word, 0, keyword) == Some(word.len())
                };
                if same {
                    bits |= bit;
                }
            }
        };
        for word in line.split(|c: char| !c.is_alphanumeric()) {
            check(word);
        }
        bits
    }
}

/// Where `keyword` (lower case) ends if `line` starts with it, ignoring case, as
/// [`match_ci`] finds it; compared as bytes when the line's first `ascii_lead` bytes are
/// ASCII and cover the keyword (an ASCII character lower-cases to itself or its one ASCII
/// lower case, so only an ASCII keyword of those bytes can match there).
fn starts_with_ci(line: &str, ascii_lead: usize, keyword: &str) -> Option<usize> {
    let n = keyword.len();
    if n <= ascii_lead {
        let head = line.as_bytes().get(..n)?;
        return head.eq_ignore_ascii_case(keyword.as_bytes()).then_some(n);
    }
    match_ci(line, 0, keyword)
}

#[derive(Deserialize)]
struct LanguageWords {
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    other_headings: Vec<String>,
    #[serde(default)]
    function_words: Vec<String>,
}

/// Everything the parser recognises; see the module docs.
#[derive(Debug)]
pub struct Vocabulary {
    headings: HashSet<String>,
    heading_patterns: Vec<Regex>,
    /// The first characters of the headings, a cheap test before normalising a line.
    heading_starts: HashSet<char>,
    /// The longest heading in bytes, another cheap test.
    longest_heading: usize,
    other_headings: HashSet<String>,
    function_words: HashSet<String>,
    gherkin: Arc<Gherkin>,
}

static GHERKIN: LazyLock<Arc<Gherkin>> = LazyLock::new(|| {
    Arc::new(Gherkin::parse(include_str!("gherkin-languages.json")).unwrap_or_default())
});

impl Vocabulary {
    /// The built-in vocabulary, shared.
    pub fn shared() -> Arc<Vocabulary> {
        Arc::clone(&STANDARD)
    }

    fn standard() -> Vocabulary {
        let data: std::collections::BTreeMap<String, LanguageWords> =
            toml::from_str(include_str!("headings.toml")).unwrap_or_default();
        let mut vocabulary = Vocabulary {
            headings: HashSet::new(),
            heading_patterns: Vec::new(),
            heading_starts: HashSet::new(),
            longest_heading: 0,
            other_headings: HashSet::new(),
            function_words: HashSet::new(),
            gherkin: Arc::clone(&GHERKIN),
        };
        for words in data.into_values() {
            for heading in &words.headings {
                vocabulary.add_heading(heading);
            }
            vocabulary.other_headings.extend(words.other_headings);
            vocabulary.function_words.extend(words.function_words);
        }
        vocabulary
    }

    /// The built-in vocabulary with a team's headings and patterns added.
    pub fn with(settings: &CriteriaSettings) -> Arc<Vocabulary> {
        if settings.headings.is_empty() && settings.heading_patterns.is_empty() {
            return Vocabulary::shared();
        }
        let standard = Vocabulary::shared();
        let mut vocabulary = Vocabulary {
            headings: standard.headings.clone(),
            heading_patterns: settings
                .heading_patterns
                .iter()
                .map(|p| p.0.clone())
                .collect(),
            heading_starts: standard.heading_starts.clone(),
            longest_heading: standard.longest_heading,
            other_headings: standard.other_headings.clone(),
            function_words: standard.function_words.clone(),
            gherkin: Arc::clone(&standard.gherkin),
        };
        for heading in &settings.headings {
            vocabulary.add_heading(&heading.0);
        }
        Arc::new(vocabulary)
    }

    fn add_heading(&mut self, heading: &str) {
        let normal = normal_heading(heading);
        if let Some(first) = normal.chars().next() {
            self.heading_starts.insert(first);
            self.longest_heading = self.longest_heading.max(normal.len());
            self.headings.insert(normal);
        }
    }

    /// Whether `head`, a line's text without markup, list marker and colon, is an
    /// acceptance-criteria heading.
    pub(crate) fn is_heading(&self, head: &str) -> bool {
        let first = head.chars().next().and_then(|c| c.to_lowercase().next());
        // A few bytes of slack for doubled spaces, which normalising removes.
        let listed = head.len() <= self.longest_heading + 8
            && first.is_some_and(|c| self.heading_starts.contains(&c))
            && self.headings.contains(&normal_heading(head));
        listed || self.heading_patterns.iter().any(|p| p.is_match(head))
    }

    /// Whether a heading (normalised) names another part of the story ("Notes").
    pub(crate) fn is_other_heading(&self, normal: &str) -> bool {
        self.other_headings.contains(normal)
    }

    /// Whether `word` (lower case) is a function word of a language other than English.
    pub(crate) fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }

    /// The Gherkin keywords that count in a text whose lines (without list markers) are
    /// `lines`: English, and the languages the text shows two kinds of step in.
    pub(crate) fn keywords_for<'t>(&self, lines: impl Iterator<Item = &'t str>) -> Keywords<'_> {
        let gherkin = &*self.gherkin;
        let others: Languages = !(1 << gherkin.english);
        let mut seen = [0u8; 128];
        let mut active: Languages = 1 << gherkin.english;
        for line in lines {
            for keyword in gherkin.steps_at_start(line, others) {
                let language = keyword.language;
                let mut bits = keyword.bit;
                if bits & (GIVEN | WHEN) != 0 {
                    bits |= gherkin.inline_in(language, line);
                }
                if let Some(slot) = seen.get_mut(usize::from(language)) {
                    *slot |= bits;
                    if (*slot & (GIVEN | WHEN | THEN)).count_ones() >= 2 {
                        active |= keyword.languages;
                    }
                }
            }
        }
        Keywords {
            gherkin,
            active,
            vocabulary: self,
        }
    }
}

/// The keywords that count in one text (see [`Vocabulary::keywords_for`]).
pub struct Keywords<'v> {
    gherkin: &'v Gherkin,
    active: Languages,
    pub vocabulary: &'v Vocabulary,
}

impl Keywords<'_> {
    fn counts(&self, language: u8) -> bool {
        self.active & (1 << language) != 0
    }

    /// The step keyword a line starts with, as one of the step bits.
    pub(crate) fn step_of(&self, line: &str) -> Option<u8> {
        self.gherkin
            .steps_at_start(line, self.active)
            .next()
            .map(|k| k.bit)
    }

    /// When and Then keywords anywhere in a line, as whole words.
    pub(crate) fn inline_steps(&self, line: &str) -> u8 {
        let mut bits = 0;
        let mut languages = self.active;
        while languages != 0 {
            let language = languages.trailing_zeros() as u8;
            bits |= self.gherkin.inline_in(language, line);
            languages &= languages - 1;
        }
        bits
    }

    /// A Gherkin label line ("Scenario: …", "Cenário 2 – export:", "Beispiele:"):
    /// `Some(true)` for Background and Examples, whose block is dropped.
    pub(crate) fn label_of(&self, line: &str) -> Option<bool> {
        let (labels, shorter) = self.gherkin.labels.at_start_of(line);
        if labels.is_empty() && shorter.is_empty() {
            return None;
        }
        let colon = line.find([':', '：']).filter(|&at| at <= 80)?;
        let head = line.get(..colon)?;
        let ascii_lead = self.gherkin.ascii_lead(head);
        labels.iter().chain(shorter).find_map(|label| {
            if !self.counts(label.language) {
                return None;
            }
            let end = starts_with_ci(head, ascii_lead, &label.text)?;
            let rest = head.get(end..)?;
            (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(label.skips)
        })
    }
}

impl std::fmt::Debug for Gherkin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gherkin")
            .field("languages", &self.inline.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{in_description, in_field, judge, Found};
    use super::*;

    fn found(text: &str, vocabulary: &Vocabulary) -> Option<(Found, Vec<String>)> {
        in_description(text, vocabulary).map(|(found, criteria)| {
            let texts = criteria.iter().map(|c| c.text(text).to_owned()).collect();
            (found, texts)
        })
    }

    /// The byte comparison of ASCII line starts finds what `match_ci` finds, also where
    /// a non-ASCII character lower-cases to ASCII (the Kelvin sign, "İ").
    #[test]
    fn keywords_at_line_start_match_as_match_ci_does() {
        let lines = [
            "Given a saved cart",
            "GIVEN a saved cart",
            "Giv",
            "\u{212A}ui is a word",
            "İf so",
            "Étant donné un panier",
            "DADO QUE sim",
            "",
        ];
        let keywords = [
            "given",
            "dado",
            "dado que",
            "étant donné",
            "k",
            "kui",
            "if",
            "i",
        ];
        for line in lines {
            let lead = GHERKIN.ascii_lead(line);
            for keyword in keywords {
                assert_eq!(
                    starts_with_ci(line, lead, keyword),
                    match_ci(line, 0, keyword),
                    "{line:?} {keyword:?}"
                );
            }
        }
        assert_eq!(starts_with_ci("\u{212A}ui", 0, "kui"), Some(5));
        assert_eq!(starts_with_ci("GIVEN a", 7, "given"), Some(5));
    }

    /// The keywords found through the two-byte index are those a scan of every keyword
    /// of the line's first character finds, in the same order.
    #[test]
    fn the_two_byte_index_finds_what_a_full_scan_finds() {
        let all: Languages = !0;
        let lines = [
            "Dado que estou logado",
            "DANN sehe ich",
            "dat is goed",
            "E abro o carrinho",
            "e",
            "Y entonces",
            "Étant donné un panier",
            "İ am here",
            "A\u{301} accent",
            "Als ik inlog",
            "Когда я вхожу",
            "假如 something",
            "a",
        ];
        for line in lines {
            let found: Vec<&str> = GHERKIN
                .steps_at_start(line, all)
                .map(|k| &*k.text)
                .collect();
            // The first character alone: the full list of its words.
            let first = line.chars().next().map_or(0, char::len_utf8);
            let (full, _) = GHERKIN.steps.at_start_of(&line[..first]);
            let scanned: Vec<&str> = full
                .iter()
                .filter(|k| {
                    match_ci(line, 0, &k.text).is_some_and(|end| {
                        !k.bounded
                            || line[end..]
                                .chars()
                                .next()
                                .is_none_or(|c| c.is_whitespace() || c == ':' || c == ',')
                    })
                })
                .map(|k| &*k.text)
                .collect();
            assert_eq!(found, scanned, "{line:?}");
        }
        assert!(GHERKIN.steps_at_start("Dado que", all).count() >= 2);
    }

    #[test]
    fn the_data_files_read() {
        assert!(GHERKIN.inline.len() >= 70, "{:?}", *GHERKIN);
        let standard = Vocabulary::shared();
        for heading in [
            "acceptance criteria",
            "akzeptanzkriterien",
            "critères d'acceptation",
            "criterios de aceptación",
            "critérios de aceitação",
            "criteri di accettazione",
            "acceptatiecriteria",
            "definition of done",
        ] {
            assert!(standard.is_heading(heading), "{heading}");
        }
        assert!(standard.is_function_word("het") && !standard.is_function_word("the"));
    }

    /// A heading in each language, with two criteria under it; without the heading the
    /// same lines are no criteria.
    #[test]
    fn headings_in_seven_languages() {
        let cases = [
            (
                "Acceptance criteria",
                "The export offers PDF.",
                "Each invoice is one page.",
            ),
            (
                "h3. Akzeptanzkriterien",
                "Der Export bietet PDF an.",
                "Jede Rechnung ist eine Seite.",
            ),
            (
                "*Critères d'acceptation :*",
                "L'export propose le PDF.",
                "Chaque facture tient sur une page.",
            ),
            (
                "Criterios de aceptación:",
                "La exportación ofrece PDF.",
                "Cada factura ocupa una página.",
            ),
            (
                "## Critérios de aceitação",
                "A exportação oferece PDF.",
                "Cada fatura ocupa uma página.",
            ),
            (
                "Criteri di accettazione",
                "L'esportazione offre il PDF.",
                "Ogni fattura occupa una pagina.",
            ),
            (
                "Acceptatiecriteria:",
                "De export biedt PDF aan.",
                "Elke factuur is één pagina.",
            ),
            (
                "Definition of Done",
                "The export offers PDF.",
                "Each invoice is one page.",
            ),
        ];
        let standard = Vocabulary::shared();
        for (heading, first, second) in cases {
            let items = format!("- {first}\n- {second}");
            let text = format!("Some background.\n\n{heading}\n{items}");
            assert_eq!(
                found(&text, &standard),
                Some((Found::Section, vec![first.to_owned(), second.to_owned()])),
                "{heading}"
            );
            assert_eq!(found(&items, &standard), None, "{heading}");
        }
    }

    /// A scenario in each language (and Polish, from the same table) is one criterion;
    /// its Given line alone is none.
    #[test]
    fn gherkin_keywords_in_seven_languages_and_more() {
        let scenarios = [
            "Given a saved basket\nWhen I sign in on my phone\nThen I see the same items",
            "Angenommen ein gespeicherter Warenkorb\nWenn ich mich am Handy anmelde\nDann sehe ich dieselben Artikel",
            "Étant donné un panier enregistré\nQuand je me connecte sur mon téléphone\nAlors je vois les mêmes articles",
            "Dado un carrito guardado\nCuando inicio sesión en el móvil\nEntonces veo los mismos artículos",
            "Dado um carrinho salvo\nQuando eu entro pelo celular\nEntão vejo os mesmos itens",
            "Dato un carrello salvato\nQuando accedo dal telefono\nAllora vedo gli stessi articoli",
            "Gegeven een opgeslagen winkelmand\nAls ik inlog op mijn telefoon\nDan zie ik dezelfde artikelen",
            "Mając zapisany koszyk\nKiedy loguję się na telefonie\nWtedy widzę te same produkty",
        ];
        let standard = Vocabulary::shared();
        for scenario in scenarios {
            assert_eq!(
                found(scenario, &standard),
                Some((Found::GivenWhenThen, vec![scenario.to_owned()])),
                "{scenario}"
            );
            assert_eq!(judge(scenario, &standard), None, "{scenario}");
            let given = scenario.lines().next().unwrap_or_default();
            assert_eq!(found(given, &standard), None, "{given}");
        }
        // Inline, with a label of the language before it.
        let inline =
            "Cenário: sair\nDado que estou logado, quando clico em Sair, então volto ao login";
        assert_eq!(
            found(inline, &standard),
            Some((
                Found::GivenWhenThen,
                vec![
                    "Dado que estou logado, quando clico em Sair, então volto ao login".to_owned()
                ]
            ))
        );
        // A scenario without its outcome is untestable in any language.
        let no_then = "Dado um carrinho salvo\nQuando eu entro pelo celular\nE abro o carrinho";
        let criteria = in_field(no_then, &standard);
        assert_eq!(criteria.len(), 1);
        assert!(judge(criteria[0].text(no_then), &standard).is_some());
    }

    /// Keywords of other languages that are English words do not make English items steps.
    #[test]
    fn english_words_that_are_keywords_elsewhere_stay_plain() {
        let text = "Acceptance criteria\n\
                    - Data is exported every night.\n\
                    - Date filters keep their value after a reload.\n\
                    - Dan from support can see the export log.";
        let standard = Vocabulary::shared();
        let (_, criteria) = found(text, &standard).expect("a section");
        assert_eq!(criteria.len(), 3, "{criteria:?}");
        for criterion in &criteria {
            assert_eq!(judge(criterion, &standard), None, "{criterion}");
        }
    }

    #[test]
    fn a_team_adds_headings_and_patterns() {
        let text = "h3. O que deve ser feito\n* Exibir o saldo na tela inicial\n* Enviar o recibo por e-mail";
        let standard = Vocabulary::shared();
        assert_eq!(found(text, &standard), None);
        let settings: CriteriaSettings =
            toml::from_str("headings = [\"O que deve ser feito\"]").expect("settings read");
        let extended = Vocabulary::with(&settings);
        assert_eq!(
            found(text, &extended).map(|(_, c)| c),
            Some(vec![
                "Exibir o saldo na tela inicial".to_owned(),
                "Enviar o recibo por e-mail".to_owned()
            ])
        );
        let text = "Requisitos funcionais:\n- Exibir o saldo na tela inicial";
        assert_eq!(found(text, &standard), None);
        let settings: CriteriaSettings =
            toml::from_str("heading_patterns = ['(?i)^requisitos( funcionais)?$']")
                .expect("settings read");
        assert_eq!(
            found(text, &Vocabulary::with(&settings)).map(|(_, c)| c),
            Some(vec!["Exibir o saldo na tela inicial".to_owned()])
        );
    }

    #[test]
    fn extra_headings_are_validated() {
        let error = |text: &str| {
            toml::from_str::<CriteriaSettings>(text)
                .expect_err("refused")
                .to_string()
        };
        assert!(error("headings = [\"  \"]").contains("a heading has words"));
        assert!(error("headings = [\"a\\nb\"]").contains("one line"));
        let long = format!("headings = [\"{}\"]", "x".repeat(61));
        assert!(error(&long).contains("at most 60 characters"));
        assert!(error("heading_patterns = [\"(\"]").contains("invalid regular expression"));
        assert!(error("heading = [\"AC\"]").contains("unknown field"));
        let settings: CriteriaSettings =
            toml::from_str("headings = [\"Was zu tun ist:\"]").expect("a trailing colon is fine");
        assert_eq!(settings.headings[0].0, "Was zu tun ist");
    }
}
