//! What the readers of an archive (search, aggregates, statistics, export) need from
//! it, so that none of them builds its own queries on the schema's bookkeeping: all
//! articles, a publication-date range, one article by id, every article in turn.

use super::schema::{KIND_ARTICLE, PUBLISHED};
use super::Archive;
use crate::article::Article;
use anyhow::Result;
use std::ops::Bound;
use tantivy::collector::DocSetCollector;
use tantivy::query::{Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Order, Searcher, TantivyDocument, Term};

impl Archive {
    /// Every article (not the files' bookkeeping documents).
    pub fn all_articles(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.f.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        ))
    }

    /// The articles published within `[from, to]` (Unix seconds, either side open);
    /// with both open, every article that has a publication time.
    pub fn published_between(&self, from: Option<i64>, to: Option<i64>) -> Box<dyn Query> {
        let term = |t: i64| Term::from_field_i64(self.f.published, t);
        Box::new(RangeQuery::new(
            Bound::Included(term(from.unwrap_or(i64::MIN))),
            Bound::Included(term(to.unwrap_or(i64::MAX))),
        ))
    }

    /// The committed document of the article with this id: a term lookup in each
    /// segment (most ids of a fresh run are in none, and that costs one dictionary probe).
    pub fn committed_doc(&self, searcher: &Searcher, id: &str) -> Option<TantivyDocument> {
        let term = Term::from_field_text(self.f.id, id);
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let index = seg.inverted_index(self.f.id).ok()?;
            let Some(mut postings) = index.read_postings(&term, IndexRecordOption::Basic).ok()?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != tantivy::TERMINATED {
                if !seg.is_deleted(doc) {
                    return searcher.doc(DocAddress::new(ord as u32, doc)).ok();
                }
                doc = postings.advance();
            }
        }
        None
    }

    /// The committed article with this id, with the paths it was read from.
    pub fn committed_article(
        &self,
        searcher: &Searcher,
        id: &str,
    ) -> Option<(Article, Vec<String>)> {
        self.committed_doc(searcher, id)
            .map(|d| self.f.to_article(&d))
    }

    /// Every article with its paths, in index order (stable for one committed state).
    pub fn articles<'s>(
        &'s self,
        searcher: &'s Searcher,
    ) -> Result<impl Iterator<Item = Result<(Article, Vec<String>)>> + 's> {
        let mut docs: Vec<DocAddress> = searcher
            .search(&*self.all_articles(), &DocSetCollector)?
            .into_iter()
            .collect();
        docs.sort();
        Ok(docs.into_iter().map(move |addr| {
            let d: TantivyDocument = searcher.doc(addr)?;
            Ok(self.f.to_article(&d))
        }))
    }
}

/// A collector of the top `n` documents of a query by publication time.
pub fn by_published(
    n: usize,
    order: Order,
) -> impl tantivy::collector::Collector<Fruit = Vec<(Option<i64>, DocAddress)>> {
    tantivy::collector::TopDocs::with_limit(n).order_by_fast_field::<i64>(PUBLISHED, order)
}
