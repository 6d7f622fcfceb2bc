//! Structured data (schema.org, as JSON-LD) for each page, so that search engines and
//! assistants can answer "when is the station open", "what do I bring" and "is this notice
//! still in force" from the data the staff wrote rather than by guessing from the HTML.
//!
//! Each page gets at most one `<script type="application/ld+json">`: an `@graph` of its
//! nodes (one `@context`, and a page has one place to look).
//!
//! | page | nodes |
//! |---|---|
//! | home, `pages/*` (about, contact, offices) | `PoliceStation`: address, telephone, opening hours, the emergency number |
//! | guide | `GovernmentService`, with the documents to bring as a `HowTo` (see [`guide`]) |
//! | FAQ list, question | `FAQPage` |
//! | notice | `SpecialAnnouncement` (`datePosted`, `expires`) |
//! | story | `NewsArticle` |
//! | any page with breadcrumbs | `BreadcrumbList` |
//!
//! URLs in JSON-LD must be absolute to mean anything, and the site's pages only know
//! relative ones: without `base_url`, url fields (and the breadcrumb trail, which is made of
//! them) are left out rather than written relative.

mod hours;

use super::jobs::{Job, Vars};
use super::views::Views;
use crate::model::guide::{GuideFields, Material};
use crate::model::{urls, Page};
use crate::schema::Kind;
use serde_json::{json, Map, Value};

/// The JSON-LD block of one file (none for redirects, the 404 and search pages), serialized
/// and safe to print inside `<script>`.
pub(crate) fn blocks(views: &Views, job: &Job) -> Vec<String> {
    let ld = Ld {
        views,
        base: views.site.config.base_url.as_deref(),
    };
    let mut graph = Vec::new();
    let title = match &job.vars {
        Vars::Page(i) => {
            graph.extend(ld.page(*i));
            Some(views.site.pages[*i].title.clone())
        }
        // An old address only forwards to the page, which carries the data.
        Vars::Redirect { .. } => return Vec::new(),
        Vars::List(list) => {
            if job.path == urls::HOME {
                graph.push(ld.station(true));
                graph.extend(ld.website());
            }
            if job.template == "faq_list.html" {
                graph.push(ld.faq_page(list.pages.iter().copied(), &job.path));
            }
            list.title.clone()
        }
    };
    graph.extend(ld.breadcrumbs(job, title));
    if graph.is_empty() {
        return Vec::new();
    }
    serialize(&json!({ "@context": "https://schema.org", "@graph": graph }))
        .into_iter()
        .collect()
}

/// JSON that cannot end the `<script>` element it sits in: `<`, `>` and `&` only occur
/// inside JSON strings, where their `\u` escapes mean the same characters.
fn serialize(value: &Value) -> Option<String> {
    let text = serde_json::to_string(value).ok()?;
    // One pass, and none at all for the many blocks with nothing to escape: a FAQ list's
    // block holds every answer on the page.
    if !text.contains(['<', '>', '&']) {
        return Some(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    Some(out)
}

/// A JSON object built field by field, leaving out fields that have no value.
struct Node(Map<String, Value>);

impl Node {
    fn new(kind: &str) -> Self {
        let mut map = Map::new();
        map.insert("@type".into(), kind.into());
        Node(map)
    }

    fn set(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(key.into(), value.into());
        self
    }

    fn opt(self, key: &str, value: Option<impl Into<Value>>) -> Self {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    /// A list, left out when empty.
    fn list(self, key: &str, items: Vec<Value>) -> Self {
        if items.is_empty() {
            self
        } else {
            self.set(key, items)
        }
    }

    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

struct Ld<'a> {
    views: &'a Views<'a>,
    base: Option<&'a str>,
}

impl Ld<'_> {
    /// The absolute URL of a site path, when `base_url` is set.
    fn url(&self, path: &str) -> Option<String> {
        self.base.map(|b| format!("{b}{path}"))
    }

    fn page(&self, i: usize) -> Option<Value> {
        let page = &self.views.site.pages[i];
        match page.kind {
            Kind::Notice => Some(self.notice(i)),
            Kind::Guide => Some(self.guide(i, page.guide.as_ref())),
            Kind::Faq => Some(self.faq_page([i].into_iter(), &page.path)),
            Kind::Story => Some(self.story(i)),
            Kind::Page => Some(self.station(true)),
        }
    }

    /// The station. In full on the pages about it. Where another node names it (operator,
    /// publisher), a reference: with `base_url`, its `@id` and name, the rest being on the
    /// home page under the same `@id`; without, name, phone and address, to stand alone.
    fn station(&self, full: bool) -> Value {
        let c = &self.views.site.config;
        let id = self.url("#station");
        let short = !full && id.is_some();
        let mut node = Node::new("PoliceStation")
            .opt("@id", id)
            .set("name", c.title.as_str());
        if short {
            return node.done();
        }
        node = node
            .opt(
                "telephone",
                c.contact
                    .phone
                    .as_ref()
                    .or(c.contact.emergency.as_ref())
                    .cloned(),
            )
            .opt(
                "address",
                c.contact.address.as_ref().map(|a| {
                    Node::new("PostalAddress")
                        .set("streetAddress", a.as_str())
                        .done()
                }),
            );
        if full {
            node = node
                .opt("url", self.url(urls::HOME))
                .opt(
                    "description",
                    Some(c.description.as_str()).filter(|d| !d.is_empty()),
                )
                .list(
                    "openingHoursSpecification",
                    opening_hours(c.contact.hours.as_deref()),
                )
                .opt(
                    "contactPoint",
                    c.contact.emergency.as_ref().map(|n| {
                        Node::new("ContactPoint")
                            .set("contactType", "emergency")
                            .set("telephone", n.as_str())
                            .done()
                    }),
                );
        }
        node.done()
    }

    /// The site itself and its search, so a search engine can send a query straight to
    /// the search page. Only with `base_url`: both are nothing but URLs.
    fn website(&self) -> Option<Value> {
        let home = self.url(urls::HOME)?;
        let search = self.url(urls::SEARCH)?;
        let site = &self.views.site.config;
        Some(
            Node::new("WebSite")
                .set("name", site.title.as_str())
                .set("url", home)
                .set("inLanguage", site.language.code())
                .set(
                    "potentialAction",
                    Node::new("SearchAction")
                        .set("target", format!("{search}?q={{q}}"))
                        .set("query-input", "required name=q")
                        .done(),
                )
                .done(),
        )
    }

    /// A guide is a `GovernmentService` run by the station, reached in person at `where`
    /// during `hours`. schema.org has no property for the documents a service asks for, so
    /// they go where schema.org does describe them: a `HowTo` about the service (its
    /// `subjectOf`), whose steps are the guide's steps, whose `tool`s are the originals
    /// (shown at the window and handed back: used, not consumed) and whose `supply` items
    /// are what is handed in (copies, photos, forms: consumed), with `requiredQuantity`.
    fn guide(&self, i: usize, fields: Option<&GuideFields>) -> Value {
        let page = &self.views.site.pages[i];
        let empty = GuideFields::default();
        let g = fields.unwrap_or(&empty);
        let channel = Node::new("ServiceChannel")
            .opt(
                "serviceLocation",
                g.where_
                    .as_ref()
                    .map(|w| Node::new("Place").set("name", w.as_str()).done()),
            )
            .opt(
                "processingTime",
                g.duration.as_deref().and_then(hours::duration),
            );
        let (tools, supplies): (Vec<_>, Vec<_>) =
            g.materials.iter().partition(|m| m.original == Some(true));
        // schema.org takes plain text for a step, a tool or a supply: the guide page must
        // stay light (40 KB with its CSS and script), so objects only where they say more.
        let item = |kind: &str, m: &&Material| match (&m.note, m.copies) {
            (None, None) => Value::from(m.name.as_str()),
            (note, copies) => Node::new(kind)
                .set("name", m.name.as_str())
                .opt("requiredQuantity", copies)
                .opt("description", note.as_deref())
                .done(),
        };
        let howto = Node::new("HowTo")
            .set("name", page.title.as_str())
            .list("tool", tools.iter().map(|m| item("HowToTool", m)).collect())
            .list(
                "supply",
                supplies.iter().map(|m| item("HowToSupply", m)).collect(),
            )
            .list("step", g.steps.iter().map(|s| s.as_str().into()).collect());
        Node::new("GovernmentService")
            .set("name", page.title.as_str())
            .opt("description", self.summary(i))
            .opt("url", self.url(&page.path))
            .set("serviceOperator", self.station(false))
            .set("availableChannel", channel.done())
            .list("hoursAvailable", opening_hours(g.hours.as_deref()))
            .opt("offers", g.fees.as_deref().map(offer))
            .set("subjectOf", howto.done())
            .done()
    }

    /// Questions with their answers (the answer as plain text).
    fn faq_page(&self, questions: impl Iterator<Item = usize>, path: &str) -> Value {
        let site = self.views.site;
        let entities = questions
            .map(|i| {
                Node::new("Question")
                    .set("name", site.pages[i].title.as_str())
                    .set(
                        "acceptedAnswer",
                        Node::new("Answer")
                            .set("text", &*self.views.bodies[i].text)
                            .done(),
                    )
                    .done()
            })
            .collect();
        Node::new("FAQPage")
            .opt("url", self.url(path))
            .list("mainEntity", entities)
            .done()
    }

    /// A notice: dated, and over at `expires` (the moment its day ends, as on the page).
    fn notice(&self, i: usize) -> Value {
        let page = &self.views.site.pages[i];
        let s = &self.views.summaries[i];
        Node::new("SpecialAnnouncement")
            .set("name", page.title.as_str())
            .opt("text", self.summary(i))
            .opt("url", self.url(&page.path))
            .opt("datePosted", s.date.as_ref().map(|d| d.rfc3339.as_str()))
            .opt(
                "dateModified",
                s.updated.as_ref().map(|d| d.rfc3339.as_str()),
            )
            .opt("expires", s.expires.as_ref().map(|d| d.rfc3339.as_str()))
            .set("announcementLocation", self.station(false))
            .done()
    }

    fn story(&self, i: usize) -> Value {
        let page = &self.views.site.pages[i];
        let s = &self.views.summaries[i];
        let station = self.station(false);
        Node::new("NewsArticle")
            .set("headline", headline(&page.title))
            .opt("description", self.summary(i))
            .opt("url", self.url(&page.path))
            .opt("image", self.image_url(page))
            .opt("datePublished", s.date.as_ref().map(|d| d.rfc3339.as_str()))
            .opt(
                "dateModified",
                s.updated.as_ref().map(|d| d.rfc3339.as_str()),
            )
            .set("author", station.clone())
            .set("publisher", station)
            .done()
    }

    /// A story's picture as an absolute URL: external ones as they are, the site's own only
    /// with `base_url`.
    fn image_url(&self, page: &Page) -> Option<String> {
        let image = self.views.image(page)?;
        if image.url.starts_with("https://") || image.url.starts_with("http://") {
            Some(image.url)
        } else {
            self.url(&image.url)
        }
    }

    fn summary(&self, i: usize) -> Option<&str> {
        Some(self.views.summaries[i].summary.as_str()).filter(|s| !s.is_empty())
    }

    /// The trail from the home page to this page. Only with `base_url`: a breadcrumb is a
    /// link, and a trail of names alone tells a machine nothing.
    fn breadcrumbs(&self, job: &Job, title: Option<String>) -> Option<Value> {
        let title = title?;
        let here = self.url(&job.path)?;
        if job.breadcrumbs.is_empty() {
            return None;
        }
        let mut items: Vec<(String, String)> = job
            .breadcrumbs
            .iter()
            .filter_map(|b| Some((b.title.clone(), self.url(&b.url)?)))
            .collect();
        items.push((title, here));
        let list = items
            .into_iter()
            .enumerate()
            .map(|(n, (name, item))| {
                Node::new("ListItem")
                    .set("position", n + 1)
                    .set("name", name)
                    .set("item", item)
                    .done()
            })
            .collect();
        Some(
            Node::new("BreadcrumbList")
                .list("itemListElement", list)
                .done(),
        )
    }
}

/// `hours` text as `OpeningHoursSpecification` nodes (those of the first place it names).
fn opening_hours(text: Option<&str>) -> Vec<Value> {
    text.map(hours::first_place)
        .unwrap_or_default()
        .into_iter()
        .map(|o| {
            Node::new("OpeningHoursSpecification")
                .set("dayOfWeek", o.days)
                .set("opens", o.opens)
                .set("closes", o.closes)
                .done()
        })
        .collect()
}

/// The fee as an `Offer`: a price when the text is plainly free (`免费`) or one amount in
/// yuan (`工本费10元`), never a guess; the words when they say more than the price.
fn offer(fees: &str) -> Value {
    let node = Node::new("Offer");
    match price(fees) {
        Some(p) if p == "0" => node.set("price", p).set("priceCurrency", "CNY"),
        Some(p) => node
            .set("price", p)
            .set("priceCurrency", "CNY")
            .set("description", fees),
        None => node.set("description", fees),
    }
    .done()
}

fn price(fees: &str) -> Option<String> {
    let t = fees.trim().to_lowercase();
    if [
        "免费",
        "不收费",
        "免收费用",
        "free",
        "free of charge",
        "no fee",
    ]
    .contains(&t.as_str())
    {
        return Some("0".into());
    }
    let amounts: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .filter(|s| !s.is_empty())
        .collect();
    match amounts.as_slice() {
        [one] if t.contains(&format!("{one}元")) => Some((*one).to_owned()),
        _ => None,
    }
}

/// Search engines show at most 110 characters of a headline.
fn headline(title: &str) -> String {
    if title.chars().count() <= 110 {
        title.to_owned()
    } else {
        let cut: String = title.chars().take(109).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialized_json_cannot_close_the_script() {
        let v = json!({ "text": "</script><script>alert(1)</script> & <!--" });
        let s = serialize(&v).unwrap_or_default();
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap_or_default();
        assert_eq!(back, v, "the escapes mean the same text");
    }

    #[test]
    fn prices_only_when_plain() {
        assert_eq!(price("免费").as_deref(), Some("0"));
        assert_eq!(price("Free").as_deref(), Some("0"));
        assert_eq!(price("工本费10元").as_deref(), Some("10"));
        assert_eq!(price("首次申领免费"), None);
        assert_eq!(price("工本费20元，加急另收10元"), None);
        assert_eq!(price("按规定收取"), None);
    }

    #[test]
    fn long_headlines_are_cut() {
        assert_eq!(headline("短标题"), "短标题");
        let long = "长".repeat(200);
        assert_eq!(headline(&long).chars().count(), 110);
    }
}
