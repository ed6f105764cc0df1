//! `backlint pull` and `check --pull` against a local server replaying responses in each
//! tracker's shape. No test reaches the internet: the server listens on 127.0.0.1, the
//! one host (with localhost) where plain http is accepted.

mod replay;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

use replay::{ok, private_authority, status, Server};

const EMAIL: &str = "reader@example.com";
const TOKEN: &str = "tok-3f9a8b7c6d5e4f";
const PAT: &str = "pat-9e8d7c6b5a4f3e";
const GITHUB_TOKEN: &str = "ghp_0a1b2c3d4e5f6a7b";
const AZURE_PAT: &str = "azpat-7c6b5a4f3e2d1c";

/// A fresh folder for a test's pages and configuration.
fn folder() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("backlint-pull-test-")
        .tempdir()
        .unwrap()
}

/// Runs backlint in `cwd` with the credentials of every tracker in its environment and no
/// proxy.
fn backlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "400")
        .env("JIRA_EMAIL", EMAIL)
        .env("JIRA_API_TOKEN", TOKEN)
        .env("JIRA_PAT", PAT)
        .env("GITHUB_TOKEN", GITHUB_TOKEN)
        .env("AZURE_DEVOPS_PAT", AZURE_PAT)
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .env_remove("all_proxy")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// Standard error as one line: the error report wraps long messages.
fn stderr(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(|line| line.trim().trim_start_matches('│').trim())
        .collect();
    lines.join(" ")
}

fn show(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// No secret in what the run printed, nor in any file under `dir`.
fn assert_no_secret(output: &Output, dir: &Path) {
    let printed = show(output);
    for secret in [TOKEN, PAT, GITHUB_TOKEN, AZURE_PAT] {
        assert!(!printed.contains(secret), "{printed}");
    }
    for file in files_under(dir) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for secret in [TOKEN, PAT, GITHUB_TOKEN, AZURE_PAT] {
            assert!(!text.contains(secret), "{} holds a token", file.display());
        }
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The names of the files and folders directly in `dir`.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .unwrap()
}

/// The keys of the items `backlint check --format json` found something on.
fn keys_with_findings(stdout: &[u8]) -> Vec<String> {
    let report: Value = serde_json::from_slice(stdout).unwrap();
    let mut keys: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap().to_owned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

const JQL: &str = "project = PAN AND statusCategory != Done";

#[test]
fn jira_cloud_follows_next_page_tokens_until_the_last_page() {
    let page1 = fixture("jira-v3-search-jql-page1.json");
    let page2 = fixture("jira-v3-search-jql-page2.json");
    let server = Server::replay(vec![ok(page1.clone()), ok(page2.clone())]);
    let dir = folder();
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "jira",
            "--site",
            &server.base,
            "--jql",
            JQL,
            "--out",
            "backlog",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    assert!(
        stderr(&output).contains("pulled 6 items in 2 pages into backlog"),
        "{}",
        show(&output)
    );

    let seen = server.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    let basic = format!("Basic {}", base64(&format!("{EMAIL}:{TOKEN}")));
    for request in &seen {
        assert_eq!(request.method, "GET");
        assert_eq!(request.path(), "/rest/api/3/search/jql");
        assert_eq!(request.query("jql").as_deref(), Some(JQL));
        assert_eq!(request.query("fields").as_deref(), Some("*all"));
        assert_eq!(request.query("expand").as_deref(), Some("names"));
        assert_eq!(request.header("authorization"), Some(basic.as_str()));
    }
    assert_eq!(seen[0].query("nextPageToken"), None);
    assert_eq!(
        seen[1].query("nextPageToken").as_deref(),
        Some("Ch0jU3RyaW5nJlVFRk8lMjBPUkRFUiBCWSBrZXkQAxgBIPDn4dOzMw==")
    );

    // Each page as Jira sent it, and nothing else in the folder.
    let backlog = dir.path().join("backlog");
    assert_eq!(names_in(&backlog), ["page-0001.json", "page-0002.json"]);
    assert_eq!(
        std::fs::read_to_string(backlog.join("page-0001.json")).unwrap(),
        page1
    );
    assert_eq!(
        std::fs::read_to_string(backlog.join("page-0002.json")).unwrap(),
        page2
    );
    assert_no_secret(&output, dir.path());

    // The folder is one backlog, with the findings of the two pages read as exports.
    let pulled = backlint(
        dir.path(),
        &[
            "check",
            "backlog",
            "--format",
            "json",
            "--today",
            "2026-03-01",
        ],
    );
    let manifest = env!("CARGO_MANIFEST_DIR");
    let exported = backlint(
        Path::new(manifest),
        &[
            "check",
            "fixtures/jira-v3-search-jql-page1.json",
            "fixtures/jira-v3-search-jql-page2.json",
            "--format",
            "json",
            "--today",
            "2026-03-01",
        ],
    );
    assert_eq!(pulled.status.code(), Some(1), "{}", show(&pulled));
    assert_eq!(pulled.status.code(), exported.status.code());
    let report: Value = serde_json::from_slice(&pulled.stdout).unwrap();
    assert_eq!(report["summary"]["items"], json!(6), "{}", show(&pulled));
    let keys = keys_with_findings(&pulled.stdout);
    assert_eq!(keys, ["PAN-5"]);
    assert_eq!(keys, keys_with_findings(&exported.stdout));
}

#[test]
fn jira_data_center_pages_by_start_at_until_the_total() {
    let search: Value = serde_json::from_str(&fixture("jira-v2-search.json")).unwrap();
    let issues = search["issues"].as_array().unwrap();
    let page = |start: usize, end: usize| {
        let mut page = search.clone();
        page["startAt"] = json!(start);
        page["maxResults"] = json!(3);
        page["total"] = json!(issues.len());
        page["issues"] = json!(issues[start..end]);
        ok(serde_json::to_string_pretty(&page).unwrap())
    };
    let server = Server::replay(vec![page(0, 3), page(3, 5)]);
    let dir = folder();
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "jira",
            "--api",
            "v2",
            "--site",
            &format!("{}/jira/", server.base),
            "--jql",
            JQL,
            "--out",
            "pages",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    let bearer = format!("Bearer {PAT}");
    for request in &seen {
        assert_eq!(request.path(), "/jira/rest/api/2/search");
        assert_eq!(request.query("jql").as_deref(), Some(JQL));
        assert_eq!(request.header("authorization"), Some(bearer.as_str()));
    }
    assert_eq!(seen[0].query("startAt").as_deref(), Some("0"));
    assert_eq!(seen[1].query("startAt").as_deref(), Some("3"));
    assert_eq!(
        names_in(&dir.path().join("pages")),
        ["page-0001.json", "page-0002.json"]
    );
    assert_no_secret(&output, dir.path());

    let checked = backlint(
        dir.path(),
        &[
            "check",
            "pages",
            "--format",
            "json",
            "--today",
            "2026-03-01",
        ],
    );
    let report: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(report["summary"]["items"], json!(5), "{}", show(&checked));
}

#[test]
fn too_many_requests_waits_as_retry_after_says_then_goes_on() {
    let server = Server::replay(vec![
        status(429, r#"{"errorMessages":["Rate limit exceeded."]}"#).header("Retry-After", "0"),
        status(503, "").header("Retry-After", "0"),
        ok(fixture("jira-v3-search-jql-page2.json")),
    ]);
    let dir = folder();
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "jira",
            "--site",
            &server.base,
            "--jql",
            JQL,
            "--out",
            "backlog",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    assert_eq!(server.seen().len(), 3);
    let stderr = stderr(&output);
    assert!(stderr.contains("HTTP 429; retrying in 0 s"), "{stderr}");
    assert!(stderr.contains("HTTP 503; retrying in 0 s"), "{stderr}");
    assert_eq!(names_in(&dir.path().join("backlog")), ["page-0001.json"]);
}

#[test]
fn refused_credentials_name_the_variables_and_never_the_token() {
    let server = Server::replay(vec![status(401, r#"{"errorMessages":["Unauthorized"]}"#)]);
    let dir = folder();
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "jira",
            "--site",
            &server.base,
            "--jql",
            JQL,
            "--out",
            "backlog",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    let stderr = stderr(&output);
    assert!(
        stderr.contains("the site refused the credentials (HTTP 401)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("set JIRA_EMAIL and JIRA_API_TOKEN"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    assert_no_secret(&output, dir.path());
    assert_eq!(
        names_in(&dir.path().join("backlog")),
        Vec::<String>::new(),
        "no page"
    );
}

#[test]
fn a_jql_error_is_quoted_from_jira() {
    let body = r#"{"errorMessages":["Error in the JQL Query: Expecting operator but got 'PAN'. (line 1, character 9)"],"errors":{}}"#;
    let server = Server::replay(vec![status(400, body)]);
    let dir = folder();
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "jira",
            "--site",
            &server.base,
            "--jql",
            "project PAN",
            "--out",
            "backlog",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    let stderr = stderr(&output);
    assert!(
        stderr.contains("the request was refused (HTTP 400): Error in the JQL Query: Expecting operator but got 'PAN'. (line 1, character 9)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: correct the JQL (line and character count from its start) and pull again: project PAN"),
        "{stderr}"
    );
}

#[test]
fn an_interrupted_pull_leaves_the_last_complete_one() {
    let dir = folder();
    let backlog = dir.path().join("backlog");
    std::fs::create_dir(&backlog).unwrap();
    for name in ["page-0001.json", "page-0002.json", "page-0003.json"] {
        std::fs::write(backlog.join(name), "earlier").unwrap();
    }
    std::fs::write(backlog.join("notes.md"), "kept").unwrap();

    // The second page fails: nothing of this pull replaces the earlier one.
    let server = Server::replay(vec![
        ok(fixture("jira-v3-search-jql-page1.json")),
        status(404, ""),
    ]);
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "jira",
            "--site",
            &server.base,
            "--jql",
            JQL,
            "--out",
            "backlog",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(stderr(&output).contains("not found (HTTP 404)"));
    assert_eq!(
        names_in(&backlog),
        [
            "notes.md",
            "page-0001.json",
            "page-0002.json",
            "page-0003.json"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(backlog.join("page-0001.json")).unwrap(),
        "earlier"
    );

    // A complete pull replaces every earlier page, and only pages.
    let server = Server::replay(vec![ok(fixture("jira-v3-search-jql-page2.json"))]);
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "jira",
            "--site",
            &server.base,
            "--jql",
            JQL,
            "--out",
            "backlog",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    assert_eq!(names_in(&backlog), ["notes.md", "page-0001.json"]);
}

#[test]
fn github_follows_link_headers_and_saves_the_gh_shape() {
    let issue = |number: u32, title: &str, labels: Value| {
        json!({
            "url": format!("{{base}}/repos/example/pantry/issues/{number}"),
            "html_url": format!("https://github.com/example/pantry/issues/{number}"),
            "number": number,
            "title": title,
            "body": "As a shopper, I want to reorder my last basket, so that I save time.",
            "state": "open",
            "labels": labels,
            "assignees": [],
            "milestone": null,
            "created_at": "2026-01-12T09:30:00Z",
            "updated_at": "2026-02-02T10:00:00Z"
        })
    };
    let mut pull_request = issue(3, "Bump the parser", json!([]));
    pull_request["pull_request"] = json!({"url": "{base}/repos/example/pantry/pulls/3"});
    let page1 = json!([
        issue(
            1,
            "As a shopper, I want to reorder my last basket",
            json!([{"id": 1, "name": "type: story"}])
        ),
        pull_request,
    ]);
    let page2 = json!([issue(
        4,
        "Make checkout faster and more user-friendly",
        json!([{"id": 1, "name": "type: story"}])
    )]);
    let server = Server::replay(vec![
        ok(page1.to_string()).header(
            "Link",
            "<{base}/repositories/42/issues?state=open&per_page=100&page=2>; rel=\"next\", <{base}/repositories/42/issues?state=open&per_page=100&page=2>; rel=\"last\"",
        ),
        ok(page2.to_string()).header(
            "Link",
            "<{base}/repositories/42/issues?state=open&per_page=100&page=1>; rel=\"prev\"",
        ),
    ]);
    let dir = folder();
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "github",
            "--site",
            &server.base,
            "--repo",
            "example/pantry",
            "--out",
            "issues",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].path(), "/repos/example/pantry/issues");
    assert_eq!(seen[0].query("state").as_deref(), Some("open"));
    assert_eq!(seen[0].query("per_page").as_deref(), Some("100"));
    assert_eq!(seen[1].path(), "/repositories/42/issues");
    assert_eq!(seen[1].query("page").as_deref(), Some("2"));
    let bearer = format!("Bearer {GITHUB_TOKEN}");
    for request in &seen {
        assert_eq!(request.header("authorization"), Some(bearer.as_str()));
        assert_eq!(
            request.header("accept"),
            Some("application/vnd.github+json")
        );
    }

    let issues = dir.path().join("issues");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(issues.join("page-0001.json")).unwrap())
            .unwrap();
    assert_eq!(
        saved.as_array().unwrap().len(),
        1,
        "the pull request is left out"
    );
    assert_eq!(saved[0]["createdAt"], json!("2026-01-12T09:30:00Z"));
    assert_eq!(
        saved[0]["url"],
        json!("https://github.com/example/pantry/issues/1")
    );
    assert_eq!(saved[0]["state"], json!("OPEN"));
    assert_no_secret(&output, dir.path());

    let checked = backlint(
        dir.path(),
        &[
            "check",
            "issues",
            "--format",
            "json",
            "--today",
            "2026-03-01",
        ],
    );
    assert_eq!(checked.status.code(), Some(1), "{}", show(&checked));
    assert_eq!(keys_with_findings(&checked.stdout), ["#1", "#4"]);
}

#[test]
fn githubs_used_up_rate_limit_is_waited_for_or_reported() {
    // A secondary rate limit (403 with Retry-After) is waited for; a primary one that
    // resets in an hour is reported, not slept through.
    let server = Server::replay(vec![
        status(
            403,
            r#"{"message":"You have exceeded a secondary rate limit."}"#,
        )
        .header("Retry-After", "0"),
        status(403, r#"{"message":"API rate limit exceeded"}"#)
            .header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset", "4102444800"),
    ]);
    let dir = folder();
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "github",
            "--site",
            &server.base,
            "--repo",
            "example/pantry",
            "--out",
            "issues",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert_eq!(server.seen().len(), 2);
    let stderr = stderr(&output);
    assert!(stderr.contains("HTTP 403; retrying in 0 s"), "{stderr}");
    assert!(
        stderr.contains("the site's rate limit is used up (HTTP 403): it asks to wait"),
        "{stderr}"
    );
}

const WIQL: &str = "SELECT [System.Id] FROM WorkItems WHERE [System.State] <> 'Closed'";

#[test]
fn azure_devops_queries_wiql_then_fetches_the_work_items() {
    let listed = json!({
        "queryType": "flat",
        "workItems": [
            {"id": 101, "url": "{base}/_apis/wit/workItems/101"},
            {"id": 102, "url": "{base}/_apis/wit/workItems/102"},
            {"id": 103, "url": "{base}/_apis/wit/workItems/103"}
        ]
    });
    let server = Server::replay(vec![
        ok(listed.to_string()),
        ok(fixture("azure-devops-workitems.json")),
    ]);
    let dir = folder();
    let site = format!("{}/example/Pantry", server.base);
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "azure-devops",
            "--site",
            &site,
            "--wiql",
            WIQL,
            "--out",
            "items",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    let basic = format!("Basic {}", base64(&format!(":{AZURE_PAT}")));
    for request in &seen {
        assert_eq!(request.method, "POST");
        assert_eq!(request.query("api-version").as_deref(), Some("7.1"));
        assert_eq!(request.header("authorization"), Some(basic.as_str()));
    }
    assert_eq!(seen[0].path(), "/example/Pantry/_apis/wit/wiql");
    assert_eq!(
        serde_json::from_str::<Value>(&seen[0].body).unwrap(),
        json!({"query": WIQL})
    );
    assert_eq!(seen[1].path(), "/example/Pantry/_apis/wit/workitemsbatch");
    assert_eq!(
        serde_json::from_str::<Value>(&seen[1].body).unwrap(),
        json!({"ids": [101, 102, 103], "$expand": "Relations"})
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("items/page-0001.json")).unwrap(),
        fixture("azure-devops-workitems.json")
    );
    assert_no_secret(&output, dir.path());

    let checked = backlint(
        dir.path(),
        &[
            "check",
            "items",
            "--format",
            "json",
            "--today",
            "2026-03-01",
        ],
    );
    assert_eq!(checked.status.code(), Some(1), "{}", show(&checked));
    let report: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(report["summary"]["items"], json!(3));
    // 101 is blocked by 103 (a predecessor link, fetched with the relations).
    assert_eq!(keys_with_findings(&checked.stdout), ["101", "102"]);
}

#[test]
fn azure_devops_sign_in_page_means_a_refused_token() {
    let server = Server::replay(vec![status(203, "<html>Sign in</html>")]);
    let dir = folder();
    let site = format!("{}/example/Pantry", server.base);
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "azure-devops",
            "--site",
            &site,
            "--wiql",
            WIQL,
            "--out",
            "items",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        stderr(&output).contains("set AZURE_DEVOPS_PAT (with the Work Items (Read) scope)"),
        "{}",
        show(&output)
    );
    assert_no_secret(&output, dir.path());
}

#[test]
fn the_token_goes_to_no_other_host() {
    let server = Server::replay(vec![ok("[]").header(
        "Link",
        "<https://elsewhere.example/issues?page=2>; rel=\"next\"",
    )]);
    let dir = folder();
    let output = backlint(
        dir.path(),
        &[
            "pull",
            "github",
            "--site",
            &server.base,
            "--repo",
            "example/pantry",
            "--out",
            "issues",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", show(&output));
    assert!(
        stderr(&output).contains("backlint does not send the token elsewhere"),
        "{}",
        show(&output)
    );
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn check_pull_pulls_as_the_configuration_says_then_checks() {
    let server = Server::replay(vec![
        ok(fixture("jira-v3-search-jql-page1.json")),
        ok(fixture("jira-v3-search-jql-page2.json")),
    ]);
    let dir = folder();
    std::fs::write(
        dir.path().join("backlint.toml"),
        format!(
            "today = \"2026-03-01\"\n\n[pull]\ntracker = \"jira\"\nsite = \"{}\"\njql = \"{JQL}\"\nout = \"pulled\"\n",
            server.base
        ),
    )
    .unwrap();
    let output = backlint(dir.path(), &["check", "--pull", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", show(&output));
    assert_eq!(server.seen().len(), 2);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["items"], json!(6), "{}", show(&output));
    assert_eq!(
        names_in(&dir.path().join("pulled")),
        ["page-0001.json", "page-0002.json"]
    );
    assert_no_secret(&output, dir.path());
}

#[test]
fn pull_refuses_what_it_cannot_do_safely() {
    let dir = folder();
    let plain = backlint(
        dir.path(),
        &[
            "pull",
            "jira",
            "--site",
            "http://jira.example.com",
            "--jql",
            JQL,
        ],
    );
    assert_eq!(plain.status.code(), Some(2));
    assert!(
        stderr(&plain).contains("plain http is refused"),
        "{}",
        show(&plain)
    );

    let unset = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args([
            "pull",
            "jira",
            "--api",
            "v2",
            "--site",
            "https://jira.example.com",
            "--jql",
            JQL,
        ])
        .current_dir(dir.path())
        .env_remove("JIRA_PAT")
        .output()
        .unwrap();
    assert_eq!(unset.status.code(), Some(2));
    assert!(
        stderr(&unset).contains("JIRA_PAT is not set"),
        "{}",
        show(&unset)
    );

    let nothing_to_pull = backlint(dir.path(), &["check", "--pull"]);
    assert_eq!(nothing_to_pull.status.code(), Some(2));
    assert!(
        stderr(&nothing_to_pull).contains("backlint pull needs the tracker"),
        "{}",
        show(&nothing_to_pull)
    );

    std::fs::write(
        dir.path().join("backlint.toml"),
        "[pull]\ntracker = \"jira\"\ntoken = \"x\"\n",
    )
    .unwrap();
    let unknown = backlint(dir.path(), &["pull"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("unknown field `token`"),
        "{}",
        show(&unknown)
    );
}

#[test]
fn the_token_can_come_from_a_file() {
    let server = Server::replay(vec![ok(fixture("jira-v3-search-jql-page2.json"))]);
    let dir = folder();
    std::fs::write(dir.path().join("pat.txt"), "pat-from-a-file-0123\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args([
            "pull",
            "jira",
            "--api",
            "v2",
            "--site",
            &server.base,
            "--jql",
            JQL,
        ])
        .args(["--token-file", "pat.txt", "--out", "backlog", "--quiet"])
        .current_dir(dir.path())
        .env_remove("JIRA_PAT")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", show(&output));
    assert!(output.stderr.is_empty(), "--quiet: {}", show(&output));
    assert_eq!(
        server.seen()[0].header("authorization"),
        Some("Bearer pat-from-a-file-0123")
    );
}

/// Standard base64, to compare the Basic authorization header.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}

/// A site whose certificate the organisation's own authority signed: refused against the
/// public authorities, with the way out in the message; pulled with that authority given
/// by --ca-cert. A file that holds no certificate is refused before any request.
#[test]
fn ca_cert_trusts_an_organisations_own_authority() {
    let (authority, tls) = private_authority();
    let dir = folder();
    std::fs::write(dir.path().join("internal-ca.pem"), &authority).unwrap();
    std::fs::write(dir.path().join("not-a-ca.pem"), "just text\n").unwrap();
    let server = Server::replay_tls(vec![ok("[]")], tls);
    let pull = |extra: &[&str]| {
        let args = [
            &[
                "pull",
                "github",
                "--site",
                &server.base,
                "--repo",
                "example/pantry",
            ],
            extra,
        ]
        .concat();
        backlint(dir.path(), &args)
    };

    let refused = pull(&[]);
    assert_eq!(refused.status.code(), Some(2), "{}", show(&refused));
    assert!(
        stderr(&refused).contains("or those of --ca-cert FILE"),
        "{}",
        show(&refused)
    );
    assert!(server.seen().is_empty());

    let not_pem = pull(&["--ca-cert", "not-a-ca.pem"]);
    assert_eq!(not_pem.status.code(), Some(2), "{}", show(&not_pem));
    assert!(
        stderr(&not_pem).contains("not-a-ca.pem: cannot trust the file's certificate authorities: it holds no certificate"),
        "{}",
        show(&not_pem)
    );

    let pulled = pull(&["--ca-cert", "internal-ca.pem"]);
    assert_eq!(pulled.status.code(), Some(0), "{}", show(&pulled));
    assert_eq!(server.seen().len(), 1);
    assert_eq!(server.seen()[0].path(), "/repos/example/pantry/issues");
}
