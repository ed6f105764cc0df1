use serde::Deserialize;

use crate::backlog::Backlog;
use crate::rules::check::Hit;
use crate::rules::context::Context;
use crate::rules::similarity::{exact_groups, near_duplicates, normalise};
use crate::rules::view::field_texts;

use super::BacklogPass;

/// `duplicate-story`: the same story twice after normalising case, punctuation and
/// template words, or two stories above a similarity (MinHash + LSH, so near-linear).
/// The later story is reported, naming the earlier one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateStory {
    /// Word-set similarity (Jaccard, 0..1) from which two stories count as near-duplicates;
    /// 1.0 reports exact duplicates only.
    pub similarity: f64,
}

impl DuplicateStory {
    pub fn pass(&self) -> Pass<'_> {
        Pass {
            options: self,
            docs: Vec::new(),
            items: Vec::new(),
        }
    }
}

pub struct Pass<'o> {
    options: &'o DuplicateStory,
    docs: Vec<Vec<String>>,
    /// (item index, hit on its story or summary)
    items: Vec<(usize, Hit)>,
}

impl BacklogPass for Pass<'_> {
    fn observe(&mut self, index: usize, cx: &Context<'_>) {
        let text = match cx.story() {
            Some(view) => view.text.clone(),
            None => match field_texts(cx.item, crate::backlog::Field::Summary)
                .into_iter()
                .next()
            {
                Some(summary) => summary,
                None => return,
            },
        };
        let words = normalise(text.text());
        if words.is_empty() {
            return;
        }
        self.docs.push(words);
        self.items.push((index, Hit::on(&text, text.span())));
    }

    fn finish(self: Box<Self>, backlog: &Backlog) -> Vec<(usize, Hit)> {
        let key = |doc: usize| backlog.items[self.items[doc].0].key.clone();
        let mut hits = Vec::new();
        let mut reported = vec![false; self.docs.len()];
        for group in exact_groups(&self.docs) {
            let Some((&first, later)) = group.split_first() else {
                continue;
            };
            for &doc in later {
                reported[doc] = true;
                let (item, hit) = self.items[doc].clone();
                hits.push((item, hit.var("other", key(first)).var("problem", "repeats".to_owned())));
            }
        }
        if self.options.similarity >= 1.0 {
            return hits;
        }
        // One finding per story, naming its closest earlier story: a cluster of n
        // near-copies gives n - 1 findings, not n² / 2.
        let mut closest: Vec<Option<(usize, f64)>> = vec![None; self.docs.len()];
        for (a, b, similarity) in near_duplicates(&self.docs, self.options.similarity) {
            let best = &mut closest[b];
            if best.is_none_or(|(other, s)| similarity > s || (similarity == s && a < other)) {
                *best = Some((a, similarity));
            }
        }
        for (doc, best) in closest.into_iter().enumerate() {
            let Some((other, similarity)) = best.filter(|_| !reported[doc]) else {
                continue;
            };
            let (item, hit) = self.items[doc].clone();
            let problem = format!("is {:.0}% similar to", similarity * 100.0);
            hits.push((item, hit.var("other", key(other)).var("problem", problem)));
        }
        hits
    }
}
