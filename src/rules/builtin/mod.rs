//! Checks that data cannot express, one file each. A rule file names one with
//! `kind = "builtin"` and `name = "…"`; its other `[check]` keys are the check's options.

mod duplicate_story;
mod missing_acceptance_criteria;
mod missing_benefit;
mod non_atomic;
mod not_minimal;
mod role_not_user;
mod solution_oriented;
mod stale_backlog;
mod story_format;
mod template_share;
mod template_uniformity;
mod unprioritized_backlog;
mod untestable_acceptance_criteria;

use serde::Deserialize;

use crate::backlog::{Backlog, Field};

use super::check::Hit;
use super::context::Context;

pub use duplicate_story::DuplicateStory;
pub use missing_acceptance_criteria::MissingAcceptanceCriteria;
pub use missing_benefit::MissingBenefit;
pub use non_atomic::NonAtomic;
pub use not_minimal::NotMinimal;
pub use role_not_user::RoleNotUser;
pub use solution_oriented::SolutionOriented;
pub use stale_backlog::StaleBacklog;
pub use story_format::StoryFormat;
pub use template_uniformity::TemplateUniformity;
pub use unprioritized_backlog::UnprioritizedBacklog;
pub use untestable_acceptance_criteria::UntestableAcceptanceCriteria;

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "name", rename_all = "kebab-case")]
pub enum Builtin {
    StoryFormat(StoryFormat),
    MissingBenefit(MissingBenefit),
    TemplateUniformity(TemplateUniformity),
    RoleNotUser(RoleNotUser),
    NonAtomic(NonAtomic),
    NotMinimal(NotMinimal),
    SolutionOriented(SolutionOriented),
    DuplicateStory(DuplicateStory),
    MissingAcceptanceCriteria(MissingAcceptanceCriteria),
    UntestableAcceptanceCriteria(UntestableAcceptanceCriteria),
    UnprioritizedBacklog(UnprioritizedBacklog),
    StaleBacklog(StaleBacklog),
    /// Reported by the engine after suppressions are applied.
    UnusedSuppression {},
}

/// What a backlog-wide check keeps of one item. Observing is per item (so it runs in
/// parallel with the per-item rules); judging the observations is done once, in order.
#[derive(Debug, Clone)]
pub enum Observation {
    Template(template_uniformity::Observed),
    /// Whether a story follows the template of `story-format` or `missing-benefit`.
    TemplateShare(template_share::Observed),
    Story(duplicate_story::Observed),
    Priority(unprioritized_backlog::Priority),
    Updated(stale_backlog::Updated),
}

impl Builtin {
    /// Hits of a per-item check (backlog-wide checks report through [`Observation`]s).
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        match self {
            Builtin::RoleNotUser(check) => check.run(cx),
            Builtin::NonAtomic(check) => check.run(cx),
            Builtin::NotMinimal(check) => check.run(cx),
            Builtin::SolutionOriented(check) => check.run(cx),
            Builtin::MissingAcceptanceCriteria(check) => check.run(cx),
            Builtin::UntestableAcceptanceCriteria(check) => check.run(cx),
            Builtin::StoryFormat(_)
            | Builtin::MissingBenefit(_)
            | Builtin::TemplateUniformity(_)
            | Builtin::DuplicateStory(_)
            | Builtin::UnprioritizedBacklog(_)
            | Builtin::StaleBacklog(_)
            | Builtin::UnusedSuppression {} => Vec::new(),
        }
    }

    /// Whether this is a backlog-wide check, reporting through [`Observation`]s.
    pub fn is_backlog_wide(&self) -> bool {
        matches!(
            self,
            Builtin::StoryFormat(_)
                | Builtin::MissingBenefit(_)
                | Builtin::TemplateUniformity(_)
                | Builtin::DuplicateStory(_)
                | Builtin::UnprioritizedBacklog(_)
                | Builtin::StaleBacklog(_)
        )
    }

    /// Whether the check counts ages (see [`crate::rules::ages`]).
    pub fn judges_ages(&self) -> bool {
        matches!(self, Builtin::StaleBacklog(_))
    }

    /// What a backlog-wide check keeps of one item.
    pub fn observe(&self, cx: &Context<'_>) -> Option<Observation> {
        match self {
            Builtin::StoryFormat(check) => check.observe(cx).map(Observation::TemplateShare),
            Builtin::MissingBenefit(check) => check.observe(cx).map(Observation::TemplateShare),
            Builtin::TemplateUniformity(check) => check.observe(cx).map(Observation::Template),
            Builtin::DuplicateStory(check) => check.observe(cx).map(Observation::Story),
            Builtin::UnprioritizedBacklog(check) => check.observe(cx).map(Observation::Priority),
            Builtin::StaleBacklog(check) => check.observe(cx).map(Observation::Updated),
            _ => None,
        }
    }

    /// Hits of a backlog-wide check from its observations (in item order), each with the
    /// index of the item it is reported on.
    pub fn finish(
        &self,
        observations: Vec<(usize, Observation)>,
        backlog: &Backlog,
    ) -> Vec<(usize, Hit)> {
        macro_rules! only {
            ($variant:ident) => {
                observations
                    .into_iter()
                    .filter_map(|(item, o)| match o {
                        Observation::$variant(observed) => Some((item, observed)),
                        _ => None,
                    })
                    .collect()
            };
        }
        match self {
            Builtin::StoryFormat(check) => check.finish(only!(TemplateShare)),
            Builtin::MissingBenefit(check) => check.finish(only!(TemplateShare)),
            Builtin::TemplateUniformity(check) => check.finish(only!(Template), backlog),
            Builtin::DuplicateStory(check) => check.finish(only!(Story), backlog),
            Builtin::UnprioritizedBacklog(check) => check.finish(only!(Priority), backlog),
            Builtin::StaleBacklog(check) => check.finish(only!(Updated), backlog),
            _ => Vec::new(),
        }
    }

    /// Logical fields the check reads; it is skipped for an export that has none of them.
    pub fn needs(&self) -> &'static [Field] {
        match self {
            Builtin::UnprioritizedBacklog(_) => &[Field::Priority],
            Builtin::StaleBacklog(_) => &[Field::Updated],
            Builtin::MissingAcceptanceCriteria(_) | Builtin::UntestableAcceptanceCriteria(_) => {
                &[Field::Description, Field::AcceptanceCriteria]
            }
            _ => &[],
        }
    }
}
