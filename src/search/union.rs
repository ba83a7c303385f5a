//! The union of one word's fields (a document matches the word if any field has it;
//! its score is the sum of the fields' scores), made to be seeked.
//!
//! tantivy's own union reads ahead: it scores every document of all its fields within
//! a window of 4,096 documents and clears that window on each jump past it. Inside a
//! conjunction (every word of `banjir Jakarta` required) the union is seeked to the
//! next candidate of the other word, usually past the window, so most of what it read
//! and scored is thrown away. This union keeps each field's posting list where it is
//! and only moves the lists behind the target, scoring a document only when asked.
//!
//! Only the words of a conjunction whose rarest word is rare enough use it
//! (`query::plan::seek_words`): a lone word's union is read from start to end, and a
//! dense conjunction's candidates lie close together, where tantivy's reading ahead is
//! faster. The per-query instruction counts behind both choices are in
//! `bench/RESULTS.md`.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Matches the documents any clause matches, scored by the sum of their scores.
///
/// `implied` clauses match only documents that `clauses` match too (an exact form is
/// always indexed with its stem): they do not move the union, they are seeked to each
/// document that is scored, so a conjunction only reads them where every word matched.
#[derive(Debug)]
pub struct FieldUnion {
    clauses: Vec<Box<dyn Query>>,
    implied: Vec<Box<dyn Query>>,
}

impl FieldUnion {
    pub fn new(clauses: Vec<Box<dyn Query>>, implied: Vec<Box<dyn Query>>) -> FieldUnion {
        FieldUnion { clauses, implied }
    }
}

impl Clone for FieldUnion {
    fn clone(&self) -> Self {
        let copy = |v: &[Box<dyn Query>]| v.iter().map(|c| c.box_clone()).collect();
        FieldUnion {
            clauses: copy(&self.clauses),
            implied: copy(&self.implied),
        }
    }
}

impl Query for FieldUnion {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = |v: &[Box<dyn Query>]| {
            v.iter()
                .map(|c| c.weight(scoring))
                .collect::<tantivy::Result<Vec<_>>>()
        };
        Ok(Box::new(UnionWeight {
            weights: weights(&self.clauses)?,
            implied: weights(&self.implied)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for c in self.clauses.iter().chain(&self.implied) {
            c.query_terms(visitor);
        }
    }
}

struct UnionWeight {
    weights: Vec<Box<dyn Weight>>,
    implied: Vec<Box<dyn Weight>>,
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let live = |ws: &[Box<dyn Weight>]| -> tantivy::Result<Vec<Box<dyn Scorer>>> {
            let mut out = Vec::with_capacity(ws.len());
            for w in ws {
                let s = w.scorer(reader, boost)?;
                if s.doc() != TERMINATED {
                    out.push(s);
                }
            }
            Ok(out)
        };
        let mut scorers = live(&self.weights)?;
        let implied = live(&self.implied)?;
        Ok(match (scorers.len(), implied.len()) {
            (0, _) => Box::new(tantivy::query::EmptyScorer),
            (1, 0) => scorers.pop().expect("one scorer"),
            _ => Box::new(UnionScorer::new(scorers, implied)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut total = 0.0;
        let mut details = Vec::new();
        for w in self.weights.iter().chain(&self.implied) {
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
    /// Seeked to the documents scored (see [`FieldUnion`]).
    implied: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl UnionScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>, implied: Vec<Box<dyn Scorer>>) -> UnionScorer {
        let doc = scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        UnionScorer {
            scorers,
            implied,
            doc,
        }
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
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for UnionScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut score: Score = self
            .scorers
            .iter_mut()
            .filter(|s| s.doc() == doc)
            .map(|s| s.score())
            .sum();
        for s in &mut self.implied {
            if s.doc() < doc {
                s.seek(doc);
            }
            if s.doc() == doc {
                score += s.score();
            }
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    /// Same documents and scores as tantivy's union, inside a conjunction and alone,
    /// with an implied field (`exact` holds the body's words again, as `body_exact` does).
    #[test]
    fn same_matches_and_scores_as_tantivys_union() {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body = b.add_text_field("body", TEXT);
        let exact = b.add_text_field("exact", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // 3,000 documents in three segments, so that jumps go past tantivy's
        // 4,096-document window in some places and not in others.
        let words = ["banjir", "jakarta", "bogor", "hujan", "warga"];
        for i in 0..3000usize {
            let pick = |k: usize| words[(i * 7 + k * 13 + i / 17) % words.len()];
            let t = if i % 5 == 0 { pick(1) } else { "kabar" };
            let bd = format!(
                "{} {} {}",
                pick(2),
                pick(3),
                if i % 3 == 0 { pick(4) } else { "x" }
            );
            // The exact field has some of the body's words (never one the body lacks).
            let ex = if i % 2 == 0 { pick(2) } else { "y" };
            w.add_document(doc!(title => t, body => bd.as_str(), exact => ex))
                .unwrap();
            if i % 1000 == 999 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |f: Field, word: &str, boost: f32| -> Box<dyn Query> {
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    tantivy::Term::from_field_text(f, word),
                    IndexRecordOption::WithFreqs,
                )),
                boost,
            ))
        };
        let ours = |w: &str| -> Box<dyn Query> {
            Box::new(FieldUnion::new(
                vec![term(title, w, 2.0), term(body, w, 1.0)],
                vec![term(exact, w, 0.5)],
            ))
        };
        let theirs = |w: &str| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, term(title, w, 2.0)),
                (Occur::Should, term(body, w, 1.0)),
                (Occur::Should, term(exact, w, 0.5)),
            ]))
        };
        let run = |q: &dyn Query| {
            let top = TopDocs::with_limit(5000).order_by_score();
            let mut hits = searcher.search(q, &top).unwrap();
            hits.sort_by_key(|(_, a)| *a);
            hits
        };
        let same =
            |a: Vec<(f32, tantivy::DocAddress)>, b: Vec<(f32, tantivy::DocAddress)>, what: &str| {
                assert!(!a.is_empty(), "{what}");
                assert_eq!(a.len(), b.len(), "{what}");
                for ((sa, da), (sb, db)) in a.iter().zip(&b) {
                    assert_eq!(da, db, "{what}");
                    assert!((sa - sb).abs() < 1e-4, "{what}: {sa} vs {sb}");
                }
            };
        for pair in [
            ["banjir", "jakarta"],
            ["hujan", "warga"],
            ["bogor", "banjir"],
        ] {
            let and = |f: &dyn Fn(&str) -> Box<dyn Query>| {
                BooleanQuery::new(pair.iter().map(|w| (Occur::Must, f(w))).collect())
            };
            same(run(&and(&ours)), run(&and(&theirs)), &format!("{pair:?}"));
            same(run(&*ours(pair[0])), run(&*theirs(pair[0])), pair[0]);
        }
    }
}
