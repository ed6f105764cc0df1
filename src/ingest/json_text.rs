//! JSON string literals as [`MappedText`]: the unescaped value, mapped back to the file.

use jsonc_parser::ast::{Array, StringLit};

use crate::backlog::{MappedText, Span, Value};

/// The value of a string literal; escapes (`\n`, `\"`, `\u00e9`) map to where they stand.
pub fn string_text(literal: &StringLit<'_>, source: &str) -> MappedText {
    literal_text(Span::new(literal.range.start, literal.range.end), source)
}

/// A string literal of `source` as a value: its text unescaped and mapped to the file, its
/// span inside the quotes.
pub fn string_value(literal: &StringLit<'_>, source: &str) -> Value {
    let start = literal.range.start + 1;
    Value {
        text: string_text(literal, source),
        span: Span::new(start, literal.range.end.saturating_sub(1).max(start)),
    }
}

/// The non-blank string `key` of each object in `array` (`labels[].name`), as values.
pub fn strings_in(array: Option<&Array<'_>>, key: &str, source: &str) -> Vec<Value> {
    array
        .into_iter()
        .flat_map(|array| array.elements.iter())
        .filter_map(|element| element.as_object()?.get_string(key))
        .map(|literal| string_value(literal, source))
        .filter(|value| !value.as_str().trim().is_empty())
        .collect()
}

/// The value of the valid string literal at `literal` (quotes included) in `source`.
pub fn literal_text(literal: Span, source: &str) -> MappedText {
    let raw_start = literal.start + 1;
    let raw_end = literal.end.saturating_sub(1).max(raw_start);
    let raw = source.get(raw_start..raw_end).unwrap_or_default();
    if !raw.contains('\\') {
        return MappedText::verbatim(raw, raw_start);
    }
    let mut text = MappedText::new();
    let mut rest = raw;
    let mut at = raw_start;
    while let Some(backslash) = rest.find('\\') {
        text.push_copied(&rest[..backslash], at);
        let escape_len = escape_length(&rest[backslash..]);
        let escape = &rest[backslash..backslash + escape_len];
        let consumed =
            backslash + escape_len + surrogate_tail_len(escape, &rest[backslash + escape_len..]);
        if let Some(unescaped) = unescape(escape, &rest[backslash + escape_len..]) {
            let span = Span::new(at + backslash, at + consumed);
            text.push_replacing(unescaped.encode_utf8(&mut [0; 4]), span);
        }
        at += consumed;
        rest = &rest[consumed..];
    }
    text.push_copied(rest, at);
    text
}

fn escape_length(escape: &str) -> usize {
    if escape.as_bytes().get(1) == Some(&b'u') {
        6.min(escape.len())
    } else {
        escape.chars().nth(1).map_or(1, |c| 1 + c.len_utf8())
    }
}

/// Length of the `\uDCxx` that completes a `\uD8xx` high surrogate, if any.
fn surrogate_tail_len(escape: &str, after: &str) -> usize {
    match parse_hex(escape) {
        Some(high) if (0xD800..0xDC00).contains(&high) && after.starts_with("\\u") => 6,
        _ => 0,
    }
}

fn parse_hex(escape: &str) -> Option<u32> {
    u32::from_str_radix(escape.strip_prefix("\\u")?, 16).ok()
}

/// The character the escape `escape` (followed by `after`) stands for; `None` for a lone
/// backslash at the end.
fn unescape(escape: &str, after: &str) -> Option<char> {
    let unescaped = match escape.as_bytes().get(1) {
        Some(b'n') => '\n',
        Some(b't') => '\t',
        Some(b'r') => '\r',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'u') => {
            let Some(code) = parse_hex(escape) else {
                return Some(char::REPLACEMENT_CHARACTER);
            };
            let code = match (code, after.get(..6).and_then(parse_hex)) {
                (0xD800..=0xDBFF, Some(low @ 0xDC00..=0xDFFF)) => {
                    0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                _ => code,
            };
            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
        }
        _ => return escape.get(1..)?.chars().next(),
    };
    Some(unescaped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonc_parser::ast::Value;

    fn first_string(json: &str) -> MappedText {
        let parsed = jsonc_parser::parse_to_ast(json, &Default::default(), &Default::default())
            .expect("test JSON parses");
        match parsed.value {
            Some(Value::StringLit(lit)) => string_text(&lit, json),
            other => panic!("expected a string, got {other:?}"),
        }
    }

    #[test]
    fn escapes_unescape_and_map_back() {
        let json = r#""say \"hi\"\nnow \u00e9t\u00e9 \ud83d\ude00!""#;
        let text = first_string(json);
        assert_eq!(text.as_str(), "say \"hi\"\nnow été 😀!");
        let now = text.as_str().find("now").unwrap();
        let span = text.source_span(now..now + 3);
        assert_eq!(&json[span.start..span.end], "now");
        let bang = text.as_str().find('!').unwrap();
        assert_eq!(&json[text.source_offset(bang)..][..1], "!");
    }

    #[test]
    fn plain_strings_are_one_copy() {
        let json = r#"  "As a user""#;
        let text = first_string(json);
        assert_eq!(text.source_span(5..9), crate::backlog::Span::new(8, 12));
    }
}
