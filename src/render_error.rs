//! Renders errors for people: miette's graphical report, coloured only on a terminal.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::error::Error;

/// The report for `error`, as printed on standard error.
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
    if handler.render_report(&mut out, error).is_err() {
        out = error.to_string();
    }
    out
}

/// Colour on standard error: only on a terminal, and never when `NO_COLOR` is set.
pub fn stderr_wants_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
