//! Whether one criterion can be tested: a placeholder, too few words, or no outcome
//! (see the module docs of [`super`]).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::{parse_lines, Line};
use super::vocabulary::Keywords;
use super::{keywords, Untestable, Vocabulary, GIVEN, THEN, WHEN};
use crate::text::compile;

/// Words whose presence means a criterion states some result (see the module docs).
#[rustfmt::skip]
pub const OUTCOME_WORDS: &[&str] = &[
    // be, have, do, and their negations split at the apostrophe ("doesn't" → "doesn")
    "is", "are", "was", "were", "be", "been", "being", "am", "isn", "aren", "wasn", "weren",
    "has", "have", "had", "hasn", "haven", "hadn", "do", "does", "did", "doesn", "don", "didn",
    // modals
    "can", "cannot", "could", "couldn", "must", "mustn", "should", "shouldn", "shall", "will",
    "won", "would", "wouldn", "may", "might", "need", "needs",
    // words that state a condition, limit or order
    "then", "only", "not", "no", "never", "always", "within", "under", "over", "least", "most",
    "max", "maximum", "min", "minimum", "less", "more", "fewer", "per", "exactly", "after",
    "before", "until", "unless", "without", "each", "every", "all", "none", "zero", "one",
    "two", "three", "four", "five", "ten", "hundred", "thousand", "first", "last", "same",
    "empty", "visible", "invisible", "enabled", "disabled", "available", "unavailable",
    "possible", "impossible", "true", "false", "valid", "invalid", "successful",
];

/// Verbs of outcome and action in their base and irregular forms: they state a result,
/// except in a criterion that opens with "When" ("When I click the button"), where they
/// are the trigger.
#[rustfmt::skip]
pub const ACTION_WORDS: &[&str] = &[
    "show", "shown", "display", "return", "receive", "see", "seen", "get", "got", "gets",
    "appear", "contain", "equal", "include", "list", "open", "close", "load", "save", "send",
    "sent", "allow", "let", "enable", "prevent", "block", "reject", "accept", "redirect",
    "navigate", "download", "upload", "export", "import", "create", "delete", "remove",
    "update", "change", "validate", "notify", "email", "log", "sort", "filter", "match", "hide",
    "hidden", "highlight", "remain", "stay", "become", "take", "taken", "fail", "succeed",
    "work", "respond", "support", "require", "trigger", "generate", "calculate", "store",
    "keep", "kept", "refresh", "reload", "exist", "happen", "reach", "exceed", "pass", "count",
    "print", "play", "stop", "start", "begin", "end", "find", "found", "give", "given", "make",
    "made", "put", "set", "read", "write", "written", "go", "went", "gone", "come", "run",
    "pay", "paid", "sign", "login", "logout", "register", "select", "choose", "chosen", "enter",
    "add", "edit", "view", "search", "submit", "confirm", "cancel", "approve", "deny", "access",
    "link", "move", "copy", "click", "tap", "type", "fill", "drag", "drop", "scroll", "expand",
    "collapse", "mark", "flag", "assign", "share", "invite", "lock", "unlock", "reset",
    "restore", "retry", "sync", "publish", "schedule", "warn", "alert", "ask", "prompt",
    "inform", "tell", "told", "say", "said", "use", "used", "behave", "react", "differ", "fit",
    "wrap", "render", "persist", "survive",
];

/// Modals that let a one-line "Given …" through: it states what must hold.
#[rustfmt::skip]
pub(super) const MODALS: &[&str] = &[
    "must", "should", "shall", "will", "can", "cannot", "muss", "müssen", "soll", "sollte", "wird",
    "kann", "debe", "deben", "puede", "doit", "peut", "sera",
];

/// Words before a colon that make a line an introduction rather than a heading.
#[rustfmt::skip]
pub(super) const INTRO_ENDINGS: &[&str] = &[
    "a", "an", "the", "and", "or", "are", "is", "be", "as", "at", "by", "for", "from", "in",
    "of", "on", "to", "with", "that", "when", "if", "can", "should", "must", "will",
    "following", "include", "includes", "including", "like", "such", "these", "this",
];

/// Whole-criterion placeholders, lower case, without trailing `.`, `:`, `!`.
#[rustfmt::skip]
pub(super) const PLACEHOLDERS: &[&str] = &[
    "?", "??", "???", "-", "--", "...", "…", "n/a", "na", "n.a", "none", "nothing", "tbd",
    "tbc", "tba", "todo", "to do", "wip", "xxx", "see above", "see below", "as above",
    "same as above", "as discussed", "as agreed", "see description", "see ticket",
];

pub(super) static OUTCOME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| OUTCOME_WORDS.iter().copied().collect());
pub(super) static ACTION_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ACTION_WORDS.iter().copied().collect());

/// Placeholders anywhere in a criterion (case-insensitive).
pub(super) static PLACEHOLDER_ANY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:tbd|tbc|tba|x{3,})(?-u:\b)|(?-u:\b)to be (?:defined|determined|decided|confirmed|clarified|added|discussed|specified|agreed|done|written|refined)(?-u:\b)|(?:^|\s)(\?{2,})(?:\s|$)",
    )
});

/// Placeholders that are only ever written in capitals.
pub(super) static PLACEHOLDER_CAPS: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"(?-u:\b)(?:TODO|FIXME)(?-u:\b)"));

/// Placeholders that start a criterion; group 1 is the placeholder.
pub(super) static PLACEHOLDER_START: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(
        r"(?i)^(see (?:above|below|description|ticket|story|epic|parent|attachments?|comments?|confluence|wiki|linked|document|doc|spec|design|figma|mockups?)|same as (?:above|before|story|ticket)|as (?:discussed|agreed|above|per)|(?:todo|to do)\s*[:\-–])",
    )
});

/// Words as [`judge`] counts them (see the module docs).
pub(super) fn word_count(text: &str) -> usize {
    // Most texts are ASCII: no CJK, and splitting bytes skips decoding chars.
    if text.is_ascii() {
        return text
            .as_bytes()
            .split(|&b| char::from(b).is_whitespace())
            .filter(|token| {
                token
                    .iter()
                    .any(|&b| b.is_ascii_alphanumeric() || matches!(b, b'<' | b'>' | b'='))
            })
            .count();
    }
    text.split_whitespace()
        .map(|token| {
            let cjk = if token.is_ascii() {
                0
            } else {
                token.chars().filter(|&c| is_cjk(c)).count()
            };
            if cjk > 0 {
                cjk
            } else {
                usize::from(
                    token
                        .chars()
                        .any(|c| c.is_alphanumeric() || matches!(c, '<' | '>' | '=' | '≤' | '≥')),
                )
            }
        })
        .sum()
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{ac00}'..='\u{d7af}' // hangul syllables
        | '\u{f900}'..='\u{faff}' // CJK compatibility ideographs
    )
}

/// Why a criterion cannot be tested, if it cannot: the problem and the byte range within
/// `criterion` to underline. The checks and their order are in the module docs; an empty
/// criterion is `TooShort` with an empty range.
pub fn judge(criterion: &str, vocabulary: &Vocabulary) -> Option<(Untestable, Range<usize>)> {
    let start = criterion.len() - criterion.trim_start().len();
    let whole = start..start + criterion.trim().len();
    if whole.is_empty() {
        return Some((Untestable::TooShort, whole));
    }
    if let Some(range) = placeholder(criterion) {
        return Some((Untestable::Placeholder, range));
    }
    if word_count(criterion) < 3 {
        return Some((Untestable::TooShort, whole));
    }
    let lines = parse_lines(criterion);
    let kw = keywords(vocabulary, criterion, &lines);
    (scenario_without_outcome(&kw, criterion, &lines) || states_no_outcome(&kw, criterion))
        .then_some((Untestable::NoOutcome, whole))
}

pub(super) fn placeholder(criterion: &str) -> Option<Range<usize>> {
    let trimmed = criterion.trim();
    let start = criterion.len() - criterion.trim_start().len();
    let bare = trimmed.trim_end_matches(['.', ':', '!', ';']).trim_end();
    if bare.len() <= 20 && PLACEHOLDERS.contains(&bare.to_lowercase().as_str()) {
        return Some(start..start + trimmed.len());
    }
    // Cheap tests first: the patterns are only run when they could match.
    let lower = criterion.to_ascii_lowercase();
    let opening = lower.trim_start();
    if ["see ", "same as", "as ", "todo", "to do"]
        .iter()
        .any(|p| opening.starts_with(p))
    {
        if let Some(m) = PLACEHOLDER_START.as_ref().and_then(|re| re.find(trimmed)) {
            let rest = trimmed.get(m.end()..).unwrap_or_default();
            if word_count(rest) <= 3 {
                return Some(start..start + trimmed.len());
            }
        }
    }
    if ["tb", "xxx", "to be", "??"]
        .iter()
        .any(|p| lower.contains(p))
    {
        if let Some(caps) = PLACEHOLDER_ANY
            .as_ref()
            .and_then(|re| re.captures(criterion))
        {
            if let Some(m) = caps.get(1).or_else(|| caps.get(0)) {
                return Some(m.range());
            }
        }
    }
    if !(criterion.contains("TODO") || criterion.contains("FIXME")) {
        return None;
    }
    PLACEHOLDER_CAPS
        .as_ref()
        .and_then(|re| re.find(criterion))
        .map(|m| m.range())
}

/// A scenario with no Then (module docs, check 3).
pub(super) fn scenario_without_outcome(kw: &Keywords<'_>, criterion: &str, lines: &[Line]) -> bool {
    let mut steps = 0;
    let mut bits = 0;
    let mut first = None;
    for line in lines {
        let s = line.text(criterion);
        if s.is_empty() {
            continue;
        }
        let step = kw.step_of(s);
        if first.is_none() {
            first = Some(step);
        }
        if let Some(step) = step {
            steps += 1;
            bits |= step;
        }
        bits |= kw.inline_steps(s);
    }
    if bits & THEN != 0 {
        return false;
    }
    if steps >= 2 && bits & (GIVEN | WHEN) != 0 {
        return true;
    }
    first == Some(Some(GIVEN))
        && !criterion
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| MODALS.contains(&w.to_lowercase().as_str()))
}

/// A statement of no observable result (module docs, check 4).
pub(super) fn states_no_outcome(kw: &Keywords<'_>, criterion: &str) -> bool {
    if criterion.chars().any(|c| {
        (c.is_alphabetic() && !c.is_ascii())
            || c.is_ascii_digit()
            || matches!(c, '<' | '>' | '=' | '%' | '≤' | '≥')
    }) {
        return false;
    }
    let trigger = kw.step_of(criterion.trim_start()) == Some(WHEN);
    let mut any = false;
    for word in criterion.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        any = true;
        let w = word.to_ascii_lowercase();
        if OUTCOME_SET.contains(w.as_str())
            || kw.vocabulary.is_function_word(&w)
            || (!trigger && ACTION_SET.contains(w.as_str()))
        {
            return false;
        }
        let verb_like = w.len() >= 4
            && (w.ends_with("ed")
                || (w.ends_with('s')
                    && !w.ends_with("ss")
                    && !w.ends_with("us")
                    && !w.ends_with("is")));
        if verb_like {
            return false;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for (name, re) in [
            ("PLACEHOLDER_ANY", &PLACEHOLDER_ANY),
            ("PLACEHOLDER_CAPS", &PLACEHOLDER_CAPS),
            ("PLACEHOLDER_START", &PLACEHOLDER_START),
        ] {
            assert!(re.is_some(), "{name} does not compile");
        }
    }
}
