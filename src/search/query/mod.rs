//! The query language, in three steps:
//!
//! - [`lex`] and [`parse`]: text to a syntax tree, pure (no archive), lenient so that no
//!   input panics and every input gives a tree or one plain error. The tree knows
//!   whether the query is plain text, and so whether it may fall back to any word.
//! - [`build`]: tree plus archive to a tantivy query (fields, weights, analyzers).
//! - [`plan`]: how the built query is ranked (seeked unions, pruned top-k, proximity).
//!
//! The language: words (all required by default, `--match any` makes them optional),
//! `"phrases"` with optional `~N` slop, `AND`/`OR`/`NOT` (upper case), `+word`/`-word`,
//! `( )`; `word*` prefix, `word~` / `word~2` fuzzy; fields `title:`, `body:`, `source:`,
//! `author:`, `person:`, `place:`, `org:`, `lang:`, and dates `date:2022-11`,
//! `date:[2022-01 TO 2022-06]`.

pub mod build;
pub mod lex;
pub mod parse;
pub mod plan;

pub use build::{name_query, Built};
pub use parse::{echo, parse, Match, Query};

use crate::index::Archive;
use crate::search::Error;
use anyhow::Result;

/// How much each field counts; the title and lead count more than the body, and exact
/// (unstemmed) matches add to stemmed ones so exact names rank first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub title: f32,
    pub body: f32,
    pub title_exact: f32,
    pub body_exact: f32,
    pub proximity: f32,
}

impl Default for Weights {
    fn default() -> Self {
        // Chosen by the known-item evaluation (bench/relevance.py): exact forms
        // count more than stemmed ones, the title more than the body.
        Weights {
            title: 1.0,
            body: 0.5,
            title_exact: 2.5,
            body_exact: 1.0,
            proximity: 1.5,
        }
    }
}

impl Weights {
    /// The defaults, overridden by a spec such as `title=2,body_exact=0.5` (the
    /// command line reads it from `WARTA_WEIGHTS`, a knob for relevance experiments).
    /// Unknown names and unreadable numbers are ignored.
    pub fn from_spec(spec: &str) -> Weights {
        let mut w = Weights::default();
        for pair in spec.split(',') {
            let Some((k, v)) = pair.split_once('=') else {
                continue;
            };
            let Ok(v) = v.trim().parse::<f32>() else {
                continue;
            };
            match k.trim() {
                "title" => w.title = v,
                "body" => w.body = v,
                "title_exact" => w.title_exact = v,
                "body_exact" => w.body_exact = v,
                "proximity" => w.proximity = v,
                _ => {}
            }
        }
        w
    }
}

/// Parses and builds a query in one step.
pub fn compile(archive: &Archive, text: &str, mode: Match, w: &Weights) -> Result<Built> {
    let q = parse(text, mode)?;
    build_or_explain(archive, &q, text, w)
}

/// Builds a parsed query; a query none of whose words gives a term is the user's error.
pub fn build_or_explain(archive: &Archive, q: &Query, text: &str, w: &Weights) -> Result<Built> {
    build::build(archive, q, w)?.ok_or_else(|| Error::NothingToSearch(echo(text)).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_from_a_spec() {
        let w = Weights::from_spec("title=2, body_exact=0.25,nonsense=3,body=x");
        assert_eq!(w.title, 2.0);
        assert_eq!(w.body_exact, 0.25);
        assert_eq!(w.body, Weights::default().body);
        assert_eq!(Weights::from_spec(""), Weights::default());
    }
}
