//! Hostile and broken input, end to end with the binary: every row of
//! docs/hostile-input.md is one test here. Inputs are generated into a temporary folder at
//! test time. Whatever the input, backlint answers with findings (exit code 0 or 1) or a
//! clear error (exit code 2): never a panic, and never a hang (each run has a deadline).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far more than any of these runs takes, even in a debug build on a busy machine.
const DEADLINE: Duration = Duration::from_secs(300);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The error message (`× file:line:column: what`) without the `×`, its lines (wrapped
    /// at 100 columns) joined again.
    fn error(&self) -> String {
        let mut lines = self.stderr.lines().map(str::trim_start);
        let Some(first) = lines.find_map(|line| line.strip_prefix("× ")) else {
            panic!("no error message in:\n{}", self.stderr);
        };
        let mut message = first.to_owned();
        for more in lines.map_while(|line| line.strip_prefix("│ ")) {
            // Lines wrap at blanks and after hyphens ("Windows-" / "1252").
            if !message.ends_with('-') {
                message.push(' ');
            }
            message.push_str(more.trim_start());
        }
        message
    }

    /// [`Run::error`], with the path of the test's folder dropped from its start (a
    /// configuration found by looking upwards, and the rules folder it names, are named by
    /// their full paths).
    fn error_in(&self, dir: &Path) -> String {
        let error = self.error();
        let prefix = format!("{}/", dir.display());
        error.strip_prefix(&prefix).unwrap_or(&error).to_owned()
    }

    fn describe(&self) -> String {
        format!(
            "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.code,
            excerpt(&self.stdout),
            excerpt(&self.stderr)
        )
    }
}

fn excerpt(text: &str) -> &str {
    let end = text.char_indices().nth(4000).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Runs backlint in `dir` with `NO_COLOR`, kills it past [`DEADLINE`], and checks that it
/// neither panicked nor reported a bug.
fn backlint(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("GITHUB_WORKSPACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stdout = drain(child.stdout.take().expect("piped"));
    let stderr = drain(child.stderr.take().expect("piped"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            child.kill().ok();
            panic!("backlint {args:?} hung: still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code(),
        stdout: stdout.join().expect("stdout is read"),
        stderr: stderr.join().expect("stderr is read"),
    };
    assert_no_panic(&run.stderr);
    run
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).ok();
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backlint hit a bug"),
        "{}",
        excerpt(stderr)
    );
}

/// A run that must fail with exit code 2 and nothing on stdout; returns its error line.
fn refused(dir: &Path, args: &[&str]) -> String {
    let run = backlint(dir, args);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(run.stdout.is_empty(), "{}", run.describe());
    run.error()
}

/// [`refused`], for errors in files found through the folder's configuration.
fn refused_in(dir: &Path, args: &[&str]) -> String {
    let run = backlint(dir, args);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(run.stdout.is_empty(), "{}", run.describe());
    run.error_in(dir)
}

/// A run that must read its input: exit code 0, or 1 for findings at or above the
/// default `--fail-on warning`, never 2.
fn read_fine(dir: &Path, args: &[&str]) -> Run {
    let run = backlint(dir, args);
    assert!(matches!(run.code, Some(0 | 1)), "{}", run.describe());
    run
}

/// A fresh temporary folder for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("backlint-hostile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        TempDir(dir)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder for the input");
        }
        std::fs::write(path, bytes).expect("the input is written");
        self
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = self.0.join("locked.csv");
            if locked.exists() {
                let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644));
            }
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const STORIES: &str = "Summary,Issue key,Issue Type\r\n\
    Fast search,A-1,Story\r\n\
    As a clerk I want to print labels so that parcels ship,A-2,Story\r\n";

// ---------------------------------------------------------------------------------------
// Bytes that are not a text export.

#[test]
fn empty_file() {
    let dir = TempDir::new("empty");
    dir.write("empty.csv", "");
    assert_eq!(
        refused(dir.path(), &["check", "empty.csv"]),
        "empty.csv: the file is empty"
    );
    let blank = TempDir::new("blank");
    blank.write("blank.csv", " \r\n\t\n");
    assert_eq!(
        refused(blank.path(), &["check", "blank.csv"]),
        "blank.csv: the file is empty"
    );
}

#[test]
fn binary_bytes() {
    let dir = TempDir::new("binary");
    // The start of a PNG image, and bytes with control characters but no NUL.
    dir.write(
        "image.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    );
    dir.write(
        "noise.csv",
        b"Summary\n\x89\x50\x4e\x47\x01\x02\x03\xff\xfe",
    );
    assert_eq!(
        refused(dir.path(), &["check", "image.csv"]),
        "image.csv:3:1: cannot decode the file: it contains a NUL byte: this is a binary file, not a text export"
    );
    assert_eq!(
        refused(dir.path(), &["check", "noise.csv"]),
        "noise.csv:2:5: cannot decode the file: it contains a byte that is neither UTF-8 nor Windows-1252 text"
    );
}

#[test]
fn nul_bytes_in_a_text_csv() {
    let dir = TempDir::new("nul");
    dir.write("nul.csv", "Summary,Issue key\nAs a user I want x\0y,A-1\n");
    assert_eq!(
        refused(dir.path(), &["check", "nul.csv"]),
        "nul.csv:2:19: cannot decode the file: it contains a NUL byte: this is a binary file, not a text export"
    );
}

/// Workbooks, archives and PDFs are named by their first bytes, whatever the file's name.
#[test]
fn office_files_archives_and_pdfs_are_named() {
    let dir = TempDir::new("office");
    let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00\x3E\x00\x03\x00";
    let workbook = b"PK\x03\x04\x14\x00\x00\x00\x08\x00xl/workbook.xml\x00\x01";
    let ods = b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis";
    let encrypted = [
        &ole[..],
        &"EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    ]
    .concat();
    dir.write("book.xls", ole)
        .write("locked.xlsx", encrypted)
        .write("book.csv", workbook)
        .write("sheet.ods", ods)
        .write(
            "printed.pdf",
            "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        );
    let answers = [
        ("book.xls", "book.xls: this looks like an Excel 97-2003 workbook (.xls) or another Office file, not a CSV export"),
        // The start of a workbook and no more: read as one, and damaged.
        ("book.csv", "book.csv: the Excel workbook is damaged and cannot be read (Zip error: invalid Zip archive: Could not find EOCD)"),
        ("locked.xlsx", "locked.xlsx: this looks like an Office file saved with a password (an encrypted workbook), which backlint cannot open"),
        ("sheet.ods", "sheet.ods: this looks like a ZIP archive, not a CSV or JSON export"),
        ("printed.pdf", "printed.pdf: this looks like a PDF document, not a CSV or JSON export"),
    ];
    for (name, answer) in answers {
        assert_eq!(refused(dir.path(), &["check", name]), answer);
        // Naming a reader does not make the bytes text.
        assert_eq!(
            refused(dir.path(), &["check", "--input-format", "jira-csv", name]),
            answer
        );
    }
}

/// Markup is named by what it holds, whatever the file's name.
#[test]
fn markup_is_named() {
    let dir = TempDir::new("markup");
    dir.write(
        "search.xls",
        "<table id=\"issuetable\">\n<tr><th>Summary</th></tr>\n</table>\n",
    )
    .write(
        "export.xml",
        "<?xml version=\"1.0\"?>\n<!-- RSS generated by JIRA (9.4.0) -->\n<!DOCTYPE rss [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<rss version=\"0.92\"><channel><item><summary>&b;</summary></item></channel></rss>\n",
    )
    .write("saved.csv", "\n<!DOCTYPE html>\n<html><body>Backlog</body></html>\n")
    .write("feed.txt", "<?xml version=\"1.0\"?>\n<rss><channel/></rss>\n");
    let answers = [
        ("search.xls", "search.xls:1:8: this looks like Jira's \"Excel\" export, an HTML table saved for Excel, not a CSV export"),
        ("export.xml", "export.xml:3:1: invalid XML: XML with DTD detected"),
        ("saved.csv", "saved.csv:2:1: this looks like an HTML page, not a Jira CSV or JSON export"),
        ("feed.txt", "feed.txt:1:1: this looks like an XML document, not a Jira CSV or JSON export"),
    ];
    for (name, answer) in answers {
        assert_eq!(refused(dir.path(), &["check", name]), answer);
    }
}

/// Text that is not a recognisable export is refused, not read as one story per line.
#[test]
fn text_that_is_not_an_export_is_not_read_as_stories() {
    let dir = TempDir::new("unknown-text");
    dir.write(
        "backlog.dat",
        "As a clerk I want to print labels\nFast search\n",
    )
    .write(
        "rows.dat",
        "A-1;Fast search;Story\nA-2;Print labels;Story\n",
    )
    .write("columns.txt", "Nummer\tTitel\nA-1\tFast search\n")
    .write(
        "stories.txt",
        "As a clerk I want to print labels\nFast search\n",
    );
    assert_eq!(
        refused(dir.path(), &["check", "backlog.dat"]),
        "backlog.dat:1:1: this looks like text that is neither a Jira export nor a file named as a story list"
    );
    assert_eq!(
        refused(dir.path(), &["check", "rows.dat"]),
        "rows.dat:1:1: this looks like delimited text, but its first line is not a header backlint recognises"
    );
    assert_eq!(
        refused(dir.path(), &["check", "columns.txt"]),
        "columns.txt:1:1: this looks like delimited text, but its first line is not a header backlint recognises"
    );
    for args in [
        &["check", "--format", "concise", "stories.txt"][..],
        &[
            "check",
            "--format",
            "concise",
            "--input-format",
            "lines",
            "backlog.dat",
        ],
    ] {
        let run = read_fine(dir.path(), args);
        assert!(
            run.stdout
                .contains(":2:1: warning[story-format] line 2: \"Fast search\""),
            "{}",
            run.describe()
        );
    }
}

/// A header and no rows: the export of a filter that matched nothing.
#[test]
fn a_header_only_export_is_an_empty_backlog() {
    let dir = TempDir::new("header-only");
    dir.write("empty-filter.csv", "Summary,Issue key,Issue Type\r\n");
    let run = read_fine(dir.path(), &["check", "empty-filter.csv"]);
    assert!(
        run.stderr
            .starts_with("warning: empty-filter.csv: the export holds no issues"),
        "{}",
        run.describe()
    );
}

// ---------------------------------------------------------------------------------------
// Truncated files.

#[test]
fn truncated_csv_with_an_unclosed_quote() {
    let dir = TempDir::new("truncated-csv");
    dir.write(
        "cut.csv",
        "Summary,Issue key\nFast search,A-1\n\"As a user I want to export, so that",
    );
    assert_eq!(
        refused(dir.path(), &["check", "cut.csv"]),
        "cut.csv:3:1: a quoted cell is never closed"
    );
}

#[test]
fn truncated_json() {
    let dir = TempDir::new("truncated-json");
    dir.write(
        "cut.json",
        r#"{"issues":[{"key":"A-1","fields":{"summary":"As a user I want"#,
    );
    let run = backlint(dir.path(), &["check", "cut.json"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert_eq!(
        run.error(),
        "cut.json:1:45: invalid JSON: Unterminated string literal"
    );
    assert!(
        run.stderr.contains("it was probably cut off"),
        "{}",
        run.stderr
    );
}

#[test]
fn azure_devops_work_items_of_the_wrong_shape() {
    let dir = TempDir::new("azure-shape");
    // `value` of something other than work items: refused, pointing at the JSON.
    dir.write("items.json", r#"{"count": 2, "value": [1, {"id": 3}]}"#);
    let error = refused(dir.path(), &["check", "items.json"]);
    assert_eq!(
        error,
        "items.json:1:1: this is not an Azure DevOps work-items response: `value` holds something other than work items with `fields`"
    );
    // Fields of unexpected types are not read: no panic, no value, the rest is checked.
    dir.write(
        "odd.json",
        r#"{"count": 1, "value": [{"id": 7, "fields": {"System.Title": ["a"], "System.Tags": ";;; ;", "System.AssignedTo": {"id": 1}, "Microsoft.VSTS.Scheduling.StoryPoints": "five", "System.Description": "<p>As a <b>shopper</b>"}}]}"#,
    );
    let run = read_fine(
        dir.path(),
        &["check", "odd.json", "--select", "all", "--format", "json"],
    );
    assert!(
        run.stdout.contains(r#""key": "7""#) && run.stdout.contains(r#""rule": "missing-summary""#),
        "{}",
        run.describe()
    );
}

// ---------------------------------------------------------------------------------------
// Encodings.

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

/// Excel's "Unicode text": UTF-16LE with a byte order mark and tabs, saved as `.txt`.
#[test]
fn utf16_tab_separated_text_reads() {
    let dir = TempDir::new("utf16-tsv");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16(&STORIES.replace(',', "\t"), false));
    dir.write("unicode.txt", bytes);
    let run = read_fine(dir.path(), &["check", "--format", "concise", "unicode.txt"]);
    assert!(
        run.stdout
            .contains("unicode.txt:2:1: warning[story-format] A-1: \"Fast search\""),
        "{}",
        run.describe()
    );
}

#[test]
fn utf16_with_a_byte_order_mark_reads() {
    let dir = TempDir::new("utf16");
    let mut le = vec![0xFF, 0xFE];
    le.extend(utf16(STORIES, false));
    let mut be = vec![0xFE, 0xFF];
    be.extend(utf16(STORIES, true));
    dir.write("le.csv", le).write("be.csv", be);
    for name in ["le.csv", "be.csv"] {
        let run = read_fine(dir.path(), &["check", "--format", "concise", name]);
        assert!(
            run.stdout.contains(&format!(
                "{name}:2:1: warning[story-format] A-1: \"Fast search\""
            )),
            "{}",
            run.describe()
        );
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_refused() {
    let dir = TempDir::new("utf16-no-bom");
    dir.write("le.csv", utf16(STORIES, false));
    assert_eq!(
        refused(dir.path(), &["check", "le.csv"]),
        "le.csv:1:2: cannot decode the file: it contains a NUL byte: this looks like UTF-16 without a byte order mark; save the export as UTF-8"
    );
}

#[test]
fn windows_1252_reads() {
    let dir = TempDir::new("cp1252");
    // "Café menus – fast", as Excel on Windows saves it: é is 0xE9, – is 0x96.
    dir.write(
        "excel.csv",
        b"Summary,Issue key\r\nCaf\xe9 menus \x96 fast,A-1\r\n",
    );
    let run = read_fine(dir.path(), &["check", "--format", "concise", "excel.csv"]);
    assert!(
        run.stdout
            .contains("\"Café menus – fast\" is not written as a user story"),
        "{}",
        run.describe()
    );
}

// ---------------------------------------------------------------------------------------
// Sizes.

#[test]
fn a_ten_megabyte_cell_hits_the_limit_and_reads_when_raised() {
    let dir = TempDir::new("big-cell");
    // In a column no rule reads, so that reading it (in a debug build) stays quick.
    let mut csv = String::from("Summary,Issue key,Notes\nAs a user I want to export reports so that I can share them,A-1,\"");
    csv.push_str(&"word ".repeat(2 * 1024 * 1024));
    csv.push_str("\"\n");
    dir.write("big.csv", csv);
    assert_eq!(
        refused(dir.path(), &["check", "big.csv"]),
        "big.csv:2:65: a value of 10.0 MiB, more than the limit of 1.0 MiB"
    );
    read_fine(
        dir.path(),
        &[
            "check",
            "--max-cell-size",
            "20",
            "--format",
            "concise",
            "big.csv",
        ],
    );
    assert_eq!(
        refused(dir.path(), &["check", "--max-file-size", "1", "big.csv"]),
        "big.csv: the file is 10.0 MiB, more than the limit of 1.0 MiB"
    );
}

#[test]
fn an_endless_standard_input_hits_the_file_size_limit() {
    use std::io::Write;
    let dir = TempDir::new("endless-stdin");
    // `yes "Fast search" | backlint check --max-file-size 1 -`: the stream never ends, so
    // only the limit stops it (at most 64 MiB are offered, in case it does not).
    let mut child = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["check", "--max-file-size", "1", "-"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || {
        let chunk = "Fast search\n".repeat(5000);
        for _ in 0..(64 << 20) / chunk.len() {
            if stdin.write_all(chunk.as_bytes()).is_err() {
                return;
            }
        }
    });
    let stdout = drain(child.stdout.take().expect("piped"));
    let stderr = drain(child.stderr.take().expect("piped"));
    let status = child.wait().expect("backlint finishes");
    writer.join().expect("the writer stops");
    let run = Run {
        code: status.code(),
        stdout: stdout.join().expect("stdout is read"),
        stderr: stderr.join().expect("stderr is read"),
    };
    assert_no_panic(&run.stderr);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert_eq!(
        run.error(),
        "<stdin>: the input runs past the limit of 1.0 MiB"
    );
}

#[test]
fn a_thousand_columns_read() {
    let dir = TempDir::new("wide");
    let mut header = vec!["Summary".to_owned(), "Issue key".to_owned()];
    header.extend((0..998).map(|i| format!("Custom field (c{i})")));
    let mut row = vec!["Fast search".to_owned(), "A-1".to_owned()];
    row.extend((0..998).map(|i| format!("v{i}")));
    dir.write(
        "wide.csv",
        format!("{}\n{}\n", header.join(","), row.join(",")),
    );
    let run = read_fine(dir.path(), &["check", "--format", "concise", "wide.csv"]);
    assert!(
        run.stdout
            .contains("wide.csv:2:1: warning[story-format] A-1"),
        "{}",
        run.describe()
    );
}

#[test]
fn json_nested_a_hundred_thousand_deep() {
    let dir = TempDir::new("deep");
    dir.write(
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    dir.write(
        "deep-issue.json",
        format!(
            r#"{{"key":"A-1","fields":{{"summary":"Fast search","labels":{}{}}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    );
    assert_eq!(
        refused(dir.path(), &["check", "deep.json"]),
        "deep.json:1:513: invalid JSON: Maximum nesting depth exceeded"
    );
    assert_eq!(
        refused(dir.path(), &["check", "deep-issue.json"]),
        "deep-issue.json:1:565: invalid JSON: Maximum nesting depth exceeded"
    );
}

// ---------------------------------------------------------------------------------------
// Ragged rows.

#[test]
fn a_row_with_more_cells_than_the_header_is_an_error_naming_the_cell() {
    let dir = TempDir::new("more-cells");
    dir.write(
        "more.csv",
        "Summary,Issue key\nFast search,A-1\nSlow search,A-2,extra\n",
    );
    assert_eq!(
        refused(dir.path(), &["check", "more.csv"]),
        "more.csv:3:17: this row has 3 cells but the header names 2 columns"
    );
}

#[test]
fn a_row_with_fewer_cells_reads() {
    let dir = TempDir::new("fewer-cells");
    dir.write(
        "fewer.csv",
        "Summary,Issue key,Priority\nFast search,A-1\nSlow search,A-2,High\n",
    );
    let run = read_fine(dir.path(), &["check", "--format", "concise", "fewer.csv"]);
    assert!(
        run.stdout
            .contains("fewer.csv:2:1: warning[missing-priority] A-1: no priority"),
        "{}",
        run.describe()
    );
    assert!(
        !run.stdout.contains("[missing-priority] A-2"),
        "{}",
        run.describe()
    );
}

/// Trackers' exports with references to nothing and values of the wrong kind: read, the
/// odd values ignored, never a panic.
#[test]
fn tracker_exports_with_dangling_references_and_odd_values_read() {
    let dir = TempDir::new("trackers");
    dir.write(
        "board.json",
        r#"{"id":"b","prefs":{},"labelNames":{},"cards":[
            {"id":"c1","idShort":1,"name":"As a clerk, I want labels, so that parcels ship","idList":"gone","idMembers":["nobody",7],"labels":["Story",{"name":5}],"customFieldItems":[{"idCustomField":"x"},3]},
            {"id":"c2","name":"","closed":"yes"},
            7
        ],"lists":[{"id":"l"}],"checklists":[{"idCard":"c1","checkItems":[{"name":""},{"state":"complete"},"x"]},{"idCard":5}],"customFields":[{"id":"x"}]}"#,
    );
    let run = read_fine(dir.path(), &["fields", "board.json"]);
    assert!(
        run.stdout
            .contains("board.json (trello-json, UTF-8, 2 items)"),
        "{}",
        run.describe()
    );
    dir.write(
        "query.csv",
        "ID,Work Item Type,Title 1,Title 2,Tags,Acceptance Criteria\n\
         1,User Story,,,; ;,<div>\n\
         2,Epic,A,B,;x;;,\"</div><ul><li><li>&#xFFFFFFFF;&bogus\"\n",
    );
    let run = read_fine(dir.path(), &["check", "--format", "concise", "query.csv"]);
    assert!(run.stdout.contains("query.csv:2:"), "{}", run.describe());
}

// ---------------------------------------------------------------------------------------
// Configuration and rules.

#[test]
fn an_unknown_rule_id_in_select_and_in_the_config() {
    let dir = TempDir::new("unknown-rule");
    dir.write("stories.csv", STORIES);
    assert_eq!(
        refused(
            dir.path(),
            &["check", "--select", "vague-langauge", "stories.csv"]
        ),
        "unknown rule or category `vague-langauge` on the command line"
    );
    dir.write("backlint.toml", "select = [\"vague-langauge\"]\n");
    assert_eq!(
        refused_in(dir.path(), &["check", "stories.csv"]),
        "backlint.toml:1:12: unknown rule or category `vague-langauge`"
    );
}

#[test]
fn an_invalid_regex_in_a_team_rule() {
    let dir = TempDir::new("team-regex");
    dir.write("stories.csv", STORIES);
    dir.write("backlint.toml", "rules_dir = \"team\"\n");
    dir.write(
        "team/ticket-reference.toml",
        r#"id = "ticket-reference"
category = "quality"
severity = "warning"
summary = "The summary names a ticket"
why = "Tickets belong in links."
message = "{key}: {problem}"
help = "Link the ticket instead."

[example]
bad = "Fix TICKET-12"
good = "Fix the login timeout"

[check]
kind = "pattern"
field = "summary"
must_not_match = "TICKET-(\\d+"
"#,
    );
    assert_eq!(
        refused_in(dir.path(), &["check", "stories.csv"]),
        "team/ticket-reference.toml:13:1: invalid rule: invalid regular expression: regex parse error: TICKET-(\\d+ ^ error: unclosed group"
    );
}

#[test]
fn an_invalid_regex_in_a_story_template() {
    let dir = TempDir::new("template-regex");
    dir.write("stories.csv", STORIES);
    dir.write("backlint.toml", "[story]\ntemplates = [\"(?P<goal>.*\"]\n");
    assert_eq!(
        refused_in(dir.path(), &["check", "stories.csv"]),
        "backlint.toml:2:13: invalid configuration: invalid regular expression: regex parse error: (?P<goal>.* ^ error: unclosed group"
    );
}

#[test]
fn a_config_value_of_the_wrong_type() {
    let dir = TempDir::new("wrong-type");
    dir.write("stories.csv", STORIES);
    dir.write("backlint.toml", "[limits]\nmax_cell_mib = \"big\"\n");
    assert_eq!(
        refused_in(dir.path(), &["check", "stories.csv"]),
        "backlint.toml:2:16: invalid configuration: invalid type: string \"big\", expected u64"
    );
}

// ---------------------------------------------------------------------------------------
// Files that cannot be read or written.

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    dir.write("locked.csv", STORIES);
    let locked = dir.path().join("locked.csv");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    if std::fs::read(&locked).is_err() {
        assert_eq!(
            refused(dir.path(), &["check", "locked.csv"]),
            "locked.csv: cannot read the file: Permission denied (os error 13)"
        );
    } else {
        // Root reads a file whatever its mode: a path through a file cannot be read by
        // anyone, and takes the same way through backlint.
        eprintln!(
            "running as root, which reads a chmod 000 file: checking a path through a file instead"
        );
        dir.write("export.csv", STORIES);
        assert_eq!(
            refused(dir.path(), &["check", "export.csv/locked.csv"]),
            "export.csv/locked.csv: cannot read the file: Not a directory (os error 20)"
        );
    }
}

#[test]
fn an_output_path_in_a_missing_folder() {
    let dir = TempDir::new("missing-folder");
    dir.write("stories.csv", STORIES);
    assert_eq!(
        refused(
            dir.path(),
            &["check", "--output", "reports/backlint.json", "stories.csv"]
        ),
        "reports/backlint.json: cannot write the file: the folder reports does not exist"
    );
    assert!(!dir.path().join("reports").exists());
    // Every path is checked before any report is written: no half-done set of files.
    assert_eq!(
        refused(
            dir.path(),
            &[
                "check",
                "--output",
                "json=b.json",
                "--output",
                "sarif=out/b.sarif",
                "stories.csv"
            ]
        ),
        "out/b.sarif: cannot write the file: the folder out does not exist"
    );
    assert!(!dir.path().join("b.json").exists());
}

// ---------------------------------------------------------------------------------------
// Large outputs and long lines.

#[test]
fn stdout_closed_early_exits_quietly() {
    let dir = TempDir::new("closed-stdout");
    let mut csv = String::from("Summary,Issue key\n");
    for i in 0..20_000 {
        csv.push_str(&format!("Fast search {i},A-{i}\n"));
    }
    dir.write("big.csv", csv);
    // `backlint check --format concise big.csv | head -1`: read one line, close the pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["check", "--format", "concise", "big.csv"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = drain(child.stderr.take().expect("piped"));
    let mut stdout = child.stdout.take().expect("piped");
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).expect("stdout reads") == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    drop(stdout);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            child.kill().ok();
            panic!("backlint hung after its stdout was closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = stderr.join().expect("stderr is read");
    assert!(
        String::from_utf8_lossy(&first).starts_with("big.csv:2:1: info[story-format] A-0"),
        "{}",
        String::from_utf8_lossy(&first)
    );
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}\n{stderr}");
    assert_no_panic(&stderr);
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn a_hundred_thousand_character_summary_finishes_and_renders() {
    let dir = TempDir::new("long-line");
    let summary = "As a user I want to export reports quickly and to share them ".repeat(1700);
    let summary = &summary[..100_000];
    dir.write("long.csv", format!("Summary,Issue key\n{summary},A-1\n"));
    let run = read_fine(dir.path(), &["check", "long.csv"]);
    assert!(
        run.stdout.contains("── A-1 · As a user I want"),
        "{}",
        run.describe()
    );
    // Each finding shows a window of the line, not the line; messages quote excerpts.
    let longest = run
        .stdout
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(longest < 400, "a line of {longest} characters");
    assert!(
        run.stdout.len() < 200_000,
        "{} bytes of report",
        run.stdout.len()
    );
}

#[test]
fn fifty_thousand_findings_on_one_item_are_capped() {
    let dir = TempDir::new("many-findings");
    dir.write(
        "many.csv",
        format!(
            "Summary,Issue key\nAs a user I want {}search,A-1\n",
            "fast ".repeat(50_000)
        ),
    );
    let run = read_fine(dir.path(), &["check", "--format", "concise", "many.csv"]);
    let shown = run.stdout.lines().filter(|l| l.contains(" A-1: ")).count();
    assert_eq!(shown, 50, "{}", run.describe());
    assert!(
        run.stderr.contains("note: 49952 findings not shown: more than 50 on one item (raise with --max-findings-per-item)"),
        "{}",
        run.describe()
    );
    let run = read_fine(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--max-findings-per-item",
            "3",
            "many.csv",
        ],
    );
    assert_eq!(
        run.stdout.lines().filter(|l| l.contains(" A-1: ")).count(),
        3
    );
    assert!(run
        .stderr
        .contains("note: 49999 findings not shown: more than 3 on one item"));
}

// ---------------------------------------------------------------------------------------
// Backlog text that attacks the terminal and the CI log (issue 20).

/// Summaries holding what a terminal or a CI runner acts on: CR/LF then a workflow
/// command, the runner's `##[…]` form, OSC title and clipboard (OSC 52) sequences, BEL,
/// a screen clear, GitLab's section marker and a bidi override.
const ATTACK_STORIES: &str = "Summary,Issue key,Issue Type\r\n\
    \"Fast search\r\n::error title=FAKE::pwned\n##[add-mask]secret \u{1b}]52;c;cHduZWQ=\u{7}\",A-1,Story\r\n\
    \"Slow \u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[0Ksection_start:1:x\r\u{202E}txt.exe\",A-2,Story\r\n";

/// Fails if a line of `text` is one a CI runner acts on (`::command` after blanks,
/// `##[command]` anywhere) or if `text` holds a control character other than line breaks
/// and tabs, or a bidi control. With `color`, backlint's own SGR colour codes are allowed.
fn assert_inert(text: &str, color: bool) {
    let sgr = regex_lite_sgr(text, color);
    for line in sgr.lines() {
        assert!(
            !line.trim_start().starts_with("::") && !line.contains("##["),
            "a CI command line {line:?} in:\n{text}"
        );
    }
    let bad = sgr.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(bad, None, "a control character in:\n{text}");
}

/// `text` without the SGR sequences `ESC [ digits ; … m` when `color` is on.
fn regex_lite_sgr(text: &str, color: bool) -> String {
    if !color {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let digits = after
            .find(|c: char| !c.is_ascii_digit() && c != ';')
            .unwrap_or(after.len());
        if after[digits..].starts_with('m') {
            rest = &after[digits + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn terminal_and_ci_sequences_in_cells_are_shown_as_escapes() {
    let dir = TempDir::new("escape-cells");
    dir.write("attack.csv", ATTACK_STORIES);
    for args in [
        &["check", "attack.csv"][..],
        &["check", "--format", "concise", "attack.csv"],
        &["check", "--statistics", "attack.csv"],
        &["check", "--color", "always", "attack.csv"],
    ] {
        let run = read_fine(dir.path(), args);
        let color = args.contains(&"always");
        assert_inert(&run.stdout, color);
        assert_inert(&run.stderr, false);
        assert!(!run.stdout.is_empty(), "{}", run.describe());
    }
    let human = read_fine(dir.path(), &["check", "attack.csv"]).stdout;
    // The heading shows the summary on one line, escapes visible.
    assert!(
        human.contains("A-1 · Fast search\\r\\n::error title=FAKE::pwned\\n##\\[add-mask]secret \\u{1b}]52;c;cHduZ… (Story)"),
        "{human}"
    );
    assert!(human.contains("\\u{202e}txt.exe"), "{human}");
    // The snippet keeps the file's lines; the one starting with `::` is behind the gutter.
    assert!(human.contains("│ ::error title=FAKE::pwned"), "{human}");
    let concise = read_fine(dir.path(), &["check", "--format", "concise", "attack.csv"]).stdout;
    assert!(
        concise.contains(
            "Slow \\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{1b}[0Ksection_start:1:x\\r\\u{202e}txt.exe"
        ),
        "{concise}"
    );
}

#[test]
fn a_file_name_with_a_workflow_command_cannot_forge_one() {
    let dir = TempDir::new("command-name");
    // A file a pull request adds, matched by `backlog/*.csv`: no Status column, so the
    // note about the rules that did not run names it on stderr.
    let name = "backlog/a\n::error title=FAKE::pwned\n##[add-mask]x.csv";
    dir.write(name, STORIES);
    for format in ["human", "concise"] {
        let run = read_fine(dir.path(), &["check", "--format", format, name]);
        assert_inert(&run.stdout, false);
        assert_inert(&run.stderr, false);
        assert!(
            run.stderr.contains(
                "note: backlog/a\\n::error title=FAKE::pwned\\n##\\[add-mask]x.csv has no"
            ),
            "{}",
            run.describe()
        );
        assert!(
            run.stdout
                .contains("backlog/a\\n::error title=FAKE::pwned\\n##\\[add-mask]x.csv"),
            "{}",
            run.describe()
        );
    }
    // An error naming the file is defused too.
    let run = backlint(
        dir.path(),
        &["check", "backlog/a\n::error title=FAKE::pwned.csv"],
    );
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert_inert(&run.stderr, false);
}

#[test]
fn a_baseline_entry_with_a_forged_key_cannot_forge_a_command() {
    let dir = TempDir::new("forged-baseline");
    dir.write("stories.csv", STORIES);
    dir.write(
        "baseline.json",
        r#"{"version": 1, "findings": [{"key": "X-9\n::add-mask::secret",
            "rule": "story-format\n::stop-commands::tok",
            "text": "\u001b]52;c;cHduZWQ=\u0007\r\n::error::forged"}]}"#,
    );
    let run = read_fine(
        dir.path(),
        &["check", "--baseline", "baseline.json", "stories.csv"],
    );
    assert_inert(&run.stderr, false);
    assert!(
        run.stderr.contains(
            "  X-9\\n::add-mask::secret story-format\\n::stop-commands::tok \"\\u{1b}]52;c;cHduZWQ=\\u{7}\\r\\n::error::forged\""
        ),
        "{}",
        run.describe()
    );
}

// ---------------------------------------------------------------------------------------
// Inputs that are not regular files (issue 20, hole 3): the size a device or FIFO gives is
// 0, so only refusing them keeps the run from reading forever or blocking. The harness's
// deadline is what stops a run that hangs; backlint has none.

#[cfg(unix)]
#[test]
fn a_symlink_to_dev_zero_and_a_fifo_are_refused_not_read() {
    let dir = TempDir::new("not-regular");
    dir.write("stories.csv", STORIES);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.csv")).expect("a symlink");
    let mkfifo = Command::new("mkfifo")
        .arg(dir.path().join("pipe.csv"))
        .status();
    if !mkfifo.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: the FIFO case is skipped");
    } else {
        assert_eq!(
            refused(dir.path(), &["check", "pipe.csv"]),
            "pipe.csv: is a named pipe (FIFO), not a regular file"
        );
        assert_eq!(
            refused(
                dir.path(),
                &["check", "--baseline", "pipe.csv", "stories.csv"]
            ),
            "pipe.csv: is a named pipe (FIFO), not a regular file"
        );
    }
    for args in [
        &["check", "zero.csv"][..],
        &["check", "--max-file-size", "1", "zero.csv"],
        &["check", "--baseline", "zero.csv", "stories.csv"],
    ] {
        assert_eq!(
            refused(dir.path(), args),
            "zero.csv: is a device, not a regular file",
            "{args:?}"
        );
    }
    // A configuration (and so a rules folder's files) is read the same way. (Looking
    // upwards for backlint.toml takes only a regular file, so one like this is passed by.)
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.toml")).expect("a symlink");
    assert_eq!(
        refused(
            dir.path(),
            &["check", "--config", "zero.toml", "stories.csv"]
        ),
        "zero.toml: is a device, not a regular file"
    );
}

#[test]
fn a_rules_folder_outside_the_working_folder_is_named_not_quoted() {
    let dir = TempDir::new("outside-rules");
    dir.write("work/stories.csv", STORIES);
    dir.write("work/backlint.toml", "rules_dir = \"../elsewhere\"\n");
    dir.write(
        "elsewhere/credentials.toml",
        "id = \"leak\"\napi_token = \"s3cr3t-t0ken\" oops\n",
    );
    let run = backlint(&dir.path().join("work"), &["check", "stories.csv"]);
    assert_eq!(run.code, Some(2), "{}", run.describe());
    assert!(
        run.error().contains("credentials.toml:2:"),
        "{}",
        run.describe()
    );
    assert!(!run.stderr.contains("s3cr3t"), "{}", run.describe());
    // Inside the working folder, the offending line is shown as always.
    dir.write(
        "work/team/credentials.toml",
        "id = \"x\"\napi_token = \"visible\" oops\n",
    );
    dir.write("work/backlint.toml", "rules_dir = \"team\"\n");
    let run = backlint(&dir.path().join("work"), &["check", "stories.csv"]);
    assert!(
        run.stderr.contains("api_token = \"visible\" oops"),
        "{}",
        run.describe()
    );
}

#[test]
fn a_team_pattern_matching_everywhere_is_capped_while_collected() {
    let dir = TempDir::new("match-everywhere");
    // `must_not_match = "x*"` matches the empty text at every character: 500,001 times
    // in this summary. Only 50 findings are built; the rest are counted.
    dir.write(
        "stories.csv",
        format!("Summary,Issue key\n{},A-1\n", "y".repeat(500_000)),
    );
    dir.write("backlint.toml", "rules_dir = \"team\"\n");
    dir.write(
        "team/everywhere.toml",
        r#"id = "everywhere"
category = "quality"
severity = "warning"
summary = "Matches everywhere"
why = "An attack on memory."
message = "{key}: {problem}"
help = "None."

[example]
bad = "x"
good = ""

[check]
kind = "pattern"
field = "summary"
must_not_match = "x*"
"#,
    );
    let run = read_fine(
        dir.path(),
        &[
            "check",
            "--select",
            "everywhere",
            "--format",
            "concise",
            "stories.csv",
        ],
    );
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.contains("[everywhere] A-1: "))
            .count(),
        50,
        "{}",
        run.describe()
    );
    assert!(
        run.stderr
            .contains("note: 499951 findings not shown: more than 50 on one item"),
        "{}",
        run.describe()
    );
}

#[test]
fn a_markdown_summary_with_mentions_and_references_notifies_no_one() {
    let dir = TempDir::new("markdown-mentions");
    // Summaries are cut at 60 characters in the tables, so each attack is short.
    dir.write(
        "stories.csv",
        "Summary,Issue key\r\n\
         @octo-org/security and @alice: see #12,A-1\r\n\
         owner/repo#3 at https://evil.example,A-2\r\n\
         www.evil.example costs $\\frac{1}{0}$,A-3\r\n",
    );
    let run = read_fine(
        dir.path(),
        &["check", "--format", "markdown", "stories.csv"],
    );
    let out = &run.stdout;
    for live in [
        "@octo-org",
        "@alice",
        "#12",
        "repo#3",
        "https://evil",
        "www.evil",
        " $",
    ] {
        assert!(!out.contains(live), "{live:?} is live in:\n{out}");
    }
    for defused in [
        "@&#8203;octo-org/security and @&#8203;alice: see #&#8203;12",
        "owner/repo#&#8203;3 at https&#8203;://evil.example",
        "www&#8203;.evil.example costs \\$\\\\frac{1}{0}\\$",
    ] {
        assert!(out.contains(defused), "{defused:?} missing in:\n{out}");
    }
}

#[test]
fn issue_links_go_only_to_one_safe_host() {
    let dir = TempDir::new("issue-links");
    let issue = |key: &str, url: &str| {
        format!(
            r#"{{"self": "{url}", "key": "{key}", "fields": {{"summary": "Fast search",
            "issuetype": {{"name": "Story"}}, "status": {{"name": "To Do"}}}}}}"#
        )
    };
    let home = issue("PAN-1", "https://pantry.example/rest/api/2/issue/1");
    for (name, attack) in [
        ("other-host", "https://evil.example/rest/api/2/issue/2"),
        (
            "user-info",
            "https://pantry.example@evil.example/rest/api/2/issue/2",
        ),
        ("plain-http", "http://pantry.example/rest/api/2/issue/2"),
    ] {
        let export = format!("[{home}, {}]", issue("PAN-2", attack));
        dir.write(&format!("{name}.json"), export);
        let run = backlint(
            dir.path(),
            &["check", "--format", "html", &format!("{name}.json")],
        );
        assert_eq!(run.code, Some(1), "warnings fail: {}", run.describe());
        assert!(run.stdout.contains("PAN-2"), "{name}");
        assert!(
            !run.stdout.contains("/browse/"),
            "{name}: a key links somewhere"
        );
    }
    // One https host: keys link to it.
    dir.write(
        "one-host.json",
        format!(
            "[{home}, {}]",
            issue("PAN-2", "https://pantry.example/rest/api/2/issue/2")
        ),
    );
    let run = backlint(dir.path(), &["check", "--format", "html", "one-host.json"]);
    assert!(run
        .stdout
        .contains("href=\"https://pantry.example/browse/PAN-2\""));
    // A template without a host is refused, not silently left without links.
    dir.write(
        "backlint.toml",
        "[report]\nissue_url = \"https:///{key}\"\n",
    );
    assert!(
        refused_in(dir.path(), &["check", "--format", "html", "one-host.json"])
            .contains("not a web address"),
    );
}

#[test]
fn a_file_name_with_terminal_sequences_is_escaped_in_fields() {
    let dir = TempDir::new("fields-name");
    let name = "a\u{1b}]0;owned\u{7}\n::error::x.csv";
    dir.write(name, STORIES);
    let run = read_fine(dir.path(), &["fields", name]);
    assert_inert(&run.stdout, false);
    assert!(
        run.stdout
            .starts_with("a\\u{1b}]0;owned\\u{7}\\n::error::x.csv (jira-csv"),
        "{}",
        run.describe()
    );
}
