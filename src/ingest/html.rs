//! The HTML Jira renders descriptions into (its XML export holds it, escaped) as the
//! plain text rules read ([`PlainWriter`]'s conventions), every character mapped to the
//! file.
//!
//! Jira's rendered HTML is regular: block tags (`p`, `div`, headings, `br`), lists
//! (`ul`/`ol`/`li`), tables (`tr`/`th`/`td`) and inline tags whose text is kept (`b`,
//! `a`, `span`). A small scanner over tags and entities is enough for it; anything it
//! does not know is dropped as a tag, never read as text, so no markup reaches a rule.

use crate::backlog::MappedText;
use crate::ingest::plain_writer::{OuterIndent, PlainWriter};
use crate::ingest::xml_text;

/// `html` (mapped to the file) as plain text.
pub fn to_plain(html: &MappedText) -> MappedText {
    let text = html.as_str();
    let mut writer = Writer {
        html,
        out: PlainWriter::default(),
        lists: Vec::new(),
        items: Vec::new(),
        cell: 0,
        skip_until: None,
    };
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let next = rest.find('<').unwrap_or(rest.len());
        if writer.skip_until.is_none() {
            writer.text(at..at + next);
        }
        at += next;
        if at < text.len() {
            at = writer.tag(at);
        }
    }
    let plain = writer.out.finish();
    if plain.is_empty() {
        return MappedText::empty_at(html.source_offset(0));
    }
    plain
}

struct Writer<'h> {
    html: &'h MappedText,
    out: PlainWriter,
    /// Per enclosing list, the number of its next item (`None` for `ul`).
    lists: Vec<Option<u64>>,
    items: Vec<OuterIndent>,
    cell: usize,
    /// Inside `<style>` or `<script>`: their content is no text.
    skip_until: Option<&'static str>,
}

impl Writer<'_> {
    /// Reads the tag (or comment) starting at `at`; returns where it ends.
    fn tag(&mut self, at: usize) -> usize {
        let text = self.html.as_str();
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            return rest.find("-->").map_or(text.len(), |end| at + end + 3);
        }
        let end = rest.find('>').map_or(text.len(), |end| at + end + 1);
        let inner = text[at + 1..end].trim_end_matches('>');
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let source = self.html.source_offset(at);
        if let Some(until) = self.skip_until {
            if closing && name == until {
                self.skip_until = None;
            }
            return end;
        }
        match (name.as_str(), closing) {
            ("style", false) => self.skip_until = Some("style"),
            ("script", false) => self.skip_until = Some("script"),
            ("br", _) => self.out.line_break(source),
            (
                "p" | "div" | "pre" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6",
                false,
            )
            | ("hr", _) => self.out.start_block(source),
            ("ul", false) => self.begin_list(None),
            ("ol", false) => self.begin_list(Some(1)),
            ("ul" | "ol", true) => {
                self.lists.pop();
                self.out.end_list();
            }
            ("li", false) => {
                let marker = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let marker = format!("{number}. ");
                        *number = number.saturating_add(1);
                        marker
                    }
                    _ => "- ".to_owned(),
                };
                let outer = self.out.begin_item(&marker, source);
                self.items.push(outer);
            }
            ("li", true) => {
                if let Some(outer) = self.items.pop() {
                    self.out.end_item(outer);
                }
            }
            ("tr", false) => {
                self.out.begin_row(source);
                self.cell = 0;
            }
            ("tr", true) => self.out.end_row(),
            ("td" | "th", false) => {
                self.out.begin_cell(self.cell, source);
                self.cell += 1;
            }
            ("td" | "th", true) => self.out.end_cell(),
            _ => {}
        }
        end
    }

    fn begin_list(&mut self, first: Option<u64>) {
        self.lists.push(first);
        self.out.begin_list();
    }

    /// Text between tags: entities undone, line breaks and runs of white space as one
    /// space (as a browser shows them); white space alone between tags is nothing.
    fn text(&mut self, range: std::ops::Range<usize>) {
        let raw = &self.html.as_str()[range.clone()];
        if raw.trim().is_empty() {
            return;
        }
        let mut text = MappedText::new();
        let mut at = range.start;
        let mut space = false;
        while at < range.end {
            let rest = &self.html.as_str()[at..range.end];
            let c = rest.chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                if !space {
                    text.push_replacing(" ", self.html.source_span(at..at + c.len_utf8()));
                }
                space = true;
                at += c.len_utf8();
                continue;
            }
            space = false;
            let entity = rest
                .strip_prefix('&')
                .and_then(|after| Some((after, after.find(';').filter(|&end| end <= 10)?)))
                .and_then(|(after, end)| Some((end, html_entity(&after[..end])?)));
            match entity {
                Some((end, c)) => {
                    let mut buffer = [0; 4];
                    text.push_replacing(
                        c.encode_utf8(&mut buffer),
                        self.html.source_span(at..at + end + 2),
                    );
                    at += end + 2;
                }
                None => {
                    let run = rest
                        .find(|c: char| c == '&' || c.is_whitespace())
                        .unwrap_or(rest.len())
                        .max(1);
                    let run = (1..=run)
                        .rev()
                        .find(|&n| rest.is_char_boundary(n))
                        .unwrap_or(rest.len());
                    text.push_slice(self.html, at..at + run);
                    at += run;
                }
            }
        }
        self.out.push_text(&text);
    }
}

/// An HTML entity's character: XML's, `nbsp` (a space) and the numeric ones.
fn html_entity(name: &str) -> Option<char> {
    match name {
        "nbsp" => Some(' '),
        _ => xml_text::entity(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::Span;

    fn plain(html: &str) -> String {
        to_plain(&MappedText::verbatim(html, 0)).as_str().to_owned()
    }

    #[test]
    fn blocks_lists_and_tables() {
        let html = "<p>As a clerk,\n I want&nbsp;<b>PDFs</b> &amp; more.</p>\n<h3><a name=\"x\"></a>Acceptance Criteria</h3>\n<ul>\n\t<li>Files are named by number</li>\n\t<li>One per invoice<ol><li>nested</li></ol></li>\n</ul>\n<table><tr><th>Given</th><th>Then</th></tr><tr><td>a</td><td>b</td></tr></table><!-- x --><style>p{}</style>";
        assert_eq!(
            plain(html),
            "As a clerk, I want PDFs & more.\nAcceptance Criteria\n- Files are named by number\n- One per invoice\n  1. nested\nGiven | Then\na | b"
        );
    }

    #[test]
    fn text_maps_back() {
        let html = "<p>caf&#233; &amp; &eacute;</p>";
        let text = to_plain(&MappedText::verbatim(html, 5));
        // An entity it does not know is left as written.
        assert_eq!(text.as_str(), "café & &eacute;");
        let at = text.as_str().find('é').unwrap();
        assert_eq!(text.source_span(at..at + 2), Span::new(5 + 6, 5 + 12));
    }
}
