//! Any bytes, read as `gh project item-list --format json` output.
#![no_main]

use backlint::ingest::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    backlint_fuzz::read("fuzz.json", data, Some(&reader::GITHUB_PROJECT_ITEMS));
});
