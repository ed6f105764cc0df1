//! Any bytes, read as Azure DevOps work items (`_apis/wit/workitemsbatch`).
#![no_main]

use backlint::ingest::reader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    backlint_fuzz::read("fuzz.json", data, Some(&reader::AZURE_WORK_ITEMS));
});
