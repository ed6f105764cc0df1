//! Command-line arguments (clap derive).

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Parser, Subcommand, ValueEnum};

use backlint::config::pull::{JiraApi, TrackerName};
use backlint::finding::Severity;
use backlint::ingest::reader::READERS;
use backlint::report::emit::{Format, FORMATS};
use backlint::report::Order;

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
// Parsed once per run: the size of the largest variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Check exports against the rules and report what falls short.
    // With --pull, the pulled folder is the input: no path is needed.
    #[command(mut_arg("paths", |paths| paths.required(false).required_unless_present("pull")))]
    Check(CheckArgs),
    /// Show which column or JSON field each logical field is read from.
    Fields(FieldsArgs),
    /// List the rules: id, category, severity, whether it runs, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation: why it matters, examples, options.
    Explain(ExplainArgs),
    /// Write a commented starter backlint.toml, filled from an export if one is given.
    Init(InitArgs),
    /// Fetch a backlog from Jira, GitHub or Azure DevOps into a folder of pages that `check` reads.
    #[command(after_help = PULL_AFTER_HELP)]
    Pull(PullArgs),
    /// Write the Markdown page of every rule into a folder (docs/rules in this repository).
    #[command(hide = true)]
    Docs(DocsArgs),
}

/// Rule selection, shared by `check` and `rules`; resolved as ruff resolves it (see
/// `rules::selection`).
#[derive(Debug, clap::Args, Default)]
#[command(next_help_heading = "Rule selection")]
pub struct SelectArgs {
    /// Rules to run: ids, categories or `all`. Replaces the configuration's selection,
    /// its `ignore` included.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Rules to run as well as the configuration's (or the default) selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Rules not to run: ids or categories; wins over the configuration's selection.
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
    /// Run the `[[test]]` cases of the selected rules' files (built-in and the team's)
    /// under the configuration; exit 1 if one does not hold.
    #[arg(long)]
    pub test: bool,
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
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// Export files, folders (every export directly in them) or glob patterns
    /// (`"exports/**/*.csv"`); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// The format of the input; `auto` decides from each file's content.
    #[arg(long, default_value = "auto", value_parser = input_formats())]
    pub input_format: String,
    /// The sheet of an Excel workbook (.xlsx) to read (default: the first with a header row).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Configuration file (default: the nearest backlint.toml from the current directory up).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The largest input file to read, in MiB (default 2048, or [limits] max_file_mib).
    #[arg(long, value_name = "MIB", help_heading = "Limits")]
    pub max_file_size: Option<u64>,
    /// The largest cell or JSON string, in MiB (default 1, or [limits] max_cell_mib).
    #[arg(long, value_name = "MIB", help_heading = "Limits")]
    pub max_cell_size: Option<u64>,
}

/// After `backlint pull --help`: examples and where credentials come from.
const PULL_AFTER_HELP: &str = "\
Examples:
  backlint pull jira --site https://example.atlassian.net --jql 'project = PAN' --out backlog/
  backlint pull jira --api v2 --site https://jira.example.com --jql 'project = PAN' --out backlog/
  backlint pull github --repo example/pantry --out backlog/
  backlint pull azure-devops --site https://dev.azure.com/example/Pantry --out backlog/ \\
    --wiql \"SELECT [System.Id] FROM WorkItems WHERE [System.State] <> 'Closed'\"
  backlint pull                        the tracker and query of [pull] in backlint.toml
  backlint check backlog/              lint what was pulled
  backlint check --pull                both in one step, as [pull] says

Credentials come from the environment, never from the command line:
  Jira Cloud (--api v3)           JIRA_EMAIL and JIRA_API_TOKEN
  Jira Data Center/Server (v2)    JIRA_PAT (a personal access token)
  GitHub                          GITHUB_TOKEN
  Azure DevOps                    AZURE_DEVOPS_PAT (a personal access token)
or the token from the file named by --token-file.";

/// Where to pull from: each option, else `[pull]` in backlint.toml.
#[derive(Debug, clap::Args)]
pub struct PullArgs {
    /// The tracker (default: [pull] tracker).
    pub tracker: Option<Tracker>,
    /// The Jira site (https://example.atlassian.net), the Azure DevOps project
    /// (https://dev.azure.com/ORG/PROJECT), or GitHub's REST API address (default
    /// https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3).
    #[arg(long, value_name = "URL")]
    pub site: Option<String>,
    /// Jira's REST API (default v3).
    #[arg(long)]
    pub api: Option<Api>,
    /// The JQL search to pull (Jira).
    #[arg(long, value_name = "JQL")]
    pub jql: Option<String>,
    /// The repository whose open issues to pull (GitHub).
    #[arg(long, value_name = "OWNER/REPO")]
    pub repo: Option<String>,
    /// The WIQL query whose work items to pull (Azure DevOps).
    #[arg(long, value_name = "WIQL")]
    pub wiql: Option<String>,
    /// Jira's fields to fetch: `*all` (the default) or a list, e.g. summary,description.
    #[arg(long, value_name = "FIELDS")]
    pub fields: Option<String>,
    /// The folder that receives one file per page (default: [pull] out, else backlog).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Seconds a request may take before it is retried (default 60).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// A file whose first line is the token, instead of the environment variable.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// The certificate authorities to trust (PEM) instead of the public ones: for a site
    /// whose certificate an organisation's own authority signed.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Configuration file (default: the nearest backlint.toml from the current directory up).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// A tracker as the command line names it.
#[derive(Debug, Clone, Copy)]
pub struct Tracker(pub TrackerName);

impl ValueEnum for Tracker {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Tracker(TrackerName::Jira),
            Tracker(TrackerName::Github),
            Tracker(TrackerName::AzureDevops),
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (_, name, help) = TrackerName::ALL.into_iter().find(|t| t.0 == self.0)?;
        Some(PossibleValue::new(name).help(help))
    }
}

/// A Jira API as the command line names it.
#[derive(Debug, Clone, Copy)]
pub struct Api(pub JiraApi);

impl ValueEnum for Api {
    fn value_variants<'a>() -> &'a [Self] {
        &[Api(JiraApi::V3), Api(JiraApi::V2)]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (_, name, help) = JiraApi::ALL.into_iter().find(|a| a.0 == self.0)?;
        Some(PossibleValue::new(name).help(help))
    }
}

/// After `backlint check --help`: examples and the exit codes.
const CHECK_AFTER_HELP: &str = "\
Examples:
  backlint check export.csv                          the findings, item by item, and a summary
  backlint check exports/                            every export in the folder
  backlint check \"exports/**/*.json\"                 a pattern, for shells that do not expand it
  backlint check --select stale-item export.csv      only stale-item, whatever backlint.toml selects
  backlint check --ignore grooming --extend-select stale-item export.csv
                                                     grooming off but stale-item (the more specific wins)
  backlint check -q --output sarif=backlint.sarif export.csv
  backlint check --pull                              pull as [pull] in backlint.toml says, then check

Exit codes:
  0  no finding at or above --fail-on (default warning)
  1  findings at or above --fail-on, or fewer ready candidates ready than --fail-under
  2  an error: unreadable input, a bad configuration or command line, an unknown rule";

#[derive(Debug, clap::Args)]
#[command(after_help = CHECK_AFTER_HELP)]
pub struct CheckArgs {
    #[command(flatten)]
    pub select: SelectArgs,
    /// Pull the backlog first, as [pull] in backlint.toml says (`backlint pull`), and check
    /// the folder it was saved in (with any PATH given).
    #[arg(long, help_heading = "Input")]
    pub pull: bool,
    /// The day ages are counted from (YYYY-MM-DD; default: `today` in the configuration, else
    /// each export's newest created or updated date).
    #[arg(long, value_name = "DATE", help_heading = "Rule selection")]
    pub today: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
    /// How to report findings on standard output (or in --output FILE).
    #[arg(long, value_enum, default_value = "human", help_heading = "Output")]
    pub format: OutputFormat,
    /// The order of items in the human and concise reports: by their most severe finding
    /// (errors, then warnings, then notes; alike ones in export order), or the export's.
    #[arg(long, value_enum, default_value_t = SortOrder::Severity, help_heading = "Output")]
    pub sort: SortOrder,
    /// Write a report to a file instead of standard output: `FILE` for the --format
    /// report, or `FORMAT=FILE` for another one (repeatable: `--output sarif=backlint.sarif
    /// --output markdown=summary.md` beside the human report on the terminal).
    #[arg(long, value_name = "[FORMAT=]FILE", help_heading = "Output")]
    pub output: Vec<String>,
    /// Start the CSV report with a UTF-8 byte-order mark, so Excel reads accents right;
    /// `--csv-bom=false` leaves it out.
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set,
          num_args = 0..=1, require_equals = true, default_missing_value = "true",
          help_heading = "Output")]
    pub csv_bom: bool,
    /// Colour in the human report: auto (only on a terminal, and not with NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub color: ColorChoice,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long, help_heading = "Output")]
    pub statistics: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub baseline: Option<PathBuf>,
    /// Findings shown per item; the rest are counted (default 50, or [limits]
    /// max_findings_per_item).
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_findings_per_item: Option<usize>,
    /// Record today's findings in a baseline file (and report nothing as failing).
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub write_baseline: Option<PathBuf>,
    /// The lowest severity that makes the run fail (exit code 1); notes (info) never fail
    /// unless asked with `info`.
    #[arg(long, value_enum, default_value_t = FailOn::Warning, help_heading = "Exit code")]
    pub fail_on: FailOn,
    /// Fail the run (exit code 1) when fewer than PERCENT of the ready candidates (items in
    /// the first [readiness] stage) are ready; a run with no ready candidates passes it.
    #[arg(long, value_name = "PERCENT", value_parser = percent, help_heading = "Exit code")]
    pub fail_under: Option<f64>,
    /// Exit with 0 even when there are findings (errors still exit with 2).
    #[arg(long, help_heading = "Exit code")]
    pub exit_zero: bool,
    /// Print only the summary of the human or concise report on standard output, and no
    /// notes on standard error (warnings and errors still).
    #[arg(short, long, help_heading = "Output")]
    pub quiet: bool,
    /// Print nothing on standard output, and on standard error only errors: the exit code
    /// tells the result. Reports given with --output are still written.
    #[arg(short, long, help_heading = "Output")]
    pub silent: bool,
}

#[derive(Debug, clap::Args)]
pub struct FieldsArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// `--input-format`'s values: `auto`, then the table of readers.
fn input_formats() -> PossibleValuesParser {
    let readers = READERS.iter().map(|reader| match reader.help {
        "" => PossibleValue::new(reader.name()),
        help => PossibleValue::new(reader.name()).help(help),
    });
    PossibleValuesParser::new(std::iter::once(PossibleValue::new("auto")).chain(readers))
}

/// An output format as `--format` takes it: the library's [`Format`], in a type of this
/// crate so that clap's trait can be implemented for it.
#[derive(Debug, Clone, Copy)]
pub struct OutputFormat(pub Format);

/// `--format`'s values: the table of output formats.
static OUTPUT_FORMATS: LazyLock<Vec<OutputFormat>> =
    LazyLock::new(|| FORMATS.iter().copied().map(OutputFormat).collect());

impl ValueEnum for OutputFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &OUTPUT_FORMATS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.name).help(self.0.help))
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

/// A percentage from 0 to 100, for `--fail-under`.
fn percent(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number; write a percentage, e.g. 80"))?;
    if (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{text} is not between 0 and 100"))
    }
}
