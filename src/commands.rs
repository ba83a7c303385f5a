//! The commands behind the command line. Each takes parsed arguments, does its work
//! through the library modules and prints through `output`; it returns the exit code.

use crate::aggregate;
use crate::cli::{
    EntitiesArgs, EntityType, EvalNerArgs, Filters, IndexArgs, MatchMode, ParseArgs, Period,
    SearchArgs, ShowArgs, SimilarArgs, Sort, TimelineArgs,
};
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
    if args.rebuild {
        return rebuild(index_dir, args);
    }
    let archive = Archive::open_or_create(index_dir)?;
    let s = index_into(&archive, args)?;
    summarise(&archive, &s, args)
}

fn index_into(archive: &Archive, args: &IndexArgs) -> Result<update::Summary> {
    let opts = update::Options {
        prune: args.prune,
        commit_bytes: args.commit_every,
        follow_links: args.follow_links,
    };
    let progress = output::Progress::new(args.quiet);
    update::run(
        archive,
        &args.paths,
        &opts,
        &|w| output::warning(w),
        &progress,
    )
}

/// The summary line, with the count read back from the committed archive.
fn summarise(archive: &Archive, s: &update::Summary, args: &IndexArgs) -> Result<i32> {
    archive.reader()?.reload()?;
    let total = stats::article_count(archive)?;
    output::index_summary(s, total, args.quiet);
    let nothing = s.new + s.updated + s.unchanged + s.removed == 0;
    Ok(if nothing { 1 } else { 0 })
}

/// `index --rebuild`: a new archive from the paths in a sibling folder, swapped in for
/// the old one when it is complete (a killed rebuild leaves the old archive as it was).
fn rebuild(index_dir: &Path, args: &IndexArgs) -> Result<i32> {
    let side = crate::index::rebuild::side_folder(index_dir);
    // No writer may run on the old archive meanwhile (when there is one to lock).
    let _old = index_dir
        .is_dir()
        .then(|| crate::index::lock::WriterLock::acquire(index_dir))
        .transpose()?;
    if side.exists() {
        std::fs::remove_dir_all(&side)
            .map_err(|e| anyhow::anyhow!("cannot clear {}: {e}", side.display()))?;
    }
    let archive = Archive::open_or_create(&side)?;
    let s = index_into(&archive, args)?;
    drop(archive);
    crate::index::rebuild::swap_in(&side, index_dir)?;
    let archive = Archive::open(index_dir)?;
    summarise(&archive, &s, args)
}

/// `warta check`: the full check of the archive.
pub fn check(index_dir: &Path) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    if let Some(d) = crate::index::health::diagnose(index_dir) {
        return Err(d.into());
    }
    let report = crate::index::health::verify(&archive)?;
    println!(
        "ok: {} articles from {} files in {} segments; every segment file passes its checksum",
        report.articles, report.files, report.segments
    );
    Ok(0)
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
    let resp = search_response(&archive, args)?;
    if args.json {
        output::json_line(&resp)?;
    } else {
        output::search_results(&resp, args.offset);
    }
    Ok(0)
}

/// The answer to `warta search` (shared with `warta serve`'s `/api/search`, so both
/// give the same bytes).
pub fn search_response(archive: &Archive, args: &SearchArgs) -> Result<search::Response> {
    search::search(archive, &search_request(args))
}

/// The search request of `warta search`'s arguments.
pub fn search_request(args: &SearchArgs) -> Request {
    Request {
        person: args.names.person.clone(),
        place: args.names.place.clone(),
        org: args.names.org.clone(),
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            Sort::Relevance => SortBy::Relevance,
            Sort::Newest => SortBy::Newest,
            Sort::Oldest => SortBy::Oldest,
        },
        match_mode: args.match_mode.map(|m| match m {
            MatchMode::All => search::query::Match::All,
            MatchMode::Any => search::query::Match::Any,
        }),
        all: args.all,
        exact_total: args.exact_total,
        ..counting_request(&args.query, &args.filters)
    }
}

/// One article as `warta show` gives it: the article, every file it was read from, and
/// the ids of its near-duplicate copies (shared with `warta serve`).
pub struct Shown {
    pub article: crate::article::Article,
    pub paths: Vec<String>,
    pub copies: Vec<String>,
}

impl Shown {
    /// The JSON form of `warta show --json`.
    pub fn json(&self) -> output::ShownArticle<'_> {
        output::ShownArticle {
            article: &self.article,
            paths: &self.paths,
            copies: &self.copies,
        }
    }
}

/// The article with this id, its paths and copies.
pub fn shown(archive: &Archive, id: &str) -> Result<Shown> {
    let searcher = archive.reader()?.searcher();
    let id = id.trim();
    let Some(found) = archive.find(&searcher, id) else {
        return Err(search::Error::NoArticle(search::query::echo(id)).into());
    };
    let mut copies = search::group_members(archive, &searcher, found.group)?;
    copies.retain(|c| c != id);
    Ok(Shown {
        article: found.article,
        paths: found.paths,
        copies,
    })
}

pub fn show(index_dir: &Path, args: &ShowArgs) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    let shown = shown(&archive, &args.id)?;
    if args.json {
        output::json_line(&shown.json())?;
    } else {
        output::shown_article(&shown.article, &shown.paths, &shown.copies);
    }
    Ok(0)
}

pub fn stats(index_dir: &Path, json: bool, space: bool) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    let s = stats::collect(&archive, space)?;
    if json {
        output::json_line(&s)?;
    } else {
        output::stats(&s);
    }
    Ok(0)
}

/// A request with the query and the date and outlet filters of the command line, and
/// the field weights (`WARTA_WEIGHTS` overrides them for relevance experiments).
pub fn counting_request(query: &[String], filters: &Filters) -> Request {
    Request {
        query: query.join(" "),
        from: filters.from.clone(),
        to: filters.to.clone(),
        source: filters.source.clone(),
        weights: std::env::var("WARTA_WEIGHTS")
            .map(|spec| search::query::Weights::from_spec(&spec))
            .unwrap_or_default(),
        ..Default::default()
    }
}

pub fn entities(index_dir: &Path, args: &EntitiesArgs) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    let report = entities_report(&archive, args)?;
    if args.json {
        output::json_line(&report)?;
    } else {
        output::entities(&report);
    }
    Ok(0)
}

/// The counts of `warta entities` (shared with `warta serve`).
pub fn entities_report(
    archive: &Archive,
    args: &EntitiesArgs,
) -> Result<aggregate::EntitiesReport> {
    let req = counting_request(&args.query, &args.filters);
    let kinds: Vec<&'static str> = match args.kind {
        None => aggregate::TYPES.to_vec(),
        Some(EntityType::Person) => vec!["person"],
        Some(EntityType::Place) => vec!["place"],
        Some(EntityType::Org) => vec!["org"],
    };
    aggregate::entities(archive, &req, &kinds, args.with.as_deref(), args.top)
}

pub fn timeline(index_dir: &Path, args: &TimelineArgs) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    let t = timeline_of(&archive, args)?;
    if args.json {
        output::json_line(&t)?;
    } else {
        output::timeline(&t);
    }
    Ok(0)
}

/// The periods of `warta timeline` (shared with `warta serve`).
pub fn timeline_of(archive: &Archive, args: &TimelineArgs) -> Result<aggregate::Timeline> {
    let req = Request {
        person: args.names.person.clone(),
        place: args.names.place.clone(),
        org: args.names.org.clone(),
        ..counting_request(&args.query, &args.filters)
    };
    let by = match args.by {
        Period::Year => aggregate::By::Year,
        Period::Month => aggregate::By::Month,
        Period::Day => aggregate::By::Day,
    };
    aggregate::timeline(archive, &req, by)
}

pub fn export(index_dir: &Path, flat: bool) -> Result<i32> {
    use std::io::Write;
    let archive = Archive::open(index_dir)?;
    let searcher = archive.reader()?.searcher();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for stored in archive.articles(&searcher)? {
        let (a, paths) = stored?;
        if flat {
            let date = a
                .published
                .map(|p| p.with_timezone(&chrono::Utc).to_rfc3339());
            let row =
                serde_json::json!({"id": a.id, "title": a.title, "body": a.body, "date": date});
            serde_json::to_writer(&mut out, &row)?;
        } else {
            serde_json::to_writer(
                &mut out,
                &output::ShownArticle {
                    article: &a,
                    paths: &paths,
                    copies: &[],
                },
            )?;
        }
        if writeln!(out).is_err() {
            break;
        }
    }
    out.flush().ok();
    Ok(0)
}

pub fn similar(index_dir: &Path, args: &SimilarArgs) -> Result<i32> {
    let archive = Archive::open(index_dir)?;
    let resp = search::similar(&archive, args.id.trim(), args.limit)?;
    if args.json {
        output::json_line(&resp)?;
    } else {
        output::search_results(&resp, 0);
    }
    Ok(0)
}

/// Tags every sentence of a labelled file with the built-in model and prints
/// precision, recall and F1 per type and overall (exact span match).
pub fn eval_ner(args: &EvalNerArgs) -> Result<i32> {
    use crate::entities::{eval, tagger};
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| UsageError::new(format!("{}: cannot read ({e})", args.file.display())))?;
    let sentences = eval::read_bio(&text)
        .map_err(|e| UsageError::new(format!("{}: {e}", args.file.display())))?;
    let model = tagger::builtin();
    let mut scores = eval::Scores::default();
    for s in &sentences {
        scores.add(&s.labels, &model.tag_labels(&s.tokens));
    }
    println!("{}", scores.report());
    Ok(0)
}
