//! Which of not-minimal's four searches over a whole story ([`minimal`](super::minimal)'s
//! ellipsis, priority, note and example patterns) can find anything in a text, from one
//! pass over its bytes: most stories hold none of the words and marks these patterns need,
//! and then skip their regexes, whose searches cost several times this pass.
//!
//! [`Possible::in_text`] is a necessary condition, never a sufficient one: each flag is
//! `false` only when its pattern cannot match, and a `true` flag only means the regex runs.
//! Words are compared in ASCII case; a text holding one of the two non-ASCII characters
//! that the patterns' case-insensitive matching equates with an ASCII letter (`ſ` with
//! `s`, the Kelvin sign `K` with `k`) sets every flag.

/// Which patterns may match: `false` means the pattern cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Possible {
    /// `…`, `...`, `. . .`: a `…`, or two periods with at most a space or tab between.
    pub ellipsis: bool,
    /// "prio", "moscow", "point", "pts" in any case, `SP`, a `:` or `=` (`Effort: 3`), or
    /// a `P0`–`P5`.
    pub priority: bool,
    /// A `:` (`Note:`, `TODO:`), "please" in any case, `N.B`, `PS`, `P.S`, `NB` or `FYI`.
    pub note: bool,
    /// In any case: `e.` or `i.` followed closely by `g` or `e`, `eg` or `ie` before `.`,
    /// `:` or `,`, "example", "instance", "such", "including".
    pub example: bool,
}

impl Possible {
    const ALL: Possible = Possible {
        ellipsis: true,
        priority: true,
        note: true,
        example: true,
    };

    /// One pass over the bytes of `text`.
    pub fn in_text(text: &str) -> Possible {
        let bytes = text.as_bytes();
        let mut p = Possible {
            ellipsis: false,
            priority: false,
            note: false,
            example: false,
        };
        for (i, &b) in bytes.iter().enumerate() {
            let rest = bytes.get(i..).unwrap_or_default();
            let next = rest.get(1).copied();
            // Marks, and words in capitals.
            match b {
                b'.' => {
                    p.ellipsis |= next == Some(b'.')
                        || (matches!(next, Some(b' ' | b'\t')) && rest.get(2) == Some(&b'.'));
                    let before = i.checked_sub(1).and_then(|k| bytes.get(k));
                    let soon = rest.get(1..rest.len().min(5)).unwrap_or_default();
                    let soon_has = |c: u8| soon.iter().any(|s| s.eq_ignore_ascii_case(&c));
                    p.example |= match before.map(u8::to_ascii_lowercase) {
                        Some(b'e') => soon_has(b'g'),
                        Some(b'i') => soon_has(b'e'),
                        _ => false,
                    };
                }
                b':' => (p.priority, p.note) = (true, true),
                b'=' => p.priority = true,
                b'P' => {
                    p.priority |= matches!(next, Some(b'0'..=b'5'));
                    p.note |= rest.starts_with(b"PS") || rest.starts_with(b"P.S");
                }
                b'S' => p.priority |= next == Some(b'P'),
                b'N' => p.note |= rest.starts_with(b"NB") || rest.starts_with(b"N.B"),
                b'F' => p.note |= rest.starts_with(b"FYI"),
                _ if !b.is_ascii() => {
                    p.ellipsis |= rest.starts_with("…".as_bytes());
                    if rest.starts_with("ſ".as_bytes()) || rest.starts_with("\u{212A}".as_bytes())
                    {
                        return Possible::ALL;
                    }
                }
                _ => {}
            }
            // Words in any case.
            let word = |w: &str| starts_ignoring_case(rest, w);
            let abbreviation = |w: &str| word(w) && matches!(rest.get(2), Some(b'.' | b':' | b','));
            match b.to_ascii_lowercase() {
                b'p' => {
                    p.priority |= word("prio") || word("point") || word("pts");
                    p.note |= word("please");
                }
                b'm' => p.priority |= word("moscow"),
                b'e' => p.example |= word("example") || abbreviation("eg"),
                b'i' => p.example |= word("instance") || word("including") || abbreviation("ie"),
                b's' => p.example |= word("such"),
                _ => {}
            }
        }
        p
    }
}

/// Whether `bytes` starts with `word` (lower-case ASCII) in any ASCII case.
fn starts_ignoring_case(bytes: &[u8], word: &str) -> bool {
    bytes
        .get(..word.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(word.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_stories_need_no_search() {
        let none = Possible {
            ellipsis: false,
            priority: false,
            note: false,
            example: false,
        };
        for text in [
            "As a driver, I want to change my delivery address so that I can finish ordering.",
            "As a shopper, I want to pay with a saved card for the kafo refund",
            "As a clerk, I want a field for the review so that my weekly shop takes less time",
        ] {
            assert_eq!(Possible::in_text(text), none, "{text}");
        }
    }

    #[test]
    fn each_flag_on_its_words() {
        let on = |text: &str| Possible::in_text(text);
        assert!(on("wait…").ellipsis && on("wait..").ellipsis && on(". . .").ellipsis);
        assert!(!on("a.b.c").ellipsis);
        assert!(on("PRIORITY high").priority && on("(P1)").priority && on("5 SP").priority);
        assert!(on("3 Story Points").priority && on("MoSCoW must").priority);
        assert!(!on("P6 and p1 and sp").priority);
        assert!(on("Please NOTE this").note && on("N.B. this").note && on("FYI").note);
        assert!(!on("fyi, ps and nb").note);
        assert!(on("E.G. this").example && on("i. e. this").example && on("IE, that").example);
        assert!(on("For Example").example && on("SUCH as").example);
        assert!(!on("the field, the leg").example);
        assert!(on("ſo").note && on("\u{212A}").example);
    }
}
