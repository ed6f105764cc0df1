//! Any bytes, read as a Trello board's JSON export.
#![no_main]

use backlint::ingest::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    backlint_fuzz::read("fuzz.json", data, Some(&reader::TRELLO_JSON));
});
