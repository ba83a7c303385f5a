//! Plain-text dumps through the real binary: the seed Kompas.com page parses to the
//! right fields, every invented dump in `sample_corpus/text` matches its ground truth
//! in `tests/fixtures/text_expected.json`, files with no article are refused with a reason, and an indexed
//! seed is found by phrase and by date range.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `warta parse FILE... --json`: the articles, keyed by path.
fn parse_files(env: &Env, files: &[PathBuf]) -> (BTreeMap<String, Value>, Run) {
    let mut args: Vec<String> = vec!["parse".into(), "--json".into()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let r = env.run(&args);
    let mut out = BTreeMap::new();
    for line in r.stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON ({e}): {line}"));
        out.insert(v["path"].as_str().unwrap_or("").to_string(), v);
    }
    (out, r)
}

fn parse_one(env: &Env, file: &Path) -> Value {
    let (mut all, r) = parse_files(env, &[file.to_path_buf()]);
    assert_eq!(r.code, 0, "parse {} failed: {}", file.display(), r.stderr);
    assert_eq!(
        all.len(),
        1,
        "one article from {}: {}",
        file.display(),
        r.stdout
    );
    all.pop_first().unwrap().1
}

fn body(a: &Value) -> &str {
    a["body"].as_str().unwrap_or("")
}

#[test]
fn seed_parses_to_the_expected_fields() {
    let Some(seed) = seed() else { return };
    let a = parse_one(&Env::new(), &seed);
    assert_eq!(
        a["title"],
        "Sama-sama Bermasalah dengan Barat, Rusia dan Korea Utara Tempa Hubungan Lebih Mesra"
    );
    assert_eq!(a["published"], "2022-11-04T16:31:00+07:00");
    assert_eq!(
        a["authors"],
        serde_json::json!(["Danur Lambang Pristiandaru"])
    );
    assert_eq!(a["source"], "Kompas.com");
    assert_eq!(a["wire"], "Reuters");
    assert_eq!(a["dateline"], "WASHINGTON DC");
    let body = body(&a);
    assert!(body.starts_with("Pekan ini, AS mengatakan"), "{body}");
    for bad in [
        "Baca berita tanpa iklan",
        "Baca juga:",
        "Halaman:",
        "Komentar",
        "Close Ads",
        "Bagikan artikel ini",
        "Oke",
        "Login untuk",
        "Sumber Reuters",
        "GETTY IMAGES",
    ] {
        assert!(!body.contains(bad), "body keeps {bad:?}");
    }
    assert!(
        !has_paragraph(&a, "Penulis"),
        "a lone Penulis line in the body"
    );
    // The subheading stays, as its own paragraph.
    assert!(has_paragraph(&a, "Dukungan"), "{body}");
    // The caption printed twice is one caption, not body text.
    let captions = a["captions"].as_array().expect("captions");
    assert_eq!(captions.len(), 1, "{captions:?}");
    let caption = captions[0].as_str().unwrap();
    assert!(
        caption.starts_with("Presiden Rusia Vladimir Putin (kiri)"),
        "{caption}"
    );
    assert!(!body.contains("Presiden Rusia Vladimir Putin (kiri)"));
    assert!(body.ends_with("ancaman AS."), "{body}");
}

/// The body has this exact paragraph.
fn has_paragraph(a: &Value, text: &str) -> bool {
    body(a).split("\n\n").any(|p| p.trim() == text)
}

const FIELDS: [&str; 8] = [
    "title",
    "published",
    "authors",
    "source",
    "wire",
    "dateline",
    "body_start",
    "must_not_contain",
];

/// Compares one parsed article with its expected entry; returns the failed fields.
fn mismatches(got: Option<&Value>, want: &Value) -> Vec<String> {
    let Some(got) = got else {
        return FIELDS.iter().map(|f| format!("{f}: no article")).collect();
    };
    let body = body(got);
    let mut bad = Vec::new();
    for field in FIELDS {
        match field {
            "body_start" => {
                let start = want[field].as_str().unwrap_or("");
                if !body.starts_with(start) {
                    let head: String = body.chars().take(start.chars().count() + 10).collect();
                    bad.push(format!("body_start: got {head:?} want {start:?}"));
                }
            }
            "must_not_contain" => {
                for s in want[field].as_array().into_iter().flatten() {
                    let s = s.as_str().unwrap_or("");
                    if body.contains(s) {
                        bad.push(format!("body keeps {s:?}"));
                    }
                }
            }
            _ => {
                if got[field] != want[field] {
                    bad.push(format!("{field}: got {} want {}", got[field], want[field]));
                }
            }
        }
    }
    bad
}

#[test]
fn sample_corpus_matches_its_ground_truth() {
    let dir = repo().join("sample_corpus/text");
    let expected: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/text_expected.json"))
            .expect("tests/fixtures/text_expected.json"),
    )
    .expect("expected.json is JSON");
    assert!(
        expected.len() >= 36,
        "only {} expected entries",
        expected.len()
    );

    // Every dump has an entry and every entry a dump.
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = expected
        .iter()
        .map(|e| e["file"].as_str().unwrap().to_string())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed, "files and expected.json entries differ");

    let env = Env::new();
    let files: Vec<PathBuf> = listed.iter().map(|f| dir.join(f)).collect();
    let (parsed, run) = parse_files(&env, &files);
    let mut per_field: BTreeMap<&str, usize> = FIELDS.iter().map(|f| (*f, 0)).collect();
    let mut failures = Vec::new();
    for want in &expected {
        let path = dir
            .join(want["file"].as_str().unwrap())
            .display()
            .to_string();
        let bad = mismatches(parsed.get(&path), want);
        for field in FIELDS {
            if !bad.iter().any(|b| {
                b.starts_with(field) || (field == "must_not_contain" && b.starts_with("body keeps"))
            }) {
                *per_field.get_mut(field).unwrap() += 1;
            }
        }
        if !bad.is_empty() {
            failures.push(format!("{}:\n    {}", want["file"], bad.join("\n    ")));
        }
    }
    let n = expected.len();
    let score: Vec<String> = per_field
        .iter()
        .map(|(f, k)| format!("{f} {k}/{n}"))
        .collect();
    eprintln!(
        "sample_corpus/text: {} of {n} files fully right; {}",
        n - failures.len(),
        score.join(", ")
    );
    assert!(
        failures.is_empty(),
        "{} of {n} dumps differ from expected.json:\n{}\n(stderr: {})",
        failures.len(),
        failures.join("\n"),
        run.stderr
    );
}

/// Writes a dump into the temp folder and parses it.
fn parse_text(env: &Env, name: &str, text: &str) -> Value {
    let dir = env.input("dumps");
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    parse_one(env, &path)
}

#[test]
fn other_layouts_through_the_binary() {
    let env = Env::new();
    let a = parse_text(
        &env,
        "wita.txt",
        "Berita Daerah\n\nBanjir Rob Rendam Ratusan Rumah di Pesisir Makassar\n\n\
         Diterbitkan: Senin, 7 November 2022 14:30 WITA | Diperbarui: Senin, 7 November 2022 18:00 WITA\n\
         Penulis: Andi Mappasessu | Editor: Rahma Yuliani\n\n\
         MAKASSAR, KOMPAS.com - Ratusan rumah di pesisir Kota Makassar terendam banjir rob sejak Minggu malam.\n\n\
         ADVERTISEMENT\n\n\
         Warga mengungsi ke masjid dan sekolah terdekat sambil menunggu air surut.\n\n\
         Tag: banjir rob, makassar\n",
    );
    assert_eq!(
        a["title"],
        "Banjir Rob Rendam Ratusan Rumah di Pesisir Makassar"
    );
    assert_eq!(a["published"], "2022-11-07T14:30:00+08:00");
    assert_eq!(a["authors"], serde_json::json!(["Andi Mappasessu"]));
    assert_eq!(a["source"], "Kompas.com");
    assert_eq!(a["dateline"], "MAKASSAR");
    assert!(body(&a).starts_with("Ratusan rumah di pesisir"), "{a}");
    assert!(!body(&a).contains("ADVERTISEMENT") && !body(&a).contains("Tag:"));

    let b = parse_text(
        &env,
        "english.txt",
        "World > Asia\n\nRegional Leaders Meet to Discuss Rice Prices\n\n\
         By Maria Santos and Kevin Tan\n\
         Friday, November 4, 2022 4:31 PM\n\n\
         Leaders from several Southeast Asian countries met on Friday to discuss the rising price of rice.\n\n\
         They agreed to share stock data every month.\n\n\
         Copyright 2022. All rights reserved.\n",
    );
    assert_eq!(b["published"], "2022-11-04T16:31:00+07:00");
    assert_eq!(
        b["authors"],
        serde_json::json!(["Maria Santos", "Kevin Tan"])
    );
    assert!(body(&b).starts_with("Leaders from several"));
    assert!(!body(&b).contains("Copyright"));
}

#[test]
fn files_without_an_article_are_refused_with_a_reason() {
    let env = Env::new();
    let dir = env.input("bad");
    let only_furniture = dir.join("furniture.txt");
    std::fs::write(
        &only_furniture,
        "Baca berita tanpa iklan. Gabung Kompas.com+\n\nKomentar\n\nClose Ads\n\nBagikan artikel ini melalui\nOke\n",
    )
    .unwrap();
    let few_words = dir.join("few.txt");
    std::fs::write(&few_words, "Judul Pendek Saja\n\nHanya tiga kata.\n").unwrap();
    for file in [&only_furniture, &few_words] {
        let (parsed, r) = parse_files(&env, &[file.clone()]);
        assert!(parsed.is_empty(), "{}: {}", file.display(), r.stdout);
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("no recognisable article"), "{}", r.stderr);
    }
}

#[test]
fn indexed_seed_is_found_by_phrase_and_date_range() {
    let Some(seed) = seed() else { return };
    let env = Env::new();
    env.index(&[seed.parent().unwrap()]);
    let title =
        "Sama-sama Bermasalah dengan Barat, Rusia dan Korea Utara Tempa Hubungan Lebih Mesra";
    assert!(env.titles(&["\"Korea Utara\""]).iter().any(|t| t == title));
    assert!(env
        .titles(&["Putin", "--from", "2022-11", "--to", "2022-11"])
        .iter()
        .any(|t| t == title));
    assert!(!env
        .titles(&["Putin", "--from", "2023"])
        .iter()
        .any(|t| t == title));
}
