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

fn counts(bytes: &[u8]) -> Counts {
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
    fn offsets_past_the_end_count_the_whole_text() {
        let text = "x".repeat(3 * STRIDE);
        let counts = CharCounts::new(&text);
        assert_eq!(counts.chars_before(&text, 10 * STRIDE), 3 * STRIDE);
    }
}
