//! Reason clauses that state a story's benefit without "so that": a purpose infinitive
//! ("perform a check to remove duplicates"), a purpose "for" ("for re-use", "for the
//! purpose of"), "since" with a clause, "in order" missing its "to", and a consequence
//! set off by a comma (", which can then be used by …"). Conditions and constraints
//! ("when …", "if …", "without having to …") are not reasons and are never markers.
//!
//! Each check sees the goal text before the candidate marker (`before`) and the text
//! after it (`after`), and says whether the marker introduces the benefit.

use super::{first_word, last_word, listed, INFINITIVE_TAKERS};

/// Nouns and verbs whose "to" starts their complement, not a purpose: "a way to export",
/// "the option to", "trying to", "access to the files".
#[rustfmt::skip]
const TO_COMPLEMENT_TAKERS: &[&str] = &[
    "way", "ways", "ability", "option", "options", "possibility", "chance", "opportunity",
    "permission", "right", "rights", "time", "button", "link", "tool", "feature", "function",
    "functionality", "place", "means", "mechanism", "interface", "form", "field", "process",
    "request", "reminder", "instructions", "attempt", "decision", "plan", "power", "access",
    "having", "trying", "wanting", "needing", "try", "tries", "like", "love", "prefer",
    "wish", "hope", "start", "begin", "continue", "refer", "due", "next", "close", "up",
    "back", "down", "from", "according", "related", "relevant", "prior", "similar",
    "compared", "equal", "thanks", "addition", "order", "ready", "easy", "hard", "unable",
    "nothing", "something", "anything", "who", "whom", "whether",
];

/// Verbs that take an object and then the infinitive that is the goal itself: "have
/// the tool to tag files", "use the map to plan a trip", "allow guests to book".
#[rustfmt::skip]
const OBJECT_THEN_INFINITIVE: &[&str] = &[
    "have", "use", "get", "allow", "enable", "let", "make", "help", "ask", "tell", "require",
    "force", "permit", "invite", "remind", "teach", "train", "instruct", "encourage",
    "prompt", "expect", "want", "need", "like", "configure", "set",
];

/// Words that cannot start an infinitive's verb: determiners, pronouns, numbers.
#[rustfmt::skip]
const NOT_A_VERB: &[&str] = &[
    "the", "a", "an", "my", "our", "your", "their", "his", "her", "its", "this", "that",
    "these", "those", "me", "us", "them", "him", "it", "all", "each", "every", "any", "some",
    "other", "another", "one", "two", "do", "date", "be", "which", "what", "whom",
];

/// Words after the infinitive's verb that show it has no object, so the word was a noun:
/// "send a message to users in the group", "to colleagues and managers".
#[rustfmt::skip]
const NOT_AN_OBJECT: &[&str] = &[
    "in", "on", "at", "of", "for", "with", "by", "from", "and", "or", "as", "when", "if",
    "after", "before", "so", "because", "via", "who", "that",
];

/// "perform a check to remove duplicates": after a goal of a verb and its object, "to"
/// and a verb with an object of its own say why. "send a note to users" (a noun after
/// "to") and "a way to sort" (a noun that takes the infinitive) do not.
pub(crate) fn purpose_infinitive(before: &str, after: &str) -> bool {
    let prev = last_word(before);
    if before.split_whitespace().nth(1).is_none()
        || listed(INFINITIVE_TAKERS, &prev)
        || listed(TO_COMPLEMENT_TAKERS, &prev)
        || listed(OBJECT_THEN_INFINITIVE, &first_word(before))
        // "add people and to close the window": one more want of a list.
        || matches!(prev.as_str(), "and" | "or" | "then")
    {
        return false;
    }
    let mut words = after.split_whitespace();
    let Some(verb) = words.next() else {
        return false;
    };
    let Some(object) = words.next() else {
        return false;
    };
    let verb_ok = verb.chars().all(|c| c.is_ascii_lowercase())
        && !listed(NOT_A_VERB, verb)
        && !is_noun_shaped(verb);
    let object = object
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    verb_ok && !object.is_empty() && !listed(NOT_AN_OBJECT, &object)
}

/// Endings of plural and abstract nouns and of participles, not of a bare verb ("users",
/// "migration", "specified"; but "access", "proceed").
fn is_noun_shaped(word: &str) -> bool {
    let plural = word.ends_with('s') && !word.ends_with("ss");
    let participle = word.ends_with("ed") && !word.ends_with("eed");
    plural
        || participle
        || ["tion", "sion", "ment", "ness", "ity", "ance", "ence"]
            .iter()
            .any(|ending| word.ends_with(ending))
}

/// Verbs whose "for" belongs to them: "search for", "wait for", "pay for".
#[rustfmt::skip]
const FOR_TAKERS: &[&str] = &[
    "search", "look", "looking", "ask", "wait", "waiting", "pay", "apply", "register",
    "sign", "account", "allow", "vote", "check", "filter", "sort", "prepare", "request",
    "responsible", "used", "available", "ready", "eligible", "needed", "required",
];

/// "for clarity", "for re-use", "for easy comprehension": "for" and an abstract noun (at
/// most one word before it) that ends the clause state what the goal is for. "a filter
/// for dates" and "search for duplication" do not: a concrete noun, or a verb that takes
/// "for".
pub(crate) fn purpose_for(before: &str, after: &str) -> bool {
    if listed(FOR_TAKERS, &last_word(before)) || before.split_whitespace().nth(1).is_none() {
        return false;
    }
    let clause = after
        .split([',', '.', ';', '('])
        .next()
        .unwrap_or("")
        .trim();
    let (count, last) = clause
        .split_whitespace()
        .fold((0, ""), |(count, _), word| (count + 1, word));
    // "for clarity", not "for a collection" or "for each segment": a purpose has no
    // determiner.
    if count == 0 || count > 2 || listed(NOT_A_VERB, &first_word(clause)) {
        return false;
    }
    let noun = last.to_lowercase();
    let abstract_noun = [
        "tion", "sion", "ity", "ance", "ence", "ness", "ment", "val", "sis",
    ]
    .iter()
    .any(|ending| noun.ends_with(ending))
        || matches!(noun.as_str(), "re-use" | "reuse" | "purposes");
    abstract_noun
}

/// "since I forget passwords": "since" with a clause after it is a reason; "since last
/// week", "since 2020" are times.
pub(crate) fn reason_since(after: &str) -> bool {
    matches!(
        first_word(after).as_str(),
        "i" | "we" | "you" | "they" | "he" | "she" | "it" | "there" | "this" | "that"
    )
}

/// ", which can then be used by …", ", which lets …": a consequence set off by a comma,
/// with a modal or a verb of enabling; ", which is blue" describes and is not a reason.
pub(crate) fn consequence_which(before: &str, after: &str) -> bool {
    if !before.trim_end().ends_with(',') {
        return false;
    }
    let mut words = after.split_whitespace().map(str::to_lowercase);
    let mut next = words.next().unwrap_or_default();
    if next == "then" {
        next = words.next().unwrap_or_default();
    }
    matches!(
        next.as_str(),
        "can"
            | "could"
            | "will"
            | "would"
            | "should"
            | "may"
            | "might"
            | "allows"
            | "lets"
            | "enables"
            | "helps"
            | "means"
            | "makes"
            | "saves"
            | "avoids"
            | "prevents"
            | "reduces"
            | "gives"
    )
}

/// "in order research …": "in order" missing its "to", followed by a verb; not "in order
/// of date" or "keep them in order".
pub(crate) fn bare_in_order(after: &str) -> bool {
    let next = first_word(after);
    !next.is_empty()
        && !matches!(
            next.as_str(),
            "of" | "by" | "and" | "or" | "with" | "so" | "when" | "if" | "as" | "for" | "to"
        )
}
