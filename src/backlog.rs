//! The model every stage shares: a [`Backlog`] of [`Item`]s whose values remember where in
//! which file they came from.

pub mod stored;

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::source::Source;
use stored::{Decoder, Stored};

/// A byte range in a [`Source`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn empty_at(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// Text taken from a file, with the way back to the file for every byte of it.
///
/// Cell text is rarely a verbatim slice of the file: CSV unescapes `""`, JSON unescapes
/// `\n`, and wiki markup or ADF lose their markup on the way to plain text. The text is a
/// run of pieces, each starting at an anchor. A copied piece says "text from here on was
/// copied from the source from there on": text and source run in step. A piece that
/// stands for something (an unescaped `\n`, a line break or list marker a converter adds)
/// maps as a whole to the source bytes it stands for — possibly none — and never into the
/// bytes after them, which may be anything (the middle of a multibyte character, or past
/// the end of the file).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    /// The first piece (its text offset is 0); while the text is empty, where it stands.
    first: Anchor,
    /// Further anchors, sorted, all past 0. Most cells are verbatim copies and need none,
    /// so this stays unallocated for them.
    more: Vec<Anchor>,
}

/// Where a piece of a [`MappedText`] starts in the text and in the source. Offsets are
/// kept in 32 bits (files are read only up to 4 GiB, see `ingest::load_limited`): every
/// value of a backlog has one, so its size is most of a cell's overhead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Anchor {
    text: u32,
    source: u32,
    /// `COPY` for a copy; for a piece standing for source bytes, how many it stands for.
    stands_for: u32,
}

impl Anchor {
    const COPY: u32 = u32::MAX;

    fn new(text: usize, source: usize, stands_for: Option<usize>) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX - 1);
        Anchor {
            text: narrow(text),
            source: narrow(source),
            stands_for: stands_for.map_or(Anchor::COPY, narrow),
        }
    }

    fn text(self) -> usize {
        self.text as usize
    }

    fn source(self) -> usize {
        self.source as usize
    }

    fn stands_for(self) -> Option<usize> {
        (self.stands_for != Anchor::COPY).then_some(self.stands_for as usize)
    }
}

impl MappedText {
    pub fn new() -> Self {
        MappedText::default()
    }

    /// Empty text that stands at `source_at`, for a conversion that leaves nothing.
    pub fn empty_at(source_at: usize) -> Self {
        MappedText {
            first: Anchor::new(0, source_at, None),
            ..MappedText::default()
        }
    }

    /// Text copied verbatim from the source, starting at `source_start`.
    pub fn verbatim(text: &str, source_start: usize) -> Self {
        MappedText {
            text: text.to_owned(),
            first: Anchor::new(0, source_start, None),
            more: Vec::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn last_anchor(&self) -> Anchor {
        self.more.last().copied().unwrap_or(self.first)
    }

    fn anchor(&mut self, source: usize, stands_for: Option<usize>) {
        let anchor = Anchor::new(self.text.len(), source, stands_for);
        if self.text.is_empty() {
            self.first = anchor;
        } else {
            self.more.push(anchor);
        }
    }

    /// Appends `text`, which stands in the source at `source_start`.
    pub fn push_copied(&mut self, text: &str, source_start: usize) {
        if text.is_empty() {
            return;
        }
        let last = self.last_anchor();
        let continues_last = !self.text.is_empty()
            && last.stands_for().is_none()
            && last.source() + (self.text.len() - last.text()) == source_start;
        if !continues_last {
            self.anchor(source_start, None);
        }
        self.text.push_str(text);
    }

    /// Appends text that stands for something at `source_at` without being a copy of it,
    /// such as a separator the converter adds; it maps to that point of the source.
    pub fn push_standing_for(&mut self, text: &str, source_at: usize) {
        self.push_replacing(text, Span::empty_at(source_at));
    }

    /// Appends text that replaces the source bytes of `source`: an unescaped character.
    pub fn push_replacing(&mut self, text: &str, source: Span) {
        if text.is_empty() {
            return;
        }
        self.anchor(source.start, Some(source.len()));
        self.text.push_str(text);
    }

    /// Appends another mapped text.
    pub fn push_mapped(&mut self, other: &MappedText) {
        self.push_slice(other, 0..other.len());
    }

    /// Appends `range` of another mapped text, keeping its way back to the source.
    pub fn push_slice(&mut self, from: &MappedText, range: Range<usize>) {
        let Some(slice) = from.text.get(range.clone()) else {
            return;
        };
        if slice.is_empty() {
            return;
        }
        let first = from.more.partition_point(|a| a.text() <= range.start);
        let pieces = std::iter::once(from.anchor_at(range.start))
            .chain(from.more[first..].iter().copied())
            .take_while(|a| a.text() < range.end);
        let mut pieces = pieces.peekable();
        while let Some(anchor) = pieces.next() {
            let at = anchor.text().max(range.start);
            let end = pieces.peek().map_or(range.end, |next| next.text());
            let text = from.text.get(at..end).unwrap_or_default();
            match anchor.stands_for() {
                None => self.push_copied(text, anchor.source() + (at - anchor.text())),
                Some(len) => {
                    self.push_replacing(text, Span::new(anchor.source(), anchor.source() + len))
                }
            }
        }
    }

    /// Removes trailing white space (line breaks left by converters).
    /// Converters call it when done, so it also gives back spare capacity: converted
    /// texts live for the whole run, and growing a String leaves up to half of it unused.
    pub fn trim_end(&mut self) {
        let keep = self.text.trim_end().len();
        self.text.truncate(keep);
        self.more.retain(|a| a.text() < keep);
        self.text.shrink_to_fit();
        self.more.shrink_to_fit();
    }

    /// Moves the text's way back to the source `by` bytes further in: for a text converted
    /// from a stretch of the source read on its own, which starts `by` bytes in.
    pub fn shift(&mut self, by: usize) {
        for anchor in std::iter::once(&mut self.first).chain(&mut self.more) {
            anchor.source = Anchor::new(0, anchor.source() + by, None).source;
        }
    }

    /// The anchor of the piece that holds text offset `offset`.
    fn anchor_at(&self, offset: usize) -> Anchor {
        let index = self.more.partition_point(|a| a.text() <= offset);
        index
            .checked_sub(1)
            .and_then(|i| self.more.get(i))
            .copied()
            .unwrap_or(self.first)
    }

    /// The source offset of text offset `offset`: where the character there comes from,
    /// or, at the end of the text, where the source of the text ends.
    pub fn source_offset(&self, offset: usize) -> usize {
        let anchor = self.anchor_at(offset);
        match anchor.stands_for() {
            None => anchor.source() + offset.saturating_sub(anchor.text()),
            Some(len) if offset >= self.text.len() && offset > anchor.text() => {
                anchor.source() + len
            }
            Some(_) => anchor.source(),
        }
    }

    /// The source span of a range of this text.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        let start = self.source_offset(range.start);
        if range.end <= range.start {
            return Span::empty_at(start);
        }
        let last = self
            .text
            .get(..range.end)
            .and_then(|before| before.char_indices().next_back())
            .map_or(range.start, |(i, _)| i);
        let anchor = self.anchor_at(last);
        let end = match anchor.stands_for() {
            None => anchor.source() + (last - anchor.text()) + (range.end - last),
            Some(len) => anchor.source() + len,
        };
        Span::new(start, end.max(start))
    }
}

impl fmt::Debug for MappedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl fmt::Display for MappedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// One value of an item: its text (plain, markup removed) and the span of the raw value
/// in the file — a CSV cell's content, a JSON value.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub text: MappedText,
    pub span: Span,
}

impl Value {
    /// `text`, standing as it is at `source_start` in the file.
    pub fn verbatim(text: &str, source_start: usize) -> Self {
        Value {
            text: MappedText::verbatim(text, source_start),
            span: Span::new(source_start, source_start + text.len()),
        }
    }

    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The value as a number, if it reads as one (`5`, `4.0`, ` 8 `, `2,5`).
    pub fn as_number(&self) -> Option<f64> {
        let trimmed = self.as_str().trim();
        trimmed
            .parse::<f64>()
            .ok()
            .or_else(|| trimmed.replacen(',', ".", 1).parse::<f64>().ok())
            .filter(|n| n.is_finite())
    }

    /// The value as a date and time, in any of the forms exports write (see
    /// [`crate::dates`]), `order` saying which number of `3/2/2026` is the day.
    pub fn as_date_time_in(&self, order: crate::dates::DayMonth) -> Option<jiff::civil::DateTime> {
        crate::dates::parse_date_time_in(self.as_str(), order)
    }

    /// The value as read from a stretch of the source that starts `by` bytes in (see
    /// [`MappedText::shift`]).
    pub fn shift(&mut self, by: usize) {
        self.text.shift(by);
        self.span = Span::new(self.span.start + by, self.span.end + by);
    }

    /// The span of a byte range of the value's text.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        self.text.source_span(range)
    }
}

/// The logical fields that rules know by name, whatever the export calls them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Key,
    Summary,
    Description,
    AcceptanceCriteria,
    IssueType,
    Status,
    StatusCategory,
    Priority,
    Estimate,
    Parent,
    ParentSummary,
    Sprint,
    /// The state of each sprint of [`Field::Sprint`] (`active`, `future`, `closed`), in
    /// the same order, when the export tells it (Jira's REST sprint objects).
    SprintState,
    Labels,
    Assignee,
    Created,
    Updated,
    Rank,
    /// Keys of the issues that block this one (Jira's inward "Blocks" links).
    BlockedBy,
    /// Keys of the issues this one blocks (Jira's outward "Blocks" links).
    Blocks,
}

impl Field {
    pub const ALL: [Field; 20] = [
        Field::Key,
        Field::Summary,
        Field::Description,
        Field::AcceptanceCriteria,
        Field::IssueType,
        Field::Status,
        Field::StatusCategory,
        Field::Priority,
        Field::Estimate,
        Field::Parent,
        Field::ParentSummary,
        Field::Sprint,
        Field::SprintState,
        Field::Labels,
        Field::Assignee,
        Field::Created,
        Field::Updated,
        Field::Rank,
        Field::BlockedBy,
        Field::Blocks,
    ];

    /// The name used in `backlint.toml`, in rules and in output.
    pub fn name(self) -> &'static str {
        match self {
            Field::Key => "key",
            Field::Summary => "summary",
            Field::Description => "description",
            Field::AcceptanceCriteria => "acceptance_criteria",
            Field::IssueType => "issue_type",
            Field::Status => "status",
            Field::StatusCategory => "status_category",
            Field::Priority => "priority",
            Field::Estimate => "estimate",
            Field::Parent => "parent",
            Field::ParentSummary => "parent_summary",
            Field::Sprint => "sprint",
            Field::SprintState => "sprint_state",
            Field::Labels => "labels",
            Field::Assignee => "assignee",
            Field::Created => "created",
            Field::Updated => "updated",
            Field::Rank => "rank",
            Field::BlockedBy => "blocked_by",
            Field::Blocks => "blocks",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether an item may hold several values of this field (each kept in order).
    pub fn is_multi_valued(self) -> bool {
        matches!(self, Field::Sprint | Field::SprintState | Field::Labels)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A value of an item under the name the export gives it, and the logical field it fills.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The column header or JSON field name, shared by every item of the file.
    pub name: Arc<str>,
    pub field: Option<Field>,
    pub value: Value,
}

/// One issue of the backlog: a row of a CSV export, an issue of a JSON response, a line of
/// a story list.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Index of the item's file in [`Backlog::sources`].
    pub source: usize,
    /// 1-based record number within the file: CSV row after the header, JSON issue, line.
    pub record: usize,
    /// The issue key (`PROJ-42`), or `line N` for story lists.
    pub key: String,
    /// Where the item starts in the file: a point for findings about what is missing.
    pub anchor: Span,
    /// Every non-empty value, in file order.
    pub entries: Vec<Entry>,
    /// Where the blank cells of logical fields start (CSV), so a finding about a missing
    /// value points at its empty cell; formats without cells leave it empty.
    pub blanks: Vec<(Field, usize)>,
}

impl Item {
    /// Where a finding about a missing `field` points: its empty cell when the export has
    /// one, else the start of the item.
    pub fn missing(&self, field: Field) -> Span {
        self.blanks
            .iter()
            .find(|(blank, _)| *blank == field)
            .map_or(self.anchor, |&(_, at)| Span::empty_at(at))
    }

    /// The value of a single-valued field: the first non-empty one.
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.all(field).next()
    }

    /// Every value of a field (several for labels and sprints).
    pub fn all(&self, field: Field) -> impl Iterator<Item = &Value> + '_ {
        self.entries
            .iter()
            .filter(move |e| e.field == Some(field))
            .map(|e| &e.value)
    }

    /// The text of a single-valued field, if present.
    pub fn text(&self, field: Field) -> Option<&str> {
        self.get(field).map(Value::as_str)
    }

    /// Values under an export's own name (case-insensitive), for fields backlint does not map.
    pub fn by_name<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.name.eq_ignore_ascii_case(name))
            .map(|e| &e.value)
    }
}

/// What kind of file items came from, as far as rules and reports care: the model
/// names no format; each reader describes its files with one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    /// The name of the reader that read it (`--input-format`), for `backlint fields`.
    pub reader: &'static str,
    /// Its items are tracker issues, each with a page of its own (not lines of a list).
    pub issues: bool,
    /// Its items may carry the address of their REST resource (`self`), which links to
    /// their pages can be made from.
    pub self_links: bool,
}

/// Where one logical field of a file comes from: the columns or JSON fields found for it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldOrigin {
    pub field: Field,
    /// The names found, in the order they are read; empty when the field was not found.
    pub names: Vec<String>,
}

impl FieldOrigin {
    /// One origin per logical field, in [`Field::ALL`] order, none found yet: what a
    /// reader fills as it reads.
    pub fn none_found() -> Vec<FieldOrigin> {
        Field::ALL
            .into_iter()
            .map(|field| FieldOrigin {
                field,
                names: Vec::new(),
            })
            .collect()
    }
}

/// One file as a reader gave it, to be added to a [`Backlog`] in the order of the files.
#[derive(Debug)]
pub struct ReadFile {
    pub source: Source,
    pub info: FileInfo,
    pub items: Vec<Stored>,
}

/// What reading one file found besides its items.
#[derive(Debug, Clone)]
pub struct FileInfo {
    pub kind: FileKind,
    /// One entry per logical field, in [`Field::ALL`] order.
    pub origins: Vec<FieldOrigin>,
    /// How to decode the items its reader kept undecoded; `None` when it kept none.
    pub decoder: Option<Arc<dyn Decoder>>,
}

impl FileInfo {
    /// Whether the file has `field`: some column or property of it was found.
    pub fn has(&self, field: Field) -> bool {
        self.origins
            .iter()
            .any(|o| o.field == field && !o.names.is_empty())
    }
}

/// Everything read from the files given on the command line.
///
/// Items are numbered from 0 in the order they were read; findings and stages refer to
/// them by that number. [`Backlog::item`] gives an item whole, decoded on demand for CSV
/// rows and JSON issues (see [`crate::backlog::stored`]); the key, the file and single fields are
/// cheaper to ask for on their own.
#[derive(Debug, Default)]
pub struct Backlog {
    pub sources: Vec<Source>,
    pub files: Vec<FileInfo>,
    items: Vec<Stored>,
}

impl Backlog {
    /// The number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds one file read: its source, what was found besides its items, and its items.
    pub fn add_file(&mut self, file: ReadFile) {
        self.sources.push(file.source);
        self.files.push(file.info);
        if self.items.is_empty() {
            self.items = file.items;
        } else {
            self.items.extend(file.items);
        }
    }

    /// Item `index`, whole.
    ///
    /// # Panics
    /// If there is no item `index`: indices come from the backlog itself.
    pub fn item(&self, index: usize) -> Cow<'_, Item> {
        match &self.items[index] {
            Stored::Decoded(item) => Cow::Borrowed(item),
            Stored::Kept(kept) => {
                let file = kept.source as usize;
                Cow::Owned(self.decoder(file).item(&self.sources[file], kept))
            }
        }
    }

    /// Every item, whole, in order.
    pub fn items(&self) -> impl Iterator<Item = Cow<'_, Item>> + '_ {
        (0..self.len()).map(|index| self.item(index))
    }

    /// The key of item `index`.
    pub fn key(&self, index: usize) -> &str {
        let item = &self.items[index];
        item.key(self.sources[item.source()].text())
    }

    /// The index in [`Backlog::sources`] of the file item `index` comes from.
    pub fn file_of(&self, index: usize) -> usize {
        self.items[index].source()
    }

    /// How many items each file of [`Backlog::sources`] gave: none for an export of a
    /// filter that matched nothing.
    pub fn items_per_file(&self) -> Vec<usize> {
        let mut counts = vec![0; self.sources.len()];
        for item in &self.items {
            counts[item.source()] += 1;
        }
        counts
    }

    /// The file item `index` comes from.
    pub fn source_of(&self, index: usize) -> &Source {
        &self.sources[self.file_of(index)]
    }

    /// Every value of one field of item `index` (decoding only that field).
    pub fn values(&self, index: usize, field: Field) -> Vec<Value> {
        match &self.items[index] {
            Stored::Decoded(item) => item.all(field).cloned().collect(),
            Stored::Kept(kept) => {
                let file = kept.source as usize;
                self.decoder(file).values(&self.sources[file], kept, field)
            }
        }
    }

    /// Every value of each of `fields` of item `index`, a list per field in the order
    /// asked (decoding only those fields, and a kept row once for all of them).
    pub fn values_of<const N: usize>(&self, index: usize, fields: [Field; N]) -> [Vec<Value>; N] {
        let mut lists = match &self.items[index] {
            Stored::Decoded(item) => fields
                .iter()
                .map(|&field| item.all(field).cloned().collect())
                .collect(),
            Stored::Kept(kept) => {
                let file = kept.source as usize;
                self.decoder(file)
                    .values_of(&self.sources[file], kept, &fields)
            }
        };
        std::array::from_fn(|at| lists.get_mut(at).map(std::mem::take).unwrap_or_default())
    }

    /// The decoder of file `file`, which kept items undecoded.
    ///
    /// # Panics
    /// If its reader gave it none: a reader that keeps items undecoded gives their file a
    /// decoder.
    fn decoder(&self, file: usize) -> &dyn Decoder {
        self.files[file]
            .decoder
            .as_deref()
            .expect("a file with undecoded items has a decoder")
    }

    /// The text of a single-valued field of item `index`, if present.
    pub fn text(&self, index: usize, field: Field) -> Option<String> {
        self.values(index, field)
            .into_iter()
            .next()
            .map(|value| value.as_str().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_text_maps_through_removed_bytes() {
        // Source: `say ""hi"" now` inside a cell starting at 10; text: `say "hi" now`.
        let mut text = MappedText::new();
        text.push_copied("say ", 10);
        text.push_standing_for("\"", 14);
        text.push_copied("hi", 16);
        text.push_standing_for("\"", 18);
        text.push_copied(" now", 20);
        assert_eq!(text.as_str(), "say \"hi\" now");
        assert_eq!(text.source_span(9..12), Span::new(21, 24));
        assert_eq!(text.source_span(5..7), Span::new(16, 18));
        assert_eq!(text.source_offset(0), 10);
    }

    #[test]
    fn offsets_up_to_four_gib_survive_the_compact_anchors() {
        let text = MappedText::verbatim("late", 4_000_000_000);
        assert_eq!(
            text.source_span(1..3),
            Span::new(4_000_000_001, 4_000_000_003)
        );
    }

    #[test]
    fn contiguous_copies_share_one_anchor() {
        let mut text = MappedText::verbatim("ab", 5);
        text.push_copied("cd", 7);
        assert!(text.more.is_empty());
        let mut joined = MappedText::new();
        joined.push_mapped(&text);
        joined.push_standing_for("\n", 9);
        joined.push_mapped(&MappedText::verbatim("xy", 30));
        assert_eq!(joined.as_str(), "abcd\nxy");
        assert_eq!(joined.source_span(5..7), Span::new(30, 32));
        let mut slice = MappedText::new();
        slice.push_slice(&joined, 3..6);
        assert_eq!(slice.as_str(), "d\nx");
        assert_eq!(slice.source_span(2..3), Span::new(30, 31));
        assert_eq!(slice.source_offset(0), 8);
    }

    #[test]
    fn text_standing_for_a_place_never_maps_past_it() {
        // Found by the property tests: an ordered-list marker "100000000. " that ADF writes
        // for an item at offset 3 mapped its later bytes to 4, 5, … as if copied, into the
        // middle of "é" and past the end of the source.
        let source = "ab{é}";
        let mut text = MappedText::new();
        text.push_standing_for("100000000. ", 3);
        text.push_copied("é", 3);
        for at in 0..11 {
            assert_eq!(text.source_offset(at), 3, "offset {at}");
        }
        assert_eq!(text.source_span(0..10), Span::empty_at(3));
        assert_eq!(text.source_span(11..13), Span::new(3, 5));
        assert!(source.is_char_boundary(text.source_offset(13)));
        // An unescaped character covers its whole escape; what follows it maps in step.
        let mut unescaped = MappedText::verbatim("a", 10);
        unescaped.push_replacing("\n", Span::new(11, 13));
        unescaped.push_copied("b", 13);
        assert_eq!(unescaped.source_span(1..2), Span::new(11, 13));
        assert_eq!(unescaped.source_span(0..3), Span::new(10, 14));
        assert_eq!(unescaped.source_offset(3), 14);
        let mut slice = MappedText::new();
        slice.push_slice(&unescaped, 1..3);
        assert_eq!(slice.source_span(0..1), Span::new(11, 13));
        assert_eq!(slice.source_span(1..2), Span::new(13, 14));
        // Ranges that are not slices of the text give a span, not a panic.
        assert_eq!(unescaped.source_span(2..40).start, 13);
        let empty = MappedText::empty_at(7);
        assert_eq!(empty.source_span(0..0), Span::empty_at(7));
    }

    #[test]
    fn numbers_read_loosely() {
        let value = |s: &str| Value {
            text: MappedText::verbatim(s, 0),
            span: Span::default(),
        };
        assert_eq!(value("4.0").as_number(), Some(4.0));
        assert_eq!(value(" 8 ").as_number(), Some(8.0));
        assert_eq!(value("2,5").as_number(), Some(2.5));
        assert_eq!(value("big").as_number(), None);
    }
}
