//! Reading an input's bytes the one bounded way every input takes (exports, standard
//! input, the configuration, team rules, baselines): open without waiting, refuse what is
//! not a regular file, and read at most one byte past the limit.
//!
//! The size a file claims is not trusted: a device says 0 bytes and never ends, a FIFO
//! says 0 and blocks. A symlink is followed, and what it leads to is checked on the open
//! file (`fstat`), so a symlink to `/dev/zero` is refused like the device itself.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::Error;
use crate::limits::MIB;

/// The bytes of `path` (`-` is standard input), at most `max_bytes` of them.
pub fn read_bounded(path: &str, max_bytes: u64) -> Result<Vec<u8>, Error> {
    if path == "-" {
        return read_at_most(std::io::stdin().lock(), "<stdin>", max_bytes, 0);
    }
    let read_error = |e: std::io::Error| Error::Read {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    if Path::new(path).is_dir() {
        return Err(Error::Directory {
            path: path.to_owned(),
        });
    }
    let file = open_without_waiting(path).map_err(read_error)?;
    let metadata = file.metadata().map_err(read_error)?;
    if metadata.is_dir() {
        return Err(Error::Directory {
            path: path.to_owned(),
        });
    }
    if !metadata.is_file() {
        return Err(Error::NotAFile {
            path: path.to_owned(),
            kind: kind_of(&metadata.file_type()),
        });
    }
    if metadata.len() > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            size_mib: metadata.len() as f64 / MIB as f64,
            limit_mib: max_bytes as f64 / MIB as f64,
        });
    }
    // The file can still grow between the check and the read.
    // The size read now is the size to expect: reading into a buffer that size, not one
    // that doubles as it fills, copies nothing and leaves no spare capacity.
    let expected = usize::try_from(metadata.len()).unwrap_or(0);
    read_at_most(file, path, max_bytes, expected)
}

/// Reads `input` to its end, or refuses it once it runs past `max_bytes`; `expected` is the
/// size it should have (0 when unknown).
fn read_at_most(
    input: impl Read,
    name: &str,
    max_bytes: u64,
    expected: usize,
) -> Result<Vec<u8>, Error> {
    // One byte more than expected, so that reaching the end needs no growth.
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    input
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Read {
            path: name.to_owned(),
            reason: e.to_string(),
        })?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::StreamTooLarge {
            name: name.to_owned(),
            limit_mib: max_bytes as f64 / MIB as f64,
        });
    }
    Ok(bytes)
}

/// Opens `path` for reading; on Unix without blocking, which opening a FIFO with no
/// writer otherwise does (forever). Reads from a regular file are not affected.
fn open_without_waiting(path: &str) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What a file that is not a regular one is, in words.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    let _ = file_type;
    "not a regular file"
}
