//! Azure DevOps work items: a WIQL query (`POST {site}/_apis/wit/wiql`) for their ids, then
//! the work items 200 at a time (`POST {site}/_apis/wit/workitemsbatch`), each batch saved
//! as Azure DevOps sent it (the `azure-devops-json` reader reads a folder of them as one
//! backlog). The site is the project's address, `https://dev.azure.com/ORGANIZATION/PROJECT`
//! (Azure DevOps Server: `https://HOST/COLLECTION/PROJECT`); the personal access token,
//! `AZURE_DEVOPS_PAT`, goes as Basic authentication with no user name.

use std::path::Path;

use serde_json::{json, Value};

use crate::error::Error;
use crate::pull::http::{fetch_error, Auth, Client, Hints};
use crate::pull::pages::Pages;
use crate::pull::secret::Secret;
use crate::pull::{not_json, Progress};

/// The REST API version asked for.
const API_VERSION: [(&str, &str); 1] = [("api-version", "7.1")];
/// The most work items `workitemsbatch` returns at once.
const BATCH: usize = 200;

/// The token: `AZURE_DEVOPS_PAT`, or the first line of `token_file`.
pub fn auth(token_file: Option<&Path>) -> Result<Auth, Error> {
    let token = match token_file {
        Some(path) => Secret::from_file(path)?,
        None => Secret::from_env(
            "AZURE_DEVOPS_PAT",
            "a personal access token with the Work Items (Read) scope",
        )?,
    };
    Ok(Auth::Basic {
        user: String::new(),
        token,
    })
}

/// What 400, 401, 403 and 404 mean on Azure DevOps, querying with `wiql`.
pub fn hints(wiql: &str, token_file: Option<&Path>) -> Hints {
    Hints {
        credentials: token_file.map_or(
            "AZURE_DEVOPS_PAT (with the Work Items (Read) scope)".to_owned(),
            |path| format!("the token in {}", path.display()),
        ),
        not_found: "the site: the project's address, https://dev.azure.com/ORGANIZATION/PROJECT"
            .to_owned(),
        bad_request: format!(
            "correct the WIQL and pull again: {}",
            crate::terminal_text::escape(wiql)
        ),
    }
}

/// Pulls the work items `wiql` selects into `pages`, 200 a page.
pub fn pull(
    site: &str,
    wiql: &str,
    client: &Client<'_>,
    pages: &mut Pages,
    progress: &Progress,
) -> Result<(), Error> {
    let site = site.trim_end_matches('/');
    let query_url = format!("{site}/_apis/wit/wiql");
    let response = client.post_json(
        &query_url,
        &API_VERSION,
        &json!({ "query": wiql }).to_string(),
    )?;
    let result: Value = serde_json::from_str(&response.body).map_err(|_| not_json(&query_url))?;
    let Some(listed) = result.get("workItems").and_then(Value::as_array) else {
        return Err(fetch_error(
            &query_url,
            "the query gave no `workItems`: a query of links or a tree is not a list of work items"
                .to_owned(),
            "write a flat query: SELECT [System.Id] FROM WorkItems WHERE …".to_owned(),
        ));
    };
    let ids: Vec<u64> = listed
        .iter()
        .filter_map(|w| w.get("id")?.as_u64())
        .collect();
    if ids.is_empty() {
        // A query that matched nothing: one empty page, read as an empty backlog.
        pages.save(&json!({ "count": 0, "value": [] }).to_string())?;
        progress.page(pages.count(), 0);
        return Ok(());
    }
    let batch_url = format!("{site}/_apis/wit/workitemsbatch");
    for batch in ids.chunks(BATCH) {
        let response = client.post_json(
            &batch_url,
            &API_VERSION,
            // Relations give the dependency links that block items.
            &json!({ "ids": batch, "$expand": "Relations" }).to_string(),
        )?;
        let page: Value = serde_json::from_str(&response.body).map_err(|_| not_json(&batch_url))?;
        let Some(count) = page.get("value").and_then(Value::as_array).map(Vec::len) else {
            return Err(not_json(&batch_url));
        };
        pages.save(&client.redact(&response.body))?;
        progress.page(pages.count(), count);
    }
    Ok(())
}
