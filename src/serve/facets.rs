//! The search page's facets: how many matching articles name each outlet, person, place
//! and organisation (counted by `aggregate::names`), and the matches by day for its
//! timeline, in the same pass over the matches.

use crate::aggregate::{names, Days};
use crate::index::Archive;
use crate::search::Request;
use anyhow::Result;

/// The fields counted, in the order of [`Facets`]' lists.
pub const FIELDS: [&str; 4] = ["source_key", "person", "place", "org"];

/// Names and article counts, most first, one list per field of [`FIELDS`].
pub struct Facets {
    pub lists: [Vec<(String, usize)>; 4],
}

/// Counts the articles matching `req` (query and filters) per name of each field and
/// keeps the `top` names of each; with global ordinals kept (`warta serve`), also counts
/// them by day in the same pass (a second query for the timeline was a quarter of a
/// search page's time under load).
pub fn count(archive: &Archive, req: &Request, top: usize) -> Result<(Facets, Option<Days>)> {
    let searcher = archive.reader()?.searcher();
    let q = crate::aggregate::matching_query(archive, req)?;
    let columns = searcher
        .segment_readers()
        .iter()
        .map(|r| r.fast_fields().i64(crate::index::schema::PUBLISHED).ok())
        .collect::<Vec<_>>();
    let mut days = Days::default();
    let counted = names::count_top_each(&searcher, &*q, &FIELDS, top, &mut |seg, doc| {
        days.add(columns[seg].as_ref().and_then(|c| c.first(doc)));
    })?;
    let (days, lists) = match counted {
        Some((_, lists)) => (Some(days), lists),
        None => (None, names::count_top(&searcher, &*q, &FIELDS, top)?.1),
    };
    let mut lists = lists.into_iter();
    Ok((
        Facets {
            lists: std::array::from_fn(|_| lists.next().unwrap_or_default()),
        },
        days,
    ))
}
