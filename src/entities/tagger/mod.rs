//! The sequence tagger: a linear model over hashed token features (see `features`)
//! with label-to-label transition weights, decoded with Viterbi under BIO constraints
//! (an `I-X` only after `B-X` or `I-X`). The weights come from `train` (an averaged
//! structured perceptron); the model file is a gzip-compressed little-endian dump
//! with the lexicon, stored in `models/ner.bin.gz` and compiled into the binary.
//! The built-in models tag through a per-thread [`Tagger`] each, which remembers the summed
//! weights of each word's own features, so a token's emission scores take seven
//! remembered sums and about twenty weight look-ups instead of about 85 (same labels).
//! Here: labels, the model and its scores; `format` the model file, `cache` the
//! per-thread tagger, `viterbi` the decoding.

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

mod cache;
mod format;
mod viterbi;

pub use cache::{Tagger, CACHE_WORDS};
use cache::{BUILTIN_EN_TAGGER, BUILTIN_TAGGER};
pub use viterbi::viterbi;
use viterbi::{allowed_transitions, viterbi_masked};

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
    /// The built-in models ([`builtin`], [`builtin_en`]) never change, so each tags
    /// through a per-thread [`Tagger`], which caches the weights of each word's own features; any other model
    /// (one being trained) computes every feature each time.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<usize> {
        let tagger = if BUILTIN.get().is_some_and(|b| std::ptr::eq(b, self)) {
            Some(&BUILTIN_TAGGER)
        } else if is_builtin_en(self) {
            Some(&BUILTIN_EN_TAGGER)
        } else {
            None
        };
        if let Some(tagger) = tagger {
            let cached = tagger.with(|t| t.try_borrow_mut().ok().map(|mut t| t.tag(tokens)));
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
}

/// The model compiled into the binary (`models/ner.bin.gz`).
static MODEL_BYTES: &[u8] = include_bytes!("../../../models/ner.bin.gz");

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
static MODEL_EN_BYTES: &[u8] = include_bytes!("../../../models/ner-en.bin.gz");

static BUILTIN_EN: OnceLock<Model> = OnceLock::new();

/// Whether `model` is the built-in English model (without loading it to compare).
pub fn is_builtin_en(model: &Model) -> bool {
    BUILTIN_EN.get().is_some_and(|b| std::ptr::eq(b, model))
}

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

    /// wikigold sentences and the sentences of the first Reuters stories: English text.
    fn english_sentences(shared: &std::path::Path) -> Vec<Vec<String>> {
        let conll = std::fs::read_to_string(shared.join("ner/en/wikigold.conll")).unwrap();
        let mut out: Vec<Vec<String>> = conll
            .split("\n\n")
            .map(|s| {
                s.lines()
                    .filter_map(|l| l.split(' ').next())
                    .filter(|t| !t.is_empty() && *t != "-DOCSTART-")
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect();
        let sgml = std::fs::read(shared.join("corpus/sgml/reuters21578/reut2-000.sgm")).unwrap();
        let sgml = String::from_utf8_lossy(&sgml);
        for body in sgml.split("<BODY>").skip(1).take(300) {
            let body = body.split("</BODY>").next().unwrap_or_default();
            let toks = tokenize::tokenize(body);
            for sent in tokenize::sentences(&toks) {
                out.push(sent.iter().map(|t| t.text.to_string()).collect());
            }
        }
        out
    }

    #[test]
    fn cached_english_tagger_matches_the_full_computation() {
        let Some(shared) = shared() else { return };
        let sentences = english_sentences(&shared);
        assert!(sentences.len() > 3000, "{} sentences", sentences.len());
        let model = builtin_en();
        let mut tagger = Tagger::with_capacity(model, 300);
        let mut names = 0;
        for tokens in &sentences {
            let labels = model.tag_uncached(tokens);
            names += labels.iter().filter(|l| **l % 2 == 1).count();
            assert_eq!(tagger.tag(tokens), labels, "{tokens:?}");
            // `Model::tag` of the English model goes through its per-thread tagger.
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
