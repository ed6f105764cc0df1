//! The rule catalog and the engine that runs it over a backlog.

pub mod ages;
pub mod builtin;
pub mod case;
pub mod catalog;
pub mod check;
pub mod conditions;
pub mod context;
pub mod definition;
pub mod did_you_mean;
pub mod docs;
pub mod engine;
pub mod hit;
pub mod kinds;
pub mod linter;
pub mod pool;
pub mod ranks;
pub mod readiness;
pub mod scope;
pub mod selection;
pub mod sprints;
pub mod stages;
pub mod suppression;
pub mod view;

pub use definition::Rule;
