//! Hostile and careless input through the real binary (issue #21): dates at any year,
//! encodings that used to be skipped, queries and limits that used to panic, oversized
//! articles and files, devices and FIFOs, escape sequences meant for the terminal, and
//! symbolic links that lead out of the indexed folder. Also what people paste into
//! `warta search` (#20).

mod common;
use common::*;
use std::io::Write;
use std::path::Path;

/// An archive of two short stories, 2019 and 2022.
fn two_stories() -> Env {
    let env = Env::new();
    let dir = env.input("docs");
    write_dump(&dir, "a.txt", "Putin Sambut Kim Jong Un di Vladivostok", "Kompas.com - 25/04/2019, 10:00 WIB", &[
        "VLADIVOSTOK, KOMPAS.com - Presiden Rusia Vladimir Putin menyambut pemimpin Korea Utara Kim Jong Un dalam pertemuan puncak.",
        "Kedua pemimpin membahas kerja sama ekonomi dan keamanan di kawasan itu.",
    ]);
    write_dump(&dir, "b.txt", "Korea Utara Kembali Uji Rudal Balistik", "Kompas.com - 04/11/2022, 16:31 WIB", &[
        "SEOUL, KOMPAS.com - Korea Utara menembakkan rudal balistik ke arah laut pada Jumat pagi (4/11/2022).",
        "Militer Korea Selatan mengatakan rudal itu terbang sekitar 600 kilometer sebelum jatuh.",
    ]);
    env.index(&[&dir]);
    env
}

fn total(env: &Env, args: &[&str]) -> u64 {
    env.search(args)["total"].as_u64().unwrap()
}

#[test]
fn date_bounds_work_at_any_year() {
    let env = two_stories();
    assert_eq!(total(&env, &["Korea", "--from", "1000"]), 2);
    assert_eq!(total(&env, &["Korea", "--to", "1000"]), 0);
    assert_eq!(total(&env, &["Korea", "--from", "3000"]), 0);
    assert_eq!(total(&env, &["Korea date:[1900 TO 2300]"]), 2);
    assert_eq!(total(&env, &["Korea date:[2020 TO 9999]"]), 1);
    assert_eq!(total(&env, &["date:[* TO *]"]), 2);
    let t = env.json(&[
        "timeline", "--json", "--by", "year", "--from", "1000", "--to", "9999",
    ]);
    assert_eq!(t["articles"], 2);
}

#[test]
fn broken_date_ranges_are_read_or_refused_never_a_panic() {
    let env = two_stories();
    for q in [
        "date:[* TO *]",
        "date:[",
        "date:[*",
        "Korea date:[2022 TO",
        "date:[]",
        "date:[ TO ]",
    ] {
        for cmd in [&["search", q][..], &["timeline", q], &["entities", q]] {
            let r = env.run(cmd);
            assert!(
                r.code == 0 || r.code == 2,
                "{cmd:?}: {} {}",
                r.code,
                r.stderr
            );
            r.assert_no_bug(&format!("{cmd:?}"));
        }
    }
    let r = env.run(&["search", "date:[kemarin TO 2022]"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read the date"), "{}", r.stderr);
}

#[test]
fn absurd_dates_are_kept_as_unknown_with_a_warning() {
    let env = Env::new();
    let dir = env.input("docs");
    std::fs::write(
        dir.join("a.json"),
        r#"[{"title":"Berita Masa Depan","date":253402300799,"content":"Isi berita yang cukup panjang untuk dibaca sebagai artikel oleh warta hari ini."},
            {"title":"Berita Kuno","date":10413792000,"content":"Isi berita lain yang juga cukup panjang untuk dibaca sebagai artikel oleh warta."}]"#,
    )
    .unwrap();
    let (arts, run) = parse_json(&[dir.join("a.json")]);
    assert_eq!(arts.len(), 2, "{}", run.stderr);
    assert!(arts.iter().all(|a| a["published"].is_null()), "{arts:?}");
    assert_eq!(
        run.stderr.matches("not believable").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("9999-12-31"), "{}", run.stderr);
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xfe, 0xff]
        } else {
            [0xff, 0xfe]
        });
    }
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

const DUMP: &str = "Banjir Rendam Ratusan Rumah di Bekasi\n\nKompas.com - 02/01/2020, 08:15 WIB\n\nPenulis : Ani Lestari\n\nBEKASI, KOMPAS.com - Banjir merendam ratusan rumah warga di Bekasi sejak Rabu malam setelah hujan deras mengguyur kawasan itu.\n\nWarga mengungsi ke masjid dan sekolah terdekat sambil menunggu air surut.\n";

#[test]
fn other_encodings_and_line_ends_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("le_bom.txt", utf16(DUMP, false, true)),
        ("be_bom.txt", utf16(DUMP, true, true)),
        ("le.txt", utf16(DUMP, false, false)),
        ("be.txt", utf16(DUMP, true, false)),
        (
            "nul.txt",
            DUMP.replacen("ratusan", "ratusan\0", 1).into_bytes(),
        ),
        ("mac.txt", DUMP.replace('\n', "\r").into_bytes()),
    ];
    for (name, bytes) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (arts, run) = parse_json(&[&path]);
        assert_eq!(arts.len(), 1, "{name}: {}", run.stderr);
        let a = &arts[0];
        assert_eq!(
            a["title"], "Banjir Rendam Ratusan Rumah di Bekasi",
            "{name}"
        );
        assert_eq!(a["published"], "2020-01-02T08:15:00+07:00", "{name}");
        assert_eq!(a["authors"][0], "Ani Lestari", "{name}");
        assert!(
            a["body"].as_str().unwrap().starts_with("Banjir merendam"),
            "{name}: {a}"
        );
    }
}

#[test]
fn json_with_lone_surrogates_and_huge_numbers_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    std::fs::write(
        &path,
        r#"[{"title":"Emoji \ud83d Terpotong","score":1e400,"content":"Isi berita yang cukup panjang untuk dibaca sebagai artikel oleh warta hari ini."},
            {"title":"Berita Kedua","content":"Isi berita lain \udc00 yang juga cukup panjang untuk dibaca sebagai artikel oleh warta."}]"#,
    )
    .unwrap();
    let (arts, run) = parse_json(&[&path]);
    assert_eq!(arts.len(), 2, "{}", run.stderr);
    assert_eq!(arts[0]["title"], "Emoji \u{fffd} Terpotong");
    let jsonl = dir.path().join("b.jsonl");
    std::fs::write(&jsonl, "{\"title\":\"A\",\"n\":-1E999,\"content\":\"Isi berita yang cukup panjang untuk dibaca sebagai artikel oleh warta.\"}\n").unwrap();
    let (arts, run) = parse_json(&[&jsonl]);
    assert_eq!(arts.len(), 1, "{}", run.stderr);
}

#[test]
fn file_names_that_are_not_utf8_are_indexed_and_pruned_right() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let dir = env.input("docs");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(dir.join(name), DUMP).unwrap();
    let r = env.index(&[&dir]);
    assert!(r.stdout.contains("1 new"), "{}{}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("No such file"), "{}", r.stderr);
    assert_eq!(total(&env, &["Bekasi"]), 1);
    // A second run leaves it alone, and --prune keeps it while it exists.
    let again = env.run(&["index", "--prune", dir.to_str().unwrap()]);
    assert!(
        again.stdout.contains("1 unchanged, 0 removed"),
        "{}",
        again.stdout
    );
    assert_eq!(total(&env, &["Bekasi"]), 1);
}

#[test]
fn limits_and_offsets_are_checked() {
    let env = two_stories();
    for limit in ["0", "9223372036854775807", "18446744073709551615", "1001"] {
        for cmd in ["search", "similar"] {
            let arg = if cmd == "search" { "Korea" } else { "x" };
            let r = env.run(&[cmd, arg, "--limit", limit]);
            assert_eq!(r.code, 2, "{cmd} --limit {limit}: {}", r.stderr);
            assert!(
                r.stderr.contains("--limit must be between 1 and 1000"),
                "{}",
                r.stderr
            );
        }
    }
    let r = env.run(&["search", "Korea", "--offset", "18446744073709551615"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    r.assert_no_bug("limits");
    assert_eq!(
        env.search(&["Korea", "--limit", "1"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Past the end: says how many there are instead of "no results".
    let r = env.run(&["search", "Korea", "--offset", "5"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("past --offset 5: it has 2 in all"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_rejected_query_is_echoed_short() {
    let env = two_stories();
    let q = "*** ".repeat(1500);
    let r = env.run(&["search", &q]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.lines().count() == 1 && r.stderr.len() < 200,
        "{}",
        r.stderr
    );
}

#[test]
fn a_huge_article_is_split_into_searchable_parts() {
    let env = Env::new();
    let dir = env.input("docs");
    let mut text =
        String::from("Laporan Tahunan Pembangunan Desa\n\nKompas.com - 02/01/2020, 08:15 WIB\n\n");
    for i in 0..40_000 {
        text.push_str(&format!(
            "Pada bagian {i} laporan ini, warga desa nomor {} membangun jalan dan irigasi sawah sepanjang {} kilometer bersama pemerintah daerah.",
            i * 7,
            i % 97
        ));
        if i == 30_000 {
            text.push_str(" Kata langka zamrudkhatulistiwa muncul di sini.");
        }
        text.push_str("\n\n");
    }
    std::fs::write(dir.join("besar.txt"), &text).unwrap();
    assert!(text.len() > 5 << 20);
    let r = env.run(&["index", "--quiet", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("split into"), "{}", r.stderr);
    let res = env.search(&["zamrudkhatulistiwa"]);
    assert_eq!(res["total"], 1);
    let title = res["hits"][0]["title"].as_str().unwrap();
    assert!(
        title.starts_with("Laporan Tahunan Pembangunan Desa (part "),
        "{title}"
    );
    let stats = env.json(&["stats", "--json"]);
    assert!(stats["articles"].as_u64().unwrap() >= 5, "{stats}");
}

#[test]
fn devices_fifos_and_gzip_bombs_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let (arts, run) = parse_json(&[Path::new("/dev/zero")]);
    assert!(arts.is_empty());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);

    let fifo = dir.path().join("pipa.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("parse")
        .arg(&fifo)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A FIFO with no writer blocks a reader forever: the run must not open it.
    let mut waited = 0;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if waited > 600 {
            child.kill().ok();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    };
    assert!(status.is_some(), "parse blocked on a FIFO");

    // 600 MB of zeros in a few hundred KB of gzip: refused at the limit.
    let bomb = dir.path().join("bom.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..600 {
        enc.write_all(&zeros).unwrap();
    }
    std::fs::write(&bomb, enc.finish().unwrap()).unwrap();
    let (_, run) = parse_json(&[&bomb]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("too large"), "{}", run.stderr);
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let env = Env::new();
    let dir = env.input("docs");
    let evil = "\x1b]0;owned\x07\x1b[2J\x1b]8;;http://evil.example\x07klik\x1b]8;;\x07";
    write_dump(&dir, "a.txt", &format!("Judul {evil} Berita"), "Kompas.com - 02/01/2020, 08:15 WIB", &[
        &format!("JAKARTA, KOMPAS.com - Isi berita {evil} yang cukup panjang untuk dibaca sebagai artikel oleh warta."),
        "Paragraf kedua yang juga cukup panjang untuk dibaca sebagai bagian artikel.",
    ]);
    std::fs::write(dir.join("rusak\x1b]0;owned\x07\x1b[2J.txt"), "").unwrap();
    let r = env.run(&["index", "--quiet", dir.to_str().unwrap()]);
    assert!(!r.stderr.contains('\x1b'), "warning: {:?}", r.stderr);
    assert!(r.stderr.contains("rusak␛]0;owned␇"), "{:?}", r.stderr);
    let id = env.search(&["berita"])["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for args in [
        vec!["search", "berita"],
        vec!["search", &format!("tidakada {evil}")],
        vec!["show", &id],
        vec!["similar", &id],
        vec!["stats"],
        vec!["entities"],
    ] {
        let r = env.run(&args);
        assert!(
            !r.stdout.contains('\x1b') && !r.stdout.contains('\x07'),
            "{args:?}: {:?}",
            r.stdout
        );
        assert!(!r.stderr.contains('\x1b'), "{args:?}: {:?}", r.stderr);
    }
    let (_, run) = parse_json(&[dir.join("a.txt")]);
    let plain = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("parse")
        .arg(dir.join("a.txt"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
    // JSON keeps the text, escaped.
    assert!(run.stdout.contains("\\u001b]0;owned"), "{}", run.stdout);
}

#[test]
fn symbolic_links_out_of_the_folder_are_skipped_unless_asked() {
    let env = Env::new();
    let outside = env.input("rahasia");
    write_dump(&outside, "secret.txt", "Dokumen Rahasia Negara", "Kompas.com - 02/01/2020, 08:15 WIB", &[
        "JAKARTA, KOMPAS.com - Isi dokumen rahasia yang tidak boleh masuk arsip tanpa izin pemiliknya.",
        "Paragraf kedua yang juga cukup panjang untuk dibaca sebagai bagian artikel.",
    ]);
    let dir = env.input("docs");
    write_dermaga(&dir, "dermaga.txt");
    std::os::unix::fs::symlink(outside.join("secret.txt"), dir.join("innocent.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("folder")).unwrap();
    // A link inside the folder to a file inside it is followed.
    std::os::unix::fs::symlink(dir.join("dermaga.txt"), dir.join("salinan.txt")).unwrap();
    let r = env.index(&[&dir]);
    assert_eq!(
        r.stderr
            .matches("outside the folders being indexed")
            .count(),
        2,
        "{}",
        r.stderr
    );
    assert_eq!(total(&env, &["rahasia"]), 0);
    assert_eq!(total(&env, &["dermaga"]), 1);
    let r = env.run(&["index", "--quiet", "--follow-links", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(total(&env, &["rahasia"]), 1);
}

#[test]
fn a_query_may_start_with_a_dash() {
    let env = two_stories();
    let r = env.run(&["search", "-Putin", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["query"], "-Putin");
    assert_eq!(total(&env, &["Korea", "-Selatan", "--limit", "5"]), 1);
    let r = env.run(&["timeline", "-Putin", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn pasted_text_with_punctuation_falls_back_to_any_word() {
    let env = two_stories();
    for pasted in [
        "Militer Korea Selatan (Korsel) mengatakan rudal itu terbang sekitar 600 kilometer.",
        "Korea Utara menembakkan “rudal balistik” ke arah laut pada Jumat pagi (4 / 11 / 2022) - kata Prof. Dr. Budi.",
        "Presiden Rusia Vladimir Putin - Benz (kiri) menyambut pemimpin \"Korea Utara\" hari Selasa kemarin",
    ] {
        let v = env.search(&[pasted]);
        assert!(v["total"].as_u64().unwrap() >= 1, "{pasted}: {v}");
        assert_eq!(v["fallback"], true, "{pasted}");
    }
}

/// Any paragraph pasted from an article, with the punctuation, brackets, quotes and
/// stray words people paste along with it, finds something (through the any-word
/// fallback when no article has every word).
#[test]
fn any_pasted_paragraph_that_shares_words_finds_results() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let env = Env::new();
    env.index(&[repo().join("sample_corpus")]);
    let export = env.run(&["export"]);
    let bodies: Vec<String> = export
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["body"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .filter(|b| b.split_whitespace().count() > 40)
        .collect();
    assert!(bodies.len() > 20);
    const NOISE: &[&str] = &[
        "(",
        ")",
        "“",
        "”",
        "\"",
        "-",
        "/",
        "Prof.",
        "Dr.",
        "(28 / 08 / 2016)",
        "zzyzx",
        "qwertyuiop",
    ];
    let strategy = (
        0..bodies.len(),
        0usize..30,
        5usize..25,
        prop::collection::vec((0usize..40, prop::sample::select(NOISE)), 0..6),
    );
    // Seeded, so that a failure is the same on every run (the seed is in the message).
    let config = Config {
        cases: 60,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[21; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    runner
        .run(&strategy, |(b, start, len, inserts)| {
            let words: Vec<&str> = bodies[b].split_whitespace().collect();
            let start = start.min(words.len() - 5);
            let mut pasted: Vec<String> = words[start..(start + len).min(words.len())]
                .iter()
                .map(|w| w.to_string())
                .collect();
            for (at, n) in inserts {
                let at = at.min(pasted.len());
                pasted.insert(at, n.to_string());
            }
            let text = pasted.join(" ");
            let r = env.run(&["search", "--json", "--", &text]);
            prop_assert_eq!(r.code, 0, "{}: {}", text, r.stderr);
            let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
            prop_assert!(v["total"].as_u64().unwrap() >= 1, "{}: {}", text, v);
            Ok(())
        })
        .unwrap();
}

/// Issue #21, item 9: a page of 100,000 nested `<div>`s took a minute to index
/// (html5ever and the extractor walked the open elements for every tag). Nesting is
/// now cut at a depth limit before parsing: the page and a JSON body of the same
/// shape index, their text is found, and a warning says what was cut.
#[test]
fn deeply_nested_html_indexes_and_keeps_its_text() {
    let env = Env::new();
    let dir = env.input("deep");
    let n = 100_000;
    let page = format!(
        "<html><head><title>Halaman bersarang dalam</title></head><body>{}<p>Kalimat \
         zamrudtersembunyi ini berada di dasar sarang, dengan koma, agar terbaca sebagai \
         paragraf berita yang utuh.</p><p>Paragraf sesudahnya menyebut kata safirpenutup, \
         juga di dasar, dan tetap ada.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    std::fs::write(dir.join("deep.html"), &page).unwrap();
    let body = format!(
        "{}<p>Isi JSON menyebut kata mirahbersarang di dasar.</p>{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let record = serde_json::json!({"title": "Rekaman JSON bersarang", "body": body,
        "date": "2020-01-02T03:04:05Z", "url": "https://example.org/deep"});
    std::fs::write(dir.join("deep.jsonl"), format!("{record}\n")).unwrap();

    let r = env.index(&[&dir]);
    r.assert_no_bug("indexing deeply nested HTML");
    assert!(
        r.stderr.contains("deep.html") && r.stderr.contains("nested deeper than"),
        "the cut is reported: {}",
        r.stderr
    );
    for word in ["zamrudtersembunyi", "safirpenutup", "mirahbersarang"] {
        assert_eq!(total(&env, &[word]), 1, "{word} is found");
    }
    let (arts, run) = parse_json(&[dir.join("deep.html")]);
    run.assert_no_bug("parse of deeply nested HTML");
    let text = arts[0]["body"].as_str().unwrap();
    assert!(
        text.contains("zamrudtersembunyi") && text.contains("safirpenutup"),
        "{text}"
    );
    assert_eq!(arts[0]["title"], "Halaman bersarang dalam");
}
