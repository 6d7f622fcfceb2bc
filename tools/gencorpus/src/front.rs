//! A page's front matter, field by field as staff write them: the fields every kind has,
//! then the notice's lifecycle, the guide's checklist and facts, the story's image.

use crate::plan::{date_text, days_before_now, Corpus, Plan, NOW};
use crate::rng::Rng;
use crate::vocab::{fill_one, vocab, Material, Topic};
use bulletin::schema::Kind;
use std::fmt::Write as _;

/// Front matter lines, in the order staff usually write them.
#[derive(Default)]
pub struct FrontMatter(pub String);

impl FrontMatter {
    fn line(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key}: {value}");
    }
}

impl Corpus {
    /// Page `me`'s front matter, and the name of the image file it shows, if any.
    pub(crate) fn front_matter(
        &self,
        me: usize,
        plan: &Plan,
        rng: &mut Rng,
    ) -> (FrontMatter, Option<String>) {
        let mut fm = FrontMatter::default();
        fm.line("title", &yaml_text(&plan.title));
        let mut image = None;
        match plan.kind {
            Kind::Notice => notice_front(plan, rng, &mut fm),
            Kind::Guide => self.guide_front(me, rng, &mut fm),
            Kind::Faq => faq_front(plan.topic, rng, &mut fm),
            Kind::Story => image = story_front(plan, rng, &mut fm),
            Kind::Page => page_front(plan, rng, &mut fm),
        }
        if plan.draft {
            fm.line("draft", "true");
        }
        (fm, image)
    }

    fn guide_front(&self, me: usize, rng: &mut Rng, fm: &mut FrontMatter) {
        let words = &vocab().words;
        let topic = self.plans[me].topic;
        fm.line("summary", &yaml_text(&summary(topic, rng)));
        fm.line("tags", &tags(topic, rng));
        fm.line("category", &topic.category);
        fm.line("weight", &rng.between(1, 20).to_string());
        fm.line("updated", &date_text(Some(days_before_now(rng, 500))));
        if rng.chance(0.05) {
            fm.line(
                "aliases",
                &format!("[old/{}.html]", self.plans[me].ascii_name),
            );
        }
        if rng.chance(0.1) {
            fm.line(
                "extra",
                &format!("{{ window: {}号窗口 }}", rng.between(1, 6)),
            );
        }
        fm.line(
            "eligibility",
            &yaml_text(&fill_one(rng.word(&words.eligibility), rng)),
        );
        fm.line("where", &yaml_text(&fill_one(rng.word(&words.where_), rng)));
        fm.line("hours", &yaml_text(rng.word(&words.hours)));
        fm.line("fees", &yaml_text(rng.word(&words.fees)));
        fm.line("duration", &yaml_text(rng.word(&words.duration)));
        materials(topic, rng, fm);
        fm.0.push_str("steps:\n");
        let steps = rng.between(3, 6) as usize;
        for step in (words.steps.iter())
            .skip(rng.below(words.steps.len() - steps))
            .take(steps)
        {
            let _ = writeln!(fm.0, "  - {}", yaml_text(&fill_one(step, rng)));
        }
        let mut related = Vec::new();
        for _ in 0..rng.between(2, 4) {
            if let Some(t) = self.link_target(me, rng) {
                if !related.contains(&t) {
                    related.push(t);
                }
            }
        }
        if !related.is_empty() {
            fm.0.push_str("related:\n");
            for t in related {
                let _ = writeln!(fm.0, "  - {}", self.plans[t].path);
            }
        }
    }
}

fn notice_front(plan: &Plan, rng: &mut Rng, fm: &mut FrontMatter) {
    let nth = plan.nth;
    fm.line("date", &date_text(plan.date));
    // The first three notices are the ones a real site has at any moment: one urgent
    // and pinned, in effect; two pinned without an end.
    let expires = match nth {
        0 => Some(NOW.saturating_add(jiff::Span::new().days(14))),
        1 | 2 => None,
        _ if rng.chance(0.7) => plan
            .date
            .map(|d| d.saturating_add(jiff::Span::new().days(rng.between(3, 120)))),
        _ => None,
    };
    if let Some(e) = expires {
        fm.line("expires", &date_text(Some(e)));
    }
    if nth < 3 || rng.chance(0.01) {
        fm.line("pinned", "true");
    }
    if nth == 0 || rng.chance(0.003) {
        fm.line("urgent", "true");
    }
    if rng.chance(0.7) {
        fm.line("summary", &yaml_text(&summary(plan.topic, rng)));
    }
    fm.line("tags", &tags(plan.topic, rng));
    fm.line("category", &plan.topic.category);
}

/// A guide's checklist: its topic's materials and some common ones, in both forms staff
/// write (a bare name, or `{ name, note, copies, original }`).
fn materials(topic: &Topic, rng: &mut Rng, fm: &mut FrontMatter) {
    fm.0.push_str("materials:\n");
    let mut materials: Vec<&Material> = topic.materials.iter().collect();
    materials.extend((vocab().words.common_materials.iter()).filter(|_| rng.chance(0.5)));
    for m in materials {
        if rng.chance(0.6) {
            let mut item = format!("  - {{ name: {}", m.name);
            if !m.note.is_empty() {
                let _ = write!(item, ", note: {}", m.note);
            }
            if m.original {
                item.push_str(", original: true");
            } else {
                let _ = write!(item, ", copies: {}, original: false", rng.between(1, 2));
            }
            item.push_str(" }\n");
            fm.0.push_str(&item);
        } else {
            let _ = writeln!(fm.0, "  - {}", m.name);
        }
    }
}

fn faq_front(topic: &Topic, rng: &mut Rng, fm: &mut FrontMatter) {
    if rng.chance(0.5) {
        fm.line("summary", &yaml_text(&summary(topic, rng)));
    }
    fm.line("tags", &tags(topic, rng));
    fm.line("category", &topic.category);
    if rng.chance(0.3) {
        fm.line("weight", &rng.between(1, 30).to_string());
    }
}

/// A story's fields; the name of its image file when it has one.
fn story_front(plan: &Plan, rng: &mut Rng, fm: &mut FrontMatter) -> Option<String> {
    let topic = plan.topic;
    let time = if rng.chance(0.3) {
        format!(" {:02}:{:02}", rng.between(7, 21), 10 * rng.between(0, 5))
    } else {
        String::new()
    };
    fm.line("date", &format!("{}{time}", date_text(plan.date)));
    fm.line("summary", &yaml_text(&summary(topic, rng)));
    fm.line("tags", &tags(topic, rng));
    fm.line("category", &topic.category);
    if !rng.chance(0.1) {
        return None;
    }
    let file = format!("{}.svg", plan.ascii_name);
    fm.line("image", &file);
    let alt = fill_one(rng.word(&vocab().words.image_alts), rng);
    fm.line("image_alt", &yaml_text(&alt));
    Some(file)
}

fn page_front(plan: &Plan, rng: &mut Rng, fm: &mut FrontMatter) {
    let topic = plan.topic;
    if rng.chance(0.2) {
        fm.line("slug", &format!("{}-info", plan.ascii_name));
    }
    fm.line("summary", &yaml_text(&summary(topic, rng)));
    fm.line("tags", &tags(topic, rng));
    fm.line("weight", &rng.between(1, 50).to_string());
    fm.line("updated", &date_text(Some(days_before_now(rng, 700))));
    if rng.chance(0.05) {
        fm.line("aliases", &format!("[old/{}.html]", plan.ascii_name));
    }
}

/// A YAML scalar: plain when that reads the same, else double-quoted.
fn yaml_text(s: &str) -> String {
    let risky = s.is_empty()
        || s.starts_with(['-', '?', '!', '&', '*', '>', '|', '%', '@', '`', '\'', '"'])
        || s.contains([':', '#', '[', ']', '{', '}', ',', '"', '\\']);
    if risky {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_owned()
    }
}

fn tags(topic: &Topic, rng: &mut Rng) -> String {
    let words = &vocab().words;
    let mut tags: Vec<String> = Vec::new();
    let n = rng.between(2, 4);
    for _ in 0..n {
        let t = rng.word(&topic.tags).to_string();
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if rng.chance(0.5) {
        tags.push(rng.word(&words.general_tags).to_string());
    }
    if rng.chance(0.2) {
        tags.push(format!("{}社区", rng.word(&words.slots.communities)));
    }
    tags.dedup();
    format!("[{}]", tags.join(", "))
}

fn summary(topic: &Topic, rng: &mut Rng) -> String {
    let mut s = fill_one(rng.word(&topic.sentences), rng);
    if rng.chance(0.5) {
        s.push_str(&fill_one(rng.word(&vocab().words.generic_sentences), rng));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::yaml_text;

    #[test]
    fn yaml_text_quotes_only_what_needs_it() {
        assert_eq!(yaml_text("户口迁入"), "户口迁入");
        assert_eq!(yaml_text("9:00-17:00"), "\"9:00-17:00\"");
        assert_eq!(yaml_text("a\"b"), "\"a\\\"b\"");
    }
}
