//! `backlint fields`: which column or JSON field fills each logical field, per file.

use std::fmt::Write;

use crate::cli::FieldsArgs;
use backlint::backlog::Backlog;
use backlint::error::Error;
use backlint::terminal_text::{self, escape};

use super::{load_input_config, print, read_backlog, EXIT_CLEAN};

pub fn run(args: &FieldsArgs) -> Result<u8, Error> {
    let loaded = load_input_config(&args.input)?;
    let backlog = read_backlog(&args.input.paths, &args.input, &loaded, None)?;
    print(&terminal_text::defused(render(&backlog)));
    Ok(EXIT_CLEAN)
}

fn render(backlog: &Backlog) -> String {
    let mut out = String::new();
    let counts = backlog.items_per_file();
    for ((source, info), items) in backlog.sources.iter().zip(&backlog.files).zip(counts) {
        // A workbook is named by its sheet, not by the encoding of the text made of it.
        let read_from = match source.cells() {
            Some(sheet) => format!("sheet {}", escape(sheet.name())),
            None => source.encoding().name().to_owned(),
        };
        let _ = writeln!(
            out,
            "{} ({}, {read_from}, {items} item{})",
            escape(source.name()),
            info.kind.reader,
            if items == 1 { "" } else { "s" }
        );
        let width = info
            .origins
            .iter()
            .map(|o| o.field.name().len())
            .max()
            .unwrap_or(0);
        for origin in &info.origins {
            let from = if origin.names.is_empty() {
                "(not found)".to_owned()
            } else {
                origin.names.join(", ")
            };
            let _ = writeln!(out, "  {:width$}  {}", origin.field.name(), escape(&from));
        }
    }
    out
}
