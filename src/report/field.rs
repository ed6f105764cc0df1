//! The field a finding is about, as a person reads it: the value's text (CSV unescaped,
//! wiki markup and ADF made plain, JSON escapes undone) with the finding's span mapped into
//! it. Reports for people show this instead of the file's line, which for a CSV export is
//! the whole row of the issue (`2020:bc18a37a-…,15/Feb/26 4:19 PM,…`).

use std::ops::Range;
use std::sync::Arc;

use crate::backlog::{Entry, Item, Span, Value};
use crate::finding::Finding;
use crate::source::Source;

/// One value of an item with a finding's place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldText {
    /// The export's name of the field (a column header, a JSON field).
    pub name: Arc<str>,
    pub text: String,
    /// Where the finding points in `text`: a byte range at character boundaries, empty for
    /// a point (something missing at the end of a description).
    pub mark: Range<usize>,
    /// The file's line (0-based) of the text's first line, when each line of the text is
    /// the file's next line (a CSV cell kept as written, a story list), so the text's
    /// lines can be numbered as the file's. `None` when they are not (JSON text, whose
    /// line breaks are `\n` escapes on one line; markup conversions that drop lines).
    pub file_line: Option<usize>,
}

impl FieldText {
    /// The value of `item` that holds `finding`'s span, if one does: the one the finding
    /// names, else the narrowest. `None` for findings on nothing the export holds (an
    /// empty field has no value) or across several values.
    ///
    /// A point (something missing) is only on the value the finding names: a finding on a
    /// missing priority, placed at the start of the row, is not about the summary there.
    /// `source` is the item's file.
    pub fn of(item: &Item, finding: &Finding, source: &Source) -> Option<FieldText> {
        let span = finding.span;
        let holds = |entry: &&Entry| {
            entry.value.span.start <= span.start && span.end <= entry.value.span.end
        };
        let named = |entry: &Entry| {
            finding
                .field()
                .is_some_and(|name| entry.name.eq_ignore_ascii_case(name))
        };
        let entry = item
            .entries
            .iter()
            .filter(holds)
            .filter(|entry| !span.is_empty() || named(entry))
            .min_by_key(|entry| (!named(entry), entry.value.span.len()))?;
        Some(FieldText {
            name: Arc::clone(&entry.name),
            text: entry.value.as_str().to_owned(),
            mark: text_range(&entry.value, span),
            file_line: file_line(&entry.value, source),
        })
    }
}

/// The file's line of `value`'s first line, if each of its lines is the file's next line;
/// never in text made of a sheet's cells, whose lines the user does not see.
fn file_line(value: &Value, source: &Source) -> Option<usize> {
    if source.cells().is_some() {
        return None;
    }
    let first = source.line_index(value.text.source_offset(0));
    let text = value.as_str();
    let mut expected = first;
    for (newline, _) in text.match_indices('\n') {
        expected += 1;
        if source.line_index(value.text.source_offset(newline + 1)) != expected {
            return None;
        }
    }
    Some(first)
}

/// The range of `value`'s text that `span` (of the file, inside the value's span) covers.
///
/// The text maps to the file in order, so the range is found by bisection: it starts at the
/// first character that comes from `span.start` or later, and ends before the first one
/// past it that comes from `span.end` or later.
fn text_range(value: &Value, span: Span) -> Range<usize> {
    let text = value.as_str();
    let from_or_after =
        |offset: usize| move |at: usize| at == text.len() || value.text.source_offset(at) >= offset;
    let start = first_boundary(text, 0, from_or_after(span.start));
    if span.is_empty() || start == text.len() {
        return start..start;
    }
    let after_start = start + text[start..].chars().next().map_or(0, char::len_utf8);
    let end = first_boundary(text, after_start, from_or_after(span.end));
    start..end
}

/// The first character boundary of `text` at or after `from` (itself one) where `holds`
/// holds; `holds` must be false up to some boundary and true from there on, and true at
/// the end of the text.
fn first_boundary(text: &str, from: usize, holds: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (from.min(text.len()), text.len());
    while low < high {
        let mut middle = low + (high - low) / 2;
        while !text.is_char_boundary(middle) {
            middle -= 1;
        }
        if holds(middle) {
            high = middle;
        } else {
            low = middle + text[middle..].chars().next().map_or(1, char::len_utf8);
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::{Field, MappedText};
    use crate::finding::{Severity, Words};
    use crate::source::Encoding;

    /// An item with a summary cell at 0 and a description cell at 100, whose text was
    /// unescaped: the `""` at 105 became one `"`.
    fn item() -> Item {
        let mut description = MappedText::verbatim("Say ", 101);
        description.push_replacing("\"", Span::new(105, 107));
        description.push_copied("hi\" — é fast", 107);
        let entry = |name: &str, field, text: MappedText, span| Entry {
            name: Arc::from(name),
            field: Some(field),
            value: Value { text, span },
        };
        Item {
            source: 0,
            record: 1,
            key: "PAN-1".into(),
            anchor: Span::empty_at(0),
            entries: vec![
                entry(
                    "Summary",
                    Field::Summary,
                    MappedText::verbatim("Checkout", 0),
                    Span::new(0, 8),
                ),
                entry(
                    "Description",
                    Field::Description,
                    description,
                    Span::new(101, 124),
                ),
            ],
            blanks: Vec::new(),
        }
    }

    /// The item's file: only its lines matter here.
    fn source() -> Source {
        Source::new("t.csv", " ".repeat(130), Encoding::Utf8)
    }

    fn finding(field: Option<&str>, span: Span) -> Finding {
        let words = Words {
            message: "".into(),
            help: None,
            field: field.map(Arc::from),
        };
        Finding::new(Arc::from("r"), Severity::Warning, Arc::new(words), 0, span)
    }

    #[test]
    fn a_span_in_a_value_is_mapped_into_its_text() {
        let item = item();
        let description = item.get(Field::Description).unwrap();
        let fast = description.as_str().find("fast").unwrap();
        let span = description.span_of(fast..fast + 4);
        let field = FieldText::of(&item, &finding(Some("Description"), span), &source()).unwrap();
        assert_eq!(&*field.name, "Description");
        assert_eq!(&field.text[field.mark.clone()], "fast");
        // Across the unescaped quote: the text's `"hi"` is the file's `""hi"`.
        let span = Span::new(105, 109);
        let field = FieldText::of(&item, &finding(None, span), &source()).unwrap();
        assert_eq!(&field.text[field.mark], "\"hi");
    }

    #[test]
    fn points_and_whole_values() {
        let item = item();
        let end = FieldText::of(
            &item,
            &finding(Some("Description"), Span::empty_at(124)),
            &source(),
        )
        .unwrap();
        assert_eq!(end.mark, end.text.len()..end.text.len());
        let whole =
            FieldText::of(&item, &finding(Some("summary"), Span::new(0, 8)), &source()).unwrap();
        assert_eq!(&*whole.name, "Summary");
        assert_eq!(whole.mark, 0..8);
    }

    #[test]
    fn nothing_for_spans_outside_every_value() {
        let item = item();
        // A missing priority, placed at the start of the row, in the summary's cell.
        let missing = finding(Some("priority"), Span::empty_at(0));
        assert_eq!(FieldText::of(&item, &missing, &source()), None);
        let across = finding(None, Span::new(0, 110));
        assert_eq!(FieldText::of(&item, &across, &source()), None);
    }

    #[test]
    fn lines_are_numbered_as_the_file_s_where_they_are_its_lines() {
        let file = "Key,Description\nPAN-1,\"one\ntwo\"\nPAN-2,one\\ntwo\n";
        let source = Source::new("t.csv", file.to_owned(), Encoding::Utf8);
        let cell = file.find("one").unwrap();
        let verbatim = Value {
            text: MappedText::verbatim("one\ntwo", cell),
            span: Span::new(cell, cell + 7),
        };
        assert_eq!(file_line(&verbatim, &source), Some(1));
        // `one\ntwo` on line 3 of the file, read as two lines (as a JSON string is).
        let escaped = file.rfind("one").unwrap();
        let mut text = MappedText::verbatim("one", escaped);
        text.push_replacing("\n", Span::new(escaped + 3, escaped + 5));
        text.push_copied("two", escaped + 5);
        let unescaped = Value {
            text,
            span: Span::new(escaped, escaped + 8),
        };
        assert_eq!(file_line(&unescaped, &source), None);
    }
}
