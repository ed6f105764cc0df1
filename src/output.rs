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
///
/// The temporary file has a random name and is created only if nothing is there
/// (`O_EXCL`): a symlink planted at a predictable name cannot send the report elsewhere.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let failed = |reason: String| Error::Write {
        path: path.display().to_string(),
        reason,
    };
    check_folder(path)?;
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".backlint.tmp");
    // tempfile's own default is 0600; a report is as readable as any file written
    // (0666 less the umask), as it was before.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temporary = builder
        .tempfile_in(folder_of(path))
        .map_err(|e| failed(e.to_string()))?;
    let mut out = std::io::BufWriter::new(temporary);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| failed(e.to_string()))?;
    let temporary = out
        .into_inner()
        .map_err(|e| failed(e.into_error().to_string()))?;
    temporary
        .as_file()
        .sync_all()
        .map_err(|e| failed(e.to_string()))?;
    // On failure the temporary file is removed when dropped.
    temporary
        .persist(path)
        .map(drop)
        .map_err(|e| failed(e.error.to_string()))
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

    /// A symlink planted where the old code put its temporary file
    /// (`.NAME.backlint-PID.tmp`) is neither followed nor touched.
    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_does_not_redirect_the_write() {
        let dir = std::env::temp_dir().join(format!("backlint-planted-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let planted = dir.join(format!(".report.json.backlint-{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomically(&dir.join("report.json"), "report").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(
            std::fs::read_to_string(dir.join("report.json")).unwrap(),
            "report"
        );
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), 3, "no temporary file is left: {left:?}");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("report.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_ne!(
            mode & 0o044,
            0,
            "readable by others as before, less the umask: {mode:o}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
