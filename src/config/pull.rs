//! `[pull]`: where `backlint pull` and `backlint check --pull` fetch the backlog from.
//! Credentials are never here: they come from the environment (or `token_file`).

use std::path::PathBuf;

use serde::Deserialize;

/// The trackers backlint pulls from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrackerName {
    Jira,
    Github,
    #[serde(rename = "azure-devops")]
    AzureDevops,
}

impl TrackerName {
    /// Each tracker, its name and what it pulls (for `--help`).
    pub const ALL: [(TrackerName, &'static str, &'static str); 3] = [
        (
            TrackerName::Jira,
            "jira",
            "Jira Cloud (--api v3) or Data Center and Server (--api v2), by a JQL search",
        ),
        (
            TrackerName::Github,
            "github",
            "the open issues of a GitHub repository",
        ),
        (
            TrackerName::AzureDevops,
            "azure-devops",
            "Azure DevOps work items, by a WIQL query",
        ),
    ];
}

/// Which of Jira's REST APIs to search with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JiraApi {
    V3,
    V2,
}

impl JiraApi {
    /// Each API, its name and what it is for (for `--help`).
    pub const ALL: [(JiraApi, &'static str, &'static str); 2] = [
        (
            JiraApi::V3,
            "v3",
            "Jira Cloud: /rest/api/3/search/jql, with JIRA_EMAIL and JIRA_API_TOKEN",
        ),
        (
            JiraApi::V2,
            "v2",
            "Jira Data Center and Server: /rest/api/2/search, with JIRA_PAT",
        ),
    ];
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PullSettings {
    pub tracker: Option<TrackerName>,
    /// The site (Jira), the project (Azure DevOps: `https://dev.azure.com/ORG/PROJECT`), or
    /// the REST API's address (GitHub Enterprise Server: `https://HOST/api/v3`; default
    /// `https://api.github.com`).
    pub site: Option<String>,
    /// Jira's API: `v3` (Cloud, the default) or `v2` (Data Center and Server).
    pub api: Option<JiraApi>,
    /// The JQL search (Jira).
    pub jql: Option<String>,
    /// `OWNER/REPO` (GitHub).
    pub repo: Option<String>,
    /// The WIQL query (Azure DevOps).
    pub wiql: Option<String>,
    /// Jira's `fields` parameter (default `*all`).
    pub fields: Option<String>,
    /// The folder that receives the pages, relative to this file (default `backlog`).
    pub out: Option<PathBuf>,
    /// Seconds a request may take (default 60).
    pub timeout: Option<u64>,
    /// A file holding the token, relative to this file, instead of the environment variable.
    pub token_file: Option<PathBuf>,
    /// The certificate authorities to trust (a PEM file, relative to this file) instead of
    /// the public ones.
    pub ca_cert: Option<PathBuf>,
}
