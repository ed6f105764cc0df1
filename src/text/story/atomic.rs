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
//! Action verbs come from a lexicon of about 380 base forms common in software stories,
//! and from the verb-forming suffixes "-ize", "-ise" and "-ify" ("anonymise"); about 150
//! of the lexicon's verbs are also common nouns or adjectives ("report", "search",
//! "complete") and need the stronger evidence above. Inflected verbs count where an action
//! stands, joined to the same form: gerunds at the start or after a preposition ("by
//! archiving and labelling"), "-s" forms after a subject pronoun or "that"/"which" ("it
//! detects and classifies"), participles after infinitive "be" ("be reviewed and
//! approved"); so does a passive after the conjunction ("… and be notified of …").
//! Inflections are undone by stripping the suffix and looking the base up (see
//! [`inflection`]): a stemmer such as `rust-stemmers` would fold nouns and verbs alike
//! ("listing" and "list"), and the lexicon already holds the verbs stories use.
//!
//! With `strict`, [`joins_items`] also reports any other coordination of actions or
//! objects ("view orders and invoices"), sparing fixed pairs, joined adjectives and
//! adverbs, and numbers.
//!
//! A clause opened by "that" or "which" and followed by a modal or an "-s" verb ("a bot
//! that can translate and summarize") describes the thing asked for: its verbs are the
//! story's features. Steps of one flow (a preparing verb, then "submit", "send", "save" or
//! "confirm": "sign and submit") are one feature.
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
//! * Verbs outside the lexicon without a verb suffix, and inflected verbs away from a
//!   position where an action stands ("the booking and listing pages" is read as nouns).
//! * Participles after a finite "be" ("the plan was created or updated"): a state, not
//!   an action asked for.
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

/// The word sets' hasher: foldhash, fixed-seeded. The words looked up are a few bytes
/// long, where std's SipHash costs more than the look-up; the sets are fixed, so no input
/// can crowd them.
type FastSet<T> = HashSet<T, foldhash::fast::FixedState>;

static FIXED_PAIR_SET: LazyLock<FastSet<(&'static str, &'static str)>> = LazyLock::new(|| {
    FIXED_PAIRS
        .split_whitespace()
        .filter_map(|pair| pair.split_once('/'))
        .collect()
});

/// A word list, written as one string of space-separated words and looked up in a hash
/// set built on first use: the lists are consulted for every word of every goal.
struct WordList {
    words: &'static str,
    set: OnceLock<FastSet<&'static str>>,
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

/// An action verb in base form: in the lexicon, or built with a verb-forming suffix
/// ("operationalize", "anonymise", "simplify") that few nouns share.
fn is_verb(word: &str) -> bool {
    VERBS.contains(word) || has_verb_suffix(word)
}

/// Nouns and adjectives that end like a verb ("exercise", "expertise", "precise").
static SUFFIX_NOUNS: WordList = WordList::new(concat!(
    "exercise premise expertise enterprise franchise merchandise noise otherwise likewise ",
    "paradise treatise concise precise wise size prize seize cruise raise praise ",
    "compromise demise chastise disguise advertise",
));

/// Whether `word` ends in "-ize", "-ise" or "-ify" and is not one of the few nouns that
/// do ("expertise").
fn has_verb_suffix(word: &str) -> bool {
    word.len() > 6
        && (word.ends_with("ize") || word.ends_with("ise") || word.ends_with("ify"))
        && !SUFFIX_NOUNS.contains(word)
}

/// How a verb is written: "upload", "uploading", "uploaded", "uploads".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Base,
    Gerund,
    Participle,
    ThirdPerson,
}

/// `word` read as an action verb: its form and its base form. Inflected forms
/// ("identifying", "filtered", "classifies", "shipping", "shared") are recognised by
/// undoing the suffix ("-ing", "-ed", "-s", with a dropped "e", a doubled consonant or a
/// "y" turned "i") until [`is_verb`] knows the base form. Only the words around a
/// conjunction are analysed, so the few allocations stay off the per-word path.
fn inflection(word: &str) -> Option<(Form, Cow<'_, str>)> {
    if is_verb(word) {
        return Some((Form::Base, Cow::Borrowed(word)));
    }
    let (form, stem, y) = if let Some(stem) = word.strip_suffix("ing") {
        (Form::Gerund, stem, false)
    } else if let Some(stem) = word.strip_suffix("ied") {
        (Form::Participle, stem, true)
    } else if let Some(stem) = word.strip_suffix("ed") {
        (Form::Participle, stem, false)
    } else if let Some(stem) = word.strip_suffix("ies") {
        (Form::ThirdPerson, stem, true)
    } else if let Some(stem) = word.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        (Form::ThirdPerson, stem, false)
    } else {
        return None;
    };
    if stem.len() < 2 {
        return None;
    }
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 3 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
    let candidates = [
        y.then(|| format!("{stem}y")),
        (!y).then(|| stem.to_string()),
        (!y).then(|| format!("{stem}e")),
        (!y && doubled).then(|| stem[..stem.len() - 1].to_string()),
        // "pushes", "matches": the "-es" of a base ending in a sibilant.
        (!y && form == Form::ThirdPerson).then(|| stem.strip_suffix('e').unwrap_or("").to_string()),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|base| is_verb(base))
        .map(|base| (form, Cow::Owned(base)))
}

/// A verb that is rarely a noun or adjective.
fn is_verb_only(word: &str) -> bool {
    is_verb(word) && !NOUNISH.contains(word)
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
///
/// With `strict`, any coordination of actions or objects counts ("view orders and
/// invoices"), as the Quality User Story framework's annotators read atomicity: see
/// [`joins_items`].
pub fn joined_features(goal: &str, strict: bool) -> Vec<Range<usize>> {
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
        let clause = sub_clause.get(i).copied().unwrap_or(Clause::Main);
        if joins_actions(&tokens, i, last, first_verb, clause)
            || (strict && joins_items(&tokens, i, last))
        {
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
/// the index of the goal's first verb in verb position; `clause` says whether the
/// conjunction stands in a subordinate clause that has a verb of its own.
fn joins_actions(
    tokens: &[Token<'_>],
    first: usize,
    last: usize,
    first_verb: Option<usize>,
    clause: Clause,
) -> bool {
    let has_verb_before = first_verb.is_some_and(|v| v < first);
    let word = |k: usize| tokens.get(k).and_then(Token::word);
    if word(first) == Some("or") && (0..first).any(|k| word(k) == Some("either")) {
        // "either keep it private or share it": one choice the user makes.
        return false;
    }
    // The word right before, skipping an Oxford comma (which also ends a sub-clause:
    // "define the fields that users can edit, and publish the form").
    let (left_index, clause) = match first.checked_sub(1) {
        Some(k) if tokens[k].is_punct(',') => (k.checked_sub(1), Clause::Main),
        other => (other, clause),
    };
    let left = left_index.and_then(word);
    if let (Some(l), Some(r)) = (left, word(last + 1)) {
        if fixed_pair(l, r) || fixed_pair(&base_of(l), &base_of(r)) || one_flow(l, r) {
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
    // "by identifying and filtering", "it detects and classifies", "be reviewed and
    // approved": an inflected verb where one stands, joined to the same form.
    let left_inflected = left_index
        .filter(|_| !left_is_verb)
        .and_then(|li| inflected_at(tokens, li));
    // "upload/share", "create & publish": symbols join the two words around them.
    if tokens[first].word().is_none() {
        let right = word(last + 1);
        return clause == Clause::Main
            && match left_inflected {
                Some(form) => right.is_some_and(|r| has_form(r, form)),
                None => left_is_verb && right.is_some_and(is_verb),
            };
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
    // "forms that students can fill in and submit": one clause's two verbs. A clause
    // whose verb is "is" or "are" ("what formats are accepted and recommended") joins
    // participles, not the story's next action ("see who is at my door and open it").
    if clause == Clause::Verb || (clause == Clause::Be && (after_modal || !is_verb(right))) {
        return false;
    }
    if let Some(form) = left_inflected {
        return has_form(right, form);
    }
    // "… and be notified of changes": a passive verb is a verb, whatever its base.
    let passive = right == "be"
        && word(k + 1)
            .filter(|w| !is_adverb(w))
            .or_else(|| word(k + 2))
            .is_some_and(|w| has_form(w, Form::Participle));
    if passive && (after_modal || has_verb_before || left_is_verb) {
        return true;
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

/// Adjectives common in stories that do not end like one ("fast and reliable"): joined,
/// they describe one thing.
static ADJECTIVES: WordList = WordList::new(concat!(
    "fast slow quick easy simple new old big small large high low good bad safe secure ",
    "public private free full short long accurate complete correct current clear clean ",
    "open closed active inactive online offline internal external local remote daily ",
    "weekly monthly yearly",
));

/// Strict reading: whether the conjunction at tokens `first..=last` joins two actions or
/// two objects. Fixed pairs ("terms and conditions"), "either … or", numbers and joined
/// adjectives or adverbs ("fast and reliable", "quickly and safely") are spared.
fn joins_items(tokens: &[Token<'_>], first: usize, last: usize) -> bool {
    let word = |k: usize| tokens.get(k).and_then(Token::word);
    let left = first
        .checked_sub(1)
        .filter(|&k| !tokens[k].is_punct(','))
        .or_else(|| first.checked_sub(2))
        .and_then(word);
    let mut k = last + 1;
    while word(k).is_some_and(|w| FILLERS.contains(w) || matches!(w, "the" | "a" | "an" | "to")) {
        k += 1;
    }
    let (Some(left), Some(right)) = (left, word(k)) else {
        return false;
    };
    let describes = |w: &str| {
        ADJECTIVES.contains(w)
            || is_adverb(w)
            || w.chars().any(|c| c.is_ascii_digit())
            || ["ful", "less", "able", "ible", "ous"]
                .iter()
                .any(|suffix| w.len() > suffix.len() + 2 && w.ends_with(suffix))
    };
    let either = word(first) == Some("or") && (0..first).any(|j| word(j) == Some("either"));
    !either
        && !fixed_pair(left, right)
        && !fixed_pair(&base_of(left), &base_of(right))
        && !describes(left)
        && !describes(right)
        && !PARTICLES.contains(left)
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

/// Words after which a gerund stands where an action does ("by identifying", "for
/// tagging"), besides those of [`VERB_POSITION`].
static GERUND_POSITION: WordList = WordList::new(concat!(
    "by for of in on about from with without via while when before after like love enjoy ",
    "start stop keep allow allows help helps",
));

/// Subjects after which a verb in "-s" is the action ("it detects", "a tool that
/// classifies").
static THIRD_PERSON_SUBJECTS: WordList = WordList::new("it he she that which who");

/// Infinitive "be" and "get" before a passive participle: an action asked for ("to be
/// reviewed and approved", "can get archived"). Finite forms ("the plan was created or
/// updated") describe a state and are left out.
static PASSIVE_AUXILIARIES: WordList = WordList::new("be being get");

/// Finite forms of "be": the verb of a subordinate clause ("what formats are accepted").
static FINITE_BE: WordList = WordList::new("is are was were");

/// The form of the inflected verb at `index` when it stands where an action does: a
/// gerund at the start or after a preposition, an "-s" verb after a subject pronoun, a
/// participle after "be" (an adverb between allowed: "be automatically archived").
fn inflected_at(tokens: &[Token<'_>], index: usize) -> Option<Form> {
    let (form, _) = inflection(tokens[index].word()?)?;
    let before = |k: usize| k.checked_sub(1).and_then(|p| tokens[p].word());
    let previous = before(index);
    let fits = match form {
        Form::Base => false,
        Form::Gerund => {
            in_verb_position(tokens, index) || previous.is_some_and(|p| GERUND_POSITION.contains(p))
        }
        Form::ThirdPerson => previous.is_some_and(|p| THIRD_PERSON_SUBJECTS.contains(p)),
        Form::Participle => {
            let auxiliary = match previous {
                Some(p) if is_adverb(p) => before(index - 1),
                other => other,
            };
            auxiliary.is_some_and(|a| PASSIVE_AUXILIARIES.contains(a))
        }
    };
    fits.then_some(form)
}

/// Whether `word` is an action verb written in `form`.
fn has_form(word: &str, form: Form) -> bool {
    inflection(word).is_some_and(|(f, _)| f == form)
}

/// The base form of `word` when it is an inflected action verb ("dragging" → "drag"), for
/// looking up fixed pairs; the word itself otherwise.
fn base_of(word: &str) -> Cow<'_, str> {
    inflection(word).map_or(Cow::Borrowed(word), |(_, base)| base)
}

/// Verbs that prepare something, and verbs that hand it in: joined in this order they
/// are steps of one flow ("fill in and submit", "sign and send", "edit and save").
static FLOW_STEPS: WordList = WordList::new(
    "fill sign complete compose write draft edit enter review prepare type check correct",
);
static FLOW_ENDS: WordList = WordList::new("submit send save confirm");

/// Whether `left` and `right` are two steps of one flow ("sign and submit").
fn one_flow(left: &str, right: &str) -> bool {
    FLOW_STEPS.contains(&base_of(left)) && FLOW_ENDS.contains(&base_of(right))
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

/// Where a token stands: in the goal's main clause, or in a subordinate clause whose verb
/// is an action verb or only a form of "be".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clause {
    Main,
    Verb,
    Be,
}

/// For each token: whether it stands in a subordinate clause ("that …", "how agencies
/// will …", "questions the user can …") opened after the goal's first verb (or anywhere
/// in a goal that names a thing, "a page where …"), that already
/// has a verb of its own. A conjunction there joins that clause's verbs, not two features.
fn sub_clause_with_verb(tokens: &[Token<'_>], first_verb: Option<usize>) -> Vec<Clause> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut open, mut has_verb, mut has_be, mut opener) = (false, false, false, false);
    // A goal that names a thing ("a page where my manager can approve") has no main verb:
    // the first verb is the clause's own.
    let names_thing = tokens
        .first()
        .and_then(Token::word)
        .is_some_and(|w| matches!(w, "a" | "an" | "the" | "my" | "our" | "their"));
    for (k, t) in tokens.iter().enumerate() {
        out.push(match (open, has_verb, has_be) {
            (true, true, _) => Clause::Verb,
            (true, false, true) => Clause::Be,
            _ => Clause::Main,
        });
        let Some(w) = t.word() else {
            opener = false;
            continue;
        };
        let after_main = first_verb.is_some_and(|v| k > v) || names_thing;
        let prev = k.checked_sub(1).and_then(|p| tokens[p].word());
        let other_subject_modal = MODALS.contains(w)
            && prev.is_some_and(|p| {
                !matches!(
                    p,
                    "i" | "we" | "to" | "and" | "or" | "then" | "that" | "which"
                )
            });
        let demonstrative = w == "that" && prev.is_some_and(|p| PREPOSITIONS.contains(p));
        // "a tool that can detect and classify attacks", "a scanner which flags and
        // quarantines files": the clause describes the thing asked for, whose actions
        // are the story's features.
        let next = tokens.get(k + 1).and_then(Token::word);
        let describes_thing = matches!(w, "that" | "which")
            && next.is_some_and(|n| MODALS.contains(n) || has_form(n, Form::ThirdPerson));
        if describes_thing {
            open = false;
            continue;
        }
        if after_main && ((CLAUSE_OPENERS.contains(w) && !demonstrative) || other_subject_modal) {
            open = true;
            has_verb = false;
            has_be = false;
            opener = CLAUSE_OPENERS.contains(w);
            continue;
        }
        if open && is_verb(w) && (opener || in_verb_position(tokens, k)) {
            has_verb = true;
        }
        if open && FINITE_BE.contains(w) {
            has_be = true;
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
        joined_features(goal, false)
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
            // Inflected verbs, where an action stands.
            (
                "keep my inbox tidy by archiving and labelling messages",
                &["and"],
            ),
            (
                "get a service that monitors and restarts stuck jobs",
                &["and"],
            ),
            (
                "have each draft be reviewed and approved by an editor",
                &["and"],
            ),
            ("tag photos and be notified of new comments", &["and"]),
            // Verbs outside the lexicon, by their suffix.
            ("export the ledger and anonymise customer names", &["and"]),
            // Two verbs after a modal, in a clause describing the thing asked for.
            (
                "build a bot that can translate and summarize chat threads",
                &["and"],
            ),
            ("see who is at the gate and open it", &["and"]),
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
            "see a page where my manager can comment and vote",
            "see which reports are archived and encrypted",
            "know when a plan was created or updated",
            "sign and submit a consent form",
            "edit and save a draft",
            "read the booking and listing pages",
            "hire an expertise and franchise consultant",
            "keep dragging and dropping cards",
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
    fn strict_reading_flags_joined_objects_too() {
        let strict = |goal: &str| -> Vec<String> {
            joined_features(goal, true)
                .into_iter()
                .map(|r| goal[r].to_string())
                .collect()
        };
        for goal in [
            "view my orders and invoices",
            "export reports and charts",
            "download a CSV of tasks/activities",
            "upload and share a file",
        ] {
            assert_eq!(strict(goal).len(), 1, "goal: {goal}");
        }
        for goal in [
            "accept the terms and conditions",
            "have a fast and reliable search",
            "see a readable and printable receipt",
            "find it quickly and safely",
            "either keep it private or share it",
            "log in and out",
            "see the ratio 1/2",
        ] {
            assert!(
                strict(goal).is_empty(),
                "goal: {goal} flagged {:?}",
                strict(goal)
            );
        }
    }

    #[test]
    fn ranges_sit_on_the_conjunction() {
        let goal = "upload a photo and tag my friends";
        let ranges = joined_features(goal, false);
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
            let _ = joined_features(goal, false);
        }
        assert_eq!(flagged("upload a 📷 and share it 🎉"), vec!["and"]);
        assert_eq!(flagged("upload ünïcode and share it"), vec!["and"]);
    }

    #[test]
    fn many_conjunctions_are_handled_in_one_pass() {
        let goal = "upload a file and share it, ".repeat(2000);
        assert_eq!(joined_features(&goal, false).len(), 2000);
    }
}
