//! Render: turn the validated [`Site`](crate::model::Site) into files in memory.

pub mod cjk_emphasis;
pub mod context;
pub mod markdown;
pub mod output;
pub mod sanitize;
pub mod search;

pub use output::OutputFile;
