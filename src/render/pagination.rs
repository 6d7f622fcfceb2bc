//! Splitting a list of pages (a section, the archive, a tag) into pages of its own, each
//! with the pager that links the others.

use super::context::{Link, Paginator};
use super::views::Views;

/// One page of a paginated list.
pub(super) struct ListPage {
    pub path: String,
    /// The pages it lists.
    pub items: Vec<usize>,
    /// None when the whole list fits on one page.
    pub paginator: Option<Paginator>,
}

/// `items` split `per_page` to a page, page `n` at `page_url(n)`. An empty list still has
/// its first page.
pub(super) fn paginate(
    views: &Views,
    items: &[usize],
    per_page: usize,
    page_url: impl Fn(usize) -> String,
) -> Vec<ListPage> {
    let chunks: Vec<&[usize]> = if items.is_empty() {
        vec![&[]]
    } else {
        items.chunks(per_page.max(1)).collect()
    };
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
