//! What the readers of an archive (search, aggregates, statistics, export) need from
//! it, so that none of them builds its own queries on the schema's bookkeeping: all
//! articles, the file records, a publication-date range, one article by id with its
//! near-duplicate group, a group's members, every article in turn.

use super::schema::{first_num, first_str, KIND_ARTICLE, KIND_FILE, PUBLISHED};
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

    /// The bookkeeping records of the indexed files.
    pub fn all_files(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.f.kind, KIND_FILE),
            IndexRecordOption::Basic,
        ))
    }

    /// The article with this id.
    pub fn with_id(&self, id: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.f.id, id),
            IndexRecordOption::Basic,
        ))
    }

    /// The articles of one near-duplicate group.
    pub fn in_group(&self, group: u64) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_u64(self.f.dup_group, group),
            IndexRecordOption::Basic,
        ))
    }

    /// The id of a stored article document.
    pub fn id_of(&self, doc: &TantivyDocument) -> Option<String> {
        first_str(doc, self.f.id)
    }

    /// The committed article with this id, where it is and its near-duplicate group.
    pub fn find(&self, searcher: &Searcher, id: &str) -> Option<Found> {
        let addr = self.committed_addr(searcher, id)?;
        let doc: TantivyDocument = searcher.doc(addr).ok()?;
        let group = first_num(&doc, self.f.dup_group).map(|g| g as u64);
        let (article, paths) = self.f.to_article(&doc);
        Some(Found {
            article,
            paths,
            group,
            addr,
        })
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

    /// The committed document of the article with this id.
    pub fn committed_doc(&self, searcher: &Searcher, id: &str) -> Option<TantivyDocument> {
        searcher.doc(self.committed_addr(searcher, id)?).ok()
    }

    /// Where the committed article with this id is: a term lookup in each segment
    /// (most ids of a fresh run are in none, and that costs one dictionary probe).
    fn committed_addr(&self, searcher: &Searcher, id: &str) -> Option<DocAddress> {
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
                    return Some(DocAddress::new(ord as u32, doc));
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

/// A committed article found by id.
pub struct Found {
    pub article: Article,
    /// Every file it was read from.
    pub paths: Vec<String>,
    /// Its near-duplicate group.
    pub group: Option<u64>,
    pub addr: DocAddress,
}

/// A collector of the top `n` documents of a query by publication time.
pub fn by_published(
    n: usize,
    order: Order,
) -> impl tantivy::collector::Collector<Fruit = Vec<(Option<i64>, DocAddress)>> {
    tantivy::collector::TopDocs::with_limit(n).order_by_fast_field::<i64>(PUBLISHED, order)
}

/// An archive in a temporary folder holding the given articles (each read from its own
/// `path`, each in a near-duplicate group of its own), for the unit tests of the
/// modules that read.
#[cfg(test)]
pub(crate) fn test_archive(articles: &[Article]) -> (tempfile::TempDir, Archive) {
    let groups: Vec<u64> = (0..articles.len() as u64).collect();
    test_archive_grouped(articles, &groups)
}

/// [`test_archive`] with each article's near-duplicate group given.
#[cfg(test)]
pub(crate) fn test_archive_grouped(
    articles: &[Article],
    groups: &[u64],
) -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open_or_create(&dir.path().join("index")).unwrap();
    let mut writer: tantivy::IndexWriter = archive.index.writer(50_000_000).unwrap();
    for (a, group) in articles.iter().zip(groups) {
        let doc = archive
            .f
            .article_doc(a, std::slice::from_ref(&a.path), &[], *group);
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    archive.reader().unwrap().reload().unwrap();
    (dir, archive)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::article::Entities;
    use chrono::DateTime;

    /// A small article published at `when` (RFC 3339, or none).
    pub(crate) fn article(id: &str, title: &str, when: Option<&str>) -> Article {
        Article {
            id: id.into(),
            path: format!("/data/{id}.txt"),
            url: Some(format!("https://contoh.id/{id}")),
            source: "Kompas.com".into(),
            title: title.into(),
            published: when.map(|w| DateTime::parse_from_rfc3339(w).unwrap()),
            authors: vec!["Ani Lestari".into()],
            wire: Some("Reuters".into()),
            dateline: Some("JAKARTA".into()),
            lang: "id".into(),
            body: format!("{title}. Isi berita yang cukup panjang.\n\nParagraf kedua."),
            captions: vec!["Foto warga".into()],
            entities: Entities {
                person: vec!["Joko Widodo".into()],
                place: vec!["Jakarta".into()],
                org: vec!["KPK".into()],
            },
        }
    }

    #[test]
    fn an_article_comes_back_as_it_was_stored() {
        let a = article("a1", "Banjir di Jakarta", Some("2020-01-02T08:15:00+07:00"));
        let (_dir, archive) = test_archive(std::slice::from_ref(&a));
        let searcher = archive.reader().unwrap().searcher();
        let (back, paths) = archive.committed_article(&searcher, "a1").unwrap();
        assert_eq!(back, a);
        assert_eq!(paths, vec![a.path.clone()]);
        assert!(archive.committed_article(&searcher, "nope").is_none());
    }

    #[test]
    fn dates_at_any_year_and_open_ranges() {
        let arts = [
            article("old", "Kuno", Some("1805-06-01T00:00:00+07:00")),
            article("new", "Baru", Some("2022-11-04T16:31:00+07:00")),
            article("far", "Jauh", Some("2400-01-01T00:00:00+00:00")),
            article("none", "Tanpa tanggal", None),
        ];
        let (_dir, archive) = test_archive(&arts);
        let searcher = archive.reader().unwrap().searcher();
        let count = |q: Box<dyn Query>| searcher.search(&*q, &tantivy::collector::Count).unwrap();
        assert_eq!(count(archive.all_articles()), 4);
        assert_eq!(count(archive.published_between(None, None)), 3);
        let y1900 = -2_208_988_800;
        assert_eq!(count(archive.published_between(None, Some(y1900))), 1);
        assert_eq!(
            count(archive.published_between(Some(y1900), Some(10_000_000_000))),
            1
        );
        assert_eq!(
            count(archive.published_between(Some(10_000_000_000), None)),
            1
        );
        let newest = searcher
            .search(&*archive.all_articles(), &by_published(4, Order::Desc))
            .unwrap();
        let first: TantivyDocument = searcher.doc(newest[0].1).unwrap();
        assert_eq!(archive.f.to_article(&first).0.id, "far");
        let ids: Vec<String> = archive
            .articles(&searcher)
            .unwrap()
            .map(|r| r.unwrap().0.id)
            .collect();
        assert_eq!(ids.len(), 4);
    }
}
