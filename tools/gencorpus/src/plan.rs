//! The plan of a corpus: every page's kind, topic, file, title, headings, date and draft
//! state, decided before any text is written, because links and `related` entries name
//! other pages and their headings and must only name published ones.

use crate::rng::Rng;
use crate::vocab::{fill_one, fill_with_year, vocab, Topic};
use bulletin::render::markdown::heading_id;
use bulletin::schema::Kind;
use jiff::civil::Date;

/// The date part of [`crate::BUILD_NOW`].
pub const NOW: Date = jiff::civil::date(2026, 9, 25);
/// The oldest notices and stories are from this day.
const FIRST_DAY: Date = jiff::civil::date(2019, 1, 1);

/// Share of the pages, and the mean Han characters of a body, per kind: together they give
/// the corpus its ~930 characters a page.
pub const MIX: [(Kind, f64, usize); 5] = [
    (Kind::Notice, 0.35, 750),
    (Kind::Guide, 0.12, 1000),
    (Kind::Faq, 0.30, 680),
    (Kind::Story, 0.15, 1350),
    (Kind::Page, 0.08, 980),
];

pub fn mean_han(kind: Kind) -> usize {
    MIX.iter().find(|(k, _, _)| *k == kind).map_or(900, |m| m.2)
}

/// Everything about a page that other pages need before any body is written: where it
/// is, whether it is published, and its headings (links may point at them).
pub struct Plan {
    pub kind: Kind,
    pub topic: &'static Topic,
    /// Path under content/, e.g. `guides/hukou-qianru-12.md`.
    pub path: String,
    /// An ASCII name unique in the corpus, for slugs and aliases (the file name may be
    /// Chinese).
    pub ascii_name: String,
    /// Position among the pages of its kind.
    pub nth: usize,
    pub title: String,
    pub headings: Vec<String>,
    pub date: Option<Date>,
    pub draft: bool,
}

impl Plan {
    fn published(&self) -> bool {
        !self.draft && self.date.is_none_or(|d| d <= NOW)
    }
}

/// A planned corpus: [`Corpus::plan`] decides every page, [`Corpus::write`] writes them.
pub struct Corpus {
    pub(crate) seed: u64,
    pub(crate) plans: Vec<Plan>,
    /// Indexes of published pages: the only ones a link or `related` may name.
    pub(crate) linkable: Vec<usize>,
    /// The first few published guides and pages, linked far more often than the rest, as
    /// on a real site.
    popular: Vec<usize>,
}

impl Corpus {
    /// `pages` content pages for `seed`: the same two numbers give the same corpus.
    pub fn plan(pages: usize, seed: u64) -> Corpus {
        let mut kinds = Vec::with_capacity(pages);
        let mut assigned = 0;
        for (i, (kind, share, _)) in MIX.iter().enumerate() {
            let n = if i + 1 == MIX.len() {
                pages - assigned
            } else {
                ((pages as f64 * share).round() as usize).max(1)
            };
            kinds.extend(std::iter::repeat_n(*kind, n));
            assigned += n;
        }
        let mut ordinal = [0usize; 5];
        let plans: Vec<Plan> = kinds
            .iter()
            .enumerate()
            .map(|(i, kind)| {
                let slot = MIX.iter().position(|(k, _, _)| k == kind).unwrap_or(0);
                let nth = ordinal[slot];
                ordinal[slot] += 1;
                plan_page(*kind, i, nth, &mut Rng::new(seed, i, 0))
            })
            .collect();
        let linkable: Vec<usize> = (0..plans.len()).filter(|i| plans[*i].published()).collect();
        let popular: Vec<usize> = linkable
            .iter()
            .copied()
            .filter(|i| matches!(plans[*i].kind, Kind::Guide | Kind::Page))
            .take(40)
            .collect();
        Corpus {
            seed,
            plans,
            linkable,
            popular,
        }
    }

    /// A random published page other than `me`, favouring the popular ones.
    pub(crate) fn link_target(&self, me: usize, rng: &mut Rng) -> Option<usize> {
        for _ in 0..8 {
            let pool = if !self.popular.is_empty() && rng.chance(0.4) {
                &self.popular
            } else {
                &self.linkable
            };
            let t = *rng.pick(pool);
            if t != me {
                return Some(t);
            }
        }
        None
    }

    /// A Markdown link from page `me` to page `t`, in one of the forms staff write.
    pub(crate) fn link(&self, me: usize, t: usize, rng: &mut Rng) -> String {
        let (from, to) = (&self.plans[me], &self.plans[t]);
        let file = to.path.rsplit('/').next().unwrap_or(&to.path);
        let mut href = if rng.chance(0.3) {
            format!("@/{}", to.path)
        } else if from.kind == to.kind {
            file.to_owned()
        } else {
            format!("../{}", to.path)
        };
        let mut text = to.title.clone();
        if !to.headings.is_empty() && rng.chance(0.3) {
            let h = rng.pick(&to.headings);
            href.push('#');
            href.push_str(&heading_id(h));
            text = h.clone();
        }
        let template = rng.word(&vocab().words.link_sentences);
        template.replace("{link}", &format!("[{text}]({href})"))
    }
}

fn plan_page(kind: Kind, index: usize, nth: usize, rng: &mut Rng) -> Plan {
    let topic = rng.pick(&vocab().topics);
    let (title, date, draft) = title_date_draft(kind, topic, nth, rng);
    // A few file names are Chinese, as staff sometimes save them: their slug is pinyin.
    let ascii_name = format!("{}-{index}", topic.slug);
    let name = if matches!(kind, Kind::Faq | Kind::Page) && rng.chance(0.01) {
        format!("{}问答-{index}", topic.name)
    } else {
        ascii_name.clone()
    };
    let file = match date {
        Some(d) if kind == Kind::Notice || rng.chance(0.8) => format!("{d}-{name}.md"),
        _ => format!("{name}.md"),
    };
    let headings = headings(kind, topic, rng);
    Plan {
        kind,
        topic,
        path: format!("{}/{file}", kind.section()),
        ascii_name,
        nth,
        title,
        headings,
        date,
        draft,
    }
}

fn title_date_draft(
    kind: Kind,
    topic: &Topic,
    nth: usize,
    rng: &mut Rng,
) -> (String, Option<Date>, bool) {
    let words = &vocab().words;
    match kind {
        Kind::Notice => {
            // The first notices are recent so that the pinned and urgent ones are in effect.
            let date = if nth < 3 {
                NOW.saturating_add(jiff::Span::new().days(-2 - nth as i64))
            } else {
                random_day(rng, 60)
            };
            (
                fill_with_year(rng.word(&topic.notice_titles), date.year(), rng),
                Some(date),
                nth >= 3 && rng.chance(0.015),
            )
        }
        Kind::Guide => (fill_one(rng.word(&topic.guide_titles), rng), None, false),
        Kind::Faq => (
            fill_one(rng.word(&topic.questions), rng),
            None,
            rng.chance(0.01),
        ),
        Kind::Story => (
            fill_one(rng.word(&words.story_titles), rng),
            Some(random_day(rng, 30)),
            rng.chance(0.01),
        ),
        Kind::Page => (fill_one(rng.word(&words.page_titles), rng), None, false),
    }
}

/// A page's `##` headings, planned so that links may point at them: unique anchors, from
/// its topic mostly.
fn headings(kind: Kind, topic: &Topic, rng: &mut Rng) -> Vec<String> {
    let words = &vocab().words;
    let wanted = match kind {
        Kind::Faq => rng.between(0, 2),
        Kind::Notice => rng.between(0, 3),
        _ => rng.between(2, 6),
    } as usize;
    let mut headings: Vec<String> = Vec::with_capacity(wanted);
    let mut ids: Vec<String> = Vec::with_capacity(wanted);
    for _ in 0..wanted * 3 {
        if headings.len() == wanted {
            break;
        }
        let pool = if rng.chance(0.6) {
            &topic.headings
        } else if kind == Kind::Story {
            &words.story_headings
        } else {
            &words.generic_headings
        };
        let h = fill_one(rng.word(pool), rng);
        // Anchors must be unique on the page, or links to them would be ambiguous.
        let id = heading_id(&h);
        if !ids.contains(&id) {
            ids.push(id);
            headings.push(h);
        }
    }
    headings
}

/// A day between [`FIRST_DAY`] and `after` days past [`NOW`].
fn random_day(rng: &mut Rng, after: i64) -> Date {
    let span = NOW.since(FIRST_DAY).map_or(2000, |s| s.get_days() as i64);
    FIRST_DAY.saturating_add(jiff::Span::new().days(rng.between(0, span + after)))
}

pub fn days_before_now(rng: &mut Rng, most: i64) -> Date {
    NOW.saturating_add(jiff::Span::new().days(-rng.between(0, most)))
}

pub fn date_text(d: Option<Date>) -> String {
    d.unwrap_or(NOW).to_string()
}
