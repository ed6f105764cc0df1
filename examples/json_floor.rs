//! The floor for reading Jira REST JSON: jsonc-parser building the tree of each file, as
//! backlint's reader does, and walking it to count the values — nothing else.
//! `scripts/bench.py` prints backlint's speed on JSON as a ratio of this one.
//!
//!     cargo run --release --example json_floor -- page-00001.json page-00002.json …

use jsonc_parser::ast::Value;
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: json_floor FILE…");
        std::process::exit(2);
    }
    let mut values = 0u64;
    for path in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        };
        match parse_to_ast(&text, &CollectOptions::default(), &ParseOptions::default()) {
            Ok(parsed) => values += parsed.value.as_ref().map_or(0, count),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        }
    }
    println!("{} files, {values} values", paths.len());
}

fn count(value: &Value<'_>) -> u64 {
    1 + match value {
        Value::Array(array) => array.elements.iter().map(count).sum(),
        Value::Object(object) => object.properties.iter().map(|p| count(&p.value)).sum(),
        _ => 0,
    }
}
