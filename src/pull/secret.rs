//! Tokens: read from the environment or a file, never from the command line, and never
//! shown (`Debug` prints a placeholder).

use std::fmt;
use std::path::Path;

use crate::error::Error;

/// A credential's value.
pub struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// The value of the environment variable `name`, trimmed; an error naming it when it is
/// unset or empty. `purpose` says what it holds, e.g. "the e-mail of the Jira account".
pub fn from_env(name: &str, purpose: &str) -> Result<String, Error> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(value.trim().to_owned()),
        _ => Err(Error::Usage {
            message: format!("{name} is not set: backlint needs {purpose}"),
            help: format!(
                "set the environment variable {name} (in CI, from a secret: `env: {name}: ${{{{ secrets.{name} }}}}`); credentials are never taken from the command line"
            ),
        }),
    }
}

/// Tokens shorter than this are not searched for in responses: too likely to occur by chance.
const MIN_REDACTED_LEN: usize = 8;

impl Secret {
    /// The value of the environment variable `name` ([`from_env`]).
    pub fn from_env(name: &str, purpose: &str) -> Result<Secret, Error> {
        from_env(name, purpose).map(Secret)
    }

    /// The first line of the file at `path` (a mounted secret, a key-chain export).
    pub fn from_file(path: &Path) -> Result<Secret, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        match text.lines().next().map(str::trim) {
            Some(token) if !token.is_empty() => Ok(Secret(token.to_owned())),
            _ => Err(Error::Usage {
                message: format!("{}: the token file is empty", path.display()),
                help: "write the token on the file's first line".into(),
            }),
        }
    }

    /// The value, for the one place that sends it: the authorization header.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the value replaced by `[redacted]`.
    pub fn redact(&self, text: &str) -> String {
        if self.0.len() < MIN_REDACTED_LEN || !text.contains(&self.0) {
            return text.to_owned();
        }
        text.replace(&self.0, "[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shown_and_never_saved() {
        let secret = Secret("s3cret-token-value".into());
        assert_eq!(format!("{secret:?}"), "Secret(…)");
        assert_eq!(
            secret.redact(r#"{"echo":"s3cret-token-value"}"#),
            r#"{"echo":"[redacted]"}"#
        );
        assert_eq!(Secret("abc".into()).redact("abcabc"), "abcabc");
    }
}
