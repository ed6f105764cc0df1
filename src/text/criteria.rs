//! Acceptance criteria: where a story states them, and whether each one can be tested.
//!
//! The input is the plain text the converters in [`crate::ingest`] produce: one block per
//! line; a heading is its text alone on a line; list items follow `- `, `1. ` or
//! `- [ ] ` / `- [x] ` (or a ballot box `☐ `, `☑ `, `☒ `), nested items two spaces
//! further in per level; table rows are cells joined with ` | `. Plain story lists
//! written by hand are read the same way
//! (`* `, `• `, `1) `, `a) ` and tabs are accepted too). Everything returned is a byte
//! range into the string given, always on character boundaries.
//!
//! # Where criteria are
//!
//! [`in_field`] reads a dedicated acceptance-criteria field: every list item or non-empty
//! line is one criterion. [`in_description`] looks, in this order, for
//!
//! 1. **sections** under a known heading ("Acceptance Criteria", "AC", "Definition of
//!    Done", "Akzeptanzkriterien", "Critérios de aceitação", …: `criteria/headings.toml`,
//!    plus a team's `[criteria]` headings and patterns, see [`Vocabulary`]). The
//!    heading is a line of its own, matched case-insensitively, optionally with a trailing
//!    colon, a `h3. ` or `#` prefix, `*bold*` markers, or a trailing parenthesis
//!    ("Acceptance Criteria (AC)"). Text after the colon ("AC: the export …") is the first
//!    criterion, a criterion of its own (a list below it is not its children unless it
//!    ends with a colon). A line that merely *mentions* acceptance criteria ("The acceptance
//!    criteria are in the wiki") is prose, not a heading. A section ends at two blank
//!    lines; at another known heading; at the heading of another part of the story
//!    (`other_headings` in `criteria/headings.toml`: "Notes", "Design: …", "Out of
//!    scope", …); at a heading-like
//!    line once the section has content (see below); or at a plain paragraph right after
//!    a list item (ADF and wiki descriptions put paragraphs on consecutive lines, so
//!    "Questions to @Alex" after the list is not a criterion). Criteria of all such
//!    sections are returned together; a heading with nothing under it gives
//!    `Some((Found::Section, vec![]))`, so a rule can say the section is empty.
//! 2. **checklist items** (`- [ ] …`, `- [x] …`) anywhere, each one criterion.
//! 3. **Given/When/Then scenarios** anywhere. To keep prose such as "When users log in
//!    they …" or "Given the volume, …" out, a scenario counts here only if it has both a
//!    When and a Then (as steps on their own lines, or inline: "Given …, when …, then …").
//!
//! A *heading-like line* is a plain, unindented line of one to four words and at most 40
//! bytes, not ending in `.`, `!`, `?`, `;` or `,`, not a Gherkin step, and followed (after
//! blank lines) by a list item; a trailing colon is allowed unless the word before it is
//! a function word ("The criteria are:" introduces, "Out of scope:" heads). At the start of
//! a section (or in a field) such a line is a label for the list under it ("Functional");
//! later in a section it starts the next, unrelated section ("Notes", "Out of scope").
//!
//! Within a section or field, lines become criteria like this:
//!
//! * **Scenarios.** A line starting with a Given/When/Then keyword (English, and the 70+
//!   languages of cucumber's keyword table where the text uses them: see [`Vocabulary`]
//!   for when another language's keywords count) opens a scenario; following When,
//!   Then, And and But lines, and table rows (data tables), continue it; a Given after a
//!   When or Then, a When after a Then, a blank line or any other line ends it. The whole
//!   scenario is **one** criterion. Gherkin labels ("Scenario:", "Feature:", "Szenario:")
//!   are dropped; "Background:" and "Examples:" blocks (up to the next blank line or label)
//!   are context and data, not criteria, and are dropped with them.
//! * **Tables.** Each row is a criterion; the first row of a table of two or more rows is
//!   taken for a header, and dropped, when every cell has at most three words.
//! * **Nesting.** An item with deeper-indented items under it, or a plain line directly
//!   followed by a list, is a *parent*. If every child has fewer than three words ("Filter
//!   by:" / "- date" / "- status") the parent and its children are one criterion. Otherwise,
//!   if the parent is short (under three words), ends with a colon or is a heading-like
//!   label, it is only a title: its children are criteria (the same rule applies to them).
//!   Otherwise the children elaborate the parent ("The user can log in" / "- with email
//!   and password"), and parent and children are one criterion. A plain line ending in a
//!   full stop, `!` or `?` is a sentence of its own and never a parent; neither is a plain
//!   line separated from the list by a blank line, unless it ends with a colon.
//!
//! # Judging a criterion
//!
//! [`judge`] checks, in this order, and reports the first problem:
//!
//! 1. [`Untestable::Placeholder`]: the criterion is a placeholder ("TBD", "?", "n/a",
//!    "none", "see above", "as discussed", "same as above") or starts with one followed
//!    by at most three words ("See linked page", "TODO: write these"), or contains "TBD",
//!    "TBC", "TBA", "XXX", upper-case "TODO"/"FIXME", a standalone "??"/"???", or "to be
//!    defined/determined/decided/confirmed/clarified/specified/…". Lower-case "todo" in
//!    running text is left alone (it is a noun: "the todo list").
//! 2. [`Untestable::TooShort`]: fewer than three words ("Works", "Looks good"). A word is
//!    a run of letters or digits, or a comparison operator (`<`, `>`, `=`, `≤`, `≥`); each
//!    CJK character counts as a word, since those scripts do not separate words by spaces.
//! 3. [`Untestable::NoOutcome`] for scenarios: a criterion with two or more step lines, one
//!    of them Given or When, or one that starts with "Given", and no Then anywhere (no
//!    Then step, no inline "then"/"dann"/"entonces"/"alors"). A one-line "Given …" that
//!    states a modal ("must", "should", "will", "can", "muss", …) is let through.
//! 4. [`Untestable::NoOutcome`] for statements: the criterion names no observable result.
//!    This is deliberately conservative: any of these makes a criterion pass: a digit or
//!    `<`, `>`, `=`, `%`, `≤`, `≥` (a number or a limit); a form of *be*, *have*, *do*; a
//!    modal; "then", "only", "not", "never", "within", … ([`OUTCOME_WORDS`]); a verb of
//!    outcome or action in its base or an irregular form ([`ACTION_WORDS`]: "show",
//!    "return", "see", "export", …), except in a criterion that opens with "When", where
//!    it is the trigger ("When I click the button" is flagged); any word of four or more
//!    letters ending in "-ed" or in "-s" (but not "-ss", "-us", "-is"), which catches most
//!    verbs ("shows", "displays", "returns") and, harmlessly, plural nouns. Text that is not
//!    plain English (a letter outside ASCII, or a function word of another language in
//!    `criteria/headings.toml`) is never flagged here. What remains flagged is noun phrases: "Dark
//!    mode for the dashboard", "Error handling for the checkout page".
//! 5. Vague words are not judged here: the rule matches its own configurable list with the
//!    same whole-word matcher as `kind = "words"` rules, so the two cannot drift apart.

use std::ops::Range;

mod judge;
mod lines;
#[cfg(test)]
mod tests;
mod vocabulary;

pub use judge::{judge, ACTION_WORDS, OUTCOME_WORDS};
use judge::{word_count, INTRO_ENDINGS};
use lines::{parse_lines, Line, Marker};
use vocabulary::Keywords;
pub use vocabulary::Vocabulary;

/// One acceptance criterion: the byte range of its text in the string it was found in,
/// without list marker or checkbox. A scenario or an item with its sub-items spans several
/// lines (and the markers of the later lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub range: Range<usize>,
}

impl Criterion {
    /// The criterion's text in `source`, the string it was found in.
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.range.clone()).unwrap_or_default()
    }
}

/// How the criteria of a story were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// In a dedicated acceptance-criteria field ([`in_field`]).
    Field,
    /// Under an acceptance-criteria heading in the description.
    Section,
    /// As checklist items in the description.
    Checklist,
    /// As Given/When/Then scenarios in the description.
    GivenWhenThen,
}

/// Why a criterion cannot be tested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Untestable {
    /// States no observable result (or a scenario without a Then).
    NoOutcome,
    /// A placeholder instead of a criterion ("TBD", "see above").
    Placeholder,
    /// Fewer than three words.
    TooShort,
}

/// Step kinds, as bits.
const GIVEN: u8 = 1;
const WHEN: u8 = 2;
const THEN: u8 = 4;
/// And, But, and the languages' equivalents.
const AND: u8 = 8;

/// A known heading, alone (`Bare`) or with the first criterion after its colon.
enum Heading {
    Bare,
    Inline(Range<usize>),
}

fn known_heading(kw: &Keywords<'_>, text: &str, line: &Line) -> Option<Heading> {
    if line.is_item() || line.table {
        return None;
    }
    let content = line.text(text);
    let mut s = content.trim_start_matches('#').trim_start();
    if let Some(rest) = strip_wiki_heading(s) {
        s = rest;
    }
    s = s.trim_start_matches(['*', '_']);
    let (head, after) = match s.find([':', '：']) {
        Some(at) => {
            let colon = s
                .get(at..)
                .and_then(|c| c.chars().next())
                .map_or(1, char::len_utf8);
            (s.get(..at).unwrap_or_default(), s.get(at + colon..))
        }
        None => (s, None),
    };
    if !is_heading_text(kw, head) {
        return None;
    }
    let Some(after) = after else {
        return Some(Heading::Bare);
    };
    let inline = after.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    if inline.trim_end_matches(['*', '_']).trim().is_empty() {
        return Some(Heading::Bare);
    }
    let start = line.content.end - inline.len();
    Some(Heading::Inline(start..line.content.end))
}

/// `h1. ` … `h6. ` at the start of a line (wiki markup that was not converted).
fn strip_wiki_heading(s: &str) -> Option<&str> {
    match s.as_bytes() {
        [b'h' | b'H', b'1'..=b'6', b'.', ..] => s.get(3..).map(str::trim_start),
        _ => None,
    }
}

fn is_heading_text(kw: &Keywords<'_>, head: &str) -> bool {
    let head = head.trim().trim_end_matches(['*', '_']).trim();
    if head.is_empty() || head.len() > 240 {
        return false;
    }
    if kw.vocabulary.is_heading(head) {
        return true;
    }
    // "Acceptance Criteria (AC)"
    head.strip_suffix(')')
        .and_then(|h| {
            h.rfind('(')
                .map(|at| h.get(..at).unwrap_or_default().trim())
        })
        .is_some_and(|before| !before.is_empty() && kw.vocabulary.is_heading(before))
}

/// A heading in lower case, single-spaced, with `'` for apostrophes.
pub(crate) fn normal_heading(head: &str) -> String {
    head.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

/// A line that is the heading of another part of a story ("Notes", "Design: see Figma"),
/// with or without a colon: it ends a section.
fn other_heading(kw: &Keywords<'_>, line: &str) -> bool {
    let head = line.split([':', '：']).next().unwrap_or_default();
    let head = head.trim().trim_matches(['*', '_']).trim();
    !head.is_empty() && head.len() <= 40 && kw.vocabulary.is_other_heading(&normal_heading(head))
}

/// A heading-like line (see the module docs).
fn heading_like(kw: &Keywords<'_>, text: &str, lines: &[Line], i: usize) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    if line.is_item() || line.table || line.indent > 0 || line.is_blank() {
        return false;
    }
    let s = line.text(text);
    let words = s.split_whitespace().count();
    if s.len() > 40
        || !(1..=4).contains(&words)
        || s.ends_with(['.', '!', '?', ';', ','])
        || kw.step_of(s).is_some()
        || kw.label_of(s).is_some()
    {
        return false;
    }
    if let Some(head) = s.strip_suffix([':', '：']) {
        let last = head
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_lowercase();
        if INTRO_ENDINGS.contains(&last.as_str()) {
            return false;
        }
    }
    lines
        .get(i + 1..)
        .unwrap_or_default()
        .iter()
        .find(|l| !l.is_blank())
        .is_some_and(Line::is_item)
}

/// A candidate criterion: a line, or a scenario spanning lines.
#[derive(Debug, Clone)]
struct Unit {
    range: Range<usize>,
    indent: usize,
    item: bool,
    words: usize,
    /// Ends with a colon or is a label: introduces what follows.
    intro: bool,
    /// A heading-like label: never a criterion by itself.
    label: bool,
    /// Ends with `.`, `!` or `?`: a sentence, not a title of a list.
    sentence: bool,
    /// Preceded by a blank line.
    after_blank: bool,
    /// Follows a Gherkin label: child of nothing before it.
    after_label: bool,
    /// A Given/When/Then scenario, with the keywords seen (bits).
    scenario: Option<u8>,
}

impl Unit {
    fn of_line(text: &str, line: &Line, after_blank: bool) -> Unit {
        let s = line.text(text);
        Unit {
            range: line.content.clone(),
            indent: line.indent,
            item: line.is_item(),
            words: word_count(s),
            intro: line.label || s.ends_with([':', '：']),
            label: line.label,
            sentence: s.ends_with(['.', '!', '?']),
            after_blank,
            after_label: false,
            scenario: None,
        }
    }

    /// 2 × indent, plus one for list items: a unit's children are the units right after
    /// it with a higher rank (deeper items; for a plain line, also the list under it).
    fn rank(&self) -> usize {
        self.indent
            .saturating_mul(2)
            .saturating_add(usize::from(self.item))
    }
}

/// Groups lines into units: scenarios, rows and lines; drops labels, table headers and
/// Background/Examples blocks.
fn units(kw: &Keywords<'_>, text: &str, lines: &[Line]) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut open: Option<Unit> = None;
    let mut skipping = false;
    let mut blank_before = false;
    let mut prev_table = false;
    let mut after_label = false;
    for (i, line) in lines.iter().enumerate() {
        let s = line.text(text);
        if line.is_blank() {
            units.extend(open.take());
            skipping = false;
            blank_before = true;
            prev_table = false;
            continue;
        }
        if s.is_empty() {
            continue; // an empty list item
        }
        let was_table = std::mem::replace(&mut prev_table, line.table);
        if let Some(skips) = kw.label_of(s) {
            units.extend(open.take());
            skipping = skips;
            blank_before = false;
            after_label = true;
            continue;
        }
        if skipping {
            continue;
        }
        let step = if line.label { None } else { kw.step_of(s) };
        let bits = step.unwrap_or(0) | kw.inline_steps(s);
        match (step, open.as_mut()) {
            (Some(step), Some(scenario)) if continues(scenario, step) => {
                extend(scenario, line, s, bits);
            }
            (None, Some(scenario)) if line.table => extend(scenario, line, s, bits),
            (Some(step), _) if step != AND => {
                units.extend(open.take());
                let mut unit = Unit::of_line(text, line, blank_before);
                unit.intro = false;
                unit.after_label = std::mem::take(&mut after_label);
                unit.scenario = Some(bits);
                open = Some(unit);
            }
            _ => {
                units.extend(open.take());
                let header = line.table
                    && !was_table
                    && lines.get(i + 1).is_some_and(|next| next.table)
                    && s.split('|').all(|cell| word_count(cell) <= 3);
                if !header {
                    let mut unit = Unit::of_line(text, line, blank_before);
                    unit.after_label = std::mem::take(&mut after_label);
                    units.push(unit);
                }
            }
        }
        blank_before = false;
    }
    units.extend(open);
    units
}

/// Whether a step keyword continues the open scenario rather than starting another.
fn continues(scenario: &Unit, step: u8) -> bool {
    let seen = scenario.scenario.unwrap_or(0);
    match step {
        GIVEN => seen & (WHEN | THEN) == 0,
        WHEN => seen & THEN == 0,
        _ => true,
    }
}

fn extend(scenario: &mut Unit, line: &Line, s: &str, bits: u8) {
    scenario.range.end = line.content.end;
    scenario.words += word_count(s);
    scenario.sentence = false;
    scenario.scenario = Some(scenario.scenario.unwrap_or(0) | bits);
}

/// Applies the nesting rules (module docs) to units in document order; linear time, no
/// recursion.
fn nest(units: &[Unit]) -> Vec<Criterion> {
    let n = units.len();
    // end[i]: one past the last unit of i's subtree.
    let mut end = vec![n; n];
    let mut stack: Vec<usize> = Vec::new();
    for (k, unit) in units.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if unit.rank() > units[top].rank() && !unit.after_label {
                break;
            }
            end[top] = k;
            stack.pop();
        }
        stack.push(k);
    }
    for (p, unit) in units.iter().enumerate() {
        let next_after_blank = units.get(p + 1).is_some_and(|u| u.after_blank);
        if !unit.item && (unit.sentence || (next_after_blank && !unit.intro)) {
            end[p] = p + 1;
        }
    }
    // long[i]: units before i with three or more words.
    let mut long = Vec::with_capacity(n + 1);
    long.push(0usize);
    for unit in units {
        let last = long.last().copied().unwrap_or(0);
        long.push(last + usize::from(unit.words >= 3));
    }
    let mut out = Vec::new();
    let mut work = vec![(0, n)];
    while let Some((lo, hi)) = work.pop() {
        let Some(unit) = units.get(lo).filter(|_| lo < hi) else {
            continue;
        };
        let k = end[lo].clamp(lo + 1, hi);
        work.push((k, hi));
        if k == lo + 1 {
            if !unit.label {
                out.push(Criterion {
                    range: unit.range.clone(),
                });
            }
            continue;
        }
        let last_end = units[k - 1].range.end;
        if long[k] == long[lo + 1] {
            out.push(Criterion {
                range: unit.range.start..last_end,
            });
        } else if unit.intro || unit.words < 3 {
            work.push((lo + 1, k));
        } else {
            out.push(Criterion {
                range: unit.range.start..last_end,
            });
        }
    }
    out
}

/// The text after a heading's colon as a line of its own, and a blank line after it, so
/// that it is a criterion by itself rather than the parent of a list that follows (unless
/// it ends with a colon).
fn inline_criterion(range: Range<usize>) -> [Line; 2] {
    let line = |content| Line {
        content,
        indent: 0,
        marker: Marker::Plain,
        table: false,
        label: false,
    };
    [line(range.clone()), line(range.end..range.end)]
}

/// Criteria in a dedicated acceptance-criteria field: each list item or non-empty line is
/// one criterion, a Given/When/Then scenario over several lines is one criterion, and the
/// nesting rules of the module docs apply. A known heading line in the field ("Acceptance
/// Criteria:") is dropped; text after its colon is a criterion.
pub fn in_field(text: &str, vocabulary: &Vocabulary) -> Vec<Criterion> {
    let lines = parse_lines(text);
    let kw = keywords(vocabulary, text, &lines);
    let mut kept = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        match known_heading(&kw, text, line) {
            Some(Heading::Bare) => {}
            Some(Heading::Inline(range)) => kept.extend(inline_criterion(range)),
            None => kept.push(Line {
                label: heading_like(&kw, text, &lines, i),
                ..line.clone()
            }),
        }
    }
    nest(&units(&kw, text, &kept))
}

/// Criteria inside a description: under known headings, else checklist items, else
/// Given/When/Then scenarios (see the module docs for each). `None` when there are none;
/// `Some((Found::Section, vec![]))` for a heading with nothing under it.
pub fn in_description(text: &str, vocabulary: &Vocabulary) -> Option<(Found, Vec<Criterion>)> {
    let lines = parse_lines(text);
    let kw = keywords(vocabulary, text, &lines);
    if let Some(criteria) = sections(&kw, text, &lines) {
        return Some((Found::Section, criteria));
    }
    let checklist: Vec<Criterion> = lines
        .iter()
        .filter(|l| l.marker == Marker::Check && !l.content.is_empty())
        .map(|l| Criterion {
            range: l.content.clone(),
        })
        .collect();
    if !checklist.is_empty() {
        return Some((Found::Checklist, checklist));
    }
    let scenarios: Vec<Criterion> = units(&kw, text, &lines)
        .into_iter()
        .filter(|u| u.scenario.is_some_and(|k| k & (WHEN | THEN) == WHEN | THEN))
        .map(|u| Criterion { range: u.range })
        .collect();
    (!scenarios.is_empty()).then_some((Found::GivenWhenThen, scenarios))
}

/// The criteria of all sections under known headings; `None` if there is no such heading.
/// The Gherkin keywords that count in `text` (see [`Vocabulary::keywords_for`]).
fn keywords<'v>(vocabulary: &'v Vocabulary, text: &str, lines: &[Line]) -> Keywords<'v> {
    vocabulary.keywords_for(lines.iter().map(|line| line.text(text)))
}

fn sections(kw: &Keywords<'_>, text: &str, lines: &[Line]) -> Option<Vec<Criterion>> {
    let mut found = false;
    let mut criteria = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let Some(heading) = known_heading(kw, text, line) else {
            i += 1;
            continue;
        };
        found = true;
        let mut body: Vec<Line> = Vec::new();
        if let Heading::Inline(range) = heading {
            body.extend(inline_criterion(range));
        }
        let mut has_content = !body.is_empty();
        let mut after_item = false;
        let mut blanks = 0;
        let mut j = i + 1;
        while let Some(next) = lines.get(j) {
            if next.is_blank() {
                blanks += 1;
                if blanks >= 2 {
                    break;
                }
                body.push(next.clone());
                j += 1;
                continue;
            }
            let s = next.text(text);
            if known_heading(kw, text, next).is_some() || (!next.is_item() && other_heading(kw, s))
            {
                break;
            }
            let paragraph = !next.is_item()
                && !next.table
                && next.indent == 0
                && kw.step_of(s).is_none()
                && kw.label_of(s).is_none();
            if after_item && paragraph {
                break; // a paragraph after the list
            }
            let mut next = next.clone();
            if heading_like(kw, text, lines, j) {
                if has_content {
                    break;
                }
                next.label = true;
            } else if !s.is_empty() {
                after_item = next.is_item();
            }
            has_content |= !next.label && !s.is_empty();
            blanks = 0;
            body.push(next);
            j += 1;
        }
        criteria.extend(nest(&units(kw, text, &body)));
        i = j;
    }
    found.then_some(criteria)
}

/// Where `needle` (in lower case) ends if it matches `hay` at `start`, ignoring case; the
/// match must end on a character boundary.
pub(crate) fn match_ci(hay: &str, start: usize, needle: &str) -> Option<usize> {
    let mut want = needle.chars();
    let mut pending = want.next();
    for (offset, c) in hay.get(start..)?.char_indices() {
        if pending.is_none() {
            return Some(start + offset);
        }
        if c.is_ascii() {
            // The common case, without `to_lowercase`'s iterator: one character each way.
            if pending != Some(c.to_ascii_lowercase()) {
                return None;
            }
            pending = want.next();
            continue;
        }
        for lower in c.to_lowercase() {
            if c == 'İ' && lower == '\u{307}' {
                continue; // "İ" lower-cases to "i̇"; let it match "i"
            }
            if pending != Some(lower) {
                return None;
            }
            pending = want.next();
        }
    }
    pending.is_none().then_some(hay.len())
}
