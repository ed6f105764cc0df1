use serde::Deserialize;

use crate::backlog::{Backlog, Field, Span};
use crate::rules::check::Hit;
use crate::rules::context::Context;

use super::BacklogPass;

/// `unprioritized-backlog`: nearly every open item shares one priority (Jira's default
/// "Medium"), so nothing orders the backlog. One finding for the backlog, on the first
/// item's priority.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnprioritizedBacklog {
    /// The share of items with the most common priority at which the backlog counts as
    /// unprioritised (0.9 = 90%).
    pub max_share: f64,
    /// Backlogs smaller than this are not judged.
    pub min_items: usize,
}

impl UnprioritizedBacklog {
    pub fn pass(&self) -> Pass<'_> {
        Pass {
            options: self,
            priorities: Vec::new(),
            first: None,
        }
    }
}

pub struct Pass<'o> {
    options: &'o UnprioritizedBacklog,
    /// (lowercased priority, count), in order of first appearance.
    priorities: Vec<(String, usize)>,
    /// The first item seen and its priority's span.
    first: Option<(usize, Span, String)>,
}

impl BacklogPass for Pass<'_> {
    fn observe(&mut self, index: usize, cx: &Context<'_>) {
        let (name, span) = match cx.item.get(Field::Priority) {
            Some(value) => (value.as_str().trim().to_lowercase(), value.span),
            None => (String::new(), Span::empty_at(cx.item.anchor.start)),
        };
        if self.first.is_none() {
            self.first = Some((index, span, Field::Priority.name().to_owned()));
        }
        match self.priorities.iter_mut().find(|(p, _)| *p == name) {
            Some((_, count)) => *count += 1,
            None => self.priorities.push((name, 1)),
        }
    }

    fn finish(self: Box<Self>, backlog: &Backlog) -> Vec<(usize, Hit)> {
        let total: usize = self.priorities.iter().map(|(_, n)| n).sum();
        let Some((first, span, field)) = self.first else {
            return Vec::new();
        };
        let Some((top, count)) = self.priorities.iter().max_by_key(|(_, n)| *n) else {
            return Vec::new();
        };
        let share = *count as f64 / total as f64;
        if total < self.options.min_items || share < self.options.max_share {
            return Vec::new();
        }
        let shown = if top.is_empty() {
            "no priority".to_owned()
        } else {
            let original = backlog.items[first]
                .text(Field::Priority)
                .filter(|p| p.trim().eq_ignore_ascii_case(top));
            format!(
                "priority \"{}\"",
                original.map_or(top.clone(), |p| p.trim().to_owned())
            )
        };
        let problem = format!(
            "{count} of {total} open items ({:.0}%) have {shown}",
            share * 100.0
        );
        let hit = Hit {
            span,
            field: Some(field.into()),
            vars: vec![("problem", problem), ("value", shown)],
        };
        vec![(first, hit)]
    }
}
