//! Reading backlog text: the user story sentence and its parts ([`story`]), acceptance
//! criteria in descriptions ([`criteria`]), and the word hashes that find near-duplicate
//! stories ([`similarity`]). Parsers only: they know the model's text, not rules or reports.

pub mod criteria;
pub mod similarity;
pub mod story;
