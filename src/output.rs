//! Writing report files: to a temporary file beside the target, then renamed over it, so
//! an interrupted run never leaves a half-written SARIF, JSON or baseline file behind.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// The folder a file at `path` goes in.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Checks that the folder of `path` exists, so that a run with several reports can refuse
/// a bad path before it writes any of them.
pub fn check_folder(path: &Path) -> Result<(), Error> {
    let dir = folder_of(path);
    if dir.is_dir() {
        Ok(())
    } else {
        Err(Error::Write {
            path: path.display().to_string(),
            reason: format!("the folder {} does not exist", dir.display()),
        })
    }
}

pub fn write_atomically(path: &Path, contents: &str) -> Result<(), Error> {
    write_atomically_with(path, |out| out.write_all(contents.as_bytes()))
}

/// Like [`write_atomically`], for contents that `write` writes piece by piece (buffered).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let failed = |reason: String| Error::Write {
        path: path.display().to_string(),
        reason,
    };
    check_folder(path)?;
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.backlint-{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temporary)
        .and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            write(&mut out)?;
            out.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?
                .sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = std::env::temp_dir().join(format!("backlint-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("report.json");
        write_atomically(&path, "one").unwrap();
        write_atomically(&path, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file is left"
        );
        let missing = write_atomically(&dir.join("no/such/folder.json"), "x").unwrap_err();
        assert!(missing.to_string().contains("does not exist"), "{missing}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
