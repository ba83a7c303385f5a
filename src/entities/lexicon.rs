//! What the tagger knows about words from unlabelled news text: word clusters at five
//! granularities and how often a word is capitalised when it does not open a sentence.
//!
//! Clusters are learnt at training time (`train_ner`) from the corpus: each frequent
//! lower-cased word is described by its neighbours two to the left and two to the right
//! (positive PMI over the most frequent context words, a sparse matrix), reduced to a
//! small dense vector by a randomised truncated SVD, and grouped with spherical k-means;
//! the fine clusters' centroids are grouped again into coarser ones, and two more
//! independent k-means runs give other groupings. Everything is seeded and sums in a
//! fixed order, so the same text gives the same lexicon.

use super::tokenize::{sentences, tokenize};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Cluster id meaning "no cluster" (a rare word).
pub const NO_CLUSTER: u16 = u16::MAX;
/// Cluster ids per word.
pub const CLUSTER_LEVELS: usize = 5;

/// What is known about one lower-case word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordInfo {
    /// Cluster ids: fine, mid and coarse (the mid and coarse ones group the fine
    /// clusters), then the levels of `LexiconOptions::extra_k` (independent groupings).
    pub clusters: [u16; CLUSTER_LEVELS],
    /// 0 unknown; 1 almost never capitalised mid-sentence; 2 sometimes; 3 mostly; 4 always.
    pub cap_class: u8,
}

impl Default for WordInfo {
    fn default() -> Self {
        WordInfo {
            clusters: [NO_CLUSTER; CLUSTER_LEVELS],
            cap_class: 0,
        }
    }
}

/// Lower-case word to what is known about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    pub words: FxHashMap<String, WordInfo>,
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
    /// Numbers of clusters of two more, independent groupings of the word vectors.
    pub extra_k: [usize; CLUSTER_LEVELS - 3],
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
            extra_k: [300, 2000],
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
    let extra: Vec<Vec<usize>> = opts
        .extra_k
        .iter()
        .enumerate()
        .map(|(i, k)| {
            kmeans(
                &vectors,
                opts.dims,
                *k,
                opts.iterations,
                opts.seed + 3 + i as u64,
            )
        })
        .collect();
    log(&format!(
        "lexicon: {} words clustered into {:?} and {:?}",
        vocab.len(),
        opts.k,
        opts.extra_k
    ));

    let mut words = FxHashMap::default();
    for (row, id) in vocab.iter().enumerate() {
        let f = fine[row];
        let mut clusters = [
            f as u16,
            mid_of_fine[f] as u16,
            coarse_of_fine[f] as u16,
            0,
            0,
        ];
        for (c, e) in clusters[3..].iter_mut().zip(&extra) {
            *c = e[row] as u16;
        }
        let info = WordInfo {
            clusters,
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
                    cap_class: cap,
                    ..WordInfo::default()
                },
            );
        }
    }
    Lexicon { words }
}

/// Sparse rows (compressed): `ptr[r]..ptr[r + 1]` index `cols` and `vals`.
struct Csr {
    ptr: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<f32>,
    width: usize,
}

impl Csr {
    fn rows(&self) -> usize {
        self.ptr.len() - 1
    }
    fn row(&self, r: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.ptr[r], self.ptr[r + 1]);
        (&self.cols[a..b], &self.vals[a..b])
    }
}

/// Positive PMI of each vocabulary word with the context words two to the left and two
/// to the right (one column per context word and offset), context counts smoothed by
/// the 0.75 power; rows are sparse.
fn ppmi(c: &Counts, vocab: &[u32], contexts: &[u32]) -> Csr {
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
    let mut pairs: Vec<u64> = Vec::new();
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
                    pairs.push(((r as u64) << 32) | (slot * nc + k as usize) as u64);
                }
            }
        }
    }
    pairs.par_sort_unstable();
    let mut counts = Csr {
        ptr: vec![0; vocab.len() + 1],
        cols: Vec::new(),
        vals: Vec::new(),
        width,
    };
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let r = (pairs[i] >> 32) as usize;
        counts.ptr[r + 1] += 1;
        counts.cols.push(pairs[i] as u32);
        counts.vals.push((j - i) as f32);
        i = j;
    }
    drop(pairs);
    for r in 0..vocab.len() {
        counts.ptr[r + 1] += counts.ptr[r];
    }
    let mut col_sum = vec![0f64; width];
    for (k, v) in counts.cols.iter().zip(&counts.vals) {
        col_sum[*k as usize] += *v as f64;
    }
    let smoothed: Vec<f64> = col_sum.iter().map(|s| s.powf(0.75)).collect();
    let total_smoothed: f64 = smoothed.iter().sum();
    let mut out = Csr {
        ptr: vec![0],
        cols: Vec::new(),
        vals: Vec::new(),
        width,
    };
    for r in 0..counts.rows() {
        let (cols, vals) = counts.row(r);
        let row_total: f64 = vals.iter().map(|v| *v as f64).sum();
        for (k, v) in cols.iter().zip(vals) {
            let pmi = ((*v as f64 * total_smoothed) / (row_total * smoothed[*k as usize])).ln();
            if pmi > 0.0 {
                out.cols.push(*k);
                out.vals.push(pmi as f32);
            }
        }
        out.ptr.push(out.cols.len());
    }
    out
}

/// Word vectors of the vocabulary (row-major, `dims` wide, normalised): the PPMI rows
/// reduced to their `dims` leading singular directions by a randomised SVD (Halko et
/// al. 2011: a random range, two power iterations, Cholesky-QR), each direction
/// weighted by the square root of its singular value.
fn word_vectors(c: &Counts, vocab: &[u32], contexts: &[u32], opts: &LexiconOptions) -> Vec<f32> {
    let a = ppmi(c, vocab, contexts);
    let n = a.rows();
    let dims = opts.dims.min(n).min(a.width).max(1);
    let l = (dims + 16).min(n).min(a.width).max(1);
    let mut rng = Rng::new(opts.seed ^ 0x5eed);
    let omega: Vec<f64> = (0..a.width * l)
        .map(|_| (rng.below(2001) as f64 - 1000.0) / 1000.0)
        .collect();
    let mut y = times(&a, &omega, l);
    for _ in 0..2 {
        orthonormalise(&mut y, l);
        let z = transpose_times(&a, &y, l);
        y = times(&a, &z, l);
    }
    orthonormalise(&mut y, l);
    let z = transpose_times(&a, &y, l);
    // B = Q^T A; B B^T = Z^T Z = V diag(s^2) V^T.
    let mut g = vec![0f64; l * l];
    for row in z.chunks(l) {
        for p in 0..l {
            for q in 0..l {
                g[p * l + q] += row[p] * row[q];
            }
        }
    }
    let (eig, v) = jacobi_eigen(g, l);
    let mut order: Vec<usize> = (0..l).collect();
    order.sort_by(|x, w| eig[*w].total_cmp(&eig[*x]).then(x.cmp(w)));
    let scale: Vec<f64> = order[..dims]
        .iter()
        .map(|k| eig[*k].max(0.0).powf(0.25))
        .collect();
    let mut out = vec![0f32; n * opts.dims];
    out.par_chunks_mut(opts.dims)
        .zip(y.par_chunks(l))
        .for_each(|(o, q)| {
            for (d, k) in order[..dims].iter().enumerate() {
                let mut s = 0f64;
                for p in 0..l {
                    s += q[p] * v[p * l + k];
                }
                o[d] = (s * scale[d]) as f32;
            }
            normalize(o);
        });
    out
}

/// `A X` for a dense `X` (`a.width` x `l`, row-major).
fn times(a: &Csr, x: &[f64], l: usize) -> Vec<f64> {
    let mut y = vec![0f64; a.rows() * l];
    y.par_chunks_mut(l).enumerate().for_each(|(r, out)| {
        let (cols, vals) = a.row(r);
        for (k, v) in cols.iter().zip(vals) {
            let xr = &x[*k as usize * l..(*k as usize + 1) * l];
            for (o, w) in out.iter_mut().zip(xr) {
                *o += *v as f64 * w;
            }
        }
    });
    y
}

/// `A^T Y` for a dense `Y` (`a.rows()` x `l`); partial sums over fixed row blocks are
/// added in block order, so the result does not depend on thread timing.
fn transpose_times(a: &Csr, y: &[f64], l: usize) -> Vec<f64> {
    const BLOCKS: usize = 8;
    let n = a.rows();
    let per = n.div_ceil(BLOCKS).max(1);
    let parts: Vec<Vec<f64>> = (0..BLOCKS)
        .into_par_iter()
        .map(|b| {
            let mut z = vec![0f64; a.width * l];
            for r in (b * per)..((b + 1) * per).min(n) {
                let (cols, vals) = a.row(r);
                let yr = &y[r * l..(r + 1) * l];
                for (k, v) in cols.iter().zip(vals) {
                    let zr = &mut z[*k as usize * l..(*k as usize + 1) * l];
                    for (o, w) in zr.iter_mut().zip(yr) {
                        *o += *v as f64 * w;
                    }
                }
            }
            z
        })
        .collect();
    let mut z = vec![0f64; a.width * l];
    for p in parts {
        z.iter_mut().zip(p).for_each(|(o, v)| *o += v);
    }
    z
}

/// Makes the `l` columns of a row-major matrix orthonormal (Cholesky-QR, twice).
fn orthonormalise(y: &mut [f64], l: usize) {
    for _ in 0..2 {
        let mut g = vec![0f64; l * l];
        for row in y.chunks(l) {
            for p in 0..l {
                if row[p] == 0.0 {
                    continue;
                }
                for q in p..l {
                    g[p * l + q] += row[p] * row[q];
                }
            }
        }
        // Upper Cholesky factor R with G = R^T R (a tiny ridge keeps it defined).
        let mut r = vec![0f64; l * l];
        for i in 0..l {
            let mut d = g[i * l + i];
            for k in 0..i {
                d -= r[k * l + i] * r[k * l + i];
            }
            if d <= 1e-10 * g[i * l + i] || d <= 0.0 {
                // A column dependent on the earlier ones: dropped (becomes zero).
                r[i * l + i] = f64::INFINITY;
                continue;
            }
            let d = d.sqrt();
            r[i * l + i] = d;
            for j in i + 1..l {
                let mut s = g[i * l + j];
                for k in 0..i {
                    s -= r[k * l + i] * r[k * l + j];
                }
                r[i * l + j] = s / d;
            }
        }
        // Y <- Y R^{-1}, row by row (forward substitution).
        y.par_chunks_mut(l).for_each(|row| {
            for j in 0..l {
                let mut s = row[j];
                for k in 0..j {
                    s -= row[k] * r[k * l + j];
                }
                row[j] = s / r[j * l + j];
            }
        });
    }
}

/// Eigenvalues and eigenvectors (columns of the row-major result) of a symmetric
/// matrix, by cyclic Jacobi rotations.
fn jacobi_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0f64; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _sweep in 0..30 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |j| *j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j] * a[i * n + j])
            .sum();
        let diag: f64 = (0..n).map(|i| a[i * n + i] * a[i * n + i]).sum();
        if off <= 1e-22 * diag.max(1e-300) {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let akp = a[k * n + p];
                    let akq = a[k * n + q];
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let apk = a[p * n + k];
                    let aqk = a[q * n + k];
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let vkp = v[k * n + p];
                    let vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i * n + i]).collect(), v)
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
            extra_k: [4, 5],
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
