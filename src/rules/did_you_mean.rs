//! "Did you mean …?" for a mistyped rule id or category, on the command line, in the
//! configuration and in suppression labels.
//!
//! Closeness is Jaro-Winkler similarity (the `strsim` crate, which clap already uses for
//! its own suggestions): it rewards a shared start, so both a typo (`nonatomic`) and a
//! truncated id (`missing-estimat`, `oversized`) find the rule that was meant.

/// How similar a candidate must be to be suggested (clap suggests from 0.7 with plain Jaro).
const THRESHOLD: f64 = 0.8;

/// The candidate closest to `unknown`, if one is close enough to be what was meant.
pub(crate) fn closest<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let unknown = unknown.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&unknown, candidate), candidate))
        .filter(|(score, _)| *score >= THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// A help text: "did you mean X? " before `listing` (where to find the valid names) when a
/// candidate is close, else `listing` alone.
pub fn help<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    listing: &str,
) -> String {
    match closest(unknown, candidates) {
        Some(close) => format!("did you mean {close}? {listing}"),
        None => listing.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 6] = [
        "missing-estimate",
        "missing-description",
        "non-atomic",
        "oversized-story",
        "stale-item",
        "grooming",
    ];

    #[test]
    fn typos_and_truncations_find_the_rule() {
        assert_eq!(closest("nonatomic", IDS), Some("non-atomic"));
        assert_eq!(closest("missing-estimat", IDS), Some("missing-estimate"));
        assert_eq!(closest("oversized", IDS), Some("oversized-story"));
        assert_eq!(closest("Stale-Item", IDS), Some("stale-item"));
        assert_eq!(closest("groming", IDS), Some("grooming"));
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(closest("pdf", IDS), None);
        assert_eq!(closest("velocity", IDS), None);
    }
}
