//! Any bytes, read as Jira's XML export.
#![no_main]

use backlint::ingest::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    backlint_fuzz::read("fuzz.xml", data, Some(&reader::JIRA_XML));
});
