//! The binary end to end: exit codes, formats and every input error.

use std::process::{Command, Output, Stdio};

fn backlint(args: &[&str]) -> Output {
    backlint_with_stdin(args, None)
}

fn backlint_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(bytes)
            .expect("stdin takes the bytes");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs a check that must fail with exit code 2, and returns what it printed on stderr.
fn input_error(args: &[&str]) -> String {
    let output = backlint(args);
    assert_eq!(
        output.status.code(),
        Some(2),
        "stdout: {}\nstderr: {}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        stdout(&output).is_empty(),
        "nothing on stdout after an error"
    );
    stderr(&output)
}

#[test]
fn findings_at_warning_pass_by_default_and_fail_with_fail_on_warning() {
    let clean = backlint(&["check", "--format", "concise", "fixtures/jira-cloud-all-fields.csv"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert!(
        stdout(&clean).contains("warning[missing-priority] PAN-3"),
        "{}",
        stdout(&clean)
    );
    let failing = backlint(&[
        "check",
        "--fail-on",
        "warning",
        "fixtures/jira-cloud-all-fields.csv",
    ]);
    assert_eq!(failing.status.code(), Some(1));
    let zero = backlint(&[
        "check",
        "--fail-on",
        "warning",
        "--exit-zero",
        "fixtures/jira-cloud-all-fields.csv",
    ]);
    assert_eq!(zero.status.code(), Some(0));
}

#[test]
fn json_output_has_the_documented_shape() {
    let output = backlint(&[
        "check",
        "--format",
        "json",
        "fixtures/jira-cloud-all-fields.csv",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(
        json["summary"]["items"], 8,
        "every issue counts, of every type"
    );
    let finding = json["findings"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|f| f["key"] == "PAN-3" && f["rule"] == "missing-priority")
        })
        .expect("PAN-3 has no priority");
    for key in [
        "rule",
        "severity",
        "message",
        "file",
        "key",
        "field",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
    ] {
        assert!(finding.get(key).is_some(), "finding lacks {key}: {finding}");
    }
    assert_eq!(finding["file"], "fixtures/jira-cloud-all-fields.csv");
    assert_eq!(finding["line"], 16);
}

#[test]
fn stdin_is_read_and_its_format_detected() {
    let csv = b"Summary,Issue key,Priority\nAs a shopper I want to pay by card,PAN-1,\n";
    let output = backlint_with_stdin(&["check", "--format", "concise", "-"], Some(csv));
    assert!(
        stdout(&output).contains("<stdin>:2:"),
        "{}",
        stdout(&output)
    );
    let forced = backlint_with_stdin(&["check", "--input-format", "lines", "-"], Some(csv));
    assert!(stdout(&forced).contains("line 1"), "{}", stdout(&forced));
}

#[test]
fn fields_shows_where_each_field_comes_from() {
    let output = backlint(&[
        "fields",
        "fixtures/jira-cloud-all-fields.csv",
        "fixtures/stories.txt",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("fixtures/jira-cloud-all-fields.csv (jira-csv, UTF-8, 8 items)"),
        "{text}"
    );
    assert!(
        text.contains(
            "estimate             Custom field (Story point estimate), Custom field (Story Points)"
        ),
        "{text}"
    );
    assert!(
        text.contains("fixtures/stories.txt (lines, UTF-8, 8 items)"),
        "{text}"
    );
    assert!(text.contains("priority             (not found)"), "{text}");
}

#[test]
fn german_headers_read_with_their_config() {
    let output = backlint(&[
        "fields",
        "--config",
        "fixtures/german-headers.backlint.toml",
        "fixtures/german-headers.csv",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("summary              Zusammenfassung"));
}

#[test]
fn every_fixture_reads() {
    for fixture in [
        "jira-cloud-all-fields.csv",
        "jira-cloud-current-fields.csv",
        "jira-server.csv",
        "excel-resaved.csv",
        "jira-v2-search.json",
        "jira-v3-search-jql-page1.json",
        "jira-single-issue.json",
        "jira-issue-array.json",
        "stories.txt",
        "stories.md",
    ] {
        let path = format!("fixtures/{fixture}");
        for command in ["check", "fields"] {
            let output = backlint(&[command, &path]);
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "{command} {path}: {}",
                stderr(&output)
            );
        }
    }
}

#[test]
fn missing_file() {
    let error = input_error(&["check", "fixtures/no-such-export.csv"]);
    assert!(
        error.contains("fixtures/no-such-export.csv: cannot read the file"),
        "{error}"
    );
}

#[test]
fn directory() {
    let error = input_error(&["check", "fixtures"]);
    assert!(
        error.contains("fixtures: is a directory, not an export file"),
        "{error}"
    );
}

#[test]
fn empty_file() {
    let error = input_error(&["check", "fixtures/errors/empty.csv"]);
    assert!(
        error.contains("fixtures/errors/empty.csv: the file is empty"),
        "{error}"
    );
}

#[test]
fn header_only() {
    insta::assert_snapshot!(input_error(&["check", "fixtures/errors/header-only.csv"]));
}

#[test]
fn unclosed_quote_says_where_it_opened() {
    insta::assert_snapshot!(input_error(&[
        "check",
        "fixtures/errors/unclosed-quote.csv"
    ]));
}

#[test]
fn truncated_json() {
    insta::assert_snapshot!(input_error(&["check", "fixtures/errors/truncated.json"]));
}

#[test]
fn json_that_is_not_jira() {
    insta::assert_snapshot!(input_error(&["check", "fixtures/errors/not-jira.json"]));
}

#[test]
fn binary_bytes() {
    insta::assert_snapshot!(input_error(&["check", "fixtures/errors/binary.csv"]));
}

#[test]
fn csv_without_a_summary_column() {
    insta::assert_snapshot!(input_error(&[
        "check",
        "fixtures/errors/no-summary-column.csv"
    ]));
}

#[test]
fn row_with_more_cells_than_the_header() {
    insta::assert_snapshot!(input_error(&["check", "fixtures/errors/ragged-rows.csv"]));
}

#[test]
fn config_with_an_unknown_field() {
    let dir = std::env::temp_dir().join(format!("backlint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("backlint.toml");
    std::fs::write(&config, "[fields]\nsumary = \"Summary\"\n").unwrap();
    let error = input_error(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        "fixtures/stories.txt",
    ]);
    assert!(
        error.contains("backlint.toml:2:1: unknown field `sumary` in [fields]"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
