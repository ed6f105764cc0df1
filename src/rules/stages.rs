//! Readiness stages in a run: which stage each open item is in, and the severity its
//! stage's Definition of Ready gives a finding (an error on a ready candidate, as the rule
//! says in the backlog).

use std::collections::HashSet;
use std::sync::Arc;

use crate::backlog::{Field, Item};
use crate::config::readiness::Stage;
use crate::finding::Finding;

use super::conditions::contains;
use super::ranks::Ranks;
use super::sprints::Sprints;

/// The configured stages, the sprints of the backlog known to be closed, and the rank
/// order of its open items.
#[derive(Debug, Default)]
pub struct Stages {
    stages: Vec<Stage>,
    names: Vec<Arc<str>>,
    /// The sprints an open item may end in that are over (see
    /// [`Sprints::closed_with_open_items`]).
    closed_sprints: HashSet<String>,
    ranks: Ranks,
}

impl Stages {
    /// `stages`, with the backlog's `sprints` to tell which are open, and the `ranks` of
    /// its open items (needed only when a stage selects by rank).
    pub fn new(stages: &[Stage], sprints: &Sprints, ranks: Ranks) -> Stages {
        Stages {
            names: stages.iter().map(|s| Arc::from(s.name.as_str())).collect(),
            stages: stages.to_vec(),
            closed_sprints: sprints.closed_with_open_items(),
            ranks,
        }
    }

    pub fn name(&self, stage: usize) -> &Arc<str> {
        &self.names[stage]
    }

    pub fn len(&self) -> usize {
        self.stages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
    }

    /// The first stage that selects `item` (an open item, number `index`), if any.
    pub fn of(&self, item: &Item, index: usize) -> Option<usize> {
        self.stages
            .iter()
            .position(|stage| self.selects(stage, item, index))
    }

    fn selects(&self, stage: &Stage, item: &Item, index: usize) -> bool {
        let by_type = stage.issue_types.is_empty()
            || item
                .text(Field::IssueType)
                .is_some_and(|t| contains(&stage.issue_types, t));
        let by_state = !stage.selects_by_state()
            || item
                .text(Field::Status)
                .is_some_and(|s| contains(&stage.statuses, s))
            || item
                .text(Field::StatusCategory)
                .is_some_and(|c| contains(&stage.status_categories, c))
            || (stage.in_sprint && self.in_open_sprint(item))
            || stage
                .top_ranked
                .is_some_and(|top| self.ranks.position(index).is_some_and(|at| at < top));
        by_type && by_state
    }

    /// Whether the item's latest sprint is not known to be closed.
    fn in_open_sprint(&self, item: &Item) -> bool {
        item.all(Field::Sprint)
            .last()
            .is_some_and(|sprint| !self.closed_sprints.contains(sprint.as_str().trim()))
    }

    /// Whether `stage` is the ready candidates' (the first).
    pub fn is_candidates(stage: usize) -> bool {
        stage == 0
    }

    /// Whether `rule` is in the Definition of Ready of `stage`.
    pub fn requires(&self, stage: usize, rule: &str) -> bool {
        self.stages[stage].require.iter().any(|id| id == rule)
    }

    /// Gives `finding`, on an item in `stage`, the severity of the stage's Definition of
    /// Ready, when the stage sets one and requires the finding's rule; the finding then
    /// names the stage. A note about the backlog keeps its severity.
    pub fn judge(&self, finding: &mut Finding, stage: usize) {
        if finding.about_backlog {
            return;
        }
        if let Some(severity) = self.stages[stage].severity {
            if self.requires(stage, &finding.rule) {
                finding.severity = severity;
                finding.stage = Some(Arc::clone(&self.names[stage]));
            }
        }
    }
}
