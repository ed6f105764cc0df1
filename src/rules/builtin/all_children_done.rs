use std::sync::Arc;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Deserialize;

use crate::backlog::{Backlog, Field};
use crate::rules::context::Context;
use crate::rules::hit::{Hit, Place};
use crate::rules::pool::Pool;
use crate::rules::view::field_texts;

use super::{parent_key, BacklogCheck};

/// `all-children-done`: an open item whose children in the export (the items naming it as
/// their parent: an epic's stories, a story's sub-tasks) are all done, so it is finished
/// work left open, or work whose remaining children were never written down. Children the
/// export does not hold say nothing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllChildrenDone {
    /// The parents' keys, shared.
    #[serde(skip)]
    parents: Pool<str>,
}

/// What is kept of each open item: its parent, if it names one. Where a finding points (the
/// item's summary) is read again for the few items reported.
#[derive(Debug, Clone)]
pub struct Open {
    parent: Option<Arc<str>>,
}

impl BacklogCheck for AllChildrenDone {
    type Observed = Open;
    const NEEDS: &'static [Field] = &[Field::Parent];
    const VARIABLES: &'static [&'static str] = &["count"];

    fn observe(&self, cx: &Context<'_>) -> Option<Open> {
        Some(Open {
            parent: parent_key(cx, &self.parents),
        })
    }

    /// The open items without an open child are the candidates; the items not observed
    /// (the done ones) are then read for their parent alone, and only when there is a
    /// candidate.
    fn finish(&self, open: Vec<(usize, Open)>, backlog: &Backlog) -> Vec<(usize, Hit)> {
        let with_open_child: HashSet<&str> =
            open.iter().filter_map(|(_, o)| o.parent.as_deref()).collect();
        let candidates: HashMap<&str, usize> = open
            .iter()
            .map(|(item, _)| (backlog.key(*item), *item))
            .filter(|(key, _)| !key.is_empty() && !with_open_child.contains(key))
            .collect();
        if candidates.is_empty() {
            return Vec::new();
        }
        let observed: HashSet<usize> = open.iter().map(|(item, _)| *item).collect();
        // Reading each item's parent decodes a field of it: on both cores.
        let parents_of_done: Vec<usize> = (0..backlog.len())
            .into_par_iter()
            .filter(|item| !observed.contains(item))
            .filter_map(|item| {
                let parent = backlog.values(item, Field::Parent).into_iter().next()?;
                let &parent = candidates.get(parent.as_str().trim())?;
                // An item of another file names a key of its own file.
                (backlog.file_of(parent) == backlog.file_of(item)).then_some(parent)
            })
            .collect();
        let mut done_children: HashMap<usize, usize> = HashMap::new();
        for parent in parents_of_done {
            *done_children.entry(parent).or_default() += 1;
        }
        let mut hits: Vec<(usize, Hit)> = done_children
            .into_iter()
            .filter_map(|(index, count)| {
                let item = backlog.item(index);
                let summary = field_texts(&item, Field::Summary).into_iter().next()?;
                let place = Place::on(&summary, summary.span());
                Some((index, place.hit().var("count", count.to_string())))
            })
            .collect();
        hits.sort_by_key(|(item, _)| *item);
        hits
    }
}
