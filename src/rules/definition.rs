//! A rule as written in a TOML file of `rules/` (or a team's `rules_dir`), validated on load.

use serde::Deserialize;

use crate::backlog::Span;
use crate::error::Error;
use crate::finding::Severity;
use crate::source::Source;

use super::check::Check;

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
    /// The finding's message; `{key}`, `{field}`, `{value}` and check-specific names are
    /// filled in.
    pub message: String,
    /// What to do about a finding.
    pub help: String,
    pub example: Example,
    /// Rules off by default are run only when selected.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    pub check: Check,
}

fn enabled_by_default() -> bool {
    true
}

impl Rule {
    /// Parses a rule file and checks what serde cannot: id form, category, regexes.
    pub fn parse(source: &Source) -> Result<Rule, Error> {
        let rule: Rule = toml::from_str(source.text()).map_err(|e| {
            let span = e
                .span()
                .map_or(Span::empty_at(0), |r| Span::new(r.start, r.end));
            Error::at(source, span, format!("invalid rule: {}", e.message()))
                .help("see `backlint explain <rule>` and the files in rules/ for the format")
                .build()
        })?;
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
        self.check.validate(source)
    }
}

/// The span of the value of top-level `key = …` in a TOML file, for errors serde cannot place.
pub fn value_span(source: &Source, key: &str) -> Span {
    let text = source.text();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key) {
            if let Some(value) = rest.trim_start().strip_prefix('=') {
                let value_trimmed = value.trim();
                let start =
                    offset + line.len() - value.len() + (value.len() - value.trim_start().len());
                return Span::new(start, start + value_trimmed.len());
            }
        }
        offset += line.len();
    }
    Span::empty_at(0)
}
