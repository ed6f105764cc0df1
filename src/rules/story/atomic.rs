//! Does a goal join two features? (the QUS framework's "atomic" criterion)
//!
//! [`joined_features`] reports the conjunctions in a goal that join two *actions*:
//! "upload **and** share a file", "add, edit **and** delete users", "export to PDF **or**
//! print the invoice", "upload**/**share", "create **&** publish", "see X **and** I want
//! to …". Like AQUSA, it does not flag one action on two objects ("view my orders and
//! invoices"): that is one feature over a list of things, not two features a product
//! owner could schedule apart.
//!
//! # The heuristic
//!
//! The goal is split into words, and these conjunctions are looked at: `and`, `or`,
//! `plus`, `as well as`, `and then`, `and also`, `, then`, `&` and `/` (not in URLs or
//! between numbers), `and/or` among them (vague-language reports it too). A conjunction is
//! reported when the words on either side are not a fixed pair — "drag and drop",
//! "copy/paste", "read and write", "approve or reject", "log in and out", "show/hide",
//! near-synonyms such as "search and discover" (inverse pairs that toggle one state, and
//! two words for one action, count as one feature) — and one of these holds:
//!    * a second want follows it: "… and I want …", "… and need to …", "… and I'd
//!      like …";
//!    * the word right before it is an action verb in *verb position* (at the start of the
//!      goal, after `to`, a modal, `I`/`we`, an `-ly` adverb, a comma or a conjunction) or
//!      ends a phrasal verb ("search for and download"), and the first word after it —
//!      past `to`, `then`, `also`, modals, `be able to` and adverbs such as `quickly` — is
//!      an action verb: "upload and share", "add, edit and delete";
//!    * an earlier word of the goal is a verb in verb position and the word after the
//!      conjunction reads as a verb: it follows `to` or a modal ("… and to select a
//!      service", "… and can page through them", "… and be able to approve them"), or it
//!      is a verb rarely used as a noun ("… and receive related information"), or it is
//!      followed by a determiner, pronoun or particle ("… or print **the** invoice", "…
//!      and see **my** orders", "… and check **out**").
//!
//! Action verbs come from a lexicon of about 380 base forms common in software stories;
//! about 150 of them are also common nouns or adjectives ("report", "search", "complete")
//! and need the stronger evidence above.
//!
//! A conjunction inside a subordinate clause that has its own verb ("forms **that**
//! students can fill in and submit", "determine **how** agencies will generate and
//! validate files", "questions **the user can** ask and perform", "… **so** I know and
//! control my costs") joins that clause's verbs, not two features of the story, and is
//! not reported unless `I`/`we` follows it. Clauses opened by "when" or "if" do not count
//! ("… when I deploy a plugin and update the pipeline" still joins two features).
//! "Either … or …" offers the user one choice and is not reported.
//!
//! # What it does not catch
//!
//! * Actions listed with commas only ("create, modify rules"), or joined by "but".
//! * Verbs outside the lexicon, gerunds and inflected verbs ("uploading and sharing").
//! * A second action whose verb is also a common noun and is followed by a bare noun
//!   ("view the list and map locations"): read as a noun phrase to stay precise.
//! * Two clauses with different subjects ("… and the system emails the admin").
//! * Synonyms joined by a slash ("record/store") are reported like any two verbs.
//!
//! Words like "search", "report" or "filter" before a noun ("search and filter
//! options") are read as nouns, so "terms and conditions", "search results and filters
//! page", "read and edit views", "accurate and complete data" and "R&D" pass.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

/// Action verbs in base form common in software stories.
static VERBS: WordList = WordList::new(concat!(
    "accept access acquire activate add address adjust administer advertise aggregate ",
    "alert allow alter amend analyse analyze annotate announce answer append apply ",
    "approve archive arrange ask assign assist associate attach attend audit authenticate ",
    "authorise authorize backup ban bid bill block book bookmark branch browse build buy ",
    "calculate call cancel capture categorise categorize change charge chat check choose ",
    "cite clarify classify clean clear click clone close collaborate collect combine ",
    "comment communicate compare compile complete compose compress compute conduct ",
    "configure confirm connect contact contribute convert convey coordinate copy correct ",
    "create crop customise customize cut deactivate deal debug decide decline define ",
    "delegate delete deliver deny deploy deposit describe design detect determine develop ",
    "diagnose disable discover discuss dismiss display distribute do donate downgrade ",
    "download drag draw drop duplicate edit email embed enable encourage encrypt enrol ",
    "enroll ensure enter erase estimate evaluate examine exclude execute exit expand ",
    "explain explore export extend extract fetch fill filter find finish fix flag follow ",
    "forward freeze generate get give go grant grade group handle harvest have help hide ",
    "highlight hold identify implement import include index inform ingest input insert ",
    "inspect install integrate interact invite invoice issue join keep know label launch ",
    "learn leave link list listen load localise localize locate lock log login logout ",
    "look maintain make manage map mark measure merge message migrate modify monitor move ",
    "narrow navigate note notify obtain open operate order organise organize override ",
    "page pass paste pause pay perform personalise personalize pick pin place plan play ",
    "point populate post postpone predict prepare preserve prevent preview print ",
    "prioritise prioritize process produce promote protect provide publish purchase push ",
    "put query rank rearrange rate reach read reassign receive recognise recognize ",
    "recommend record recover redirect reflect refresh register reject relate release ",
    "reload remind remove rename render reopen reorder repair replace reply report ",
    "request require reschedule research reserve reset resize resolve respond restart ",
    "restore restrict resubmit resume retain retrieve return reuse review revise revoke ",
    "rotate run save scan schedule search see select sell send set share show sign skip ",
    "sort specify split sponsor start stop store stream submit subscribe suggest ",
    "summarise summarize support suspend switch sync synchronise synchronize tag take ",
    "talk tell test track transfer transform translate trigger tune turn undo unlock ",
    "unpublish unsubscribe update upgrade upload use validate verify version view visit ",
    "visualise visualize vote warn watch withdraw work write zoom",
));

/// Verbs that are also common nouns or adjectives ("the report", "search options",
/// "complete data"): after a conjunction they read as verbs only with a determiner,
/// pronoun or particle after them, or after `to` or a modal.
static NOUNISH: WordList = WordList::new(concat!(
    "access address aggregate alert answer archive audit backup ban bid bill block book ",
    "bookmark build call change charge chat check clean clear close comment complete ",
    "compress conduct contact copy correct cut deal deposit design display download drag ",
    "draw drop duplicate edit email estimate exit export fill filter finish fix flag ",
    "grade group harvest have help highlight hold import index input invoice issue label ",
    "launch list load lock log login logout look map mark measure message monitor move ",
    "narrow note open order page pass paste pause pay pick pin place plan play point ",
    "branch post preview print process produce purchase push query rank rate reach record ",
    "release reply report request research reset resume return review run scan schedule ",
    "search set share show sign sort sponsor start stop store stream support switch sync ",
    "tag talk test track transfer trigger turn update upgrade upload use version view ",
    "visit vote watch work zoom",
));

/// Pairs joined by a conjunction that name one thing or one toggled feature.
const FIXED_PAIRS: &str = concat!(
    "terms/conditions salt/pepper black/white pros/cons drag/drop copy/paste cut/paste ",
    "read/write question/answer questions/answers up/running q/a r/d search/replace ",
    "find/replace plug/play pick/choose mix/match trial/error show/hide hide/show ",
    "enable/disable disable/enable start/stop stop/start open/close lock/unlock in/out ",
    "enter/exit start/end come/go on/off login/logout follow/unfollow ",
    "subscribe/unsubscribe publish/unpublish select/deselect expand/collapse undo/redo ",
    "approve/reject accept/reject accept/decline indent/outdent zoom/pan back/forth ",
    "check/balance bed/breakfast like/dislike upvote/downvote rock/roll ",
    "search/discover discover/search search/browse browse/search find/locate locate/find ",
    "encourage/promote promote/encourage store/retrieve save/retrieve",
);

/// Words skipped after a conjunction before the word that must be a verb.
static FILLERS: WordList = WordList::new(concat!(
    "then also just simply quickly easily immediately automatically directly later ",
    "afterwards optionally possibly maybe even finally subsequently additionally further ",
    "please instantly manually securely efficiently again still only eventually perhaps ",
    "conveniently readily",
));

/// Words after which a verb stands in verb position.
static VERB_POSITION: WordList = WordList::new(concat!(
    "to and or then also i we either both neither can could should must will shall would ",
    "may might not please just simply quickly easily immediately automatically directly ",
    "manually plus able cannot never always only first later securely again",
));

/// Modals and want verbs: after them the next word is a verb.
static MODALS: WordList = WordList::new("can could should must will shall would may might cannot");

/// Words that start an object or complement: a word before one reads as a verb.
static OBJECT_START: WordList = WordList::new(concat!(
    "the a an my our your their his her its this these those all any each every some it ",
    "them me us him what whether how another other others more multiple several new ",
    "existing into out up off back down both either certain relevant specific",
));

static FIXED_PAIR_SET: LazyLock<HashSet<(&'static str, &'static str)>> = LazyLock::new(|| {
    FIXED_PAIRS
        .split_whitespace()
        .filter_map(|pair| pair.split_once('/'))
        .collect()
});

/// A word list, written as one string of space-separated words and looked up in a hash
/// set built on first use: the lists are consulted for every word of every goal.
struct WordList {
    words: &'static str,
    set: OnceLock<HashSet<&'static str>>,
}

impl WordList {
    const fn new(words: &'static str) -> Self {
        WordList {
            words,
            set: OnceLock::new(),
        }
    }

    /// Whether `word` is one of the list's words.
    fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.split_whitespace().collect())
            .contains(word)
    }
}

/// Whether `left` and `right` form a fixed pair ("drag and drop").
fn fixed_pair(left: &str, right: &str) -> bool {
    FIXED_PAIR_SET.contains(&(left, right))
}

fn is_verb(word: &str) -> bool {
    VERBS.contains(word)
}

/// A verb that is rarely a noun or adjective.
fn is_verb_only(word: &str) -> bool {
    VERBS.contains(word) && !NOUNISH.contains(word)
}

#[derive(Debug, Clone, PartialEq)]
enum Kind<'a> {
    /// Lower-cased; borrowed from the text when it already was.
    Word(Cow<'a, str>),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    range: Range<usize>,
    kind: Kind<'a>,
}

impl Token<'_> {
    fn word(&self) -> Option<&str> {
        match &self.kind {
            Kind::Word(w) => Some(w.as_ref()),
            Kind::Punct(_) => None,
        }
    }

    fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Words (letters, digits, inner apostrophes and hyphens; lower-cased) and punctuation.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                if n.is_alphanumeric() {
                    end = i + n.len_utf8();
                    chars.next();
                } else if matches!(n, '\'' | '’' | '-') {
                    // Keep an inner apostrophe or hyphen only when a letter follows.
                    let mut look = chars.clone();
                    look.next();
                    match look.peek() {
                        Some(&(_, after)) if after.is_alphanumeric() => {
                            end = i + n.len_utf8();
                            chars.next();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let written = text.get(start..end).unwrap_or("");
            let word = if written
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                Cow::Borrowed(written)
            } else {
                Cow::Owned(written.to_lowercase().replace('’', "'"))
            };
            tokens.push(Token {
                range: start..end,
                kind: Kind::Word(word),
            });
        } else if !c.is_whitespace() {
            tokens.push(Token {
                range: start..start + c.len_utf8(),
                kind: Kind::Punct(c),
            });
        }
    }
    tokens
}

/// Conjunctions in a goal that join two features: byte ranges (within `goal`) of each
/// offending conjunction ("and", "or", "and/or", "/", "&", "as well as", "plus",
/// "and then").
pub fn joined_features(goal: &str) -> Vec<Range<usize>> {
    let tokens = tokenize(goal);
    let first_verb = first_verb(&tokens);
    let sub_clause = sub_clause_with_verb(&tokens, first_verb);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(last) = conjunction_at(&tokens, i) else {
            i += 1;
            continue;
        };
        let range = tokens[i].range.start..tokens[last].range.end;
        let in_sub_clause = sub_clause.get(i).copied().unwrap_or(false);
        if joins_actions(&tokens, i, last, first_verb, in_sub_clause) {
            found.push(range);
        }
        i = last + 1;
    }
    found
}

/// The conjunction starting at token `i`: the index of its last token.
fn conjunction_at(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    let word = |k: usize| tokens.get(k).and_then(Token::word);
    let punct = |k: usize, c: char| tokens.get(k).is_some_and(|t| t.is_punct(c));
    match &tokens.get(i)?.kind {
        Kind::Word(w) => match w.as_ref() {
            "and" if punct(i + 1, '/') && word(i + 2) == Some("or") => Some(i + 2),
            "and" | "or" => {
                let last = match word(i + 1) {
                    Some("then" | "also") => i + 1,
                    _ => i,
                };
                Some(last)
            }
            "plus" => Some(i),
            "as" if word(i + 1) == Some("well") && word(i + 2) == Some("as") => Some(i + 2),
            "then" if i > 0 && punct(i - 1, ',') => Some(i),
            _ => None,
        },
        Kind::Punct('&') => Some(i),
        Kind::Punct('/') => {
            // "http://", "1/2": not a conjunction between words.
            let left = i.checked_sub(1).and_then(word)?;
            let right = word(i + 1)?;
            if left.chars().all(|c| c.is_ascii_digit()) || right.chars().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            Some(i)
        }
        Kind::Punct(_) => None,
    }
}

/// Whether the conjunction at tokens `first..=last` joins two actions. `first_verb` is
/// the index of the goal's first verb in verb position; `in_sub_clause` says whether the
/// conjunction stands in a subordinate clause that has a verb of its own.
fn joins_actions(
    tokens: &[Token<'_>],
    first: usize,
    last: usize,
    first_verb: Option<usize>,
    in_sub_clause: bool,
) -> bool {
    let has_verb_before = first_verb.is_some_and(|v| v < first);
    let word = |k: usize| tokens.get(k).and_then(Token::word);
    if word(first) == Some("or") && (0..first).any(|k| word(k) == Some("either")) {
        // "either keep it private or share it": one choice the user makes.
        return false;
    }
    // The word right before, skipping an Oxford comma (which also ends a sub-clause:
    // "define the fields that users can edit, and publish the form").
    let (left_index, in_sub_clause) = match first.checked_sub(1) {
        Some(k) if tokens[k].is_punct(',') => (k.checked_sub(1), false),
        other => (other, in_sub_clause),
    };
    let left = left_index.and_then(word);
    if let (Some(l), Some(r)) = (left, word(last + 1)) {
        if fixed_pair(l, r) {
            return false;
        }
    }
    let verb_at = |k: usize| word(k).is_some_and(is_verb) && in_verb_position(tokens, k);
    let left_is_verb = match (left, left_index) {
        (Some(l), Some(li)) if PARTICLES.contains(l) => {
            // "search for and download", "log in and see": a phrasal verb.
            li.checked_sub(1).is_some_and(verb_at)
        }
        (Some(_), Some(li)) => verb_at(li),
        _ => false,
    };
    // "upload/share", "create & publish": symbols join the two words around them.
    if tokens[first].word().is_none() {
        return !in_sub_clause && left_is_verb && word(last + 1).is_some_and(is_verb);
    }

    // Walk past fillers, a subject, modals, want phrases and "to" to the verb.
    let mut k = last + 1;
    let mut after_to = false;
    let mut after_modal = false;
    let mut subject = false;
    while let Some(w) = word(k) {
        let next = word(k + 1);
        match w {
            "i" | "we" => {
                subject = true;
                k += 1;
            }
            // "… and I want …", "… and need to …": a second want is a second feature.
            "want" | "wish" | "need" | "desire" => {
                return next.is_some_and(|n| {
                    subject || n == "to" || (has_verb_before && OBJECT_START.contains(n))
                });
            }
            "i'd" | "we'd" | "would" if matches!(next, Some("like" | "love")) => {
                return word(k + 2).is_some();
            }
            "to" => {
                after_to = true;
                k += 1;
            }
            "be" if next == Some("able") && word(k + 2) == Some("to") => {
                after_modal = true;
                k += 3;
            }
            _ if MODALS.contains(w) => {
                after_modal = true;
                k += 1;
            }
            _ if FILLERS.contains(w) => k += 1,
            _ => break,
        }
    }
    let Some(right) = word(k) else { return false };
    if let Some(l) = left.filter(|l| PARTICLES.contains(l)) {
        // "sign in and sign out": the same phrasal verb, toggled.
        if word(k + 1).is_some_and(|p| fixed_pair(l, p)) {
            return false;
        }
    }
    if subject && after_modal {
        // "… and I can export …": a clause of the user's own.
        return is_verb(right) || (has_verb_before && right != "be");
    }
    if subject {
        // "… and I expect this to fail …", "… and I see …": a remark, not a second want.
        return false;
    }
    if in_sub_clause {
        // "forms that students can fill in and submit": one clause's two verbs.
        return false;
    }
    if after_modal && is_verb(right) {
        // "… and be able to approve them"
        return true;
    }
    if after_modal && (has_verb_before || left_is_verb) {
        // "… and can page through them"; not "… is good and can be relied on".
        return right != "be" && right.chars().all(char::is_alphabetic) && !is_adverb(right);
    }
    if !is_verb(right) {
        return false;
    }
    // Both sides verbs: "upload and share", "add, edit and delete".
    if left_is_verb {
        return true;
    }
    if !has_verb_before {
        return false;
    }
    if after_to || subject || is_verb_only(right) {
        return true;
    }
    word(k + 1).is_some_and(|next| OBJECT_START.contains(next))
}

/// Whether the word at `index` stands where a verb stands: at the start, or after `to`,
/// a modal, a subject, a comma or a conjunction.
fn in_verb_position(tokens: &[Token<'_>], index: usize) -> bool {
    match index.checked_sub(1).map(|k| &tokens[k]) {
        None => true,
        Some(t) => match &t.kind {
            Kind::Word(w) => VERB_POSITION.contains(w.as_ref()) || is_adverb(w),
            Kind::Punct(c) => matches!(c, ',' | ';' | ':' | '/' | '&' | '(' | '"' | '“'),
        },
    }
}

/// Particles and prepositions that end a phrasal verb ("sign up", "search for").
static PARTICLES: WordList =
    WordList::new("up in out on off for to with about into through back down over");

/// Prepositions after which "that" points at a thing ("created by that plugin").
static PREPOSITIONS: WordList =
    WordList::new("by of for to in on at with from into about like under over through via during");

/// Words that open a subordinate clause.
static CLAUSE_OPENERS: WordList =
    WordList::new("that which who whom whose where how whether what so because since");

/// For each token: whether it stands in a subordinate clause ("that …", "how agencies
/// will …", "questions the user can …") opened after the goal's first verb, that already
/// has a verb of its own. A conjunction there joins that clause's verbs, not two features.
fn sub_clause_with_verb(tokens: &[Token<'_>], first_verb: Option<usize>) -> Vec<bool> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut open, mut has_verb, mut opener) = (false, false, false);
    for (k, t) in tokens.iter().enumerate() {
        out.push(open && has_verb);
        let Some(w) = t.word() else {
            opener = false;
            continue;
        };
        let after_main = first_verb.is_some_and(|v| k > v);
        let prev = k.checked_sub(1).and_then(|p| tokens[p].word());
        let other_subject_modal = MODALS.contains(w)
            && prev.is_some_and(|p| !matches!(p, "i" | "we" | "to" | "and" | "or" | "then"));
        let demonstrative = w == "that" && prev.is_some_and(|p| PREPOSITIONS.contains(p));
        if after_main && ((CLAUSE_OPENERS.contains(w) && !demonstrative) || other_subject_modal) {
            open = true;
            has_verb = false;
            opener = CLAUSE_OPENERS.contains(w);
            continue;
        }
        if open && is_verb(w) && (opener || in_verb_position(tokens, k)) {
            has_verb = true;
        }
        opener = false;
    }
    out
}

/// An "-ly" adverb ("successfully"), not an adjective or noun ending in "-ly".
fn is_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && !matches!(
            word,
            "family"
                | "supply"
                | "reply"
                | "apply"
                | "assembly"
                | "anomaly"
                | "daily"
                | "weekly"
                | "monthly"
                | "yearly"
                | "hourly"
                | "quarterly"
                | "early"
                | "friendly"
                | "likely"
                | "only"
                | "holy"
                | "italy"
                | "july"
                | "rally"
                | "timely"
                | "costly"
                | "lovely"
                | "elderly"
                | "lonely"
                | "ugly"
                | "silly"
        )
}

/// The index of the first action verb in verb position.
fn first_verb(tokens: &[Token<'_>]) -> Option<usize> {
    tokens.iter().enumerate().position(|(k, t)| {
        t.word()
            .is_some_and(|w| is_verb(w) && in_verb_position(tokens, k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flagged conjunctions, as text.
    fn flagged(goal: &str) -> Vec<&str> {
        joined_features(goal)
            .into_iter()
            .map(|r| &goal[r])
            .collect()
    }

    #[test]
    fn flags_two_actions() {
        let cases: &[(&str, &[&str])] = &[
            ("upload and share a file", &["and"]),
            ("add, edit and delete users", &["and"]),
            ("add, edit, and delete users", &["and"]),
            ("log in and see my orders", &["and"]),
            ("export to PDF or print the invoice", &["or"]),
            ("upload/share", &["/"]),
            ("upload / share photos", &["/"]),
            ("create & publish a post", &["&"]),
            ("see my balance and I want to transfer money", &["and"]),
            ("see my balance and I'd like to transfer money", &["and"]),
            ("pick a date, and then book a table", &["and then"]),
            ("pick a date, then book a table", &["then"]),
            ("sign up as well as invite my team", &["as well as"]),
            ("rate the driver plus leave a tip", &["plus"]),
            ("upload and/or share a file", &["and/or"]),
            ("search for and download old reports", &["and"]),
            ("enter my postcode and get a list of nearby shops", &["and"]),
            ("create groups and add members to the groups", &["and"]),
            (
                "browse the catalogue and also save items to a wishlist",
                &["and also"],
            ),
            (
                "view the list of tasks and can filter them by owner",
                &["and"],
            ),
            ("filter, sort and aggregate sales by region", &["and"]),
            ("Conduct and Track Plan Amendments", &["and"]),
            (
                "successfully hold a review meeting and record the outcome",
                &["and"],
            ),
            ("import a spreadsheet and to validate it", &["and"]),
            ("add/edit/delete users", &["/", "/"]),
            ("upload a file and share it, or delete it", &["and", "or"]),
            (
                "be notified of sign-ups and be able to approve them",
                &["and"],
            ),
            ("grade and comment on essays", &["and"]),
        ];
        for (goal, expected) in cases {
            assert_eq!(flagged(goal), *expected, "goal: {goal}");
        }
    }

    #[test]
    fn passes_one_action() {
        let cases = [
            "accept the terms and conditions",
            "see the R&D budget",
            "see the search results and filters page",
            "add salt and pepper to a recipe",
            "print in black and white",
            "view my orders and invoices",
            "view invoices and/or receipts",
            "search and discover datasets",
            "either keep a logbook entry private or share it with individuals",
            "submit the form and I expect this to fail if a field is empty",
            "list the pros and cons of each plan",
            "drag and drop cards between columns",
            "copy and paste rows from a spreadsheet",
            "copy/paste stories from a spreadsheet",
            "grant read and write access to a folder",
            "post a question and answer on the forum",
            "have the server up and running",
            "browse the Q&A section",
            "see the search and filter options",
            "see dates in both the read and edit views",
            "view the status and report of the last run",
            "track my child's activity and schedule at camp",
            "have accurate and complete data",
            "search by a partial or complete title",
            "sign up via email or a social account",
            "show/hide the sidebar",
            "log in and out quickly",
            "sign in and sign out",
            "turn on and turn off alerts",
            "create forms that students can fill in and submit",
            "ensure that attempts to correct or delete records fail",
            "know that the data is good and can be relied on",
            "see the report that lists errors and warnings",
            "pick a plan, so I know and control my costs",
            "download a CSV of tasks/activities",
            "open https://example.com/a/b in a new tab",
            "see the ratio 1/2 and 3/4",
            "get a report on sales and returns",
        ];
        for goal in cases {
            assert!(
                flagged(goal).is_empty(),
                "goal: {goal} flagged {:?}",
                flagged(goal)
            );
        }
    }

    #[test]
    fn ranges_sit_on_the_conjunction() {
        let goal = "upload a photo and tag my friends";
        let ranges = joined_features(goal);
        assert_eq!(ranges, vec![15..18]);
        assert_eq!(&goal[15..18], "and");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for goal in [
            "",
            " ",
            "and",
            "/",
            "&",
            "and/",
            "as well",
            ", then",
            "upload 📷 and share 🎉 photos",
            "téléverser et partager",
            "upload and",
            "and share",
            "上传和分享",
            "upload’s and share’s",
            "I",
            "I want",
        ] {
            let _ = joined_features(goal);
        }
        assert_eq!(flagged("upload a 📷 and share it 🎉"), vec!["and"]);
        assert_eq!(flagged("upload ünïcode and share it"), vec!["and"]);
    }

    #[test]
    fn many_conjunctions_are_handled_in_one_pass() {
        let goal = "upload a file and share it, ".repeat(2000);
        assert_eq!(joined_features(&goal).len(), 2000);
    }
}
