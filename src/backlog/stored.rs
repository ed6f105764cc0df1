//! How the backlog keeps its items between reading and checking.
//!
//! Decoding every cell of a large CSV export when it is read — a string per cell, wiki
//! markup converted — cost about ten times the file in memory (see BENCHMARKS.md), and
//! even keeping the byte range of every cell cost half the file. A reader may therefore
//! keep an item as the byte range it was read from, its key and its summary (about 50
//! bytes: [`Kept`]), and give its file one [`Decoder`] that makes an [`Item`] of it when a
//! stage asks for one, on the core that checks the item, which drops it afterwards.
//! Reports name items by their key and summary without decoding the rest.
//!
//! Readers whose items are small or whose text depends on the whole document keep them
//! decoded.

use std::fmt;

use super::{Field, Item, Span, Value};
use crate::source::Source;

/// An item as the backlog keeps it.
#[derive(Debug)]
pub enum Stored {
    Decoded(Box<Item>),
    Kept(Kept),
}

/// An item not yet decoded. Offsets are 32-bit: files are read only up to 4 GiB
/// (`ingest::load_limited`).
#[derive(Debug, PartialEq)]
pub struct Kept {
    pub source: u32,
    pub record: u32,
    /// The bytes the item was read from (for a CSV row, from the start of its first cell
    /// to the end of its last, without the line break).
    pub bytes: Raw,
    /// The raw bytes of its summary, as its reader's decoder reads them; empty if none.
    pub summary: Raw,
    pub key: Key,
}

/// Makes items of what one file's reader kept undecoded; one per file, shared by its
/// items.
pub trait Decoder: Send + Sync + fmt::Debug {
    /// The item kept as `kept`, whole; `source` is its file.
    fn item(&self, source: &Source, kept: &Kept) -> Item;

    /// The values of one field only, for a stage that needs no more of the item.
    fn values(&self, source: &Source, kept: &Kept, field: Field) -> Vec<Value>;

    /// The values of each of a few fields, a list per field in the order asked, for a
    /// stage that needs no more of the item. One [`Decoder::values`] per field unless the
    /// reader does better (a CSV row is split once, not once per field).
    fn values_of(&self, source: &Source, kept: &Kept, fields: &[Field]) -> Vec<Vec<Value>> {
        fields
            .iter()
            .map(|&field| self.values(source, kept, field))
            .collect()
    }
}

/// A byte range of a file, in 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Raw {
    pub start: u32,
    pub end: u32,
}

impl Raw {
    pub fn of(span: Span) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Raw {
            start: narrow(span.start),
            end: narrow(span.end),
        }
    }

    pub fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// An item's key: nearly always a verbatim stretch of the file (`PAN-12`); otherwise (a
/// key with escaped quotes, or `row N` for a row without one) its text.
#[derive(Debug, PartialEq)]
pub enum Key {
    InFile(Raw),
    Text(Box<str>),
}

impl Key {
    /// The key's text; `text` is its file's text.
    pub fn text<'a>(&'a self, text: &'a str) -> &'a str {
        match self {
            Key::InFile(raw) => text
                .get(raw.span().start..raw.span().end)
                .unwrap_or_default(),
            Key::Text(key) => key,
        }
    }
}

impl Stored {
    pub fn source(&self) -> usize {
        match self {
            Stored::Decoded(item) => item.source,
            Stored::Kept(kept) => kept.source as usize,
        }
    }

    /// The item's key; `text` is its file's text.
    pub fn key<'a>(&'a self, text: &'a str) -> &'a str {
        match self {
            Stored::Decoded(item) => &item.key,
            Stored::Kept(kept) => kept.key.text(text),
        }
    }
}
