//! Jira wiki markup as plain text, every byte still mapped to the file.
//!
//! One pass over the lines: block syntax (headings, lists, tables, rules) is read at the
//! start of a line, inline syntax (phrase markers, links, images, macros) within it. Kept
//! text is sliced from the markup so its mapping survives; text the converter adds (list
//! prefixes, separators, line breaks) stands for the nearest markup in the file.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use crate::backlog::MappedText;

/// Jira wiki markup (the `description` of Jira CSV exports and REST API v2) as plain text.
///
/// The conventions are those of the ADF converter: one block per line, list items as
/// `- text` and `1. text` indented two spaces per level, table cells joined with ` | `,
/// code kept verbatim, and no trailing white space.
pub fn to_plain(markup: &MappedText) -> MappedText {
    let mut plain = Plain::new(markup);
    for (content, line_break) in lines(markup.as_str()) {
        plain.line(content, line_break);
    }
    plain.finish()
}

/// Phrase markers (`*bold*`, `??citation??`), in the order of [`Inline::closers`].
const MARKERS: [&str; 7] = ["*", "_", "+", "-", "^", "~", "??"];

/// Per byte, whether an inline construct can start with it: a phrase marker (see
/// [`MARKERS`]) or one of the bytes [`Inline::element`] dispatches on. All are ASCII, so
/// the bytes in between (most of a line) are plain text, whatever the encoding.
const STARTS_CONSTRUCT: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < MARKERS.len() {
        table[MARKERS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    let dispatched = b"\\{[!(:;|h";
    let mut i = 0;
    while i < dispatched.len() {
        table[dispatched[i] as usize] = true;
        i += 1;
    }
    table
};

/// Jira's emoticons and status icons, dropped from the text.
const ICONS: [&str; 23] = [
    ":)",
    ":(",
    ":P",
    ":D",
    ";)",
    "(y)",
    "(n)",
    "(i)",
    "(/)",
    "(x)",
    "(!)",
    "(+)",
    "(-)",
    "(?)",
    "(on)",
    "(off)",
    "(*)",
    "(*r)",
    "(*g)",
    "(*b)",
    "(*y)",
    "(flag)",
    "(flagoff)",
];

/// Each line's content and the offset of the line break that ends it (`\n`, `\r\n`, `\r`;
/// the text's length for the last line).
fn lines(text: &str) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let rest = text.get(from..).unwrap_or_default();
        // Two single-character searches (memchr) beat one search for either character.
        let newline = rest.find('\n');
        let before_newline = rest
            .get(..newline.unwrap_or(rest.len()))
            .unwrap_or_default();
        let Some(len) = before_newline.find('\r').or(newline) else {
            start = None;
            return Some((from..text.len(), text.len()));
        };
        let end = from + len;
        let crlf = rest.get(len..).is_some_and(|r| r.starts_with("\r\n"));
        start = Some(end + if crlf { 2 } else { 1 });
        Some((from..end, end))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Bullet,
    Numbered,
}

/// What an inline construct turns into.
enum Element {
    /// Text of the markup kept as it is: link text, monospace content, an escaped character.
    Keep(Range<usize>),
    /// Text the converter writes in place of the construct.
    Say(&'static str),
    /// Markup that leaves nothing: markers, tags, images, icons.
    Drop,
    LineBreak,
    /// A panel title, on a line of its own.
    Title(Range<usize>),
    /// The opening tag of a block kept verbatim until the given closing tag.
    Verbatim(&'static str),
    /// A table cell boundary.
    Separator,
}

/// The converter's state: the output and what carries over from line to line.
struct Plain<'a> {
    markup: &'a MappedText,
    src: &'a str,
    out: MappedText,
    /// Whether an output line has been started yet (every later one follows a line break).
    started: bool,
    /// Whether the current output line has been started.
    line_open: bool,
    /// Markup offset of the line break the next output line's break stands for.
    break_at: usize,
    /// The open lists, outermost first, with the number of items seen at each level.
    lists: Vec<(ListKind, usize)>,
    /// The closing tag of the `{code}` or `{noformat}` block we are in.
    verbatim: Option<&'static str>,
}

impl<'a> Plain<'a> {
    fn new(markup: &'a MappedText) -> Self {
        Plain {
            markup,
            src: markup.as_str(),
            out: MappedText::new(),
            started: false,
            line_open: false,
            break_at: 0,
            lists: Vec::new(),
            verbatim: None,
        }
    }

    fn finish(mut self) -> MappedText {
        self.out.trim_end();
        if self.out.is_empty() {
            // Markup alone: the empty text still stands where the markup is.
            return MappedText::empty_at(self.markup.source_offset(0));
        }
        self.out
    }

    fn line(&mut self, content: Range<usize>, line_break: usize) {
        match self.verbatim {
            Some(close) => self.verbatim_line(content, close),
            None => self.markup_line(content),
        }
        self.end_line(line_break);
    }

    /// Starts the current output line if it has not been: a line break first, unless it is
    /// the first line. Lines are started lazily, so a line of markup alone leaves none.
    fn open_line(&mut self) {
        if self.line_open {
            return;
        }
        if self.started {
            let at = self.markup.source_offset(self.break_at);
            self.out.push_standing_for("\n", at);
        }
        self.started = true;
        self.line_open = true;
    }

    fn end_line(&mut self, line_break: usize) {
        self.line_open = false;
        self.break_at = line_break;
    }

    fn keep(&mut self, range: Range<usize>) {
        let valid = self.src.get(range.clone()).is_some();
        debug_assert!(valid, "kept range {range:?} is not a slice of the markup");
        if !valid || range.is_empty() {
            return;
        }
        self.open_line();
        self.out.push_slice(self.markup, range);
    }

    /// Keeps `range` without its trailing blanks (before a cell boundary, after an icon).
    fn keep_trimmed(&mut self, range: Range<usize>) {
        let text = self.src.get(range.clone()).unwrap_or_default();
        let len = text.trim_end_matches([' ', '\t']).len();
        self.keep(range.start..range.start + len);
    }

    fn say(&mut self, text: &str, at: usize) {
        self.open_line();
        self.out
            .push_standing_for(text, self.markup.source_offset(at));
    }

    /// A line inside `{code}` or `{noformat}`: verbatim, markup again after the closing tag.
    fn verbatim_line(&mut self, content: Range<usize>, close: &'static str) {
        match self.verbatim_run(content.start, content.end, close) {
            Some(resume) => self.inline(resume..content.end, false),
            // Empty lines of code are lines too.
            None => self.open_line(),
        }
    }

    /// Keeps text verbatim up to `close`; returns where markup resumes after it, if on
    /// this line.
    fn verbatim_run(&mut self, from: usize, end: usize, close: &'static str) -> Option<usize> {
        self.verbatim = Some(close);
        let rest = self.src.get(from..end).unwrap_or_default();
        match rest.find(close) {
            Some(i) => {
                self.keep(from..from + i);
                self.verbatim = None;
                Some(from + i + close.len())
            }
            None => {
                self.keep(from..end);
                None
            }
        }
    }

    /// A line outside verbatim blocks: its block syntax, then its inline content.
    fn markup_line(&mut self, content: Range<usize>) {
        let text = self.src.get(content.clone()).unwrap_or_default();
        let body = text.trim_start_matches([' ', '\t']);
        let body_start = content.end - body.len();
        if body.trim().is_empty() {
            self.lists.clear();
            self.open_line();
            return;
        }
        if let Some(marker) = list_marker(body) {
            self.list_item(marker, body_start..content.end);
            return;
        }
        self.lists.clear();
        if body.trim_end() == "----" {
            self.open_line();
        } else if body.starts_with('|') {
            self.inline(body_start..content.end, true);
        } else {
            let start = block_prefix_len(body).map_or(content.start, |len| body_start + len);
            self.inline(start..content.end, false);
        }
    }

    /// A list item: its prefix (`- `, `2. `, indented), a checkbox if any, then its text.
    fn list_item(&mut self, marker: &str, item: Range<usize>) {
        let prefix = self.list_prefix(marker);
        self.say(&prefix, item.start);
        let rest = self.src.get(item.start + marker.len()..item.end);
        let text = rest.unwrap_or_default().trim_start_matches([' ', '\t']);
        let text_start = item.end - text.len();
        let text_start = self.checkbox(text_start, item.end);
        self.inline(text_start..item.end, false);
    }

    /// The prefix of an item with `marker` (`*`, `##`, `#*`), counting it in its list.
    fn list_prefix(&mut self, marker: &str) -> String {
        let depth = marker.len();
        let kind = if marker.ends_with('#') {
            ListKind::Numbered
        } else {
            ListKind::Bullet
        };
        self.lists.truncate(depth);
        if self.lists.len() == depth && self.lists.last().map(|level| level.0) != Some(kind) {
            self.lists.pop();
        }
        self.lists.resize(depth, (kind, 0));
        let count = self.lists.last_mut().map_or(1, |level| {
            level.1 += 1;
            level.1
        });
        let indent = "  ".repeat(depth.saturating_sub(1));
        match kind {
            ListKind::Bullet => format!("{indent}- "),
            ListKind::Numbered => format!("{indent}{count}. "),
        }
    }

    /// Keeps a leading `[ ]` or `[x]` (writing `[X]` as `[x]`); returns where the text
    /// goes on.
    fn checkbox(&mut self, at: usize, end: usize) -> usize {
        let rest = self.src.get(at..end).unwrap_or_default();
        let followed_by_blank = rest
            .get(3..)
            .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t']));
        match rest.get(..3) {
            Some("[ ]" | "[x]") if followed_by_blank => self.keep(at..at + 3),
            Some("[X]") if followed_by_blank => self.say("[x]", at),
            _ => return at,
        }
        at + 3
    }

    /// Inline content of `range`, which ends its line; `table` makes `|` a cell boundary.
    fn inline(&mut self, range: Range<usize>, table: bool) {
        let mut scan = Inline::new(self.src, range.clone(), table);
        let mut at = range.start;
        loop {
            at = next_construct(self.src, at, range.end);
            if at >= range.end {
                break;
            }
            let Some((element, after)) = scan.element(self.src, at) else {
                at += 1;
                continue;
            };
            match self.apply(&scan, element, at..after) {
                Some(next) => {
                    at = next;
                    scan.kept_from = next;
                }
                None => return,
            }
        }
        self.keep(scan.kept_from..range.end);
    }

    /// Writes the text read before the construct at `span`, then what the construct turns
    /// into; returns where reading goes on, or `None` when a verbatim block took the rest.
    fn apply(&mut self, scan: &Inline, element: Element, span: Range<usize>) -> Option<usize> {
        let before = scan.kept_from..span.start;
        match element {
            Element::Keep(range) => {
                self.keep(before);
                self.keep(range);
            }
            Element::Say(text) => {
                self.keep(before);
                self.say(text, span.start);
            }
            Element::Drop => return Some(self.drop_markup(scan, span)),
            Element::LineBreak => {
                self.keep(before);
                self.open_line();
                self.end_line(span.start);
            }
            Element::Title(title) => {
                self.keep_trimmed(before);
                if self.line_open {
                    self.end_line(span.start);
                }
                self.keep(title);
                self.end_line(span.start);
            }
            Element::Verbatim(close) => {
                self.keep(before);
                return self.verbatim_run(span.end, scan.end, close);
            }
            Element::Separator => {
                self.keep_trimmed(before);
                let rest = self.src.get(span.end..scan.end).unwrap_or_default();
                let next = scan.end - rest.trim_start_matches([' ', '\t']).len();
                if self.line_open && next < scan.end {
                    self.say(" | ", span.start);
                }
                return Some(next);
            }
        }
        Some(span.end)
    }

    /// Drops markup at `span` without leaving a double blank, or a trailing one at the end
    /// of the line; returns where reading goes on.
    fn drop_markup(&mut self, scan: &Inline, span: Range<usize>) -> usize {
        let before = self.src.get(scan.kept_from..span.start).unwrap_or_default();
        let blank_before = if before.is_empty() {
            !self.line_open || self.out.as_str().ends_with([' ', '\t'])
        } else {
            before.ends_with([' ', '\t'])
        };
        let range = scan.kept_from..span.start;
        if blank_before && span.end >= scan.end {
            self.keep_trimmed(range);
        } else {
            self.keep(range);
        }
        let blank_after =
            span.end < scan.end && matches!(self.src.as_bytes().get(span.end), Some(b' ' | b'\t'));
        span.end + usize::from(blank_before && blank_after)
    }
}

/// The list marker (`*`, `##`, `#*`, `-`) a line starts with, if followed by a blank.
fn list_marker(body: &str) -> Option<&str> {
    let stars = body
        .bytes()
        .take_while(|b| matches!(b, b'*' | b'#'))
        .count();
    let len = if stars == 0 && body.starts_with('-') {
        1
    } else {
        stars
    };
    let followed_by_blank = matches!(body.as_bytes().get(len), Some(b' ' | b'\t'));
    (len > 0 && followed_by_blank)
        .then(|| body.get(..len))
        .flatten()
}

/// Length of a `h1.`–`h6.` or `bq.` prefix and the blanks after it.
fn block_prefix_len(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let prefix = match bytes {
        [b'h', b'1'..=b'6', b'.', ..] | [b'b', b'q', b'.', ..] => 3,
        _ => return None,
    };
    let rest = body.get(prefix..)?;
    let text = rest.trim_start_matches([' ', '\t']);
    (text.len() < rest.len() || rest.is_empty()).then(|| body.len() - text.len())
}

/// Reading state for the inline content of one line.
struct Inline {
    end: usize,
    table: bool,
    /// Start of the text read but not yet written.
    kept_from: usize,
    /// Per marker of [`MARKERS`], where one could close a phrase, and how many are used.
    closers: [Closers; MARKERS.len()],
    /// Closing markers (offset, length) of phrases whose opening marker was dropped.
    pending: BinaryHeap<Reverse<(usize, usize)>>,
    /// Whether a search for `}}` has found none up to the end of the line.
    monospace_unclosed: bool,
}

/// Possible closing positions of one marker, in order; those before `next` are used up.
#[derive(Default)]
struct Closers {
    positions: Vec<usize>,
    next: usize,
}

impl Closers {
    /// Takes the first closing position after `after`.
    fn take_after(&mut self, after: usize) -> Option<usize> {
        while self.positions.get(self.next).is_some_and(|&p| p <= after) {
            self.next += 1;
        }
        let position = self.positions.get(self.next).copied()?;
        self.next += 1;
        Some(position)
    }
}

impl Inline {
    fn new(src: &str, range: Range<usize>, table: bool) -> Self {
        Inline {
            end: range.end,
            table,
            kept_from: range.start,
            closers: closers(src, range),
            pending: BinaryHeap::new(),
            monospace_unclosed: false,
        }
    }

    /// The construct starting at `at`, and where it ends.
    fn element(&mut self, src: &str, at: usize) -> Option<(Element, usize)> {
        match src.as_bytes().get(at)? {
            b'\\' => escape(src, at, self.end),
            b'{' => self
                .monospace(src, at)
                .or_else(|| macro_tag(src, at, self.end)),
            b'[' => link(src, at, self.end),
            b'!' => image(src, at, self.end).map(|after| (Element::Drop, after)),
            b'(' | b':' | b';' => icon(src, at, self.end).map(|after| (Element::Drop, after)),
            b'|' if self.table => {
                let len = if src.get(at..).is_some_and(|s| s.starts_with("||")) {
                    2
                } else {
                    1
                };
                Some((Element::Separator, at + len))
            }
            b'h' => self.url(src, at),
            _ => self.marker(src, at).map(|after| (Element::Drop, after)),
        }
    }

    /// `{{monospace}}`: its content, verbatim.
    fn monospace(&mut self, src: &str, at: usize) -> Option<(Element, usize)> {
        if !src.get(at..)?.starts_with("{{") || self.monospace_unclosed {
            return None;
        }
        let start = at + 2;
        let Some(len) = src.get(start..self.end)?.find("}}") else {
            self.monospace_unclosed = true;
            return None;
        };
        (len > 0).then(|| (Element::Keep(start..start + len), start + len + 2))
    }

    /// A bare `http://` or `https://` address, kept as it is up to a blank, a `|` or the
    /// closing marker of a phrase around it.
    fn url(&mut self, src: &str, at: usize) -> Option<(Element, usize)> {
        let rest = src.get(at..self.end)?;
        if !(rest.starts_with("http://") || rest.starts_with("https://"))
            || char_before(src, at).is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || c == '|')
            .unwrap_or(rest.len());
        let end = match self.pending_from(at) {
            Some((closer, _)) => (at + len).min(closer),
            None => at + len,
        };
        Some((Element::Keep(at..end), end))
    }

    /// A phrase marker to drop: the closing one of a phrase, or an opening one that has a
    /// closing one later on the line. Returns where it ends.
    fn marker(&mut self, src: &str, at: usize) -> Option<usize> {
        let index = marker_at(src, at)?;
        let len = MARKERS[index].len();
        if let Some((closer, closer_len)) = self.pending_from(at) {
            if closer == at {
                self.pending.pop();
                return Some(at + closer_len);
            }
        }
        if !opens(src, at, len) {
            return None;
        }
        let closer = self.closers[index].take_after(at + len)?;
        self.pending.push(Reverse((closer, len)));
        Some(at + len)
    }

    /// The next pending closing marker at or after `at`, forgetting those left behind
    /// (inside a link or a verbatim block).
    fn pending_from(&mut self, at: usize) -> Option<(usize, usize)> {
        while self.pending.peek().is_some_and(|Reverse((p, _))| *p < at) {
            self.pending.pop();
        }
        self.pending.peek().map(|Reverse(closer)| *closer)
    }
}

/// Where each marker could close a phrase in `range`: after a non-blank, before a
/// non-alphanumeric, not escaped.
fn closers(src: &str, range: Range<usize>) -> [Closers; MARKERS.len()] {
    let mut found: [Closers; MARKERS.len()] = Default::default();
    let mut at = range.start;
    loop {
        at = next_construct(src, at, range.end);
        if at >= range.end {
            break;
        }
        if src.as_bytes().get(at) == Some(&b'\\') {
            at += 2;
            continue;
        }
        if let Some(index) = marker_at(src, at) {
            if closes(src, at, MARKERS[index].len()) {
                found[index].positions.push(at);
            }
        }
        at += 1;
    }
    found
}

/// The first offset from `at` on, before `end`, whose byte a construct can start with
/// ([`STARTS_CONSTRUCT`]); `end` if there is none. The bytes in between are plain text.
fn next_construct(src: &str, at: usize, end: usize) -> usize {
    src.as_bytes()
        .get(at..end)
        .and_then(|rest| rest.iter().position(|&b| STARTS_CONSTRUCT[usize::from(b)]))
        .map_or(end, |offset| at + offset)
}

/// The index in [`MARKERS`] of the marker at `at`.
fn marker_at(src: &str, at: usize) -> Option<usize> {
    if !STARTS_CONSTRUCT[usize::from(*src.as_bytes().get(at)?)] {
        return None;
    }
    let rest = src.get(at..)?;
    MARKERS.iter().position(|marker| rest.starts_with(marker))
}

/// Whether a marker of `len` bytes at `at` can open a phrase: at the start or after a
/// non-alphanumeric, and before a non-blank.
fn opens(src: &str, at: usize, len: usize) -> bool {
    !doubled(src, at, len)
        && char_before(src, at).is_none_or(|c| !c.is_alphanumeric())
        && char_at(src, at + len).is_some_and(|c| !c.is_whitespace())
}

/// Whether a marker of `len` bytes at `at` can close a phrase: after a non-blank, and at
/// the end or before a non-alphanumeric.
fn closes(src: &str, at: usize, len: usize) -> bool {
    !doubled(src, at, len)
        && char_before(src, at).is_some_and(|c| !c.is_whitespace())
        && char_at(src, at + len).is_none_or(|c| !c.is_alphanumeric())
}

/// Whether the marker's character goes on before or after it (`--` is a dash, `__init__`
/// a name), which makes it no marker.
fn doubled(src: &str, at: usize, len: usize) -> bool {
    let marker = src.as_bytes().get(at).map(|&b| char::from(b));
    char_before(src, at) == marker || char_at(src, at + len) == marker
}

fn char_before(src: &str, at: usize) -> Option<char> {
    src.get(..at)?.chars().next_back()
}

fn char_at(src: &str, at: usize) -> Option<char> {
    src.get(at..)?.chars().next()
}

/// `\\` (a line break) or a backslash before punctuation (the punctuation, as text).
fn escape(src: &str, at: usize, end: usize) -> Option<(Element, usize)> {
    match src.get(at + 1..end)?.bytes().next()? {
        b'\\' => Some((Element::LineBreak, at + 2)),
        b if b.is_ascii_punctuation() => Some((Element::Keep(at + 1..at + 2), at + 2)),
        _ => None,
    }
}

/// A macro tag (`{code:java}`, `{color:red}`, `{quote}`, `{panel:title=T}`) known to
/// backlint; others stay as they are.
fn macro_tag(src: &str, at: usize, end: usize) -> Option<(Element, usize)> {
    let rest = src.get(at + 1..end)?;
    let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let name = rest.get(..name_len)?;
    let tail = rest.get(name_len..)?;
    let close = match tail.bytes().next()? {
        b'}' => 0,
        b':' => tail
            .find(['{', '}'])
            .filter(|&i| tail.as_bytes().get(i) == Some(&b'}'))?,
        _ => return None,
    };
    let params_start = at + 1 + name_len + 1;
    let after = at + 1 + name_len + close + 1;
    let element = match name {
        "code" => Element::Verbatim("{code}"),
        "noformat" => Element::Verbatim("{noformat}"),
        "quote" | "color" => Element::Drop,
        "panel" => panel_title(src, params_start..after - 1).map_or(Element::Drop, Element::Title),
        _ => return None,
    };
    Some((element, after))
}

/// The `title=` parameter among a panel's `|`-separated parameters.
fn panel_title(src: &str, params: Range<usize>) -> Option<Range<usize>> {
    let mut start = params.start;
    for param in src.get(params)?.split('|') {
        if let Some(title) = param.strip_prefix("title=") {
            let title = trimmed_range(title, start + "title=".len());
            return (!title.is_empty()).then_some(title);
        }
        start += param.len() + 1;
    }
    None
}

/// A link: `[text|url]` is its text, `[url]` its address, `[^file]` the file name and a
/// mention `[~user]` is `@user`. Brackets around anything else stay.
fn link(src: &str, at: usize, end: usize) -> Option<(Element, usize)> {
    let rest = src.get(at + 1..end)?;
    let close = rest.find(['[', ']'])?;
    if !rest.get(close..)?.starts_with(']') {
        return None;
    }
    let inner = rest.get(..close)?;
    let start = at + 1;
    let after = start + close + 1;
    if inner.len() > 1 && inner.starts_with('~') {
        return Some((Element::Say("@user"), after));
    }
    let element = match inner.find('|') {
        Some(bar) => {
            let text = trimmed_range(inner.get(..bar)?, start);
            let target = inner.get(bar + 1..)?.split('|').next()?;
            let target = trimmed_range(target, start + bar + 1);
            Element::Keep(if text.is_empty() { target } else { text })
        }
        None if inner.len() > 1 && inner.starts_with('^') => {
            Element::Keep(start + 1..start + close)
        }
        None if inner.contains("://") || inner.starts_with("mailto:") => {
            Element::Keep(start..start + close)
        }
        None => return None,
    };
    Some((element, after))
}

/// The range of `part` without surrounding white space, `part` starting at `start`.
fn trimmed_range(part: &str, start: usize) -> Range<usize> {
    let leading = part.len() - part.trim_start().len();
    let len = part.trim().len();
    start + leading..start + leading + len
}

/// An embedded image or attachment, `!name.png!` or `!url|width=300!`; returns its end.
fn image(src: &str, at: usize, end: usize) -> Option<usize> {
    if char_before(src, at).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let rest = src.get(at + 1..end)?;
    let close = rest.find('!')?;
    let inner = rest.get(..close)?;
    let target = inner.split('|').next()?;
    let looks_like_file = target.contains("://")
        || target.rsplit_once('.').is_some_and(|(stem, extension)| {
            !stem.is_empty()
                && (1..=5).contains(&extension.len())
                && extension.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    let unpadded = inner.trim() == inner && !inner.is_empty();
    (unpadded && looks_like_file).then_some(at + 1 + close + 1)
}

/// An emoticon or status icon standing alone; returns its end.
fn icon(src: &str, at: usize, end: usize) -> Option<usize> {
    if char_before(src, at).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let rest = src.get(at..end)?;
    let icon = ICONS.iter().find(|icon| rest.starts_with(*icon))?;
    let after = at + icon.len();
    (!char_at(src, after).is_some_and(char::is_alphanumeric)).then_some(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backlog::Span;

    const START: usize = 100;

    fn convert(src: &str) -> MappedText {
        to_plain(&MappedText::verbatim(src, START))
    }

    fn plain(src: &str) -> String {
        convert(src).to_string()
    }

    /// Asserts that `word` in the output maps to `word` in the source (both unique).
    fn assert_maps(src: &str, out: &MappedText, word: &str) {
        let at = out.as_str().find(word).expect("word in the output");
        let expected = src.find(word).expect("word in the source") + START;
        assert_eq!(
            out.source_span(at..at + word.len()),
            Span::new(expected, expected + word.len()),
            "{word:?} in {out:?}"
        );
    }

    #[test]
    fn headings_lose_their_prefix() {
        assert_eq!(
            plain("h1. Title\nh3.  Acceptance *criteria*\ntext"),
            "Title\nAcceptance criteria\ntext"
        );
        assert_eq!(
            plain("h7. not a heading\nh2.no space"),
            "h7. not a heading\nh2.no space"
        );
        assert_eq!(plain("bq. quoted text"), "quoted text");
    }

    #[test]
    fn lists_are_numbered_per_level_and_restart() {
        let src = "# one\n# two\n## two.a\n## two.b\n#* bullet under two\n# three\n\n# again\n* a\n** b\n- c";
        assert_eq!(
            plain(src),
            "1. one\n2. two\n  1. two.a\n  2. two.b\n  - bullet under two\n3. three\n\n1. again\n- a\n  - b\n- c"
        );
        assert_eq!(
            plain("# one\ntext\n# one again"),
            "1. one\ntext\n1. one again"
        );
        assert_eq!(
            plain("#hashtag\n*bold* start\n-strike- start\n-- dash"),
            "#hashtag\nbold start\nstrike start\n-- dash"
        );
    }

    #[test]
    fn checklists_keep_their_boxes_and_icons_go() {
        let src = "* [ ] todo\n* [x] done\n* [X] also done\n* (/) ticked\n* (x) failed\nBuild passes (/)\nNice :) really (!)";
        assert_eq!(
            plain(src),
            "- [ ] todo\n- [x] done\n- [x] also done\n- ticked\n- failed\nBuild passes\nNice really"
        );
        assert_eq!(plain("f(x) and g(i)x"), "f(x) and g(i)x");
    }

    #[test]
    fn phrase_markers_are_removed_around_words() {
        let src = "*bold* _italic_ +under+ -strike- x^sup^ ~sub~ ??cite?? {{mono_space}}";
        // `x^sup^`: a marker right after a letter opens no phrase.
        assert_eq!(
            plain(src),
            "bold italic under strike x^sup^ sub cite mono_space"
        );
        assert_eq!(
            plain("^sup^ and *a bold phrase*, (_aside_)."),
            "sup and a bold phrase, (aside)."
        );
        assert_eq!(plain("*outer _inner_ text*"), "outer inner text");
    }

    #[test]
    fn lone_markers_stay() {
        for src in [
            "re-use the well-known x-ray",
            "2 * 3 = 6 and 2*3*4",
            "snake_case_names and __init__ stay",
            "a -- b --- c",
            "C++ and 1 + 2 + 3",
            "trailing *",
            "what?? no??",
            "~/home ~",
        ] {
            assert_eq!(plain(src), src);
        }
    }

    #[test]
    fn escapes_and_forced_breaks() {
        assert_eq!(
            plain(r"\*not bold\* and a \[bracket\]"),
            "*not bold* and a [bracket]"
        );
        assert_eq!(plain(r"one\\two"), "one\ntwo");
        assert_eq!(plain(r"C:\temp\new"), r"C:\temp\new");
    }

    #[test]
    fn rules_and_line_breaks() {
        assert_eq!(plain("above\n----\nbelow"), "above\n\nbelow");
        assert_eq!(plain("a\r\n\r\n* b\r\nc\r\n"), "a\n\n- b\nc");
        assert_eq!(plain("a\rb"), "a\nb");
    }

    #[test]
    fn macros() {
        assert_eq!(plain("{color:red}Warning{color}: hot"), "Warning: hot");
        assert_eq!(
            plain("{quote}\nquoted\nlines\n{quote}\nafter"),
            "quoted\nlines\nafter"
        );
        assert_eq!(plain("{quote}inline quote{quote}"), "inline quote");
        assert_eq!(
            plain("{panel:title=Notes|borderStyle=dashed}\nbody *text*\n{panel}"),
            "Notes\nbody text"
        );
        assert_eq!(plain("{panel}\nplain panel\n{panel}"), "plain panel");
        assert_eq!(
            plain("{unknown}stays{unknown} {not a macro"),
            "{unknown}stays{unknown} {not a macro"
        );
    }

    #[test]
    fn code_is_verbatim() {
        let src = "Run:\n{code:java}\nint *x* = a_b_c;\n\n  [link|url] {color}\n{code}\n*after*";
        assert_eq!(
            plain(src),
            "Run:\nint *x* = a_b_c;\n\n  [link|url] {color}\nafter"
        );
        assert_eq!(plain("inline {code}*a*{code} *b*"), "inline *a* b");
        assert_eq!(plain("{noformat}\n{code}\n*x*\n{noformat}"), "{code}\n*x*");
        assert_eq!(plain("{code}\nnever closed *x*"), "never closed *x*");
    }

    #[test]
    fn links_mentions_and_images() {
        assert_eq!(
            plain("See [the docs|https://example.com/a_b] or [https://example.com/x-y]."),
            "See the docs or https://example.com/x-y."
        );
        assert_eq!(
            plain("Ask [~accountid:5b10a2844c20165700ede21g] or [~jsmith]"),
            "Ask @user or @user"
        );
        assert_eq!(plain("[WIP] and [ ] and [lone"), "[WIP] and [ ] and [lone");
        assert_eq!(
            plain("Spec in [^spec v2.pdf] and [|https://x.org]"),
            "Spec in spec v2.pdf and https://x.org"
        );
        assert_eq!(
            plain("Before !shot.png! after\n!https://x.org/a.gif|width=300!\nWow! Great!"),
            "Before after\nWow! Great!"
        );
        assert_eq!(
            plain("see https://x.org/_a_/~b~ now"),
            "see https://x.org/_a_/~b~ now"
        );
        assert_eq!(plain("*see https://x.org/a*"), "see https://x.org/a");
    }

    #[test]
    fn tables_join_cells() {
        let src = "||Story||Points||\n| login | *3* |\n|[a|https://x.org]|b\n||";
        assert_eq!(plain(src), "Story | Points\nlogin | 3\na | b");
    }

    #[test]
    fn realistic_description() {
        let src = "As a shopper I want to save my cart so that I can buy later.\n\
            \n\
            h3. Acceptance Criteria\n\
            # Cart is kept for *30 days*\n\
            # Logged-out users see a [login prompt|https://wiki.example.com/login]\n\
            ## prompt text from {{cart.saved}}\n\
            \n\
            h3. Notes\n\
            * (!) Ask [~accountid:5b10ac8d82e05b22cc7d4ef5] about _retention_\n\
            * [x] Design approved\n\
            {code:java}\n\
            cart.save(user_id, *items);\n\
            {code}\n";
        assert_eq!(
            plain(src),
            "As a shopper I want to save my cart so that I can buy later.\n\
             \n\
             Acceptance Criteria\n\
             1. Cart is kept for 30 days\n\
             2. Logged-out users see a login prompt\n\
             \x20 1. prompt text from cart.saved\n\
             \n\
             Notes\n\
             - Ask @user about retention\n\
             - [x] Design approved\n\
             cart.save(user_id, *items);"
        );
        let out = convert(src);
        for word in [
            "Acceptance",
            "30 days",
            "login prompt",
            "cart.saved",
            "retention",
            "approved",
            "cart.save(",
        ] {
            assert_maps(src, &out, word);
        }
    }

    #[test]
    fn words_map_back_to_the_source() {
        let src =
            "h2. Goal\n* [ ] Export *to CSV*\n||Col||Other||\nSee [docs|https://x.org] \\* escaped";
        let out = convert(src);
        assert_eq!(
            out.as_str(),
            "Goal\n- [ ] Export to CSV\nCol | Other\nSee docs * escaped"
        );
        for word in [
            "Goal", "[ ]", "Export", "to CSV", "Col", "Other", "docs", "escaped",
        ] {
            assert_maps(src, &out, word);
        }
        let star = out.as_str().find("* e").expect("escaped star");
        assert_eq!(
            out.source_offset(star),
            START + src.find("* e").expect("star")
        );
    }

    #[test]
    fn words_map_back_through_cell_escapes() {
        // A CSV cell `"h3. Goal\nAs a ""power user"" I want *fast* search"` at offset 100.
        let src = "h3. Goal\nAs a \"\"power user\"\" I want *fast* search";
        let mut markup = MappedText::new();
        markup.push_copied("h3. Goal\nAs a ", START);
        markup.push_standing_for("\"", START + 14);
        markup.push_copied("power user", START + 16);
        markup.push_standing_for("\"", START + 26);
        markup.push_copied(" I want *fast* search", START + 28);
        let out = to_plain(&markup);
        assert_eq!(out.as_str(), "Goal\nAs a \"power user\" I want fast search");
        for word in ["Goal", "power user", "fast", "search"] {
            assert_maps(src, &out, word);
        }
    }

    #[test]
    fn markup_alone_leaves_empty_text_at_the_markup() {
        // Found by the property tests: it stood at offset 0, outside the cell.
        let out = convert("{color:red}{color}");
        assert_eq!(out.as_str(), "");
        assert_eq!(out.source_span(0..0), Span::empty_at(START));
    }

    /// Converts without panicking, and every output byte maps into the source.
    fn assert_maps_inside(src: &str) {
        let out = convert(src);
        for (at, _) in out.as_str().char_indices() {
            let offset = out.source_offset(at);
            assert!(
                (START..START + src.len()).contains(&offset),
                "byte {at} of {out:?} maps to {offset}, outside {src:?}"
            );
        }
    }

    #[test]
    fn messy_input_neither_panics_nor_maps_outside() {
        for src in [
            "{code",
            "{code:java",
            "{code}unclosed\r\n*x*",
            "[",
            "[|]",
            "[~]",
            "[^]",
            "*",
            "text *",
            "||",
            "|",
            "| |",
            "!",
            "!!",
            "!.png!",
            "{{",
            "{{}}",
            "}}{{",
            "{panel:title=}",
            "{panel:title=T",
            "\\",
            "\\\\",
            "\r\n\r\n",
            "\r",
            "h1.",
            "# ",
            "* [x]",
            "----",
            "😀 *é* _ü_ [ß|ü] {{ö}} |ä|",
            "é\\é ??é?? (/)é :)",
            "*_+-^~??",
            "#* ## -- ** (*) (*r) (flagoff)",
        ] {
            assert_maps_inside(src);
        }
    }

    #[test]
    fn generated_input_neither_panics_nor_maps_outside() {
        const PIECES: [&str; 30] = [
            "*",
            "_",
            "-",
            "+",
            "^",
            "~",
            "??",
            "{{",
            "}}",
            "{code}",
            "{noformat}",
            "{quote}",
            "{panel:title=T}",
            "{color:red}",
            "[",
            "]",
            "|",
            "||",
            "!",
            "a.png",
            "\\",
            "(/)",
            ":)",
            " ",
            "\n",
            "\r\n",
            "# ",
            "word",
            "é😀",
            "h2. ",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut src = String::new();
            for _ in 0..12 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                src.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            assert_maps_inside(&src);
        }
    }

    #[test]
    fn long_hostile_lines_take_linear_time() {
        for piece in ["{{", "*a ", "[", "!x ", "{x:", "_a_b", "\\\\", "| [x|"] {
            let src = piece.repeat(20_000);
            assert!(convert(&src).len() <= src.len() * 2);
        }
    }
}
