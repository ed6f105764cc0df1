//! `backlint pull`, and the pull of `backlint check --pull`: the command line's options over
//! `[pull]` in backlint.toml, handed to the library's `pull`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cli::PullArgs;
use backlint::config::pull::{JiraApi, PullSettings, TrackerName};
use backlint::config::Loaded;
use backlint::error::Error;
use backlint::pull::{self, jira, Options, Tracker, DEFAULT_TIMEOUT_SECS};
use backlint::terminal_text::{eprint, escape};

use super::{load_config, EXIT_CLEAN};

pub fn run(args: &PullArgs) -> Result<u8, Error> {
    let loaded = load_config(args.config.as_deref())?;
    pull_into_folder(&settings_of(args), &loaded, !args.quiet)?;
    Ok(EXIT_CLEAN)
}

/// The command line's pull options as settings, its paths as given.
fn settings_of(args: &PullArgs) -> PullSettings {
    PullSettings {
        tracker: args.tracker.map(|t| t.0),
        site: args.site.clone(),
        api: args.api.map(|a| a.0),
        jql: args.jql.clone(),
        repo: args.repo.clone(),
        wiql: args.wiql.clone(),
        fields: args.fields.clone(),
        out: args.out.clone(),
        timeout: args.timeout,
        token_file: args.token_file.clone(),
        ca_cert: args.ca_cert.clone(),
    }
}

/// Pulls as `given` says, else as the configuration's `[pull]` says (its paths relative to
/// the file); returns the folder the pages are in. `talk`: progress and a closing line.
pub fn pull_into_folder(
    given: &PullSettings,
    loaded: &Loaded,
    talk: bool,
) -> Result<PathBuf, Error> {
    let configured = &loaded.config.pull;
    let base = loaded.base_dir();
    let relative = |path: &Option<PathBuf>| path.as_ref().map(|p| base.join(p));
    let out = given
        .out
        .clone()
        .or_else(|| relative(&configured.out))
        .unwrap_or_else(|| base.join("backlog"));
    let token_file = given
        .token_file
        .clone()
        .or_else(|| relative(&configured.token_file));
    let ca_cert = given
        .ca_cert
        .clone()
        .or_else(|| relative(&configured.ca_cert));
    let pick =
        |ours: &Option<String>, theirs: &Option<String>| ours.clone().or_else(|| theirs.clone());
    let site = pick(&given.site, &configured.site);
    let Some(tracker) = given.tracker.or(configured.tracker) else {
        return Err(missing(
            "the tracker",
            "backlint pull jira …, or tracker = \"jira\" under [pull] in backlint.toml",
        ));
    };
    let jql;
    let repo;
    let wiql;
    let fields;
    let tracker = match tracker {
        TrackerName::Jira => {
            jql = pick(&given.jql, &configured.jql).ok_or_else(|| {
                missing(
                    "the JQL search",
                    "--jql 'project = PAN AND statusCategory != Done', or jql = \"…\" under [pull]",
                )
            })?;
            fields = pick(&given.fields, &configured.fields).unwrap_or_else(|| "*all".to_owned());
            Tracker::Jira(jira::Search {
                site: site.as_deref().ok_or_else(|| {
                    missing(
                        "the Jira site",
                        "--site https://example.atlassian.net, or site = \"…\" under [pull]",
                    )
                })?,
                api: given.api.or(configured.api).unwrap_or(JiraApi::V3),
                jql: &jql,
                fields: &fields,
            })
        }
        TrackerName::Github => {
            repo = pick(&given.repo, &configured.repo).ok_or_else(|| {
                missing(
                    "the repository",
                    "--repo OWNER/REPO, or repo = \"OWNER/REPO\" under [pull]",
                )
            })?;
            Tracker::GitHub {
                api: site.as_deref().unwrap_or(pull::github::API),
                repo: &repo,
            }
        }
        TrackerName::AzureDevops => {
            wiql = pick(&given.wiql, &configured.wiql).ok_or_else(|| {
                missing(
                    "the WIQL query",
                    "--wiql \"SELECT [System.Id] FROM WorkItems WHERE …\", or wiql = \"…\" under [pull]",
                )
            })?;
            Tracker::AzureDevOps {
                site: site.as_deref().ok_or_else(|| {
                    missing(
                        "the project's address",
                        "--site https://dev.azure.com/ORGANIZATION/PROJECT, or site = \"…\" under [pull]",
                    )
                })?,
                wiql: &wiql,
            }
        }
    };
    let options = Options {
        out: &out,
        timeout: Duration::from_secs(
            given
                .timeout
                .or(configured.timeout)
                .unwrap_or(DEFAULT_TIMEOUT_SECS),
        ),
        token_file: token_file.as_deref(),
        ca_cert: ca_cert.as_deref(),
        progress: talk,
    };
    let pulled = pull::pull(&tracker, &options)?;
    if talk {
        eprint(&format!(
            "pulled {} in {} into {}\n",
            pull::counted(pulled.items, "item"),
            pull::counted(pulled.files.len(), "page"),
            escape(&shown(&out))
        ));
    }
    Ok(out)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn missing(what: &str, how: &str) -> Error {
    Error::Usage {
        message: format!("backlint pull needs {what}"),
        help: format!("give it: {how}"),
    }
}
