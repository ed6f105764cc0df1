//! Any text, converted from HTML: every output byte maps into the HTML.
#![no_main]

use backlint::backlog::MappedText;
use backlint::ingest::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The HTML stands at offset 1 of a source, as an element's content does.
    let source = format!(">{text}<");
    let plain = html::to_plain(&MappedText::verbatim(text, 1));
    backlint_fuzz::assert_maps_inside(&plain, &source, 1..1 + text.len());
});
