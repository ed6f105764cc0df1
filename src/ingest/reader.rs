//! The table of readers: one entry per export format, with the name `--input-format`
//! takes and how a file is read. `--input-format`'s values and its help come from
//! [`READERS`]; content detection ([`super::detect`]) names one of them.

use crate::backlog::stored::{Kept, Stored};
use crate::backlog::{FileInfo, FileKind, Item};
use crate::error::Error;
use crate::source::Source;

use super::{azure_work_items, github_issues, jira_csv, jira_json, jira_xml, lines, ReadOptions};

/// Reads one file: what it is, and its items.
pub type Read = fn(&Source, usize, &ReadOptions) -> Result<(FileInfo, Vec<Stored>), Error>;

/// A reader of one export format.
pub struct Reader {
    /// What its files are; `kind.reader` is its name on the command line.
    pub kind: FileKind,
    /// What it reads, for `--input-format`'s help (empty: the name says it).
    pub help: &'static str,
    pub read: Read,
}

impl Reader {
    pub fn name(&self) -> &'static str {
        self.kind.reader
    }
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Jira's CSV export, in any of its UI languages.
pub static JIRA_CSV: Reader = Reader {
    kind: jira_csv::KIND,
    help: "",
    read: |source, index, options| kept(jira_csv::read(source, index, options)?),
};

/// Jira's REST responses.
pub static JIRA_JSON: Reader = Reader {
    kind: jira_json::KIND,
    help: "",
    read: |source, index, options| kept(jira_json::read(source, index, options)?),
};

pub static JIRA_XML: Reader = Reader {
    kind: jira_xml::KIND,
    help: "Jira's XML export (RSS)",
    read: |source, index, options| decoded(jira_xml::read(source, index, options)?),
};

pub static GITHUB_ISSUES: Reader = Reader {
    kind: github_issues::KIND,
    help: "`gh issue list --json …` output",
    read: |source, index, options| decoded(github_issues::read(source, index, options)?),
};

pub static AZURE_WORK_ITEMS: Reader = Reader {
    kind: azure_work_items::KIND,
    help: "Azure DevOps work items (`_apis/wit/workitemsbatch`, as `backlint pull` saves them)",
    read: |source, index, options| decoded(azure_work_items::read(source, index, options)?),
};

/// Story lists: one story a line, in a text or Markdown file.
pub static LINES: Reader = Reader {
    kind: lines::KIND,
    help: "",
    read: |source, index, _| decoded(lines::read(source, index, is_markdown(source.name()))?),
};

/// Every reader, in the order `--input-format` lists them.
pub static READERS: [&Reader; 6] = [
    &JIRA_CSV,
    &JIRA_JSON,
    &JIRA_XML,
    &GITHUB_ISSUES,
    &AZURE_WORK_ITEMS,
    &LINES,
];

/// The reader named `name`, if there is one.
pub fn named(name: &str) -> Option<&'static Reader> {
    READERS.iter().copied().find(|reader| reader.name() == name)
}

/// Items a reader kept undecoded (see [`crate::backlog::stored`]).
fn kept((info, items): (FileInfo, Vec<Kept>)) -> Result<(FileInfo, Vec<Stored>), Error> {
    Ok((info, items.into_iter().map(Stored::Kept).collect()))
}

/// Items a reader decoded whole.
fn decoded((info, items): (FileInfo, Vec<Item>)) -> Result<(FileInfo, Vec<Stored>), Error> {
    let items = items
        .into_iter()
        .map(|item| Stored::Decoded(Box::new(item)));
    Ok((info, items.collect()))
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for reader in READERS {
            assert_eq!(named(reader.name()).map(Reader::name), Some(reader.name()));
        }
        assert_eq!(named("auto").map(Reader::name), None);
    }
}
