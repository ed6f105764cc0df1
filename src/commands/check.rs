//! `backlint check`: read, run the rules, report, and turn findings into an exit code.

use crate::backlog::Backlog;
use crate::cli::{CheckArgs, OutputFormat};
use crate::config::Loaded;
use crate::error::Error;
use crate::report::{self, Report};
use crate::rules::context::Settings;
use crate::rules::engine::{self, Outcome};
use crate::rules::story;
use crate::rules::suppression::Suppressions;

use super::{configured_rules, print, read_inputs, EXIT_CLEAN, EXIT_FINDINGS};

pub fn run(args: &CheckArgs) -> Result<u8, Error> {
    let (loaded, backlog) = read_inputs(&args.input)?;
    let rules = configured_rules(&loaded, &args.select)?;
    let settings = settings(&loaded, args.today.as_deref())?;
    let mut suppressions = Suppressions::collect(&backlog, &loaded.config.suppress);
    let outcome = engine::run(
        &backlog,
        &rules,
        &settings,
        &loaded.config.scope,
        &mut suppressions,
    );
    let report = Report {
        backlog: &backlog,
        findings: &outcome.findings,
        rules: &rules,
        items_checked: outcome.items_checked,
        stories: &outcome.stories,
    };
    let rendered = match args.format {
        OutputFormat::Concise => report::text::render(&report),
        OutputFormat::Json => report::json::render(&report),
    };
    print(&rendered);
    print_notes(&backlog, &loaded, &outcome);
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
    })
}

/// Says on stderr what was not checked, so a quiet run is not mistaken for a clean one.
fn print_notes(backlog: &Backlog, loaded: &Loaded, outcome: &Outcome) {
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
}
