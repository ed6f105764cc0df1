//! Any text that parses as JSON, converted from Atlassian Document Format.
#![no_main]

use backlint::ingest::adf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = jsonc_parser::parse_to_ast(json, &Default::default(), &Default::default())
    else {
        return;
    };
    if let Some(value) = parsed.value {
        let plain = adf::to_plain(&value, json);
        backlint_fuzz::assert_maps_inside(&plain, json, 0..json.len());
    }
});
