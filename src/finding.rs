//! What a rule reports: the second contract between stages, after the backlog model.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::backlog::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a finding says, and about which field: shared by the findings that say the same
/// (a rule's fixed message on a million items is one allocation, not a million).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Words {
    /// What is wrong, quoting the offending text.
    pub message: Box<str>,
    /// What to do about it.
    pub help: Option<Arc<str>>,
    /// The export's name of the field the finding is about, if any.
    pub field: Option<Arc<str>>,
}

/// One violation of one rule by one item (or, for backlog-wide rules, by the backlog).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Arc<str>,
    pub severity: Severity,
    words: Arc<Words>,
    /// Index of the item in [`Backlog::items`](crate::backlog::Backlog::items).
    pub item: usize,
    /// Where in the item's source file the finding points.
    pub span: Span,
    /// The readiness stage whose Definition of Ready set the finding's severity, if one did
    /// (see [`crate::rules::stages`]).
    pub stage: Option<Arc<str>>,
    /// A note on the backlog's convention placed on an example item ("46 of 52 stories say
    /// what, but not why"), not a defect of that item: no stage judges it, and it does not
    /// make the item not ready.
    pub about_backlog: bool,
}

impl Finding {
    /// A finding of `rule` on item `item`, judged by no stage.
    pub fn new(
        rule: Arc<str>,
        severity: Severity,
        words: Arc<Words>,
        item: usize,
        span: Span,
    ) -> Self {
        Finding {
            rule,
            severity,
            words,
            item,
            span,
            stage: None,
            about_backlog: false,
        }
    }

    /// What is wrong, quoting the offending text.
    pub fn message(&self) -> &str {
        &self.words.message
    }

    /// What to do about it.
    pub fn help(&self) -> Option<&str> {
        self.words.help.as_deref()
    }

    /// The export's name of the field the finding is about, if any.
    pub fn field(&self) -> Option<&str> {
        self.words.field.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_finding_is_72_bytes() {
        // Kept for every finding: a million findings are 72 MB (120 bytes each before the
        // words were shared).
        assert_eq!(std::mem::size_of::<Finding>(), 72);
    }
}
