//! Atlassian Document Format (the rich text of Jira's REST API v3) as [`MappedText`].
//!
//! The plain text follows the conventions of the wiki markup converter, which rules rely
//! on: every block on a line of its own, list items behind `- `, `1. ` or `- [ ] `, nested
//! lists two spaces further in, table rows as cells joined with ` | `. Text from `text`
//! nodes maps back to its characters in the JSON string; what the conversion adds (line
//! breaks, markers, separators) stands for the node it comes from.

use std::borrow::Cow;

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::common::Ranged;

use crate::backlog::MappedText;
use crate::ingest::json_text::string_text;
use crate::ingest::plain_writer::PlainWriter;

/// An Atlassian Document Format tree (Jira REST API v3 rich text) as plain text.
pub fn to_plain(doc: &Value<'_>, source: &str) -> MappedText {
    let mut writer = Writer::new(source);
    if let Value::Object(node) = doc {
        writer.node(node);
    }
    let text = writer.out.finish();
    if text.is_empty() {
        // A document without text still stands where the document is.
        return MappedText::empty_at(doc.start());
    }
    text
}

/// Writes the plain text of ADF nodes, in a single pass.
struct Writer<'s> {
    source: &'s str,
    out: PlainWriter,
}

impl<'s> Writer<'s> {
    fn new(source: &'s str) -> Self {
        Writer {
            source,
            out: PlainWriter::default(),
        }
    }

    /// Writes one node; nodes without a string `type` are skipped.
    fn node(&mut self, node: &Object<'_>) {
        let Some(kind) = node.get_string("type") else {
            return;
        };
        let at = node.range.start;
        match kind.value.as_ref() {
            "text" => {
                if let Some(literal) = node.get_string("text") {
                    self.out.push_text(&string_text(literal, self.source));
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

    /// Writes the nodes of `content`, if it is an array.
    fn children(&mut self, node: &Object<'_>) {
        for child in content_nodes(node) {
            self.node(child);
        }
    }

    /// A list: each item on a line of its own behind its marker.
    fn list(&mut self, list: &Object<'_>, kind: &str) {
        let mut number = attr_number(list, "order").unwrap_or(1);
        self.out.begin_list();
        for child in content_nodes(list) {
            // A list directly in a list (as taskList allows) is a nested list.
            if is_list(child) {
                self.node(child);
                continue;
            }
            let marker: Cow<'static, str> = match kind {
                "orderedList" => format!("{number}. ").into(),
                "taskList" if attr_str(child, "state") == Some("DONE") => "- [x] ".into(),
                "taskList" => "- [ ] ".into(),
                _ => "- ".into(),
            };
            self.item(child, &marker);
            number = number.saturating_add(1);
        }
        self.out.end_list();
    }

    /// One list item: its marker two spaces per enclosing list in, then its content, whose
    /// further lines are indented to the item's text.
    fn item(&mut self, item: &Object<'_>, marker: &str) {
        let outer = self.out.begin_item(marker, item.range.start);
        self.children(item);
        self.out.end_item(outer);
    }

    /// A table row on one line, its cells joined with ` | `.
    fn row(&mut self, row: &Object<'_>) {
        self.out.begin_row(row.range.start);
        for (index, cell) in content_nodes(row).enumerate() {
            self.out.begin_cell(index, cell.range.start);
            self.children(cell);
            self.out.end_cell();
        }
        self.out.end_row();
    }

    /// An expand: its title on a line of its own, then its content.
    fn expand(&mut self, expand: &Object<'_>) {
        if let Some(title) = self.attr(expand, "title") {
            self.out.start_block(expand.range.start);
            self.out.push_text(&title);
        }
        self.children(expand);
    }

    /// A mention as `@name`, whether or not its text has the `@` already.
    fn mention(&mut self, mention: &Object<'_>) {
        let Some(text) = self.attr(mention, "text") else {
            return;
        };
        if !text.as_str().starts_with('@') {
            self.out.push_added("@", mention.range.start);
        }
        self.out.push_text(&text);
    }

    /// Writes the text of an attribute, if it has any.
    fn push_attr(&mut self, node: &Object<'_>, name: &str) {
        if let Some(text) = self.attr(node, name) {
            self.out.push_text(&text);
        }
    }

    /// The non-empty text of a string or number attribute.
    fn attr(&self, node: &Object<'_>, name: &str) -> Option<MappedText> {
        let text = match &node.get_object("attrs")?.get(name)?.value {
            Value::StringLit(literal) => string_text(literal, self.source),
            Value::NumberLit(number) => MappedText::verbatim(number.value, number.range.start),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }
}

/// The object nodes of a node's `content` array; nothing if it has none.
fn content_nodes<'n, 'a>(node: &'n Object<'a>) -> impl Iterator<Item = &'n Object<'a>> + 'n {
    node.get_array("content")
        .into_iter()
        .flat_map(|content| content.elements.iter())
        .filter_map(Value::as_object)
}

fn is_list(node: &Object<'_>) -> bool {
    matches!(
        node.get_string("type").map(|t| t.value.as_ref()),
        Some("bulletList" | "orderedList" | "taskList" | "decisionList")
    )
}

fn attr_str<'n>(node: &'n Object<'_>, name: &str) -> Option<&'n str> {
    let literal = node.get_object("attrs")?.get_string(name)?;
    Some(literal.value.as_ref())
}

/// A whole-number attribute such as an ordered list's `order`.
fn attr_number(node: &Object<'_>, name: &str) -> Option<u64> {
    node.get_object("attrs")?
        .get_number(name)?
        .value
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Value<'_> {
        jsonc_parser::parse_to_ast(json, &Default::default(), &Default::default())
            .expect("test JSON parses")
            .value
            .expect("test JSON has a value")
    }

    fn plain(json: &str) -> MappedText {
        to_plain(&parse(json), json)
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

    /// The elements of a node's `content` array.
    fn content_of<'v, 'a>(node: &'v mut Value<'a>) -> &'v mut Vec<Value<'a>> {
        let Value::Object(node) = node else {
            panic!("node is an object")
        };
        let content = node
            .properties
            .iter_mut()
            .find(|p| p.name.as_str() == "content")
            .expect("node has content");
        let Value::Array(content) = &mut content.value else {
            panic!("content is an array")
        };
        &mut content.elements
    }

    #[test]
    fn deep_nesting_is_read_to_the_bottom() {
        // Deeper than the parser's nesting limit allows in one text: built from one level.
        let json = r#"{"type": "bulletList", "content": [{"type": "listItem", "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "deep"}]}]}]}"#;
        let level = parse(json);
        let mut tree = level.clone();
        for _ in 1..200 {
            let mut outer = level.clone();
            let item = content_of(&mut outer).first_mut().expect("list item");
            content_of(item).push(tree);
            tree = outer;
        }
        let text = to_plain(&tree, json);
        let lines: Vec<&str> = text.as_str().lines().collect();
        assert_eq!(lines.len(), 200);
        assert_eq!(lines[0], "- deep");
        assert_eq!(lines[199], format!("{}- deep", " ".repeat(398)));
        assert_eq!(source_of(&text, json, "deep"), "deep");
    }
}
