//! A strict JSON reader that builds nothing: it steps through a file, checking it exactly
//! as jsonc-parser's strict mode does (see [`crate::ingest::json_doc`]), and tells its
//! caller where each value is. The whole file is read once this way; what a rule asks for
//! later is stepped through again with a [`Cursor::trusted`], which does not check again
//! what it skips.
//!
//! What jsonc-parser accepts in strict mode is standard JSON, except that strings may
//! hold raw control characters, white space between tokens may be any Unicode white space
//! (and U+000B, U+000C), and nesting stops at 512 ranges (an object and each of its
//! properties count one each, an array one). On the first thing it refuses the reader
//! gives up with [`Invalid`]; the caller then asks jsonc-parser for its error message.

use memchr::memchr2;

use crate::backlog::Span;

/// The text is not JSON as jsonc-parser's strict mode reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

/// jsonc-parser's nesting limit, in ranges.
const MAX_RANGES: usize = 512;

/// What a value is, from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Object,
    Array,
    String,
    Other,
}

/// A position in a JSON text, stepping from value to value.
pub struct Cursor<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    /// How many ranges jsonc-parser would have open here (see the module doc).
    ranges: usize,
    /// String values longer than this many bytes (quotes included) are noted in `long`.
    limit: usize,
    /// The first string value longer than `limit`, as a span.
    pub long: Option<Span>,
    /// The text was read whole before ([`Cursor::trusted`]).
    trusted: bool,
}

impl<'t> Cursor<'t> {
    /// A cursor at byte `at` of `text`, noting string values longer than `limit` bytes.
    pub fn new(text: &'t str, at: usize, limit: usize) -> Self {
        Cursor {
            text,
            bytes: text.as_bytes(),
            at,
            ranges: 0,
            limit,
            long: None,
            trusted: false,
        }
    }

    /// A cursor at byte `at` of `text`, which was read whole before: objects and arrays
    /// that [`value`](Self::value) steps over are not checked again, only their brackets
    /// counted, several times faster.
    pub fn trusted(text: &'t str, at: usize) -> Self {
        Cursor {
            trusted: true,
            ..Cursor::new(text, at, usize::MAX)
        }
    }

    /// The text the cursor steps through.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Where the cursor stands.
    pub fn at(&self) -> usize {
        self.at
    }

    /// The kind of the value the cursor stands before (after white space), if the text
    /// holds one there.
    pub fn peek(&mut self) -> Option<Kind> {
        self.skip_space();
        Some(match self.bytes.get(self.at)? {
            b'{' => Kind::Object,
            b'[' => Kind::Array,
            b'"' => Kind::String,
            _ => Kind::Other,
        })
    }

    /// Only white space is left.
    pub fn end(&mut self) -> Result<(), Invalid> {
        self.skip_space();
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Steps over one value of any kind; its span.
    pub fn value(&mut self) -> Result<Span, Invalid> {
        match self.peek().ok_or(Invalid)? {
            Kind::Object | Kind::Array if self.trusted => {
                let start = self.at;
                self.at = nested_end(self.bytes, start).ok_or(Invalid)?;
                Ok(Span::new(start, self.at))
            }
            Kind::Object => self.object(|cursor, _| cursor.value().map(drop)),
            Kind::Array => self.array(|cursor| cursor.value().map(drop)),
            Kind::String => {
                self.check_depth()?;
                let span = self.string()?;
                if span.len() > self.limit && self.long.is_none() {
                    self.long = Some(span);
                }
                Ok(span)
            }
            Kind::Other => {
                self.check_depth()?;
                let start = self.at;
                self.scalar()?;
                Ok(Span::new(start, self.at))
            }
        }
    }

    /// Steps over an object, calling `each` with the cursor and the span of each property's
    /// name (quotes included); `each` must step over the property's value. The object's
    /// span.
    pub fn object(
        &mut self,
        mut each: impl FnMut(&mut Self, Span) -> Result<(), Invalid>,
    ) -> Result<Span, Invalid> {
        self.skip_space();
        self.check_depth()?;
        let start = self.at;
        self.expect(b'{')?;
        self.ranges += 1;
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            self.ranges -= 1;
            return Ok(Span::new(start, self.at));
        }
        loop {
            self.skip_space();
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(Invalid);
            }
            let name = self.string()?;
            self.skip_space();
            self.expect(b':')?;
            self.ranges += 1;
            each(self, name)?;
            self.ranges -= 1;
            self.skip_space();
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    self.ranges -= 1;
                    return Ok(Span::new(start, self.at));
                }
                _ => return Err(Invalid),
            }
        }
    }

    /// Steps over an array, calling `each` with the cursor before each element; `each`
    /// must step over the element. The array's span.
    pub fn array(
        &mut self,
        mut each: impl FnMut(&mut Self) -> Result<(), Invalid>,
    ) -> Result<Span, Invalid> {
        self.skip_space();
        self.check_depth()?;
        let start = self.at;
        self.expect(b'[')?;
        self.ranges += 1;
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            self.ranges -= 1;
            return Ok(Span::new(start, self.at));
        }
        loop {
            each(self)?;
            self.skip_space();
            match self.bytes.get(self.at) {
                Some(b',') => {
                    self.at += 1;
                    self.skip_space();
                    // A trailing comma, refused.
                    if self.bytes.get(self.at) == Some(&b']') {
                        return Err(Invalid);
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    self.ranges -= 1;
                    return Ok(Span::new(start, self.at));
                }
                _ => return Err(Invalid),
            }
        }
    }

    fn check_depth(&self) -> Result<(), Invalid> {
        if self.ranges > MAX_RANGES {
            Err(Invalid)
        } else {
            Ok(())
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Invalid> {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    /// Skips white space as jsonc-parser's scanner does.
    #[inline]
    fn skip_space(&mut self) {
        // Minified JSON has none: a printable ASCII byte ends it at once.
        if matches!(self.bytes.get(self.at), Some(b'!'..=b'~')) {
            return;
        }
        self.skip_some_space();
    }

    fn skip_some_space(&mut self) {
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => self.at += 1,
                0x80.. => match self.char_here() {
                    Some(c) if c.is_whitespace() => self.at += c.len_utf8(),
                    _ => return,
                },
                _ => return,
            }
        }
    }

    fn char_here(&self) -> Option<char> {
        self.text.get(self.at..)?.chars().next()
    }

    /// Steps over a string literal (the cursor is at its opening quote); its span.
    fn string(&mut self) -> Result<Span, Invalid> {
        let start = self.at;
        let mut i = start + 1;
        loop {
            let found = memchr2(b'"', b'\\', self.bytes.get(i..).unwrap_or_default());
            i += found.ok_or(Invalid)?;
            if self.bytes[i] == b'"' {
                self.at = i + 1;
                return Ok(Span::new(start, self.at));
            }
            i += match self.bytes.get(i + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
                Some(b'u') => self.unicode_escape(i)?,
                _ => return Err(Invalid),
            };
        }
    }

    /// The length of the `\u` escape at `at`, with the low surrogate that must follow a
    /// high one.
    fn unicode_escape(&self, at: usize) -> Result<usize, Invalid> {
        let code = self.hex4(at + 2)?;
        match code {
            0xD800..=0xDBFF => {
                if self.bytes.get(at + 6..at + 8) != Some(b"\\u") {
                    return Err(Invalid);
                }
                match self.hex4(at + 8)? {
                    0xDC00..=0xDFFF => Ok(12),
                    _ => Err(Invalid),
                }
            }
            0xDC00..=0xDFFF => Err(Invalid),
            _ => Ok(6),
        }
    }

    fn hex4(&self, at: usize) -> Result<u32, Invalid> {
        let digits = self.bytes.get(at..at + 4).ok_or(Invalid)?;
        digits.iter().try_fold(0, |code, &digit| {
            let value = char::from(digit).to_digit(16).ok_or(Invalid)?;
            Ok(code * 16 + value)
        })
    }

    /// Steps over a number, `true`, `false` or `null`.
    fn scalar(&mut self) -> Result<(), Invalid> {
        for word in [&b"true"[..], b"false", b"null"] {
            if self.bytes[self.at..].starts_with(word) {
                self.at += word.len();
                return self.word_ends();
            }
        }
        self.number()
    }

    /// A word ends where no letter, digit or `$` follows (else jsonc-parser reads on, to a
    /// word it refuses).
    fn word_ends(&self) -> Result<(), Invalid> {
        match self.bytes.get(self.at) {
            Some(b) if b.is_ascii_alphanumeric() || *b == b'$' => Err(Invalid),
            Some(0x80..) if self.char_here().is_some_and(char::is_alphanumeric) => Err(Invalid),
            _ => Ok(()),
        }
    }

    fn number(&mut self) -> Result<(), Invalid> {
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        match self.bytes.get(self.at) {
            Some(b'0') => {
                self.at += 1;
                if matches!(self.bytes.get(self.at), Some(b'x' | b'X')) {
                    return Err(Invalid);
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Invalid),
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.required_digits()?;
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.required_digits()?;
        }
        Ok(())
    }

    fn required_digits(&mut self) -> Result<(), Invalid> {
        if !matches!(self.bytes.get(self.at), Some(b'0'..=b'9')) {
            return Err(Invalid);
        }
        self.digits();
        Ok(())
    }

    fn digits(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }
}

/// Where the object or array at `start` of JSON read before ends: after the bracket that
/// closes it, counting brackets outside strings. `None` if the text ends first.
fn nested_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    while let Some(&byte) = bytes.get(at) {
        at += 1;
        match byte {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(at);
                }
            }
            b'"' => at = string_end(bytes, at)?,
            _ => {}
        }
    }
    None
}

/// Where the string whose contents start at `at` ends, after its closing quote.
fn string_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        at += memchr2(b'"', b'\\', bytes.get(at..)?)?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        at += 2;
    }
}

/// Whether `text` is one JSON value as jsonc-parser's strict mode reads it.
#[cfg(test)]
pub fn accepts(text: &str) -> bool {
    let mut cursor = Cursor::new(text, 0, usize::MAX);
    cursor.value().and_then(|_| cursor.end()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonc_accepts(text: &str) -> bool {
        matches!(crate::ingest::json_doc::parse_text(text), Ok(Some(_)))
    }

    #[test]
    fn accepts_what_jsonc_parser_accepts() {
        for text in [
            r#"{"a": [1, -0.5e+3, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {}}"#,
            "[]",
            " \u{a0}\u{2028}[1]\u{b}\u{c}",
            "\"raw\ttab and\nline\"",
            "0",
            "-0",
            "1E5",
            "[true ,false]",
            r#"{"a":1,"a":2}"#,
        ] {
            assert!(jsonc_accepts(text), "jsonc-parser refuses {text:?}");
            assert!(accepts(text), "refused {text:?}");
        }
    }

    #[test]
    fn refuses_what_jsonc_parser_refuses() {
        for text in [
            "",
            "[1,]",
            r#"{"a":1,}"#,
            "[1 2]",
            "01",
            "1.",
            ".5",
            "+1",
            "-",
            "0x1F",
            "1e",
            "NaN",
            "Infinity",
            "[truex]",
            "[true$]",
            "[nullé]",
            "'a'",
            r#""\x41""#,
            r#""\'""#,
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\u12G4""#,
            "// c\n1",
            "/* c */ 1",
            "{a: 1}",
            r#"{"a" 1}"#,
            "[1] [2]",
            r#"{"a":}"#,
            "[",
            "\"open",
            "\u{1}1",
            "tru",
            "[1,,2]",
            "{,}",
            "[,]",
        ] {
            assert!(!jsonc_accepts(text), "jsonc-parser accepts {text:?}");
            assert!(!accepts(text), "accepted {text:?}");
        }
    }

    #[test]
    fn nesting_stops_where_jsonc_parser_stops() {
        for depth in [255, 256, 257, 511, 512, 513, 514] {
            let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            assert_eq!(accepts(&arrays), jsonc_accepts(&arrays), "{depth} arrays");
            let scalar = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
            assert_eq!(
                accepts(&scalar),
                jsonc_accepts(&scalar),
                "{depth} arrays around 1"
            );
            let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
            assert_eq!(
                accepts(&objects),
                jsonc_accepts(&objects),
                "{depth} objects"
            );
        }
    }

    /// Pieces of JSON, right and wrong, that random texts are made of.
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"a\"",
        "\"\\u00e9\\n\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\x41\"",
        "\"\\'\"",
        "\"\t\"",
        "1",
        "-0",
        "0.5",
        "1e+5",
        "01",
        "-",
        ".5",
        "1.",
        "true",
        "null",
        "falsey",
        "NaN",
        " ",
        "\u{a0}",
        "\u{b}",
        "\u{1}",
        "\"",
        "\\",
        "/",
        "//",
        "é",
        "x",
    ];

    proptest::proptest! {
        #[test]
        fn accepts_exactly_what_jsonc_parser_accepts(
            picks in proptest::collection::vec(0..PIECES.len(), 0..14)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(accepts(&text), jsonc_accepts(&text), "{:?}", text);
            if accepts(&text) {
                let trusted = Cursor::trusted(&text, 0).value();
                proptest::prop_assert_eq!(trusted, Cursor::new(&text, 0, usize::MAX).value());
            }
        }
    }

    #[test]
    fn trusted_cursors_step_over_values_as_checking_ones_do() {
        let text = r#" {"a": ["]}\"", {"b": "\\", "c": [[], {}]}], "d": "{[", "e": -1.5e3}"#;
        let mut checked = Cursor::new(text, 0, usize::MAX);
        let mut trusted = Cursor::trusted(text, 0);
        assert_eq!(trusted.value(), checked.value());
        assert_eq!(trusted.at(), text.len());
        let inner = text.find("{\"b\"").unwrap();
        let span = Cursor::trusted(text, inner).value().unwrap();
        assert_eq!(&text[span.start..span.end], r#"{"b": "\\", "c": [[], {}]}"#);
        // Cut off, it fails instead of reading past the end.
        let cut = &text[..text.len() - 3];
        assert_eq!(Cursor::trusted(cut, 0).value(), Err(Invalid));
    }

    #[test]
    fn long_string_values_are_noted_but_not_names() {
        let text = r#"{"a long name": "short", "b": ["a longer value"]}"#;
        let mut cursor = Cursor::new(text, 0, 10);
        cursor.value().unwrap();
        let long = cursor.long.unwrap();
        assert_eq!(&text[long.start..long.end], "\"a longer value\"");
    }
}
