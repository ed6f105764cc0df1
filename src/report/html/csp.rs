//! The page's Content-Security-Policy: nothing may load from anywhere (no network at all),
//! and only the page's own style sheet and script, named by their SHA-256, may apply or
//! run. Text from the export is escaped; should an escape ever be missed, an injected
//! `<script>`, `onerror=` handler or `javascript:` link still does not run.

use sha2::{Digest, Sha256};

/// The policy for a page whose only `<style>` and `<script>` hold `style` and `script`.
pub(crate) fn policy(style: &str, script: &str) -> String {
    format!(
        "default-src 'none'; img-src data:; style-src '{}'; script-src '{}'; \
         base-uri 'none'; form-action 'none'",
        hash(style),
        hash(script)
    )
}

/// `sha256-<base64>` of `text`, as CSP names an inline element.
fn hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_browsers_do() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash("alert(1)"),
            "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"abc"), "YWJj");
    }
}
