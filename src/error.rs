//! Everything that stops backlint from reading its input. Each error names the file and the
//! place, says what to do, and maps to exit code 2.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::backlog::Span;
use crate::source::{Position, Source};

/// Copies what an error needs of a source (name, text, line index), so miette can show
/// the offending line; a Source finds lines through its index, so errors in huge files
/// render fast and show long lines as a window.
///
/// A file outside the working folder (a `rules_dir` or `--config` elsewhere, an export
/// through a symlink) is named, never quoted: a secret file read by mistake must not end
/// up in a CI log. Nor is text a reader made of a grid of cells (a sheet): the error names
/// the cell, and the text is not what the user sees in the file.
fn error_source(source: &Source) -> Option<Source> {
    if source.cells().is_some() || outside_working_folder(source.name()) {
        return None;
    }
    Some(Source::new(
        source.name(),
        source.text().to_owned(),
        source.encoding(),
    ))
}

/// Whether the file `name` resolves (symlinks followed) outside the current folder.
/// Standard input, and a file that cannot be resolved, count as inside.
fn outside_working_folder(name: &str) -> bool {
    let (Ok(file), Ok(cwd)) = (
        std::fs::canonicalize(name),
        std::env::current_dir().and_then(std::fs::canonicalize),
    ) else {
        return false;
    };
    !file.starts_with(cwd)
}

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("{path}: cannot read the file: {reason}")]
    #[diagnostic(code(backlint::io), help("check that the path is right and readable"))]
    Read { path: String, reason: String },

    #[error("{path}: cannot write the file: {reason}")]
    #[diagnostic(
        code(backlint::io),
        help("check that the folder exists and is writable")
    )]
    Write { path: String, reason: String },

    #[error("{file}: backlint failed on {key}: {message}")]
    #[diagnostic(
        code(backlint::bug),
        help("this is a bug in backlint, not in the export: please report it with the item (its text can be anonymised) and the backlint version")
    )]
    Internal {
        file: String,
        key: String,
        message: String,
    },

    #[error("{path}: is a directory, not an export file")]
    #[diagnostic(
        code(backlint::io),
        help("name the export files themselves, e.g. `backlint check {path}/backlog.csv`")
    )]
    Directory { path: String },

    #[error("{path}: is {kind}, not a regular file")]
    #[diagnostic(
        code(backlint::io),
        help("backlint reads regular files (and standard input as `-`); a device, FIFO or socket has no end to read to, so copy the export to a file")
    )]
    NotAFile { path: String, kind: &'static str },

    #[error("{path}: the file is {size_mib:.1} MiB, more than the limit of {limit_mib:.1} MiB")]
    #[diagnostic(
        code(backlint::limit),
        help("raise the limit with --max-file-size MIB or [limits] max_file_mib in backlint.toml")
    )]
    TooLarge {
        path: String,
        size_mib: f64,
        limit_mib: f64,
    },

    #[error("{name}: the input runs past the limit of {limit_mib:.1} MiB")]
    #[diagnostic(
        code(backlint::limit),
        help("raise the limit with --max-file-size MIB or [limits] max_file_mib in backlint.toml")
    )]
    StreamTooLarge { name: String, limit_mib: f64 },

    #[error("{name}: the file is empty")]
    #[diagnostic(
        code(backlint::empty),
        help("export the backlog again; a Jira export has a header row and one row per issue")
    )]
    Empty { name: String },

    #[error("{name}:{}:{}: cannot decode the file: it contains {reason}", position.line, position.column)]
    #[diagnostic(
        code(backlint::encoding),
        help("backlint reads UTF-8 (with or without BOM), UTF-16 with a BOM and Windows-1252; export the backlog again as CSV or JSON")
    )]
    Undecodable {
        name: String,
        position: Position,
        reason: &'static str,
    },

    #[error("{name}: {message}")]
    #[diagnostic(code(backlint::format), help("{help}"))]
    NotAnExport {
        name: String,
        message: &'static str,
        help: String,
    },

    /// A workbook backlint cannot read a backlog from (damaged, encrypted, no sheet with a
    /// header row), or a place in it named by cell.
    #[error("{name}: {message}")]
    #[diagnostic(code(backlint::format), help("{help}"))]
    Workbook {
        name: String,
        message: String,
        help: String,
    },

    #[error("{message}")]
    #[diagnostic(code(backlint::usage), help("{help}"))]
    Usage { message: String, help: String },

    #[error("{url}: {message}")]
    #[diagnostic(code(backlint::pull), help("{help}"))]
    Fetch {
        url: String,
        message: String,
        help: String,
    },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(Box<InputDiagnostic>),
}

/// An error at a place in a file, with the offending line shown.
#[derive(Debug, Error, Diagnostic)]
#[error("{name}:{place}: {message}")]
#[diagnostic(code(backlint::input))]
pub struct InputDiagnostic {
    pub name: String,
    /// `None` for a file that is not to be quoted (see [`error_source`]).
    #[source_code]
    pub src: Option<Source>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub position: Position,
    /// Where the error is, as the message names it: `position`, or a cell (`Backlog!C12`).
    pub place: String,
    pub message: String,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl Error {
    /// An error about a place in a source: the message, a label on the place, and advice.
    pub fn at(source: &Source, span: Span, message: impl Into<String>) -> InputError<'_> {
        InputError {
            source,
            span,
            message: message.into(),
            label: String::from("here"),
            help: None,
        }
    }
}

/// Builder for [`Error::Input`], so each reader states message, label and help plainly.
pub struct InputError<'a> {
    source: &'a Source,
    span: Span,
    message: String,
    label: String,
    help: Option<String>,
}

impl InputError<'_> {
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn build(self) -> Error {
        Error::Input(Box::new(InputDiagnostic {
            position: self.source.position(self.span.start),
            place: self.source.place(self.span.start).to_string(),
            name: self.source.name().to_owned(),
            src: error_source(self.source),
            span: crate::source_code::shown_span(self.source, self.span).into(),
            message: self.message,
            label: self.label,
            help: self.help,
        }))
    }
}

impl<'a> From<InputError<'a>> for Error {
    fn from(error: InputError<'a>) -> Self {
        error.build()
    }
}

/// A TOML file that did not parse or has the wrong shape (`what`: "configuration", "rule"),
/// placed where the toml crate says the problem is.
pub fn toml_error(source: &Source, error: &toml::de::Error, what: &str, help: &str) -> Error {
    let span = error
        .span()
        .map_or(Span::empty_at(0), |r| Span::new(r.start, r.end));
    Error::at(
        source,
        span,
        format!("invalid {what}: {}", error.message().trim_end()),
    )
    .help(help)
    .build()
}

/// The message a panic carried, for reporting it as an error.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}
