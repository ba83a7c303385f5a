//! The ranking plan of a built query: whether the words of a conjunction seek each
//! other (`union::FieldUnion`) or use tantivy's read-ahead union, the pruned ranking's
//! form of a bare-word query (`topk::Plan`), and the proximity bonus.

use super::build::{phrase, Builder};
use super::parse::{Leaf, Match, Node, Occur, WordKind};
use crate::search::topk;
use tantivy::query::{BoostQuery, Query};
use tantivy::Term;

/// When the rarest required word is in more than one article in this many, the
/// conjunction's candidates lie close together and tantivy's read-ahead union serves
/// better than `union::FieldUnion` (measured per query with callgrind; see
/// `bench/RESULTS.md`).
const DENSE: usize = 12;

/// Most words a proximity bonus is computed for.
const MAX_PROXIMITY_WORDS: usize = 12;

/// Whether each word's union should be seeked to the candidates of the others: two or
/// more words are required and the rarest of them is rare enough.
pub(super) fn seek_words(b: &Builder, root: &Node) -> bool {
    required_leaves(root) >= 2 && rarest_share(b, root) < 1.0 / DENSE as f64
}

/// The share of articles holding the rarest of the required words in the body (1
/// when it cannot be told).
fn rarest_share(b: &Builder, root: &Node) -> f64 {
    let Ok(searcher) = b.a.reader().map(|r| r.searcher()) else {
        return 1.0;
    };
    let docs = searcher.num_docs().max(1) as f64;
    let mut texts = Vec::new();
    required_texts(root, &mut texts);
    let body = b.a.f.body;
    let mut rarest = u64::MAX;
    for t in texts {
        for (_, tok) in b.tokens(body, t) {
            if let Ok(df) = searcher.doc_freq(&Term::from_field_text(body, &tok)) {
                rarest = rarest.min(df);
            }
        }
    }
    if rarest == u64::MAX {
        1.0
    } else {
        rarest as f64 / docs
    }
}

/// The pruned ranking's form of a query of two or more required bare words: one group
/// of terms per word. None when a word is more than one term in some field (a phrase,
/// then), and for one word or any word: tantivy's union counts and ranks those faster
/// than the pruned ranking (see `bench/RESULTS.md`).
pub(super) fn topk(b: &Builder, root: &Node, mode: Match) -> Option<topk::Plan> {
    if mode == Match::Any {
        return None;
    }
    let mut words = Vec::new();
    plain_words(root, &mut words)?;
    let mut groups = Vec::new();
    for w in words {
        let clauses = b.word_clauses(w, None, WordKind::Plain);
        if clauses.matching.is_empty() {
            continue;
        }
        groups.push(clauses.plan_terms?);
    }
    if groups.len() < 2 {
        return None;
    }
    Some(topk::Plan { groups })
}

/// A bonus for documents where the query's words stand close together, in order.
pub(super) fn proximity(b: &Builder, text: &str) -> Option<Vec<Box<dyn Query>>> {
    let f = &b.a.f;
    let mut clauses: Vec<Box<dyn Query>> = Vec::new();
    for fld in [f.title_exact, f.body] {
        let toks = b.tokens(fld, text);
        if toks.len() < 2 || toks.len() > MAX_PROXIMITY_WORDS {
            return None;
        }
        clauses.push(Box::new(BoostQuery::new(
            phrase(fld, &toks, 3),
            b.proximity_weight(),
        )));
    }
    Some(clauses)
}

/// The bare words of a query that is nothing else (no field, phrase, operator or
/// wildcard), in order; None otherwise.
fn plain_words<'e>(e: &'e Node, out: &mut Vec<&'e str>) -> Option<()> {
    match e {
        Node::Leaf(Leaf::Word {
            text,
            field: None,
            kind: WordKind::Plain,
        }) => out.push(text),
        Node::Bool(clauses) => {
            for (occur, sub) in clauses {
                if *occur == Occur::MustNot {
                    return None;
                }
                plain_words(sub, out)?;
            }
        }
        Node::Leaf(_) => return None,
    }
    Some(())
}

/// Texts of the words and phrases every match must have.
fn required_texts<'e>(e: &'e Node, out: &mut Vec<&'e str>) {
    match e {
        Node::Leaf(Leaf::Word { text, .. } | Leaf::Phrase { text, .. }) => out.push(text),
        Node::Leaf(Leaf::Date(_)) => {}
        Node::Bool(clauses) => {
            for (o, e) in clauses {
                if *o == Occur::Must {
                    required_texts(e, out);
                }
            }
        }
    }
}

/// Words and phrases every match must have (through required clauses only).
fn required_leaves(e: &Node) -> usize {
    match e {
        Node::Leaf(_) => 1,
        Node::Bool(clauses) => clauses
            .iter()
            .filter(|(o, _)| *o == Occur::Must)
            .map(|(_, e)| required_leaves(e))
            .sum(),
    }
}
