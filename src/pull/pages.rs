//! The pages a pull saves: one file per page, `page-0001.json`, … in the folder asked for.
//!
//! Pages are written (atomically, [`crate::output::write_atomically`]) into a hidden
//! folder inside it, which `backlint check` does not read; only when every page is saved do
//! they replace the previous pull's pages. An interrupted pull leaves the last complete
//! pull as it was, never a mix of old and new pages nor a half-written file.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::error::Error;
use crate::output::write_atomically;

/// The pages being saved.
pub struct Pages {
    dir: PathBuf,
    staging: tempfile::TempDir,
    saved: Vec<String>,
}

/// A page's file name: `page-0001.json`.
fn page_name(number: usize) -> String {
    format!("page-{number:04}.json")
}

/// Whether `name` is a page file of an earlier pull.
fn is_page_name(name: &str) -> bool {
    name.strip_prefix("page-")
        .and_then(|rest| rest.strip_suffix(".json"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `user:password@` in a web address, before its path.
static CREDENTIALS_IN_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)(https?://)[^/?#\s"@]+@"#).expect("the pattern is valid"));

/// `text` without credentials in its web addresses (`self` links of a site reached as
/// `https://user:token@…`): saved pages hold none.
pub fn strip_credentials(text: &str) -> std::borrow::Cow<'_, str> {
    CREDENTIALS_IN_URL.replace_all(text, "$1")
}

impl Pages {
    /// Starts saving pages into `dir`, created if missing.
    pub fn start(dir: &Path) -> Result<Pages, Error> {
        let failed = |e: std::io::Error| Error::Write {
            path: dir.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(failed)?;
        let staging = tempfile::Builder::new()
            .prefix(".backlint-pull-")
            .tempdir_in(dir)
            .map_err(failed)?;
        Ok(Pages {
            dir: dir.to_owned(),
            staging,
            saved: Vec::new(),
        })
    }

    /// Saves the next page, without credentials in its addresses.
    pub fn save(&mut self, text: &str) -> Result<(), Error> {
        let name = page_name(self.saved.len() + 1);
        write_atomically(&self.staging.path().join(&name), &strip_credentials(text))?;
        self.saved.push(name);
        Ok(())
    }

    /// How many pages are saved so far.
    pub fn count(&self) -> usize {
        self.saved.len()
    }

    /// Replaces the previous pull's pages with these; returns the files written.
    pub fn finish(self) -> Result<Vec<PathBuf>, Error> {
        let failed = |path: &Path, e: std::io::Error| Error::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let entries = std::fs::read_dir(&self.dir).map_err(|e| failed(&self.dir, e))?;
        for entry in entries {
            let path = entry.map_err(|e| failed(&self.dir, e))?.path();
            let old_page = path
                .file_name()
                .is_some_and(|n| is_page_name(&n.to_string_lossy()));
            if old_page && path.is_file() {
                std::fs::remove_file(&path).map_err(|e| failed(&path, e))?;
            }
        }
        let mut written = Vec::with_capacity(self.saved.len());
        for name in &self.saved {
            let target = self.dir.join(name);
            std::fs::rename(self.staging.path().join(name), &target)
                .map_err(|e| failed(&target, e))?;
            written.push(target);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_leave_addresses() {
        assert_eq!(
            strip_credentials(
                r#"{"self":"https://me%40example.com:tok@site.example/rest/api/2/issue/1"}"#
            ),
            r#"{"self":"https://site.example/rest/api/2/issue/1"}"#
        );
        let clean = r#"{"self":"https://site.example/rest?x=a@b","mail":"a@b.example"}"#;
        assert_eq!(strip_credentials(clean), clean);
    }

    #[test]
    fn only_page_files_are_replaced() {
        assert!(is_page_name("page-0001.json"));
        assert!(is_page_name("page-12345.json"));
        assert!(!is_page_name("page-.json"));
        assert!(!is_page_name("notes.json"));
        assert!(!is_page_name("page-0001.json.bak"));
    }
}
