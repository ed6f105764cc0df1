//! backlint: a linter for product backlogs.
//!
//! Data flows one way: [`ingest`] reads export files into a [`backlog::Backlog`] whose
//! values keep their spans; [`rules`] check items and produce [`finding::Finding`]s;
//! [`report`] renders them. `main.rs` only maps [`run`]'s result to an exit code.

pub mod backlog;
pub mod baseline;
pub mod char_counts;
pub mod cli;
pub mod commands;
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
pub mod render_error;
pub mod report;
pub mod rules;
pub mod source;
pub mod source_code;
pub mod terminal_text;
pub mod text;
pub mod user_regex;
pub mod web_address;

use cli::{Cli, Command};

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

/// Runs a parsed command line; returns the exit code (0 clean, 1 findings, 2 error).
pub fn run(cli: &Cli) -> u8 {
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Fields(args) => commands::fields::run(args),
        Command::Rules(args) => commands::rules::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Init(args) => commands::init::run(args),
        Command::Docs(args) => commands::docs::run(args),
    };
    result.unwrap_or_else(|error| {
        eprint!(
            "{}",
            render_error::render(&error, render_error::stderr_wants_color())
        );
        commands::EXIT_ERROR
    })
}
