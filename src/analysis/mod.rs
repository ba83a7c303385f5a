//! Text analysis: the tokenizers the index uses (stemmed Indonesian, exact forms,
//! keyword fields) and per-article language detection.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Index;

/// Tokenizer for stemmed full-text fields.
pub const STEMMED: &str = "warta_stem";
/// Tokenizer for exact (unstemmed, lower-cased, folded) full-text fields.
pub const EXACT: &str = "warta_exact";
/// Tokenizer for keyword fields matched whole, case-insensitively (names, outlets).
pub const KEYWORD: &str = "warta_key";

/// Registers warta's tokenizers on an index.
pub fn register_tokenizers(index: &Index) {
    let m = index.tokenizers();
    m.register(STEMMED, exact_analyzer());
    m.register(EXACT, exact_analyzer());
    m.register(KEYWORD, keyword_analyzer());
}

fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The key a keyword value is indexed and looked up under.
pub fn keyword_key(value: &str) -> String {
    let mut a = keyword_analyzer();
    let mut stream = a.token_stream(value.trim());
    let mut out = String::new();
    while let Some(t) = stream.next() {
        out.push_str(&t.text);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ISO 639-1 code of the text's language (`id` when unsure: the archive's main language).
pub fn detect_lang(text: &str) -> &'static str {
    let sample: String = text.chars().take(2000).collect();
    match whatlang::detect(&sample) {
        Some(info) if info.lang() == whatlang::Lang::Eng => "en",
        Some(info) if info.lang() == whatlang::Lang::Ind => "id",
        Some(info) if info.is_reliable() => match info.lang().code() {
            "eng" => "en",
            _ => "id",
        },
        _ => "id",
    }
}
