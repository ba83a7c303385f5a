//! What the tagger knows about words from unlabelled news text: word clusters at three
//! granularities and how often a word is capitalised when it does not open a sentence.
//!
//! Clusters are learnt at training time (`train_ner`) from the corpus: each frequent
//! lower-cased word is described by its neighbours two to the left and two to the right
//! (positive PMI over the most frequent context words), projected to a small dense
//! vector with a fixed pseudo-random matrix, and grouped with spherical k-means; the
//! fine clusters' centroids are grouped again into coarser ones. Everything is seeded
//! and iterates in a fixed order, so the same text gives the same lexicon.

use super::tokenize::{sentences, tokenize};
use rayon::prelude::*;
use std::collections::HashMap;

/// Cluster id meaning "no cluster" (a rare word).
pub const NO_CLUSTER: u16 = u16::MAX;

/// What is known about one lower-case word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordInfo {
    /// Cluster ids, fine to coarse.
    pub clusters: [u16; 3],
    /// 0 unknown; 1 almost never capitalised mid-sentence; 2 sometimes; 3 mostly; 4 always.
    pub cap_class: u8,
}

impl Default for WordInfo {
    fn default() -> Self {
        WordInfo {
            clusters: [NO_CLUSTER; 3],
            cap_class: 0,
        }
    }
}

/// Lower-case word to what is known about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    pub words: HashMap<String, WordInfo>,
}

impl Lexicon {
    pub fn get(&self, lower: &str) -> WordInfo {
        self.words.get(lower).copied().unwrap_or_default()
    }
}

/// How the lexicon is learnt.
#[derive(Debug, Clone)]
pub struct LexiconOptions {
    /// Words clustered (the most frequent ones).
    pub vocab: usize,
    /// Context words (the most frequent ones) the word vectors count.
    pub contexts: usize,
    /// Size of the projected vectors.
    pub dims: usize,
    /// Number of clusters, fine to coarse.
    pub k: [usize; 3],
    pub iterations: usize,
    pub min_count: u64,
    pub seed: u64,
}

impl Default for LexiconOptions {
    fn default() -> Self {
        LexiconOptions {
            vocab: 40_000,
            contexts: 400,
            dims: 128,
            k: [600, 150, 40],
            iterations: 12,
            min_count: 4,
            seed: 7,
        }
    }
}

/// Deterministic xorshift64* generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Token statistics gathered from the unlabelled text.
struct Counts {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    freq: Vec<u64>,
    mid: Vec<u32>,
    mid_capital: Vec<u32>,
    sentences: Vec<Vec<u32>>,
}

fn count(docs: impl Iterator<Item = String>) -> Counts {
    let mut c = Counts {
        ids: HashMap::new(),
        words: Vec::new(),
        freq: Vec::new(),
        mid: Vec::new(),
        mid_capital: Vec::new(),
        sentences: Vec::new(),
    };
    for doc in docs {
        for para in doc.split("\n\n") {
            let toks = tokenize(para);
            for sent in sentences(&toks) {
                let mut ids = Vec::with_capacity(sent.len());
                for (i, t) in sent.iter().enumerate() {
                    let lower = t.text.to_lowercase();
                    let id = match c.ids.get(&lower) {
                        Some(id) => *id,
                        None => {
                            let id = c.words.len() as u32;
                            c.ids.insert(lower.clone(), id);
                            c.words.push(lower);
                            c.freq.push(0);
                            c.mid.push(0);
                            c.mid_capital.push(0);
                            id
                        }
                    };
                    c.freq[id as usize] += 1;
                    if i > 0 && t.text.chars().all(char::is_alphabetic) {
                        c.mid[id as usize] += 1;
                        if t.text.chars().next().is_some_and(char::is_uppercase) {
                            c.mid_capital[id as usize] += 1;
                        }
                    }
                    ids.push(id);
                }
                c.sentences.push(ids);
            }
        }
    }
    c
}

fn cap_class(mid: u32, capital: u32) -> u8 {
    if mid < 3 {
        return 0;
    }
    let r = capital as f64 / mid as f64;
    if r < 0.05 {
        1
    } else if r < 0.5 {
        2
    } else if r < 0.95 {
        3
    } else {
        4
    }
}

/// Learns a lexicon from documents (plain text, paragraphs separated by blank lines).
pub fn build(
    docs: impl Iterator<Item = String>,
    opts: &LexiconOptions,
    log: &dyn Fn(&str),
) -> Lexicon {
    let c = count(docs);
    log(&format!(
        "lexicon: {} sentences, {} distinct words",
        c.sentences.len(),
        c.words.len()
    ));
    let mut order: Vec<u32> = (0..c.words.len() as u32).collect();
    order.sort_by(|a, b| {
        c.freq[*b as usize]
            .cmp(&c.freq[*a as usize])
            .then_with(|| c.words[*a as usize].cmp(&c.words[*b as usize]))
    });
    let vocab: Vec<u32> = order
        .iter()
        .copied()
        .filter(|id| {
            c.freq[*id as usize] >= opts.min_count
                && c.words[*id as usize].chars().any(char::is_alphabetic)
        })
        .take(opts.vocab)
        .collect();
    let contexts: Vec<u32> = order.iter().copied().take(opts.contexts).collect();
    let vectors = word_vectors(&c, &vocab, &contexts, opts);
    let fine = kmeans(&vectors, opts.dims, opts.k[0], opts.iterations, opts.seed);
    let fine_centroids = centroids(&vectors, opts.dims, &fine, opts.k[0]);
    let mid_of_fine = kmeans(
        &fine_centroids,
        opts.dims,
        opts.k[1],
        opts.iterations,
        opts.seed + 1,
    );
    let coarse_of_fine = kmeans(
        &fine_centroids,
        opts.dims,
        opts.k[2],
        opts.iterations,
        opts.seed + 2,
    );
    log(&format!(
        "lexicon: {} words clustered into {:?}",
        vocab.len(),
        opts.k
    ));

    let mut words = HashMap::new();
    for (row, id) in vocab.iter().enumerate() {
        let f = fine[row];
        let info = WordInfo {
            clusters: [f as u16, mid_of_fine[f] as u16, coarse_of_fine[f] as u16],
            cap_class: cap_class(c.mid[*id as usize], c.mid_capital[*id as usize]),
        };
        words.insert(c.words[*id as usize].clone(), info);
    }
    for (id, w) in c.words.iter().enumerate() {
        let cap = cap_class(c.mid[id], c.mid_capital[id]);
        if cap != 0 && !words.contains_key(w) {
            words.insert(
                w.clone(),
                WordInfo {
                    clusters: [NO_CLUSTER; 3],
                    cap_class: cap,
                },
            );
        }
    }
    Lexicon { words }
}

/// Projected, normalised PPMI context vectors of the vocabulary (row-major, `dims` wide).
fn word_vectors(c: &Counts, vocab: &[u32], contexts: &[u32], opts: &LexiconOptions) -> Vec<f32> {
    let nc = contexts.len();
    let width = 4 * nc;
    let mut row_of = vec![u32::MAX; c.words.len()];
    for (r, id) in vocab.iter().enumerate() {
        row_of[*id as usize] = r as u32;
    }
    let mut col_of = vec![u32::MAX; c.words.len()];
    for (k, id) in contexts.iter().enumerate() {
        col_of[*id as usize] = k as u32;
    }
    let mut m = vec![0f32; vocab.len() * width];
    for s in &c.sentences {
        for (i, id) in s.iter().enumerate() {
            let r = row_of[*id as usize];
            if r == u32::MAX {
                continue;
            }
            for (slot, off) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                let j = i as isize + off;
                if j < 0 || j >= s.len() as isize {
                    continue;
                }
                let k = col_of[s[j as usize] as usize];
                if k != u32::MAX {
                    m[r as usize * width + slot * nc + k as usize] += 1.0;
                }
            }
        }
    }
    let mut col_sum = vec![0f64; width];
    for row in m.chunks(width) {
        for (s, v) in col_sum.iter_mut().zip(row) {
            *s += *v as f64;
        }
    }
    let smoothed: Vec<f64> = col_sum.iter().map(|s| s.powf(0.75)).collect();
    let total_smoothed: f64 = smoothed.iter().sum();
    let proj = projection(width, opts.dims, opts.seed);
    m.par_chunks(width)
        .flat_map_iter(|row| {
            let row_total: f64 = row.iter().map(|v| *v as f64).sum();
            let mut out = vec![0f32; opts.dims];
            if row_total > 0.0 {
                for (k, v) in row.iter().enumerate() {
                    if *v <= 0.0 || smoothed[k] <= 0.0 {
                        continue;
                    }
                    let pmi = ((*v as f64 * total_smoothed) / (row_total * smoothed[k])).ln();
                    if pmi > 0.0 {
                        let p = &proj[k * opts.dims..(k + 1) * opts.dims];
                        for (o, w) in out.iter_mut().zip(p) {
                            *o += pmi as f32 * w;
                        }
                    }
                }
            }
            normalize(&mut out);
            out
        })
        .collect()
}

/// A sparse random ±1 projection matrix (`rows` x `dims`).
fn projection(rows: usize, dims: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    (0..rows * dims)
        .map(|_| match rng.below(6) {
            0 => 1.0,
            1 => -1.0,
            _ => 0.0,
        })
        .collect()
}

fn normalize(v: &mut [f32]) {
    let n: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Spherical k-means over normalised rows; returns each row's cluster.
fn kmeans(data: &[f32], dims: usize, k: usize, iterations: usize, seed: u64) -> Vec<usize> {
    let n = data.len() / dims;
    let k = k.min(n).max(1);
    let mut rng = Rng::new(seed);
    let mut picked: Vec<usize> = Vec::with_capacity(k);
    while picked.len() < k {
        let r = rng.below(n);
        if !picked.contains(&r) {
            picked.push(r);
        }
    }
    let mut cent: Vec<f32> = picked
        .iter()
        .flat_map(|r| data[r * dims..(r + 1) * dims].iter().copied())
        .collect();
    let mut assign = vec![0usize; n];
    for _ in 0..iterations {
        assign = data
            .par_chunks(dims)
            .map(|row| {
                let mut best = (f32::MIN, 0usize);
                for (j, c) in cent.chunks(dims).enumerate() {
                    let s: f32 = row.iter().zip(c).map(|(a, b)| a * b).sum();
                    if s > best.0 {
                        best = (s, j);
                    }
                }
                best.1
            })
            .collect();
        let new = centroids(data, dims, &assign, k);
        for j in 0..k {
            let block = &new[j * dims..(j + 1) * dims];
            if block.iter().any(|x| *x != 0.0) {
                cent[j * dims..(j + 1) * dims].copy_from_slice(block);
            }
        }
    }
    assign
}

/// Normalised mean of each cluster's rows (zero for an empty cluster).
fn centroids(data: &[f32], dims: usize, assign: &[usize], k: usize) -> Vec<f32> {
    let mut c = vec![0f32; k * dims];
    for (row, a) in data.chunks(dims).zip(assign) {
        for (x, v) in c[a * dims..(a + 1) * dims].iter_mut().zip(row) {
            *x += v;
        }
    }
    for block in c.chunks_mut(dims) {
        normalize(block);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_words_share_clusters_and_capitals_are_counted() {
        let mut docs = Vec::new();
        for i in 0..50 {
            docs.push(format!(
                "Warga kota Bandung pergi ke pasar {i}. Warga kota Medan pergi ke sawah {i}."
            ));
            docs.push(format!(
                "Ia makan nasi di rumah {i}. Ia makan roti di sekolah {i}."
            ));
        }
        let opts = LexiconOptions {
            vocab: 100,
            contexts: 30,
            dims: 32,
            k: [6, 3, 2],
            iterations: 8,
            min_count: 2,
            seed: 1,
        };
        let lex = build(docs.clone().into_iter(), &opts, &|_| {});
        assert_eq!(lex.get("bandung").clusters[0], lex.get("medan").clusters[0]);
        assert_eq!(lex.get("bandung").cap_class, 4);
        assert_eq!(lex.get("nasi").cap_class, 1);
        let again = build(docs.into_iter(), &opts, &|_| {});
        assert_eq!(lex, again);
    }
}
