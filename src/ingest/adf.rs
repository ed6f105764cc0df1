//! Atlassian Document Format (the rich text of Jira's REST API v3) as [`MappedText`].
//!
//! The plain text follows the conventions of the wiki markup converter, which rules rely
//! on: every block on a line of its own, list items behind `- `, `1. ` or `- [ ] `, nested
//! lists two spaces further in, table rows as cells joined with ` | `. Text from `text`
//! nodes maps back to its characters in the JSON string; what the conversion adds (line
//! breaks, markers, separators) stands for the node it comes from.
//!
//! The document is read where it stands in the JSON text, with the reader's [`Cursor`]:
//! no tree is built. Of each node, the first property of each name counts (as a parsed
//! tree's lookup by name would give), and only if it has the kind expected.

use std::borrow::Cow;

use crate::backlog::stored::Raw;
use crate::backlog::{MappedText, Span};
use crate::ingest::jira_json::outline::unquoted;
use crate::ingest::jira_json::syntax::{Cursor, Invalid, Kind};
use crate::ingest::json_text::literal_text;
use crate::ingest::plain_writer::PlainWriter;

/// The document whose value starts at `at` (after any white space) in `text`, a JSON text
/// read whole before, as plain text.
pub fn to_plain(text: &str, at: usize) -> MappedText {
    let mut writer = Writer {
        text,
        out: PlainWriter::default(),
    };
    let mut cursor = Cursor::trusted(text, at);
    let start = match cursor.peek() {
        Some(Kind::Object) => {
            let start = cursor.at();
            if let Ok(node) = Node::read(&mut cursor) {
                writer.node(&node);
            }
            start
        }
        _ => cursor.at(),
    };
    let plain = writer.out.finish();
    if plain.is_empty() {
        // A document without text still stands where the document is.
        return MappedText::empty_at(start);
    }
    plain
}

/// What converting a node reads of it.
struct Node<'t> {
    /// Where its object starts.
    start: usize,
    /// `type`, when a string.
    kind: Option<Cow<'t, str>>,
    /// The literal of `text`, when a string.
    text: Option<Span>,
    /// `content`, when an array.
    content: Option<Span>,
    /// `attrs`, when an object.
    attrs: Option<Span>,
}

impl<'t> Node<'t> {
    /// Steps over the node the cursor stands before (an object), noting what it holds.
    fn read(cursor: &mut Cursor<'t>) -> Result<Self, Invalid> {
        let text = cursor.text();
        let mut node = Node {
            start: 0,
            kind: None,
            text: None,
            content: None,
            attrs: None,
        };
        let mut seen = [false; 4];
        let span = cursor.object(|cursor, name| {
            let slot = match &*unquoted(text, Raw::of(name)) {
                "type" => 0,
                "text" => 1,
                "content" => 2,
                "attrs" => 3,
                _ => return cursor.value().map(drop),
            };
            let kind = cursor.peek().ok_or(Invalid)?;
            let value = cursor.value()?;
            if std::mem::replace(&mut seen[slot], true) {
                return Ok(());
            }
            match (slot, kind) {
                (0, Kind::String) => node.kind = Some(unquoted(text, Raw::of(value))),
                (1, Kind::String) => node.text = Some(value),
                (2, Kind::Array) => node.content = Some(value),
                (3, Kind::Object) => node.attrs = Some(value),
                _ => {}
            }
            Ok(())
        })?;
        node.start = span.start;
        Ok(node)
    }

    fn is_list(&self) -> bool {
        matches!(
            self.kind.as_deref(),
            Some("bulletList" | "orderedList" | "taskList" | "decisionList")
        )
    }
}

/// Writes the plain text of ADF nodes, in a single pass.
struct Writer<'t> {
    text: &'t str,
    out: PlainWriter,
}

impl<'t> Writer<'t> {
    /// Writes one node; nodes without a string `type` are skipped.
    fn node(&mut self, node: &Node<'t>) {
        let Some(kind) = node.kind.as_deref() else {
            return;
        };
        let at = node.start;
        match kind {
            "text" => {
                if let Some(literal) = node.text {
                    self.out.push_text(&literal_text(literal, self.text));
                }
            }
            "paragraph" | "heading" | "codeBlock" => {
                self.out.start_block(at);
                self.children(node);
            }
            list @ ("bulletList" | "orderedList" | "taskList" | "decisionList") => {
                self.list(node, list)
            }
            "tableRow" => self.row(node),
            "expand" | "nestedExpand" => self.expand(node),
            "hardBreak" => self.out.line_break(at),
            "rule" => self.out.start_block(at),
            "mention" => self.mention(node),
            "emoji" => {
                let text = self.attr(node, "text");
                if let Some(text) = text.or_else(|| self.attr(node, "shortName")) {
                    self.out.push_text(&text);
                }
            }
            "inlineCard" => self.push_attr(node, "url"),
            "blockCard" | "embedCard" => {
                self.out.start_block(at);
                self.push_attr(node, "url");
            }
            "date" => self.push_attr(node, "timestamp"),
            "status" => self.push_attr(node, "text"),
            "mediaSingle" | "mediaGroup" | "media" | "mediaInline" => {}
            // doc, blockquote, panel, table, cells, extensions and unknown types.
            _ => self.children(node),
        }
    }

    /// Writes the nodes of `content`.
    fn children(&mut self, node: &Node<'t>) {
        self.each_child(node, |writer, child| writer.node(child));
    }

    /// Calls `each` with every object of the node's `content`, in order.
    fn each_child(&mut self, node: &Node<'t>, mut each: impl FnMut(&mut Self, &Node<'t>)) {
        let Some(content) = node.content else {
            return;
        };
        let mut cursor = Cursor::trusted(self.text, content.start);
        // The text was read whole before: stepping through it again cannot fail.
        let _ = cursor.array(|cursor| {
            if cursor.peek() == Some(Kind::Object) {
                let child = Node::read(cursor)?;
                each(self, &child);
            } else {
                cursor.value()?;
            }
            Ok(())
        });
    }

    /// A list: each item on a line of its own behind its marker.
    fn list(&mut self, list: &Node<'t>, kind: &str) {
        let mut number = self.attr_number(list, "order").unwrap_or(1);
        self.out.begin_list();
        self.each_child(list, |writer, child| {
            // A list directly in a list (as taskList allows) is a nested list.
            if child.is_list() {
                writer.node(child);
                return;
            }
            let marker: Cow<'static, str> = match kind {
                "orderedList" => format!("{number}. ").into(),
                "taskList" if writer.attr_str(child, "state").as_deref() == Some("DONE") => {
                    "- [x] ".into()
                }
                "taskList" => "- [ ] ".into(),
                _ => "- ".into(),
            };
            writer.item(child, &marker);
            number = number.saturating_add(1);
        });
        self.out.end_list();
    }

    /// One list item: its marker two spaces per enclosing list in, then its content, whose
    /// further lines are indented to the item's text.
    fn item(&mut self, item: &Node<'t>, marker: &str) {
        let outer = self.out.begin_item(marker, item.start);
        self.children(item);
        self.out.end_item(outer);
    }

    /// A table row on one line, its cells joined with ` | `.
    fn row(&mut self, row: &Node<'t>) {
        self.out.begin_row(row.start);
        let mut index = 0;
        self.each_child(row, |writer, cell| {
            writer.out.begin_cell(index, cell.start);
            writer.children(cell);
            writer.out.end_cell();
            index += 1;
        });
        self.out.end_row();
    }

    /// An expand: its title on a line of its own, then its content.
    fn expand(&mut self, expand: &Node<'t>) {
        if let Some(title) = self.attr(expand, "title") {
            self.out.start_block(expand.start);
            self.out.push_text(&title);
        }
        self.children(expand);
    }

    /// A mention as `@name`, whether or not its text has the `@` already.
    fn mention(&mut self, mention: &Node<'t>) {
        let Some(text) = self.attr(mention, "text") else {
            return;
        };
        if !text.as_str().starts_with('@') {
            self.out.push_added("@", mention.start);
        }
        self.out.push_text(&text);
    }

    /// Writes the text of an attribute, if it has any.
    fn push_attr(&mut self, node: &Node<'t>, name: &str) {
        if let Some(text) = self.attr(node, name) {
            self.out.push_text(&text);
        }
    }

    /// The non-empty text of a string or number attribute.
    fn attr(&self, node: &Node<'t>, name: &str) -> Option<MappedText> {
        let text = match self.attribute(node, name)? {
            (Kind::String, literal) => literal_text(literal, self.text),
            (Kind::Other, number) => {
                let raw = self.text.get(number.start..number.end)?;
                if !raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
                    return None;
                }
                MappedText::verbatim(raw, number.start)
            }
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }

    /// The value of a string attribute such as a task's `state`.
    fn attr_str(&self, node: &Node<'t>, name: &str) -> Option<Cow<'t, str>> {
        match self.attribute(node, name)? {
            (Kind::String, literal) => Some(unquoted(self.text, Raw::of(literal))),
            _ => None,
        }
    }

    /// A whole-number attribute such as an ordered list's `order`.
    fn attr_number(&self, node: &Node<'t>, name: &str) -> Option<u64> {
        match self.attribute(node, name)? {
            (Kind::Other, number) => self.text.get(number.start..number.end)?.parse().ok(),
            _ => None,
        }
    }

    /// The kind and span of the first property `name` of the node's `attrs`.
    fn attribute(&self, node: &Node<'t>, name: &str) -> Option<(Kind, Span)> {
        let mut cursor = Cursor::trusted(self.text, node.attrs?.start);
        let mut found = None;
        cursor
            .object(|cursor, property| {
                let kind = cursor.peek().ok_or(Invalid)?;
                let value = cursor.value()?;
                if found.is_none() && unquoted(self.text, Raw::of(property)) == name {
                    found = Some((kind, value));
                }
                Ok(())
            })
            .ok()?;
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(json: &str) -> MappedText {
        to_plain(json, 0)
    }

    /// The source text that `word`, found in `text`, maps to.
    fn source_of<'j>(text: &MappedText, json: &'j str, word: &str) -> &'j str {
        let start = text.as_str().find(word).expect("word in output");
        let span = text.source_span(start..start + word.len());
        &json[span.start..span.end]
    }

    #[test]
    fn markers_and_empty_documents_map_inside_the_json() {
        // Found by the property tests: the marker of an item numbered 100000000 mapped its
        // later bytes past the item's start, into the middle of "é".
        let json = r#"{"type":"doc","content":[{"type":"orderedList","attrs":{"order":100000000},"content":[{"type":"listItem","text":"é😀"}]}]}"#;
        let text = plain(json);
        assert_eq!(text.as_str(), "100000000.");
        for at in 0..=text.len() {
            let offset = text.source_offset(at);
            assert!(json.is_char_boundary(offset), "{at} maps to {offset}");
        }
        // A document with no text is empty text at the document, not at offset 0.
        let json = r#"  {"type":"doc","content":[{"type":"rule"}]}"#;
        assert_eq!(
            plain(json).source_span(0..0),
            crate::backlog::Span::empty_at(2)
        );
    }

    const STORY: &str = r#"{
  "version": 1,
  "type": "doc",
  "content": [
    {"type": "paragraph", "content": [
      {"type": "text", "text": "As a shopper, I want my cart saved "},
      {"type": "text", "text": "across devices", "marks": [{"type": "strong"}]},
      {"type": "text", "text": ", so that I can finish checkout later."}
    ]},
    {"type": "heading", "attrs": {"level": 3}, "content": [
      {"type": "text", "text": "Acceptance criteria"}
    ]},
    {"type": "bulletList", "content": [
      {"type": "listItem", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "Cart persists after logout"}]},
        {"type": "bulletList", "content": [
          {"type": "listItem", "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "for 30 days"}]}
          ]}
        ]}
      ]},
      {"type": "listItem", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "Guest carts merge on login"}]},
        {"type": "paragraph", "content": [{"type": "text", "text": "Quantities add up."}]}
      ]}
    ]},
    {"type": "orderedList", "attrs": {"order": 3}, "content": [
      {"type": "listItem", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "Open the cart"}]}
      ]},
      {"type": "listItem", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "Log in on a phone"}]}
      ]}
    ]},
    {"type": "taskList", "attrs": {"localId": "a1"}, "content": [
      {"type": "taskItem", "attrs": {"localId": "a2", "state": "DONE"}, "content": [
        {"type": "text", "text": "Design review"}
      ]},
      {"type": "taskItem", "attrs": {"localId": "a3", "state": "TODO"}, "content": [
        {"type": "text", "text": "Load test"}
      ]}
    ]},
    {"type": "table", "attrs": {"isNumberColumnEnabled": false, "layout": "default"}, "content": [
      {"type": "tableRow", "content": [
        {"type": "tableHeader", "attrs": {}, "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "Device"}]}
        ]},
        {"type": "tableHeader", "attrs": {}, "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "Result"}]}
        ]}
      ]},
      {"type": "tableRow", "content": [
        {"type": "tableCell", "attrs": {}, "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "Phone"}]}
        ]},
        {"type": "tableCell", "attrs": {}, "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "Cart restored"}]}
        ]}
      ]}
    ]},
    {"type": "codeBlock", "attrs": {"language": "json"}, "content": [
      {"type": "text", "text": "{\n  \"cartId\": 42\n}"}
    ]},
    {"type": "paragraph", "content": [
      {"type": "text", "text": "Reviewed by "},
      {"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Ana Lima", "accessLevel": ""}},
      {"type": "text", "text": " "},
      {"type": "emoji", "attrs": {"shortName": ":thumbsup:", "id": "1f44d", "text": "👍"}},
      {"type": "hardBreak"},
      {"type": "text", "text": "Questions to "},
      {"type": "mention", "attrs": {"id": "5b10a2844c20165700ede21g", "text": "Ben"}}
    ]},
    {"type": "panel", "attrs": {"panelType": "info"}, "content": [
      {"type": "paragraph", "content": [{"type": "text", "text": "Wish lists are out of scope."}]}
    ]}
  ]
}"#;

    #[test]
    fn a_story_description_reads_as_plain_lines() {
        let expected = "\
As a shopper, I want my cart saved across devices, so that I can finish checkout later.
Acceptance criteria
- Cart persists after logout
  - for 30 days
- Guest carts merge on login
  Quantities add up.
3. Open the cart
4. Log in on a phone
- [x] Design review
- [ ] Load test
Device | Result
Phone | Cart restored
{
  \"cartId\": 42
}
Reviewed by @Ana Lima 👍
Questions to @Ben
Wish lists are out of scope.";
        assert_eq!(plain(STORY).as_str(), expected);
    }

    #[test]
    fn less_common_nodes_read_as_text() {
        let json = r#"{"type": "doc", "version": 1, "content": [
  {"type": "expand", "attrs": {"title": "Details"}, "content": [
    {"type": "paragraph", "content": [{"type": "text", "text": "Hidden text"}]}
  ]},
  {"type": "decisionList", "attrs": {"localId": "d"}, "content": [
    {"type": "decisionItem", "attrs": {"localId": "d1", "state": "DECIDED"}, "content": [
      {"type": "text", "text": "Use local storage"}
    ]}
  ]},
  {"type": "taskList", "attrs": {"localId": "t"}, "content": [
    {"type": "taskItem", "attrs": {"localId": "t1", "state": "TODO"}, "content": [
      {"type": "text", "text": "Parent task"}
    ]},
    {"type": "taskList", "attrs": {"localId": "t2"}, "content": [
      {"type": "taskItem", "attrs": {"localId": "t3", "state": "DONE"}, "content": [
        {"type": "text", "text": "Subtask"}
      ]}
    ]}
  ]},
  {"type": "paragraph", "content": [
    {"type": "status", "attrs": {"text": "IN REVIEW", "color": "blue"}},
    {"type": "text", "text": " since "},
    {"type": "date", "attrs": {"timestamp": "1700000000000"}},
    {"type": "text", "text": ", see "},
    {"type": "inlineCard", "attrs": {"url": "https://example.com/spec"}},
    {"type": "text", "text": " "},
    {"type": "emoji", "attrs": {"shortName": ":smile:", "id": "1f604"}}
  ]},
  {"type": "rule"},
  {"type": "mediaSingle", "attrs": {"layout": "center"}, "content": [
    {"type": "media", "attrs": {"id": "abc", "type": "file", "collection": ""}}
  ]},
  {"type": "blockCard", "attrs": {"url": "https://example.com/board"}},
  {"type": "bodiedExtension", "attrs": {"extensionKey": "x"}, "content": [
    {"type": "paragraph", "content": [{"type": "text", "text": "Inside macro"}]}
  ]},
  {"type": "futureNode", "content": [
    {"type": "paragraph", "content": [{"type": "text", "text": "Still read"}]}
  ]},
  {"type": "blockquote", "content": [
    {"type": "paragraph", "content": [{"type": "text", "text": "Quoted"}]}
  ]}
]}"#;
        let expected = "\
Details
Hidden text
- Use local storage
- [ ] Parent task
  - [x] Subtask
IN REVIEW since 1700000000000, see https://example.com/spec :smile:

https://example.com/board
Inside macro
Still read
Quoted";
        assert_eq!(plain(json).as_str(), expected);
    }

    #[test]
    fn items_with_several_blocks_keep_their_indentation() {
        let json = r#"{"type": "doc", "content": [
  {"type": "orderedList", "content": [
    {"type": "listItem", "content": [
      {"type": "paragraph", "content": [
        {"type": "text", "text": "Step"}, {"type": "hardBreak"}, {"type": "text", "text": "more"}
      ]},
      {"type": "codeBlock", "content": [{"type": "text", "text": "a\nb"}]},
      {"type": "bulletList", "content": [
        {"type": "listItem", "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "inner"}]}
        ]}
      ]}
    ]}
  ]},
  {"type": "table", "content": [
    {"type": "tableRow", "content": [
      {"type": "tableCell", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "one"}]},
        {"type": "paragraph", "content": [{"type": "text", "text": "two"}]}
      ]},
      {"type": "tableCell", "content": []},
      {"type": "tableCell", "content": [
        {"type": "paragraph", "content": [
          {"type": "text", "text": "x"}, {"type": "hardBreak"}, {"type": "text", "text": "y"}
        ]}
      ]}
    ]}
  ]}
]}"#;
        let expected = "1. Step\n   more\n   a\n   b\n  - inner\none two |  | x y";
        assert_eq!(plain(json).as_str(), expected);
    }

    #[test]
    fn words_map_back_to_the_json() {
        let text = plain(STORY);
        for word in [
            "shopper",
            "checkout",
            "across devices",
            "Acceptance criteria",
            "for 30 days",
            "Quantities",
            "Log in",
            "Load test",
            "Cart restored",
            "Ana Lima",
            "👍",
            "Wish lists",
        ] {
            assert_eq!(source_of(&text, STORY, word), word);
        }
    }

    #[test]
    fn words_after_escapes_map_exactly() {
        let json = r#"{"type": "doc", "content": [{"type": "paragraph", "content": [
  {"type": "text", "text": "Say \"caf\u00e9\" twice\nthen pay"}
]}]}"#;
        let text = plain(json);
        assert_eq!(text.as_str(), "Say \"café\" twice\nthen pay");
        for word in ["Say", "caf", "twice", "then", "pay"] {
            assert_eq!(source_of(&text, json, word), word);
        }
        let code = plain(STORY);
        assert_eq!(source_of(&code, STORY, "cartId"), "cartId");
        assert_eq!(source_of(&code, STORY, "42"), "42");
    }

    #[test]
    fn added_text_stands_for_its_node() {
        let text = plain(STORY);
        let marker = text.as_str().find("3. ").expect("ordered marker");
        let at = text.source_offset(marker);
        assert!(STORY[at..].starts_with(r#"{"type": "listItem""#));
        let at = text.source_offset(text.as_str().find("@Ben").expect("mention"));
        assert!(STORY[at..].starts_with(r#"{"type": "mention""#));
        let separator = text.as_str().find(" | ").expect("cell separator");
        assert!(STORY[text.source_offset(separator)..].starts_with(r#"{"type": "tableHeader""#));
    }

    #[test]
    fn malformed_values_do_not_panic() {
        let cases = [
            ("null", ""),
            ("\"doc\"", ""),
            ("[]", ""),
            (r#"{"type": "doc", "content": []}"#, ""),
            (r#"{"type": "doc"}"#, ""),
            (r#"{"content": [{"type": "text", "text": "lost"}]}"#, ""),
            (
                r#"{"type": 7, "content": [{"type": "text", "text": "lost"}]}"#,
                "",
            ),
            (r#"{"type": "doc", "content": 5}"#, ""),
            (r#"{"type": "paragraph", "content": {"type": "text"}}"#, ""),
            (r#"{"type": "text", "text": 12}"#, ""),
            (
                r#"{"type": "doc", "content": [5, null, "x", {"type": "text"}]}"#,
                "",
            ),
            (
                r#"{"type": "doc", "content": [
                  {"type": "paragraph", "content": [{"type": "text", "text": 3}]},
                  {"type": "paragraph", "content": [{"type": "text", "text": "kept"}]}]}"#,
                "\nkept",
            ),
            (
                r#"{"type": "orderedList", "attrs": {"order": "three"}, "content": [
                  {"type": "listItem"}, {"type": "listItem", "content": [{"type": "text", "text": "b"}]}]}"#,
                "1. \n2. b",
            ),
            (r#"{"type": "mention", "attrs": 4}"#, ""),
        ];
        for (json, expected) in cases {
            assert_eq!(plain(json).as_str(), expected, "for {json}");
        }
    }

    #[test]
    fn deep_nesting_is_read_to_the_bottom() {
        // Deeper than the parser's nesting limit allows in one text: each list is read
        // from where it stands, without counting the ranges around it.
        let open = r#"{"type": "bulletList", "content": [{"type": "listItem", "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "deep"}]}"#;
        let json = format!("{open},").repeat(199) + open + &"]}]}".repeat(200);
        let text = plain(&json);
        let lines: Vec<&str> = text.as_str().lines().collect();
        assert_eq!(lines.len(), 200);
        assert_eq!(lines[0], "- deep");
        assert_eq!(lines[199], format!("{}- deep", " ".repeat(398)));
        assert_eq!(source_of(&text, &json, "deep"), "deep");
    }
}
