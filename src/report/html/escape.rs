//! Text from the export made safe for HTML: the same escaping serves text and attribute
//! values (always written in double quotes), so a summary holding `<script>` or
//! `"><img onerror=…>` reads as text wherever it lands.

/// Appends `text` escaped: `& < > " '` become entities, and control characters other than
/// tab and line break (which HTML would drop or reject) become U+FFFD, visibly.
pub fn push(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `text` escaped, see [`push`].
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push(&mut out, text);
    out
}

/// The first `max` characters of `text`, with `…` when cut.
pub(crate) fn truncate(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()).into(),
        None => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("\"><img src=x onerror='alert(2)'> & <script>\u{0}"),
            "&quot;&gt;&lt;img src=x onerror=&#39;alert(2)&#39;&gt; &amp; &lt;script&gt;\u{FFFD}"
        );
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("äbcdef", 3), "äbc…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
