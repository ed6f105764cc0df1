pub fn normalise(_text: &str) -> Vec<String> {
    Vec::new()
}
pub fn exact_groups(_docs: &[Vec<String>]) -> Vec<Vec<usize>> {
    Vec::new()
}
pub fn near_duplicates(_docs: &[Vec<String>], _t: f64) -> Vec<(usize, usize, f64)> {
    Vec::new()
}
