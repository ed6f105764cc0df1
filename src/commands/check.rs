//! `backlint check`: read, run the rules, report, and turn findings into an exit code.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{CheckArgs, ColorChoice};
use backlint::backlog::Backlog;
use backlint::baseline::Baseline;
use backlint::config::Loaded;
use backlint::error::Error;
use backlint::output::{write_atomically, write_atomically_with};
use backlint::report::emit::{EmitOptions, Format};
use backlint::report::human::Style;
use backlint::report::{self, Report};
use backlint::rules::definition::AppliesTo;
use backlint::rules::did_you_mean;
use backlint::rules::engine::Outcome;
use backlint::rules::linter::{Linter, Overrides, Run};
use backlint::rules::suppression::{UnknownRule, LABEL};
use backlint::terminal_text::{self, escape};

use super::tally::{listed, quoted, tally};
use super::{command_line, load_input_config, print_with, read_backlog, EXIT_CLEAN, EXIT_FINDINGS};

/// How much the run says on the terminal (`-q`, `-s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    /// Silent: no report on stdout, no notes or warnings on stderr; errors only.
    Silent,
    /// Quiet: the human and concise reports shrink to their summary; no notes.
    Quiet,
    Normal,
}

impl Verbosity {
    fn of(args: &CheckArgs) -> Self {
        if args.silent {
            Verbosity::Silent
        } else if args.quiet {
            Verbosity::Quiet
        } else {
            Verbosity::Normal
        }
    }
}

pub fn run(args: &CheckArgs) -> Result<u8, Error> {
    let verbosity = Verbosity::of(args);
    let outputs = outputs(args)?;
    // Every report's folder first: a bad path is refused before any report is written.
    for path in outputs
        .iter()
        .filter_map(|(_, target)| target.as_deref())
        .chain(args.write_baseline.as_deref())
    {
        backlint::output::check_folder(path)?;
    }
    let progress = (verbosity == Verbosity::Normal).then(backlint::progress::start);
    let loaded = load_input_config(&args.input)?;
    let overrides = Overrides {
        select: command_line(&args.select),
        today: args.today.as_deref().map(parse_today).transpose()?,
        max_findings_per_item: args.max_findings_per_item,
    };
    let linter = Linter::from_config(&loaded, &overrides)?;
    let rules = linter.rules();
    // Columns no rule reads are not kept: a Cloud "all fields" export has hundreds.
    let mut paths = args.input.paths.clone();
    if args.pull {
        let talk = verbosity == Verbosity::Normal;
        let folder = super::pull::pull_into_folder(&Default::default(), &loaded, talk)?;
        paths.push(folder.display().to_string());
    }
    let backlog = read_backlog(&paths, &args.input, &loaded, Some(linter.named_fields()))?;
    let max_per_item = linter.settings().max_findings_per_item;
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::parse(&backlint::ingest::load(
            &path.display().to_string(),
        )?)?),
        None => None,
    };
    let Run {
        mut outcome,
        unknown_labels,
    } = linter.run(&backlog)?;
    if verbosity != Verbosity::Silent {
        warn_unknown_labels(&backlog, &unknown_labels, linter.known_ids());
    }
    if let Some(path) = &args.write_baseline {
        write_atomically(path, &Baseline::of(&backlog, &outcome.findings).to_json())?;
        if verbosity == Verbosity::Normal {
            terminal_text::eprint(&format!(
                "wrote {} findings to the baseline {}\n",
                outcome.findings.len(),
                escape(&path.display().to_string())
            ));
        }
        return Ok(EXIT_CLEAN);
    }
    drop(progress);
    let before_baseline = outcome.findings.len();
    let hidden_by_baseline = baseline.is_some();
    let fixed = baseline
        .map(|b| b.filter(&backlog, &mut outcome.findings))
        .unwrap_or_default();
    let hidden_by_baseline = hidden_by_baseline.then(|| before_baseline - outcome.findings.len());
    let capped = cap_per_item(&mut outcome.findings, max_per_item) + outcome.not_collected;
    let mut report = Report::of(&backlog, rules, &outcome).in_order(args.sort.order());
    if let Some(hidden) = hidden_by_baseline {
        report = report.with_baseline(hidden);
    }
    for (format, target) in &outputs {
        let write = |out: &mut dyn std::io::Write| {
            write_report(out, &report, *format, args, &loaded, target.is_none())
        };
        match target {
            Some(path) => write_atomically_with(path, write)?,
            None if verbosity == Verbosity::Silent => {}
            None => print_with(write),
        }
    }
    if verbosity == Verbosity::Normal {
        print_notes(&backlog, &loaded, &outcome, &fixed);
        let story_rules = rules.iter().any(|r| r.applies_to == AppliesTo::Stories);
        if outcome.stories.is_empty() && outcome.items_checked > 0 && story_rules {
            terminal_text::eprint(&format!(
                "{}\n",
                no_stories_note(&backlog, &loaded.config.scope)
            ));
        }
        if capped > 0 {
            eprintln!("note: {capped} findings not shown: more than {max_per_item} on one item (raise with --max-findings-per-item)");
        }
    }
    let below_gate = args
        .fail_under
        .is_some_and(|gate| below(&report.readiness, gate));
    if below_gate && verbosity != Verbosity::Silent {
        if let Some(c) = report.readiness.candidates() {
            eprintln!(
                "error: {} of {} ready candidates are ready ({:.0}%), under --fail-under {}",
                c.ready,
                c.stories,
                c.percent().unwrap_or(0.0),
                args.fail_under.unwrap_or_default()
            );
        }
    }
    let failing = below_gate
        || args
            .fail_on
            .threshold()
            .is_some_and(|threshold| outcome.findings.iter().any(|f| f.severity >= threshold));
    Ok(if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Whether fewer than `gate` percent of the ready candidates are ready (`--fail-under`);
/// never with no ready candidates.
fn below(readiness: &backlint::report::Readiness, gate: f64) -> bool {
    readiness
        .candidates()
        .and_then(|c| c.percent())
        .is_some_and(|share| share < gate)
}

/// Keeps the first `max` findings of each item; returns how many were dropped.
fn cap_per_item(findings: &mut Vec<backlint::finding::Finding>, max: usize) -> usize {
    let before = findings.len();
    let mut seen: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    findings.retain(|f| {
        let count = seen.entry(f.item).or_default();
        *count += 1;
        *count <= max
    });
    before - findings.len()
}

/// Each report to write: its format, and its file (`None` for standard output).
fn outputs(args: &CheckArgs) -> Result<Vec<(Format, Option<PathBuf>)>, Error> {
    let mut outputs = Vec::new();
    let mut main_target = None;
    for output in &args.output {
        match named_output(output)? {
            Some((format, path)) => outputs.push((format, Some(PathBuf::from(path)))),
            None if main_target.is_none() => main_target = Some(PathBuf::from(output)),
            None => {
                return Err(Error::Usage {
                    message: format!(
                        "--output {output}: the --format report already goes to another file"
                    ),
                    help: "give other reports as FORMAT=FILE, e.g. --output sarif=backlint.sarif"
                        .into(),
                })
            }
        }
    }
    outputs.insert(0, (args.format.0, main_target));
    Ok(outputs)
}

/// `FORMAT=FILE` as a format and a file; `None` for a plain file. What stands before `=`
/// is taken as a format when it is a bare word (letters, digits, `-`, `_`), so
/// `--output pdf=a.pdf` is refused rather than written to a file named `pdf=a.pdf`.
fn named_output(output: &str) -> Result<Option<(Format, &str)>, Error> {
    let Some((name, path)) = output.split_once('=') else {
        return Ok(None);
    };
    let bare_word = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !bare_word {
        return Ok(None);
    }
    let usage = |message: String, help: String| Error::Usage { message, help };
    let Some(format) = Format::named(name) else {
        return Err(usage(
            format!("--output {output}: there is no format `{name}`"),
            format!(
                "the formats are {}; for a file whose name holds `=`, write ./{output}",
                Format::names().join(", ")
            ),
        ));
    };
    if path.is_empty() {
        return Err(usage(
            format!("--output {output}: no file after `=`"),
            format!("name the file, e.g. --output {name}=backlint.{name}"),
        ));
    }
    Ok(Some((format, path)))
}

/// Writes one report; the reports for people shrink to their summary with `--quiet` and
/// give way to counts per rule with `--statistics`.
fn write_report(
    out: &mut dyn std::io::Write,
    report: &Report<'_>,
    format: Format,
    args: &CheckArgs,
    loaded: &Loaded,
    to_stdout: bool,
) -> std::io::Result<()> {
    if args.statistics && format.for_people {
        return out.write_all(report::statistics::render(report).as_bytes());
    }
    let style = human_style(args, to_stdout);
    if args.quiet && format.for_people && to_stdout {
        return out.write_all(report::human::summary(report, style).as_bytes());
    }
    let root = repository_root();
    let options = EmitOptions {
        style,
        repository_root: root.as_deref(),
        csv_bom: args.csv_bom,
        links: issue_links(loaded),
    };
    (format.emit)(report, &options, out)
}

/// How keys become links in the reports that link them: `[report] issue_url`.
fn issue_links(loaded: &Loaded) -> report::html::IssueLinks<'_> {
    report::html::IssueLinks::configured(loaded.config.report.issue_url.as_deref())
}

/// Colour (on a terminal, unless `NO_COLOR` or `--color` say otherwise) and width
/// (`COLUMNS`, else 100) of the human report.
fn human_style(args: &CheckArgs, to_stdout: bool) -> Style {
    let color = to_stdout
        && match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    Style { color, width }
}

/// The repository the run is in (the nearest folder up with `.git`; `GITHUB_WORKSPACE` in
/// GitHub Actions), so SARIF URIs are relative to it as code scanning expects.
fn repository_root() -> Option<PathBuf> {
    if let Some(workspace) = std::env::var_os("GITHUB_WORKSPACE").filter(|w| !w.is_empty()) {
        return Some(PathBuf::from(workspace));
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(PathBuf::from)
}

/// `--today` as a day.
fn parse_today(text: &str) -> Result<jiff::civil::Date, Error> {
    backlint::dates::parse_date_time(text)
        .map(|d| d.date())
        .ok_or_else(|| Error::Usage {
            message: format!("--today \"{text}\" is not a date"),
            help: "write it as YYYY-MM-DD, e.g. --today 2026-03-01".into(),
        })
}

/// Why the story rules found nothing to check, and how to make them check the backlog's
/// items: said once, since a silent "0 stories" reads as a clean backlog.
fn no_stories_note(backlog: &Backlog, scope: &backlint::config::Scope) -> String {
    // Issue type names are backlog text: escaped, so the note cannot carry a sequence.
    let types: Vec<(String, usize)> = tally(backlog, backlint::backlog::Field::IssueType)
        .into_iter()
        .map(|(name, count)| (escape(&name).into_owned(), count))
        .collect();
    let story_types: Vec<&str> = scope.story_types.iter().map(String::as_str).collect();
    let mut suggested = story_types.clone();
    if let Some((most_common, _)) = types.first() {
        suggested.push(most_common);
    }
    format!(
        "note: no stories checked, so the story rules did not run: the export's items are of \
         types {} and none is of a story type ({}){}.\n  \
         To check them as stories, name their type in backlint.toml:\n\n    \
         [scope]\n    story_types = [{}]",
        listed(&types),
        quoted(&story_types),
        if scope.stories_by_summary {
            " or has a summary written as a story (\"As a …, I want …\")"
        } else {
            ""
        },
        quoted(&suggested),
    )
}

/// Warns on stderr of suppression labels that name no rule, where they are, with the rule
/// most likely meant.
fn warn_unknown_labels(backlog: &Backlog, unknown: &[UnknownRule], rule_ids: &[String]) {
    for label in unknown {
        let source = backlog.source_of(label.item);
        let at = source.place(label.span.start);
        let help = did_you_mean::help(
            &label.rule,
            rule_ids.iter().map(String::as_str),
            "`backlint rules` lists the rules",
        );
        terminal_text::eprint(&format!(
            "warning: {}:{}: {}: the label `{LABEL}:{}` names no rule, so it suppresses nothing; {}\n",
            escape(source.name()),
            at,
            escape(backlog.key(label.item)),
            escape(&label.rule),
            escape(&help),
        ));
    }
}

/// Says on stderr what was not checked or no longer occurs, so a quiet run is not
/// mistaken for a clean one. File names, keys and quoted text come from the backlog and the
/// baseline: they are escaped, so no note can send a terminal sequence or a CI command.
fn print_notes(
    backlog: &Backlog,
    loaded: &Loaded,
    outcome: &Outcome,
    fixed: &[backlint::baseline::Entry],
) {
    let mut notes = String::new();
    for (file, source) in backlog.sources.iter().enumerate() {
        let skipped: Vec<&str> = outcome
            .skipped
            .iter()
            .filter(|s| s.file == file)
            .map(|s| s.rule.as_str())
            .collect();
        if skipped.is_empty() {
            continue;
        }
        let mut fields: Vec<&str> = outcome
            .skipped
            .iter()
            .filter(|s| s.file == file)
            .flat_map(|s| s.fields.iter().map(|f| f.name()))
            .collect();
        fields.sort_unstable();
        fields.dedup();
        let _ = writeln!(
            notes,
            "note: {} has no {} field, so these rules did not run on it: {}",
            escape(source.name()),
            fields.join(", "),
            escape(&skipped.join(", "))
        );
    }
    let config_name = loaded
        .path
        .as_ref()
        .map_or("backlint.toml".into(), |p| p.display().to_string());
    for (key, rule) in &outcome.unused_config_suppressions {
        let _ = writeln!(
            notes,
            "note: {}: [suppress] {} = [\"{}\"] matches no finding; remove it",
            escape(&config_name),
            escape(key),
            escape(rule)
        );
    }
    if !fixed.is_empty() {
        let _ = writeln!(notes, "note: {} baseline entries no longer occur (fixed); write the baseline again to tighten it:", fixed.len());
        for entry in fixed.iter().take(20) {
            let _ = writeln!(
                notes,
                "  {} {} \"{}\"",
                escape(&entry.key),
                escape(&entry.rule),
                escape(&backlint::rules::kinds::excerpt(&entry.text, 40))
            );
        }
        if fixed.len() > 20 {
            let _ = writeln!(notes, "  … and {} more", fixed.len() - 20);
        }
    }
    terminal_text::eprint(&notes);
}
