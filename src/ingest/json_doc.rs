//! A JSON export parsed strictly (no comments, trailing commas or other JSON5), with its
//! errors pointing into the file, and its strings held to the cell size limit.

use jsonc_parser::ast::{StringLit, Value as Json};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::backlog::Span;
use crate::error::Error;
use crate::source::Source;

/// The JSON value of `source`; on invalid JSON, an error at the place, whose help says to
/// `fetch_again` when the file looks cut off.
pub fn parse<'a>(source: &'a Source, fetch_again: &str) -> Result<Json<'a>, Error> {
    let strict = ParseOptions {
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
    let text = source.text();
    let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &strict).map_err(|e| {
        let range = e.range();
        let truncated = range.end >= text.trim_end().len();
        let help = if truncated {
            format!("the file ends in the middle of a value: it was probably cut off; {fetch_again}")
        } else {
            format!("fix the JSON at this place, or {fetch_again}")
        };
        Error::at(source, Span::new(range.start, range.end), format!("invalid JSON: {}", e.kind()))
            .help(help)
            .build()
    })?;
    parsed
        .value
        .ok_or_else(|| Error::at(source, Span::empty_at(0), "the file holds no JSON value").build())
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
