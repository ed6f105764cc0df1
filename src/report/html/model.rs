//! What the page shows, gathered once from the report: the items listed (every checked
//! story, and any other item a finding is about), their findings, and the statuses, epics
//! and sprints the filters offer and the charts group by.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

use crate::backlog::{Field, Item};
use crate::finding::{Finding, Severity};
use crate::report::Report;

/// The listed items and the groups they fall in.
pub struct Page<'a> {
    pub cards: Vec<Card<'a>>,
    pub statuses: Vec<Group>,
    pub epics: Vec<Group>,
    pub sprints: Vec<Group>,
}

/// One listed item.
pub struct Card<'a> {
    pub item: Cow<'a, Item>,
    /// Whether it is a checked story (other items are listed for their findings).
    pub story: bool,
    /// In report order: by position in the file, then rule.
    pub findings: Vec<&'a Finding>,
    /// Indices into [`Page::statuses`], [`Page::epics`] and [`Page::sprints`].
    pub status: usize,
    pub epic: usize,
    pub sprint: usize,
}

impl Card<'_> {
    /// A checked story with no finding at or above warning.
    pub fn ready(&self) -> bool {
        self.story && self.findings.iter().all(|f| f.severity < Severity::Warning)
    }
}

/// A status, epic or sprint: its value in the export (`None` for items without one), what
/// the page calls it, and how many listed items, stories and ready stories it has.
pub struct Group {
    pub value: Option<String>,
    pub label: String,
    pub items: usize,
    pub stories: usize,
    pub ready: usize,
}

/// Which group of one kind an item falls in, and what an item without one is called.
struct Grouping {
    groups: Vec<Group>,
    index: HashMap<String, usize>,
    /// The group of items without a value, once there is one.
    without: Option<usize>,
    none: &'static str,
}

impl Grouping {
    fn new(none: &'static str) -> Self {
        Grouping {
            groups: Vec::new(),
            index: HashMap::new(),
            without: None,
            none,
        }
    }

    /// The group of `value`; `label` names a new group.
    fn add(&mut self, value: Option<&str>, label: impl FnOnce() -> String) -> usize {
        let known = match value {
            Some(value) => self.index.get(value).copied(),
            None => self.without,
        };
        if let Some(index) = known {
            return index;
        }
        let next = self.groups.len();
        match value {
            Some(value) => {
                self.index.insert(value.to_owned(), next);
            }
            None => self.without = Some(next),
        }
        self.groups.push(Group {
            value: value.map(str::to_owned),
            label: value.map_or_else(|| self.none.to_owned(), |_| label()),
            items: 0,
            stories: 0,
            ready: 0,
        });
        next
    }

    /// The groups in natural order of their labels, those without a value last, and each
    /// old index's new place.
    fn sorted(self) -> (Vec<Group>, Vec<usize>) {
        let mut order: Vec<usize> = (0..self.groups.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.groups[a], &self.groups[b]);
            a.value
                .is_none()
                .cmp(&b.value.is_none())
                .then_with(|| natural(&a.label, &b.label))
        });
        let mut place = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            place[old] = new;
        }
        let mut slots: Vec<Option<Group>> = self.groups.into_iter().map(Some).collect();
        let groups = order.iter().filter_map(|&old| slots[old].take()).collect();
        (groups, place)
    }
}

impl<'a> Page<'a> {
    pub fn of(report: &Report<'a>) -> Self {
        let items = report.backlog.len();
        let mut findings: Vec<Vec<&'a Finding>> = vec![Vec::new(); items];
        for finding in report.findings {
            if let Some(list) = findings.get_mut(finding.item) {
                list.push(finding);
            }
        }
        let mut story = vec![false; items];
        for &index in report.stories {
            if let Some(slot) = story.get_mut(index) {
                *slot = true;
            }
        }
        let mut statuses = Grouping::new("(no status)");
        let mut epics = Grouping::new("(no epic)");
        let mut sprints = Grouping::new("(no sprint)");
        let mut cards = Vec::new();
        for index in 0..items {
            if !story[index] && findings[index].is_empty() {
                continue;
            }
            let item = report.backlog.item(index);
            let status = item.text(Field::Status);
            let epic = item.text(Field::Parent);
            // Jira lists an item's sprints oldest first: the last is the one it is in.
            let sprint = item.all(Field::Sprint).last().map(|v| v.as_str());
            let status = statuses.add(status, || status.unwrap_or_default().to_owned());
            let epic = epics.add(epic, || epic_label(&item));
            let sprint = sprints.add(sprint, || sprint.unwrap_or_default().to_owned());
            cards.push(Card {
                item,
                story: story[index],
                findings: std::mem::take(&mut findings[index]),
                status,
                epic,
                sprint,
            });
        }
        let (statuses, status_place) = statuses.sorted();
        let (epics, epic_place) = epics.sorted();
        let (sprints, sprint_place) = sprints.sorted();
        let mut page = Page {
            cards,
            statuses,
            epics,
            sprints,
        };
        for card in &mut page.cards {
            card.status = status_place[card.status];
            card.epic = epic_place[card.epic];
            card.sprint = sprint_place[card.sprint];
        }
        page.count();
        page
    }

    /// Fills in the counts of every group.
    fn count(&mut self) {
        for card in &self.cards {
            let ready = card.ready();
            for group in [
                &mut self.statuses[card.status],
                &mut self.epics[card.epic],
                &mut self.sprints[card.sprint],
            ] {
                group.items += 1;
                group.stories += usize::from(card.story);
                group.ready += usize::from(ready);
            }
        }
    }
}

/// `Checkout (PAN-1)`, or the parent's key alone when the export gives no summary.
fn epic_label(item: &Item) -> String {
    let key = item.text(Field::Parent).unwrap_or_default();
    match item.text(Field::ParentSummary).map(str::trim) {
        Some(summary) if !summary.is_empty() => format!("{summary} ({key})"),
        _ => key.to_owned(),
    }
}

/// Compares labels with runs of digits as numbers (`Sprint 9` before `Sprint 10`) and
/// letters regardless of case, then exactly.
pub(crate) fn natural(a: &str, b: &str) -> Ordering {
    natural_caseless(a, b).then_with(|| a.cmp(b))
}

fn natural_caseless(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
            return a.len().cmp(&b.len());
        };
        let ordering = if x.is_ascii_digit() && y.is_ascii_digit() {
            let (da, ra) = split_digits(a);
            let (db, rb) = split_digits(b);
            a = ra;
            b = rb;
            let (da, db) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
            da.len().cmp(&db.len()).then_with(|| da.cmp(db))
        } else {
            a = &a[x.len_utf8()..];
            b = &b[y.len_utf8()..];
            x.to_lowercase().cmp(y.to_lowercase())
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
}

fn split_digits(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_labels_sort_as_numbers() {
        let mut labels = vec!["Sprint 10", "sprint 2", "Sprint 9", "Backlog", "Sprint 09a"];
        labels.sort_by(|a, b| natural(a, b));
        assert_eq!(
            labels,
            ["Backlog", "sprint 2", "Sprint 9", "Sprint 09a", "Sprint 10"]
        );
    }
}
