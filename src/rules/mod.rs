//! The rule catalog and the engine that runs it over a backlog.

pub mod check;
pub mod criteria;
pub mod definition;
pub mod engine;
pub mod similarity;

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

use crate::error::Error;
use crate::source::{Encoding, Source};
pub use definition::Rule;

/// The rules built into backlint, parsed from the embedded `rules/` files.
pub fn builtin_rules() -> Result<Vec<Rule>, Error> {
    EMBEDDED_RULES
        .iter()
        .map(|(name, text)| {
            let source = Source::new(format!("rules/{name}"), (*text).to_owned(), Encoding::Utf8);
            Rule::parse(&source)
        })
        .collect()
}
