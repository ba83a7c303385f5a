//! The record-format readers over the real dumps in ../shared/corpus (read-only public
//! data): every CSV, JSONL and Reuters SGML file is parsed by the real binary, with
//! article counts, the share with a publication time, clean bodies and the skipped
//! records reported. One `warta parse` run per format keeps this fast.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files of one corpus folder with this extension, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// `warta parse FILES... --json`: the articles and the run.
fn parse_all(files: &[PathBuf]) -> (Vec<Value>, Run) {
    parse_json(files)
}

/// Articles per file name.
fn per_file(arts: &[Value]) -> BTreeMap<String, Vec<&Value>> {
    let mut m: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for a in arts {
        let name = Path::new(a["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        m.entry(name).or_default().push(a);
    }
    m
}

fn dated_share(arts: &[&Value]) -> f64 {
    arts.iter().filter(|a| a["published"].is_string()).count() as f64 / arts.len() as f64
}

const MOJIBAKE: &[&str] = &["â€", "Ã©", "Ã¨", "‚Äú", "‚Äù", "‚Äô", "‚Äì", "¬†", "Â "];

#[test]
fn click_id_csv_exports() {
    let Some(shared) = shared() else { return };
    let csvs = files(&shared.join("corpus/csv"), "csv");
    let (arts, run) = parse_all(&csvs);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.trim().is_empty(),
        "unexpected warnings: {}",
        run.stderr
    );
    let expected = [
        ("fimela.csv", 788),
        ("kapanlagi.csv", 1006),
        ("kompas.csv", 3253),
        ("okezone.csv", 4664),
        ("pos_metro.csv", 307),
        ("tribunnews.csv", 1500),
        ("wowkeren.csv", 3020),
    ];
    let by_file = per_file(&arts);
    for (name, count) in expected {
        let got = &by_file[name];
        assert_eq!(got.len(), count, "{name}");
        let share = dated_share(got);
        eprintln!(
            "{name}: {} articles, {:.2}% with a publication time",
            got.len(),
            share * 100.0
        );
        assert!(share >= 0.99, "{name}: only {:.2}% dated", share * 100.0);
    }
    assert_eq!(arts.len(), 14_538);
    for a in &arts {
        let text = format!(
            "{}\n{}",
            a["title"].as_str().unwrap(),
            a["body"].as_str().unwrap()
        );
        for m in MOJIBAKE {
            assert!(!text.contains(m), "mojibake {m:?} left in {}", a["url"]);
        }
        for p in a["body"].as_str().unwrap().split("\n\n") {
            let lower = p.to_lowercase();
            assert!(
                !lower.starts_with("baca juga"),
                "`Baca juga` left in {}: {p}",
                a["url"]
            );
        }
    }
    // Paragraphs joined with commas come apart again.
    let kompas = &by_file["kompas.csv"];
    let multi = kompas
        .iter()
        .filter(|a| a["body"].as_str().unwrap().contains("\n\n"))
        .count();
    assert!(
        multi * 10 >= kompas.len() * 9,
        "only {multi} of {} kompas bodies have paragraphs",
        kompas.len()
    );
    // kompas.csv has day-first dates a spreadsheet turned month-first; the URL date wins.
    let url_date = regex::Regex::new(r"/(20\d\d)/(\d\d)/(\d\d)/").unwrap();
    for a in kompas {
        let c = url_date.captures(a["url"].as_str().unwrap()).unwrap();
        let day = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
        assert!(
            a["published"].as_str().unwrap().starts_with(&day),
            "{} vs {}",
            a["published"],
            a["url"]
        );
    }
}

#[test]
fn indosum_jsonl_without_titles() {
    let Some(shared) = shared() else { return };
    let jsonl = files(&shared.join("corpus/jsonl"), "jsonl");
    assert_eq!(jsonl.len(), 4);
    let (arts, run) = parse_all(&jsonl);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.trim().is_empty(),
        "unexpected warnings: {}",
        run.stderr
    );
    assert_eq!(arts.len(), 3_463);
    let all: Vec<&Value> = arts.iter().collect();
    let share = dated_share(&all);
    eprintln!(
        "indosum: {} articles, {:.2}% with a publication time",
        arts.len(),
        share * 100.0
    );
    assert!(share >= 0.99);
    for a in &arts {
        assert_eq!(a["title"], "", "IndoSum has no titles");
        assert!(a["url"].as_str().unwrap().starts_with("http"), "{a}");
        assert!(a["body"].as_str().unwrap().len() > 100, "{a}");
        assert!(!a["source"].as_str().unwrap().is_empty());
    }
    let ids: std::collections::HashSet<&str> =
        arts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), arts.len(), "every record keeps its own id");
}

#[test]
fn reuters_21578_sgml() {
    let Some(shared) = shared() else { return };
    let sgms = files(&shared.join("corpus/sgml/reuters21578"), "sgm");
    assert_eq!(sgms.len(), 22);
    let (arts, run) = parse_all(&sgms);
    assert_eq!(run.code, 0);
    let by_file = per_file(&arts);
    assert_eq!(by_file.len(), 22, "every file gives articles");
    // Skipped records are reported per file as `N records skipped (N reason: ...)`.
    let count = regex::Regex::new(r"(\d+) records skipped").unwrap();
    let skipped: usize = count
        .captures_iter(&run.stderr)
        .map(|c| c[1].parse::<usize>().unwrap())
        .sum();
    let headline_only = run.stderr.matches("no body (headline only)").count();
    eprintln!(
        "reuters: {} articles, {skipped} records skipped",
        arts.len()
    );
    assert_eq!(arts.len() + skipped, 21_578, "{}", run.stderr);
    assert_eq!(
        headline_only, 22,
        "each file reports its headline-only briefs: {}",
        run.stderr
    );
    assert_eq!(arts.len(), 19_779);
    assert!(
        run.stderr
            .contains("reut2-017.sgm: not valid UTF-8 (1 byte"),
        "{}",
        run.stderr
    );
    let ids: std::collections::HashSet<&str> =
        arts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), arts.len(), "NEWID keeps duplicate stories apart");
    for a in &arts {
        assert!(a["published"].as_str().unwrap().starts_with("1987-"), "{a}");
        assert_eq!(a["lang"], "en");
        let body = a["body"].as_str().unwrap();
        assert!(
            !body.contains("&#") && !body.contains("&lt;"),
            "entities decoded: {}",
            a["id"]
        );
        assert!(
            !body.trim_end().ends_with("Reuter") && !body.trim_end().ends_with("REUTER"),
            "{body}"
        );
    }
    let first = &by_file["reut2-000.sgm"][0];
    assert_eq!(first["title"], "BAHIA COCOA REVIEW");
    assert_eq!(first["published"], "1987-02-26T15:01:01+00:00");
    assert_eq!(first["dateline"], "SALVADOR");
    // The publisher's tags (EL-SALVADOR, USA, URUGUAY) under warta's names, merged with
    // the places of the text; a dateline's date is no part of a place.
    let places: Vec<&str> = first["entities"]["place"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for tag in [
        "El Salvador",
        "Amerika Serikat",
        "Uruguay",
        "Bahia",
        "Argentina",
    ] {
        assert!(places.contains(&tag), "{tag} missing from {places:?}");
    }
    assert!(
        places
            .iter()
            .all(|p| !p.contains("Sept") && !p.contains("May")),
        "{places:?}"
    );
    let with_dateline = arts.iter().filter(|a| a["dateline"].is_string()).count();
    assert!(with_dateline > 18_000, "{with_dateline}");
}
