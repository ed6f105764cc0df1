//! One cell of a CSV export, from its raw bytes in the file to the text rules read.
//!
//! A cell's raw bytes (with any quotes, without the delimiter) are decoded when its item is
//! checked ([`crate::backlog::stored`]): quotes removed, `""` turned into `"`, wiki markup made plain
//! for descriptions and acceptance criteria, every byte of the text mapped back to the file.

use crate::backlog::{Field, MappedText, Span, Value};
use crate::ingest::csv_preset::Markup;

/// A quoted cell that runs to the end of the file: the offset of its opening quote.
#[derive(Debug)]
pub struct Unclosed(pub usize);

/// Walks a cell's raw bytes `raw`, found at `start` in the file: calls `piece` with each run
/// of its text that is a verbatim copy of the file, and the run's offset in the file.
/// Returns the span of the cell's content (inside the quotes of a quoted cell).
fn pieces(raw: &str, start: usize, mut piece: impl FnMut(&str, usize)) -> Result<Span, Unclosed> {
    let Some(quoted) = raw.strip_prefix('"') else {
        piece(raw, start);
        return Ok(Span::new(start, start + raw.len()));
    };
    let mut at = start + 1;
    let mut rest = quoted;
    loop {
        let Some(quote) = rest.find('"') else {
            return Err(Unclosed(start));
        };
        piece(&rest[..quote], at);
        let after = &rest[quote + 1..];
        if let Some(escaped) = after.strip_prefix('"') {
            piece("\"", at + quote + 1);
            at += quote + 2;
            rest = escaped;
        } else {
            // Closing quote; anything after it is kept as csv_core keeps it.
            let content_end = at + quote;
            piece(after, content_end + 1);
            let end = if after.is_empty() {
                content_end
            } else {
                start + raw.len()
            };
            return Ok(Span::new(start + 1, end));
        }
    }
}

/// Whether a cell holds nothing but white space; an error for a quote never closed.
pub fn is_blank(raw: &str, start: usize) -> Result<bool, Unclosed> {
    let mut blank = true;
    pieces(raw, start, |text, _| blank &= text.trim().is_empty())?;
    Ok(blank)
}

/// A cell's text, unescaped and mapped to the file, and the span of its content.
pub fn text(raw: &str, start: usize) -> Result<(MappedText, Span), Unclosed> {
    let mut text = MappedText::new();
    let span = pieces(raw, start, |piece, at| text.push_copied(piece, at))?;
    Ok((text, span))
}

/// The value of a cell of `field`: its text, plain for the fields written in `markup`
/// (descriptions and acceptance criteria); `None` when it holds nothing but white space. The cell was checked when it was read, so
/// a quote never closed (which [`is_blank`] reports) does not reach here; should it, the
/// raw bytes are the text.
pub fn value(raw: &str, start: usize, field: Option<Field>, markup: Markup) -> Option<Value> {
    let (text, span) = text(raw, start).unwrap_or_else(|_| {
        let span = Span::new(start, start + raw.len());
        (MappedText::verbatim(raw, start), span)
    });
    if text.as_str().trim().is_empty() {
        return None;
    }
    let text = match field {
        Some(Field::Description | Field::AcceptanceCriteria) => markup.to_plain(&text),
        _ => text,
    };
    Some(Value { text, span })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_unescape_and_map_back() {
        // `,"say ""hi""",` with the cell at 1.
        let (text, span) = text("\"say \"\"hi\"\"\"", 1).unwrap();
        assert_eq!(text.as_str(), "say \"hi\"");
        assert_eq!(span, Span::new(2, 12));
        assert_eq!(text.source_span(5..7), Span::new(8, 10));
    }

    #[test]
    fn blank_cells_are_found_through_quotes() {
        assert!(is_blank("", 0).unwrap());
        assert!(is_blank("\"  \"", 0).unwrap());
        assert!(!is_blank("\"\"\"\"", 0).unwrap());
        assert!(!is_blank(" x ", 0).unwrap());
        assert_eq!(is_blank("x\"", 0).ok(), Some(false));
        assert!(matches!(is_blank("\"open", 4), Err(Unclosed(4))));
    }
}
