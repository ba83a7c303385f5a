//! The commands behind the command line. Each takes parsed arguments, does its work
//! through the library modules and prints through `output`; it returns the exit code.

use crate::cli::{EvalNerArgs, IndexArgs, ParseArgs, SearchArgs, ShowArgs, Sort};
use crate::index::{update, Archive};
use crate::search::{self, Request, SortBy};
use crate::{ingest, output, stats};
use anyhow::Result;
use std::path::Path;

/// An error in what the user asked for (bad query, bad date): exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl UsageError {
    pub fn new(msg: impl Into<String>) -> Self {
        UsageError(msg.into())
    }
}

pub fn index(index_dir: &Path, args: &IndexArgs) -> Result<i32> {
    let archive = Archive::open_or_create(index_dir)?;
    let opts = update::Options { prune: args.prune, quiet: args.quiet };
    let s = update::run(&archive, &args.paths, &opts, &|w| output::warning(w))?;
    let total = stats::article_count(&archive).unwrap_or(0);
    output::index_summary(&s, total, args.quiet);
    let nothing = s.new + s.updated + s.unchanged + s.removed == 0;
    Ok(if nothing { 1 } else { 0 })
}

pub fn parse(args: &ParseArgs) -> Result<i32> {
    let mut any = false;
    for file in &args.files {
        let name = file.display().to_string();
        match ingest::read_file(file) {
            Ok(parsed) => {
                for w in &parsed.warnings {
                    output::warning(&format!("{name}: {w}"));
                }
                for a in &parsed.articles {
                    any = true;
                    if args.json {
                        output::json_line(a)?;
                    } else {
                        output::article(a);
                    }
                }
            }
            Err(e) => output::warning(&format!("{name}: {e}")),
        }
    }
    Ok(if any { 0 } else { 1 })
}

pub fn search(index_dir: &Path, args: &SearchArgs) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    let req = Request {
        query: args.query.join(" "),
        from: args.from.clone(),
        to: args.to.clone(),
        source: args.source.clone(),
        person: args.person.clone(),
        place: args.place.clone(),
        org: args.org.clone(),
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            Sort::Relevance => SortBy::Relevance,
            Sort::Newest => SortBy::Newest,
            Sort::Oldest => SortBy::Oldest,
        },
    };
    let resp = search::search(&archive, &req)?;
    if args.json {
        output::json_line(&resp)?;
    } else {
        output::search_results(&resp, args.offset);
    }
    Ok(0)
}

pub fn show(index_dir: &Path, args: &ShowArgs) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    let searcher = archive.reader()?.searcher();
    let Some((mut a, paths)) = update::committed_article(&archive, &searcher, args.id.trim()) else {
        return Err(UsageError::new(format!("no article with id {}", args.id.trim())).into());
    };
    a.path = paths.first().cloned().unwrap_or_default();
    if args.json {
        output::json_line(&output::ShownArticle { article: &a, paths: &paths })?;
    } else {
        output::article(&a);
        if paths.len() > 1 {
            println!("also in:  {}", paths[1..].join(", "));
        }
    }
    Ok(0)
}

pub fn stats(index_dir: &Path, json: bool) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    let s = stats::collect(&archive)?;
    if json {
        output::json_line(&s)?;
    } else {
        output::stats(&s);
    }
    Ok(0)
}

/// Tags every sentence of a labelled file with the built-in model and prints
/// precision, recall and F1 per type and overall (exact span match).
pub fn eval_ner(args: &EvalNerArgs) -> Result<i32> {
    use crate::entities::{eval, tagger};
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| UsageError::new(format!("{}: cannot read ({e})", args.file.display())))?;
    let sentences = eval::read_bio(&text).map_err(|e| UsageError::new(format!("{}: {e}", args.file.display())))?;
    let model = tagger::builtin();
    let mut scores = eval::Scores::default();
    for s in &sentences {
        scores.add(&s.labels, &model.tag_labels(&s.tokens));
    }
    println!("{}", scores.report());
    Ok(0)
}
