//! What to render: a job per output file made from a template (each page and its alias
//! redirects, section lists, the archive, tags, home, search and 404), with the variables
//! its template gets besides those every page shares.

use super::context::*;
use super::markdown::{heading_id, Rendered};
use super::pagination::{paginate, ListPage};
use super::views::{excerpt, template_for, Views};
use crate::model::plan::{is_listed_as_current, UrlPlan};
use crate::model::{urls, Site};
use crate::schema::Kind;
use std::sync::Mutex;
use tera::Value;

/// What a job puts into its template besides `Common`. Pages and redirects name the page
/// they show, so `serve` can tell from its parts whether a job changed without computing
/// its variables.
pub(crate) enum Vars<'a> {
    /// The full view of a page, as `page`.
    Page(usize),
    /// A redirect from an alias to page `page`: `target` and the page's summary as `page`.
    Redirect { page: usize, target: String },
    /// A list, tag page, home, search or 404.
    List(ListJob<'a>),
}

pub(crate) type TemplateVars = Vec<(&'static str, Value)>;
/// Makes a list job's variables from the pages it lists.
type MakeVars<'a> = Box<dyn Fn(&[usize]) -> TemplateVars + Send + Sync + 'a>;

/// A job whose variables are made when it is rendered: made ahead, the lists of 10,000
/// pages held about 300 MB.
pub(crate) struct ListJob<'a> {
    /// Its title, for the last breadcrumb.
    pub title: Option<String>,
    /// The pages a section list, the archive or a tag page lists, in order (empty for the
    /// others): the FAQ list's structured data names exactly these questions.
    pub pages: Vec<usize>,
    /// Named in the sitemap: the home page, the list of tags when there are tags, and the
    /// first page of every list with pages in it (search engines reach the later pages of
    /// a list through its pager).
    pub in_sitemap: bool,
    make: MakeVars<'a>,
    /// Variables `serve` made for its change key, kept for the render that follows.
    made: Mutex<Option<TemplateVars>>,
}

impl<'a> Vars<'a> {
    fn list(
        title: Option<String>,
        pages: Vec<usize>,
        in_sitemap: bool,
        make: impl Fn(&[usize]) -> TemplateVars + Send + Sync + 'a,
    ) -> Vars<'a> {
        Vars::List(ListJob {
            title,
            pages,
            in_sitemap,
            make: Box::new(make),
            made: Mutex::new(None),
        })
    }
}

impl ListJob<'_> {
    /// The variables, for the render: those [`ListJob::peek`] kept, or made now.
    pub fn take(&self) -> TemplateVars {
        let kept = self.made.lock().ok().and_then(|mut made| made.take());
        kept.unwrap_or_else(|| (self.make)(&self.pages))
    }

    /// Looks at the variables and keeps them for [`ListJob::take`], so a job that is
    /// looked at and then rendered makes them once.
    pub fn peek<R>(&self, look: impl FnOnce(&TemplateVars) -> R) -> R {
        let vars = self.take();
        let seen = look(&vars);
        if let Ok(mut made) = self.made.lock() {
            *made = Some(vars);
        }
        seen
    }
}

/// One file to render: its output path, template and variables.
pub(crate) struct Job<'a> {
    pub path: String,
    pub template: &'static str,
    pub vars: Vars<'a>,
    pub breadcrumbs: Vec<Link>,
}

/// The lists the sitemap names (see [`ListJob::in_sitemap`]): the home page first, the
/// others in the order of `jobs`.
pub(crate) fn sitemap_lists(jobs: &[Job]) -> Vec<String> {
    let mut lists: Vec<String> = jobs
        .iter()
        .filter(|j| matches!(&j.vars, Vars::List(l) if l.in_sitemap))
        .map(|j| j.path.clone())
        .collect();
    lists.sort_by_key(|path| path != urls::HOME);
    lists
}

fn crumbs(site: &Site, kind: Option<Kind>) -> Vec<Link> {
    let home = Link {
        title: site.config.title.clone(),
        url: urls::HOME.to_owned(),
    };
    let mut out = vec![home];
    if let Some(kind) = kind {
        out.push(Link {
            title: site.section(kind).title.clone(),
            url: urls::section(kind),
        });
    }
    out
}

/// Each page, and a redirect for each of its aliases.
pub(crate) fn plan_page_jobs<'a>(views: &'a Views<'a>) -> Vec<Job<'a>> {
    let site = views.site;
    let mut jobs = Vec::with_capacity(site.pages.len() + 64);
    for i in 0..site.pages.len() {
        jobs.extend(page_jobs(views, i));
    }
    jobs
}

/// Page `i`, and a redirect for each of its aliases.
pub(crate) fn page_jobs<'a>(views: &'a Views<'a>, i: usize) -> Vec<Job<'a>> {
    let site = views.site;
    let page = &site.pages[i];
    let mut jobs = vec![Job {
        path: page.path.clone(),
        template: template_for(page.kind),
        vars: Vars::Page(i),
        breadcrumbs: crumbs(site, Some(page.kind)),
    }];
    for alias in &page.aliases {
        if let Some(file) = urls::alias_file(&alias.value) {
            let target = urls::relative(&file, &page.path);
            jobs.push(Job {
                path: file,
                template: "redirect.html",
                vars: Vars::Redirect { page: i, target },
                breadcrumbs: Vec::new(),
            });
        }
    }
    jobs
}

/// Every other file made from a template, as the URL plan has them: section lists, the
/// archive, tags, home, search and 404.
pub(crate) fn plan_list_jobs<'a>(
    views: &'a Views<'a>,
    intros: &[Option<Rendered>],
) -> Vec<Job<'a>> {
    let site = views.site;
    let plan = UrlPlan::new(site);
    let mut jobs = Vec::with_capacity(64);
    section_list_jobs(&mut jobs, views, &plan, intros);
    tag_jobs(&mut jobs, views, &plan);
    jobs.push(home_job(views));
    jobs.push(Job {
        path: urls::SEARCH.to_owned(),
        template: "search.html",
        vars: Vars::list(None, Vec::new(), false, |_| Vec::new()),
        breadcrumbs: crumbs(site, None),
    });
    jobs.push(Job {
        path: urls::NOT_FOUND.to_owned(),
        template: "404.html",
        vars: Vars::list(None, Vec::new(), false, |_| Vec::new()),
        breadcrumbs: Vec::new(),
    });
    jobs
}

/// Each section's list, and the notices' archive.
fn section_list_jobs<'a>(
    jobs: &mut Vec<Job<'a>>,
    views: &'a Views<'a>,
    plan: &UrlPlan,
    intros: &[Option<Rendered>],
) {
    let site = views.site;
    for ((section, intro), planned) in site.sections.iter().zip(intros).zip(&plan.sections) {
        let base = SectionView {
            name: section.kind.section().to_owned(),
            kind: section.kind.as_str(),
            title: section.title.clone(),
            url: urls::section(section.kind),
            intro: intro.as_ref().map(|r| r.html.clone()).unwrap_or_default(),
            summary: section
                .meta
                .as_ref()
                .and_then(|m| m.summary.clone())
                .or_else(|| intro.as_ref().map(|r| excerpt(&r.text, 110)))
                .unwrap_or_default(),
            pages: Summaries::default(),
            paginator: None,
            categories: Vec::new(),
            archive_url: (!planned.expired.is_empty()).then(|| urls::ARCHIVE.to_owned()),
        };
        // The FAQ list shows every question with its answer, grouped by category.
        let faq_list = section.kind == Kind::Faq;
        let template = if faq_list {
            "faq_list.html"
        } else {
            "section.html"
        };
        jobs.extend(section_jobs(
            views,
            &base,
            paginate(views, &planned.list),
            (template, faq_list),
            &crumbs(site, None),
            !section.pages.is_empty(),
        ));
        if section.kind == Kind::Notice {
            let base = SectionView {
                title: views.theme.word("archive"),
                url: urls::ARCHIVE.to_owned(),
                intro: String::new(),
                ..base
            };
            jobs.extend(section_jobs(
                views,
                &base,
                paginate(views, &plan.archive),
                ("archive.html", false),
                &crumbs(site, Some(Kind::Notice)),
                !planned.expired.is_empty(),
            ));
        }
    }
}

/// Each tag's pages, and the list of tags.
fn tag_jobs<'a>(jobs: &mut Vec<Job<'a>>, views: &'a Views<'a>, plan: &UrlPlan) {
    let site = views.site;
    let tag_views: Vec<TagView> = site
        .tags
        .iter()
        .map(|t| TagView {
            name: t.name.clone(),
            slug: t.slug.clone(),
            url: t.path.clone(),
            count: t.pages.len(),
            pages: Summaries::default(),
            paginator: None,
        })
        .collect();
    for ((tag, view), planned) in site.tags.iter().zip(&tag_views).zip(&plan.tags) {
        let mut tag_crumbs = crumbs(site, None);
        tag_crumbs.push(Link {
            title: views.theme.word("tags"),
            url: urls::TAGS.to_owned(),
        });
        let pages = paginate(views, planned);
        for (
            n,
            ListPage {
                path,
                items,
                paginator,
            },
        ) in pages.into_iter().enumerate()
        {
            let view = TagView {
                paginator,
                ..view.clone()
            };
            jobs.push(Job {
                path,
                template: "tag.html",
                vars: Vars::list(Some(tag.name.clone()), items, n == 0, move |items| {
                    let view = TagView {
                        pages: views.summary_list(items.iter().copied()),
                        ..view.clone()
                    };
                    vec![("tag", to_value(&view))]
                }),
                breadcrumbs: tag_crumbs.clone(),
            });
        }
    }
    jobs.push(Job {
        path: urls::TAGS.to_owned(),
        template: "tags.html",
        vars: Vars::list(
            Some(views.theme.word("all_tags")),
            Vec::new(),
            !site.tags.is_empty(),
            move |_| vec![("tags", to_value(&tag_views))],
        ),
        breadcrumbs: crumbs(site, None),
    });
}

/// The home page: pinned and latest notices, the first guides, questions and stories.
fn home_job<'a>(views: &'a Views<'a>) -> Job<'a> {
    let site = views.site;
    let current_of = |kind: Kind| -> Vec<usize> {
        site.section(kind)
            .pages
            .iter()
            .copied()
            .filter(|i| is_listed_as_current(site, *i))
            .collect()
    };
    let notices = current_of(Kind::Notice);
    let home = HomeView {
        pinned: views.summary_list(notices.iter().copied().filter(|i| site.pages[*i].pinned)),
        latest: views.summary_list(
            notices
                .iter()
                .copied()
                .filter(|i| !site.pages[*i].pinned)
                .take(6),
        ),
        guides: views.summary_list(current_of(Kind::Guide).into_iter().take(6)),
        faqs: views.summary_list(current_of(Kind::Faq).into_iter().take(6)),
        stories: views.summary_list(current_of(Kind::Story).into_iter().take(3)),
    };
    Job {
        path: urls::HOME.to_owned(),
        template: "index.html",
        vars: Vars::list(None, Vec::new(), true, move |_| {
            vec![("home", to_value(&home))]
        }),
        breadcrumbs: Vec::new(),
    }
}

/// A job per page of a section's list or the archive: `base` with that page's pages and
/// paginator. `template` says which template, and whether it is the FAQ list, whose pages
/// also get their questions grouped by category.
fn section_jobs<'a>(
    views: &'a Views<'a>,
    base: &SectionView,
    pages: Vec<ListPage>,
    (template, faq_list): (&'static str, bool),
    breadcrumbs: &[Link],
    in_sitemap: bool,
) -> Vec<Job<'a>> {
    pages
        .into_iter()
        .enumerate()
        .map(
            |(
                n,
                ListPage {
                    path,
                    items,
                    paginator,
                },
            )| {
                let base = SectionView {
                    paginator,
                    ..base.clone()
                };
                Job {
                    path,
                    template,
                    vars: Vars::list(
                        Some(base.title.clone()),
                        items,
                        in_sitemap && n == 0,
                        move |items| {
                            let view = SectionView {
                                pages: views.summary_list(items.iter().copied()),
                                categories: if faq_list {
                                    faq_categories(views, items)
                                } else {
                                    Vec::new()
                                },
                                ..base.clone()
                            };
                            vec![("section", to_value(&view))]
                        },
                    ),
                    breadcrumbs: breadcrumbs.to_vec(),
                }
            },
        )
        .collect()
}

/// FAQ pages grouped by category, groups in the order their first question appears.
fn faq_categories(views: &Views, ordered: &[usize]) -> Vec<CategoryGroup> {
    let other = views.theme.word("other");
    let mut groups: Vec<CategoryGroup> = Vec::new();
    for &i in ordered {
        let name = views.site.pages[i]
            .category
            .clone()
            .unwrap_or_else(|| other.clone());
        let view = views.page_view(i);
        match groups.iter_mut().find(|g| g.name == name) {
            Some(g) => g.pages.push(view),
            None => {
                let id = format!("cat-{}", heading_id(&name));
                groups.push(CategoryGroup {
                    name,
                    id,
                    pages: vec![view],
                });
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_list_looked_at_then_rendered_makes_its_variables_once() {
        let made = AtomicUsize::new(0);
        let vars = Vars::list(Some("办事指南".into()), vec![3, 1], true, |_| {
            made.fetch_add(1, Ordering::Relaxed);
            vec![("section", Value::from("指南"))]
        });
        let Vars::List(list) = vars else {
            panic!("a list job");
        };
        assert_eq!(list.pages, [3, 1]);
        let seen = list.peek(|v| v.len());
        assert_eq!(list.take(), vec![("section", Value::from("指南"))]);
        assert_eq!((seen, made.load(Ordering::Relaxed)), (1, 1));
        list.take();
        assert_eq!(made.load(Ordering::Relaxed), 2, "kept for one render only");
    }
}
