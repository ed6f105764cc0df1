//! Property tests: whatever the input, backlint answers (Ok or a clean error) and every
//! range it hands out lies on char boundaries inside the text it came from.
//!
//! Each property runs 256 cases or fewer, on inputs capped small, so the file runs in a few
//! seconds in a debug build. `PROPTEST_CASES=10000 cargo test --test properties` runs more.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use jsonc_parser::common::Ranged;
use proptest::prelude::*;

use backlint::backlog::{Backlog, Field, MappedText, Span};
use backlint::config;
use backlint::ingest::reader::{self, Reader, READERS};
use backlint::ingest::{self, adf, html, markdown, wiki, ReadOptions};
use backlint::report::{self, human::Style, Report};
use backlint::rules::context::Settings;
use backlint::rules::linter::Linter;
use backlint::rules::selection::{self, CommandLine};
use backlint::rules::{catalog, Rule};
use backlint::source::{Encoding, Source};
use backlint::text::story::{self, atomic, minimal, StorySource};
use backlint::text::{criteria, similarity};

/// `cases` cases (or `PROPTEST_CASES`), without writing failures to files: a failure
/// prints its minimal input, which becomes a regression test. The seed is random.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        // ChaCha, the default, takes most of the time of a debug build.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    }
}

fn source(name: &str, text: &str) -> Source {
    Source::new(name, text.to_owned(), Encoding::Utf8)
}

fn options(format: Option<&'static Reader>) -> ReadOptions {
    ReadOptions {
        format,
        ..ReadOptions::default()
    }
}

/// Asserts that `range` is a slice of `text`: ordered, inside, on char boundaries.
fn assert_slice(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && text.get(range.clone()).is_some(),
        "{what}: {range:?} is not a slice of {text:?}"
    );
}

/// Asserts that a span is a slice of the source text.
fn assert_span(text: &str, span: Span, what: &str) {
    assert_slice(text, &(span.start..span.end), what);
}

/// Asserts that every char boundary of `mapped` maps to a char boundary of `source`
/// within `within`, and that every char's span is a slice of `within`.
fn assert_maps_inside(mapped: &MappedText, source: &str, within: Range<usize>) {
    let text = mapped.as_str();
    let boundaries = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    for at in boundaries {
        let offset = mapped.source_offset(at);
        assert!(
            within.contains(&offset) || offset == within.end,
            "text offset {at} of {text:?} maps to {offset}, outside {within:?}"
        );
        assert!(
            source.is_char_boundary(offset),
            "text offset {at} of {text:?} maps to {offset}, inside a char of {source:?}"
        );
    }
    for (at, c) in text.char_indices() {
        let span = mapped.source_span(at..at + c.len_utf8());
        assert_span(source, span, "a char's span");
        assert!(
            within.start <= span.start && span.end <= within.end,
            "{c:?} at {at} maps to {span:?}, outside {within:?}"
        );
    }
}

/// A random sub-range of `text` on char boundaries.
fn sub_range(text: &str, a: usize, b: usize) -> Range<usize> {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let x = boundaries[a % boundaries.len()];
    let y = boundaries[b % boundaries.len()];
    x.min(y)..x.max(y)
}

// ---------------------------------------------------------------------------------------
// Arbitrary bytes through decoding and every reader.

fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let chunk = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..16),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(b"\xFE\xFF".to_vec()),
        Just(b"Summary,Issue key,Description\n".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"{\"issues\":[{\"key\":\"A-1\",\"fields\":{\"summary\":\"".to_vec()),
        Just(b"\\u00".to_vec()),
        Just(b"\"}}]}".to_vec()),
        Just(b"As a user I want x so that y\n".to_vec()),
        Just("é€😀".as_bytes().to_vec()),
        Just(b"\xE9\x80\x96".to_vec()),
    ];
    prop::collection::vec(chunk, 0..12).prop_map(|chunks| chunks.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_decode_and_read_without_panicking(bytes in hostile_bytes()) {
        let Ok(source) = backlint::decode::decode("input", bytes) else {
            return Ok(());
        };
        let text = source.text().to_owned();
        for format in READERS.iter().copied().map(Some).chain([None]) {
            let mut backlog = Backlog::default();
            let copy = Source::new("input", text.clone(), source.encoding());
            if ingest::add_source(&mut backlog, copy, &options(format)).is_ok() {
                for item in backlog.items() {
                    assert_span(&text, item.anchor, "an item's anchor");
                    for entry in &item.entries {
                        assert_span(&text, entry.value.span, "a value's span");
                        let len = entry.value.as_str().len();
                        assert_maps_inside(&entry.value.text, &text, 0..text.len());
                        assert_span(&text, entry.value.span_of(0..len), "a value's text span");
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Damaged workbooks: a fixture's bytes overwritten and cut, read as a file is read.

static WORKBOOK: LazyLock<Vec<u8>> = LazyLock::new(|| {
    std::fs::read("fixtures/azure-devops-backlog.xlsx").expect("the workbook fixture")
});

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn damaged_workbooks_are_errors_or_read_within_their_text(
        damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        keep in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = WORKBOOK.clone();
        for (at, byte) in damage {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        // Cut, but never below the ZIP signature and the first entry's name.
        if let Some(keep) = keep {
            bytes.truncate(64 + keep.index(bytes.len() - 64));
        }
        let options = options(None);
        let Ok(source) = ingest::export_source("book.xlsx", bytes, &options) else {
            return Ok(());
        };
        let mut backlog = Backlog::default();
        if ingest::add_source(&mut backlog, source, &options).is_ok() {
            let text = backlog.sources[0].text().to_owned();
            for item in backlog.items() {
                for entry in &item.entries {
                    assert_span(&text, entry.value.span, "a value's span");
                    assert_maps_inside(&entry.value.text, &text, 0..text.len());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Generated CSV tables: every cell maps back to the file exactly.

/// Pieces of a cell's text: `"` quotes, commas, line breaks, multibyte characters.
fn cell_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_owned()),
        Just("\"\"".to_owned()),
        Just(",".to_owned()),
        Just(";".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just(" ".to_owned()),
        Just("é".to_owned()),
        Just("日本".to_owned()),
        Just("😀".to_owned()),
        Just("\u{a0}".to_owned()),
        "[a-zA-Z0-9 ]{1,6}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

/// A cell as written in a CSV file: quoted when it must be, or when `quote` says so.
fn encode_cell(text: &str, quote: bool) -> String {
    if quote || text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

const HEADER: [&str; 5] = ["Summary", "Issue key", "Description", "Labels", "Notes"];

type Table = Vec<Vec<(String, bool)>>;

fn table() -> impl Strategy<Value = (Table, bool, bool)> {
    let row = prop::collection::vec((cell_text(), any::<bool>()), HEADER.len());
    (
        prop::collection::vec(row, 1..6),
        any::<bool>(),
        any::<bool>(),
    )
}

fn write_csv(rows: &Table, crlf: bool, final_break: bool) -> String {
    let line_break = if crlf { "\r\n" } else { "\n" };
    let mut csv = HEADER.join(",");
    for row in rows {
        csv.push_str(line_break);
        let cells: Vec<String> = row.iter().map(|(t, q)| encode_cell(t, *q)).collect();
        csv.push_str(&cells.join(","));
    }
    if final_break {
        csv.push_str(line_break);
    }
    csv
}

/// Undoes CSV quoting of a cell's content as `Value::span` covers it (inside the quotes).
fn unescape_csv(raw: &str) -> String {
    raw.replace("\"\"", "\"")
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn csv_cells_map_back_exactly(
        (rows, crlf, final_break) in table(),
        picks in prop::collection::vec((any::<usize>(), any::<usize>()), 4),
    ) {
        let csv = write_csv(&rows, crlf, final_break);
        let mut backlog = Backlog::default();
        let read = ingest::add_source(&mut backlog, source("t.csv", &csv), &options(Some(&reader::JIRA_CSV)));
        let kept: Vec<&Vec<(String, bool)>> = rows
            .iter()
            .filter(|row| row.iter().any(|(text, _)| !text.is_empty()))
            .collect();
        if kept.is_empty() {
            prop_assert!(read.is_err(), "a table of empty rows is an error");
            return Ok(());
        }
        prop_assert!(read.is_ok(), "{:?}\n{csv:?}", read.err());
        prop_assert_eq!(backlog.len(), kept.len(), "{:?}", csv);
        for (item, row) in backlog.items().zip(kept) {
            for (column, (text, _)) in row.iter().enumerate() {
                let entry = item.entries.iter().find(|e| &*e.name == HEADER[column]);
                if text.trim().is_empty() {
                    prop_assert!(entry.is_none());
                    continue;
                }
                let entry = entry.expect("a non-empty cell has an entry");
                let value = &entry.value;
                let raw = &csv[value.span.start..value.span.end];
                prop_assert_eq!(unescape_csv(raw), text.clone(), "the cell's span, unescaped");
                if entry.field == Some(Field::Description) {
                    assert_maps_inside(&value.text, &csv, value.span.start..value.span.end);
                    continue;
                }
                prop_assert_eq!(value.as_str(), text.as_str());
                // Any stretch of the text without a quote is the same stretch in the file.
                for &(a, b) in &picks {
                    let range = sub_range(text, a, b);
                    let piece = &text[range.clone()];
                    let span = value.span_of(range.clone());
                    assert_span(&csv, span, "a piece's span");
                    if !piece.contains('"') {
                        prop_assert_eq!(&csv[span.start..span.end], piece, "{:?} of {:?}", range, text);
                    } else {
                        prop_assert!(value.span.start <= span.start && span.end <= value.span.end);
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// JSON string literals with escapes.

/// One piece of a JSON string: its text in the file, and the text it stands for.
fn json_piece() -> impl Strategy<Value = (String, String, bool)> {
    let escape = |raw: &str, text: &str| (raw.to_owned(), text.to_owned(), true);
    prop_oneof![
        "[a-zA-Z0-9 ,.:/]{1,6}".prop_map(|s| (s.clone(), s, false)),
        Just(("é日😀".to_owned(), "é日😀".to_owned(), false)),
        Just(escape("\\\"", "\"")),
        Just(escape("\\\\", "\\")),
        Just(escape("\\/", "/")),
        Just(escape("\\b", "\u{8}")),
        Just(escape("\\f", "\u{c}")),
        Just(escape("\\n", "\n")),
        Just(escape("\\r", "\r")),
        Just(escape("\\t", "\t")),
        Just(escape("\\ud83d\\ude00", "😀")),
        Just(escape("\\uD83D\\uDE00", "😀")),
        Just(escape("\\ud800", "\u{fffd}")),
        Just(escape("\\udc00", "\u{fffd}")),
        (0x20u32..0xD800).prop_map(|c| {
            let text = char::from_u32(c).map(String::from).unwrap_or_default();
            (format!("\\u{c:04x}"), text, true)
        }),
        (0xE000u32..0x10000).prop_map(|c| {
            let text = char::from_u32(c).map(String::from).unwrap_or_default();
            (format!("\\u{c:04X}"), text, true)
        }),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn json_strings_map_back_exactly(
        pieces in prop::collection::vec(json_piece(), 1..10),
        picks in prop::collection::vec((any::<usize>(), any::<usize>()), 4),
    ) {
        let raw: String = pieces.iter().map(|p| p.0.as_str()).collect();
        let expected: String = pieces.iter().map(|p| p.1.as_str()).collect();
        prop_assume!(!expected.trim().is_empty());
        let json = format!("{{\"key\":\"A-1\",\"fields\":{{\"summary\": \"{raw}\"}}}}");
        let mut backlog = Backlog::default();
        let read = ingest::add_source(&mut backlog, source("t.json", &json), &options(None));
        if pieces.iter().any(|p| p.1 == "\u{fffd}") {
            // An unpaired surrogate is refused with its place (or, paired by chance with
            // the next escape, read); either way no panic.
            return Ok(());
        }
        prop_assert!(read.is_ok(), "{:?}\n{}", read.err(), json);
        let item = backlog.item(0);
        let value = item.get(Field::Summary).expect("a summary");
        prop_assert_eq!(value.as_str(), expected.as_str());
        prop_assert_eq!(&json[value.span.start..value.span.end], raw.as_str());
        // Runs of text that no escape wrote map to the same text in the file.
        let mut at = 0;
        for (raw_piece, text_piece, escaped) in &pieces {
            let range = at..at + text_piece.len();
            at = range.end;
            if *escaped {
                continue;
            }
            let span = value.span_of(range.clone());
            prop_assert_eq!(&json[span.start..span.end], raw_piece.as_str());
            for &(a, b) in &picks {
                let inner = sub_range(text_piece, a, b);
                let span = value.span_of(range.start + inner.start..range.start + inner.end);
                prop_assert_eq!(&json[span.start..span.end], &text_piece[inner]);
            }
        }
        assert_maps_inside(&value.text, &json, value.span.start..value.span.end);
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// A Trello card's checklist items become its criteria, one task line each, every
    /// line's text mapping into its item's string through the escapes.
    #[test]
    fn trello_checklist_items_map_back(
        items in prop::collection::vec(
            (prop::collection::vec(json_piece(), 1..6), any::<bool>()),
            1..5,
        ),
    ) {
        let raw_names: Vec<String> = items
            .iter()
            .map(|(pieces, _)| pieces.iter().map(|p| p.0.as_str()).collect())
            .collect();
        prop_assume!(items.iter().flat_map(|(p, _)| p).all(|p| p.1 != "\u{fffd}"));
        let check_items: Vec<String> = raw_names
            .iter()
            .zip(&items)
            .map(|(name, (_, done))| {
                let state = if *done { "complete" } else { "incomplete" };
                format!("{{\"name\":\"{name}\",\"state\":\"{state}\"}}")
            })
            .collect();
        let json = format!(
            "{{\"id\":\"b\",\"cards\":[{{\"id\":\"c1\",\"idShort\":1,\"name\":\"A card\",\"idList\":\"l\"}}],\"lists\":[{{\"id\":\"l\",\"name\":\"To Do\"}}],\"checklists\":[{{\"idCard\":\"c1\",\"checkItems\":[{}]}}]}}",
            check_items.join(",")
        );
        let mut backlog = Backlog::default();
        let read = ingest::add_source(&mut backlog, source("board.json", &json), &options(None));
        prop_assert!(read.is_ok(), "{:?}\n{}", read.err(), json);
        prop_assert_eq!(backlog.files[0].kind.reader, "trello-json");
        let item = backlog.item(0);
        let expected: Vec<String> = items
            .iter()
            .map(|(pieces, done)| {
                let text: String = pieces.iter().map(|p| p.1.as_str()).collect();
                (text, done)
            })
            .filter(|(text, _)| !text.trim().is_empty())
            .map(|(text, done)| format!("- [{}] {text}", if *done { "x" } else { " " }))
            .collect();
        let criteria = item.get(Field::AcceptanceCriteria);
        if expected.is_empty() {
            prop_assert!(criteria.is_none());
            return Ok(());
        }
        let criteria = criteria.expect("criteria");
        prop_assert_eq!(criteria.as_str(), expected.join("\n"));
        assert_maps_inside(&criteria.text, &json, criteria.span.start..criteria.span.end);
    }
}

// ---------------------------------------------------------------------------------------
// Markdown.

fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# "),
        Just("### "),
        Just("- "),
        Just("* "),
        Just("1. "),
        Just("- [ ] "),
        Just("- [x] "),
        Just("  "),
        Just("**"),
        Just("_"),
        Just("`"),
        Just("```\n"),
        Just("[a](http://b)"),
        Just("![i](x.png)"),
        Just("<!-- c -->"),
        Just("<br>"),
        Just("&amp;"),
        Just("&#233;"),
        Just("\\*"),
        Just("| a | b |\n|---|---|\n"),
        Just("> "),
        Just("---\n"),
        Just("\n"),
        Just("\r\n"),
        Just("\n\n"),
        Just("é"),
        Just("😀"),
        Just("word"),
    ];
    prop_oneof![
        prop::collection::vec(piece, 0..24).prop_map(|p| p.concat()),
        ".{0,40}",
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn markdown_output_maps_inside_its_source(text in markdown(), start in 0usize..4) {
        let source = format!("{}{text}xyz", &"abcd"[..start]);
        let plain = markdown::to_plain(&MappedText::verbatim(&text, start));
        assert_maps_inside(&plain, &source, start..start + text.len());
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn html_output_maps_inside_its_source(text in html_text(), start in 0usize..4) {
        let source = format!("{}{text}xyz", &"abcd"[..start]);
        let plain = html::to_plain(&MappedText::verbatim(&text, start));
        assert_maps_inside(&plain, &source, start..start + text.len());
    }
}

fn html_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>"),
        Just("</p>"),
        Just("<br/>"),
        Just("<ul>"),
        Just("</ul>"),
        Just("<ol>"),
        Just("<li>"),
        Just("</li>"),
        Just("<table><tr><td>"),
        Just("</td><td>"),
        Just("</tr></table>"),
        Just("<b>"),
        Just("<a href=\"x>y\">"),
        Just("<!--"),
        Just("-->"),
        Just("<style>"),
        Just("&amp;"),
        Just("&nbsp;"),
        Just("&#233;"),
        Just("&#xFFFFFF;"),
        Just("&"),
        Just("<"),
        Just(">"),
        Just("\n"),
        Just("\t "),
        Just("é"),
        Just("😀"),
        Just("word"),
    ];
    prop_oneof![
        prop::collection::vec(piece, 0..24).prop_map(|p| p.concat()),
        ".{0,40}",
    ]
}

// ---------------------------------------------------------------------------------------
// Trackers' CSV exports: HTML or Markdown in CSV cells, several labels in one.

/// A label: no separator, perhaps a quote or a non-ASCII letter.
fn label() -> impl Strategy<Value = String> {
    "[a-z\"é ]{0,6}[a-z]"
}

/// Per tracker: its header (key, title, labels, description, and what else its signature
/// needs), what joins its labels, and whether its descriptions are HTML (else Markdown).
const TRACKERS: [(&str, &str, &str, bool); 3] = [
    (
        "azure-devops-csv",
        "ID,Title,Tags,Acceptance Criteria,Work Item Type",
        "; ",
        true,
    ),
    (
        "gitlab-csv",
        "Issue ID,Title,Labels,Description,URL",
        ",",
        false,
    ),
    (
        "linear-csv",
        "ID,Title,Labels,Description,Team,Status",
        ", ",
        false,
    ),
];

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn tracker_csv_cells_map_back(
        tracker in 0..TRACKERS.len(),
        rows in prop::collection::vec(
            (cell_text(), prop::collection::vec(label(), 0..4), html_text(), markdown(), any::<bool>()),
            1..5,
        ),
    ) {
        let (reader, header, joiner, html) = TRACKERS[tracker];
        let mut csv = format!("{header}\r\n");
        for (index, (title, labels, html_text, markdown, quote)) in rows.iter().enumerate() {
            let description = if html { html_text } else { markdown };
            let cells = [
                encode_cell(&index.to_string(), false),
                encode_cell(&format!("t{title}"), *quote),
                encode_cell(&labels.join(joiner), *quote),
                encode_cell(description, *quote),
                encode_cell("User Story", *quote),
                encode_cell("Todo", false),
            ];
            let columns = header.split(',').count();
            csv.push_str(&cells[..columns].join(","));
            csv.push_str("\r\n");
        }
        let mut backlog = Backlog::default();
        let read = ingest::add_source(&mut backlog, source("export.csv", &csv), &options(None));
        prop_assert!(read.is_ok(), "{:?}\n{csv:?}", read.err());
        prop_assert_eq!(backlog.files[0].kind.reader, reader);
        prop_assert_eq!(backlog.len(), rows.len());
        for (item, (_, labels, _, _, _)) in backlog.items().zip(&rows) {
            let read: Vec<&str> = item.all(Field::Labels).map(|v| v.as_str()).collect();
            let expected: Vec<&str> = labels.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
            prop_assert_eq!(&read, &expected);
            for label in item.all(Field::Labels) {
                let raw = &csv[label.span.start..label.span.end];
                prop_assert_eq!(unescape_csv(raw), label.as_str().to_owned());
            }
            for field in [Field::Description, Field::AcceptanceCriteria] {
                if let Some(value) = item.get(field) {
                    assert_maps_inside(&value.text, &csv, value.span.start..value.span.end);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Wiki markup and ADF.

fn wiki_markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("*"),
        Just("_"),
        Just("+"),
        Just("-"),
        Just("^"),
        Just("~"),
        Just("??"),
        Just("{code}"),
        Just("{code:java}"),
        Just("{noformat}"),
        Just("{{"),
        Just("}}"),
        Just("{quote}"),
        Just("{color:red}"),
        Just("{panel:title=T|x=y}"),
        Just("{"),
        Just("}"),
        Just("["),
        Just("]"),
        Just("|"),
        Just("||"),
        Just("!"),
        Just("\\"),
        Just("\\\\"),
        Just("h1. "),
        Just("bq. "),
        Just("# "),
        Just("* "),
        Just("** "),
        Just("#* "),
        Just("- "),
        Just("----"),
        Just("[ ] "),
        Just("[X] "),
        Just("(y)"),
        Just(":)"),
        Just("(flagoff)"),
        Just("http://x.y/z"),
        Just("[~user]"),
        Just("[^f.png]"),
        Just("[a|http://b]"),
        Just("!img.png|width=3!"),
        Just("\n"),
        Just("\r\n"),
        Just("\r"),
        Just(" "),
        Just("\t"),
        Just("é"),
        Just("日本"),
        Just("😀"),
        Just("word"),
        Just("x"),
    ];
    prop_oneof![
        prop::collection::vec(piece, 0..24).prop_map(|p| p.concat()),
        ".{0,40}",
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn wiki_output_maps_inside_its_markup(markup in wiki_markup(), start in 0usize..4) {
        // The markup stands at `start` in a source with a little text before and after.
        let source = format!("{}{markup}xyz", &"abcd"[..start]);
        let plain = wiki::to_plain(&MappedText::verbatim(&markup, start));
        assert_maps_inside(&plain, &source, start..start + markup.len());
    }

    #[test]
    fn wiki_output_maps_inside_csv_escaped_markup(
        pieces in prop::collection::vec((wiki_markup(), any::<bool>()), 1..5),
    ) {
        // Markup read from a quoted CSV cell: each `"` of the text stands for `""`.
        let mut source = String::from("\"");
        let mut mapped = MappedText::empty_at(1);
        for (piece, quote) in &pieces {
            mapped.push_copied(piece, source.len());
            source.push_str(piece);
            if *quote {
                mapped.push_standing_for("\"", source.len());
                source.push_str("\"\"");
            }
        }
        let end = source.len();
        source.push('"');
        let plain = wiki::to_plain(&mapped);
        assert_maps_inside(&plain, &source, 1..end);
    }
}

/// A JSON value shaped like ADF, with node types, attributes and text of every kind.
fn adf_node() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let types = prop_oneof![
        Just("doc"),
        Just("paragraph"),
        Just("text"),
        Just("heading"),
        Just("bulletList"),
        Just("orderedList"),
        Just("taskList"),
        Just("decisionList"),
        Just("listItem"),
        Just("taskItem"),
        Just("table"),
        Just("tableRow"),
        Just("tableCell"),
        Just("expand"),
        Just("hardBreak"),
        Just("rule"),
        Just("mention"),
        Just("emoji"),
        Just("inlineCard"),
        Just("blockCard"),
        Just("date"),
        Just("status"),
        Just("codeBlock"),
        Just("media"),
        Just("panel"),
        Just("unknown"),
    ];
    let text = prop_oneof![
        Just(String::new()),
        Just("\n".to_owned()),
        Just("a\nb".to_owned()),
        Just("é😀".to_owned()),
        Just("@x".to_owned()),
        ".{0,12}",
    ];
    let attr = prop_oneof![
        text.clone().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        Just(Value::Null),
        Just(json!("DONE")),
    ];
    let leaf =
        (types.clone(), text, prop::option::of(attr.clone())).prop_map(|(kind, text, attr)| {
            let mut node = json!({ "type": kind, "text": text });
            if let Some(attr) = attr {
                node["attrs"] = json!({
                    "text": attr.clone(), "shortName": attr.clone(), "url": attr.clone(),
                    "timestamp": attr.clone(), "title": attr.clone(), "order": attr.clone(),
                    "state": attr,
                });
            }
            node
        });
    leaf.prop_recursive(5, 48, 6, move |inner| {
        (
            types.clone(),
            prop::collection::vec(inner, 0..6),
            prop::option::of(attr.clone()),
        )
            .prop_map(|(kind, content, attr)| {
                let mut node = json!({ "type": kind, "content": content });
                if let Some(attr) = attr {
                    node["attrs"] = json!({ "order": attr.clone(), "title": attr });
                }
                node
            })
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn adf_output_maps_inside_the_json(node in adf_node(), pretty in any::<bool>()) {
        let json = if pretty {
            serde_json::to_string_pretty(&node)
        } else {
            serde_json::to_string(&node)
        }
        .expect("JSON serialises");
        let parsed = jsonc_parser::parse_to_ast(&json, &Default::default(), &Default::default())
            .expect("serde_json's output parses");
        let Some(value) = parsed.value else {
            return Ok(());
        };
        let plain = adf::to_plain(&json, value.start());
        assert_maps_inside(&plain, &json, 0..json.len());
    }

    #[test]
    fn adf_of_arbitrary_json_text(text in ".{0,64}") {
        if let Ok(parsed) = jsonc_parser::parse_to_ast(&text, &Default::default(), &Default::default()) {
            if let Some(value) = parsed.value {
                let plain = adf::to_plain(&text, value.start());
                assert_maps_inside(&plain, &text, 0..text.len());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The story parser, the criteria finder and the similarity normaliser.

fn story_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("As a"),
        Just("As an"),
        Just("as the"),
        Just("As"),
        Just("[UI]"),
        Just("user"),
        Just("admin"),
        Just("I want"),
        Just("I'd like to"),
        Just("I can"),
        Just("I can't"),
        Just("we need to"),
        Just("would like"),
        Just("to"),
        Just("be able to"),
        Just("so that"),
        Just("so"),
        Just("so I can"),
        Just("in order to"),
        Just("because"),
        Just("When"),
        Just("and"),
        Just("or"),
        Just("and/or"),
        Just("as well as"),
        Just("then"),
        Just(","),
        Just("."),
        Just("!"),
        Just("?"),
        Just(";"),
        Just(":"),
        Just("("),
        Just(")"),
        Just("["),
        Just("]"),
        Just("{"),
        Just("}"),
        Just("e.g."),
        Just("i.e."),
        Just("…"),
        Just("..."),
        Just("Note:"),
        Just("PS"),
        Just("Priority: High"),
        Just("(P1)"),
        Just("5 SP"),
        Just("etc."),
        Just("Given"),
        Just("Then"),
        Just("And"),
        Just("Acceptance Criteria:"),
        Just("h3. Acceptance criteria"),
        Just("- [ ]"),
        Just("* "),
        Just("1."),
        Just("TBD"),
        Just("|"),
        Just("\n"),
        Just("\r\n"),
        Just("\t"),
        Just("é"),
        Just("日本語"),
        Just("😀"),
        Just("ǅ"),
        Just("İ"),
        Just("ß"),
        Just("ﬁ"),
        Just("\u{300}"),
        Just("create"),
        Just("export"),
        Just("report"),
        Just("the"),
        Just("page"),
        Just("’"),
        Just("'"),
        Just("\""),
        Just("-"),
        Just("/"),
        Just("&"),
    ];
    prop_oneof![
        4 => prop::collection::vec((word, prop_oneof![Just(" "), Just(""), Just("  ")]), 0..30)
            .prop_map(|w| w.into_iter().map(|(a, b)| format!("{a}{b}")).collect()),
        1 => ".{0,60}",
    ]
}

/// A team template, compiled once (regexes compile slowly in a debug build).
static TEMPLATE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?P<role>\w+)\s*:\s*(?P<want>need)\s+(?P<goal>.*?)(?:\s+(?P<marker>for)\s+(?P<benefit>.*))?$",
    )
    .expect("the test template compiles")
});

fn story_options(job_stories: bool) -> story::Options {
    story::Options {
        job_stories,
        extra_templates: vec![TEMPLATE.clone()],
    }
}

fn assert_story(text: &str, story: &story::Story) {
    for range in story.parts() {
        assert_slice(text, &range, "a story part");
    }
    for strict in [false, true] {
        for range in atomic::joined_features(&text[story.goal.clone()], strict) {
            assert_slice(&text[story.goal.clone()], &range, "a joined feature");
        }
    }
    for (_, range) in minimal::extras(text, story) {
        assert_slice(text, &range, "an extra");
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn stories_parse_into_slices(text in story_text(), description in story_text(), job in any::<bool>()) {
        let options = story_options(job);
        if let Some(story) = story::parse(&text, &options) {
            assert_story(&text, &story);
        }
        match story::find(&text, Some(&description), &options) {
            Some((StorySource::Summary, story)) => assert_story(&text, &story),
            Some((StorySource::DescriptionFirstLine { offset }, story)) => {
                let line = description.get(offset..).expect("the offset is a char boundary");
                let line = &line[..line.find('\n').unwrap_or(line.len())];
                assert_story(line, &story);
            }
            None => {}
        }
    }

    #[test]
    fn joined_features_on_any_goal(goal in story_text(), strict in any::<bool>()) {
        for range in atomic::joined_features(&goal, strict) {
            assert_slice(&goal, &range, "a joined feature");
        }
    }

    #[test]
    fn criteria_are_slices(text in story_text(), more in story_text()) {
        let text = format!("{text}\n{more}");
        for criterion in criteria::in_field(&text, &criteria::Vocabulary::shared()) {
            assert_slice(&text, &criterion.range, "a criterion in a field");
            judged(criterion.text(&text));
        }
        if let Some((_, found)) = criteria::in_description(&text, &criteria::Vocabulary::shared()) {
            for criterion in found {
                assert_slice(&text, &criterion.range, "a criterion in a description");
                judged(criterion.text(&text));
            }
        }
        judged(&text);
        let _ = similarity::word_hashes(&text);
    }
}

fn judged(criterion: &str) {
    if let Some((_, range)) = criteria::judge(criterion, &criteria::Vocabulary::shared()) {
        assert_slice(criterion, &range, "a judged range");
    }
}

// ---------------------------------------------------------------------------------------
// Configuration and rule files.

fn toml_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("select = [\"all\"]"),
        Just("select = \"all\""),
        Just("ignore = [\"format\"]"),
        Just("today = \"2026-03-01\""),
        Just("today = \"soon\""),
        Just("today = 3"),
        Just("personas = [\"shopper\"]"),
        Just("rules_dir = \"team\""),
        Just("[fields]"),
        Just("summary = \"Zusammenfassung\""),
        Just("sumary = [\"x\", 1]"),
        Just("[scope]"),
        Just("story_types = [\"Task\"]"),
        Just("[story]"),
        Just("job_stories = true"),
        Just("templates = [\"(?P<goal>.*)\"]"),
        Just("templates = [\"(\"]"),
        Just("[limits]"),
        Just("max_cell_mib = 18446744073709551615"),
        Just("max_findings_per_item = -1"),
        Just("[rules.vague-language]"),
        Just("severity = \"error\""),
        Just("[suppress]"),
        Just("\"A-1\" = [\"all\"]"),
        Just("id = \"team-rule\""),
        Just("id = \"Bad Id\""),
        Just("category = \"quality\""),
        Just("category = \"nope\""),
        Just("severity = \"warning\""),
        Just("summary = \"s\""),
        Just("why = \"w\""),
        Just("message = \"{key} {value}\""),
        Just("help = \"h\""),
        Just("enabled = false"),
        Just("applies_to = \"items\""),
        Just("[example]"),
        Just("bad = \"b\""),
        Just("good = \"g\""),
        Just("[check]"),
        Just("kind = \"pattern\""),
        Just("kind = \"required\""),
        Just("kind = \"length\""),
        Just("kind = \"words\""),
        Just("kind = \"number\""),
        Just("kind = \"age\""),
        Just("kind = \"allowed\""),
        Just("field = \"summary\""),
        Just("pattern = \"^[A-Z]\""),
        Just("pattern = \"(\""),
        Just("words = [\"etc\"]"),
        Just("max = 5"),
        Just("min = -1"),
        Just("days = 1e400"),
        Just("values = [\"High\"]"),
        Just("[when]"),
        Just("issue_type = [\"Bug\"]"),
        Just("a = \"\\u00e9\\uD800\""),
        Just("x = \"é😀"),
        Just("[[x]]"),
        Just("="),
        Just("'''"),
        Just("#"),
    ];
    prop_oneof![
        4 => prop::collection::vec(line, 0..16).prop_map(|l| l.join("\n")),
        1 => ".{0,80}",
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn configuration_and_rules_parse_or_refuse(text in toml_text()) {
        let source = source("backlint.toml", &text);
        let _ = config::parse(&source);
        let _ = Rule::parse(&source);
    }
}

// ---------------------------------------------------------------------------------------
// The whole pipeline on small CSVs: read, every built-in rule, every report format.

const COLUMNS: [&str; 16] = [
    "Issue key",
    "Description",
    "Issue Type",
    "Status",
    "Status Category",
    "Priority",
    "Story Points",
    "Parent key",
    "Parent summary",
    "Sprint",
    "Labels",
    "Assignee",
    "Created",
    "Updated",
    "Acceptance Criteria",
    "Rank",
];

fn pipeline_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => story_text(),
        2 => wiki_markup(),
        1 => prop_oneof![
            Just("Story".to_owned()), Just("Bug".to_owned()), Just("Done".to_owned()),
            Just("To Do".to_owned()), Just("In Progress".to_owned()), Just("High".to_owned()),
            Just("5".to_owned()), Just("100".to_owned()), Just("-3".to_owned()), Just("NaN".to_owned()),
            Just("2,5".to_owned()), Just("1e308".to_owned()), Just("2020-01-01".to_owned()),
            Just("01/Feb/20 9:00 AM".to_owned()), Just("9999-12-31T23:59:59".to_owned()),
            Just("backlint-ignore".to_owned()), Just("backlint-ignore:vague-language".to_owned()),
            Just("backlint-ignore:nope".to_owned()), Just("A-1".to_owned()), Just("0|i0000:".to_owned()),
        ],
    ]
}

fn pipeline_csv() -> impl Strategy<Value = String> {
    let columns = prop::sample::subsequence(COLUMNS.to_vec(), 0..COLUMNS.len());
    (columns, 1usize..6)
        .prop_flat_map(|(columns, rows)| {
            let width = columns.len() + 1;
            let row = prop::collection::vec((pipeline_cell(), any::<bool>()), width);
            (Just(columns), prop::collection::vec(row, rows))
        })
        .prop_map(|(columns, rows)| {
            let mut csv = std::iter::once("Summary")
                .chain(columns.iter().copied())
                .collect::<Vec<_>>()
                .join(",");
            for row in rows {
                csv.push('\n');
                let cells: Vec<String> = row.iter().map(|(t, q)| encode_cell(t, *q)).collect();
                csv.push_str(&cells.join(","));
            }
            csv
        })
}

/// Every built-in rule, with `A-1` suppressed by the configuration; without job stories,
/// then with them (and a persona).
static LINTERS: LazyLock<[Linter; 2]> = LazyLock::new(|| {
    let cli = CommandLine::only("all");
    let catalog = catalog::builtin_rules().expect("the built-in rules load");
    let rules =
        selection::select(catalog, &config::Loaded::default(), &cli).expect("`all` selects");
    [false, true].map(|job_stories| {
        let settings = Settings {
            max_findings_per_item: usize::MAX,
            today: Some(jiff::civil::date(2026, 3, 1)),
            story: story_options(job_stories),
            personas: if job_stories {
                vec!["user".to_owned()]
            } else {
                Vec::new()
            },
            criteria: criteria::Vocabulary::shared(),
        };
        let suppress = BTreeMap::from([("A-1".to_owned(), vec!["all".to_owned()])]);
        Linter::new(rules.clone(), settings, config::Scope::default(), suppress)
    })
});

/// Reads `text` as the file `name`, runs every built-in rule and renders every report
/// format; asserts that every finding lies inside its file and the JSON reports parse.
fn pipeline(name: &str, text: &str, job_stories: bool) {
    let mut backlog = Backlog::default();
    if ingest::add_source(&mut backlog, source(name, text), &options(None)).is_err() {
        return;
    }
    let linter = &LINTERS[usize::from(job_stories)];
    let outcome = match linter.run(&backlog) {
        Ok(run) => run.outcome,
        Err(error) => panic!("the engine failed: {error}\n{text:?}"),
    };
    for finding in &outcome.findings {
        let text = backlog.source_of(finding.item).text();
        assert_span(text, finding.span, &format!("a {} finding", finding.rule));
    }
    let report = Report::of(&backlog, linter.rules(), &outcome);
    for color in [false, true] {
        let _ = report::human::render(&report, Style { color, width: 60 });
    }
    let _ = report::concise::render(&report);
    let _ = report::statistics::render(&report);
    let _ = report::github::render(&report);
    let _ = report::markdown::render(&report);
    let _ = report::junit::render(&report);
    let json = report::json::render(&report);
    assert!(
        serde_json::from_str::<serde_json::Value>(&json).is_ok(),
        "{json}"
    );
    let sarif = report::sarif::render(&report, None);
    assert!(
        serde_json::from_str::<serde_json::Value>(&sarif).is_ok(),
        "{sarif}"
    );
}

/// A Jira REST response of a few issues, with wiki or ADF descriptions.
fn pipeline_json() -> impl Strategy<Value = String> {
    use serde_json::{json, Value};
    let description = prop_oneof![
        pipeline_cell().prop_map(Value::from),
        adf_node().prop_map(|content| json!({"type": "doc", "version": 1, "content": [content]})),
    ];
    let issue = (
        pipeline_cell(),
        description,
        pipeline_cell(),
        pipeline_cell(),
        prop::collection::vec(pipeline_cell(), 0..3),
        prop::option::of(-5.0f64..100.0),
    )
        .prop_map(|(summary, description, status, category, labels, points)| {
            json!({
                "key": "A-1",
                "fields": {
                    "summary": summary,
                    "description": description,
                    "issuetype": {"name": "Story"},
                    "status": {"name": status, "statusCategory": {"name": category}},
                    "labels": labels,
                    "priority": null,
                    "customfield_10016": points,
                    "created": "2020-01-01T10:00:00.000+0000",
                }
            })
        });
    (prop::collection::vec(issue, 1..4), any::<bool>()).prop_map(|(issues, pretty)| {
        let response = json!({
            "issues": issues,
            "names": {"customfield_10016": "Story point estimate"},
        });
        if pretty {
            serde_json::to_string_pretty(&response).unwrap_or_default()
        } else {
            response.to_string()
        }
    })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_pipeline_on_csv_never_panics_and_points_inside_its_sources(
        csv in pipeline_csv(),
        job in any::<bool>(),
    ) {
        pipeline("p.csv", &csv, job);
    }

    #[test]
    fn the_pipeline_on_json_never_panics_and_points_inside_its_sources(
        json in pipeline_json(),
        job in any::<bool>(),
    ) {
        pipeline("p.json", &json, job);
    }
}
