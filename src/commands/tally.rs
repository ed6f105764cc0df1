//! Counting the values of one field across a backlog, for what commands tell the user.

use backlint::backlog::{Backlog, Field};

/// Each distinct value of `field` (trimmed) and how many items hold it, most common first.
pub fn tally(backlog: &Backlog, field: Field) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for value in (0..backlog.len()).filter_map(|i| backlog.text(i, field)) {
        let value = value.trim();
        match counts.iter_mut().find(|(v, _)| v == value) {
            Some((_, n)) => *n += 1,
            None => counts.push((value.to_owned(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// `Task (19), Bug (3)`.
pub fn listed(counts: &[(String, usize)]) -> String {
    counts
        .iter()
        .map(|(v, n)| format!("{v} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"Story", "Task"`: names quoted as TOML strings, for a line of `backlint.toml`.
pub fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
