//! Which segments the archive merges, and when: fewer segments make faster searches
//! (each costs a query the same dictionary lookups, large or small), but every merge
//! rewrites its input and maps all of it while it runs.
//!
//! [`BoundedMerges`] is tantivy's log merge policy with a largest merged segment, as
//! Lucene's tiered policy has: the archive's memory and merge time stay bounded whatever
//! its size. [`merge_tail`] folds the small segments a run leaves behind into one.

use std::collections::HashMap;
use tantivy::index::SegmentId;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy, NoMergePolicy};
use tantivy::{Index, IndexReader, SegmentMeta, TantivyDocument};

/// The most documents a merge may produce. A merge maps every file of its input
/// segments (about 2 KB per article), so this bounds what a merge adds to the resident
/// memory of a run to about 500 MB. It is also the size beyond which segments stay as
/// they are: with tantivy's unbounded policy, eight segments of the largest size in a
/// level were merged into one, which in a large archive rewrote the whole of it
/// (`bench/RESULTS.md`).
pub const MAX_MERGED_DOCS: u32 = 250_000;

/// Share of deleted documents past which a segment is rewritten on its own to drop them
/// (re-indexed articles leave their old copies behind as deletions).
const MAX_DELETED_SHARE: f32 = 0.25;

/// tantivy's log merge policy (eight segments of a size level merge into one), with
/// each merge cut down to the smallest of its segments that together stay within
/// `max_docs` ([`MAX_MERGED_DOCS`] by default), and segments with many deletions
/// rewritten on their own.
#[derive(Debug)]
pub struct BoundedMerges {
    levels: LogMergePolicy,
    max_docs: u32,
}

impl BoundedMerges {
    pub fn new(max_docs: u32) -> Self {
        let mut levels = LogMergePolicy::default();
        // Two segments above half the bound cannot merge within it.
        levels.set_max_docs_before_merge(max_docs as usize / 2);
        BoundedMerges { levels, max_docs }
    }
}

impl Default for BoundedMerges {
    fn default() -> Self {
        Self::new(MAX_MERGED_DOCS)
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        let mut out: Vec<MergeCandidate> = self
            .levels
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|MergeCandidate(mut ids)| {
                ids.sort_by_key(|id| docs[id]);
                let taken = smallest_within(&ids, |id| docs[id], self.max_docs);
                ids.truncate(taken);
                (ids.len() >= 2).then_some(MergeCandidate(ids))
            })
            .collect();
        let taken: Vec<SegmentId> = out.iter().flat_map(|c| c.0.iter().copied()).collect();
        out.extend(
            segments
                .iter()
                .filter(|s| !taken.contains(&s.id()) && deleted_share(s) > MAX_DELETED_SHARE)
                .map(|s| MergeCandidate(vec![s.id()])),
        );
        out
    }
}

fn deleted_share(s: &SegmentMeta) -> f32 {
    if s.max_doc() == 0 {
        return 0.0;
    }
    s.num_deleted_docs() as f32 / s.max_doc() as f32
}

/// How many of `items` (smallest first) fit together within `limit`.
fn smallest_within<T>(items: &[T], size: impl Fn(&T) -> u32, limit: u32) -> usize {
    let mut total = 0u64;
    items
        .iter()
        .take_while(|item| {
            total += u64::from(size(item));
            total <= u64::from(limit)
        })
        .count()
}

/// Merges the small segments a run leaves behind: the last batches make segments that
/// the level policy keeps until eight of a size pile up. Taken are the segments below
/// the largest segments' level (under half the largest), smallest first, while together
/// they stay within [`MAX_MERGED_DOCS`] and within twice what the run wrote (`run_docs`,
/// at least 10,000: tantivy's smallest level), so that a run adding a few articles to a
/// large archive does not rewrite a large part of it. Segments of one level are left
/// as they are: folding them all into one costs indexing time (`bench/RESULTS.md`), and
/// one segment is searched on one core only.
///
/// It runs once the run's own merges are done (a segment being merged cannot be taken),
/// with a writer of its own that starts no other merge. A failed merge changes nothing.
pub fn merge_tail(index: &Index, reader: &IndexReader, run_docs: u64) {
    let Ok(metas) = index.searchable_segment_metas() else {
        return;
    };
    let sizes: Vec<u32> = metas.iter().map(|m| m.num_docs()).collect();
    let ids: Vec<SegmentId> = tail(&sizes, run_docs)
        .into_iter()
        .map(|i| metas[i].id())
        .collect();
    // Live segment metas keep their files from being collected.
    drop(metas);
    if ids.len() < 2 {
        return;
    }
    let Ok(mut writer) = index.writer_with_num_threads::<TantivyDocument>(1, MERGE_HEAP) else {
        return;
    };
    writer.set_merge_policy(Box::new(NoMergePolicy));
    if writer.merge(&ids).wait().is_ok() {
        // The merged segments' files stay on disk while a searcher of the old state
        // holds them: reload first, then collect them.
        reader.reload().ok();
        writer.garbage_collect_files().wait().ok();
    }
    writer.wait_merging_threads().ok();
}

/// The positions in `sizes` (documents per segment) of the segments [`merge_tail`] takes.
fn tail(sizes: &[u32], run_docs: u64) -> Vec<usize> {
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let mut small: Vec<usize> = (0..sizes.len())
        .filter(|&i| sizes[i] < largest / 2)
        .collect();
    small.sort_by_key(|&i| sizes[i]);
    let budget = run_docs
        .saturating_mul(2)
        .clamp(10_000, u64::from(MAX_MERGED_DOCS));
    let taken = smallest_within(&small, |&i| sizes[i], budget as u32);
    small.truncate(taken);
    small
}

/// Indexing memory of the writer that only merges (tantivy's minimum).
const MERGE_HEAP: usize = 15_000_000;

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Term};

    /// An index in memory with one segment of each given size, never merged.
    fn segments_of(sizes: &[u32]) -> (Index, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut w = index.writer_with_num_threads(1, MERGE_HEAP).unwrap();
        w.set_merge_policy(Box::new(NoMergePolicy));
        let mut n = 0;
        for &size in sizes {
            for _ in 0..size {
                w.add_document(doc!(id => n.to_string())).unwrap();
                n += 1;
            }
            w.commit().unwrap();
        }
        (index, id)
    }

    fn candidate_sizes(index: &Index, policy: &BoundedMerges) -> Vec<Vec<u32>> {
        let metas = index.searchable_segment_metas().unwrap();
        let docs: HashMap<SegmentId, u32> = metas.iter().map(|m| (m.id(), m.num_docs())).collect();
        let mut out: Vec<Vec<u32>> = policy
            .compute_merge_candidates(&metas)
            .into_iter()
            .map(|c| {
                let mut sizes: Vec<u32> = c.0.iter().map(|id| docs[id]).collect();
                sizes.sort();
                sizes
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_tail_is_what_lies_below_the_largest_level_within_the_run_budget() {
        let k = 1000;
        // A layout a large run leaves: the five below the largest level (220,000
        // together) are taken.
        let run = [
            140 * k,
            29_500,
            160 * k,
            44_200,
            140 * k,
            33_500,
            40_200,
            72_600,
            140 * k,
            160 * k,
            140 * k,
        ];
        let taken: Vec<u32> = tail(&run, 1_000_000).iter().map(|&i| run[i]).collect();
        assert_eq!(taken, vec![29_500, 33_500, 40_200, 44_200, 72_600]);
        // A run that wrote 20 documents may rewrite 10,000 at most.
        let sizes = [150 * k, 4 * k, 5 * k, 30 * k, 10];
        let taken: Vec<u32> = tail(&sizes, 20).iter().map(|&i| sizes[i]).collect();
        assert_eq!(taken, vec![10, 4 * k, 5 * k]);
        // Segments of one level stay as they are.
        assert!(tail(&[21_916, 21_194, 18_309, 17_853, 17_154, 13_503], 110_000).is_empty());
    }

    #[test]
    fn a_full_level_merges_only_as_much_as_the_bound_allows() {
        // Eight segments of one level: tantivy's policy merges all eight (the check
        // that the level rule is in force), the bound cuts the merge to the smallest
        // that fit together.
        let (index, _) = segments_of(&[10, 11, 12, 13, 14, 15, 16, 17]);
        assert_eq!(
            candidate_sizes(&index, &BoundedMerges::new(1000)),
            vec![vec![10, 11, 12, 13, 14, 15, 16, 17]]
        );
        assert_eq!(
            candidate_sizes(&index, &BoundedMerges::new(50)),
            vec![vec![10, 11, 12, 13]]
        );
        // Seven of a level: no merge yet.
        let (index, _) = segments_of(&[10, 11, 12, 13, 14, 15, 16]);
        assert!(candidate_sizes(&index, &BoundedMerges::new(1000)).is_empty());
    }

    #[test]
    fn segments_above_half_the_bound_stay_and_deletions_get_rewritten() {
        let (index, id) = segments_of(&[30, 30, 30, 30, 30, 30, 30, 30]);
        // Every segment is more than half of 50: none may merge.
        assert!(candidate_sizes(&index, &BoundedMerges::new(50)).is_empty());
        // Delete 10 of the first segment's 30 documents (a third): it is rewritten alone.
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, MERGE_HEAP).unwrap();
        w.set_merge_policy(Box::new(NoMergePolicy));
        for n in 0..10 {
            w.delete_term(Term::from_field_text(id, &n.to_string()));
        }
        w.commit().unwrap();
        assert_eq!(
            candidate_sizes(&index, &BoundedMerges::new(50)),
            vec![vec![20]]
        );
    }

    #[test]
    fn smallest_within_counts_the_prefix_that_fits() {
        let sizes = [10u32, 20, 30, 40];
        assert_eq!(smallest_within(&sizes, |s| *s, 60), 3);
        assert_eq!(smallest_within(&sizes, |s| *s, 59), 2);
        assert_eq!(smallest_within(&sizes, |s| *s, 5), 0);
        assert_eq!(smallest_within(&sizes, |s| *s, 1000), 4);
    }
}
