//! Search: turns a request (query text plus filters) into a tantivy query, runs it
//! against the last committed state of the archive and returns ranked hits with
//! highlighted snippets. `query` reads the query language; `dates` reads date bounds;
//! `topk` ranks bare-word queries without scoring every match; `union` is the union of
//! one word's fields that a conjunction seeks.
//!
//! What the user asked for wrongly (a bad query, date or limit, an unknown id) is an
//! [`Error`]; anything else is the archive's or the system's.

pub mod dates;
pub mod entity_filter;
pub mod like;
pub mod query;
pub mod topk;
pub mod union;

use crate::article::{source_key, Entities};
use crate::index::dedup::GroupColumns;
use crate::index::Archive;
use anyhow::Result;
use serde::Serialize;
use std::sync::OnceLock;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::EnableScoring;
use tantivy::query::{BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::Executor;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

/// A request that cannot be served as asked: the user's to fix (the command line
/// exits with code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the query is longer than {0} characters")]
    QueryTooLong(usize),
    #[error("the query `{0}` has no words to search for")]
    NothingToSearch(String),
    #[error("cannot read the date `{0}`: use 2022, 2022-11, 2022-11-04 or RFC 3339")]
    BadDate(String),
    #[error("--from {0} is after --to {1}")]
    FromAfterTo(String, String),
    #[error("--limit must be between 1 and {MAX_LIMIT} (got {0})")]
    BadLimit(String),
    #[error("--offset plus --limit may reach {MAX_WINDOW} at most (got {0}); narrow the search with filters instead")]
    BadOffset(String),
    #[error("no article with id {0}")]
    NoArticle(String),
}

/// Most hits one page may hold.
pub const MAX_LIMIT: usize = 1000;

/// Deepest a page may reach (offset plus limit), like Elasticsearch's
/// `max_result_window`: ranking deeper costs every query that asks, and filters find
/// what lies that deep better.
pub const MAX_WINDOW: usize = 10_000;

/// Checks a page's limit and offset.
pub fn check_page(limit: usize, offset: usize) -> Result<(), Error> {
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::BadLimit(limit.to_string()));
    }
    match offset.checked_add(limit) {
        Some(n) if n <= MAX_WINDOW => Ok(()),
        _ => Err(Error::BadOffset(format!("{offset} + {limit}"))),
    }
}

/// Result order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// A search as the user asked for it.
#[derive(Debug, Default, Clone)]
pub struct Request {
    pub query: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub source: Option<String>,
    pub person: Option<String>,
    pub place: Option<String>,
    pub org: Option<String>,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortBy,
    /// `None`: all words required, falling back to any word when nothing has them all.
    pub match_mode: Option<query::Match>,
    /// Show every copy instead of one hit per near-duplicate group.
    pub all: bool,
    /// Count every match, even past the first [`topk::COUNT_TO`].
    pub exact_total: bool,
    /// Field weights (the defaults unless an experiment sets them).
    pub weights: query::Weights,
}

/// One ranked hit.
#[derive(Debug, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: String,
    pub source: String,
    pub published: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub entities: Entities,
    pub snippet: String,
    /// Highlighted character ranges `[start, end)` within `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// Articles in this hit's near-duplicate group (1 when it has no copies).
    pub copies: usize,
}

/// The answer to a request.
#[derive(Debug, Serialize)]
pub struct Response {
    pub query: String,
    pub total: usize,
    /// False when counting stopped early: `total` is then a lower bound.
    pub total_exact: bool,
    /// `all` or `any`: how bare words were combined.
    #[serde(rename = "match")]
    pub match_mode: &'static str,
    /// True when no article had every word and the answer ranks by any word instead.
    pub fallback: bool,
    pub hits: Vec<Hit>,
}

/// Runs a search.
pub fn search(archive: &Archive, req: &Request) -> Result<Response> {
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    let r = rank(archive, &searcher, req)?;
    let mut resp = respond(archive, &searcher, req, r.total, r.page, &*r.text_query)?;
    resp.total_exact = r.total_exact;
    resp.match_mode = r.match_mode;
    resp.fallback = r.fallback;
    Ok(resp)
}

/// Reads the page's documents and makes the response.
fn respond(
    archive: &Archive,
    searcher: &Searcher,
    req: &Request,
    total: usize,
    page: Vec<PageHit>,
    text_query: &dyn Query,
) -> Result<Response> {
    let page = page
        .into_iter()
        .map(|(score, addr, group)| Ok((score, searcher.doc(addr)?, group)))
        .collect::<Result<Vec<(f32, TantivyDocument, Option<u64>)>>>()?;
    let hits = make_hits(archive, searcher, text_query, page)?;
    Ok(Response {
        query: req.query.clone(),
        total,
        total_exact: true,
        match_mode: "all",
        fallback: false,
        hits,
    })
}

/// One hit of a page before its document is read: score, address, near-duplicate group.
pub type PageHit = (f32, DocAddress, Option<u64>);

/// The ranked page of a search, before any stored document is read.
pub struct Ranked {
    pub total: usize,
    pub total_exact: bool,
    pub match_mode: &'static str,
    pub fallback: bool,
    /// Score, address and near-duplicate group of each hit of the page.
    pub page: Vec<PageHit>,
    /// The text part of the query that ranked them (for snippets).
    pub text_query: Box<dyn Query>,
}

/// Parses the query, runs it with the filters, and collapses copies: everything but
/// reading the hits' documents and making snippets. A plain-text query that no article
/// matches with every word is run again with any word (`fallback`).
pub fn rank(archive: &Archive, searcher: &Searcher, req: &Request) -> Result<Ranked> {
    check_page(req.limit, req.offset)?;
    let mode = req.match_mode.unwrap_or_default();
    let parsed = query::parse(&req.query, mode)?;
    let run = |q: &query::Query| -> Result<(query::Built, Counted, Vec<PageHit>)> {
        let built = query::build_or_explain(archive, q, &req.query, &req.weights)?;
        let full = with_filters(archive, req, &*built.query)?;
        // The pruned ranking serves bare words ranked by relevance, unless every match
        // must be counted.
        let pruned = built
            .plan
            .as_ref()
            .filter(|_| req.sort == SortBy::Relevance && !req.exact_total);
        let filter = match pruned {
            Some(_) => filter_weight(archive, searcher, req)?,
            None => None,
        };
        let plan = pruned.map(|p| (p, filter.as_deref()));
        let (total, hits) = page(searcher, req, &full, built.proximity.as_deref(), plan)?;
        Ok((built, total, hits))
    };
    let (built, total, hits) = run(&parsed)?;
    let fallback = parsed
        .fallback()
        .filter(|_| total.0 == 0 && req.match_mode.is_none());
    if let Some(any) = fallback {
        let (any_built, total, hits) = run(&any)?;
        return Ok(Ranked {
            total: total.0,
            total_exact: total.1,
            match_mode: "any",
            fallback: total.0 > 0,
            page: hits,
            text_query: any_built.query,
        });
    }
    Ok(Ranked {
        total: total.0,
        total_exact: total.1,
        match_mode: if mode == query::Match::All {
            "all"
        } else {
            "any"
        },
        fallback: false,
        page: hits,
        text_query: built.query,
    })
}

/// The text query combined with the request's date, outlet and entity filters.
pub fn with_filters(
    archive: &Archive,
    req: &Request,
    text_query: &dyn Query,
) -> Result<BooleanQuery> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    clauses.extend(filters(archive, req)?.into_iter().map(|q| (Occur::Must, q)));
    Ok(BooleanQuery::new(clauses))
}

/// The request's date, outlet and entity filters, each scoring nothing.
fn filters(archive: &Archive, req: &Request) -> Result<Vec<Box<dyn Query>>> {
    let f = &archive.f;
    let mut clauses: Vec<Box<dyn Query>> = Vec::new();
    let from = req
        .from
        .as_deref()
        .map(|s| dates::bound(s, false))
        .transpose()?;
    let to = req
        .to
        .as_deref()
        .map(|s| dates::bound(s, true))
        .transpose()?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(Error::FromAfterTo(
                query::echo(req.from.as_deref().unwrap_or("")),
                query::echo(req.to.as_deref().unwrap_or("")),
            )
            .into());
        }
    }
    if from.is_some() || to.is_some() {
        let secs = |d: chrono::DateTime<chrono::FixedOffset>| d.timestamp();
        let range = archive.published_between(from.map(secs), to.map(secs));
        clauses.push(Box::new(ConstScoreQuery::new(range, 0.0)));
    }
    if let Some(s) = &req.source {
        clauses.push(filter(term(f.source_key, &source_key(s))));
    }
    for (kind, field, value) in [
        ("person", f.person, &req.person),
        ("place", f.place, &req.place),
        ("org", f.org, &req.org),
    ] {
        if let Some(v) = value {
            let q = entity_filter::entity_query(archive, field, kind, v)?;
            clauses.push(Box::new(ConstScoreQuery::new(q, 0.0)));
        }
    }
    Ok(clauses)
}

/// A number of matches, and whether it is exact (else a lower bound).
type Counted = (usize, bool);

/// The query for the pruned ranking, and its filters as a weight without scores.
type Pruned<'a> = (&'a topk::Plan, Option<&'a dyn tantivy::query::Weight>);

/// The filters of `req` as one weight that scores nothing (None without filters).
fn filter_weight(
    archive: &Archive,
    searcher: &Searcher,
    req: &Request,
) -> Result<Option<Box<dyn tantivy::query::Weight>>> {
    let filters = filters(archive, req)?;
    if filters.is_empty() {
        return Ok(None);
    }
    let all = filters.into_iter().map(|q| (Occur::Must, q)).collect();
    let scoring = EnableScoring::disabled_from_searcher(searcher);
    Ok(Some(BooleanQuery::new(all).weight(scoring)?))
}

/// The total number of matches and the requested page (copies collapsed).
fn page(
    searcher: &Searcher,
    req: &Request,
    full: &dyn Query,
    proximity: Option<&[Box<dyn Query>]>,
    plan: Option<Pruned>,
) -> Result<(Counted, Vec<PageHit>)> {
    let limit = req.limit.max(1);
    // Collapsing copies needs more candidates than the page shows.
    let window = if req.all {
        req.offset + limit
    } else {
        (req.offset + limit) * 3 + 20
    };
    let (total, ranked): (Counted, Vec<(f32, DocAddress)>) = match req.sort {
        SortBy::Relevance => {
            let candidates = match proximity {
                Some(_) => window.max(RERANKED),
                None => window,
            };
            let (total, mut ranked) = match plan {
                Some((plan, filter)) => {
                    let top =
                        topk::run(searcher, plan, filter, candidates, topk::COUNT_TO, pool())?;
                    ((top.total, top.exact), top.hits)
                }
                _ => {
                    let top = TopDocs::with_limit(candidates).order_by_score();
                    let (n, hits) = search_segments(searcher, full, &(Count, top))?;
                    ((n, true), hits)
                }
            };
            if let Some(prox) = proximity {
                add_bonus(searcher, prox, &mut ranked)?;
                ranked.truncate(window);
            }
            (total, ranked)
        }
        SortBy::Newest | SortBy::Oldest => {
            let order = if req.sort == SortBy::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let top = crate::index::read::by_published(window, order);
            let (n, docs) = search_segments(searcher, full, &(Count, top))?;
            ((n, true), docs.into_iter().map(|(_, a)| (0.0, a)).collect())
        }
    };
    // Copies are collapsed on the group key's column (no stored document is read for
    // the candidates that do not make the page).
    let groups = GroupColumns::open(searcher)?;
    let mut seen = std::collections::HashSet::new();
    let mut page = Vec::new();
    for (score, addr) in ranked {
        let group = groups.group(addr);
        if !req.all && group.is_some_and(|g| !seen.insert(g)) {
            continue;
        }
        page.push((score, addr, group));
        if page.len() >= req.offset + limit {
            break;
        }
    }
    Ok((total, page.into_iter().skip(req.offset).collect()))
}

/// Runs a query over the segments in parallel, one thread per core: a big archive has
/// several segments of similar size, and a search is otherwise one core's work.
fn search_segments<C: tantivy::collector::Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> Result<C::Fruit> {
    Ok(match pool() {
        Some(pool) if searcher.segment_readers().len() > 1 => searcher.search_with_executor(
            query,
            collector,
            pool,
            EnableScoring::enabled_from_searcher(searcher),
        )?,
        _ => searcher.search(query, collector)?,
    })
}

/// The search threads, one per core (None on one core).
fn pool() -> Option<&'static Executor> {
    static POOL: OnceLock<Option<Executor>> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        (cores > 1)
            .then(|| Executor::multi_thread(cores, "warta-search-").ok())
            .flatten()
    })
    .as_ref()
}

/// Candidates the proximity bonus is scored for: as many gives the known-item MRR of
/// scoring it on every match (`bench/relevance.py`, figures in `bench/RESULTS.md`).
const RERANKED: usize = 100;

/// Adds the score of each `bonus` clause to each candidate it matches, and sorts them
/// again. Each candidate is only checked where it is (`seek_danger`): a phrase's `seek`
/// would read the positions of every document on the way to its next match.
fn add_bonus(
    searcher: &Searcher,
    bonus: &[Box<dyn Query>],
    ranked: &mut [(f32, DocAddress)],
) -> Result<()> {
    let mut order: Vec<usize> = (0..ranked.len()).collect();
    order.sort_by_key(|&i| ranked[i].1);
    for clause in bonus {
        let weight = clause.weight(EnableScoring::enabled_from_searcher(searcher))?;
        // The scorer of the current segment, and whether its `doc()` can be trusted
        // (a missed `seek_danger` leaves it anywhere).
        let mut current: Option<(u32, Box<dyn tantivy::query::Scorer>, bool)> = None;
        for &i in &order {
            let addr = ranked[i].1;
            if current
                .as_ref()
                .is_none_or(|(seg, _, _)| *seg != addr.segment_ord)
            {
                let reader = searcher.segment_reader(addr.segment_ord);
                current = Some((addr.segment_ord, weight.scorer(reader, 1.0)?, true));
            }
            let Some((_, scorer, valid)) = current.as_mut() else {
                continue;
            };
            let doc = addr.doc_id;
            let found = if *valid && scorer.doc() >= doc {
                scorer.doc() == doc
            } else {
                let hit = scorer.seek_danger(doc) == tantivy::SeekDangerResult::Found;
                *valid = hit;
                hit
            };
            if found {
                ranked[i].0 += scorer.score();
            }
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(())
}

/// Number of articles in a near-duplicate group.
pub fn group_size(archive: &Archive, searcher: &Searcher, group: Option<u64>) -> Result<usize> {
    let Some(group) = group else {
        return Ok(1);
    };
    Ok(searcher.search(&*archive.in_group(group), &Count)?.max(1))
}

/// Ids of the articles in a near-duplicate group.
pub fn group_members(
    archive: &Archive,
    searcher: &Searcher,
    group: Option<u64>,
) -> Result<Vec<String>> {
    let Some(group) = group else {
        return Ok(Vec::new());
    };
    let top = TopDocs::with_limit(1000).order_by_score();
    let mut ids = Vec::new();
    for (_, addr) in searcher.search(&*archive.in_group(group), &top)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        ids.extend(archive.id_of(&d));
    }
    ids.sort();
    Ok(ids)
}

fn term(field: Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

fn filter(q: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(q), 0.0))
}

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

fn make_hits(
    archive: &Archive,
    searcher: &Searcher,
    q: &dyn Query,
    page: Vec<(f32, TantivyDocument, Option<u64>)>,
) -> Result<Vec<Hit>> {
    let f = &archive.f;
    // Snippets look for the query's exact words first (cheap: no stemming of the whole
    // body), then for its stems when the body has none of the exact forms.
    let exact_terms = q_terms(q, f.body_exact);
    // When every stemmed term is also an exact one, the stems cannot find more.
    let stems_differ = q_terms(q, f.body).iter().any(|t| !exact_terms.contains(t));
    let exact = SnippetGenerator::new(
        exact_terms.into_iter().map(|t| (t, 1.0)).collect(),
        crate::analysis::exact_analyzer(),
        f.body_exact,
        SNIPPET_CHARS,
    );
    let mut stemmed = SnippetGenerator::create(searcher, q, f.body)?;
    stemmed.set_max_num_chars(SNIPPET_CHARS);
    let mut hits = Vec::with_capacity(page.len());
    for (score, d, group) in page {
        let (a, _) = f.to_article(&d);
        let copies = group_size(archive, searcher, group)?;
        let mut snip = exact.snippet(&a.body);
        if snip.highlighted().is_empty() && stems_differ {
            snip = stemmed.snippet(&a.body);
        }
        let (snippet, highlights) = if snip.fragment().trim().is_empty() {
            (lead(&a.body, SNIPPET_CHARS), Vec::new())
        } else {
            let frag = snip.fragment();
            let ranges = snip
                .highlighted()
                .iter()
                .map(|r| {
                    (
                        frag[..r.start].chars().count(),
                        frag[..r.end].chars().count(),
                    )
                })
                .collect();
            (frag.replace(['\n', '\r', '\t'], " "), ranges)
        };
        hits.push(Hit {
            id: a.id,
            score,
            title: a.title,
            source: a.source,
            published: a.published.map(|p| p.to_rfc3339()),
            url: a.url,
            authors: a.authors,
            entities: a.entities,
            snippet,
            highlights,
            copies,
        });
    }
    Ok(hits)
}

/// The texts of a query's terms in one field.
fn q_terms(q: &dyn Query, field: Field) -> Vec<String> {
    let mut out = Vec::new();
    q.query_terms(&mut |t, _| {
        if t.field() == field {
            out.extend(t.value().as_str().map(str::to_string));
        }
    });
    out.sort();
    out.dedup();
    out
}

/// The first `max` characters of a text, cut at a word boundary.
pub fn lead(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => cut,
    }
}

/// Stories like the article with this id (its copies left out), ranked by the
/// distinctive terms of its title, body and entities.
pub fn similar(archive: &Archive, id: &str, limit: usize) -> Result<Response> {
    check_page(limit, 0)?;
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    let Some(found) = archive.find(&searcher, id) else {
        return Err(Error::NoArticle(query::echo(id)).into());
    };
    let (addr, group) = (found.addr, found.group.unwrap_or(0));
    let like = like::query(&like::terms(archive, &searcher, addr)?);
    let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, like),
        (Occur::MustNot, archive.with_id(id)),
        (Occur::MustNot, archive.in_group(group)),
    ];
    let req = Request {
        query: format!("like:{id}"),
        limit,
        ..Default::default()
    };
    let ((total, _), hits) = page(&searcher, &req, &BooleanQuery::new(clauses), None, None)?;
    respond(archive, &searcher, &req, total, hits, &EmptyQuery)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::read::tests::article;
    use crate::index::read::{test_archive, test_archive_grouped};

    fn stories() -> Vec<crate::article::Article> {
        let mut a = article(
            "a",
            "Banjir merendam Jakarta",
            Some("2020-01-02T08:00:00+07:00"),
        );
        a.body = "Banjir merendam ratusan rumah di Jakarta Timur.".into();
        let mut b = article("b", "Rudal Korea Utara", Some("2022-11-04T16:31:00+07:00"));
        b.body = "Korea Utara menembakkan rudal balistik ke laut.".into();
        b.entities.person = vec!["Kim Jong Un".into()];
        let mut c = article(
            "c",
            "Rudal Korea Utara lagi",
            Some("2022-11-05T10:00:00+07:00"),
        );
        c.body = "Korea Utara kembali menembakkan rudal ke laut.".into();
        c.entities.person = vec!["Kim Jong Un".into()];
        let mut d = article("d", "Tanpa tanggal", None);
        d.body = "Sebuah berita tentang banjir tanpa tanggal terbit.".into();
        vec![a, b, c, d]
    }

    fn req(q: &str) -> Request {
        Request {
            query: q.into(),
            limit: 10,
            ..Default::default()
        }
    }

    fn ids(r: &Response) -> Vec<&str> {
        r.hits.iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn pages_are_checked() {
        assert!(check_page(10, 0).is_ok());
        assert!(check_page(MAX_LIMIT, MAX_WINDOW - MAX_LIMIT).is_ok());
        assert!(matches!(check_page(0, 0), Err(Error::BadLimit(_))));
        assert!(matches!(
            check_page(MAX_LIMIT + 1, 0),
            Err(Error::BadLimit(_))
        ));
        assert!(matches!(
            check_page(10, usize::MAX),
            Err(Error::BadOffset(_))
        ));
    }

    #[test]
    fn words_filters_and_fallback() {
        let (_dir, archive) = test_archive(&stories());
        let r = search(&archive, &req("banjir")).unwrap();
        assert_eq!((r.total, r.fallback), (2, false));
        let r = search(&archive, &req("rudal banjir")).unwrap();
        assert_eq!((r.match_mode, r.fallback), ("any", true));
        assert_eq!(r.total, 4);
        let r = search(&archive, &req("\"rudal banjir\"")).unwrap();
        assert_eq!(
            (r.total, r.fallback),
            (0, false),
            "a lone phrase does not fall back"
        );
        let mut q = req("rudal");
        q.person = Some("Kim Jong Un".into());
        q.from = Some("2022-11-05".into());
        assert_eq!(ids(&search(&archive, &q).unwrap()), vec!["c"]);
        q.to = Some("2022-11-04".into());
        let e = search(&archive, &q).unwrap_err();
        assert!(matches!(
            e.downcast_ref::<Error>(),
            Some(Error::FromAfterTo(..))
        ));
    }

    #[test]
    fn date_sorts_put_undated_articles_last_and_offsets_page() {
        let (_dir, archive) = test_archive(&stories());
        let mut q = req("berita OR rudal OR banjir");
        q.sort = SortBy::Newest;
        assert_eq!(
            ids(&search(&archive, &q).unwrap()),
            vec!["c", "b", "a", "d"]
        );
        q.sort = SortBy::Oldest;
        let oldest = search(&archive, &q).unwrap();
        assert_eq!(ids(&oldest)[..3], ["a", "b", "c"]);
        q.offset = 1;
        q.limit = 2;
        assert_eq!(ids(&search(&archive, &q).unwrap()), vec!["b", "c"]);
    }

    #[test]
    fn copies_are_one_hit_unless_all_are_asked() {
        let (_dir, archive) = test_archive_grouped(&stories(), &[1, 2, 2, 3]);
        let r = search(&archive, &req("rudal")).unwrap();
        assert_eq!((r.total, r.hits.len(), r.hits[0].copies), (2, 1, 2));
        let mut all = req("rudal");
        all.all = true;
        assert_eq!(search(&archive, &all).unwrap().hits.len(), 2);
        // A story's similar stories leave out its own copies.
        let similar = similar(&archive, "b", 10).unwrap();
        assert!(!ids(&similar).contains(&"c"));
        assert!(matches!(
            similar_err(&archive, "zz"),
            Some(Error::NoArticle(_))
        ));
    }

    fn similar_err(archive: &Archive, id: &str) -> Option<Error> {
        similar(archive, id, 10).err()?.downcast::<Error>().ok()
    }

    #[test]
    fn snippets_highlight_the_words() {
        let (_dir, archive) = test_archive(&stories());
        let r = search(&archive, &req("menembakkan")).unwrap();
        let h = &r.hits[0];
        let (s, e) = h.highlights[0];
        let word: String = h.snippet.chars().skip(s).take(e - s).collect();
        assert_eq!(word.to_lowercase(), "menembakkan");
    }
}
