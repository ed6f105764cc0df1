//! Characters and UTF-16 code units before any byte of a text, in O(1) per question.
//!
//! Columns count characters, and a file that was Windows-1252 or UTF-16 on disk maps a
//! decoded byte offset back to the file through the characters before it. Counting from the
//! start of the file (or of a one-line JSON response) for every finding is quadratic; this
//! table keeps the counts at every [`STRIDE`] bytes, built in one pass, so a question counts
//! at most one stride of bytes.
//!
//! Counting needs no character boundaries: the characters before a byte are the bytes
//! before it that start a character (every byte but UTF-8 continuation bytes), and each
//! four-byte sequence (a lead byte `0xF0` or above) is two UTF-16 code units.

/// Bytes between checkpoints: the most a question scans.
pub const STRIDE: usize = 1024;

/// Counts at one checkpoint, from the start of the text.
#[derive(Debug, Clone, Copy)]
struct Counts {
    chars: u32,
    /// Characters outside the Basic Multilingual Plane (two UTF-16 code units each).
    astral: u32,
}

#[derive(Debug)]
pub struct CharCounts {
    /// Counts before byte `k * STRIDE`, for every whole stride of the text.
    checkpoints: Vec<Counts>,
}

impl CharCounts {
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut total = Counts {
            chars: 0,
            astral: 0,
        };
        checkpoints.push(total);
        for block in text.as_bytes().chunks_exact(STRIDE) {
            let block = counts(block);
            // Texts are below 4 GiB (`ingest::MAX_READABLE`): the counts fit in 32 bits.
            total.chars += block.chars;
            total.astral += block.astral;
            checkpoints.push(total);
        }
        CharCounts { checkpoints }
    }

    /// Characters in `text[..offset]` (`text` is the text the table was built from).
    pub(crate) fn chars_before(&self, text: &str, offset: usize) -> usize {
        self.before(text, offset).chars as usize
    }

    /// UTF-16 code units in `text[..offset]`.
    pub(crate) fn utf16_before(&self, text: &str, offset: usize) -> usize {
        let counts = self.before(text, offset);
        counts.chars as usize + counts.astral as usize
    }

    fn before(&self, text: &str, offset: usize) -> Counts {
        let offset = offset.min(text.len());
        let checkpoint = (offset / STRIDE).min(self.checkpoints.len() - 1);
        let base = self.checkpoints[checkpoint];
        let rest = counts(&text.as_bytes()[checkpoint * STRIDE..offset]);
        Counts {
            chars: base.chars + rest.chars,
            astral: base.astral + rest.astral,
        }
    }
}

/// The counts of `bytes`, eight bytes at a time: per byte, a continuation byte has its
/// top bits `10` and a lead byte of four `1111`; the flags of each word are added up in the
/// word's eight byte lanes, which are summed every 255 words, before one can overflow.
fn counts(bytes: &[u8]) -> Counts {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut total = Counts {
        chars: 0,
        astral: 0,
    };
    for block in bytes.chunks(8 * 255) {
        let words = block.chunks_exact(8);
        let tail = one_at_a_time(words.remainder());
        let (mut continuation, mut astral) = (0u64, 0u64);
        for word in words {
            let mut lanes = [0u8; 8];
            lanes.copy_from_slice(word);
            let w = u64::from_ne_bytes(lanes);
            // Shifted left by k, a byte's bit 7-k lands on its bit 7. Continuation: bit 7
            // set, bit 6 clear; a lead byte of four: bits 7 to 4 set.
            continuation += (w & !(w << 1) & HIGH) >> 7;
            astral += (w & (w << 1) & (w << 2) & (w << 3) & HIGH) >> 7;
        }
        let whole_words = (block.len() / 8 * 8) as u32;
        total.chars += whole_words - sum_of_lanes(continuation) + tail.chars;
        total.astral += sum_of_lanes(astral) + tail.astral;
    }
    total
}

/// The sum of the eight byte lanes of `lanes` (each at most 255).
fn sum_of_lanes(lanes: u64) -> u32 {
    const EVEN: u64 = 0x00FF_00FF_00FF_00FF;
    let pairs = (lanes & EVEN) + ((lanes >> 8) & EVEN);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as u32
}

fn one_at_a_time(bytes: &[u8]) -> Counts {
    let (mut chars, mut astral) = (0u32, 0u32);
    for &b in bytes {
        // Not a continuation byte (0b10xx_xxxx).
        chars += u32::from((b as i8) >= -0x40);
        astral += u32::from(b >= 0xF0);
    }
    Counts { chars, astral }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_a_walk_from_the_start() {
        let text = "aé€😀\n".repeat(700);
        let counts = CharCounts::new(&text);
        let boundaries = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for offset in boundaries {
            let before = &text[..offset];
            assert_eq!(counts.chars_before(&text, offset), before.chars().count());
            assert_eq!(
                counts.utf16_before(&text, offset),
                before.encode_utf16().count()
            );
        }
    }

    #[test]
    fn word_counts_match_byte_counts_at_every_length_and_alignment() {
        let text = "aé€😀 \u{7ff}\u{10000}\u{10ffff}".repeat(400);
        let bytes = text.as_bytes();
        for (start, end) in [(0, bytes.len()), (1, bytes.len() - 3), (5, 2045), (7, 2047)]
            .into_iter()
            .chain((0..40).map(|n| (3, 3 + n)))
        {
            let words = counts(&bytes[start..end]);
            let bytewise = one_at_a_time(&bytes[start..end]);
            assert_eq!(
                (words.chars, words.astral),
                (bytewise.chars, bytewise.astral)
            );
        }
    }

    #[test]
    fn offsets_past_the_end_count_the_whole_text() {
        let text = "x".repeat(3 * STRIDE);
        let counts = CharCounts::new(&text);
        assert_eq!(counts.chars_before(&text, 10 * STRIDE), 3 * STRIDE);
    }
}
