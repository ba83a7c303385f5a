//! Benchmark helper (not a user command): warm in-process query latency of warta.
//! Opens the archive once, runs every query of a file ROUNDS times through
//! `warta::search::search` (the same path as `warta search`) and prints p50/p99 of the
//! last round, measured like the peers' harnesses in ../shared/peers (parse, search,
//! fetch the top hit), so the figures are comparable.
//!
//! Usage: `bench_query INDEX_DIR QUERIES.txt [ROUNDS]`

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::time::Instant;
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
    let mut hits_total = 0;
    for round in 0..rounds.max(1) {
        for q in &queries {
            let req = Request {
                query: q.to_string(),
                limit: 10,
                ..Default::default()
            };
            let t0 = Instant::now();
            let resp = search::search(&archive, &req);
            let dt = t0.elapsed();
            if round + 1 == rounds.max(1) {
                let resp = resp.with_context(|| format!("query {q:?}"))?;
                let top = resp.hits.first().map(|h| h.id.as_str()).unwrap_or("-");
                println!("{q}\t{}\t{top}", resp.total);
                hits_total += resp.total;
                last.push(dt.as_secs_f64() * 1e6);
            }
        }
    }
    last.sort_by(|a, b| a.total_cmp(b));
    let n = last.len();
    if n == 0 {
        bail!("no queries in {}", args[1]);
    }
    let p99 = ((n as f64 * 0.99).ceil() as usize).clamp(1, n) - 1;
    println!(
        "warta search queries={n} p50_us={:.0} p99_us={:.0} max_us={:.0} hits={hits_total}",
        last[n / 2],
        last[p99],
        last[n - 1]
    );
    Ok(())
}
