//! Output formats. Reports see findings and the backlog model, never CSV or JSON syntax.

pub mod json;
pub mod text;

use crate::backlog::Backlog;
use crate::finding::Finding;

/// Everything a report needs.
pub struct Report<'a> {
    pub backlog: &'a Backlog,
    pub findings: &'a [Finding],
}
