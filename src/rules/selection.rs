//! Which rules run, at which severity and with which options: the catalog's defaults,
//! then `select`/`extend_select`/`ignore` and `[rules.<id>]` of the configuration, then
//! the command line.
//!
//! Selectors are resolved as ruff resolves them. Each source (the configuration, then the
//! command line) is a layer: a layer that has `select` starts the set afresh from it,
//! one without adds its `extend_select` and removes its `ignore` from the set so far.
//! Within a layer a more specific selector wins (`all` < a category < a rule id), and at
//! the same specificity `ignore` wins. So `--select stale-item` runs stale-item even when
//! the configuration ignores it, and `--ignore` on the command line beats the
//! configuration's `select`.

use crate::config::Loaded;
use crate::error::Error;
use crate::finding::Severity;

use super::conditions::Conditions;
use super::definition::CATEGORIES;
use super::did_you_mean;
use super::Rule;

/// Selectors given on the command line; they win over the configuration's.
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    /// Replaces the configuration's selection when not empty.
    pub select: Vec<String>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

impl CommandLine {
    /// `--select SELECTOR` alone: one rule, a category or `all`.
    pub fn only(selector: &str) -> CommandLine {
        CommandLine {
            select: vec![selector.to_owned()],
            ..CommandLine::default()
        }
    }
}

/// One layer of selectors (ruff's `RuleSelection`).
struct Layer<'a> {
    select: Option<&'a [String]>,
    extend_select: &'a [String],
    ignore: &'a [String],
}

/// How specific a selector is; the more specific wins within a layer.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Specificity {
    All,
    Category,
    Rule,
}

fn specificity(token: &str) -> Specificity {
    if token == "all" {
        Specificity::All
    } else if CATEGORIES.contains(&token) {
        Specificity::Category
    } else {
        Specificity::Rule
    }
}

fn matches(rule: &Rule, token: &str) -> bool {
    token == "all" || token == rule.id || token == rule.category
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
        .chain(&config.extend_select)
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
    let cli_tokens = cli
        .select
        .iter()
        .chain(&cli.extend_select)
        .chain(&cli.ignore);
    if let Some(unknown) = cli_tokens.map(String::as_str).find(|t| !known(t)) {
        return Err(Error::Usage {
            message: format!("unknown rule or category `{unknown}` on the command line"),
            help: suggestion(&catalog, unknown),
        });
    }
    let layers = [
        Layer {
            select: config.select.as_deref(),
            extend_select: &config.extend_select,
            ignore: &config.ignore,
        },
        Layer {
            select: (!cli.select.is_empty()).then_some(cli.select.as_slice()),
            extend_select: &cli.extend_select,
            ignore: &cli.ignore,
        },
    ];
    let enabled = resolve(&catalog, &layers);
    catalog
        .into_iter()
        .zip(enabled)
        .filter(|(_, on)| *on)
        .map(|(rule, _)| configure(rule, loaded))
        .collect()
}

/// Whether each rule of the catalog runs, after every layer.
fn resolve(catalog: &[Rule], layers: &[Layer<'_>]) -> Vec<bool> {
    let mut enabled: Vec<bool> = catalog.iter().map(|r| r.enabled).collect();
    for layer in layers {
        let mut updates: Vec<Option<bool>> = vec![None; catalog.len()];
        let adds = layer
            .select
            .unwrap_or_default()
            .iter()
            .chain(layer.extend_select);
        let changes = adds
            .map(|t| (t, true))
            .chain(layer.ignore.iter().map(|t| (t, false)));
        let mut ordered: Vec<(&String, bool)> = changes.collect();
        // Less specific first, so the more specific overwrite them; ignores after selects.
        ordered.sort_by_key(|(token, on)| (specificity(token), !on));
        for (token, on) in ordered {
            for (update, rule) in updates.iter_mut().zip(catalog) {
                if matches(rule, token) {
                    *update = Some(on);
                }
            }
        }
        for (on, update) in enabled.iter_mut().zip(updates) {
            *on = match (layer.select, update) {
                (Some(_), update) => update == Some(true),
                (None, Some(update)) => update,
                (None, None) => *on,
            };
        }
    }
    enabled
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
    // `when = { … }` replaces the rule's conditions (stale-item's left-out issue types, say).
    let when = match options.remove("when") {
        None => None,
        Some(value) => Some(
            value
                .try_into::<Conditions>()
                .map_err(|e| bad_option(loaded, &rule.id, &format!("when: {}", e.message())))?,
        ),
    };
    let mut rule = if options.is_empty() {
        rule
    } else {
        rule.with_options(&options)
            .map_err(|message| bad_option(loaded, &rule.id, &message))?
    };
    rule.severity = severity;
    if let Some(when) = when {
        rule.when = when;
    }
    Ok(rule)
}

fn bad_option(loaded: &Loaded, id: &str, message: &str) -> Error {
    loaded.error_at(
        &format!("rules.{id}]"),
        format!("[rules.{id}]: {message}"),
        format!("`backlint explain {id}` lists the rule's options"),
    )
}

/// "did you mean …?" for an unknown selector, and where to find the valid ones.
fn suggestion(catalog: &[Rule], unknown: &str) -> String {
    let candidates = catalog.iter().map(|r| r.id.as_str()).chain(CATEGORIES);
    let listing = format!(
        "`backlint rules` lists the rules; the categories are {}",
        CATEGORIES.join(", ")
    );
    did_you_mean::help(unknown, candidates, &listing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Encoding, Source};

    /// The ids selected by configuration `toml` and the command line `cli`.
    fn selected(toml: &str, cli: &[(&str, &[&str])]) -> Vec<String> {
        let source = Source::new("backlint.toml", toml.to_owned(), Encoding::Utf8);
        let loaded = Loaded {
            config: crate::config::parse(&source).expect("the configuration parses"),
            source: Some(source),
            ..Loaded::default()
        };
        let flag = |name: &str| -> Vec<String> {
            cli.iter()
                .filter(|(n, _)| *n == name)
                .flat_map(|(_, v)| v.iter().map(|t| t.to_string()))
                .collect()
        };
        let cli = CommandLine {
            select: flag("select"),
            extend_select: flag("extend-select"),
            ignore: flag("ignore"),
        };
        let catalog = super::super::catalog::builtin_rules().expect("the rules load");
        let rules = select(catalog, &loaded, &cli).expect("the selection resolves");
        rules.into_iter().map(|r| r.id).collect()
    }

    const CONFIG: &str = "select = [\"estimation\", \"grooming\"]\nignore = [\"stale-item\"]\n";

    #[test]
    fn the_command_lines_select_starts_afresh() {
        // ruff: `--select F401` with `ignore = ["F401"]` configured enforces F401 alone.
        assert_eq!(
            selected(CONFIG, &[("select", &["stale-item"])]),
            ["stale-item"]
        );
    }

    #[test]
    fn extend_select_adds_to_the_configuration_and_ignore_removes_from_it() {
        let base = selected(CONFIG, &[]);
        assert!(base.contains(&"missing-estimate".to_owned()), "{base:?}");
        assert!(!base.contains(&"stale-item".to_owned()), "{base:?}");
        let extended = selected(
            CONFIG,
            &[("extend-select", &["vague-language", "stale-item"])],
        );
        assert!(
            extended.contains(&"vague-language".to_owned()),
            "{extended:?}"
        );
        assert!(extended.contains(&"stale-item".to_owned()), "{extended:?}");
        assert_eq!(extended.len(), base.len() + 2);
        let ignored = selected(CONFIG, &[("ignore", &["estimation"])]);
        assert!(
            ignored.iter().all(|id| !id.contains("estimat")),
            "{ignored:?}"
        );
        assert!(
            ignored.contains(&"missing-parent".to_owned()),
            "{ignored:?}"
        );
    }

    #[test]
    fn the_more_specific_selector_wins_within_a_layer() {
        // ruff: `--select ALL --ignore E501` is all but E501; `--ignore ALL --select E501`
        // is E501 alone.
        let all_but = selected("", &[("select", &["all"]), ("ignore", &["stale-item"])]);
        assert!(!all_but.contains(&"stale-item".to_owned()));
        assert!(all_but.len() > 20, "{all_but:?}");
        assert_eq!(
            selected("", &[("select", &["stale-item"]), ("ignore", &["all"])]),
            ["stale-item"]
        );
        assert_eq!(
            selected("select = [\"stale-item\"]\nignore = [\"grooming\"]\n", &[]),
            ["stale-item"]
        );
        // At the same specificity, ignore wins.
        assert!(selected(
            "",
            &[("select", &["non-atomic"]), ("ignore", &["non-atomic"])]
        )
        .is_empty());
    }

    #[test]
    fn the_configurations_extend_select_adds_to_its_select() {
        let format = selected("select = [\"format\"]\n", &[]);
        let extended = selected(
            "select = [\"format\"]\nextend_select = [\"vague-language\"]\n",
            &[],
        );
        assert_eq!(extended.len(), format.len() + 1, "{extended:?}");
        assert!(extended.contains(&"vague-language".to_owned()));
    }

    #[test]
    fn unknown_selectors_suggest_the_closest_rule() {
        let catalog = super::super::catalog::builtin_rules().expect("the rules load");
        let help = suggestion(&catalog, "nonatomic");
        assert!(help.starts_with("did you mean non-atomic?"), "{help}");
        let help = suggestion(&catalog, "groming");
        assert!(help.starts_with("did you mean grooming?"), "{help}");
        let help = suggestion(&catalog, "velocity");
        assert!(
            help.starts_with("`backlint rules` lists the rules"),
            "{help}"
        );
    }
}
