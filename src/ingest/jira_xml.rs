//! Jira's XML export (the issue navigator's "Export > XML": RSS 0.92, one `rss/channel/item`
//! per issue), parsed with `roxmltree`, which keeps the byte range of every element and
//! attribute.
//!
//! | field | from |
//! |---|---|
//! | key, summary, issue type, priority, status, assignee, parent | `key`, `summary`, `type`, `priority`, `status`, `assignee` (not `username="-1"`, "Unassigned"), `parent` |
//! | status category | `statusCategory`'s `key` attribute (`new`, `indeterminate`, `done`) |
//! | labels | `labels/label` |
//! | created, updated | `created`, `updated` (`Tue, 3 Feb 2026 10:15:00 +0000`) |
//! | description | `description`: escaped HTML, made plain ([`html`]) |
//! | story points, epic link, sprint, acceptance criteria… | `customfields/customfield` by its `customfieldname`, as `[fields]` names them |
//!
//! Values point into the XML, through its entities and into the escaped HTML.

use std::sync::Arc;

use roxmltree::{Document, Node, ParsingOptions};

use crate::backlog::{
    Entry, Field, FieldOrigin, FileInfo, FileKind, Item, MappedText, Span, Value,
};
use crate::error::Error;
use crate::ingest::{html, xml_text, ReadOptions};
use crate::source::Source;

/// The elements of an item that fill a field, as Jira names them.
const ELEMENTS: [(&str, Field); 11] = [
    ("key", Field::Key),
    ("summary", Field::Summary),
    ("description", Field::Description),
    ("type", Field::IssueType),
    ("status", Field::Status),
    ("priority", Field::Priority),
    ("assignee", Field::Assignee),
    ("parent", Field::Parent),
    ("created", Field::Created),
    ("updated", Field::Updated),
    ("labels", Field::Labels),
];

/// `statusCategory`'s keys and the category names the rules know.
const CATEGORIES: [(&str, &str); 3] = [
    ("new", "To Do"),
    ("indeterminate", "In Progress"),
    ("done", "Done"),
];

/// What this reader's files are: `--input-format jira-xml`.
pub const KIND: FileKind = FileKind {
    reader: "jira-xml",
    issues: true,
    self_links: false,
};

/// Reads every item of a Jira XML export.
pub fn read(
    source: &Source,
    source_index: usize,
    options: &ReadOptions,
) -> Result<(FileInfo, Vec<Item>), Error> {
    let text = source.text();
    let parsing = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, parsing).map_err(|e| {
        // An element never closed or a file that stops: the error is where the file ends.
        let cut_off = matches!(
            e,
            roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream
        );
        let at = if cut_off {
            text.trim_end().len()
        } else if let roxmltree::Error::DtdDetected = e {
            // Entities a DTD declares could expand without bound: refused, where it stands.
            text.find("<!DOCTYPE").unwrap_or_default()
        } else {
            offset_of(text, e.pos().row, e.pos().col)
        };
        let help = if cut_off {
            "the file ends before its elements are closed: it was probably cut off; export the XML from Jira again"
        } else {
            "fix the XML at this place, or export it from Jira again"
        };
        Error::at(source, Span::new(at, (at + 1).min(text.len()).max(at)), format!("invalid XML: {e}"))
            .help(help)
            .build()
    })?;
    let root = document.root_element();
    let channel = (root.has_tag_name("rss"))
        .then(|| child(root, "channel"))
        .flatten()
        .ok_or_else(|| {
            let start = root.range().start;
            Error::at(source, Span::new(start, start + 1 + root.tag_name().name().len()), "this is not a Jira XML export: it has no rss/channel")
                .label("the root element")
                .help("backlint reads the XML of Jira's issue navigator (Export > XML): an RSS document whose items are issues")
                .build()
        })?;
    let max_cell = options.limits.max_cell_bytes();
    let mut reader = ItemReader {
        text,
        options,
        origins: Field::ALL
            .into_iter()
            .map(|field| FieldOrigin {
                field,
                names: Vec::new(),
            })
            .collect(),
    };
    let mut items = Vec::new();
    for (index, node) in channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .enumerate()
    {
        let range = node.range();
        if let Some(large) = node
            .descendants()
            .find(|n| n.is_text() && n.range().len() > max_cell)
        {
            let range = large.range();
            return Err(crate::limits::cell_too_large(
                source,
                range.start,
                range.len(),
                max_cell,
            ));
        }
        crate::progress::item_read();
        items.push(reader.item(source_index, index + 1, node, range.start));
    }
    let info = FileInfo {
        kind: KIND,
        origins: reader.origins,
        decoder: None,
    };
    Ok((info, items))
}

struct ItemReader<'t> {
    text: &'t str,
    options: &'t ReadOptions,
    origins: Vec<FieldOrigin>,
}

/// An entry with where it sorts: mapped fields first, by field and preference.
type Ranked = ((u8, Option<Field>, usize), Entry);

impl ItemReader<'_> {
    fn item(&mut self, source: usize, record: usize, item: Node<'_, '_>, start: usize) -> Item {
        let mut ranked: Vec<Ranked> = Vec::new();
        for (name, field) in ELEMENTS {
            let Some(element) = child(item, name) else {
                continue;
            };
            let unassigned = name == "assignee" && element.attribute("username") == Some("-1");
            let values: Vec<Value> = match name {
                "labels" => element
                    .children()
                    .filter(|n| n.has_tag_name("label"))
                    .map(|label| self.content(label))
                    .collect(),
                _ if unassigned => Vec::new(),
                _ => vec![self.content(element)],
            };
            let origin = if name == "labels" {
                "labels/label"
            } else {
                name
            };
            note_origin(&mut self.origins, field, origin);
            for mut value in values {
                if field == Field::Description {
                    value.text = html::to_plain(&value.text);
                }
                push(&mut ranked, (0, Some(field), 0), name, Some(field), value);
            }
        }
        if let Some(category) = child(item, "statusCategory").and_then(|c| c.attribute_node("key"))
        {
            let named = CATEGORIES.iter().find(|(key, _)| *key == category.value());
            if let Some((_, name)) = named {
                let range = category.range_value();
                let value = Value {
                    text: {
                        let mut text = MappedText::new();
                        text.push_replacing(name, Span::new(range.start, range.end));
                        text
                    },
                    span: Span::new(range.start, range.end),
                };
                note_origin(
                    &mut self.origins,
                    Field::StatusCategory,
                    "statusCategory@key",
                );
                push(
                    &mut ranked,
                    (0, Some(Field::StatusCategory), 0),
                    "statusCategory",
                    Some(Field::StatusCategory),
                    value,
                );
            }
        }
        for custom in child(item, "customfields")
            .into_iter()
            .flat_map(|c| c.children())
            .filter(|n| n.has_tag_name("customfield"))
        {
            self.custom_field(custom, &mut ranked);
        }
        ranked.sort_by_key(|(sort, _)| *sort);
        let entries: Vec<Entry> = ranked.into_iter().map(|(_, entry)| entry).collect();
        let key = entries
            .iter()
            .find(|e| e.field == Some(Field::Key))
            .map_or_else(
                || format!("item {record}"),
                |e| e.value.as_str().trim().to_owned(),
            );
        Item {
            source,
            record,
            key,
            anchor: Span::empty_at(start),
            entries,
            blanks: Vec::new(),
        }
    }

    /// A custom field: its values under its name, in the field `[fields]` names it for.
    fn custom_field(&mut self, custom: Node<'_, '_>, ranked: &mut Vec<Ranked>) {
        let Some(name) = child(custom, "customfieldname").and_then(|n| n.text()) else {
            return;
        };
        let name = name.trim();
        let lookup = self.options.fields.lookup(name);
        if lookup.is_none() && !self.options.keeps_unmapped(name) {
            return;
        }
        let id = custom.attribute("id").unwrap_or_default();
        if let Some((field, _)) = lookup {
            note_origin(&mut self.origins, field, &format!("{id} ({name})"));
        }
        let values = child(custom, "customfieldvalues")
            .into_iter()
            .flat_map(|v| v.children())
            .filter(|n| n.has_tag_name("customfieldvalue"));
        for value in values {
            let mut value = self.content(value);
            if let Some((Field::Description | Field::AcceptanceCriteria, _)) = lookup {
                value.text = html::to_plain(&value.text);
            }
            let sort = match lookup {
                Some((field, rank)) => (0, Some(field), rank),
                None => (1, None, 0),
            };
            push(ranked, sort, name, lookup.map(|l| l.0), value);
        }
    }

    /// The text of an element's content, mapped to the file.
    fn content(&self, element: Node<'_, '_>) -> Value {
        let span = content_span(self.text, element.range());
        Value {
            text: xml_text::text(&self.text[span.start..span.end], span.start),
            span,
        }
    }
}

fn push(
    ranked: &mut Vec<Ranked>,
    sort: (u8, Option<Field>, usize),
    name: &str,
    field: Option<Field>,
    value: Value,
) {
    if value.as_str().trim().is_empty() {
        return;
    }
    let entry = Entry {
        name: Arc::from(name),
        field,
        value,
    };
    ranked.push((sort, entry));
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name(name))
}

/// Records that `field` was read from `name`, for `backlint fields`.
fn note_origin(origins: &mut [FieldOrigin], field: Field, name: &str) {
    if let Some(origin) = origins.iter_mut().find(|o| o.field == field) {
        if !origin.names.iter().any(|n| n == name) {
            origin.names.push(name.to_owned());
        }
    }
}

/// Between an element's start tag and its end tag (empty for `<x/>`).
fn content_span(text: &str, element: std::ops::Range<usize>) -> Span {
    let raw = &text[element.clone()];
    let mut quote = None;
    let mut start_tag_end = raw.len();
    for (at, c) in raw.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, '>') => {
                start_tag_end = at + 1;
                break;
            }
            _ => {}
        }
    }
    if raw[..start_tag_end].ends_with("/>") {
        return Span::empty_at(element.start + start_tag_end);
    }
    let end_tag = raw
        .rfind("</")
        .filter(|&at| at >= start_tag_end)
        .unwrap_or(start_tag_end);
    Span::new(element.start + start_tag_end, element.start + end_tag)
}

/// The byte offset of 1-based `row` and `col` (in characters), within the text.
fn offset_of(text: &str, row: u32, col: u32) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let line = &text[line_start.min(text.len())..];
    line.char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(text.len(), |(at, _)| line_start + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_between_the_tags() {
        let text = "<a x=\"1>2\">in &amp; out</a><b/><c></c>";
        assert_eq!(content_span(text, 0..27), Span::new(11, 23));
        assert_eq!(content_span(text, 27..31), Span::empty_at(31));
        assert_eq!(content_span(text, 31..38), Span::new(34, 34));
    }

    #[test]
    fn error_positions_become_offsets() {
        assert_eq!(offset_of("ab\ncé\nx", 2, 2), 4);
        assert_eq!(offset_of("ab\ncé\nx", 3, 1), 7);
        assert_eq!(offset_of("ab", 9, 1), 2);
    }
}
