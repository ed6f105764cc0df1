//! [`Source`] as a miette [`SourceCode`] that finds lines through the line index.
//!
//! miette's own implementations scan the text from offset 0 for every diagnostic, which
//! makes thousands of findings on a large export quadratic (the oxc linter hit exactly
//! this). Here the window around a span is cut out first, in O(log lines), and miette
//! reads only that window; the result is shifted back to file offsets and line numbers.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::backlog::Span;
use crate::source::Source;

/// When the span's line or a context line is longer than this (a row of a Jira "all
/// fields" export runs to thousands of characters), the span's line is shown as a window
/// around the span, without context lines.
pub const LONG_LINE: usize = 160;

/// How much of a long line is shown on each side of the span, in bytes (roughly).
const WINDOW_MARGIN: usize = 60;

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let source = self;
        let text = source.text().as_bytes();
        if span.offset() + span.len() > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let line = source.line_index(span.offset());
        let line_range = source.line_start(line)..source.line_start(line + 1);
        if context_lines_before == 0 && context_lines_after == 0 {
            // miette reads the primary span alone for the `file:line:column` heading.
            let column = source.position(span.offset()).column - 1;
            let data = &text[span.offset()..span.offset() + span.len()];
            return Ok(Box::new(MietteSpanContents::new_named(
                source.name().to_owned(),
                data,
                *span,
                line,
                column,
                line + 1,
            )));
        }
        let first_line = line.saturating_sub(context_lines_before);
        let last_line = source.line_index(span.offset() + span.len()) + context_lines_after + 1;
        let start = source.line_start(first_line);
        let end = source.line_start(last_line + 1);
        let has_long_line = (first_line..=last_line)
            .any(|l| source.line_start(l + 1) - source.line_start(l) > LONG_LINE);
        if has_long_line && span.offset() + span.len() <= line_range.end {
            return Ok(Box::new(window_in_line(source, span, line, line_range)));
        }
        let window = &text[start..end];
        let shifted = SourceSpan::new((span.offset() - start).into(), span.len());
        let inner = window.read_span(&shifted, context_lines_before, context_lines_after)?;
        let contents = MietteSpanContents::new_named(
            source.name().to_owned(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + start).into(), inner.span().len()),
            inner.line() + first_line,
            inner.column(),
            inner.line_count() + first_line,
        );
        Ok(Box::new(contents))
    }
}

/// The most bytes a label underlines on a long line: a span over a whole 100,000-character
/// summary is shown by the summary's start, in a window of its line, not with the line.
const MAX_LABEL: usize = LONG_LINE / 2;

/// The part of `span` a diagnostic underlines: its first line (a finding on a whole
/// multi-line description is shown where the description starts, an error on a whole header
/// row where the row starts). On a line longer than [`LONG_LINE`], it is also cut to
/// [`MAX_LABEL`] bytes (at a character boundary), so the line is shown as a window around
/// the label.
pub fn shown_span(source: &Source, span: Span) -> Span {
    let line_start = source.line_start(source.line_index(span.start));
    let line_end = line_start + source.line_text(span.start).len();
    let mut end = span.end.min(line_end).max(span.start);
    if line_end - line_start > LONG_LINE {
        end = end.min(span.start.saturating_add(MAX_LABEL));
    }
    while end > span.start && !source.text().is_char_boundary(end) {
        end -= 1;
    }
    Span::new(span.start, end)
}

/// The part of one long line around `span`, cut at character boundaries.
fn window_in_line<'a>(
    source: &'a Source,
    span: &SourceSpan,
    line: usize,
    line_range: std::ops::Range<usize>,
) -> MietteSpanContents<'a> {
    let text = source.text();
    let line_end = line_range.start
        + text[line_range.clone()]
            .trim_end_matches(['\r', '\n'])
            .len();
    let mut start = span
        .offset()
        .saturating_sub(WINDOW_MARGIN)
        .max(line_range.start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.offset() + span.len() + WINDOW_MARGIN)
        .min(line_end)
        .max(span.offset() + span.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    MietteSpanContents::new_named(
        source.name().to_owned(),
        &text.as_bytes()[start..end],
        SourceSpan::new(start.into(), end - start),
        line,
        source.position(start).column - 1,
        line + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Encoding;

    /// The window read through the index matches what miette reads from the whole text.
    #[test]
    fn same_contents_as_a_full_scan() {
        let text = "h1,h2\nab,cd\r\n\"multi\nline\",x\nlast,row\n".to_owned();
        let source = Source::new("t.csv", text.clone(), Encoding::Utf8);
        let view = &source;
        for (offset, len) in [(0, 2), (6, 2), (9, 2), (14, 12), (29, 4), (37, 0)] {
            for context in [1, 2] {
                let span = SourceSpan::new(offset.into(), len);
                let fast = view.read_span(&span, context, context).unwrap();
                let slow = text.as_str().read_span(&span, context, context).unwrap();
                assert_eq!(
                    fast.data(),
                    slow.data(),
                    "data at {offset}+{len}, context {context}"
                );
                assert_eq!(
                    fast.span(),
                    slow.span(),
                    "span at {offset}+{len}, context {context}"
                );
                assert_eq!(
                    fast.line(),
                    slow.line(),
                    "line at {offset}+{len}, context {context}"
                );
                assert_eq!(
                    fast.column(),
                    slow.column(),
                    "column at {offset}+{len}, context {context}"
                );
            }
            let heading = view
                .read_span(&SourceSpan::new(offset.into(), len), 0, 0)
                .unwrap();
            let position = source.position(offset);
            assert_eq!(
                (heading.line() + 1, heading.column() + 1),
                (position.line, position.column)
            );
        }
    }
}
