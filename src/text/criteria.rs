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

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

mod vocabulary;

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
const MODALS: &[&str] = &[
    "must", "should", "shall", "will", "can", "cannot", "muss", "müssen", "soll", "sollte", "wird",
    "kann", "debe", "deben", "puede", "doit", "peut", "sera",
];

/// Words before a colon that make a line an introduction rather than a heading.
#[rustfmt::skip]
const INTRO_ENDINGS: &[&str] = &[
    "a", "an", "the", "and", "or", "are", "is", "be", "as", "at", "by", "for", "from", "in",
    "of", "on", "to", "with", "that", "when", "if", "can", "should", "must", "will",
    "following", "include", "includes", "including", "like", "such", "these", "this",
];

/// Whole-criterion placeholders, lower case, without trailing `.`, `:`, `!`.
#[rustfmt::skip]
const PLACEHOLDERS: &[&str] = &[
    "?", "??", "???", "-", "--", "...", "…", "n/a", "na", "n.a", "none", "nothing", "tbd",
    "tbc", "tba", "todo", "to do", "wip", "xxx", "see above", "see below", "as above",
    "same as above", "as discussed", "as agreed", "see description", "see ticket",
];

static OUTCOME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| OUTCOME_WORDS.iter().copied().collect());
static ACTION_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ACTION_WORDS.iter().copied().collect());
/// Compiles a pattern written in this file; `None` (and the feature it serves quietly off)
/// only if the pattern were broken, which a unit test rules out.
fn regex(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// Placeholders anywhere in a criterion (case-insensitive).
static PLACEHOLDER_ANY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)(?:tbd|tbc|tba|x{3,})(?-u:\b)|(?-u:\b)to be (?:defined|determined|decided|confirmed|clarified|added|discussed|specified|agreed|done|written|refined)(?-u:\b)|(?:^|\s)(\?{2,})(?:\s|$)",
    )
});

/// Placeholders that are only ever written in capitals.
static PLACEHOLDER_CAPS: LazyLock<Option<Regex>> =
    LazyLock::new(|| regex(r"(?-u:\b)(?:TODO|FIXME)(?-u:\b)"));

/// Placeholders that start a criterion; group 1 is the placeholder.
static PLACEHOLDER_START: LazyLock<Option<Regex>> = LazyLock::new(|| {
    regex(
        r"(?i)^(see (?:above|below|description|ticket|story|epic|parent|attachments?|comments?|confluence|wiki|linked|document|doc|spec|design|figma|mockups?)|same as (?:above|before|story|ticket)|as (?:discussed|agreed|above|per)|(?:todo|to do)\s*[:\-–])",
    )
});

/// Step kinds, as bits.
const GIVEN: u8 = 1;
const WHEN: u8 = 2;
const THEN: u8 = 4;
/// And, But, and the languages' equivalents.
const AND: u8 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Plain,
    Bullet,
    Numbered,
    Check,
}

/// One line of the input, read for its block structure.
#[derive(Debug, Clone)]
struct Line {
    /// The text without indentation, list marker, checkbox, table edges and surrounding
    /// white space.
    content: Range<usize>,
    /// Columns of indentation (a tab counts two).
    indent: usize,
    marker: Marker,
    /// A table row (plain line with ` | ` between cells or a leading `|`).
    table: bool,
    /// A heading-like line that titles the list under it.
    label: bool,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.content.is_empty() && self.marker == Marker::Plain
    }

    fn is_item(&self) -> bool {
        self.marker != Marker::Plain
    }

    fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.content.clone()).unwrap_or_default()
    }
}

const BULLETS: [char; 9] = ['-', '*', '+', '•', '◦', '▪', '‣', '–', '·'];

fn parse_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        lines.push(parse_line(piece, start));
        start += piece.len() + 1;
    }
    lines
}

fn parse_line(piece: &str, offset: usize) -> Line {
    let body = piece.trim_start_matches([' ', '\t']);
    let lead = piece.len() - body.len();
    let indent = piece
        .bytes()
        .take(lead)
        .map(|b| if b == b'\t' { 2 } else { 1 })
        .sum();
    let (marker, skip) = list_marker(body);
    let rest = body.get(skip..).unwrap_or_default();
    let trimmed = rest.trim();
    let mut from = offset + lead + skip + (rest.len() - rest.trim_start().len());
    let mut to = from + trimmed.len();
    let mut table = false;
    if marker == Marker::Plain && is_table_row(trimmed) {
        table = true;
        let edge = |c: char| c == '|' || c.is_whitespace();
        let inner = trimmed.trim_start_matches(edge);
        from += trimmed.len() - inner.len();
        to = from + inner.trim_end_matches(edge).len();
    }
    Line {
        content: from..to,
        indent,
        marker,
        table,
        label: false,
    }
}

/// The list marker at the start of `body` and the bytes it takes with the spaces after it.
fn list_marker(body: &str) -> (Marker, usize) {
    if let Some(c) = body.chars().next().filter(|c| BULLETS.contains(c)) {
        let after = c.len_utf8();
        let tail = body.get(after..).unwrap_or_default();
        if tail.is_empty() || tail.starts_with(char::is_whitespace) {
            let at = after + tail.len() - tail.trim_start().len();
            return match checkbox(body.get(at..).unwrap_or_default()) {
                Some(len) => (Marker::Check, at + len),
                None => (Marker::Bullet, at),
            };
        }
    }
    if let Some(len) = checkbox(body) {
        return (Marker::Check, len);
    }
    let bytes = body.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let lead = match digits {
        1..=3 if matches!(bytes.get(digits), Some(b'.' | b')')) => digits + 1,
        0 if bytes.first().is_some_and(u8::is_ascii_alphabetic) && bytes.get(1) == Some(&b')') => 2,
        _ => return (Marker::Plain, 0),
    };
    let tail = body.get(lead..).unwrap_or_default();
    if tail.is_empty() || tail.starts_with(char::is_whitespace) {
        (
            Marker::Numbered,
            lead + tail.len() - tail.trim_start().len(),
        )
    } else {
        (Marker::Plain, 0)
    }
}

/// A checkbox (`[ ]`, `[x]`, `[X]`, `[]`, `[✓]`, or a ballot box `☐`, `☑`, `☒` as
/// pasted from Word, Confluence or Notion) at the start of `s`: its length with the
/// spaces after it.
fn checkbox(s: &str) -> Option<usize> {
    if let Some(rest) = s.strip_prefix(['☐', '☑', '☒']) {
        return rest
            .starts_with(char::is_whitespace)
            .then(|| s.len() - rest.trim_start().len());
    }
    let inner = s.strip_prefix('[')?;
    let rest = match inner.chars().next()? {
        ']' => inner,
        c @ (' ' | 'x' | 'X' | '✓' | '✔') => inner.get(c.len_utf8()..)?,
        _ => return None,
    };
    let rest = rest.strip_prefix(']')?;
    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        Some(s.len() - rest.trim_start().len())
    } else {
        None
    }
}

fn is_table_row(content: &str) -> bool {
    content.contains(" | ") || (content.len() > 1 && content.starts_with('|'))
}

/// Words as [`judge`] counts them (see the module docs).
fn word_count(text: &str) -> usize {
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

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{ac00}'..='\u{d7af}' // hangul syllables
        | '\u{f900}'..='\u{faff}' // CJK compatibility ideographs
    )
}

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

fn placeholder(criterion: &str) -> Option<Range<usize>> {
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
fn scenario_without_outcome(kw: &Keywords<'_>, criterion: &str, lines: &[Line]) -> bool {
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
fn states_no_outcome(kw: &Keywords<'_>, criterion: &str) -> bool {
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

/// Where `needle` (in lower case) ends if it matches `hay` at `start`, ignoring case; the
/// match must end on a character boundary.
pub(crate) fn match_ci(hay: &str, start: usize, needle: &str) -> Option<usize> {
    let mut want = needle.chars();
    let mut pending = want.next();
    for (offset, c) in hay.get(start..)?.char_indices() {
        if pending.is_none() {
            return Some(start + offset);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, criteria: &[Criterion]) -> Vec<&'t str> {
        criteria.iter().map(|c| c.text(text)).collect()
    }

    fn field(text: &str) -> Vec<&str> {
        texts(text, &in_field(text, &Vocabulary::shared()))
    }

    fn description(text: &str) -> Option<(Found, Vec<&str>)> {
        in_description(text, &Vocabulary::shared())
            .map(|(found, criteria)| (found, texts(text, &criteria)))
    }

    fn verdict(criterion: &str) -> Option<(Untestable, &str)> {
        judge(criterion, &Vocabulary::shared())
            .map(|(problem, range)| (problem, criterion.get(range).unwrap_or("<bad range>")))
    }

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

    #[test]
    fn story_then_heading_and_numbered_list() {
        let text =
            "As an accountant, I want to export invoices as PDF, so that I can archive them.\n\
                    \n\
                    The current export only supports CSV and finance asked for PDF twice.\n\
                    \n\
                    Acceptance Criteria\n\
                    1. The export dialog offers PDF next to CSV.\n\
                    2. The PDF contains one page per invoice.\n\
                    3. Invoices with more than 100 lines are split across pages.\n\
                    \n\
                    Notes\n\
                    - Check with finance about the logo.";
        assert_eq!(
            description(text),
            Some((
                Found::Section,
                vec![
                    "The export dialog offers PDF next to CSV.",
                    "The PDF contains one page per invoice.",
                    "Invoices with more than 100 lines are split across pages.",
                ]
            ))
        );
    }

    #[test]
    fn adf_paragraphs_without_blank_lines() {
        let text = "Shoppers get a push notification listing substitutions.\n\
                    Acceptance criteria\n\
                    1. Given a substitution was picked, when the picker confirms it, then I get a notification within 1 minute.\n\
                    2. Given I do nothing for 15 minutes, then the substitution is accepted.\n\
                    Questions to @Alex Doe please.\n\
                    Signed off by @Kim ✅";
        assert_eq!(
            description(text),
            Some((
                Found::Section,
                vec![
                    "Given a substitution was picked, when the picker confirms it, then I get a notification within 1 minute.",
                    "Given I do nothing for 15 minutes, then the substitution is accepted.",
                ]
            ))
        );
        let text = "Acceptance criteria\n\
                    The report lists every open invoice.\n\
                    Totals are shown per customer.\n\
                    Design: see the Figma file.\n\
                    Ping @Dana when done.";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "The report lists every open invoice.",
                "Totals are shown per customer."
            ])
        );
    }

    #[test]
    fn other_headings_end_a_section_but_not_as_items() {
        let text = "Acceptance criteria\n\
                    - Design: matches the Figma file\n\
                    - Copy: the button says \"Save\"\n\
                    Notes: ask Dana\n\
                    - not a criterion";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "Design: matches the Figma file",
                "Copy: the button says \"Save\""
            ])
        );
    }

    #[test]
    fn a_paragraph_after_the_list_ends_the_section() {
        let text = "Acceptance criteria:\n\
                    - The invoice list shows the due date\n\
                    - Overdue invoices are shown in red\n\
                    \n\
                    Design is in Figma, ask Dana for access.";
        assert_eq!(
            description(text),
            Some((
                Found::Section,
                vec![
                    "The invoice list shows the due date",
                    "Overdue invoices are shown in red"
                ]
            ))
        );
    }

    #[test]
    fn ac_inline_after_the_colon() {
        let text = "As a shopper I want to save my basket so that I can order later.\n\
                    AC: the basket is still there after I log out and back in.";
        assert_eq!(
            description(text),
            Some((
                Found::Section,
                vec!["the basket is still there after I log out and back in."]
            ))
        );
        // The inline criterion is not the parent of a list that follows.
        let text = "AC: saving works offline\n\
                    - the basket is stored locally when there is no connection\n\
                    - it syncs when the connection returns";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "saving works offline",
                "the basket is stored locally when there is no connection",
                "it syncs when the connection returns",
            ])
        );
        assert_eq!(
            description("Story text.\n*AC:* The total includes VAT.").map(|(_, c)| c),
            Some(vec!["The total includes VAT."])
        );
    }

    #[test]
    fn heading_spellings() {
        let list = "\n- The total includes VAT\n- The total is rounded to cents";
        for heading in [
            "Acceptance Criteria",
            "acceptance criteria:",
            "ACCEPTANCE CRITERIA :",
            "AC",
            "AC:",
            "ACs",
            "h3. Acceptance Criteria",
            "## Acceptance criteria",
            "*Acceptance Criteria:*",
            "Acceptance Criteria (AC)",
            "Definition of Done",
            "DoD:",
            "Akzeptanzkriterien",
            "Criterios de aceptación:",
            "Critères d'acceptation",
            "Critères d’acceptation :",
            "Acceptance   criteria",
        ] {
            let text = format!("Some story.\n\n{heading}{list}");
            assert_eq!(
                description(&text),
                Some((
                    Found::Section,
                    vec!["The total includes VAT", "The total is rounded to cents"]
                )),
                "{heading:?}"
            );
        }
    }

    #[test]
    fn checklist_anywhere() {
        let text = "Make checkout faster for returning customers.\n\
                    \n\
                    - [ ] Saved cards are offered at checkout\n\
                    - [x] The CVC is asked for again for saved cards\n\
                    - [ ] Checkout takes at most 3 steps\n\
                    \n\
                    Related: PAY-12";
        assert_eq!(
            description(text),
            Some((
                Found::Checklist,
                vec![
                    "Saved cards are offered at checkout",
                    "The CVC is asked for again for saved cards",
                    "Checkout takes at most 3 steps",
                ]
            ))
        );
    }

    #[test]
    fn ballot_boxes_are_a_checklist() {
        let text = "Pasted from the wiki:\n☐ Saved cards are offered at checkout\n☑ The CVC is asked for again";
        assert_eq!(
            description(text),
            Some((
                Found::Checklist,
                vec![
                    "Saved cards are offered at checkout",
                    "The CVC is asked for again"
                ]
            ))
        );
        assert_eq!(description("☐"), None);
        assert_eq!(description("☐Saved cards"), None);
    }

    #[test]
    fn checklist_under_a_heading_is_a_section() {
        let text =
            "DoD\n- [x] Code reviewed by a second developer\n- [ ] Release notes are updated";
        assert_eq!(
            description(text),
            Some((
                Found::Section,
                vec![
                    "Code reviewed by a second developer",
                    "Release notes are updated"
                ]
            ))
        );
    }

    #[test]
    fn gherkin_scenarios_with_and() {
        let text = "As a librarian I want members to renew loans online.\n\
                    \n\
                    Scenario: Renew a loan\n\
                    Given a member has a book on loan\n\
                    And the loan is not overdue\n\
                    When the member clicks \"Renew\"\n\
                    Then the due date moves 14 days later\n\
                    And a confirmation email is sent\n\
                    \n\
                    Scenario: Overdue loan\n\
                    Given a member has an overdue loan\n\
                    When the member clicks \"Renew\"\n\
                    Then the renewal is refused";
        assert_eq!(
            description(text),
            Some((
                Found::GivenWhenThen,
                vec![
                    "Given a member has a book on loan\n\
                     And the loan is not overdue\n\
                     When the member clicks \"Renew\"\n\
                     Then the due date moves 14 days later\n\
                     And a confirmation email is sent",
                    "Given a member has an overdue loan\n\
                     When the member clicks \"Renew\"\n\
                     Then the renewal is refused",
                ]
            ))
        );
    }

    #[test]
    fn scenarios_back_to_back_and_inline() {
        // A Given after a Then starts the next scenario, without a blank line or label.
        let text = "Given a cart with 2 items\nWhen I remove one\nThen the cart shows 1 item\n\
                    Given an empty cart\nWhen I open the checkout\nThen I see \"Your cart is empty\"";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "Given a cart with 2 items\nWhen I remove one\nThen the cart shows 1 item",
                "Given an empty cart\nWhen I open the checkout\nThen I see \"Your cart is empty\"",
            ])
        );
        let text = "- Given a guest, when they click Export, then the login page opens\n\
                    - Given a member, when they click Export, then a PDF downloads";
        assert_eq!(
            description(text),
            Some((
                Found::GivenWhenThen,
                vec![
                    "Given a guest, when they click Export, then the login page opens",
                    "Given a member, when they click Export, then a PDF downloads",
                ]
            ))
        );
    }

    #[test]
    fn german_akzeptanzkriterien() {
        let text =
            "Als Kunde möchte ich meine Rechnungen herunterladen, damit ich sie ablegen kann.\n\
                    \n\
                    Akzeptanzkriterien:\n\
                    Angenommen ich bin angemeldet\n\
                    Wenn ich auf \"Rechnungen\" klicke\n\
                    Dann sehe ich alle Rechnungen der letzten 12 Monate\n\
                    Und jede Rechnung kann als PDF geladen werden\n\
                    \n\
                    Angenommen ich bin nicht angemeldet\n\
                    Wenn ich die Seite öffne\n\
                    Dann werde ich zur Anmeldung geleitet";
        assert_eq!(
            description(text),
            Some((
                Found::Section,
                vec![
                    "Angenommen ich bin angemeldet\n\
                     Wenn ich auf \"Rechnungen\" klicke\n\
                     Dann sehe ich alle Rechnungen der letzten 12 Monate\n\
                     Und jede Rechnung kann als PDF geladen werden",
                    "Angenommen ich bin nicht angemeldet\n\
                     Wenn ich die Seite öffne\n\
                     Dann werde ich zur Anmeldung geleitet",
                ]
            ))
        );
    }

    #[test]
    fn background_prose_has_no_criteria() {
        let text = "As a user I want to reset my password so that I can log in again.\n\
                    \n\
                    Many users call support when they forget their password.\n\
                    When users call, support has to verify them by phone.\n\
                    Given the call volume, this costs about two hours a day.\n\
                    Then again, most of them only need a reset link.";
        assert_eq!(description(text), None);
        assert_eq!(description(""), None);
        assert_eq!(description("\n\n  \n"), None);
    }

    #[test]
    fn prose_mentioning_acceptance_criteria_is_no_section() {
        for text in [
            "As an admin I want audit logs.\nThe acceptance criteria are in the wiki.",
            "Acceptance criteria are in the wiki.",
            "See the acceptance criteria in Confluence.",
            "Acceptance criteria to follow after the workshop",
            "The definition of done applies.",
        ] {
            assert_eq!(description(text), None, "{text:?}");
        }
    }

    #[test]
    fn heading_followed_by_nothing() {
        assert_eq!(
            description("As a user I want dark mode.\n\nAcceptance Criteria"),
            Some((Found::Section, vec![]))
        );
        assert_eq!(
            description("Acceptance Criteria:\n\n\nThe team will add these later."),
            Some((Found::Section, vec![]))
        );
    }

    #[test]
    fn several_sections_are_collected() {
        let text = "Acceptance Criteria\n- Reports can be filtered by region\n\n\
                    Out of scope\n- Charts\n\n\
                    Definition of Done\n- [ ] Docs are updated";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "Reports can be filtered by region",
                "Docs are updated"
            ])
        );
    }

    #[test]
    fn section_with_plain_lines_up_to_two_blank_lines() {
        let text = "Acceptance criteria\n\
                    The report lists every open invoice.\n\
                    \n\
                    Totals are shown per customer.\n\
                    \n\
                    \n\
                    Technical notes: use the reporting DB.";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "The report lists every open invoice.",
                "Totals are shown per customer."
            ])
        );
    }

    #[test]
    fn labels_inside_a_section_and_the_next_heading() {
        let text = "Acceptance Criteria\n\
                    Functional\n\
                    - The report lists every open invoice\n\
                    - Totals are shown per customer\n\
                    Out of scope\n\
                    - PDF layout";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "The report lists every open invoice",
                "Totals are shown per customer"
            ])
        );
    }

    #[test]
    fn nested_items() {
        let text = "Acceptance criteria\n\
                    - Filter by:\n  - date\n  - status\n\
                    - Export\n  - The export contains all filtered rows\n  - The file name contains the date\n\
                    - The user can log in\n  - with email and password\n  - with a Google account\n\
                    - The list is sorted by date";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "Filter by:\n  - date\n  - status",
                "The export contains all filtered rows",
                "The file name contains the date",
                "The user can log in\n  - with email and password\n  - with a Google account",
                "The list is sorted by date",
            ])
        );
        // An introduction ending in a colon: short children belong to it, long ones do not.
        let text = "AC\nThe export supports these formats:\n- PDF\n- CSV";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec!["The export supports these formats:\n- PDF\n- CSV"])
        );
        let text =
            "AC\nThe following must hold:\n- The PDF has a cover page\n- Each page has a footer";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec!["The PDF has a cover page", "Each page has a footer"])
        );
    }

    #[test]
    fn table_rows_without_their_header() {
        let text = "Acceptance criteria\n\
                    Input | Expected result\n\
                    empty cart | the checkout button is disabled\n\
                    one item | the checkout button is enabled";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "empty cart | the checkout button is disabled",
                "one item | the checkout button is enabled"
            ])
        );
        assert_eq!(
            field("| a cart with 3 items | the total is the sum of the items |"),
            vec!["a cart with 3 items | the total is the sum of the items"]
        );
    }

    #[test]
    fn field_lines_and_items() {
        assert_eq!(
            field("The user can export invoices\r\nThe export contains the VAT number\r\n\r\n"),
            vec![
                "The user can export invoices",
                "The export contains the VAT number"
            ]
        );
        assert_eq!(
            field("Acceptance Criteria:\n1. Works offline\n2) Syncs when online\n  * Shows a spinner while syncing\n• Keeps the last 10 drafts"),
            vec![
                "Works offline",
                "Syncs when online\n  * Shows a spinner while syncing",
                "Keeps the last 10 drafts"
            ]
        );
        assert_eq!(
            field("AC: PDF export exists\n- [ ] has a cover page"),
            vec!["PDF export exists", "has a cover page"]
        );
        assert!(in_field("", &Vocabulary::shared()).is_empty());
        assert!(in_field("\n \n-\n- [ ]\n", &Vocabulary::shared()).is_empty());
    }

    #[test]
    fn field_scenarios_are_one_criterion_each() {
        let text = concat!(
            "Feature: Export\n",
            "\n",
            "Background:\n",
            "Given I am logged in as an accountant\n",
            "\n",
            "Scenario Outline: Export formats\n",
            "- Given the invoice list has 3 invoices\n",
            "- When I export as <format>\n",
            "- Then a <format> file with 3 invoices downloads\n",
            "\n",
            "Examples:\n",
            "| format |\n",
            "| PDF |\n",
            "| CSV |\n",
            "\n",
            "Scenario: Import\n",
            "  Given the following rows:\n",
            "  | name | amount |\n",
            "  | ACME | 10 |\n",
            "  When I import them\n",
            "  Then 1 invoice is created\n",
            "The list is refreshed after an import",
        );
        assert_eq!(
            field(text),
            vec![
                "Given the invoice list has 3 invoices\n\
                 - When I export as <format>\n\
                 - Then a <format> file with 3 invoices downloads",
                "Given the following rows:\n  | name | amount |\n  | ACME | 10 |\n  When I import them\n  Then 1 invoice is created",
                "The list is refreshed after an import",
            ]
        );
    }

    #[test]
    fn criterion_ranges_exclude_markers() {
        let text = "  - [x]   Emails are sent at 9:00  ";
        let criteria = in_field(text, &Vocabulary::shared());
        assert_eq!(texts(text, &criteria), vec!["Emails are sent at 9:00"]);
        assert_eq!(criteria[0].range, 10..33);
    }

    #[test]
    fn multibyte_and_emoji_text() {
        let text = "Critères d’acceptation\n\
                    - L’utilisateur voit le résumé 📄 de la facture\n\
                    - Le total est affiché en € 💶\n\
                    \n\
                    受け入れ基準は後で";
        assert_eq!(
            description(text).map(|(_, c)| c),
            Some(vec![
                "L’utilisateur voit le résumé 📄 de la facture",
                "Le total est affiché en € 💶"
            ])
        );
        assert_eq!(
            field("• 🚀 Start screen shows 🚀\n– ünïcödé wörds here\n🎉🎉"),
            vec!["🚀 Start screen shows 🚀", "ünïcödé wörds here", "🎉🎉"]
        );
    }

    /// A small xorshift generator so the fuzz tests are reproducible.
    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    #[test]
    fn arbitrary_input_never_panics_and_ranges_are_boundaries() {
        let pieces = [
            "- ",
            "* ",
            "1. ",
            "a) ",
            "- [ ] ",
            "[x]",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\n\n",
            " | ",
            "|",
            "AC:",
            "Acceptance Criteria",
            "h3. ",
            "#",
            "Given ",
            "When ",
            "Then ",
            "And ",
            "Scenario:",
            "Examples:",
            "Background:",
            "TBD",
            "???",
            "etc.",
            "fast",
            "é",
            "ß",
            "İ",
            "😀",
            "👩‍💻",
            "漢字",
            "：",
            "’",
            "word ",
            "shows ",
            ".",
            ":",
            "(AC)",
            "…",
        ];
        let mut next = rng(0x5eed);
        for _ in 0..2000 {
            let len = (next() % 30) as usize;
            let text: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let mut all = in_field(&text, &Vocabulary::shared());
            if let Some((_, criteria)) = in_description(&text, &Vocabulary::shared()) {
                all.extend(criteria);
            }
            for criterion in all {
                let slice = text.get(criterion.range.clone());
                assert!(slice.is_some(), "{criterion:?} in {text:?}");
                let slice = slice.unwrap_or_default();
                if let Some((_, range)) = judge(slice, &Vocabulary::shared()) {
                    assert!(slice.get(range).is_some(), "judge range in {slice:?}");
                }
            }
            if let Some((_, range)) = judge(&text, &Vocabulary::shared()) {
                assert!(text.get(range).is_some(), "judge range in {text:?}");
            }
        }
    }

    #[test]
    fn judge_passes_testable_criteria() {
        for criterion in [
            "The user can export the invoice list as a PDF file.",
            "Given I am logged in as an accountant\nWhen I click \"Export\"\nThen a PDF with all invoices of the month is downloaded",
            "Given I am logged in\n- When I click Export\n- Then a PDF downloads\n- And the button is disabled",
            "Given a cart with 3 items, when I remove one, then the cart shows 2 items",
            "The search returns results within 2 seconds for 10,000 invoices.",
            "An error message is shown when the upload exceeds 10 MB.",
            "Only admins see the Delete button.",
            "The exported file contains one row per invoice.",
            "Passwords shorter than eight characters are rejected.",
            "When the session expires, the user is redirected to the login page.",
            "The confirmation email arrives within five minutes.",
            "Users cannot edit invoices after they are sent.",
            "The total equals the sum of the line items.",
            "The dashboard displays the last 30 days by default.",
            "Clicking Save stores the draft and shows a toast.",
            "Export as PDF",
            "Response time < 200 ms",
            "Der Nutzer kann Rechnungen als PDF exportieren.",
            "Rechnungsliste nach Datum sortiert",
            "El usuario puede exportar facturas en PDF.",
            "Angenommen ich bin angemeldet\nWenn ich auf Export klicke\nDann lädt ein PDF",
            "导出的文件包含所有发票",
            "Emoji 🎉 appear in the title",
            "Breakfast menu is shown until 11:00",
            "Handsome avatars load for everyone",
            "Given a cart, the total must include VAT",
            "The todo list keeps completed items for a week",
        ] {
            assert_eq!(verdict(criterion), None, "{criterion:?}");
        }
    }

    #[test]
    fn judge_flags_untestable_criteria() {
        use Untestable::*;
        for (criterion, problem, underlined) in [
            ("TBD", Placeholder, "TBD"),
            ("  tbc.  ", Placeholder, "tbc."),
            (
                "TODO: write the criteria",
                Placeholder,
                "TODO: write the criteria",
            ),
            ("?", Placeholder, "?"),
            ("???", Placeholder, "???"),
            ("n/a", Placeholder, "n/a"),
            ("See above", Placeholder, "See above"),
            (
                "See linked Confluence page",
                Placeholder,
                "See linked Confluence page",
            ),
            ("As discussed.", Placeholder, "As discussed."),
            (
                "As discussed with Dana",
                Placeholder,
                "As discussed with Dana",
            ),
            (
                "The page size limit is to be defined",
                Placeholder,
                "to be defined",
            ),
            ("The export format is TBD by finance", Placeholder, "TBD"),
            ("Max upload size ?? MB", Placeholder, "??"),
            ("Limit is XXX rows", Placeholder, "XXX"),
            ("Works", TooShort, "Works"),
            ("Looks good", TooShort, "Looks good"),
            ("Export works.", TooShort, "Export works."),
            (
                "Given I am logged in\nWhen I open the invoice list",
                NoOutcome,
                "Given I am logged in\nWhen I open the invoice list",
            ),
            (
                "Given a member has an overdue loan\n- When the member clicks Renew\n- And waits",
                NoOutcome,
                "Given a member has an overdue loan\n- When the member clicks Renew\n- And waits",
            ),
            (
                "Given the user has an expired card",
                NoOutcome,
                "Given the user has an expired card",
            ),
            (
                "Angenommen ich bin angemeldet\nWenn ich auf Export klicke",
                NoOutcome,
                "Angenommen ich bin angemeldet\nWenn ich auf Export klicke",
            ),
            (
                "Error handling for the checkout page",
                NoOutcome,
                "Error handling for the checkout page",
            ),
            (
                "Dark mode for the dashboard",
                NoOutcome,
                "Dark mode for the dashboard",
            ),
            (
                "Layout of the checkout page",
                NoOutcome,
                "Layout of the checkout page",
            ),
            (
                "When I click the button",
                NoOutcome,
                "When I click the button",
            ),
        ] {
            assert_eq!(
                verdict(criterion),
                Some((problem, underlined)),
                "{criterion:?}"
            );
        }
    }

    #[test]
    fn judge_on_empty_and_odd_input() {
        assert_eq!(
            judge("", &Vocabulary::shared()),
            Some((Untestable::TooShort, 0..0))
        );
        assert_eq!(
            judge("   \n ", &Vocabulary::shared()),
            Some((Untestable::TooShort, 5..5))
        );
        assert_eq!(
            verdict("🎉 🎉 🎉"),
            Some((Untestable::TooShort, "🎉 🎉 🎉"))
        );
        assert_eq!(verdict("- - -"), Some((Untestable::TooShort, "- - -")));
    }
}
