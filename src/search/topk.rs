//! Ranking the best few matches of two or more required words without scoring every
//! match: MaxScore (Turtle and Flood, 1995) over a conjunction of words, each word a
//! union of weighted terms, one per field (`Plan`, made by `query::parse`).
//!
//! Every term has an upper bound, the most its BM25 score can add to a document. Once
//! the page's worst candidate scores θ, a document whose terms' bounds sum to θ or less
//! cannot make the page. So candidates come from the cheaper of two sets of posting
//! lists: the rarest word's, or the terms that can lift a document above θ (the title
//! terms of `banjir Jakarta`, say, once the page is full of articles with both words in
//! the title); the other lists are only sought to those candidates, and a candidate is
//! dropped as soon as its score so far plus the bounds of the terms not yet looked at
//! cannot beat θ. Segments run in parallel and share θ (the page's worst score is at
//! least each segment's worst).
//!
//! Like Lucene's `IndexSearcher.search(query, 10)`, the segments together count the
//! first [`COUNT_TO`] matches exactly before anything is skipped; past that the total
//! is a lower bound (`Top::exact`). `--exact-total` takes the exhaustive path instead.
//!
//! Scores are tantivy's BM25 to the bit (the same weights, norms and statistics as
//! `TermQuery`), so the page is the one the exhaustive search returns
//! (`tests/pruned_ranking.rs`).

use anyhow::Result;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering::Relaxed};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Executor, Searcher, SegmentReader, Term, TERMINATED};

/// Matches counted exactly (over all segments) before anything is skipped.
pub const COUNT_TO: usize = 1000;

/// A query the pruned ranking can run: a document matches when it has a term of every
/// group; its score is the sum of its terms' scores.
#[derive(Debug, Clone)]
pub struct Plan {
    pub groups: Vec<Vec<PlanTerm>>,
}

/// One weighted term of a word (the word in one field).
#[derive(Debug, Clone)]
pub struct PlanTerm {
    pub term: Term,
    pub boost: f32,
    /// The field of the group's term that every document with this one has too (an
    /// exact form is indexed with its stem): this term adds to the score but never has
    /// to find a candidate, and it is only looked up where that term matched.
    pub implied_by: Option<Field>,
}

/// The best `k` matches, and how many there are.
pub struct Top {
    pub total: usize,
    /// False when counting stopped early: `total` is then a lower bound.
    pub exact: bool,
    pub hits: Vec<(f32, DocAddress)>,
}

/// Runs `plan` over every segment (in parallel on `pool`), keeping documents that
/// `filter` (a weight without scores) matches; the first `count_to` matches of all
/// segments together are counted exactly (search uses [`COUNT_TO`]; 0 skips from the
/// first full page on).
pub fn run(
    searcher: &Searcher,
    plan: &Plan,
    filter: Option<&dyn Weight>,
    k: usize,
    count_to: usize,
    pool: Option<&Executor>,
) -> Result<Top> {
    // The weights are the searcher's, as `TermQuery` makes them (BM25 statistics over
    // all segments), boosted as `BoostQuery` boosts them.
    let mut terms = Vec::new();
    for (g, group) in plan.groups.iter().enumerate() {
        for t in group {
            let bm25 =
                Bm25Weight::for_terms(searcher, std::slice::from_ref(&t.term))?.boost_by(t.boost);
            terms.push((g, t, bm25));
        }
    }
    let groups = plan.groups.len();
    let shared = Shared::default();
    let one = |(ord, reader): (usize, &SegmentReader)| -> tantivy::Result<(usize, Segment)> {
        let seg = segment(reader, &terms, groups, filter, k, count_to, &shared)?;
        Ok((ord, seg))
    };
    let readers = searcher.segment_readers().iter().enumerate();
    let parts = match pool {
        Some(pool) if searcher.segment_readers().len() > 1 => pool.map(one, readers)?,
        _ => readers.map(one).collect::<tantivy::Result<Vec<_>>>()?,
    };
    let mut top = Top {
        total: 0,
        exact: true,
        hits: Vec::new(),
    };
    for (ord, seg) in parts {
        top.total += seg.count;
        top.exact &= seg.exact;
        let addr = |doc| DocAddress::new(ord as u32, doc);
        top.hits
            .extend(seg.hits.into_iter().map(|e| (e.score, addr(e.doc))));
    }
    top.hits
        .sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    top.hits.truncate(k);
    Ok(top)
}

/// What the segments share while they run: the matches counted so far, and the best
/// worst-candidate score (the bits of a positive `f32`, whose order is the float's; 0
/// while there is none).
#[derive(Default)]
struct Shared {
    counted: AtomicUsize,
    theta: AtomicU32,
}

/// One term's posting list in one segment.
struct Cursor {
    field: Field,
    postings: SegmentPostings,
    norms: FieldNormReader,
    bm25: Bm25Weight,
    /// The most this term adds to a score.
    bound: f32,
    /// Documents in the list.
    cost: u64,
    group: usize,
    implied_by: Option<Field>,
}

impl Cursor {
    /// Moves to the first document at or after `target`, the document after `prev`.
    fn next(&mut self, prev: Option<DocId>, target: DocId) -> DocId {
        if prev.is_some_and(|p| self.postings.doc() == p) {
            self.postings.advance();
        }
        self.seek(target)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.postings.doc() < target {
            self.postings.seek(target)
        } else {
            self.postings.doc()
        }
    }

    fn score(&self) -> f32 {
        let doc = self.postings.doc();
        self.bm25
            .score(self.norms.fieldnorm_id(doc), self.postings.term_freq())
    }
}

/// A segment's share of the answer.
struct Segment {
    count: usize,
    exact: bool,
    hits: Vec<Entry>,
}

/// A candidate in the heap, whose top is the worst: the lowest score, then the later
/// document (so of equal scores the earlier document stays, as in `TopDocs`).
#[derive(Clone, Copy, PartialEq)]
struct Entry {
    score: f32,
    doc: DocId,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.doc.cmp(&other.doc))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn segment(
    reader: &SegmentReader,
    terms: &[(usize, &PlanTerm, Bm25Weight)],
    groups: usize,
    filter: Option<&dyn Weight>,
    k: usize,
    count_to: usize,
    shared: &Shared,
) -> tantivy::Result<Segment> {
    let empty = Segment {
        count: 0,
        exact: true,
        hits: Vec::new(),
    };
    let mut cursors = Vec::new();
    for (group, t, bm25) in terms {
        let field = t.term.field();
        let index = reader.inverted_index(field)?;
        let Some(postings) = index.read_postings(&t.term, IndexRecordOption::WithFreqs)? else {
            continue;
        };
        if postings.doc() == TERMINATED {
            continue;
        }
        let norms = match reader.fieldnorms_readers().get_field(field)? {
            Some(n) => n,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        cursors.push(Cursor {
            field,
            cost: postings.doc_freq() as u64,
            postings,
            norms,
            bound: bm25.max_score(),
            bm25: bm25.clone(),
            group: *group,
            implied_by: t.implied_by,
        });
    }
    // Each group's driving terms (a match has one of them), the likeliest to score
    // most first, and the terms each one implies.
    let mut driving: Vec<Vec<usize>> = vec![Vec::new(); groups];
    let mut implied: Vec<Vec<usize>> = vec![Vec::new(); cursors.len()];
    for (i, c) in cursors.iter().enumerate() {
        let by = c.implied_by.and_then(|f| {
            cursors
                .iter()
                .position(|d| d.group == c.group && d.implied_by.is_none() && d.field == f)
        });
        match by {
            Some(j) => implied[j].push(i),
            None => driving[c.group].push(i),
        }
    }
    if driving.iter().any(Vec::is_empty) || k == 0 {
        return Ok(empty);
    }
    for d in &mut driving {
        d.sort_by(|&a, &b| cursors[b].bound.total_cmp(&cursors[a].bound));
    }
    let cost =
        |set: &[usize], cursors: &[Cursor]| -> u64 { set.iter().map(|&i| cursors[i].cost).sum() };
    // The groups, rarest first (the likeliest to turn a candidate down).
    let mut order: Vec<usize> = (0..groups).collect();
    order.sort_by_key(|&g| cost(&driving[g], &cursors));
    let cheapest = driving[order[0]].clone();
    // By bound, smallest first: the prefix whose bounds sum to θ or less cannot make
    // the page on its own.
    let mut by_bound: Vec<usize> = (0..cursors.len()).collect();
    by_bound.sort_by(|&a, &b| cursors[a].bound.total_cmp(&cursors[b].bound));
    let bound_sum: f32 = cursors.iter().map(|c| c.bound).sum();

    let mut filter = match filter {
        Some(w) => Some(w.scorer(reader, 1.0)?),
        None => None,
    };
    let alive = reader.alive_bitset();
    let mut heap: BinaryHeap<Entry> = BinaryHeap::with_capacity(k + 1);
    let mut count = 0usize;
    // Counting every match, until all segments together have counted `count_to`.
    let mut counting = shared.counted.load(Relaxed) < count_to;
    let mut exact = counting;
    // What a document must beat to make the page (MIN: anything, while counting).
    let mut theta = f32::MIN;
    let mut drive = cheapest.clone();
    let mut prev: Option<DocId> = None;
    let mut since_check = 0u32;
    loop {
        // The next candidate: the first document at or after `target` in a driving list.
        let target = prev.map_or(0, |p| p + 1);
        let mut doc = TERMINATED;
        for &i in &drive {
            doc = doc.min(cursors[i].next(prev, target));
        }
        if doc == TERMINATED {
            break;
        }
        prev = Some(doc);
        since_check += 1;
        'eval: {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                break 'eval;
            }
            let mut score = 0.0f32;
            let mut rest = bound_sum;
            for &g in &order {
                let mut hit = false;
                for &i in &driving[g] {
                    if score + rest <= theta {
                        break 'eval;
                    }
                    rest -= cursors[i].bound;
                    let matched = cursors[i].seek(doc) == doc;
                    if matched {
                        score += cursors[i].score();
                        hit = true;
                    }
                    for &j in &implied[i] {
                        rest -= cursors[j].bound;
                        if matched && cursors[j].seek(doc) == doc {
                            score += cursors[j].score();
                        }
                    }
                }
                if !hit {
                    break 'eval;
                }
            }
            if let Some(f) = filter.as_mut() {
                if f.doc() > doc || (f.doc() < doc && f.seek(doc) != doc) {
                    break 'eval;
                }
            }
            count += 1;
            if counting && shared.counted.fetch_add(1, Relaxed) + 1 >= count_to {
                counting = false;
                since_check = u32::MAX;
            }
            if score > theta
                && (heap.len() < k || score > heap.peek().map_or(f32::MIN, |e| e.score))
            {
                heap.push(Entry { score, doc });
                if heap.len() > k {
                    heap.pop();
                }
                since_check = u32::MAX;
            }
        }
        // Every 256 candidates, and after each change to the page, see whether the
        // counting is over and θ rose.
        if since_check < 256 {
            continue;
        }
        since_check = 0;
        if counting {
            counting = shared.counted.load(Relaxed) < count_to;
            if counting {
                continue;
            }
        }
        // Past the counting, θ is the best of this segment's worst candidate and the
        // other segments' (the page's worst score is at least each of them).
        exact = false;
        let local = match heap.peek() {
            Some(worst) if heap.len() >= k => worst.score,
            _ => f32::MIN,
        };
        if local > 0.0 {
            shared.theta.fetch_max(local.to_bits(), Relaxed);
        }
        let t = match shared.theta.load(Relaxed) {
            0 => local,
            bits => local.max(f32::from_bits(bits)),
        };
        if t <= theta {
            continue;
        }
        // θ rose: walk the cheapest set of lists a better document must be in, one
        // word's lists or the terms that can lift it above θ.
        theta = t;
        let mut below = 0.0f32;
        let mut essential = Vec::new();
        for &i in &by_bound {
            if essential.is_empty() && below + cursors[i].bound <= theta {
                below += cursors[i].bound;
            } else {
                essential.push(i);
            }
        }
        if essential.is_empty() {
            break;
        }
        drive = if cost(&essential, &cursors) < cost(&cheapest, &cursors) {
            essential
        } else {
            cheapest.clone()
        };
    }
    Ok(Segment {
        count,
        exact,
        hits: heap.into_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    /// An index of generated documents over a small vocabulary with a skewed word
    /// frequency (a few words in most documents, most in few), in several segments;
    /// `body_exact` holds the same text as `body`, as warta's exact field does.
    fn index(docs: usize) -> (Index, [Field; 3]) {
        let mut sb = Schema::builder();
        let title = sb.add_text_field("title", TEXT);
        let body = sb.add_text_field("body", TEXT);
        let exact = sb.add_text_field("body_exact", TEXT);
        let index = Index::create_in_ram(sb.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut state = 7u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let word = |r: usize| format!("w{}", (r % 1000) * (r % 1000) / 1000);
        for d in 0..docs {
            let t: Vec<String> = (0..2 + next() % 6).map(|_| word(next())).collect();
            let b: Vec<String> = (0..5 + next() % 60).map(|_| word(next())).collect();
            writer
                .add_document(doc!(title => t.join(" "), body => b.join(" "), exact => b.join(" ")))
                .unwrap();
            if d % 1500 == 1499 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index, [title, body, exact])
    }

    fn plan(words: &[&str], [title, body, exact]: [Field; 3]) -> Plan {
        let term = |f: Field, w: &str, boost: f32, implied_by: Option<Field>| PlanTerm {
            term: Term::from_field_text(f, w),
            boost,
            implied_by,
        };
        Plan {
            groups: words
                .iter()
                .map(|w| {
                    vec![
                        term(title, w, 2.5, None),
                        term(body, w, 0.5, None),
                        term(exact, w, 1.0, Some(body)),
                    ]
                })
                .collect(),
        }
    }

    /// The same conjunction of unions, scored by tantivy for every match.
    fn exhaustive(plan: &Plan) -> Box<dyn Query> {
        let groups = plan
            .groups
            .iter()
            .map(|g| {
                let any: Vec<(Occur, Box<dyn Query>)> = g
                    .iter()
                    .map(|t| {
                        let q = TermQuery::new(t.term.clone(), IndexRecordOption::WithFreqs);
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(Box::new(q), t.boost)) as _,
                        )
                    })
                    .collect();
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(any)) as Box<dyn Query>,
                )
            })
            .collect();
        Box::new(BooleanQuery::new(groups))
    }

    #[test]
    fn the_pruned_page_is_the_exhaustive_page() {
        let (index, fields) = index(9000);
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() >= 4);
        let mut pruned_somewhere = false;
        for words in [
            &["w0", "w1"][..],
            &["w0", "w3", "w10"],
            &["w5", "w900"],
            &["w1", "w2"],
            &["w990", "w991"],
            &["w0", "nothing"],
        ] {
            let plan = plan(words, fields);
            let q = exhaustive(&plan);
            for k in [1, 10, 37] {
                let (all, full) = searcher
                    .search(&*q, &(Count, TopDocs::with_limit(k).order_by_score()))
                    .unwrap();
                for count_to in [0, 17, 1000, usize::MAX] {
                    let top = run(&searcher, &plan, None, k, count_to, None).unwrap();
                    assert_eq!(top.hits.len(), full.len(), "{words:?} k {k}");
                    for (i, (p, f)) in top.hits.iter().zip(&full).enumerate() {
                        let close = (p.0 - f.0).abs() <= 1e-4 * f.0.abs().max(1.0);
                        assert!(close, "{words:?} k {k} hit {i}: {p:?} vs {f:?}");
                        let tied = full.iter().filter(|g| (g.0 - f.0).abs() <= 1e-4).count() > 1;
                        assert!(tied || p.1 == f.1, "{words:?} k {k} hit {i}");
                    }
                    if top.exact {
                        assert_eq!(top.total, all, "{words:?}: an exact total is the total");
                    } else {
                        assert!(top.total >= count_to.min(all) && top.total <= all);
                        pruned_somewhere = true;
                    }
                }
            }
        }
        assert!(pruned_somewhere, "some query skipped matches");
    }

    #[test]
    fn a_filter_keeps_only_its_documents() {
        let (index, fields) = index(3000);
        let searcher = index.reader().unwrap().searcher();
        let plan = plan(&["w0", "w1"], fields);
        let filter_q = TermQuery::new(
            Term::from_field_text(fields[0], "w2"),
            IndexRecordOption::Basic,
        );
        let filter = filter_q
            .weight(tantivy::query::EnableScoring::disabled_from_searcher(
                &searcher,
            ))
            .unwrap();
        let both = BooleanQuery::new(vec![
            (Occur::Must, exhaustive(&plan)),
            (Occur::Must, Box::new(filter_q.clone()) as Box<dyn Query>),
        ]);
        let (all, full) = searcher
            .search(&both, &(Count, TopDocs::with_limit(10).order_by_score()))
            .unwrap();
        let top = run(&searcher, &plan, Some(&*filter), 10, usize::MAX, None).unwrap();
        assert_eq!(top.total, all);
        let ids = |v: &[(f32, DocAddress)]| v.iter().map(|h| h.1).collect::<Vec<_>>();
        assert_eq!(ids(&top.hits).len(), ids(&full).len());
        assert!(all > 0);
    }
}
