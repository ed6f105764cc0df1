//! Any bytes, read as a Jira CSV export.
#![no_main]

use backlint::ingest::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    backlint_fuzz::read("fuzz.csv", data, Some(&reader::JIRA_CSV));
});
