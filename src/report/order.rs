//! The order in which reports for people list items (`--sort`): what matters first.

use std::cmp::Reverse;
use std::collections::HashMap;

use crate::finding::{Finding, Severity};

/// How the items with findings are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// By the item's most severe finding: errors, then warnings, then notes; items alike
    /// in that keep the export's order.
    #[default]
    Severity,
    /// The export's order.
    Export,
}

/// `findings` (in report order: file, position, rule) grouped by item, the items in
/// `order`. An item's findings keep their order; an item's place in the export is that of
/// its first finding.
pub fn ordered(findings: &[Finding], order: Order) -> Vec<&Finding> {
    // Per item: its most severe finding, and the index of its first.
    let mut items: HashMap<usize, (Severity, usize)> = HashMap::new();
    for (index, finding) in findings.iter().enumerate() {
        let (worst, _) = items
            .entry(finding.item)
            .or_insert((finding.severity, index));
        *worst = (*worst).max(finding.severity);
    }
    let mut ordered: Vec<(usize, &Finding)> = findings.iter().enumerate().collect();
    ordered.sort_by_key(|&(index, finding)| {
        let (worst, first) = items[&finding.item];
        let rank = (order == Order::Severity).then_some(Reverse(worst));
        (rank, first, index)
    });
    ordered.into_iter().map(|(_, finding)| finding).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::backlog::Span;
    use crate::finding::Words;

    fn finding(item: usize, severity: Severity) -> Finding {
        let words = Words {
            message: "".into(),
            help: None,
            field: None,
        };
        Finding::new(
            Arc::from(severity.name()),
            severity,
            Arc::new(words),
            item,
            Span::default(),
        )
    }

    fn items(findings: &[&Finding]) -> Vec<(usize, Severity)> {
        findings.iter().map(|f| (f.item, f.severity)).collect()
    }

    #[test]
    fn items_with_errors_come_first_then_warnings_then_notes() {
        use Severity::{Error, Info, Warning};
        let findings = [
            finding(0, Info),
            finding(1, Warning),
            finding(1, Info),
            finding(2, Info),
            finding(3, Info),
            finding(3, Error),
            finding(4, Warning),
        ];
        assert_eq!(
            items(&ordered(&findings, Order::Severity)),
            [
                (3, Info),
                (3, Error),
                (1, Warning),
                (1, Info),
                (4, Warning),
                (0, Info),
                (2, Info),
            ]
        );
        let export: Vec<(usize, Severity)> =
            findings.iter().map(|f| (f.item, f.severity)).collect();
        assert_eq!(items(&ordered(&findings, Order::Export)), export);
    }

    #[test]
    fn an_item_s_findings_stay_together_in_export_order() {
        // A backlog-wide finding placed on item 0 after item 1's.
        let findings = [
            finding(0, Severity::Info),
            finding(1, Severity::Info),
            finding(0, Severity::Info),
        ];
        assert_eq!(
            items(&ordered(&findings, Order::Export))
                .into_iter()
                .map(|(item, _)| item)
                .collect::<Vec<_>>(),
            [0, 0, 1]
        );
    }
}
