//! Reading backlog text: the user story sentence and its parts ([`story`]), acceptance
//! criteria in descriptions ([`criteria`]), and the word hashes that find near-duplicate
//! stories ([`similarity`]). Parsers only: they know the model's text, not rules or reports.

pub mod criteria;
pub mod similarity;
pub mod story;

use regex::Regex;

/// Compiles a pattern written in these parsers. `None` (and the feature it serves quietly
/// off) only if the pattern were broken, which each module's `regexes_compile` test rules
/// out.
fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}
