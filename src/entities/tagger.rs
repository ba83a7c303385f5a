//! The sequence tagger: a linear model over hashed token features (see `features`)
//! with label-to-label transition weights, decoded with Viterbi under BIO constraints
//! (an `I-X` only after `B-X` or `I-X`). The weights come from `train` (an averaged
//! structured perceptron); the model file is a gzip-compressed little-endian dump
//! with the lexicon, stored in `models/ner.bin.gz` and compiled into the binary.

use super::features::sentence_features_masked;
use super::gazetteer::NameList;
use super::lexicon::{Lexicon, WordInfo, CLUSTER_LEVELS};
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};
use std::sync::OnceLock;

/// The labels, in the order weights are stored.
pub const LABELS: [&str; 7] = [
    "O",
    "B-PERSON",
    "I-PERSON",
    "B-PLACE",
    "I-PLACE",
    "B-ORGANISATION",
    "I-ORGANISATION",
];
/// Number of labels.
pub const NL: usize = LABELS.len();

/// Index of a label; any label outside the tag set is `O` (0).
pub fn label_index(label: &str) -> usize {
    LABELS.iter().position(|l| *l == label).unwrap_or(0)
}

/// May `cur` follow `prev` (`None` = sentence start)?
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    let inside = cur % 2 == 0 && cur > 0;
    if !inside {
        return true;
    }
    matches!(prev, Some(p) if p == cur || p + 1 == cur)
}

/// Hasher for keys that already are hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ *b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Emission scores that allow only `O`.
const ONLY_O: [f32; NL] = {
    let mut e = [f32::NEG_INFINITY; NL];
    e[0] = 0.0;
    e
};

/// Tokens that may belong to a name: those with a capital letter, and their neighbours.
pub fn candidates<S: AsRef<str>>(tokens: &[S]) -> Vec<bool> {
    let caps: Vec<bool> = tokens
        .iter()
        .map(|t| t.as_ref().chars().any(char::is_uppercase))
        .collect();
    (0..caps.len())
        .map(|i| caps[i] || (i > 0 && caps[i - 1]) || caps.get(i + 1).copied().unwrap_or(false))
        .collect()
}

pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A trained tagger.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub lexicon: Lexicon,
    /// Names seen in the training data.
    pub names: NameList,
    pub weights: FeatureMap<[f32; NL]>,
    /// `trans[prev][cur]`; row `NL` is the sentence start.
    pub trans: [[f32; NL]; NL + 1],
}

impl Model {
    /// Label indices for a sentence's tokens.
    ///
    /// Only tokens with a capital letter and their neighbours can be part of a name
    /// (measured on NERGrit: pruning the rest leaves F1 unchanged); the others are
    /// labelled `O` without computing their features, which halves the tagging time on
    /// news text, where fewer than half of the tokens are such candidates.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<usize> {
        let mask = candidates(tokens);
        if !mask.contains(&true) {
            return vec![0; tokens.len()];
        }
        let feats = sentence_features_masked(tokens, &self.lexicon, &self.names, Some(&mask));
        let emit: Vec<[f32; NL]> = feats
            .iter()
            .zip(&mask)
            .map(|(f, &keep)| if keep { self.emission(f) } else { ONLY_O })
            .collect();
        viterbi(&emit, &self.trans)
    }

    /// Label names for a sentence's tokens.
    pub fn tag_labels<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<&'static str> {
        self.tag(tokens).into_iter().map(|i| LABELS[i]).collect()
    }

    fn emission(&self, feats: &[u64]) -> [f32; NL] {
        let mut s = [0f32; NL];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for (a, b) in s.iter_mut().zip(w) {
                    *a += b;
                }
            }
        }
        s
    }

    /// The model file: gzip over a little-endian dump, entries sorted, so the same
    /// model always gives the same bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        put_u32(&mut raw, NL as u32);
        for l in LABELS {
            put_str(&mut raw, l);
        }
        for row in &self.trans {
            for v in row {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut words: Vec<(&String, &WordInfo)> = self.lexicon.words.iter().collect();
        words.sort_by(|a, b| a.0.cmp(b.0));
        put_u32(&mut raw, words.len() as u32);
        for (w, info) in words {
            put_str(&mut raw, w);
            for c in info.clusters {
                raw.extend_from_slice(&c.to_le_bytes());
            }
            raw.push(info.cap_class);
        }
        let mut names: Vec<(&u64, &u8)> = self.names.names.iter().collect();
        names.sort();
        put_u32(&mut raw, names.len() as u32);
        for (k, bits) in names {
            raw.extend_from_slice(&k.to_le_bytes());
            raw.push(*bits);
        }
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort();
        put_u32(&mut raw, keys.len() as u32);
        for k in keys {
            raw.extend_from_slice(&k.to_le_bytes());
            for v in &self.weights[k] {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw)?;
        Ok(gz.finish()?)
    }

    /// Reads a model file written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .context("model file is not gzip")?;
        let mut r = Reader { buf: &raw, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            bail!("not a warta NER model");
        }
        let nl = r.u32()? as usize;
        let labels: Vec<String> = (0..nl).map(|_| r.string()).collect::<Result<_>>()?;
        if labels != LABELS {
            bail!("model labels {labels:?} differ from {LABELS:?}");
        }
        let mut model = Model::default();
        for row in model.trans.iter_mut() {
            for v in row.iter_mut() {
                *v = r.f32()?;
            }
        }
        let nw = r.u32()? as usize;
        for _ in 0..nw {
            let w = r.string()?;
            let mut clusters = [0u16; CLUSTER_LEVELS];
            for c in clusters.iter_mut() {
                *c = r.u16()?;
            }
            let cap_class = r.take(1)?[0];
            model.lexicon.words.insert(
                w,
                WordInfo {
                    clusters,
                    cap_class,
                },
            );
        }
        let nn = r.u32()? as usize;
        for _ in 0..nn {
            let k = r.u64()?;
            let bits = r.take(1)?[0];
            model.names.names.insert(k, bits);
        }
        let nf = r.u32()? as usize;
        model.weights.reserve(nf);
        for _ in 0..nf {
            let k = r.u64()?;
            let mut w = [0f32; NL];
            for v in w.iter_mut() {
                *v = r.f32()?;
            }
            model.weights.insert(k, w);
        }
        if r.pos != raw.len() {
            bail!("model file has {} trailing bytes", raw.len() - r.pos);
        }
        Ok(model)
    }
}

const MAGIC: &[u8; 8] = b"WNER\x03\0\0\0";

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|e| *e <= self.buf.len())
            .context("model file is truncated")?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into()?))
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into()?))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into()?))
    }
    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into()?))
    }
    fn string(&mut self) -> Result<String> {
        let n = self.u32()? as usize;
        Ok(std::str::from_utf8(self.take(n)?)
            .context("model file has a bad string")?
            .to_string())
    }
}

/// Best label sequence under BIO constraints.
pub fn viterbi(emit: &[[f32; NL]], trans: &[[f32; NL]; NL + 1]) -> Vec<usize> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; NL]; n];
    let mut back = vec![[0u8; NL]; n];
    for y in 0..NL {
        if allowed(None, y) {
            score[0][y] = trans[NL][y] + emit[0][y];
        }
    }
    for i in 1..n {
        for y in 0..NL {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for p in 0..NL {
                if !allowed(Some(p), y) || score[i - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][y];
                if s > best.0 {
                    best = (s, p);
                }
            }
            score[i][y] = best.0 + emit[i][y];
            back[i][y] = best.1 as u8;
        }
    }
    let mut y = (0..NL).fold(0, |b, k| {
        if score[n - 1][k] > score[n - 1][b] {
            k
        } else {
            b
        }
    });
    let mut out = vec![0usize; n];
    for i in (0..n).rev() {
        out[i] = y;
        y = back[i][y] as usize;
    }
    out
}

/// The model compiled into the binary (`models/ner.bin.gz`).
static MODEL_BYTES: &[u8] = include_bytes!("../../models/ner.bin.gz");

/// The built-in model, loaded once. If it cannot be read (a broken build), a warning
/// is printed once and an empty model is used, which finds no entities.
pub fn builtin() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| match Model::from_bytes(MODEL_BYTES) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("warning: built-in NER model unusable ({e}); no entities will be found");
            Model::default()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraints() {
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
        assert!(allowed(Some(0), 3));
    }

    #[test]
    fn candidates_are_capitalised_words_and_their_neighbours() {
        let toks = [
            "kata", "dia", "Osama", "bin", "Laden", "tewas", "di", "sana", "kemarin",
        ];
        let got = candidates(&toks);
        assert_eq!(
            got,
            vec![false, true, true, true, true, true, false, false, false]
        );
        assert!(!candidates(&["semua", "huruf", "kecil"]).contains(&true));
    }

    #[test]
    fn viterbi_respects_constraints() {
        let trans = [[0f32; NL]; NL + 1];
        let mut emit = [[0f32; NL]; 2];
        emit[0][0] = 1.0;
        emit[0][1] = -10.0;
        emit[1][2] = 5.0; // I-PERSON after O is not allowed, after B-PERSON too costly
        emit[1][1] = 1.0;
        assert_eq!(viterbi(&emit, &trans), vec![0, 1]);
    }

    #[test]
    fn model_round_trips() {
        let mut m = Model::default();
        m.trans[NL][1] = 0.5;
        m.weights.insert(42, [1.0, 2.0, 0.0, 0.0, 0.0, 0.0, -1.0]);
        m.lexicon.words.insert(
            "jakarta".into(),
            WordInfo {
                clusters: [1, 2, 3, 4, 5],
                cap_class: 4,
            },
        );
        let bytes = m.to_bytes().unwrap();
        assert_eq!(Model::from_bytes(&bytes).unwrap(), m);
        assert_eq!(m.to_bytes().unwrap(), bytes);
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
