//! The open issues of a GitHub repository (`GET /repos/OWNER/REPO/issues`, 100 a page,
//! following the `Link` header), token from `GITHUB_TOKEN`.
//!
//! The REST API's issues are saved in the shape `gh issue list --json …` writes, which
//! the `github-issues` reader reads: `createdAt` for `created_at`, the page's address
//! (`html_url`) as `url`, `labels` and `assignees` as objects with their name or login,
//! `state` in capitals. Pull requests, which the endpoint lists among issues, are left out.

use std::path::Path;

use serde_json::{json, Value};

use crate::error::Error;
use crate::pull::http::{fetch_error, Auth, Client, Hints};
use crate::pull::pages::Pages;
use crate::pull::secret::Secret;
use crate::pull::{not_json, Progress};

/// The REST API's address on github.com; GitHub Enterprise Server's is `https://HOST/api/v3`.
pub const API: &str = "https://api.github.com";

/// The headers GitHub asks REST clients to send.
pub const HEADERS: [(&str, &str); 2] = [
    ("Accept", "application/vnd.github+json"),
    ("X-GitHub-Api-Version", "2022-11-28"),
];

/// The token: `GITHUB_TOKEN`, or the first line of `token_file`.
pub fn auth(token_file: Option<&Path>) -> Result<Auth, Error> {
    Ok(Auth::Bearer(match token_file {
        Some(path) => Secret::from_file(path)?,
        None => Secret::from_env(
            "GITHUB_TOKEN",
            "a token that may read the repository's issues",
        )?,
    }))
}

/// What 400, 401, 403 and 404 mean on GitHub.
pub fn hints(token_file: Option<&Path>) -> Hints {
    Hints {
        credentials: token_file.map_or("GITHUB_TOKEN".to_owned(), |path| {
            format!("the token in {}", path.display())
        }),
        not_found: "the repository (OWNER/REPO) and that the token may read it; a private repository answers 404 to a token without access".to_owned(),
        bad_request: "check --repo and --site, and pull again".to_owned(),
    }
}

/// Refuses a repository that is not `OWNER/REPO` (letters, digits, `.`, `-`, `_`).
pub fn check_repo(repo: &str) -> Result<(), Error> {
    let part = |p: &str| {
        !p.is_empty()
            && p != "."
            && p != ".."
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    match repo.split_once('/') {
        Some((owner, name)) if part(owner) && part(name) => Ok(()),
        _ => Err(Error::Usage {
            message: format!(
                "--repo {}: not a repository",
                crate::terminal_text::escape(repo)
            ),
            help: "name it as OWNER/REPO, e.g. --repo example/pantry".into(),
        }),
    }
}

/// Pulls the open issues of `repo` (`OWNER/REPO`) from the API at `api`.
pub fn pull(
    api: &str,
    repo: &str,
    client: &Client<'_>,
    pages: &mut Pages,
    progress: &Progress,
) -> Result<(), Error> {
    let api = api.trim_end_matches('/');
    let first = format!("{api}/repos/{repo}/issues");
    let mut response = client.get(
        &first,
        &[
            ("state", "open"),
            ("per_page", "100"),
            ("sort", "created"),
            ("direction", "asc"),
        ],
    )?;
    loop {
        let issues: Vec<Value> = match serde_json::from_str(&response.body) {
            Ok(Value::Array(issues)) => issues,
            _ => return Err(not_json(&first)),
        };
        let converted: Vec<Value> = issues
            .iter()
            .filter(|issue| issue.get("pull_request").is_none())
            .map(as_gh_issue)
            .collect();
        let text = serde_json::to_string_pretty(&converted).unwrap_or_default();
        pages.save(&client.redact(&text))?;
        progress.page(pages.count(), converted.len());
        let Some(next) = response.next else {
            return Ok(());
        };
        // The token goes only to the API it was given for.
        if !next.starts_with(&format!("{api}/")) {
            return Err(fetch_error(
                &next,
                format!(
                    "the next page is not on {api}; backlint does not send the token elsewhere"
                ),
                "give the API address the pages are on with --site".to_owned(),
            ));
        }
        response = client.get(&next, &[])?;
    }
}

/// A REST issue as `gh issue list --json` writes it.
fn as_gh_issue(issue: &Value) -> Value {
    let names = |list: &str, key: &str| -> Vec<Value> {
        issue
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.get(key))
            .map(|name| json!({ key: name }))
            .collect()
    };
    let milestone = issue
        .get("milestone")
        .and_then(|m| m.get("title"))
        .map_or(Value::Null, |title| json!({ "title": title }));
    let state = issue
        .get("state")
        .and_then(Value::as_str)
        .map_or(Value::Null, |s| Value::from(s.to_uppercase()));
    let field = |name: &str| issue.get(name).cloned().unwrap_or(Value::Null);
    json!({
        "number": field("number"),
        "title": field("title"),
        "body": issue.get("body").filter(|b| b.is_string()).cloned().unwrap_or_else(|| Value::from("")),
        "labels": names("labels", "name"),
        "assignees": names("assignees", "login"),
        "milestone": milestone,
        "state": state,
        "createdAt": field("created_at"),
        "updatedAt": field("updated_at"),
        "url": field("html_url"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rest_issue_in_gh_shape() {
        let rest = json!({
            "url": "https://api.github.com/repos/example/pantry/issues/7",
            "html_url": "https://github.com/example/pantry/issues/7",
            "number": 7,
            "title": "As a shopper, I want to reorder",
            "body": null,
            "state": "open",
            "labels": [{"id": 1, "name": "type: story", "color": "0e8a16"}],
            "assignees": [{"login": "alex-doe", "id": 2}],
            "milestone": {"title": "Sprint 4", "number": 3},
            "created_at": "2026-01-12T09:30:00Z",
            "updated_at": "2026-03-02T14:15:00Z"
        });
        assert_eq!(
            as_gh_issue(&rest),
            json!({
                "number": 7,
                "title": "As a shopper, I want to reorder",
                "body": "",
                "labels": [{"name": "type: story"}],
                "assignees": [{"login": "alex-doe"}],
                "milestone": {"title": "Sprint 4"},
                "state": "OPEN",
                "createdAt": "2026-01-12T09:30:00Z",
                "updatedAt": "2026-03-02T14:15:00Z",
                "url": "https://github.com/example/pantry/issues/7"
            })
        );
    }
}
