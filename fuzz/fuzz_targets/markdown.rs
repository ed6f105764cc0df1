//! Any text, converted from Markdown: every output byte maps into the Markdown.
#![no_main]

use backlint::backlog::MappedText;
use backlint::ingest::markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The Markdown stands at offset 1 of a source, as a JSON string's content does.
    let source = format!("\"{text}\"");
    let plain = markdown::to_plain(&MappedText::verbatim(text, 1));
    backlint_fuzz::assert_maps_inside(&plain, &source, 1..1 + text.len());
});
