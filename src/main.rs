use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = backlint::cli::Cli::parse();
    ExitCode::from(backlint::run(&cli))
}
