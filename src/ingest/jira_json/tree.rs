//! jsonc-parser in strict mode: the judge of what is JSON (its error is the one a bad
//! file gets) and the parser of the values a rule asks for.

use jsonc_parser::ast::Value as Json;
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

/// The tree of `text`, `None` if it holds only white space.
pub fn parse_text(text: &str) -> Result<Option<Json<'_>>, ParseError> {
    jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &STRICT).map(|parsed| parsed.value)
}

/// The error for a file that [`super::syntax`] refused: jsonc-parser's, as it reads the
/// whole file.
pub fn invalid(source: &Source) -> Error {
    let text = source.text();
    match parse_text(text) {
        Err(e) => {
            let range = e.range();
            let truncated = range.end >= text.trim_end().len();
            Error::at(source, Span::new(range.start, range.end), format!("invalid JSON: {}", e.kind()))
                .help(if truncated {
                    "the file ends in the middle of a value: it was probably cut off; fetch or export it again"
                } else {
                    "fix the JSON at this place, or fetch the response from Jira again"
                })
                .build()
        }
        Ok(None) => Error::at(source, Span::empty_at(0), "the file holds no JSON value").build(),
        // Not reached: the two agree on what is JSON (tests in `syntax`).
        Ok(Some(_)) => Error::at(source, Span::empty_at(0), "invalid JSON").build(),
    }
}
