//! `backlint pull`: fetches a backlog from a tracker's REST API into a folder of page
//! files in the tracker's own format, which `backlint check` reads as any export, so every
//! finding points at a place in a file the user can open.
//!
//! [`http`] is the only module that speaks HTTP; [`jira`], [`github`] and [`azure_devops`] know each
//! tracker's paths, pagination and credentials; [`pages`] saves pages atomically.

pub mod azure_devops;
pub mod github;
pub mod http;
pub mod jira;
pub mod pages;
pub mod secret;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::Error;
use http::{fetch_error, Client};
use pages::Pages;

/// The default time a request may take, in seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 60;

/// What to pull.
pub enum Tracker<'a> {
    Jira(jira::Search<'a>),
    /// The open issues of `repo` (`OWNER/REPO`) from the REST API at `api`.
    GitHub {
        api: &'a str,
        repo: &'a str,
    },
    /// The work items a WIQL query selects in the project at `site`.
    AzureDevOps {
        site: &'a str,
        wiql: &'a str,
    },
}

/// How to pull it.
pub struct Options<'a> {
    /// The folder that receives the pages.
    pub out: &'a Path,
    /// The longest a request may take.
    pub timeout: Duration,
    /// A file holding the token, instead of the environment variable.
    pub token_file: Option<&'a Path>,
    /// A PEM file of the certificate authorities to trust instead of the public ones.
    pub ca_cert: Option<&'a Path>,
    /// Whether to show progress (on a terminal, outside CI, unless quiet).
    pub progress: bool,
}

/// What a pull saved.
pub struct Pulled {
    pub files: Vec<PathBuf>,
    pub items: usize,
}

/// Pulls `tracker`'s backlog into `options.out`, replacing an earlier pull's pages only once
/// every page is saved.
pub fn pull(tracker: &Tracker<'_>, options: &Options<'_>) -> Result<Pulled, Error> {
    http::check_address(tracker.address())?;
    let token_file = options.token_file;
    let (auth, hints, headers) = match tracker {
        Tracker::Jira(search) => (
            jira::auth(search.api, token_file)?,
            jira::hints(search.api, search.jql, token_file),
            Vec::new(),
        ),
        Tracker::GitHub { repo, .. } => {
            github::check_repo(repo)?;
            (
                github::auth(token_file)?,
                github::hints(token_file),
                github::HEADERS.to_vec(),
            )
        }
        Tracker::AzureDevOps { wiql, .. } => (
            azure_devops::auth(token_file)?,
            azure_devops::hints(wiql, token_file),
            Vec::new(),
        ),
    };
    let roots = options.ca_cert.map(http::trusted_roots).transpose()?;
    let progress = Progress::new(options.progress);
    let client = Client::new(options.timeout, roots, auth, headers, hints, &progress);
    let mut pages = Pages::start(options.out)?;
    let pulled = match tracker {
        Tracker::Jira(search) => jira::pull(search, &client, &mut pages, &progress),
        Tracker::GitHub { api, repo } => github::pull(api, repo, &client, &mut pages, &progress),
        Tracker::AzureDevOps { site, wiql } => {
            azure_devops::pull(site, wiql, &client, &mut pages, &progress)
        }
    };
    let items = progress.items.get();
    drop(progress);
    pulled?;
    Ok(Pulled {
        files: pages.finish()?,
        items,
    })
}

impl Tracker<'_> {
    /// The address every request goes to (or under).
    fn address(&self) -> &str {
        match self {
            Tracker::Jira(search) => search.site,
            Tracker::GitHub { api, .. } => api,
            Tracker::AzureDevOps { site, .. } => site,
        }
    }
}

/// `n` and the noun, plural unless `n` is 1: "1 page", "2 pages".
pub fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{n} {noun}s"),
    }
}

/// The error for a response that is not the JSON expected.
fn not_json(url: &str) -> Error {
    fetch_error(
        url,
        "the response is not the JSON expected".to_owned(),
        "check the site address: a login page or a proxy may have answered instead of the API"
            .to_owned(),
    )
}

/// Pages and items pulled so far, on a spinner line of stderr on a terminal (indicatif);
/// notes are printed above it.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    items: std::cell::Cell<usize>,
}

impl Progress {
    fn new(wanted: bool) -> Progress {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        let bar = (wanted && !ci && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            {
                bar.set_style(style);
            }
            bar.set_message("pulling the first page");
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress {
            bar,
            items: std::cell::Cell::new(0),
        }
    }

    /// Counts a page of `items` items, the `pages`-th.
    fn page(&self, pages: usize, items: usize) {
        self.items.set(self.items.get() + items);
        if let Some(bar) = &self.bar {
            bar.set_message(format!(
                "pulled {}, {}",
                counted(pages, "page"),
                counted(self.items.get(), "item")
            ));
        }
    }

    /// Prints `text` on stderr, above the spinner if it is shown.
    fn note(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| crate::terminal_text::eprint(text)),
            None => crate::terminal_text::eprint(text),
        }
    }
}

impl Drop for Progress {
    /// Clears the line before anything else is printed.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
