//! Benchmark helper (not a user command): warm in-process query latency of warta.
//! Opens the archive once, runs every query of a file ROUNDS times and prints p50/p99 of
//! the last round, two ways:
//! - `warta search`: the whole path of the command (`warta::search::search`): parse,
//!   rank, collapse copies, read the 10 hits and make their snippets;
//! - `warta rank`: the work the peers' harnesses in ../shared/peers time (parse, rank
//!   the top 10, read the top hit's id), so these figures compare with theirs.
//!
//! Each query's line gives its total (`+`: a lower bound), top hit and ranking time in
//! the last round (µs).
//!
//! Usage: `bench_query INDEX_DIR QUERIES.txt [ROUNDS]`

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::time::Instant;
use tantivy::TantivyDocument;
use warta::index::schema::first_str;
use warta::index::Archive;
use warta::search::{self, Request};

fn main() {
    if let Err(e) = run() {
        eprintln!("bench_query: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        bail!("usage: bench_query INDEX_DIR QUERIES.txt [ROUNDS]");
    }
    let rounds: usize = match args.get(2) {
        Some(r) => r.parse().context("ROUNDS must be a number")?,
        None => 10,
    };
    let archive = Archive::open(Path::new(&args[0]))?;
    let text =
        std::fs::read_to_string(&args[1]).with_context(|| format!("cannot read {}", args[1]))?;
    let queries: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .collect();
    let mut last = Vec::new();
    let mut last_rank = Vec::new();
    let mut hits_total = 0;
    for round in 0..rounds.max(1) {
        for q in &queries {
            let req = Request {
                query: q.to_string(),
                limit: 10,
                ..Default::default()
            };
            let t0 = Instant::now();
            let searcher = archive.reader()?.searcher();
            let ranked = search::rank(&archive, &searcher, &req);
            let top = match &ranked {
                Ok(r) => match r.page.first() {
                    Some((_, addr, _)) => {
                        let d: TantivyDocument = searcher.doc(*addr)?;
                        first_str(&d, archive.f.id)
                    }
                    None => None,
                },
                Err(_) => None,
            };
            let dt_rank = t0.elapsed();
            let t0 = Instant::now();
            let resp = search::search(&archive, &req);
            let dt = t0.elapsed();
            if round + 1 == rounds.max(1) {
                let resp = resp.with_context(|| format!("query {q:?}"))?;
                let first = resp.hits.first().map(|h| h.id.clone());
                if first != top {
                    bail!("query {q:?}: rank and search disagree on the top hit");
                }
                let top = first.unwrap_or_else(|| "-".into());
                println!(
                    "{q}\t{}{}\t{top}\t{:.0}",
                    resp.total,
                    if resp.total_exact { "" } else { "+" },
                    dt_rank.as_secs_f64() * 1e6
                );
                hits_total += resp.total;
                last.push(dt.as_secs_f64() * 1e6);
                last_rank.push(dt_rank.as_secs_f64() * 1e6);
            }
        }
    }
    let (r50, r99, rmax) = percentiles(&mut last_rank);
    println!(
        "warta rank queries={} p50_us={r50:.0} p99_us={r99:.0} max_us={rmax:.0}",
        last_rank.len()
    );
    if last.is_empty() {
        bail!("no queries in {}", args[1]);
    }
    let (p50, p99, max) = percentiles(&mut last);
    println!(
        "warta search queries={} p50_us={p50:.0} p99_us={p99:.0} max_us={max:.0} hits={hits_total}",
        last.len()
    );
    Ok(())
}

/// p50, p99 and max of microsecond timings, measured like the peers' harnesses.
fn percentiles(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let p99 = ((n as f64 * 0.99).ceil() as usize).clamp(1, n) - 1;
    (v[n / 2], v[p99], v[n - 1])
}
