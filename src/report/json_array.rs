//! Writing a pretty-printed JSON document whose one long array (the findings, the SARIF
//! results) is rendered on every core and written as it is rendered: a report of a million
//! findings is larger than the export, and is never held in memory whole as text.
//!
//! The document is serialised with the array empty; the array's elements are then written
//! in its place, each pretty-printed straight at its depth ([`PrettyAt`]), so the text is
//! what `serde_json::to_writer_pretty` writes for the whole document.

use std::io::Write;
use std::ops::Range;

use serde::Serialize;

use super::in_parallel::{self, BATCH, CHUNK};
use super::json_text::{indent, INDENT};

/// Writes `document` (buffered `out`: it is written in many small pieces) with the empty
/// array under `key` filled with `render(i)` for `i` in `0..count`. `key` must name an
/// empty array in `document`; the first one is filled.
pub(crate) fn write_filled<E: Serialize>(
    out: &mut dyn Write,
    document: &impl Serialize,
    key: &str,
    count: usize,
    render: impl Fn(usize) -> E + Sync,
) -> std::io::Result<()> {
    let write = |i: usize, depth: usize, out: &mut Vec<u8>| pretty_at(&render(i), depth, out);
    write_filled_in(out, document, key, count, write, BATCH, CHUNK)
}

/// [`write_filled`] with elements that write themselves: `write(i, depth, out)` appends
/// element `i`, pretty-printed `depth` levels deep, its first line already indented.
pub(crate) fn write_filled_by(
    out: &mut dyn Write,
    document: &impl Serialize,
    key: &str,
    count: usize,
    write: impl Fn(usize, usize, &mut Vec<u8>) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    write_filled_in(out, document, key, count, write, BATCH, CHUNK)
}

/// [`write_filled_by`], `batch` elements at a time, `chunk` per task.
fn write_filled_in(
    out: &mut dyn Write,
    document: &impl Serialize,
    key: &str,
    count: usize,
    write: impl Fn(usize, usize, &mut Vec<u8>) -> std::io::Result<()> + Sync,
    batch: usize,
    chunk: usize,
) -> std::io::Result<()> {
    if count == 0 {
        serde_json::to_writer_pretty(&mut *out, document)?;
        return out.write_all(b"\n");
    }
    // The document is passed on as it is serialised, up to the array; what follows the
    // array is kept to be written after it.
    let mut split = UpToArray::new(&mut *out, key);
    serde_json::to_writer_pretty(&mut split, document)?;
    let Some(array) = split.finish()? else {
        return out.write_all(b"\n");
    };
    out.write_all(b"\n")?;
    let elements = |range: Range<usize>| {
        let separator = range.start > 0;
        elements(range, separator, array.depth, &write)
    };
    in_parallel::write_chunks_in(out, count, elements, batch, chunk)?;
    out.write_all(b"\n")?;
    out.write_all(&array.indent)?;
    out.write_all(&array.after)?;
    out.write_all(b"\n")
}

/// A writer that passes a pretty-printed document on to `out` up to the empty array
/// `"key": []`, stopping after its `[`, and keeps the rest. Only the current line is held
/// back (the array's name is on one line), so a large document is never held whole.
struct UpToArray<'o> {
    out: &'o mut dyn Write,
    marker: Vec<u8>,
    /// Not yet passed on: the current line until the array is found, then all after it.
    held: Vec<u8>,
    found: Option<Array>,
}

/// Where the empty array was found.
struct Array {
    /// Levels of indent of its elements, one deeper than the line that names it.
    depth: usize,
    /// The indent of the line that names it, for its closing `]`.
    indent: Vec<u8>,
    /// The document from the array's `]` on.
    after: Vec<u8>,
}

impl<'o> UpToArray<'o> {
    fn new(out: &'o mut dyn Write, key: &str) -> Self {
        UpToArray {
            out,
            marker: format!("\"{key}\": []").into_bytes(),
            held: Vec::new(),
            found: None,
        }
    }

    /// The array, once the whole document is written; `None` (and the document passed on
    /// whole) if it has no such array.
    fn finish(self) -> std::io::Result<Option<Array>> {
        match self.found {
            Some(mut array) => {
                array.after = self.held;
                Ok(Some(array))
            }
            None => {
                self.out.write_all(&self.held)?;
                Ok(None)
            }
        }
    }
}

impl Write for UpToArray<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.found.is_some() {
            self.held.extend_from_slice(buf);
            return Ok(buf.len());
        }
        // The marker may start in what is held: search from as far back as it reaches.
        let from = self.held.len().saturating_sub(self.marker.len() - 1);
        self.held.extend_from_slice(buf);
        if let Some(at) = memchr::memmem::find(&self.held[from..], &self.marker) {
            let at = from + at;
            // Held text starts at a line start (see below), so the line is held whole.
            let line_start = self.held[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let open = at + self.marker.len() - 1;
            self.out.write_all(&self.held[..open])?;
            self.found = Some(Array {
                depth: (at - line_start) / INDENT.len() + 1,
                indent: self.held[line_start..at].to_vec(),
                after: Vec::new(),
            });
            self.held.drain(..open);
        } else if let Some(end) = memchr::memrchr(b'\n', buf) {
            // Pass on the complete lines; hold the line being written.
            let line_start = self.held.len() - buf.len() + end + 1;
            self.out.write_all(&self.held[..line_start])?;
            self.held.drain(..line_start);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Elements `range` of the array, pretty-printed at `depth` levels of indent and separated
/// by ",\n" (also before the first when `separated`: it follows others).
fn elements(
    range: Range<usize>,
    separated: bool,
    depth: usize,
    write: &impl Fn(usize, usize, &mut Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let count = range.len();
    for (k, i) in range.enumerate() {
        if k > 0 || separated {
            out.extend_from_slice(b",\n");
        }
        indent(&mut out, depth);
        write(i, depth, &mut out)?;
        if k == 0 {
            // The rest are about as long as the first: grow the buffer once.
            out.reserve(out.len() * (count - 1));
        }
    }
    Ok(out)
}

/// Appends `value` pretty-printed `depth` levels deep, its first line already indented.
fn pretty_at(value: &impl Serialize, depth: usize, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, PrettyAt::new(depth));
    Ok(value.serialize(&mut serializer)?)
}

/// serde_json's `PrettyFormatter` (two spaces a level) starting `depth` levels deep, so an
/// element is written at its final indent and never re-indented.
struct PrettyAt {
    depth: usize,
    has_value: bool,
}

impl PrettyAt {
    fn new(depth: usize) -> PrettyAt {
        PrettyAt {
            depth,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.write_indent(out)?;
        }
        out.write_all(bracket)
    }

    fn next_line<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> std::io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.write_indent(out)
    }

    fn write_indent<W: ?Sized + Write>(&self, out: &mut W) -> std::io::Result<()> {
        (0..self.depth).try_for_each(|_| out.write_all(INDENT))
    }
}

impl serde_json::ser::Formatter for PrettyAt {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next_line(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next_line(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Outer<T> {
        name: &'static str,
        inner: Vec<Inner<T>>,
    }

    #[derive(Serialize)]
    struct Inner<T> {
        items: Vec<T>,
        after: bool,
    }

    #[derive(Serialize)]
    struct Item {
        n: usize,
        text: String,
        /// Empty for some: an empty array is printed on one line.
        parts: Vec<Vec<usize>>,
    }

    fn parts(i: usize) -> Vec<Vec<usize>> {
        (0..i % 3).map(|k| (0..k).collect()).collect()
    }

    fn filled(items: &[usize], batch: usize, chunk: usize) -> String {
        let document = Outer {
            name: "x",
            inner: vec![Inner::<Item> {
                items: Vec::new(),
                after: true,
            }],
        };
        let render = |i: usize| Item {
            n: items[i],
            text: format!("#{i}\n\"quoted\""),
            parts: parts(i),
        };
        let mut out = Vec::new();
        let count = items.len();
        let write = |i: usize, depth: usize, out: &mut Vec<u8>| pretty_at(&render(i), depth, out);
        write_filled_in(&mut out, &document, "items", count, write, batch, chunk).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_filled_array_reads_as_serde_prints_the_whole_document() {
        let items: Vec<usize> = (10..17).collect();
        let whole = Outer {
            name: "x",
            inner: vec![Inner {
                items: items
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| Item {
                        n,
                        text: format!("#{i}\n\"quoted\""),
                        parts: parts(i),
                    })
                    .collect(),
                after: true,
            }],
        };
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        for (batch, chunk) in [(1, 1), (3, 2), (4, 4), (BATCH, CHUNK)] {
            assert_eq!(filled(&items, batch, chunk), expected, "{batch}/{chunk}");
        }
        let empty = Outer {
            name: "x",
            inner: vec![Inner::<Item> {
                items: Vec::new(),
                after: true,
            }],
        };
        assert_eq!(
            filled(&[], 4, 2),
            serde_json::to_string_pretty(&empty).unwrap() + "\n"
        );
    }

    #[test]
    fn the_array_is_found_after_text_that_quotes_its_name() {
        // The name inside a string is escaped ("\"items\": []"), so it is not the array.
        #[derive(Serialize)]
        struct Quoting {
            note: String,
            lines: Vec<String>,
            items: Vec<usize>,
            after: &'static str,
        }
        let note = "\"items\": [] and more ".repeat(1000);
        let lines: Vec<String> = (0..500).map(|i| format!("line {i}")).collect();
        let document = Quoting {
            note: note.clone(),
            lines: lines.clone(),
            items: Vec::new(),
            after: "end",
        };
        let whole = Quoting {
            note,
            lines,
            items: vec![4, 5, 6],
            after: "end",
        };
        let mut out = Vec::new();
        let write = |i: usize, depth: usize, out: &mut Vec<u8>| pretty_at(&(i + 4), depth, out);
        write_filled_in(&mut out, &document, "items", 3, write, 2, 1).unwrap();
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
