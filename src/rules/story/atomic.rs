use std::ops::Range;
pub fn joined_features(_goal: &str) -> Vec<Range<usize>> {
    Vec::new()
}
