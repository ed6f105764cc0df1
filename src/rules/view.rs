//! What a check looks at: pieces of an item's text, each with the way back to the file.

use std::ops::Range;
use std::sync::Arc;

use crate::backlog::{Field, Item, Span, Value};

/// A piece of one value's text: the whole value, or a part such as one acceptance criterion.
#[derive(Debug, Clone)]
pub struct TextRef<'a> {
    pub value: &'a Value,
    pub range: Range<usize>,
    /// The export's name for the field the text comes from (shared with every finding on it).
    pub field: &'a Arc<str>,
}

impl<'a> TextRef<'a> {
    pub fn whole(value: &'a Value, field: &'a Arc<str>) -> Self {
        TextRef {
            value,
            range: 0..value.as_str().len(),
            field,
        }
    }

    pub fn text(&self) -> &'a str {
        self.value
            .as_str()
            .get(self.range.clone())
            .unwrap_or_default()
    }

    /// The file span of `range`, given relative to this piece's text.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        let start = self.range.start;
        self.value.span_of(start + range.start..start + range.end)
    }

    /// The file span of the whole piece.
    pub fn span(&self) -> Span {
        self.value.span_of(self.range.clone())
    }
}

/// Every value of a logical field in `item`, each as a whole piece.
pub(crate) fn field_texts(item: &Item, field: Field) -> Vec<TextRef<'_>> {
    item.entries
        .iter()
        .filter(|e| e.field == Some(field))
        .map(|e| TextRef::whole(&e.value, &e.name))
        .collect()
}

/// Every value under an export's own field name (case-insensitive).
pub(crate) fn named_texts<'a>(item: &'a Item, name: &str) -> Vec<TextRef<'a>> {
    item.entries
        .iter()
        .filter(|e| e.name.eq_ignore_ascii_case(name))
        .map(|e| TextRef::whole(&e.value, &e.name))
        .collect()
}
