//! Progress on a terminal: a run that takes more than a second shows, on stderr, how many
//! items were read and checked. Never in CI (`CI` set), nor when stderr is not a terminal.
//!
//! The counters are process-wide atomics so the readers and the engine can count without
//! being handed anything; counting is a relaxed increment per item.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

static ITEMS_READ: AtomicUsize = AtomicUsize::new(0);
static ITEMS_CHECKED: AtomicUsize = AtomicUsize::new(0);
static DONE: AtomicBool = AtomicBool::new(false);

/// Counts one item read.
pub(crate) fn item_read() {
    ITEMS_READ.fetch_add(1, Ordering::Relaxed);
}

/// Counts one item checked.
pub(crate) fn item_checked() {
    ITEMS_CHECKED.fetch_add(1, Ordering::Relaxed);
}

/// The progress line, while it is shown.
pub struct Display(Option<JoinHandle<()>>);

/// Starts showing progress after a second, if stderr is a terminal outside CI.
pub fn start() -> Display {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if ci || !std::io::stderr().is_terminal() {
        return Display(None);
    }
    DONE.store(false, Ordering::Relaxed);
    Display(Some(std::thread::spawn(|| {
        std::thread::sleep(Duration::from_secs(1));
        let mut shown = false;
        while !DONE.load(Ordering::Relaxed) {
            let (read, checked) = (
                ITEMS_READ.load(Ordering::Relaxed),
                ITEMS_CHECKED.load(Ordering::Relaxed),
            );
            eprint!("\r\x1b[2K{read} items read, {checked} checked …");
            let _ = std::io::stderr().flush();
            shown = true;
            std::thread::sleep(Duration::from_millis(200));
        }
        if shown {
            eprint!("\r\x1b[2K");
        }
    })))
}

impl Drop for Display {
    /// Clears the line before anything else is printed.
    fn drop(&mut self) {
        DONE.store(true, Ordering::Relaxed);
        if let Some(handle) = self.0.take() {
            let _ = handle.join();
        }
    }
}
