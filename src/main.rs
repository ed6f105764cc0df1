use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;

fn main() -> ExitCode {
    // Panics are reported as errors (exit code 2): by the engine, naming the file and item,
    // or below for anything else. The default hook would print a second, rawer message.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = cli::Cli::parse();
    let code = std::panic::catch_unwind(|| commands::run(&cli)).unwrap_or_else(|payload| {
        let message = backlint::error::panic_message(payload.as_ref());
        let message = backlint::terminal_text::escape(&message);
        eprintln!("error: backlint hit a bug: {message}\nPlease report it with the export (anonymised) and the backlint version.");
        commands::EXIT_ERROR
    });
    ExitCode::from(code)
}
