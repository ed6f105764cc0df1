//! Readiness stages end to end: which items each stage selects, the severity its Definition
//! of Ready gives a finding, the readiness per item and the `--fail-under` gate.

use std::process::{Command, Output};

const FIXTURE: &str = "fixtures/readiness-sprints.csv";

/// The JSON report of the fixture, checked on 2026-03-01.
fn fixture_json() -> serde_json::Value {
    let json = stdout(&backlint(&[
        "check",
        "--today",
        "2026-03-01",
        "--format",
        "json",
        FIXTURE,
    ]));
    serde_json::from_str(&json).expect("the JSON report parses")
}
const STAGES: &str = "fixtures/readiness-stages.backlint.toml";

fn backlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as one line: the report wraps messages at the terminal's width.
fn stderr(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let words: Vec<&str> = text.split_whitespace().filter(|w| *w != "│").collect();
    words.join(" ")
}

fn concise(extra: &[&str]) -> String {
    let args = [
        &["check", "--today", "2026-03-01", "--format", "concise"],
        extra,
    ]
    .concat();
    stdout(&backlint(&args))
}

/// The summary of the human report (`-q`).
fn summary(extra: &[&str]) -> String {
    let args = [&["check", "--today", "2026-03-01", "-q"], extra].concat();
    stdout(&backlint(&args))
}

/// `text` written as `file` in the temporary folder of test `name`.
fn written(name: &str, file: &str, text: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("backlint-readiness-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

/// A configuration written to a fresh temporary folder.
fn config(name: &str, text: &str) -> std::path::PathBuf {
    written(name, "backlint.toml", text)
}

#[test]
fn the_default_stages_make_definition_of_ready_findings_errors_on_ready_candidates() {
    let output = concise(&[FIXTURE]);
    // In the active sprint (ORC-6), in a future sprint (ORC-7), in a ready-like status (ORC-9).
    assert!(output.contains("error[missing-estimate] ORC-6"), "{output}");
    assert!(output.contains("error[missing-benefit] ORC-7"), "{output}");
    assert!(
        output.contains("error[missing-acceptance-criteria] ORC-9"),
        "{output}"
    );
    // The same rule on a backlog item keeps its own severity (missing-benefit is a note).
    assert!(output.contains("info[missing-benefit] ORC-13"), "{output}");
    // ORC-12 was in a sprint that closed (ORC-4 moved on from it): backlog, not a candidate.
    assert!(
        output.contains("warning[missing-priority] ORC-12"),
        "{output}"
    );
    insta::assert_snapshot!(output);
}

#[test]
fn findings_name_the_stage_that_judged_them() {
    let human = stdout(&backlint(&["check", "--today", "2026-03-01", FIXTURE]));
    assert!(
        human.contains("ORC-7: the story says what, but not why: \"scan crates\" (Definition of Ready, stage ready)"),
        "{human}"
    );
    assert!(
        !human.contains("ORC-13: the story says what, but not why: \"see the route\" (Definition")
    );
    let doc = fixture_json();
    let stage_of = |key: &str, rule: &str| {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key && f["rule"] == rule)
            .map(|f| f.get("stage").cloned())
    };
    assert_eq!(
        stage_of("ORC-7", "missing-benefit"),
        Some(Some("ready".into()))
    );
    assert_eq!(stage_of("ORC-13", "missing-benefit"), Some(None));
}

#[test]
fn configured_stages_select_by_sprint_status_and_type() {
    let output = concise(&["--config", STAGES, FIXTURE]);
    // sprint: error; refined (a ready-like status, type Story): warning; ideas: the rule's own.
    assert!(output.contains("error[missing-estimate] ORC-6"), "{output}");
    assert!(output.contains("error[missing-benefit] ORC-7"), "{output}");
    assert!(
        output.contains("warning[missing-acceptance-criteria] ORC-9"),
        "{output}"
    );
    assert!(output.contains("info[missing-benefit] ORC-13"), "{output}");
    insta::assert_snapshot!(output);
}

#[test]
fn a_stage_of_other_types_leaves_the_item_to_the_next_stage() {
    let path = config(
        "types",
        "[[readiness.stages]]\nname = \"bugs\"\nin_sprint = true\nissue_types = [\"Bug\"]\n\
         require = [\"missing-estimate\"]\nseverity = \"error\"\n",
    );
    let output = concise(&["--config", path.to_str().unwrap(), FIXTURE]);
    // No stage selects the stories: missing-estimate stays a warning.
    assert!(
        output.contains("warning[missing-estimate] ORC-6"),
        "{output}"
    );
    assert!(!output.contains("error["), "{output}");
}

#[test]
fn stages_with_the_same_name_are_refused_where_they_are() {
    let path = config(
        "twice",
        "[[readiness.stages]]\nname = \"ready\"\n\n[[readiness.stages]]\nname = \"ready\"\n",
    );
    let output = backlint(&["check", "--config", path.to_str().unwrap(), FIXTURE]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let error = stderr(&output);
    assert!(error.contains("backlint.toml:1:"), "{error}");
    assert!(error.contains("two stages are named \"ready\""), "{error}");
}

#[test]
fn unknown_stage_keys_and_rules_are_refused_where_they_are() {
    let key = config(
        "key",
        "[[readiness.stages]]\nname = \"ready\"\nin_sprints = true\n",
    );
    let output = backlint(&["check", "--config", key.to_str().unwrap(), FIXTURE]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(error.contains("backlint.toml:3:1"), "{error}");
    assert!(error.contains("in_sprints"), "{error}");

    let rule = config(
        "rule",
        "[[readiness.stages]]\nname = \"ready\"\nrequire = [\"missing-estimat\"]\n",
    );
    let output = backlint(&["check", "--config", rule.to_str().unwrap(), FIXTURE]);
    assert_eq!(output.status.code(), Some(2));
    let error = stderr(&output);
    assert!(error.contains("backlint.toml:3:"), "{error}");
    assert!(
        error.contains("stage \"ready\" requires `missing-estimat`, which is no rule"),
        "{error}"
    );
    assert!(error.contains("missing-estimate"), "{error}");
}

#[test]
fn each_ready_candidate_has_a_verdict_in_json() {
    let doc = fixture_json();
    let readiness = &doc["summary"]["readiness"];
    assert_eq!(
        readiness["stages"],
        serde_json::json!([
            {"name": "ready", "stories": 6, "ready": 3},
            {"name": "backlog", "stories": 4, "ready": 2},
        ])
    );
    let verdicts: Vec<(String, bool, Vec<String>)> = readiness["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let failing = c["failing"].as_array().unwrap();
            let failing = failing.iter().map(|r| r.as_str().unwrap().to_owned());
            (
                c["key"].as_str().unwrap().to_owned(),
                c["ready"] == true,
                failing.collect(),
            )
        })
        .collect();
    let verdict = |key: &str, ready: bool, failing: &[&str]| {
        (
            key.to_owned(),
            ready,
            failing.iter().map(|r| r.to_string()).collect(),
        )
    };
    assert_eq!(
        verdicts,
        vec![
            verdict("ORC-4", true, &[]),
            verdict("ORC-5", true, &[]),
            verdict("ORC-6", false, &["missing-estimate"]),
            verdict("ORC-7", false, &["missing-benefit"]),
            verdict("ORC-8", true, &[]),
            verdict("ORC-9", false, &["missing-acceptance-criteria"]),
        ]
    );
}

#[test]
fn without_ready_candidates_the_reports_say_nothing_of_readiness() {
    // A story list has no status and no sprint: every item is in the backlog stage.
    let json = stdout(&backlint(&[
        "check",
        "--format",
        "json",
        "fixtures/stories.txt",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(doc["summary"].get("readiness").is_none(), "{json}");
    let human = stdout(&backlint(&["check", "-q", "fixtures/stories.txt"]));
    assert!(!human.contains("Ready candidates"), "{human}");
}

#[test]
fn the_summaries_count_the_ready_candidates_and_name_the_others() {
    let human = summary(&[FIXTURE]);
    insta::assert_snapshot!(human);
    let markdown = stdout(&backlint(&[
        "check",
        "--today",
        "2026-03-01",
        "--format",
        "markdown",
        FIXTURE,
    ]));
    assert!(
        markdown.contains("\nReady candidates: 3 of 6 ready (50%); not ready: ORC-6 (missing-estimate), ORC-7 (missing-benefit), ORC-9 (missing-acceptance-criteria)\n"),
        "{markdown}"
    );
    // The table sprint planning starts from: every candidate, ready or with what it lacks.
    let table = markdown
        .split("### Ready candidates\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("no Ready candidates table:\n{markdown}"));
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert_eq!(rows.len(), 6, "{table}");
    assert!(
        rows[0].starts_with("| ORC-4 | As a shopper, I want to save my basket"),
        "{table}"
    );
    assert!(rows[0].ends_with("| ✅ |  |"), "{table}");
    assert!(
        rows[2].starts_with("| ORC-6 |") && rows[2].contains("| ❌ | [missing-estimate]("),
        "{table}"
    );
}

#[test]
fn fail_under_fails_below_the_share_of_ready_candidates_and_passes_at_or_above() {
    // 3 of the 6 ready candidates are ready: 50%. --fail-on never isolates the gate.
    let gate = |percent: &str, input: &str| {
        let output = backlint(&[
            "check",
            "-q",
            "--fail-on",
            "never",
            "--fail-under",
            percent,
            input,
        ]);
        (output.status.code(), stderr(&output))
    };
    let (code, error) = gate("50.1", FIXTURE);
    assert_eq!(code, Some(1), "{error}");
    assert!(
        error.contains("3 of 6 ready candidates are ready (50%), under --fail-under 50.1"),
        "{error}"
    );
    assert_eq!(gate("50", FIXTURE).0, Some(0));
    assert_eq!(gate("49", FIXTURE).0, Some(0));
    assert_eq!(gate("0", FIXTURE).0, Some(0));
    // No ready candidates: the gate does not apply.
    assert_eq!(gate("100", "fixtures/stories.txt").0, Some(0));
    // --exit-zero still wins.
    let zero = backlint(&["check", "-q", "--exit-zero", "--fail-under", "90", FIXTURE]);
    assert_eq!(zero.status.code(), Some(0));
}

#[test]
fn fail_under_takes_a_percentage() {
    for bad in ["101", "-5", "most"] {
        let output = backlint(&["check", &format!("--fail-under={bad}"), FIXTURE]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&output).contains("--fail-under"),
            "{}",
            stderr(&output)
        );
    }
    let output = backlint(&[
        "check",
        "-q",
        "--fail-on",
        "never",
        "--fail-under",
        "50%",
        FIXTURE,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn ready_work_is_counted_in_sprints_at_the_velocity_of_the_closed_sprints() {
    // ORC Sprint 1 closed (ORC-4 was carried over) with ORC-2 (5) and ORC-3 (3) done: 8.
    // Ready: ORC-4 (5), ORC-5 (3), ORC-8 (3): 11 points, 1.4 sprints.
    let human = summary(&[FIXTURE]);
    assert!(
        human.contains("  Ready work: 11 points in 3 stories, 1.4 sprints at a velocity of 8 (ORC Sprint 1: 8)\n"),
        "{human}"
    );
    let doc = fixture_json();
    let readiness = &doc["summary"]["readiness"];
    assert_eq!(
        readiness["ready_work"],
        serde_json::json!({"stories": 3, "points": 11.0, "unestimated": 0})
    );
    assert_eq!(
        readiness["velocity"],
        serde_json::json!({"sprints": [{"name": "ORC Sprint 1", "points": 8.0}], "average": 8.0})
    );
}

#[test]
fn without_sprints_or_done_points_the_summary_says_what_is_missing() {
    let dir = std::env::temp_dir().join(format!(
        "backlint-readiness-{}-velocity",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let header = "Summary,Issue key,Issue Type,Status,Priority,Story Points,Parent key";
    let story = "\"As a picker, I want to print a crate label, so that drivers find the crate\"";
    let no_sprints = dir.join("no-sprints.csv");
    std::fs::write(
        &no_sprints,
        format!("{header}\n{story},ORC-20,Story,Ready for Development,High,3,ORC-1\n"),
    )
    .unwrap();
    let human = stdout(&backlint(&["check", "-q", no_sprints.to_str().unwrap()]));
    assert!(
        human.contains("Ready work: 3 points in 1 story; no velocity: the export has no sprints\n"),
        "{human}"
    );
    let open_only = dir.join("open-sprint.csv");
    std::fs::write(
        &open_only,
        format!("{header},Sprint\n{story},ORC-21,Story,To Do,High,,ORC-1,ORC Sprint 4\n"),
    )
    .unwrap();
    let human = stdout(&backlint(&["check", "-q", open_only.to_str().unwrap()]));
    assert!(
        human.contains(
            "Ready work: 0 points in 0 stories; no velocity: the export has no closed sprint\n"
        ),
        "{human}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_note_about_the_backlog_convention_is_not_judged_at_the_stage_of_its_example() {
    // Five of five stories state no benefit: missing-benefit says so once, as a note on
    // the first (in a sprint), which is about the backlog, not a defect of that story.
    let mut csv =
        "Summary,Issue key,Issue Type,Status,Priority,Story Points,Parent key,Sprint,Description\n"
            .to_owned();
    for (n, goal) in [
        "pack a crate",
        "print a label",
        "weigh a crate",
        "seal a crate",
        "load a van",
    ]
    .iter()
    .enumerate()
    {
        let sprint = if n == 0 { "ORC Sprint 2" } else { "" };
        csv.push_str(&format!(
            "\"As a picker, I want to {goal}\",ORC-{},Story,To Do,High,3,ORC-1,{sprint},\"Acceptance criteria:\n- Given a crate, when the picker is done, then the crate shows as done.\"\n",
            30 + n
        ));
    }
    let export = written("note", "no-benefits.csv", &csv);
    let output = concise(&[export.to_str().unwrap()]);
    assert!(
        output.contains("info[missing-benefit] ORC-30: 5 of 5 stories"),
        "{output}"
    );
    let human = stdout(&backlint(&["check", "-q", export.to_str().unwrap()]));
    assert!(
        human.contains("Ready candidates: 1 of 1 ready (100%)\n"),
        "{human}"
    );
    if let Some(dir) = export.parent() {
        std::fs::remove_dir_all(dir).ok();
    }
}

#[test]
fn the_stage_of_a_finding_shows_in_sarif_and_in_the_concise_report() {
    let sarif = stdout(&backlint(&[
        "check",
        "--today",
        "2026-03-01",
        "--format",
        "sarif",
        FIXTURE,
    ]));
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let staged: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r["properties"]["stage"] == "ready")
        .collect();
    assert_eq!(staged.len(), 3, "{results:?}");
    assert!(staged.iter().all(|r| r["level"] == "error"), "{staged:?}");
    assert!(
        staged.iter().all(|r| r["message"]["text"]
            .as_str()
            .is_some_and(|t| t.ends_with(" (Definition of Ready, stage ready)"))),
        "{staged:?}"
    );
    let unstaged = results
        .iter()
        .find(|r| r["level"] == "warning")
        .expect("a warning");
    assert!(unstaged.get("properties").is_none(), "{unstaged}");
}

#[test]
fn a_ready_candidate_blocked_by_an_open_item_is_not_ready() {
    let story = "\"As a shopper, I want to pay by card, so that I can finish my order\"";
    let criteria =
        "\"Acceptance criteria:\n- Given a basket, when I pay by card, then the order is placed.\"";
    let csv = format!(
        "Summary,Issue key,Issue Type,Status,Priority,Story Points,Parent key,Sprint,Description,Inward issue link (Blocks)\n\
         {story},PAY-2,Story,To Do,High,3,PAY-1,PAY Sprint 4,{criteria},PAY-3\n\
         Set up the payment provider account,PAY-3,Task,In Progress,High,,PAY-1,,,\n"
    );
    let export = written("blocked", "blocked.csv", &csv);
    let output = concise(&[export.to_str().unwrap()]);
    assert!(
        output.contains(
            "error[blocked-by-open-item] PAY-2: blocked by PAY-3, which is still open (Definition of Ready, stage ready)"
        ),
        "{output}"
    );
    let json = stdout(&backlint(&[
        "check",
        "--format",
        "json",
        export.to_str().unwrap(),
    ]));
    let doc: serde_json::Value = serde_json::from_str(&json).expect("the JSON report parses");
    assert_eq!(
        doc["summary"]["readiness"]["candidates"],
        serde_json::json!([{"key": "PAY-2", "ready": false, "failing": ["blocked-by-open-item"]}])
    );
}

/// The keys of the ready candidates in the JSON report of `args`, in the order listed.
fn candidate_keys(args: &[&str]) -> Vec<String> {
    let args = [
        &["check", "--today", "2026-03-01", "--format", "json"],
        args,
    ]
    .concat();
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&backlint(&args))).expect("the JSON report parses");
    let candidates = doc["summary"]["readiness"]["candidates"]
        .as_array()
        .cloned();
    candidates
        .unwrap_or_default()
        .iter()
        .map(|c| c["key"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Four open stories and a done one, ranked out of export order (Jira's LexoRank strings).
const RANKED: &str = "Summary,Issue key,Issue Type,Status,Rank,Sprint\n\
    \"As a shopper, I want to save my basket, so that I can come back to it.\",RNK-1,Story,To Do,0|i0004c:,\n\
    \"As a shopper, I want to pay by card, so that checkout is quick.\",RNK-2,Story,To Do,0|i0001a:,Sprint 4\n\
    \"As a shopper, I want to track my order, so that I can plan my day.\",RNK-3,Story,Done,0|i00001:,\n\
    \"As a shopper, I want a receipt by e-mail, so that I can file it.\",RNK-4,Story,To Do,0|i0002b:,Sprint 4\n\
    \"As a shopper, I want to reorder, so that weekly shopping is quick.\",RNK-5,Story,To Do,,\n";

#[test]
fn a_stage_selects_the_top_ranked_open_items() {
    let export = written("top-ranked", "ranked.csv", RANKED);
    let config = config(
        "top-ranked",
        "[[readiness.stages]]\nname = \"next\"\ntop_ranked = 2\n\n\
         [[readiness.stages]]\nname = \"later\"\n",
    );
    let export = export.to_str().unwrap();
    let config = config.to_str().unwrap();
    // RNK-3 ranks first but is done; RNK-5 has no rank.
    assert_eq!(
        candidate_keys(&["--config", config, export]),
        ["RNK-2", "RNK-4"]
    );
}

#[test]
fn ready_candidates_are_listed_in_rank_order_and_the_unranked_last() {
    let export = written("rank-order", "ranked.csv", RANKED);
    let config = config(
        "rank-order",
        "[[readiness.stages]]\nname = \"open\"\nstatuses = [\"To Do\"]\n",
    );
    let export = export.to_str().unwrap();
    assert_eq!(
        candidate_keys(&["--config", config.to_str().unwrap(), export]),
        ["RNK-2", "RNK-4", "RNK-1", "RNK-5"]
    );
    // Without a rank column, export order.
    let unranked = RANKED.replace(",Rank,", ",Rang,");
    let unranked = written("rank-order", "unranked.csv", &unranked);
    assert_eq!(
        candidate_keys(&[
            "--config",
            config.to_str().unwrap(),
            unranked.to_str().unwrap()
        ]),
        ["RNK-1", "RNK-2", "RNK-4", "RNK-5"]
    );
}

/// Jira JSON's `issuelinks`: of the "Blocks" type, `inwardIssue` is a blocker; the link
/// both issues carry is reported once, on the blocked one; other link types are no blockers.
#[test]
fn json_issue_links_block_as_the_csv_link_columns_do() {
    let fields = stdout(&backlint(&["fields", "fixtures/jira-issue-links.json"]));
    assert!(
        fields.contains("blocked_by           fields.issuelinks"),
        "{fields}"
    );
    let findings = concise(&[
        "--select",
        "blocked-by-open-item",
        "fixtures/jira-issue-links.json",
    ]);
    assert_eq!(
        findings.trim(),
        "fixtures/jira-issue-links.json:18:53: warning[blocked-by-open-item] PAN-21: blocked by PAN-22, which is still open"
    );
}

/// A Jira REST response whose sprints carry their state: `S 5` is closed although an open
/// item still ends in it (it went back to the backlog without a later sprint), `S 7` is
/// active although no open item ends in it.
const STATED_SPRINTS: &str = r#"{"issues": [
 {"key": "SPR-1", "fields": {"summary": "As a picker, I want to reprint a label, so that torn crates ship.", "status": {"name": "To Do"},
  "customfield_10020": [{"id": 5, "name": "S 5", "state": "closed"}]}},
 {"key": "SPR-2", "fields": {"summary": "As a picker, I want to scan a crate, so that stock stays right.", "status": {"name": "To Do"},
  "customfield_10020": [{"id": 6, "name": "S 6", "state": "future"}]}},
 {"key": "SPR-3", "fields": {"summary": "As a driver, I want my route, so that I leave on time.", "status": {"name": "Done"}, "customfield_10016": 5,
  "customfield_10020": [{"id": 5, "name": "S 5", "state": "closed"}]}},
 {"key": "SPR-4", "fields": {"summary": "As a driver, I want to mark a drop, so that the shop knows.", "status": {"name": "Done"}, "customfield_10016": 3,
  "customfield_10020": [{"id": 7, "name": "S 7", "state": "active"}]}}
], "names": {"summary": "Summary", "status": "Status", "customfield_10016": "Story Points", "customfield_10020": "Sprint"}}"#;

/// The export's own sprint states decide which sprints are open, over what the items
/// suggest; without states (the same sprints by name only) the items decide.
#[test]
fn sprint_states_in_json_decide_which_sprints_are_open() {
    let stated = written("sprint-states", "stated.json", STATED_SPRINTS);
    let stated = stated.to_str().unwrap();
    assert_eq!(candidate_keys(&[stated]), ["SPR-2"]);
    let human = summary(&[stated]);
    assert!(human.contains("at a velocity of 5 (S 5: 5)\n"), "{human}");
    let fields = stdout(&backlint(&["fields", stated]));
    assert!(
        fields.contains("sprint_state         fields.customfield_10020[].state\n"),
        "{fields}"
    );

    let unstated = STATED_SPRINTS
        .replace(r#", "state": "closed""#, "")
        .replace(r#", "state": "future""#, "")
        .replace(r#", "state": "active""#, "");
    let unstated = written("sprint-states", "unstated.json", &unstated);
    let unstated = unstated.to_str().unwrap();
    // S 5 has an open item ending in it, so it looks open; S 7 has none, so it looks closed.
    assert_eq!(candidate_keys(&[unstated]), ["SPR-1", "SPR-2"]);
    let human = summary(&[unstated]);
    assert!(human.contains("at a velocity of 3 (S 7: 3)\n"), "{human}");
}

/// Azure DevOps ranks are numbers: `999` is above `1000`, though it sorts after it as text.
#[test]
fn numeric_ranks_order_the_candidates_by_value() {
    let export = written(
        "numeric-rank",
        "azure.csv",
        "ID,Work Item Type,Title,State,Stack Rank\n\
         11,User Story,\"As a picker, I want to print a crate label, so that drivers find the crate.\",Approved,1000\n\
         12,User Story,\"As a picker, I want to scan a crate, so that stock stays right.\",Approved,999\n\
         13,User Story,\"As a driver, I want my route, so that I leave on time.\",Approved,20.5\n\
         14,User Story,\"As a driver, I want to mark a drop, so that the shop knows.\",Approved,\n",
    );
    let config = config(
        "numeric-rank",
        "[[readiness.stages]]\nname = \"next\"\ntop_ranked = 2\n\n\
         [[readiness.stages]]\nname = \"later\"\n",
    );
    let args = [
        "--config",
        config.to_str().unwrap(),
        export.to_str().unwrap(),
    ];
    assert_eq!(candidate_keys(&args), ["13", "12"]);
}

/// A team's export as Jira Cloud writes it: three sprints (Shelf Sprint 10 and 11 closed,
/// 12 active, 13 future), ranks, a blocker link, sub-tasks over their story's estimate, an
/// idea at the bottom. The sprint-planning summary and the Markdown report's candidates.
#[test]
fn a_team_export_gets_its_sprint_planning_summary() {
    const TEAM: &str = "fixtures/readiness-team.csv";
    let human = summary(&[TEAM]);
    assert!(
        human.contains("Ready candidates: 2 of 4 ready (50%); not ready: SHF-15 (blocked-by-open-item), SHF-17 (missing-estimate)\n"),
        "{human}"
    );
    assert!(
        human.contains("Ready work: 10 points in 2 stories, 1.1 sprints at a velocity of 9 (Shelf Sprint 10: 8, Shelf Sprint 11: 10)\n"),
        "{human}"
    );
    insta::assert_snapshot!("team_summary", human);
    let markdown = stdout(&backlint(&[
        "check",
        "--today",
        "2026-03-01",
        "--format",
        "markdown",
        TEAM,
    ]));
    let candidates: Vec<&str> = markdown
        .lines()
        .skip_while(|line| *line != "### Ready candidates")
        .skip(4)
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| line.split('|').nth(1))
        .map(str::trim)
        .collect();
    assert_eq!(candidates, ["SHF-14", "SHF-15", "SHF-17", "SHF-18"]);
    insta::assert_snapshot!("team_markdown", markdown);
}

/// Azure DevOps work items with their relations: a predecessor link blocks, as Jira's
/// "Blocks" link does; the successor link on the other item is the same link, not a second
/// blocker; a parent link is no blocker.
#[test]
fn azure_devops_predecessor_links_block() {
    const ITEMS: &str = "fixtures/azure-devops-workitems.json";
    let fields = stdout(&backlint(&["fields", ITEMS]));
    assert!(
        fields.contains(
            "blocked_by           relations[].url (System.LinkTypes.Dependency-Reverse)\n"
        ),
        "{fields}"
    );
    let findings = concise(&["--select", "blocked-by-open-item", ITEMS]);
    assert_eq!(
        findings.trim(),
        "fixtures/azure-devops-workitems.json:39:69: error[blocked-by-open-item] 101: blocked by 103, which is still open (Definition of Ready, stage ready)"
    );
}
