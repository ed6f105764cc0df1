//! Text in a story beyond role, goal and benefit (the QUS framework's "minimal"
//! criterion).
//!
//! [`extras`] reports, with byte ranges in the story text:
//!
//! * [`Extra::Brackets`]: `(…)`, `[…]`, `{…}`, outermost pairs only. Not flagged: a
//!   plural marker glued to a word (`file(s)`), leading `[tag]` labels before the story
//!   (`[Checkout] As a …`), and empty pairs. Brackets whose content is a priority, an
//!   example or a note are reported as that kind instead, and an acronym that a phrase
//!   defines (`Data Management Plan (DMP)`) as [`Extra::Acronym`].
//! * [`Extra::Aside`]: a hedge set off by a comma (`, possibly many at once`), text after
//!   a spaced dash (` - though …`), a remark on whether the product has a part (`if there
//!   is a calendar page`), up to the next comma, dash or clause end.
//! * [`Extra::SecondWant`]: `I want to …`, `we need to …` inside the benefit.
//! * [`Extra::LeadingSentence`]: a sentence before the story (`Fares are confusing. As a
//!   rider, …`).
//! * [`Extra::TrailingSentence`]: a new sentence inside the goal, situation or benefit,
//!   or text after the story's last part: `. Then …`, `! This is …`, a line break and more
//!   text. A period ends a sentence only when whitespace and more text follow it and the
//!   word before it is not an abbreviation (`e.g.`, `U.S.`, `etc.`, `approx.`, an
//!   initial); `v1.2` and decimals never qualify. A sentence that opens with a note or
//!   priority marker is reported as that kind. "… status. So that I can …" is not
//!   flagged: the parser reads the "So that" as the benefit marker.
//! * [`Extra::Example`]: `e.g.`, `i.e.`, `eg.`, `ie.`, `for example`, `for instance`,
//!   `such as`, `including` when a list follows (a comma, "and" or "or"), up to the end of the clause (`;`, a bracket, a dash, a new sentence or the
//!   end of the part).
//! * [`Extra::Note`]: `Note:`, `NB:`, `N.B.`, `PS`/`P.S.` (upper case, at a sentence
//!   start), `FYI`, `TODO:`, `Please note`, up to the end of the text.
//! * [`Extra::PriorityInText`]: `Priority: High`, `Prio 1`, `(P1)`, `[Must have]`,
//!   `(High)`, `Story points: 5`, `SP: 3`, `5 SP`, `MoSCoW: Must`, a lone `P1` set off by
//!   a dash or bar at either end. "I want to mark tickets as high priority" is a goal,
//!   not a priority, and is not flagged.
//! * [`Extra::Ellipsis`]: `…`, `...`, `. . .`.
//!
//! A single final period, `!` or `?` is not flagged. The kinds do not nest: anything
//! inside a reported bracket pair is part of that report.
//!
//! Not caught: remarks set off by commas without a hedge word, comparisons ("like X
//! provides"), `etc.`, and long goals that pack in detail without brackets or sentence
//! breaks.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::extra_words::Possible;
use super::Story;
use crate::text::compile;

/// A kind of text beyond role, goal and benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extra {
    /// `(…)`, `[…]`, `{…}`.
    Brackets,
    /// A sentence after the story has ended.
    TrailingSentence,
    /// `e.g.`, `i.e.`, `for example`, `such as`.
    Example,
    /// `Note:`, `NB:`, `PS`.
    Note,
    /// `Priority: High`, `(P1)`, `Story points: 5`, `MoSCoW: Must`.
    PriorityInText,
    /// `…`, `...`.
    Ellipsis,
    /// `Data Management Plan (DMP)`: an acronym's definition.
    Acronym,
    /// `, possibly many at one time,`, ` - though …`, `if there is a … feature`.
    Aside,
    /// `… so that I can compare, and I want to …`: a second want in the benefit.
    SecondWant,
    /// `Checkout is slow. As a shopper, …`: a sentence before the story.
    LeadingSentence,
}

static EXAMPLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(
        r"(?i)(?:\be\.\s?g\b\.?|\bi\.\s?e\b\.?|\beg[.:,]|\bie[.:,]|\bfor\s+(?:example|instance)\b|\bsuch\s+as\b|\b(?P<including>including)\b)",
    )
});

static NOTE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(concat!(
        // "Note:", "NB:", "TODO:", "Please note", any case
        r"(?i:\b(?:note|notes|nb|n\.b\.?|ps|p\.s\.?|fyi|remark|hint|todo|tbd|caveat|side\s+note)\s*:",
        r"|\bplease\s+note\b)",
        // "N.B." anywhere; "PS", "NB", "FYI" in capitals at a sentence start
        r"|\bN\.B\.?|(?:^|[.!?(\[]\s*)(?P<upper>PS|P\.S\.?|NB|FYI)(?:[\s:,.]|$)",
    ))
});

static PRIORITY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(concat!(
        // "Priority: High", "Prio - must have"; without a separator only a number ("Prio 1"),
        // since "set priority high on tickets" may well be the goal.
        r"(?i:\b(?:priority|prio)\s*[:=\-–]\s*(?:highest|high|medium|med|normal|lowest|low",
        r"|critical|blocker|major|minor|trivial|urgent|top",
        r"|(?:must|should|could|won['’]?t)(?:\s+have)?|p?[0-5])\b",
        r"|\b(?:priority|prio)\s+p?[0-5]\b",
        // "MoSCoW: Must"
        r"|\bmoscow\s*[:=\-–]?\s*(?:must|should|could|won['’]?t)(?:\s+have)?\b",
        // "Story points: 5", "3 pts"
        r"|\b(?:story\s*points?|points?|pts|estimate|estimation|effort)\s*[:=]\s*\d+(?:[.,]\d+)?\b",
        r"|\b\d+(?:[.,]\d+)?\s*(?:story\s*points?|pts)\b)",
        // "SP: 3", "5 SP" in capitals
        r"|\bSP\s*[:=]\s*\d+(?:[.,]\d+)?\b|\b\d+(?:[.,]\d+)?\s*SP\b",
        // a lone "P1" set off by a dash or bar
        r"|(?:^|[-–—|]\s*)(?P<lone>P[0-5])\s*(?:$|[-–—|])",
    ))
});

/// Bracket content that is only a priority.
static PRIORITY_CONTENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(concat!(
        r"(?i)^(?:p[0-5]",
        r"|(?:highest|high|medium|normal|lowest|low|critical|urgent|blocker|top)(?:\s+priority)?",
        r"|(?:must|should|could|won['’]?t)(?:\s+have)?",
        r"|\d+\s*(?:sp|pts|points?|story\s*points?)",
        r"|(?:priority|prio)\s*[:=\-–]?\s*\w+)$",
    ))
});

/// An acronym being defined: `(DMP)`, `(API)`, `(IdP)`.
static ACRONYM: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"^[A-Z][A-Za-z0-9&\-]{0,7}[A-Z0-9]s?$"));

static ELLIPSIS: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"…+|\.{3,}|\.(?:[ \t]\.){2,}"));

/// Words that a period may follow without ending the sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "etc", "vs", "approx", "incl", "excl", "esp", "cf", "al", "mr", "mrs", "ms", "dr", "st",
    "no", "nr", "fig", "ca", "min", "max", "dept", "inc", "ltd", "co", "corp", "jr", "sr",
    "ver", "ref", "misc", "resp", "eg", "ie", "viz", "est", "avg", "tel", "ext", "pp",
    "vol", "ch", "sec", "pt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "prof", "govt", "univ", "e.g", "i.e", "v", "vers",
];

/// Parts of a story text that go beyond role, goal and benefit: (kind, byte range in
/// `text`), sorted by start.
pub fn extras(text: &str, story: &Story) -> Vec<(Extra, Range<usize>)> {
    let parts = story_parts(text, story);
    let story_start = parts.iter().map(|p| p.start).min().unwrap_or(0);
    let mut found: Vec<(Extra, Range<usize>)> = Vec::new();

    let brackets = bracket_extras(text, story_start);
    found.extend(brackets.iter().cloned());

    let possible = Possible::in_text(text);
    if let Some(re) = ELLIPSIS.as_ref().filter(|_| possible.ellipsis) {
        found.extend(re.find_iter(text).map(|m| (Extra::Ellipsis, m.range())));
    }
    if let Some(re) = PRIORITY.as_ref().filter(|_| possible.priority) {
        for caps in re.captures_iter(text) {
            let range = match (caps.name("lone"), caps.get(0)) {
                (Some(m), _) | (None, Some(m)) => m.range(),
                (None, None) => continue,
            };
            found.push((Extra::PriorityInText, range));
        }
    }
    if let Some(re) = NOTE.as_ref().filter(|_| possible.note) {
        for caps in re.captures_iter(text) {
            let start = match (caps.name("upper"), caps.get(0)) {
                (Some(m), _) | (None, Some(m)) => m.start(),
                (None, None) => continue,
            };
            if let Some(range) = trim(text, start..text.len()) {
                found.push((Extra::Note, range));
            }
        }
    }
    if let Some(re) = EXAMPLE.as_ref().filter(|_| possible.example) {
        let markers: Vec<(Range<usize>, bool)> = re
            .captures_iter(text)
            .filter_map(|c| Some((c.get(0)?.range(), c.name("including").is_some())))
            .collect();
        for (k, (m, including)) in markers.iter().enumerate() {
            // The clause ends at the end of its part, and before the next marker at the
            // latest, so each stretch of text is scanned once.
            let part_end = parts
                .iter()
                .find(|p| p.start <= m.start && m.start < p.end)
                .map_or(text.len(), |p| p.end);
            let next_marker = markers.get(k + 1).map_or(text.len(), |(n, _)| n.start);
            let limit = part_end.min(next_marker).max(m.end);
            let end = clause_end(text, m.end, limit);
            // "including" lists examples ("including title, date and language"); with one
            // thing after it, it is part of the goal ("including its history").
            let lists = |r: &str| r.contains(',') || r.contains(" and ") || r.contains(" or ");
            if *including && !text.get(m.end..end).is_some_and(lists) {
                continue;
            }
            if let Some(range) = trim(text, m.start..end) {
                found.push((Extra::Example, range));
            }
        }
    }
    // A new sentence inside a part runs to the part's end; in the last part, to the end
    // of the text with its final punctuation. Text after the last part is extra too.
    // The want phrase and a marker without a benefit ("… so that") end the story too.
    let story_end = parts
        .iter()
        .chain([&story.want])
        .chain(story.benefit_marker.as_ref())
        .filter(|r| text.get((*r).clone()).is_some())
        .map(|p| p.end)
        .max()
        .unwrap_or(0);
    let mut tail_reported = false;
    for part in &parts {
        if let Some((_, start)) = sentence_break(text, part.clone()) {
            let last = part.end == story_end;
            let end = if last { text.len() } else { part.end };
            if let Some(range) = trim(text, start..end) {
                found.push((Extra::TrailingSentence, range));
                tail_reported |= last;
            }
        }
    }
    if let Some(tail) = text.get(story_end..).filter(|_| !tail_reported) {
        if let Some(offset) = tail.find(char::is_alphanumeric) {
            if let Some(range) = trim(text, story_end + offset..text.len()) {
                found.push((Extra::TrailingSentence, range));
            }
        }
    }

    // A sentence before the story: "Checkout is slow. As a shopper, …".
    if let Some((end, _)) = sentence_break(text, 0..story_start) {
        if let Some(range) = trim(text, 0..end) {
            found.push((Extra::LeadingSentence, range));
        }
    }
    found.extend(asides(text, &parts));
    if let (Some(benefit), Some(re)) = (story.benefit.clone(), SECOND_WANT.as_ref()) {
        // The regex runs only on a benefit that holds a want verb at all: most do not.
        let wants = |b: &&str| {
            ["want", "wish", "like", "need"]
                .iter()
                .any(|verb| contains_ignore_case(b, verb))
        };
        if let Some(m) = text
            .get(benefit.clone())
            .filter(wants)
            .and_then(|b| re.find(b))
        {
            if let Some(range) = trim(text, benefit.start + m.start()..benefit.end) {
                found.push((Extra::SecondWant, range));
            }
        }
    }

    settle(found, &brackets)
}

/// A second want inside the benefit: "… so that I can compare, and I want to …".
static SECOND_WANT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(r"(?i)\b(?:i|we)\s+(?:also\s+)?(?:want|wish|would\s+like|['’]d\s+like|need)\s+to\b")
});

/// The start of an aside inside a part: a hedge set off by a comma (", possibly many at
/// once", ", ideally …"), a spaced dash (" - though …"), or a remark on whether the
/// product has a part ("if there is a calendar page"; "if there are new videos" is a
/// condition and stays).
static ASIDE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(concat!(
        r"(?i),\s*(?P<hedge>(?:possibly|perhaps|maybe|ideally|preferably|optionally|probably",
        r"|hopefully|presumably|if\s+any|if\s+applicable|where\s+applicable)\b)",
        r"|\s(?P<dash>[-–—])\s+\w",
        // "if there is a schedule feature": a remark on the product, not a condition
        r"|\b(?P<product>if\s+there\s+(?:is|are|'s)\s+(?:an?\s+|any\s+)?(?:\w+\s+){0,3}?",
        r"(?:feature|page|section|option|function|functionality|module|tab|setting|tool)s?\b)",
    ))
});

/// Asides in the story's parts: each runs from its start to the next comma or dash, or
/// the end of its clause.
fn asides(text: &str, parts: &[Range<usize>]) -> Vec<(Extra, Range<usize>)> {
    let Some(re) = ASIDE.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for part in parts {
        let Some(slice) = text.get(part.clone()) else {
            continue;
        };
        // Every aside needs a comma, a dash or "there": most parts have none, and skip
        // the regex.
        let may_hold = slice.contains([',', '-', '–', '—']) || contains_ignore_case(slice, "there");
        if !may_hold {
            continue;
        }
        for caps in re.captures_iter(slice) {
            let Some(m) = ["hedge", "dash", "product"]
                .iter()
                .find_map(|n| caps.name(n))
            else {
                continue;
            };
            let start = part.start + m.start();
            let from = part.start + m.end();
            let until = |c: char| matches!(c, ',' | '-' | '–' | '—');
            let stop = text
                .get(from..part.end)
                .and_then(|rest| rest.find(until))
                .map_or(part.end, |i| from + i);
            let end = clause_end(text, from, stop);
            if let Some(range) = trim(text, start..end) {
                out.push((Extra::Aside, range));
            }
        }
    }
    out
}

/// Whether `text` holds `needle` (lower-case ASCII), ignoring ASCII case.
fn contains_ignore_case(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The story's parts in `text`, those that are valid ranges of it.
fn story_parts(text: &str, story: &Story) -> Vec<Range<usize>> {
    [
        story.role.clone(),
        story.situation.clone(),
        Some(story.goal.clone()),
        story.benefit.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|r| r.start < r.end && text.get(r.clone()).is_some())
    .collect()
}

/// Drops what lies inside a reported bracket pair, a trailing sentence that is really a
/// note or priority starting at the same place, and duplicates; sorts by start.
fn settle(
    mut found: Vec<(Extra, Range<usize>)>,
    brackets: &[(Extra, Range<usize>)],
) -> Vec<(Extra, Range<usize>)> {
    // Brackets are outermost pairs, so sorted and disjoint: the one that may hold `r`
    // is the last that starts at or before it.
    let inside_bracket = |r: &Range<usize>| {
        let k = brackets.partition_point(|(_, b)| b.start <= r.start);
        k.checked_sub(1)
            .and_then(|k| brackets.get(k))
            .is_some_and(|(_, b)| b != r && r.end <= b.end)
    };
    found.retain(|(_, r)| !inside_bracket(r));
    // An aside that holds a note, example or priority ("- SP: 3") is reported as that.
    let others: Vec<Range<usize>> = found
        .iter()
        .filter(|(k, _)| *k != Extra::Aside)
        .map(|(_, r)| r.clone())
        .collect();
    found.retain(|(kind, r)| {
        *kind != Extra::Aside || !others.iter().any(|o| o.start < r.end && r.start < o.end)
    });
    let specific_starts: HashSet<usize> = found
        .iter()
        .filter(|(k, _)| matches!(k, Extra::Note | Extra::PriorityInText | Extra::Example))
        .map(|(_, r)| r.start)
        .collect();
    found.retain(|(kind, r)| {
        *kind != Extra::TrailingSentence || !specific_starts.contains(&r.start)
    });
    found.sort_by_key(|(kind, r)| (r.start, r.end, *kind as u8));
    found.dedup_by(|a, b| a.1 == b.1);
    found
}

/// Outermost bracket pairs, classified by their content.
fn bracket_extras(text: &str, story_start: usize) -> Vec<(Extra, Range<usize>)> {
    let mut out = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => stack.push((c, i)),
            ')' | ']' | '}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match stack.last() {
                    Some(&(o, start)) if o == open => {
                        stack.pop();
                        if stack.is_empty() {
                            let range = start..i + 1;
                            if let Some(kind) = classify_bracket(text, range.clone(), story_start) {
                                out.push((kind, range));
                            }
                        }
                    }
                    // A stray closer: forget what was open, it cannot pair up cleanly.
                    _ => stack.clear(),
                }
            }
            _ => {}
        }
    }
    out
}

fn classify_bracket(text: &str, range: Range<usize>, story_start: usize) -> Option<Extra> {
    let inner = text
        .get(range.start + 1..range.end.saturating_sub(1))?
        .trim();
    if inner.is_empty() {
        return None;
    }
    let before = text.get(..range.start).unwrap_or("");
    // A leading [tag] label before the story.
    let prefix = before.trim();
    if text.get(range.start..).is_some_and(|t| t.starts_with('['))
        && range.end <= story_start
        && (prefix.is_empty() || prefix.ends_with(']'))
    {
        return None;
    }
    if PRIORITY_CONTENT
        .as_ref()
        .is_some_and(|re| re.is_match(inner))
    {
        return Some(Extra::PriorityInText);
    }
    // A short piece glued to a word: "file(s)", "address(es)", "(re-)use", "(s)he".
    let after = text.get(range.end..).unwrap_or("");
    let glued = before.ends_with(char::is_alphanumeric) || after.starts_with(char::is_alphanumeric);
    if glued && inner.chars().count() <= 4 && !inner.contains(char::is_whitespace) {
        return None;
    }
    if ACRONYM.as_ref().is_some_and(|re| re.is_match(inner))
        && inner.chars().filter(char::is_ascii_uppercase).count() >= 2
        && before.ends_with(' ')
    {
        return Some(Extra::Acronym);
    }
    let starts_with = |re: &Option<Regex>| {
        re.as_ref()
            .and_then(|re| re.find(inner))
            .is_some_and(|m| m.start() == 0)
    };
    if starts_with(&EXAMPLE) {
        return Some(Extra::Example);
    }
    if starts_with(&NOTE) {
        return Some(Extra::Note);
    }
    if starts_with(&PRIORITY) {
        return Some(Extra::PriorityInText);
    }
    Some(Extra::Brackets)
}

/// Where an example clause that starts at `from` ends: at `;`, a bracket, a dash, a new
/// sentence or `limit`.
fn clause_end(text: &str, from: usize, limit: usize) -> usize {
    let Some(rest) = text.get(from..limit) else {
        return limit;
    };
    for (i, c) in rest.char_indices() {
        if matches!(
            c,
            ';' | '(' | ')' | '[' | ']' | '{' | '}' | '–' | '—' | '\n'
        ) {
            return from + i;
        }
    }
    sentence_break(text, from..limit).map_or(limit, |(end, _)| end)
}

/// The first sentence end inside `range` that more text follows: where its terminator
/// starts, and where the new sentence starts.
fn sentence_break(text: &str, range: Range<usize>) -> Option<(usize, usize)> {
    let slice = text.get(range.clone())?;
    let base = range.start;
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let is_terminator = matches!(c, '.' | '!' | '?');
        if !is_terminator && c != '\n' {
            continue;
        }
        // The whole run of terminators: "!.", "?!", "...".
        let mut run_end = i + c.len_utf8();
        let mut dots = usize::from(c == '.');
        while let Some(&(j, n)) = iter.peek() {
            if matches!(n, '.' | '!' | '?') {
                dots += usize::from(n == '.');
                run_end = j + n.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if dots >= 3 {
            continue; // an ellipsis, reported as such
        }
        let after = slice.get(run_end..)?;
        let after_closers = after.trim_start_matches(['"', '”', '\'', '’', ')', ']']);
        let trimmed = after_closers.trim_start();
        if c != '\n' && trimmed.len() == after_closers.len() {
            continue; // no space after: "v1.2", "a.b"
        }
        let Some(next) = trimmed.chars().next() else {
            continue;
        };
        if !(next.is_alphanumeric() || matches!(next, '"' | '“' | '(' | '[' | '\'' | '‘')) {
            continue;
        }
        if c == '.' && run_end == i + 1 && is_abbreviation(slice.get(..i).unwrap_or("")) {
            continue;
        }
        return Some((base + i, base + run_end + (after.len() - trimmed.len())));
    }
    None
}

/// Whether the word that ends `before` (the text before a period) is an abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        return true; // "e.g", "U.S", "N.B"
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_alphabetic(); // an initial
    }
    let word = word.to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
}

/// `range` without surrounding whitespace and trailing sentence punctuation.
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = text.get(range.clone())?;
    let lead = slice.len() - slice.trim_start().len();
    let kept = slice
        .trim_start()
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    if kept.is_empty() {
        return None;
    }
    let start = range.start + lead;
    Some(start..start + kept.len())
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Options};
    use super::*;

    /// The extras of a story, as (kind, text).
    fn found(text: &str) -> Vec<(Extra, &str)> {
        let story =
            parse(text, &Options::default()).unwrap_or_else(|| panic!("does not parse: {text}"));
        extras(text, &story)
            .into_iter()
            .map(|(kind, r)| (kind, &text[r]))
            .collect()
    }

    /// A pattern, and the flag of [`Possible`] that must be set wherever it matches.
    type Gated = (&'static Option<Regex>, fn(&Possible) -> bool);

    /// The pass of [`Possible::in_text`] never rules out a text one of the four patterns
    /// matches.
    #[test]
    fn possible_never_misses_a_match() {
        let texts = [
            "wait…",
            "wait...",
            "wait . . . more",
            "a.\t.\t.b",
            "Priority: High",
            "prio - must",
            "Prio 1",
            "PRIORITY=low",
            "MoSCoW: Must",
            "moscow won't have",
            "Story points: 5",
            "3 pts",
            "2.5 story points",
            "SP: 3",
            "5 SP",
            "Effort = 8",
            "estimation: 2",
            "- P1 -",
            "P0",
            "| P5",
            "Note: this",
            "NOTES : x",
            "nb: y",
            "N.B. z",
            "PS: a",
            "p.s.: b",
            "fyi: c",
            "Remark: d",
            "hint:e",
            "TODO: f",
            "tbd : g",
            "caveat: h",
            "side note: i",
            "Please note that",
            "PLEASE   NOTE",
            ". PS I",
            "(NB more",
            "FYI the",
            "e.g. this",
            "E.G this",
            "e. g.",
            "e.\u{2003}g",
            "i.e. that",
            "I. E",
            "eg. x",
            "EG: y",
            "ie, z",
            "for example",
            "FOR  INSTANCE",
            "such as",
            "SUCH\tAS",
            "including a, b",
            "INCLUDING x and y",
            "ſuch as",
            "moſcow must",
            "ptſ",
            "5 \u{212A}",
            "Note\u{00A0}:",
            "prio\u{2003}p2",
            "2\u{00A0}SP",
            "As a user, I want to log in (P1) so that I can pay. Note: urgent",
        ];
        let patterns: [Gated; 4] = [
            (&ELLIPSIS, |p| p.ellipsis),
            (&PRIORITY, |p| p.priority),
            (&NOTE, |p| p.note),
            (&EXAMPLE, |p| p.example),
        ];
        for text in texts {
            let possible = Possible::in_text(text);
            for (re, flag) in &patterns {
                let matches = re.as_ref().is_some_and(|re| re.is_match(text));
                assert!(!matches || flag(&possible), "{text:?}: {possible:?}");
            }
        }
    }

    #[test]
    fn flags_extras() {
        use Extra::*;
        let cases: &[(&str, &[(Extra, &str)])] = &[
            (
                "As a user, I want to export data (CSV only), so that I can share it.",
                &[(Brackets, "(CSV only)")],
            ),
            (
                "As a user [logged in], I want to see my cart",
                &[(Brackets, "[logged in]")],
            ),
            (
                "As a user, I want to set options {colour, size}",
                &[(Brackets, "{colour, size}")],
            ),
            (
                "As a user, I want to log in. Then I want to see my orders.",
                &[(TrailingSentence, "Then I want to see my orders.")],
            ),
            (
                "As a user, I want to log in, so that I can pay! This is urgent.",
                &[(TrailingSentence, "This is urgent.")],
            ),
            (
                "As a user, I want to log in? Not sure yet",
                &[(TrailingSentence, "Not sure yet")],
            ),
            (
                "As a user, I want to pick a format, e.g. PDF or Word",
                &[(Example, "e.g. PDF or Word")],
            ),
            (
                "As a user, I want reports, e.g. monthly totals. Priority: Medium",
                &[
                    (Example, "e.g. monthly totals"),
                    (PriorityInText, "Priority: Medium"),
                ],
            ),
            (
                "As a user, I want to pick a format, i.e. the output type",
                &[(Example, "i.e. the output type")],
            ),
            (
                "As a user, I want to sync with a calendar such as Outlook, so that I see events",
                &[(Example, "such as Outlook")],
            ),
            (
                "As a user, I want shortcuts, for example Ctrl+S; and undo",
                &[(Example, "for example Ctrl+S")],
            ),
            (
                "As a user, I want to pick a format (e.g. PDF)",
                &[(Example, "(e.g. PDF)")],
            ),
            (
                "As a user, I want to log in. Note: SSO comes later",
                &[(Note, "Note: SSO comes later")],
            ),
            (
                "As a user, I want to log in NB: SSO comes later",
                &[(Note, "NB: SSO comes later")],
            ),
            (
                "As a user, I want to log in. N.B. SSO comes later",
                &[(Note, "N.B. SSO comes later")],
            ),
            (
                "As a user, I want to log in. PS we need SSO too",
                &[(Note, "PS we need SSO too")],
            ),
            (
                "As a user, I want to log in (Note: no SSO)",
                &[(Note, "(Note: no SSO)")],
            ),
            (
                "As a user, I want to log in. Priority: High",
                &[(PriorityInText, "Priority: High")],
            ),
            (
                "As a user, I want to log in, prio 1",
                &[(PriorityInText, "prio 1")],
            ),
            (
                "As a user, I want to log in (P1)",
                &[(PriorityInText, "(P1)")],
            ),
            (
                "As a user, I want to log in [Must have]",
                &[(PriorityInText, "[Must have]")],
            ),
            (
                "As a user, I want to log in. Story points: 5",
                &[(PriorityInText, "Story points: 5")],
            ),
            (
                "As a user, I want to log in - SP: 3",
                &[(PriorityInText, "SP: 3")],
            ),
            (
                "As a user, I want to log in, MoSCoW: Must",
                &[(PriorityInText, "MoSCoW: Must")],
            ),
            (
                "As a user, I want to log in - P2",
                &[(PriorityInText, "P2")],
            ),
            (
                "As a user, I want to log in… so that I can pay",
                &[(Ellipsis, "…")],
            ),
            (
                "As a user, I want to see totals, taxes... so that I can pay",
                &[(Ellipsis, "...")],
            ),
            (
                "As a user, I want to log in (fast). Then pay.",
                &[(Brackets, "(fast)"), (TrailingSentence, "Then pay.")],
            ),
            (
                "As a user, I want a Trip Cost Sheet (TCS) template",
                &[(Acronym, "(TCS)")],
            ),
            (
                "As a user, I want to tag stops, ideally in bulk, so that I plan routes",
                &[(Aside, "ideally in bulk")],
            ),
            (
                "As a user, I want to tag stops - though a few must stay fixed",
                &[(Aside, "- though a few must stay fixed")],
            ),
            (
                "As a user, I want to pin a route if there is a favourites page",
                &[(Aside, "if there is a favourites page")],
            ),
            (
                "As a user, I want to list fares, including zones, tickets and passes",
                &[(Example, "including zones, tickets and passes")],
            ),
            (
                "As a user, I want to save a trip, so that I reuse it, and I want to share it",
                &[(SecondWant, "I want to share it")],
            ),
            (
                "Fares are confusing. As a rider, I want to see one price",
                &[(LeadingSentence, "Fares are confusing")],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "story: {text}");
        }
    }

    #[test]
    fn passes_minimal_stories() {
        for text in [
            "As a user, I want to log in, so that I can pay.",
            "As a user, I want to log in, so that I can pay!",
            "As a user, I want to log in, so that I can pay?",
            "As a user, I want to log in, so that I can pay!.",
            "As a user, I want to log in",
            "As a user, I want to see U.S. spending data",
            "As a user, I want to see spending per dept. and region",
            "As a user, I want to upgrade to v1.2 of the app",
            "As a user, I want a 2.5% discount",
            "As a user, I want to list PDFs, docs etc. on one page",
            "As a user, I want to upload file(s) at once",
            "As a user, I want to (re-)use a template",
            "As a user, I want to see a trip including its stops",
            "As a user, I want to see new fares if there are any changes",
            "As a user, I want to use e-mail and a well-known log-in",
            "[Checkout] As a shopper, I want to pay by card",
            "As a staff member, I want to close a case. So that I can finish it.",
            "As a user, I want to mark tickets as high priority",
            "As a user, I want to set priority high on urgent tickets",
            "As a user, I want to sort by priority, so that I see blockers",
            "As a user, I want to earn 3 points per order",
            "As a user, I want to note down ideas",
            "As a user, I want to see the PS5 stock",
            "As a user, I want to compare plans, so that I pick one",
            "As a user, I want to log in :)",
            "As a user, I want the page so that",
        ] {
            assert_eq!(found(text), vec![], "story: {text}");
        }
    }

    #[test]
    fn never_panics_and_stays_on_char_boundaries() {
        let texts = [
            "As a user, I want 😀 (🎉). 🚀 Then… ✨",
            "As a user, I want é. É",
            "As a user, I want to log in ((( [[[ {{{",
            "As a user, I want to log in ))) ]]] }}}",
            "As a user, I want to log in (a [b) c]",
            "As a user, I want to log in. ",
            "As a user, I want to log in.\nMore text here",
            "As a user, I want x e.g.",
            "As a user, I want x such as",
            "As a user, I want x. Note:",
        ];
        for text in texts {
            let story = parse(text, &Options::default()).expect("parses");
            for (_, range) in extras(text, &story) {
                assert!(text.get(range.clone()).is_some(), "{range:?} in {text}");
            }
        }
        assert_eq!(
            found("As a user, I want to log in.\nMore text here"),
            vec![(Extra::TrailingSentence, "More text here")]
        );
        // A story whose ranges do not fit the text: no panic, no extras from them.
        let (three, two) = (3, 2);
        let story = Story {
            shape: super::super::Shape::Connextra,
            role: Some(100..200),
            situation: None,
            want: 0..1,
            goal: three..two,
            benefit_marker: None,
            benefit: None,
        };
        let _ = extras("As a user", &story);
        let _ = extras("", &story);
    }

    #[test]
    fn linear_on_long_text() {
        let text = "As a user, I want to log in".to_owned() + &" (x) e.g. y. Note: z".repeat(3000);
        let story = parse(&text, &Options::default()).expect("parses");
        assert!(!extras(&text, &story).is_empty());
    }

    #[test]
    fn regexes_compile() {
        assert!(EXAMPLE.is_some());
        assert!(NOTE.is_some());
        assert!(PRIORITY.is_some());
        assert!(PRIORITY_CONTENT.is_some());
        assert!(ACRONYM.is_some());
        assert!(ELLIPSIS.is_some());
        assert!(SECOND_WANT.is_some());
        assert!(ASIDE.is_some());
    }
}
