//! A page's Markdown body: paragraphs from its topic's sentences and the generic ones,
//! under its planned headings, with lists, tables, quotes and footnotes where its kind has
//! them, and its links and tracked phrases placed wherever a paragraph takes them.

use crate::plan::{mean_han, Corpus, Plan, NOW};
use crate::rng::Rng;
use crate::vocab::{fill_one, vocab, Topic};
use bulletin::schema::Kind;
use std::fmt::Write as _;

impl Corpus {
    /// Page `me`'s body and its number of Han characters.
    pub(crate) fn body(
        &self,
        me: usize,
        plan: &Plan,
        image: Option<&str>,
        rng: &mut Rng,
    ) -> (String, usize) {
        let mut body = Body::new(plan.topic, plan.kind, rng);
        // Links and tracked phrases go into the body wherever a paragraph takes them.
        for _ in 0..body.rng.between(1, 4) {
            if let Some(t) = self.link_target(me, body.rng) {
                let l = self.link(me, t, body.rng);
                body.pending.push(l);
            }
        }
        for phrase in &vocab().key_phrases {
            if body.rng.chance(phrase.chance) {
                let s = fill_one(body.rng.word(&phrase.sentences), body.rng);
                body.pending.push(s);
            }
        }
        let target = mean_han(plan.kind) * body.rng.between(60, 140) as usize / 100;
        body.write(plan, target, image);
        (body.out, body.han)
    }
}

/// A body in the making: Markdown text, its Han character count, and sentences (links,
/// tracked phrases) still waiting for a paragraph.
struct Body<'r> {
    topic: &'static Topic,
    kind: Kind,
    rng: &'r mut Rng,
    out: String,
    han: usize,
    pending: Vec<String>,
    footnote: Option<String>,
    /// Sentence templates already on this page.
    used: Vec<&'static str>,
}

impl<'r> Body<'r> {
    fn new(topic: &'static Topic, kind: Kind, rng: &'r mut Rng) -> Body<'r> {
        Body {
            topic,
            kind,
            rng,
            out: String::with_capacity(4096),
            han: 0,
            pending: Vec::new(),
            footnote: None,
            used: Vec::new(),
        }
    }

    fn push(&mut self, s: &str) {
        self.han += s.chars().filter(|c| is_han(*c)).count();
        self.out.push_str(s);
    }

    fn write(&mut self, plan: &Plan, target: usize, image: Option<&str>) {
        let words = &vocab().words;
        let parts = plan.headings.len() + 1;
        let quota = |k: usize| target * (k + 1) / parts;
        match self.kind {
            Kind::Faq => {
                let answer = fill_one(self.rng.word(&words.faq_answers), self.rng);
                self.push(&format!("**{answer}**\n\n"));
            }
            Kind::Story => {
                if let Some(file) = image {
                    let alt = fill_one(self.rng.word(&words.image_alts), self.rng);
                    self.paragraph(3);
                    self.push(&format!("![{alt}]({file})\n\n"));
                }
            }
            _ => {}
        }
        while self.han < quota(0) {
            let n = self.rng.between(2, 5) as usize;
            self.paragraph(n);
        }
        if self.kind == Kind::Notice {
            self.numbered_items();
        }
        for (k, h) in plan.headings.iter().enumerate() {
            self.push(&format!("## {h}\n\n"));
            loop {
                self.section_part();
                if self.han >= quota(k + 1) {
                    break;
                }
            }
        }
        if !self.pending.is_empty() {
            self.paragraph(1);
        }
        self.closing(plan);
        if let Some(note) = self.footnote.take() {
            self.push(&format!("\n[^1]: {note}\n"));
        }
    }

    /// One block under a heading: mostly paragraphs, sometimes a list, a guide's table or
    /// a story's quote.
    fn section_part(&mut self) {
        match self.rng.below(20) {
            0..=11 => {
                let n = self.rng.between(2, 5) as usize;
                self.paragraph(n)
            }
            12..=15 => self.list(),
            16 if self.kind == Kind::Guide => self.table(),
            17 if self.kind == Kind::Story => self.quote(),
            _ => {
                let n = self.rng.between(1, 3) as usize;
                self.paragraph(n)
            }
        }
    }

    /// A notice's signature and date, an FAQ's closing line.
    fn closing(&mut self, plan: &Plan) {
        let words = &vocab().words;
        match self.kind {
            Kind::Notice => {
                self.push("遇到紧急情况，请拨打 **110**。\n\n");
                let d = plan.date.unwrap_or(NOW);
                let signature = format!(
                    "{}\n{}年{}月{}日\n",
                    words.station,
                    d.year(),
                    d.month(),
                    d.day()
                );
                self.push(&signature);
            }
            Kind::Faq => {
                let closing = fill_one(self.rng.word(&words.faq_closings), self.rng);
                self.push(&format!("{closing}\n"));
            }
            _ => {}
        }
    }

    /// One sentence: mostly from the page's topic, sometimes generic, sometimes drifting
    /// into a neighbouring topic, as real notices do.
    fn sentence(&mut self) -> String {
        let v = vocab();
        let mut template = "";
        // A few tries at a sentence this page has not used yet: pools are small, and a
        // page repeating itself would index and compress unlike real text.
        for _ in 0..4 {
            template = match self.rng.below(50) {
                0..=19 => self.rng.word(&self.topic.sentences),
                20..=48 => self.rng.word(&v.words.generic_sentences),
                _ => {
                    let other = self.rng.pick(&v.topics);
                    self.rng.word(&other.sentences)
                }
            };
            // No two pools share a sentence, so equal text is the same template.
            if !self.used.contains(&template) {
                break;
            }
        }
        self.used.push(template);
        fill_one(template, self.rng)
    }

    fn paragraph(&mut self, sentences: usize) {
        let words = &vocab().words;
        let mut p = String::new();
        if self.rng.chance(0.08) {
            p.push_str(self.rng.word(&words.bold_leads));
        }
        for _ in 0..sentences.max(1) {
            p.push_str(&self.sentence());
            if !self.pending.is_empty() && self.rng.chance(0.35) {
                let s = self.pending.swap_remove(self.rng.below(self.pending.len()));
                p.push_str(&s);
            }
        }
        if self.kind == Kind::Guide && self.footnote.is_none() && self.rng.chance(0.04) {
            p.push_str("[^1]");
            self.footnote = Some(fill_one(self.rng.word(&words.footnotes), self.rng));
        }
        // The last paragraph takes whatever is still waiting.
        if sentences == 1 {
            for s in std::mem::take(&mut self.pending) {
                p.push_str(&s);
            }
        }
        p.push_str("\n\n");
        self.push(&p);
    }

    fn list(&mut self) {
        let mut s = String::new();
        for _ in 0..self.rng.between(3, 5) {
            let item = fill_one(self.rng.word(&self.topic.sentences), self.rng);
            let item = item.trim_end_matches('。');
            let _ = writeln!(s, "- {item}；");
        }
        s.push('\n');
        self.push(&s);
    }

    fn numbered_items(&mut self) {
        let mut s = String::new();
        for n in 1..=self.rng.between(2, 5) {
            let lead = fill_one(self.rng.word(&vocab().words.notice_leads), self.rng);
            let a = self.sentence();
            let b = self.sentence();
            let _ = writeln!(s, "{n}. **{lead}。**{a}{b}");
        }
        s.push('\n');
        self.push(&s);
    }

    fn table(&mut self) {
        let words = &vocab().words;
        let mut s = String::from("| 情形 | 还要带的材料 |\n|---|---|\n");
        for _ in 0..self.rng.between(3, 5) {
            let case = fill_one(self.rng.word(&words.table_cases), self.rng);
            let a = self.rng.word(&words.slots.papers);
            let b = self.rng.word(&words.slots.papers);
            let _ = writeln!(s, "| {case} | {a}；{b}（复印件1份，原件核对） |");
        }
        s.push('\n');
        self.push(&s);
    }

    fn quote(&mut self) {
        let q = fill_one(self.rng.word(&vocab().words.quotes), self.rng);
        self.push(&format!("> {q}\n\n"));
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}
