//! Findings about a template at the level they belong. While most stories of a backlog
//! follow a template ("As a …, I want …", "so that …"), each story that breaks it is
//! reported; when most do not, the backlog does not use the template, and one finding says
//! so, with the share and an example, instead of a finding on nearly every story.

use serde::{Deserialize, Deserializer};

use crate::rules::hit::{Hit, Place};

/// A share between 0 and 1, checked when the rule's options are read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share(f64);

impl Share {
    pub fn get(self) -> f64 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if (0.0..=1.0).contains(&value) {
            Ok(Share(value))
        } else {
            Err(serde::de::Error::custom(format!(
                "a share is between 0 and 1 (0.5 = half), not {value}"
            )))
        }
    }
}

/// The options of a template check, which say when the template is the backlog's own.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stories are reported one by one while more than this share of them follows the
    /// template (0.5: more than half); otherwise one finding is reported for the backlog.
    pub min_share: Share,
    /// Backlogs with fewer stories are always reported story by story.
    pub min_stories: usize,
}

/// One story as a template check sees it: `None` when it follows the template, else where
/// it breaks it and the words to quote. Boxed: most stories follow, and each is kept
/// until the backlog is judged, in a slot of 16 bytes instead of 48.
pub type Observed = Option<Box<Departure>>;

#[derive(Debug, Clone)]
pub struct Departure {
    pub place: Place,
    pub value: Box<str>,
}

/// How a rule words its two kinds of finding.
pub struct Wording {
    /// The problem of one story, given the quoted words.
    pub one: fn(&str) -> String,
    /// The problem of the backlog, given "17 of 20 stories (85%)" and an example.
    pub backlog: fn(&str, &str) -> String,
}

impl Level {
    /// The hits for `stories` (item index, observation), each with a `problem` and a
    /// `value` for the message.
    pub fn judge(&self, stories: Vec<(usize, Observed)>, wording: &Wording) -> Vec<(usize, Hit)> {
        let total = stories.len();
        let breaking = stories.iter().filter(|(_, s)| s.is_some()).count();
        let following = total - breaking;
        let uses_template = following as f64 > self.min_share.get() * total as f64;
        let departures = stories
            .into_iter()
            .filter_map(|(item, story)| story.map(|s| (item, s)));
        if total < self.min_stories || uses_template {
            return departures
                .map(|(item, story)| {
                    let hit = story
                        .place
                        .hit()
                        .var("problem", (wording.one)(&story.value))
                        .var("value", story.value.to_string());
                    (item, hit)
                })
                .collect();
        }
        departures
            .take(1)
            .map(|(item, example)| {
                let share = format!(
                    "{breaking} of {total} stories ({:.0}%)",
                    100.0 * breaking as f64 / total as f64
                );
                // A note: the backlog's convention, not a defect of the story it is on.
                let hit = example
                    .place
                    .hit()
                    .noted()
                    .var("problem", (wording.backlog)(&share, &example.value))
                    .var("value", example.value.to_string());
                (item, hit)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_outside_zero_to_one_are_refused() {
        let read = |text: &str| toml::from_str::<toml::Table>(text).map(|t| t["s"].clone());
        let share = |text: &str| read(text).unwrap().try_into::<Share>();
        assert_eq!(share("s = 0.5").unwrap().get(), 0.5);
        assert_eq!(share("s = 1.0").unwrap().get(), 1.0);
        let error = share("s = 1.5").unwrap_err().to_string();
        assert!(error.contains("between 0 and 1"), "{error}");
        assert!(share("s = -0.1").is_err());
    }
}
