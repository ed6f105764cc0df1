//! The catalog: rules built into the binary plus a team's own from `rules_dir`.

use std::path::Path;

use crate::error::Error;
use crate::source::{Encoding, Source};

use super::Rule;

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The rules built into backlint, parsed from the embedded `rules/` files.
pub fn builtin_rules() -> Result<Vec<Rule>, Error> {
    EMBEDDED_RULES
        .iter()
        .map(|(name, text)| {
            let source = Source::new(format!("rules/{name}"), (*text).to_owned(), Encoding::Utf8);
            Rule::parse(&source)
        })
        .collect()
}

/// Every rule a configuration can select: built in, and the team's from its `rules_dir`.
pub fn of_config(loaded: &crate::config::Loaded) -> Result<Vec<Rule>, Error> {
    let team_dir = loaded
        .config
        .rules_dir
        .as_ref()
        .map(|dir| loaded.base_dir().join(dir));
    load(team_dir.as_deref())
}

/// Built-in rules followed by every `*.toml` rule in `team_dir`, ids unique.
pub fn load(team_dir: Option<&Path>) -> Result<Vec<Rule>, Error> {
    let mut rules = builtin_rules()?;
    let Some(dir) = team_dir else {
        return Ok(rules);
    };
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Read {
        path: dir.display().to_string(),
        reason: format!("{e} (the rules_dir of the configuration)"),
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let source = crate::ingest::load(&path.display().to_string())?;
        let rule = Rule::parse(&source)?;
        if let Some(existing) = rules.iter().find(|r| r.id == rule.id) {
            let span = super::definition::value_span(&source, "id");
            return Err(Error::at(&source, span, format!("rule id `{}` is already taken by {}", rule.id, existing.origin))
                .help("give the team's rule an id of its own; to change a built-in rule, set its options in backlint.toml under [rules.<id>]")
                .build());
        }
        rules.push(rule);
    }
    Ok(rules)
}
