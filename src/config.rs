//! `backlint.toml`: found in the current directory or a parent, or named by `--config`.
//! Mistakes (unknown keys, wrong types) are errors that point into the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::backlog::{Field, Span};
use crate::error::Error;
use crate::ingest::fields::FieldMap;
use crate::source::Source;

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

/// The parsed configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Logical field → the column names or JSON field ids that hold it.
    #[serde(default)]
    pub fields: BTreeMap<String, Names>,
}

/// A configuration and where it came from.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
    pub field_map: FieldMap,
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
    toml::from_str(source.text()).map_err(|e| {
        let span = e
            .span()
            .map_or(Span::empty_at(0), |r| Span::new(r.start, r.end));
        Error::at(
            source,
            span,
            format!("invalid configuration: {}", e.message()),
        )
        .help("see the commented starter configuration written by `backlint init`")
        .build()
    })
}

fn field_map(source: &Source, config: &Config) -> Result<FieldMap, Error> {
    let mut map = FieldMap::default();
    for (name, names) in &config.fields {
        let Some(field) = Field::from_name(name) else {
            let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
            return Err(Error::at(
                source,
                key_span(source, name),
                format!("unknown field `{name}` in [fields]"),
            )
            .help(format!("the fields are: {}", known.join(", ")))
            .build());
        };
        map.set(field, names.clone().into_vec());
    }
    Ok(map)
}

/// The span of `key` as written in the file (first occurrence at the start of a line).
fn key_span(source: &Source, key: &str) -> Span {
    let text = source.text();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed.strip_prefix('"').unwrap_or(trimmed);
        if bare.starts_with(key) {
            let start = offset + indent + (trimmed.len() - bare.len());
            return Span::new(start, start + key.len());
        }
        offset += line.len();
    }
    Span::empty_at(0)
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
}
