//! The query behind "similar stories": the words and names that characterise one
//! article, each weighted by how often the article uses it and how rare it is in the
//! archive (tf × idf), the strongest first.
//!
//! tantivy's MoreLikeThis does the same but walks a `HashMap` (a random order in each
//! process) and keeps the first of equally scored terms, so on a small archive, where
//! many terms tie, `warta similar` gave other stories from one run to the next. Here
//! ties are broken by the term itself. Only the text an article is about is read
//! (title, body, captions, people, places, organisations): not its file, language or
//! near-duplicate group, which MoreLikeThis took in too (every stored, indexed field),
//! so that articles of the same JSONL file looked alike.

use crate::index::Archive;
use anyhow::Result;
use std::collections::HashMap;
use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::{FieldType, IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// Terms the query keeps, strongest first.
const MAX_TERMS: usize = 40;
/// Shorter terms (in bytes) say little about a story.
const MIN_TERM_BYTES: usize = 3;

/// The terms of the article at `addr` with their weights, strongest first (ties by
/// term): those in at least two articles (so another article shares them) and at most
/// a tenth of the archive (so they tell stories apart).
pub fn terms(archive: &Archive, searcher: &Searcher, addr: DocAddress) -> Result<Vec<(Term, f32)>> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let f = &archive.f;
    let schema = searcher.schema();
    let mut freqs: HashMap<Term, usize> = HashMap::new();
    for field in [f.title, f.body, f.caption, f.person, f.place, f.org] {
        let FieldType::Str(opts) = schema.get_field_entry(field).field_type() else {
            continue;
        };
        let Some(name) = opts.get_indexing_options().map(|o| o.tokenizer()) else {
            continue;
        };
        let Some(mut analyzer) = searcher.index().tokenizers().get(name) else {
            continue;
        };
        for value in doc.get_all(field) {
            let Some(text) = value.as_str() else { continue };
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                let t = &stream.token().text;
                if t.len() >= MIN_TERM_BYTES {
                    *freqs.entry(Term::from_field_text(field, t)).or_default() += 1;
                }
            }
        }
    }
    let n = searcher.num_docs();
    let max_df = (n / 10).max(2);
    let mut scored = Vec::new();
    for (term, tf) in freqs {
        let df = searcher.doc_freq(&term)?;
        if (2..=max_df).contains(&df) {
            scored.push((term, tf as f32 * idf(df, n)));
        }
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(MAX_TERMS);
    Ok(scored)
}

/// BM25's idf, as tantivy scores a term.
fn idf(df: u64, n: u64) -> f32 {
    let x = ((n - df) as f32 + 0.5) / (df as f32 + 0.5);
    (1.0 + x).ln()
}

/// Any of `terms`, each boosted by its weight relative to the strongest.
pub fn query(terms: &[(Term, f32)]) -> Box<dyn Query> {
    let Some(best) = terms.first().map(|t| t.1).filter(|&b| b > 0.0) else {
        return Box::new(EmptyQuery);
    };
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|(term, w)| {
            let q: Box<dyn Query> = Box::new(BoostQuery::new(
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
                w / best,
            ));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::read::test_archive;
    use crate::index::read::tests::article;

    #[test]
    fn terms_are_rare_enough_shared_and_in_a_fixed_order() {
        let mut stories = Vec::new();
        for (i, body) in [
            "Banjir merendam rumah warga Kemang.",
            "Banjir merendam jalan di Kemang.",
            "Gempa mengguncang Cianjur.",
            "Gempa mengguncang Mamuju lagi.",
            "Harga beras naik di pasar.",
            "Harga cabai turun di pasar.",
            "Sekolah libur.",
            "Rapat kabinet.",
            "Pemilu dimulai.",
            "Timnas menang.",
            "Inflasi turun.",
            "Rupiah menguat.",
        ]
        .iter()
        .enumerate()
        {
            let mut a = article(&format!("a{i}"), &format!("Berita {i}"), None);
            a.body = body.to_string();
            a.entities.person = vec![];
            a.entities.place = vec![];
            a.entities.org = vec![];
            a.captions = vec![];
            stories.push(a);
        }
        let (_dir, archive) = test_archive(&stories);
        let searcher = archive.reader().unwrap().searcher();
        let first = archive.find(&searcher, "a0").unwrap().addr;
        let got = terms(&archive, &searcher, first).unwrap();
        let words: Vec<String> = got
            .iter()
            .map(|(t, _)| t.value().as_str().unwrap_or("").to_string())
            .collect();
        // Shared with a1 only: in 2 of 12 articles. `rumah` and `warga` are in no other
        // article; `berita` (every title) is in more than a tenth.
        assert!(words.iter().any(|w| w.starts_with("kemang")), "{words:?}");
        assert!(!words.iter().any(|w| w.starts_with("rumah")), "{words:?}");
        assert!(!words.iter().any(|w| w.starts_with("berita")), "{words:?}");
        for pair in got.windows(2) {
            assert!(
                pair[0].1 > pair[1].1 || (pair[0].1 == pair[1].1 && pair[0].0 < pair[1].0),
                "{got:?}"
            );
        }
        assert_eq!(got, terms(&archive, &searcher, first).unwrap());
    }
}
