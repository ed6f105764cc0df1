//! The head of a story's role: the words that say who it is, without what qualifies it.
//!
//! "a senior software developer of the platform" is a developer; "an NSF member of the
//! team" is a team member; "the system administrator" is an administrator, not the
//! system. The head phrase is the role's words before the first qualifier (a preposition,
//! a relative word, a comma or bracket), determiners dropped. A name matches when the head
//! phrase ends with its words ("developer" matches "software developer", "qa specialist"
//! matches "senior qa specialist"), the last word also in the plural. A role of the form
//! "<x> of the <y>" is read as "<y> <x>" too ("member of the team" is a "team member").

/// Words that end the head phrase: what follows qualifies the role.
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "of", "for", "on", "in", "at", "from", "with", "within", "across", "who", "that",
    "which", "whose", "working", "responsible", "using", "managing", "and", "or", "to",
];

/// Words dropped at the start of a role.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "our", "my", "your", "their", "this", "one",
];

/// A role's head phrase, lower-cased, ready to be matched against names.
#[derive(Debug)]
pub struct RoleHead {
    /// The head phrase's words.
    words: Vec<String>,
    /// "<y> <x>" for a role "<x> of (the) <y>": the last words of both.
    of_reading: Option<[String; 2]>,
}

impl RoleHead {
    pub fn of(role: &str) -> RoleHead {
        let lower = role.to_lowercase();
        let clause = lower
            .split([',', '(', '[', ';', ':', '–', '—'])
            .next()
            .unwrap_or("");
        let mut tokens = clause
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .skip_while(|w| DETERMINERS.contains(w));
        let mut words = Vec::new();
        let mut qualifier = None;
        for word in tokens.by_ref() {
            if QUALIFIERS.contains(&word) {
                qualifier = Some(word);
                break;
            }
            words.push(word.to_owned());
        }
        let of_reading = match (qualifier, words.last()) {
            (Some("of"), Some(last)) => tokens
                .take_while(|w| !QUALIFIERS.contains(w))
                .last()
                .map(|owner| [owner.to_owned(), last.clone()]),
            _ => None,
        };
        RoleHead { words, of_reading }
    }

    /// Whether the head phrase is `name` or ends with it: "developer" is the head of
    /// "software developer" and of "developers".
    pub fn is(&self, name: &str) -> bool {
        ends_with(&self.words, name)
            || self
                .of_reading
                .as_ref()
                .is_some_and(|reading| ends_with(reading, name))
    }

    /// Whether a word before the head names `modifier` ("app" in "app developer"); the
    /// modifier may be written in the plural ("apps developer").
    pub(crate) fn is_modified_by(&self, modifier: &str) -> bool {
        let before_head = &self.words[..self.words.len().saturating_sub(1)];
        before_head.iter().any(|word| {
            word.eq_ignore_ascii_case(modifier)
                || word
                    .strip_suffix('s')
                    .is_some_and(|singular| singular.eq_ignore_ascii_case(modifier))
        })
    }

    /// Whether there is a head phrase at all.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Whether `words` end with the words of `name` (case ignored; the last also plural).
fn ends_with(words: &[String], name: &str) -> bool {
    let mut tail = words.iter().rev();
    let mut matched = 0;
    for wanted in name.split_whitespace().rev() {
        let Some(word) = tail.next() else {
            return false;
        };
        let plural = matched == 0
            && word
                .strip_suffix('s')
                .is_some_and(|singular| singular.eq_ignore_ascii_case(wanted));
        if !(word.eq_ignore_ascii_case(wanted) || plural) {
            return false;
        }
        matched += 1;
    }
    matched > 0
}

#[cfg(test)]
mod tests {
    use super::RoleHead;

    #[test]
    fn the_head_is_who_the_role_is() {
        for (role, name) in [
            ("developer", "developer"),
            ("Senior Software Developer", "developer"),
            ("developers", "developer"),
            ("developer of the payment platform", "developer"),
            ("machine learning engineer", "engineer"),
            ("QA specialist", "qa specialist"),
            ("contract member of the team", "team member"),
            ("the system", "system"),
            ("backend service, running nightly", "backend service"),
        ] {
            assert!(RoleHead::of(role).is(name), "{role:?} is a {name:?}");
        }
    }

    #[test]
    fn qualifiers_and_modifiers_do_not_make_the_head() {
        for (role, name) in [
            ("system administrator", "system"),
            ("user of the system", "system"),
            ("specialist", "qa specialist"),
            ("shopper who is a developer", "developer"),
            ("developer advocate", "developer"),
            ("", "developer"),
        ] {
            assert!(!RoleHead::of(role).is(name), "{role:?} is not a {name:?}");
        }
    }

    #[test]
    fn modifiers_stand_before_the_head() {
        let head = RoleHead::of("a plugin developer of the store");
        assert!(head.is_modified_by("plugin"));
        assert!(RoleHead::of("games developer").is_modified_by("game"));
        assert!(!head.is_modified_by("developer"));
        assert!(!head.is_modified_by("store"));
        assert!(!RoleHead::of("").is_modified_by("app"));
    }
}
