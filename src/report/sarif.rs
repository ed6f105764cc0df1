//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning (`upload-sarif`) accepts it.
//!
//! One run; `tool.driver.rules` describes every rule that ran (summary, why, example, what
//! to do, docs link); each result points at one region of one file. Columns count Unicode
//! code points (`columnKind`), as backlint's positions do; `endColumn` is exclusive.
//!
//! Artifact URIs are relative to the repository root the caller passes, so GitHub can
//! place the results on the files of the commit. Each result carries a
//! `partialFingerprints` entry built from the item key, the rule and the offending text, so
//! an alert keeps its identity when rows are reordered or other fields change.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::{json_array, percent, Report};
use crate::finding::{Finding, Severity};
use crate::rules::{docs, Rule};
use crate::source::Place;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of backlint's entry in `partialFingerprints`; bump the version if the hashed
/// input ever changes, so old and new alerts are not confused.
pub const FINGERPRINT_KEY: &str = "backlintFingerprint/v1";

/// Snippets longer than this are left out: a region is shown from the file anyway, and a
/// whole multi-line description per result would bloat the upload.
const MAX_SNIPPET_BYTES: usize = 256;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    /// Filled as the log is written (see [`write`]).
    results: [(); 0],
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor<'a>>,
}

/// A `reportingDescriptor`: one rule.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help>,
    help_uri: String,
    default_configuration: Configuration,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties<'a> {
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: OwnedText,
    locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// The readiness stage whose Definition of Ready set the level, when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<StageProperty<'a>>,
}

#[derive(Serialize)]
struct StageProperty<'a> {
    stage: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
    /// The cell, in a workbook, whose rows and columns the region's lines and columns are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: Region<'a>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<'a>>,
}

/// SARIF's name for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Renders the report as a SARIF log. `root` is the repository root: file names inside it
/// become URIs relative to it.
pub fn render(report: &Report<'_>, root: Option<&Path>) -> String {
    let mut out = Vec::new();
    // Writing to memory fails only if serialising fails, which these types never do.
    let _ = write(report, root, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the SARIF log to `out` (buffered); the results are rendered on every core as
/// they are written (see [`json_array`]).
pub fn write(report: &Report<'_>, root: Option<&Path>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut rules: Vec<Descriptor<'_>> = report.rules.iter().map(descriptor).collect();
    // Findings of a rule missing from `report.rules` (only a hand-built report has them)
    // still get a descriptor, so every `ruleIndex` points at its rule.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, rule) in report.rules.iter().enumerate() {
        index.entry(rule.id.as_str()).or_insert(i);
    }
    for finding in report.findings {
        if !index.contains_key(&*finding.rule) {
            index.insert(&finding.rule, rules.len());
            rules.push(bare_descriptor(finding));
        }
    }
    let root = root.map(Root::new);
    let uris: Vec<String> = report
        .backlog
        .sources
        .iter()
        .map(|source| artifact_uri_in(source.name(), root.as_ref()))
        .collect();
    // The same text flagged twice in one item is told apart by its occurrence: counted in
    // report order, before the results are rendered in parallel.
    let hashes: Vec<u64> = report
        .findings
        .par_iter()
        .map(|finding| fingerprint(report.key(finding), &finding.rule, flagged(report, finding)))
        .collect();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let occurrences: Vec<usize> = hashes
        .iter()
        .map(|&hash| {
            let count = seen.entry(hash).or_insert(0);
            *count += 1;
            *count
        })
        .collect();
    drop(seen);
    let result = |i: usize| {
        let finding = &report.findings[i];
        SarifResult {
            rule_id: &finding.rule,
            rule_index: index.get(&*finding.rule).copied().unwrap_or_default(),
            level: level(finding.severity),
            message: OwnedText {
                text: format!("{}: {}", report.key(finding), report.message(finding)),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uris[report.file(finding)].clone(),
                    },
                    region: region(report, finding, flagged(report, finding)),
                },
                logical_locations: match report.location(finding).place {
                    Place::Cell(cell) => vec![LogicalLocation {
                        fully_qualified_name: cell.to_string(),
                    }],
                    Place::Text(_) => Vec::new(),
                },
            }],
            partial_fingerprints: BTreeMap::from([(
                FINGERPRINT_KEY,
                format!("{:016x}:{}", hashes[i], occurrences[i]),
            )]),
            properties: finding
                .stage
                .as_deref()
                .map(|stage| StageProperty { stage }),
        }
    };
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "backlint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules,
                },
            },
            results: [],
            column_kind: "unicodeCodePoints",
        }],
    };
    json_array::write_filled(out, &log, "results", report.findings.len(), result)
}

/// The text a finding points at.
fn flagged<'a>(report: &Report<'a>, finding: &Finding) -> &'a str {
    report
        .source(finding)
        .text()
        .get(finding.span.start..finding.span.end)
        .unwrap_or_default()
}

fn descriptor(rule: &Rule) -> Descriptor<'_> {
    Descriptor {
        id: &rule.id,
        name: pascal_case(&rule.id),
        short_description: Some(Text {
            text: &rule.summary,
        }),
        full_description: Some(Text {
            text: rule.why.trim(),
        }),
        help: Some(help(rule)),
        help_uri: docs::url(&rule.id),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: Some(Properties {
            tags: vec![&rule.category],
        }),
    }
}

fn bare_descriptor(finding: &Finding) -> Descriptor<'_> {
    Descriptor {
        id: &finding.rule,
        name: pascal_case(&finding.rule),
        short_description: None,
        full_description: None,
        help: None,
        help_uri: docs::url(&finding.rule),
        default_configuration: Configuration {
            level: level(finding.severity),
        },
        properties: None,
    }
}

/// The rule's help: why it matters, an example, and what to do, as plain text and as the
/// Markdown GitHub shows in an alert's "Show more".
fn help(rule: &Rule) -> Help {
    // `{value}` and friends are filled in per finding; here they stand for "the value".
    let what_to_do = rule.help.replace('{', "<").replace('}', ">");
    let text = format!(
        "{}\n\nBad: {}\nBetter: {}\n\nWhat to do: {}\n\nDocs: {}",
        rule.why.trim(),
        rule.example.bad,
        rule.example.good,
        what_to_do,
        docs::url(&rule.id)
    );
    let markdown = format!(
        "{}\n\n## Example\n\nBad:\n\n```text\n{}\n```\n\nBetter:\n\n```text\n{}\n```\n\n## What to do\n\n{}\n\n[Documentation of {}]({})",
        rule.why.trim(),
        rule.example.bad,
        rule.example.good,
        what_to_do.replace('<', "&lt;").replace('>', "&gt;"),
        rule.id,
        docs::url(&rule.id)
    );
    Help { text, markdown }
}

/// `missing-priority` → `MissingPriority`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The region of a finding. Columns are 1-based code points and `endColumn` is exclusive.
fn region<'a>(report: &Report<'_>, finding: &Finding, text: &'a str) -> Region<'a> {
    let at = report.location(finding);
    let (start, mut end) = (at.start, at.end);
    if finding.span.is_empty() {
        // An empty region is legal SARIF but GitHub shows nothing for it: mark one column.
        end.column = start.column + 1;
    } else if end.line > start.line && end.column == 1 {
        // A span that ends with a line break ends at the end of that line, not at the
        // start of the next one.
        let source = report.source(finding);
        end = source.place(finding.span.end - 1).position();
    }
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        snippet: (!text.is_empty() && text.len() <= MAX_SNIPPET_BYTES).then_some(Text { text }),
    }
}

/// FNV-1a, 64 bits, over `key`, `rule` and `text` separated by NUL bytes.
///
/// Deliberately independent of row numbers, lines and other fields, so an alert keeps its
/// identity when the export is re-sorted or another column changes. The same text flagged
/// twice in one item is told apart by the occurrence number appended to the hash.
pub fn fingerprint(key: &str, rule: &str, text: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let parts = [
        key.as_bytes(),
        b"\0",
        rule.as_bytes(),
        b"\0",
        text.as_bytes(),
    ];
    for byte in parts.into_iter().flatten() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

/// The repository root, absolute and (where possible) with symbolic links resolved.
struct Root {
    canonical: Option<PathBuf>,
    lexical: PathBuf,
}

impl Root {
    fn new(root: &Path) -> Self {
        let lexical = absolute(root);
        Root {
            canonical: std::fs::canonicalize(&lexical).ok(),
            lexical,
        }
    }

    /// `path` relative to the root, if it lies inside it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let lexical = absolute(path);
        if let (Some(root), Ok(file)) = (&self.canonical, std::fs::canonicalize(&lexical)) {
            if let Ok(rest) = file.strip_prefix(root) {
                return Some(rest.to_path_buf());
            }
        }
        lexical
            .strip_prefix(&self.lexical)
            .ok()
            .map(Path::to_path_buf)
    }
}

/// `path` made absolute against the current directory, with `.` and `..` resolved
/// lexically (the file need not exist).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The `artifactLocation.uri` of a file name as the report shows it.
///
/// Inside `root`: the path relative to it. Otherwise a relative name stays as given and an
/// absolute one becomes a `file://` URI. Segments are joined with `/` and every byte other
/// than an unreserved URI character is percent-encoded.
pub fn artifact_uri(name: &str, root: Option<&Path>) -> String {
    artifact_uri_in(name, root.map(Root::new).as_ref())
}

fn artifact_uri_in(name: &str, root: Option<&Root>) -> String {
    let path = Path::new(name);
    if let Some(relative) = root.and_then(|root| root.relative(path)) {
        return join_segments(&relative);
    }
    if path.is_absolute() {
        return format!("file://{}", join_segments(&absolute(path)));
    }
    join_segments(path)
}

/// The path's segments, percent-encoded and joined with `/` (a leading `/` when absolute).
fn join_segments(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        match component {
            Component::CurDir => continue,
            Component::RootDir => {
                out.push('/');
                continue;
            }
            Component::Prefix(prefix) => {
                // A Windows drive (`C:`) or UNC prefix: `file:///C:/…`.
                out.push('/');
                let prefix = percent::encode(&prefix.as_os_str().to_string_lossy());
                out.push_str(&prefix.replace("%3A", ":"));
                continue;
            }
            Component::ParentDir => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str("..");
            }
            Component::Normal(segment) => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&percent::encode(&segment.to_string_lossy()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_joins_words() {
        assert_eq!(pascal_case("missing-priority"), "MissingPriority");
        assert_eq!(pascal_case("story-format"), "StoryFormat");
        assert_eq!(pascal_case("x"), "X");
    }

    #[test]
    fn fnv1a_matches_reference_values() {
        // FNV-1a 64 of "" is the offset basis; of "a" the published test vector.
        let raw = |bytes: &[u8]| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for b in bytes {
                hash ^= u64::from(*b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
            hash
        };
        assert_eq!(raw(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fingerprint("K", "r", "t"), raw(b"K\0r\0t"));
    }

    #[test]
    fn uris_are_relative_to_the_root_and_encoded() {
        let root = Path::new("/repo");
        assert_eq!(
            artifact_uri("/repo/exports/a b,c.csv", Some(root)),
            "exports/a%20b%2Cc.csv"
        );
        assert_eq!(
            artifact_uri("/repo/./x/../exports/ü#1.csv", Some(root)),
            "exports/%C3%BC%231.csv"
        );
        assert_eq!(
            artifact_uri("/elsewhere/a.csv", Some(root)),
            "file:///elsewhere/a.csv"
        );
        assert_eq!(artifact_uri("./dir/a b.csv", None), "dir/a%20b.csv");
        assert_eq!(artifact_uri("../up.csv", None), "../up.csv");
    }
}
