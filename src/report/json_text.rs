//! Pretty-printed JSON objects written by hand, byte for byte as serde_json's
//! `to_writer_pretty` writes them (two spaces a level, `"key": value`, strings escaped as
//! serde_json escapes them), straight into the output at their depth: the findings of a
//! large report are most of its work, and going through serde costs several times more.

/// An object being written into `out`, `depth` levels deep. Keys are written as given:
/// they must need no escaping.
pub(crate) struct Object<'a> {
    out: &'a mut Vec<u8>,
    /// The depth of the object's members.
    depth: usize,
    empty: bool,
}

impl<'a> Object<'a> {
    /// Opens an object whose `{` is already indented to `depth`.
    pub(crate) fn open(out: &'a mut Vec<u8>, depth: usize) -> Object<'a> {
        out.push(b'{');
        Object {
            out,
            depth: depth + 1,
            empty: true,
        }
    }

    pub(crate) fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        string(self.out, value);
    }

    /// `null` for `None`.
    pub(crate) fn optional_string(&mut self, key: &str, value: Option<&str>) {
        self.key(key);
        match value {
            Some(value) => string(self.out, value),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    pub(crate) fn number(&mut self, key: &str, value: usize) {
        self.key(key);
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }

    pub(crate) fn close(self) {
        if !self.empty {
            self.out.push(b'\n');
            indent(self.out, self.depth - 1);
        }
        self.out.push(b'}');
    }

    fn key(&mut self, key: &str) {
        self.out
            .extend_from_slice(if self.empty { b"\n" } else { b",\n" });
        self.empty = false;
        indent(self.out, self.depth);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }
}

/// One level of indent.
pub(crate) const INDENT: &[u8] = b"  ";

pub(crate) fn indent(out: &mut Vec<u8>, depth: usize) {
    for _ in 0..depth {
        out.extend_from_slice(INDENT);
    }
}

/// `value` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, … or
/// `\u00XX`, everything else (non-ASCII included) as it is.
pub(crate) fn string(out: &mut Vec<u8>, value: &str) {
    out.reserve(value.len() + 2);
    out.push(b'"');
    let mut rest = value.as_bytes();
    loop {
        let clean = clean_prefix(rest);
        out.extend_from_slice(&rest[..clean]);
        let Some(&byte) = rest.get(clean) else { break };
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xf)]);
            }
        }
        rest = &rest[clean + 1..];
    }
    out.push(b'"');
}

/// How many bytes at the start of `bytes` need no escaping: eight at a time while none of
/// them does, then one at a time.
fn clean_prefix(bytes: &[u8]) -> usize {
    let clean_words = bytes
        .chunks_exact(8)
        .take_while(|word| {
            <[u8; 8]>::try_from(*word).is_ok_and(|w| !needs_escape(u64::from_ne_bytes(w)))
        })
        .count();
    let start = clean_words * 8;
    start
        + bytes[start..]
            .iter()
            .take_while(|&&b| b >= 0x20 && b != b'"' && b != b'\\')
            .count()
}

/// Whether any byte of `word` is a control character, `"` or `\` (the usual bit tricks:
/// a byte below n sets its high bit in `(x - n·ones) & !x`).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    (below(word, 0x20) | below(quote, 1) | below(backslash, 1)) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(value: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every_ascii: String = (0u8..0x80).map(char::from).collect();
        every_ascii.push_str("é – 😀 \u{7f}");
        for value in [
            "",
            "plain",
            "exactly8",
            "sixteen bytes ok",
            "a \"quoted\" word after eight bytes",
            "back\\slash",
            "line\nbreak\r\n\ttab",
            "bell\u{7}",
            "über naïve café – “quotes”",
            every_ascii.as_str(),
        ] {
            assert_eq!(escaped(value), serde_json::to_string(value).unwrap());
        }
    }

    #[test]
    fn escaping_is_found_at_every_place_in_a_word() {
        for at in 0..20 {
            for special in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
                let mut value = "x".repeat(20);
                value.replace_range(at..at + 1, &special.to_string());
                assert_eq!(escaped(&value), serde_json::to_string(&value).unwrap());
            }
        }
    }

    #[derive(serde::Serialize)]
    struct Sample<'a> {
        name: &'a str,
        missing: Option<&'a str>,
        count: usize,
    }

    #[test]
    fn objects_read_as_serde_prints_them_at_their_depth() {
        let sample = Sample {
            name: "a \"b\"",
            missing: None,
            count: 1_234_567,
        };
        let mut out = b"  ".to_vec();
        let mut object = Object::open(&mut out, 1);
        object.string("name", sample.name);
        object.optional_string("missing", sample.missing);
        object.number("count", sample.count);
        object.close();
        let pretty = serde_json::to_string_pretty(&sample).unwrap();
        let expected: String = pretty.lines().map(|l| format!("  {l}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected.trim_end());
        let mut empty = Vec::new();
        Object::open(&mut empty, 0).close();
        assert_eq!(empty, b"{}");
    }
}
