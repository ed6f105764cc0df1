//! The reports for people through the binary: items in order of their most severe
//! finding, each finding on the text of its field, the total line, the baseline's count,
//! and a health figure only when stories were checked.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Errors, warnings and notes on a Story and a Task, with a long multi-line description.
const LAYOUT: &str = "fixtures/report-layout.csv";

/// Runs `backlint check --today 2026-03-01` with `args`.
fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["check", "--today", "2026-03-01"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A fresh folder for one test's files.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backlint-report-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temporary folder is created");
    dir
}

/// The item headings of a human report, in order: `LED-31`, …
fn headings(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter_map(|line| line.strip_prefix("── "))
        .filter_map(|line| line.split(' ').next())
        .collect()
}

#[test]
fn human_layout_snapshot() {
    let output = check(&[LAYOUT]);
    assert_eq!(output.status.code(), Some(1), "an error fails the run");
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn items_come_by_their_most_severe_finding_unless_export_order_is_asked() {
    let by_severity = stdout(&check(&[LAYOUT]));
    // LED-31 has an error; LED-32 and LED-33 warnings; LED-30 a note only.
    assert_eq!(
        headings(&by_severity),
        ["LED-31", "LED-32", "LED-33", "LED-30"]
    );
    let by_export = stdout(&check(&["--sort", "export", LAYOUT]));
    assert_eq!(
        headings(&by_export),
        ["LED-30", "LED-31", "LED-32", "LED-33"]
    );
    let concise = stdout(&check(&["--format", "concise", LAYOUT]));
    let keys: Vec<&str> = concise
        .lines()
        .filter_map(|line| line.split("] ").nth(1)?.split(':').next())
        .collect();
    assert_eq!(keys, ["LED-31", "LED-32", "LED-33", "LED-30"], "{concise}");
    let refused = check(&["--sort", "rule", LAYOUT]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn findings_are_shown_on_their_field_at_the_file_s_place() {
    let report = stdout(&check(&[LAYOUT]));
    assert!(
        !report.contains(",LED-3"),
        "no raw CSV row is shown: {report}"
    );
    // The vague criterion, on the description's lines (line 16 of the file), the heading
    // at the word's place in the export.
    let text = std::fs::read_to_string(LAYOUT).expect("the fixture reads");
    let line = text
        .lines()
        .position(|l| l.contains("export is fast"))
        .unwrap()
        + 1;
    let column = text.lines().nth(line - 1).unwrap().find("fast").unwrap() + 1;
    assert!(
        report.contains(&format!("╭─[{LAYOUT}:{line}:{column}]")),
        "{report}"
    );
    assert!(
        report.contains(&format!("{line} │ - The export is fast\n")),
        "{report}"
    );
    assert!(
        report.contains(&format!("{} │ - The file has one row", line - 1)),
        "{report}"
    );
}

#[test]
fn the_total_line_counts_items_and_stories() {
    let report = stdout(&check(&[LAYOUT]));
    assert!(
        report.ends_with("✖ Found 1 error, 2 warnings and 1 note in 4 items (3 stories)\n"),
        "{report}"
    );
    let markdown = stdout(&check(&["--format", "markdown", LAYOUT]));
    assert!(
        markdown.contains("❌ 1 error, 2 warnings and 1 note in 4 items (3 stories)"),
        "{markdown}"
    );
}

#[test]
fn the_summary_says_how_many_findings_the_baseline_hid() {
    let dir = temp_dir("baseline");
    let baseline = dir.join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let written = check(&["--write-baseline", baseline, LAYOUT]);
    assert_eq!(written.status.code(), Some(0));
    // A new vague word in LED-30's story: one new finding, four known.
    let export = dir.join("export.csv");
    let text = std::fs::read_to_string(LAYOUT).expect("the fixture reads");
    let changed = text.replacen("see unpaid invoices first", "see unpaid invoices fast", 1);
    assert_ne!(text, changed);
    std::fs::write(&export, changed).expect("the export is written");
    let report = stdout(&check(&["--baseline", baseline, export.to_str().unwrap()]));
    assert!(
        report.ends_with(
            "⚠ Found 1 warning in 1 item (1 story); 4 findings hidden by the baseline\n"
        ),
        "{report}"
    );
    let html = dir.join("r.html");
    let html_arg = html.display().to_string();
    check(&[
        "--baseline",
        baseline,
        "--format",
        "html",
        "--output",
        &html_arg,
        LAYOUT,
    ]);
    let page = std::fs::read_to_string(&html).expect("the page was written");
    assert!(
        page.contains("No findings in 4 items (3 stories); 4 findings hidden by the baseline"),
        "{page}"
    );
}

#[test]
fn without_stories_health_is_not_a_figure() {
    let dir = temp_dir("no-stories");
    let export = dir.join("tasks.csv");
    std::fs::write(
        &export,
        "Summary,Issue key,Issue Type,Status,Priority\n\
         Rotate the signing keys,OPS-1,Task,To Do,High\n\
         Renew the certificate soon,OPS-2,Task,To Do,High\n",
    )
    .expect("the export is written");
    let export = export.to_str().unwrap();
    let report = stdout(&check(&[export]));
    assert!(
        report.contains("  Health: n/a, no stories were checked\n"),
        "{report}"
    );
    assert!(!report.contains("100%"), "{report}");
    let markdown = stdout(&check(&["--format", "markdown", export]));
    assert!(markdown.contains("Health: n/a"), "{markdown}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&check(&["--format", "json", export]))).expect("JSON");
    assert_eq!(json["summary"]["stories_checked"], 0);
    assert_eq!(
        json["summary"]["health"], 100.0,
        "version 1 keeps a number (docs/json-output.md)"
    );
    let page = html_page(&dir, export);
    assert!(page.contains("kpi-health health-na"), "grey card");
    assert!(page.contains("<dd class=\"figure\">n/a</dd>"));
    assert!(page.contains("class=\"ring ring-na\""));
}

/// Renders `export` as HTML into `dir` and returns the page.
fn html_page(dir: &Path, export: &str) -> String {
    let out = dir.join("r.html");
    let out_arg = out.display().to_string();
    check(&["--format", "html", "--output", &out_arg, export]);
    std::fs::read_to_string(&out).expect("the page was written")
}

#[test]
fn the_health_card_takes_the_colour_of_its_value() {
    let dir = temp_dir("health");
    // One of three stories ready: 33%, red.
    assert!(html_page(&dir, LAYOUT).contains("kpi-health health-poor"));
}

#[test]
fn html_layout_snapshot() {
    let dir = temp_dir("layout");
    let page = html_page(&dir, LAYOUT);
    let masthead = between(&page, "<header class=\"masthead\">", "</header>");
    let cards = between(
        &page,
        "<div id=\"cards\" class=\"cards\">",
        "</div><p id=\"empty\"",
    );
    // One element a line, for a readable snapshot.
    let readable = format!("{masthead}\n{cards}")
        .replace("<div class=\"kpi", "\n<div class=\"kpi")
        .replace("<li", "\n<li")
        .replace("<figure", "\n<figure")
        .replace("<pre", "\n<pre")
        .replace("<details", "\n<details")
        .replace("<p class=\"help\"", "\n<p class=\"help\"");
    insta::assert_snapshot!(readable);
}

/// The part of `text` from `start` up to `end`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect("the start is there");
    let to = from + text[from..].find(end).expect("the end is there");
    &text[from..to]
}
