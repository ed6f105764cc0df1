//! The table of readers: one entry per export format, with the name `--input-format`
//! takes, how strongly a file looks like the format, and how a file is read.
//! `--input-format`'s values and its help come from [`READERS`], and detection
//! ([`super::detect`]) asks each entry in its order.

use crate::backlog::stored::{Kept, Stored};
use crate::backlog::{FileInfo, FileKind, Item};
use crate::error::Error;
use crate::source::Source;

use super::csv_preset::CsvPreset;
use super::sniff::{Claim, Sniff};
use super::{
    azure_devops, azure_work_items, csv_reader, github_issues, gitlab, jira_csv, jira_json,
    jira_xml, linear, lines, trello, xlsx, ReadOptions,
};

/// Reads one file: what it is, and its items.
pub type ReadFn = fn(&Source, usize, &ReadOptions) -> Result<(FileInfo, Vec<Stored>), Error>;

/// How strongly a file looks like a format, for `--input-format auto`.
pub type ClaimFn = fn(&Sniff<'_>) -> Claim;

/// How a reader recognises and reads a file.
pub enum Read {
    /// As the CSV export of the tracker a preset describes ([`csv_reader`]).
    Csv(&'static CsvPreset),
    /// With a reader of its own.
    With { claim: ClaimFn, read: ReadFn },
}

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

    /// Reads `source`, the `index`th file of the backlog.
    pub fn read(
        &self,
        source: &Source,
        index: usize,
        options: &ReadOptions,
    ) -> Result<(FileInfo, Vec<Stored>), Error> {
        match self.read {
            Read::Csv(preset) => kept(csv_reader::read(preset, source, index, options)?),
            Read::With { read, .. } => read(source, index, options),
        }
    }

    /// How strongly `sniff`'s file looks like this reader's format.
    pub fn claim(&self, sniff: &Sniff<'_>) -> Claim {
        match self.read {
            Read::Csv(preset) => csv_reader::claim(preset, sniff),
            Read::With { claim, .. } => claim(sniff),
        }
    }

    /// For a tracker's CSV export, its preset.
    pub fn csv_preset(&self) -> Option<&'static CsvPreset> {
        match self.read {
            Read::Csv(preset) => Some(preset),
            Read::With { .. } => None,
        }
    }
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Jira's CSV export, in any of its UI languages.
pub static JIRA_CSV: Reader = csv(&jira_csv::PRESET, "");

pub static AZURE_DEVOPS_CSV: Reader = csv(&azure_devops::PRESET, "Azure DevOps Boards' CSV export");

pub static GITLAB_CSV: Reader = csv(&gitlab::PRESET, "GitLab's issues CSV export");

pub static LINEAR_CSV: Reader = csv(&linear::PRESET, "Linear's CSV export");

/// Jira's REST responses.
pub static JIRA_JSON: Reader = Reader {
    kind: jira_json::KIND,
    help: "",
    read: Read::With {
        claim: jira_json::claim,
        read: |source, index, options| kept(jira_json::read(source, index, options)?),
    },
};

pub static JIRA_XML: Reader = Reader {
    kind: jira_xml::KIND,
    help: "Jira's XML export (RSS)",
    read: Read::With {
        claim: jira_xml::claim,
        read: |source, index, options| decoded(jira_xml::read(source, index, options)?),
    },
};

pub static GITHUB_ISSUES: Reader = Reader {
    kind: github_issues::KIND,
    help: "`gh issue list --json …` output",
    read: Read::With {
        claim: github_issues::claim,
        read: |source, index, options| decoded(github_issues::read(source, index, options)?),
    },
};

pub static GITHUB_PROJECT_ITEMS: Reader = Reader {
    kind: github_issues::project_items::KIND,
    help: "`gh project item-list NUMBER --owner OWNER --format json` output (a Projects board)",
    read: Read::With {
        claim: github_issues::project_items::claim,
        read: |source, index, options| {
            decoded(github_issues::project_items::read(source, index, options)?)
        },
    },
};

pub static TRELLO_JSON: Reader = Reader {
    kind: trello::KIND,
    help: "a Trello board's JSON export",
    read: Read::With {
        claim: trello::claim,
        read: |source, index, options| decoded(trello::read(source, index, options)?),
    },
};

pub static AZURE_WORK_ITEMS: Reader = Reader {
    kind: azure_work_items::KIND,
    help: "Azure DevOps work items (`_apis/wit/workitemsbatch`, as `backlint pull` saves them)",
    read: Read::With {
        claim: azure_work_items::claim,
        read: |source, index, options| decoded(azure_work_items::read(source, index, options)?),
    },
};

/// Excel workbooks. A workbook is recognised and read from its bytes, before any text, and
/// its sheet by the CSV reader of the tracker its header row names (`detect::sheet_reader`):
/// this entry names the format for `--input-format`, claims no text, and refuses text.
pub static XLSX: Reader = Reader {
    kind: xlsx::KIND,
    help: "an Excel workbook (.xlsx): its first sheet with a header row, read as the CSV export that header names",
    read: Read::With {
        claim: |_| Claim::No,
        read: |source, _, _| decoded(xlsx::refuse_text(source)?),
    },
};

/// Story lists: one story a line, in a text or Markdown file.
pub static LINES: Reader = Reader {
    kind: lines::KIND,
    help: "",
    read: Read::With {
        claim: lines::claim,
        read: |source, index, _| decoded(lines::read(source, index, is_markdown(source.name()))?),
    },
};

/// Every reader, in the order `--input-format` lists them; among readers that claim a
/// file equally, the first wins.
pub static READERS: [&Reader; 12] = [
    &JIRA_CSV,
    &AZURE_DEVOPS_CSV,
    &GITLAB_CSV,
    &LINEAR_CSV,
    &JIRA_JSON,
    &JIRA_XML,
    &GITHUB_ISSUES,
    &GITHUB_PROJECT_ITEMS,
    &TRELLO_JSON,
    &AZURE_WORK_ITEMS,
    &XLSX,
    &LINES,
];

/// The reader of a tracker's CSV export, through its preset.
const fn csv(preset: &'static CsvPreset, help: &'static str) -> Reader {
    Reader {
        kind: preset.kind,
        help,
        read: Read::Csv(preset),
    }
}

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
