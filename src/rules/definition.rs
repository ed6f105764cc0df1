//! A rule as written in a TOML file of `rules/` (or a team's `rules_dir`), validated on load.

use serde::Deserialize;

use crate::backlog::Span;
use crate::error::{toml_error, Error};
use crate::finding::Severity;
use crate::source::Source;

use super::case::Case;
use super::check::Check;
use super::conditions::Conditions;

/// Categories group rules for `select = ["format"]` and for the docs.
pub const CATEGORIES: [&str; 6] = [
    "format",
    "quality",
    "acceptance",
    "prioritisation",
    "estimation",
    "grooming",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub bad: String,
    pub good: String,
}

/// Which items a rule looks at (always within the configured scope's statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum AppliesTo {
    /// Items whose issue type is a story type.
    #[default]
    Stories,
    /// Every item, whatever its type.
    Items,
}

/// A parsed and validated rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub category: String,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: String,
    /// Why it matters, for a product owner.
    pub why: String,
    /// The finding's message; `{key}`, `{field}`, `{value}`, `{problem}` and
    /// check-specific names are filled in.
    pub message: String,
    /// What to do about a finding.
    pub help: String,
    pub example: Example,
    /// Rules off by default run only when selected.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    #[serde(default)]
    pub applies_to: AppliesTo,
    #[serde(default)]
    pub when: Conditions,
    pub check: Check,
    /// `[[test]]`: items the rule must report or leave alone (see [`super::case`]).
    #[serde(default, rename = "test")]
    pub tests: Vec<Case>,
    /// Where the rule came from: `rules/<id>.toml` or the team's folder.
    #[serde(skip)]
    pub origin: String,
    /// The `[check]` table as written, for options overridden in `backlint.toml`.
    #[serde(skip)]
    pub check_table: toml::Table,
}

fn enabled_by_default() -> bool {
    true
}

impl Rule {
    /// Parses a rule file and checks what serde cannot: id form and category.
    pub fn parse(source: &Source) -> Result<Rule, Error> {
        let invalid = |e: toml::de::Error| {
            toml_error(
                source,
                &e,
                "rule",
                "see `backlint explain <rule>` and the files in rules/ for the format",
            )
        };
        let mut rule: Rule = toml::from_str(source.text()).map_err(invalid)?;
        let table: toml::Table = toml::from_str(source.text()).map_err(invalid)?;
        rule.check_table = match table.get("check") {
            Some(toml::Value::Table(check)) => check.clone(),
            _ => toml::Table::new(),
        };
        rule.origin = source.name().to_owned();
        rule.validate(source)?;
        Ok(rule)
    }

    fn validate(&self, source: &Source) -> Result<(), Error> {
        let kebab = !self.id.is_empty()
            && self.id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !kebab {
            return Err(Error::at(
                source,
                value_span(source, "id"),
                format!("rule id `{}` is not kebab-case", self.id),
            )
            .help("ids are lowercase words joined by hyphens, like `missing-priority`")
            .build());
        }
        if !CATEGORIES.contains(&self.category.as_str()) {
            return Err(Error::at(
                source,
                value_span(source, "category"),
                format!("unknown category `{}`", self.category),
            )
            .help(format!("the categories are: {}", CATEGORIES.join(", ")))
            .build());
        }
        for (key, template) in [("message", &self.message), ("help", &self.help)] {
            if let Some(unknown) = unknown_variable(template, self.check.variables()) {
                let mut known = vec!["key", "field"];
                known.extend(self.check.variables());
                return Err(Error::at(
                    source,
                    value_span(source, key),
                    format!("the {key} names `{{{unknown}}}`, which this check does not fill"),
                )
                .help(format!("the {key} can name {}", braced(&known)))
                .build());
            }
        }
        let mut headers = source.text().match_indices("[[test]]");
        for case in &self.tests {
            let at = headers.next().map_or(0, |(offset, _)| offset);
            if let Some(problem) = case.problem() {
                return Err(
                    Error::at(source, Span::new(at, at + "[[test]]".len()), problem)
                        .help("write `fail = { Summary = \"…\" }` or `pass = …`; see rules/*.toml")
                        .build(),
                );
            }
        }
        Ok(())
    }

    /// The rule with its check options replaced by `overrides` (from `[rules.<id>]`).
    pub(crate) fn with_options(&self, overrides: &toml::Table) -> Result<Rule, String> {
        let mut table = self.check_table.clone();
        for (key, value) in overrides {
            table.insert(key.clone(), value.clone());
        }
        let check: Check = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| e.message().trim_end().to_owned())?;
        Ok(Rule {
            check,
            ..self.clone()
        })
    }
}

/// The first `{name}` in `template` that is neither `key`, `field` nor one of `variables`.
/// Only a brace followed by a name and `}` counts: other braces are text.
fn unknown_variable<'t>(template: &'t str, variables: &[&str]) -> Option<&'t str> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]).filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        });
        if let Some(name) = name {
            if !["key", "field"].contains(&name) && !variables.contains(&name) {
                return Some(name);
            }
        }
        rest = after;
    }
    None
}

/// `{a}, {b} or {c}`.
fn braced(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|name| format!("{{{name}}}")).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// The span of the value of top-level `key = …` in a TOML file, for errors serde cannot place.
pub(crate) fn value_span(source: &Source, key: &str) -> Span {
    let mut offset = 0;
    for line in source.text().split_inclusive('\n') {
        if let Some(value) = line
            .strip_prefix(key)
            .and_then(|rest| rest.trim_start().strip_prefix('='))
        {
            let leading = value.len() - value.trim_start().len();
            let start = offset + line.len() - value.len() + leading;
            return Span::new(start, start + value.trim().len());
        }
        offset += line.len();
    }
    Span::empty_at(0)
}
