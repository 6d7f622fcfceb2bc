//! Render: turn the validated [`Site`](crate::model::Site) into files in memory.

pub mod output;
pub mod search;

pub use output::OutputFile;
