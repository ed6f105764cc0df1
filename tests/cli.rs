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
        .env("COLUMNS", "100")
        .env_remove("GITHUB_WORKSPACE")
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
    let clean = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/jira-cloud-all-fields.csv",
    ]);
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
        "fixtures/jira-single-issue.json",
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
        text.contains("fixtures/jira-single-issue.json (jira-json, UTF-8, 1 item)"),
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

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("backlint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary folder");
    dir
}

#[test]
fn rules_lists_the_catalog_with_the_configuration_applied() {
    let output = backlint(&["rules", "--ignore", "grooming"]);
    let text = stdout(&output);
    assert!(text.contains("story-format"), "{text}");
    let stale = text
        .lines()
        .find(|l| l.starts_with("stale-item"))
        .expect("stale-item listed");
    assert!(stale.contains(" off "), "{stale}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&backlint(&["rules", "--format", "json"]))).expect("JSON");
    let rules = json.as_array().expect("an array");
    assert!(rules.len() >= 20);
    assert!(rules
        .iter()
        .all(|r| r["id"].is_string() && r["severity"].is_string() && r["enabled"].is_boolean()));
}

#[test]
fn explain_prints_the_rule_doc_and_suggests_on_typos() {
    let output = backlint(&["explain", "oversized-story"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("Why it matters") && text.contains("max = 13"),
        "{text}"
    );
    let typo = backlint(&["explain", "oversized"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("did you mean oversized-story?"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn docs_pages_are_current() {
    let dir = temp_dir("docs");
    let output = backlint(&["docs", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        let fresh = std::fs::read_to_string(&path).unwrap();
        let current = std::fs::read_to_string(committed.join(name)).unwrap_or_default();
        assert!(
            fresh == current,
            "docs/rules/{} is stale: run `cargo run -- docs docs/rules`",
            name.to_string_lossy()
        );
        pages += 1;
    }
    assert_eq!(
        pages,
        std::fs::read_dir(&committed).unwrap().count(),
        "docs/rules has pages of rules that no longer exist"
    );
}

#[test]
fn init_writes_a_config_that_loads_and_names_what_the_export_holds() {
    let dir = temp_dir("init");
    let config = dir.join("backlint.toml");
    let output = backlint(&[
        "init",
        "--output",
        config.to_str().unwrap(),
        "fixtures/jira-cloud-all-fields.csv",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("# Issue types in the export: Story (4), Bug (1)"),
        "{text}"
    );
    assert!(text.contains("Custom field (Team)"), "{text}");
    assert!(text.contains("story_types = [\"Story\"]"), "{text}");
    let check = backlint(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        "--format",
        "concise",
        "fixtures/jira-cloud-all-fields.csv",
    ]);
    assert!(
        matches!(check.status.code(), Some(0 | 1)),
        "{}",
        stderr(&check)
    );
    let again = backlint(&["init", "--output", config.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "does not overwrite without --force"
    );
}

#[test]
fn outputs_go_to_several_files_in_one_run() {
    let dir = temp_dir("outputs");
    let json = dir.join("report.json");
    let concise = dir.join("report.txt");
    let output = backlint(&[
        "check",
        "--format",
        "concise",
        "--output",
        concise.to_str().unwrap(),
        "--output",
        &format!("json={}", json.display()),
        "fixtures/jira-cloud-all-fields.csv",
    ]);
    assert!(
        stdout(&output).is_empty(),
        "the --format report went to its file"
    );
    assert!(std::fs::read_to_string(&concise)
        .unwrap()
        .contains("missing-priority"));
    let parsed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(parsed["version"], 1);
    let missing_folder = backlint(&[
        "check",
        "--output",
        "no/such/folder/out.txt",
        "fixtures/stories.txt",
    ]);
    assert_eq!(missing_folder.status.code(), Some(2));
    assert!(
        stderr(&missing_folder).contains("no/such/folder/out.txt: cannot write the file"),
        "{}",
        stderr(&missing_folder)
    );
}

#[test]
fn baseline_round_trip() {
    let dir = temp_dir("baseline");
    let baseline = dir.join("baseline.json");
    let export = dir.join("export.csv");
    std::fs::copy("fixtures/jira-cloud-all-fields.csv", &export).unwrap();
    let write = backlint(&[
        "check",
        "--write-baseline",
        baseline.to_str().unwrap(),
        export.to_str().unwrap(),
    ]);
    assert_eq!(write.status.code(), Some(0), "{}", stderr(&write));
    let again = backlint(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "info",
        "--baseline",
        baseline.to_str().unwrap(),
        export.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(
        json["summary"]["findings"], 0,
        "everything is in the baseline"
    );
    assert_eq!(again.status.code(), Some(0));
    // Fix one finding (give PAN-3 a priority): its entry is reported as fixed.
    let text = std::fs::read_to_string(&export).unwrap();
    let fixed = text.replacen("To Do,PAN,Pantry,software,Alex Doe,712020:2f1c6a4e-8b1d-4f0e-9a3b-5c6d7e8f9a0b,\"Grocery delivery app: browse, basket, checkout, delivery.\",,", "To Do,PAN,Pantry,software,Alex Doe,712020:2f1c6a4e-8b1d-4f0e-9a3b-5c6d7e8f9a0b,\"Grocery delivery app: browse, basket, checkout, delivery.\",High,", 1);
    assert_ne!(text, fixed, "the fixture row changed");
    std::fs::write(&export, fixed).unwrap();
    let after = backlint(&[
        "check",
        "--format",
        "concise",
        "--baseline",
        baseline.to_str().unwrap(),
        export.to_str().unwrap(),
    ]);
    assert!(stdout(&after).is_empty(), "{}", stdout(&after));
    assert!(
        stderr(&after).contains("1 baseline entries no longer occur (fixed)"),
        "{}",
        stderr(&after)
    );
    assert!(
        stderr(&after).contains("PAN-3 missing-priority"),
        "{}",
        stderr(&after)
    );
}

#[test]
fn statistics_count_per_rule() {
    let output = backlint(&["check", "--statistics", "fixtures/stories.txt"]);
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.contains("vague-language"))
        .expect("vague-language counted");
    assert!(line.trim_start().starts_with('3'), "{line}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = backlint(&["check", "fixtures/stories.txt"]);
    assert!(
        !stdout(&plain).contains('\u{1b}'),
        "piped output has no escape codes"
    );
    let forced = backlint(&["check", "--color", "always", "fixtures/stories.txt"]);
    assert!(stdout(&forced).contains('\u{1b}'));
}

#[test]
fn unknown_rule_in_select_is_an_error() {
    let output = backlint(&[
        "check",
        "--select",
        "vague-langauge",
        "fixtures/stories.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown rule or category `vague-langauge`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn broken_pipe_exits_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["check", "--format", "concise", "fixtures/stories.txt"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut errors = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut errors)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!errors.contains("panicked"), "{errors}");
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
}

/// The human report as a person sees it, on a fixture with findings of every kind.
#[test]
fn human_report_snapshot() {
    let output = backlint(&[
        "check",
        "--today",
        "2026-03-01",
        "fixtures/jira-cloud-all-fields.csv",
        "fixtures/stories.txt",
    ]);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn concise_and_json_snapshots() {
    let concise = backlint(&[
        "check",
        "--format",
        "concise",
        "--today",
        "2026-03-01",
        "fixtures/jira-server.csv",
    ]);
    insta::assert_snapshot!("concise_jira_server", stdout(&concise));
    let json = backlint(&[
        "check",
        "--format",
        "json",
        "--today",
        "2026-03-01",
        "fixtures/jira-v3-search-jql-page1.json",
        "fixtures/jira-v3-search-jql-page2.json",
    ]);
    insta::assert_snapshot!("json_v3_pages", stdout(&json));
}

#[test]
fn a_team_rule_from_rules_dir_runs_and_a_broken_one_is_reported_in_place() {
    let dir = temp_dir("team-rules");
    let rules = dir.join("backlint-rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("team-needs-component.toml"),
        r#"id = "team-needs-component"
category = "grooming"
severity = "warning"
summary = "Stories in a sprint name their component"
message = "in a sprint, but no component"
help = "Set the component, so the right people review it."
why = "Our review rota is per component."

[example]
bad = "PAN-7 in Sprint 3 with no Components"
good = "PAN-7 with Components: Checkout"

[when]
in_sprint = true

[check]
kind = "required"
field = "Components"
"#,
    )
    .unwrap();
    let config = dir.join("backlint.toml");
    std::fs::write(
        &config,
        "rules_dir = \"backlint-rules\"\nselect = [\"team-needs-component\"]\n",
    )
    .unwrap();
    let export = dir.join("export.csv");
    std::fs::write(&export, "Summary,Issue key,Issue Type,Sprint,Components\nAs a shopper I want A,PAN-1,Story,Sprint 3,\nAs a shopper I want B,PAN-2,Story,Sprint 3,Checkout\nAs a shopper I want C,PAN-3,Story,,\n").unwrap();
    let output = backlint(&[
        "check",
        "--format",
        "concise",
        "--config",
        config.to_str().unwrap(),
        export.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&output).lines().count(), 1, "{}", stdout(&output));
    assert!(
        stdout(&output)
            .contains("warning[team-needs-component] PAN-1: in a sprint, but no component"),
        "{}",
        stdout(&output)
    );

    std::fs::write(
        rules.join("broken.toml"),
        "id = \"Broken Rule\"\ncategory = \"grooming\"\n",
    )
    .unwrap();
    let broken = backlint(&[
        "check",
        "--config",
        config.to_str().unwrap(),
        export.to_str().unwrap(),
    ]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        stderr(&broken).contains("broken.toml:1:1: invalid rule"),
        "{}",
        stderr(&broken)
    );
}
