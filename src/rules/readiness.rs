//! Readiness: the run's verdict on the checked stories, decided where the rules run (from
//! the findings that remain after suppressions, the baseline and the per-item cap) and
//! shown by every report.

use crate::finding::{Finding, Severity};

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
    pub fn band(&self) -> Option<Band> {
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
