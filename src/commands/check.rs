//! `backlint check`: read, run the rules, report, and turn findings into an exit code.

use crate::cli::{CheckArgs, OutputFormat};
use crate::error::Error;
use crate::report::{self, Report};
use crate::rules::{builtin_rules, engine};

use super::{print, read_inputs, EXIT_CLEAN, EXIT_FINDINGS};

pub fn run(args: &CheckArgs) -> Result<u8, Error> {
    let (_config, backlog) = read_inputs(&args.input)?;
    let rules: Vec<_> = builtin_rules()?.into_iter().filter(|r| r.enabled).collect();
    let findings = engine::run(&backlog, &rules);
    let report = Report {
        backlog: &backlog,
        findings: &findings,
    };
    let rendered = match args.format {
        OutputFormat::Concise => report::text::render(&report),
        OutputFormat::Json => report::json::render(&report),
    };
    print(&rendered);
    let failing = args
        .fail_on
        .threshold()
        .is_some_and(|threshold| findings.iter().any(|f| f.severity >= threshold));
    Ok(if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
