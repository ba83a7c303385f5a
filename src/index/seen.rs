//! What a run has added to an archive that was empty when it started: Bloom filters
//! over the article ids and near-duplicate band terms written so far. Every new article
//! is looked up in the committed segments (is its id there already? which committed
//! articles share its bands?), a dictionary probe per segment and term; in a fresh
//! archive only this run's articles can be there, so a key the filter has never seen
//! needs no probe. In a large first build those probes are a real share of indexing
//! time, on the thread that feeds tantivy (`bench/RESULTS.md`).
//!
//! A filter may answer "maybe" for a key it never saw (then the probes run as before),
//! never "no" for one it did: the results are the same with or without it.

use super::dedup::{splitmix, BANDS};

/// Bits per expected key: with three probes, about 1.5% false "maybe"s at capacity.
const BITS_PER_KEY: u64 = 10;
/// Smallest and largest filter, in bits (8 KB and 16 MB).
const MIN_BITS: u64 = 1 << 16;
const MAX_BITS: u64 = 1 << 27;
const PROBES: u64 = 3;

/// A Bloom filter of 64-bit keys (an article id's key is its group key,
/// `dedup::group_key`; a band term is a number already).
pub struct Bloom {
    words: Vec<u64>,
    /// Bits minus one (a power of two).
    mask: u64,
}

impl Bloom {
    /// A filter for about `keys` keys, within 8 KB to 16 MB: past that many keys it
    /// answers "maybe" more often, and the run probes the segments more often.
    pub fn with_capacity(keys: u64) -> Bloom {
        let bits = keys
            .saturating_mul(BITS_PER_KEY)
            .clamp(MIN_BITS, MAX_BITS)
            .next_power_of_two();
        Bloom {
            words: vec![0; (bits / 64) as usize],
            mask: bits - 1,
        }
    }

    /// Bit positions of a key (double hashing over two well-mixed halves).
    fn probes(mask: u64, key: u64) -> impl Iterator<Item = u64> {
        let a = splitmix(key);
        let b = splitmix(a) | 1;
        (0..PROBES).map(move |i| a.wrapping_add(i.wrapping_mul(b)) & mask)
    }

    pub fn insert(&mut self, key: u64) {
        for p in Self::probes(self.mask, key) {
            self.words[(p / 64) as usize] |= 1 << (p % 64);
        }
    }

    /// False only for a key never inserted.
    pub fn may_contain(&self, key: u64) -> bool {
        Self::probes(self.mask, key).all(|p| self.words[(p / 64) as usize] & (1 << (p % 64)) != 0)
    }
}

/// The ids and band terms a run has added to a fresh archive.
pub struct Seen {
    pub ids: Bloom,
    pub bands: Bloom,
}

impl Seen {
    /// Filters for a run expected to add about `articles` articles.
    pub fn for_articles(articles: u64) -> Seen {
        Seen {
            ids: Bloom::with_capacity(articles),
            bands: Bloom::with_capacity(articles.saturating_mul(BANDS as u64)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::index::dedup::group_key;

    fn key(k: u64) -> u64 {
        group_key(&format!("{k:016x}"))
    }

    #[test]
    fn never_forgets_and_rarely_imagines() {
        let mut b = Bloom::with_capacity(10_000);
        for k in 0..10_000u64 {
            b.insert(key(k));
        }
        assert!((0..10_000u64).all(|k| b.may_contain(key(k))));
        let imagined = (10_000..20_000u64)
            .filter(|k| b.may_contain(key(*k)))
            .count();
        // About 1.5% expected at 10 bits a key.
        assert!(imagined < 400, "{imagined} false maybes of 10,000");
    }

    #[test]
    fn an_empty_filter_knows_nothing() {
        let b = Bloom::with_capacity(0);
        assert!(!b.may_contain(key(0x0123_4567_89ab_cdef)));
        assert_eq!(b.words.len() as u64 * 64, MIN_BITS);
    }
}
