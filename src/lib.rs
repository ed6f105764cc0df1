//! backlint: a linter for product backlogs.
//!
//! Data flows one way: [`ingest`] reads export files into a [`backlog::Backlog`] whose
//! values keep their spans; [`rules`] check items and produce [`finding::Finding`]s;
//! [`report`] renders them. `main.rs` only maps [`run`]'s result to an exit code.

pub mod backlog;
pub mod baseline;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dates;
pub mod decode;
pub mod error;
pub mod finding;
pub mod ingest;
pub mod limits;
pub mod output;
pub mod progress;
pub mod render_error;
pub mod report;
pub mod rules;
pub mod source;
pub mod source_code;

use cli::{Cli, Command};

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
