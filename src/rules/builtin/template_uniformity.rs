use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::backlog::Backlog;
use crate::rules::hit::{Hit, Place};
use crate::rules::context::Context;
use crate::rules::pool::Pool;
use crate::text::story::Shape;
use super::BacklogCheck;

/// `template-uniformity`: a story whose template (its shape and its "I want" phrase)
/// differs from the one most of the backlog uses.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateUniformity {
    /// The dominant template must cover at least this share of parsed stories (0.6 = 60%).
    pub min_share: f64,
    /// Backlogs with fewer parsed stories are not judged.
    pub min_stories: usize,
    /// The want phrases as written, shared (a backlog uses a few).
    #[serde(skip)]
    wants: Pool<str>,
}

/// A template: the story's shape and its want phrase, normalised ("i want to").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Template {
    shape: Shape,
    want: String,
}

impl Template {
    fn describe(&self) -> String {
        match self.shape {
            Shape::Connextra => format!("As a …, {} …", self.want),
            Shape::InOrderTo => format!("In order to …, as a …, {} …", self.want),
            Shape::JobStory => format!("When …, {} …", self.want),
        }
    }
}

/// A story's shape, its want phrase as written, and where that is. The phrase is
/// normalised when the backlog is judged: kept for every story, one shared string costs
/// less than two.
#[derive(Debug, Clone)]
pub struct Observed {
    shape: Shape,
    want: Arc<str>,
    place: Place,
}

impl Observed {
    fn template(&self) -> Template {
        Template {
            shape: self.shape,
            want: normalise_want(&self.want),
        }
    }
}

impl BacklogCheck for TemplateUniformity {
    type Observed = Observed;
    const VARIABLES: &'static [&'static str] = &["actual", "expected", "share", "value"];

    fn observe(&self, cx: &Context<'_>) -> Option<Observed> {
        let view = cx.story()?;
        let want = view.story.want.clone();
        Some(Observed {
            shape: view.story.shape,
            want: self.wants.share(&view.text.text()[want.clone()]),
            place: Place::on(&view.text, view.text.span_of(want)),
        })
    }

    fn finish(&self, stories: Vec<(usize, Observed)>, _backlog: &Backlog) -> Vec<(usize, Hit)> {
        // Each story's template (normalised on every core) as an index into the distinct
        // ones, which are counted in the order they first appear; of equally common
        // templates the last dominates, as `max_by_key` picks.
        let templates: Vec<Template> = stories.par_iter().map(|(_, s)| s.template()).collect();
        let mut known: HashMap<Template, usize> = HashMap::new();
        let mut counts: Vec<(Template, usize)> = Vec::new();
        let of_story: Vec<usize> = templates
            .into_iter()
            .map(|template| match known.get(&template) {
                Some(&index) => {
                    counts[index].1 += 1;
                    index
                }
                None => {
                    known.insert(template.clone(), counts.len());
                    counts.push((template, 1));
                    counts.len() - 1
                }
            })
            .collect();
        let total = stories.len();
        let Some((dominant, count)) = counts
            .iter()
            .enumerate()
            .max_by_key(|(_, (_, n))| *n)
            .map(|(index, (_, n))| (index, *n))
        else {
            return Vec::new();
        };
        if total < self.min_stories || (count as f64) < self.min_share * total as f64 {
            return Vec::new();
        }
        let expected = counts[dominant].0.describe();
        let share = format!("{count} of {total}");
        stories
            .into_iter()
            .zip(of_story)
            .filter(|(_, template)| *template != dominant)
            .map(|((index, story), template)| {
                let hit = story
                    .place
                    .hit()
                    .var("value", story.want.to_string())
                    .var("expected", expected.clone())
                    .var("actual", counts[template].0.describe())
                    .var("share", share.clone());
                (index, hit)
            })
            .collect()
    }
}

/// "I'd like to", "I would like" → "I would like"; case, spacing and a final "to" folded,
/// so only the phrasing itself tells templates apart.
fn normalise_want(want: &str) -> String {
    let folded = want.to_lowercase().replace('’', "'");
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words = match words.split_last() {
        Some((&"to", rest)) => rest,
        _ => &words[..],
    };
    let joined = words
        .join(" ")
        .replace("i'd ", "i would ")
        .replace("i'm ", "i am ");
    joined
        .split(' ')
        .map(|w| if w == "i" { "I" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}
