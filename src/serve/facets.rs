//! The search page's facets: how many matching articles name each outlet, person, place
//! and organisation, in one pass over the matches. Counts go into arrays indexed by
//! term ordinal (one per segment and field), and only the ordinals that were counted
//! are turned into names, in one sorted sweep of each dictionary: a broad query over
//! 100,000 articles matches tens of thousands, and looking names up one by one made
//! the page miss its time limit (bench/RESULTS.md).

use crate::index::Archive;
use crate::search::Request;
use anyhow::Result;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The fields counted, in the order of [`Facets`]' lists.
const FIELDS: [&str; 4] = ["source_key", "person", "place", "org"];

/// Names and article counts, most first, one list per field of [`FIELDS`].
pub struct Facets {
    pub lists: [Vec<(String, usize)>; 4],
}

/// Counts the articles matching `req` (query and filters) per name of each field and
/// keeps the `top` names of each.
pub fn count(archive: &Archive, req: &Request, top: usize) -> Result<Facets> {
    let searcher = archive.reader()?.searcher();
    let q = crate::aggregate::matching_query(archive, req)?;
    let per_segment = searcher.search(&*q, &Counter)?;
    let mut lists: [HashMap<String, usize>; 4] = Default::default();
    for seg in per_segment {
        for (i, (column, counts)) in seg.into_iter().enumerate() {
            let Some(column) = column else { continue };
            let ords: Vec<u64> = (0..counts.len() as u64)
                .filter(|&o| counts[o as usize] > 0)
                .collect();
            let mut at = 0;
            column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                let n = counts[ords[at] as usize] as usize;
                at += 1;
                *lists[i]
                    .entry(String::from_utf8_lossy(bytes).into_owned())
                    .or_default() += n;
            })?;
        }
    }
    let lists = lists.map(|m| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(top);
        v
    });
    Ok(Facets { lists })
}

/// Per segment, per field: the column and the articles counted per ordinal.
type SegmentCounts = Vec<(Option<StrColumn>, Vec<u32>)>;

struct Counter;

struct SegmentCounter {
    fields: SegmentCounts,
    ords: Vec<u64>,
}

impl Collector for Counter {
    type Fruit = Vec<SegmentCounts>;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let fast = reader.fast_fields();
        let mut fields = Vec::new();
        for name in FIELDS {
            let col = fast.str(name)?;
            let n = col.as_ref().map(|c| c.num_terms()).unwrap_or(0);
            fields.push((col, vec![0u32; n]));
        }
        Ok(SegmentCounter {
            fields,
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<Vec<SegmentCounts>> {
        Ok(fruits)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (col, counts) in &mut self.fields {
            let Some(col) = col else { continue };
            self.ords.clear();
            self.ords.extend(col.term_ords(doc));
            // An article names each entity once.
            self.ords.sort_unstable();
            self.ords.dedup();
            for &o in &self.ords {
                if let Some(c) = counts.get_mut(o as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> SegmentCounts {
        self.fields
    }
}
