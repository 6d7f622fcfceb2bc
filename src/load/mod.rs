//! Load: walk the site's folders, decode each file and split its front matter from its body.
//! Also the theme: its templates, static files and words, read from the built-in copy and
//! the site's `themes/` folder. Nothing here knows what a field means; that is the model's job.

pub mod decode;
pub mod fields;
pub mod front_matter;
pub mod svg;
pub mod theme;
pub mod walk;
pub mod yaml;

pub use front_matter::SourceFile;
pub use walk::{ContentTree, SourceKind};
