//! The spine through the real binary: index a folder, search it, show and stats,
//! JSON shapes, bad input and bad queries, incremental re-runs.

mod common;
use common::*;

#[test]
fn seed_is_found_by_phrase_and_date_range() {
    let Some(seed) = seed() else { return };
    let env = Env::new();
    env.index(&[seed.parent().unwrap()]);
    let v = env.search(&["\"Korea Utara\""]);
    assert_eq!(v["total"], 1, "{v}");
    let hit = &hits(&v)[0];
    assert!(
        hit["title"]
            .as_str()
            .unwrap()
            .starts_with("Sama-sama Bermasalah"),
        "{hit}"
    );
    assert_eq!(hit["published"], "2022-11-04T16:31:00+07:00");
    assert_eq!(hit["source"], "Kompas.com");

    let in_nov = env.search(&["Putin", "--from", "2022-11", "--to", "2022-11"]);
    assert_eq!(in_nov["total"], 1, "{in_nov}");
    let later = env.search(&["Putin", "--from", "2023"]);
    assert_eq!(later["total"], 0, "{later}");
    let before = env.search(&["Putin", "--to", "2022-11-03"]);
    assert_eq!(before["total"], 0, "{before}");
}

#[test]
fn search_json_has_the_documented_shape() {
    let Some(seed) = seed() else { return };
    let env = Env::new();
    env.index(&[&seed]);
    let v = env.search(&["Putin"]);
    assert_eq!(v["query"], "Putin");
    let hit = &hits(&v)[0];
    for key in [
        "id",
        "score",
        "title",
        "source",
        "published",
        "url",
        "authors",
        "entities",
        "snippet",
        "highlights",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    for key in ["person", "place", "org"] {
        assert!(hit["entities"][key].is_array(), "{hit}");
    }
    // The highlighted ranges point at the query term inside the snippet.
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let ranges = hit["highlights"].as_array().unwrap();
    assert!(!ranges.is_empty(), "{hit}");
    for r in ranges {
        let (s, e) = (
            r[0].as_u64().unwrap() as usize,
            r[1].as_u64().unwrap() as usize,
        );
        let word: String = snippet[s..e].iter().collect();
        assert_eq!(word.to_lowercase(), "putin", "{hit}");
    }
}

#[test]
fn show_and_stats() {
    let Some(seed) = seed() else { return };
    let env = Env::new();
    env.index(&[&seed]);
    let id = hits(&env.search(&["Putin"]))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = env.run(&["show", &id, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(a["id"], id.as_str());
    assert_eq!(a["wire"], "Reuters");
    assert_eq!(a["dateline"], "WASHINGTON DC");
    assert!(
        a["body"]
            .as_str()
            .unwrap()
            .starts_with("Pekan ini, AS mengatakan"),
        "{a}"
    );
    assert!(a["path"]
        .as_str()
        .unwrap()
        .ends_with("000_0ececb043208b11f.txt"));

    let r = env.run(&["show", "0000000000000000"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error: no article with id"),
        "{}",
        r.stderr
    );

    let r = env.run(&["stats", "--json"]);
    let s: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s["articles"], 1);
    assert_eq!(s["earliest"], "2022-11-04T16:31:00+07:00");
    assert_eq!(s["outlets"][0]["name"], "Kompas.com");
}

#[test]
fn sample_corpus_indexes_and_rerun_touches_nothing() {
    let env = Env::new();
    let corpus = repo().join("sample_corpus");
    let first = env.index(&[&corpus]);
    assert!(
        first.stdout.contains(" 0 updated, 0 unchanged"),
        "{}",
        first.stdout
    );
    assert!(
        !first.stderr.contains("warning"),
        "sample corpus should index cleanly: {}",
        first.stderr
    );
    let s: serde_json::Value = serde_json::from_str(&env.run(&["stats", "--json"]).stdout).unwrap();
    assert!(s["articles"].as_u64().unwrap() >= 30, "{s}");
    let second = env.index(&[&corpus]);
    assert!(
        second.stdout.starts_with("0 new, 0 updated"),
        "{}",
        second.stdout
    );
    let s2: serde_json::Value =
        serde_json::from_str(&env.run(&["stats", "--json"]).stdout).unwrap();
    assert_eq!(s["articles"], s2["articles"]);
    // The README's example searches return something meaningful.
    assert!(env.search(&["\"Korea Utara\""])["total"].as_u64().unwrap() >= 2);
    assert!(env.search(&["Putin"])["total"].as_u64().unwrap() >= 2);
}

#[test]
fn bad_files_are_warned_about_and_the_rest_is_indexed() {
    let env = Env::new();
    let dir = env.input("docs");
    write_dump(
        &dir,
        "good.txt",
        "Banjir Besar Melanda Kota Semarang",
        "Senin, 6 Januari 2020 08:00 WIB",
        &[
            "Semarang - Hujan deras sejak malam membuat banjir di banyak kampung.",
            "Warga mengungsi ke masjid dan sekolah terdekat.",
        ],
    );
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("blob.bin"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0],
    )
    .unwrap();
    // Windows-1252 text: kept with a warning, not dropped.
    let mut latin = b"Kafe Baru di Bandung\n\nSenin, 6 Januari 2020 09:00 WIB\n\nBandung - Menu caf\xe9 ini disukai mahasiswa dan pekerja kantor di sekitar kampus.\n\nPemiliknya mengatakan usaha itu dimulai tahun lalu.\n".to_vec();
    latin.push(b'\n');
    std::fs::write(dir.join("latin1.txt"), latin).unwrap();
    std::fs::write(
        dir.join("gz.txt.gz"),
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03truncated",
    )
    .unwrap();
    let r = env.run(&["index", "--quiet", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.assert_no_bug("index of bad files");
    for (file, reason) in [
        ("empty.txt", "empty"),
        ("blob.bin", "binary"),
        ("gz.txt.gz", "gzip"),
        ("latin1.txt", "UTF-8"),
    ] {
        let line = r
            .stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no warning for {file}: {}", r.stderr));
        assert!(line.starts_with("warning: "), "{line}");
        assert!(line.contains(reason), "{line}");
    }
    assert_eq!(
        r.stderr.lines().count(),
        4,
        "one line per bad file: {}",
        r.stderr
    );
    assert!(r.stdout.contains("2 new"), "{}", r.stdout);
    assert!(r.stdout.contains("3 skipped"), "{}", r.stdout);
    assert_eq!(env.search(&["kafe"])["total"], 1);
    assert_eq!(env.search(&["banjir"])["total"], 1);
}

#[test]
fn nothing_indexable_is_exit_code_1() {
    let env = Env::new();
    let dir = env.input("empty");
    std::fs::write(dir.join("a.txt"), "   \n").unwrap();
    let r = env.run(&["index", "--quiet", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{} {}", r.stdout, r.stderr);
    let r = env.run(&["index", "--quiet", "/no/such/folder"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("/no/such/folder: no such file or folder"),
        "{}",
        r.stderr
    );
}

#[test]
fn search_without_an_archive_says_what_to_do() {
    let env = Env::new();
    let r = env.run(&["search", "Putin"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error: no archive at"), "{}", r.stderr);
    assert!(r.stderr.contains("warta index"), "{}", r.stderr);
}

#[test]
fn an_archive_of_another_shape_is_refused_with_what_to_do() {
    // An index whose fields are not this version's (here: one text field), as an older
    // warta or another tantivy program would leave it.
    let env = Env::new();
    let dir = env.index_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("dup_group", tantivy::schema::STRING);
    tantivy::Index::create_in_dir(&dir, b.build()).unwrap();
    for args in [&["search", "Jakarta"][..], &["stats"][..]] {
        let r = env.run(args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("another shape") && r.stderr.contains("index again"),
            "{args:?}: {}",
            r.stderr
        );
        r.assert_no_bug(&format!("{args:?}"));
    }
}

#[test]
fn bad_queries_never_panic() {
    let Some(seed) = seed() else { return };
    let env = Env::new();
    env.index(&[&seed]);
    let long = "Korea Utara ".repeat(1000);
    for q in [
        "Ma'ruf Amin",
        "\"unclosed",
        "AND",
        "title:",
        "((",
        "***",
        "🙂",
        "OR OR",
        "-",
        "NOT",
        ":",
        "\"\"",
        "date:[2022 TO",
        long.as_str(),
    ] {
        let r = env.run(&["search", "--", q]);
        assert!(
            r.code == 0 || r.code == 2,
            "query {q:?} gave exit {}: {}",
            r.code,
            r.stderr
        );
        r.assert_no_bug(&format!("query {q:?}"));
        assert!(r.stderr.lines().count() <= 1, "query {q:?}: {}", r.stderr);
        if r.code == 2 {
            assert!(r.stderr.starts_with("error: "), "query {q:?}: {}", r.stderr);
        }
    }
    let r = env.run(&["search", "Putin", "--from", "kemarin"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read the date"), "{}", r.stderr);
}

#[test]
fn changed_files_are_replaced_and_pruned_files_removed() {
    let env = Env::new();
    let dir = env.input("docs");
    let a = write_dump(
        &dir,
        "a.txt",
        "Harga Cabai Naik Menjelang Lebaran",
        "Senin, 4 Mei 2020 10:00 WIB",
        &[
            "Jakarta - Harga cabai rawit di pasar tradisional naik dua kali lipat.",
            "Pedagang mengatakan pasokan dari daerah berkurang.",
        ],
    );
    write_dump(
        &dir,
        "b.txt",
        "Kereta Cepat Mulai Uji Coba",
        "Selasa, 5 Mei 2020 11:00 WIB",
        &[
            "Bandung - Kereta cepat menjalani uji coba lintasan pertama.",
            "Penumpang umum belum bisa naik.",
        ],
    );
    let r = env.index(&[&dir]);
    assert!(
        r.stdout.starts_with("2 new, 0 updated, 0 unchanged"),
        "{}",
        r.stdout
    );

    write_dump(
        &dir,
        "a.txt",
        "Harga Bawang Turun Setelah Lebaran",
        "Senin, 4 Mei 2020 10:00 WIB",
        &[
            "Jakarta - Harga bawang merah turun setelah panen raya.",
            "Pedagang mengatakan pembeli mulai kembali.",
        ],
    );
    let r = env.index(&[&dir]);
    assert!(
        r.stdout.starts_with("0 new, 1 updated, 1 unchanged"),
        "{}",
        r.stdout
    );
    assert_eq!(
        env.search(&["cabai"])["total"],
        0,
        "old text of a changed file must go"
    );
    assert_eq!(env.search(&["bawang"])["total"], 1);

    std::fs::remove_file(&a).unwrap();
    let r = env.index(&[&dir]);
    assert!(
        r.stdout.contains("0 removed"),
        "without --prune nothing is removed: {}",
        r.stdout
    );
    assert_eq!(env.search(&["bawang"])["total"], 1);
    let r = env.run(&["index", "--quiet", "--prune", dir.to_str().unwrap()]);
    assert!(r.stdout.contains("1 removed"), "{}", r.stdout);
    assert_eq!(env.search(&["bawang"])["total"], 0);
    assert_eq!(env.search(&["kereta"])["total"], 1);
}

#[test]
fn the_same_article_in_two_files_is_stored_once_with_both_paths() {
    let env = Env::new();
    let dir = env.input("docs");
    write_dermaga(&dir, "one.txt");
    write_dermaga(&dir, "copy.txt");
    env.index(&[&dir]);
    let v = env.search(&["dermaga"]);
    assert_eq!(v["total"], 1, "{v}");
    let id = hits(&v)[0]["id"].as_str().unwrap().to_string();
    let shown: serde_json::Value =
        serde_json::from_str(&env.run(&["show", &id, "--json"]).stdout).unwrap();
    assert_eq!(shown["paths"].as_array().unwrap().len(), 2, "{shown}");
}

#[test]
fn parse_prints_one_json_object_per_article() {
    let Some(seed) = seed() else { return };
    let env = Env::new();
    let r = env.run(&["parse", "--json", seed.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1);
    let a: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    for key in [
        "id",
        "path",
        "url",
        "source",
        "title",
        "published",
        "authors",
        "wire",
        "dateline",
        "lang",
        "body",
        "entities",
    ] {
        assert!(a.get(key).is_some(), "article lacks {key}");
    }
    assert_eq!(a["lang"], "id");
    let again: serde_json::Value = serde_json::from_str(
        env.run(&["parse", "--json", seed.to_str().unwrap()])
            .stdout
            .trim(),
    )
    .unwrap();
    assert_eq!(a["id"], again["id"], "ids are stable");
}

#[test]
fn progress_is_shown_on_a_terminal_only() {
    let env = Env::new();
    let corpus = repo().join("sample_corpus");
    // On a pipe: nothing but warnings on stderr, even without --quiet.
    let r = env.run(&["index", corpus.to_str().unwrap()]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "", "no progress on a pipe");
    // On a terminal (a pseudo-terminal made by `script`): a progress line.
    let other = Env::new();
    let cmd = format!(
        "{} --index {} index {}",
        env!("CARGO_BIN_EXE_warta"),
        other.index_dir().display(),
        corpus.display()
    );
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
    else {
        eprintln!("note: `script` is not installed; skipping the terminal half");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(" files, ") && text.contains(" articles"),
        "{text}"
    );
    let quiet = format!("{cmd} --quiet");
    let third = Env::new();
    let quiet = quiet.replace(
        &other.index_dir().display().to_string(),
        &third.index_dir().display().to_string(),
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &quiet, "/dev/null"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains(" files, "), "--quiet hides it: {text}");
}

#[test]
fn a_headline_only_record_never_replaces_the_whole_story() {
    let env = Env::new();
    let dir = env.input("docs");
    let page = "<html><head><title>Jembatan Baru Dibuka - Contoh News</title>\
        <link rel=\"canonical\" href=\"https://contoh.news/jembatan-baru\">\
        <meta property=\"article:published_time\" content=\"2021-05-03T10:00:00+07:00\"></head>\
        <body><article><h1>Jembatan Baru Dibuka</h1>\
        <p>Jembatan gantung sepanjang dua ratus meter dibuka untuk warga dua desa di tepi sungai besar.</p>\
        <p>Warga tidak lagi harus menyeberang dengan perahu kecil setiap pagi untuk pergi ke pasar dan sekolah.</p>\
        </article></body></html>";
    std::fs::write(dir.join("a-page.html"), page).unwrap();
    std::fs::write(
        dir.join("z-list.jsonl"),
        "{\"title\":\"Jembatan Baru Dibuka\",\"url\":\"https://contoh.news/jembatan-baru\"}\n",
    )
    .unwrap();
    env.index(&[&dir]);
    let v = env.search(&["perahu"]);
    assert_eq!(v["total"], 1, "the story's text is kept: {v}");
    let id = hits(&v)[0]["id"].as_str().unwrap().to_string();
    let shown: serde_json::Value =
        serde_json::from_str(&env.run(&["show", &id, "--json"]).stdout).unwrap();
    assert_eq!(shown["paths"].as_array().unwrap().len(), 2, "{shown}");
}
