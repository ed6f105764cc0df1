//! backlint: a linter for product backlogs.
//!
//! Data flows one way: [`ingest`] reads export files into a [`backlog::Backlog`] whose
//! values keep their spans; [`rules`] check items and produce [`finding::Finding`]s;
//! [`report`] renders them. The binary's own modules (`cli.rs`, `commands/`, beside
//! `main.rs`) parse the command line and call this library; they are not part of it.

pub mod backlog;
pub mod baseline;
pub mod char_counts;
pub mod config;
pub mod dates;
pub mod decode;
pub mod error;
pub mod finding;
pub mod ingest;
pub mod inputs;
pub mod limits;
pub mod output;
pub mod progress;
pub mod pull;
pub mod render_error;
pub mod report;
pub mod rule_cases;
pub mod rules;
pub mod source;
pub mod source_code;
pub mod terminal_text;
pub mod text;
pub mod user_regex;
pub mod web_address;

/// Runs the default rules on a backlog, as `backlint check` does without a configuration,
/// counting ages from `today`: the rules that ran and what they found. For tests,
/// benchmarks and programs that embed backlint.
pub fn check_with_defaults(
    backlog: &backlog::Backlog,
    today: jiff::civil::Date,
) -> Result<(Vec<rules::Rule>, rules::engine::Outcome), error::Error> {
    let overrides = rules::linter::Overrides {
        today: Some(today),
        ..Default::default()
    };
    let linter = rules::linter::Linter::from_config(&config::Loaded::default(), &overrides)?;
    let outcome = linter.run(backlog)?.outcome;
    Ok((linter.into_rules(), outcome))
}
