//! Plain story lists: a `.txt` or `.md` file with one story per line, the way story sets
//! are often shared. Each story becomes an item keyed by its line number.
//!
//! List markers (`1.`, `2)`, `-`, `*`, `+`) are not part of the story. In Markdown, headings,
//! rules and fenced code are skipped, and when the file has list items only they count, so
//! an introductory paragraph does not become a story.

use std::sync::Arc;

use crate::backlog::{
    Entry, Field, FieldOrigin, FileInfo, FileKind, Item, MappedText, Span, Value,
};
use crate::error::Error;
use crate::ingest::sniff::{Claim, Sniff};
use crate::source::Source;

/// Only by name: a `.txt` or Markdown file, but not a tab-separated `.txt` (columns saved
/// as "Unicode text", under names no reader knows).
pub fn claim(sniff: &Sniff<'_>) -> Claim {
    let columns = sniff.extension == "txt" && sniff.header().delimiter == b'\t';
    if sniff.is_story_list() && !columns {
        Claim::ByName
    } else {
        Claim::No
    }
}

/// What this reader's files are: `--input-format lines`.
pub const KIND: FileKind = FileKind {
    reader: "lines",
    issues: false,
    self_links: false,
};

/// Reads a story list; `markdown` turns on the Markdown rules above.
pub fn read(
    source: &Source,
    source_index: usize,
    markdown: bool,
) -> Result<(FileInfo, Vec<Item>), Error> {
    let lines = story_lines(source.text(), markdown);
    if lines.is_empty() {
        return Err(Error::at(source, Span::empty_at(0), "the file holds no stories")
            .help("write one story per line, e.g. \"As a shopper, I want to save my basket, so that I can order later.\"")
            .build());
    }
    let summary: Arc<str> = Arc::from("story");
    let items = lines
        .into_iter()
        .map(|(line, start, story)| Item {
            source: source_index,
            record: line,
            key: format!("line {line}"),
            anchor: Span::empty_at(start),
            entries: vec![Entry {
                name: Arc::clone(&summary),
                field: Some(Field::Summary),
                value: Value {
                    text: MappedText::verbatim(story, start),
                    span: Span::new(start, start + story.len()),
                },
            }],
            blanks: Vec::new(),
        })
        .collect();
    let origins = Field::ALL
        .into_iter()
        .map(|field| FieldOrigin {
            field,
            names: if field == Field::Summary {
                vec!["each line".into()]
            } else {
                Vec::new()
            },
        })
        .collect();
    let info = FileInfo {
        kind: KIND,
        origins,
        decoder: None,
    };
    Ok((info, items))
}

/// (1-based line, byte offset of the story, story text) for every line that holds a story.
fn story_lines(text: &str, markdown: bool) -> Vec<(usize, usize, &str)> {
    let mut candidates = Vec::new();
    let mut in_fence = false;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            in_fence = !in_fence;
            continue;
        }
        if trimmed.is_empty() || in_fence || (markdown && is_markdown_furniture(trimmed)) {
            continue;
        }
        let (listed, rest) = strip_list_marker(trimmed);
        let story = rest.trim_end();
        if story.is_empty() {
            continue;
        }
        // `rest` is a suffix of `content`, so its offset falls out of the lengths.
        let start = line_start + content.len() - rest.len();
        candidates.push((index + 1, start, story, listed));
    }
    let only_lists = markdown && candidates.iter().any(|c| c.3);
    candidates
        .into_iter()
        .filter(|c| !only_lists || c.3)
        .map(|(line, start, story, _)| (line, start, story))
        .collect()
}

fn is_markdown_furniture(line: &str) -> bool {
    line.starts_with('#')
        || line.starts_with('>') && line.len() == 1
        || line.starts_with('|')
        || line
            .chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
}

/// Removes a list marker: `-`, `*`, `+`, `1.`, `12)`, also `- [ ]` task boxes.
/// Returns whether there was one, and the rest.
fn strip_list_marker(line: &str) -> (bool, &str) {
    let bullet = line
        .strip_prefix(['-', '*', '+', '•'])
        .filter(|rest| rest.starts_with(' ') || rest.starts_with('\t'));
    let numbered = || {
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (digits > 0 && digits <= 4)
            .then(|| line[digits..].strip_prefix(['.', ')']))
            .flatten()
            .filter(|rest| rest.starts_with(' ') || rest.starts_with('\t'))
    };
    match bullet.or_else(numbered) {
        Some(rest) => {
            let rest = rest.trim_start();
            let rest = ["[ ] ", "[x] ", "[X] "]
                .iter()
                .find_map(|b| rest.strip_prefix(b))
                .unwrap_or(rest);
            (true, rest.trim_start())
        }
        None => (false, line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_not_part_of_the_story() {
        let text = "1. As a user, I want A.\n- As a user, I want B.\n\n  * [ ] As a user, I want C.\n12) As a user, I want D.\n";
        let stories: Vec<_> = story_lines(text, false)
            .into_iter()
            .map(|(l, s, t)| (l, &text[s..s + t.len()], t))
            .collect();
        assert_eq!(
            stories,
            vec![
                (1, "As a user, I want A.", "As a user, I want A."),
                (2, "As a user, I want B.", "As a user, I want B."),
                (4, "As a user, I want C.", "As a user, I want C."),
                (5, "As a user, I want D.", "As a user, I want D."),
            ]
        );
    }

    #[test]
    fn plain_lines_and_numbers_that_are_not_markers() {
        let text = "As a user, I want A\r\n2024 plans: as a PO, I want B\n";
        let stories: Vec<_> = story_lines(text, false)
            .into_iter()
            .map(|(_, _, t)| t)
            .collect();
        assert_eq!(
            stories,
            vec!["As a user, I want A", "2024 plans: as a PO, I want B"]
        );
    }

    #[test]
    fn markdown_keeps_list_items_only_when_there_are_some() {
        let text = "# Backlog\n\nStories for the next release.\n\n- As a user, I want A.\n---\n```\n- not a story\n```\n- As a user, I want B.\n";
        let stories: Vec<_> = story_lines(text, true)
            .into_iter()
            .map(|(l, _, t)| (l, t))
            .collect();
        assert_eq!(
            stories,
            vec![(5, "As a user, I want A."), (10, "As a user, I want B.")]
        );
        let prose = "# Backlog\nAs a user, I want A.\n";
        assert_eq!(story_lines(prose, true).len(), 1);
    }
}
