//! Writing a pretty-printed JSON document whose one long array (the findings, the SARIF
//! results) is rendered on every core and written as it is rendered: a report of a million
//! findings is larger than the export, and is never held in memory whole as text.
//!
//! The document is serialised with the array empty; the array's elements are then written
//! in its place, each pretty-printed and indented to its depth, so the text is what
//! `serde_json::to_writer_pretty` writes for the whole document.

use std::io::Write;
use std::ops::Range;

use serde::Serialize;

use super::in_parallel::{self, BATCH, CHUNK};

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
    write_filled_in(out, document, key, count, render, BATCH, CHUNK)
}

/// [`write_filled`], `batch` elements at a time, `chunk` per task.
fn write_filled_in<E: Serialize>(
    out: &mut dyn Write,
    document: &impl Serialize,
    key: &str,
    count: usize,
    render: impl Fn(usize) -> E + Sync,
    batch: usize,
    chunk: usize,
) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(document)?;
    let marker = format!("\"{key}\": []");
    let found = text
        .windows(marker.len())
        .position(|window| window == marker.as_bytes());
    let (Some(at), false) = (found, count == 0) else {
        out.write_all(&text)?;
        return out.write_all(b"\n");
    };
    // The array's elements go one level deeper than the line that names it.
    let line_start = text[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let indent = " ".repeat(at - line_start);
    let inner = format!("{indent}  ");
    let open = at + marker.len() - 1;
    out.write_all(&text[..open])?;
    out.write_all(b"\n")?;
    let elements = |range: Range<usize>| {
        let separator = range.start > 0;
        indented(range, separator, &inner, &render)
    };
    in_parallel::write_chunks_in(out, count, elements, batch, chunk)?;
    out.write_all(b"\n")?;
    out.write_all(indent.as_bytes())?;
    out.write_all(&text[open..])?;
    out.write_all(b"\n")
}

/// Elements `range` of the array: pretty-printed, each line indented by `indent`,
/// separated by ",\n" (also before the first when `separated`: it follows others). Line
/// breaks inside JSON strings are escaped, so every line break of the printed text can take
/// the indent.
fn indented<E: Serialize>(
    range: Range<usize>,
    separated: bool,
    indent: &str,
    render: &impl Fn(usize) -> E,
) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    for (k, i) in range.enumerate() {
        if k > 0 || separated {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(indent.as_bytes());
        for &byte in &serde_json::to_vec_pretty(&render(i))? {
            out.push(byte);
            if byte == b'\n' {
                out.extend_from_slice(indent.as_bytes());
            }
        }
    }
    Ok(out)
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
        };
        let mut out = Vec::new();
        let count = items.len();
        write_filled_in(&mut out, &document, "items", count, render, batch, chunk).unwrap();
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
}
