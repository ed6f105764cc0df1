//! The input read line by line for its block structure: indentation, list markers,
//! checkboxes, table rows.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    Plain,
    Bullet,
    Numbered,
    Check,
}

/// One line of the input, read for its block structure.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// The text without indentation, list marker, checkbox, table edges and surrounding
    /// white space.
    pub(super) content: Range<usize>,
    /// Columns of indentation (a tab counts two).
    pub(super) indent: usize,
    pub(super) marker: Marker,
    /// A table row (plain line with ` | ` between cells or a leading `|`).
    pub(super) table: bool,
    /// A heading-like line that titles the list under it.
    pub(super) label: bool,
}

impl Line {
    pub(super) fn is_blank(&self) -> bool {
        self.content.is_empty() && self.marker == Marker::Plain
    }

    pub(super) fn is_item(&self) -> bool {
        self.marker != Marker::Plain
    }

    pub(super) fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.content.clone()).unwrap_or_default()
    }
}

pub(super) const BULLETS: [char; 9] = ['-', '*', '+', '•', '◦', '▪', '‣', '–', '·'];

pub(super) fn parse_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        lines.push(parse_line(piece, start));
        start += piece.len() + 1;
    }
    lines
}

pub(super) fn parse_line(piece: &str, offset: usize) -> Line {
    let body = piece.trim_start_matches([' ', '\t']);
    let lead = piece.len() - body.len();
    let indent = piece
        .bytes()
        .take(lead)
        .map(|b| if b == b'\t' { 2 } else { 1 })
        .sum();
    let (marker, skip) = list_marker(body);
    let rest = body.get(skip..).unwrap_or_default();
    let trimmed = rest.trim();
    let mut from = offset + lead + skip + (rest.len() - rest.trim_start().len());
    let mut to = from + trimmed.len();
    let mut table = false;
    if marker == Marker::Plain && is_table_row(trimmed) {
        table = true;
        let edge = |c: char| c == '|' || c.is_whitespace();
        let inner = trimmed.trim_start_matches(edge);
        from += trimmed.len() - inner.len();
        to = from + inner.trim_end_matches(edge).len();
    }
    Line {
        content: from..to,
        indent,
        marker,
        table,
        label: false,
    }
}

/// The list marker at the start of `body` and the bytes it takes with the spaces after it.
pub(super) fn list_marker(body: &str) -> (Marker, usize) {
    if let Some(c) = body.chars().next().filter(|c| BULLETS.contains(c)) {
        let after = c.len_utf8();
        let tail = body.get(after..).unwrap_or_default();
        if tail.is_empty() || tail.starts_with(char::is_whitespace) {
            let at = after + tail.len() - tail.trim_start().len();
            return match checkbox(body.get(at..).unwrap_or_default()) {
                Some(len) => (Marker::Check, at + len),
                None => (Marker::Bullet, at),
            };
        }
    }
    if let Some(len) = checkbox(body) {
        return (Marker::Check, len);
    }
    let bytes = body.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let lead = match digits {
        1..=3 if matches!(bytes.get(digits), Some(b'.' | b')')) => digits + 1,
        0 if bytes.first().is_some_and(u8::is_ascii_alphabetic) && bytes.get(1) == Some(&b')') => 2,
        _ => return (Marker::Plain, 0),
    };
    let tail = body.get(lead..).unwrap_or_default();
    if tail.is_empty() || tail.starts_with(char::is_whitespace) {
        (
            Marker::Numbered,
            lead + tail.len() - tail.trim_start().len(),
        )
    } else {
        (Marker::Plain, 0)
    }
}

/// A checkbox (`[ ]`, `[x]`, `[X]`, `[]`, `[✓]`, or a ballot box `☐`, `☑`, `☒` as
/// pasted from Word, Confluence or Notion) at the start of `s`: its length with the
/// spaces after it.
pub(super) fn checkbox(s: &str) -> Option<usize> {
    if let Some(rest) = s.strip_prefix(['☐', '☑', '☒']) {
        return rest
            .starts_with(char::is_whitespace)
            .then(|| s.len() - rest.trim_start().len());
    }
    let inner = s.strip_prefix('[')?;
    let rest = match inner.chars().next()? {
        ']' => inner,
        c @ (' ' | 'x' | 'X' | '✓' | '✔') => inner.get(c.len_utf8()..)?,
        _ => return None,
    };
    let rest = rest.strip_prefix(']')?;
    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        Some(s.len() - rest.trim_start().len())
    } else {
        None
    }
}

pub(super) fn is_table_row(content: &str) -> bool {
    content.contains(" | ") || (content.len() > 1 && content.starts_with('|'))
}
