//! Build the template views (context.rs) from the model and the rendered Markdown.

use super::context::*;
use super::markdown::Rendered;
use crate::config::MenuTarget;
use crate::load::theme::Theme;
use crate::model::date::DateValue;
use crate::model::guide::GuideFields;
use crate::model::links::{asset_path, is_external, resolve_related};
use crate::model::{urls, Page, Site};
use crate::schema::Kind;
use std::sync::{Arc, OnceLock};
use tera::Value;

pub struct Views<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// The rendered body of each page, by index in `site.pages`.
    pub bodies: &'a [Arc<Rendered>],
    pub summaries: Vec<PageSummary>,
    /// Each summary as a template value, made when a list first shows it.
    summary_values: Vec<OnceLock<Value>>,
    pub site_view: SiteView,
    /// [`Theme::asset_versions`].
    pub asset_versions: std::collections::BTreeMap<String, String>,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, bodies: &'a [Arc<Rendered>]) -> Self {
        Self::with_summaries(site, theme, bodies, Vec::new())
    }

    /// Views reusing summaries made before (`serve` keeps those of unchanged pages): where
    /// `known` has no summary for a page, it is made here.
    pub fn with_summaries(
        site: &'a Site,
        theme: &'a Theme,
        bodies: &'a [Arc<Rendered>],
        known: Vec<Option<PageSummary>>,
    ) -> Self {
        let mut views = Views {
            site,
            theme,
            bodies,
            summaries: Vec::new(),
            summary_values: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
            site_view: site_view(site),
            asset_versions: theme.asset_versions.clone(),
        };
        let mut known = known.into_iter();
        views.summaries = (0..site.pages.len())
            .map(|i| match known.next().flatten() {
                Some(s) => s,
                None => views.make_summary(i),
            })
            .collect();
        views
    }

    pub fn date(&self, d: &DateValue) -> DateView {
        DateView {
            display: d.display(self.site.config.language),
            iso_date: d.iso_date(),
            rfc3339: d.rfc3339(),
        }
    }

    /// An expiry: shown as its day, but `rfc3339` is the moment it ends, so that a bare
    /// day (`expires: 2027-02-28`, "through that day") is not marked expired a day early
    /// by the reader's clock (site.js) or in JSON-LD.
    pub fn expiry(&self, d: &DateValue) -> DateView {
        let end = d.end_moment().to_zoned(d.zoned.time_zone().clone());
        DateView {
            rfc3339: end
                .timestamp()
                .display_with_offset(end.offset())
                .to_string(),
            ..self.date(d)
        }
    }

    fn make_summary(&self, i: usize) -> PageSummary {
        let page = &self.site.pages[i];
        PageSummary {
            url: page.path.clone(),
            title: page.title.clone(),
            kind: page.kind.as_str(),
            kind_label: self.theme.word(&format!("kind_{}", page.kind.as_str())),
            section: page.kind.section().to_owned(),
            summary: page
                .summary
                .clone()
                .unwrap_or_else(|| excerpt(&self.bodies[i].text, 110)),
            date: page.date.as_ref().map(|d| self.date(d)),
            updated: page.updated.as_ref().map(|d| self.date(d)),
            expires: page.expires.as_ref().map(|d| self.expiry(d)),
            tags: page
                .tags
                .iter()
                .filter_map(|t| self.site.tag_by_name(t))
                .map(|t| TagLink {
                    name: t.name.clone(),
                    slug: t.slug.clone(),
                    url: t.path.clone(),
                })
                .collect(),
            category: page.category.clone(),
            status: page.status.as_str(),
            pinned: page.pinned,
            urgent: page.urgent,
        }
    }

    /// Frees the summaries' template values once every list is rendered (a list made after
    /// this makes them again).
    pub fn release_summary_values(&mut self) {
        self.summary_values.iter_mut().for_each(|v| drop(v.take()));
    }

    /// The summaries of pages `indexes`, in that order, as one template list.
    pub fn summary_list(&self, indexes: impl IntoIterator<Item = usize>) -> Summaries {
        let values = indexes.into_iter().map(|i| {
            self.summary_values[i]
                .get_or_init(|| to_value(&self.summaries[i]))
                .clone()
        });
        Summaries(Value::from(values.collect::<Vec<_>>()))
    }

    pub fn page_view(&self, i: usize) -> PageView {
        let page = &self.site.pages[i];
        let body = &self.bodies[i];
        PageView {
            summary: self.summaries[i].clone(),
            content: body.html.clone(),
            toc: body
                .toc
                .iter()
                .map(|t| TocEntry {
                    level: t.level,
                    id: t.id.clone(),
                    text: t.text.clone(),
                })
                .collect(),
            guide: page.guide.as_ref().map(guide_view),
            related: self.summary_list(self.related(i)),
            image: self.image(page),
            extra: page.extra.clone(),
        }
    }

    /// The published pages page `i` lists as related, by index.
    pub fn related(&self, i: usize) -> Vec<usize> {
        let page = &self.site.pages[i];
        page.related
            .iter()
            .filter_map(|r| {
                resolve_related(self.site.targets(), page.source.content_path(), &r.value)
            })
            .filter_map(|p| self.site.by_content_path.get(&p).copied())
            .collect()
    }

    pub fn image(&self, page: &Page) -> Option<ImageView> {
        let image = page.image.as_ref()?;
        let url = if is_external(&image.value) {
            image.value.clone()
        } else {
            asset_path(self.site.targets(), page, &image.value)?
        };
        Some(ImageView {
            url,
            alt: page.image_alt.clone().unwrap_or_default(),
        })
    }

    /// Current urgent notices, for the banner on every page.
    pub fn urgent(&self) -> Vec<PageSummary> {
        self.site
            .urgent_notices()
            .filter_map(|p| self.site.by_content_path.get(p.source.content_path()))
            .map(|i| self.summaries[*i].clone())
            .collect()
    }
}

fn guide_view(g: &GuideFields) -> GuideView {
    GuideView {
        materials: g
            .materials
            .iter()
            .map(|m| MaterialView {
                name: m.name.clone(),
                note: m.note.clone(),
                copies: m.copies,
                original: m.original,
            })
            .collect(),
        steps: g.steps.clone(),
        where_: g.where_.clone(),
        hours: g.hours.clone(),
        fees: g.fees.clone(),
        duration: g.duration.clone(),
        eligibility: g.eligibility.clone(),
    }
}

fn site_view(site: &Site) -> SiteView {
    let c = &site.config;
    let menu = match &c.menu {
        Some(entries) => entries
            .iter()
            .filter_map(|e| {
                let (url, section) = match &e.target {
                    MenuTarget::Section(kind) => {
                        (urls::section(*kind), Some(kind.section().to_owned()))
                    }
                    MenuTarget::Page(p) => (
                        site.page_by_content_path(p.trim_start_matches("@/"))?
                            .path
                            .clone(),
                        None,
                    ),
                    MenuTarget::Url(u) => (u.clone(), None),
                };
                Some(MenuItem {
                    title: e.title.clone(),
                    url,
                    section,
                })
            })
            .collect(),
        None => site
            .sections
            .iter()
            .filter(|s| !s.pages.is_empty())
            .map(|s| MenuItem {
                title: s.title.clone(),
                url: urls::section(s.kind),
                section: Some(s.kind.section().to_owned()),
            })
            .collect(),
    };
    SiteView {
        title: c.title.clone(),
        description: c.description.clone(),
        language: c.language.code().to_owned(),
        base_url: c.base_url.clone(),
        contact: ContactView {
            emergency: c.contact.emergency.clone(),
            phone: c.contact.phone.clone(),
            address: c.contact.address.clone(),
            hours: c.contact.hours.clone(),
        },
        footer: FooterView {
            icp: c.footer.icp.clone(),
            psb: c.footer.psb.clone(),
        },
        menu,
    }
}

/// The start of a text, cut at a sentence end when one is near, for summaries.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    match cut.rfind(['。', '！', '？', '.', '!', '?']) {
        Some(i) if i > cut.len() / 2 => {
            cut[..i + cut[i..].chars().next().map_or(1, char::len_utf8)].to_owned()
        }
        _ => format!("{}…", cut.trim_end()),
    }
}

/// The kind's template.
pub fn template_for(kind: Kind) -> &'static str {
    match kind {
        Kind::Notice => "notice.html",
        Kind::Guide => "guide.html",
        Kind::Faq => "faq.html",
        Kind::Story => "story.html",
        Kind::Page => "page.html",
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_end_at_a_sentence_when_they_can() {
        assert_eq!(excerpt("短句。", 10), "短句。");
        assert_eq!(
            excerpt("第一句话比较长一些。第二句话也很长很长很长", 14),
            "第一句话比较长一些。"
        );
        assert_eq!(excerpt("没有句号的一段很长很长的文字", 6), "没有句号的一…");
    }
}
