//! Any bytes as a team's rule file: a rule or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = backlint::decode::decode("rules/fuzz.toml", data.to_vec()) {
        let _ = backlint::rules::Rule::parse(&source);
    }
});
