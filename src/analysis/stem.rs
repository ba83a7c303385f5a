//! Indonesian stemming: sastrawi-rs (Nazief-Adriani / ECS with a root dictionary), a
//! per-thread word -> stem cache backed by a process-wide one, and the tantivy token
//! filter that applies it.
//!
//! Sastrawi only strips an affix when what remains is a known root, so `berita` stays
//! `berita` and `menangkap`, `ditangkap`, `penangkapan` all become `tangkap`. It was
//! chosen over the Snowball Indonesian stemmer (crate `frostem`), which is faster but
//! strips blindly (`berita` -> `ita`, `masalah` -> `masa`); `tools/src/bin/stem_compare.rs`
//! measures both. Changing the stemmer changes the terms in the index: re-index.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Entries kept per thread before the cache is emptied (bounds memory to a few MB per
/// indexing thread; a news vocabulary's frequent words refill it fast). The
/// process-wide cache behind the per-thread ones keeps twice as many: tantivy starts
/// new indexing threads at every commit, whose own caches start empty, and they refill
/// from it instead of running the stemmer again. See [`limit_caches`].
static CACHE_CAPACITY: AtomicUsize = AtomicUsize::new(INDEXING_CACHE);
const INDEXING_CACHE: usize = 1 << 17;

type StemMap = FxHashMap<Box<str>, Option<Box<str>>>;

/// word -> stem, shared by all threads (see [`SHARED_CAPACITY`]).
static SHARED: std::sync::RwLock<Option<StemMap>> = std::sync::RwLock::new(None);

thread_local! {
    /// word -> stem, `None` when the stem is the word itself.
    static CACHE: RefCell<StemMap> = RefCell::new(FxHashMap::default());
}

/// Bounds the caches to `entries` per thread (twice that for the process-wide one).
/// A server stems the words of the articles it shows (snippets) as well as queries:
/// with the indexing bound, its caches kept growing for minutes over an archive's
/// vocabulary, a few MB per thread that ever served a request.
pub fn limit_caches(entries: usize) {
    CACHE_CAPACITY.store(entries.max(1), Ordering::Relaxed);
}

fn sastrawi() -> &'static sastrawi::Stemmer<'static> {
    static STEMMER: OnceLock<sastrawi::Stemmer<'static>> = OnceLock::new();
    STEMMER.get_or_init(|| sastrawi::Stemmer::new(sastrawi_dictionary()))
}

/// Sastrawi, plus one fallback: the crate keeps words it cannot reduce to a dictionary
/// root whole, so the enclitic `-nya` stays on names and loanwords (`instagramnya`,
/// `orangtuanya`, `postingannya`). When the crate leaves a word unchanged that is not
/// itself a root, ends in `-nya` and keeps 4+ letters without it, the rest is stemmed.
fn sastrawi_with_clitic(word: &str) -> String {
    let stem = sastrawi().stem_word(word).into_owned();
    if stem != word {
        return stem;
    }
    match word.strip_suffix("nya") {
        Some(rest) if rest.len() >= 4 && !sastrawi_dictionary().find(word) => {
            sastrawi().stem_word(rest).into_owned()
        }
        _ => stem,
    }
}

fn sastrawi_dictionary() -> &'static sastrawi::Dictionary {
    static DICT: OnceLock<sastrawi::Dictionary> = OnceLock::new();
    DICT.get_or_init(sastrawi::Dictionary::new)
}

/// Whether a (lower-cased, folded) token is a word the stemmer should see: ASCII
/// letters only, three or more of them. Numbers, mixed tokens and other scripts pass
/// through unchanged.
pub fn stemmable(word: &str) -> bool {
    word.len() >= 3 && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// Stems one lower-cased word, without the cache.
pub fn stem_uncached(word: &str) -> String {
    if !stemmable(word) {
        return word.to_string();
    }
    sastrawi_with_clitic(word)
}

/// Stems one lower-cased word through the per-thread cache.
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    stem_in_place(&mut w);
    w
}

/// Replaces a lower-cased word by its stem, through the per-thread cache (no
/// allocation when the word is cached).
pub fn stem_in_place(word: &mut String) {
    if !stemmable(word) {
        return;
    }
    let hit = CACHE.with(|c| match c.borrow().get(word.as_str()) {
        Some(None) => true,
        Some(Some(stem)) => {
            word.clear();
            word.push_str(stem);
            true
        }
        None => false,
    });
    if hit {
        return;
    }
    let shared = SHARED
        .read()
        .ok()
        .and_then(|m| m.as_ref()?.get(word.as_str()).cloned());
    let value = match shared {
        Some(v) => v,
        None => {
            let stem = stem_uncached(word);
            let value = (stem != *word).then(|| stem.into_boxed_str());
            if let Ok(mut m) = SHARED.write() {
                let map = m.get_or_insert_with(FxHashMap::default);
                if map.len() >= 2 * CACHE_CAPACITY.load(Ordering::Relaxed) {
                    map.clear();
                }
                map.insert(word.as_str().into(), value.clone());
            }
            value
        }
    };
    CACHE.with(|c| {
        let mut map = c.borrow_mut();
        if map.len() >= CACHE_CAPACITY.load(Ordering::Relaxed) {
            map.clear();
        }
        map.insert(word.as_str().into(), value.clone());
    });
    if let Some(stem) = value {
        word.clear();
        word.push_str(&stem);
    }
}

/// Empties the stem caches (for measurements).
pub fn clear_cache() {
    CACHE.with(|c| c.borrow_mut().clear());
    if let Ok(mut m) = SHARED.write() {
        *m = None;
    }
}

/// Token filter that replaces each word by its Indonesian stem.
#[derive(Clone, Default)]
pub struct IndonesianStemFilter;

impl TokenFilter for IndonesianStemFilter {
    type Tokenizer<T: Tokenizer> = StemTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemTokenizer<T> {
        StemTokenizer { inner }
    }
}

/// A tokenizer followed by Indonesian stemming.
#[derive(Clone)]
pub struct StemTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for StemTokenizer<T> {
    type TokenStream<'a> = StemTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemTokenStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`StemTokenizer`].
pub struct StemTokenStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for StemTokenStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(w: &str) -> String {
        stem(w)
    }

    #[test]
    fn affixed_forms_share_a_stem() {
        assert_eq!(s("menangkap"), "tangkap");
        assert_eq!(s("ditangkap"), "tangkap");
        assert_eq!(s("penangkapan"), "tangkap");
        assert_eq!(s("mengatakan"), s("dikatakan"));
    }

    #[test]
    fn roots_are_not_cut_into_other_words() {
        assert_eq!(s("berita"), "berita");
        assert_eq!(s("masalah"), "masalah");
        assert_ne!(s("berita"), s("ita"));
    }

    #[test]
    fn nya_comes_off_names_and_loanwords() {
        assert_eq!(s("instagramnya"), "instagram");
        assert_eq!(s("orangtuanya"), "orangtua");
        assert_eq!(s("rumahnya"), "rumah");
        assert_eq!(s("hanya"), "hanya");
        assert_eq!(s("kenya"), "kenya");
    }

    #[test]
    fn cache_gives_the_same_answers() {
        for w in [
            "menangkap",
            "berita",
            "pertanian",
            "keamanan",
            "jakarta",
            "2022",
            "5g",
            "x",
        ] {
            let first = stem(w);
            let again = stem(w);
            assert_eq!(first, stem_uncached(w));
            assert_eq!(first, again);
        }
    }

    #[test]
    fn caches_stay_within_their_limit() {
        limit_caches(8);
        // Distinct words of letters only, so that each is stemmed and cached.
        let words: Vec<String> = (0..200u32)
            .map(|i| {
                let tail: String = (0..4)
                    .map(|k| char::from(b'a' + (i / 26u32.pow(k) % 26) as u8))
                    .collect();
                format!("mem{tail}")
            })
            .collect();
        for w in &words {
            assert_eq!(stem(w), stem_uncached(w));
        }
        let here = CACHE.with(|c| c.borrow().len());
        let shared = SHARED.read().unwrap().as_ref().map_or(0, |m| m.len());
        // Other tests stem meanwhile under the same limit; restore it for them.
        limit_caches(INDEXING_CACHE);
        assert!(here > 0 && here <= 8, "{here} words in this thread's cache");
        assert!(shared <= 16, "{shared} words in the shared cache");
    }

    #[test]
    fn non_words_pass_through() {
        for w in ["2022", "16.31", "covid19", "zürich", "ab"] {
            assert_eq!(stem(w), w);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// The crates slice strings by byte position: every short ASCII word, with the
        /// affixes the stemmer strips, must still be safe.
        #[test]
        fn short_words_never_panic(
            prefix in proptest::sample::select(&["", "me", "di", "ke", "pe", "be", "te", "se", "meng", "peng", "ber", "per"][..]),
            core in "[a-z]{1,4}",
            suffix in proptest::sample::select(&["", "a", "i", "n", "u", "an", "kan", "nya", "lah"][..]),
        ) {
            let _ = stem_uncached(&format!("{prefix}{core}{suffix}"));
        }
    }
}
