//! Markdown (GitHub issue bodies) as the plain text rules read, every byte mapped to the
//! file.
//!
//! Parsed by `pulldown-cmark` (CommonMark with GitHub's tables, task lists and
//! strikethrough), whose events carry the byte range of their source: text is sliced from
//! the Markdown so its mapping to the file survives (through JSON escapes too), and what
//! the conversion adds (markers, line breaks) stands for the element it comes from. The
//! output follows the conventions of [`PlainWriter`]: headings are their text alone on a
//! line, task-list items are `- [ ] …`/`- [x] …`, emphasis and link syntax are gone, HTML
//! (issue templates' `<!-- comments -->`) is dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::backlog::MappedText;
use crate::ingest::plain_writer::{OuterIndent, PlainWriter};

/// Markdown as plain text; `markdown` maps to the file.
pub fn to_plain(markdown: &MappedText) -> MappedText {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let text = markdown.as_str();
    let mut writer = Writer {
        markdown,
        out: PlainWriter::default(),
        lists: Vec::new(),
        items: Vec::new(),
        cell: 0,
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        writer.event(event, range);
    }
    let plain = writer.out.finish();
    if plain.is_empty() {
        return MappedText::empty_at(markdown.source_offset(0));
    }
    plain
}

/// An item whose marker is not written yet: a task-list marker may still change it.
#[derive(Debug)]
struct PendingItem {
    marker: String,
    at: usize,
}

/// Where an item stands: its marker waits, or it is written.
#[derive(Debug)]
enum ItemState {
    Pending(PendingItem),
    Open(OuterIndent),
}

struct Writer<'m> {
    markdown: &'m MappedText,
    out: PlainWriter,
    /// Per enclosing list, the number of its next item (`None` for a bullet list).
    lists: Vec<Option<u64>>,
    items: Vec<ItemState>,
    /// The index of the next cell of the table row under way.
    cell: usize,
}

impl Writer<'_> {
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let at = self.markdown.source_offset(range.start);
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag),
            Event::TaskListMarker(checked) => {
                if let Some(ItemState::Pending(item)) = self.items.last_mut() {
                    item.marker = if checked { "- [x] " } else { "- [ ] " }.to_owned();
                    item.at = at;
                }
            }
            Event::Text(text) | Event::Code(text) => {
                self.open_item();
                self.text(&text, range);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.open_item();
                self.out.line_break(at);
            }
            Event::Rule => self.out.start_block(at),
            // HTML, footnote references, math: not text a reader sees.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            // A block's line, unless it is the first of an item whose marker waits.
            Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_)
                if !matches!(self.items.last(), Some(ItemState::Pending(_))) =>
            {
                self.out.start_block(at);
            }
            Tag::List(first) => {
                self.open_item();
                self.lists.push(first);
                self.out.begin_list();
            }
            Tag::Item => {
                let marker = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let marker = format!("{number}. ");
                        *number = number.saturating_add(1);
                        marker
                    }
                    _ => "- ".to_owned(),
                };
                self.items
                    .push(ItemState::Pending(PendingItem { marker, at }));
            }
            Tag::TableRow | Tag::TableHead => {
                self.out.begin_row(at);
                self.cell = 0;
            }
            Tag::TableCell => {
                self.out.begin_cell(self.cell, at);
                self.cell += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::List(_) => {
                self.lists.pop();
                self.out.end_list();
            }
            TagEnd::Item => {
                // An empty item (`- [ ]` alone) still has its marker.
                self.open_item();
                if let Some(ItemState::Open(outer)) = self.items.pop() {
                    self.out.end_item(outer);
                }
            }
            TagEnd::TableCell => self.out.end_cell(),
            TagEnd::TableRow | TagEnd::TableHead => self.out.end_row(),
            _ => {}
        }
    }

    /// Writes the marker of the innermost item if it still waits.
    fn open_item(&mut self) {
        if let Some(state) = self.items.last_mut() {
            if let ItemState::Pending(item) = state {
                let outer = self.out.begin_item(&item.marker, item.at);
                *state = ItemState::Open(outer);
            }
        }
    }

    /// Text the parser read at `range` of the Markdown: sliced from it when it is a copy
    /// (nearly always), else (an entity, `&amp;`) written in place of that range.
    fn text(&mut self, text: &str, range: std::ops::Range<usize>) {
        let markdown = self.markdown.as_str();
        let Some(raw) = markdown.get(range.clone()) else {
            return;
        };
        let start = match raw.find(text) {
            Some(offset) => range.start + offset,
            None => {
                let mut replaced = MappedText::new();
                replaced.push_replacing(text, self.markdown.source_span(range));
                self.out.push_text(&replaced);
                return;
            }
        };
        self.out
            .push_slice(self.markdown, start..start + text.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(markdown: &str) -> String {
        to_plain(&MappedText::verbatim(markdown, 0))
            .as_str()
            .to_owned()
    }

    #[test]
    fn blocks_become_lines() {
        let markdown = "## Acceptance criteria\r\n\r\n- [ ] The **cart** is kept\r\n- [x] A [link](https://example.com) works\r\n\r\nNotes  \nhere `code` &amp; more\n";
        assert_eq!(
            plain(markdown),
            "Acceptance criteria\n- [ ] The cart is kept\n- [x] A link works\nNotes\nhere code & more"
        );
    }

    #[test]
    fn lists_nest_and_number() {
        let markdown = "1. one\n2. two\n   - inner\n\n     more\n3. [ ] a task\n";
        assert_eq!(
            plain(markdown),
            "1. one\n2. two\n  - inner\n    more\n- [ ] a task"
        );
    }

    #[test]
    fn tables_and_html() {
        let markdown = "<!-- fill this in -->\n| Given | Then |\n|---|---|\n| a | b |\n";
        assert_eq!(plain(markdown), "Given | Then\na | b");
    }

    #[test]
    fn text_maps_back_through_json_escapes() {
        use crate::backlog::Span;
        // The body `"- [ ] Saved \"cart\"\r\n"` as a JSON string whose content starts at 10.
        let raw = r#"- [ ] Saved \"cart\"\r\n"#;
        let mut text = MappedText::new();
        text.push_copied("- [ ] Saved ", 10);
        text.push_replacing("\"", Span::new(22, 24));
        text.push_copied("cart", 24);
        text.push_replacing("\"", Span::new(28, 30));
        text.push_replacing("\r", Span::new(30, 32));
        text.push_replacing("\n", Span::new(32, 34));
        assert_eq!(raw.len(), 24);
        assert_eq!(&raw[12..14], "\\\"");
        let out = to_plain(&text);
        assert_eq!(out.as_str(), "- [ ] Saved \"cart\"");
        let at = out.as_str().find("cart").unwrap();
        assert_eq!(out.source_span(at..at + 4), Span::new(24, 28));
        // The marker stands for the `[ ]` it replaces.
        assert_eq!(out.source_span(0..1).start, 12);
    }

    #[test]
    fn empty_markdown_stands_where_it_was() {
        let out = to_plain(&MappedText::verbatim("<!-- -->", 7));
        assert!(out.is_empty());
        assert_eq!(out.source_offset(0), 7);
    }
}
