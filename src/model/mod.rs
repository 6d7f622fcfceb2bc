//! Model: validated pages, sections and tags, with each page's lifecycle at a given "now".

pub mod date;
pub mod guide;
pub mod links;
pub mod page;
pub mod plan;
pub mod site;
pub mod skeleton;
pub mod slug;
pub mod urls;

pub use page::{Page, Status};
pub use site::{Section, Site, Tag};
