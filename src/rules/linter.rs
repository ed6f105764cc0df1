//! The `Linter`: the rules, settings and scope of a run, built once from a configuration,
//! then run on backlogs. The command, the library API, tests and fuzz targets all go
//! through it, so the engine is wired in one place.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::backlog::Backlog;
use crate::config::readiness::{self, Stage};
use crate::config::{Loaded, Scope};
use crate::error::Error;

use super::catalog;
use super::context::Settings;
use super::did_you_mean;
use super::engine::{self, Outcome};
use super::ranks::Ranks;
use super::selection::{self, CommandLine};
use super::sprints::Sprints;
use super::stages::Stages;
use super::suppression::{Suppressions, UnknownRule};
use super::Rule;
use crate::text::criteria::Vocabulary;
use crate::text::story;

/// What the command line says over the configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--select`, `--extend-select`, `--ignore`.
    pub select: CommandLine,
    /// `--today`: the day ages are counted from, over the configuration's `today`.
    pub today: Option<Date>,
    /// `--max-findings-per-item`, over `[limits] max_findings_per_item`.
    pub max_findings_per_item: Option<usize>,
}

/// A configured set of rules, ready to check backlogs.
pub struct Linter {
    rules: Vec<Rule>,
    /// Every rule of the catalog, selected or not: a suppression label naming one of them
    /// is known, even where the rule does not run.
    known_ids: Vec<String>,
    settings: Settings,
    scope: Scope,
    /// `[suppress]`: keys and the rules suppressed on them.
    suppress: BTreeMap<String, Vec<String>>,
    /// `[readiness]`: the stages and their Definitions of Ready.
    stages: Vec<Stage>,
}

/// What a run found, and the suppression labels that name no rule.
pub struct Run {
    pub outcome: Outcome,
    pub unknown_labels: Vec<UnknownRule>,
}

impl Linter {
    /// The linter a configuration describes: the built-in rules and the team's from its
    /// `rules_dir`, selected by it and then by the command line.
    pub fn from_config(loaded: &Loaded, overrides: &Overrides) -> Result<Linter, Error> {
        let catalog = catalog::of_config(loaded)?;
        let known_ids: Vec<String> = catalog.iter().map(|rule| rule.id.clone()).collect();
        check_required_rules(loaded, &known_ids)?;
        let rules = selection::select(catalog, loaded, &overrides.select)?;
        let config = &loaded.config;
        let today = overrides.today.or_else(|| {
            let text = config.today.as_deref()?;
            crate::dates::parse_date_time(text).map(|d| d.date())
        });
        let settings = Settings {
            today,
            story: story::Options {
                job_stories: config.story.job_stories,
                extra_templates: config.story.templates.iter().map(|t| t.0.clone()).collect(),
            },
            personas: config.personas.clone(),
            max_findings_per_item: overrides
                .max_findings_per_item
                .unwrap_or(config.limits.max_findings_per_item),
            criteria: Vocabulary::with(&config.criteria),
        };
        Ok(Linter {
            rules,
            known_ids,
            settings,
            scope: config.scope.clone(),
            suppress: config.suppress.clone(),
            stages: config.readiness.stages.clone(),
        })
    }

    /// A linter of `rules` with `settings`, `scope` and the `[suppress]` table `suppress`,
    /// and the default readiness stages, for tests and fuzz targets that choose them
    /// directly; labels are known when they name one of `rules`.
    pub fn new(
        rules: Vec<Rule>,
        settings: Settings,
        scope: Scope,
        suppress: BTreeMap<String, Vec<String>>,
    ) -> Linter {
        Linter {
            known_ids: rules.iter().map(|rule| rule.id.clone()).collect(),
            rules,
            settings,
            scope,
            suppress,
            stages: readiness::default_stages(),
        }
    }

    /// The rules that run, in catalog order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rules that run, for a report that outlives the linter.
    pub(crate) fn into_rules(self) -> Vec<Rule> {
        self.rules
    }

    /// The ids of every rule of the catalog, selected or not.
    pub fn known_ids(&self) -> &[String] {
        &self.known_ids
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The fields the rules read by name: a reader need keep no other column.
    pub fn named_fields(&self) -> Vec<String> {
        self.rules
            .iter()
            .flat_map(|rule| rule.check.named_fields())
            .map(str::to_owned)
            .collect()
    }

    /// Checks `backlog`: the rules, then the suppressions (labels on items and `[suppress]`).
    pub fn run(&self, backlog: &Backlog) -> Result<Run, Error> {
        let mut suppressions = Suppressions::collect(backlog, &self.suppress);
        let unknown_labels =
            suppressions.take_unknown(|id| self.known_ids.iter().any(|known| known == id));
        let sprints = Sprints::of(backlog, &self.scope);
        let mut outcome = engine::run(
            backlog,
            &self.rules,
            &self.settings,
            &self.scope,
            Stages::new(&self.stages, &sprints, self.ranks_for_stages(backlog)),
            &mut suppressions,
        )?;
        outcome.sprints = sprints;
        Ok(Run {
            outcome,
            unknown_labels,
        })
    }
}

impl Linter {
    /// The rank order of the backlog's open items when a stage selects by it
    /// (`top_ranked`); none otherwise, which costs nothing.
    fn ranks_for_stages(&self, backlog: &Backlog) -> Ranks {
        if self.stages.iter().any(|stage| stage.top_ranked.is_some()) {
            Ranks::of(backlog, &self.scope)
        } else {
            Ranks::default()
        }
    }
}

/// Refuses a Definition of Ready that names a rule the catalog does not have, pointing at
/// it in `backlint.toml` with the rule most likely meant.
fn check_required_rules(loaded: &Loaded, known_ids: &[String]) -> Result<(), Error> {
    for stage in &loaded.config.readiness.stages {
        for id in &stage.require {
            if !known_ids.contains(id) {
                return Err(loaded.error_at(
                    id,
                    format!(
                        "the Definition of Ready of stage \"{}\" requires `{id}`, which is no rule",
                        stage.name
                    ),
                    did_you_mean::help(
                        id,
                        known_ids.iter().map(String::as_str),
                        "`backlint rules` lists the rules",
                    ),
                ));
            }
        }
    }
    Ok(())
}
