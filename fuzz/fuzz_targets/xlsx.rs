//! Any bytes, read as `backlint check` reads a file: damaged workbooks (seeded with the
//! fixtures' .xlsx files) never panic, and what a sheet gives maps inside its text.
#![no_main]

use backlint::backlog::Backlog;
use backlint::ingest::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions::default();
    let Ok(source) = ingest::export_source("fuzz.xlsx", data.to_vec(), &options) else {
        return;
    };
    let mut backlog = Backlog::default();
    if ingest::add_source(&mut backlog, source, &options).is_err() {
        return;
    }
    let text = backlog.sources[0].text();
    for item in backlog.items() {
        for entry in &item.entries {
            backlint_fuzz::assert_span(text, entry.value.span);
            backlint_fuzz::assert_maps_inside(&entry.value.text, text, 0..text.len());
        }
    }
});
