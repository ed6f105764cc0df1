//! What a check sees of one item: the item, the run's settings, and views of its text
//! computed once and shared by every rule (the story sentence, the acceptance criteria).

use std::cell::OnceCell;
use std::sync::Arc;

use jiff::civil::Date;

use crate::backlog::{Field, Item};
use crate::dates::DayMonth;

use super::view::TextRef;
use crate::text::criteria::{self, Found, Vocabulary};
use crate::text::story::{self, Story, StorySource};

/// Settings every check may need, fixed for the run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The day ages are counted from, when given (`--today`, `today` in the configuration);
    /// otherwise each export's newest date (see [`super::ages`]).
    pub today: Option<Date>,
    pub story: story::Options,
    /// Roles the team writes stories for; empty when not configured.
    pub personas: Vec<String>,
    /// The most findings one rule collects on one item; the rest are only counted
    /// ([`crate::rules::engine::Outcome::not_collected`]), so a pattern that matches
    /// everywhere cannot fill the memory (`--max-findings-per-item`).
    pub max_findings_per_item: usize,
    /// What acceptance criteria are found by: headings, Gherkin keywords.
    pub criteria: Arc<Vocabulary>,
}

/// The story sentence of an item and its parts (ranges relative to `text.text()`).
#[derive(Debug, Clone)]
pub struct StoryView<'a> {
    pub text: TextRef<'a>,
    pub story: Story,
}

/// One acceptance criterion and how it was found.
#[derive(Debug, Clone)]
pub struct CriterionView<'a> {
    pub text: TextRef<'a>,
    pub found: Found,
}

/// A check reads the item, its shared views, and of the run's settings only those a
/// method here hands out: the personas and the criteria vocabulary. The day ages count
/// from comes as `ages_from`, already decided per file; the story options and limits are
/// the engine's.
pub struct Context<'a> {
    pub item: &'a Item,
    settings: &'a Settings,
    /// The day the item's ages are counted from; `None` when no rule counts ages in its file.
    pub ages_from: Option<Date>,
    /// Which number of a date like `3/2/2026` is the day, in the item's file.
    pub date_order: DayMonth,
    story: OnceCell<Option<StoryView<'a>>>,
    criteria: OnceCell<Vec<CriterionView<'a>>>,
}

impl<'a> Context<'a> {
    pub fn new(
        item: &'a Item,
        settings: &'a Settings,
        ages_from: Option<Date>,
        date_order: DayMonth,
    ) -> Self {
        Context {
            item,
            settings,
            ages_from,
            date_order,
            story: OnceCell::new(),
            criteria: OnceCell::new(),
        }
    }

    /// Roles the team writes stories for (`personas`); empty when not configured.
    pub fn personas(&self) -> &'a [String] {
        &self.settings.personas
    }

    /// What acceptance criteria are found and judged by: headings, Gherkin keywords.
    pub(crate) fn criteria_vocabulary(&self) -> &'a Vocabulary {
        &self.settings.criteria
    }

    /// The story: the summary when it reads as one, else the description's first line.
    pub fn story(&self) -> Option<&StoryView<'a>> {
        self.story.get_or_init(|| self.find_story()).as_ref()
    }

    fn find_story(&self) -> Option<StoryView<'a>> {
        let summary = self.entry(Field::Summary)?;
        let description = self.entry(Field::Description);
        let (source, story) = story::find(
            summary.text(),
            description.as_ref().map(|d| d.text()),
            &self.settings.story,
        )?;
        let text = match source {
            StorySource::Summary => summary,
            StorySource::DescriptionFirstLine { offset } => {
                let description = description?;
                let rest = description.text().get(offset..)?;
                let line_end = rest.find('\n').unwrap_or(rest.len());
                TextRef {
                    range: offset..offset + line_end,
                    ..description
                }
            }
        };
        Some(StoryView { text, story })
    }

    /// The acceptance criteria: the dedicated field's, else those in the description.
    pub fn criteria(&self) -> &[CriterionView<'a>] {
        self.criteria.get_or_init(|| self.find_criteria())
    }

    fn find_criteria(&self) -> Vec<CriterionView<'a>> {
        let in_field: Vec<CriterionView<'a>> = self
            .item
            .entries
            .iter()
            .filter(|e| e.field == Some(Field::AcceptanceCriteria))
            .flat_map(|e| {
                let whole = TextRef::whole(&e.value, &e.name);
                criteria::in_field(whole.text(), &self.settings.criteria)
                    .into_iter()
                    .map(move |c| CriterionView {
                        text: TextRef {
                            range: c.range,
                            ..whole.clone()
                        },
                        found: Found::Field,
                    })
            })
            .collect();
        if !in_field.is_empty() {
            return in_field;
        }
        let Some(description) = self.entry(Field::Description) else {
            return Vec::new();
        };
        let Some((found, criteria)) =
            criteria::in_description(description.text(), &self.settings.criteria)
        else {
            return Vec::new();
        };
        criteria
            .into_iter()
            .map(|c| CriterionView {
                text: TextRef {
                    range: c.range,
                    ..description.clone()
                },
                found,
            })
            .collect()
    }

    fn entry(&self, field: Field) -> Option<TextRef<'a>> {
        let entry = self.item.entries.iter().find(|e| e.field == Some(field))?;
        Some(TextRef::whole(&entry.value, &entry.name))
    }
}
