//! The floor for reading a CSV export: `csv_core` locating every field of a file and
//! nothing else. `scripts/bench.py` prints backlint's speed as a ratio of this one.
//!
//!     cargo run --release --example csv_floor -- big.csv

use csv_core::{ReadFieldResult, Reader};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: csv_floor FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let mut reader = Reader::new();
    let mut output = [0u8; 1 << 16];
    let (mut position, mut fields, mut records) = (0, 0u64, 0u64);
    loop {
        let (result, consumed, _) = reader.read_field(&bytes[position..], &mut output);
        position += consumed;
        match result {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::Field { record_end } => {
                fields += 1;
                records += u64::from(record_end);
            }
            ReadFieldResult::End => break,
        }
    }
    println!("{records} records, {fields} fields");
}
