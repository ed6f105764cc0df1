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
    input_error_with_stdin(args, None)
}

/// [`input_error`], with `stdin` on standard input.
fn input_error_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> String {
    let output = backlint_with_stdin(args, stdin);
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
fn warnings_fail_by_default_and_notes_never_do() {
    let warnings = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/jira-cloud-all-fields.csv",
    ]);
    assert_eq!(warnings.status.code(), Some(1), "{}", stderr(&warnings));
    assert!(
        stdout(&warnings).contains("warning[missing-priority] PAN-3"),
        "{}",
        stdout(&warnings)
    );
    let errors_only = backlint(&[
        "check",
        "--fail-on",
        "error",
        "fixtures/jira-cloud-all-fields.csv",
    ]);
    assert_eq!(errors_only.status.code(), Some(0));
    let zero = backlint(&["check", "--exit-zero", "fixtures/jira-cloud-all-fields.csv"]);
    assert_eq!(zero.status.code(), Some(0));
    // Only notes (stale-item is info): the default passes, `--fail-on info` fails.
    let notes = ["check", "--select", "stale-item", "--today", "2030-01-01"];
    let notes_only = backlint(&[&notes[..], &["fixtures/jira-cloud-all-fields.csv"]].concat());
    assert!(
        stdout(&notes_only).contains("stale-item"),
        "{}",
        stdout(&notes_only)
    );
    assert_eq!(notes_only.status.code(), Some(0), "{}", stdout(&notes_only));
    let info = backlint(
        &[
            &notes[..],
            &["--fail-on", "info", "fixtures/jira-cloud-all-fields.csv"],
        ]
        .concat(),
    );
    assert_eq!(info.status.code(), Some(1));
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

/// Jira's Spanish UI: read, mapped and checked with no configuration; stories typed
/// `Historia`; an item in the `Listo` (Done) category is not checked.
#[test]
fn jira_in_spanish_reads_with_no_configuration() {
    let fields = backlint(&["fields", "fixtures/jira-spanish-ui.csv"]);
    assert_eq!(fields.status.code(), Some(0), "{}", stderr(&fields));
    let text = stdout(&fields);
    for line in [
        "fixtures/jira-spanish-ui.csv (jira-csv, UTF-8, 5 items)",
        "summary              Resumen",
        "key                  Clave de incidencia",
        "estimate             Campo personalizado (Story Points)",
        "acceptance_criteria  Campo personalizado (Acceptance Criteria)",
        "parent               Clave principal, Principal",
        "labels               Etiquetas ×2",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let check = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/jira-spanish-ui.csv",
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let findings = stdout(&check);
    assert!(
        findings.contains("fixtures/jira-spanish-ui.csv:3:202: error[missing-estimate] DES-3"),
        "{findings}"
    );
    assert!(!findings.contains("DES-4"), "DES-4 is done: {findings}");
    assert!(stderr(&check).is_empty(), "{}", stderr(&check));
    let rendered = backlint(&[
        "check",
        "--select",
        "missing-acceptance-criteria",
        "fixtures/jira-spanish-ui.csv",
    ]);
    assert_eq!(rendered.status.code(), Some(1), "{}", stderr(&rendered));
    insta::assert_snapshot!(stdout(&rendered));
}

#[test]
fn jira_in_german_reads_with_no_configuration() {
    let output = backlint(&["fields", "fixtures/jira-german-ui.csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("summary              Zusammenfassung"),
        "{text}"
    );
    assert!(
        text.contains("estimate             Benutzerdefinierte Felder (Story Points)"),
        "{text}"
    );
    let check = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/jira-german-ui.csv",
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(!stdout(&check).contains("SPK-22"), "SPK-22 is done");
}

/// `gh issue list --json …` output, recognised by its content: fields from the issue's
/// keys and its labels, criteria found in the Markdown body, findings pointing into it.
#[test]
fn github_issues_read_by_content() {
    let fields = backlint(&["fields", "fixtures/github-issues.json"]);
    assert_eq!(fields.status.code(), Some(0), "{}", stderr(&fields));
    let text = stdout(&fields);
    for line in [
        "fixtures/github-issues.json (github-issues, UTF-8, 4 items)",
        "key                  number",
        "description          body",
        "issue_type           labels[].name (as \"type: story\")",
        "priority             labels[].name (as \"priority: high\")",
        "sprint               milestone.title",
        "estimate             (not found)",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let check = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/github-issues.json",
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let findings = stdout(&check);
    assert!(
        findings.contains(
            "fixtures/github-issues.json:19:14: warning[missing-acceptance-criteria] #13"
        ),
        "{findings}"
    );
    // #9 is closed; #12's criteria are found under their heading, so only one is judged.
    assert!(!findings.contains("#9"), "{findings}");
    assert!(
        !findings.contains("missing-acceptance-criteria] #12"),
        "{findings}"
    );
    let rendered = backlint(&[
        "check",
        "--select",
        "untestable-acceptance-criteria",
        "fixtures/github-issues.json",
    ]);
    assert_eq!(rendered.status.code(), Some(1), "{}", stderr(&rendered));
    insta::assert_snapshot!(stdout(&rendered));
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
        "excel-unicode-text.txt",
        "header-only.csv",
        "jira-search-empty.json",
        "jira-search-no-summary.json",
        "jira-spanish-ui.csv",
        "jira-german-ui.csv",
        "github-issues.json",
        "german-headers.csv",
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
fn a_folder_means_every_export_directly_in_it_in_name_order() {
    let dir = temp_dir("folder");
    for (fixture, name) in [
        ("stories.txt", "b-stories.txt"),
        ("jira-server.csv", "a-server.csv"),
        ("jira-v2-search.json", "c-search.json"),
        ("stories.md", ".hidden.md"),
        ("stories.md", "sub/nested.md"),
    ] {
        let target = dir.join(name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(format!("fixtures/{fixture}"), target).unwrap();
    }
    std::fs::write(dir.join("backlint.toml"), "select = [\"all\"]\n").unwrap();
    std::fs::write(dir.join("README"), "not an export\n").unwrap();
    let output = backlint(&["fields", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let read: Vec<String> = stdout(&output)
        .lines()
        .filter(|l| l.starts_with('/'))
        .map(|l| {
            l.split(' ')
                .next()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(read, ["a-server.csv", "b-stories.txt", "c-search.json"]);

    let empty = temp_dir("empty-folder");
    std::fs::write(empty.join("notes.toml"), "x = 1\n").unwrap();
    let error = input_error(&["check", empty.to_str().unwrap()]);
    assert!(error.contains("the folder holds no export"), "{error}");
    assert!(error.contains(".csv, .tsv, .json"), "{error}");
}

#[test]
fn a_quoted_glob_pattern_is_expanded_by_backlint() {
    let output = backlint(&[
        "check",
        "--format",
        "json",
        "fixtures/jira-v3-search-jql-page*.json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["summary"]["files"], 2, "{}", stderr(&output));
    let nested = backlint(&["fields", "fixtures/**/no-header.csv"]);
    assert!(
        stdout(&nested).contains("fixtures/errors/no-header.csv")
            || stderr(&nested).contains("fixtures/errors/no-header.csv"),
        "`**` crosses folders: {}{}",
        stdout(&nested),
        stderr(&nested)
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

/// An export whose filter matched nothing is an empty backlog, not an error, so a nightly
/// job does not fail on it; standard error says so first.
#[test]
fn an_export_with_no_issues_is_an_empty_backlog() {
    for fixture in [
        "fixtures/header-only.csv",
        "fixtures/jira-search-empty.json",
    ] {
        let output = backlint(&["check", "--format", "json", fixture]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        // The warning, and no note of rules skipped for fields an empty export lacks.
        assert_eq!(
            stderr(&output),
            format!("warning: {fixture}: the export holds no issues, so the backlog it gives is empty; if issues were expected, check the filter or JQL it was exported with\n"),
        );
        let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
        assert_eq!(json["summary"]["items"], 0, "{json}");
        assert_eq!(json["findings"], serde_json::json!([]));
    }
    let with_issues = backlint(&["check", "fixtures/header-only.csv", "fixtures/stories.txt"]);
    assert_eq!(
        with_issues.status.code(),
        Some(1),
        "the stories have warnings"
    );
    let warnings: Vec<&str> = std::str::from_utf8(&with_issues.stderr)
        .unwrap()
        .lines()
        .filter(|line| line.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "only the empty file is named: {warnings:?}"
    );
    assert!(warnings[0].starts_with("warning: fixtures/header-only.csv:"));
}

/// A REST response whose request left `summary` out is read; the rules that need the
/// missing fields are skipped with the note CSV exports get for missing columns.
#[test]
fn json_without_summaries_is_read_and_says_what_was_skipped() {
    let output = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/jira-search-no-summary.json",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let findings: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(
        findings,
        [
            "fixtures/jira-search-no-summary.json:18:5: warning[missing-priority] PAN-42: no priority",
            "fixtures/jira-search-no-summary.json:29:5: warning[missing-estimate] PAN-43: ready or in a sprint, but no estimate",
        ]
    );
    let notes = stderr(&output);
    assert!(
        notes.starts_with("note: fixtures/jira-search-no-summary.json has no acceptance_criteria, assignee, description, parent, summary, updated field, so these rules did not run on it: "),
        "{notes}"
    );
    assert!(notes.contains("missing-summary"), "{notes}");
}

/// Excel's "Unicode text": UTF-16LE with a byte order mark, tab-separated, saved as .txt.
#[test]
fn utf16_tab_separated_text_reads_as_a_delimited_export() {
    let output = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/excel-unicode-text.txt",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

/// Jira's XML export: recognised by Jira's comment, custom fields by their names, the
/// description's escaped HTML made plain, findings pointing into it.
#[test]
fn jira_xml_export() {
    let fields = backlint(&["fields", "fixtures/jira-xml.xml"]);
    assert_eq!(fields.status.code(), Some(0), "{}", stderr(&fields));
    let text = stdout(&fields);
    for line in [
        "fixtures/jira-xml.xml (jira-xml, UTF-8, 4 items)",
        "estimate             customfield_10016 (Story Points)",
        "parent               customfield_10014 (Epic Link)",
        "status_category      statusCategory@key",
        "labels               labels/label",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let check = backlint(&["check", "--format", "concise", "fixtures/jira-xml.xml"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let findings = stdout(&check);
    // LED-34 is in the Done category; LED-32 is unassigned, not assigned to "Unassigned".
    assert!(!findings.contains("LED-34"), "{findings}");
    assert!(
        findings.contains("fixtures/jira-xml.xml:86:5: error[missing-estimate] LED-33"),
        "{findings}"
    );
    let rendered = backlint(&[
        "check",
        "--select",
        "untestable-acceptance-criteria",
        "fixtures/jira-xml.xml",
    ]);
    assert_eq!(rendered.status.code(), Some(1), "{}", stderr(&rendered));
    insta::assert_snapshot!(stdout(&rendered));
}

/// Azure DevOps's CSV export of a tree query: recognised by its `ID` and `Work Item Type`
/// columns, each level's title in its own column, the rich-text criteria made plain and
/// findings pointing into the HTML in the CSV cell.
#[test]
fn azure_devops_csv_export() {
    let fields = backlint(&["fields", "fixtures/azure-devops-tree.csv"]);
    assert_eq!(fields.status.code(), Some(0), "{}", stderr(&fields));
    let text = stdout(&fields);
    for line in [
        "fixtures/azure-devops-tree.csv (azure-devops-csv, UTF-8 with BOM, 6 items)",
        "summary              Title 1, Title 2, Title 3",
        "parent               the row one level up (tree query)",
        "acceptance_criteria  Acceptance Criteria",
        "sprint               Iteration Path",
        "labels               Tags",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let check = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/azure-devops-tree.csv",
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let findings = stdout(&check);
    // 4104 is Closed; the epic, the feature and the bug are no stories.
    for key in ["4100", "4101", "4104", "4105"] {
        assert!(!findings.contains(&format!(" {key}:")), "{key}\n{findings}");
    }
    // 4103 is New on the root iteration path (`Pantry`): in the backlog, where an estimate
    // is not asked for yet.
    assert!(
        findings.contains("fixtures/azure-devops-tree.csv:5:19: warning[story-format] 4103"),
        "{findings}"
    );
    assert!(!findings.contains("missing-estimate"), "{findings}");
    let rendered = backlint(&[
        "check",
        "--select",
        "untestable-acceptance-criteria",
        "fixtures/azure-devops-tree.csv",
    ]);
    assert_eq!(rendered.status.code(), Some(1), "{}", stderr(&rendered));
    insta::assert_snapshot!(stdout(&rendered));
}

/// A flat query of the Scrum process: `Product Backlog Item` is a story, `Effort` its
/// estimate, `Done` not checked, an `Impediment` no story.
#[test]
fn azure_devops_scrum_backlog() {
    let check = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/azure-devops-scrum.csv",
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let findings = stdout(&check);
    // 5202 sits on the root iteration path (`Ledger`): in the backlog, not a sprint, so
    // it is judged at the backlog's stage, with the rule's own severity.
    assert!(
        findings.contains("fixtures/azure-devops-scrum.csv:3:27: warning[story-format] 5202"),
        "{findings}"
    );
    assert!(!findings.contains("missing-estimate"), "{findings}");
    // 5201 is a well-written story with Given/When/Then criteria in rich text.
    for key in ["5201", "5203", "5204"] {
        assert!(!findings.contains(&format!(" {key}:")), "{key}\n{findings}");
    }
    let human = backlint(&["check", "fixtures/azure-devops-scrum.csv"]);
    assert!(
        stdout(&human).contains("4 items read, 3 in scope, 2 stories checked"),
        "{}",
        stdout(&human)
    );
}

/// A query whose columns leave out the title: the error says to add it.
#[test]
fn azure_devops_csv_without_a_title() {
    insta::assert_snapshot!(input_error(&[
        "check",
        "fixtures/errors/azure-devops-no-title.csv"
    ]));
}

/// GitLab's and Linear's CSV exports: recognised by their headers, Markdown descriptions
/// made plain, labels that carry the type and priority.
#[test]
fn gitlab_and_linear_csv_exports() {
    let fields = backlint(&[
        "fields",
        "fixtures/gitlab-issues.csv",
        "fixtures/linear-issues.csv",
    ]);
    assert_eq!(fields.status.code(), Some(0), "{}", stderr(&fields));
    let text = stdout(&fields);
    for line in [
        "fixtures/gitlab-issues.csv (gitlab-csv, UTF-8, 4 items)",
        "issue_type           Labels (as \"type: story\" or \"type::story\")",
        "estimate             Weight, Labels (as \"points: 3\" or \"points::3\")",
        "parent_summary       Epic Title",
        "fixtures/linear-issues.csv (linear-csv, UTF-8, 4 items)",
        "sprint               Cycle Number",
        "parent               Parent issue",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let check = backlint(&[
        "check",
        "--format",
        "concise",
        "fixtures/gitlab-issues.csv",
        "fixtures/linear-issues.csv",
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let findings = stdout(&check);
    // Closed and Done items are not checked; bugs (a `bug` or `Bug` label) are no stories.
    for key in [" 9:", " 14:", "ENG-19", "ENG-23"] {
        assert!(!findings.contains(key), "{key}\n{findings}");
    }
    // `No priority` is no priority, pointed at where it is written.
    assert!(
        findings.contains("fixtures/linear-issues.csv:9:49: warning[missing-priority] ENG-22"),
        "{findings}"
    );
    let rendered = backlint(&[
        "check",
        "--select",
        "untestable-acceptance-criteria,vague-language",
        "fixtures/gitlab-issues.csv",
        "fixtures/linear-issues.csv",
    ]);
    assert_eq!(rendered.status.code(), Some(1), "{}", stderr(&rendered));
    insta::assert_snapshot!(stdout(&rendered));
}

/// A GitLab export cut off inside a description (a truncated download): the open quote.
#[test]
fn gitlab_csv_cut_off() {
    insta::assert_snapshot!(input_error(&[
        "check",
        "fixtures/errors/gitlab-cut-off.csv"
    ]));
}

/// Another tracker's export read as Linear's: the error names the column Linear writes.
#[test]
fn linear_csv_forced_on_a_jira_export() {
    insta::assert_snapshot!(input_error(&[
        "check",
        "--input-format",
        "linear-csv",
        "fixtures/jira-server.csv"
    ]));
}

/// A Trello board's JSON export: recognised by a board's keys, lists as statuses,
/// checklists as criteria, findings pointing into the checklist item's string.
#[test]
fn trello_board_export() {
    let fields = backlint(&["fields", "fixtures/trello-board.json"]);
    assert_eq!(fields.status.code(), Some(0), "{}", stderr(&fields));
    let text = stdout(&fields);
    for line in [
        "fixtures/trello-board.json (trello-json, UTF-8, 5 items)",
        "acceptance_criteria  checklists[].checkItems[].name (idCard)",
        "status               idList → lists[].name",
        "estimate             customFieldItems → customFields[].name \"Story Points\"",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let rendered = backlint(&[
        "check",
        "--select",
        "untestable-acceptance-criteria,missing-priority",
        "fixtures/trello-board.json",
    ]);
    assert_eq!(rendered.status.code(), Some(1), "{}", stderr(&rendered));
    // The archived card (#9) and the card on an archived list (#5) are not checked.
    insta::assert_snapshot!(stdout(&rendered));
}

/// A Trello export cut off in the middle: detected by the board's first keys, refused
/// where the file ends.
#[test]
fn trello_board_cut_off() {
    insta::assert_snapshot!(input_error(&[
        "check",
        "fixtures/errors/trello-cut-off.json"
    ]));
}

/// Rows without their header on standard input: no story-list fallback.
#[test]
fn delimited_text_without_a_header() {
    let rows = b"PAN-1,As a shopper I want to pay by card,Story\nPAN-2,Faster search,Task\n";
    insta::assert_snapshot!(input_error_with_stdin(&["check", "-"], Some(rows)));
}

/// A story list is read as one only when it says so: its name or --input-format lines.
#[test]
fn a_story_list_on_standard_input_needs_input_format_lines() {
    let stories = b"As a shopper I want to pay by card\nFaster search\n";
    insta::assert_snapshot!(input_error_with_stdin(&["check", "-"], Some(stories)));
    let read = backlint_with_stdin(
        &[
            "check",
            "--format",
            "concise",
            "--input-format",
            "lines",
            "-",
        ],
        Some(stories),
    );
    assert_eq!(read.status.code(), Some(1), "{}", stderr(&read));
    assert!(
        stdout(&read).contains("<stdin>:2:1: warning[story-format] line 2: \"Faster search\""),
        "{}",
        stdout(&read)
    );
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

/// An error message as one line: the report wraps it at the terminal's width.
fn unwrapped(error: &str) -> String {
    let words: Vec<&str> = error.split_whitespace().filter(|w| *w != "│").collect();
    words.join(" ")
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
fn explain_prints_the_rule_doc() {
    let output = backlint(&["explain", "oversized-story"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("Why it matters") && text.contains("max = 13"),
        "{text}"
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
    assert!(
        text.contains("[[readiness.stages]]\nname = \"ready\"\nin_sprint = true\n"),
        "{text}"
    );
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

    // The ready stage takes the ready-like statuses the export uses.
    let sprints = dir.join("sprints.toml");
    let output = backlint(&[
        "init",
        "--output",
        sprints.to_str().unwrap(),
        "fixtures/readiness-sprints.csv",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(&sprints).unwrap();
    assert!(
        text.contains("statuses = [\"Ready for Development\", \"Selected for Development\"]"),
        "{text}"
    );
    let check = backlint(&[
        "check",
        "--config",
        sprints.to_str().unwrap(),
        "--today",
        "2026-03-01",
        "--fail-under",
        "50",
        "--fail-on",
        "never",
        "fixtures/readiness-sprints.csv",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
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
    assert!(line.trim_start().starts_with('5'), "{line}");
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

/// Command lines that must be refused (exit code 2), with what stderr must say.
const REFUSED: &[(&[&str], &str)] = &[
    (
        &["check", "--select", "nonatomic", "fixtures/stories.txt"],
        "unknown rule or category `nonatomic` on the command line",
    ),
    (
        &[
            "check",
            "--select",
            "vague-langauge",
            "fixtures/stories.txt",
        ],
        "did you mean vague-language?",
    ),
    (
        &[
            "check",
            "--extend-select",
            "groming",
            "fixtures/stories.txt",
        ],
        "did you mean grooming?",
    ),
    (
        &[
            "check",
            "--ignore",
            "missing-estimat",
            "fixtures/stories.txt",
        ],
        "did you mean missing-estimate?",
    ),
    (
        &["rules", "--select", "velocity"],
        "`backlint rules` lists the rules; the categories are format, quality",
    ),
    (&["explain", "oversized"], "did you mean oversized-story?"),
    (
        &["check", "--output", "pdf=a.pdf", "fixtures/stories.txt"],
        "--output pdf=a.pdf: there is no format `pdf`",
    ),
    (
        &["check", "--output", "pdf=a.pdf", "fixtures/stories.txt"],
        "the formats are human, ",
    ),
    (
        &["check", "--output", "sarif=", "fixtures/stories.txt"],
        "--output sarif=: no file after `=`",
    ),
    (
        &["check", "fixtures/*.no-such-extension"],
        "no file matches the pattern `fixtures/*.no-such-extension`",
    ),
];

#[test]
fn refused_command_lines_say_why_and_what_was_meant() {
    for (args, expected) in REFUSED {
        let output = backlint(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty(), "{args:?}: {}", stdout(&output));
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: expected {expected:?} in {}",
            stderr(&output)
        );
    }
}

#[test]
fn check_help_is_grouped_and_gives_examples_and_exit_codes() {
    for flag in ["-h", "--help"] {
        let output = backlint(&["check", flag]);
        assert_eq!(output.status.code(), Some(0));
        let help = stdout(&output);
        let headings: Vec<&str> = help
            .lines()
            .filter(|l| !l.starts_with(' ') && l.ends_with(':'))
            .collect();
        assert_eq!(
            headings,
            [
                "Options:",
                "Rule selection:",
                "Input:",
                "Limits:",
                "Output:",
                "Exit code:",
                "Examples:",
                "Exit codes:"
            ],
            "{help}"
        );
        assert!(help.contains("  2  an error"), "{help}");
        assert!(help.contains("backlint check exports/"), "{help}");
    }
}

#[test]
fn a_file_name_with_an_equals_sign_is_written_when_it_is_a_path() {
    let dir = temp_dir("equals");
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["check", "--format", "concise", "--output", "./a=b.txt"])
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/stories.txt"))
        .current_dir(&dir)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let written = std::fs::read_to_string(dir.join("a=b.txt")).expect("a=b.txt is written");
    assert!(written.contains("vague-language"), "{written}");
    assert!(!std::path::Path::new("a.pdf").exists());
}

/// An export with a label naming no rule (a warning) and missing columns (a note).
fn export_with_a_mistyped_label(dir: &std::path::Path) -> std::path::PathBuf {
    let export = dir.join("export.csv");
    std::fs::write(
        &export,
        "Summary,Issue key,Issue Type,Status,Labels\n\
         As a shopper I want to pay by card so that I save time,PAN-1,Story,To Do,backlint-ignore:missing-estimat\n\
         Make the search fast and easy,PAN-2,Story,To Do,\n",
    )
    .unwrap();
    export
}

#[test]
fn quiet_prints_the_summary_and_silent_nothing_with_the_same_exit_code() {
    let dir = temp_dir("quiet");
    let export = export_with_a_mistyped_label(&dir);
    let export = export.to_str().unwrap();
    let normal = backlint(&["check", export]);
    assert_eq!(normal.status.code(), Some(1), "{}", stderr(&normal));
    assert!(stdout(&normal).contains("── PAN-2"), "{}", stdout(&normal));
    assert!(stderr(&normal).contains("note: "), "{}", stderr(&normal));
    for quiet in ["-q", "--quiet"] {
        for format in ["human", "concise"] {
            let output = backlint(&["check", quiet, "--format", format, export]);
            assert_eq!(output.status.code(), Some(1));
            let text = stdout(&output);
            assert!(
                text.contains("Summary") && text.contains("warning"),
                "{text}"
            );
            assert!(!text.contains("PAN-2"), "no finding is shown: {text}");
            let error = stderr(&output);
            assert!(
                error.contains("warning: ") && !error.contains("note: "),
                "{error}"
            );
        }
    }
    let json = backlint(&["check", "-q", "--format", "json", export]);
    assert!(
        stdout(&json).contains("\"findings\""),
        "data formats are whole"
    );
    for silent in ["-s", "--silent"] {
        let output = backlint(&["check", silent, export]);
        assert_eq!(output.status.code(), Some(1));
        assert!(stdout(&output).is_empty(), "{}", stdout(&output));
        assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    }
    let report = dir.join("report.json");
    let to_file = backlint(&[
        "check",
        "-s",
        "--output",
        &format!("json={}", report.display()),
        export,
    ]);
    assert_eq!(to_file.status.code(), Some(1));
    assert!(std::fs::read_to_string(&report).unwrap().contains("PAN-2"));
    let error = backlint(&["check", "-s", "fixtures/no-such-export.csv"]);
    assert_eq!(error.status.code(), Some(2));
    assert!(
        stderr(&error).contains("cannot read the file"),
        "errors still show"
    );
}

/// `backlint check` in `dir` (its backlint.toml is found there) on the fixture `export`,
/// in the concise format.
fn check_in(dir: &std::path::Path, args: &[&str], export: &str) -> Output {
    let export = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(export);
    let mut command = Command::new(env!("CARGO_BIN_EXE_backlint"));
    command
        .arg("check")
        .args(["--format", "concise", "--today", "2030-01-01"])
        .args(args)
        .arg(&export)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_WORKSPACE");
    command.output().expect("the binary runs")
}

fn rules_reported(output: &Output) -> Vec<String> {
    let mut rules: Vec<String> = stdout(output)
        .lines()
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_owned()))
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn the_command_line_selects_over_the_configuration_as_ruff_does() {
    let dir = temp_dir("selection");
    std::fs::write(
        dir.join("backlint.toml"),
        "select = [\"grooming\", \"prioritisation\"]\nignore = [\"stale-item\"]\n",
    )
    .unwrap();
    let export = "fixtures/jira-cloud-all-fields.csv";
    let configured = rules_reported(&check_in(&dir, &[], export));
    assert!(
        configured.contains(&"missing-priority".to_owned()),
        "{configured:?}"
    );
    assert!(
        !configured.contains(&"stale-item".to_owned()),
        "{configured:?}"
    );
    // --select replaces the configuration's selection, its ignore included.
    let selected = check_in(&dir, &["--select", "stale-item"], export);
    assert_eq!(
        rules_reported(&selected),
        ["stale-item"],
        "{}",
        stderr(&selected)
    );
    // --extend-select adds to it, and wins over its ignore.
    let extended = rules_reported(&check_in(&dir, &["--extend-select", "stale-item"], export));
    assert_eq!(
        extended,
        [configured.clone(), vec!["stale-item".to_owned()]]
            .concat()
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    // --ignore wins over the configuration's select.
    let ignored = rules_reported(&check_in(&dir, &["--ignore", "missing-priority"], export));
    assert!(
        !ignored.contains(&"missing-priority".to_owned()),
        "{ignored:?}"
    );
    assert!(!ignored.is_empty(), "the other grooming rules still run");
}

#[test]
fn an_unknown_rule_in_the_configuration_points_at_it_and_suggests() {
    let dir = temp_dir("config-typo");
    std::fs::write(
        dir.join("backlint.toml"),
        "select = [\"all\"]\nignore = [\"stale-item\", \"nonatomic\"]\n",
    )
    .unwrap();
    let output = check_in(&dir, &[], "fixtures/stories.txt");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let error = stderr(&output);
    assert!(
        error.contains("backlint.toml:2:")
            && error.contains("unknown rule or category `nonatomic`"),
        "{error}"
    );
    assert!(error.contains("did you mean non-atomic?"), "{error}");
}

#[test]
fn a_suppression_label_naming_no_rule_is_a_warning_with_the_rule_meant() {
    let dir = temp_dir("label-typo");
    let export = export_with_a_mistyped_label(&dir);
    let output = backlint(&["check", "--format", "concise", export.to_str().unwrap()]);
    let error = stderr(&output);
    assert!(
        error.contains(
            "export.csv:2:74: PAN-1: the label `backlint-ignore:missing-estimat` names no rule"
        ),
        "{error}"
    );
    assert!(error.contains("did you mean missing-estimate?"), "{error}");
    assert!(
        !stdout(&output).contains("unused-suppression"),
        "reported as unknown, not as unused: {}",
        stdout(&output)
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

/// A team rule that names a variable its check does not fill, or a `[[test]]` that is
/// neither pass nor fail, is refused when it loads, at its place in the file.
#[test]
fn a_misspelt_message_variable_or_a_malformed_case_is_refused_on_load() {
    let dir = temp_dir("team-rule-template");
    let rules = dir.join("backlint-rules");
    std::fs::create_dir_all(&rules).unwrap();
    let rule = |message: &str, tail: &str| {
        format!(
            "id = \"team-needs-component\"\ncategory = \"grooming\"\nseverity = \"warning\"\n\
             summary = \"Stories name their component\"\nmessage = \"{message}\"\n\
             help = \"Set the component.\"\nwhy = \"Reviews are per component.\"\n\n\
             [example]\nbad = \"no component\"\ngood = \"Components: Checkout\"\n\n\
             [check]\nkind = \"required\"\nfield = \"Components\"\n{tail}"
        )
    };
    let config = dir.join("backlint.toml");
    std::fs::write(&config, "rules_dir = \"backlint-rules\"\n").unwrap();
    let export = dir.join("export.csv");
    std::fs::write(&export, "Summary,Issue key\nAs a shopper I want A,PAN-1\n").unwrap();
    let run = || {
        backlint(&[
            "check",
            "--config",
            config.to_str().unwrap(),
            export.to_str().unwrap(),
        ])
    };

    let file = rules.join("team-needs-component.toml");
    std::fs::write(&file, rule("{key} {vaule}", "")).unwrap();
    let output = run();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("team-needs-component.toml:5:11:"), "{err}");
    assert!(
        err.contains("`{vaule}`, which this check does not fill"),
        "{err}"
    );
    assert!(
        err.contains("the message can name {key}, {field} or {problem}"),
        "{err}"
    );

    let case = "\n[[test]]\nfail = { Summary = \"A\" }\npass = { Summary = \"B\" }\n";
    std::fs::write(&file, rule("{key} {problem}", case)).unwrap();
    let output = run();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("team-needs-component.toml:17:1:"), "{err}");
    assert!(err.contains("either `fail` or `pass`, not both"), "{err}");

    std::fs::write(&file, rule("{key} {problem}", "")).unwrap();
    assert_eq!(
        run().status.code(),
        Some(1),
        "the rule loads and finds PAN-1"
    );
}

#[test]
fn a_backlog_of_tasks_says_no_story_was_checked_and_how_to_include_them() {
    let output = backlint(&["check", "fixtures/task-typed.csv"]);
    assert_eq!(output.status.code(), Some(0), "no finding at warning");
    assert!(
        stdout(&output).contains("Health: n/a, no stories were checked"),
        "{}",
        stdout(&output)
    );
    let err = stderr(&output);
    assert!(
        err.contains("note: no stories checked")
            && err.contains("Task (6), Bug (1), Epic (1)")
            && err.contains(
                "story_types = [\"Story\", \"User Story\", \"Historia\", \"História\", \"Storia\", \"Product Backlog Item\", \"Task\"]"
            ),
        "{err}"
    );
    let with_tasks = temp_dir("task-typed-config").join("backlint.toml");
    std::fs::write(&with_tasks, "[scope]\nstory_types = [\"Task\"]\n").unwrap();
    let output = backlint(&[
        "check",
        "--config",
        with_tasks.to_str().unwrap(),
        "fixtures/task-typed.csv",
    ]);
    assert!(!stderr(&output).contains("no stories checked"));
    assert!(
        stdout(&output).contains("story-format"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn ages_count_from_the_newest_date_in_the_export() {
    let human = backlint(&["check", "fixtures/old-snapshot.csv"]);
    assert_eq!(human.status.code(), Some(1), "stale-backlog is a warning");
    assert!(
        stdout(&human).contains(
            "Ages counted from 2025-06-12, the newest date in the export (--today sets another day)"
        ),
        "{}",
        stdout(&human)
    );
    let output = backlint(&["check", "--format", "concise", "fixtures/old-snapshot.csv"]);
    let out = stdout(&output);
    // The export's newest date is 12/Jun/25 (GYM-15, done), not the day the test runs.
    assert!(
        out.contains("info[stale-item] GYM-3: last updated is 514 days ago (2024-01-15)"),
        "{out}"
    );
    assert!(
        !out.contains("stale-item] GYM-10:"),
        "updated 9 days before: {out}"
    );
    assert!(
        !out.contains("stale-item] GYM-13:") && !out.contains("stale-item] GYM-14:"),
        "epics and sub-tasks are left out: {out}"
    );
    assert!(
        out.contains(
            "warning[stale-backlog] GYM-3: the backlog is not groomed: 10 of 12 open items (83%)"
        ),
        "{out}"
    );
    let given = backlint(&[
        "check",
        "--format",
        "concise",
        "--today",
        "2025-07-01",
        "fixtures/old-snapshot.csv",
    ]);
    assert!(
        stdout(&given).contains("GYM-3: last updated is 533 days ago"),
        "{}",
        stdout(&given)
    );
}

#[test]
fn a_backlog_without_a_role_template_gets_one_story_format_finding() {
    let output = backlint(&[
        "check",
        "--format",
        "concise",
        "--fail-on",
        "warning",
        "--today",
        "2026-03-01",
        "fixtures/no-role-template.csv",
    ]);
    // A note, so a team that does not use the template is told once and its CI passes.
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "fixtures/no-role-template.csv:2:1: info[story-format] LED-31: 6 of 6 stories (100%) \
         are not written as user stories (\"As a …, I want …\"), e.g. \"Export invoices as PDF\"\n"
    );
}

#[test]
fn criteria_under_headings_and_gherkin_in_other_languages_are_found() {
    let run = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--select",
            "missing-acceptance-criteria,untestable-acceptance-criteria",
            "--format",
            "concise",
            "--fail-on",
            "warning",
        ];
        args.extend_from_slice(extra);
        args.push("fixtures/criteria-languages.csv");
        backlint(&args)
    };
    // Headings in pt, de, es, fr, it, nl and Gherkin in pt, de, es count; the team's own
    // heading (PAN-50) counts once the configuration names it.
    let plain = run(&[]);
    assert_eq!(plain.status.code(), Some(1), "{}", stderr(&plain));
    assert_eq!(
        stdout(&plain),
        "fixtures/criteria-languages.csv:31:147: warning[missing-acceptance-criteria] PAN-50: \
         no acceptance criteria\n\
         fixtures/criteria-languages.csv:34:142: warning[missing-acceptance-criteria] PAN-51: \
         no acceptance criteria\n"
    );
    let configured = run(&["--config", "fixtures/criteria-languages.backlint.toml"]);
    assert_eq!(configured.status.code(), Some(1), "{}", stderr(&configured));
    assert_eq!(
        stdout(&configured),
        "fixtures/criteria-languages.csv:34:142: warning[missing-acceptance-criteria] PAN-51: \
         no acceptance criteria\n"
    );
}

#[test]
fn missing_criteria_point_at_the_start_of_the_description() {
    let output = backlint(&[
        "check",
        "--select",
        "missing-acceptance-criteria",
        "--config",
        "fixtures/criteria-languages.backlint.toml",
        "fixtures/criteria-languages.csv",
    ]);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn criteria_headings_in_the_config_are_validated() {
    let dir = temp_dir("criteria-config");
    for (config, expected) in [
        (
            "[criteria]\nheadings = [\"\"]\n",
            "backlint.toml:2:12: invalid configuration: a heading has words",
        ),
        (
            "[criteria]\nheading_patterns = [\"(?i)(requisitos\"]\n",
            "backlint.toml:2:20: invalid configuration: invalid regular expression",
        ),
        (
            "[criteria]\nheading = [\"AC\"]\n",
            "backlint.toml:2:1: invalid configuration: unknown field `heading`",
        ),
    ] {
        let path = dir.join("backlint.toml");
        std::fs::write(&path, config).expect("config written");
        let error = input_error(&[
            "check",
            "--config",
            path.to_str().expect("a UTF-8 path"),
            "fixtures/stories.txt",
        ]);
        assert!(unwrapped(&error).contains(expected), "{config}\n{error}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_template_share_outside_zero_to_one_is_an_error() {
    let dir = temp_dir("template-share");
    let path = dir.join("backlint.toml");
    std::fs::write(&path, "[rules.missing-benefit]\nmin_share = 2\n").expect("config written");
    let error = input_error(&[
        "check",
        "--config",
        path.to_str().expect("a UTF-8 path"),
        "fixtures/stories.txt",
    ]);
    assert!(
        unwrapped(&error)
            .contains("[rules.missing-benefit]: a share is between 0 and 1 (0.5 = half), not 2"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_error_on_a_long_header_shows_a_window_of_it() {
    // Found on a Spanish-UI "all fields" export: 358 columns, a 20,000-character header,
    // all of it printed under "no column holds the story summary".
    // Inside the working tree: a file outside it is never quoted (see docs/hostile-input.md).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("long-header-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder under target/");
    let mut header = vec!["Issue key".to_owned()];
    header.extend((0..400).map(|n| format!("Campo personalizado {n}")));
    let file = dir.join("export.csv");
    std::fs::write(&file, format!("{}\nPAN-1,fila\n", header.join(","))).unwrap();
    let error = input_error(&["check", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        error.contains("no column holds the story summary"),
        "{error}"
    );
    assert!(error.contains("the header row"), "{error}");
    assert!(
        error.lines().all(|line| line.chars().count() < 400),
        "no line of the error shows the whole header: {error}"
    );
}

/// A workbook's findings name their cell in every format: the human heading, concise, JSON
/// (`cell`, with the row and column as `line` and `column`), SARIF and GitHub annotations.
#[test]
fn workbook_findings_name_their_cell() {
    let file = "fixtures/azure-devops-backlog.xlsx";
    let human = backlint(&["check", "--select", "vague-language,missing-estimate", file]);
    assert_eq!(human.status.code(), Some(1), "{}", stderr(&human));
    insta::assert_snapshot!(stdout(&human));
    let json = backlint(&[
        "check",
        "--format",
        "json",
        "--select",
        "missing-estimate",
        file,
    ]);
    let document: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let finding = &document["findings"][0];
    assert_eq!(finding["cell"], "Backlog!E5");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(5), Some(5))
    );
    let sarif = backlint(&[
        "check",
        "--format",
        "sarif",
        "--select",
        "missing-estimate",
        file,
    ]);
    assert!(
        stdout(&sarif).contains("\"fullyQualifiedName\": \"Backlog!E5\""),
        "{}",
        stdout(&sarif)
    );
    let github = backlint(&[
        "check",
        "--format",
        "github",
        "--select",
        "missing-estimate",
        file,
    ]);
    assert!(
        stdout(&github).contains("line=5,col=5,") && stdout(&github).contains("at Backlog!E5"),
        "{}",
        stdout(&github)
    );
}

/// An export written with US settings (Azure DevOps writes dates in the exporting user's
/// locale): `2/27/2026` tells the file is month first, so `8/3/2025` is 3 August, 208 days
/// before the newest date, not 8 March, and no date is unreadable.
#[test]
fn us_dates_are_read_month_first_when_the_file_shows_it() {
    let dir = temp_dir("us-dates");
    let export = dir.join("azure-us.csv");
    std::fs::write(
        &export,
        "ID,Work Item Type,Title,State,Changed Date\n\
         1,User Story,\"As a picker, I want to print a crate label, so that drivers find the crate.\",Active,2/27/2026 9:00 AM\n\
         2,User Story,\"As a driver, I want my route, so that I leave on time.\",Active,8/3/2025 10:15 AM\n",
    )
    .unwrap();
    let output = backlint(&[
        "check",
        "--format",
        "concise",
        "--select",
        "stale-item",
        export.to_str().unwrap(),
    ]);
    let findings = stdout(&output);
    assert_eq!(
        findings.lines().collect::<Vec<_>>(),
        [format!(
            "{}:3:78: info[stale-item] 2: last updated is 208 days ago (2025-08-03); the limit is 180",
            export.display()
        )],
        "{findings}"
    );
}
