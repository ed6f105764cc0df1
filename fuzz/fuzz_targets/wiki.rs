//! Any text, converted from Jira wiki markup: every output byte maps into the markup.
#![no_main]

use backlint::backlog::MappedText;
use backlint::ingest::wiki;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(markup) = std::str::from_utf8(data) else {
        return;
    };
    // The markup stands at offset 1 of a source, as a cell's content does.
    let source = format!("\"{markup}\"");
    let plain = wiki::to_plain(&MappedText::verbatim(markup, 1));
    backlint_fuzz::assert_maps_inside(&plain, &source, 1..1 + markup.len());
});
