//! Any bytes as a backlint.toml: a configuration or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = backlint::decode::decode("backlint.toml", data.to_vec()) {
        let _ = backlint::config::parse(&source);
    }
});
