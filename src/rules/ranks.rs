//! Where items stand in the backlog's order, as the export's Rank field gives it: Jira's
//! rank is a LexoRank string (`0|i0004f:`) that sorts as text, highest first. A stage can
//! select the top N open items by it (`top_ranked`: a pass over every item, made only when
//! a stage asks), and the ready candidates are listed in their rank order (from the ranks
//! gathered as they are checked).

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

impl Ranks {
    /// The ranks of `backlog`'s open items (as `scope` tells open from done). Only their
    /// rank, status and status category are decoded, and nothing when no file has a rank.
    pub fn of(backlog: &Backlog, scope: &Scope) -> Ranks {
        let ranked_file = backlog.files.iter().any(|info| {
            info.origins
                .iter()
                .any(|o| o.field == Field::Rank && !o.names.is_empty())
        });
        if !ranked_file {
            return Ranks::default();
        }
        let ranked: Vec<(String, usize)> = (0..backlog.len())
            .into_par_iter()
            .filter_map(|index| {
                let first = |field: Field| backlog.values(index, field).into_iter().next();
                let rank = first(Field::Rank)?;
                let rank = rank.as_str().trim();
                if rank.is_empty() {
                    return None;
                }
                let status = first(Field::Status);
                let category = first(Field::StatusCategory);
                let open = scope.is_open(
                    status.as_ref().map(Value::as_str),
                    category.as_ref().map(Value::as_str),
                );
                open.then(|| (rank.to_owned(), index))
            })
            .collect();
        Ranks::from_ranked(ranked, backlog.len())
    }

    /// The positions of the items of `ranked` (rank, item) among `items` items.
    pub fn from_ranked(mut ranked: Vec<(String, usize)>, items: usize) -> Ranks {
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
        let ranked = vec![("0|b".to_owned(), 3), ("0|a".to_owned(), 1)];
        let ranks = Ranks::from_ranked(ranked, 4);
        assert_eq!((ranks.position(1), ranks.position(3)), (Some(0), Some(1)));
        assert_eq!(ranks.position(0), None);
    }
}
