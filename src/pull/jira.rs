//! Jira's issue search, page by page, each page saved as Jira sent it (the `jira-json`
//! reader reads a folder of them as one backlog).
//!
//! - Cloud (`--api v3`): `GET /rest/api/3/search/jql`, paginated with `nextPageToken`
//!   until `isLast`; Basic authentication with `JIRA_EMAIL` and `JIRA_API_TOKEN`.
//! - Data Center and Server (`--api v2`): `GET /rest/api/2/search`, paginated with
//!   `startAt` until `total`; a personal access token, `JIRA_PAT`, as a Bearer token.

use std::path::Path;

use serde_json::Value;

use crate::error::Error;
use crate::pull::http::{fetch_error, Auth, Client, Hints};
use crate::pull::pages::Pages;
use crate::pull::secret::{self, Secret};
use crate::pull::{not_json, Progress};

/// Issues per page: the most both APIs give.
const PAGE_SIZE: &str = "100";

pub use crate::config::pull::JiraApi as Api;

/// A Jira search to pull.
pub struct Search<'a> {
    /// The site, e.g. `https://example.atlassian.net` (a Data Center context path included).
    pub site: &'a str,
    pub api: Api,
    pub jql: &'a str,
    /// The `fields` parameter: `*all`, or a list such as `summary,description,priority`.
    pub fields: &'a str,
}

/// The credentials for `api`: from the environment, the token from `token_file` if given.
pub fn auth(api: Api, token_file: Option<&Path>) -> Result<Auth, Error> {
    let token = |variable: &str, purpose: &str| match token_file {
        Some(path) => Secret::from_file(path),
        None => Secret::from_env(variable, purpose),
    };
    Ok(match api {
        Api::V3 => Auth::Basic {
            user: secret::from_env("JIRA_EMAIL", "the e-mail address of the Jira account")?,
            token: token("JIRA_API_TOKEN", "an API token of the Jira account")?,
        },
        Api::V2 => Auth::Bearer(token(
            "JIRA_PAT",
            "a personal access token of the Jira account",
        )?),
    })
}

/// What 400, 401, 403 and 404 mean on Jira, searching with `jql`.
pub fn hints(api: Api, jql: &str, token_file: Option<&Path>) -> Hints {
    let token = match (api, token_file) {
        (_, Some(path)) => format!("the token in {}", path.display()),
        (Api::V3, None) => "JIRA_API_TOKEN".to_owned(),
        (Api::V2, None) => "JIRA_PAT".to_owned(),
    };
    Hints {
        credentials: match api {
            Api::V3 => format!("JIRA_EMAIL and {token}"),
            Api::V2 => token,
        },
        not_found: match api {
            Api::V3 => "the site address (https://YOUR-SITE.atlassian.net); a Jira Data Center or Server site needs --api v2".to_owned(),
            Api::V2 => "the site address (with its context path, e.g. https://jira.example.com/jira); a Jira Cloud site needs --api v3".to_owned(),
        },
        bad_request: format!(
            "correct the JQL (line and character count from its start) and pull again: {}",
            crate::terminal_text::escape(jql)
        ),
    }
}

/// Pulls every page of the search into `pages`.
pub fn pull(
    search: &Search<'_>,
    client: &Client<'_>,
    pages: &mut Pages,
    progress: &Progress,
) -> Result<(), Error> {
    let site = search.site.trim_end_matches('/');
    let common = [
        ("jql", search.jql),
        ("fields", search.fields),
        ("expand", "names"),
        ("maxResults", PAGE_SIZE),
    ];
    match search.api {
        Api::V3 => {
            let url = format!("{site}/rest/api/3/search/jql");
            let mut token: Option<String> = None;
            loop {
                let mut query = common.to_vec();
                if let Some(token) = &token {
                    query.push(("nextPageToken", token));
                }
                let (page, issues) = fetch(client, &url, &query, pages)?;
                progress.page(pages.count(), issues);
                let last = page.get("isLast").and_then(Value::as_bool);
                let next = page.get("nextPageToken").and_then(Value::as_str);
                match (last, next) {
                    (Some(true), _) | (_, None) => return Ok(()),
                    (_, Some(next)) if token.as_deref() == Some(next) => {
                        return Err(repeating(&url))
                    }
                    (_, Some(next)) => token = Some(next.to_owned()),
                }
            }
        }
        Api::V2 => {
            let url = format!("{site}/rest/api/2/search");
            let mut start = 0u64;
            loop {
                let start_at = start.to_string();
                let mut query = common.to_vec();
                query.push(("startAt", &start_at));
                let (page, issues) = fetch(client, &url, &query, pages)?;
                progress.page(pages.count(), issues);
                let total = page.get("total").and_then(Value::as_u64).unwrap_or(0);
                start += issues as u64;
                if issues == 0 || start >= total {
                    return Ok(());
                }
            }
        }
    }
}

/// GETs one page, checks it is a search response, and saves it; the page and its number
/// of issues.
fn fetch(
    client: &Client<'_>,
    url: &str,
    query: &[(&str, &str)],
    pages: &mut Pages,
) -> Result<(Value, usize), Error> {
    let response = client.get(url, query)?;
    let page: Value = serde_json::from_str(&response.body).map_err(|_| not_json(url))?;
    let Some(issues) = page.get("issues").and_then(Value::as_array).map(Vec::len) else {
        return Err(fetch_error(
            url,
            "the response holds no `issues`: it is not a Jira search result".to_owned(),
            "check the site address and --api (v3 for Jira Cloud, v2 for Data Center and Server)"
                .to_owned(),
        ));
    };
    pages.save(&client.redact(&response.body))?;
    Ok((page, issues))
}

fn repeating(url: &str) -> Error {
    fetch_error(
        url,
        "Jira gave the same nextPageToken twice; the pull stops rather than loop".to_owned(),
        "pull again; if it repeats, report it with the JQL".to_owned(),
    )
}
