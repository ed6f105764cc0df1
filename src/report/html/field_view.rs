//! The field a finding is about, as a card shows it: the field's text with the finding
//! marked, whole when it is short; when it is long, the lines around the mark and the whole
//! field in a `<details>` the reader opens, so the verdict can be checked against
//! everything the field says. A finding on something missing says the field is empty; one
//! across several fields shows the file's lines.

use std::fmt::Write;

use super::escape::{escape, push as push_escaped};
use super::snippet;
use crate::backlog::{Item, Span};
use crate::finding::Finding;
use crate::report::field::FieldText;
use crate::report::{number, plural};
use crate::source::{Encoding, Source};

/// Fields of at most this many lines and characters are shown whole, at once.
const SHORT_LINES: usize = 6;
const SHORT_CHARS: usize = 600;
/// Characters of a long field the `<details>` shows at most; the rest is counted.
const MAX_CHARS: usize = 20_000;

/// Appends what the finding is shown on.
pub fn push(out: &mut String, item: &Item, finding: &Finding, source: &Source) {
    match FieldText::of(item, finding, source) {
        Some(field) => push_field(out, &field),
        None if finding.span.is_empty() => out.push_str(
            "<pre class=\"snippet\"><code><span class=\"more\">(empty)</span></code></pre>",
        ),
        None => snippet::push(out, source, finding.span, 0),
    }
}

fn push_field(out: &mut String, field: &FieldText) {
    let lines = field.text.lines().count();
    let chars = field.text.chars().count();
    if lines <= SHORT_LINES && chars <= SHORT_CHARS {
        out.push_str("<pre class=\"snippet field-text\"><code>");
        push_marked(out, field, MAX_CHARS);
        out.push_str("</code></pre>");
        return;
    }
    let text = Source::new(field.name.to_string(), field.text.clone(), Encoding::Utf8);
    let mark = Span::new(field.mark.start, field.mark.end);
    snippet::push(out, &text, mark, field.file_line.unwrap_or(0));
    let _ = write!(
        out,
        "<details class=\"whole\"><summary>The whole {}: {} {}</summary>\
         <pre class=\"snippet field-text\"><code>",
        escape(&field.name),
        number(lines),
        plural(lines, "line", "lines"),
    );
    push_marked(out, field, MAX_CHARS);
    out.push_str("</code></pre></details>");
}

/// The field's text, escaped, with its mark, cut after `max` characters.
fn push_marked(out: &mut String, field: &FieldText, max: usize) {
    let text = &field.text;
    let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let mark_start = field.mark.start.min(cut);
    let mark_end = field.mark.end.min(cut);
    push_escaped(out, &text[..mark_start]);
    if field.mark.is_empty() {
        out.push_str("<mark class=\"point\"></mark>");
    } else {
        out.push_str("<mark>");
        push_escaped(out, &text[mark_start..mark_end]);
        out.push_str("</mark>");
    }
    push_escaped(out, &text[mark_end..cut]);
    let rest = text[cut..].chars().count();
    if rest > 0 {
        let _ = write!(
            out,
            "<span class=\"more\">… {} more {} not shown</span>",
            number(rest),
            plural(rest, "character", "characters")
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn field(text: &str, marked: &str) -> FieldText {
        let start = text.find(marked).unwrap();
        FieldText {
            name: Arc::from("Description"),
            text: text.to_owned(),
            mark: start..start + marked.len(),
            file_line: None,
        }
    }

    #[test]
    fn a_short_field_is_shown_whole_and_escaped() {
        let mut out = String::new();
        push_field(&mut out, &field("Fast <b>checkout</b>\nfor all", "Fast"));
        assert_eq!(
            out,
            "<pre class=\"snippet field-text\"><code><mark>Fast</mark> &lt;b&gt;checkout\
             &lt;/b&gt;\nfor all</code></pre>"
        );
    }

    #[test]
    fn a_long_field_shows_its_lines_around_the_mark_and_the_rest_on_demand() {
        let text: String = (1..=40).map(|i| format!("criterion {i}\n")).collect();
        let mut out = String::new();
        push_field(&mut out, &field(&text, "criterion 30"));
        let (excerpt, whole) = out.split_once("<details").unwrap();
        assert!(excerpt.contains("<span class=\"ln\">30</span><mark>criterion 30</mark>"));
        assert!(!excerpt.contains("criterion 1\n"), "{excerpt}");
        assert!(whole.contains("<summary>The whole Description: 40 lines</summary>"));
        assert!(whole.contains("criterion 1\ncriterion 2\n"), "{whole}");
        assert!(whole.contains("<mark>criterion 30</mark>"));
    }

    #[test]
    fn very_long_fields_are_cut_and_counted() {
        let mut out = String::new();
        let text = format!("vague {}", "x".repeat(30));
        push_marked(&mut out, &field(&text, "vague"), 10);
        assert_eq!(
            out,
            "<mark>vague</mark> xxxx<span class=\"more\">… 26 more characters not shown</span>"
        );
    }
}
