//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::backlog::InputFormat;
use crate::finding::Severity;
use crate::report::Order;

#[derive(Debug, Parser)]
#[command(
    name = "backlint",
    version,
    about = "Lint product backlogs: Jira CSV and JSON exports and plain story lists"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check exports against the rules and report what falls short.
    Check(CheckArgs),
    /// Show which column or JSON field each logical field is read from.
    Fields(FieldsArgs),
    /// List the rules: id, category, severity, whether it runs, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation: why it matters, examples, options.
    Explain(ExplainArgs),
    /// Write a commented starter backlint.toml, filled from an export if one is given.
    Init(InitArgs),
    /// Write the Markdown page of every rule into a folder (docs/rules in this repository).
    #[command(hide = true)]
    Docs(DocsArgs),
}

/// Rule selection, shared by `check` and `rules`.
#[derive(Debug, clap::Args, Default)]
pub struct SelectArgs {
    /// Rules to run: ids, categories or `all` (replaces `select` of the configuration).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules not to run: ids or categories (added to `ignore` of the configuration).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    /// Configuration file (default: the nearest backlint.toml from the current directory up).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `missing-acceptance-criteria`.
    pub rule: String,
    /// Configuration file, for a team's own rules (`rules_dir`).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// An export to take issue types, statuses and custom fields from.
    pub export: Option<String>,
    /// Where to write the configuration.
    #[arg(long, default_value = "backlint.toml", value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// The folder to write `<rule-id>.md` files into.
    pub dir: PathBuf,
}

/// Options shared by every command that reads exports.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Export files to read; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// The format of the input; `auto` decides from each file's content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Configuration file (default: the nearest backlint.toml from the current directory up).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The largest input file to read, in MiB (default 2048, or [limits] max_file_mib).
    #[arg(long, value_name = "MIB")]
    pub max_file_size: Option<u64>,
    /// The largest cell or JSON string, in MiB (default 1, or [limits] max_cell_mib).
    #[arg(long, value_name = "MIB")]
    pub max_cell_size: Option<u64>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// How to report findings on standard output (or in --output FILE).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// The order of items in the human and concise reports: by their most severe finding
    /// (errors, then warnings, then notes; alike ones in export order), or the export's.
    #[arg(long, value_enum, default_value_t = SortOrder::Severity)]
    pub sort: SortOrder,
    /// Write a report to a file instead of standard output: `FILE` for the --format
    /// report, or `FORMAT=FILE` for another one (repeatable: `--output sarif=backlint.sarif
    /// --output markdown=summary.md` beside the human report on the terminal).
    #[arg(long, value_name = "[FORMAT=]FILE")]
    pub output: Vec<String>,
    /// Colour in the human report: auto (only on a terminal, and not with NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Findings shown per item; the rest are counted (default 50, or [limits]
    /// max_findings_per_item).
    #[arg(long, value_name = "N")]
    pub max_findings_per_item: Option<usize>,
    /// Record today's findings in a baseline file (and report nothing as failing).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// The lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit with 0 even when there are findings (errors still exit with 2).
    #[arg(long)]
    pub exit_zero: bool,
    #[command(flatten)]
    pub select: SelectArgs,
    /// The day ages are counted from (YYYY-MM-DD; default: `today` in the configuration, else
    /// the system date).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct FieldsArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    Auto,
    JiraCsv,
    JiraJson,
    Lines,
}

impl InputFormatArg {
    pub fn format(self) -> Option<InputFormat> {
        match self {
            InputFormatArg::Auto => None,
            InputFormatArg::JiraCsv => Some(InputFormat::JiraCsv),
            InputFormatArg::JiraJson => Some(InputFormat::JiraJson),
            InputFormatArg::Lines => Some(InputFormat::Lines),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Diagnostics with the offending text underlined, grouped by item, and a summary.
    Human,
    /// One line per finding: `file:line:col: severity[rule] KEY: message`.
    Concise,
    /// A versioned JSON document (see docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub workflow commands: annotations on the export in pull requests.
    Github,
    /// A Markdown report for a job summary or a pull-request comment.
    Markdown,
    /// JUnit XML: a test case per story, a failure per finding.
    Junit,
    /// One self-contained HTML page (use with --output): health, charts, every story with
    /// its findings on the offending text, filters; no network needed.
    Html,
}

impl OutputFormat {
    pub fn from_name(name: &str) -> Option<Self> {
        <Self as ValueEnum>::from_str(name, true).ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    /// Items with errors first, then warnings, then notes.
    Severity,
    /// Items as the export lists them.
    Export,
}

impl SortOrder {
    pub fn order(self) -> Order {
        match self {
            SortOrder::Severity => Order::Severity,
            SortOrder::Export => Order::Export,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}
