//! The word tables the corpus is written from, read from the YAML files under `data/`
//! (compiled in, so the tool is one file), and the filling of their `{slot}`s. Changing a
//! table changes every corpus: benchmark figures before and after are then not comparable.

use crate::rng::Rng;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// What a generated site is written with: its `site.yaml` and the five sections'
/// `_index.md` files, as they are.
pub const SITE_YAML: &str = include_str!("../data/site.yaml");
pub const SECTION_INDEXES: [(&str, &str); 5] = [
    ("notices", include_str!("../data/sections/notices.md")),
    ("guides", include_str!("../data/sections/guides.md")),
    ("faq", include_str!("../data/sections/faq.md")),
    ("stories", include_str!("../data/sections/stories.md")),
    ("pages", include_str!("../data/sections/pages.md")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    pub category: String,
    pub tags: Vec<String>,
    pub notice_titles: Vec<String>,
    pub guide_titles: Vec<String>,
    pub questions: Vec<String>,
    pub headings: Vec<String>,
    pub sentences: Vec<String>,
    pub materials: Vec<Material>,
}

/// An item of a guide's checklist; `original: false` means copies.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub name: String,
    #[serde(default)]
    pub note: String,
    pub original: bool,
}

/// A phrase whose document frequency search benchmarks rely on, and the chance that a page
/// gets one more sentence about it. (The file's `phrase:` names the phrase for its readers;
/// the generator needs only the sentences.)
#[derive(Deserialize)]
pub struct KeyPhrase {
    pub chance: f64,
    pub sentences: Vec<String>,
}

/// `data/words.yaml`: every pool other than the topics and the key phrases.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub station: String,
    pub common_materials: Vec<Material>,
    pub generic_sentences: Vec<String>,
    pub generic_headings: Vec<String>,
    pub story_headings: Vec<String>,
    pub story_titles: Vec<String>,
    pub page_titles: Vec<String>,
    pub faq_answers: Vec<String>,
    pub faq_closings: Vec<String>,
    pub notice_leads: Vec<String>,
    pub bold_leads: Vec<String>,
    pub link_sentences: Vec<String>,
    pub footnotes: Vec<String>,
    pub quotes: Vec<String>,
    pub image_alts: Vec<String>,
    pub table_cases: Vec<String>,
    pub eligibility: Vec<String>,
    #[serde(rename = "where")]
    pub where_: Vec<String>,
    pub hours: Vec<String>,
    pub fees: Vec<String>,
    pub duration: Vec<String>,
    pub steps: Vec<String>,
    pub general_tags: Vec<String>,
    pub slots: Slots,
}

/// The pools `{slot}`s are filled from, keyed in the data file by the slot's own name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slots {
    #[serde(rename = "社区")]
    pub communities: Vec<String>,
    #[serde(rename = "姓")]
    surnames: Vec<String>,
    #[serde(rename = "名")]
    given_names: Vec<String>,
    #[serde(rename = "称呼")]
    address_terms: Vec<String>,
    #[serde(rename = "地点")]
    places: Vec<String>,
    #[serde(rename = "时段")]
    times_of_day: Vec<String>,
    #[serde(rename = "物品")]
    items: Vec<String>,
    #[serde(rename = "证件")]
    pub papers: Vec<String>,
    #[serde(rename = "单位")]
    bodies: Vec<String>,
    #[serde(rename = "路")]
    roads: Vec<String>,
}

pub struct Vocabulary {
    pub topics: Vec<Topic>,
    pub key_phrases: Vec<KeyPhrase>,
    pub words: Words,
}

/// The tables, read once. They are compiled in, so only an edit of `data/` can make them
/// unreadable, and the tests read them first.
pub fn vocab() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| match read() {
        Ok(v) => v,
        Err(why) => panic!("bulletin-gencorpus: the word tables under data/ are broken: {why}"),
    })
}

fn read() -> Result<Vocabulary, String> {
    Ok(Vocabulary {
        topics: table("topics.yaml", include_str!("../data/topics.yaml"))?,
        key_phrases: table("phrases.yaml", include_str!("../data/phrases.yaml"))?,
        words: table("words.yaml", include_str!("../data/words.yaml"))?,
    })
}

fn table<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, String> {
    serde_yaml::from_str(text).map_err(|e| format!("data/{name}: {e}"))
}

/// A notice title, with `{年}` taken from the notice's own date so titles agree with it.
pub fn fill_with_year(template: &str, year: i16, rng: &mut Rng) -> String {
    fill_one(&template.replace("{年}", &year.to_string()), rng)
}

/// Fill the `{slot}`s of a template from the slot pools, or with a number; an unknown
/// slot is kept as it is.
pub fn fill_one(template: &str, rng: &mut Rng) -> String {
    let slots = &vocab().words.slots;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let pool = match name {
            "社区" => Some(&slots.communities),
            "姓" => Some(&slots.surnames),
            "名" => Some(&slots.given_names),
            "称呼" => Some(&slots.address_terms),
            "地点" => Some(&slots.places),
            "时段" => Some(&slots.times_of_day),
            "物品" => Some(&slots.items),
            "证件" => Some(&slots.papers),
            "单位" => Some(&slots.bodies),
            "路" => Some(&slots.roads),
            _ => None,
        };
        if let Some(pool) = pool {
            out.push_str(rng.word(pool));
        } else if name == "时" {
            let _ = write!(out, "{}:{:02}", rng.between(7, 21), 10 * rng.between(0, 5));
        } else if let Some((lo, hi)) = number_range(name) {
            let _ = write!(out, "{}", rng.between(lo, hi));
        } else {
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The numeric slots: a year, month, day, count, window number or an elderly resident's age.
fn number_range(name: &str) -> Option<(i64, i64)> {
    Some(match name {
        "年" => (2019, 2026),
        "月" => (1, 12),
        "日" => (1, 28),
        "n" => (2, 30),
        "窗" => (1, 6),
        "岁" => (60, 89),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_filled_and_unknown_ones_kept() {
        let mut rng = Rng::new(1, 0, 0);
        let s = fill_one("{社区}社区{n}号楼{不认识}", &mut rng);
        assert!(s.contains("社区") && s.ends_with("号楼{不认识}"), "{s}");
        assert!(!s.starts_with('{'));
    }

    /// Every template of every table reads, and fills with no slot left over: a slot
    /// misspelt in `data/` would otherwise reach the corpus as `{社 区}`.
    #[test]
    fn every_slot_in_the_tables_is_known() {
        let v = vocab();
        let w = &v.words;
        let mut templates: Vec<&String> = Vec::new();
        for t in &v.topics {
            for pool in [
                &t.tags,
                &t.notice_titles,
                &t.guide_titles,
                &t.questions,
                &t.headings,
                &t.sentences,
            ] {
                templates.extend(pool);
            }
        }
        for p in &v.key_phrases {
            templates.extend(&p.sentences);
        }
        for pool in [
            &w.generic_sentences,
            &w.generic_headings,
            &w.story_headings,
            &w.story_titles,
            &w.page_titles,
            &w.faq_answers,
            &w.faq_closings,
            &w.notice_leads,
            &w.footnotes,
            &w.quotes,
            &w.image_alts,
            &w.table_cases,
            &w.eligibility,
            &w.where_,
            &w.steps,
        ] {
            templates.extend(pool);
        }
        assert!(templates.len() > 400, "{} templates", templates.len());
        let mut rng = Rng::new(1, 0, 0);
        for t in templates {
            let filled = fill_with_year(t, 2026, &mut rng);
            assert!(!filled.contains(['{', '}']), "{t} → {filled}");
        }
        for s in &w.link_sentences {
            assert_eq!(s.matches("{link}").count(), 1, "{s}");
        }
    }
}
