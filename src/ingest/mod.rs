//! Reading exports into the [`Backlog`](crate::backlog::Backlog) model.

pub mod adf;
pub mod json_text;
