use std::ops::Range;

use serde::Deserialize;

use crate::backlog::Field;
use crate::rules::hit::Hit;
use crate::rules::context::Context;
use crate::rules::view::field_texts;
use super::ItemCheck;

/// `missing-acceptance-criteria`: none in the acceptance-criteria field, nor in the
/// description (a heading such as "Acceptance Criteria" or "AC:" in any language the
/// vocabulary knows, a checklist, Given/When/Then lines, an ADF task list).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingAcceptanceCriteria {}

/// The most characters of the description's first line a finding underlines.
const OPENING_CHARS: usize = 60;

impl ItemCheck for MissingAcceptanceCriteria {
    const NEEDS: &'static [Field] = &[Field::Description, Field::AcceptanceCriteria];

    fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        if !cx.criteria().is_empty() {
            return Vec::new();
        }
        let hit = match field_texts(cx.item, Field::Description).first() {
            // Point at the start of the description: the finding is about all of it, and
            // its end can be thousands of characters away from where a reader starts.
            Some(description) => Hit::on(
                description,
                description.span_of(opening(description.text())),
            ),
            None => Hit {
                span: cx.item.missing(Field::Description),
                field: None,
                vars: Vec::new(),
                as_note: false,
            },
        };
        vec![hit]
    }
}

/// The opening of `text`: its first non-blank line, cut after at most [`OPENING_CHARS`]
/// characters at a space when there is one.
fn opening(text: &str) -> Range<usize> {
    let start = text.len() - text.trim_start().len();
    let rest = text.get(start..).unwrap_or_default();
    let line = rest
        .split(['\n', '\r'])
        .next()
        .unwrap_or_default()
        .trim_end();
    let end = match line.char_indices().nth(OPENING_CHARS) {
        None => line.len(),
        Some((cut, _)) => {
            let head = line.get(..cut).unwrap_or_default();
            head.rfind(char::is_whitespace)
                .filter(|&space| space > 0)
                .map_or(cut, |space| {
                    head.get(..space).unwrap_or_default().trim_end().len()
                })
        }
    };
    start..start + end
}

#[cfg(test)]
mod tests {
    use super::opening;

    #[test]
    fn the_opening_is_the_first_line_cut_at_a_space() {
        let text = "\n  Finance archives invoices.\nMore.";
        assert_eq!(&text[opening(text)], "Finance archives invoices.");
        let long = "word ".repeat(30);
        let cut = &long[opening(&long)];
        assert!(
            cut.chars().count() <= 60 && cut.ends_with("word"),
            "{cut:?}"
        );
        let unbroken = "é".repeat(100);
        assert_eq!(unbroken[opening(&unbroken)].chars().count(), 60);
        assert_eq!(opening(""), 0..0);
        assert_eq!(opening(" \n "), 3..3);
    }
}
