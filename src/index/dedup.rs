//! Near-duplicate detection: syndicated and lightly edited copies of one story (the same
//! wire text in three outlets) get the same group key, so search can show one hit per
//! group. Each body gets a MinHash signature over its word bigrams, cut into bands that
//! are indexed as terms (LSH). Two bodies are copies when they share at least
//! [`MIN_SHARED_BANDS`] bands: likely above a Jaccard similarity of about 0.7, unlikely
//! below 0.5. The count of shared bands is the score of a query of constant-score band
//! terms, so nothing but the band terms is stored. Band terms and group keys are
//! numbers (a u64 term is about half the bytes of its hex text, and a numeric column
//! is read without a dictionary).

use super::Archive;
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

/// Bands of the signature, and MinHash values per band.
pub const BANDS: usize = 10;
const ROWS: usize = 3;
/// Bands two copies must share.
pub const MIN_SHARED_BANDS: usize = 3;
/// Bodies shorter than this many words are too short to call copies.
pub const MIN_WORDS: usize = 40;

/// The band terms of a body (band number in the high 32 bits, the band's hash in the low
/// 32), or nothing when it is too short to compare.
///
/// One-permutation MinHash: each word bigram is hashed once and kept as the minimum of
/// one of the `BANDS * ROWS` bins its hash falls in (the classic signature hashes every
/// bigram once per bin, 30 times the work); an empty bin takes the value of the next
/// non-empty one to its right, mixed with the distance (densification), so two bodies
/// agree on a bin with a probability close to their Jaccard similarity either way.
/// On the real articles of `../shared` it finds about the pairs the classic signature
/// finds, checked against their true bigram Jaccard (`bench/RESULTS.md`).
pub fn signature(body: &str) -> Vec<u64> {
    let mut mins = [u64::MAX; BANDS * ROWS];
    let mut words = 0usize;
    let mut prev: Option<u64> = None;
    for w in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let h = word_hash(w);
        words += 1;
        if let Some(p) = prev {
            let b = splitmix(p.rotate_left(23) ^ h);
            let bin = (((b >> 32) * (BANDS * ROWS) as u64) >> 32) as usize;
            if b < mins[bin] {
                mins[bin] = b;
            }
        }
        prev = Some(h);
    }
    if words < MIN_WORDS {
        return Vec::new();
    }
    densify(&mut mins);
    mins.chunks(ROWS)
        .enumerate()
        .map(|(i, rows)| {
            let h = rows
                .iter()
                .fold(0xcbf29ce484222325u64, |acc, r| splitmix(acc ^ r));
            ((i as u64) << 32) | (h & 0xffff_ffff)
        })
        .collect()
}

/// FNV-1a over a word's lower case (no string is built).
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut byte = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    };
    if w.is_ascii() {
        w.bytes().for_each(|b| byte(b.to_ascii_lowercase()));
    } else {
        let mut buf = [0u8; 4];
        for c in w.chars().flat_map(char::to_lowercase) {
            c.encode_utf8(&mut buf).bytes().for_each(&mut byte);
        }
    }
    h
}

/// Fills each empty bin from the next non-empty one to its right (wrapping around),
/// mixed with the distance, so that empty bins still carry the text's signature.
fn densify(mins: &mut [u64; BANDS * ROWS]) {
    let n = mins.len();
    let Some(full) = (0..n).find(|&i| mins[i] != u64::MAX) else {
        return;
    };
    let src = *mins;
    // Walk right to left from a non-empty bin, carrying the nearest value to the right.
    let (mut carry, mut dist) = (src[full], 0u64);
    for step in 1..=n {
        let i = (full + n - step) % n;
        if src[i] != u64::MAX {
            carry = src[i];
            dist = 0;
        } else {
            dist += 1;
            mins[i] = splitmix(carry ^ dist.wrapping_mul(0x9e3779b97f4a7c15));
        }
    }
}

/// The indexed form of a band term, `3:9f3a0c12` (band number, hash): u64 and five-byte
/// terms make a bigger dictionary than this text (`bench/RESULTS.md`).
pub fn band_text(band: u64) -> String {
    format!("{}:{:08x}", band >> 32, band as u32)
}

/// The group key of an article that starts its own group: its id (16 hex digits) as a
/// number, or a hash of it for any other form. Never 0, which stands for "no group".
pub fn group_key(id: &str) -> u64 {
    let key = match u64::from_str_radix(id, 16) {
        Ok(n) if id.len() == 16 => n,
        _ => fnv1a(&[id]),
    };
    key.max(1)
}

/// FNV-1a over words, each followed by a space: stable across runs, machines and
/// Rust versions.
fn fnv1a(words: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(b' ')) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// SplitMix64 finaliser: a cheap, well-mixed permutation of 64-bit values.
pub(super) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

/// The groups of committed articles sharing bands with this signature, with the
/// number of bands each shares (the article's own earlier version, same id, may be
/// among them: joining its own group is right).
pub fn committed_copies(
    archive: &Archive,
    searcher: &Searcher,
    groups: &GroupColumns,
    sig: &[u64],
) -> Vec<(u64, usize)> {
    if sig.is_empty() {
        return Vec::new();
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = sig
        .iter()
        .map(|b| {
            let q = TermQuery::new(
                Term::from_field_text(archive.f.dup_band, &band_text(*b)),
                IndexRecordOption::Basic,
            );
            (
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(q), 1.0)) as Box<dyn Query>,
            )
        })
        .collect();
    let top = TopDocs::with_limit(20).order_by_score();
    let Ok(found) = searcher.search(&BooleanQuery::new(clauses), &top) else {
        return Vec::new();
    };
    found
        .into_iter()
        .filter_map(|(score, addr)| Some((groups.group(addr)?, score.round() as usize)))
        .collect()
}

/// Finds the group of a new article among committed articles and those of this batch.
#[derive(Default)]
pub struct Grouper {
    /// band -> groups of articles added since the last commit.
    pending: HashMap<u64, Vec<u64>>,
}

impl Grouper {
    /// The group key for an article with this id and signature: the group of the earlier
    /// article sharing the most bands (at least [`MIN_SHARED_BANDS`]), among those of
    /// this batch and the `committed` ones ([`committed_copies`]), or its own id.
    pub fn group_for(&mut self, id: &str, sig: &[u64], committed: &[(u64, usize)]) -> u64 {
        if sig.is_empty() {
            return group_key(id);
        }
        let mut shared: HashMap<u64, usize> = HashMap::new();
        for b in sig {
            for group in self.pending.get(b).into_iter().flatten() {
                *shared.entry(*group).or_default() += 1;
            }
        }
        for (group, n) in committed {
            let m = shared.entry(*group).or_default();
            *m = (*m).max(*n);
        }
        let best = shared
            .into_iter()
            .filter(|(_, n)| *n >= MIN_SHARED_BANDS)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        let group = best.map_or_else(|| group_key(id), |(g, _)| g);
        for b in sig {
            self.pending.entry(*b).or_default().push(group);
        }
        group
    }
}

/// The near-duplicate group key of each document, read from its fast-field column.
pub struct GroupColumns(Vec<Option<tantivy::columnar::Column<u64>>>);

impl GroupColumns {
    pub fn open(searcher: &Searcher) -> tantivy::Result<GroupColumns> {
        let cols = searcher
            .segment_readers()
            .iter()
            .map(|seg| seg.fast_fields().u64("dup_group").ok())
            .collect();
        Ok(GroupColumns(cols))
    }

    /// The document's group key, if it has one.
    pub fn group(&self, addr: DocAddress) -> Option<u64> {
        self.0[addr.segment_ord as usize]
            .as_ref()?
            .first(addr.doc_id)
            .filter(|g| *g != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Bank Indonesia menahan suku bunga acuan pada level enam persen dalam rapat dewan gubernur bulan ini karena inflasi mulai melandai sementara nilai tukar rupiah masih bergerak di kisaran yang sempit terhadap dolar Amerika Serikat dan para ekonom memperkirakan kebijakan itu akan bertahan sampai akhir tahun mengingat pertumbuhan kredit yang belum pulih sepenuhnya di sektor usaha kecil menengah";

    fn shared(a: &[u64], b: &[u64]) -> usize {
        a.iter().zip(b).filter(|(x, y)| x == y).count()
    }

    #[test]
    fn light_edits_share_bands_and_other_stories_do_not() {
        let long = format!(
            "{STORY} {}",
            STORY.replace("Bank Indonesia", "bank sentral")
        );
        let a = signature(&long);
        let edited = long
            .replace("bulan ini", "pekan ini")
            .replace("para ekonom", "sejumlah ekonom");
        let b = signature(&edited);
        let words: Vec<&str> = long.split(' ').collect();
        let shuffled: Vec<&str> = words.chunks(2).rev().flatten().copied().collect();
        let other = signature(&shuffled.join(" "));
        assert_eq!(a.len(), BANDS);
        assert!(
            shared(&a, &b) >= MIN_SHARED_BANDS,
            "edited copy shares {}",
            shared(&a, &b)
        );
        assert!(
            shared(&a, &other) < MIN_SHARED_BANDS,
            "other text shares {}",
            shared(&a, &other)
        );
        assert_eq!(signature(&long), a, "signatures are deterministic");
        assert!(signature("terlalu pendek").is_empty());
    }

    #[test]
    fn group_keys_are_the_ids_as_numbers() {
        assert_eq!(group_key("00000000000000ff"), 255);
        assert_eq!(group_key("0000000000000000"), 1, "0 means no group");
        assert_ne!(group_key("not-hex"), group_key("not-hex2"));
        assert_ne!(group_key("not-hex"), 0);
    }
}
