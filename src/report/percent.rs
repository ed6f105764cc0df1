//! Percent-encoding for the pieces of a web address backlint writes (SARIF artifact URIs,
//! links to issues).

/// Percent-encodes every byte but the unreserved characters of RFC 3986
/// (`A-Z a-z 0-9 - . _ ~`).
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(encode("PAN-1 a/b_c.d~é"), "PAN-1%20a%2Fb_c.d~%C3%A9");
    }
}
