//! Load: walk the site's folders, decode each file and split its front matter from its body.
//! Nothing here knows what a field means; that is the model's job.

pub mod decode;
pub mod fields;
pub mod front_matter;
pub mod walk;
pub mod yaml;

pub use front_matter::SourceFile;
pub use walk::{ContentTree, SourceKind};

use crate::diagnostics::Diagnostics;
use std::path::Path;

/// Read and split every Markdown file of the content tree. Files that cannot be read or
/// split are reported and left out; the rest still load so all errors show at once.
pub fn load_sources(root: &Path, tree: &ContentTree) -> (Vec<SourceFile>, Diagnostics) {
    use rayon::prelude::*;
    let results: Vec<front_matter::ReadResult> = tree
        .markdown
        .par_iter()
        .map(|entry| front_matter::read_source(root, entry))
        .collect();
    let mut sources = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::new();
    for r in results {
        match r {
            Ok((source, warnings)) => {
                diags.extend(warnings);
                sources.push(source);
            }
            Err(errors) => diags.extend(errors),
        }
    }
    (sources, diags)
}
