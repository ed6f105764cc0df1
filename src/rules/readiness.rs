//! Readiness: the run's verdict on the checked stories, decided where the rules run (from
//! the findings that remain after suppressions, the baseline and the per-item cap) and
//! shown by every report.

use std::sync::Arc;

use crate::backlog::{Backlog, Field};
use crate::finding::{Finding, Severity};

use super::ranks::Ranks;
use super::stages::Stages;

/// How the health figure is coloured: green from [`Band::GOOD`] percent, amber from
/// [`Band::FAIR`], red below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Good,
    Fair,
    Poor,
}

impl Band {
    pub const GOOD: f64 = 80.0;
    pub const FAIR: f64 = 50.0;

    pub fn name(self) -> &'static str {
        match self {
            Band::Good => "good",
            Band::Fair => "fair",
            Band::Poor => "poor",
        }
    }
}

/// The backlog health figure: the share of checked stories with no finding at or above
/// warning ("ready" stories).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Health {
    pub stories: usize,
    pub ready: usize,
}

impl Health {
    /// The share in percent; none when no story was checked (reports say "n/a").
    pub fn percent(&self) -> Option<f64> {
        (self.stories > 0).then(|| 100.0 * self.ready as f64 / self.stories as f64)
    }

    /// The band of the share; none when no story was checked.
    pub(crate) fn band(&self) -> Option<Band> {
        self.percent().map(|value| {
            if value >= Band::GOOD {
                Band::Good
            } else if value >= Band::FAIR {
                Band::Fair
            } else {
                Band::Poor
            }
        })
    }

    /// The share as reports show it: a whole percentage, with one decimal where rounding
    /// would say 0% or 100% and that is not so; "n/a" when no story was checked.
    pub fn figure(&self) -> String {
        let Some(value) = self.percent() else {
            return "n/a".to_owned();
        };
        if self.ready > 0 && value < 0.5 {
            format!("{:.1}%", (value * 10.0).ceil() / 10.0)
        } else if self.ready < self.stories && value >= 99.5 {
            format!("{:.1}%", (value * 10.0).floor() / 10.0)
        } else {
            format!("{value:.0}%")
        }
    }
}

impl Health {
    /// The verdict on `stories` (indices among `items` items): a story is ready when no
    /// finding on it is at or above warning.
    pub fn of(findings: &[Finding], stories: &[usize], items: usize) -> Health {
        let mut blocked = vec![false; items];
        for finding in findings.iter().filter(|f| f.severity >= Severity::Warning) {
            blocked[finding.item] = true;
        }
        Health {
            stories: stories.len(),
            ready: stories.iter().filter(|&&i| !blocked[i]).count(),
        }
    }
}

/// A story's verdict at its stage: ready when no rule of the stage's Definition of Ready
/// reported it (at any severity; a note about the backlog's convention does not count).
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub item: usize,
    pub stage: usize,
    /// The rules of the Definition of Ready the item fails, in the order found, once each.
    pub failing: Vec<Arc<str>>,
}

impl Verdict {
    pub(crate) fn is_ready(&self) -> bool {
        self.failing.is_empty()
    }
}

/// How many stories of one stage are ready.
#[derive(Debug, Clone, PartialEq)]
pub struct StageCount {
    pub name: Arc<str>,
    pub stories: usize,
    pub ready: usize,
}

impl StageCount {
    /// The share of the stage's stories that are ready, in percent; none when it has none.
    pub fn percent(&self) -> Option<f64> {
        (self.stories > 0).then(|| 100.0 * self.ready as f64 / self.stories as f64)
    }
}

/// The ready candidates that are ready, as work for the coming sprints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadyWork {
    pub stories: usize,
    pub points: f64,
    /// Of those stories, how many have no estimate (counted as no points).
    pub unestimated: usize,
}

/// The readiness of every item in a stage: the ready candidates that have a rank first, in
/// rank order, then the others in export order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Readiness {
    pub names: Vec<Arc<str>>,
    pub verdicts: Vec<Verdict>,
}

impl Readiness {
    /// The verdicts on the staged stories from `findings`: `staged` is (item, stage) in
    /// item order, `stories` the checked stories in item order, `candidate_ranks` the rank
    /// order of the ready candidates. Epics, sub-tasks and bugs
    /// get no verdict: sprint planning pulls stories, and the story rules do not judge them.
    pub fn of(
        findings: &[Finding],
        stages: &Stages,
        staged: &[(usize, usize)],
        stories: &[usize],
        candidate_ranks: &Ranks,
    ) -> Readiness {
        let staged: Vec<(usize, usize)> = staged
            .iter()
            .copied()
            .filter(|(item, _)| stories.binary_search(item).is_ok())
            .collect();
        let mut verdicts: Vec<Verdict> = staged
            .iter()
            .map(|&(item, stage)| Verdict {
                item,
                stage,
                failing: Vec::new(),
            })
            .collect();
        for finding in findings.iter().filter(|f| !f.about_backlog) {
            let Ok(at) = staged.binary_search_by_key(&finding.item, |&(item, _)| item) else {
                continue;
            };
            let verdict = &mut verdicts[at];
            let failing = stages.requires(verdict.stage, &finding.rule)
                && !verdict.failing.contains(&finding.rule);
            if failing {
                verdict.failing.push(Arc::clone(&finding.rule));
            }
        }
        // Listed as the team will pull them: the ranked candidates in rank order first.
        verdicts.sort_by_key(|verdict| candidate_ranks.order_key(verdict.item));
        Readiness {
            names: (0..stages.len())
                .map(|s| Arc::clone(stages.name(s)))
                .collect(),
            verdicts,
        }
    }

    /// Per stage, in the configured order: its stories and how many are ready.
    pub fn counts(&self) -> Vec<StageCount> {
        self.names
            .iter()
            .enumerate()
            .map(|(stage, name)| {
                let of_stage = || self.verdicts.iter().filter(|v| v.stage == stage);
                StageCount {
                    name: Arc::clone(name),
                    stories: of_stage().count(),
                    ready: of_stage().filter(|v| v.is_ready()).count(),
                }
            })
            .collect()
    }

    /// The ready candidates: the stories of the first stage. None without stages.
    pub fn candidates(&self) -> Option<StageCount> {
        self.counts().into_iter().next()
    }

    /// The ready candidates that are ready: how many, and their points (`backlog` gives
    /// their estimates).
    pub fn ready_work(&self, backlog: &Backlog) -> ReadyWork {
        let mut work = ReadyWork::default();
        for verdict in self.candidate_verdicts().filter(|v| v.is_ready()) {
            work.stories += 1;
            let estimate = backlog.values(verdict.item, Field::Estimate);
            match estimate.first().and_then(|v| v.as_number()) {
                Some(points) => work.points += points,
                None => work.unestimated += 1,
            }
        }
        work
    }

    /// The verdicts on the ready candidates, in rank order (see [`Readiness::verdicts`]).
    pub(crate) fn candidate_verdicts(&self) -> impl Iterator<Item = &Verdict> + '_ {
        self.verdicts.iter().filter(|v| v.stage == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_figures_do_not_round_to_the_ends() {
        let figure = |stories, ready| Health { stories, ready }.figure();
        assert_eq!(figure(3, 1), "33%");
        assert_eq!(figure(1000, 999), "99.9%");
        assert_eq!(figure(100_000, 99_999), "99.9%");
        assert_eq!(figure(1000, 1), "0.1%");
        assert_eq!(figure(100_000, 1), "0.1%");
        assert_eq!(figure(4, 4), "100%");
        assert_eq!(figure(4, 0), "0%");
        assert_eq!(figure(0, 0), "n/a");
    }

    #[test]
    fn health_bands_start_at_80_and_50_percent() {
        let band = |stories, ready| Health { stories, ready }.band();
        assert_eq!(band(10, 10), Some(Band::Good));
        assert_eq!(band(10, 8), Some(Band::Good));
        assert_eq!(band(100, 79), Some(Band::Fair));
        assert_eq!(band(10, 5), Some(Band::Fair));
        assert_eq!(band(100, 49), Some(Band::Poor));
        assert_eq!(band(10, 0), Some(Band::Poor));
        assert_eq!(band(0, 0), None);
    }
}
