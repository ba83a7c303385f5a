//! Archive statistics: article and file counts, date span, outlets, languages,
//! size on disk.

use crate::index::schema::first_str;
use crate::index::Archive;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::space_usage::PerFieldSpaceUsage;
use tantivy::{Order, Searcher, TantivyDocument, Term};

#[derive(Debug, Serialize)]
pub struct Outlet {
    pub name: String,
    pub articles: usize,
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub articles: usize,
    pub files: usize,
    pub earliest: Option<String>,
    pub latest: Option<String>,
    pub outlets: Vec<Outlet>,
    pub languages: BTreeMap<String, usize>,
    /// Articles that are near-duplicate copies of another (articles minus groups).
    pub copies: usize,
    pub index_bytes: u64,
    /// Time of the last commit.
    pub last_update: Option<String>,
    pub path: String,
    /// Bytes on disk per field and part (only with `stats --space`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space: Option<Space>,
}

/// Where the bytes of the index go, summed over segments.
#[derive(Debug, Serialize, Default)]
pub struct Space {
    /// Indexed and fast fields, largest first.
    pub fields: Vec<FieldSpace>,
    /// The stored documents (compressed blocks and their offsets).
    pub store: u64,
    /// Deleted-document bitsets of all segments.
    pub deletes: u64,
    /// Documents (articles and file records, deleted ones included) in each segment,
    /// largest first.
    pub segments: Vec<u32>,
}

#[derive(Debug, Serialize, Default)]
pub struct FieldSpace {
    pub field: String,
    pub terms: u64,
    pub postings: u64,
    pub positions: u64,
    pub fast: u64,
    pub norms: u64,
}

impl FieldSpace {
    pub fn total(&self) -> u64 {
        self.terms + self.postings + self.positions + self.fast + self.norms
    }
}

/// Where one part of a field's space is added up in its row.
type Slot = fn(&mut FieldSpace) -> &mut u64;

/// Sums tantivy's per-segment space usage into one row per field.
fn space(searcher: &Searcher) -> Result<Space> {
    let usage = searcher.space_usage()?;
    let mut rows: BTreeMap<String, FieldSpace> = BTreeMap::new();
    let mut out = Space::default();
    for seg in usage.segments() {
        let parts: [(&PerFieldSpaceUsage, Slot); 5] = [
            (seg.termdict(), |r| &mut r.terms),
            (seg.postings(), |r| &mut r.postings),
            (seg.positions(), |r| &mut r.positions),
            (seg.fast_fields(), |r| &mut r.fast),
            (seg.fieldnorms(), |r| &mut r.norms),
        ];
        for (part, slot) in parts {
            for f in part.fields() {
                let row = rows.entry(f.field_name().to_string()).or_default();
                *slot(row) += f.total().get_bytes();
            }
        }
        out.store += seg.store().total().get_bytes();
        out.deletes += seg.deletes().get_bytes();
    }
    out.segments = searcher
        .segment_readers()
        .iter()
        .map(|r| r.max_doc())
        .collect();
    out.segments.sort_by(|a, b| b.cmp(a));
    out.fields = rows
        .into_iter()
        .map(|(field, mut row)| {
            row.field = field;
            row
        })
        .filter(|r| r.total() > 0)
        .collect();
    out.fields.sort_by_key(|r| std::cmp::Reverse(r.total()));
    Ok(out)
}

fn term_query(f: Field, v: &str) -> TermQuery {
    TermQuery::new(Term::from_field_text(f, v), IndexRecordOption::Basic)
}

/// Number of articles in the last committed state.
pub fn article_count(archive: &Archive) -> Result<usize> {
    let searcher = archive.reader()?.searcher();
    Ok(searcher.search(&*archive.all_articles(), &Count)?)
}

pub fn collect(archive: &Archive, with_space: bool) -> Result<Stats> {
    let f = &archive.f;
    let searcher = archive.reader()?.searcher();
    let articles = searcher.search(&*archive.all_articles(), &Count)?;
    let files = searcher.search(&*archive.all_files(), &Count)?;
    let earliest = extreme(archive, &searcher, Order::Asc)?;
    let latest = extreme(archive, &searcher, Order::Desc)?;

    let mut outlets = Vec::new();
    for key in field_terms(&searcher, f.source_key)? {
        let q = term_query(f.source_key, &key);
        let (n, top) = searcher.search(&q, &(Count, TopDocs::with_limit(1).order_by_score()))?;
        if n == 0 {
            continue;
        }
        let d: TantivyDocument = searcher.doc(top[0].1)?;
        outlets.push(Outlet {
            name: first_str(&d, f.source).unwrap_or(key),
            articles: n,
        });
    }
    outlets.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));

    let mut languages = BTreeMap::new();
    for lang in field_terms(&searcher, f.lang)? {
        let n = searcher.search(&term_query(f.lang, &lang), &Count)?;
        if n > 0 {
            languages.insert(lang, n);
        }
    }
    let groups = distinct_terms(&searcher, f.dup_group)?;
    let copies = articles.saturating_sub(groups);
    let last_update = std::fs::metadata(archive.dir.join("meta.json"))
        .and_then(|m| m.modified())
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        });
    let index_bytes = walkdir::WalkDir::new(&archive.dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    Ok(Stats {
        articles,
        files,
        earliest,
        latest,
        outlets,
        languages,
        copies,
        index_bytes,
        last_update,
        path: archive.dir.display().to_string(),
        space: if with_space {
            Some(space(&searcher)?)
        } else {
            None
        },
    })
}

/// Every distinct term of a field, as bytes, over all segments.
fn raw_terms(searcher: &Searcher, field: Field) -> Result<std::collections::BTreeSet<Vec<u8>>> {
    let mut out = std::collections::BTreeSet::new();
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(field)?;
        let mut stream = inv.terms().stream()?;
        while stream.advance() {
            out.insert(stream.key().to_vec());
        }
    }
    Ok(out)
}

/// The number of distinct terms of a field (numeric ones included).
fn distinct_terms(searcher: &Searcher, field: Field) -> Result<usize> {
    Ok(raw_terms(searcher, field)?.len())
}

/// Every distinct term of a keyword field, over all segments.
fn field_terms(searcher: &Searcher, field: Field) -> Result<Vec<String>> {
    Ok(raw_terms(searcher, field)?
        .into_iter()
        .map(|t| String::from_utf8_lossy(&t).into_owned())
        .collect())
}

fn extreme(archive: &Archive, searcher: &Searcher, order: Order) -> Result<Option<String>> {
    let f = &archive.f;
    let dated: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, archive.all_articles()),
        (Occur::Must, archive.published_between(None, None)),
    ];
    let q = BooleanQuery::new(dated);
    let docs = searcher.search(&q, &crate::index::read::by_published(1, order))?;
    let Some((_, addr)) = docs.first() else {
        return Ok(None);
    };
    let d: TantivyDocument = searcher.doc(*addr)?;
    Ok(first_str(&d, f.published_text))
}
