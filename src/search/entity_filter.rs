//! Entity filters (`--person`, `--place`, `--org`, `person:` ...) that work both ways:
//! the typed name is turned into its canonical entity (`USA`, `United States` and `AS`
//! are `Amerika Serikat`; `International Monetary Fund` is `IMF`), and a full person
//! name also finds articles that name the person by surname only (`Ronald Reagan`
//! finds `Reagan`), as a short name already finds the full names it is part of.

use super::query::name_query;
use crate::analysis::keyword_key;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// The stored names a filter value stands for: its canonical name first, then (for a
/// person named in full) the surname.
pub fn filter_names(kind: &str, value: &str) -> Vec<String> {
    let canon = crate::entities::normalize_query_name(kind, value);
    let mut out = vec![canon.clone()];
    if kind == "person" {
        // Indonesian news calls people by either word (`Anies`, `Baswedan`).
        let words: Vec<&str> = canon.split_whitespace().collect();
        if let [first, .., last] = words.as_slice() {
            for w in [first, last] {
                if w.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                    out.push(w.to_string());
                }
            }
        }
    }
    out
}

/// The query for one entity filter on `field` (the index's person, place or org field).
pub fn entity_query(field: Field, kind: &str, value: &str) -> Box<dyn Query> {
    let names = filter_names(kind, value);
    let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, name_query(field, &names[0]))];
    for n in &names[1..] {
        // The surname alone, as a whole stored name: not every name containing it.
        let term = Term::from_field_text(field, &keyword_key(n));
        any.push((
            Occur::Should,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if any.len() == 1 {
        return any.pop().expect("one clause").1;
    }
    Box::new(BooleanQuery::new(any))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_filter_stands_for() {
        assert_eq!(filter_names("place", "USA"), vec!["Amerika Serikat"]);
        assert_eq!(
            filter_names("place", "United States"),
            vec!["Amerika Serikat"]
        );
        assert_eq!(
            filter_names("org", "International Monetary Fund"),
            vec!["IMF"]
        );
        assert_eq!(
            filter_names("person", "Ronald Reagan"),
            vec!["Ronald Reagan", "Ronald", "Reagan"]
        );
        assert_eq!(filter_names("person", "Reagan"), vec!["Reagan"]);
    }
}
