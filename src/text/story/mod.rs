//! Parse a user story into its parts: role, want phrase, goal and benefit (the QUS
//! framework's "well-formed" criterion).
//!
//! Pure text: `&str` in, byte ranges into that same `&str` out. Every range starts and
//! ends on a char boundary, so `&text[range]` never panics.
//!
//! # What parses
//!
//! * **Connextra**: `As a|an|the <role>[,] <want> <goal>[[,] <marker> <benefit>]`.
//!   The article may be missing (`As Admin, I want …`), the comma too, any case. The role
//!   is everything between the article and the want phrase (several words, even a comma:
//!   `As a researcher, working with data, I want …`), at most 15 words, within one
//!   sentence. Without an article the role must not start with a word that makes
//!   "As …" an ordinary clause (`As soon as …`, `As discussed, …`), and roles such as
//!   "result" or "rule" are refused in any case (`As a result, I want …`).
//!   Leading `[tag]` groups (`[UI] As a …`) are skipped, and so is one short sentence
//!   before "As" (`Checkout is slow. As a …`, which not-minimal reports). A benefit may also stand
//!   between role and want: `As a clerk, in order to save time, I want templates`.
//! * **InOrderTo** (benefit first): `In order to|that|for <benefit>, as a <role>, <want>
//!   <goal>`; `So that <benefit>, as a <role>, <want> <goal>` is accepted under the same
//!   shape.
//! * **JobStory**, only with [`Options::job_stories`]: `When <situation>, <want> <goal>
//!   [, so I can <outcome>]`.
//! * **Team templates** ([`Options::extra_templates`]): regexes with named groups
//!   `goal` (required), `role`, `benefit` and optionally `want` and `marker`. They are
//!   tried before the built-in shapes; a match gives a [`Shape::Connextra`] story.
//!
//! The **want phrase** is a subject `I`/`we` with a wanting verb or modal: `I want (to)`,
//! `I'd like (to)`, `I would like/love (to)`, `I wish/need/desire/expect/require (to)`,
//! `I don't want`, `I only want`, `I should/must/will/would/can be able to`, `I am/I'm
//! able to`, `I can`, `I could`, `I should`, `I must`, `I shall`, `I will`. Not `I can't` or
//! `I cannot`: "As an admin I can't delete users" is a bug report, not a want.
//! A trailing `be able to` belongs to the want phrase (`I want to be able to`). After a
//! comma the subject may be missing (`As a researcher, would like …`).
//!
//! The **benefit marker** is searched after the want phrase, outside brackets. The first
//! explicit marker wins: `so that`, `so as to`, `so I can`/`so we can` (and `could`),
//! `in order to|that|for`. Without one, the first weak marker that passes its context
//! check counts:
//!
//! * `so` alone, when a comma precedes it, a subject follows it (`so I know`, `so the
//!   page …`) or a short subject and an auxiliary do (`so patrons are able to …`); never
//!   in `do so`, `and so on`, `so far`, `so much`;
//! * `to be able to`, after a comma or after a goal of at least two words that starts
//!   with a verb (`I want to get a link to be able to log in`), but not after a verb that
//!   takes it (`needs to be able to`); in `I want the system to be able to export` it is
//!   part of the goal;
//! * `because` (not `because of`): a reason is the story's "why", so it counts as the
//!   benefit rather than as extra text;
//! * the other reason clauses of [`reason`]: a purpose infinitive after the goal's object
//!   (`scan parcels to confirm delivery`), a purpose `for` (`for re-use`, `for the
//!   purpose of …`, the latter explicit), `since` with a clause, `in order` without its
//!   `to`, and a consequence after a comma (`, which can then be used by …`). Conditions
//!   and constraints (`when`, `if`, `without having to`, `while`) are never markers.
//!
//! An explicit marker beats an earlier weak one because writers who use "so that" mean
//! it as the template's marker: in "a form so parents can send notes, so that I hear
//! concerns" the benefit is "I hear concerns".
//!
//! The last part (goal or benefit) runs to the end of the text: the [`minimal`] check
//! looks for trailing sentences inside it. Every part is trimmed of whitespace and
//! trailing punctuation. An empty goal does not parse.
//!
//! # What does not parse
//!
//! Anything that does not begin with the template: a plain title ("Checkout page must be
//! fast"), a modal sentence without a role ("Admin should be able to manage products"), a
//! sentence with "as a" in the middle ("Use the date as a filter"), or "As a …" with no
//! want phrase in the same sentence. Leading list bullets, quote marks and numbering are
//! the caller's to strip ([`find`] strips them from a description line).

pub mod atomic;
mod extra_words;
mod heading;
pub mod minimal;
mod reason;
pub mod role;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::compile;

/// The template a story follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// "As a …, I want …, so that …"
    Connextra,
    /// "In order to …, as a …, I want …"
    InOrderTo,
    /// "When …, I want to …, so I can …"
    JobStory,
}

/// A story split into its parts; every range is a byte range in the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub shape: Shape,
    /// "shopper" in "As a shopper" (without the article); `None` for job stories.
    pub role: Option<Range<usize>>,
    /// Job stories: the situation after "When".
    pub situation: Option<Range<usize>>,
    /// The want phrase as written: "I want to", "I'd like to", "I can", "we need", …
    pub want: Range<usize>,
    /// What follows the want phrase, up to the benefit marker (or the end).
    pub goal: Range<usize>,
    /// "so that", "so", "in order to", "so I can", … (Connextra: after the goal, or
    /// between role and want; InOrderTo: at the start).
    pub benefit_marker: Option<Range<usize>>,
    /// The text after the benefit marker.
    pub benefit: Option<Range<usize>>,
}

impl Story {
    /// The same story with every range moved `offset` bytes on.
    fn shifted(self, offset: usize) -> Story {
        let shift = |r: Range<usize>| r.start + offset..r.end + offset;
        Story {
            shape: self.shape,
            role: self.role.map(shift),
            situation: self.situation.map(shift),
            want: shift(self.want),
            goal: shift(self.goal),
            benefit_marker: self.benefit_marker.map(shift),
            benefit: self.benefit.map(shift),
        }
    }

    /// Every part that is there, in the order of the fields: role, situation, want, goal,
    /// benefit marker, benefit.
    pub fn parts(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        [
            self.role.clone(),
            self.situation.clone(),
            Some(self.want.clone()),
            Some(self.goal.clone()),
            self.benefit_marker.clone(),
            self.benefit.clone(),
        ]
        .into_iter()
        .flatten()
    }
}

/// Parser settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Accept job stories ("When …, I want to …, so I can …").
    pub job_stories: bool,
    /// Team templates with named groups `goal`, `role`, `benefit` (and optionally `want`,
    /// `marker`), tried before the built-in shapes.
    pub extra_templates: Vec<Regex>,
}

/// Which field holds the story that [`find`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorySource {
    Summary,
    /// The first line of the description that is neither blank nor a heading or label
    /// (`*User Story*`, `h3. Story`). `offset` is the byte offset in the
    /// description where the parsed text starts (the line's start, past any indentation
    /// and list or quote marker); the story's ranges are relative to it.
    DescriptionFirstLine {
        offset: usize,
    },
}

/// The want phrase. Alternatives are ordered so that the longest reading wins.
const WANT: &str = concat!(
    "(?:",
    // I'd like (to) (be able to)
    r"(?:I|we)\s*['’`´]\s*d\s+(?:like|love|prefer)(?:\s+to)?(?:\s+be\s+able\s+to)?",
    // I would like (to) (be able to)
    r"|(?:I|we)\s+would\s+(?:like|love|prefer)(?:\s+to)?(?:\s+be\s+able\s+to)?",
    // I (don't|only|also…) want/wish/need/desire/expect/require (to) (be able to)
    r"|(?:I|we)\s+(?:(?:do\s+not|don['’]t|only|also|really|just|never|always|still|further|additionally)\s+)?",
    r"(?:want|wish|need|desire|expect|require)(?:\s+to)?(?:\s+be\s+able\s+to)?",
    // I should/must/will/… (not) be able to
    r"|(?:I|we)\s+(?:should|must|shall|will|would|could|can|may|might|need\s+to|have\s+to)(?:\s+not)?\s+be\s+able\s+to",
    // I am / I'm (not) able to
    r"|(?:I\s*['’]\s*m|I\s+am|we\s*['’]\s*re|we\s+are)\s+(?:not\s+)?able\s+to",
    // I can / should / must / shall / will (not)
    r"|(?:I|we)\s+(?:can|could|should\s+not|shouldn['’]t|should|must\s+not|mustn['’]t|must|shall|will\s+not|won['’]t|will)",
    ")",
);

/// A want phrase without its subject; accepted only right after a comma.
const WANT_NO_SUBJECT: &str = r"(?:(?:would|['’]d)\s+(?:like|love)(?:\s+to)?(?:\s+be\s+able\s+to)?|(?:want|need|wish)\s+to(?:\s+be\s+able\s+to)?)";

/// Leading white space and `[tag]` groups, as in `[Checkout] As a shopper …`. Kept out
/// of the story patterns: the bounded repeat is many NFA states, and the backtracker that
/// finds a pattern's groups clears a table of states × bytes on every search. Skipping
/// the tags first is the same: neither white space nor `[` can start a shape.
static LEADING_TAGS: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"^\s*(?:\[[^\]\n]{0,60}\]\s*)*"));

/// The role, starting with a non-space, non-comma character, lazily up to the want phrase.
const ROLE: &str = r"(?P<role>[^\s,.!?;:][^\n]*?)";

/// A Connextra story is `(?i)^as\s+(?:(?P<art>an?|the)\s+)?{ROLE}{ROLE_END}`, matched in
/// steps (see [`connextra`]): "As", then an article, then the want phrase ending the role.
static AS: LazyLock<Option<Regex>> = LazyLock::new(|| compile(r"(?i)^as\s+"));

static ARTICLE: LazyLock<Option<Regex>> = LazyLock::new(|| compile(r"(?i)^(?:an?|the)\s+"));

/// The want phrase that ends a Connextra role, after white space or a comma.
static ROLE_END: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:(?:\s*,\s*|\s+)\b(?P<want>{WANT})|\s*,\s*(?P<want2>{WANT_NO_SUBJECT}))\b"
    ))
});

static IN_ORDER_TO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^(?P<marker>in\s+order\s+(?:to|that|for)|so\s+that)\s+(?P<benefit>[^\s,][^\n]*?)(?:(?:\s*,\s*|\s+)as\s+(?P<art>an?|the)\s+|\s*,\s*as\s+){ROLE}(?:\s*,\s*|\s+)\b(?P<want>{WANT})\b"
    ))
});

static JOB_STORY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^when\s+(?P<situation>[^\s,][^\n]*?)(?:\s*,\s*|\s+)\b(?P<want>{WANT})\b"
    ))
});

static MARKER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:so\s+that|so\s+as\s+to|so\s+(?:I|we)\s+(?:can|could)|in\s+order\s+(?:to|that|for)|for\s+the\s+(?:purpose|sake)(?:\s+of)?|in\s+order|to\s+be\s+able\s+to|to\s+(?:allow|enable|ensure|help|avoid|prevent|reduce|improve|support|facilitate|make\s+sure)|because|since|which|for|so|to)\b",
    )
});

/// Words that make an article-less "As …" an ordinary clause rather than a role
/// (`As soon as …`, `As discussed, …`).
#[rustfmt::skip]
const NOT_A_BARE_ROLE: &[&str] = &[
    "soon", "well", "far", "long", "much", "many", "of", "per", "part", "mentioned",
    "discussed", "described", "requested", "agreed", "noted", "stated", "shown", "before",
    "usual", "always", "such", "if", "it", "we", "i", "you", "they", "he", "she", "for",
    "to", "in", "with", "expected", "needed", "required", "above", "below", "follows",
    "following", "necessary", "possible", "planned", "said", "explained", "suggested",
    "specified", "outlined", "indicated", "seen", "is", "was", "this", "that", "these",
    "those", "there", "regards", "opposed", "compared", "defined", "an", "a", "the", "and",
    "or", "quickly", "early", "late", "often", "little", "few", "previously", "already",
    "promised", "intended",
];

/// Roles that are really idioms (`As a result, I want …`).
#[rustfmt::skip]
const NOT_A_ROLE: &[&str] = &[
    "result", "rule", "consequence", "whole", "minimum", "maximum", "workaround",
    "reminder", "first step", "next step", "last step", "final step", "example",
    "alternative", "side effect", "start", "bonus", "fallback", "default", "follow-up",
    "follow up", "precaution", "general rule", "matter of fact", "side note", "note",
    "summary", "last resort", "temporary fix", "quick fix", "first pass", "starting point",
];

/// Abbreviations that may end with a period inside a role.
const ROLE_ABBREVIATIONS: &[&str] = &[
    "dept", "mr", "mrs", "ms", "dr", "prof", "inc", "co", "corp", "ltd", "st", "jr", "sr", "asst",
    "assoc", "admin", "mgr", "govt", "univ",
];

const MAX_ROLE_WORDS: usize = 15;

/// Parses `text` as a user story; `None` when it follows none of the known shapes.
pub fn parse(text: &str, options: &Options) -> Option<Story> {
    for template in &options.extra_templates {
        if let Some(story) = from_template(text, template) {
            return Some(story);
        }
    }
    let skip = LEADING_TAGS
        .as_ref()
        .and_then(|re| re.find(text))
        .map_or(0, |m| m.end());
    let body = text.get(skip..)?;
    let shapes = |body: &str| {
        connextra(body)
            .or_else(|| in_order_to(body))
            .or_else(|| options.job_stories.then(|| job_story(body)).flatten())
    };
    if let Some(story) = shapes(body) {
        return Some(story.shifted(skip));
    }
    // "Checkout is slow. As a shopper, I want …": a short sentence before the story
    // (not-minimal reports it).
    // Only a text with "As " past its start can hold one; most that reach here do not.
    if !body.get(1..).is_some_and(|rest| rest.contains("As ")) {
        return None;
    }
    let after = LEADING_SENTENCE
        .as_ref()
        .and_then(|re| re.captures(body))
        .and_then(|c| c.name("story"))
        .map(|m| m.start())?;
    let story = connextra(body.get(after..)?)?;
    Some(story.shifted(skip + after))
}

/// A short sentence (at most 200 bytes, one line) that ends before a Connextra story
/// starts: "Checkout is slow. " before "As a …".
static LEADING_SENTENCE: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"^[^\n.!?]{1,200}[.!?]\s+(?P<story>As\s)"));

/// The most heading or label lines [`find`] skips above the story in a description.
const MAX_HEADINGS: usize = 3;

/// The text that holds the story: `summary` if it parses; otherwise the first line of
/// `description` that is neither blank nor a heading or label (`*User Story*`,
/// `h3. Story`, `User story:`; at most [`MAX_HEADINGS`] of them), if that parses (the
/// summary is then a short title and the description holds the story). For the
/// description, leading indentation and a list or quote marker (`*`, `-`, `+`, `#`, `>`,
/// `1.`, `1)`, `bq.`) are skipped; `offset` says where the parsed text starts.
pub fn find(
    summary: &str,
    description: Option<&str>,
    options: &Options,
) -> Option<(StorySource, Story)> {
    if let Some(story) = parse(summary, options) {
        return Some((StorySource::Summary, story));
    }
    let description = description?;
    let mut line_start = 0;
    let mut headings = 0;
    for line in description.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let heading = headings < MAX_HEADINGS && heading::is_heading(content);
        headings += usize::from(heading);
        if !content.trim().is_empty() && !heading {
            let mut skip = line_marker_len(content);
            let mut body = content.get(skip..)?;
            let mut story = parse(body, options);
            // "*User Story*: As a …": a label before the story on its line.
            let label = heading::label_prefix_len(body);
            if story.is_none() && label > 0 {
                skip += label;
                body = content.get(skip..)?;
                story = parse(body, options);
            }
            return story.map(|story| {
                (
                    StorySource::DescriptionFirstLine {
                        offset: line_start + skip,
                    },
                    story,
                )
            });
        }
        line_start += line.len();
    }
    None
}

static LINE_MARKER: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"^\s*(?:(?:[*#+>•·\-]+|\d{1,3}[.)]|bq\.|h[1-6]\.)\s+)?"));

/// Bytes of indentation and list or quote marker at the start of `line`.
fn line_marker_len(line: &str) -> usize {
    LINE_MARKER
        .as_ref()
        .and_then(|re| re.find(line))
        .map_or(0, |m| m.end())
}

fn from_template(text: &str, template: &Regex) -> Option<Story> {
    let caps = template.captures(text)?;
    let goal = caps.name("goal")?.range();
    let goal = trim_range(text, goal, TRAIL)?;
    let part = |name: &str| {
        caps.name(name)
            .and_then(|m| trim_range(text, m.range(), TRAIL))
    };
    let want = caps
        .name("want")
        .map_or(goal.start..goal.start, |m| m.range());
    Some(Story {
        shape: Shape::Connextra,
        role: part("role"),
        situation: None,
        want,
        goal,
        benefit_marker: caps.name("marker").map(|m| m.range()),
        benefit: part("benefit"),
    })
}

/// The Connextra pattern (see [`AS`]) matched as the regex engine would, in steps: the
/// article if a role and want phrase follow it, else none; the role lazily up to the
/// first want phrase. Searching the want phrase alone keeps the backtracker that fills
/// its groups off the role, which is most of the text.
fn connextra(text: &str) -> Option<Story> {
    let (role, has_article, want) = connextra_match(text)?;
    let role = checked_role(text, role, has_article, want.start)?;
    let want_text = text.get(want.clone())?;
    if is_negated_can(text, want_text, want.end) {
        return None;
    }
    let (goal, benefit_marker, benefit) = split_goal(text, want.end, is_verbal(want_text))?;
    // "As a user, in order to save time, I want …": the benefit sits before the want.
    if let Some((role, marker, early_benefit)) = split_role(text, role.clone()) {
        if benefit_marker.is_none() {
            return Some(Story {
                shape: Shape::Connextra,
                role: Some(role),
                situation: None,
                want,
                goal,
                benefit_marker: marker,
                benefit: early_benefit,
            });
        }
    }
    Some(Story {
        shape: Shape::Connextra,
        role: Some(role),
        situation: None,
        want,
        goal,
        benefit_marker,
        benefit,
    })
}

/// The role, whether an article stands before it, and the want phrase.
fn connextra_match(text: &str) -> Option<(Range<usize>, bool, Range<usize>)> {
    let after_as = AS.as_ref()?.find(text)?.end();
    let article = ARTICLE
        .as_ref()?
        .find(text.get(after_as..)?)
        .map(|m| after_as + m.end());
    article
        .map(|start| (start, true))
        .into_iter()
        .chain([(after_as, false)])
        .find_map(|(start, has_article)| {
            role_and_want(text, start).map(|(end, want)| (start..end, has_article, want))
        })
}

/// A role starting at `start` (`[^\s,.!?;:][^\n]*?`) and the want phrase after it: the
/// role's end and the want phrase's range.
fn role_and_want(text: &str, start: usize) -> Option<(usize, Range<usize>)> {
    let first = text.get(start..)?.chars().next()?;
    if first.is_whitespace() || matches!(first, ',' | '.' | '!' | '?' | ';' | ':') {
        return None;
    }
    let rest = start + first.len_utf8();
    let caps = ROLE_END.as_ref()?.captures_at(text, rest)?;
    let end = caps.get(0)?.start();
    if text.get(rest..end)?.contains('\n') {
        return None;
    }
    let want = caps.name("want").or_else(|| caps.name("want2"))?;
    Some((end, want.range()))
}

static ROLE_BENEFIT: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(r"(?i),\s*(in\s+order\s+(?:to|that|for)|so\s+that)\b"));

/// A role that holds a benefit after a comma ("user, in order to save time"): the role,
/// the marker and the benefit.
fn split_role(text: &str, role: Range<usize>) -> Option<Split> {
    let caps = ROLE_BENEFIT.as_ref()?.captures(text.get(role.clone())?)?;
    let comma = caps.get(0)?.start();
    let marker = caps.get(1)?;
    let bare_role = trim_range(text, role.start..role.start + comma, TRAIL)?;
    let marker_range = role.start + marker.start()..role.start + marker.end();
    let benefit = trim_range(text, skip_lead(text, marker_range.end)..role.end, TRAIL);
    Some((bare_role, Some(marker_range), benefit))
}

fn in_order_to(text: &str) -> Option<Story> {
    let caps = IN_ORDER_TO.as_ref()?.captures(text)?;
    let want = caps.name("want")?;
    let role = checked_role(
        text,
        caps.name("role")?.range(),
        caps.name("art").is_some(),
        want.start(),
    )?;
    if is_negated_can(text, want.as_str(), want.end()) {
        return None;
    }
    let marker = caps.name("marker")?;
    let benefit = trim_range(text, caps.name("benefit")?.range(), TRAIL);
    let goal = trim_range(text, skip_lead(text, want.end())..text.len(), TRAIL)?;
    Some(Story {
        shape: Shape::InOrderTo,
        role: Some(role),
        situation: None,
        want: want.range(),
        goal,
        benefit_marker: Some(marker.range()),
        benefit,
    })
}

fn job_story(text: &str) -> Option<Story> {
    let caps = JOB_STORY.as_ref()?.captures(text)?;
    let situation = trim_range(text, caps.name("situation")?.range(), TRAIL)?;
    let want = caps.name("want")?;
    if is_negated_can(text, want.as_str(), want.end()) {
        return None;
    }
    let (goal, benefit_marker, benefit) = split_goal(text, want.end(), is_verbal(want.as_str()))?;
    Some(Story {
        shape: Shape::JobStory,
        role: None,
        situation: Some(situation),
        want: want.range(),
        goal,
        benefit_marker,
        benefit,
    })
}

/// The role, trimmed and checked against the idioms that only look like roles;
/// `want_start` is where the want phrase after it starts.
fn checked_role(
    text: &str,
    role: Range<usize>,
    has_article: bool,
    want_start: usize,
) -> Option<Range<usize>> {
    let role = trim_range(text, role, TRAIL)?;
    let role_str = text.get(role.clone())?;
    if role_str.split_whitespace().nth(MAX_ROLE_WORDS).is_some() {
        return None;
    }
    let (lower, _) = lower_words(role_str);
    let lower = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    let idiom = NOT_A_ROLE.iter().any(|&idiom| {
        lower.strip_prefix(idiom).is_some_and(|rest| {
            rest.is_empty()
                || [" of ", " to ", " for ", " from ", " in ", ","]
                    .iter()
                    .any(|p| rest.starts_with(p))
        })
    });
    if idiom {
        return None;
    }
    if !has_article {
        let first = role_str
            .split_whitespace()
            .next()?
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if listed(NOT_A_BARE_ROLE, &first) {
            return None;
        }
    }
    // A role stays within one sentence, up to the want phrase.
    let role_text = text.get(role.start..want_start)?;
    let mut chars = role_text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?' | ';') && ends {
            let word = role_text
                .get(..i)
                .unwrap_or("")
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            // "U.S. citizen", "Dept. head": an abbreviation, not a sentence end.
            let abbreviation = c == '.'
                && (word.contains('.')
                    || word.chars().count() == 1
                    || ROLE_ABBREVIATIONS.contains(&word.to_lowercase().as_str()));
            if !abbreviation {
                return None;
            }
        }
    }
    Some(role)
}

/// Whether the want phrase ending at `end` is really "I can't" or "I can not".
fn is_negated_can(text: &str, want: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let ends_in_can = want
        .get(want.len().saturating_sub(3)..)
        .is_some_and(|w| w.eq_ignore_ascii_case("can"));
    ends_in_can
        && (rest.starts_with("'t")
            || rest.starts_with("’t")
            || rest.starts_with("`t")
            || first_word(rest) == "not")
}

/// Whether a want phrase leaves the goal starting with a verb ("I want to", "I can").
fn is_verbal(want: &str) -> bool {
    let last = want
        .rsplit(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .next()
        .unwrap_or("")
        .to_lowercase();
    !matches!(
        last.as_str(),
        "want" | "wish" | "need" | "desire" | "expect" | "require" | "like" | "love" | "prefer"
    )
}

/// Characters trimmed from the end of a part.
const TRAIL: &[char] = &['.', ',', ';', ':', '!', '?', '-', '–', '—', '…'];

/// A goal or role, the benefit marker and the benefit split off it.
type Split = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>);

/// Splits the text after the want phrase into goal, benefit marker and benefit.
fn split_goal(text: &str, after_want: usize, verbal: bool) -> Option<Split> {
    let goal_start = skip_lead(text, after_want);
    let rest = text.get(goal_start..)?;
    let marker = find_marker(text, goal_start, rest, verbal);
    let goal_end = marker.as_ref().map_or(text.len(), |m| m.start);
    let goal = trim_range(text, goal_start..goal_end, TRAIL)?;
    let benefit = marker
        .as_ref()
        .and_then(|m| trim_range(text, skip_lead(text, m.end)..text.len(), TRAIL));
    Some((goal, marker, benefit))
}

/// Subjects that make a bare "so" introduce a clause ("so I know", "so the page …").
#[rustfmt::skip]
const SO_SUBJECTS: &[&str] = &[
    "i", "we", "you", "they", "he", "she", "it", "that", "my", "our", "their", "his", "her",
    "its", "the", "this", "these", "those", "users", "user", "people", "everyone", "anyone",
    "others", "other", "there", "customers", "staff", "visitors", "nobody", "no", "all",
    "each", "every", "a", "an",
];

/// Words after "so" that make it an adverb, not a marker.
#[rustfmt::skip]
const SO_ADVERBIAL_NEXT: &[&str] = &[
    "on", "far", "much", "many", "forth", "long", "called", "to", "and", "or", "as", "etc",
    "if", "few", "little", "well",
];

/// Words before "so" that make it a pro-form or adverb ("do so", "and so on").
#[rustfmt::skip]
const SO_ADVERBIAL_PREV: &[&str] = &[
    "do", "does", "did", "doing", "done", "or", "and", "even", "not", "is", "are", "was",
    "were", "be", "been", "more", "less", "quite", "just", "why", "said", "think", "hope",
];

/// Words before "to be able to" (or "to help", "to allow" …) that make it part of the goal
/// ("needs to be able to", "tips how to reduce").
#[rustfmt::skip]
const INFINITIVE_TAKERS: &[&str] = &[
    "need", "needs", "needed", "want", "wants", "has", "have", "had", "is", "are", "be",
    "was", "were", "going", "used", "likely", "seem", "seems", "expected", "required",
    "supposed", "ought", "able", "allowed", "enough", "how", "what", "where", "when",
    "whether", "which", "who",
];

/// Verbs that start a goal in which "to be able to" says what the object should be able
/// to do ("have the system to be able to …", "allow admins to be able to …"), not why.
#[rustfmt::skip]
const CAUSATIVES: &[&str] = &[
    "have", "allow", "enable", "let", "make", "help", "ask", "tell", "require", "force",
    "permit",
];

/// The benefit marker in `rest` (which starts at `base` in `text`): the first explicit
/// one ("so that", "in order to", "so I can", "so as to"), else the first weak one ("so",
/// "to be able to", "because") that passes its context checks. Markers inside an open
/// bracket are skipped.
fn find_marker(text: &str, base: usize, rest: &str, verbal: bool) -> Option<Range<usize>> {
    let re = MARKER.as_ref()?;
    let mut weak = None;
    let (mut depth, mut scanned) = (0, base);
    for m in re.find_iter(rest) {
        let start = base + m.start();
        let end = base + m.end();
        depth = bracket_depth(depth, text.get(scanned..start).unwrap_or(""));
        scanned = start;
        if depth > 0 {
            continue;
        }
        let before = text.get(base..start).unwrap_or("");
        let (lower, words) = lower_words(m.as_str());
        let strong = lower == "so that"
            || lower == "so as to"
            || (words == 3 && lower.starts_with("in order"))
            || lower.starts_with("for the")
            || (words == 3 && lower.starts_with("so "));
        if strong {
            return Some(start..end);
        }
        if weak.is_some() {
            continue;
        }
        let after = text.get(end..).unwrap_or("");
        let next_word = first_word(after);
        // "so I'm informed": the subject before the contraction.
        let next = next_word.split(['\'', '’']).next().unwrap_or("");
        let prev = last_word(before);
        let comma_before = before.trim_end().ends_with([',', ';', '.', '–', '—']);
        let ok = if lower == "so" {
            if listed(SO_ADVERBIAL_PREV, &prev)
                || listed(SO_ADVERBIAL_NEXT, next)
                || next.is_empty()
            {
                false
            } else {
                comma_before || listed(SO_SUBJECTS, next) || clause_follows(after)
            }
        } else if lower == "to" {
            // ", to quickly find …": a purpose clause set off by a comma; not the second of
            // a list of wants (", to set a date …, and to have …").
            let list = after.contains(", and to ") || after.contains(" and to ");
            let purpose = if comma_before {
                !next.is_empty()
            } else {
                // After a verb, or after the goal's own infinitive ("the list to be
                // checked nightly to catch errors").
                (verbal || before.contains(" to ")) && reason::purpose_infinitive(before, after)
            };
            purpose && !list
        } else if lower == "for" {
            reason::purpose_for(before, after)
        } else if lower == "since" {
            reason::reason_since(after)
        } else if lower == "which" {
            reason::consequence_which(before, after)
        } else if lower == "in order" {
            reason::bare_in_order(after)
        } else if lower.starts_with("to") {
            // "have ALFRED to be able to determine": the object is who should be able.
            let causative = listed(CAUSATIVES, &first_word(before));
            !listed(INFINITIVE_TAKERS, &prev)
                && (comma_before
                    || (verbal && !causative && before.split_whitespace().nth(1).is_some()))
        } else {
            // "because", not "because of"
            next != "of"
        };
        if ok {
            weak = Some(start..end);
        }
    }
    weak
}

/// The words of `s` (a marker, a role) in lower case, single-spaced, and how many there
/// are: one string, not one per word. The same as lower-casing the joined words: a word
/// is lower-cased alone, and what a letter becomes (Greek final sigma) depends on its
/// word only.
fn lower_words(marker: &str) -> (String, usize) {
    let mut lower = String::with_capacity(marker.len());
    let mut words = 0;
    for word in marker.split_whitespace() {
        if words > 0 {
            lower.push(' ');
        }
        if word.is_ascii() {
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.push_str(&word.to_lowercase());
        }
        words += 1;
    }
    (lower, words)
}

/// Auxiliaries and modals that show a clause ("so patrons are able to …").
#[rustfmt::skip]
const AUXILIARIES: &[&str] = &[
    "can", "could", "will", "would", "may", "might", "should", "must", "are", "is", "am",
    "do", "does", "don't", "doesn't", "won't", "can't", "cannot", "have", "has", "get",
    "gets", "know", "knows", "need", "needs",
];

/// Whether `after` opens a clause: a short subject then an auxiliary.
fn clause_follows(after: &str) -> bool {
    after
        .split_whitespace()
        .take(4)
        .skip(1)
        .any(|w| listed(AUXILIARIES, &w.to_lowercase().replace('’', "'")))
}

/// How many brackets are open after `s`, given `depth` open before it.
fn bracket_depth(depth: usize, s: &str) -> usize {
    s.chars().fold(depth, |depth, c| match c {
        '(' | '[' | '{' => depth + 1,
        ')' | ']' | '}' => depth.saturating_sub(1),
        _ => depth,
    })
}

/// Whether `word` is one of the words of `list`.
fn listed(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// The first word of `s`, lower-cased, without surrounding punctuation.
fn first_word(s: &str) -> String {
    s.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The last word of `s`, lower-cased, without surrounding punctuation.
fn last_word(s: &str) -> String {
    s.split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Skips whitespace and a colon or comma at `at`.
fn skip_lead(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == ',');
    at + (rest.len() - trimmed.len())
}

/// `range` without surrounding whitespace and without trailing `trail` characters;
/// `None` when nothing is left.
fn trim_range(text: &str, range: Range<usize>, trail: &[char]) -> Option<Range<usize>> {
    let slice = text.get(range.clone())?;
    let start_trimmed = slice.trim_start();
    let start = range.start + (slice.len() - start_trimmed.len());
    let kept = start_trimmed.trim_end_matches(|c: char| c.is_whitespace() || trail.contains(&c));
    if kept.is_empty() {
        return None;
    }
    Some(start..start + kept.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options::default()
    }

    fn jobs() -> Options {
        Options {
            job_stories: true,
            ..Options::default()
        }
    }

    /// The parts of a parsed story as text: (role, want, goal, marker, benefit).
    fn parts(text: &str, options: &Options) -> (String, String, String, String, String) {
        let story = parse(text, options).unwrap_or_else(|| panic!("does not parse: {text}"));
        let get =
            |r: &Option<Range<usize>>| r.clone().map_or(String::new(), |r| text[r].to_owned());
        (
            get(&story.role),
            text[story.want.clone()].to_owned(),
            text[story.goal.clone()].to_owned(),
            get(&story.benefit_marker),
            get(&story.benefit),
        )
    }

    fn check(text: &str, role: &str, want: &str, goal: &str, marker: &str, benefit: &str) {
        assert_eq!(
            parts(text, &opts()),
            (
                role.into(),
                want.into(),
                goal.into(),
                marker.into(),
                benefit.into()
            ),
            "story: {text}"
        );
    }

    #[test]
    fn connextra_with_benefit() {
        check(
            "As a shopper, I want to save my cart, so that I can buy later.",
            "shopper",
            "I want to",
            "save my cart",
            "so that",
            "I can buy later",
        );
        let story = parse(
            "As a shopper, I want to save my cart, so that I can buy later.",
            &opts(),
        );
        assert_eq!(story.map(|s| s.shape), Some(Shape::Connextra));
    }

    #[test]
    fn connextra_variants() {
        check(
            "As an admin I want to block a user",
            "admin",
            "I want to",
            "block a user",
            "",
            "",
        );
        check(
            "As the owner, I want a weekly digest.",
            "owner",
            "I want",
            "a weekly digest",
            "",
            "",
        );
        check(
            "As Admin, I want to reset passwords",
            "Admin",
            "I want to",
            "reset passwords",
            "",
            "",
        );
        check(
            "as a user i want to log in",
            "user",
            "i want to",
            "log in",
            "",
            "",
        );
        check(
            "As a first-time buyer, I want to see a size guide so that I pick the right size",
            "first-time buyer",
            "I want to",
            "see a size guide",
            "so that",
            "I pick the right size",
        );
        check(
            "As a user I'd like to export data",
            "user",
            "I'd like to",
            "export data",
            "",
            "",
        );
        check(
            "As a user, I’d like to export data",
            "user",
            "I’d like to",
            "export data",
            "",
            "",
        );
        check(
            "As a user, I would like dark mode",
            "user",
            "I would like",
            "dark mode",
            "",
            "",
        );
        check(
            "As a user, I should be able to delete my account",
            "user",
            "I should be able to",
            "delete my account",
            "",
            "",
        );
        check(
            "As a driver, I am able to pause a trip",
            "driver",
            "I am able to",
            "pause a trip",
            "",
            "",
        );
        check(
            "As a driver, I'm able to pause a trip",
            "driver",
            "I'm able to",
            "pause a trip",
            "",
            "",
        );
        check(
            "As a guest, I can browse rooms",
            "guest",
            "I can",
            "browse rooms",
            "",
            "",
        );
        check(
            "As a guest, I need a receipt",
            "guest",
            "I need",
            "a receipt",
            "",
            "",
        );
        check(
            "As a nurse, I must be able to see allergies",
            "nurse",
            "I must be able to",
            "see allergies",
            "",
            "",
        );
        check(
            "As a tutor, I wish to set homework",
            "tutor",
            "I wish to",
            "set homework",
            "",
            "",
        );
        check(
            "As a tutor, I want to be able to set homework",
            "tutor",
            "I want to be able to",
            "set homework",
            "",
            "",
        );
        check(
            "As a team, we want shared boards",
            "team",
            "we want",
            "shared boards",
            "",
            "",
        );
        check(
            "As a buyer, I desire fast shipping",
            "buyer",
            "I desire",
            "fast shipping",
            "",
            "",
        );
        check(
            "As a user, I don't want to see ads",
            "user",
            "I don't want to",
            "see ads",
            "",
            "",
        );
        check(
            "As a researcher, working with maps, I want tiles offline",
            "researcher, working with maps",
            "I want",
            "tiles offline",
            "",
            "",
        );
        check(
            "As a researcher, would like the ability to import CSV",
            "researcher",
            "would like",
            "the ability to import CSV",
            "",
            "",
        );
        check(
            "As a U.S. citizen, I want to vote",
            "U.S. citizen",
            "I want to",
            "vote",
            "",
            "",
        );
        check(
            "As a Dept. head, I want reports",
            "Dept. head",
            "I want",
            "reports",
            "",
            "",
        );
        check(
            "[Checkout] As a shopper, I want to pay by card",
            "shopper",
            "I want to",
            "pay by card",
            "",
            "",
        );
    }

    #[test]
    fn benefit_markers() {
        check(
            "As a user, I want to log in so I can see orders",
            "user",
            "I want to",
            "log in",
            "so I can",
            "see orders",
        );
        check(
            "As a user, I want to log in, so I know it is me",
            "user",
            "I want to",
            "log in",
            "so",
            "I know it is me",
        );
        check(
            "As a user, I want to log in so the app knows me",
            "user",
            "I want to",
            "log in",
            "so",
            "the app knows me",
        );
        check(
            "As a user, I want to log in in order to see orders",
            "user",
            "I want to",
            "log in",
            "in order to",
            "see orders",
        );
        check(
            "As a user, I want a reset link in order that I regain access",
            "user",
            "I want",
            "a reset link",
            "in order that",
            "I regain access",
        );
        check(
            "As a user, I want to get a reset link to be able to log in again",
            "user",
            "I want to",
            "get a reset link",
            "to be able to",
            "log in again",
        );
        check(
            "As a user, I want a reset link, to be able to log in again",
            "user",
            "I want",
            "a reset link",
            "to be able to",
            "log in again",
        );
        check(
            "As a user, I want a search box, to quickly find items",
            "user",
            "I want",
            "a search box",
            "to",
            "quickly find items",
        );
        check(
            "As a clerk, I want to export the logs to help the auditors",
            "clerk",
            "I want to",
            "export the logs",
            "to help",
            "the auditors",
        );
        check(
            "As an elder, I want to receive tips how to reduce my medication",
            "elder",
            "I want to",
            "receive tips how to reduce my medication",
            "",
            "",
        );
        check(
            "As an archivist, I want to add people, to set a date, and to close the window",
            "archivist",
            "I want to",
            "add people, to set a date, and to close the window",
            "",
            "",
        );
        check(
            "As a user, I want to go to the settings page",
            "user",
            "I want to",
            "go to the settings page",
            "",
            "",
        );
        check(
            "As a user, I want the system to be able to export PDFs",
            "user",
            "I want",
            "the system to be able to export PDFs",
            "",
            "",
        );
        check(
            "As a curator, I want to have ALFRED to be able to determine the owner",
            "curator",
            "I want to",
            "have ALFRED to be able to determine the owner",
            "",
            "",
        );
        check(
            "As a clerk, I want to batch invoices because month end is busy",
            "clerk",
            "I want to",
            "batch invoices",
            "because",
            "month end is busy",
        );
        check(
            "As a clerk, I want to file each receipt to claim expenses",
            "clerk",
            "I want to",
            "file each receipt",
            "to",
            "claim expenses",
        );
        check(
            "As a clerk, I want late invoices to be flagged nightly to warn the team",
            "clerk",
            "I want",
            "late invoices to be flagged nightly",
            "to",
            "warn the team",
        );
        check(
            "As a clerk, I want the system to send reminders to customers",
            "clerk",
            "I want",
            "the system to send reminders to customers",
            "",
            "",
        );
        check(
            "As a clerk, I want to keep every receipt, which can then be used by auditors.",
            "clerk",
            "I want to",
            "keep every receipt",
            "which",
            "can then be used by auditors",
        );
        check(
            "As a clerk, I want to tag receipts for faster retrieval",
            "clerk",
            "I want to",
            "tag receipts",
            "for",
            "faster retrieval",
        );
        check(
            "As a clerk, I want to batch invoices since we close the books monthly",
            "clerk",
            "I want to",
            "batch invoices",
            "since",
            "we close the books monthly",
        );
        check(
            "As a clerk, I want to batch invoices because of the volume",
            "clerk",
            "I want to",
            "batch invoices because of the volume",
            "",
            "",
        );
        check(
            "As a staff member, I want to close a case. So that I can finish it.",
            "staff member",
            "I want to",
            "close a case",
            "So that",
            "I can finish it",
        );
        check(
            "As an editor, I want to do so quickly and so on",
            "editor",
            "I want to",
            "do so quickly and so on",
            "",
            "",
        );
        // An explicit marker wins over an earlier weak one.
        check(
            "As a parent, I want a form so parents can send notes, so that I hear concerns",
            "parent",
            "I want",
            "a form so parents can send notes",
            "so that",
            "I hear concerns",
        );
        // Not inside brackets.
        check(
            "As an admin, I want to alias an item (so it shows twice)",
            "admin",
            "I want to",
            "alias an item (so it shows twice)",
            "",
            "",
        );
    }

    #[test]
    fn in_order_to() {
        let text = "In order to pay less, as a shopper, I want to apply a coupon";
        let story = parse(text, &opts()).expect("parses");
        assert_eq!(story.shape, Shape::InOrderTo);
        assert_eq!(
            parts(text, &opts()),
            (
                "shopper".into(),
                "I want to".into(),
                "apply a coupon".into(),
                "In order to".into(),
                "pay less".into(),
            )
        );
        let text = "In order to work as fast as possible, as an agent I want shortcuts.";
        assert_eq!(parts(text, &opts()).0, "agent");
        assert_eq!(parts(text, &opts()).4, "work as fast as possible");
        let text = "So that I save time, as a clerk I want templates";
        assert_eq!(
            parse(text, &opts()).map(|s| s.shape),
            Some(Shape::InOrderTo)
        );
        assert_eq!(parts(text, &opts()).2, "templates");
    }

    #[test]
    fn job_stories_only_when_enabled() {
        let text = "When I check out, I want to pay with one click, so I can finish quickly.";
        assert_eq!(parse(text, &opts()), None);
        let story = parse(text, &jobs()).expect("parses");
        assert_eq!(story.shape, Shape::JobStory);
        assert_eq!(story.role, None);
        assert_eq!(story.situation.map(|r| &text[r]), Some("I check out"));
        assert_eq!(&text[story.want], "I want to");
        assert_eq!(&text[story.goal], "pay with one click");
        assert_eq!(story.benefit_marker.map(|r| &text[r]), Some("so I can"));
        assert_eq!(story.benefit.map(|r| &text[r]), Some("finish quickly"));
    }

    #[test]
    fn extra_templates() {
        let template =
            Regex::new(r"(?i)^(?P<role>.+?) needs (?P<goal>.+?)(?: because (?P<benefit>.+))?$")
                .expect("valid regex");
        let options = Options {
            job_stories: false,
            extra_templates: vec![template],
        };
        let text = "Support agent needs a macro button because replies repeat.";
        let story = parse(text, &options).expect("parses");
        assert_eq!(story.shape, Shape::Connextra);
        assert_eq!(story.role.map(|r| &text[r]), Some("Support agent"));
        assert_eq!(&text[story.goal.clone()], "a macro button");
        assert_eq!(story.benefit.map(|r| &text[r]), Some("replies repeat"));
        assert_eq!(story.want, story.goal.start..story.goal.start);
        // Built-in shapes still parse.
        assert!(parse("As a user, I want to log in", &options).is_some());
        // A template without a goal group never matches.
        let options = Options {
            job_stories: false,
            extra_templates: vec![Regex::new(r"(?P<role>\w+)").expect("valid regex")],
        };
        assert_eq!(parse("Admin", &options), None);
    }

    #[test]
    fn must_not_parse() {
        for text in [
            "Checkout page must be fast and user-friendly",
            "Improve search, filters etc.",
            "Admin should be able to manage products",
            "Use the date as a filter",
            "Show totals as a table, I want that",
            "As soon as I log in I want to see my inbox",
            "As discussed, I want the export fixed",
            "As a result, I want to redo the login",
            "As a result of the migration, we need to re-index",
            "As a first step, we need a schema",
            "As an admin I can't delete users",
            "As an admin I cannot delete users",
            "As an admin I can not delete users",
            "As an admin I couldn't delete users",
            "As a user",
            "As a user, I want",
            "As a user, I want.",
            "As a user, I want so that I can log in",
            "As a user. I want to log in",
            "As a user! I want to log in",
            "",
            "   ",
            "I want to log in",
            "Auditing & Reporting.",
            "When I log in, I want to see my inbox",
            "In order to",
        ] {
            assert_eq!(parse(text, &opts()), None, "parsed: {text:?}");
        }
    }

    #[test]
    fn ranges_are_substrings_at_char_boundaries() {
        for text in [
            "As a 👩‍💻 developer, I want to ship 🚀 fast, so that users smile 😀",
            "As an élève, I want to read café menus, so that I order crème brûlée",
            "As a 用户, I want to 登录, so that 我可以购物",
            "As a user, I want 😀",
            "As a user, I want to log in so 😀",
            "As a user I want to x so that",
            "As a\u{a0}user,\u{a0}I want to log in",
        ] {
            if let Some(story) = parse(text, &jobs()) {
                for range in story.parts() {
                    assert!(text.get(range.clone()).is_some(), "{range:?} in {text}");
                }
            }
        }
        check(
            "As a 👩‍💻 developer, I want to ship 🚀 fast, so that users smile 😀",
            "👩‍💻 developer",
            "I want to",
            "ship 🚀 fast",
            "so that",
            "users smile 😀",
        );
    }

    #[test]
    fn never_panics() {
        let long = "As a user, I want to ".to_owned() + &"so ".repeat(5000) + "end";
        let inputs = [
            "",
            "A",
            "As",
            "As ",
            "As a",
            "As a ,",
            "As a , I want",
            "In order to , as a x, I want y",
            "When , I want x",
            "😀😀😀",
            "As a user, I want to log in so that 😀😀",
            long.as_str(),
        ];
        for text in inputs {
            let _ = parse(text, &jobs());
            let _ = find(text, Some(text), &jobs());
        }
    }

    /// Stories stitched from awkward fragments: parsing and both checks never panic and
    /// every range they give is a slice of the text.
    #[test]
    fn stitched_fragments_never_panic() {
        const FRAGMENTS: &[&str] = &[
            "As a ",
            "As ",
            "an ",
            "user",
            "👩‍💻",
            "é",
            ", ",
            " ",
            "I want to ",
            "I'd like ",
            "we need ",
            "I can",
            "'t",
            "upload",
            " and ",
            " or ",
            "/",
            "&",
            " so that ",
            " so ",
            "in order to ",
            " because ",
            "to be able to ",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ". ",
            "! ",
            "? ",
            "...",
            "…",
            "e.g.",
            " such as ",
            "Note:",
            " PS ",
            "Priority: High",
            "(P1)",
            "SP: 3",
            "\n",
            "When ",
            "U.S.",
            "v1.2",
            "In order to ",
            "as the ",
            "then ",
            "and/or",
            "as well as",
            "share",
            "the",
            "my",
            "delete",
            "😀",
            "\u{a0}",
        ];
        let options = Options {
            job_stories: true,
            extra_templates: vec![],
        };
        let mut seed: u64 = 0x5eed;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        let mut parsed = 0;
        for round in 0..3000 {
            // Half the texts start like a story, so that the checks get exercised.
            let start = if round % 2 == 0 {
                "As a user, I want "
            } else {
                ""
            };
            let mut text = String::from(start);
            for _ in 0..next() % 12 + 1 {
                text.push_str(FRAGMENTS[next() as usize % FRAGMENTS.len()]);
            }
            let Some(story) = parse(&text, &options) else {
                continue;
            };
            parsed += 1;
            let goal = &text[story.goal.clone()];
            for strict in [false, true] {
                for range in atomic::joined_features(goal, strict) {
                    assert!(goal.get(range).is_some(), "{text:?}");
                }
            }
            for (_, range) in minimal::extras(&text, &story) {
                assert!(text.get(range).is_some(), "{text:?}");
            }
        }
        assert!(parsed > 1000, "only {parsed} parsed");
    }

    #[test]
    fn find_prefers_the_summary() {
        let summary = "As a user, I want to log in";
        let found = find(summary, Some("As a guest, I want to browse"), &opts());
        assert_eq!(found.map(|(source, _)| source), Some(StorySource::Summary));
    }

    #[test]
    fn find_falls_back_to_the_description() {
        let description =
            "\n  \r\n* As a guest, I want to browse rooms, so that I can compare\nMore text";
        let (source, story) = find("Room browsing", Some(description), &opts()).expect("found");
        let StorySource::DescriptionFirstLine { offset } = source else {
            panic!("expected the description");
        };
        let line = &description[offset..];
        assert!(line.starts_with("As a guest"));
        assert_eq!(&line[story.role.clone().expect("role")], "guest");
        assert_eq!(&line[story.goal.clone()], "browse rooms");
        assert_eq!(&line[story.benefit.expect("benefit")], "I can compare");

        // Only the first line of text counts.
        assert_eq!(
            find(
                "Title",
                Some("Guests asked for this at the fair.\nAs a guest, I want to browse"),
                &opts()
            ),
            None
        );
        assert_eq!(find("Title", None, &opts()), None);
        assert_eq!(find("Title", Some("\n\n"), &opts()), None);
        let (source, _) =
            find("Title", Some("As a guest, I want to browse"), &opts()).expect("found");
        assert_eq!(source, StorySource::DescriptionFirstLine { offset: 0 });
        let (source, _) =
            find("T", Some("1. As a guest, I want to browse"), &opts()).expect("found");
        assert_eq!(source, StorySource::DescriptionFirstLine { offset: 3 });
    }

    #[test]
    fn find_skips_headings_above_the_story() {
        for description in [
            "*User Story*\nAs a guest, I want to browse rooms, so that I can compare",
            "*User Story* \r\n\r\nAs a guest, I want to browse rooms, so that I can compare",
            "h3. Story\n* As a guest, I want to browse rooms, so that I can compare",
            "## Story\n\nAs a guest, I want to browse rooms, so that I can compare",
            "User story:\nAs a guest, I want to browse rooms, so that I can compare",
            "{panel}\n*Story:*\nAs a guest, I want to browse rooms, so that I can compare",
            "*User Story*: As a guest, I want to browse rooms, so that I can compare",
            "- Story: As a guest, I want to browse rooms, so that I can compare",
        ] {
            let (source, story) =
                find("Rooms", Some(description), &opts()).expect("found below the heading");
            let StorySource::DescriptionFirstLine { offset } = source else {
                panic!("expected the description");
            };
            let line = &description[offset..];
            assert!(line.starts_with("As a guest"), "{description:?}");
            assert_eq!(&line[story.role.clone().expect("role")], "guest");
            assert_eq!(&line[story.benefit.expect("benefit")], "I can compare");
        }
        // Four headings are a document, not a story's title.
        let deep = "h1. A\nh2. B\nh3. C\nh4. D\nAs a guest, I want to browse";
        assert_eq!(find("Rooms", Some(deep), &opts()), None);
    }

    #[test]
    fn connextra_in_steps_matches_as_the_whole_pattern() {
        let whole = Regex::new(&format!(
            r"(?i)^as\s+(?:(?P<art>an?|the)\s+)?{ROLE}(?:(?:\s*,\s*|\s+)\b(?P<want>{WANT})|\s*,\s*(?P<want2>{WANT_NO_SUBJECT}))\b"
        ))
        .expect("compiles");
        for text in [
            "As a user, I want to log in so that I can work",
            "As an admin I can delete users",
            "As anna, I want a report",
            "As a I want a report",
            "As an I want it",
            "As the I want it",
            "AS THE ADMIN, WE NEED TO export",
            "As  a   user ,  would like to export",
            "As a user\nI want to export",
            "As a\nuser I want to export",
            "As a user, who can, I want to, I can export",
            "As a, I want x",
            "As ,a user I want x",
            "As a user. I want x",
            "As a user I can't export, I want to import",
            "As aſ user I want x",
            "Aſ a user I want x",
            "As an user's manager I'd like to see it",
            "As a user I wanted to, I want to x",
            "As a the user I want x",
            "As a",
            "As",
            "As a user",
        ] {
            let expected = whole.captures(text).map(|caps| {
                let want = caps.name("want").or_else(|| caps.name("want2"));
                (
                    caps.name("role").map(|m| m.range()),
                    caps.name("art").is_some(),
                    want.map(|m| m.range()),
                )
            });
            let stepwise =
                connextra_match(text).map(|(role, art, want)| (Some(role), art, Some(want)));
            assert_eq!(stepwise, expected, "{text:?}");
        }
    }

    /// Lower-casing word by word is lower-casing the joined words, Greek final sigma too.
    #[test]
    fn lower_words_is_the_joined_words_lower_cased() {
        assert_eq!(lower_words("So \t That"), ("so that".to_owned(), 2));
        assert_eq!(lower_words(""), (String::new(), 0));
        for text in [
            "ΟΔΟΣ ΣΤΟ ΣΠΙΤΙ",
            "Senior  Dev.  Ops",
            "Σ Σ",
            "İstanbul TEAM",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let count = text.split_whitespace().count();
            assert_eq!(lower_words(text), (joined.to_lowercase(), count), "{text}");
        }
    }

    #[test]
    fn regexes_compile() {
        assert!(AS.is_some());
        assert!(ARTICLE.is_some());
        assert!(ROLE_END.is_some());
        assert!(IN_ORDER_TO.is_some());
        assert!(JOB_STORY.is_some());
        assert!(MARKER.is_some());
        assert!(ROLE_BENEFIT.is_some());
        assert!(LINE_MARKER.is_some());
        assert!(LEADING_TAGS.is_some());
        assert!(LEADING_SENTENCE.is_some());
    }
}
