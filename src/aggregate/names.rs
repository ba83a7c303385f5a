//! How many matching articles name each term of some string fast fields (outlets,
//! people, places, organisations), in one pass over the matches. Counts go into arrays
//! indexed by term ordinal (one per segment and field), and only the ordinals that were
//! counted are turned into names, in one sorted sweep of each dictionary: a broad query
//! over 100,000 articles matches tens of thousands, and looking names up one by one
//! was too slow for a page (bench/RESULTS.md).
//!
//! A long-running process (`warta serve`) asks the same fields of the same segments
//! again and again, and the sweep (decompressing every dictionary block a broad query
//! touches) was then most of a search page's time. After [`keep_global_ordinals`], the
//! names of all segments are read once per set of segments into one sorted list, with
//! a map from each segment's ordinals to its positions (what Elasticsearch calls global
//! ordinals): a request counts into one array per field and turns only the names it
//! returns into strings. A commit makes new segments, hence new lists; the old ones go
//! when no recent searcher uses them.

use anyhow::Result;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// Names and the number of matching articles naming each, most first (ties by name).
pub type Counts = Vec<(String, usize)>;

/// The articles matching `query`, and per field of `fields` the number of them that
/// name each term (an article counts once per term), most first.
pub fn count(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[&'static str],
) -> Result<(usize, Vec<Counts>)> {
    count_top(searcher, query, fields, usize::MAX)
}

/// As [`count`], keeping the `top` names of each field.
pub fn count_top(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[&'static str],
    top: usize,
) -> Result<(usize, Vec<Counts>)> {
    if KEEP.load(Ordering::Relaxed) {
        let ordinals = global_ordinals(searcher, fields)?;
        return count_global(searcher, query, &ordinals, top, &mut |_, _| {});
    }
    let (articles, maps) = count_by_segment(searcher, query, fields)?;
    let lists = maps
        .into_iter()
        .map(|m| {
            let mut v: Counts = m.into_iter().collect();
            most_first(&mut v, top);
            v
        })
        .collect();
    Ok((articles, lists))
}

/// As [`count_top`] with global ordinals kept (None otherwise), calling `each` with
/// the segment (its position in the searcher) and id of every matching article on the
/// way: what else a caller counts of the matches (the search page's timeline) then
/// costs no second pass over them.
pub fn count_top_each(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[&'static str],
    top: usize,
    each: &mut dyn FnMut(usize, DocId),
) -> Result<Option<(usize, Vec<Counts>)>> {
    if !KEEP.load(Ordering::Relaxed) {
        return Ok(None);
    }
    let ordinals = global_ordinals(searcher, fields)?;
    count_global(searcher, query, &ordinals, top, each).map(Some)
}

fn most_first(v: &mut Counts, top: usize) {
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(top);
}

/// Whether global ordinals are kept (see the module's comment).
static KEEP: AtomicBool = AtomicBool::new(false);

/// From now on, count with global ordinals kept between calls: for a process that
/// answers many requests over the same archive. A one-off command reads only the
/// dictionary blocks its matches need, which is less than all of them.
pub fn keep_global_ordinals() {
    KEEP.store(true, Ordering::Relaxed);
}

/// Builds and keeps the global ordinals of `fields` for the searcher's segments now,
/// so that the first request that counts them does not wait (a server at start-up).
pub fn prepare(searcher: &Searcher, fields: &[&'static str]) -> Result<()> {
    global_ordinals(searcher, fields).map(drop)
}

/// The names of one field over all segments of a searcher.
struct FieldOrdinals {
    /// Every name, sorted by bytes (so by `String` order), once.
    names: Vec<String>,
    /// Per segment (in the searcher's order): segment ordinal -> index in `names`.
    segments: Vec<Vec<u32>>,
}

struct GlobalOrdinals {
    fields: Vec<(&'static str, FieldOrdinals)>,
    /// Per segment, per article: the names it has, each once, as positions in one
    /// space for all fields (field after field, in the order of `fields`). Reading
    /// the columns article by article was most of a broad query's count.
    rows: Vec<Rows>,
}

/// The names of each article of a segment: those of article `d` are
/// `names[at[d]..at[d + 1]]`.
struct Rows {
    at: Vec<u32>,
    names: Vec<u32>,
}

/// Reads the rows of every article of every segment.
fn rows(
    searcher: &Searcher,
    fields: &[(&'static str, FieldOrdinals)],
    starts: &[u32],
) -> Result<Vec<Rows>> {
    let mut out = Vec::new();
    let mut ords: Vec<u64> = Vec::new();
    for (seg, reader) in searcher.segment_readers().iter().enumerate() {
        let mut columns = Vec::new();
        for ((name, f), &start) in fields.iter().zip(starts) {
            if let Some(c) = reader.fast_fields().str(name)? {
                columns.push((c, &f.segments[seg], start));
            }
        }
        let mut rows = Rows {
            at: Vec::with_capacity(reader.max_doc() as usize + 1),
            names: Vec::new(),
        };
        for doc in 0..reader.max_doc() {
            rows.at.push(rows.names.len() as u32);
            for (col, map, start) in &columns {
                ords.clear();
                ords.extend(col.term_ords(doc));
                // An article names each entity once.
                ords.sort_unstable();
                ords.dedup();
                rows.names.extend(
                    ords.iter()
                        .filter_map(|&o| map.get(o as usize))
                        .map(|g| start + g),
                );
            }
        }
        rows.at.push(rows.names.len() as u32);
        rows.names.shrink_to_fit();
        out.push(rows);
    }
    Ok(out)
}

type OrdinalsKey = (Vec<&'static str>, Vec<SegmentId>);

/// The global ordinals last built, a few sets (a request may still hold the searcher
/// of the commit before the last).
static ORDINALS: Mutex<Vec<(OrdinalsKey, Arc<GlobalOrdinals>)>> = Mutex::new(Vec::new());
const ORDINALS_KEPT: usize = 3;

fn global_ordinals(searcher: &Searcher, fields: &[&'static str]) -> Result<Arc<GlobalOrdinals>> {
    let key: OrdinalsKey = (
        fields.to_vec(),
        searcher
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect(),
    );
    // Built under the lock: requests that come meanwhile wait for it rather than
    // building it too.
    let mut kept = ORDINALS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = kept.iter().position(|(k, _)| *k == key) {
        let hit = kept.remove(i);
        let o = hit.1.clone();
        kept.push(hit);
        return Ok(o);
    }
    let mut built = Vec::new();
    let mut starts = Vec::new();
    let mut next = 0u32;
    for &field in fields {
        let f = field_ordinals(searcher, field)?;
        starts.push(next);
        next += f.names.len() as u32;
        built.push((field, f));
    }
    let rows = rows(searcher, &built, &starts)?;
    let o = Arc::new(GlobalOrdinals {
        fields: built,
        rows,
    });
    if kept.len() >= ORDINALS_KEPT {
        kept.remove(0);
    }
    kept.push((key, o.clone()));
    Ok(o)
}

fn field_ordinals(searcher: &Searcher, field: &str) -> Result<FieldOrdinals> {
    // (name, segment, segment ordinal) for every term of every segment, sorted by name.
    let mut all: Vec<(Vec<u8>, u32, u32)> = Vec::new();
    let mut sizes = Vec::new();
    for (seg, reader) in searcher.segment_readers().iter().enumerate() {
        let Some(col) = reader.fast_fields().str(field)? else {
            sizes.push(0);
            continue;
        };
        let dict = col.dictionary();
        sizes.push(dict.num_terms());
        let mut stream = dict.stream()?;
        let mut ord = 0u32;
        while stream.advance() {
            all.push((stream.key().to_vec(), seg as u32, ord));
            ord += 1;
        }
    }
    all.sort_unstable();
    let mut segments: Vec<Vec<u32>> = sizes.iter().map(|&n| vec![0; n]).collect();
    let mut names: Vec<String> = Vec::new();
    let mut last: Option<Vec<u8>> = None;
    for (bytes, seg, ord) in all {
        if last.as_deref() != Some(bytes.as_slice()) {
            names.push(String::from_utf8_lossy(&bytes).into_owned());
            last = Some(bytes);
        }
        segments[seg as usize][ord as usize] = (names.len() - 1) as u32;
    }
    Ok(FieldOrdinals { names, segments })
}

/// Counting with global ordinals: one pass over the matches of every segment, one
/// array of counts per field.
fn count_global(
    searcher: &Searcher,
    query: &dyn Query,
    ordinals: &GlobalOrdinals,
    top: usize,
    each: &mut dyn FnMut(usize, DocId),
) -> Result<(usize, Vec<Counts>)> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let all = ordinals.fields.iter().map(|(_, f)| f.names.len()).sum();
    // This thread's array from its last request (all zeros: the sweep for the top
    // names below zeroes what it reads), or a new one. Taken out, so that an error or
    // a panic half-way drops it rather than leaving counts in it.
    let mut counts = ZEROED_COUNTS.with(|c| c.take());
    counts.resize(all, 0);
    let mut articles = 0;
    for (seg, (reader, rows)) in searcher
        .segment_readers()
        .iter()
        .zip(&ordinals.rows)
        .enumerate()
    {
        let alive = reader.alive_bitset();
        weight.for_each_no_score(reader, &mut |docs: &[DocId]| {
            for &doc in docs {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                articles += 1;
                each(seg, doc);
                let (from, to) = (rows.at[doc as usize], rows.at[doc as usize + 1]);
                for &g in &rows.names[from as usize..to as usize] {
                    counts[g as usize] += 1;
                }
            }
        })?;
    }
    let mut rest = counts.as_mut_slice();
    let mut split = Vec::new();
    for (_, f) in &ordinals.fields {
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(f.names.len());
        split.push(head);
        rest = tail;
    }
    let lists = ordinals
        .fields
        .iter()
        .zip(split)
        .map(|((_, f), c)| {
            let mut hits: Vec<(u32, u32)> = c
                .iter_mut()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(g, n)| (std::mem::take(n), g as u32))
                .collect();
            // Most first, ties by name (global ordinals are in name order).
            let order = |a: &(u32, u32), b: &(u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
            if hits.len() > top {
                hits.select_nth_unstable_by(top, order);
                hits.truncate(top);
            }
            hits.sort_unstable_by(order);
            hits.into_iter()
                .map(|(n, g)| (f.names[g as usize].clone(), n as usize))
                .collect()
        })
        .collect();
    ZEROED_COUNTS.with(|c| c.replace(counts));
    Ok((articles, lists))
}

thread_local! {
    /// Each thread's array of counts for [`count_global`], kept between requests with
    /// every count zero: a new array of one count per name (millions over a large
    /// archive) for each request was fresh pages from the system each time, once a
    /// server gives freed memory back quickly (`alloc::settle_for_serving`).
    static ZEROED_COUNTS: std::cell::Cell<Vec<u32>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Counting one segment at a time, names read from each segment's dictionary.
fn count_by_segment(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::read::tests::article;
    use crate::index::Archive;

    /// Global ordinals count what the per-segment sweep counts, over segments that
    /// share some names and not others, with a deleted article.
    #[test]
    fn global_ordinals_count_as_the_dictionary_sweep() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::open_or_create(&dir.path().join("index")).unwrap();
        let mut writer: tantivy::IndexWriter = archive.index.writer(50_000_000).unwrap();
        let people = [
            vec!["Joko Widodo", "Anies Baswedan"],
            vec!["Anies Baswedan"],
            vec!["Prabowo Subianto", "Joko Widodo", "Joko Widodo"],
            vec!["Zulkifli Hasan"],
            vec!["Anies Baswedan", "Ma'ruf Amin"],
        ];
        for (i, names) in people.iter().enumerate() {
            let mut a = article(&format!("a{i}"), "Banjir", None);
            a.entities.person = names.iter().map(|n| n.to_string()).collect();
            a.source = if i % 2 == 0 { "Kompas.com" } else { "Detik" }.into();
            let doc = archive.f.article_doc(&a, &[a.path.clone()], &[], i as u64);
            writer.add_document(doc).unwrap();
            // Three segments: {a0, a1}, {a2, a3}, {a4}.
            if i % 2 == 1 {
                writer.commit().unwrap();
            }
        }
        writer.delete_term(tantivy::Term::from_field_text(archive.f.id, "a3"));
        writer.commit().unwrap();
        let reader = archive.reader().unwrap();
        reader.reload().unwrap();
        let searcher = reader.searcher();
        assert!(searcher.segment_readers().len() > 1);
        let q = archive.all_articles();
        let fields = ["person", "source_key"];
        let (n, maps) = count_by_segment(&searcher, &*q, &fields).unwrap();
        let mut swept: Vec<Counts> = maps.into_iter().map(|m| m.into_iter().collect()).collect();
        swept.iter_mut().for_each(|v| most_first(v, usize::MAX));
        prepare(&searcher, &fields).unwrap();
        let kept = |f: &[&str]| {
            let kept = ORDINALS.lock().unwrap();
            kept.iter().any(|(k, _)| k.0 == f)
        };
        assert!(kept(&fields), "prepare keeps what counting will use");
        let ordinals = global_ordinals(&searcher, &fields).unwrap();
        let (g, global) =
            count_global(&searcher, &*q, &ordinals, usize::MAX, &mut |_, _| {}).unwrap();
        assert_eq!((n, g), (4, 4));
        assert_eq!(global, swept);
        assert_eq!(global[0][0], ("Anies Baswedan".to_string(), 3));
        assert!(!global[0].iter().any(|(name, _)| name == "Zulkifli Hasan"));
        let (_, top) = count_global(&searcher, &*q, &ordinals, 1, &mut |_, _| {}).unwrap();
        assert_eq!(top[0], global[0][..1]);
    }
}
