//! Checks that data cannot express, one file each. A rule file names one with
//! `kind = "builtin"` and `name = "…"`; its other `[check]` keys are the check's options.

mod template_share;

use serde::Deserialize;

use std::sync::Arc;

use crate::backlog::{Backlog, Field};

use super::context::Context;
use super::hit::Hit;
use super::pool::Pool;

/// A check that judges one item at a time.
pub trait ItemCheck {
    /// The fields the check reads; it is skipped for an export that has none of them
    /// (empty: it reads the story, always there).
    const NEEDS: &'static [Field] = &[];
    /// The names a hit fills in the rule's message and help, beyond `key` and `field`.
    const VARIABLES: &'static [&'static str] = &[];

    fn run(&self, cx: &Context<'_>) -> Vec<Hit>;
}

/// A check that judges the backlog as a whole: it keeps something of each item (in
/// parallel, as the items are checked), then judges what it kept once, in item order.
pub trait BacklogCheck {
    /// What the check keeps of one item.
    type Observed: std::fmt::Debug + Clone + Send;
    /// As [`ItemCheck::NEEDS`].
    const NEEDS: &'static [Field] = &[];
    /// As [`ItemCheck::VARIABLES`].
    const VARIABLES: &'static [&'static str] = &[];
    /// Whether the check counts ages (see [`crate::rules::ages`]).
    const JUDGES_AGES: bool = false;

    fn observe(&self, cx: &Context<'_>) -> Option<Self::Observed>;

    /// Hits from the observations (in item order), each with the index of the item it is
    /// reported on.
    fn finish(
        &self,
        observed: Vec<(usize, Self::Observed)>,
        backlog: &Backlog,
    ) -> Vec<(usize, Hit)>;
}

/// The key of the item's parent (its epic, or a sub-task's story), if it names one: kept
/// per open item, and shared through `parents` (a backlog's stories name a few epics).
fn parent_key(cx: &Context<'_>, parents: &Pool<str>) -> Option<Arc<str>> {
    let key = cx.item.text(Field::Parent)?.trim();
    (!key.is_empty()).then(|| parents.share(key))
}

/// The registry: one line per built-in check, `module::Type => item` or `=> backlog`. It
/// declares the module, the `Builtin` variant a rule file names (`name = "non-atomic"`,
/// the type in kebab case) and the dispatch to the check's trait.
macro_rules! builtins {
    ($($module:ident::$check:ident => $kind:ident,)*) => {
        $(mod $module;)*
        $(pub use $module::$check;)*

        /// The check of a rule file with `kind = "builtin"`, by its `name`.
        #[derive(Debug, Clone, Deserialize)]
        #[serde(tag = "name", rename_all = "kebab-case")]
        pub enum Builtin {
            $($check($check),)*
            /// Reported by the engine after suppressions are applied.
            UnusedSuppression {},
        }

        /// What a backlog-wide check kept over a run of items: (item, observation) in a
        /// list of the check's own type, so that a slot is only as large as that check's
        /// observation (one enum of them all would size every slot by the largest).
        #[derive(Debug)]
        pub enum Observations {
            $($check(Vec<(usize, builtins!(@observed $kind $check))>),)*
        }

        impl Observations {
            /// How many items the run kept something of.
            pub(crate) fn len(&self) -> usize {
                match self {
                    $(Observations::$check(list) => list.len(),)*
                }
            }
        }

        impl Builtin {
            /// Hits of a per-item check (backlog-wide checks report through
            /// [`Observations`]).
            // The arms of checks of the other kind leave their arguments unused.
            #[allow(unused_variables)]
            pub fn run(&self, cx: &Context<'_>) -> Vec<Hit> {
                match self {
                    $(Builtin::$check(check) => builtins!(@run $kind check cx),)*
                    Builtin::UnusedSuppression {} => Vec::new(),
                }
            }

            /// Whether this is a backlog-wide check, reporting through [`Observations`].
            pub(crate) fn is_backlog_wide(&self) -> bool {
                match self {
                    $(Builtin::$check(_) => builtins!(@backlog_wide $kind),)*
                    Builtin::UnusedSuppression {} => false,
                }
            }

            /// Whether the check counts ages (see [`crate::rules::ages`]).
            pub(crate) fn judges_ages(&self) -> bool {
                match self {
                    $(Builtin::$check(_) => builtins!(@judges_ages $kind $check),)*
                    Builtin::UnusedSuppression {} => false,
                }
            }

            /// Keeps what a backlog-wide check observes of item `item` in `run` (the
            /// check's list, started on its first observation).
            // The arms of checks of the other kind leave their arguments unused.
            #[allow(unused_variables)]
            pub(crate) fn observe(
                &self,
                cx: &Context<'_>,
                item: usize,
                run: &mut Option<Observations>,
            ) {
                match self {
                    $(Builtin::$check(check) => {
                        builtins!(@observe $kind $check check cx item run)
                    })*
                    Builtin::UnusedSuppression {} => {}
                }
            }

            /// Hits of a backlog-wide check from its runs of observations (in item
            /// order), each with the index of the item it is reported on. Each run is
            /// dropped once moved into the check's list.
            // The arms of checks of the other kind leave their arguments unused.
            #[allow(unused_variables)]
            pub fn finish(
                &self,
                observations: Vec<Observations>,
                backlog: &Backlog,
            ) -> Vec<(usize, Hit)> {
                match self {
                    $(Builtin::$check(check) => {
                        builtins!(@finish $kind $check check observations backlog)
                    })*
                    Builtin::UnusedSuppression {} => Vec::new(),
                }
            }

            /// Logical fields the check reads; it is skipped for an export that has none
            /// of them.
            pub fn needs(&self) -> &'static [Field] {
                match self {
                    $(Builtin::$check(_) => builtins!(@needs $kind $check),)*
                    Builtin::UnusedSuppression {} => &[],
                }
            }

            /// The names a hit fills in the rule's message and help, beyond `key` and
            /// `field`.
            pub fn variables(&self) -> &'static [&'static str] {
                match self {
                    $(Builtin::$check(_) => builtins!(@variables $kind $check),)*
                    Builtin::UnusedSuppression {} => &["value"],
                }
            }
        }
    };
    (@variables item $check:ident) => { <$check as ItemCheck>::VARIABLES };
    (@variables backlog $check:ident) => { <$check as BacklogCheck>::VARIABLES };
    (@observed item $check:ident) => { std::convert::Infallible };
    (@observed backlog $check:ident) => { <$check as BacklogCheck>::Observed };
    (@run item $c:ident $cx:ident) => { ItemCheck::run($c, $cx) };
    (@run backlog $c:ident $cx:ident) => { Vec::new() };
    (@backlog_wide item) => { false };
    (@backlog_wide backlog) => { true };
    (@judges_ages item $check:ident) => { false };
    (@judges_ages backlog $check:ident) => { <$check as BacklogCheck>::JUDGES_AGES };
    (@needs item $check:ident) => { <$check as ItemCheck>::NEEDS };
    (@needs backlog $check:ident) => { <$check as BacklogCheck>::NEEDS };
    (@observe item $check:ident $c:ident $cx:ident $item:ident $run:ident) => {{}};
    (@observe backlog $check:ident $c:ident $cx:ident $item:ident $run:ident) => {
        if let Some(observed) = BacklogCheck::observe($c, $cx) {
            if let Observations::$check(list) =
                $run.get_or_insert_with(|| Observations::$check(Vec::new()))
            {
                list.push(($item, observed));
            }
        }
    };
    (@finish item $check:ident $c:ident $observations:ident $backlog:ident) => { Vec::new() };
    (@finish backlog $check:ident $c:ident $observations:ident $backlog:ident) => {{
        let total = $observations.iter().map(Observations::len).sum();
        let mut observed = Vec::with_capacity(total);
        for run in $observations {
            if let Observations::$check(list) = run {
                observed.extend(list);
            }
        }
        BacklogCheck::finish($c, observed, $backlog)
    }};
}

// In the order `backlint rules` and an unknown name's error list them.
builtins! {
    story_format::StoryFormat => backlog,
    missing_benefit::MissingBenefit => backlog,
    template_uniformity::TemplateUniformity => backlog,
    role_not_user::RoleNotUser => item,
    non_atomic::NonAtomic => item,
    not_minimal::NotMinimal => item,
    solution_oriented::SolutionOriented => item,
    duplicate_story::DuplicateStory => backlog,
    missing_acceptance_criteria::MissingAcceptanceCriteria => item,
    untestable_acceptance_criteria::UntestableAcceptanceCriteria => item,
    unprioritized_backlog::UnprioritizedBacklog => backlog,
    stale_backlog::StaleBacklog => backlog,
    blocked_by_open_item::BlockedByOpenItem => backlog,
    all_children_done::AllChildrenDone => backlog,
    subtasks_exceed_estimate::SubtasksExceedEstimate => backlog,
}
