//! Reading exports into the [`Backlog`](crate::backlog::Backlog) model.

pub mod json_text;
pub mod wiki;
