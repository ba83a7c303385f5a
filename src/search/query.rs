//! The query language: words (all required by default), "phrases", AND/OR/NOT,
//! +/-, parentheses and field:value, read leniently so that no input panics.
//! Text terms search the stemmed and exact forms of title (boosted) and body.

use crate::commands::UsageError;
use crate::index::Archive;
use anyhow::Result;
use tantivy::query::{Query, QueryParser};

/// Field boosts: the title counts more than the body.
const TITLE_BOOST: f32 = 2.5;

/// Parses a user query into a tantivy query, or says plainly why it cannot be used.
pub fn parse(archive: &Archive, text: &str) -> Result<Box<dyn Query>> {
    let f = &archive.f;
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err(UsageError::new("the query has no words to search for").into());
    }
    let mut parser = QueryParser::for_index(
        &archive.index,
        vec![f.title, f.title_exact, f.body, f.body_exact],
    );
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, TITLE_BOOST);
    parser.set_field_boost(f.title_exact, TITLE_BOOST);
    let (q, _errors) = parser.parse_query_lenient(text);
    Ok(q)
}
