//! A JSON export parsed strictly (no comments, trailing commas or other JSON5), with its
//! errors pointing into the file, and its strings held to the cell size limit.

use jsonc_parser::ast::{StringLit, Value as Json};
use jsonc_parser::common::Ranged;
use jsonc_parser::errors::ParseError;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::backlog::Span;
use crate::error::Error;
use crate::source::Source;

/// Standard JSON, nothing of JSONC or JSON5.
const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

/// The tree of `text` parsed strictly, `None` if it holds only white space.
pub fn parse_text(text: &str) -> Result<Option<Json<'_>>, ParseError> {
    jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &STRICT).map(|parsed| parsed.value)
}

/// The error for `source`, which is not JSON: at the place jsonc-parser stopped, with
/// `cut_off` as the help when that is the end of the file, else `fix_or`.
pub fn invalid(source: &Source, cut_off: &str, fix_or: &str) -> Error {
    let text = source.text();
    match parse_text(text) {
        Err(e) => {
            let range = e.range();
            let help = if range.end >= text.trim_end().len() {
                format!(
                    "the file ends in the middle of a value: it was probably cut off; {cut_off}"
                )
            } else {
                format!("fix the JSON at this place, or {fix_or}")
            };
            Error::at(
                source,
                Span::new(range.start, range.end),
                format!("invalid JSON: {}", e.kind()),
            )
            .help(help)
            .build()
        }
        Ok(None) => Error::at(source, Span::empty_at(0), "the file holds no JSON value").build(),
        // Only for a file the caller found invalid where jsonc-parser does not.
        Ok(Some(_)) => Error::at(source, Span::empty_at(0), "invalid JSON").build(),
    }
}

/// The JSON value of `source`; on invalid JSON, an error at the place, whose help says to
/// `fetch_again`.
pub fn parse<'a>(source: &'a Source, fetch_again: &str) -> Result<Json<'a>, Error> {
    match parse_text(source.text()) {
        Ok(Some(value)) => Ok(value),
        _ => Err(invalid(source, fetch_again, fetch_again)),
    }
}

/// An error for the first string longer than `limit` bytes, if any (see
/// [`crate::limits::cell_too_large`]).
pub fn check_string_sizes(source: &Source, json: &Json<'_>, limit: usize) -> Result<(), Error> {
    match first_string_over(json, limit) {
        Some(large) => Err(crate::limits::cell_too_large(
            source,
            large.range.start,
            large.range.end - large.range.start,
            limit,
        )),
        None => Ok(()),
    }
}

/// The first string literal longer than `limit` bytes (depth is bounded by the parser's
/// nesting limit).
fn first_string_over<'a, 'b>(json: &'b Json<'a>, limit: usize) -> Option<&'b StringLit<'a>> {
    match json {
        Json::StringLit(lit) => (lit.range.end - lit.range.start > limit).then_some(lit),
        Json::Array(array) => array
            .elements
            .iter()
            .find_map(|e| first_string_over(e, limit)),
        Json::Object(object) => object
            .properties
            .iter()
            .find_map(|p| first_string_over(&p.value, limit)),
        _ => None,
    }
}

/// Where `json` starts, and one byte of it: the place an error about the whole value
/// points at.
pub fn opening(json: &Json<'_>) -> Span {
    Span::new(json.start(), (json.start() + 1).min(json.end()))
}
