//! Backlog text made safe for a terminal and a CI log: every human-facing stream (notes and
//! errors on stderr, the human and concise reports, `--statistics`) passes through here.
//!
//! Backlog text is written by many people, and file names come from pull requests. Raw
//! control characters would reach the terminal (ESC sequences set the title, clear the
//! screen, write the clipboard with OSC 52; BEL rings) and the CI log, where a runner acts
//! on lines of its own: GitHub's `::command::` at the start of a line (after blanks) and
//! `##[command]` anywhere in one, Azure's `##vso[…]`, GitLab's ESC-based `section_start`.
//!
//! Two steps, both cheap when there is nothing to do:
//! - [`escape`] on each value written (cell text, keys, file names, quoted text): control
//!   characters, line breaks inside the value and bidi controls become visible escapes
//!   such as `\u{1b}`, so a value can neither start a line nor send a terminal sequence.
//! - [`defuse_lines`] on the finished text: a line that would start with `::` once its
//!   leading blanks are trimmed gets a `\` before it, and `##[` becomes `##\[` anywhere.
//!
//! Tabs are kept: they do nothing but move the cursor, and cells hold them.
//! [`diagnostic::SafeDiagnostic`] applies [`escape`] to a miette diagnostic.

pub mod diagnostic;

use std::borrow::Cow;
use std::fmt::Write;

/// Bidirectional embedding, override and isolate controls: they reorder what a reader sees
/// (the "Trojan Source" attack), so they are shown, not applied.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is shown as an escape inside a value. Line and paragraph separators
/// (U+2028, U+2029) break lines in some viewers, so they count as line breaks.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Writes the visible form of `c`: `\n` and `\r` for line breaks, `\u{1b}` for the others.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `text` as one value on a line: no control character (tabs aside), line break or bidi
/// control left in it, each shown as a visible escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    let mut escaped = None::<String>;
    for (i, c) in text.char_indices() {
        if needs_escape(c) {
            let out = escaped.get_or_insert_with(|| {
                let mut out = String::with_capacity(text.len() + 8);
                out.push_str(&text[..i]);
                out
            });
            push_escaped(out, c);
        } else if let Some(out) = escaped.as_mut() {
            out.push(c);
        }
    }
    escaped.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether `rest` starts with a line break: `\n`, or `\r\n`.
fn starts_with_line_break(rest: &str) -> bool {
    rest.starts_with('\n') || rest.starts_with("\r\n")
}

/// `text` (lines of output) with no line a CI runner would take as a command: a line whose
/// first non-blank characters are `::` gets a `\` before them, and every `##[` (and Azure's
/// `##vso[`) becomes `##\[` (`##\vso[`).
pub(crate) fn defuse_lines(text: &str) -> Cow<'_, str> {
    let commands_anywhere = memchr::memmem::find(text.as_bytes(), b"##").is_some();
    let needs_work = commands_anywhere || text.split('\n').any(starts_a_command);
    if !needs_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let blanks = line.len() - line.trim_start().len();
        let (indent, rest) = line.split_at(blanks);
        out.push_str(indent);
        if rest.starts_with("::") {
            out.push('\\');
        }
        out.push_str(&rest.replace("##[", "##\\[").replace("##vso[", "##\\vso["));
    }
    Cow::Owned(out)
}

/// [`defuse_lines`] for text that is owned already.
pub fn defused(text: String) -> String {
    match defuse_lines(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(defused) => defused,
    }
}

/// Whether a GitHub runner reads `line` as a workflow command (`::name::…`).
fn starts_a_command(line: &str) -> bool {
    line.trim_start().starts_with("::")
}

/// Prints `text` (whole lines, values already [`escape`]d) on standard error, defused.
pub fn eprint(text: &str) {
    eprint!("{}", defuse_lines(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        for text in [
            "Fast search",
            "a\tb",
            "Café – ünïcode 📷",
            "std::vec in a line",
            "",
        ] {
            assert!(
                matches!(escape(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
        let lines = "note: a.csv has no Status field\n  PAN-1 rule \"x\"\n";
        assert!(matches!(defuse_lines(lines), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_line_breaks_and_bidi_become_visible() {
        assert_eq!(
            escape("a\nb\r\nc\u{1b}]52;c;cHdu\u{7}d\u{9b}e"),
            "a\\nb\\r\\nc\\u{1b}]52;c;cHdu\\u{7}d\\u{9b}e"
        );
        assert_eq!(
            escape("x\u{202E}gnp.exe\u{2066}y"),
            "x\\u{202e}gnp.exe\\u{2066}y"
        );
        assert_eq!(escape("a\u{2028}b\u{7f}"), "a\\u{2028}b\\u{7f}");
    }

    #[test]
    fn workflow_commands_are_defused() {
        assert_eq!(
            defuse_lines("::error title=FAKE::pwned\n   ::add-mask::x\nok ::not-at-start"),
            "\\::error title=FAKE::pwned\n   \\::add-mask::x\nok ::not-at-start"
        );
        assert_eq!(
            defuse_lines("  │ PAN-1,##[add-mask]secret ##vso[task.setvariable]x"),
            "  │ PAN-1,##\\[add-mask]secret ##\\vso[task.setvariable]x"
        );
        assert_eq!(defuse_lines("## heading"), "## heading");
    }
}
