//! Where items stand in the backlog's order, as the export's Rank field gives it: Jira's
//! rank is a LexoRank string (`0|i0004f:`) that sorts as text, Azure DevOps' Stack Rank and
//! Backlog Priority are numbers; either way the lowest is the top. A stage can
//! select the top N open items by it (`top_ranked`: a pass over every item, made only when
//! a stage asks), and the ready candidates are listed in their rank order (from the ranks
//! gathered as they are checked).

use std::cmp::Ordering;

use rayon::prelude::*;

use crate::backlog::{Backlog, Field, Value};
use crate::config::Scope;

/// The rank positions of some items among each other (0 is the top).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Ranks {
    /// Per item, its position among the ranked items; [`UNRANKED`] for the others. Empty
    /// when none is ranked.
    positions: Vec<u32>,
}

/// The position of an item that is done, or has no rank.
const UNRANKED: u32 = u32::MAX;

/// A rank as it sorts: a number by its value (`"999"` before `"1000"`), anything else as
/// text; numbers before text, should a backlog mix them.
#[derive(Debug, Clone)]
pub enum RankKey {
    Number(f64),
    Text(String),
}

impl RankKey {
    /// The key of a rank value; `None` when blank.
    pub fn of(value: &Value) -> Option<RankKey> {
        let rank = value.as_str().trim();
        if rank.is_empty() {
            return None;
        }
        Some(match value.as_number() {
            Some(number) => RankKey::Number(number),
            None => RankKey::Text(rank.to_owned()),
        })
    }
}

impl Ord for RankKey {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (RankKey::Number(a), RankKey::Number(b)) => a.total_cmp(b),
            (RankKey::Text(a), RankKey::Text(b)) => a.cmp(b),
            (RankKey::Number(_), RankKey::Text(_)) => Ordering::Less,
            (RankKey::Text(_), RankKey::Number(_)) => Ordering::Greater,
        }
    }
}

impl PartialOrd for RankKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for RankKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for RankKey {}

impl Ranks {
    /// The ranks of `backlog`'s open items (as `scope` tells open from done). Only their
    /// rank, status and status category are decoded, and nothing when no file has a rank.
    pub fn of(backlog: &Backlog, scope: &Scope) -> Ranks {
        if !backlog.files.iter().any(|info| info.has(Field::Rank)) {
            return Ranks::default();
        }
        let ranked: Vec<(RankKey, usize)> = (0..backlog.len())
            .into_par_iter()
            .filter_map(|index| {
                let [rank, status, category] =
                    backlog.values_of(index, [Field::Rank, Field::Status, Field::StatusCategory]);
                let rank = RankKey::of(rank.first()?)?;
                let open = scope.is_open(
                    status.first().map(Value::as_str),
                    category.first().map(Value::as_str),
                );
                open.then_some((rank, index))
            })
            .collect();
        Ranks::from_ranked(ranked, backlog.len())
    }

    /// The positions of the items of `ranked` (rank, item) among `items` items.
    pub fn from_ranked(mut ranked: Vec<(RankKey, usize)>, items: usize) -> Ranks {
        if ranked.is_empty() {
            return Ranks::default();
        }
        // Equal ranks (two files ranked alike) keep the export's order.
        ranked.par_sort_unstable();
        let mut positions = vec![UNRANKED; items];
        for (position, (_, index)) in ranked.into_iter().enumerate() {
            positions[index] = u32::try_from(position).unwrap_or(UNRANKED);
        }
        Ranks { positions }
    }

    /// Item `item`'s position among the ranked items, if it is one.
    pub fn position(&self, item: usize) -> Option<usize> {
        let position = *self.positions.get(item)?;
        (position != UNRANKED).then_some(position as usize)
    }

    /// A key that sorts items by rank: ranked items first, top first, then the others.
    pub fn order_key(&self, item: usize) -> u32 {
        self.positions.get(item).copied().unwrap_or(UNRANKED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_the_order_key() {
        let ranks = Ranks {
            positions: vec![1, UNRANKED, 0],
        };
        assert_eq!(ranks.position(0), Some(1));
        assert_eq!(ranks.position(1), None);
        assert_eq!(ranks.position(2), Some(0));
        assert_eq!(ranks.position(7), None);
        let mut items = vec![0, 1, 2];
        items.sort_by_key(|&item| ranks.order_key(item));
        assert_eq!(items, vec![2, 0, 1]);
        assert_eq!(Ranks::default().position(0), None);
        let text = |rank: &str| RankKey::Text(rank.to_owned());
        let ranked = vec![(text("0|b"), 3), (text("0|a"), 1)];
        let ranks = Ranks::from_ranked(ranked, 4);
        assert_eq!((ranks.position(1), ranks.position(3)), (Some(0), Some(1)));
        assert_eq!(ranks.position(0), None);
    }

    #[test]
    fn numeric_ranks_sort_by_value_and_lexoranks_as_text() {
        let key = |rank: &str| {
            RankKey::of(&Value {
                text: crate::backlog::MappedText::verbatim(rank, 0),
                span: crate::backlog::Span::new(0, rank.len()),
            })
        };
        assert!(key("999") < key("1000"));
        assert!(key(" 1999.5 ") < key("2000"));
        assert!(key("0|i0001a:") < key("0|i0004c:"));
        assert!(key("1000") < key("0|a"));
        assert_eq!(key("  "), None);
    }
}
