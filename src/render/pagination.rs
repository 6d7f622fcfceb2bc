//! Splitting a list of pages (a section, the archive, a tag) into pages of its own, each
//! with the pager that links the others.

use super::context::{Link, Paginator};
use super::views::Views;
use crate::model::plan::ListPlan;

/// One page of a paginated list.
pub(super) struct ListPage {
    pub path: String,
    /// The pages it lists.
    pub items: Vec<usize>,
    /// None when the whole list fits on one page.
    pub paginator: Option<Paginator>,
}

/// A planned list, each of its pages with the pager linking the others.
pub(super) fn paginate(views: &Views, list: &ListPlan) -> Vec<ListPage> {
    let chunks = list.chunks();
    let page_url = |n: usize| list.paths[n - 1].clone();
    let total = chunks.len();
    let links: Vec<Link> = (1..=total)
        .map(|n| Link {
            title: views.theme.word("page_n").replace("{n}", &n.to_string()),
            url: page_url(n),
        })
        .collect();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let current = i + 1;
            ListPage {
                path: page_url(current),
                items: chunk.to_vec(),
                paginator: (total > 1).then(|| Paginator {
                    current,
                    total,
                    prev_url: (current > 1).then(|| page_url(current - 1)),
                    next_url: (current < total).then(|| page_url(current + 1)),
                    pages: links.clone(),
                }),
            }
        })
        .collect()
}
