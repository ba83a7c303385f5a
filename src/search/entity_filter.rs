//! Entity filters (`--person`, `--place`, `--org`, `person:` ...) that work both ways:
//! the typed name is turned into its canonical entity (`USA`, `United States` and `AS`
//! are `Amerika Serikat`; `International Monetary Fund` is `IMF`), and a full person
//! name also finds articles that name the person by surname only (`Ronald Reagan`
//! finds `Reagan`), as a short name already finds the full names it is part of.
//!
//! Beyond the built-in names, the archive itself teaches acronyms: a name of several
//! words and its plain initials (`Badan Siber dan Sandi Negara`, `BSSN`) are one entity
//! when some article stores both. Learnt at query time from the index, so it is always
//! as current as the archive and needs no table kept beside it.

use super::query::name_query;
use crate::analysis::keyword_key;
use crate::entities::resolve::initials;
use crate::index::Archive;
use anyhow::Result;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

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
        // `Sri Mulyani` for `Sri Mulyani Indrawati`: leading or trailing words.
        for k in 2..words.len() {
            out.push(words[..k].join(" "));
            out.push(words[words.len() - k..].join(" "));
        }
    }
    out
}

/// The query for one entity filter on `field` (the index's person, place or org field).
pub fn entity_query(
    archive: &Archive,
    field: Field,
    kind: &str,
    value: &str,
) -> Result<Box<dyn Query>> {
    let names = filter_names(kind, value);
    let searcher = archive.reader()?.searcher();
    let learnt = archive_aliases(&searcher, field, kind, &names[0])?;
    let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, name_query(field, &names[0]))];
    // The surname alone, or a learnt alias, as a whole stored name: not every name
    // containing it.
    for key in names[1..].iter().map(|n| keyword_key(n)).chain(learnt) {
        any.push((Occur::Should, term_query(field, &key)));
    }
    if any.len() == 1 {
        return Ok(any.pop().expect("one clause").1);
    }
    Ok(Box::new(BooleanQuery::new(any)))
}

fn term_query(field: Field, key: &str) -> Box<dyn Query> {
    let term = Term::from_field_text(field, key);
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// Stored names (keys) the archive shows to be the same entity as `name`: its plain
/// initials (`kpk` for `Komisi Pemberantasan Korupsi`), or for a one-word name the
/// longer names whose initials it is; each only when some article stores both.
/// People need three letters (`SBY`), other kinds two (`MK`).
pub fn archive_aliases(
    searcher: &Searcher,
    field: Field,
    kind: &str,
    name: &str,
) -> Result<Vec<String>> {
    let key = keyword_key(name);
    let shortest = if kind == "person" { 3 } else { 2 };
    let letters = key.chars().count();
    let candidates = if key.contains(' ') {
        let acr = initials(&key);
        if acr.chars().count() >= shortest {
            vec![acr]
        } else {
            Vec::new()
        }
    } else if (shortest..=8).contains(&letters) && key.chars().all(char::is_alphabetic) {
        expansions(searcher, field, &key)?
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for c in candidates {
        if c != key && seen_together(searcher, field, &key, &c)? {
            out.push(c);
        }
    }
    Ok(out)
}

/// Stored names of several words in `field` whose plain initials are `acronym`.
fn expansions(searcher: &Searcher, field: Field, acronym: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    // Keys are folded to ASCII; the range below needs a one-byte first letter.
    let Some(first) = acronym.bytes().next().filter(u8::is_ascii_lowercase) else {
        return Ok(out);
    };
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(field)?;
        let (from, to) = ([first], [first + 1]);
        let mut stream = inverted.terms().range().ge(from).lt(to).into_stream()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if term.contains(' ') && initials(term) == acronym && !out.iter().any(|o| o == term) {
                out.push(term.to_string());
                // An acronym standing for many names is no help to anyone.
                if out.len() >= 16 {
                    return Ok(out);
                }
            }
        }
    }
    Ok(out)
}

/// Whether some article stores both names in `field`.
fn seen_together(searcher: &Searcher, field: Field, a: &str, b: &str) -> Result<bool> {
    let both = BooleanQuery::new(vec![
        (Occur::Must, term_query(field, a)),
        (Occur::Must, term_query(field, b)),
    ]);
    Ok(searcher.search(&both, &Count)? > 0)
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
        assert_eq!(
            filter_names("person", "Sri Mulyani Indrawati"),
            vec![
                "Sri Mulyani Indrawati",
                "Sri",
                "Indrawati",
                "Sri Mulyani",
                "Mulyani Indrawati"
            ]
        );
    }
}
