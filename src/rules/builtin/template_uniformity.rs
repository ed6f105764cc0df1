use serde::Deserialize;

use crate::backlog::Backlog;
use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::story::Shape;

use super::BacklogPass;

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

impl TemplateUniformity {
    pub fn pass(&self) -> Pass<'_> {
        Pass {
            options: self,
            stories: Vec::new(),
        }
    }
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

pub struct Pass<'o> {
    options: &'o TemplateUniformity,
    /// (item, template, hit on the want phrase)
    stories: Vec<(usize, Template, Hit)>,
}

impl BacklogPass for Pass<'_> {
    fn observe(&mut self, index: usize, cx: &Context<'_>) {
        let Some(view) = cx.story() else { return };
        let want_text = &view.text.text()[view.story.want.clone()];
        let want = normalise_want(want_text);
        let hit = Hit::on(&view.text, view.text.span_of(view.story.want.clone()))
            .var("value", want_text.to_owned());
        let template = Template {
            shape: view.story.shape,
            want,
        };
        self.stories.push((index, template, hit));
    }

    fn finish(self: Box<Self>, _backlog: &Backlog) -> Vec<(usize, Hit)> {
        let mut counts: Vec<(&Template, usize)> = Vec::new();
        for (_, template, _) in &self.stories {
            match counts.iter_mut().find(|(t, _)| *t == template) {
                Some((_, n)) => *n += 1,
                None => counts.push((template, 1)),
            }
        }
        let total = self.stories.len();
        let Some((dominant, count)) = counts
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(t, n)| ((*t).clone(), *n))
        else {
            return Vec::new();
        };
        if total < self.options.min_stories
            || (count as f64) < self.options.min_share * total as f64
        {
            return Vec::new();
        }
        let expected = dominant.describe();
        let share = format!("{count} of {total}");
        self.stories
            .into_iter()
            .filter(|(_, template, _)| *template != dominant)
            .map(|(index, template, hit)| {
                let hit = hit
                    .var("expected", expected.clone())
                    .var("actual", template.describe())
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
