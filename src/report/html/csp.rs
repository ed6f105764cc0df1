//! The page's Content-Security-Policy: nothing may load from anywhere (no network at all),
//! and only the page's own style sheet and script, named by their SHA-256, may apply or
//! run. Text from the export is escaped; should an escape ever be missed, an injected
//! `<script>`, `onerror=` handler or `javascript:` link still does not run.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
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
    format!(
        "sha256-{}",
        STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
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
    }
}
