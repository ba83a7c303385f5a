//! Text analysis: the tokenizers the index uses (stemmed Indonesian, stemmed English,
//! exact forms, keyword fields) and per-article language detection.
//!
//! All full-text analyzers share one word splitter ([`tokenizer::WartaTokenizer`]),
//! lower-casing and ASCII folding, so a word indexed by one can be found through any:
//! - [`EXACT`]: nothing more (for `title_exact`, `body_exact`, phrases and exact names);
//! - [`STEMMED`]: Indonesian stop words removed, then the Indonesian stemmer
//!   (sastrawi-rs, see [`stem`], cached per thread);
//! - [`STEMMED_EN`]: English stop words removed, then the English Snowball stemmer, for
//!   articles whose language is `en`.

pub mod keyword;
pub mod lang;
pub mod stem;
pub mod stopwords;
pub mod tokenizer;

pub use lang::detect_lang;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    StopWordFilter, TextAnalyzer,
};
use tantivy::Index;

/// Tokenizer for stemmed Indonesian full-text fields.
pub const STEMMED: &str = "warta_stem";
/// Tokenizer for stemmed English full-text fields (articles with lang `en`).
pub const STEMMED_EN: &str = "warta_stem_en";
/// Tokenizer for exact (unstemmed, lower-cased, folded) full-text fields.
pub const EXACT: &str = "warta_exact";
/// Tokenizer for keyword fields matched whole, case-insensitively, without apostrophes
/// (names, outlets): see [`keyword`].
pub const KEYWORD: &str = "warta_key";

/// Tokens longer than this many bytes (base64 junk, glued URLs) are dropped.
const MAX_TOKEN_BYTES: usize = 48;

/// Registers warta's tokenizers on an index.
pub fn register_tokenizers(index: &Index) {
    let m = index.tokenizers();
    m.register(STEMMED, stemmed_analyzer());
    m.register(STEMMED_EN, english_analyzer());
    m.register(EXACT, exact_analyzer());
    m.register(KEYWORD, keyword_analyzer());
}

/// Words as written: split, lower-cased, folded to ASCII.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(tokenizer::WartaTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Indonesian: exact forms without stop words, stemmed.
pub fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(tokenizer::WartaTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            stopwords::INDONESIAN.iter().map(|w| w.to_string()),
        ))
        .filter(stem::IndonesianStemFilter)
        .build()
}

/// English: exact forms without English stop words, Snowball English stems.
pub fn english_analyzer() -> TextAnalyzer {
    let builder = TextAnalyzer::builder(tokenizer::WartaTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match StopWordFilter::new(Language::English) {
        Some(stop) => builder
            .filter(stop)
            .filter(Stemmer::new(Language::English))
            .build(),
        None => builder.filter(Stemmer::new(Language::English)).build(),
    }
}

fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(keyword::KeyNormalizer)
        .build()
}

/// The terms an analyzer makes of a text (for tests, tools and query building).
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// The key a keyword value is indexed and looked up under.
pub fn keyword_key(value: &str) -> String {
    analyze(&mut keyword_analyzer(), value.trim()).concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(mut a: TextAnalyzer, text: &str) -> Vec<String> {
        analyze(&mut a, text)
    }

    #[test]
    fn exact_lowercases_and_folds() {
        assert_eq!(
            terms(exact_analyzer(), "Ma'ruf Amin di Zürich, COVID-19"),
            ["maruf", "amin", "di", "zurich", "covid", "19"]
        );
    }

    #[test]
    fn stemmed_removes_stop_words_and_stems() {
        assert_eq!(
            terms(
                stemmed_analyzer(),
                "Polisi menangkap pelaku yang ditangkap di Jakarta"
            ),
            ["polisi", "tangkap", "laku", "tangkap", "jakarta"]
        );
        assert_eq!(
            terms(stemmed_analyzer(), "berita masalah 5G"),
            ["berita", "masalah", "5", "g"]
        );
    }

    #[test]
    fn stemmed_keeps_positions_of_removed_words() {
        let mut a = stemmed_analyzer();
        let mut s = a.token_stream("presiden dan wakil");
        let mut pos = Vec::new();
        while let Some(t) = s.next() {
            pos.push((t.text.clone(), t.position));
        }
        assert_eq!(pos, [("presiden".to_string(), 0), ("wakil".to_string(), 2)]);
    }

    #[test]
    fn english_stems_and_drops_stop_words() {
        assert_eq!(
            terms(
                english_analyzer(),
                "The company's shares were rising in the U.S."
            ),
            ["compani", "share", "were", "rise", "us"]
        );
    }

    #[test]
    fn keyword_keys() {
        assert_eq!(keyword_key("  Joko  Widodo "), "joko widodo");
        assert_eq!(keyword_key("Zürich"), "zurich");
        assert_eq!(keyword_key("Ma’ruf Amin"), "maruf amin");
        assert_eq!(keyword_key("Ma'ruf Amin"), keyword_key("maruf  amin"));
    }
}
