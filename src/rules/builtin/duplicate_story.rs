use serde::Deserialize;

use crate::backlog::Backlog;
use crate::rules::hit::{Hit, Place};
use crate::rules::context::Context;
use crate::text::similarity::{exact_groups, near_duplicates, word_hashes};
use crate::rules::view::field_texts;
use super::BacklogCheck;

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

/// A story's normalised words (as hashes, see [`word_hashes`]) and where its text is.
#[derive(Debug, Clone)]
pub struct Observed {
    /// Exact-size: one list per story is kept until the backlog is judged.
    words: Box<[u64]>,
    place: Place,
}

impl BacklogCheck for DuplicateStory {
    type Observed = Observed;
    const VARIABLES: &'static [&'static str] = &["other", "problem"];

    fn observe(&self, cx: &Context<'_>) -> Option<Observed> {
        let text = match cx.story() {
            Some(view) => view.text.clone(),
            None => field_texts(cx.item, crate::backlog::Field::Summary)
                .into_iter()
                .next()?,
        };
        let words = word_hashes(text.text());
        (!words.is_empty()).then(|| Observed {
            words: words.into_boxed_slice(),
            place: Place::on(&text, text.span()),
        })
    }

    fn finish(&self, stories: Vec<(usize, Observed)>, backlog: &Backlog) -> Vec<(usize, Hit)> {
        let (items, observed): (Vec<usize>, Vec<Observed>) = stories.into_iter().unzip();
        let (docs, places): (Vec<Vec<u64>>, Vec<Place>) =
            observed.into_iter().map(|o| (o.words.into_vec(), o.place)).unzip();
        let key = |doc: usize| backlog.key(items[doc]).to_owned();
        // The exact groups on one thread, the near pairs (parallel inside) on the other.
        let (groups, near) = rayon::join(
            || exact_groups(&docs),
            || {
                if self.similarity >= 1.0 {
                    Vec::new()
                } else {
                    near_duplicates(&docs, self.similarity)
                }
            },
        );
        let mut hits = Vec::new();
        let mut reported = vec![false; docs.len()];
        for group in groups {
            let Some((&first, later)) = group.split_first() else {
                continue;
            };
            for &doc in later {
                reported[doc] = true;
                hits.push((
                    items[doc],
                    places[doc]
                        .hit()
                        .var("other", key(first))
                        .var("problem", "repeats".to_owned()),
                ));
            }
        }
        if self.similarity >= 1.0 {
            return hits;
        }
        // One finding per story, naming its closest earlier story: a cluster of n
        // near-copies gives n - 1 findings, not n² / 2.
        let mut closest: Vec<Option<(usize, f64)>> = vec![None; docs.len()];
        for (a, b, similarity) in near {
            let best = &mut closest[b];
            if best.is_none_or(|(other, s)| similarity > s || (similarity == s && a < other)) {
                *best = Some((a, similarity));
            }
        }
        for (doc, best) in closest.into_iter().enumerate() {
            let Some((other, similarity)) = best.filter(|_| !reported[doc]) else {
                continue;
            };
            let problem = format!("is {:.0}% similar to", similarity * 100.0);
            hits.push((
                items[doc],
                places[doc]
                    .hit()
                    .var("other", key(other))
                    .var("problem", problem),
            ));
        }
        hits
    }
}
