//! `backlint.toml`: found in the current directory or a parent, or named by `--config`.
//! Mistakes (unknown keys, wrong types, unknown rule ids) are errors that point into the file.

pub mod criteria;
pub mod pull;
pub mod readiness;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::backlog::{Field, Span};
use crate::error::{toml_error, Error};
use crate::ingest::fields::FieldMap;
use crate::limits::Limits;
use crate::source::Source;
use crate::user_regex::UserRegex;

pub const FILE_NAME: &str = "backlint.toml";

/// One name or several, for `[fields]` entries.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Names {
    One(String),
    Many(Vec<String>),
}

impl Names {
    fn into_vec(self) -> Vec<String> {
        match self {
            Names::One(name) => vec![name],
            Names::Many(names) => names,
        }
    }
}

/// Which items the rules look at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Scope {
    /// Issue types that are stories. Items without an issue type (story lists) are
    /// stories too.
    pub story_types: Vec<String>,
    /// Items of other types count as stories when their summary (or the first line of
    /// their description) is written as a story: many teams type stories as `Task`.
    pub stories_by_summary: bool,
    /// Types never counted as stories by their summary: epics, sub-tasks and bugs.
    pub not_story_types: Vec<String>,
    /// Statuses whose items are not checked.
    pub skip_statuses: Vec<String>,
    /// Status categories whose items are not checked (Jira's are To Do, In Progress, Done).
    pub skip_status_categories: Vec<String>,
    /// Statuses that mean "done" when the export has no status category.
    pub done_statuses: Vec<String>,
}

impl Default for Scope {
    fn default() -> Self {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        Scope {
            // Jira's story type in English, Spanish, Portuguese and Italian (its German and
            // French UIs say Story); Azure DevOps's in its Agile and Scrum processes.
            story_types: strings(&[
                "Story",
                "User Story",
                "Historia",
                "História",
                "Storia",
                "Product Backlog Item",
            ]),
            stories_by_summary: true,
            not_story_types: strings(&[
                "Epic",
                "Sub-task",
                "Subtask",
                "Sub-Task",
                "Sub-bug",
                "Bug",
                "Épica",
                "Epik",
                "Subtarea",
                "Sub-tarefa",
                "Subtarefa",
                "Unteraufgabe",
                "Sous-tâche",
                "Sottotask",
                "Subtaak",
                "Error",
                "Fehler",
                "Bogue",
                "Erro",
                // Azure DevOps's types above and beside its backlog items.
                "Feature",
                "Impediment",
            ]),
            skip_statuses: Vec::new(),
            // Jira's Done category in English, Spanish, German, French, Portuguese and Italian.
            skip_status_categories: strings(&[
                "Done",
                "Listo",
                "Fertig",
                "Terminé",
                "Itens concluídos",
                "Completato",
            ]),
            // The usual done statuses, in those languages too.
            done_statuses: strings(&[
                "Done",
                "Closed",
                "Resolved",
                "Cancelled",
                "Canceled",
                "Won't Do",
                "Rejected",
                "Listo",
                "Hecho",
                "Cerrado",
                "Resuelto",
                "Fertig",
                "Erledigt",
                "Geschlossen",
                "Terminé",
                "Fermé",
                "Résolu",
                "Concluído",
                "Fechado",
                "Resolvido",
                "Completato",
                "Chiuso",
                "Risolto",
                // Azure DevOps's state for items taken off the backlog; Linear's duplicates.
                "Removed",
                "Duplicate",
            ]),
        }
    }
}

/// How stories are read from the summary.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StorySettings {
    /// Accept job stories: "When …, I want to …, so I can …".
    pub job_stories: bool,
    /// A team's own templates: regexes with named groups `role`, `goal` and `benefit`.
    pub templates: Vec<UserRegex>,
}

/// The parsed configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rules to run: ids, categories, or `all`. Default: the rules enabled by default.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Rules to run as well as those of `select` (or the default ones).
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Rules not to run: ids or categories.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// A folder of the team's own rule files, relative to this file.
    #[serde(default)]
    pub rules_dir: Option<PathBuf>,
    /// The roles stories may be written for; other roles are reported by `role-not-user`.
    #[serde(default)]
    pub personas: Vec<String>,
    /// The date age checks count from (`YYYY-MM-DD`), for reproducible CI runs.
    #[serde(default)]
    pub today: Option<String>,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub story: StorySettings,
    /// Acceptance-criteria headings and heading patterns beyond the built-in ones.
    #[serde(default)]
    pub criteria: criteria::CriteriaSettings,
    /// Logical field → the column names or JSON field ids that hold it.
    #[serde(default)]
    pub fields: BTreeMap<String, Names>,
    /// Per rule: `severity` and the options of its check.
    #[serde(default)]
    pub rules: BTreeMap<String, toml::Table>,
    /// Issue key → rule ids (or `all`) not to report for that item.
    #[serde(default)]
    pub suppress: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default)]
    pub report: ReportSettings,
    /// The stages items pass through towards a sprint, and their Definitions of Ready.
    #[serde(default)]
    pub readiness: readiness::ReadinessSettings,
    /// Where `backlint pull` and `check --pull` fetch the backlog from.
    #[serde(default)]
    pub pull: pull::PullSettings,
}

/// How reports present the backlog.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportSettings {
    /// An issue's page, with `{key}` for its key
    /// (`https://pantry.example.atlassian.net/browse/{key}`): the HTML and CSV reports link
    /// each key there. Without it, keys link only where the export says where the issue is
    /// (JSON).
    pub issue_url: Option<String>,
}

/// A configuration and where it came from.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    /// The file, kept for errors found later (unknown rule ids).
    pub source: Option<Source>,
    pub path: Option<PathBuf>,
    pub field_map: FieldMap,
}

impl Loaded {
    /// An error about `needle` as written in the configuration file.
    pub fn error_at(
        &self,
        needle: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Error {
        match &self.source {
            Some(source) => Error::at(source, find_span(source, needle), message)
                .help(help)
                .build(),
            None => Error::Usage {
                message: message.into(),
                help: help.into(),
            },
        }
    }

    /// The folder relative paths in the configuration are taken from.
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }
}

/// Loads `explicit` if given, else the nearest `backlint.toml` from `start` upwards.
pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Loaded, Error> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => discover(start),
    };
    let Some(path) = path else {
        return Ok(Loaded::default());
    };
    let source = crate::ingest::load(&path.to_string_lossy())?;
    let config = parse(&source)?;
    let field_map = field_map(&source, &config)?;
    Ok(Loaded {
        config,
        source: Some(source),
        path: Some(path),
        field_map,
    })
}

fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Parses a configuration, reporting errors at their place in the file.
pub fn parse(source: &Source) -> Result<Config, Error> {
    let config: Config = toml::from_str(source.text()).map_err(|e| {
        toml_error(
            source,
            &e,
            "configuration",
            "see the commented starter configuration that `backlint init` writes",
        )
    })?;
    if let Some(today) = &config.today {
        if crate::dates::parse_date_time(today).is_none() {
            return Err(Error::at(
                source,
                find_span(source, today),
                format!("`today` is \"{today}\", not a date"),
            )
            .help("write it as YYYY-MM-DD, e.g. today = \"2026-03-01\"")
            .build());
        }
    }
    if let Some(url) = &config.report.issue_url {
        if !crate::web_address::is_issue_url_template(url) {
            return Err(Error::at(
                source,
                find_span(source, url),
                format!("`issue_url` is \"{url}\", not a web address (with a host, without user info) with {{key}} in it"),
            )
            .help("write it as issue_url = \"https://your-site.atlassian.net/browse/{key}\"")
            .build());
        }
    }
    Ok(config)
}

fn field_map(source: &Source, config: &Config) -> Result<FieldMap, Error> {
    let mut map = FieldMap::default();
    for (name, names) in &config.fields {
        let Some(field) = Field::from_name(name) else {
            let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
            return Err(Error::at(
                source,
                find_span(source, name),
                format!("unknown field `{name}` in [fields]"),
            )
            .help(format!("the fields are: {}", known.join(", ")))
            .build());
        };
        map.set(field, names.clone().into_vec());
    }
    Ok(map)
}

/// The span of the first place `needle` is written in the file, at the start of a line
/// (a key) if it is anywhere so, else anywhere (a value).
pub fn find_span(source: &Source, needle: &str) -> Span {
    let text = source.text();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let bare = trimmed.trim_start_matches(['"', '[']);
        if bare.starts_with(needle) {
            let start = offset + line.len() - bare.len();
            return Span::new(start, start + needle.len());
        }
        offset += line.len();
    }
    text.find(needle).map_or(Span::empty_at(0), |start| {
        Span::new(start, start + needle.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Encoding;

    fn source(text: &str) -> Source {
        Source::new("backlint.toml", text.to_owned(), Encoding::Utf8)
    }

    #[test]
    fn fields_take_one_name_or_several() {
        let src = source("[fields]\nsummary = \"Zusammenfassung\"\nestimate = [\"customfield_10016\", \"Story Points\"]\n");
        let config = parse(&src).unwrap();
        let map = field_map(&src, &config).unwrap();
        assert_eq!(map.lookup("Zusammenfassung"), Some((Field::Summary, 0)));
        assert_eq!(map.lookup("customfield_10016"), Some((Field::Estimate, 0)));
    }

    #[test]
    fn unknown_keys_and_fields_point_into_the_file() {
        let src = source("[fields]\nsumary = \"X\"\n");
        let config = parse(&src).unwrap();
        let Err(Error::Input(error)) = field_map(&src, &config) else {
            panic!("expected an input error");
        };
        assert_eq!((error.position.line, error.position.column), (2, 1));
        assert!(
            error.message.contains("unknown field `sumary`"),
            "{}",
            error.message
        );

        let Err(Error::Input(error)) = parse(&source("[feilds]\n")) else {
            panic!("expected an input error");
        };
        assert_eq!(error.position.line, 1);
    }

    #[test]
    fn wrong_types_and_bad_regexes_point_into_the_file() {
        let Err(Error::Input(error)) = parse(&source("select = \"all\"\n")) else {
            panic!("expected an input error");
        };
        assert!(error.message.contains("invalid type"), "{}", error.message);
        let Err(Error::Input(error)) = parse(&source("[story]\ntemplates = [\"(?P<role>\"]\n"))
        else {
            panic!("expected an input error");
        };
        assert_eq!(error.position.line, 2);
        assert!(
            error.message.contains("invalid regular expression"),
            "{}",
            error.message
        );
        let Err(Error::Input(error)) = parse(&source("today = \"soon\"\n")) else {
            panic!("expected an input error");
        };
        assert!(error.message.contains("not a date"), "{}", error.message);
        let Err(Error::Input(error)) = parse(&source(
            "[report]\nissue_url = \"javascript:alert(1)//{key}\"\n",
        )) else {
            panic!("expected an input error");
        };
        assert_eq!(error.position.line, 2);
        assert!(
            error.message.contains("not a web address"),
            "{}",
            error.message
        );
        // No host: an error, not silently no links.
        let Err(Error::Input(error)) = parse(&source("[report]\nissue_url = \"https:///{key}\"\n"))
        else {
            panic!("expected an input error");
        };
        assert!(
            error.message.contains("not a web address"),
            "{}",
            error.message
        );
        let config = parse(&source(
            "[report]\nissue_url = \"https://pantry.example.atlassian.net/browse/{key}\"\n",
        ))
        .unwrap();
        assert!(config.report.issue_url.is_some());
    }
}
