//! What the human report shows a finding on, as a miette [`SourceCode`]: the text of the
//! field the finding is about (its lines numbered within the field), under a heading that
//! names the finding's exact place in the file. A finding on no single field (a span over
//! several cells) is shown on the file's lines. In a sheet the heading names the cell
//! (`book.xlsx:Backlog!C12`), then the line and column in the cell's text.

use std::borrow::Cow;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::backlog::Span;
use crate::report::field::FieldText;
use crate::source::{Encoding, Position, Source};
use crate::source_code::shown_span;

pub enum Snippet<'a> {
    /// A field's text, whose lines are numbered from `first_line` (0-based); `file` and
    /// `at` name the finding's place in the export.
    Field {
        text: Source,
        first_line: usize,
        file: Cow<'a, str>,
        at: Position,
    },
    /// The file itself.
    File(&'a Source),
}

impl<'a> Snippet<'a> {
    /// The snippet of `field`, whose mark is at `at` in `file` (`None`: at its place in
    /// the field's text, as in a cell named by `file`), and the span to label in it. Lines
    /// are numbered as the file's where they are its lines, else from 1.
    pub fn field(field: FieldText, file: Cow<'a, str>, at: Option<Position>) -> (Self, Span) {
        let mut text = field.text;
        if field.mark.is_empty() && field.mark.start == text.len() {
            // miette shows no point past the last character: give it one to sit on.
            text.push(' ');
        }
        let text = Source::new(field.name.to_string(), text, Encoding::Utf8);
        let label = shown_span(&text, Span::new(field.mark.start, field.mark.end));
        let first_line = field.file_line.unwrap_or(0);
        let at = at.unwrap_or_else(|| text.position(label.start));
        (
            Snippet::Field {
                text,
                first_line,
                file,
                at,
            },
            label,
        )
    }

    /// An empty field on the file's line of `at` (`None`: in the cell `file` names), for a
    /// finding on something missing.
    pub fn empty(file: Cow<'a, str>, at: Option<Position>) -> (Self, Span) {
        let field = FieldText {
            name: "".into(),
            text: String::new(),
            mark: 0..0,
            file_line: at.map(|at| at.line.saturating_sub(1)),
        };
        Snippet::field(field, file, at)
    }

    /// The snippet of `span` in the file `source`, and the span to label in it.
    pub fn file(source: &'a Source, span: Span) -> (Self, Span) {
        (Snippet::File(source), shown_span(source, span))
    }
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (text, first_line, file, at) = match self {
            Snippet::Field {
                text,
                first_line,
                file,
                at,
            } => (text, *first_line, file, *at),
            Snippet::File(source) => {
                return source.read_span(span, context_lines_before, context_lines_after)
            }
        };
        if context_lines_before + context_lines_after == 0 {
            // miette reads the primary span alone for the `file:line:column` heading.
            let data = text
                .text()
                .as_bytes()
                .get(span.offset()..span.offset() + span.len())
                .ok_or(MietteError::OutOfBounds)?;
            return Ok(Box::new(MietteSpanContents::new_named(
                file.to_string(),
                data,
                *span,
                at.line.saturating_sub(1),
                at.column.saturating_sub(1),
                1,
            )));
        }
        let inner = text.read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            text.name().to_owned(),
            inner.data(),
            *inner.span(),
            inner.line() + first_line,
            inner.column(),
            inner.line_count() + first_line,
        )))
    }
}
