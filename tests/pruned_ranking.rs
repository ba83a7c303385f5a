//! The pruned ranking (`search::topk`) against the exhaustive one, through the real
//! binary on a real index of the 16,000 CSV articles in `../shared/corpus/csv`: the same
//! page with the same scores, a total that is exact below the counting limit and a
//! lower bound above it, and `--exact-total` counting everything.

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
    env.index(&[shared.join("corpus/csv")]);
    let queries: &[&[&str]] = &[
        &["Indonesia"],
        &["Jakarta"],
        &["pemerintah"],
        &["Jokowi"],
        &["banjir", "Jakarta"],
        &["presiden", "Jokowi"],
        &["artis", "menikah"],
        &["polisi", "tangkap", "narkoba"],
        &["harga", "naik", "--limit", "30"],
        &["film", "--offset", "10"],
        &["polisi", "narkoba", "--match", "any"],
        &["Indonesia", "--from", "2019-01-01", "--to", "2019-12-31"],
        &["Jakarta", "--source", "kompas"],
        &["zzqxv", "Jakarta"],
        &["Jakarta", "Indonesia"],
        &["tahun", "lalu"],
        &["kata", "dia"],
        &["tahun", "ini"],
        &["saat", "ini", "--limit", "50"],
        &["hal", "ini", "--from", "2019-06-01"],
        &["tahun", "ini", "--source", "okezone"],
    ];
    let mut pruned_somewhere = false;
    for q in queries {
        let mut args = q.to_vec();
        args.push("--exact-total");
        let full = env.search(&args);
        // Skipping from the first full page on, the page is still the same.
        let mut c = env.cmd();
        let r = Run::from(
            c.env("WARTA_COUNT_TO", "0")
                .args(["search", "--json"])
                .args(*q)
                .output()
                .unwrap(),
        );
        assert_eq!(r.code, 0, "{q:?}: {}", r.stderr);
        let eager: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        same_page(q, &page(&eager), &page(&full));
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
