//! The corpus's dice: xorshift64*, seeded per (seed, page, purpose), so a page's text does
//! not depend on the order in which other pages were written.

/// xorshift64*: tiny, fast and good enough to vary synthetic text.
pub struct Rng(u64);

impl Rng {
    /// One independent stream per (seed, page, purpose): splitmix64 spreads nearby inputs.
    pub fn new(seed: u64, page: usize, stream: u64) -> Rng {
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
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// lo..=hi.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1).max(1) as u64) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// [`Rng::pick`] for the word tables, whose call sites want `&str`, not `&String`.
    pub fn word<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
}
