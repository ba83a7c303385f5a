//! The search page's facets: how many matching articles name each outlet, person, place
//! and organisation (counted by `aggregate::names`).

use crate::index::Archive;
use crate::search::Request;
use anyhow::Result;

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
    let (_, lists) = crate::aggregate::names::count_top(&searcher, &*q, &FIELDS, top)?;
    let mut lists = lists.into_iter();
    Ok(Facets {
        lists: std::array::from_fn(|_| lists.next().unwrap_or_default()),
    })
}
