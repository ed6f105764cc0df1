//! The report formats through the library: SARIF (validated against the SARIF 2.1.0
//! schema), GitHub workflow commands, the Markdown summary and JUnit XML.

use std::path::Path;
use std::sync::Arc;

use backlint::backlog::{Backlog, Span};
use backlint::finding::{Finding, Severity, Words};
use backlint::ingest::{self, ReadOptions};
use backlint::report::{
    github, junit, markdown, sarif, Health, Order, Readiness, Report, Velocity,
};
use backlint::rules::catalog::builtin_rules;
use backlint::rules::engine::Outcome;
use backlint::rules::Rule;
use backlint::source::{Encoding, Source};
use serde_json::Value;

/// A backlog, the rules and what they found: everything a [`Report`] borrows.
struct Checked {
    backlog: Backlog,
    rules: Vec<Rule>,
    findings: Vec<Finding>,
    items_checked: usize,
    stories: Vec<usize>,
}

impl Checked {
    fn report(&self) -> Report<'_> {
        Report {
            backlog: &self.backlog,
            findings: &self.findings,
            rules: &self.rules,
            items_checked: self.items_checked,
            stories: &self.stories,
            order: Order::default(),
            hidden_by_baseline: None,
            ages_from: &[],
            health: Health::of(&self.findings, &self.stories, self.backlog.len()),
            readiness: Readiness::default(),
            velocity: Velocity::Unknown("the export has no sprints"),
        }
    }
}

/// The all-fields fixture checked as `backlint check` does with no configuration.
fn fixture() -> Checked {
    let backlog = ingest::read_paths(
        &["fixtures/jira-cloud-all-fields.csv".into()],
        &ReadOptions::default(),
    )
    .expect("the fixture reads");
    let (
        rules,
        Outcome {
            findings,
            items_checked,
            stories,
            ..
        },
    ) = backlint::check_with_defaults(&backlog, jiff::civil::date(2026, 3, 1))
        .expect("the engine runs");
    Checked {
        backlog,
        rules,
        findings,
        items_checked,
        stories,
    }
}

/// A backlog read from `text` under `name`, with findings made by hand; every item counts
/// as a checked story.
fn in_memory(name: &str, text: &str, findings: Vec<Finding>) -> Checked {
    let mut backlog = Backlog::default();
    ingest::add_source(
        &mut backlog,
        Source::new(name, text.to_owned(), Encoding::Utf8),
        &ReadOptions::default(),
    )
    .expect("the in-memory export reads");
    let stories: Vec<usize> = (0..backlog.len()).collect();
    Checked {
        rules: builtin_rules().expect("built-in rules parse"),
        items_checked: stories.len(),
        stories,
        backlog,
        findings,
    }
}

fn finding(rule: &str, severity: Severity, message: &str, item: usize, span: Span) -> Finding {
    let words = Words {
        message: message.into(),
        help: Some("Fix it.".into()),
        field: None,
    };
    Finding::new(Arc::from(rule), severity, Arc::new(words), item, span)
}

/// The span of the first `needle` in `text`.
fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("the needle is in the text");
    Span::new(start, start + needle.len())
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---- snapshots of the fixture -------------------------------------------------------------

#[test]
fn sarif_snapshot() {
    let checked = fixture();
    insta::assert_snapshot!(sarif::render(&checked.report(), Some(repo_root())));
}

#[test]
fn github_snapshot() {
    let checked = fixture();
    insta::assert_snapshot!(github::render(&checked.report()));
}

#[test]
fn markdown_snapshot() {
    let checked = fixture();
    insta::assert_snapshot!(markdown::render(&checked.report()));
}

#[test]
fn junit_snapshot() {
    let checked = fixture();
    insta::assert_snapshot!(junit::render(&checked.report()));
}

// ---- SARIF --------------------------------------------------------------------------------

/// The SARIF 2.1.0 schema, vendored (see tests/data/README.md), with formats checked.
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json")
        .expect("the vendored schema is there");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

#[test]
fn the_schema_rejects_what_sarif_forbids() {
    // Guards against a validator that accepts anything (a schema that failed to load its
    // definitions, formats not checked).
    let validator = sarif_validator();
    let checked = in_memory("case.csv", CASE_CSV, case_findings(CASE_CSV));
    let good: Value = serde_json::from_str(&sarif::render(&checked.report(), None))
        .expect("SARIF output is JSON");
    assert!(validator.is_valid(&good));
    let mut bad = good.clone();
    bad["version"] = "2.0.0".into();
    assert!(!validator.is_valid(&bad), "wrong version");
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&bad), "lines start at 1");
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["level"] = "info".into();
    assert!(!validator.is_valid(&bad), "SARIF says note, not info");
    let mut bad = good;
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "a b.csv".into();
    assert!(!validator.is_valid(&bad), "a URI holds no space");
}

fn assert_valid_sarif(rendered: &str) -> Value {
    let log: Value = serde_json::from_str(rendered).expect("SARIF output is JSON");
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF fails the schema:\n{}",
        errors.join("\n")
    );
    log
}

const CASE_CSV: &str = "Summary,Issue key,Issue Type,Status,Priority,Description\n\
As a shopper I want a fast checkout,CASE-1,Story,To Do,High,\"First line\nsecond line of it\"\n\
As a driver I want routes,CASE-2,Story,To Do,,Short\n\
As a picker I want lists etc.,CASE-3,Story,To Do,Low,Plain\n";

fn case_findings(text: &str) -> Vec<Finding> {
    let mut multi_line = span_of(text, "line\nsecond");
    multi_line.start = text.find("First").unwrap_or_default();
    vec![
        finding(
            "vague-language",
            Severity::Warning,
            "\"fast\" cannot be tested",
            0,
            span_of(text, "fast"),
        ),
        finding(
            "missing-acceptance-criteria",
            Severity::Error,
            "no acceptance criteria",
            0,
            multi_line,
        ),
        finding(
            "missing-priority",
            Severity::Warning,
            "no priority",
            1,
            Span::empty_at(text.find(",,Short").unwrap_or_default() + 1),
        ),
        finding(
            "vague-language",
            Severity::Info,
            "\"etc.\" cannot be tested",
            2,
            span_of(text, "etc."),
        ),
    ]
}

#[test]
fn sarif_validates_against_the_schema_and_points_at_its_rules() {
    let checked = in_memory("my export, v2.csv", CASE_CSV, case_findings(CASE_CSV));
    let rendered = sarif::render(&checked.report(), Some(Path::new(".")));
    let log = assert_valid_sarif(&rendered);

    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), checked.rules.len(), "every rule that ran");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "my%20export%2C%20v2.csv"
        );
    }
    let priority = rules
        .iter()
        .find(|r| r["id"] == "missing-priority")
        .expect("missing-priority is described");
    assert_eq!(priority["name"], "MissingPriority");
    assert_eq!(priority["defaultConfiguration"]["level"], "warning");
    assert_eq!(priority["properties"]["tags"][0], "prioritisation");
    assert!(priority["helpUri"]
        .as_str()
        .is_some_and(|u| u.ends_with("/missing-priority.md")));

    let region = |i: usize| &results[i]["locations"][0]["physicalLocation"]["region"];
    // "fast" on line 2: columns 23..27, end exclusive.
    assert_eq!(
        results[0]["message"]["text"],
        "CASE-1: \"fast\" cannot be tested"
    );
    assert_eq!(region(0)["startLine"], 2);
    assert_eq!(region(0)["startColumn"], 23);
    assert_eq!(region(0)["endColumn"], 27);
    assert_eq!(region(0)["snippet"]["text"], "fast");
    // The multi-line description span ends on the next line.
    assert_eq!(region(1)["startLine"], 2);
    assert_eq!(region(1)["endLine"], 3);
    assert_eq!(results[1]["level"], "error");
    // The empty span is widened to one column so GitHub shows it.
    assert_eq!(region(2)["startLine"], 4);
    assert_eq!(region(2)["endLine"], 4);
    assert_eq!(
        region(2)["endColumn"].as_u64(),
        region(2)["startColumn"].as_u64().map(|c| c + 1)
    );
    assert!(region(2).get("snippet").is_none());
    assert_eq!(results[3]["level"], "note");
}

#[test]
fn sarif_of_the_fixture_validates() {
    let checked = fixture();
    let rendered = sarif::render(&checked.report(), Some(repo_root()));
    let log = assert_valid_sarif(&rendered);
    for result in log["runs"][0]["results"].as_array().expect("results") {
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "fixtures/jira-cloud-all-fields.csv"
        );
    }
}

#[test]
fn sarif_made_relative_to_the_root_from_an_absolute_name() {
    let absolute = repo_root().join("fixtures/jira-cloud-all-fields.csv");
    let uri = sarif::artifact_uri(&absolute.display().to_string(), Some(repo_root()));
    assert_eq!(uri, "fixtures/jira-cloud-all-fields.csv");
    let relative = sarif::artifact_uri(
        "fixtures/jira-cloud-all-fields.csv",
        Some(&repo_root().join("fixtures")),
    );
    assert_eq!(relative, "jira-cloud-all-fields.csv");
    assert_eq!(
        sarif::artifact_uri("fixtures/a b.csv", None),
        "fixtures/a%20b.csv"
    );
}

fn fingerprints(checked: &Checked) -> Vec<(String, String)> {
    let log: Value =
        serde_json::from_str(&sarif::render(&checked.report(), None)).expect("SARIF is JSON");
    log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["message"]["text"].as_str().unwrap_or_default().to_owned(),
                r["partialFingerprints"][sarif::FINGERPRINT_KEY]
                    .as_str()
                    .expect("a fingerprint")
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_reordered_rows_and_unrelated_edits() {
    let header = "Summary,Issue key,Issue Type,Status,Priority\n";
    let one = "As a shopper I want a fast checkout,CASE-1,Story,To Do,High\n";
    let two = "As a driver I want routes,CASE-2,Story,To Do,Low\n";
    let before = format!("{header}{one}{two}");
    // CASE-1 moves below CASE-2, and its status and priority change.
    let after = format!(
        "{header}{two}{}",
        one.replace("To Do,High", "In Progress,Highest")
    );
    let fast = |text: &str, item: usize| {
        vec![finding(
            "vague-language",
            Severity::Warning,
            "\"fast\" cannot be tested",
            item,
            span_of(text, "fast"),
        )]
    };
    let a = fingerprints(&in_memory("case.csv", &before, fast(&before, 0)));
    let b = fingerprints(&in_memory("case.csv", &after, fast(&after, 1)));
    assert_eq!(a[0].0, "CASE-1: \"fast\" cannot be tested");
    assert_eq!(a, b, "same finding, same fingerprint");

    // Another item, or another word, is another alert.
    let other = fingerprints(&in_memory(
        "case.csv",
        &before,
        vec![finding(
            "vague-language",
            Severity::Warning,
            "\"want\" cannot be tested",
            0,
            span_of(&before, "want"),
        )],
    ));
    assert_ne!(a[0].1, other[0].1);
}

// ---- GitHub workflow commands --------------------------------------------------------------

#[test]
fn github_escapes_messages_and_properties() {
    let text =
        "Summary,Issue key,Issue Type,Status\nAs a user I want 100% of it,CASE-1,Story,To Do\n";
    let checked = in_memory(
        "my export, v2.csv",
        text,
        vec![finding(
            "vague-language",
            Severity::Warning,
            "100% done: yes,\nreally\r",
            0,
            span_of(text, "100%"),
        )],
    );
    let out = github::render(&checked.report());
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with(
            "::warning file=my export%2C v2.csv,line=2,col=18,endLine=2,endColumn=22,\
             title=CASE-1%3A vague-language::100%25 done: yes,%0Areally%0D%0A%0AFix it.%0A%0ASee https://"
        ),
        "{out}"
    );
    assert_eq!(github::escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    assert_eq!(github::escape_data("a:b,c%d\r\n"), "a:b,c%25d%0D%0A");
}

/// A backlog of `n` items and findings of the given severities, one per item in turn.
fn many(severities: &[Severity]) -> Checked {
    let mut text = String::from("Summary,Issue key,Issue Type,Status\n");
    for i in 0..severities.len() {
        text.push_str(&format!(
            "As a user I want thing {i},CASE-{i},Story,To Do\n"
        ));
    }
    let findings = severities
        .iter()
        .enumerate()
        .map(|(i, &severity)| {
            let needle = format!("thing {i},");
            let mut span = span_of(&text, &needle);
            span.end -= 1;
            finding("vague-language", severity, &format!("finding {i}"), i, span)
        })
        .collect();
    in_memory("case.csv", &text, findings)
}

fn commands(out: &str) -> Vec<&str> {
    out.lines()
        .map(|l| l.split([' ', ':']).nth(2).unwrap_or_default())
        .collect()
}

#[test]
fn github_caps_each_level_at_ten_and_says_how_many_more() {
    let checked = many(&[Severity::Warning; 25]);
    let out = github::render(&checked.report());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 11, "{out}");
    assert!(lines[..10].iter().all(|l| l.starts_with("::warning ")));
    assert!(lines[0].contains("finding 0"), "report order: {}", lines[0]);
    assert!(lines[9].contains("finding 9"));
    assert_eq!(
        lines[10],
        "::notice::backlint: 15 more findings not annotated: see the job summary or the SARIF upload"
    );
}

#[test]
fn github_puts_the_most_severe_first_and_keeps_room_for_the_closing_notice() {
    let mut severities = vec![Severity::Info; 12];
    severities.extend([Severity::Warning; 11]);
    severities.extend([Severity::Error; 3]);
    let checked = many(&severities);
    let out = github::render(&checked.report());
    let kinds = commands(&out);
    let count = |kind: &str| kinds.iter().filter(|k| **k == kind).count();
    assert_eq!(kinds.len(), 3 + 10 + 9 + 1, "{out}");
    assert!(kinds[..3].iter().all(|k| *k == "error"), "{out}");
    assert!(kinds[3..13].iter().all(|k| *k == "warning"), "{out}");
    assert_eq!(
        count("notice"),
        10,
        "nine notices and the closing one: {out}"
    );
    assert!(out.ends_with(
        "::notice::backlint: 4 more findings not annotated: see the job summary or the SARIF upload\n"
    ));
    // Ten notices and nothing dropped: no closing line.
    let out = github::render(&many(&[Severity::Info; 10]).report());
    assert_eq!(out.lines().count(), 10);
    assert!(!out.contains("more finding"));
}

// ---- Markdown ------------------------------------------------------------------------------

/// Pipes that are not escaped with a backslash.
fn cell_separators(line: &str) -> usize {
    let bytes = line.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .count()
}

#[test]
fn markdown_escapes_text_from_the_export() {
    let text =
        "Summary,Issue key,Issue Type,Status\n\"| <script> *x* [a](b) `c`\",CASE-1,Story,To Do\n";
    let checked = in_memory(
        "case.csv",
        text,
        vec![finding(
            "vague-language",
            Severity::Warning,
            "\"<b>|x|</b>\" cannot be tested",
            0,
            span_of(text, "script"),
        )],
    );
    let out = markdown::render(&checked.report());
    assert!(!out.contains("<script>"), "{out}");
    assert!(!out.contains("<b>"), "{out}");
    assert!(
        out.contains(r"\| &lt;script&gt; \*x\* \[a\](b) \`c\`"),
        "{out}"
    );
    for line in out.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(cell_separators(line), 5, "a 4-column row: {line}");
    }
    assert!(out.contains("⚠️ 1 warning in 1 item (1 story)"), "{out}");
    assert!(out.contains("Health: 0 of 1 story ready (0%)"), "{out}");
}

#[test]
fn markdown_without_findings_says_so() {
    let text = "Summary,Issue key,Issue Type,Status\nA story,CASE-1,Story,To Do\n";
    let checked = in_memory("case.csv", text, vec![]);
    let out = markdown::render(&checked.report());
    assert!(out.contains("✅ No findings in 1 item (1 story)"), "{out}");
    assert!(out.contains("Health: 1 of 1 story ready (100%)"), "{out}");
    assert!(!out.contains("###"), "no tables: {out}");
}

#[test]
fn markdown_stays_under_one_mebibyte() {
    let mut text = String::from("Summary,Issue key,Issue Type,Status\n");
    for i in 0..200 {
        text.push_str(&format!(
            "As a user I want thing {i},CASE-{i},Story,To Do\n"
        ));
    }
    let mut backlog = Backlog::default();
    ingest::add_source(
        &mut backlog,
        Source::new("case.csv", text.clone(), Encoding::Utf8),
        &ReadOptions::default(),
    )
    .expect("reads");
    let findings: Vec<Finding> = (0..20_000)
        .map(|n| {
            let item = n / 100;
            let span = span_of(&text, &format!("thing {item},"));
            finding(
                "vague-language",
                Severity::Warning,
                &format!(
                    "finding number {n} says something long enough to fill the summary quickly"
                ),
                item,
                span,
            )
        })
        .collect();
    let checked = Checked {
        rules: builtin_rules().expect("rules"),
        items_checked: 200,
        stories: (0..200).collect(),
        backlog,
        findings,
    };
    let out = markdown::render(&checked.report());
    assert!(out.len() < 1 << 20, "{} bytes", out.len());
    assert!(
        out.len() > 800 * 1024,
        "fills the room: {} bytes",
        out.len()
    );
    let listed = out.lines().filter(|l| l.starts_with("- ")).count();
    let closing = out.lines().last().unwrap_or_default();
    let left_out = 20_000 - listed;
    assert!(
        closing.starts_with(&format!("_{left_out} more findings not listed")),
        "{closing}"
    );
    assert!(
        out.contains("⚠️ 20,000 warnings in 200 items (200 stories)"),
        "verdict"
    );
}

// ---- JUnit ---------------------------------------------------------------------------------

#[test]
fn junit_parses_and_escapes() {
    let text = "Summary,Issue key,Issue Type,Status\n\
                \"a <b> & \"\"c\"\" \u{1}d\",CASE-1,Story,To Do\n\
                Clean story,CASE-2,Story,To Do\n\
                Noted story,CASE-3,Story,To Do\n";
    let checked = in_memory(
        "case.csv",
        text,
        vec![
            finding(
                "vague-language",
                Severity::Warning,
                "\"<&>\" cannot be tested \u{1b}",
                0,
                span_of(text, "a <b>"),
            ),
            finding(
                "missing-priority",
                Severity::Error,
                "no priority",
                0,
                Span::empty_at(text.find("a <b>").unwrap_or_default()),
            ),
            finding(
                "vague-language",
                Severity::Info,
                "a note",
                2,
                span_of(text, "Noted"),
            ),
        ],
    );
    let out = junit::render(&checked.report());
    let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("3"));
    assert_eq!(root.attribute("failures"), Some("1"));
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a suite");
    assert_eq!(suite.attribute("name"), Some("case.csv"));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 3);
    assert_eq!(cases[0].attribute("name"), Some("CASE-1: a <b> & \"c\" d"));
    assert_eq!(cases[0].attribute("classname"), Some("case.csv"));
    let failures: Vec<_> = cases[0]
        .children()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 2);
    assert_eq!(failures[0].attribute("type"), Some("vague-language"));
    assert_eq!(
        failures[0].attribute("message"),
        Some("\"<&>\" cannot be tested ")
    );
    assert!(failures[0]
        .text()
        .is_some_and(|t| t.contains("at case.csv:2:2")));
    assert!(cases[1].children().all(|n| !n.is_element()), "clean story");
    let out_text = cases[2]
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .and_then(|n| n.text())
        .expect("the note goes to system-out");
    assert!(out_text.contains("info[vague-language] CASE-3: a note"));
    assert!(cases[2].children().all(|n| !n.has_tag_name("failure")));
}

#[test]
fn junit_of_the_fixture_parses() {
    let checked = fixture();
    let out = junit::render(&checked.report());
    let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert!(cases >= checked.stories.len());
}
