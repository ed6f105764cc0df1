//! One file per subcommand; each returns the process exit code or an error (exit code 2).

pub mod check;
pub mod fields;

use std::io::Write;

use crate::backlog::Backlog;
use crate::cli::InputArgs;
use crate::config::{self, Loaded};
use crate::error::Error;
use crate::ingest::{self, ReadOptions};

/// Exit codes, as ruff, ESLint and markdownlint-cli2 use them.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Loads the configuration and reads every input into one backlog.
pub fn read_inputs(input: &InputArgs) -> Result<(Loaded, Backlog), Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let loaded = config::load(input.config.as_deref(), &cwd)?;
    let options = ReadOptions {
        format: input.input_format.format(),
        fields: loaded.field_map.clone(),
    };
    let backlog = ingest::read_paths(&input.paths, &options)?;
    Ok((loaded, backlog))
}

/// Writes to standard output; a closed pipe (`backlint … | head -1`) is not an error.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}
