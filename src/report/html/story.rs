//! One listed item as a card: its key (a link to the issue where one is known), summary and
//! facts, and every finding on the text of its field, the rule's help and a link to the
//! rule's page. The filters read the `data-` attributes; everything else is
//! plain HTML, readable without the script.

use std::fmt::Write;

use super::escape::{escape, push as push_escaped, truncate};
use super::field_view;
use super::links::IssueLinks;
use super::model::{Card, Page};
use crate::backlog::{Field, Item};
use crate::finding::{Finding, Severity};
use crate::report::{plural, Report};
use crate::rules::docs;

/// Characters of a key shown (keys come from the export and could be anything).
const KEY_CHARS: usize = 40;
/// Characters of a summary shown; Jira itself stops at 255.
const SUMMARY_CHARS: usize = 300;

pub fn push(
    out: &mut String,
    report: &Report<'_>,
    page: &Page<'_>,
    card: &Card<'_>,
    links: IssueLinks<'_>,
) {
    open_article(out, card);
    out.push_str("<header class=\"card-head\"><h3 class=\"card-title\">");
    let key = escape(&truncate(&card.item.key, KEY_CHARS));
    match links.url_in(report.backlog, &card.item) {
        Some(url) => {
            let _ = write!(
                out,
                "<a class=\"key\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{key}</a>",
                escape(&url)
            );
        }
        None => {
            let _ = write!(out, "<span class=\"key\">{key}</span>");
        }
    }
    match card.item.text(Field::Summary) {
        Some(summary) => {
            out.push_str("<span class=\"summary\">");
            push_escaped(out, &truncate(summary, SUMMARY_CHARS));
            out.push_str("</span>");
        }
        None => out.push_str("<span class=\"summary none\">(no summary)</span>"),
    }
    out.push_str("</h3>");
    tally(out, card);
    out.push_str("</header>");
    facts(out, page, card);
    if !card.findings.is_empty() {
        out.push_str("<ol class=\"findings\">");
        for finding in &card.findings {
            push_finding(out, report, &card.item, finding);
        }
        out.push_str("</ol>");
    }
    out.push_str("</article>\n");
}

/// `<article>` with what the filters need: rules, severities, groups, counts.
fn open_article(out: &mut String, card: &Card<'_>) {
    let mut rules: Vec<&str> = card.findings.iter().map(|f| &*f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    let mut severities: Vec<&str> = card.findings.iter().map(|f| f.severity.name()).collect();
    severities.sort_unstable();
    severities.dedup();
    let state = match (card.story, card.ready()) {
        (false, _) => "other",
        (true, true) => "ready",
        (true, false) => "needs-work",
    };
    let _ = write!(
        out,
        "<article class=\"card {state}\" data-rules=\"{}\" data-sev=\"{}\" data-status=\"{}\" \
         data-epic=\"{}\" data-sprint=\"{}\" data-n=\"{}\" data-state=\"{state}\">",
        escape(&rules.join(" ")),
        severities.join(" "),
        card.status,
        card.epic,
        card.sprint,
        card.findings.len()
    );
}

/// `Ready`, or the findings by severity: `1 error · 2 warnings`.
fn tally(out: &mut String, card: &Card<'_>) {
    if card.findings.is_empty() {
        out.push_str("<span class=\"tally ok\">Ready</span>");
        return;
    }
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "note", "notes"),
    ]
    .into_iter()
    .filter_map(|(severity, one, many)| {
        let n = card
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count();
        (n > 0).then(|| format!("{n} {}", plural(n, one, many)))
    })
    .collect();
    let worst = card
        .findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Info);
    let ready = if card.ready() { " · ready" } else { "" };
    let _ = write!(
        out,
        "<span class=\"tally sev-{}\">{}{ready}</span>",
        worst.name(),
        parts.join(" · ")
    );
}

/// Type, status, priority, estimate, epic and sprint, those the export gives.
fn facts(out: &mut String, page: &Page<'_>, card: &Card<'_>) {
    let item = &card.item;
    let mut facts: Vec<(&str, String)> = Vec::new();
    for (name, field) in [
        ("Type", Field::IssueType),
        ("Status", Field::Status),
        ("Priority", Field::Priority),
        ("Estimate", Field::Estimate),
    ] {
        if let Some(text) = item.text(field) {
            facts.push((name, escape(&truncate(text, 60))));
        }
    }
    if let Some(epic) = page.epics.get(card.epic).filter(|g| g.value.is_some()) {
        facts.push(("Epic", escape(&truncate(&epic.label, 80))));
    }
    if let Some(sprint) = page.sprints.get(card.sprint).filter(|g| g.value.is_some()) {
        facts.push(("Sprint", escape(&truncate(&sprint.label, 60))));
    }
    if !card.story {
        facts.push(("Scope", "not a story, listed for its findings".into()));
    }
    if facts.is_empty() {
        return;
    }
    out.push_str("<dl class=\"facts\">");
    for (name, value) in facts {
        let _ = write!(out, "<div><dt>{name}</dt><dd>{value}</dd></div>");
    }
    out.push_str("</dl>");
}

fn push_finding(out: &mut String, report: &Report<'_>, item: &Item, finding: &Finding) {
    let severity = finding.severity.name();
    let rule = escape(&finding.rule);
    let url = escape(&docs::url(&finding.rule));
    let _ = write!(
        out,
        "<li class=\"finding sev-{severity}\" data-rule=\"{rule}\" data-sev=\"{severity}\">\
         <div class=\"finding-head\"><span class=\"sev\">{severity}</span>\
         <a class=\"rule\" href=\"{url}\" target=\"_blank\" rel=\"noopener noreferrer\">{rule}</a>\
         <span class=\"message\">"
    );
    push_escaped(out, &report.message(finding));
    out.push_str("</span></div><figure class=\"context\"><figcaption>");
    let source = report.source(finding);
    let at = report.location(finding).place;
    let _ = write!(out, "{}:{}", escape(source.name()), escape(&at.to_string()));
    if let Some(field) = finding.field() {
        let _ = write!(out, " · <span class=\"field\">{}</span>", escape(field));
    }
    out.push_str("</figcaption>");
    field_view::push(out, item, finding, source);
    out.push_str("</figure><p class=\"help\">");
    if let Some(help) = finding.help() {
        push_escaped(out, help);
        out.push(' ');
    }
    let _ = write!(
        out,
        "<a href=\"{url}\" target=\"_blank\" rel=\"noopener noreferrer\">About {rule} ↗</a></p></li>"
    );
}
