//! `--format html`: one self-contained page for people who open reports in a browser.
//!
//! A header with the verdict and the backlog's health, charts drawn here as inline SVG
//! (ready stories overall and per epic and sprint, findings per severity and rule), then
//! every checked story, and every other item a finding is about, as a card with each
//! finding on the offending text. A small script filters and sorts the cards; without it
//! the page shows everything. Styles and script are inline and a Content-Security-Policy
//! forbids every request, so the file opens anywhere, offline, and prints.
//!
//! Text from the export is escaped wherever it lands (see [`escape`]); values the script
//! needs go in `data-` attributes, never into the script.

mod charts;
mod csp;
mod escape;
mod field_view;
mod links;
mod model;
mod snippet;
mod story;

use std::fmt::Write;

use self::charts::{Bar, Frame};
use self::escape::escape as esc;
pub use self::links::IssueLinks;
use self::model::{Group, Page};
use super::{number, plural, Band, Report};
use crate::backlog::Field;
use crate::finding::Severity;
use crate::rules::docs;

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/filter.js");

/// Groups a "ready stories per …" chart shows at most.
const CHART_GROUPS: usize = 10;

/// Renders the page; keys link to issues only where the export says where they are.
pub fn render(report: &Report<'_>) -> String {
    render_with(report, IssueLinks::default())
}

/// Renders the page with keys linked as `links` says (`[report] issue_url`).
pub(crate) fn render_with(report: &Report<'_>, links: IssueLinks<'_>) -> String {
    let page = Page::of(report);
    let mut out = String::with_capacity(4096 + 2048 * report.findings.len());
    head(&mut out, report);
    masthead(&mut out, report);
    out.push_str("<main>");
    candidates(&mut out, report);
    overview(&mut out, report, &page);
    list(&mut out, report, &page, links);
    out.push_str("</main>");
    let _ = write!(
        out,
        "<footer class=\"foot\">Made by backlint {} from the files above. Each rule's page \
         explains why it matters and how to fix what it finds.</footer>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn head(out: &mut String, report: &Report<'_>) {
    let health = report.health;
    let files: Vec<&str> = report.backlog.sources.iter().map(|s| s.name()).collect();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"backlint {}\">\n\
         <title>backlint: {} ready · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        csp::policy(STYLE, SCRIPT),
        env!("CARGO_PKG_VERSION"),
        health.figure(),
        esc(&escape::truncate(&files.join(", "), 120)),
    );
}

/// The verdict, the files, and the figures: health, stories, findings, items.
fn masthead(out: &mut String, report: &Report<'_>) {
    let health = report.health;
    let worst = report.findings.iter().map(|f| f.severity).max();
    let _ = write!(
        out,
        "<header class=\"masthead\"><div class=\"wrap\">\
         <p class=\"brand\"><span class=\"logo\">backlint</span> backlog report</p>\
         <h1 class=\"verdict verdict-{}\"><span class=\"verdict-icon\" aria-hidden=\"true\">{}</span>{}</h1>\
         <p class=\"sources\">",
        worst.map_or("clean", Severity::name),
        match worst {
            Some(Severity::Error) => "✖",
            Some(Severity::Warning) => "⚠",
            Some(Severity::Info) => "ℹ",
            None => "✔",
        },
        esc(&verdict(report)),
    );
    for (i, source) in report.backlog.sources.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        let _ = write!(out, "<span class=\"file\">{}</span>", esc(source.name()));
    }
    out.push_str("</p><dl class=\"kpis\">");
    let health_text = if health.stories == 0 {
        "no stories were checked: n/a".to_owned()
    } else {
        format!(
            "{} of {} {} ready: no finding at or above warning",
            number(health.ready),
            number(health.stories),
            plural(health.stories, "story", "stories")
        )
    };
    let band = health.band().map_or("na", Band::name);
    kpi(
        out,
        &format!("kpi-health health-{band}"),
        "Backlog health",
        &health.figure(),
        &health_text,
    );
    kpi(
        out,
        "",
        "Stories checked",
        &number(health.stories),
        &format!(
            "of {} {} in scope",
            number(report.items_checked),
            plural(report.items_checked, "item", "items")
        ),
    );
    let mut with_findings: Vec<usize> = report.findings.iter().map(|f| f.item).collect();
    with_findings.sort_unstable();
    with_findings.dedup();
    kpi(
        out,
        "",
        "Findings",
        &number(report.findings.len()),
        &format!(
            "on {} {}",
            number(with_findings.len()),
            plural(with_findings.len(), "item", "items")
        ),
    );
    kpi(
        out,
        "",
        "Items read",
        &number(report.backlog.len()),
        &format!(
            "from {} {}",
            report.backlog.sources.len(),
            plural(report.backlog.sources.len(), "file", "files")
        ),
    );
    out.push_str("</dl></div></header>\n");
}

fn kpi(out: &mut String, class: &str, name: &str, figure: &str, note: &str) {
    let _ = write!(
        out,
        "<div class=\"kpi {class}\"><dt>{name}</dt><dd class=\"figure\">{figure}</dd>\
         <dd class=\"note\">{note}</dd></div>"
    );
}

/// "3 errors, 12 warnings and 4 notes in 9 items (7 stories)", or "No findings in 40 items
/// (12 stories)"; and how many findings the baseline hid.
fn verdict(report: &Report<'_>) -> String {
    let verdict = report
        .found()
        .unwrap_or_else(|| format!("No findings in {}", report.checked()));
    match report.hidden() {
        Some(hidden) => format!("{verdict}; {hidden}"),
        None => verdict,
    }
}

/// The charts: the ready share, findings per severity and per rule, then ready stories per
/// epic and per sprint.
/// The stories the team will pull next (the ready candidates, in rank order), each ready
/// or with the Definition of Ready rules it fails: what sprint planning looks at first.
/// Nothing when no story is a ready candidate.
fn candidates(out: &mut String, report: &Report<'_>) {
    let Some(count) = report.readiness.candidates().filter(|c| c.stories > 0) else {
        return;
    };
    let _ = write!(
        out,
        "<section class=\"candidates wrap\" aria-labelledby=\"candidates-title\">\
         <h2 id=\"candidates-title\">Ready candidates: {} of {} ready</h2>\
         <table><thead><tr><th>Item</th><th>Summary</th><th>Ready</th><th>Lacks</th></tr></thead><tbody>",
        number(count.ready),
        number(count.stories)
    );
    for verdict in report.readiness.candidate_verdicts() {
        let summary = report
            .backlog
            .text(verdict.item, Field::Summary)
            .unwrap_or_default();
        let (class, mark) = if verdict.is_ready() {
            ("ready", "✔ ready")
        } else {
            ("not-ready", "✖ not ready")
        };
        let _ = write!(
            out,
            "<tr class=\"{class}\"><td class=\"key\">{}</td><td>{}</td><td class=\"verdict-cell\">{mark}</td><td>",
            esc(report.backlog.key(verdict.item)),
            esc(&escape::truncate(&summary, 100)),
        );
        for (i, rule) in verdict.failing.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(
                out,
                "<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
                esc(&docs::url(rule)),
                esc(rule)
            );
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></section>");
}

fn overview(out: &mut String, report: &Report<'_>, page: &Page<'_>) {
    let health = report.health;
    out.push_str(
        "<section class=\"overview wrap\" aria-label=\"Overview\"><div class=\"overview-main\">",
    );
    let _ = write!(
        out,
        "<figure class=\"chart chart-ring\"><figcaption>Ready stories</figcaption>{}\
         <p class=\"chart-note\">A story is ready when it has no finding at or above warning.</p></figure>",
        charts::ring(health)
    );
    if !report.findings.is_empty() {
        let severities: Vec<Bar> = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|severity| Bar {
                label: severity.name().into(),
                value: report.count(severity),
                figure: number(report.count(severity)),
                class: severity_class(severity),
                filter: ("severity", severity.name().into()),
            })
            .collect();
        let title = "Findings per severity";
        let frame = Frame {
            width: 250.0,
            labels: 52.0,
            figures: 50.0,
        };
        chart(
            out,
            "chart-severity",
            title,
            &charts::bars(title, frame, &severities),
            "",
        );
        let rules: Vec<Bar> = report
            .counts_by_rule()
            .into_iter()
            .map(|(id, severity, count)| Bar {
                label: id.into(),
                value: count,
                figure: number(count),
                class: severity_class(severity),
                filter: ("rule", id.into()),
            })
            .collect();
        let title = "Findings per rule";
        let frame = Frame {
            width: 760.0,
            labels: 210.0,
            figures: 50.0,
        };
        let legend =
            "Bars are coloured by the rule's severity: red error, amber warning, blue info. \
                      A click on a bar filters the list.";
        chart(
            out,
            "chart-rules",
            title,
            &charts::bars(title, frame, &rules),
            legend,
        );
    }
    out.push_str("</div>");
    let epics = groups_chart(&page.epics, "epic", "epics");
    let sprints = groups_chart(&page.sprints, "sprint", "sprints");
    if !epics.is_empty() || !sprints.is_empty() {
        let _ = write!(out, "<div class=\"overview-groups\">{epics}{sprints}</div>");
    }
    out.push_str("</section>\n");
}

/// Ready stories per epic or sprint, if the export has any.
fn groups_chart(groups: &[Group], kind: &'static str, kinds: &str) -> String {
    let mut out = String::new();
    if !groups.iter().any(|g| g.value.is_some() && g.stories > 0) {
        return out;
    }
    let with_stories = groups.iter().filter(|g| g.stories > 0).count();
    let note = if with_stories > CHART_GROUPS {
        format!(
            "The {CHART_GROUPS} {kinds} with the most stories, of {}; the filter below lists all.",
            number(with_stories)
        )
    } else {
        String::new()
    };
    let title = format!("Ready stories per {kind}");
    let frame = Frame {
        width: 520.0,
        labels: 170.0,
        figures: 116.0,
    };
    chart(
        &mut out,
        &format!("chart-{kind}"),
        &title,
        &charts::ready_bars(&title, frame, kind, groups, CHART_GROUPS),
        &note,
    );
    out
}

fn chart(out: &mut String, class: &str, title: &str, svg: &str, note: &str) {
    let _ = write!(
        out,
        "<figure class=\"chart {class}\"><figcaption>{title}</figcaption>{svg}"
    );
    if !note.is_empty() {
        let _ = write!(out, "<p class=\"chart-note\">{}</p>", esc(note));
    }
    out.push_str("</figure>");
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// The filters (hidden until the script shows them) and the cards.
fn list(out: &mut String, report: &Report<'_>, page: &Page<'_>, links: IssueLinks<'_>) {
    let stories = page.cards.iter().filter(|c| c.story).count();
    let others = page.cards.len() - stories;
    let mut count = format!(
        "{} {}",
        number(stories),
        plural(stories, "story", "stories")
    );
    if others > 0 {
        let _ = write!(
            count,
            " and {} other {} with findings",
            number(others),
            plural(others, "item", "items")
        );
    }
    let _ = write!(
        out,
        "<section class=\"list wrap\" aria-labelledby=\"list-title\">\
         <div class=\"list-head\"><h2 id=\"list-title\">Stories</h2>\
         <p class=\"list-count\" id=\"count\" data-all=\"{count}\">{count}</p></div>"
    );
    controls(out, report, page);
    out.push_str("<div id=\"cards\" class=\"cards\">\n");
    let links = links.for_items(page.cards.iter().map(|card| &*card.item));
    for card in &page.cards {
        story::push(out, report, page, card, links);
    }
    out.push_str(
        "</div><p id=\"empty\" class=\"empty\" hidden>No item matches these filters.</p></section>\n",
    );
}

fn controls(out: &mut String, report: &Report<'_>, page: &Page<'_>) {
    out.push_str("<form id=\"controls\" class=\"controls\" role=\"search\" hidden>");
    let rules: Vec<(String, String)> = report
        .counts_by_rule()
        .into_iter()
        .map(|(id, _, n)| (id.to_owned(), format!("{id} ({})", number(n))))
        .collect();
    select(out, "rule", "Rule", "All rules", &rules);
    let severities: Vec<(String, String)> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| {
            (
                s.name().to_owned(),
                format!("{} ({})", s.name(), number(report.count(s))),
            )
        })
        .collect();
    select(out, "severity", "Severity", "Any severity", &severities);
    let readiness = [
        ("needs-work".to_owned(), "Needs work".to_owned()),
        ("ready".to_owned(), "Ready".to_owned()),
        ("other".to_owned(), "Not stories".to_owned()),
    ];
    select(out, "state", "Readiness", "All items", &readiness);
    for (name, label, all, groups) in [
        ("status", "Status", "All statuses", &page.statuses),
        ("epic", "Epic", "All epics", &page.epics),
        ("sprint", "Sprint", "All sprints", &page.sprints),
    ] {
        if groups.iter().all(|g| g.value.is_none()) {
            continue;
        }
        let options: Vec<(String, String)> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                (
                    i.to_string(),
                    format!("{} ({})", escape::truncate(&g.label, 60), number(g.items)),
                )
            })
            .collect();
        select(out, name, label, all, &options);
    }
    out.push_str(
        "<label class=\"search\"><span>Search</span><input type=\"search\" name=\"q\" \
         placeholder=\"Key, summary, finding, text\" autocomplete=\"off\"></label>",
    );
    let sorts = [
        ("most".to_owned(), "Most findings first".to_owned()),
        ("fewest".to_owned(), "Fewest findings first".to_owned()),
    ];
    select(out, "sort", "Sort", "Export order", &sorts);
    out.push_str("<button type=\"reset\">Clear</button></form>");
}

/// A `<select>` whose first option, `all`, has the empty value.
fn select(out: &mut String, name: &str, label: &str, all: &str, options: &[(String, String)]) {
    let _ = write!(
        out,
        "<label><span>{label}</span><select name=\"{name}\"><option value=\"\">{all}</option>"
    );
    for (value, text) in options {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            esc(value),
            esc(text)
        );
    }
    out.push_str("</select></label>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_and_style_cannot_end_their_element_early() {
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
    }
}
