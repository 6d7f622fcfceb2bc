//! The integration tests, one test binary with a module per concern (as ripgrep's): one
//! link of the crate and its dependencies instead of one per file. Each module drives the
//! real `bulletin` binary, a real HTTP server on loopback or a real headless Chromium.
//!
//! Run one concern with a filter: `cargo test --test integration serve::`.

mod common;
mod deploy_support;
mod desk_support;
mod photo_fixtures;
mod serve_support;
mod site_fixture;

mod a11y;
mod build_errors;
mod build_site;
mod check;
mod deploy_folder;
mod deploy_s3;
mod desk;
mod desk_browser;
mod docs;
mod first_visit;
mod fuzz;
mod hostile;
mod import;
mod jsonld;
mod new;
mod photos;
mod search_browser;
mod search_engine;
mod search_parity;
mod serve;
mod serve_browser;
mod serve_hostile;
mod smaller_slips;
mod theme;
mod url_plan;
