//! Runs rules over every item and collects findings in a stable order.

use std::sync::Arc;

use crate::backlog::Backlog;
use crate::finding::Finding;

use super::check::Hit;
use super::Rule;

/// Runs every rule on every item; findings come sorted by file, position and rule.
pub fn run(backlog: &Backlog, rules: &[Rule]) -> Vec<Finding> {
    let ids: Vec<Arc<str>> = rules.iter().map(|r| Arc::from(r.id.as_str())).collect();
    let mut findings = Vec::new();
    for (index, item) in backlog.items.iter().enumerate() {
        for (rule, id) in rules.iter().zip(&ids) {
            for hit in rule.check.run(item) {
                findings.push(finding(rule, id, index, &item.key, hit));
            }
        }
    }
    findings.sort_by(|a, b| {
        let source = |f: &Finding| backlog.items[f.item].source;
        (source(a), a.span.start, &a.rule, a.span.end).cmp(&(
            source(b),
            b.span.start,
            &b.rule,
            b.span.end,
        ))
    });
    findings
}

fn finding(rule: &Rule, id: &Arc<str>, item: usize, key: &str, hit: Hit) -> Finding {
    let field = hit.field.as_deref().unwrap_or_default();
    let mut vars: Vec<(&str, &str)> = vec![("key", key), ("field", field)];
    vars.extend(hit.vars.iter().map(|(k, v)| (*k, v.as_str())));
    Finding {
        rule: Arc::clone(id),
        severity: rule.severity,
        message: fill(&rule.message, &vars),
        help: Some(fill(&rule.help, &vars)),
        item,
        field: hit.field.map(Arc::from),
        span: hit.span,
    }
}

/// Replaces `{name}` in a template with its value; unknown names stay as written.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let replaced = after.find('}').and_then(|close| {
            let name = &after[..close];
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (v, close))
        });
        match replaced {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_known_names_only() {
        let vars = [("key", "PAN-1"), ("value", "fast")];
        assert_eq!(
            fill("{key} says \"{value}\" {other}", &vars),
            "PAN-1 says \"fast\" {other}"
        );
        assert_eq!(fill("{", &vars), "{");
    }
}
