//! Any bytes, read as a Jira REST JSON response.
#![no_main]

use backlint::ingest::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    backlint_fuzz::read("fuzz.json", data, Some(&reader::JIRA_JSON));
});
