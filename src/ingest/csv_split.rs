//! Splitting a CSV file into ranges of whole records, so the ranges can be read on every
//! core at once.
//!
//! A line break ends a record unless it is inside a quoted cell. With quotes written as
//! RFC 4180 and Jira write them (a cell is quoted whole, a quote inside is doubled), a
//! line break is inside a quoted cell exactly when an odd number of quotes comes before
//! it. So the quotes of each stretch of the file are counted (in parallel), and each range
//! starts after the first line break past its nominal start that has an even count before
//! it. A file that breaks the rule (a stray quote in an unquoted cell) can make a range
//! start inside a cell: the reader checks that every range but the last ends exactly at the
//! end of a record, and reads the file in one piece otherwise.

use std::ops::Range;

use rayon::prelude::*;

/// About `pieces` ranges covering `start..bytes.len()`, each starting at the start of a
/// record if the quotes pair up (see the module docs). No range is empty unless the text
/// is; one range when the text has no line break where one is needed.
pub fn record_ranges(bytes: &[u8], start: usize, pieces: usize) -> Vec<Range<usize>> {
    let end = bytes.len();
    let pieces = pieces.max(1);
    let nominal: Vec<usize> = (0..=pieces)
        .map(|k| start + (end - start) * k / pieces)
        .collect();
    let quotes: Vec<usize> = nominal
        .par_windows(2)
        .map(|w| memchr::memchr_iter(b'"', &bytes[w[0]..w[1]]).count())
        .collect();
    let mut starts = vec![start];
    let mut quotes_before = 0;
    for (k, &at) in nominal.iter().enumerate().take(pieces).skip(1) {
        quotes_before += quotes[k - 1];
        if let Some(boundary) = next_record_start(bytes, at, quotes_before % 2 == 1) {
            if boundary > *starts.last().unwrap_or(&start) && boundary < end {
                starts.push(boundary);
            }
        }
    }
    starts
        .iter()
        .zip(starts.iter().skip(1).chain([&end]))
        .map(|(&from, &to)| from..to)
        .collect()
}

/// The offset after the first line break at or past `at` that is outside quotes, given
/// whether `at` is inside quotes.
fn next_record_start(bytes: &[u8], at: usize, mut quoted: bool) -> Option<usize> {
    let mut from = at;
    while let Some(found) = memchr::memchr2(b'"', b'\n', &bytes[from..]) {
        let position = from + found;
        if bytes[position] == b'"' {
            quoted = !quoted;
        } else if !quoted {
            return Some(position + 1);
        }
        from = position + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_start_at_records_not_inside_quoted_line_breaks() {
        let text = "h\n\"a\nb\",1\n\"c\"\"\nd\",2\ne,3\nf,4\n";
        let ranges = record_ranges(text.as_bytes(), 2, 8);
        let starts: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        for piece in &starts {
            assert!(
                piece.ends_with('\n') && !piece.is_empty(),
                "{piece:?} is not whole records"
            );
        }
        assert_eq!(starts.concat(), &text[2..]);
        assert!(starts.contains(&"e,3\n"), "{starts:?}");
        assert!(!starts
            .iter()
            .any(|p| p.starts_with("b\"") || p.starts_with("d\"")));
    }

    #[test]
    fn short_texts_and_texts_without_breaks_stay_whole() {
        assert_eq!(record_ranges(b"a,b", 0, 4), vec![0..3]);
        assert_eq!(record_ranges(b"", 0, 4), vec![0..0]);
        assert_eq!(record_ranges(b"x\ny\n", 2, 1), vec![2..4]);
    }
}
