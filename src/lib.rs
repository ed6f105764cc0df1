//! backlint: a linter for product backlogs.
//!
//! Data flows one way: [`ingest`] reads export files into a [`backlog::Backlog`] whose
//! values keep their spans; rules check items and produce findings; reports render them.

pub mod backlog;
pub mod ingest;
pub mod source;
