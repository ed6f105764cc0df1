use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;

use crate::backlog::{Backlog, Field, Span};
use crate::rules::hit::Hit;
use crate::rules::context::Context;
use super::BacklogCheck;

/// `blocked-by-open-item`: an item blocked by an open item of the same export, so it cannot
/// be pulled into a sprint yet. Jira writes a link on both issues: the blocked one lists
/// its blocker under its inward "Blocks" links, the blocker lists it under its outward
/// ones (CSV columns, or `issuelinks` in JSON); an export may hold either side, so both
/// are read. Blockers the export does not
/// hold, or holds as done (out of scope), block nothing here.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockedByOpenItem {}

/// An open item's "Blocks" links, inward (its blockers) and outward (the items it blocks),
/// each with where it stands and the column it stands in. Kept for every open item, so an
/// item without links costs no allocation (its key is read from the backlog when judged),
/// and one list of both directions keeps the slot at 16 bytes.
#[derive(Debug, Clone)]
pub struct Links(Box<[Link]>);

#[derive(Debug, Clone)]
struct Link {
    /// Outward ("blocks"), else inward ("is blocked by").
    outward: bool,
    key: String,
    span: Span,
    column: Arc<str>,
}

impl Links {
    fn blocked_by(&self) -> impl Iterator<Item = &Link> {
        self.0.iter().filter(|link| !link.outward)
    }

    fn blocks(&self) -> impl Iterator<Item = &Link> {
        self.0.iter().filter(|link| link.outward)
    }
}

impl BacklogCheck for BlockedByOpenItem {
    type Observed = Links;
    const VARIABLES: &'static [&'static str] = &["value"];

    fn observe(&self, cx: &Context<'_>) -> Option<Links> {
        let links = |field: Field| {
            cx.item
                .entries
                .iter()
                .filter(move |entry| entry.field == Some(field))
                .filter(|entry| !entry.value.as_str().trim().is_empty())
                .map(move |entry| Link {
                    outward: field == Field::Blocks,
                    key: entry.value.as_str().trim().to_owned(),
                    span: entry.value.span,
                    column: Arc::clone(&entry.name),
                })
        };
        let both = links(Field::BlockedBy).chain(links(Field::Blocks));
        Some(Links(both.collect()))
    }

    fn finish(&self, observed: Vec<(usize, Links)>, backlog: &Backlog) -> Vec<(usize, Hit)> {
        let open: HashMap<&str, usize> = observed
            .iter()
            .map(|(item, _)| (backlog.key(*item), *item))
            .collect();
        // (blocked item, blocker's key) already reported, so a link written on both
        // issues is reported once.
        let mut seen: HashSet<(usize, &str)> = HashSet::new();
        let mut hits = Vec::new();
        for (item, links) in &observed {
            for link in links.blocked_by() {
                let blocker = link.key.as_str();
                let itself = blocker == backlog.key(*item);
                if !itself && open.contains_key(blocker) && seen.insert((*item, blocker)) {
                    hits.push((*item, hit(blocker, link)));
                }
            }
        }
        // Outward links, for the blocked items whose own inward link the export lacks: the
        // finding is on the blocked item, pointing at the link in the blocker's row (of the
        // same file, so the place is in the blocked item's file).
        for (item, links) in &observed {
            for link in links.blocks() {
                let Some(&blocked) = open.get(link.key.as_str()) else {
                    continue;
                };
                let same_file = backlog.file_of(blocked) == backlog.file_of(*item);
                let blocker = backlog.key(*item);
                if blocked != *item && same_file && seen.insert((blocked, blocker)) {
                    hits.push((blocked, hit(blocker, link)));
                }
            }
        }
        hits.sort_by_key(|(item, _)| *item);
        hits
    }
}

/// A finding that `blocker` blocks, on the link that says so.
fn hit(blocker: &str, link: &Link) -> Hit {
    Hit {
        span: link.span,
        field: Some(Arc::clone(&link.column)),
        vars: vec![("value", blocker.to_owned())],
        as_note: false,
    }
}
