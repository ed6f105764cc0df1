//! One file per subcommand; each returns the process exit code or an error (exit code 2).

pub mod check;
pub mod docs;
pub mod explain;
pub mod fields;
pub mod init;
pub mod pull;
pub mod rules;
mod tally;

use std::io::Write;
use std::path::Path;

use crate::cli::{InputArgs, SelectArgs};
use backlint::backlog::Backlog;
use backlint::config::{self, Loaded};
use backlint::error::Error;
use backlint::ingest::{self, ReadOptions};
use backlint::rules::selection::CommandLine;

/// Exit codes, as ruff, ESLint and markdownlint-cli2 use them.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// The configuration named on the command line, or the nearest one.
pub fn load_config(explicit: Option<&Path>) -> Result<Loaded, Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    config::load(explicit, &cwd)
}

/// Loads the configuration named by the input options (or the nearest), with the limits
/// the command line raises.
pub fn load_input_config(input: &InputArgs) -> Result<Loaded, Error> {
    let mut loaded = load_config(input.config.as_deref())?;
    let limits = &mut loaded.config.limits;
    limits.max_file_mib = input.max_file_size.unwrap_or(limits.max_file_mib);
    limits.max_cell_mib = input.max_cell_size.unwrap_or(limits.max_cell_mib);
    Ok(loaded)
}

/// Reads `paths` (folders and patterns expanded) into one backlog, as `input` says;
/// `keep_unmapped` as in [`ReadOptions`].
pub fn read_backlog(
    paths: &[String],
    input: &InputArgs,
    loaded: &Loaded,
    keep_unmapped: Option<Vec<String>>,
) -> Result<Backlog, Error> {
    let options = ReadOptions {
        format: backlint::ingest::reader::named(&input.input_format),
        fields: loaded.field_map.clone(),
        limits: loaded.config.limits,
        keep_unmapped,
        sheet: input.sheet.clone(),
    };
    let backlog = ingest::read_paths(&backlint::inputs::expand(paths)?, &options)?;
    warn_about_empty_exports(&backlog);
    Ok(backlog)
}

/// An export with no issues (a header only, `"issues": []`) is read as an empty backlog, so
/// a nightly job whose filter matched nothing passes; standard error says so, per file.
fn warn_about_empty_exports(backlog: &Backlog) {
    let counts = backlog.items_per_file();
    for (source, _) in backlog.sources.iter().zip(counts).filter(|(_, n)| *n == 0) {
        backlint::terminal_text::eprint(&format!(
            "warning: {}: the export holds no issues, so the backlog it gives is empty; if issues were expected, check the filter or JQL it was exported with\n",
            backlint::terminal_text::escape(source.name())
        ));
    }
}

/// The rule selection the command line gives (`--select`, `--extend-select`, `--ignore`).
pub fn command_line(select: &SelectArgs) -> CommandLine {
    CommandLine {
        select: select.select.clone(),
        extend_select: select.extend_select.clone(),
        ignore: select.ignore.clone(),
    }
}

/// Writes to standard output; a closed pipe (`backlint … | head -1`) is not an error.
pub fn print(text: &str) {
    print_with(|out| out.write_all(text.as_bytes()));
}

/// Writes to standard output what `write` writes piece by piece, buffered.
pub fn print_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = write(&mut stdout).and_then(|()| stdout.flush());
}

/// Runs a parsed command line; returns the exit code (0 clean, 1 findings, 2 error).
pub fn run(cli: &crate::cli::Cli) -> u8 {
    use crate::cli::Command;
    let result = match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Fields(args) => fields::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(args),
        Command::Pull(args) => pull::run(args),
        Command::Docs(args) => docs::run(args),
    };
    result.unwrap_or_else(|error| {
        eprint!(
            "{}",
            backlint::render_error::render(&error, backlint::render_error::stderr_wants_color())
        );
        EXIT_ERROR
    })
}
