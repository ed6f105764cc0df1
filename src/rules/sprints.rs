//! What an export says of its sprints: which are over, the points done in each, and the
//! velocity and ready work the sprint-planning summary reports.
//!
//! A sprint is **closed** when the export says so (Jira's REST sprint objects carry their
//! state). CSV exports name an item's sprints, not their state: there a sprint is taken as
//! closed when an item was carried over from it (it lists a later sprint after it: Jira
//! lists an item's sprints in order) or when no open item ends in it. The points of a
//! sprint are those of the done items whose last sprint it is.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::backlog::{Backlog, Field, Value};
use crate::config::Scope;

/// The sprints of a backlog.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Sprints {
    /// Sprints some item was carried over from.
    pub carried_over: HashSet<String>,
    /// Per sprint, what ended in it (the items whose last sprint it is).
    pub ended: BTreeMap<String, Ended>,
    /// Whether a sprint is closed, for the sprints whose state the export gives.
    pub stated_closed: HashMap<String, bool>,
}

/// The items whose last sprint is one sprint.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Ended {
    /// Story points of the done items.
    pub done_points: f64,
    /// Done items, with an estimate or not.
    pub done_items: usize,
    pub open_items: usize,
}

/// The average points done per closed sprint, over the last three.
#[derive(Debug, Clone, PartialEq)]
pub enum Velocity {
    /// (sprint, points) of the last closed sprints, oldest first, and their average.
    Known {
        sprints: Vec<(String, f64)>,
        average: f64,
    },
    /// What the export lacks to tell it.
    Unknown(&'static str),
}

/// How many closed sprints the velocity averages.
pub const VELOCITY_SPRINTS: usize = 3;

impl Sprints {
    /// The sprints of `backlog`; items `scope` does not check are the done ones.
    pub fn of(backlog: &Backlog, scope: &Scope) -> Sprints {
        (0..backlog.len())
            .into_par_iter()
            .fold(Sprints::default, |mut sprints, index| {
                // Only the fields this pass reads are decoded, never the whole item: the
                // engine decodes each item once more when it checks it.
                let [listed, states, status, category, estimate] = backlog.values_of(
                    index,
                    [
                        Field::Sprint,
                        Field::SprintState,
                        Field::Status,
                        Field::StatusCategory,
                        Field::Estimate,
                    ],
                );
                let Some((last, earlier)) = listed.split_last() else {
                    return sprints;
                };
                let name = |v: &Value| v.as_str().trim().to_owned();
                sprints.carried_over.extend(earlier.iter().map(name));
                // States pair with sprints by position, so only when each sprint has one.
                if states.len() == listed.len() {
                    for (sprint, state) in listed.iter().zip(&states) {
                        if let Some(closed) = is_closed_state(state.as_str()) {
                            sprints.note_state(name(sprint), closed);
                        }
                    }
                }
                let ended = sprints.ended.entry(name(last)).or_default();
                let open = scope.is_open(
                    status.first().map(Value::as_str),
                    category.first().map(Value::as_str),
                );
                if open {
                    ended.open_items += 1;
                } else {
                    ended.done_items += 1;
                    ended.done_points += estimate.first().and_then(Value::as_number).unwrap_or(0.0);
                }
                sprints
            })
            .reduce(Sprints::default, Sprints::merge)
    }

    /// Notes the export's state of `sprint`; should two items disagree, closed wins (the
    /// later snapshot).
    fn note_state(&mut self, sprint: String, closed: bool) {
        *self.stated_closed.entry(sprint).or_insert(closed) |= closed;
    }

    fn merge(mut self, other: Sprints) -> Sprints {
        self.carried_over.extend(other.carried_over);
        for (sprint, closed) in other.stated_closed {
            self.note_state(sprint, closed);
        }
        for (name, theirs) in other.ended {
            let mine = self.ended.entry(name).or_default();
            mine.done_points += theirs.done_points;
            mine.done_items += theirs.done_items;
            mine.open_items += theirs.open_items;
        }
        self
    }

    /// Whether `sprint` is over: as the export states, or else when an item was carried
    /// over from it or no open item ends in it.
    fn is_closed(&self, sprint: &str) -> bool {
        match self.stated_closed.get(sprint) {
            Some(&closed) => closed,
            None => {
                self.carried_over.contains(sprint)
                    || self.ended.get(sprint).is_none_or(|e| e.open_items == 0)
            }
        }
    }

    /// The sprints an open item may end in that are over: those the export states closed,
    /// and those carried over from whose state it does not give.
    pub fn closed_with_open_items(&self) -> HashSet<String> {
        let stated = self
            .stated_closed
            .iter()
            .filter(|(_, &closed)| closed)
            .map(|(sprint, _)| sprint.clone());
        let carried = self
            .carried_over
            .iter()
            .filter(|sprint| !self.stated_closed.contains_key(*sprint))
            .cloned();
        stated.chain(carried).collect()
    }

    /// The velocity over the last [`VELOCITY_SPRINTS`] closed sprints, in the natural
    /// order of their names ("Sprint 9" before "Sprint 10").
    pub fn velocity(&self) -> Velocity {
        // Each name once: a sprint may be both carried over from and ended in.
        let names: std::collections::BTreeSet<&String> = self
            .carried_over
            .iter()
            .chain(self.ended.keys())
            .chain(self.stated_closed.keys())
            .filter(|name| self.is_closed(name))
            .collect();
        let mut names: Vec<&String> = names.into_iter().collect();
        if names.is_empty() {
            return Velocity::Unknown(if self.ended.is_empty() {
                "the export has no sprints"
            } else {
                "the export has no closed sprint"
            });
        }
        if self.ended.values().all(|e| e.done_items == 0) {
            return Velocity::Unknown("the export has no done item in a sprint");
        }
        names.sort_by_key(|name| natural(name));
        let last = &names[names.len().saturating_sub(VELOCITY_SPRINTS)..];
        let sprints: Vec<(String, f64)> = last
            .iter()
            .map(|name| {
                let points = self.ended.get(*name).map_or(0.0, |e| e.done_points);
                ((*name).clone(), points)
            })
            .collect();
        let average = sprints.iter().map(|(_, p)| p).sum::<f64>() / sprints.len() as f64;
        Velocity::Known { sprints, average }
    }
}

/// Whether a sprint state says the sprint is over (`closed`) or not (`active`, `future`);
/// `None` for a state backlint does not know.
fn is_closed_state(state: &str) -> Option<bool> {
    let state = state.trim();
    let is = |name: &str| state.eq_ignore_ascii_case(name);
    if is("closed") {
        Some(true)
    } else if is("active") || is("future") {
        Some(false)
    } else {
        None
    }
}

/// A name as runs of text and numbers, so numbers sort by value.
fn natural(name: &str) -> Vec<(String, u64)> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in name.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                parts.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    parts.push((text, digits.parse().unwrap_or(0)));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ended(done_points: f64, done_items: usize, open_items: usize) -> Ended {
        Ended {
            done_points,
            done_items,
            open_items,
        }
    }

    #[test]
    fn velocity_averages_the_last_three_closed_sprints_in_natural_order() {
        let mut sprints = Sprints::default();
        for (name, points) in [("S 9", 10.0), ("S 10", 20.0), ("S 2", 99.0), ("S 11", 30.0)] {
            sprints.ended.insert(name.into(), ended(points, 2, 0));
        }
        sprints.ended.insert("S 12".into(), ended(5.0, 1, 3));
        let Velocity::Known {
            sprints: last,
            average,
        } = sprints.velocity()
        else {
            panic!("a velocity");
        };
        let names: Vec<&str> = last.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["S 9", "S 10", "S 11"]);
        assert_eq!(average, 20.0);
    }

    #[test]
    fn a_sprint_carried_over_from_is_closed_even_with_open_items_ending_in_it() {
        let mut sprints = Sprints::default();
        sprints.ended.insert("S 1".into(), ended(8.0, 2, 1));
        assert!(!sprints.is_closed("S 1"));
        sprints.carried_over.insert("S 1".into());
        assert!(sprints.is_closed("S 1"));
        assert!(matches!(sprints.velocity(), Velocity::Known { average, .. } if average == 8.0));
    }

    #[test]
    fn a_stated_state_overrides_what_the_items_suggest() {
        let mut sprints = Sprints::default();
        // No open item ends in S 1, yet the export says it is still active.
        sprints.ended.insert("S 1".into(), ended(5.0, 1, 0));
        sprints.note_state("S 1".into(), false);
        assert!(!sprints.is_closed("S 1"));
        // Carried over from, and stated active: the state wins.
        sprints.carried_over.insert("S 2".into());
        sprints.note_state("S 2".into(), false);
        assert!(!sprints.is_closed("S 2"));
        // An open item ends in S 3, but it is stated closed.
        sprints.ended.insert("S 3".into(), ended(3.0, 1, 2));
        sprints.note_state("S 3".into(), true);
        sprints.carried_over.insert("S 4".into());
        let closed = sprints.closed_with_open_items();
        let mut closed: Vec<&str> = closed.iter().map(String::as_str).collect();
        closed.sort_unstable();
        assert_eq!(closed, ["S 3", "S 4"]);
        assert!(matches!(sprints.velocity(), Velocity::Known { average, .. } if average == 1.5));
    }

    #[test]
    fn closed_wins_when_items_disagree_on_a_state() {
        let mut one = Sprints::default();
        one.note_state("S 1".into(), false);
        let mut other = Sprints::default();
        other.note_state("S 1".into(), true);
        assert!(one.clone().merge(other.clone()).is_closed("S 1"));
        assert!(other.merge(one).is_closed("S 1"));
        assert_eq!(is_closed_state(" CLOSED "), Some(true));
        assert_eq!(is_closed_state("FUTURE"), Some(false));
        assert_eq!(is_closed_state("archived"), None);
    }

    #[test]
    fn without_sprints_or_done_items_velocity_says_what_is_missing() {
        let none = Sprints::default();
        assert_eq!(
            none.velocity(),
            Velocity::Unknown("the export has no sprints")
        );
        let mut open = Sprints::default();
        open.ended.insert("S 1".into(), ended(0.0, 0, 4));
        assert_eq!(
            open.velocity(),
            Velocity::Unknown("the export has no closed sprint")
        );
        let mut undone = Sprints::default();
        undone.ended.insert("S 1".into(), ended(0.0, 0, 0));
        undone.carried_over.insert("S 1".into());
        assert_eq!(
            undone.velocity(),
            Velocity::Unknown("the export has no done item in a sprint")
        );
    }
}
