//! `backlint init [EXPORT]`: a commented starter `backlint.toml`. Given an export, it
//! lists the issue types, statuses and custom fields found there, so the scope and the
//! field map can be filled in from what the team's Jira actually uses.

use std::fmt::Write;

use crate::cli::InitArgs;
use backlint::backlog::{Backlog, Field};
use backlint::config::readiness::{DEFAULT_REQUIRE, READY_STATUSES};
use backlint::error::Error;
use backlint::ingest::{self, ReadOptions};

use super::tally::{listed, quoted, tally};
use super::EXIT_CLEAN;

pub fn run(args: &InitArgs) -> Result<u8, Error> {
    if args.output.exists() && !args.force {
        return Err(Error::Usage {
            message: format!("{} exists already", args.output.display()),
            help: "pass --force to overwrite it, or --output to write elsewhere".into(),
        });
    }
    let backlog = match &args.export {
        Some(path) => Some(ingest::read_paths(
            std::slice::from_ref(path),
            &ReadOptions::default(),
        )?),
        None => None,
    };
    let text = starter(backlog.as_ref());
    backlint::output::write_atomically(&args.output, &text)?;
    eprintln!("wrote {}", args.output.display());
    Ok(EXIT_CLEAN)
}

/// Custom fields of the export that backlint does not map, for the `[fields]` comments.
fn custom_fields(backlog: &Backlog) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for item in backlog.items() {
        for entry in &item.entries {
            let custom =
                entry.name.starts_with("Custom field (") || entry.name.starts_with("customfield_");
            if custom && entry.field.is_none() && !names.iter().any(|n| **n == *entry.name) {
                names.push(entry.name.to_string());
            }
        }
    }
    names
}

/// The configuration text, filled from `backlog` when there is one.
pub fn starter(backlog: Option<&Backlog>) -> String {
    let mut out = String::from(
        "# backlint configuration. `backlint rules` lists the rules; `backlint explain RULE` says\n\
         # what one checks and which options it takes.\n\n\
         # Rules to run: ids, categories (format, quality, acceptance, prioritisation,\n\
         # estimation, grooming) or \"all\". Without `select`, the rules on by default run.\n\
         # select = [\"all\"]\n\
         # ignore = [\"template-uniformity\"]\n\n\
         # The day age checks (stale-item) count from; by default, the export's newest date.\n\
         # today = \"2026-03-01\"\n\n\
         # The roles your stories are written for; other roles are reported by role-not-user.\n\
         # personas = [\"shopper\", \"store manager\"]\n\n\
         # A folder of your team's own rule files, in the format of backlint's rules/.\n\
         # rules_dir = \"backlint-rules\"\n\n[scope]\n",
    );
    let types = backlog
        .map(|b| tally(b, Field::IssueType))
        .unwrap_or_default();
    let story_types: Vec<&str> = types
        .iter()
        .map(|(t, _)| t.as_str())
        .filter(|t| t.to_lowercase().contains("story"))
        .collect();
    if !types.is_empty() {
        let _ = writeln!(out, "# Issue types in the export: {}", listed(&types));
    }
    let _ = writeln!(
        out,
        "# Issue types that are stories (many sites type stories as \"Task\")."
    );
    let story_types = if story_types.is_empty() {
        vec!["Story", "User Story"]
    } else {
        story_types
    };
    let _ = writeln!(out, "story_types = [{}]", quoted(&story_types));
    let statuses = backlog.map(|b| tally(b, Field::Status)).unwrap_or_default();
    if !statuses.is_empty() {
        let _ = writeln!(out, "# Statuses in the export: {}", listed(&statuses));
    }
    out.push_str(
        "# Statuses whose items are not checked; items in the Done status category never are.\n\
         skip_statuses = []\n\n\
         [story]\n\
         # Accept job stories: \"When …, I want to …, so I can …\".\n\
         job_stories = false\n\
         # Your own templates, as regexes with the named groups role, goal and benefit.\n\
         # templates = ['^As (?P<role>.+?), I can (?P<goal>.+?)(?:, so that (?P<benefit>.+))?$']\n\n\
         [fields]\n\
         # Which column (CSV) or field id (JSON) holds a field the defaults do not find.\n",
    );
    if let Some(backlog) = backlog {
        let missing: Vec<&str> = Field::ALL
            .into_iter()
            .filter(|f| {
                backlog.files.iter().all(|info| {
                    info.origins
                        .iter()
                        .any(|o| o.field == *f && o.names.is_empty())
                })
            })
            .map(Field::name)
            .collect();
        if !missing.is_empty() {
            let _ = writeln!(out, "# Not found in the export: {}", missing.join(", "));
        }
        let custom = custom_fields(backlog);
        if !custom.is_empty() {
            let _ = writeln!(out, "# Custom fields in the export: {}", custom.join(", "));
        }
    }
    out.push_str(
        "# estimate = \"Custom field (Story Points)\"\n\n\
         # Per rule: severity and options, e.g.\n\
         # [rules.oversized-story]\n\
         # severity = \"error\"\n\
         # max = 8\n\n\
         # Findings not to report, by issue key (or label an issue backlint-ignore:RULE).\n\
         # [suppress]\n\
         # \"PAN-12\" = [\"missing-estimate\"]\n",
    );
    stages(&mut out, &statuses);
    out
}

/// `[readiness]` stages as backlint applies them by default (docs/readiness.md), with the
/// ready-like statuses the export uses (all the usual names when it has none, or without
/// an export), so the team can adjust them to its workflow.
fn stages(out: &mut String, statuses: &[(String, usize)]) {
    let ready_like = |status: &str| {
        READY_STATUSES
            .iter()
            .any(|ready| ready.eq_ignore_ascii_case(status))
            || status.to_lowercase().contains("ready")
    };
    let found: Vec<&str> = statuses
        .iter()
        .map(|(status, _)| status.as_str())
        .filter(|status| ready_like(status))
        .collect();
    let ready: Vec<&str> = if found.is_empty() {
        READY_STATUSES.to_vec()
    } else {
        found
    };
    let require = quoted(&DEFAULT_REQUIRE);
    let _ = write!(
        out,
        "\n# Readiness stages (docs/readiness.md): an open item is in the first stage that selects\n\
         # it. The first stage's stories are the ready candidates, which must meet its Definition\n\
         # of Ready (`require`); `--fail-under` gates on how many do.\n\
         # These are the defaults{}.\n\
         [[readiness.stages]]\n\
         name = \"ready\"\n\
         in_sprint = true\n\
         statuses = [{}]\n\
         require = [{require}]\n\
         severity = \"error\"\n\n\
         [[readiness.stages]]\n\
         name = \"backlog\"\n\
         require = [{require}]\n",
        if statuses.is_empty() {
            ""
        } else {
            ", with the ready-like statuses of the export"
        },
        quoted(&ready),
    );
}
