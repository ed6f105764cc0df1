//! Heading and label lines that may stand above the story sentence in a description:
//! `*User Story*`, `h3. Story`, `## Story`, `User story:`, `{panel:title=Story}`, `----`.
//!
//! Told apart by their shape, not their words: a short line (at most [`MAX_WORDS`] words)
//! with no sentence punctuation inside, once its heading marker (`h1.`–`h6.`, `#`),
//! emphasis (`*…*`, `_…_`, `+…+`) and a trailing colon are taken off. A line that is all
//! dashes or a `{macro}` is a heading too.

/// The most words a heading or label has.
const MAX_WORDS: usize = 5;

/// The most characters a heading or label has.
const MAX_CHARS: usize = 50;

/// Whether `line` (a description line, without the line break) is a heading or label, not
/// text. A blank line is not a heading; the caller skips blank lines itself.
pub(crate) fn is_heading(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    if line
        .chars()
        .all(|c| matches!(c, '-' | '=' | '_' | '*' | '~'))
        || is_macro(line)
    {
        return true;
    }
    let label = strip_emphasis(strip_heading_marker(line)).trim();
    let label = label.strip_suffix(':').unwrap_or(label);
    let label = strip_emphasis(label).trim();
    !label.is_empty()
        && label.chars().count() <= MAX_CHARS
        && label.split_whitespace().count() <= MAX_WORDS
        && !label.contains(['.', ',', ';', '!', '?', ':', '"', '“', '”'])
}

/// Bytes of a label that opens `line` before the text on the same line: `*User Story*:`,
/// `**Story**`, `Story:` (a heading's shape, then a colon or closing emphasis); 0 when
/// there is none.
pub(crate) fn label_prefix_len(line: &str) -> usize {
    let emphasised = ["**", "__", "*", "_"].iter().find_map(|mark| {
        let inner = line.strip_prefix(mark)?;
        let close = inner.find(mark)?;
        Some(mark.len() * 2 + close)
    });
    let label_end = emphasised.or_else(|| line.find(':').map(|colon| colon + 1));
    let Some(label_end) = label_end else {
        return 0;
    };
    let Some(label) = line.get(..label_end) else {
        return 0;
    };
    let rest = line.get(label_end..).unwrap_or("");
    let after_colon = rest.trim_start().strip_prefix(':').unwrap_or(rest);
    let end = line.len() - after_colon.trim_start().len();
    if is_heading(label) && end < line.len() {
        end
    } else {
        0
    }
}

/// `line` past a wiki heading marker (`h3. `) or Markdown heading marks (`## `).
fn strip_heading_marker(line: &str) -> &str {
    let bytes = line.as_bytes();
    let wiki = bytes.len() > 3
        && bytes[0].eq_ignore_ascii_case(&b'h')
        && (b'1'..=b'6').contains(&bytes[1])
        && bytes[2] == b'.';
    if wiki {
        return line.get(3..).unwrap_or(line).trim_start();
    }
    let hashes = line.trim_start_matches('#');
    if hashes.len() < line.len() && hashes.starts_with(char::is_whitespace) {
        return hashes.trim_start();
    }
    line
}

/// `text` without one pair of enclosing emphasis marks (`*`, `**`, `_`, `__`, `+`).
fn strip_emphasis(text: &str) -> &str {
    for mark in ["**", "__", "*", "_", "+"] {
        if let Some(inner) = text
            .strip_prefix(mark)
            .and_then(|rest| rest.strip_suffix(mark))
        {
            return inner;
        }
    }
    text
}

/// A Jira wiki macro on a line of its own: `{panel:title=Story}`, `{quote}`.
fn is_macro(line: &str) -> bool {
    line.starts_with('{') && line.ends_with('}') && !line.get(1..).unwrap_or("").contains('{')
}

#[cfg(test)]
mod tests {
    use super::{is_heading, label_prefix_len};

    #[test]
    fn headings_and_labels_are_recognised_by_shape() {
        for line in [
            "*User Story*",
            "*User Story* ",
            "**Story:**",
            "h3. Story",
            "H2. The need",
            "## Story",
            "User story:",
            "_Background_",
            "Narrative",
            "{panel:title=Story}",
            "----",
        ] {
            assert!(is_heading(line), "{line:?} is a heading");
        }
    }

    #[test]
    fn a_label_before_the_text_on_its_line() {
        for (line, text) in [
            ("*User Story*: As a clerk", "As a clerk"),
            ("**Story** As a clerk", "As a clerk"),
            ("Story:  As a clerk", "As a clerk"),
            ("As a clerk", "As a clerk"),
            (
                "The nightly export to the warehouse fails: see the log",
                "The nightly export to the warehouse fails: see the log",
            ),
            ("*Story*", "*Story*"),
        ] {
            assert_eq!(&line[label_prefix_len(line)..], text, "{line:?}");
        }
    }

    #[test]
    fn sentences_and_blank_lines_are_not_headings() {
        for line in [
            "",
            "   ",
            "As a clerk, I want to print invoices.",
            "Customers complain that the checkout page times out.",
            "The export fails, see the log.",
            "Note: this replaces the old importer, which is retired.",
            "We need this soon.",
        ] {
            assert!(!is_heading(line), "{line:?} is not a heading");
        }
    }
}
