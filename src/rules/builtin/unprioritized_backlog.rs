use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Deserialize;

use crate::backlog::{Backlog, Field};
use crate::rules::hit::Hit;
use crate::rules::context::Context;
use super::BacklogCheck;

/// `unprioritized-backlog`: nearly every open item shares one priority (Jira's default
/// "Medium"), so nothing orders the backlog. One finding for the backlog, on the first
/// item's priority.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnprioritizedBacklog {
    /// The share of items with the most common priority at which the backlog counts as
    /// unprioritised (0.9 = 90%).
    pub max_share: f64,
    /// Backlogs smaller than this are not judged.
    pub min_items: usize,
}

/// An item's priority: a hash of its name, lowercased; `None` when it has none. Kept for
/// every open item, so the name itself, and where the finding points, are read again only
/// for the items the finding names.
type Priority = Option<u64>;

impl BacklogCheck for UnprioritizedBacklog {
    type Observed = Priority;
    const VARIABLES: &'static [&'static str] = &["problem", "value"];
    const NEEDS: &'static [Field] = &[Field::Priority];

    fn observe(&self, cx: &Context<'_>) -> Option<Priority> {
        let value = cx.item.get(Field::Priority);
        Some(value.map(|value| hash_of(value.as_str().trim())))
    }

    fn finish(&self, observed: Vec<(usize, Priority)>, backlog: &Backlog) -> Vec<(usize, Hit)> {
        let total = observed.len();
        let Some(&(first, _)) = observed.first() else {
            return Vec::new();
        };
        let mut counts: Vec<(Option<u64>, usize)> = Vec::new();
        for (_, priority) in &observed {
            match counts.iter_mut().find(|(p, _)| p == priority) {
                Some((_, n)) => *n += 1,
                None => counts.push((*priority, 1)),
            }
        }
        let Some(&(top, count)) = counts.iter().max_by_key(|(_, n)| *n) else {
            return Vec::new();
        };
        let share = count as f64 / total as f64;
        if total < self.min_items || share < self.max_share {
            return Vec::new();
        }
        let shown = if top.is_none() {
            "no priority".to_owned()
        } else {
            let written = observed
                .iter()
                .find(|(_, p)| *p == top)
                .and_then(|(item, _)| backlog.text(*item, Field::Priority));
            format!("priority \"{}\"", written.as_deref().map_or("", str::trim))
        };
        let problem = format!(
            "{count} of {total} open items ({:.0}%) have {shown}",
            share * 100.0
        );
        let item = backlog.item(first);
        let hit = Hit {
            span: item
                .get(Field::Priority)
                .map_or_else(|| item.missing(Field::Priority), |value| value.span),
            field: Some(Field::Priority.name().into()),
            vars: vec![("problem", problem), ("value", shown)],
            as_note: false,
        };
        vec![(first, hit)]
    }
}

/// A hash of a priority name in lower case, without making the lower-case copy (it runs
/// for every open item): names equal but for case hash alike; different names, with a
/// chance of 2⁻⁶⁴ per pair.
fn hash_of(name: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        c.hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::hash_of;

    #[test]
    fn priority_names_hash_alike_whatever_their_case() {
        assert_eq!(hash_of("Medium"), hash_of("MEDIUM"));
        assert_eq!(hash_of("Élevée"), hash_of("ÉLEVÉE"));
        assert_ne!(hash_of("Medium"), hash_of("High"));
    }
}
