//! Reports written piece by piece: the findings are rendered in chunks on every core, a
//! batch at a time, and the chunks written in order. Rendering a million findings is most
//! of the work of a large report, and its text is larger than the export: it is never
//! held in memory whole.

use std::io::Write;
use std::ops::Range;

use rayon::prelude::*;

/// Findings rendered at once, on every core, before they are written in order: enough to
/// keep both cores busy (eight tasks), few enough that the text in memory stays small
/// (about 1 KB a finding in the JSON report: 4 MB; 16,384 held 14–16 MB).
pub const BATCH: usize = 4_096;
/// Findings rendered by one task.
pub const CHUNK: usize = 512;

/// Writes `render(range)` for consecutive ranges covering `0..count`, in order.
pub(crate) fn write_chunks(
    out: &mut dyn Write,
    count: usize,
    render: impl Fn(Range<usize>) -> std::io::Result<Vec<u8>> + Sync,
) -> std::io::Result<()> {
    write_chunks_in(out, count, render, BATCH, CHUNK)
}

/// [`write_chunks`], `batch` at a time, `chunk` per task.
pub(crate) fn write_chunks_in(
    out: &mut dyn Write,
    count: usize,
    render: impl Fn(Range<usize>) -> std::io::Result<Vec<u8>> + Sync,
    batch: usize,
    chunk: usize,
) -> std::io::Result<()> {
    let (batch, chunk) = (batch.max(1), chunk.max(1));
    for batch_start in (0..count).step_by(batch) {
        let batch_end = (batch_start + batch).min(count);
        let starts: Vec<usize> = (batch_start..batch_end).step_by(chunk).collect();
        let parts: Vec<std::io::Result<Vec<u8>>> = starts
            .into_par_iter()
            .map(|start| render(start..(start + chunk).min(batch_end)))
            .collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    Ok(())
}
