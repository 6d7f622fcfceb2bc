//! One page as a build would write it, for the desk's live preview: every body is rendered
//! (related pages show summaries taken from theirs), then only the page's own template.

use super::bodies;
use super::jobs;
use super::pages::Renderer;
use super::templates::Templates;
use super::views::Views;
use super::RenderOptions;
use crate::diagnostics::Diagnostics;
use crate::load::theme::Theme;
use crate::model::Site;

/// The HTML of the page read from `content_path` (`notices/a.md`), or None when it is not
/// in the site (it failed to read) or a template failed; with the bodies' and templates'
/// diagnostics.
pub fn page(site: &Site, theme: &Theme, content_path: &str) -> (Option<Vec<u8>>, Diagnostics) {
    let (bodies, _, mut diags) = bodies::render_all(site);
    let Some(&i) = site.by_content_path.get(content_path) else {
        return (None, diags);
    };
    let templates = match Templates::new(theme) {
        Ok(t) => t,
        Err(d) => {
            diags.extend(d);
            return (None, diags);
        }
    };
    let views = Views::new(site, theme, &bodies);
    let urgent = views.urgent();
    let renderer = Renderer::new(&views, &templates, &urgent, RenderOptions { serving: true });
    let own = &site.pages[i].path;
    let jobs: Vec<_> = (jobs::page_jobs(&views, i).into_iter())
        .filter(|j| &j.path == own)
        .collect();
    let (files, render_diags) = renderer.render_all(jobs.iter());
    diags.extend(render_diags);
    (files.into_iter().next().map(|f| f.bytes), diags)
}
