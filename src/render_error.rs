//! Renders errors for people: miette's graphical report, coloured only on a terminal.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::error::Error;
use crate::terminal_text::{defused, diagnostic::SafeDiagnostic};

/// The report for `error`, as printed on standard error. File names and quoted text in
/// it can come from the backlog: they are escaped (see [`crate::terminal_text`]).
pub fn render(error: &Error, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    let safe = SafeDiagnostic::of_error(error);
    if handler.render_report(&mut out, &safe).is_err() {
        out = safe.to_string();
    }
    defused(out)
}

/// Colour on standard error: only on a terminal, and never when `NO_COLOR` is set.
pub fn stderr_wants_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
