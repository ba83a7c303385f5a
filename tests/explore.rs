//! Beyond search, through the real binary: timelines, similar stories, export.

mod common;
use common::*;

fn archive() -> Env {
    let env = Env::new();
    let dir = env.input("docs");
    write_dump(&dir, "a.txt", "Korea Utara Luncurkan Rudal Balistik ke Laut Jepang", "Kompas.com - 03/11/2022, 08:10 WIB", &[
        "SEOUL, KOMPAS.com - Korea Utara meluncurkan rudal balistik antarbenua ke arah Laut Jepang pada Kamis pagi, menurut militer Korea Selatan.",
        "Peluncuran rudal itu memicu peringatan evakuasi di beberapa prefektur Jepang dan kecaman dari Washington.",
    ]);
    write_dump(&dir, "b.txt", "Jepang Kecam Uji Rudal Korea Utara", "Kompas.com - 18/11/2022, 19:00 WIB", &[
        "TOKYO, KOMPAS.com - Pemerintah Jepang mengecam uji coba rudal balistik Korea Utara yang jatuh di zona ekonomi eksklusif Jepang.",
        "Perdana menteri Jepang menyebut peluncuran rudal itu tindakan yang tidak dapat diterima.",
    ]);
    write_dump(&dir, "c.txt", "Harga Beras Naik di Pasar Induk", "Kompas.com - 05/02/2023, 09:00 WIB", &[
        "JAKARTA, KOMPAS.com - Harga beras medium di Pasar Induk Cipinang naik menjelang musim tanam.",
        "Pedagang mengatakan pasokan dari sentra produksi berkurang karena hujan.",
    ]);
    env.index(&[&dir]);
    env
}

#[test]
fn timeline_counts_per_period_and_fills_gaps() {
    let env = archive();
    let t = env.json(&["timeline", "--json"]);
    assert_eq!(t["articles"], 3);
    let periods = t["periods"].as_array().unwrap();
    assert_eq!(periods.first().unwrap()["period"], "2022-11");
    assert_eq!(periods.first().unwrap()["articles"], 2);
    assert_eq!(periods.last().unwrap()["period"], "2023-02");
    assert_eq!(periods.len(), 4, "Nov, Dec, Jan, Feb: {t}");
    assert_eq!(periods[1]["articles"], 0);
    let by_year = env.json(&["timeline", "rudal", "--by", "year", "--json"]);
    assert_eq!(
        by_year["periods"],
        serde_json::json!([{"period": "2022", "articles": 2}])
    );
    let r = env.run(&["timeline", "rudal"]);
    assert!(r.stdout.contains("2022-11"), "{}", r.stdout);
}

#[test]
fn similar_stories_rank_the_related_one_first() {
    let env = archive();
    let id = hits(&env.search(&["title:Luncurkan"]))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let v = env.json(&["similar", &id, "--json"]);
    let h = hits(&v);
    assert!(!h.is_empty(), "{v}");
    assert_eq!(h[0]["title"], "Jepang Kecam Uji Rudal Korea Utara");
    assert!(
        h.iter().all(|x| x["id"] != id.as_str()),
        "the article itself is left out"
    );
    let r = env.run(&["similar", "0000000000000000"]);
    assert_eq!(r.code, 2);
}

/// Each run is a new process (new hash seeds): over a small archive, where many terms
/// of an article tie on weight, the similar stories must still be the same every time.
#[test]
fn similar_stories_are_the_same_from_run_to_run() {
    let env = Env::new();
    env.index(&[repo().join("sample_corpus")]);
    for q in ["banjir", "korea", "gempa", "vaksin"] {
        let found = hits(&env.search(&[q]));
        assert!(!found.is_empty(), "sample_corpus has no {q}");
        let id = found[0]["id"].as_str().unwrap().to_string();
        for args in [vec!["similar", &id], vec!["similar", &id, "--json"]] {
            let first = env.run(&args);
            first.assert_no_bug("similar");
            assert_eq!(first.code, 0, "{}", first.stderr);
            assert!(
                first.stdout.contains("id"),
                "no similar story for {q}: {}",
                first.stdout
            );
            for _ in 0..4 {
                let again = env.run(&args);
                assert_eq!(
                    again.stdout, first.stdout,
                    "`warta {args:?}` changed between runs"
                );
            }
        }
    }
}

#[test]
fn export_writes_every_article_once() {
    let env = archive();
    let r = env.run(&["export", "--flat"]);
    let rows: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    let mut keys: Vec<_> = rows[0].as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["body", "date", "id", "title"]);
    assert!(
        rows.iter()
            .any(|r| r["date"] == "2022-11-03T01:10:00+00:00"),
        "dates in UTC"
    );
    let full = env.run(&["export"]);
    let first: serde_json::Value =
        serde_json::from_str(full.stdout.lines().next().unwrap()).unwrap();
    assert!(first["paths"].is_array() && first["entities"].is_object());
}
