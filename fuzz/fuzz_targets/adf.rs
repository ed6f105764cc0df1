//! Any text that is strict JSON, converted from Atlassian Document Format (as the Jira
//! JSON reader converts what it has read whole before).
#![no_main]

use backlint::ingest::{adf, json_doc};
use jsonc_parser::common::Ranged;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(Some(value)) = json_doc::parse_text(json) else {
        return;
    };
    let plain = adf::to_plain(json, value.start());
    backlint_fuzz::assert_maps_inside(&plain, json, 0..json.len());
});
