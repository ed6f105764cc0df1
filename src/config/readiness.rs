//! `[readiness]` in `backlint.toml`: the stages an open item passes through on its way
//! into a sprint, which items are in each, and each stage's Definition of Ready (the rules
//! an item must pass there, and how severe their findings are at that stage).

use serde::{Deserialize, Deserializer};

use crate::finding::Severity;

/// `[readiness]`: the stages, nearest the sprint first. An open item is in the first stage
/// that selects it; the first stage's items are the *ready candidates*.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessSettings {
    #[serde(default = "default_stages", deserialize_with = "stages")]
    pub stages: Vec<Stage>,
}

impl Default for ReadinessSettings {
    fn default() -> Self {
        ReadinessSettings {
            stages: default_stages(),
        }
    }
}

/// One stage (`[[readiness.stages]]`). An item is selected when it matches any of
/// `statuses`, `status_categories`, `in_sprint` and `top_ranked` (or the stage names none
/// of them), and its type is one of `issue_types` (or the stage names none).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub name: String,
    #[serde(default)]
    pub statuses: Vec<String>,
    #[serde(default)]
    pub status_categories: Vec<String>,
    /// Items in an open (active or future) sprint.
    #[serde(default)]
    pub in_sprint: bool,
    /// The N open items at the top of the export's rank order (Jira's Rank field).
    #[serde(default)]
    pub top_ranked: Option<usize>,
    #[serde(default)]
    pub issue_types: Vec<String>,
    /// The Definition of Ready: the rules an item must pass at this stage.
    #[serde(default)]
    pub require: Vec<String>,
    /// The severity of those rules' findings at this stage; none keeps each rule's own.
    #[serde(default)]
    pub severity: Option<Severity>,
}

impl Stage {
    /// Whether the stage names a status, a status category, sprints or a rank to select
    /// items by.
    pub fn selects_by_state(&self) -> bool {
        !self.statuses.is_empty()
            || !self.status_categories.is_empty()
            || self.in_sprint
            || self.top_ranked.is_some()
    }
}

/// The rules of the default Definition of Ready.
pub const DEFAULT_REQUIRE: [&str; 9] = [
    "story-format",
    "missing-benefit",
    "missing-acceptance-criteria",
    "untestable-acceptance-criteria",
    "missing-estimate",
    "oversized-story",
    "missing-priority",
    "missing-parent",
    "blocked-by-open-item",
];

/// Ready-like statuses: the usual English names, and "ready for development" in Spanish,
/// German, French, Portuguese and Italian. Teams with other names list them in their stage.
pub const READY_STATUSES: [&str; 10] = [
    "Ready",
    "Ready for Development",
    "Ready for Dev",
    "Selected for Development",
    "Seleccionado para desarrollo",
    "Listo para desarrollo",
    "Bereit zur Entwicklung",
    "Prêt pour le développement",
    "Pronto para desenvolvimento",
    "Pronto per lo sviluppo",
];

/// `ready`: items in an open sprint or a ready-like status, whose Definition of Ready
/// findings are errors; `backlog`: every other open item, its findings as the rules say.
pub fn default_stages() -> Vec<Stage> {
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        Stage {
            name: "ready".into(),
            statuses: strings(&READY_STATUSES),
            status_categories: Vec::new(),
            in_sprint: true,
            top_ranked: None,
            issue_types: Vec::new(),
            require: strings(&DEFAULT_REQUIRE),
            severity: Some(Severity::Error),
        },
        Stage {
            name: "backlog".into(),
            statuses: Vec::new(),
            status_categories: Vec::new(),
            in_sprint: false,
            top_ranked: None,
            issue_types: Vec::new(),
            require: strings(&DEFAULT_REQUIRE),
            severity: None,
        },
    ]
}

/// The stages, refused when a name is empty or repeated.
fn stages<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Stage>, D::Error> {
    let stages = Vec::<Stage>::deserialize(deserializer)?;
    for (index, stage) in stages.iter().enumerate() {
        if stage.name.trim().is_empty() {
            return Err(serde::de::Error::custom("a stage has a name"));
        }
        if stages[..index].iter().any(|s| s.name == stage.name) {
            return Err(serde::de::Error::custom(format!(
                "two stages are named \"{}\"; each stage has its own name",
                stage.name
            )));
        }
    }
    Ok(stages)
}
