//! Which items are checked at all, and which of them are stories.

use crate::backlog::{Field, Item};
use crate::config::Scope;

use super::conditions::contains;

impl Scope {
    /// Whether the item is open: not in a skipped status or status category. Without a
    /// status category, the usual "done" status names count as the Done category.
    pub(crate) fn is_checked(&self, item: &Item) -> bool {
        self.is_open(item.text(Field::Status), item.text(Field::StatusCategory))
    }

    /// [`Scope::is_checked`] from an item's status and status category alone, for passes
    /// that need no more of the item than these.
    pub(crate) fn is_open(&self, status: Option<&str>, category: Option<&str>) -> bool {
        if status.is_some_and(|s| contains(&self.skip_statuses, s)) {
            return false;
        }
        match category {
            Some(category) => !contains(&self.skip_status_categories, category),
            None => {
                let done_category = contains(&self.skip_status_categories, "Done");
                !(done_category && status.is_some_and(|s| contains(&self.done_statuses, s)))
            }
        }
    }

    /// Whether the item is a story: its type is a story type, or it has no type, or (with
    /// `stories_by_summary`) it `reads_as_story` and its type is not one of
    /// `not_story_types`. `reads_as_story` is asked only then: it parses the summary.
    pub(crate) fn is_story(&self, item: &Item, reads_as_story: impl FnOnce() -> bool) -> bool {
        match item.text(Field::IssueType) {
            None => true,
            Some(t) if contains(&self.story_types, t) => true,
            Some(t) => {
                self.stories_by_summary && !contains(&self.not_story_types, t) && reads_as_story()
            }
        }
    }
}
