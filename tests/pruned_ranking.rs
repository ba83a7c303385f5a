//! The pruned ranking (`search::topk`) against the exhaustive one, through the real
//! binary on a real index of the 3,463 JSONL articles in `../shared/corpus/jsonl`: the
//! same page with the same scores, a total that is exact below the counting limit and a
//! lower bound above it, and `--exact-total` counting everything. The ranking itself is
//! checked against tantivy's over many more queries, page sizes and counting limits by
//! the unit tests of `search::topk`, in-process.

mod common;
use common::*;

/// (id, score) of each hit.
fn page(v: &serde_json::Value) -> Vec<(String, f64)> {
    hits(v)
        .iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap().to_string(),
                h["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// The two pages rank the same: equal scores position by position, and the same ids
/// wherever a score is not tied with a neighbour.
fn same_page(q: &[&str], pruned: &[(String, f64)], full: &[(String, f64)]) {
    assert_eq!(pruned.len(), full.len(), "{q:?}: {pruned:?} vs {full:?}");
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-4 * a.abs().max(1.0);
    for (i, (p, f)) in pruned.iter().zip(full).enumerate() {
        assert!(close(p.1, f.1), "{q:?} hit {i}: {pruned:?} vs {full:?}");
        let tied = full
            .iter()
            .enumerate()
            .any(|(j, g)| j != i && close(g.1, f.1));
        if !tied {
            assert_eq!(p.0, f.0, "{q:?} hit {i}: {pruned:?} vs {full:?}");
        }
    }
}

#[test]
fn pruned_ranking_matches_the_exhaustive_one() {
    let Some(shared) = shared() else { return };
    let env = Env::new();
    env.index(&[shared.join("corpus/jsonl")]);
    let queries: &[&[&str]] = &[
        &["Indonesia"],
        &["banjir", "Jakarta"],
        &["presiden", "Jokowi"],
        &["polisi", "tangkap", "narkoba"],
        &["harga", "naik", "--limit", "30"],
        &["polisi", "narkoba", "--match", "any"],
        &["pemerintah", "--from", "2017-01-01", "--to", "2017-12-31"],
        &["zzqxv", "Jakarta"],
        &["tahun", "ini"],
        &["kata", "dia", "--offset", "10"],
    ];
    let mut pruned_somewhere = false;
    for q in queries {
        let mut args = q.to_vec();
        args.push("--exact-total");
        let full = env.search(&args);
        let pruned = env.search(q);
        same_page(q, &page(&pruned), &page(&full));
        let (n, exact) = (
            pruned["total"].as_u64().unwrap(),
            pruned["total_exact"].as_bool().unwrap(),
        );
        let all = full["total"].as_u64().unwrap();
        assert_eq!(full["total_exact"], true, "{q:?}: {full}");
        if exact {
            assert_eq!(n, all, "{q:?}: an exact total is the total");
        } else {
            assert!(
                n >= 1000 && n <= all,
                "{q:?}: {n} is a lower bound of {all}"
            );
            pruned_somewhere = true;
        }
    }
    assert!(
        pruned_somewhere,
        "some query has more than 1,000 matches in a segment"
    );
    // The text output says when a total is a lower bound.
    let r = env.run(&["search", "tahun", "ini"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let last = r.stdout.lines().last().unwrap_or("");
    assert!(last.ends_with("+ results"), "{last}");
}
