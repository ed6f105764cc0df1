//! The exports the command line names: a file as it is, `-` for standard input, every
//! export directly in a folder, and the files a glob pattern matches (for shells that do
//! not expand patterns: Windows, or a pattern quoted in CI).

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The extensions of the files read from a folder: those `ingest::detect` knows.
pub const EXPORT_EXTENSIONS: [&str; 7] = ["csv", "tsv", "json", "txt", "md", "markdown", "xlsx"];

/// Expands `paths` into the files to read, in order, each once. A folder gives its
/// exports (not its subfolders', nor hidden files), sorted by name; a pattern that names
/// no file but holds `*`, `?` or `[` gives the files it matches, sorted. A folder without
/// exports, or a pattern that matches no file, is an error naming it.
pub fn expand(paths: &[String]) -> Result<Vec<String>, Error> {
    let mut files: Vec<String> = Vec::new();
    for path in paths {
        let expanded = if path == "-" || Path::new(path).is_file() {
            vec![path.clone()]
        } else if Path::new(path).is_dir() {
            folder(path)?
        } else if is_pattern(path) {
            matches(path)?
        } else {
            // Missing: the reader says so, naming the file.
            vec![path.clone()]
        };
        for file in expanded {
            if !files.contains(&file) {
                files.push(file);
            }
        }
    }
    Ok(files)
}

fn is_pattern(path: &str) -> bool {
    path.contains(['*', '?', '['])
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

fn is_export(path: &Path) -> bool {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    extension.is_some_and(|e| EXPORT_EXTENSIONS.contains(&e.as_str()))
}

/// The exports directly in the folder `dir`, sorted by name.
fn folder(dir: &str) -> Result<Vec<String>, Error> {
    let unreadable = |e: std::io::Error| Error::Read {
        path: dir.to_owned(),
        reason: e.to_string(),
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        if path.is_file() && !is_hidden(&path) && is_export(&path) {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        let extensions: Vec<String> = EXPORT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
        return Err(Error::Usage {
            message: format!("{dir}: the folder holds no export"),
            help: format!(
                "backlint reads the files directly in a folder that end in {}; for subfolders give a pattern such as \"{}\"",
                extensions.join(", "),
                Path::new(dir).join("**").join("*.csv").display()
            ),
        });
    }
    files.into_iter().map(|f| utf8(dir, f)).collect()
}

/// The files `pattern` matches (not folders, nor hidden files unless the pattern names
/// them with a `.`), sorted.
fn matches(pattern: &str) -> Result<Vec<String>, Error> {
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let found = glob::glob_with(pattern, options).map_err(|e| Error::Usage {
        message: format!("the pattern `{pattern}` is not a valid glob: {}", e.msg),
        help:
            "`*` matches within a name, `**` across folders, `?` one character, `[abc]` one of them"
                .into(),
    })?;
    let mut files = Vec::new();
    for entry in found {
        let path = entry.map_err(|e| Error::Read {
            path: e.path().display().to_string(),
            reason: e.error().to_string(),
        })?;
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::Usage {
            message: format!("no file matches the pattern `{pattern}`"),
            help: "check the folder and the extension; `**` matches across folders, e.g. \"exports/**/*.csv\"".into(),
        });
    }
    files.into_iter().map(|f| utf8(pattern, f)).collect()
}

/// A path found in a folder or by a pattern, as text; a name that is not UTF-8 cannot be
/// named in reports, so it is refused rather than read under a mangled name.
fn utf8(from: &str, path: PathBuf) -> Result<String, Error> {
    path.into_os_string()
        .into_string()
        .map_err(|raw| Error::Read {
            path: format!("{from}: {}", raw.to_string_lossy()),
            reason: "the file name is not valid UTF-8; rename the file".into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_with_wildcards_are_patterns() {
        assert!(is_pattern("exports/*.csv"));
        assert!(is_pattern("exports/page-?.json"));
        assert!(is_pattern("exports/[ab].csv"));
        assert!(!is_pattern("exports/backlog.csv"));
    }

    #[test]
    fn exports_are_known_by_their_extension() {
        assert!(is_export(Path::new("a/Backlog.CSV")));
        assert!(is_export(Path::new("stories.md")));
        assert!(is_export(Path::new("Backlog.xlsx")));
        assert!(!is_export(Path::new("backlint.toml")));
        assert!(!is_export(Path::new("README")));
        assert!(is_hidden(Path::new("a/.backlog.csv")));
    }
}
