//! Counts over the articles a query matches: the most mentioned entities (and those
//! that co-occur with one name), and a timeline of articles per period. Both read
//! tantivy fast fields, so they stay quick over large result sets.

pub mod names;

use crate::analysis::keyword_key;
use crate::index::Archive;
use crate::search::{self, query, Request};
use anyhow::Result;
use chrono::{Datelike, TimeZone};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use tantivy::query::{BooleanQuery, Occur, Query};

/// Entity types and their fields' names.
pub const TYPES: [&str; 3] = ["person", "place", "org"];

#[derive(Debug, Serialize)]
pub struct EntityCount {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Matching articles that mention it.
    pub articles: usize,
}

#[derive(Debug, Serialize)]
pub struct EntitiesReport {
    pub query: String,
    pub with: Option<String>,
    /// Articles counted.
    pub articles: usize,
    pub entities: Vec<EntityCount>,
}

#[derive(Debug, Serialize)]
pub struct Period {
    pub period: String,
    pub articles: usize,
}

#[derive(Debug, Serialize)]
pub struct Timeline {
    pub query: String,
    pub by: &'static str,
    pub articles: usize,
    /// Matching articles without a publication time (not in any period).
    pub undated: usize,
    pub periods: Vec<Period>,
}

/// The query for the articles matching a request: its words (all articles when it has
/// none) and its filters.
pub fn matching_query(archive: &Archive, req: &Request) -> Result<Box<dyn Query>> {
    let text: Box<dyn Query> = if req.query.trim().is_empty() {
        archive.all_articles()
    } else {
        query::compile(
            archive,
            &req.query,
            req.match_mode.unwrap_or_default(),
            &req.weights,
        )?
        .query
    };
    Ok(Box::new(search::with_filters(archive, req, &*text)?))
}

/// The most mentioned entities among the matching articles; with `with`, among the
/// articles that name it (the name itself left out).
pub fn entities(
    archive: &Archive,
    req: &Request,
    kinds: &[&'static str],
    with: Option<&str>,
    top: usize,
) -> Result<EntitiesReport> {
    let searcher = archive.reader()?.searcher();
    let f = &archive.f;
    let mut exclude = HashSet::new();
    let mut extra = None;
    if let Some(name) = with {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (kind, field) in [("person", f.person), ("place", f.place), ("org", f.org)] {
            let n = crate::entities::normalize_query_name(kind, name);
            exclude.insert(keyword_key(&n));
            let q = crate::search::entity_filter::entity_query(archive, field, kind, name)?;
            any.push((Occur::Should, q));
        }
        extra = Some(Box::new(BooleanQuery::new(any)) as Box<dyn Query>);
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, matching_query(archive, req)?)];
    clauses.extend(extra.map(|e| (Occur::Must, e)));
    let counted = BooleanQuery::new(clauses);
    let (articles, lists) = names::count(&searcher, &counted, kinds)?;
    // Sized once: a broad count holds hundreds of thousands of names, and a vector
    // grown by doubling copied them over and over into fresh memory.
    let mut entities: Vec<EntityCount> = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    for (kind, names) in kinds.iter().zip(lists) {
        entities.extend(
            names
                .into_iter()
                .filter(|(name, _)| exclude.is_empty() || !exclude.contains(&keyword_key(name)))
                .map(|(name, articles)| EntityCount {
                    name,
                    kind,
                    articles,
                }),
        );
    }
    // `Anies` counted with `Anies Baswedan` (see `fold_short_people`).
    let people: Vec<(&str, usize)> = entities
        .iter()
        .map(|e| {
            (
                if e.kind == "person" {
                    e.name.as_str()
                } else {
                    ""
                },
                e.articles,
            )
        })
        .collect();
    let folds = crate::entities::resolve::fold_short_people(&people);
    for (i, j) in folds
        .iter()
        .enumerate()
        .filter_map(|(i, j)| Some((i, (*j)?)))
    {
        entities[j].articles += entities[i].articles;
    }
    let mut i = 0;
    entities.retain(|_| {
        i += 1;
        folds[i - 1].is_none()
    });
    fold_acronyms(archive, &searcher, &counted, &mut entities, top)?;
    let order = |a: &EntityCount, b: &EntityCount| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.kind.cmp(b.kind))
    };
    // Only the top is shown: select it, then sort it.
    if top > 0 && entities.len() > top {
        entities.select_nth_unstable_by(top - 1, order);
    }
    entities.truncate(top);
    entities.sort_by(order);
    Ok(EntitiesReport {
        query: req.query.clone(),
        with: with.map(str::to_string),
        articles,
        entities,
    })
}

/// `Komisi Pemberantasan Korupsi` counted with `KPK` when some article stores both
/// (see `entity_filter::archive_aliases`), under the form counted in more articles
/// (people under the full name: `SBY` is `Susilo Bambang Yudhoyono`). The merged count
/// is exact: the articles matching either name.
fn fold_acronyms(
    archive: &Archive,
    searcher: &tantivy::Searcher,
    counted: &dyn Query,
    entities: &mut Vec<EntityCount>,
    top: usize,
) -> Result<()> {
    let f = &archive.f;
    let mut gone = vec![false; entities.len()];
    // Only pairs with a name near the top can change what is shown; each pair costs
    // two queries, and a broad count holds thousands of names whose initials happen
    // to be another name.
    let shown = top.saturating_mul(2).max(20);
    let threshold = if entities.len() > shown {
        let mut counts: Vec<usize> = entities.iter().map(|e| e.articles).collect();
        *counts.select_nth_unstable_by(shown - 1, |a, b| b.cmp(a)).1
    } else {
        0
    };
    let near_top = |e: &EntityCount| e.articles >= threshold;
    // A name in one article moves no count that matters, and most names of a broad
    // count are such: they are not looked at.
    let worth = |e: &EntityCount| e.articles >= 2 || near_top(e);
    // Acronyms as stored: one word of two to eight capitals (`KPK`, `SBY`).
    let is_acronym =
        |n: &str| (2..=8).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_uppercase());
    let by_key: std::collections::HashMap<(&str, String), usize> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| worth(e) && is_acronym(&e.name))
        .map(|(j, e)| ((e.kind, e.name.to_ascii_lowercase()), j))
        .collect();
    // First letters of the acronyms near the top: other long names need no initials.
    let firsts: Vec<char> = by_key
        .iter()
        .filter(|(_, &j)| near_top(&entities[j]))
        .filter_map(|((_, k), _)| k.chars().next())
        .collect();
    let mut merged: std::collections::HashMap<usize, Vec<String>> = Default::default();
    for i in 0..entities.len() {
        let e = &entities[i];
        if !e.name.contains(' ') || !worth(e) {
            continue;
        }
        let first = e.name.chars().next().map(|c| c.to_ascii_lowercase());
        if !near_top(e) && !first.is_some_and(|c| firsts.contains(&c)) {
            continue;
        }
        let acr = crate::entities::resolve::initials(&e.name);
        let Some(&j) = by_key.get(&(e.kind, acr.clone())) else {
            continue;
        };
        if gone[j] || !(near_top(e) || near_top(&entities[j])) {
            continue;
        }
        let field = match e.kind {
            "person" => f.person,
            "place" => f.place,
            _ => f.org,
        };
        let aliases = search::entity_filter::archive_aliases(searcher, field, e.kind, &e.name)?;
        if !aliases.contains(&acr) {
            continue;
        }
        // Several long names may share the acronym: the count covers them all.
        let names = merged.entry(j).or_insert_with(|| vec![acr.clone()]);
        names.push(keyword_key(&e.name));
        let either = names
            .iter()
            .map(|k| (Occur::Should, term_query(field, k)))
            .collect();
        // Over the articles the names were counted in (with `with`, those naming it).
        let both = BooleanQuery::new(vec![
            (Occur::Must, counted.box_clone()),
            (Occur::Must, Box::new(BooleanQuery::new(either))),
        ]);
        let n = searcher.search(&both, &tantivy::collector::Count)?;
        // The name news uses more often is shown (`KPK`, `Salomon Brothers` rather
        // than a ticker `SB`); for people the full name.
        let (keep, drop) = if e.kind == "person" || entities[i].articles > entities[j].articles {
            (i, j)
        } else {
            (j, i)
        };
        entities[keep].articles = n;
        gone[drop] = true;
    }
    let mut k = 0;
    entities.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    Ok(())
}

fn term_query(field: tantivy::schema::Field, key: &str) -> Box<dyn Query> {
    Box::new(tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(field, key),
        tantivy::schema::IndexRecordOption::Basic,
    ))
}

/// Period lengths for timelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Year,
    Month,
    Day,
}

/// Articles per period (in WIB), gaps between the first and last period filled with zeros.
pub fn timeline(archive: &Archive, req: &Request, by: By) -> Result<Timeline> {
    let searcher = archive.reader()?.searcher();
    let q = matching_query(archive, req)?;
    let per_segment = searcher.search(&*q, &Published)?;
    let mut days = Days::default();
    for (n, times) in per_segment {
        days.articles += n;
        days.undated += n - times.len();
        for t in times {
            days.add_dated(t);
        }
    }
    Ok(days.timeline(&req.query, by))
}

/// Matching articles counted by day (in WIB): what any timeline of them is made from,
/// so that one pass over the matches serves a timeline by month, year or day. A day
/// number per article, not a calendar date, because turning a time into a date was a
/// tenth of a search page's time under load; only the distinct days are turned.
#[derive(Default)]
pub struct Days {
    pub articles: usize,
    /// Matching articles without a publication time.
    pub undated: usize,
    /// Days since 1970-01-01 in WIB -> dated articles published that day.
    by_day: std::collections::HashMap<i64, usize>,
}

impl Days {
    /// One matching article, published at `time` (seconds since the epoch) if dated.
    pub fn add(&mut self, time: Option<i64>) {
        self.articles += 1;
        match time {
            Some(t) => self.add_dated(t),
            None => self.undated += 1,
        }
    }

    fn add_dated(&mut self, t: i64) {
        let wib = i64::from(crate::extract::dates::wib().local_minus_utc());
        let day = t.saturating_add(wib).div_euclid(86_400);
        *self.by_day.entry(day).or_default() += 1;
    }

    /// The timeline by `by`, gaps between the first and last period filled with zeros.
    pub fn timeline(&self, query: &str, by: By) -> Timeline {
        let mut counts: BTreeMap<(i32, u32, u32), usize> = BTreeMap::new();
        let wib = crate::extract::dates::wib();
        for (&day, &n) in &self.by_day {
            // A time chrono cannot represent is in no period (as before days were kept).
            let Some(local) = day.checked_mul(86_400).and_then(|s| {
                wib.timestamp_opt(s - i64::from(wib.local_minus_utc()), 0)
                    .single()
            }) else {
                continue;
            };
            let key = match by {
                By::Year => (local.year(), 1, 1),
                By::Month => (local.year(), local.month(), 1),
                By::Day => (local.year(), local.month(), local.day()),
            };
            *counts.entry(key).or_default() += n;
        }
        let mut periods = Vec::new();
        if let (Some(first), Some(last)) =
            (counts.keys().next().copied(), counts.keys().last().copied())
        {
            let mut k = first;
            while k <= last && periods.len() < 100_000 {
                periods.push(Period {
                    period: label(k, by),
                    articles: counts.get(&k).copied().unwrap_or(0),
                });
                k = next(k, by);
            }
        }
        let by_name = match by {
            By::Year => "year",
            By::Month => "month",
            By::Day => "day",
        };
        Timeline {
            query: query.to_string(),
            by: by_name,
            articles: self.articles,
            undated: self.undated,
            periods,
        }
    }
}

/// Per segment: the matching articles, and the publication times of the dated ones
/// (read from the fast field as the matches come, not gathered first).
struct Published;

struct SegmentPublished {
    column: Option<tantivy::columnar::Column<i64>>,
    articles: usize,
    times: Vec<i64>,
}

impl tantivy::collector::Collector for Published {
    type Fruit = Vec<(usize, Vec<i64>)>;
    type Child = SegmentPublished;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentPublished> {
        Ok(SegmentPublished {
            column: reader
                .fast_fields()
                .i64(crate::index::schema::PUBLISHED)
                .ok(),
            articles: 0,
            times: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(usize, Vec<i64>)>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits)
    }
}

impl tantivy::collector::SegmentCollector for SegmentPublished {
    type Fruit = (usize, Vec<i64>);

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        self.articles += 1;
        if let Some(t) = self.column.as_ref().and_then(|c| c.first(doc)) {
            self.times.push(t);
        }
    }

    fn harvest(self) -> (usize, Vec<i64>) {
        (self.articles, self.times)
    }
}

fn label((y, m, d): (i32, u32, u32), by: By) -> String {
    match by {
        By::Year => format!("{y}"),
        By::Month => format!("{y}-{m:02}"),
        By::Day => format!("{y}-{m:02}-{d:02}"),
    }
}

fn next((y, m, d): (i32, u32, u32), by: By) -> (i32, u32, u32) {
    match by {
        By::Year => (y + 1, 1, 1),
        By::Month if m == 12 => (y + 1, 1, 1),
        By::Month => (y, m + 1, 1),
        By::Day => {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).and_then(|x| x.succ_opt());
            date.map(|x| (x.year(), x.month(), x.day()))
                .unwrap_or((y + 1, 1, 1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::read::test_archive;
    use crate::index::read::tests::article;

    fn stories() -> Vec<crate::article::Article> {
        let mut a = article("a", "Banjir Jakarta", Some("2022-09-10T08:00:00+07:00"));
        a.entities.person = vec!["Anies Baswedan".into(), "Anies Baswedan".into()];
        // 20:00 UTC on 31 October is 1 November in WIB.
        let mut b = article("b", "Banjir lagi", Some("2022-10-31T20:00:00+00:00"));
        b.entities.person = vec!["Anies Baswedan".into(), "Joko Widodo".into()];
        let c = article("c", "Gempa", Some("2022-11-20T08:00:00+07:00"));
        let d = article("d", "Banjir tanpa tanggal", None);
        vec![a, b, c, d]
    }

    fn req(q: &str) -> Request {
        Request {
            query: q.into(),
            limit: 10,
            ..Default::default()
        }
    }

    #[test]
    fn a_timeline_counts_in_wib_fills_gaps_and_counts_the_undated() {
        let (_dir, archive) = test_archive(&stories());
        let t = timeline(&archive, &req(""), By::Month).unwrap();
        let got: Vec<(&str, usize)> = t
            .periods
            .iter()
            .map(|p| (p.period.as_str(), p.articles))
            .collect();
        assert_eq!(got, [("2022-09", 1), ("2022-10", 0), ("2022-11", 2)]);
        assert_eq!((t.articles, t.undated), (4, 1));
        let banjir = timeline(&archive, &req("banjir"), By::Year).unwrap();
        assert_eq!(banjir.periods.len(), 1);
        assert_eq!((banjir.articles, banjir.undated), (3, 1));
    }

    #[test]
    fn entities_are_counted_once_per_article_and_with_leaves_the_name_out() {
        let (_dir, archive) = test_archive(&stories());
        let all = entities(&archive, &req(""), &["person"], None, 10).unwrap();
        let anies = all.entities.iter().find(|e| e.name == "Anies Baswedan");
        assert_eq!(anies.map(|e| e.articles), Some(2));
        // The sample article names Joko Widodo; a's list was replaced, so 3 of 4.
        assert_eq!(all.entities[0].name, "Joko Widodo");
        assert_eq!(all.entities[0].articles, 3);
        let with = entities(&archive, &req(""), &["person"], Some("anies baswedan"), 10).unwrap();
        assert_eq!(with.articles, 2);
        assert!(with.entities.iter().all(|e| e.name != "Anies Baswedan"));
        let names: Vec<(&str, usize)> = with
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.articles))
            .collect();
        assert_eq!(names, [("Joko Widodo", 1)]);
    }
}
