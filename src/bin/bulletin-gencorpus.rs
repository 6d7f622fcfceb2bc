//! `bulletin-gencorpus`: write a synthetic site of a Chinese police station with N pages, the
//! corpus that every speed and size measurement of bulletin runs on (build time and memory in
//! `benches/build.rs`, `benches/peers.sh`; search index bytes per query; serve rebuild latency).
//!
//! ```text
//! bulletin-gencorpus --pages N --out DIR [--seed S]
//! cargo run --release --bin bulletin-gencorpus -- --pages 10000 --out /tmp/corpus10k
//! bulletin build --root /tmp/corpus10k --now 2026-09-25T12:00:00+08:00
//! ```
//!
//! The command line is a contract other benchmarks rely on; extend it, never change it:
//!
//! - `--pages N` (required, at least 10): content pages written, besides the five section
//!   `_index.md` files. Drafts and scheduled pages are among them (about 2%).
//! - `--out DIR` (required): created if missing. It must be empty, or a folder this tool
//!   wrote before (it holds `.bulletin-gencorpus`): then its `site.yaml` and `content/` are
//!   replaced and nothing else is touched.
//! - `--seed S` (default 1): the same N and seed give a byte-identical corpus.
//!
//! It prints one line: pages per kind and the mean number of Han characters per body.
//! Exit 0 on success, 1 when the folder cannot be written, 2 on usage errors.
//!
//! What the corpus holds: notices (35%: a few pinned, urgent, expired, scheduled, drafts),
//! guides (12%: materials, steps, where, hours, fees, duration, eligibility, related), FAQs
//! (30%, grouped by category), stories (15%, some with an SVG image beside them) and plain
//! pages (8%); tags; aliases; links between pages in every form the content contract allows
//! (`x.md`, `../guides/x.md`, `@/faq/y.md`, with `#heading` anchors that exist); Markdown
//! lists, tables, footnotes and bold. Bodies average about 930 Han characters, written from
//! a vocabulary of real station phrases, so searches have realistic hit counts: for example
//! about 20% of pages contain 国庆安保 and about 45% contain 身份证.
//!
//! Lifecycle is planned against a fixed moment, [`BUILD_NOW`]: build with
//! `--now 2026-09-25T12:00:00+08:00` to get the intended mix and figures that do not drift
//! with the calendar (a later "now" only expires more notices and publishes the scheduled
//! pages; no link points at an unpublished page, so the corpus builds either way).
//!
//! Randomness is a small xorshift generator seeded per page, so no page depends on the
//! order in which others were written and the corpus needs no crate beyond bulletin's own.

use bulletin::render::markdown::heading_id;
use bulletin::schema::Kind;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The moment the corpus's lifecycle is planned against; builds should pass it as `--now`.
const BUILD_NOW: &str = "2026-09-25T12:00:00+08:00";
/// The date part of [`BUILD_NOW`].
const NOW: Date = jiff::civil::date(2026, 9, 25);
/// The oldest notices and stories are from this day.
const FIRST_DAY: Date = jiff::civil::date(2019, 1, 1);
/// Written into the output folder so a later run knows it may replace what is there.
const MARKER: &str = ".bulletin-gencorpus";

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(why) => {
            eprintln!("bulletin-gencorpus: {why}");
            eprintln!("usage: bulletin-gencorpus --pages N --out DIR [--seed S]");
            return ExitCode::from(2);
        }
    };
    let corpus = Corpus::plan(args.pages, args.seed);
    match corpus.write(&args.out) {
        Ok(stats) => {
            println!(
                "wrote {} pages into {} ({}), {} Han characters of body per page on average; build with --now {}",
                args.pages,
                args.out.display(),
                stats.per_kind,
                stats.han_total / args.pages.max(1),
                BUILD_NOW
            );
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("bulletin-gencorpus: {why}");
            ExitCode::from(1)
        }
    }
}

struct Args {
    pages: usize,
    out: PathBuf,
    seed: u64,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let (mut pages, mut out, mut seed) = (None, None, 1u64);
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or(format!("`{flag}` needs a value"));
            match flag.as_str() {
                "--pages" => {
                    let v = value()?;
                    pages = Some(v.parse::<usize>().map_err(|_| {
                        format!("`--pages {v}`: write a whole number, e.g. --pages 10000")
                    })?);
                }
                "--out" => out = Some(PathBuf::from(value()?)),
                "--seed" => {
                    let v = value()?;
                    seed = v.parse().map_err(|_| {
                        format!("`--seed {v}`: write a whole number, e.g. --seed 1")
                    })?;
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        let pages = pages.ok_or("`--pages N` is required")?;
        if pages < 10 {
            return Err("`--pages` must be at least 10, so every kind of page is there".into());
        }
        let out = out.ok_or("`--out DIR` is required")?;
        Ok(Args { pages, out, seed })
    }
}

/// xorshift64*: tiny, fast and good enough to vary synthetic text.
struct Rng(u64);

impl Rng {
    /// One independent stream per (seed, page, purpose): splitmix64 spreads nearby inputs.
    fn new(seed: u64, page: usize, stream: u64) -> Rng {
        let mut z = seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add((page as u64).wrapping_mul(0xD1B5_4A32_D192_ED03))
            .wrapping_add(stream.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // xorshift never leaves 0.
        Rng(z | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 0..n; n must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// lo..=hi.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1).max(1) as u64) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// [`Rng::pick`] for the vocabulary, whose call sites want `&str`, not `&&str`.
    fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

/// Share of the pages, and the mean Han characters of a body, per kind: together they give
/// the corpus its ~930 characters a page.
const MIX: [(Kind, f64, usize); 5] = [
    (Kind::Notice, 0.35, 750),
    (Kind::Guide, 0.12, 1000),
    (Kind::Faq, 0.30, 680),
    (Kind::Story, 0.15, 1350),
    (Kind::Page, 0.08, 980),
];

fn mean_han(kind: Kind) -> usize {
    MIX.iter().find(|(k, _, _)| *k == kind).map_or(900, |m| m.2)
}

/// Everything about a page that other pages need before any body is written: where it
/// is, whether it is published, and its headings (links may point at them).
struct Plan {
    kind: Kind,
    topic: &'static Topic,
    /// Path under content/, e.g. `guides/hukou-qianru-12.md`.
    path: String,
    /// An ASCII name unique in the corpus, for slugs and aliases (the file name may be
    /// Chinese).
    ascii_name: String,
    /// Position among the pages of its kind.
    nth: usize,
    title: String,
    headings: Vec<String>,
    date: Option<Date>,
    draft: bool,
}

impl Plan {
    fn published(&self) -> bool {
        !self.draft && self.date.is_none_or(|d| d <= NOW)
    }
}

struct Corpus {
    seed: u64,
    plans: Vec<Plan>,
    /// Indexes of published pages: the only ones a link or `related` may name.
    linkable: Vec<usize>,
    /// The first few published guides and pages, linked far more often than the rest, as
    /// on a real site.
    popular: Vec<usize>,
}

struct Stats {
    han_total: usize,
    per_kind: String,
}

impl Corpus {
    fn plan(pages: usize, seed: u64) -> Corpus {
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

    fn write(&self, out: &Path) -> Result<Stats, String> {
        prepare_out(out)?;
        let content = out.join("content");
        write_file(&out.join("site.yaml"), SITE_YAML)?;
        for (section, index) in SECTION_INDEXES {
            write_file(&content.join(section).join("_index.md"), index)?;
        }
        let mut han_total = 0;
        for (i, plan) in self.plans.iter().enumerate() {
            let mut rng = Rng::new(self.seed, i, 1);
            let page = self.page(i, plan, &mut rng);
            han_total += page.han;
            let path = content.join(&plan.path);
            write_file(&path, &page.text)?;
            if let Some(image) = page.image {
                write_file(&path.with_file_name(image), &svg(plan.topic.name))?;
            }
        }
        let count = |k: Kind| self.plans.iter().filter(|p| p.kind == k).count();
        let per_kind = format!(
            "{} notices, {} guides, {} FAQs, {} stories, {} pages; {} unpublished",
            count(Kind::Notice),
            count(Kind::Guide),
            count(Kind::Faq),
            count(Kind::Story),
            count(Kind::Page),
            self.plans.len() - self.linkable.len()
        );
        Ok(Stats {
            han_total,
            per_kind,
        })
    }

    /// A random published page other than `me`, favouring the popular ones.
    fn link_target(&self, me: usize, rng: &mut Rng) -> Option<usize> {
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
    fn link(&self, me: usize, t: usize, rng: &mut Rng) -> String {
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
        let template = rng.word(LINK_SENTENCES);
        template.replace("{link}", &format!("[{text}]({href})"))
    }

    fn page(&self, me: usize, plan: &Plan, rng: &mut Rng) -> Page {
        let mut fm = FrontMatter::default();
        fm.line("title", &yaml_text(&plan.title));
        let topic = plan.topic;
        let mut image = None;
        match plan.kind {
            Kind::Notice => self.notice_front(plan, rng, &mut fm),
            Kind::Guide => self.guide_front(me, rng, &mut fm),
            Kind::Faq => {
                if rng.chance(0.5) {
                    fm.line("summary", &yaml_text(&summary(topic, rng)));
                }
                fm.line("tags", &tags(topic, rng));
                fm.line("category", topic.category);
                if rng.chance(0.3) {
                    fm.line("weight", &rng.between(1, 30).to_string());
                }
            }
            Kind::Story => {
                let time = if rng.chance(0.3) {
                    format!(" {:02}:{:02}", rng.between(7, 21), 10 * rng.between(0, 5))
                } else {
                    String::new()
                };
                fm.line("date", &format!("{}{time}", date_text(plan.date)));
                fm.line("summary", &yaml_text(&summary(topic, rng)));
                fm.line("tags", &tags(topic, rng));
                fm.line("category", topic.category);
                if rng.chance(0.1) {
                    let file = format!("{}.svg", plan.ascii_name);
                    fm.line("image", &file);
                    fm.line(
                        "image_alt",
                        &yaml_text(&fill_one(rng.word(IMAGE_ALTS), rng)),
                    );
                    image = Some(file);
                }
            }
            Kind::Page => {
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
        }
        if plan.draft {
            fm.line("draft", "true");
        }
        let mut body = Body::new(topic, plan.kind, rng);
        // Links and tracked phrases go into the body wherever a paragraph takes them.
        for _ in 0..body.rng.between(1, 4) {
            if let Some(t) = self.link_target(me, body.rng) {
                let l = self.link(me, t, body.rng);
                body.pending.push(l);
            }
        }
        for (_, p, sentences) in KEY_PHRASES {
            if body.rng.chance(*p) {
                let s = fill_one(body.rng.word(sentences), body.rng);
                body.pending.push(s);
            }
        }
        let target = mean_han(plan.kind) * body.rng.between(60, 140) as usize / 100;
        body.write(plan, target, image.as_deref());
        let han = body.han;
        Page {
            text: format!("---\n{}---\n\n{}", fm.0, body.out),
            han,
            image,
        }
    }

    fn notice_front(&self, plan: &Plan, rng: &mut Rng, fm: &mut FrontMatter) {
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
        fm.line("category", plan.topic.category);
    }

    fn guide_front(&self, me: usize, rng: &mut Rng, fm: &mut FrontMatter) {
        let topic = self.plans[me].topic;
        fm.line("summary", &yaml_text(&summary(topic, rng)));
        fm.line("tags", &tags(topic, rng));
        fm.line("category", topic.category);
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
            &yaml_text(&fill_one(rng.word(ELIGIBILITY), rng)),
        );
        fm.line("where", &yaml_text(&fill_one(rng.word(WHERE), rng)));
        fm.line("hours", &yaml_text(rng.word(HOURS)));
        fm.line("fees", &yaml_text(rng.word(FEES)));
        fm.line("duration", &yaml_text(rng.word(DURATION)));
        fm.0.push_str("materials:\n");
        let mut materials: Vec<&Material> = topic.materials.iter().collect();
        materials.extend(COMMON_MATERIALS.iter().filter(|_| rng.chance(0.5)));
        for m in materials {
            if rng.chance(0.6) {
                let mut item = format!("  - {{ name: {}", m.0);
                if !m.1.is_empty() {
                    let _ = write!(item, ", note: {}", m.1);
                }
                if m.2 {
                    item.push_str(", original: true");
                } else {
                    let _ = write!(item, ", copies: {}, original: false", rng.between(1, 2));
                }
                item.push_str(" }\n");
                fm.0.push_str(&item);
            } else {
                let _ = writeln!(fm.0, "  - {}", m.0);
            }
        }
        fm.0.push_str("steps:\n");
        let steps = rng.between(3, 6) as usize;
        for step in STEPS
            .iter()
            .skip(rng.below(STEPS.len() - steps))
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

fn plan_page(kind: Kind, index: usize, nth: usize, rng: &mut Rng) -> Plan {
    let topic = rng.pick(TOPICS);
    let (title, date, draft) = match kind {
        Kind::Notice => {
            // The first notices are recent so that the pinned and urgent ones are in effect.
            let date = if nth < 3 {
                NOW.saturating_add(jiff::Span::new().days(-2 - nth as i64))
            } else {
                random_day(rng, 60)
            };
            (
                fill_with_year(rng.word(topic.notice_titles), date, rng),
                Some(date),
                nth >= 3 && rng.chance(0.015),
            )
        }
        Kind::Guide => (fill_one(rng.word(topic.guide_titles), rng), None, false),
        Kind::Faq => (
            fill_one(rng.word(topic.questions), rng),
            None,
            rng.chance(0.01),
        ),
        Kind::Story => (
            fill_one(rng.word(STORY_TITLES), rng),
            Some(random_day(rng, 30)),
            rng.chance(0.01),
        ),
        Kind::Page => (fill_one(rng.word(PAGE_TITLES), rng), None, false),
    };
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
            topic.headings
        } else if kind == Kind::Story {
            STORY_HEADINGS
        } else {
            GENERIC_HEADINGS
        };
        let h = fill_one(rng.word(pool), rng);
        // Anchors must be unique on the page, or links to them would be ambiguous.
        let id = heading_id(&h);
        if !ids.contains(&id) {
            ids.push(id);
            headings.push(h);
        }
    }
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

struct Page {
    text: String,
    han: usize,
    image: Option<String>,
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
        let parts = plan.headings.len() + 1;
        let quota = |k: usize| target * (k + 1) / parts;
        match self.kind {
            Kind::Faq => {
                let answer = fill_one(self.rng.word(FAQ_ANSWERS), self.rng);
                self.push(&format!("**{answer}**\n\n"));
            }
            Kind::Story => {
                if let Some(file) = image {
                    let alt = fill_one(self.rng.word(IMAGE_ALTS), self.rng);
                    self.paragraph(3);
                    self.push(&format!("![{alt}]({file})\n\n"));
                }
            }
            _ => {}
        }
        while self.han < quota(0) {
            {
                let n = self.rng.between(2, 5) as usize;
                self.paragraph(n)
            };
        }
        if self.kind == Kind::Notice {
            self.numbered_items();
        }
        for (k, h) in plan.headings.iter().enumerate() {
            self.push(&format!("## {h}\n\n"));
            loop {
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
                if self.han >= quota(k + 1) {
                    break;
                }
            }
        }
        if !self.pending.is_empty() {
            self.paragraph(1);
        }
        match self.kind {
            Kind::Notice => {
                self.push("遇到紧急情况，请拨打 **110**。\n\n");
                let d = plan.date.unwrap_or(NOW);
                let signature = format!("{STATION}\n{}年{}月{}日\n", d.year(), d.month(), d.day());
                self.push(&signature);
            }
            Kind::Faq => {
                let closing = fill_one(self.rng.word(FAQ_CLOSINGS), self.rng);
                self.push(&format!("{closing}\n"));
            }
            _ => {}
        }
        if let Some(note) = self.footnote.take() {
            self.push(&format!("\n[^1]: {note}\n"));
        }
    }

    /// One sentence: mostly from the page's topic, sometimes generic, sometimes drifting
    /// into a neighbouring topic, as real notices do.
    fn sentence(&mut self) -> String {
        let mut template = "";
        // A few tries at a sentence this page has not used yet: pools are small, and a
        // page repeating itself would index and compress unlike real text.
        for _ in 0..4 {
            template = match self.rng.below(50) {
                0..=19 => self.rng.word(self.topic.sentences),
                20..=48 => self.rng.word(GENERIC_SENTENCES),
                _ => {
                    let other = self.rng.pick(TOPICS);
                    self.rng.word(other.sentences)
                }
            };
            if !self.used.iter().any(|u| std::ptr::eq(*u, template)) {
                break;
            }
        }
        self.used.push(template);
        fill_one(template, self.rng)
    }

    fn paragraph(&mut self, sentences: usize) {
        let mut p = String::new();
        if self.rng.chance(0.08) {
            p.push_str(self.rng.word(BOLD_LEADS));
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
            self.footnote = Some(fill_one(self.rng.word(FOOTNOTES), self.rng));
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
            let item = fill_one(self.rng.word(self.topic.sentences), self.rng);
            let item = item.trim_end_matches('。');
            let _ = writeln!(s, "- {item}；");
        }
        s.push('\n');
        self.push(&s);
    }

    fn numbered_items(&mut self) {
        let mut s = String::new();
        for n in 1..=self.rng.between(2, 5) {
            let lead = fill_one(self.rng.word(NOTICE_LEADS), self.rng);
            let a = self.sentence();
            let b = self.sentence();
            let _ = writeln!(s, "{n}. **{lead}。**{a}{b}");
        }
        s.push('\n');
        self.push(&s);
    }

    fn table(&mut self) {
        let mut s = String::from("| 情形 | 还要带的材料 |\n|---|---|\n");
        for _ in 0..self.rng.between(3, 5) {
            let case = fill_one(self.rng.word(TABLE_CASES), self.rng);
            let a = self.rng.word(PAPERS);
            let b = self.rng.word(PAPERS);
            let _ = writeln!(s, "| {case} | {a}；{b}（复印件1份，原件核对） |");
        }
        s.push('\n');
        self.push(&s);
    }

    fn quote(&mut self) {
        let q = fill_one(self.rng.word(QUOTES), self.rng);
        self.push(&format!("> {q}\n\n"));
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Front matter lines, in the order staff usually write them.
#[derive(Default)]
struct FrontMatter(String);

impl FrontMatter {
    fn line(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key}: {value}");
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
    let mut tags: Vec<String> = Vec::new();
    let n = rng.between(2, 4);
    for _ in 0..n {
        let t = rng.word(topic.tags).to_string();
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if rng.chance(0.5) {
        tags.push(rng.word(GENERAL_TAGS).to_string());
    }
    if rng.chance(0.2) {
        tags.push(format!("{}社区", rng.word(COMMUNITIES)));
    }
    tags.dedup();
    format!("[{}]", tags.join(", "))
}

fn summary(topic: &Topic, rng: &mut Rng) -> String {
    let mut s = fill_one(rng.word(topic.sentences), rng);
    if rng.chance(0.5) {
        s.push_str(&fill_one(rng.word(GENERIC_SENTENCES), rng));
    }
    s
}

fn date_text(d: Option<Date>) -> String {
    d.unwrap_or(NOW).to_string()
}

/// A day between [`FIRST_DAY`] and `after` days past [`NOW`].
fn random_day(rng: &mut Rng, after: i64) -> Date {
    let span = NOW.since(FIRST_DAY).map_or(2000, |s| s.get_days() as i64);
    FIRST_DAY.saturating_add(jiff::Span::new().days(rng.between(0, span + after)))
}

fn days_before_now(rng: &mut Rng, most: i64) -> Date {
    NOW.saturating_add(jiff::Span::new().days(-rng.between(0, most)))
}

/// A notice title, with `{年}` taken from the notice's own date so titles agree with it.
fn fill_with_year(template: &str, date: Date, rng: &mut Rng) -> String {
    fill_one(&template.replace("{年}", &date.year().to_string()), rng)
}

/// Fill the `{slot}`s of a template from the pools below.
fn fill_one(template: &str, rng: &mut Rng) -> String {
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
        match name {
            "社区" => out.push_str(rng.word(COMMUNITIES)),
            "姓" => out.push_str(rng.word(SURNAMES)),
            "名" => out.push_str(rng.word(GIVEN_NAMES)),
            "称呼" => out.push_str(rng.word(ADDRESS_TERMS)),
            "地点" => out.push_str(rng.word(PLACES)),
            "时段" => out.push_str(rng.word(TIMES_OF_DAY)),
            "物品" => out.push_str(rng.word(ITEMS)),
            "证件" => out.push_str(rng.word(PAPERS)),
            "单位" => out.push_str(rng.word(BODIES)),
            "路" => out.push_str(rng.word(ROADS)),
            "年" => {
                let _ = write!(out, "{}", rng.between(2019, 2026));
            }
            "月" => {
                let _ = write!(out, "{}", rng.between(1, 12));
            }
            "日" => {
                let _ = write!(out, "{}", rng.between(1, 28));
            }
            "时" => {
                let _ = write!(out, "{}:{:02}", rng.between(7, 21), 10 * rng.between(0, 5));
            }
            "n" => {
                let _ = write!(out, "{}", rng.between(2, 30));
            }
            "窗" => {
                let _ = write!(out, "{}", rng.between(1, 6));
            }
            "岁" => {
                let _ = write!(out, "{}", rng.between(60, 89));
            }
            _ => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn svg(label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"360\" viewBox=\"0 0 640 360\">\
         <rect width=\"640\" height=\"360\" fill=\"#dfe8f2\"/>\
         <text x=\"320\" y=\"190\" font-size=\"40\" text-anchor=\"middle\" fill=\"#1d3a5c\">{label}</text></svg>\n"
    )
}

/// Refuse to write into a folder that holds something else; clear our own previous corpus.
fn prepare_out(out: &Path) -> Result<(), String> {
    let shown = out.display();
    if out.exists() {
        let mut entries = std::fs::read_dir(out)
            .map_err(|e| format!("cannot read {shown}: {e}"))?
            .peekable();
        let ours = out.join(MARKER).is_file();
        if entries.peek().is_some() && !ours {
            return Err(format!(
                "{shown} is not empty and was not written by bulletin-gencorpus: give an empty or new folder"
            ));
        }
        if ours {
            let content = out.join("content");
            if content.exists() {
                std::fs::remove_dir_all(&content)
                    .map_err(|e| format!("cannot clear {}: {e}", content.display()))?;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {shown}: {e}"))?;
    write_file(
        &out.join(MARKER),
        "written by bulletin-gencorpus; running it again replaces site.yaml and content/\n",
    )
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------
// Vocabulary. Every Chinese phrase below is written as a station would write it; `{…}`
// slots are filled from the pools at the end.

const STATION: &str = "柳湾派出所";

const SITE_YAML: &str = "\
# A synthetic station site written by bulletin-gencorpus (benchmark corpus).
title: 柳湾派出所
description: 江城市公安局河畔分局柳湾派出所：通知公告、办事指南、常见问题和警民故事。
language: zh-CN
timezone: Asia/Shanghai
base_url: https://liuwan.example.org/
theme: default
contact:
  emergency: \"110\"
  phone: \"012-3456 7890\"
  address: 江城市河畔区柳湾路88号
  hours: \"户籍窗口 周一至周五 9:00-17:00，周六 9:00-12:00\"
footer:
  icp: 江ICP备00000000号-1
  psb: 江公网安备00000000000000号
menu:
  - { title: 通知公告, section: notices }
  - { title: 办事指南, section: guides }
  - { title: 常见问题, section: faq }
  - { title: 警民故事, section: stories }
  - { title: 关于我们, section: pages }
";

const SECTION_INDEXES: [(&str, &str); 5] = [
    (
        "notices",
        "---\ntitle: 通知公告\nsummary: 节假日安保、办公时间调整、失物招领、防诈骗提醒等通知。\nweight: 1\npaginate: 20\n---\n\n这里发布柳湾派出所的各类通知。置顶的通知排在最前面，到期的通知移入往期通知，页面仍然保留。\n",
    ),
    (
        "guides",
        "---\ntitle: 办事指南\nsummary: 户口、身份证、居住证、各类证明的材料清单和办理流程。\nweight: 2\npaginate: 20\n---\n\n每份指南的开头都是一张材料清单：带什么、要原件还是复印件、到哪个窗口办、几点开门、收不收费。\n",
    ),
    (
        "faq",
        "---\ntitle: 常见问题\nsummary: 居民最常问的问题和简短回答。\nweight: 3\n---\n\n这里收集了大家在窗口、电话和社区警务室里问得最多的问题，按类别排列。\n",
    ),
    (
        "stories",
        "---\ntitle: 警民故事\nsummary: 民警和居民之间的真实故事。\nweight: 4\npaginate: 20\n---\n\n记录辖区民警、辅警和居民一起经历的平常日子。\n",
    ),
    (
        "pages",
        "---\ntitle: 关于我们\nsummary: 派出所简介、社区警务室、联系方式。\nweight: 5\n---\n\n柳湾派出所的基本情况和联系方式。\n",
    ),
];

/// A material: name, note, whether the original is needed (else copies).
type Material = (&'static str, &'static str, bool);

struct Topic {
    slug: &'static str,
    name: &'static str,
    category: &'static str,
    tags: &'static [&'static str],
    notice_titles: &'static [&'static str],
    guide_titles: &'static [&'static str],
    questions: &'static [&'static str],
    headings: &'static [&'static str],
    sentences: &'static [&'static str],
    materials: &'static [Material],
}

/// Phrases whose document frequency search benchmarks rely on, with the chance that a page
/// gets one extra sentence holding it (topic text adds more: see the module doc for the
/// resulting shares).
const KEY_PHRASES: &[(&str, f64, &[&str])] = &[
    (
        "国庆安保",
        0.13,
        &[
            "国庆安保期间，辖区重点部位实行24小时巡逻，请大家配合安全检查。",
            "每年国庆安保期间，户籍大厅的办公时间会提前在网站上公布，请留意。",
            "{社区}社区的治安志愿者也加入了国庆安保巡逻，在小区门口协助登记来访车辆。",
            "国庆安保工作启动后，{地点}增设了临时执勤点，民警和辅警轮班值守。",
            "今年国庆安保的重点是人员密集场所和烟花爆竹禁放，请大家相互提醒。",
        ],
    ),
    (
        "户口迁入",
        0.03,
        &[
            "办理户口迁入前，请先对照办事指南准备好材料，免得来回跑。",
            "户口迁入审核通过后，窗口会电话或短信通知您来办理落户。",
        ],
    ),
    (
        "居住证",
        0.06,
        &[
            "外地来江城工作、生活的朋友，住满半年就可以申领居住证。",
            "居住证可以在社区警务室受理，不用专门跑到派出所。",
            "孩子入学、办理社保和公积金，很多时候都要用到居住证。",
        ],
    ),
    (
        "身份证",
        0.05,
        &[
            "来窗口办事请带好本人身份证原件，代办的还要带代办人的身份证。",
            "身份证丢了请及时挂失，补领期间可以申请临时身份证应急。",
            "身份证有效期快到了的，可以提前三个月申请换领。",
        ],
    ),
    (
        "安全账户",
        0.04,
        &[
            "公安机关没有所谓“安全账户”，凡是让您转账到安全账户的都是诈骗。",
            "接到自称公检法的电话，要求把钱转到安全账户的，请马上挂断并拨打110。",
        ],
    ),
    (
        "社区警务室",
        0.05,
        &[
            "白天上班走不开的居民，可以在工作日晚上到社区警务室找民警。",
            "{社区}社区警务室每周二、周四晚上有民警值守，可以咨询户籍和证件业务。",
            "社区警务室的地址和值守时间，贴在每个单元门口的警民联系卡上。",
        ],
    ),
    (
        "电信诈骗",
        0.05,
        &[
            "电信诈骗的手法不断翻新，但只要不转账、不透露验证码，就不会上当。",
            "下载国家反诈中心App，可以在接到可疑来电时收到预警提示。",
        ],
    ),
    (
        "跨省通办",
        0.02,
        &["江城市已经和大部分省份开通了户口迁移跨省通办，不用再回原籍开证明。"],
    ),
];

const TOPICS: &[Topic] = &[
    Topic {
        slug: "hukou-qianru",
        name: "户口迁入",
        category: "户籍",
        tags: &["户口迁入", "迁户口", "落户", "户籍", "材料清单"],
        notice_titles: &[
            "关于{年}年户口迁入业务调整的通知",
            "{年}年人才引进落户办理时间安排",
            "户口迁入跨省通办业务上线公告",
        ],
        guide_titles: &[
            "户口迁入（就业落户）",
            "户口迁入（投靠亲属）",
            "户口迁入（购房落户）",
            "户口迁入（人才引进）",
        ],
        questions: &[
            "户口迁入要带什么材料？",
            "没有居住证可以办户口迁入吗？",
            "投靠父母落户需要什么条件？",
            "户口迁入多久能办好？",
            "外省的户口能直接迁到江城吗？",
        ],
        headings: &[
            "户口迁入要带什么",
            "不同落户类型要补充的材料",
            "委托他人代办",
            "办完以后",
            "跨省通办怎么办",
        ],
        sentences: &[
            "户口迁入要带的材料，以办事指南里的清单为准，拿不准的先打电话问窗口。",
            "就业落户需要劳动合同和在本市连续缴纳社会保险满两年的证明。",
            "投靠配偶的，请带上结婚证以及配偶的户口簿和身份证。",
            "购房落户要求房屋登记在本人名下，并持有有效的居住证。",
            "材料齐全的，户口迁入一般在5个工作日内办结，需要上级审批的约20个工作日。",
            "落户当天可以一并申请换领新地址的居民身份证。",
            "户口迁入审核时，民警会一次性告诉您还缺哪些材料。",
            "{社区}社区的{姓}{称呼}拿着购房合同来到{窗}号窗口，询问户口迁入的流程。",
            "社保缴费证明可以在江城人社App或社保窗口自助打印。",
        ],
        materials: &[
            ("原籍居民户口簿", "本人所在的那一本", true),
            ("住所证明", "不动产权证书或购房合同", false),
            ("落户依据材料", "按落户类型准备", false),
        ],
    },
    Topic {
        slug: "hukou-qianchu",
        name: "户口迁出",
        category: "户籍",
        tags: &["户口迁出", "迁户口", "户籍", "准迁证"],
        notice_titles: &[
            "关于规范户口迁出手续的通知",
            "{年}年高校新生户口迁出办理提示",
        ],
        guide_titles: &[
            "户口迁出",
            "户口迁出（考入外地院校）",
            "户口迁出（出国定居）",
        ],
        questions: &[
            "户口迁出还要回原籍吗？",
            "考上外地大学，户口要不要迁走？",
            "户口迁出后原来的户口簿怎么办？",
        ],
        headings: &["哪些情况要办迁出", "迁出要带的材料", "迁出以后要注意什么"],
        sentences: &[
            "已开通跨省通办的地区，迁入地直接办理，不用回原籍开具迁移证。",
            "考入外地院校的学生，户口可以迁往学校，也可以留在原籍。",
            "户口迁出后，原户口簿上本人的那一页会加盖迁出章。",
            "出国定居的，需要注销户口，请带上护照和定居证明。",
            "户口迁出不收取任何费用，请不要相信所谓的代办中介。",
            "{姓}同学考上了外地的大学，家长来窗口咨询户口迁出的手续。",
        ],
        materials: &[
            ("居民户口簿", "全家那一本", true),
            ("准予迁入证明", "未开通跨省通办的地区需要", true),
        ],
    },
    Topic {
        slug: "chusheng-dengji",
        name: "出生登记",
        category: "户籍",
        tags: &["出生登记", "新生儿", "上户口", "户籍"],
        notice_titles: &[
            "新生儿出生登记“一件事”办理指引",
            "关于{年}年新生儿户口登记的温馨提示",
        ],
        guide_titles: &[
            "新生儿出生登记",
            "出生登记（非婚生育）",
            "出生登记（在外地出生）",
        ],
        questions: &[
            "孩子出生多久要上户口？",
            "新生儿上户口可以随父亲吗？",
            "孩子在外地出生，能在这里上户口吗？",
        ],
        headings: &["出生登记要带什么", "随父还是随母", "网上办理出生登记"],
        sentences: &[
            "新生儿出生后，请在一个月内凭出生医学证明办理出生登记。",
            "孩子可以随父亲或母亲一方登记常住户口，由父母协商决定。",
            "出生登记可以通过江城警民通App网上申请，审核后到窗口领取户口簿。",
            "超过一个月未办理的，也可以补办，不收取任何费用。",
            "{姓}{称呼}抱着刚满月的孩子来窗口，为孩子办理出生登记。",
            "在外地医院出生的孩子，同样可以回父母户口所在地办理登记。",
        ],
        materials: &[
            ("出生医学证明", "医院出具", true),
            ("父母的居民户口簿", "", true),
            ("父母的结婚证", "", false),
        ],
    },
    Topic {
        slug: "shenfenzheng",
        name: "身份证",
        category: "身份证",
        tags: &["身份证", "换领", "补领", "证件"],
        notice_titles: &[
            "关于居民身份证异地受理的通知",
            "{年}年暑期学生身份证办理专场",
            "居民身份证到期换领提醒",
        ],
        guide_titles: &[
            "身份证换领",
            "身份证补领",
            "身份证异地办理",
            "十六周岁以下儿童申领身份证",
        ],
        questions: &[
            "身份证丢了怎么办？",
            "身份证快到期了，什么时候可以换？",
            "外地户口能在这里办身份证吗？",
            "孩子多大可以办身份证？",
            "身份证多久能拿到？",
        ],
        headings: &[
            "身份证丢了先挂失",
            "换领和补领有什么不同",
            "异地办理身份证",
            "领取身份证",
        ],
        sentences: &[
            "居民身份证有效期满前三个月，就可以申请换领。",
            "身份证丢失后，请先拨打110或到窗口挂失，防止被他人冒用。",
            "外省户籍的居民，可以在本市任一户籍窗口申请异地换领、补领身份证。",
            "办理身份证需要采集照片和指纹，必须本人到场。",
            "身份证制好后，可以选择邮寄到家，也可以到窗口领取。",
            "十六周岁以下的孩子申领身份证，需要监护人陪同。",
            "换领身份证收费20元，补领收费40元，临时身份证收费10元。",
            "{称呼}在{地点}丢了钱包，连同身份证一起找不到了，赶紧来所里挂失。",
        ],
        materials: &[
            ("原居民身份证", "换领时交回", true),
            ("居民户口簿", "", true),
        ],
    },
    Topic {
        slug: "linshi-shenfenzheng",
        name: "临时身份证",
        category: "身份证",
        tags: &["临时身份证", "身份证", "乘车证明", "证件"],
        notice_titles: &[
            "临时身份证当场办理服务上线",
            "春运期间临时乘车身份证明办理点公告",
        ],
        guide_titles: &["临时身份证", "临时乘车身份证明"],
        questions: &[
            "临时身份证能坐飞机吗？",
            "临时身份证当天能拿到吗？",
            "临时身份证有效期多久？",
        ],
        headings: &[
            "谁可以办临时身份证",
            "临时身份证能用在哪里",
            "急着坐车怎么办",
        ],
        sentences: &[
            "临时身份证有效期三个月，可以用于乘坐火车、飞机和办理银行业务。",
            "正在办理身份证期间急需用证的，可以同时申请临时身份证。",
            "临时身份证一般当场制证，请预留半个小时左右的时间。",
            "急着赶车的，可以到车站公安制证点办理临时乘车身份证明。",
            "{姓}{称呼}第二天一早要坐飞机出差，晚上才发现身份证找不到了。",
        ],
        materials: &[("居民户口簿", "或其他能证明身份的材料", true)],
    },
    Topic {
        slug: "juzhuzheng",
        name: "居住证",
        category: "居住证",
        tags: &["居住证", "居住登记", "外来人员", "积分入学"],
        notice_titles: &[
            "关于{年}年居住证签注集中办理的通知",
            "居住证网上申领服务开通公告",
            "积分入学居住证办理时间提醒",
        ],
        guide_titles: &["居住证申领", "居住证签注", "居住登记"],
        questions: &[
            "居住证要住满多久才能办？",
            "居住证每年都要签注吗？",
            "租房住能办居住证吗？",
            "孩子上学要用居住证，来得及吗？",
            "居住证丢了怎么补？",
        ],
        headings: &[
            "申领居住证的条件",
            "租房的怎么证明住所",
            "居住证签注",
            "居住证能办什么",
        ],
        sentences: &[
            "来江城居住满半年，有合法稳定就业、住所或者连续就读的，可以申领居住证。",
            "租房居住的，带上房屋租赁合同和房东的房产证复印件即可。",
            "居住证每年签注一次，签注可以在社区警务室或江城警民通App上办理。",
            "持有居住证，可以在本市办理孩子入学、社保和机动车登记等事项。",
            "居住证从受理到领证一般需要15个工作日。",
            "{社区}社区的{姓}{称呼}在江城打工三年了，今年想为孩子办积分入学。",
            "首次申领居住证免费，丢失补领的收取工本费20元。",
        ],
        materials: &[
            ("居住登记凭证", "社区警务室出具", true),
            ("房屋租赁合同", "租房的需要", false),
            ("劳动合同或营业执照", "就业的需要", false),
        ],
    },
    Topic {
        slug: "wufanzui-zhengming",
        name: "无犯罪记录证明",
        category: "证明",
        tags: &["无犯罪记录证明", "证明", "开证明", "求职"],
        notice_titles: &[
            "无犯罪记录证明网上申请服务公告",
            "关于规范各类证明开具的通知",
        ],
        guide_titles: &["无犯罪记录证明", "亲属关系证明", "户籍证明"],
        questions: &[
            "无犯罪记录证明去哪里开？",
            "无犯罪记录证明要多久？",
            "单位让我开的证明派出所不给开，怎么办？",
        ],
        headings: &["哪里可以开", "需要多长时间", "哪些证明不再开具"],
        sentences: &[
            "无犯罪记录证明可以在户籍所在地或居住地的派出所申请。",
            "材料齐全的，无犯罪记录证明一般3个工作日内出具。",
            "根据有关规定，“我是我”“我妈是我妈”这类证明派出所不再开具。",
            "需要到国外使用的无犯罪记录证明，还要办理公证和认证。",
            "{姓}{称呼}应聘一家物流公司，单位要求提供无犯罪记录证明。",
            "亲属关系能在户口簿上看出来的，请直接出示户口簿，不需要再开证明。",
        ],
        materials: &[
            ("申请表", "窗口领取或网上下载", true),
            ("用途说明", "单位出具的函件", false),
        ],
    },
    Topic {
        slug: "fanzha",
        name: "防范电信诈骗",
        category: "治安与防骗",
        tags: &["防骗", "电信诈骗", "冒充公检法", "安全账户", "刷单"],
        notice_titles: &[
            "警惕冒充公检法诈骗的紧急提醒",
            "{年}年第{n}期反诈预警：刷单返利骗局",
            "关于防范养老诈骗的通告",
            "暑期防范网络游戏诈骗提示",
        ],
        guide_titles: &["被骗了怎么报警", "如何安装国家反诈中心App"],
        questions: &[
            "接到自称公安的电话让我转账到安全账户，是真的吗？",
            "被骗了钱还能追回来吗？",
            "刷单返利是不是骗局？",
            "有人让我下载App开视频会议，要不要听？",
            "家里老人总接到推销保健品的电话，怎么办？",
        ],
        headings: &[
            "常见的骗局",
            "接到可疑电话怎么办",
            "被骗了马上做什么",
            "给老人的提醒",
        ],
        sentences: &[
            "公安机关不会通过电话、微信或视频办案，更不会让您转账。",
            "凡是让您下载App、开视频会议、共享屏幕的，都是骗子。",
            "对方能说出您的姓名和身份证号，也不能说明他是警察。",
            "已经转了钱的，请立即拨打110报警，越快越有希望止付。",
            "刷单返利是最常见的电信诈骗之一，前几单返钱都是诱饵。",
            "{岁}岁的{姓}大爷差点把存款转给骗子，银行柜员发现后报了警。",
            "民警走进{社区}社区，给老人们讲解冒充公检法诈骗的手法。",
            "请提醒家里的老人，陌生人打电话说要“保密”的，一定先问家人。",
        ],
        materials: &[
            ("转账记录", "银行流水或截图", false),
            ("聊天记录", "截图", false),
        ],
    },
    Topic {
        slug: "jieri-anbao",
        name: "节日安保",
        category: "节日安保",
        tags: &["节日安保", "国庆安保", "春节", "巡逻", "大型活动"],
        notice_titles: &[
            "{年}年国庆假期安保工作通告",
            "{年}年春节期间安全防范提示",
            "关于{年}年元旦期间户籍窗口办公安排的通知",
            "{年}年国庆安保期间交通管制公告",
        ],
        guide_titles: &["大型活动安全许可申请"],
        questions: &[
            "国庆期间户籍窗口上班吗？",
            "节假日遇到急事找谁？",
            "小区搞活动要不要报备？",
        ],
        headings: &["安保期间的措施", "出行提醒", "户籍窗口安排", "志愿者巡逻"],
        sentences: &[
            "国庆安保期间，全所民警、辅警取消休假，在重点区域开展不间断巡逻。",
            "国庆安保工作从{月}月{日}日开始，一直持续到假期结束。",
            "{地点}设置了执勤点，对随身携带的大件物品进行安全检查，请预留出行时间。",
            "外出游玩请照看好老人和孩子，在人多的地方看管好随身财物。",
            "离家前请关好门窗、水电燃气，长时间外出的可以请邻居帮忙照看。",
            "节假日期间户籍大厅暂停办公，急需证件的可以到车站公安制证点办理。",
            "{社区}社区的平安志愿者每天{时}开始在小区里巡逻。",
        ],
        materials: &[
            ("活动方案", "写明时间、地点、人数", false),
            ("安全保卫方案", "", false),
        ],
    },
    Topic {
        slug: "yanhua-baozhu",
        name: "烟花爆竹",
        category: "治安管理",
        tags: &["烟花爆竹", "禁放", "春节", "消防安全"],
        notice_titles: &[
            "关于河畔区全域禁止燃放烟花爆竹的通告",
            "{年}年春节烟花爆竹禁放提醒",
        ],
        guide_titles: &["烟花爆竹燃放举报"],
        questions: &[
            "小区里能放烟花吗？",
            "看到有人卖烟花爆竹可以举报吗？",
            "结婚能放鞭炮吗？",
        ],
        headings: &["禁放的范围", "违反规定的处罚", "怎么举报"],
        sentences: &[
            "河畔区全域为烟花爆竹禁放区，全年禁止燃放、销售烟花爆竹和孔明灯。",
            "违反规定燃放烟花爆竹的，依法处以警告或罚款。",
            "发现非法销售、储存烟花爆竹的，请拨打110举报。",
            "婚庆、开业等活动请使用电子鞭炮等替代品，既热闹又安全。",
            "春节前，民警联合{单位}对辖区商铺进行了烟花爆竹专项检查。",
        ],
        materials: &[("现场照片或视频", "", false)],
    },
    Topic {
        slug: "diandongche",
        name: "电动自行车",
        category: "交通与消防",
        tags: &["电动自行车", "充电安全", "防盗", "交通安全"],
        notice_titles: &[
            "关于严禁电动自行车进楼入户充电的通告",
            "电动自行车防盗登记服务公告",
            "{年}年电动自行车交通安全整治通告",
        ],
        guide_titles: &["电动自行车被盗报案", "电动自行车防盗登记"],
        questions: &[
            "电动车被偷了怎么办？",
            "楼道里能给电动车充电吗？",
            "骑电动车要戴头盔吗？",
        ],
        headings: &["充电安全", "防盗小窍门", "被盗后报案", "骑行安全"],
        sentences: &[
            "电动自行车不要推进楼道、不要进家充电，请到小区的集中充电桩充电。",
            "骑电动自行车请戴好安全头盔，不闯红灯，不逆行。",
            "电动自行车被盗后，请保留购车发票和车辆照片，尽快报案。",
            "停车时请加一把车锁，停在有监控的地方。",
            "{社区}社区新装了{n}个充电桩，楼道充电的情况少多了。",
            "民警在{路}查处了一批不戴头盔的骑行人员，并进行了安全教育。",
        ],
        materials: &[("购车发票", "", true), ("车辆照片", "", false)],
    },
    Topic {
        slug: "xiaofang",
        name: "冬季防火",
        category: "交通与消防",
        tags: &["防火", "消防安全", "冬季", "燃气安全"],
        notice_titles: &[
            "{年}年冬季防火安全提示",
            "关于开展消防疏散演练的通知",
            "沿街商铺消防安全检查公告",
        ],
        guide_titles: &["消防安全检查申请"],
        questions: &[
            "家里用取暖器要注意什么？",
            "楼道堆放杂物有人管吗？",
            "燃气泄漏怎么办？",
        ],
        headings: &["家庭防火", "燃气安全", "消防通道", "疏散演练"],
        sentences: &[
            "冬季天干物燥，取暖器要远离窗帘、被褥等可燃物，人走断电。",
            "发现燃气泄漏，请立即关闭阀门、开窗通风，不要开关电器。",
            "楼道和消防通道不能堆放杂物，更不能停放电动自行车。",
            "民警联合{单位}，对辖区{n}家沿街商铺进行了消防安全检查。",
            "{社区}社区组织了一次消防疏散演练，{n}户居民参加。",
        ],
        materials: &[("场所平面图", "", false)],
    },
    Topic {
        slug: "shiwu-zhaoling",
        name: "失物招领",
        category: "便民服务",
        tags: &["失物招领", "便民服务", "拾金不昧"],
        notice_titles: &[
            "失物招领公告（{年}年第{n}期）",
            "关于{年}年{月}月拾得物品的招领公告",
        ],
        guide_titles: &["认领失物"],
        questions: &[
            "丢了东西可以到派出所问吗？",
            "捡到东西交到哪里？",
            "认领失物要带什么？",
        ],
        headings: &["招领物品", "认领方式", "保管期限"],
        sentences: &[
            "{月}月{日}日，市民在{地点}拾到{物品}一个，已交到柳湾派出所。",
            "认领失物请带上本人身份证件，并说明物品的特征。",
            "招领物品保管期满六个月无人认领的，依法上交处理。",
            "出租车司机{姓}师傅把乘客遗落的{物品}送到了派出所。",
            "丢了东西的，可以先打电话问问值班民警有没有人交来。",
        ],
        materials: &[("能说明物品特征的材料", "如发票、照片", false)],
    },
    Topic {
        slug: "shequ-jingwu",
        name: "社区警务",
        category: "社区警务",
        tags: &["社区警务室", "社区民警", "警民联系", "平安社区"],
        notice_titles: &[
            "{社区}社区警务室值守时间调整通知",
            "社区民警进社区“面对面”活动安排",
            "关于公布社区民警联系方式的公告",
        ],
        guide_titles: &["社区警务室能办的事", "预约社区民警上门服务"],
        questions: &[
            "晚上下班了还能找民警吗？",
            "我们小区的社区民警是谁？",
            "社区警务室能办身份证吗？",
            "老人行动不便，民警能上门吗？",
        ],
        headings: &["警务室在哪里", "值守时间", "能办什么事", "预约上门服务"],
        sentences: &[
            "社区警务室工作日晚上17:00到21:00有民警值守，方便白天上班的居民。",
            "社区民警每周有四个半天在社区走访，熟悉每一栋楼的情况。",
            "家里有行动不便的老人，可以预约社区民警上门采集信息。",
            "社区民警{姓}{名}在{社区}社区工作了{n}年，居民都叫他老{姓}。",
            "在社区警务室可以办理居住登记、开具部分证明、咨询户籍业务。",
            "{社区}社区警务室设在小区{n}号楼一楼，门口挂着蓝色的标牌。",
        ],
        materials: &[("预约登记表", "", true)],
    },
    Topic {
        slug: "xiaoyuan-anquan",
        name: "校园安全",
        category: "治安",
        tags: &["校园安全", "护学岗", "开学", "未成年人保护"],
        notice_titles: &[
            "{年}年秋季开学护学岗工作通告",
            "关于学校周边交通秩序整治的通知",
            "暑期防溺水安全提示",
        ],
        guide_titles: &["学校安全检查申请"],
        questions: &[
            "放学时校门口太堵了，能管管吗？",
            "孩子在学校被欺负了怎么办？",
            "暑假孩子独自在家要注意什么？",
        ],
        headings: &["护学岗", "上下学交通", "防溺水", "防欺凌"],
        sentences: &[
            "每天上学和放学时段，民警和辅警在{地点}设立护学岗。",
            "请家长接送孩子时不要在校门口停车，按指定区域停放。",
            "暑假期间，请提醒孩子不要私自到江河、水库游泳。",
            "孩子在学校受到欺凌的，家长可以向学校和派出所反映。",
            "民警走进柳湾小学，给{n}个班的孩子上了一堂安全教育课。",
        ],
        materials: &[("学校申请函", "", true)],
    },
    Topic {
        slug: "linli-jiufen",
        name: "邻里纠纷",
        category: "社区警务",
        tags: &["邻里纠纷", "调解", "噪音", "社区民警"],
        notice_titles: &[
            "关于设立“老{姓}调解室”的公告",
            "社区矛盾纠纷排查化解工作通知",
        ],
        guide_titles: &["申请人民调解"],
        questions: &[
            "楼上太吵，报警有用吗？",
            "邻居占用公共楼道，谁来管？",
            "调解不成怎么办？",
        ],
        headings: &["先沟通", "申请调解", "调解不成怎么办"],
        sentences: &[
            "邻里之间的小矛盾，先心平气和地沟通，往往比报警更管用。",
            "社区民警和人民调解员可以上门调解，不收取任何费用。",
            "夜间噪音扰民的，可以拨打110，民警会到场处理。",
            "{社区}社区两户邻居因为楼道杂物起了争执，社区民警把他们请到一起谈。",
            "调解不成的，可以依法向人民法院起诉。",
        ],
        materials: &[("相关照片或录音", "", false)],
    },
];

const COMMON_MATERIALS: &[Material] = &[
    ("居民身份证", "本人的", true),
    ("近期白底免冠彩色照片2张", "", true),
    ("申请表", "窗口现场领取填写", true),
];

const GENERIC_SENTENCES: &[&str] = &[
    "来窗口办事前，可以先打电话012-3456 7891问清楚，免得白跑一趟。",
    "户籍大厅周一至周五9:00到17:00办公，周六上午也开放。",
    "材料不全的，我们会一次性告诉您缺什么。",
    "能当场办的事项，当场办结。",
    "老人、残疾人等行动不便的群众，可以预约上门服务。",
    "对我们的工作有意见和建议，欢迎打电话或者写信。",
    "{时段}，{社区}社区的{姓}{称呼}来到派出所，想问问手续怎么办。",
    "值班民警{姓}{名}耐心地解答了他的问题。",
    "请大家相互转告，提醒身边的亲友。",
    "遇到紧急情况，请直接拨打110。",
    "办理过程中有任何疑问，可以在窗口当面问值班民警。",
    "各项业务的办理时间以窗口公布为准。",
    "派出所位于河畔区柳湾路88号，门口有公交站。",
    "我们会在5个工作日内回复您的咨询。",
    "{单位}的工作人员也参加了这次活动。",
    "民警提醒，{时段}出门请注意安全。",
    "很多居民反映，办事比以前方便多了。",
    "{姓}{称呼}说，没想到这么快就办好了。",
    "这项服务不收取任何费用。",
    "网上能办的事项，也可以通过江城警民通App办理。",
    "{月}月{日}日{时}，民警接到群众求助后迅速赶到现场。",
    "为方便群众，窗口在中午实行轮班，不停止办公。",
    "群众的事没有小事，我们会认真对待每一件求助。",
    "去年一年，派出所接待群众来访{n}千余人次。",
    "辖区有柳湾、清水苑、桃源里等多个社区，常住人口约6万人。",
    "请保管好个人信息，不要随意把证件借给他人。",
    "有关规定如有调整，我们会在本网站及时公布。",
    "民警{姓}{名}把情况一一记录下来，并留下了联系电话。",
    "{时段}的{地点}人来人往，巡逻民警格外留意。",
    "这件事在{社区}社区传开了，大家纷纷点赞。",
    "办事群众可以在大厅的自助机上查询办理进度。",
    "需要复印的材料，大厅里有免费的复印机。",
    "我们在{地点}设置了便民服务点。",
    "辅警小{姓}把{称呼}一直送到了车站。",
    "请您带齐材料，按照取号顺序在窗口等候。",
    "为了保护您的隐私，窗口前请排队在一米线外等候。",
    "{姓}{称呼}在留言里写道：“民警同志态度特别好，谢谢你们。”",
    "派出所开通了预约办理，工作日可以提前一天预约时段。",
    "大厅设有老年人优先窗口，{岁}岁以上的老人不用排队取号。",
    "这一年里，{社区}社区没有发生一起入室盗窃案件。",
    "民警和{单位}一起，把宣传单送到了每家每户。",
    "办事高峰一般在周一上午和节假日前后，其他时间来人少一些。",
    "如果您对办理结果有异议，可以当场提出，也可以事后书面反映。",
    "所里的值班电话24小时有人接听。",
    "{时段}下起了大雨，巡逻车在{路}来回巡查积水路段。",
    "通过走访，民警记下了{n}条居民反映的问题，逐条落实。",
    "附近的居民都说，这条路晚上亮堂了，走着也踏实。",
    "{姓}{名}是所里最年轻的民警，刚从警校毕业两年。",
    "为了这件事，民警前后跑了{n}趟，终于找到了当事人。",
    "每月第一个周三上午是所长接待日，欢迎居民来反映问题。",
    "我们把群众的意见整理成册，作为改进工作的依据。",
    "{单位}负责人表示，会配合做好后续工作。",
    "遇到不会用自助机的老人，大厅的辅警会一对一帮忙。",
    "这份清单每年更新一次，以最新版本为准。",
    "如果需要翻译或手语服务，请提前一天打电话预约。",
    "下雨天来办事，大厅门口有免费的雨伞架和爱心伞。",
    "{月}月以来，辖区共开展治安巡逻{n}百余次。",
    "车辆可以停在派出所东侧的临时停车场。",
    "警民联系卡上印着社区民警的手机号，有事可以直接打。",
    "一些常见问题，在本网站的常见问题栏目里都能找到答案。",
];

const GENERIC_HEADINGS: &[&str] = &[
    "办理须知",
    "注意事项",
    "温馨提示",
    "联系我们",
    "常见情况",
    "办理时间",
    "办理地点",
    "相关规定",
    "咨询电话",
    "{社区}社区的做法",
];

const STORY_HEADINGS: &[&str] = &[
    "{时} 一个求助电话",
    "{时} 赶到现场",
    "{时} 最后一圈",
    "一封感谢信",
    "事情的经过",
    "民警的提醒",
    "后来",
    "{社区}社区的一天",
];

const STORY_TITLES: &[&str] = &[
    "{社区}社区警务室的一个晚上",
    "银行柜台前拦下的{n}万元",
    "{姓}大爷的{物品}找回来了",
    "凌晨的{地点}",
    "护学岗上的第{n}个冬天",
    "一面锦旗背后的故事",
    "社区民警老{姓}",
    "{岁}岁老人走失之后",
    "雨夜里的{n}个电话",
    "{地点}的一场虚惊",
    "把{物品}送回失主手中",
    "{社区}社区的“平安志愿者”",
];

const PAGE_TITLES: &[&str] = &[
    "{社区}社区警务室",
    "{社区}社区民警{姓}{名}",
    "户籍窗口工作时间",
    "无障碍服务",
    "隐私说明",
    "警务公开",
    "{社区}社区平安志愿者队伍",
    "来所路线",
    "便民服务点",
];

const FAQ_ANSWERS: &[&str] = &[
    "可以，带好材料直接到窗口办理。",
    "不用，网上就能申请。",
    "是诈骗，请马上挂断电话。",
    "需要本人到场。",
    "一般5个工作日内办好。",
    "可以委托家人代办。",
    "不收费。",
    "可以，工作日晚上到社区警务室就行。",
];

const FAQ_CLOSINGS: &[&str] = &[
    "还有疑问的，请打电话012-3456 7891问户籍窗口。",
    "更多情况，请到{社区}社区的警务室当面咨询。",
    "以上回答以窗口最新告知为准。",
];

const NOTICE_LEADS: &[&str] = &[
    "加强巡逻",
    "调整办公时间",
    "人员密集场所检查",
    "出行提醒",
    "网上办理",
    "咨询方式",
    "注意事项",
    "{社区}社区安排",
];

const BOLD_LEADS: &[&str] = &[
    "**注意：**",
    "**提醒：**",
    "**特别说明：**",
    "**温馨提示：**",
];

const LINK_SENTENCES: &[&str] = &[
    "详见{link}。",
    "具体材料请看{link}。",
    "办理流程见{link}。",
    "拿不准的，先看看{link}。",
    "相关内容可以参考{link}。",
    "更多说法，见{link}。",
];

const FOOTNOTES: &[&str] = &[
    "少数尚未开通跨省通办的地区，仍需先开具准予迁入证明，具体以窗口告知为准。",
    "收费标准依据省物价部门的有关规定。",
    "法定节假日窗口暂停办公，具体安排另行通知。",
];

const QUOTES: &[&str] = &[
    "“真警察就站在你面前呢。”",
    "“有事就来警务室，我们一直都在。”",
    "“{称呼}，您别着急，慢慢说。”",
    "“这点小事，应该的。”",
];

const IMAGE_ALTS: &[&str] = &[
    "傍晚时分，{社区}社区警务室门口亮着灯",
    "民警在{地点}执勤",
    "社区民警在小区里和居民交谈",
    "护学岗上的民警护送孩子过马路",
];

const TABLE_CASES: &[&str] = &[
    "就业落户",
    "投靠配偶",
    "投靠父母或子女",
    "购房落户",
    "人才引进",
    "本人办理",
    "委托代办",
    "未成年人",
];

const ELIGIBILITY: &[&str] = &[
    "在柳湾派出所辖区有合法稳定住所的人员",
    "户籍在本辖区的居民",
    "在江城居住满半年的外地来江城人员",
    "年满十六周岁的中国公民",
    "{社区}社区的居民",
];

const WHERE: &[&str] = &[
    "柳湾派出所户籍大厅{窗}号窗口（江城市河畔区柳湾路88号一楼）",
    "{社区}社区警务室",
    "江城市政务服务中心公安窗口",
    "柳湾派出所综合服务窗口",
];

const HOURS: &[&str] = &[
    "周一至周五 9:00-17:00，周六 9:00-12:00（法定节假日除外）",
    "工作日 9:00-17:00",
    "工作日晚上 17:00-21:00",
    "24小时",
];

const FEES: &[&str] = &["免费", "20元", "40元", "工本费10元"];

const DURATION: &[&str] = &[
    "当场办结",
    "3个工作日",
    "5个工作日内办结",
    "15个工作日",
    "材料齐全的5个工作日内办结；需要上级审批的约20个工作日",
];

const STEPS: &[&str] = &[
    "对照本页清单准备材料，拿不准的先打电话012-3456 7891问窗口",
    "到户籍大厅取号，在{窗}号窗口提交材料、填写申请表",
    "民警当场审核，材料齐全的出具受理回执",
    "需要补材料的，窗口会一次性写清楚告诉您",
    "审核通过后，窗口电话或短信通知您",
    "凭回执和身份证件到窗口领取",
    "选择邮寄的，留下收件地址和电话",
    "采集照片和指纹，本人签字确认",
];

const PAPERS: &[&str] = &[
    "居民户口簿",
    "结婚证",
    "出生医学证明",
    "不动产权证书",
    "劳动合同",
    "学历证书",
    "社会保险缴费证明",
    "房屋租赁合同",
    "营业执照",
];

const GENERAL_TAGS: &[&str] = &[
    "便民服务",
    "平安建设",
    "安全提示",
    "办事提醒",
    "警民互动",
    "群众工作",
    "法治宣传",
];

const COMMUNITIES: &[&str] = &[
    "柳湾",
    "清水苑",
    "桃源里",
    "滨江花园",
    "新河湾",
    "金桥",
    "杏林",
    "南湖",
    "北岸",
    "梧桐巷",
    "丰收里",
    "石榴园",
    "翠竹",
    "望江",
    "紫荆",
    "和平里",
    "东湖",
    "银杏",
    "兴业",
    "春晖",
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范",
];

const GIVEN_NAMES: &[&str] = &[
    "晓燕", "建华", "志强", "秀英", "海波", "丽娟", "文杰", "春梅", "永刚", "玉兰", "立新", "红霞",
    "俊峰", "桂芳", "伟", "静", "磊", "敏", "涛", "芳", "峰", "婷", "军", "洁",
];

const ADDRESS_TERMS: &[&str] = &[
    "大爷",
    "阿姨",
    "大姐",
    "师傅",
    "同学",
    "先生",
    "女士",
    "奶奶",
    "小伙子",
    "大哥",
];

const PLACES: &[&str] = &[
    "河畔汽车站",
    "地铁柳湾站",
    "万和商场",
    "滨江公园",
    "清水街商业区",
    "柳湾小学门口",
    "农贸市场",
    "人民医院门诊楼",
    "江城火车站",
    "工业园区",
    "建材市场",
    "江边步道",
];

const ROADS: &[&str] = &["柳湾路", "清水街", "滨江大道", "桃源路", "新河路", "金桥路"];

const TIMES_OF_DAY: &[&str] = &[
    "早上", "上午", "中午", "下午", "傍晚", "晚上", "深夜", "凌晨",
];

const ITEMS: &[&str] = &[
    "钱包",
    "手机",
    "银行卡",
    "行李箱",
    "钥匙",
    "书包",
    "公文包",
    "老年卡",
    "雨伞",
    "眼镜",
];

const BODIES: &[&str] = &[
    "社区居委会",
    "物业公司",
    "街道办事处",
    "消防救援站",
    "银行网点",
    "市场监管所",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text_and_every_kind_is_there() {
        let a = Corpus::plan(40, 7);
        let b = Corpus::plan(40, 7);
        let text = |c: &Corpus, i| c.page(i, &c.plans[i], &mut Rng::new(7, i, 1)).text;
        for i in 0..40 {
            assert_eq!(text(&a, i), text(&b, i));
        }
        for (kind, _, _) in MIX {
            assert!(a.plans.iter().any(|p| p.kind == kind));
        }
    }

    #[test]
    fn slots_are_filled_and_unknown_ones_kept() {
        let mut rng = Rng::new(1, 0, 0);
        let s = fill_one("{社区}社区{n}号楼{不认识}", &mut rng);
        assert!(s.contains("社区") && s.ends_with("号楼{不认识}"), "{s}");
        assert!(!s.starts_with('{'));
    }

    #[test]
    fn yaml_text_quotes_only_what_needs_it() {
        assert_eq!(yaml_text("户口迁入"), "户口迁入");
        assert_eq!(yaml_text("9:00-17:00"), "\"9:00-17:00\"");
        assert_eq!(yaml_text("a\"b"), "\"a\\\"b\"");
    }
}
