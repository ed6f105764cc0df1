use std::ops::Range;
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub range: Range<usize>,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Field,
    Section,
    Checklist,
    GivenWhenThen,
}
pub fn in_field(_text: &str) -> Vec<Criterion> {
    Vec::new()
}
pub fn in_description(_text: &str) -> Option<(Found, Vec<Criterion>)> {
    None
}
pub enum Untestable {
    NoOutcome,
    Placeholder,
    TooShort,
    Vague(String),
}
pub fn judge(_c: &str, _v: &[String]) -> Option<(Untestable, Range<usize>)> {
    None
}
