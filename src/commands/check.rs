//! `backlint check`: read, run the rules, report, and turn findings into an exit code.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::backlog::Backlog;
use crate::baseline::Baseline;
use crate::cli::{CheckArgs, ColorChoice, OutputFormat};
use crate::config::Loaded;
use crate::error::Error;
use crate::output::{write_atomically, write_atomically_with};
use crate::report::human::Style;
use crate::report::{self, Report};
use crate::rules::context::Settings;
use crate::rules::engine::{self, Outcome};
use crate::rules::story;
use crate::rules::suppression::Suppressions;

use super::{
    configured_rules, load_input_config, print_with, read_backlog, EXIT_CLEAN, EXIT_FINDINGS,
};

pub fn run(args: &CheckArgs) -> Result<u8, Error> {
    let outputs = outputs(args)?;
    // Every report's folder first: a bad path is refused before any report is written.
    for path in outputs
        .iter()
        .filter_map(|(_, target)| target.as_deref())
        .chain(args.write_baseline.as_deref())
    {
        crate::output::check_folder(path)?;
    }
    let progress = crate::progress::start();
    let loaded = load_input_config(&args.input)?;
    let rules = configured_rules(&loaded, &args.select)?;
    // Columns no rule reads are not kept: a Cloud "all fields" export has hundreds.
    let named = rules
        .iter()
        .flat_map(|r| r.check.named_fields())
        .map(str::to_owned)
        .collect();
    let backlog = read_backlog(&args.input, &loaded, Some(named))?;
    let settings = settings(&loaded, args.today.as_deref())?;
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::parse(&crate::ingest::load(
            &path.display().to_string(),
        )?)?),
        None => None,
    };
    let mut suppressions = Suppressions::collect(&backlog, &loaded.config.suppress);
    let mut outcome = engine::run(
        &backlog,
        &rules,
        &settings,
        &loaded.config.scope,
        &mut suppressions,
    )?;
    if let Some(path) = &args.write_baseline {
        write_atomically(path, &Baseline::of(&backlog, &outcome.findings).to_json())?;
        eprintln!(
            "wrote {} findings to the baseline {}",
            outcome.findings.len(),
            path.display()
        );
        return Ok(EXIT_CLEAN);
    }
    drop(progress);
    let fixed = baseline
        .map(|b| b.filter(&backlog, &mut outcome.findings))
        .unwrap_or_default();
    let max_per_item = args
        .max_findings_per_item
        .unwrap_or(loaded.config.limits.max_findings_per_item);
    let capped = cap_per_item(&mut outcome.findings, max_per_item);
    let report = Report::of(&backlog, &rules, &outcome);
    for (format, target) in &outputs {
        let write = |out: &mut dyn std::io::Write| {
            write_report(out, &report, *format, args, &loaded, target.is_none())
        };
        match target {
            Some(path) => write_atomically_with(path, write)?,
            None => print_with(write),
        }
    }
    print_notes(&backlog, &loaded, &outcome, &fixed);
    if capped > 0 {
        eprintln!("note: {capped} findings not shown: more than {max_per_item} on one item (raise with --max-findings-per-item)");
    }
    let failing = args
        .fail_on
        .threshold()
        .is_some_and(|threshold| outcome.findings.iter().any(|f| f.severity >= threshold));
    Ok(if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Keeps the first `max` findings of each item; returns how many were dropped.
fn cap_per_item(findings: &mut Vec<crate::finding::Finding>, max: usize) -> usize {
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
fn outputs(args: &CheckArgs) -> Result<Vec<(OutputFormat, Option<PathBuf>)>, Error> {
    let mut outputs = Vec::new();
    let mut main_target = None;
    for output in &args.output {
        match output
            .split_once('=')
            .and_then(|(name, path)| Some((OutputFormat::from_name(name)?, path)))
        {
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
    outputs.insert(0, (args.format, main_target));
    Ok(outputs)
}

/// Writes one report. JSON, SARIF, JUnit and the human report are written as they are
/// rendered (a report of a million findings is larger than the export); the others,
/// smaller or bounded, are rendered first.
fn write_report(
    out: &mut dyn std::io::Write,
    report: &Report<'_>,
    format: OutputFormat,
    args: &CheckArgs,
    loaded: &Loaded,
    to_stdout: bool,
) -> std::io::Result<()> {
    if args.statistics && matches!(format, OutputFormat::Human | OutputFormat::Concise) {
        return out.write_all(report::statistics::render(report).as_bytes());
    }
    let rendered = match format {
        OutputFormat::Json => return report::json::write(report, out),
        OutputFormat::Sarif => {
            return report::sarif::write(report, repository_root().as_deref(), out)
        }
        OutputFormat::Human => {
            return report::human::write(report, human_style(args, to_stdout), out)
        }
        OutputFormat::Concise => report::text::render(report),
        OutputFormat::Github => report::github::render(report),
        OutputFormat::Markdown => report::markdown::render(report),
        OutputFormat::Junit => return report::junit::write(report, out),
        OutputFormat::Html => report::html::render_with(
            report,
            report::html::IssueLinks {
                template: loaded.config.report.issue_url.as_deref(),
            },
        ),
    };
    out.write_all(rendered.as_bytes())
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

/// The run's settings: today's date (command line, then configuration, then the clock),
/// how stories are read, and the personas.
pub fn settings(loaded: &Loaded, today: Option<&str>) -> Result<Settings, Error> {
    let config = &loaded.config;
    let today = match today.or(config.today.as_deref()) {
        Some(text) => crate::dates::parse_date_time(text)
            .map(|d| d.date())
            .ok_or_else(|| Error::Usage {
                message: format!("--today \"{text}\" is not a date"),
                help: "write it as YYYY-MM-DD, e.g. --today 2026-03-01".into(),
            })?,
        None => jiff::ZonedDateTime::now().date(),
    };
    Ok(Settings {
        today,
        story: story::Options {
            job_stories: config.story.job_stories,
            extra_templates: config.story.templates.iter().map(|t| t.0.clone()).collect(),
        },
        personas: config.personas.clone(),
        criteria: crate::rules::criteria::Vocabulary::with(&config.criteria),
    })
}

/// Says on stderr what was not checked or no longer occurs, so a quiet run is not
/// mistaken for a clean one.
fn print_notes(
    backlog: &Backlog,
    loaded: &Loaded,
    outcome: &Outcome,
    fixed: &[crate::baseline::Entry],
) {
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
        eprintln!(
            "note: {} has no {} field, so these rules did not run on it: {}",
            source.name(),
            fields.join(", "),
            skipped.join(", ")
        );
    }
    let config_name = loaded
        .path
        .as_ref()
        .map_or("backlint.toml".into(), |p| p.display().to_string());
    for (key, rule) in &outcome.unused_config_suppressions {
        eprintln!(
            "note: {config_name}: [suppress] {key} = [\"{rule}\"] matches no finding; remove it"
        );
    }
    if !fixed.is_empty() {
        eprintln!("note: {} baseline entries no longer occur (fixed); write the baseline again to tighten it:", fixed.len());
        for entry in fixed.iter().take(20) {
            eprintln!(
                "  {} {} \"{}\"",
                entry.key,
                entry.rule,
                crate::rules::kinds::excerpt(&entry.text, 40)
            );
        }
        if fixed.len() > 20 {
            eprintln!("  … and {} more", fixed.len() - 20);
        }
    }
}
