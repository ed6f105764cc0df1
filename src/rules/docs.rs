//! A rule's documentation, from its file: the text `backlint explain` prints and the
//! Markdown pages of `docs/rules/`, which `backlint docs` writes and a test keeps current.

use std::fmt::Write;

use super::Rule;

/// Where the rule pages are published; diagnostics and SARIF link there.
pub const DOCS_BASE: &str = "https://github.com/backlint/backlint/blob/main/docs/rules";

pub fn url(id: &str) -> String {
    format!("{DOCS_BASE}/{id}.md")
}

/// The settings a team can change, as `[rules.<id>]` in `backlint.toml` takes them: the
/// severity and the check's options (all of `[check]` but its kind and name).
fn check_toml(rule: &Rule) -> String {
    let mut options = toml::Table::new();
    options.insert(
        "severity".into(),
        toml::Value::String(rule.severity.name().into()),
    );
    for (key, value) in &rule.check_table {
        if key != "kind" && key != "name" {
            options.insert(key.clone(), value.clone());
        }
    }
    let mut rules = toml::Table::new();
    rules.insert(rule.id.clone(), toml::Value::Table(options));
    let mut root = toml::Table::new();
    root.insert("rules".into(), toml::Value::Table(rules));
    toml::to_string_pretty(&root).unwrap_or_default()
}

/// The page of `docs/rules/<id>.md`.
pub fn markdown(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", rule.id);
    let _ = writeln!(out, "{}\n", rule.summary);
    let _ = writeln!(
        out,
        "| category | default severity | enabled by default | applies to |\n|---|---|---|---|\n| {} | {} | {} | {} |\n",
        rule.category,
        rule.severity,
        if rule.enabled { "yes" } else { "no" },
        match rule.applies_to {
            super::definition::AppliesTo::Stories => "stories",
            super::definition::AppliesTo::Items => "every item",
        }
    );
    let _ = writeln!(out, "## Why it matters\n\n{}\n", rule.why.trim());
    let _ = writeln!(
        out,
        "## Example\n\nBad:\n\n```text\n{}\n```\n\nBetter:\n\n```text\n{}\n```\n",
        rule.example.bad, rule.example.good
    );
    let _ = writeln!(
        out,
        "## What to do\n\n{}\n",
        rule.help.replace('{', "<").replace('}', ">")
    );
    let _ = writeln!(
        out,
        "## Options\n\nThe defaults, as `backlint.toml` takes them:\n\n```toml\n{}```\n",
        check_toml(rule)
    );
    if !rule.tests.is_empty() {
        let _ = writeln!(out, "{}", cases(rule));
    }
    let _ = writeln!(
        out,
        "_Generated from `rules/{}.toml` by `backlint docs docs/rules`._",
        rule.id
    );
    out
}

/// The rule file's `[[test]]` cases, which the test suite runs: what is reported and what
/// is not. A case of several items shows its last, which the cases make the telling one.
fn cases(rule: &Rule) -> String {
    let mut out =
        String::from("## Cases\n\nChecked by the test suite (`[[test]]` in the rule file):\n\n");
    for case in &rule.tests {
        let (verdict, items) = match (&case.fail, &case.pass) {
            (Some(items), _) => ("reported", items.items()),
            (None, Some(items)) => ("not reported", items.items()),
            (None, None) => continue,
        };
        let Some(last) = items.last() else {
            continue;
        };
        let cells: Vec<String> = last
            .iter()
            .map(|(column, value)| match value.as_str() {
                "" => format!("{column} empty"),
                value => format!("{column} `{}`", value.replace('`', "'")),
            })
            .collect();
        let among = match items.len() {
            1 => String::new(),
            n => format!(" (the last of {n} items)"),
        };
        let span = case
            .span
            .as_ref()
            .map(|span| format!(", on `{}`", span.replace('`', "'")))
            .unwrap_or_default();
        let _ = writeln!(out, "- **{verdict}**{span}: {}{among}", cells.join(", "));
    }
    out
}

/// The text `backlint explain RULE` prints.
pub fn text(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", rule.id, rule.summary);
    let _ = writeln!(
        out,
        "Category: {}    Severity: {}    Enabled by default: {}\n",
        rule.category,
        rule.severity,
        if rule.enabled { "yes" } else { "no" }
    );
    let _ = writeln!(out, "Why it matters\n\n{}\n", indent(rule.why.trim()));
    let _ = writeln!(
        out,
        "Bad\n\n{}\n\nBetter\n\n{}\n",
        indent(&rule.example.bad),
        indent(&rule.example.good)
    );
    let _ = writeln!(
        out,
        "What to do\n\n{}\n",
        indent(&rule.help.replace('{', "<").replace('}', ">"))
    );
    let _ = writeln!(
        out,
        "Options ([rules.{}] in backlint.toml)\n\n{}",
        rule.id,
        indent(check_toml(rule).trim_end())
    );
    let _ = writeln!(out, "\nDocs: {}", url(&rule.id));
    out
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
