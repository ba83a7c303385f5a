//! How many matching articles name each term of some string fast fields (outlets,
//! people, places, organisations), in one pass over the matches. Counts go into arrays
//! indexed by term ordinal (one per segment and field), and only the ordinals that were
//! counted are turned into names, in one sorted sweep of each dictionary: a broad query
//! over 100,000 articles matches tens of thousands, and looking names up one by one
//! was too slow for a page (bench/RESULTS.md).

use anyhow::Result;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The articles matching `query`, and per field of `fields` the number of them that
/// name each term (an article counts once per term).
pub fn count(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[&'static str],
) -> Result<(usize, Vec<HashMap<String, usize>>)> {
    let per_segment = searcher.search(query, &Counter { fields })?;
    let mut lists: Vec<HashMap<String, usize>> = vec![HashMap::new(); fields.len()];
    let mut articles = 0;
    for (docs, seg) in per_segment {
        articles += docs;
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
    Ok((articles, lists))
}

/// Per segment, per field: the column and the articles counted per ordinal.
type SegmentCounts = Vec<(Option<StrColumn>, Vec<u32>)>;

struct Counter<'f> {
    fields: &'f [&'static str],
}

struct SegmentCounter {
    docs: usize,
    fields: SegmentCounts,
    ords: Vec<u64>,
}

impl Collector for Counter<'_> {
    type Fruit = Vec<(usize, SegmentCounts)>;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let fast = reader.fast_fields();
        let mut fields = Vec::new();
        for name in self.fields {
            let col = fast.str(name)?;
            let n = col.as_ref().map(|c| c.num_terms()).unwrap_or(0);
            fields.push((col, vec![0u32; n]));
        }
        Ok(SegmentCounter {
            docs: 0,
            fields,
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(usize, SegmentCounts)>,
    ) -> tantivy::Result<Vec<(usize, SegmentCounts)>> {
        Ok(fruits)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = (usize, SegmentCounts);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs += 1;
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

    fn harvest(self) -> (usize, SegmentCounts) {
        (self.docs, self.fields)
    }
}
