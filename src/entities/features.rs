//! Observation features of each token for the tagger, as 64-bit hashes (no strings
//! are built per feature): the word and its lower case, word shape, prefixes and
//! suffixes, neighbouring words and shapes within two tokens, sentence position,
//! how often the word is capitalised in unlabelled news text, its word clusters
//! (learnt from unlabelled text, see `lexicon`) and gazetteer classes; words three
//! away, clusters two away and word pairs on each side; for a token in a run of
//! capitalised words, its place in the run, the run's length, first and last words
//! and gazetteer classes, and the words around the run.
//!
//! Most templates read one token only: [`unary_features`] gives those of a token at a
//! given offset from the tagged one, [`context_features`] the others, so the tagger's
//! cache (`tagger::Tagger`) can sum a word's own weights once.

use super::gazetteer::{self, NameList};
use super::lexicon::{Lexicon, WordInfo, CLUSTER_LEVELS};
use std::borrow::Cow;

/// The lower case of a word; borrowed when it is lower-case ASCII already (most words).
pub fn lower_case(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// 64-bit FNV-1a over bytes, finished with a splitmix step (stable everywhere).
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// splitmix64 finaliser.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A feature id from a template number and up to three parts.
fn feat(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a ^ b.rotate_left(21) ^ c.rotate_left(42))
}

/// Everything about one token the templates combine.
#[derive(Debug, Clone, Default)]
pub(super) struct TokenView {
    word: u64,
    pub(super) lower: u64,
    shape: u64,
    pub(super) short_shape: u64,
    /// Capitalisation class: 0 lower/other, 1 initial capital, 2 all capitals, 3 digit.
    pub(super) cap: u64,
    affixes: [u64; 8],
    pub(super) info: WordInfo,
    gaz: u8,
    /// Learnt name list: type bits and place in the name.
    learnt: (u8, u8),
    /// Character trigrams of capitalised words (with `^`/`$` at the ends).
    trigrams: Vec<u64>,
}

const PAD_LEFT: u64 = 0x51;
const PAD_RIGHT: u64 = 0x52;

/// Feature ids of every token of a sentence; one `Vec` per token.
pub fn sentence_features<S: AsRef<str>>(
    tokens: &[S],
    lex: &Lexicon,
    names: &NameList,
) -> Vec<Vec<u64>> {
    sentence_features_masked(tokens, lex, names, None)
}

/// Like [`sentence_features`], leaving the features of tokens outside `mask` empty.
pub fn sentence_features_masked<S: AsRef<str>>(
    tokens: &[S],
    lex: &Lexicon,
    names: &NameList,
    mask: Option<&[bool]>,
) -> Vec<Vec<u64>> {
    let lowers: Vec<Cow<str>> = tokens.iter().map(|t| lower_case(t.as_ref())).collect();
    let lower_refs: Vec<&str> = lowers.iter().map(|s| s.as_ref()).collect();
    let gaz = gazetteer::classes(&lower_refs);
    let learnt = names.classes(&lower_refs);
    let views: Vec<TokenView> = tokens
        .iter()
        .zip(&lower_refs)
        .zip(gaz)
        .zip(learnt)
        .map(|(((t, l), g), n)| view(t.as_ref(), l, g, n, lex))
        .collect();
    let caps: Vec<u64> = views.iter().map(|v| v.cap).collect();
    let runs = capital_runs(tokens, &caps);
    (0..views.len())
        .map(|i| {
            if mask.is_some_and(|m| !m[i]) {
                return Vec::new();
            }
            let mut f = token_features(&views, i);
            wide_features(&views, i, &mut f);
            if let Some(r) = runs[i] {
                run_features(&views, i, r, &mut f);
            }
            f
        })
        .collect()
}

/// Lower-case words that may join two capitalised words into one name
/// (`Minamoto no Yoritomo`, `College of Law`, `Club de Metz`).
const CONNECTORS: &[&str] = &[
    "of", "de", "du", "des", "la", "le", "van", "von", "der", "den", "no", "bin", "binti", "al",
    "el", "the", "da", "dos", "y", "-", "&",
];

/// For each token, the run of capitalised words it belongs to (`start..end`): capitalised
/// tokens, plus numbers and connectors between them. `caps` are the tokens' [`cap_class`].
pub(super) fn capital_runs<S: AsRef<str>>(
    tokens: &[S],
    caps: &[u64],
) -> Vec<Option<(usize, usize)>> {
    let n = caps.len();
    let capital = |k: usize| caps[k] == 1 || caps[k] == 2;
    let joins = |k: usize| caps[k] == 3 || CONNECTORS.contains(&tokens[k].as_ref());
    let mut out = vec![None; n];
    let mut i = 0;
    while i < n {
        if !capital(i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        loop {
            if end < n && capital(end) {
                end += 1;
                continue;
            }
            // numbers may end a run (`Sigma 6`); connectors need a capital after them
            if end < n && caps[end] == 3 {
                end += 1;
                continue;
            }
            if end + 1 < n && joins(end) && capital(end + 1) {
                end += 2;
                continue;
            }
            break;
        }
        for o in &mut out[i..end] {
            *o = Some((i, end));
        }
        i = end;
    }
    out
}

/// Features of a token inside a run of capitalised words: its place in the run, the
/// run's length, first and last words, the words around the run and its gazetteer classes.
fn run_features(v: &[TokenView], i: usize, (s, e): (usize, usize), f: &mut Vec<u64>) {
    let len = (e - s).min(5) as u64;
    let pos = run_position(i, s, e);
    let gaz = v[s..e].iter().fold(0u64, |a, t| a | t.gaz as u64);
    let before = if s > 0 { v[s - 1].lower } else { PAD_LEFT };
    let after = v.get(e).map(|t| t.lower).unwrap_or(PAD_RIGHT);
    f.push(feat(130, len, pos, 0));
    f.push(feat(131, v[s].lower, pos, 0));
    f.push(feat(132, v[e - 1].lower, pos, 0));
    f.push(feat(133, gaz, pos, 0));
    f.push(feat(134, v[e - 1].info.clusters[1] as u64 + 1, pos, 0));
    f.push(feat(135, before, pos, 0));
    f.push(feat(136, after, pos, 0));
}

/// Words three away, clusters two away, and the word pair two to the left.
fn wide_features(v: &[TokenView], i: usize, f: &mut Vec<u64>) {
    let at = |j: isize| -> Option<&TokenView> {
        let k = i as isize + j;
        (k >= 0).then(|| v.get(k as usize)).flatten()
    };
    let pad = |j: isize| if j < 0 { PAD_LEFT } else { PAD_RIGHT };
    let lower_at = |j: isize| at(j).map(|x| x.lower).unwrap_or(pad(j));
    let cl_at = |j: isize| {
        at(j)
            .map(|x| x.info.clusters[1] as u64 + 1)
            .unwrap_or(pad(j))
    };
    f.push(feat(120, lower_at(-3), 0, 0));
    f.push(feat(121, lower_at(3), 0, 0));
    f.push(feat(122, cl_at(-2), 0, 0));
    f.push(feat(123, cl_at(2), 0, 0));
    f.push(feat(124, lower_at(-2), lower_at(-1), 0));
    f.push(feat(125, lower_at(1), lower_at(2), 0));
}

/// Capitalisation class of a word: 0 lower/other, 1 initial capital, 2 all capitals, 3 digit.
pub(super) fn cap_class(word: &str) -> u64 {
    match word.chars().next() {
        Some(c) if c.is_numeric() => 3,
        Some(c) if c.is_uppercase() => {
            if word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase()) {
                2
            } else {
                1
            }
        }
        _ => 0,
    }
}

/// What the templates use of one token: `lower` is its lower case, `gaz` its gazetteer
/// classes and `learnt` its learnt-name class in the sentence.
pub(super) fn view(word: &str, lower: &str, gaz: u8, learnt: (u8, u8), lex: &Lexicon) -> TokenView {
    let (shape, short_shape) = shapes(word);
    let cap = cap_class(word);
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let mut affixes = [0u64; 8];
    for n in 1..=4usize {
        let (p, s) = if chars.len() > n {
            let p_end = chars[n].0;
            let s_start = chars[chars.len() - n].0;
            (&lower[..p_end], &lower[s_start..])
        } else {
            (lower, lower)
        };
        affixes[n - 1] = hash_bytes(100 + n as u64, p.as_bytes());
        affixes[3 + n] = hash_bytes(200 + n as u64, s.as_bytes());
    }
    TokenView {
        word: hash_bytes(1, word.as_bytes()),
        lower: hash_bytes(2, lower.as_bytes()),
        shape: hash_bytes(3, shape.as_bytes()),
        short_shape: hash_bytes(4, short_shape.as_bytes()),
        cap,
        affixes,
        info: lex.get(lower),
        gaz,
        learnt,
        trigrams: if cap == 1 || cap == 2 {
            trigrams(lower)
        } else {
            Vec::new()
        },
    }
}

/// Hashed character trigrams of a word, with `^` and `$` marking its ends.
fn trigrams(lower: &str) -> Vec<u64> {
    let chars: Vec<char> = std::iter::once('^')
        .chain(lower.chars())
        .chain(std::iter::once('$'))
        .collect();
    chars
        .windows(3)
        .map(|w| {
            let mut buf = [0u8; 12];
            let mut n = 0;
            for c in w {
                n += c.encode_utf8(&mut buf[n..]).len();
            }
            hash_bytes(300, &buf[..n])
        })
        .collect()
}

/// Word shape (`Xxxx`, `XX`, `dd`; runs capped at 4) and short shape (runs collapsed).
pub fn shapes(word: &str) -> (String, String) {
    let mut shape = String::new();
    let mut short = String::new();
    let mut run = 0;
    let mut last = '\0';
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            run = 1;
            short.push(k);
        }
        if run <= 4 {
            shape.push(k);
        }
        last = k;
    }
    (shape, short)
}

fn token_features(v: &[TokenView], i: usize) -> Vec<u64> {
    let t = &v[i];
    let at = |j: isize| -> Option<&TokenView> {
        let k = i as isize + j;
        (k >= 0).then(|| v.get(k as usize)).flatten()
    };
    let pad = |j: isize| if j < 0 { PAD_LEFT } else { PAD_RIGHT };
    let lower_at = |j: isize| at(j).map(|x| x.lower).unwrap_or(pad(j));
    let shape_at = |j: isize| at(j).map(|x| x.short_shape).unwrap_or(pad(j));
    let cluster_at = |j: isize, g: usize| {
        at(j)
            .map(|x| x.info.clusters[g] as u64 + 1)
            .unwrap_or(pad(j))
    };
    let gaz_at = |j: isize| at(j).map(|x| x.gaz as u64).unwrap_or(pad(j));
    let first = (i == 0) as u64;
    let cap_ratio = t.info.cap_class as u64;

    let mut f = Vec::with_capacity(64);
    f.push(feat(1, 0, 0, 0));
    f.push(feat(2, t.word, 0, 0));
    f.push(feat(3, t.lower, 0, 0));
    f.push(feat(4, t.shape, 0, 0));
    f.push(feat(5, t.short_shape, first, 0));
    for (k, a) in t.affixes.iter().enumerate() {
        f.push(feat(10 + k as u64, *a, 0, 0));
    }
    for j in [-2isize, -1, 1, 2] {
        f.push(feat(20 + (j + 2) as u64, lower_at(j), 0, 0));
        f.push(feat(25 + (j + 2) as u64, shape_at(j), 0, 0));
        f.push(feat(30 + (j + 2) as u64, gaz_at(j), 0, 0));
    }
    f.push(feat(35, lower_at(-1), t.lower, 0));
    f.push(feat(36, t.lower, lower_at(1), 0));
    f.push(feat(37, shape_at(-1), t.short_shape, shape_at(1)));
    f.push(feat(38, lower_at(-1), t.short_shape, 0));
    f.push(feat(39, t.short_shape, lower_at(1), 0));
    f.push(feat(40, t.cap, first, cap_ratio));
    f.push(feat(41, cap_ratio, 0, 0));
    f.push(feat(42, t.gaz as u64, t.cap, 0));
    for g in 0..3 {
        f.push(feat(50 + g as u64, cluster_at(0, g), 0, 0));
        f.push(feat(55 + g as u64, cluster_at(-1, g), 0, 0));
        f.push(feat(60 + g as u64, cluster_at(1, g), 0, 0));
        f.push(feat(65 + g as u64, cluster_at(0, g), t.cap, 0));
    }
    for g in 3..CLUSTER_LEVELS {
        f.push(feat(100 + g as u64, cluster_at(0, g), 0, 0));
        f.push(feat(105 + g as u64, cluster_at(-1, g), 0, 0));
        f.push(feat(110 + g as u64, cluster_at(1, g), 0, 0));
    }
    let learnt_at = |j: isize| at(j).map(|x| x.learnt.0 as u64).unwrap_or(pad(j));
    for g in &t.trigrams {
        f.push(feat(90, *g, 0, 0));
    }
    let capr_at = |j: isize| at(j).map(|x| x.info.cap_class as u64).unwrap_or(pad(j));
    f.push(feat(91, capr_at(-1), cap_ratio, capr_at(1)));
    f.push(feat(80, t.learnt.0 as u64, t.learnt.1 as u64, 0));
    f.push(feat(81, t.learnt.0 as u64, t.learnt.1 as u64, t.cap));
    f.push(feat(82, learnt_at(-1), 0, 0));
    f.push(feat(83, learnt_at(1), 0, 0));
    f.push(feat(70, cluster_at(-1, 1), cluster_at(0, 1), 0));
    f.push(feat(71, cluster_at(0, 1), cluster_at(1, 1), 0));
    f
}

/// What the templates that combine several tokens use of one token.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Link {
    pub lower: u64,
    pub short_shape: u64,
    pub cap: u64,
    pub cap_ratio: u64,
    /// Mid-level cluster id plus one.
    pub cluster1: u64,
}

impl TokenView {
    /// The part of this view that [`unary_features`] reads away from the tagged token
    /// (`j != 0`): the word's lower case, short shape, lexicon entry and classes.
    pub(super) fn far(&self) -> FarView {
        FarView {
            lower: self.lower,
            short_shape: self.short_shape,
            info: self.info,
            gaz: self.gaz,
            learnt: self.learnt,
        }
    }
}

/// What [`unary_features`] reads of a token away from the tagged token.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct FarView {
    lower: u64,
    short_shape: u64,
    info: WordInfo,
    gaz: u8,
    learnt: (u8, u8),
}

impl FarView {
    /// A view with the fields of `self`, enough for [`unary_features`] at `j != 0`.
    pub(super) fn view(&self) -> TokenView {
        TokenView {
            lower: self.lower,
            short_shape: self.short_shape,
            info: self.info,
            gaz: self.gaz,
            learnt: self.learnt,
            ..TokenView::default()
        }
    }

    /// The token's gazetteer and learnt-name classes.
    pub(super) fn classes(&self) -> (u8, (u8, u8)) {
        (self.gaz, self.learnt)
    }

    /// The [`Link`] of a token with this view and capitalisation class `cap`.
    pub(super) fn link(&self, cap: u64) -> Link {
        Link {
            lower: self.lower,
            short_shape: self.short_shape,
            cap,
            cap_ratio: self.info.cap_class as u64,
            cluster1: self.info.clusters[1] as u64 + 1,
        }
    }
}

/// Offsets from the tagged token of the tokens whose features it uses.
pub const REACH: isize = 3;

/// The features of [`sentence_features`] that depend on one token only, for that token
/// at offset `j` (`-REACH..=REACH`) from the tagged token; `None` for a position
/// before the start or after the end of the sentence (`j` is not 0 then). Together with
/// [`context_features`] they are exactly the features of [`sentence_features`] (a test
/// checks it), so their weights can be summed once per word.
pub(super) fn unary_features(t: Option<&TokenView>, j: isize, f: &mut Vec<u64>) {
    let p = if j < 0 { PAD_LEFT } else { PAD_RIGHT };
    let lower = t.map(|x| x.lower).unwrap_or(p);
    let cluster = |g: usize| t.map(|x| x.info.clusters[g] as u64 + 1).unwrap_or(p);
    match (j, t) {
        (0, Some(t)) => {
            let cap_ratio = t.info.cap_class as u64;
            f.push(feat(1, 0, 0, 0));
            f.push(feat(2, t.word, 0, 0));
            f.push(feat(3, t.lower, 0, 0));
            f.push(feat(4, t.shape, 0, 0));
            for (k, a) in t.affixes.iter().enumerate() {
                f.push(feat(10 + k as u64, *a, 0, 0));
            }
            f.push(feat(41, cap_ratio, 0, 0));
            f.push(feat(42, t.gaz as u64, t.cap, 0));
            for g in 0..3 {
                f.push(feat(50 + g as u64, cluster(g), 0, 0));
                f.push(feat(65 + g as u64, cluster(g), t.cap, 0));
            }
            for g in 3..CLUSTER_LEVELS {
                f.push(feat(100 + g as u64, cluster(g), 0, 0));
            }
            for g in &t.trigrams {
                f.push(feat(90, *g, 0, 0));
            }
            f.push(feat(80, t.learnt.0 as u64, t.learnt.1 as u64, 0));
            f.push(feat(81, t.learnt.0 as u64, t.learnt.1 as u64, t.cap));
        }
        (0, None) => {}
        (-2 | -1 | 1 | 2, _) => {
            let shape = t.map(|x| x.short_shape).unwrap_or(p);
            let gaz = t.map(|x| x.gaz as u64).unwrap_or(p);
            f.push(feat(20 + (j + 2) as u64, lower, 0, 0));
            f.push(feat(25 + (j + 2) as u64, shape, 0, 0));
            f.push(feat(30 + (j + 2) as u64, gaz, 0, 0));
            if j.abs() == 2 {
                f.push(feat(if j < 0 { 122 } else { 123 }, cluster(1), 0, 0));
                return;
            }
            let (near, far, learnt) = if j < 0 { (55, 105, 82) } else { (60, 110, 83) };
            for g in 0..3 {
                f.push(feat(near + g as u64, cluster(g), 0, 0));
            }
            for g in 3..CLUSTER_LEVELS {
                f.push(feat(far + g as u64, cluster(g), 0, 0));
            }
            f.push(feat(
                learnt,
                t.map(|x| x.learnt.0 as u64).unwrap_or(p),
                0,
                0,
            ));
        }
        (-3, _) => f.push(feat(120, lower, 0, 0)),
        (3, _) => f.push(feat(121, lower, 0, 0)),
        _ => {}
    }
}

/// The features of token `i` of an `n`-token sentence that combine several tokens or
/// depend on its place in the sentence: the rest of [`sentence_features`] after
/// [`unary_features`]. `at(k)` is what is known of token `k` (asked for the tokens
/// within two of `i` and the ends of `run`), `gaz` the sentence's gazetteer classes and
/// `run` the run of capitalised words `i` is in.
pub(super) fn context_features(
    at: impl Fn(usize) -> Link,
    n: usize,
    gaz: &[u8],
    i: usize,
    run: Option<(usize, usize)>,
    f: &mut Vec<u64>,
) {
    let link = |j: isize| -> Option<Link> {
        let k = i as isize + j;
        (k >= 0 && (k as usize) < n).then(|| at(k as usize))
    };
    let pad = |j: isize| if j < 0 { PAD_LEFT } else { PAD_RIGHT };
    let lower_at = |j: isize| link(j).map(|x| x.lower).unwrap_or(pad(j));
    let shape_at = |j: isize| link(j).map(|x| x.short_shape).unwrap_or(pad(j));
    let capr_at = |j: isize| link(j).map(|x| x.cap_ratio).unwrap_or(pad(j));
    let cl_at = |j: isize| link(j).map(|x| x.cluster1).unwrap_or(pad(j));
    let t = at(i);
    let first = (i == 0) as u64;
    f.push(feat(5, t.short_shape, first, 0));
    f.push(feat(35, lower_at(-1), t.lower, 0));
    f.push(feat(36, t.lower, lower_at(1), 0));
    f.push(feat(37, shape_at(-1), t.short_shape, shape_at(1)));
    f.push(feat(38, lower_at(-1), t.short_shape, 0));
    f.push(feat(39, t.short_shape, lower_at(1), 0));
    f.push(feat(40, t.cap, first, t.cap_ratio));
    f.push(feat(91, capr_at(-1), t.cap_ratio, capr_at(1)));
    f.push(feat(70, cl_at(-1), t.cluster1, 0));
    f.push(feat(71, t.cluster1, cl_at(1), 0));
    f.push(feat(124, lower_at(-2), lower_at(-1), 0));
    f.push(feat(125, lower_at(1), lower_at(2), 0));
    if let Some((s, e)) = run {
        let len = (e - s).min(5) as u64;
        let pos = run_position(i, s, e);
        let run_gaz = gaz[s..e].iter().fold(0u64, |a, g| a | *g as u64);
        let before = if s > 0 { at(s - 1).lower } else { PAD_LEFT };
        let after = if e < n { at(e).lower } else { PAD_RIGHT };
        let last = at(e - 1);
        f.push(feat(130, len, pos, 0));
        f.push(feat(131, at(s).lower, pos, 0));
        f.push(feat(132, last.lower, pos, 0));
        f.push(feat(133, run_gaz, pos, 0));
        f.push(feat(134, last.cluster1, pos, 0));
        f.push(feat(135, before, pos, 0));
        f.push(feat(136, after, pos, 0));
    }
}

/// Place of token `i` in the run `s..e`: 0 alone, 1 first, 2 inside, 3 last.
fn run_position(i: usize, s: usize, e: usize) -> u64 {
    if e - s == 1 {
        0
    } else if i == s {
        1
    } else if i + 1 == e {
        3
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(
            shapes("Jokowi"),
            (
                "Xxxxxx".chars().take(5).collect::<String>(),
                "Xx".to_string()
            )
        );
        assert_eq!(shapes("KPK-2"), ("XXX-d".to_string(), "X-d".to_string()));
    }

    #[test]
    fn capital_runs_join_numbers_and_connectors() {
        let toks = [
            "kata", "Minamoto", "no", "Yoritomo", "di", "Sigma", "6", "dan", "of", "Bali",
        ];
        let lower: Vec<String> = toks.iter().map(|t| t.to_lowercase()).collect();
        let lex = Lexicon::default();
        let views: Vec<TokenView> = toks
            .iter()
            .zip(&lower)
            .map(|(t, l)| view(t, l, 0, (0, 0), &lex))
            .collect();
        let caps: Vec<u64> = views.iter().map(|v| v.cap).collect();
        let runs = capital_runs(&toks, &caps);
        assert_eq!(runs[0], None);
        assert_eq!(runs[1], Some((1, 4)));
        assert_eq!(runs[2], Some((1, 4)));
        assert_eq!(runs[4], None);
        assert_eq!(runs[5], Some((5, 7)));
        assert_eq!(runs[6], Some((5, 7)));
        assert_eq!(runs[8], None);
        assert_eq!(runs[9], Some((9, 10)));
    }

    /// The features of a sentence's candidate tokens rebuilt from `unary_features` and
    /// `context_features`.
    fn decomposed(tokens: &[String], lex: &Lexicon, names: &NameList) -> Vec<Vec<u64>> {
        let lowers: Vec<String> = tokens.iter().map(|t| t.to_lowercase()).collect();
        let lower_refs: Vec<&str> = lowers.iter().map(|s| s.as_str()).collect();
        let gaz = gazetteer::classes(&lower_refs);
        let learnt = names.classes(&lower_refs);
        let views: Vec<TokenView> = (0..tokens.len())
            .map(|k| view(&tokens[k], &lowers[k], gaz[k], learnt[k], lex))
            .collect();
        let caps: Vec<u64> = views.iter().map(|v| v.cap).collect();
        let runs = capital_runs(tokens, &caps);
        let n = tokens.len() as isize;
        (0..tokens.len())
            .map(|i| {
                let mut f = Vec::new();
                for j in -REACH..=REACH {
                    let k = i as isize + j;
                    unary_features((0..n).contains(&k).then(|| &views[k as usize]), j, &mut f);
                }
                context_features(
                    |k| views[k].far().link(views[k].cap),
                    tokens.len(),
                    &gaz,
                    i,
                    runs[i],
                    &mut f,
                );
                f
            })
            .collect()
    }

    #[test]
    fn unary_and_context_features_are_all_the_features() {
        let model = crate::entities::tagger::builtin();
        let mut sentences: Vec<Vec<String>> = vec![
            vec!["Presiden".into(), "Joko".into(), "Widodo".into()],
            vec![
                "kata".into(),
                "Sigma".into(),
                "6".into(),
                "7".into(),
                "8".into(),
                "9".into(),
                "10".into(),
                "dan".into(),
            ],
            vec!["Jakarta".into()],
            vec![],
        ];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let valid = dir.join("../shared/ner/nergrit/valid.txt");
        match std::fs::read_to_string(&valid) {
            Ok(text) => sentences.extend(
                crate::entities::eval::read_bio(&text)
                    .unwrap()
                    .into_iter()
                    .map(|s| s.tokens),
            ),
            Err(_) if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("{} is missing", valid.display())
            }
            Err(_) => eprintln!(
                "note: {} is missing; real sentences skipped",
                valid.display()
            ),
        }
        for tokens in &sentences {
            let mut want = sentence_features(tokens, &model.lexicon, &model.names);
            let mut got = decomposed(tokens, &model.lexicon, &model.names);
            for f in want.iter_mut().chain(got.iter_mut()) {
                f.sort_unstable();
            }
            assert_eq!(got, want, "{tokens:?}");
        }
    }

    #[test]
    fn lower_case_borrows_only_lower_case_ascii() {
        assert!(matches!(lower_case("kata"), Cow::Borrowed("kata")));
        assert_eq!(lower_case("Kata"), "kata");
        assert_eq!(lower_case("ÉTÉ"), "été");
        assert_eq!(lower_case("ǅemal"), "ǆemal");
    }

    #[test]
    fn features_are_stable_and_position_aware() {
        let lex = Lexicon::default();
        let names = NameList::default();
        let a = sentence_features(&["Presiden", "Joko", "Widodo"], &lex, &names);
        let b = sentence_features(&["Presiden", "Joko", "Widodo"], &lex, &names);
        assert_eq!(a, b);
        assert_ne!(a[1], a[2]);
    }
}
