//! One interface for every output format (as ruff's `Emitter`: [`Emit`]) and the table of
//! formats: `--format`, `--output FORMAT=FILE` and `check` take their names from
//! [`FORMATS`], so a new format is its own file and one entry here.

use std::io::{self, Write};
use std::path::Path;

use super::html::IssueLinks;
use super::human::Style;
use super::Report;

/// What a format may need beyond the report itself.
#[derive(Debug, Clone, Copy)]
pub struct EmitOptions<'a> {
    /// Colour and width of the human report.
    pub style: Style,
    /// The repository SARIF URIs are made relative to.
    pub repository_root: Option<&'a Path>,
    /// Start the CSV report with a byte-order mark (`--csv-bom`).
    pub csv_bom: bool,
    /// How keys become links (`[report] issue_url`).
    pub links: IssueLinks<'a>,
}

/// Writes a report in one format.
pub type Emit = fn(&Report<'_>, &EmitOptions<'_>, &mut dyn Write) -> io::Result<()>;

/// An output format: its name on the command line, its help, and how it is written.
#[derive(Clone, Copy)]
pub struct Format {
    pub name: &'static str,
    pub help: &'static str,
    /// A report read on a terminal (human, concise): `--quiet` shrinks it to its summary
    /// and `--statistics` replaces it with counts per rule.
    pub for_people: bool,
    pub emit: Emit,
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Format {
    /// The format named `name` (as the command line spells it, in any case).
    pub fn named(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .copied()
    }

    /// Every format's name, in the table's order.
    pub fn names() -> Vec<&'static str> {
        FORMATS.iter().map(|f| f.name).collect()
    }
}

/// Every output format, the default first.
pub static FORMATS: &[Format] = &[
    Format {
        name: "human",
        help: "Diagnostics with the offending text underlined, grouped by item, and a summary",
        for_people: true,
        emit: |report, options, out| super::human::write(report, options.style, out),
    },
    Format {
        name: "concise",
        help: "One line per finding: `file:line:col: severity[rule] KEY: message`",
        for_people: true,
        emit: |report, _, out| super::concise::write(report, out),
    },
    Format {
        name: "json",
        help: "A versioned JSON document (see docs/json-output.md)",
        for_people: false,
        emit: |report, _, out| super::json::write(report, out),
    },
    Format {
        name: "sarif",
        help: "SARIF 2.1.0, for GitHub code scanning",
        for_people: false,
        emit: |report, options, out| super::sarif::write(report, options.repository_root, out),
    },
    Format {
        name: "github",
        help: "GitHub workflow commands: annotations on the export in pull requests",
        for_people: false,
        emit: |report, _, out| out.write_all(super::github::render(report).as_bytes()),
    },
    Format {
        name: "markdown",
        help: "A Markdown report for a job summary or a pull-request comment",
        for_people: false,
        emit: |report, _, out| out.write_all(super::markdown::render(report).as_bytes()),
    },
    Format {
        name: "junit",
        help: "JUnit XML: a test case per story, a failure per finding",
        for_people: false,
        emit: |report, _, out| super::junit::write(report, out),
    },
    Format {
        name: "html",
        help: "One self-contained HTML page (use with --output): health, charts, every story \
               with its findings on the offending text, filters; no network needed",
        for_people: false,
        emit: |report, options, out| {
            out.write_all(super::html::render_with(report, options.links).as_bytes())
        },
    },
    Format {
        name: "csv",
        help: "One row per finding for Excel and Google Sheets: key, summary, issue_type, \
               status, parent, sprint, rule, category, severity, message, field, excerpt, \
               file, line, column, help, docs_url, link, stage (see docs/csv-output.md). UTF-8 with \
               a byte-order mark (see --csv-bom); cells that a spreadsheet would run as a \
               formula start with `'`",
        for_people: false,
        emit: |report, options, out| {
            let csv = super::csv::Options {
                bom: options.csv_bom,
                links: options.links,
            };
            super::csv::write(report, csv, out)
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found_in_any_case() {
        let mut names = Format::names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FORMATS.len());
        assert_eq!(Format::named("SARIF").map(|f| f.name), Some("sarif"));
        assert_eq!(Format::named("pdf"), None);
    }
}
