//! The sequence tagger: a linear model over hashed token features (see `features`)
//! with label-to-label transition weights, decoded with Viterbi under BIO constraints
//! (an `I-X` only after `B-X` or `I-X`). The weights come from `train` (an averaged
//! structured perceptron); the model file is a gzip-compressed little-endian dump
//! with the lexicon, stored in `models/ner.bin.gz` and compiled into the binary.
//! The built-in model tags through a per-thread [`Tagger`], which remembers the summed
//! weights of each word's own features, so a token's emission scores take seven
//! remembered sums and about twenty weight look-ups instead of about 85 (same labels).

use super::features::{
    self, cap_class, capital_runs, context_features, hash_bytes, lower_case,
    sentence_features_masked, unary_features, FarView, TokenView, REACH,
};
use super::gazetteer::{self, NameList};
use super::lexicon::{Lexicon, WordInfo, CLUSTER_LEVELS};
use anyhow::{bail, Context, Result};
use std::borrow::Cow;
use std::cell::RefCell;
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
    let inside = cur.is_multiple_of(2) && cur > 0;
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
    ///
    /// The built-in model ([`builtin`]) never changes, so it tags through a per-thread
    /// [`Tagger`], which caches the weights of each word's own features; any other model
    /// (one being trained) computes every feature each time.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<usize> {
        if BUILTIN.get().is_some_and(|b| std::ptr::eq(b, self)) {
            let cached =
                BUILTIN_TAGGER.with(|t| t.try_borrow_mut().ok().map(|mut t| t.tag(tokens)));
            if let Some(labels) = cached {
                return labels;
            }
        }
        self.tag_uncached(tokens)
    }

    /// [`Model::tag`] computing every feature of every candidate token.
    pub fn tag_uncached<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<usize> {
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
    viterbi_masked(emit, None, &allowed_transitions(trans))
}

/// Most words a [`Tagger`] remembers (about 300 bytes each, so under 10 MB per
/// thread); the share of look-ups it saves at this and other sizes is in
/// bench/RESULTS.md.
pub const CACHE_WORDS: usize = 1 << 15;

/// Offsets `-REACH..=REACH` as array indices.
const SPAN: usize = 2 * REACH as usize + 1;
/// The bit of offset 0 in [`Entry::done`].
const CENTRE: u8 = 1 << REACH;

/// What a [`Tagger`] remembers of one word in one gazetteer and learnt-name class.
#[derive(Clone)]
struct Entry {
    word: Box<str>,
    /// Capitalisation class (see `features::cap_class`).
    cap: u8,
    far: FarView,
    /// Offsets (bits, `j + REACH`) whose weights are summed in `unary`.
    done: u8,
    /// Summed weights of the word's own features at each offset from the tagged token.
    unary: [[f32; NL]; SPAN],
}

/// Tags with a model that does not change while the tagger lives, remembering for each
/// word (with its gazetteer and learnt-name classes, which depend on the sentence) the
/// summed weights of its features that depend on it alone, at each offset from the
/// tagged token. The emission scores of a token are then the sum of seven remembered
/// vectors and the weights of the twenty-odd features that combine several tokens:
/// the same labels as [`Model::tag_uncached`], the sums taken in another order.
pub struct Tagger<'m> {
    model: &'m Model,
    /// Words remembered since the last change of generation, and those before: when
    /// `young` is full, `old` is forgotten and `young` becomes `old`; a word found in
    /// `old` is copied to `young`. So the words in use stay, within a bounded memory.
    young: Generation,
    old: Generation,
    /// Summed weights of the padding before the start (offsets < 0) or after the end.
    pads: [[f32; NL]; SPAN],
    feats: Vec<u64>,
    /// Most entries remembered (and one sentence's worth).
    capacity: usize,
    /// The model's transitions, minus infinity where [`allowed`] forbids them.
    allowed_trans: [[f32; NL]; NL + 1],
    /// Words looked up, and those found remembered.
    lookups: u64,
    hits: u64,
}

/// Words remembered by a [`Tagger`].
#[derive(Default)]
struct Generation {
    /// Hash of (word, classes) to its entry.
    index: FeatureMap<u32>,
    entries: Vec<Entry>,
}

impl Generation {
    /// The entry of `word` in its classes, whose hash is `key`.
    fn find(&self, key: u64, word: &str, gaz: u8, learnt: (u8, u8)) -> Option<u32> {
        let ix = *self.index.get(&key)?;
        let e = &self.entries[ix as usize];
        (&*e.word == word && e.far.classes() == (gaz, learnt)).then_some(ix)
    }

    fn add(&mut self, key: u64, e: Entry) -> u32 {
        let ix = self.entries.len() as u32;
        self.entries.push(e);
        self.index.insert(key, ix);
        ix
    }
}

thread_local! {
    static BUILTIN_TAGGER: RefCell<Tagger<'static>> = RefCell::new(Tagger::new(builtin()));
}

impl<'m> Tagger<'m> {
    pub fn new(model: &'m Model) -> Tagger<'m> {
        Tagger::with_capacity(model, CACHE_WORDS)
    }

    /// A tagger that remembers at most `capacity` words (more when one sentence has more).
    pub fn with_capacity(model: &'m Model, capacity: usize) -> Tagger<'m> {
        let mut pads = [[0f32; NL]; SPAN];
        let mut feats = Vec::new();
        for j in -REACH..=REACH {
            feats.clear();
            if j != 0 {
                unary_features(None, j, &mut feats);
            }
            pads[(j + REACH) as usize] = model.emission(&feats);
        }
        Tagger {
            model,
            young: Generation::default(),
            old: Generation::default(),
            pads,
            feats,
            capacity,
            allowed_trans: allowed_transitions(&model.trans),
            lookups: 0,
            hits: 0,
        }
    }

    /// Words looked up so far, and how many of them were remembered.
    pub fn lookups_and_hits(&self) -> (u64, u64) {
        (self.lookups, self.hits)
    }

    /// Label indices for a sentence's tokens, as [`Model::tag_uncached`].
    pub fn tag<S: AsRef<str>>(&mut self, tokens: &[S]) -> Vec<usize> {
        let mask = candidates(tokens);
        if !mask.contains(&true) {
            return vec![0; tokens.len()];
        }
        let emit = self.emissions(tokens, &mask);
        viterbi_masked(&emit, Some(&mask), &self.allowed_trans)
    }

    /// Emission scores of each token; tokens outside `mask` may only be `O`.
    pub fn emissions<S: AsRef<str>>(&mut self, tokens: &[S], mask: &[bool]) -> Vec<[f32; NL]> {
        let n = tokens.len();
        if self.young.entries.len() + n > self.capacity / 2 {
            std::mem::swap(&mut self.young, &mut self.old);
            self.young.entries.clear();
            self.young.index.clear();
        }
        let lowers: Vec<Cow<str>> = tokens.iter().map(|t| lower_case(t.as_ref())).collect();
        let lower_refs: Vec<&str> = lowers.iter().map(|s| s.as_ref()).collect();
        let gaz = gazetteer::classes(&lower_refs);
        let learnt = self.model.names.classes(&lower_refs);
        let caps: Vec<u64> = tokens.iter().map(|t| cap_class(t.as_ref())).collect();
        let runs = capital_runs(tokens, &caps);
        // Offsets (bits, `j + REACH`) at which each token's weights are read, and the
        // tokens whose entries are read at all: those within reach of a candidate and the
        // ends of, and the tokens around, a candidate's run of capitalised words.
        let mut offsets = vec![0u8; n];
        let mut need = vec![false; n];
        for i in (0..n).filter(|&i| mask[i]) {
            for j in -REACH..=REACH {
                let k = i as isize + j;
                if k >= 0 && k < n as isize {
                    offsets[k as usize] |= 1 << (j + REACH);
                    need[k as usize] = true;
                }
            }
            if let Some((s, e)) = runs[i] {
                need[s.saturating_sub(1)] = true;
                need[s] = true;
                need[e - 1] = true;
                if e < n {
                    need[e] = true;
                }
            }
        }
        let slots: Vec<u32> = (0..n)
            .map(|k| {
                if need[k] {
                    self.slot(
                        tokens[k].as_ref(),
                        lower_refs[k],
                        gaz[k],
                        learnt[k],
                        offsets[k],
                    )
                } else {
                    u32::MAX
                }
            })
            .collect();
        let entries = &self.young.entries;
        let at = |k: usize| {
            let e = &entries[slots[k] as usize];
            e.far.link(e.cap as u64)
        };
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            if !mask[i] {
                out.push(ONLY_O);
                continue;
            }
            let mut s = [0f32; NL];
            for j in -REACH..=REACH {
                let k = i as isize + j;
                let w = if k < 0 || k >= n as isize {
                    &self.pads[(j + REACH) as usize]
                } else {
                    &entries[slots[k as usize] as usize].unary[(j + REACH) as usize]
                };
                for (a, b) in s.iter_mut().zip(w) {
                    *a += b;
                }
            }
            self.feats.clear();
            context_features(at, n, &gaz, i, runs[i], &mut self.feats);
            for (a, b) in s.iter_mut().zip(self.model.emission(&self.feats)) {
                *a += b;
            }
            out.push(s);
        }
        out
    }

    /// The entry of a word in its classes, with its weights at the `offsets` (bits,
    /// `j + REACH`) summed: computed if it is not remembered. Weights at other offsets
    /// are left for later: most words far from a name are only ever read two or three
    /// tokens away, where few templates look.
    fn slot(&mut self, word: &str, lower: &str, gaz: u8, learnt: (u8, u8), offsets: u8) -> u32 {
        let classes = gaz as u64 | (learnt.0 as u64) << 8 | (learnt.1 as u64) << 16;
        let key = hash_bytes(classes, word.as_bytes());
        self.lookups += 1;
        let found = self.young.find(key, word, gaz, learnt).or_else(|| {
            let ix = self.old.find(key, word, gaz, learnt)?;
            Some(self.young.add(key, self.old.entries[ix as usize].clone()))
        });
        if let Some(ix) = found {
            self.hits += 1;
            let e = &self.young.entries[ix as usize];
            let missing = offsets & !e.done;
            if missing & CENTRE != 0 {
                let view = features::view(word, lower, gaz, learnt, &self.model.lexicon);
                self.sum_offsets(ix as usize, &view, missing);
            } else if missing != 0 {
                let view = e.far.view();
                self.sum_offsets(ix as usize, &view, missing);
            }
            return ix;
        }
        let view = features::view(word, lower, gaz, learnt, &self.model.lexicon);
        let ix = self.young.add(
            key,
            Entry {
                word: word.into(),
                cap: view.cap as u8,
                far: view.far(),
                done: 0,
                unary: [[0f32; NL]; SPAN],
            },
        );
        self.sum_offsets(ix as usize, &view, offsets);
        ix
    }

    /// Sums the weights of entry `ix` (whose word is seen as `view`) at the `offsets`
    /// not summed yet.
    fn sum_offsets(&mut self, ix: usize, view: &TokenView, offsets: u8) {
        let e = &mut self.young.entries[ix];
        for j in -REACH..=REACH {
            let bit = 1u8 << (j + REACH);
            if offsets & bit != 0 && e.done & bit == 0 {
                self.feats.clear();
                unary_features(Some(view), j, &mut self.feats);
                e.unary[(j + REACH) as usize] = self.model.emission(&self.feats);
                e.done |= bit;
            }
        }
    }
}

/// `trans` with minus infinity for the transitions [`allowed`] forbids.
fn allowed_transitions(trans: &[[f32; NL]; NL + 1]) -> [[f32; NL]; NL + 1] {
    let mut out = *trans;
    for (p, row) in out.iter_mut().enumerate() {
        for (y, v) in row.iter_mut().enumerate() {
            if !allowed((p < NL).then_some(p), y) {
                *v = f32::NEG_INFINITY;
            }
        }
    }
    out
}

/// Best label sequence, with transitions from [`allowed_transitions`] (a sum with a
/// forbidden transition is minus infinity, which never beats the best so far). When
/// `mask` is given, the tokens outside it may only be `O`, so only `O` is scored there.
fn viterbi_masked(
    emit: &[[f32; NL]],
    mask: Option<&[bool]>,
    trans: &[[f32; NL]; NL + 1],
) -> Vec<usize> {
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; NL]; n];
    let mut back = vec![[0u8; NL]; n];
    for y in 0..NL {
        score[0][y] = trans[NL][y] + emit[0][y];
    }
    for i in 1..n {
        let labels = if mask.is_none_or(|m| m[i]) { NL } else { 1 };
        let prev = score[i - 1];
        for y in 0..labels {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (p, s) in prev.iter().enumerate() {
                let s = s + trans[p][y];
                if s > best.0 {
                    best = (s, p);
                }
            }
            score[i][y] = best.0 + emit[i][y];
            back[i][y] = best.1 as u8;
        }
    }
    let last = &score[n - 1];
    let mut y = (0..NL).fold(0, |b, k| if last[k] > last[b] { k } else { b });
    let mut out = vec![0usize; n];
    for i in (0..n).rev() {
        out[i] = y;
        y = back[i][y] as usize;
    }
    out
}

/// The model compiled into the binary (`models/ner.bin.gz`).
static MODEL_BYTES: &[u8] = include_bytes!("../../models/ner.bin.gz");

static BUILTIN: OnceLock<Model> = OnceLock::new();

/// The built-in model, loaded once. If it cannot be read (a broken build), a warning
/// is printed once and an empty model is used, which finds no entities.
pub fn builtin() -> &'static Model {
    BUILTIN.get_or_init(|| match Model::from_bytes(MODEL_BYTES) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("warning: built-in NER model unusable ({e}); no entities will be found");
            Model::default()
        }
    })
}

/// The English model (`models/ner-en.bin.gz`, trained on wikigold, see
/// `tools/scripts/wikigold_to_bio.py`), for articles whose language is English.
static MODEL_EN_BYTES: &[u8] = include_bytes!("../../models/ner-en.bin.gz");

static BUILTIN_EN: OnceLock<Model> = OnceLock::new();

/// The built-in English model, loaded once; the Indonesian one if it cannot be read.
pub fn builtin_en() -> &'static Model {
    BUILTIN_EN.get_or_init(|| match Model::from_bytes(MODEL_EN_BYTES) {
        Ok(m) => m,
        Err(e) => {
            eprintln!(
                "warning: built-in English NER model unusable ({e}); using the Indonesian one"
            );
            builtin().clone()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{eval, tokenize};
    use std::path::PathBuf;

    /// `../shared`, or `None` (with a note) when it is missing outside CI.
    fn shared() -> Option<PathBuf> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        if dir.exists() {
            return Some(dir);
        }
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{} is missing", dir.display());
        }
        eprintln!("note: {} is missing; test skipped", dir.display());
        None
    }

    /// NERGrit valid sentences and the sentences of the first IndoSum articles.
    fn real_sentences(shared: &std::path::Path) -> Vec<Vec<String>> {
        let valid = std::fs::read_to_string(shared.join("ner/nergrit/valid.txt")).unwrap();
        let mut out: Vec<Vec<String>> = eval::read_bio(&valid)
            .unwrap()
            .into_iter()
            .map(|s| s.tokens)
            .collect();
        let jsonl = std::fs::read_to_string(shared.join("corpus/jsonl/indosum-00.jsonl")).unwrap();
        for line in jsonl.lines().take(250) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let content = v["content"].as_str().unwrap_or_default();
            for para in content.split("\n\n") {
                let toks = tokenize::tokenize(para);
                for sent in tokenize::sentences(&toks) {
                    out.push(sent.iter().map(|t| t.text.to_string()).collect());
                }
            }
        }
        out
    }

    fn uncached_emissions(m: &Model, tokens: &[String], mask: &[bool]) -> Vec<[f32; NL]> {
        sentence_features_masked(tokens, &m.lexicon, &m.names, Some(mask))
            .iter()
            .zip(mask)
            .map(|(f, &keep)| if keep { m.emission(f) } else { ONLY_O })
            .collect()
    }

    #[test]
    fn cached_tagger_matches_the_full_computation() {
        let Some(shared) = shared() else { return };
        let sentences = real_sentences(&shared);
        assert!(sentences.len() > 3000, "{} sentences", sentences.len());
        let model = builtin();
        // A small cache is emptied many times along the way: same results.
        let mut taggers = [Tagger::new(model), Tagger::with_capacity(model, 300)];
        let mut names = 0;
        for tokens in &sentences {
            let mask = candidates(tokens);
            let want = uncached_emissions(model, tokens, &mask);
            let labels = model.tag_uncached(tokens);
            names += labels.iter().filter(|l| **l % 2 == 1).count();
            for t in taggers.iter_mut() {
                let got = t.emissions(tokens, &mask);
                for (g, w) in got.iter().zip(&want) {
                    for (a, b) in g.iter().zip(w) {
                        assert!(a == b || (a - b).abs() < 1e-3, "{tokens:?}: {g:?} vs {w:?}");
                    }
                }
                assert_eq!(t.tag(tokens), labels, "{tokens:?}");
            }
            assert_eq!(model.tag(tokens), labels, "{tokens:?}");
        }
        assert!(names > 3000, "only {names} names found");
    }

    #[test]
    fn any_mask_gives_the_full_computation() {
        let model = builtin();
        let toks: Vec<String> = "kata dia Bank Central Asia 2 3 4 5 6 7 di Jakarta"
            .split(' ')
            .map(String::from)
            .collect();
        for i in 0..toks.len() {
            let mut mask = vec![false; toks.len()];
            mask[i] = true;
            let want = uncached_emissions(model, &toks, &mask);
            let got = Tagger::new(model).emissions(&toks, &mask);
            for (g, w) in got.iter().zip(&want) {
                for (a, b) in g.iter().zip(w) {
                    assert!(a == b || (a - b).abs() < 1e-3, "{i}: {g:?} vs {w:?}");
                }
            }
        }
    }

    #[test]
    fn only_the_builtin_model_uses_the_cache() {
        let mut m = builtin().clone();
        let toks = ["kata", "Presiden", "Joko", "Widodo", "di", "Jakarta"];
        let before = builtin().tag(&toks);
        assert!(before.iter().any(|l| *l != 0), "{before:?}");
        assert_eq!(m.tag(&toks), before);
        // A changed copy (as in training) is tagged with its own, current weights:
        // all zero, so everything is `O`.
        for w in m.weights.values_mut() {
            *w = [0.0; NL];
        }
        m.trans = [[0.0; NL]; NL + 1];
        assert_eq!(m.tag(&toks), vec![0; toks.len()]);
        assert_eq!(builtin().tag(&toks), before);
    }

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
