//! Training the tagger: an averaged structured perceptron (Collins 2002) over the
//! hashed features, decoding with the same constrained Viterbi as tagging.
//!
//! Extra data from another domain (NER-PROSA: lower-cased news) is used with feature
//! augmentation (Daumé 2007): every feature gets a shared copy and a copy private to
//! its domain; the exported model keeps shared + target-domain weights summed, so
//! tagging costs the same. Examples are shuffled per epoch with a fixed seed, so the
//! same data and options give the same model, byte for byte.

use super::eval::{Scores, Sentence};
use super::features::{mix, sentence_features};
use super::gazetteer::NameList;
use super::lexicon::{Lexicon, Rng};
use super::tagger::{allowed, label_index, viterbi, FeatureMap, Model, LABELS, NL};

/// A training sentence with its domain (0 = target, 1 = extra).
#[derive(Debug, Clone)]
pub struct Example {
    pub sentence: Sentence,
    pub domain: u8,
}

#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Drop exported features whose weights are all smaller than this.
    pub prune: f32,
    /// The learnt-name features of a training sentence come from the names of the
    /// other folds (jackknife), so the model learns how much a listed name is worth
    /// on text it was not learnt from. 0 turns learnt names off.
    pub name_folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 17,
            prune: 1e-3,
            name_folds: 10,
        }
    }
}

/// Per-domain copy of a feature.
fn domain_copy(f: u64, domain: u8) -> u64 {
    mix(f ^ (0xd0d0_0000_0000_0000 + domain as u64))
}

struct Instance {
    feats: Vec<Vec<u32>>,
    gold: Vec<usize>,
}

/// Weights with the running sums averaging needs (`avg = w - u / c`).
struct Weights {
    w: Vec<f32>,
    u: Vec<f64>,
    tw: [[f32; NL]; NL + 1],
    tu: [[f64; NL]; NL + 1],
    c: f64,
}

impl Weights {
    fn emissions(&self, feats: &[Vec<u32>], w: &[f32]) -> Vec<[f32; NL]> {
        feats
            .iter()
            .map(|fs| {
                let mut s = [0f32; NL];
                for f in fs {
                    let row = &w[*f as usize * NL..(*f as usize + 1) * NL];
                    for (a, b) in s.iter_mut().zip(row) {
                        *a += b;
                    }
                }
                s
            })
            .collect()
    }

    fn bump(&mut self, f: u32, y: usize, d: f32) {
        let k = f as usize * NL + y;
        self.w[k] += d;
        self.u[k] += self.c * d as f64;
    }

    fn bump_trans(&mut self, p: usize, y: usize, d: f32) {
        self.tw[p][y] += d;
        self.tu[p][y] += self.c * d as f64;
    }

    fn update(&mut self, inst: &Instance, pred: &[usize]) {
        let gold = &inst.gold;
        for i in 0..gold.len() {
            if gold[i] != pred[i] {
                for f in &inst.feats[i] {
                    self.bump(*f, gold[i], 1.0);
                    self.bump(*f, pred[i], -1.0);
                }
            }
            let gp = if i == 0 { NL } else { gold[i - 1] };
            let pp = if i == 0 { NL } else { pred[i - 1] };
            if (gp, gold[i]) != (pp, pred[i]) {
                self.bump_trans(gp, gold[i], 1.0);
                self.bump_trans(pp, pred[i], -1.0);
            }
        }
    }

    fn averaged(&self) -> (Vec<f32>, [[f32; NL]; NL + 1]) {
        let w = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| (*w as f64 - u / self.c) as f32)
            .collect();
        let mut t = [[0f32; NL]; NL + 1];
        for (p, row) in t.iter_mut().enumerate() {
            for (y, cell) in row.iter_mut().enumerate() {
                *cell = (self.tw[p][y] as f64 - self.tu[p][y] / self.c) as f32;
            }
        }
        (w, t)
    }
}

/// Assigns dense ids to features; remembers which ids are shared or target-domain copies.
#[derive(Default)]
struct Index {
    ids: FeatureMap<u32>,
    keys: Vec<u64>,
}

impl Index {
    fn id(&mut self, key: u64) -> u32 {
        if let Some(id) = self.ids.get(&key) {
            return *id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key, id);
        self.keys.push(key);
        id
    }
}

fn instance_features(
    tokens: &[String],
    lex: &Lexicon,
    names: &NameList,
    domain: u8,
    augment: bool,
) -> Vec<Vec<u64>> {
    sentence_features(tokens, lex, names)
        .into_iter()
        .map(|fs| {
            if !augment {
                return fs;
            }
            let mut out = fs.clone();
            out.extend(fs.iter().map(|f| domain_copy(*f, domain)));
            out
        })
        .collect()
}

/// Trains a model; scores `valid` after each epoch when it is not empty (logged, and
/// returned as one F1 per epoch).
pub fn train(
    examples: &[Example],
    valid: &[Sentence],
    lexicon: Lexicon,
    opts: &TrainOptions,
    log: &dyn Fn(&str),
) -> (Model, Vec<f64>) {
    let augment = examples.iter().any(|e| e.domain != 0);
    let targets = || {
        examples
            .iter()
            .filter(|e| e.domain == 0)
            .map(|e| &e.sentence)
    };
    let mut all_names = NameList::default();
    if opts.name_folds > 0 {
        all_names.add_sentences(targets());
    }
    let folds = opts.name_folds.max(1);
    let fold_names: Vec<NameList> = (0..folds)
        .map(|k| {
            let mut n = NameList::default();
            if opts.name_folds > 0 {
                n.add_sentences(
                    targets()
                        .enumerate()
                        .filter(|(i, _)| i % folds != k)
                        .map(|(_, s)| s),
                );
            }
            n
        })
        .collect();
    let mut target_no = 0usize;
    let mut index = Index::default();
    let instances: Vec<Instance> = examples
        .iter()
        .map(|e| {
            let names = if e.domain == 0 {
                target_no += 1;
                &fold_names[(target_no - 1) % folds]
            } else {
                &all_names
            };
            let feats = instance_features(&e.sentence.tokens, &lexicon, names, e.domain, augment)
                .into_iter()
                .map(|fs| fs.into_iter().map(|f| index.id(f)).collect())
                .collect();
            Instance {
                feats,
                gold: e.sentence.labels.iter().map(|l| label_index(l)).collect(),
            }
        })
        .collect();
    let valid_feats: Vec<Vec<Vec<u32>>> = valid
        .iter()
        .map(|s| {
            instance_features(&s.tokens, &lexicon, &all_names, 0, augment)
                .into_iter()
                .map(|fs| {
                    fs.into_iter()
                        .filter_map(|f| index.ids.get(&f).copied())
                        .collect()
                })
                .collect()
        })
        .collect();
    let nf = index.keys.len();
    log(&format!(
        "train: {} sentences, {} features",
        instances.len(),
        nf
    ));
    let mut wts = Weights {
        w: vec![0.0; nf * NL],
        u: vec![0.0; nf * NL],
        tw: [[0.0; NL]; NL + 1],
        tu: [[0.0; NL]; NL + 1],
        c: 1.0,
    };
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut rng = Rng::new(opts.seed);
    let mut curve = Vec::new();
    for epoch in 1..=opts.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut mistakes = 0;
        for &k in &order {
            let inst = &instances[k];
            let emit = wts.emissions(&inst.feats, &wts.w);
            let pred = viterbi(&emit, &wts.tw);
            if pred != inst.gold {
                mistakes += 1;
                wts.update(inst, &pred);
            }
            wts.c += 1.0;
        }
        if !valid.is_empty() {
            let (w, t) = wts.averaged();
            let mut scores = Scores::default();
            for (s, f) in valid.iter().zip(&valid_feats) {
                let pred: Vec<&str> = viterbi(&wts.emissions(f, &w), &t)
                    .into_iter()
                    .map(|y| LABELS[y])
                    .collect();
                scores.add(&s.labels, &pred);
            }
            curve.push(scores.overall.f1());
            log(&format!(
                "epoch {epoch}: {mistakes} wrong sentences, valid f1 {:.4}",
                scores.overall.f1()
            ));
            if epoch == opts.epochs {
                log(&scores.report());
            }
        } else {
            log(&format!("epoch {epoch}: {mistakes} wrong sentences"));
        }
    }
    let mut model = export(&index, &wts, lexicon, augment, opts.prune);
    model.names = all_names;
    (model, curve)
}

fn export(index: &Index, wts: &Weights, lexicon: Lexicon, augment: bool, prune: f32) -> Model {
    let (w, trans) = wts.averaged();
    let row = |id: u32| -> [f32; NL] {
        let mut r = [0f32; NL];
        r.copy_from_slice(&w[id as usize * NL..(id as usize + 1) * NL]);
        r
    };
    let mut weights: FeatureMap<[f32; NL]> = FeatureMap::default();
    let mut domain_keys = std::collections::HashSet::new();
    if augment {
        for k in &index.keys {
            domain_keys.insert(domain_copy(*k, 0));
            domain_keys.insert(domain_copy(*k, 1));
        }
    }
    for (id, key) in index.keys.iter().enumerate() {
        if domain_keys.contains(key) {
            continue;
        }
        let mut r = row(id as u32);
        if augment {
            if let Some(t) = index.ids.get(&domain_copy(*key, 0)) {
                let extra = row(*t);
                r.iter_mut().zip(extra).for_each(|(a, b)| *a += b);
            }
        }
        if r.iter().any(|v| v.abs() >= prune) {
            weights.insert(*key, r);
        }
    }
    let mut model = Model {
        lexicon,
        names: NameList::default(),
        weights,
        trans,
    };
    // Transitions that break BIO never win anyway; keep them at zero in the file.
    for p in 0..=NL {
        for y in 0..NL {
            let prev = (p < NL).then_some(p);
            if !allowed(prev, y) {
                model.trans[p][y] = 0.0;
            }
        }
    }
    model
}

/// Trains `n` models that differ only in the order examples are seen (seeds `seed`,
/// `seed + 1`, ...) and averages their weights: a cheap ensemble with the tagging cost
/// of one model. Returns the model and its F1 on `valid` (0 when `valid` is empty).
pub fn train_ensemble(
    examples: &[Example],
    valid: &[Sentence],
    lexicon: Lexicon,
    opts: &TrainOptions,
    n: usize,
    log: &dyn Fn(&str),
) -> (Model, f64) {
    let n = n.max(1);
    let mut sum: Option<Model> = None;
    for s in 0..n {
        let o = TrainOptions {
            seed: opts.seed.wrapping_add(s as u64),
            ..opts.clone()
        };
        let (m, _) = train(examples, &[], lexicon.clone(), &o, log);
        match &mut sum {
            None => sum = Some(m),
            Some(acc) => {
                for (k, w) in m.weights {
                    let e = acc.weights.entry(k).or_insert([0.0; NL]);
                    e.iter_mut().zip(w).for_each(|(a, b)| *a += b);
                }
                for p in 0..=NL {
                    for y in 0..NL {
                        acc.trans[p][y] += m.trans[p][y];
                    }
                }
            }
        }
    }
    let Some(mut model) = sum else {
        unreachable!("n >= 1")
    };
    let scale = 1.0 / n as f32;
    model
        .weights
        .values_mut()
        .for_each(|w| w.iter_mut().for_each(|v| *v *= scale));
    model
        .trans
        .iter_mut()
        .for_each(|r| r.iter_mut().for_each(|v| *v *= scale));
    let mut scores = Scores::default();
    for s in valid {
        scores.add(&s.labels, &model.tag_labels(&s.tokens));
    }
    if !valid.is_empty() {
        log(&scores.report());
    }
    (model, scores.overall.f1())
}
