//! The charts, drawn as inline SVG: the share of ready stories as a ring, and horizontal
//! bars for findings per severity and per rule and for ready stories per epic or sprint.
//! Colours come from the page's style sheet (classes), so they follow its print rules.
//! A bar carries the filter it stands for (`data-filter`, `data-value`); the page's script
//! applies it on a click.

use std::fmt::Write;

use super::escape::{escape, truncate};
use super::model::Group;
use crate::report::number;
use crate::report::Health;

const ROW: f64 = 24.0;
const BAR: f64 = 14.0;

/// A chart's drawing: its width in SVG units (about the pixels it gets on a wide screen,
/// so text keeps its size; it scales down on a narrow one) and the room for labels.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: f64,
    pub labels: f64,
    /// Room right of the longest bar for its figure.
    pub figures: f64,
}

impl Frame {
    fn bars_x(self) -> f64 {
        self.labels + 8.0
    }

    fn bar_room(self) -> f64 {
        (self.width - self.bars_x() - self.figures).max(10.0)
    }

    /// How many characters of a label fit, at about 6.6 units per character.
    fn label_chars(self) -> usize {
        ((self.labels / 6.6) as usize).max(4)
    }
}

/// One bar: its label, length, figure, colour class and the filter it applies.
pub struct Bar {
    pub label: String,
    pub value: usize,
    pub figure: String,
    pub class: &'static str,
    pub filter: (&'static str, String),
}

/// The share of ready stories as a ring with the figure inside; an empty grey ring around
/// "n/a" when no story was checked.
pub fn ring(health: Health) -> String {
    let radius = 48.0;
    let circumference = 2.0 * std::f64::consts::PI * radius;
    let ready = circumference * health.percent().unwrap_or(0.0) / 100.0;
    let figure = health.figure();
    let (class, label) = if health.stories == 0 {
        ("ring ring-na", "no stories checked".to_owned())
    } else {
        ("ring", format!("{figure} of stories ready"))
    };
    format!(
        "<svg class=\"{class}\" viewBox=\"0 0 120 120\" role=\"img\" aria-label=\"{label}\">\
         <circle class=\"ring-track\" cx=\"60\" cy=\"60\" r=\"{radius}\" fill=\"none\" stroke-width=\"14\"/>\
         <circle class=\"ring-ready\" cx=\"60\" cy=\"60\" r=\"{radius}\" fill=\"none\" stroke-width=\"14\" \
         stroke-dasharray=\"{ready:.2} {circumference:.2}\" transform=\"rotate(-90 60 60)\"/>\
         <text class=\"ring-figure\" x=\"60\" y=\"62\" text-anchor=\"middle\">{figure}</text>\
         <text class=\"ring-caption\" x=\"60\" y=\"80\" text-anchor=\"middle\">ready</text></svg>"
    )
}

/// The opening tag of a bar chart of `rows` rows.
fn bars_svg_open(title: &str, frame: Frame, rows: usize) -> String {
    let height = ROW * rows as f64 + 4.0;
    format!(
        "<svg class=\"bars\" width=\"{0}\" viewBox=\"0 0 {0} {height}\" role=\"img\" aria-label=\"{1}\">",
        frame.width,
        escape(title)
    )
}

/// Horizontal bars, one row each, scaled to the largest value.
pub(crate) fn bars(title: &str, frame: Frame, rows: &[Bar]) -> String {
    let max = rows.iter().map(|r| r.value).max().unwrap_or(0).max(1) as f64;
    let bars_x = frame.bars_x();
    let mut out = bars_svg_open(title, frame, rows.len());
    for (i, row) in rows.iter().enumerate() {
        let y = ROW * i as f64 + 4.0;
        let length = if row.value == 0 {
            0.0
        } else {
            (frame.bar_room() * row.value as f64 / max).max(2.0)
        };
        let _ = write!(
            out,
            "<g class=\"bar\" data-filter=\"{}\" data-value=\"{}\" tabindex=\"0\" role=\"button\">\
             <title>{}: {}</title>\
             <text class=\"bar-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"{}\" x=\"{bars_x}\" y=\"{y:.1}\" width=\"{length:.1}\" height=\"{BAR}\" rx=\"2\"/>\
             <text class=\"bar-figure\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            row.filter.0,
            escape(&row.filter.1),
            escape(&row.label),
            escape(&row.figure),
            frame.labels,
            y + BAR - 3.0,
            escape(&truncate(&row.label, frame.label_chars())),
            row.class,
            bars_x + length + 6.0,
            y + BAR - 3.0,
            escape(&row.figure),
        );
    }
    out.push_str("</svg>");
    out
}

/// The share of ready stories per group (epic or sprint): full-width bars split into ready
/// and not ready, for the `limit` groups with the most stories, in the groups' order. `kind`
/// names the filter (`epic`, `sprint`).
pub(crate) fn ready_bars(
    title: &str,
    frame: Frame,
    kind: &'static str,
    groups: &[Group],
    limit: usize,
) -> String {
    let mut order: Vec<usize> = (0..groups.len())
        .filter(|&i| groups[i].stories > 0)
        .collect();
    order.sort_by(|&a, &b| groups[b].stories.cmp(&groups[a].stories).then(a.cmp(&b)));
    order.truncate(limit);
    order.sort_unstable();
    let bars_x = frame.bars_x();
    let width = frame.bar_room();
    let mut out = bars_svg_open(title, frame, order.len());
    for (row, &index) in order.iter().enumerate() {
        let group = &groups[index];
        let y = ROW * row as f64 + 4.0;
        let share = group.ready as f64 / group.stories as f64;
        let figure = format!(
            "{} of {} · {:.0}%",
            number(group.ready),
            number(group.stories),
            100.0 * share
        );
        let _ = write!(
            out,
            "<g class=\"bar\" data-filter=\"{kind}\" data-value=\"{index}\" tabindex=\"0\" role=\"button\">\
             <title>{}: {} of {} stories ready</title>\
             <text class=\"bar-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"not-ready\" x=\"{bars_x}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{BAR}\" rx=\"2\"/>\
             <rect class=\"ready\" x=\"{bars_x}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{BAR}\" rx=\"2\"/>\
             <text class=\"bar-figure\" x=\"{:.1}\" y=\"{:.1}\">{figure}</text></g>",
            escape(&group.label),
            number(group.ready),
            number(group.stories),
            frame.labels,
            y + BAR - 3.0,
            escape(&truncate(&group.label, frame.label_chars())),
            width * share,
            bars_x + width + 6.0,
            y + BAR - 3.0,
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_the_export_are_escaped() {
        let frame = Frame {
            width: 480.0,
            labels: 200.0,
            figures: 50.0,
        };
        let svg = bars(
            "Findings",
            frame,
            &[Bar {
                label: "<script>x</script>".into(),
                value: 3,
                figure: "3".into(),
                class: "sev-warning",
                filter: ("rule", "a\"b".into()),
            }],
        );
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("data-value=\"a&quot;b\""), "{svg}");
    }

    #[test]
    fn group_bars_show_the_ready_share_of_the_largest_groups() {
        let group = |label: &str, stories, ready| Group {
            value: Some("x".into()),
            label: label.into(),
            items: stories,
            stories,
            ready,
        };
        let groups = [
            group("Sprint 1", 4, 1),
            group("Sprint 2", 1, 1),
            group("Sprint 3", 8, 8),
        ];
        let frame = Frame {
            width: 400.0,
            labels: 100.0,
            figures: 92.0,
        };
        let svg = ready_bars("Ready", frame, "sprint", &groups, 2);
        assert!(svg.contains(">1 of 4 · 25%</text>"), "{svg}");
        assert!(
            svg.contains("class=\"ready\" x=\"108\" y=\"4.0\" width=\"50.0\""),
            "{svg}"
        );
        assert!(svg.contains(">8 of 8 · 100%</text>"), "{svg}");
        assert!(!svg.contains("Sprint 2"), "only the largest groups: {svg}");
        assert!(
            svg.find("Sprint 1") < svg.find("Sprint 3"),
            "in the groups' order"
        );
    }

    #[test]
    fn the_ring_shows_the_ready_share() {
        let svg = ring(Health {
            stories: 4,
            ready: 1,
        });
        assert!(svg.contains(">25%</text>"), "{svg}");
        assert!(svg.contains("stroke-dasharray=\"75.40 301.59\""), "{svg}");
        let none = ring(Health {
            stories: 0,
            ready: 0,
        });
        assert!(none.contains(">n/a</text>"), "{none}");
        assert!(none.contains("class=\"ring ring-na\""), "{none}");
        assert!(none.contains("stroke-dasharray=\"0.00 301.59\""), "{none}");
    }
}
