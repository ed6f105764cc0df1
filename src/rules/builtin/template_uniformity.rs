use serde::Deserialize;

use crate::backlog::Backlog;
use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::story::Shape;

/// `template-uniformity`: a story whose template (its shape and its "I want" phrase)
/// differs from the one most of the backlog uses.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateUniformity {
    /// The dominant template must cover at least this share of parsed stories (0.6 = 60%).
    pub min_share: f64,
    /// Backlogs with fewer parsed stories are not judged.
    pub min_stories: usize,
}

/// A template: the story's shape and its want phrase, normalised ("i want to").
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// A story's template and the hit on its want phrase.
#[derive(Debug, Clone)]
pub struct Observed {
    template: Template,
    hit: Hit,
}

impl TemplateUniformity {
    pub fn observe(&self, cx: &Context<'_>) -> Option<Observed> {
        let view = cx.story()?;
        let want_text = &view.text.text()[view.story.want.clone()];
        let hit = Hit::on(&view.text, view.text.span_of(view.story.want.clone()))
            .var("value", want_text.to_owned());
        let template = Template {
            shape: view.story.shape,
            want: normalise_want(want_text),
        };
        Some(Observed { template, hit })
    }

    pub fn finish(&self, stories: Vec<(usize, Observed)>, _backlog: &Backlog) -> Vec<(usize, Hit)> {
        let mut counts: Vec<(&Template, usize)> = Vec::new();
        for (_, story) in &stories {
            match counts.iter_mut().find(|(t, _)| **t == story.template) {
                Some((_, n)) => *n += 1,
                None => counts.push((&story.template, 1)),
            }
        }
        let total = stories.len();
        let Some((dominant, count)) = counts
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(t, n)| ((*t).clone(), *n))
        else {
            return Vec::new();
        };
        if total < self.min_stories || (count as f64) < self.min_share * total as f64 {
            return Vec::new();
        }
        let expected = dominant.describe();
        let share = format!("{count} of {total}");
        stories
            .into_iter()
            .filter(|(_, story)| story.template != dominant)
            .map(|(index, story)| {
                let hit = story
                    .hit
                    .var("expected", expected.clone())
                    .var("actual", story.template.describe())
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
