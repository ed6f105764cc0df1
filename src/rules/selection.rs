//! Which rules run, at which severity and with which options: the catalog's defaults,
//! then `select`/`ignore` and `[rules.<id>]` of the configuration, then the command line.

use crate::config::Loaded;
use crate::error::Error;
use crate::finding::Severity;

use super::definition::CATEGORIES;
use super::Rule;

/// Selections given on the command line; they win over the configuration's.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

/// The rules to run, configured.
pub fn select(catalog: Vec<Rule>, loaded: &Loaded, cli: &CommandLine) -> Result<Vec<Rule>, Error> {
    let config = &loaded.config;
    let known = |token: &str| {
        token == "all" || CATEGORIES.contains(&token) || catalog.iter().any(|r| r.id == token)
    };
    let config_tokens = config
        .select
        .iter()
        .flatten()
        .chain(&config.ignore)
        .chain(config.rules.keys())
        .chain(config.suppress.values().flatten());
    if let Some(unknown) = config_tokens.map(String::as_str).find(|t| !known(t)) {
        return Err(loaded.error_at(
            unknown,
            format!("unknown rule or category `{unknown}`"),
            suggestion(&catalog, unknown),
        ));
    }
    if let Some(unknown) = cli.select.iter().chain(&cli.ignore).find(|t| !known(t)) {
        return Err(Error::Usage {
            message: format!("unknown rule or category `{unknown}` on the command line"),
            help: suggestion(&catalog, unknown),
        });
    }
    let select = if cli.select.is_empty() {
        config.select.clone()
    } else {
        Some(cli.select.clone())
    };
    let ignore: Vec<&String> = config.ignore.iter().chain(&cli.ignore).collect();
    let matches =
        |rule: &Rule, token: &str| token == "all" || token == rule.id || token == rule.category;
    let mut selected = Vec::new();
    for rule in catalog {
        let wanted = match &select {
            Some(tokens) => tokens.iter().any(|t| matches(&rule, t)),
            None => rule.enabled,
        };
        if !wanted || ignore.iter().any(|t| matches(&rule, t)) {
            continue;
        }
        selected.push(configure(rule, loaded)?);
    }
    Ok(selected)
}

/// Applies `[rules.<id>]`: `severity`, and any other key as an option of the rule's check.
fn configure(rule: Rule, loaded: &Loaded) -> Result<Rule, Error> {
    let Some(table) = loaded.config.rules.get(&rule.id) else {
        return Ok(rule);
    };
    let mut options = table.clone();
    let severity = match options.remove("severity") {
        None => rule.severity,
        Some(toml::Value::String(name)) => match name.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => {
                return Err(bad_option(
                    loaded,
                    &rule.id,
                    &format!("severity \"{name}\" is not error, warning or info"),
                ))
            }
        },
        Some(_) => {
            return Err(bad_option(
                loaded,
                &rule.id,
                "severity must be a string: \"error\", \"warning\" or \"info\"",
            ))
        }
    };
    let mut rule = if options.is_empty() {
        rule
    } else {
        rule.with_options(&options)
            .map_err(|message| bad_option(loaded, &rule.id, &message))?
    };
    rule.severity = severity;
    Ok(rule)
}

fn bad_option(loaded: &Loaded, id: &str, message: &str) -> Error {
    loaded.error_at(
        &format!("rules.{id}]"),
        format!("[rules.{id}]: {message}"),
        format!("`backlint explain {id}` lists the rule's options"),
    )
}

fn suggestion(catalog: &[Rule], unknown: &str) -> String {
    let close: Vec<&str> = catalog
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| id.contains(unknown) || unknown.contains(id) || shares_words(id, unknown))
        .take(3)
        .collect();
    if close.is_empty() {
        format!(
            "`backlint rules` lists the rules; the categories are {}",
            CATEGORIES.join(", ")
        )
    } else {
        format!(
            "did you mean {}? `backlint rules` lists them all",
            close.join(", ")
        )
    }
}

fn shares_words(a: &str, b: &str) -> bool {
    a.split('-')
        .any(|w| w.len() > 3 && b.split('-').any(|v| v == w))
}
