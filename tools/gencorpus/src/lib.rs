//! `bulletin-gencorpus`: write a synthetic site of a Chinese police station with N pages, the
//! corpus that every speed and size measurement of bulletin runs on (build time and memory in
//! `benches/build.rs`, `benches/peers.sh`; search index bytes per query; serve rebuild latency).
//! A development tool, not part of the product: it is not installed with `bulletin`.
//!
//! ```text
//! bulletin-gencorpus --pages N --out DIR [--seed S]
//! cargo run --release -p bulletin-gencorpus -- --pages 10000 --out /tmp/corpus10k
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
//! Exit 0 on success, 1 when the folder cannot be written, 2 on usage errors. Benchmarks
//! call the same thing as a library: `Corpus::plan(pages, seed).write(dir)`.
//!
//! What the corpus holds: notices (35%: a few pinned, urgent, expired, scheduled, drafts),
//! guides (12%: materials, steps, where, hours, fees, duration, eligibility, related), FAQs
//! (30%, grouped by category), stories (15%, some with an SVG image beside them) and plain
//! pages (8%); tags; aliases; links between pages in every form the content contract allows
//! (`x.md`, `../guides/x.md`, `@/faq/y.md`, with `#heading` anchors that exist); Markdown
//! lists, tables, footnotes and bold. Bodies average about 930 Han characters, written from
//! a vocabulary of real station phrases (the files under `data/`), so searches have
//! realistic hit counts: for example about 20% of pages contain 国庆安保 and about 45%
//! contain 身份证.
//!
//! Lifecycle is planned against a fixed moment, [`BUILD_NOW`]: build with
//! `--now 2026-09-25T12:00:00+08:00` to get the intended mix and figures that do not drift
//! with the calendar (a later "now" only expires more notices and publishes the scheduled
//! pages; no link points at an unpublished page, so the corpus builds either way).
//!
//! Randomness is a small xorshift generator seeded per page, so no page depends on the
//! order in which others were written and the corpus needs no crate beyond bulletin's own.
//!
//! The stages, one module each: `plan` (every page's kind, place, title and headings,
//! before any text: links need them), `front` (a page's front matter), `body` (its
//! Markdown), `write` (the folder); `vocab` reads the word tables, `rng` rolls the dice.

mod body;
mod front;
mod plan;
mod rng;
mod vocab;
mod write;

pub use plan::Corpus;
pub use write::Stats;

/// The moment the corpus's lifecycle is planned against; builds should pass it as `--now`.
pub const BUILD_NOW: &str = "2026-09-25T12:00:00+08:00";
