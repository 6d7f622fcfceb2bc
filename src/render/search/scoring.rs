//! BM25F impacts: how well a term describes a document, in the 5 bits a posting has.

use super::counting::{bucket, Counts};
use super::fields::FIELDS;

/// BM25F weights per field: a title occurrence counts six body occurrences. The class
/// from rules.json decides the coarse order; these weights order pages within a class.
const WEIGHTS: [f32; FIELDS] = [6.0, 4.0, 4.0, 2.0, 2.0, 2.0, 2.0, 1.0];
/// A larger k1 than the usual 1.2 keeps a short title's single occurrence from saturating
/// as fully as a long body's many, so the levels still tell them apart.
const K1: f32 = 2.0;
const B: f32 = 0.75;

/// The BM25F figures every document's impacts are computed with.
pub(super) struct Scoring {
    pub(super) avg: [f32; FIELDS],
    pub(super) classes: [u8; FIELDS],
    pub(super) levels: f32,
}

impl Scoring {
    /// Per-field multipliers for one document: weight over length normalization, so a
    /// term's weighted frequency is a dot product with its counts.
    pub(super) fn factors(&self, lens: &[u32; FIELDS]) -> [f32; FIELDS] {
        let mut out = [0f32; FIELDS];
        for f in 0..FIELDS {
            let norm = if self.avg[f] > 0.0 {
                1.0 - B + B * lens[f] as f32 / self.avg[f]
            } else {
                1.0
            };
            out[f] = WEIGHTS[f] / norm.max(0.05);
        }
        out
    }

    /// `class * levels + level` for a term with per-field counts `tf`. The level is BM25F
    /// over the fields of the best class only: among pages that have the term in their
    /// title, the one whose title is mostly the term comes first, however long its body.
    pub(super) fn impact(&self, tf: &Counts, factors: &[f32; FIELDS]) -> u64 {
        let present = || {
            tf.iter()
                .zip(&self.classes)
                .zip(factors)
                .filter(|((&n, _), _)| n != 0)
        };
        let class = present().map(|((_, &c), _)| c).max().unwrap_or(0);
        let wtf: f32 = present()
            .filter(|((_, &c), _)| c == class)
            .map(|((&n, _), &factor)| f32::from(n) * factor)
            .sum();
        // Squared so the eight levels spread over the high end, where pages that all match
        // in their titles differ (a short title that is mostly the query ranks first).
        let sat = wtf / (K1 + wtf);
        let level = (sat * sat * self.levels)
            .floor()
            .clamp(0.0, self.levels - 1.0) as u64;
        u64::from(class) * self.levels as u64 + level
    }
}

/// A page's terms share few patterns of counts (most occur a few times in the body and
/// nowhere else): each pattern's impact is computed once per page, sparing the float work
/// for the rest.
pub(super) struct Impacts<'a> {
    scoring: &'a Scoring,
    factors: [f32; FIELDS],
    /// Direct-mapped: the counts read as one integer (never 0, a counted term occurs
    /// somewhere), and their impact.
    cache: [(u64, u64); Impacts::CACHE],
}

impl<'a> Impacts<'a> {
    const CACHE: usize = 128;

    pub(super) fn new(scoring: &'a Scoring, factors: [f32; FIELDS]) -> Self {
        Impacts {
            scoring,
            factors,
            cache: [(0, 0); Self::CACHE],
        }
    }

    #[inline(always)]
    pub(super) fn of(&mut self, tf: &Counts) -> u64 {
        let key = u64::from_le_bytes(*tf);
        let at = bucket(key, Self::CACHE);
        match self.cache[at] {
            (k, impact) if k == key => impact,
            _ => self.compute(at, tf),
        }
    }

    /// Kept out of line: inlined, its float work made every lookup save registers.
    #[inline(never)]
    fn compute(&mut self, at: usize, tf: &Counts) -> u64 {
        let impact = self.scoring.impact(tf, &self.factors);
        self.cache[at] = (u64::from_le_bytes(*tf), impact);
        impact
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::fields::{F_BODY, F_TITLE};

    #[test]
    fn cached_impacts_are_the_computed_ones() {
        let scoring = Scoring {
            avg: [8.0, 6.0, 4.0, 10.0, 60.0, 20.0, 20.0, 1000.0],
            classes: [3, 2, 2, 1, 1, 1, 1, 0],
            levels: 8.0,
        };
        let factors = scoring.factors(&[10, 4, 4, 12, 80, 0, 0, 3000]);
        let mut impacts = Impacts::new(&scoring, factors);
        // Enough patterns that cache slots are shared, each asked for twice.
        let patterns: Vec<Counts> = (0..600u32)
            .map(|i| {
                let mut tf = [0; FIELDS];
                tf[F_BODY] = (i % 40) as u8 + 1;
                tf[F_TITLE] = (i / 40 % 3) as u8;
                tf[(i / 120) as usize % FIELDS] += 1;
                tf
            })
            .collect();
        for tf in patterns.iter().chain(&patterns) {
            assert_eq!(impacts.of(tf), scoring.impact(tf, &factors), "{tf:?}");
        }
    }
}
