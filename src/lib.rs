//! bulletin: a static site generator for a police station's notices, guides, FAQs and stories.
//!
//! Data flows one way through four stages, each its own module:
//! [`load`] (walk, decode, split front matter) → [`model`] (validated pages, sections,
//! lifecycle at a given "now") → [`render`] (Markdown, templates, search index, feeds) →
//! [`write`] (atomic swap of the output folder). [`build`], `check`, `serve`, `new` and
//! [`deploy`] are thin drivers over these stages.

// A Diagnostic (file, position, message, hint, source line) is larger than clippy likes in
// an `Err`, but errors are the cold path and carrying them by value keeps every stage simple.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod config;
pub mod deploy;
pub mod desk;
pub mod diagnostics;
pub mod import;
pub mod load;
pub mod model;
pub mod new;
pub mod photos;
pub mod pipeline;
pub mod precompress;
pub mod render;
pub mod schema;
pub mod serve;
pub mod write;
