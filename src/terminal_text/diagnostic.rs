//! A miette diagnostic with its text made safe to print: the message, help, label texts
//! and file name [`escape`]d, and the snippet of the file shown from an escaped copy.
//!
//! miette prints a snippet's bytes as they are, control characters included, and wraps
//! long messages at any character. Wrapping a diagnostic in [`SafeDiagnostic`] before it
//! is rendered keeps the rendering (colour, layout, line numbers, the label under the
//! right text) and only changes what backlog text would otherwise smuggle in.

use std::fmt;

use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, Severity, SourceCode, SourceSpan,
    SpanContents,
};

use super::{escape, needs_escape, push_escaped, starts_with_line_break};

/// Lines shown around a label: miette's default, which backlint's renderers keep.
const CONTEXT_LINES: usize = 1;

/// `inner`, safe to render.
pub struct SafeDiagnostic<'a> {
    inner: &'a dyn Diagnostic,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    snippet: Option<Snippet>,
}

impl<'a> SafeDiagnostic<'a> {
    /// A diagnostic about backlog text (a finding): its message is one line.
    pub fn new(inner: &'a dyn Diagnostic) -> Self {
        Self::with_message(inner, escape(&inner.to_string()).into_owned())
    }

    /// One of backlint's errors: its message may run over several lines (a regex parse
    /// error points at the pattern on a line of its own), each escaped. What it quotes
    /// could still start a line, so it must be printed through [`super::defuse_lines`].
    pub(crate) fn of_error(inner: &'a dyn Diagnostic) -> Self {
        Self::with_message(inner, escape_text(&inner.to_string()))
    }

    fn with_message(inner: &'a dyn Diagnostic, message: String) -> Self {
        let labels: Vec<LabeledSpan> = inner.labels().map(Iterator::collect).unwrap_or_default();
        let snippet = inner
            .source_code()
            .zip(labels.first())
            .and_then(|(source, first)| Snippet::around(source, first.inner()));
        let labels = match &snippet {
            // Labels outside the snippet could not be shown anyway.
            Some(snippet) => labels
                .iter()
                .filter_map(|label| snippet.relabel(label))
                .collect(),
            None => Vec::new(),
        };
        SafeDiagnostic {
            inner,
            message,
            help: inner.help().map(|h| escape_text(&h.to_string())),
            labels,
            snippet,
        }
    }
}

/// Help text keeps its own line breaks (backlint writes help on several lines); each line
/// is escaped.
fn escape_text(text: &str) -> String {
    text.split('\n')
        .map(|line| escape(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

impl fmt::Debug for SafeDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for SafeDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SafeDiagnostic<'_> {}

impl Diagnostic for SafeDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner
            .code()
            .map(|code| Box::new(escape(&code.to_string()).into_owned()) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// The lines around a label, escaped, as a source of their own. Offsets in it are byte
/// offsets into [`Snippet::text`]; lines and columns are those of the original file.
struct Snippet {
    /// The names the source gives the window and the heading (they may differ: a
    /// snippet of a field's text is named by the field, its heading by the file).
    window_name: Option<String>,
    heading_name: Option<String>,
    text: String,
    /// Where each byte offset of the original window (and its end) lands in `text`.
    offsets: Vec<usize>,
    /// The original window's first byte.
    window_start: usize,
    /// The original window's first line (0-based).
    first_line: usize,
    /// Line and column (0-based) of the first label, for the `file:line:column` heading.
    heading: (usize, usize),
}

impl Snippet {
    fn around(source: &dyn SourceCode, span: &SourceSpan) -> Option<Snippet> {
        let heading = source.read_span(span, 0, 0).ok()?;
        let window = source.read_span(span, CONTEXT_LINES, CONTEXT_LINES).ok()?;
        let raw = std::str::from_utf8(window.data()).ok()?;
        let mut text = String::with_capacity(raw.len());
        let mut offsets = vec![0; raw.len() + 1];
        for (i, c) in raw.char_indices() {
            for offset in &mut offsets[i..i + c.len_utf8()] {
                *offset = text.len();
            }
            if needs_escape(c) && !starts_with_line_break(&raw[i..]) {
                push_escaped(&mut text, c);
            } else {
                text.push(c);
            }
        }
        offsets[raw.len()] = text.len();
        Some(Snippet {
            window_name: window.name().map(|n| escape(n).into_owned()),
            heading_name: heading.name().map(|n| escape(n).into_owned()),
            text,
            offsets,
            window_start: window.span().offset(),
            first_line: window.line(),
            heading: (heading.line(), heading.column()),
        })
    }

    /// `label` in the snippet's offsets, if it lies in the snippet.
    fn relabel(&self, label: &LabeledSpan) -> Option<LabeledSpan> {
        let start = label.offset().checked_sub(self.window_start)?;
        let end = start + label.len();
        let (start, end) = (*self.offsets.get(start)?, *self.offsets.get(end)?);
        let text = label.label().map(|l| escape(l).into_owned());
        Some(LabeledSpan::new(text, start, end - start))
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let is_heading = context_lines_before == 0 && context_lines_after == 0;
        let ((line, column), name) = if is_heading {
            (self.heading, &self.heading_name)
        } else {
            (
                (contents.line() + self.first_line, contents.column()),
                &self.window_name,
            )
        };
        let data = contents.data();
        let span = *contents.span();
        let line_count = contents.line_count() + self.first_line;
        Ok(Box::new(match name {
            Some(name) => {
                MietteSpanContents::new_named(name.clone(), data, span, line, column, line_count)
            }
            None => MietteSpanContents::new(data, span, line, column, line_count),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Encoding, Source};
    use miette::{GraphicalReportHandler, GraphicalTheme};

    #[derive(Debug, thiserror::Error, miette::Diagnostic)]
    #[error("bad \u{1b}]0;title\u{7} value")]
    struct Hostile {
        #[source_code]
        file: Source,
        #[label("in \u{1b}[2J here")]
        span: SourceSpan,
    }

    fn render(diagnostic: &dyn Diagnostic) -> String {
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
        let mut out = String::new();
        handler.render_report(&mut out, diagnostic).unwrap();
        out
    }

    #[test]
    fn renders_like_the_original_without_its_controls() {
        let text = "Key,Summary\nA-1,Fast\u{1b}[2J search\u{7}\nA-2,Plain\n";
        let at = text.find("search").unwrap();
        let hostile = Hostile {
            file: Source::new("a\nb.csv", text.to_owned(), Encoding::Utf8),
            span: SourceSpan::new(at.into(), 6),
        };
        let safe = render(&SafeDiagnostic::new(&hostile));
        assert!(!safe.contains(['\u{1b}', '\u{7}']), "{safe}");
        assert!(safe.contains("[a\\nb.csv:2:14]"), "{safe}");
        assert!(safe.contains("A-1,Fast\\u{1b}[2J search\\u{7}"), "{safe}");
        assert!(safe.contains("bad \\u{1b}]0;title\\u{7} value"), "{safe}");
        assert!(safe.contains("in \\u{1b}[2J here"), "{safe}");
        // The label still underlines "search": the line above it is the snippet's line.
        let line = safe.lines().position(|l| l.contains("A-1,Fast")).unwrap();
        let marks = safe.lines().nth(line + 1).unwrap();
        let column = |s: &str, pat: &str| s.find(pat).map(|b| s[..b].chars().count());
        assert_eq!(
            column(marks, "─"),
            column(safe.lines().nth(line).unwrap(), "search"),
            "{safe}"
        );

        // Plain text renders exactly as without the wrapper.
        let plain = Hostile {
            file: Source::new("b.csv", "K,S\nA-1,Fast search\n".into(), Encoding::Utf8),
            span: SourceSpan::new(10.into(), 6),
        };
        let original = render(&plain).replace("\u{1b}]0;title\u{7}", "\\u{1b}]0;title\\u{7}");
        let original = original.replace("\u{1b}[2J", "\\u{1b}[2J");
        assert_eq!(render(&SafeDiagnostic::new(&plain)), original);
    }
}
