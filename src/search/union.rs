//! The union of one word's fields (a document matches the word if any field has it;
//! its score is the sum of the fields' scores), made to be seeked.
//!
//! tantivy's own union reads ahead: it scores every document of all its fields within
//! a window of 4,096 documents and clears that window on each jump past it. Inside a
//! conjunction (every word of `banjir Jakarta` required) the union is seeked to the
//! next candidate of the other word, usually past the window, so most of what it read
//! and scored is thrown away: at 1,000,000 articles that was two thirds of all query
//! instructions. This union keeps each field's posting list where it is and only moves
//! the lists behind the target, scoring a document only when asked.
//!
//! Only the words of a conjunction use it (`query::Builder::seeked`): a lone word's
//! union is read from start to end, where tantivy's reading ahead is faster. Measured
//! per query with callgrind at 1,000,000 articles (`bench/README.md`): the 30 queries
//! of `../shared/peers/queries.txt` took 15% fewer instructions in all, two-word
//! queries up to 46% fewer, two dense pairs (`KPK korupsi`, `kebakaran hutan`) 13-16%
//! more, one-word queries the same. Going over to tantivy's union once a union was
//! seen driving its conjunction changed nothing and was dropped.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Matches the documents any clause matches, scored by the sum of their scores.
#[derive(Debug)]
pub struct FieldUnion {
    clauses: Vec<Box<dyn Query>>,
}

impl FieldUnion {
    pub fn new(clauses: Vec<Box<dyn Query>>) -> FieldUnion {
        FieldUnion { clauses }
    }
}

impl Clone for FieldUnion {
    fn clone(&self) -> Self {
        FieldUnion {
            clauses: self.clauses.iter().map(|c| c.box_clone()).collect(),
        }
    }
}

impl Query for FieldUnion {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .clauses
            .iter()
            .map(|c| c.weight(scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(UnionWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for c in &self.clauses {
            c.query_terms(visitor);
        }
    }
}

struct UnionWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for w in &self.weights {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                scorers.push(s);
            }
        }
        Ok(match scorers.len() {
            0 => Box::new(tantivy::query::EmptyScorer),
            1 => scorers.pop().expect("one scorer"),
            _ => Box::new(UnionScorer::new(scorers)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut total = 0.0;
        let mut details = Vec::new();
        for w in &self.weights {
            if let Ok(e) = w.explain(reader, doc) {
                total += e.value();
                details.push(e);
            }
        }
        if details.is_empty() {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut e = Explanation::new("sum of the fields", total);
        for d in details {
            e.add_detail(d);
        }
        Ok(e)
    }
}

/// The union of a few scorers: the current document is the smallest of theirs.
struct UnionScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl UnionScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>) -> UnionScorer {
        let doc = scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        UnionScorer { scorers, doc }
    }
}

impl DocSet for UnionScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        let mut min = TERMINATED;
        for s in &mut self.scorers {
            let mut d = s.doc();
            if d == current {
                d = s.advance();
            }
            min = min.min(d);
        }
        self.doc = min;
        min
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut min = TERMINATED;
        for s in &mut self.scorers {
            let mut d = s.doc();
            if d < target {
                d = s.seek(target);
            }
            min = min.min(d);
        }
        self.doc = min;
        min
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers.iter().map(|s| s.size_hint()).max().unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for UnionScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.scorers
            .iter_mut()
            .filter(|s| s.doc() == doc)
            .map(|s| s.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    /// Same documents and scores as tantivy's union, inside a conjunction and alone.
    #[test]
    fn same_matches_and_scores_as_tantivys_union() {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // 3,000 documents, so that jumps go past tantivy's 4,096-document window in
        // some segments and not in others.
        let words = ["banjir", "jakarta", "bogor", "hujan", "warga"];
        for i in 0..3000usize {
            let pick = |k: usize| words[(i * 7 + k * 13 + i / 17) % words.len()];
            let t = if i % 5 == 0 { pick(1) } else { "kabar" };
            let bd = format!("{} {} {}", pick(2), pick(3), if i % 3 == 0 { pick(4) } else { "x" });
            w.add_document(doc!(title => t, body => bd)).unwrap();
            if i % 1000 == 999 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let clauses = |word: &str| -> Vec<Box<dyn Query>> {
            [(title, 2.0), (body, 1.0)]
                .into_iter()
                .map(|(f, boost)| {
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(
                            tantivy::Term::from_field_text(f, word),
                            IndexRecordOption::WithFreqs,
                        )),
                        boost,
                    )) as Box<dyn Query>
                })
                .collect()
        };
        let ours = |w: &str| Box::new(FieldUnion::new(clauses(w))) as Box<dyn Query>;
        let theirs = |w: &str| {
            Box::new(BooleanQuery::new(
                clauses(w).into_iter().map(|c| (Occur::Should, c)).collect(),
            )) as Box<dyn Query>
        };
        let run = |q: &dyn Query| {
            let mut top = searcher.search(q, &TopDocs::with_limit(5000).order_by_score()).unwrap();
            top.sort_by_key(|(_, a)| *a);
            top
        };
        for pair in [["banjir", "jakarta"], ["hujan", "warga"], ["bogor", "banjir"]] {
            let and = |f: &dyn Fn(&str) -> Box<dyn Query>| {
                BooleanQuery::new(pair.iter().map(|w| (Occur::Must, f(w))).collect())
            };
            let (a, b) = (run(&and(&ours)), run(&and(&theirs)));
            assert!(!a.is_empty(), "{pair:?}");
            assert_eq!(a.len(), b.len(), "{pair:?}");
            for ((sa, da), (sb, db)) in a.iter().zip(&b) {
                assert_eq!(da, db, "{pair:?}");
                assert!((sa - sb).abs() < 1e-4, "{pair:?}: {sa} vs {sb}");
            }
            let (a, b) = (run(&*ours(pair[0])), run(&*theirs(pair[0])));
            assert_eq!(a.len(), b.len());
        }
    }
}
