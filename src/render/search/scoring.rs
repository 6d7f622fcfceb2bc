//! BM25F impacts: how well a term describes a document, in the 5 bits a posting has.

use super::fields::{FIELDS, F_BODY};

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
    pub(super) fn impact(&self, tf: &[u16; FIELDS], factors: &[f32; FIELDS]) -> u64 {
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

/// Most terms of a page occur a few times in its body and nowhere else: their impacts,
/// computed once per page, spare the float work for all but the rest.
pub(super) struct Impacts<'a> {
    scoring: &'a Scoring,
    factors: [f32; FIELDS],
    body_only: [u64; Impacts::BODY_ONLY],
}

impl<'a> Impacts<'a> {
    const BODY_ONLY: usize = 16;

    pub(super) fn new(scoring: &'a Scoring, factors: [f32; FIELDS]) -> Self {
        let mut body_only = [0; Self::BODY_ONLY];
        for (n, impact) in body_only.iter_mut().enumerate() {
            let mut tf = [0u16; FIELDS];
            tf[F_BODY] = n as u16;
            *impact = scoring.impact(&tf, &factors);
        }
        Impacts {
            scoring,
            factors,
            body_only,
        }
    }

    pub(super) fn of(&self, tf: &[u16; FIELDS]) -> u64 {
        let n = usize::from(tf[F_BODY]);
        if n < Self::BODY_ONLY && tf[..F_BODY].iter().all(|&c| c == 0) {
            return self.body_only[n];
        }
        self.scoring.impact(tf, &self.factors)
    }
}
