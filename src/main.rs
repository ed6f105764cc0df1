use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;

fn main() -> ExitCode {
    keep_large_blocks_out_of_the_heap();
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

/// Large blocks (above 128 KiB) are mapped and unmapped on their own, so memory freed by
/// one phase goes back to the system instead of staying in glibc's heap. By default glibc
/// raises this threshold each time such a block is freed (up to 32 MiB), after which the
/// lists grown by doubling in the parallel pass and the report's buffers are carved from
/// the heap and kept there when freed: at 100,000 stories the peak RSS was 60 MB higher
/// (BENCHMARKS.md). Fixing it costs a little system time (fresh pages are zeroed).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_blocks_out_of_the_heap() {
    // SAFETY: mallopt only sets a parameter of the allocator; called before any thread
    // starts. Its result (0 on failure) is ignored: the default is still correct.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_blocks_out_of_the_heap() {}
