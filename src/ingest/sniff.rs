//! What detection sees of a file before any reader reads it ([`Sniff`]), and how strongly
//! a reader claims it ([`Claim`]). Readers judge their own format from it; `detect.rs`
//! picks the strongest claim.

use std::cell::OnceCell;

use memchr::memmem;

use crate::backlog::Span;
use crate::ingest::fields::FieldMap;
use crate::ingest::json_head;

/// How strongly a file looks like a reader's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Claim {
    No,
    /// Only its name says so (`.csv`, `.txt`).
    ByName,
    /// Its content has the format's shape (a JSON document), without the format's marks.
    Shape,
    /// Its content names fields many formats have (a header row naming a field backlint
    /// knows): Jira's CSV, unless another format is sure.
    Likely,
    /// Its content carries the format's own marks (a tracker's signature columns, a
    /// generator comment, a board's keys).
    Sure,
}

impl Claim {
    /// [`Claim::Sure`] when `marked`, else [`Claim::No`].
    pub fn sure_if(marked: bool) -> Claim {
        if marked {
            Claim::Sure
        } else {
            Claim::No
        }
    }
}

/// What detection knows of a file before any reader reads it, computed once and shared
/// by every reader's claim.
pub struct Sniff<'a> {
    pub name: &'a str,
    /// The text from its first non-blank character.
    pub start: &'a str,
    /// Where `start` begins in the file.
    pub offset: usize,
    /// The name's extension, lower case (empty when it has none).
    pub extension: String,
    /// The configured field names, which tell a header row from data.
    pub fields: &'a FieldMap,
    header: OnceCell<Header<'a>>,
    markup_head: OnceCell<Vec<u8>>,
    /// Scanned once for all the JSON readers' claims: up to 64 KiB each time otherwise.
    object_keys: OnceCell<Vec<&'a str>>,
}

/// The first line read as a header row.
pub struct Header<'a> {
    pub line: &'a str,
    pub delimiter: u8,
    /// Its cells, trimmed of spaces and quotes.
    pub cells: Vec<&'a str>,
}

impl<'a> Sniff<'a> {
    pub fn new(name: &'a str, text: &'a str, fields: &'a FieldMap) -> Self {
        let offset = text.len() - text.trim_start().len();
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        Sniff {
            name,
            start: &text[offset..],
            offset,
            extension,
            fields,
            header: OnceCell::new(),
            markup_head: OnceCell::new(),
            object_keys: OnceCell::new(),
        }
    }

    /// A Markdown file (`.md`, `.markdown`).
    pub fn is_markdown(&self) -> bool {
        matches!(self.extension.as_str(), "md" | "markdown")
    }

    /// A file whose name says it is a story list: Markdown or `.txt`.
    pub fn is_story_list(&self) -> bool {
        self.is_markdown() || self.extension == "txt"
    }

    /// A JSON document: it starts with `{` or `[`, but `[ ] As a user…` is a Markdown
    /// task, not an array.
    pub fn is_json(&self) -> bool {
        self.start.starts_with('{') || self.start.starts_with('[') && !is_markdown_task(self.start)
    }

    /// The keys of the file's first JSON object, when the file is a JSON document opening
    /// with `open`: `{` for an object, `[` for an array of objects.
    pub fn first_object_keys(&self, open: char) -> Option<&[&'a str]> {
        (self.is_json() && self.start.starts_with(open)).then(|| {
            self.object_keys
                .get_or_init(|| json_head::first_object_keys(self.start))
                .as_slice()
        })
    }

    /// Markup, where a Markdown file's leading comment is not.
    pub fn is_markup(&self) -> bool {
        self.start.starts_with('<') && !self.is_markdown()
    }

    /// The first line as a header row.
    pub fn header(&self) -> &Header<'a> {
        self.header.get_or_init(|| {
            let line = self.start.lines().next().unwrap_or_default().trim_end();
            let delimiter = delimiter(line);
            let cells = line
                .split(char::from(delimiter))
                .map(|cell| cell.trim().trim_matches('"').trim())
                .collect();
            Header {
                line,
                delimiter,
                cells,
            }
        })
    }

    /// The head of the markup ([`MARKUP_HEAD`] bytes), lower case, where the words that
    /// say what it is are looked for.
    fn markup_head(&self) -> &[u8] {
        self.markup_head.get_or_init(|| {
            let end = self.start.len().min(MARKUP_HEAD);
            self.start.as_bytes()[..end].to_ascii_lowercase()
        })
    }

    /// Where `needle` (lower case) first stands in the head of the markup.
    pub fn find_in_markup(&self, needle: &str) -> Option<Span> {
        let at = memmem::find(self.markup_head(), needle.as_bytes())?;
        Some(Span::new(self.offset + at, self.offset + at + needle.len()))
    }
}

/// `[ ] As a user…` is a Markdown task, not a JSON array.
fn is_markdown_task(text: &str) -> bool {
    text.starts_with("[ ]") || text.starts_with("[x]") || text.starts_with("[X]")
}

/// How far into a markup file the signs of what it is are looked for: Jira's comment and
/// Excel's namespaces come first, but a style sheet can stand before the issue table.
const MARKUP_HEAD: usize = 64 * 1024;

/// The delimiter the header line of `text` uses most: Jira always uses commas, Excel in
/// many European locales semicolons, and Excel's "Unicode text" tabs.
pub fn delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    let count = |c: u8| memchr::memchr_iter(c, first_line.as_bytes()).count();
    [b',', b';', b'\t']
        .into_iter()
        .rev()
        .max_by_key(|&c| count(c))
        .unwrap_or(b',')
}
