//! `--format html` through the binary: the page holds every checked story and every
//! finding, loads nothing from anywhere, and shows text from the export as text.

use std::path::{Path, PathBuf};
use std::process::Command;

use backlint::ingest::{self, ReadOptions};
use serde_json::Value;

const FIXTURES: [&str; 2] = ["fixtures/jira-cloud-all-fields.csv", "fixtures/stories.txt"];

/// A fresh folder for one test's files.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backlint-html-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temporary folder is created");
    dir
}

/// Runs `backlint check` with `args` and returns standard output; findings may fail it.
fn check(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .arg("check")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "backlint check {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Renders `paths` as HTML into `dir` and returns the page.
fn render(dir: &Path, paths: &[&str], extra: &[&str]) -> String {
    let out = dir.join("r.html");
    let out_arg = out.display().to_string();
    let mut args = vec![
        "--format",
        "html",
        "--output",
        &out_arg,
        "--today",
        "2026-03-01",
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    let stdout = check(&args);
    assert!(stdout.is_empty(), "the page goes to the file: {stdout}");
    std::fs::read_to_string(&out).expect("the page was written")
}

/// The keys of the stories `backlint check` checks in `paths`, as the engine sees them.
fn checked_story_keys(paths: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths: Vec<String> = paths
        .iter()
        .map(|p| root.join(p).display().to_string())
        .collect();
    let backlog = ingest::read_paths(&paths, &ReadOptions::default()).expect("the fixtures read");
    let (_, outcome) = backlint::check_with_defaults(&backlog, jiff::civil::date(2026, 3, 1))
        .expect("the engine runs");
    outcome
        .stories
        .iter()
        .map(|&i| backlog.key(i).to_owned())
        .collect()
}

/// The values of every `name="…"` attribute in the page.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn the_page_lists_every_checked_story_and_every_finding() {
    let dir = temp_dir("fixtures");
    let html = render(&dir, &FIXTURES, &[]);
    let keys = checked_story_keys(&FIXTURES);
    assert_eq!(keys.len(), 11, "the fixtures have 11 checked stories");
    for key in &keys {
        let as_link = format!("\">{key}</a>");
        let as_text = format!("<span class=\"key\">{key}</span>");
        assert!(
            html.contains(&as_link) || html.contains(&as_text),
            "story {key} is listed"
        );
    }
    let stories = html.matches("<article class=\"card ready\"").count()
        + html.matches("<article class=\"card needs-work\"").count();
    assert_eq!(stories, keys.len(), "one card per checked story");

    let mut args = vec!["--format", "json", "--today", "2026-03-01"];
    args.extend_from_slice(&FIXTURES);
    let json: Value = serde_json::from_str(&check(&args)).expect("the JSON report parses");
    let findings = json["findings"].as_array().expect("findings is an array");
    assert_eq!(json["summary"]["findings"], findings.len());
    assert_eq!(
        html.matches("<li class=\"finding ").count(),
        findings.len(),
        "one entry per finding"
    );
    for finding in findings {
        let rule = finding["rule"].as_str().expect("a rule id");
        assert!(html.contains(&format!("data-rule=\"{rule}\"")), "{rule}");
    }
    assert_eq!(
        html.matches("<article class=\"card ready\"").count(),
        json["summary"]["stories_ready"],
        "ready cards match the health figure"
    );
    assert!(html.contains("27%"), "the health figure is shown");
    assert!(html.contains("<mark>"), "findings mark the offending text");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn nothing_loads_from_the_network() {
    let dir = temp_dir("offline");
    let html = render(&dir, &FIXTURES, &[]);
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains("<link"),
        "no style sheet or other linked resource"
    );
    assert!(!lower.contains("<script src"), "no external script");
    assert!(!lower.contains("<img"), "no images");
    assert!(!lower.contains("<iframe") && !lower.contains("<object"));
    assert!(
        !lower.contains("@import") && !lower.contains("url("),
        "no CSS fetches"
    );
    assert!(attributes(&html, "src").is_empty(), "no src= at all");
    for href in attributes(&html, "href") {
        let at = html.find(&format!(" href=\"{href}\"")).unwrap_or(0);
        let tag = &html[html[..at].rfind('<').unwrap_or(0)..at];
        assert!(tag.starts_with("<a"), "href only on links: {tag} {href}");
    }
    assert!(
        html.contains("default-src 'none'"),
        "a Content-Security-Policy forbids every request"
    );
    assert_eq!(html.matches("<script>").count(), 1, "one inline script");
    assert_eq!(html.matches("<style>").count(), 1, "one inline style sheet");
    std::fs::remove_dir_all(&dir).ok();
}

/// An export whose every shown value tries to break out of the page.
const HOSTILE: &str = "Summary,Issue key,Issue Type,Status,Priority,Sprint,Parent key,Parent summary\n\
\"<script>alert(1)</script>\",PAN-1,Story,To Do,High,,,\n\
\"\"\"><img src=x onerror=alert(2)>\",PAN-2,Story,\"'><b onmouseover=alert(3)>\",,\"</option></select><script>alert(4)</script>\",PAN-9,\"<svg onload=alert(5)>\"\n";

#[test]
fn text_from_the_export_is_escaped() {
    let dir = temp_dir("escape");
    let export = dir.join("hostile.csv");
    std::fs::write(&export, HOSTILE).expect("the export is written");
    let html = render(&dir, &[&export.display().to_string()], &[]);
    for raw in [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "<img",
        "'><b onmouseover",
        "<b onmouseover",
        "</option></select><script>",
        "<svg onload",
        "onerror=alert(2)>",
    ] {
        assert!(!html.contains(raw), "{raw} appears unescaped");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(
        html.contains("&lt;svg onload=alert(5)&gt;"),
        "epic names too"
    );
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn keys_link_to_issues_where_the_site_is_known() {
    let dir = temp_dir("links");
    let html = render(&dir, &["fixtures/jira-issue-array.json"], &[]);
    assert!(
        html.contains("href=\"https://pantry.example.atlassian.net/browse/PAN-2\""),
        "JSON issues link through their REST address"
    );
    let csv = render(&dir, &["fixtures/jira-cloud-all-fields.csv"], &[]);
    assert!(
        !csv.contains("/browse/"),
        "a CSV export alone names no site"
    );
    let config = dir.join("backlint.toml");
    std::fs::write(
        &config,
        "[report]\nissue_url = \"https://pantry.example.atlassian.net/browse/{key}\"\n",
    )
    .expect("the configuration is written");
    let config_arg = config.display().to_string();
    let linked = render(
        &dir,
        &["fixtures/jira-cloud-all-fields.csv"],
        &["--config", &config_arg],
    );
    assert!(linked.contains("href=\"https://pantry.example.atlassian.net/browse/PAN-5\""));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_page_opens_with_the_ready_candidates_and_what_each_lacks() {
    let dir = temp_dir("candidates");
    let html = render(&dir, &["fixtures/readiness-sprints.csv"], &[]);
    let section = html
        .split("<section class=\"candidates wrap\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("no ready candidates section"));
    assert!(
        section.contains(">Ready candidates: 3 of 6 ready</h2>"),
        "{section}"
    );
    assert_eq!(
        section.matches("<tr class=\"ready\">").count(),
        3,
        "{section}"
    );
    assert_eq!(
        section.matches("<tr class=\"not-ready\">").count(),
        3,
        "{section}"
    );
    assert!(
        section.contains("<td class=\"key\">ORC-6</td>")
            && section.contains(">missing-estimate</a>"),
        "{section}"
    );
    // It comes before the overview and the stories.
    let at = |needle: &str| html.find(needle).unwrap_or(usize::MAX);
    assert!(at("class=\"candidates wrap\"") < at("class=\"overview wrap\""));

    let without = render(&dir, &["fixtures/stories.txt"], &[]);
    assert!(
        !without.contains("class=\"candidates wrap\""),
        "a story list has no candidates"
    );
}
