//! Any bytes, read as the CSV export of a tracker other than Jira (Azure DevOps, …): the
//! first byte picks the tracker's reader, the rest is the file.
#![no_main]

use backlint::ingest::reader::{Reader, READERS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let trackers: Vec<&'static Reader> = READERS
        .iter()
        .copied()
        .filter(|reader| reader.csv_preset().is_some() && reader.name() != "jira-csv")
        .collect();
    let reader = trackers[usize::from(pick) % trackers.len()];
    backlint_fuzz::read("fuzz.csv", file, Some(reader));
});
