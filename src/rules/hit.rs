//! What a check reports: a [`Hit`] (where, in which field, the values its message needs),
//! and the smaller [`Place`] backlog-wide checks keep per item until they judge.

use std::sync::Arc;

use crate::backlog::Span;

use super::view::TextRef;

/// What a check found in one item: where, in which field, and values for the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub span: Span,
    pub field: Option<Arc<str>>,
    pub vars: Vec<(&'static str, String)>,
    /// Reported as a note (`info`), whatever the rule's severity: a backlog-wide finding
    /// that describes the team's convention rather than a defect of one story.
    pub as_note: bool,
}

impl Hit {
    /// A hit on a piece of text, naming its field.
    pub fn on(text: &TextRef<'_>, span: Span) -> Self {
        Hit {
            span,
            field: Some(Arc::clone(text.field)),
            vars: Vec::new(),
            as_note: false,
        }
    }

    /// The same hit, reported as a note (see [`Hit::as_note`]).
    pub(crate) fn noted(self) -> Self {
        Hit {
            as_note: true,
            ..self
        }
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.vars.push((name, value.into()));
        self
    }
}

/// Where a hit will point, as backlog-wide checks keep it for every item until they judge:
/// a third of the size of a [`Hit`] (offsets in 32 bits: files are read only up to 4 GiB).
#[derive(Debug, Clone)]
pub struct Place {
    start: u32,
    end: u32,
    field: Arc<str>,
}

impl Place {
    /// A place on a piece of text, naming its field.
    pub fn on(text: &TextRef<'_>, span: Span) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Place {
            start: narrow(span.start),
            end: narrow(span.end),
            field: Arc::clone(text.field),
        }
    }

    pub fn hit(&self) -> Hit {
        Hit {
            span: Span::new(self.start as usize, self.end as usize),
            field: Some(Arc::clone(&self.field)),
            vars: Vec::new(),
            as_note: false,
        }
    }
}
