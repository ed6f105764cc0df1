//! Turning a file's bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, and
//! Windows-1252 for files that Excel re-saved. Anything else is refused with the place of
//! the first byte that gives it away.

use encoding_rs::{CoderResult, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::source::{Encoding, Position, Source};

/// Why a file's bytes are not text backlint can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    /// Where the first offending byte is, counting lines in the raw bytes.
    pub position: Position,
    pub reason: &'static str,
}

/// Decodes `bytes`, read from the file called `name`.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Source, Undecodable> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = utf8(rest).map_err(|at| invalid_utf8(&bytes, at + 3))?;
        return Ok(Source::new(name, text.to_owned(), Encoding::Utf8Bom));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return decode_utf16(name, &bytes);
    }
    if let Some(nul) = memchr::memchr(0, &bytes) {
        return Err(Undecodable {
            position: raw_position(&bytes, nul),
            reason: if looks_like_utf16(&bytes) {
                "a NUL byte: this looks like UTF-16 without a byte order mark; save the export as UTF-8"
            } else {
                "a NUL byte: this is a binary file, not a text export"
            },
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text, Encoding::Utf8)),
        Err(error) => decode_windows_1252(name, error.into_bytes()),
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    std::str::from_utf8(bytes).map_err(|e| e.valid_up_to())
}

fn invalid_utf8(bytes: &[u8], at: usize) -> Undecodable {
    Undecodable {
        position: raw_position(bytes, at),
        reason: "a byte that is not valid UTF-8 after a UTF-8 byte order mark",
    }
}

fn decode_utf16(name: &str, bytes: &[u8]) -> Result<Source, Undecodable> {
    let (encoding, kind) = if bytes.starts_with(b"\xFF\xFE") {
        (UTF_16LE, Encoding::Utf16Le)
    } else {
        (UTF_16BE, Encoding::Utf16Be)
    };
    match encoding.decode_without_bom_handling_and_without_replacement(&bytes[2..]) {
        Some(text) => Ok(Source::new(name, text.into_owned(), kind)),
        None => Err(Undecodable {
            position: Position { line: 1, column: 1 },
            reason: "UTF-16 that is not well formed (an unpaired surrogate or an odd byte count)",
        }),
    }
}

/// Excel on Windows saves CSV in the ANSI code page. Control bytes other than tab and line
/// breaks mean the file is something else, and the five bytes Windows-1252 leaves undefined
/// mean it is not Windows-1252 either.
fn decode_windows_1252(name: &str, bytes: Vec<u8>) -> Result<Source, Undecodable> {
    let suspicious = |&b: &u8| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
    };
    if let Some(at) = bytes.iter().position(suspicious) {
        return Err(Undecodable {
            position: raw_position(&bytes, at),
            reason: "a byte that is neither UTF-8 nor Windows-1252 text",
        });
    }
    Ok(Source::new(
        name,
        windows_1252_text(&bytes),
        Encoding::Windows1252,
    ))
}

/// Windows-1252 bytes as UTF-8, in a string sized for them.
///
/// `encoding_rs` sizes its output for the worst case and touches every page of it, which
/// made reading a Windows-1252 export take three times the file in memory, not one.
fn windows_1252_text(bytes: &[u8]) -> String {
    // ASCII stays one byte; any other byte becomes at most three, which the decoder wants
    // free before it writes one.
    let most = bytes.len()
        + bytes
            .iter()
            .map(|&b| usize::from(b >= 0x80) * 2)
            .sum::<usize>();
    let mut text = String::with_capacity(most);
    let mut decoder = WINDOWS_1252.new_decoder_without_bom_handling();
    let mut read = 0;
    loop {
        let (result, consumed, _) = decoder.decode_to_string(&bytes[read..], &mut text, true);
        read += consumed;
        match result {
            CoderResult::InputEmpty => return text,
            // Not reached with the capacity above; room for the worst case if it were.
            CoderResult::OutputFull => text.reserve(3 * (bytes.len() - read)),
        }
    }
}

fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    nuls * 3 >= sample.len()
}

/// Line and column of a byte in undecoded bytes (columns count bytes here).
fn raw_position(bytes: &[u8], at: usize) -> Position {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Position {
        line: before.iter().filter(|&&b| b == b'\n').count() + 1,
        column: at - line_start + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("a", b"Summary\n".to_vec()).unwrap();
        assert_eq!(plain.encoding(), Encoding::Utf8);
        let bom = decode("a", b"\xEF\xBB\xBFSummary\n".to_vec()).unwrap();
        assert_eq!(
            (bom.encoding(), bom.text()),
            (Encoding::Utf8Bom, "Summary\n")
        );
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        let source = decode("a", b"caf\xE9 \x96 \x80\r\n".to_vec()).unwrap();
        assert_eq!(source.encoding(), Encoding::Windows1252);
        assert_eq!(source.text(), "café – €\r\n");
    }

    /// Every byte Windows-1252 defines decodes as encoding_rs decodes it.
    #[test]
    fn windows_1252_decodes_every_defined_byte() {
        let bytes: Vec<u8> = (0x20..=0xFF)
            .filter(|b| ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(b))
            .chain(*b"\t\r\n")
            .collect();
        let (expected, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        assert_eq!(windows_1252_text(&bytes), expected);
    }

    #[test]
    fn utf16_with_bom() {
        let bytes = [0xFF, 0xFE, b'h', 0, b'i', 0];
        let source = decode("a", bytes.to_vec()).unwrap();
        assert_eq!(
            (source.encoding(), source.text()),
            (Encoding::Utf16Le, "hi")
        );
    }

    #[test]
    fn binary_is_refused_with_its_place() {
        let error = decode("a", b"ab\ncd\x00ef".to_vec()).unwrap_err();
        assert_eq!(error.position, Position { line: 2, column: 3 });
        let error = decode("a", b"ok\n\x89PNG\x01".to_vec()).unwrap_err();
        assert_eq!(error.position, Position { line: 2, column: 5 });
    }
}
