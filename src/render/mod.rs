//! Render: turn the validated [`Site`](crate::model::Site) into output files, each handed to
//! the caller as soon as it is made (`build` writes it, `check` and `serve` keep it).

pub mod bodies;
pub mod cjk_emphasis;
pub mod context;
pub mod feeds;
mod filters;
pub mod headings;
pub mod incremental;
pub mod jobs;
pub mod jsonld;
pub mod links;
pub mod markdown;
pub mod mime;
pub mod output;
pub mod pages;
mod pagination;
pub mod phrases;
pub mod preview;
pub mod qr;
pub mod sanitize;
pub mod search;
pub mod templates;

pub mod views;

pub use output::OutputFile;
pub use pages::RenderOptions;
