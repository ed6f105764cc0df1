//! Checks that data cannot express, one file each. A rule file names one with
//! `kind = "builtin"` and `name = "…"`; its other `[check]` keys are the check's options.

mod duplicate_story;
mod missing_acceptance_criteria;
mod missing_benefit;
mod non_atomic;
mod not_minimal;
mod role_not_user;
mod solution_oriented;
mod story_format;
mod template_uniformity;
mod unprioritized_backlog;
mod untestable_acceptance_criteria;

use serde::Deserialize;

use crate::backlog::{Backlog, Field};

use super::check::Hit;
use super::context::{Context, Settings};

pub use duplicate_story::DuplicateStory;
pub use missing_acceptance_criteria::MissingAcceptanceCriteria;
pub use missing_benefit::MissingBenefit;
pub use non_atomic::NonAtomic;
pub use not_minimal::NotMinimal;
pub use role_not_user::RoleNotUser;
pub use solution_oriented::SolutionOriented;
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
    /// Reported by the engine after suppressions are applied.
    UnusedSuppression {},
}

/// A check over the whole backlog: it sees every item in scope, then reports.
pub trait BacklogPass {
    fn observe(&mut self, index: usize, cx: &Context<'_>);
    /// Hits, each with the index of the item it is reported on.
    fn finish(self: Box<Self>, backlog: &Backlog) -> Vec<(usize, Hit)>;
}

impl Builtin {
    /// Hits of a per-item check (backlog-wide checks report through [`BacklogPass`]).
    pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
        match self {
            Builtin::StoryFormat(check) => check.run(cx),
            Builtin::MissingBenefit(check) => check.run(cx),
            Builtin::RoleNotUser(check) => check.run(cx),
            Builtin::NonAtomic(check) => check.run(cx),
            Builtin::NotMinimal(check) => check.run(cx),
            Builtin::SolutionOriented(check) => check.run(cx),
            Builtin::MissingAcceptanceCriteria(check) => check.run(cx),
            Builtin::UntestableAcceptanceCriteria(check) => check.run(cx),
            Builtin::TemplateUniformity(_)
            | Builtin::DuplicateStory(_)
            | Builtin::UnprioritizedBacklog(_)
            | Builtin::UnusedSuppression {} => Vec::new(),
        }
    }

    /// The state of a backlog-wide check, for the engine to feed.
    pub fn backlog_pass(&self, _settings: &Settings) -> Option<Box<dyn BacklogPass + '_>> {
        match self {
            Builtin::TemplateUniformity(check) => Some(Box::new(check.pass())),
            Builtin::DuplicateStory(check) => Some(Box::new(check.pass())),
            Builtin::UnprioritizedBacklog(check) => Some(Box::new(check.pass())),
            _ => None,
        }
    }

    /// Logical fields the check reads; it is skipped for an export that has none of them.
    pub fn needs(&self) -> &'static [Field] {
        match self {
            Builtin::UnprioritizedBacklog(_) => &[Field::Priority],
            Builtin::MissingAcceptanceCriteria(_) | Builtin::UntestableAcceptanceCriteria(_) => {
                &[Field::Description, Field::AcceptanceCriteria]
            }
            _ => &[],
        }
    }
}
