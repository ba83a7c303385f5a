//! The per-thread [`Tagger`] of the built-in model: it remembers the summed weights
//! of each word's own features, so a token's emission scores take seven remembered
//! sums and about twenty weight look-ups instead of about 85 (same labels).

use super::*;

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
    pub(super) static BUILTIN_TAGGER: RefCell<Tagger<'static>> = RefCell::new(Tagger::new(builtin()));
    pub(super) static BUILTIN_EN_TAGGER: RefCell<Tagger<'static>> = RefCell::new(Tagger::new(builtin_en()));
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
