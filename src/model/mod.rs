//! Model: validated pages, sections and tags, with each page's lifecycle at a given "now".

pub mod date;
pub mod kind;
pub mod slug;

pub use kind::Kind;
