use serde::Deserialize;

use crate::backlog::{Backlog, Field};
use crate::rules::hit::Hit;
use crate::rules::context::Context;
use super::BacklogCheck;

/// `stale-backlog`: most open items have not been updated for a long time, so the backlog
/// as a whole needs grooming. One finding for the backlog, on the item updated longest
/// ago; `stale-item` still notes each item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaleBacklog {
    /// An item is stale when its last update is more than this many days old.
    pub max_days: u32,
    /// The share of stale items (among those with an update date) at which the backlog is
    /// reported (0.5 = half).
    pub min_share: f64,
    /// Backlogs with fewer dated open items are not judged.
    pub min_items: usize,
}

/// How many days ago an open item was last updated. Where that date is written is read
/// again for the item the finding names.
type Updated = i32;

impl BacklogCheck for StaleBacklog {
    type Observed = Updated;
    const VARIABLES: &'static [&'static str] = &["problem"];
    const NEEDS: &'static [Field] = &[Field::Updated];
    const JUDGES_AGES: bool = true;

    fn observe(&self, cx: &Context<'_>) -> Option<Updated> {
        let value = cx.item.get(Field::Updated)?;
        let date = value.as_date_time_in(cx.date_order)?.date();
        Some((cx.ages_from? - date).get_days())
    }

    fn finish(&self, observed: Vec<(usize, Updated)>, backlog: &Backlog) -> Vec<(usize, Hit)> {
        let total = observed.len();
        let limit = i32::try_from(self.max_days).unwrap_or(i32::MAX);
        let stale = observed.iter().filter(|(_, days)| *days > limit).count();
        let share = stale as f64 / total.max(1) as f64;
        if total < self.min_items || stale == 0 || share < self.min_share {
            return Vec::new();
        }
        // The first of the oldest, so the finding does not move between equal runs.
        let Some(&(oldest, days)) = observed.iter().rev().max_by_key(|(_, days)| *days) else {
            return Vec::new();
        };
        let problem = format!(
            "{stale} of {total} open items ({:.0}%) were last updated more than {} days ago; \
             the oldest, {}, {} days ago",
            share * 100.0,
            self.max_days,
            backlog.key(oldest),
            days
        );
        // Observed only with a date: where that date is, read again.
        let Some(span) = backlog.item(oldest).get(Field::Updated).map(|date| date.span) else {
            return Vec::new();
        };
        let hit = Hit {
            span,
            field: Some(Field::Updated.name().into()),
            vars: vec![("problem", problem)],
            as_note: false,
        };
        vec![(oldest, hit)]
    }
}
