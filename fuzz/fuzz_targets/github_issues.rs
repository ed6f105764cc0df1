//! Any bytes, read as `gh issue list --json …` output.
#![no_main]

use backlint::ingest::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    backlint_fuzz::read("fuzz.json", data, Some(&reader::GITHUB_ISSUES));
});
