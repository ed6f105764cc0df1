use std::sync::Arc;
use std::collections::HashMap;

use serde::Deserialize;

use crate::backlog::{Backlog, Field, Item};
use crate::rules::context::Context;
use crate::rules::hit::{Hit, Place};
use crate::rules::pool::Pool;
use crate::rules::kinds::format_number;
use crate::rules::view::field_texts;

use super::{parent_key, BacklogCheck};

/// `subtasks-exceed-estimate`: an open item whose open children (the items naming it as
/// their parent: a story's sub-tasks) are estimated at more than the item itself, so its
/// estimate no longer says how big the work is. Done children are left out: the check is
/// about work still to plan, and reading them would cost a pass over every done item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubtasksExceedEstimate {
    /// The parents' keys, shared.
    #[serde(skip)]
    parents: Pool<str>,
}

/// What is kept of each open item: its parent and its estimate. Where a finding points (the
/// estimate) is read again for the few items reported.
#[derive(Debug, Clone)]
pub struct Estimated {
    parent: Option<Arc<str>>,
    estimate: Option<f64>,
}

impl BacklogCheck for SubtasksExceedEstimate {
    type Observed = Estimated;
    const NEEDS: &'static [Field] = &[Field::Estimate];
    const VARIABLES: &'static [&'static str] = &["value", "total", "count"];

    fn observe(&self, cx: &Context<'_>) -> Option<Estimated> {
        let parent = parent_key(cx, &self.parents);
        let estimate = estimate_of(cx.item).map(|(points, _)| points);
        (parent.is_some() || estimate.is_some()).then_some(Estimated { parent, estimate })
    }

    fn finish(&self, open: Vec<(usize, Estimated)>, backlog: &Backlog) -> Vec<(usize, Hit)> {
        let by_key: HashMap<&str, usize> = open
            .iter()
            .enumerate()
            .map(|(at, (item, _))| (backlog.key(*item), at))
            .collect();
        // Per parent (its place in `open`): the children's points and how many.
        let mut children: HashMap<usize, (f64, usize)> = HashMap::new();
        for (item, estimated) in &open {
            let (Some(parent), Some(points)) = (&estimated.parent, &estimated.estimate) else {
                continue;
            };
            let Some(&at) = by_key.get(&**parent) else {
                continue;
            };
            if backlog.file_of(open[at].0) == backlog.file_of(*item) {
                let sum = children.entry(at).or_default();
                sum.0 += points;
                sum.1 += 1;
            }
        }
        let mut hits: Vec<(usize, Hit)> = children
            .into_iter()
            .filter_map(|(at, (total, count))| {
                let (index, estimated) = &open[at];
                let own = estimated.estimate.filter(|own| total > *own)?;
                let (_, place) = estimate_of(&backlog.item(*index))?;
                let hit = place
                    .hit()
                    .var("value", format_number(own))
                    .var("total", format_number(total))
                    .var("count", count.to_string());
                Some((*index, hit))
            })
            .collect();
        hits.sort_by_key(|(item, _)| *item);
        hits
    }
}

/// An item's estimate: the first of its estimate values that is a number, and where it is.
fn estimate_of(item: &Item) -> Option<(f64, Place)> {
    field_texts(item, Field::Estimate)
        .into_iter()
        .find_map(|text| Some((text.value.as_number()?, Place::on(&text, text.span()))))
}
