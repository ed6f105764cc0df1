//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.
//!
//! A verdict, the health figure, findings per rule, the items with the most findings, and
//! every finding grouped by file and item. GitHub refuses a step summary over 1 MiB, so the
//! list of findings stops before the output passes [`LIMIT`] and says how many it left out.
//!
//! Text from the export (keys, summaries, messages quoting values, file names) is escaped:
//! a summary holding `|` or `<script>` can neither break a table nor inject HTML, and one
//! holding `@team`, `#123`, `owner/repo#3`, `https://…`, `www.…` or `$…$` neither notifies
//! anyone, nor links across repositories, nor renders as a link or math.

use std::fmt::Write;

use super::{number, plural, Report};
use crate::backlog::Field;
use crate::finding::{Finding, Severity};
use crate::rules::docs;

/// The size past which no more findings are listed: 900 KiB, leaving room under GitHub's
/// 1 MiB for the closing line.
pub const LIMIT: usize = 900 * 1024;

/// How many items the "most findings" table lists.
const TOP_ITEMS: usize = 10;
/// Characters of a summary shown in the tables and headings.
const SUMMARY_CHARS: usize = 60;
/// Characters of a key shown (keys come from the export and could be anything).
const KEY_CHARS: usize = 40;

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::from("## backlint\n\n");
    let _ = writeln!(out, "{}\n", verdict(report));
    let health = report.health;
    if health.stories == 0 {
        out.push_str("Health: n/a, no stories were checked\n");
    } else {
        let _ = writeln!(
            out,
            "Health: {} of {} {} ready ({})",
            number(health.ready),
            number(health.stories),
            plural(health.stories, "story", "stories"),
            health.figure()
        );
    }
    if let Some(line) =
        super::readiness::candidates_line(report, |k| escape(&truncate(k, KEY_CHARS)))
    {
        let _ = writeln!(out, "\n{line}");
    }
    if let Some(line) = super::readiness::ready_work_line(report) {
        let _ = writeln!(out, "\n{line}");
    }
    candidates_table(&mut out, report);
    if report.findings.is_empty() {
        return out;
    }
    rules_table(&mut out, report);
    items_table(&mut out, report);
    findings_list(&mut out, report);
    out
}

/// "❌ 3 errors, 12 warnings and 4 notes in 9 items (7 stories)", or "✅ No findings in 40
/// items (12 stories)"; and how many findings the baseline hid.
fn verdict(report: &Report<'_>) -> String {
    let verdict = match report.found() {
        None => format!("✅ No findings in {}", report.checked()),
        Some(found) => {
            let worst = report
                .findings
                .iter()
                .map(|f| f.severity)
                .max()
                .unwrap_or(Severity::Info);
            format!("{} {found}", icon(worst))
        }
    };
    match report.hidden() {
        Some(hidden) => format!("{verdict}; {hidden}"),
        None => verdict,
    }
}

/// The stories the team will pull next (the first readiness stage), in rank order, each
/// ready or with the checks of the Definition of Ready it fails: what sprint planning
/// looks at first. Nothing when no story is a ready candidate.
fn candidates_table(out: &mut String, report: &Report<'_>) {
    let mut verdicts = report.readiness.candidate_verdicts().peekable();
    if verdicts.peek().is_none() {
        return;
    }
    out.push_str(
        "\n### Ready candidates\n\n| Item | Summary | Ready | Lacks |\n|---|---|---|---|\n",
    );
    for verdict in verdicts {
        let summary = report
            .backlog
            .text(verdict.item, Field::Summary)
            .unwrap_or_default();
        let lacks: Vec<String> = verdict
            .failing
            .iter()
            .map(|rule| format!("[{}]({})", escape(rule), docs::url(rule)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&truncate(report.backlog.key(verdict.item), KEY_CHARS)),
            escape(&truncate(&summary, SUMMARY_CHARS)),
            if verdict.is_ready() { "✅" } else { "❌" },
            lacks.join(", ")
        );
    }
}

fn rules_table(out: &mut String, report: &Report<'_>) {
    out.push_str(
        "\n### Findings per rule\n\n| Rule | Severity | Findings | What it finds |\n|---|---|---:|---|\n",
    );
    for (id, severity, count) in report.counts_by_rule() {
        let summary = report.rule(id).map_or("", |r| r.summary.as_str());
        let _ = writeln!(
            out,
            "| [{}]({}) | {} | {count} | {} |",
            escape(id),
            docs::url(id),
            severity,
            escape(summary)
        );
    }
}

fn items_table(out: &mut String, report: &Report<'_>) {
    // Findings per item, and the items in order of their first finding.
    let mut counts = vec![0usize; report.backlog.len()];
    let mut in_order = Vec::new();
    for finding in report.findings {
        if counts[finding.item] == 0 {
            in_order.push(finding.item);
        }
        counts[finding.item] += 1;
    }
    // Stable: items with as many findings keep report order.
    in_order.sort_by_key(|&item| std::cmp::Reverse(counts[item]));
    in_order.truncate(TOP_ITEMS);
    // Their rules in order of first finding: gathered for the shown items only, since a
    // list per item costs more than the report at a million findings.
    let mut rules: Vec<Vec<&str>> = vec![Vec::new(); in_order.len()];
    for finding in report.findings {
        if let Some(at) = in_order.iter().position(|&item| item == finding.item) {
            if !rules[at].contains(&&*finding.rule) {
                rules[at].push(&finding.rule);
            }
        }
    }
    let items = in_order
        .iter()
        .zip(&rules)
        .map(|(&item, rules)| (item, counts[item], rules));
    out.push_str(
        "\n### Items with the most findings\n\n| Item | Summary | Findings | Rules |\n|---|---|---:|---|\n",
    );
    for (index, count, rules) in items {
        let summary = report.backlog.text(index, Field::Summary);
        let _ = writeln!(
            out,
            "| {} | {} | {count} | {} |",
            escape(&truncate(report.backlog.key(index), KEY_CHARS)),
            escape(&truncate(
                summary.as_deref().unwrap_or_default(),
                SUMMARY_CHARS
            )),
            escape(&rules.join(", "))
        );
    }
}

/// Every finding, grouped by file and then item, until the output would pass [`LIMIT`].
fn findings_list(out: &mut String, report: &Report<'_>) {
    out.push_str("\n### Findings\n");
    let grouped = |f: &Finding| (report.file(f), f.item);
    // Report order already groups them: a sorted copy of every finding (for a list cut
    // after a few hundred) only for any other order.
    let in_order: Box<dyn Iterator<Item = &Finding>> = if report.findings.is_sorted_by_key(grouped)
    {
        Box::new(report.findings.iter())
    } else {
        let mut order: Vec<&Finding> = report.findings.iter().collect();
        order.sort_by_key(|f| grouped(f));
        Box::new(order.into_iter())
    };
    let mut file = None;
    let mut item = None;
    let mut listed = 0;
    for finding in in_order {
        let source = report.source(finding);
        let mut chunk = String::new();
        let this_file = report.file(finding);
        if file != Some(this_file) {
            let _ = writeln!(chunk, "\n#### {}", escape(source.name()));
            file = Some(this_file);
            item = None;
        }
        if item != Some(finding.item) {
            let key = report.key(finding);
            let _ = write!(chunk, "\n**{}**", escape(&truncate(key, KEY_CHARS)));
            if let Some(summary) = report.text(finding, Field::Summary) {
                let _ = write!(chunk, " {}", escape(&truncate(&summary, SUMMARY_CHARS)));
            }
            chunk.push_str("\n\n");
            item = Some(finding.item);
        }
        let at = report.location(finding).place;
        let _ = writeln!(
            chunk,
            "- {} {}: {} at {}:{} ([{}]({}))",
            icon(finding.severity),
            escape(&truncate(report.key(finding), KEY_CHARS)),
            escape(&report.message(finding)),
            escape(source.name()),
            at,
            escape(&finding.rule),
            docs::url(&finding.rule)
        );
        if out.len() + chunk.len() > LIMIT {
            break;
        }
        out.push_str(&chunk);
        listed += 1;
    }
    let left_out = report.findings.len() - listed;
    if left_out > 0 {
        let _ = writeln!(
            out,
            "\n_{left_out} more {} not listed, to keep this summary under GitHub's 1 MiB limit: \
             see the SARIF upload or run `backlint check` for all of them._",
            plural(left_out, "finding", "findings")
        );
    }
}

fn icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "❌",
        Severity::Warning => "⚠️",
        Severity::Info => "ℹ️",
    }
}

/// The first `max` characters of `text`, with `…` when cut.
fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

/// Escapes text from the export for Markdown inline content and table cells: Markdown
/// punctuation gets a backslash, `<`, `>` and `&` become entities (no raw HTML), line breaks
/// become spaces (a table row is one line) and other control characters are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        match c {
            // A zero-width space (as an entity) after `@` breaks mentions and e-mail
            // autolinks, after `#` issue references; before `://` and `.` of `www.`, URL
            // autolinks. What people read is unchanged.
            '@' => out.push_str("@&#8203;"),
            '#' if rest.starts_with(|d: char| d.is_ascii_digit()) => out.push_str("#&#8203;"),
            ':' if rest.starts_with("//") => out.push_str("&#8203;:"),
            '.' if text
                .get(i.saturating_sub(3)..i)
                .is_some_and(|w| w.eq_ignore_ascii_case("www")) =>
            {
                out.push_str("&#8203;.")
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("a | <script> *x* [l](u) `c` _u_ \\ &amp;\nz"),
            "a \\| &lt;script&gt; \\*x\\* \\[l\\](u) \\`c\\` \\_u\\_ \\\\ &amp;amp; z"
        );
    }

    #[test]
    fn escape_defuses_mentions_references_autolinks_and_math() {
        assert_eq!(
            escape(
                "@octo-team #12 owner/repo#3 https://evil.example www.evil.example a@b.io $x^2$"
            ),
            "@&#8203;octo-team #&#8203;12 owner/repo#&#8203;3 https&#8203;://evil.example \
             www&#8203;.evil.example a@&#8203;b.io \\$x^2\\$"
        );
        assert_eq!(escape("C# and #hashtag"), "C# and #hashtag");
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("äbcdef", 3), "äbc…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
