//! What the fuzz targets share: reading an input the way `backlint check` does, and the
//! invariants every target asserts (a failed assertion is a crash, as a panic is).

use std::ops::Range;

use backlint::backlog::{Backlog, MappedText, Span};
use backlint::ingest::reader::Reader;
use backlint::ingest::{self, ReadOptions};

/// Decodes `bytes` and reads them as `format` (`None` detects it), as `backlint check`
/// does with a file called `name`. Every value of what was read maps inside the file.
pub fn read(name: &str, bytes: &[u8], format: Option<&'static Reader>) -> Option<Backlog> {
    let source = backlint::decode::decode(name, bytes.to_vec()).ok()?;
    let mut backlog = Backlog::default();
    let options = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    ingest::add_source(&mut backlog, source, &options).ok()?;
    let text = backlog.sources[0].text();
    for item in backlog.items() {
        assert_span(text, item.anchor);
        for entry in &item.entries {
            assert_span(text, entry.value.span);
            assert_maps_inside(&entry.value.text, text, 0..text.len());
        }
    }
    Some(backlog)
}

/// Asserts that `range` is a slice of `text`.
pub fn assert_slice(text: &str, range: &Range<usize>) {
    assert!(
        range.start <= range.end && text.get(range.clone()).is_some(),
        "{range:?} is not a slice of {text:?}"
    );
}

pub fn assert_span(text: &str, span: Span) {
    assert_slice(text, &(span.start..span.end));
}

/// Asserts that every char of `mapped` maps to a slice of `source` within `within`.
pub fn assert_maps_inside(mapped: &MappedText, source: &str, within: Range<usize>) {
    let text = mapped.as_str();
    for at in text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
    {
        let offset = mapped.source_offset(at);
        assert!(
            (within.start..=within.end).contains(&offset) && source.is_char_boundary(offset),
            "offset {at} of {text:?} maps to {offset}, not a place in {within:?}"
        );
    }
    for (at, c) in text.char_indices() {
        let span = mapped.source_span(at..at + c.len_utf8());
        assert_span(source, span);
        assert!(within.start <= span.start && span.end <= within.end);
    }
}
