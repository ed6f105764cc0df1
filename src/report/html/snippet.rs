//! The offending text in its context: the lines of a text (a field's, or the file's) that a
//! finding's span covers, with line numbers and the span in `<mark>`. A long line (a CSV record with every field of
//! an issue) shows a window of about 80 characters around the span, and a long span (a
//! whole description) shows its first lines.

use std::ops::Range;

use super::escape::push as escape;
use crate::backlog::Span;
use crate::source::Source;

/// Lines longer than this many characters are shown as a window.
const LONG_LINE: usize = 100;
/// Characters a window shows at least.
const WINDOW: usize = 80;
/// Characters of context a window shows before the span.
const BEFORE: usize = 30;
/// Characters of the span shown on one line; the rest is cut.
const MAX_MARK: usize = 200;
/// Lines shown of a span that covers more.
const MAX_LINES: usize = 4;

/// Appends the `<pre>` with the lines of `span` in `source`, numbered from `first_line`
/// (0-based) for the first line of `source`.
pub fn push(out: &mut String, source: &Source, span: Span, first_line: usize) {
    let text = source.text();
    let start = floor(text, span.start);
    let end = floor(text, span.end.max(start));
    let first = source.line_index(start);
    // A span ending right after a line break ends on the line before.
    let last = if end > start {
        source.line_index(end - 1)
    } else {
        first
    };
    let shown = (last - first + 1).min(MAX_LINES);
    let hidden = last - first + 1 - shown;
    let shown = if hidden > 0 { shown - 1 } else { shown };
    out.push_str("<pre class=\"snippet\"><code>");
    for line in first..first + shown {
        let line_start = source.line_start(line);
        let line_text = line_text(text, line_start, source.line_start(line + 1));
        let len = line_text.len();
        let mark_start = (start.max(line_start) - line_start).min(len);
        let mark_end = end.saturating_sub(line_start).min(len).max(mark_start);
        let mark = mark_start..mark_end;
        push_line(out, first_line + line + 1, line_text, mark);
    }
    if hidden > 0 {
        out.push_str(&format!(
            "<span class=\"ln\">⋮</span><span class=\"more\">{} more lines</span>\n",
            hidden + 1
        ));
    }
    out.push_str("</code></pre>");
}

/// One numbered line, windowed if long, with `mark` (byte range in `line`) marked.
fn push_line(out: &mut String, number: usize, line: &str, mark: Range<usize>) {
    // Bounded: counting a one-line response's characters per finding would be quadratic.
    let long = line.len() > LONG_LINE && line.chars().nth(LONG_LINE).is_some();
    let mark_end = forward(line, mark.start, MAX_MARK).min(mark.end);
    let cut_mark = mark_end < mark.end;
    let (from, to) = if long {
        let from = back(line, mark.start, BEFORE);
        let to = if cut_mark {
            mark_end
        } else {
            forward(line, mark_end, BEFORE).max(forward(line, from, WINDOW))
        };
        (from, to)
    } else if cut_mark {
        (0, mark_end)
    } else {
        (0, line.len())
    };
    out.push_str(&format!("<span class=\"ln\">{number}</span>"));
    if from > 0 {
        out.push_str("<span class=\"cut\">…</span>");
    }
    escape(out, &line[from..mark.start]);
    if mark.is_empty() {
        out.push_str("<mark class=\"point\"></mark>");
    } else {
        out.push_str("<mark>");
        escape(out, &line[mark.start..mark_end]);
        if cut_mark {
            out.push('…');
        }
        out.push_str("</mark>");
    }
    if !cut_mark {
        escape(out, &line[mark_end..to]);
        if to < line.len() {
            out.push_str("<span class=\"cut\">…</span>");
        }
    }
    out.push('\n');
}

/// The line from `start` to `next` (the next line's start), without its line break.
fn line_text(text: &str, start: usize, next: usize) -> &str {
    text[start..next.max(start)].trim_end_matches(['\n', '\r'])
}

/// The byte offset `count` characters before `at`, or 0.
fn back(text: &str, at: usize, count: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `count` characters after `at`, or the end.
fn forward(text: &str, at: usize, count: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| at + i)
}

/// `offset` clamped to `text` and moved back to a character boundary.
fn floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Encoding;

    fn snippet(text: &str, needle: &str) -> String {
        let source = Source::new("t.csv", text.to_owned(), Encoding::Utf8);
        let start = text.find(needle).unwrap();
        let mut out = String::new();
        push(&mut out, &source, Span::new(start, start + needle.len()), 0);
        out
    }

    #[test]
    fn marks_the_span_on_its_line() {
        let out = snippet("Summary,Key\n\"Fast <b>checkout</b>\",PAN-3\n", "Fast");
        assert_eq!(
            out,
            "<pre class=\"snippet\"><code><span class=\"ln\">2</span>&quot;<mark>Fast</mark> \
             &lt;b&gt;checkout&lt;/b&gt;&quot;,PAN-3\n</code></pre>"
        );
    }

    #[test]
    fn long_lines_show_a_window_around_the_span() {
        let line = format!("{}needle{}", "a".repeat(300), "b".repeat(300));
        let out = snippet(&line, "needle");
        assert!(out.contains(&format!("…</span>{}<mark>needle</mark>", "a".repeat(30))));
        let shown = out.chars().filter(|&c| c == 'a' || c == 'b').count();
        assert!(
            (70..=90).contains(&shown),
            "{shown} characters of context: {out}"
        );
    }

    #[test]
    fn long_spans_show_their_first_lines() {
        let text: String = (1..=10).map(|i| format!("line {i}\n")).collect();
        let out = snippet(&text, &text[7..]);
        assert!(out.contains("<span class=\"ln\">2</span><mark>line 2</mark>"));
        assert!(out.contains("<span class=\"ln\">4</span><mark>line 4</mark>"));
        assert!(!out.contains("line 5"));
        assert!(out.contains("6 more lines"), "{out}");
    }

    #[test]
    fn an_empty_span_is_a_point() {
        let source = Source::new("t", "é,x\n".to_owned(), Encoding::Utf8);
        let mut out = String::new();
        push(&mut out, &source, Span::empty_at(1), 0);
        assert!(out.contains("<mark class=\"point\"></mark>"), "{out}");
    }
}
