//! `backlint rules`: the catalog, with what the configuration makes of it.

use std::fmt::Write;

use serde::Serialize;

use crate::cli::{ListFormat, RulesArgs};
use backlint::error::Error;

use super::{command_line, load_config, print, EXIT_CLEAN};
use backlint::rules::{catalog, selection};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    category: &'a str,
    severity: &'a str,
    enabled: bool,
    summary: &'a str,
}

pub fn run(args: &RulesArgs) -> Result<u8, Error> {
    let loaded = load_config(args.config.as_deref())?;
    let all = catalog::of_config(&loaded)?;
    let selected = selection::select(all.clone(), &loaded, &command_line(&args.select))?;
    let rows: Vec<Row<'_>> = all
        .iter()
        .map(|rule| {
            let configured = selected.iter().find(|r| r.id == rule.id);
            Row {
                id: &rule.id,
                category: &rule.category,
                severity: configured.map_or(rule.severity, |r| r.severity).name(),
                enabled: configured.is_some(),
                summary: &rule.summary,
            }
        })
        .collect();
    let out = match args.format {
        ListFormat::Json => serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n",
        ListFormat::Text => {
            let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut out = String::new();
            for row in &rows {
                let enabled = if row.enabled { "on " } else { "off" };
                let _ = writeln!(
                    out,
                    "{:width$}  {:14}  {:7}  {enabled}  {}",
                    row.id, row.category, row.severity, row.summary
                );
            }
            out
        }
    };
    print(&out);
    Ok(EXIT_CLEAN)
}
