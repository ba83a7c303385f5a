//! Property tests of the reading side, with seeded random inputs: every format parser fed
//! arbitrary bytes (and damaged copies of the sample corpus) ends in articles or a
//! warning, never a bug; mojibake repair undoes a wrong decoding and leaves clean text
//! alone; dates written in the forms outlets print read back as the same instant.

mod common;

use chrono::{Datelike, FixedOffset, NaiveDate, TimeZone, Timelike};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::{Path, PathBuf};
use warta::extract::dates::find_datetime;
use warta::ingest::decode::repair_mojibake;
use warta::ingest::parse_bytes;

/// A runner whose cases are the same on every run (a failure can be replayed).
fn runner(cases: u32) -> TestRunner {
    let seed = *b"warta-properties-seed-0123456789";
    TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    )
}

/// The names a file may have, one per format warta reads.
const NAMES: &[&str] = &[
    "a.txt", "a.html", "a.json", "a.jsonl", "a.csv", "a.tsv", "a.sgm", "a.txt.gz", "a",
];

/// Parses bytes as a file of this name; a parser bug is reported by `parse_bytes` as an
/// "internal error" (it catches panics so that one file costs only its own warning).
fn parse_is_clean(name: &str, bytes: Vec<u8>) -> Result<(), TestCaseError> {
    match parse_bytes(Path::new(name), bytes) {
        Ok(parsed) => {
            for a in &parsed.articles {
                // A headline-only record is an article (its title is searchable); an
                // article with neither a title nor a body is not.
                prop_assert!(
                    !a.body.trim().is_empty() || !a.title.trim().is_empty(),
                    "{name}: an article with no title and no body"
                );
            }
        }
        Err(e) => {
            let msg = format!("{e:#}");
            prop_assert!(!msg.contains("internal error"), "{name}: {msg}");
            prop_assert!(!msg.contains('\n'), "{name}: a warning is one line: {msg}");
        }
    }
    Ok(())
}

/// Bytes that look a little like each format, so that parsers get past their first check.
fn format_soup() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "<html>",
        "<div class=\"content\">",
        "</div>",
        "<p>",
        "</p>",
        "<title>",
        "</title>",
        "<meta property=\"og:title\" content=\"",
        "\">",
        "<script>",
        "<!--",
        "-->",
        "{\"title\": \"",
        "\", ",
        "\"body\": \"",
        "\"date\": ",
        "[",
        "]",
        "{",
        "}",
        ":",
        ",",
        "\"",
        "\n",
        "\r\n",
        "\t",
        "judul,isi,tanggal\n",
        "<REUTERS>",
        "<BODY>",
        "</BODY>",
        "<DATE>",
        "Baca juga: ",
        "JAKARTA, KOMPAS.com - ",
        "04/11/2022, 16:31 WIB",
        "Penulis: ",
        "Editor: ",
        "Foto: ",
        "\u{feff}",
        "\u{0}",
        "\\ud800",
        "1e400",
        "Ã©",
        "â€™",
        "ä",
        "Banjir melanda Jakarta ",
        "Presiden Joko Widodo ",
        "&amp;",
        "&#",
        ";",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat().into_bytes())
}

#[test]
fn every_parser_survives_arbitrary_bytes() {
    let mut r = runner(2000);
    let input = (
        prop::sample::select(NAMES),
        prop_oneof![prop::collection::vec(any::<u8>(), 0..3000), format_soup()],
    );
    r.run(&input, |(name, bytes)| parse_is_clean(name, bytes))
        .unwrap();
}

/// Every file of the sample corpus.
fn sample_files() -> Vec<PathBuf> {
    walkdir::WalkDir::new(common::repo().join("sample_corpus"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Cut(usize),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
}

fn damage() -> impl Strategy<Value = Vec<Damage>> {
    let one = prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(i, b)| Damage::Flip(i, b)),
        any::<usize>().prop_map(Damage::Cut),
        (any::<usize>(), 1usize..200).prop_map(|(i, n)| Damage::Delete(i, n)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..40))
            .prop_map(|(i, b)| Damage::Insert(i, b)),
    ];
    prop::collection::vec(one, 1..6)
}

fn apply(mut bytes: Vec<u8>, damage: &[Damage]) -> Vec<u8> {
    for d in damage {
        let n = bytes.len().max(1);
        match d {
            Damage::Flip(i, b) if !bytes.is_empty() => bytes[i % n] ^= b,
            Damage::Cut(i) => bytes.truncate(i % n),
            Damage::Delete(i, k) if !bytes.is_empty() => {
                let at = i % n;
                let end = (at + k).min(bytes.len());
                bytes.drain(at..end);
            }
            Damage::Insert(i, b) => {
                let at = i % n.min(bytes.len() + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            _ => {}
        }
    }
    bytes
}

#[test]
fn damaged_copies_of_real_files_never_hit_a_bug() {
    let files = sample_files();
    assert!(files.len() > 20, "sample_corpus has {} files", files.len());
    let mut r = runner(1500);
    let input = (prop::sample::select(files), damage());
    r.run(&input, |(path, damage)| {
        let bytes = apply(std::fs::read(&path).unwrap(), &damage);
        parse_is_clean(path.to_str().unwrap(), bytes)
    })
    .unwrap();
}

/// Words and punctuation of Indonesian and English news text beyond ASCII, without the
/// characters that mojibake itself is made of (`Ã`, `Â`, `â`, `€`...). Accented letters
/// come inside words, as in real text: a bare `ç’’` does spell one UTF-8 sequence.
fn clean_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Banjir ",
        "melanda ",
        "Jakarta",
        ", ",
        ". ",
        "\n",
        "café ",
        "Müller ",
        "José ",
        "naïve ",
        "’",
        "‘",
        "“",
        "”",
        "–",
        "—",
        "…",
        "garçon ",
        "Zürich ",
        "España ",
        "été ",
        "Köln ",
        "°",
        "½",
        "€",
        "Rp10.000 ",
        "(ANTARA) ",
        "\u{a0}",
        "Sỹ ",
        "Đà Nẵng ",
    ]);
    prop::collection::vec(pieces, 1..40).prop_map(|v| v.concat())
}

#[test]
fn mojibake_repair_undoes_a_wrong_decoding_and_leaves_clean_text_alone() {
    let mut r = runner(3000);
    r.run(&clean_text(), |text| {
        // Clean text is never changed.
        let same = repair_mojibake(&text).into_owned();
        prop_assert_eq!(same, text.clone());
        // UTF-8 read as Windows-1252 (the common scraper mistake) is repaired.
        let (broken, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
        let fixed = repair_mojibake(&broken).into_owned();
        prop_assert_eq!(fixed, text.clone(), "from {:?}", broken);
        Ok(())
    })
    .unwrap();
}

const HARI: &[&str] = &[
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const BULAN: &[&str] = &[
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[test]
fn dates_in_the_forms_outlets_print_read_back_as_the_same_instant() {
    let mut r = runner(3000);
    let input = (
        (1800i32..2100, 1u32..=12, 1u32..=31),
        (0u32..24, 0u32..60),
        prop::sample::select(vec![("WIB", 7), ("WITA", 8), ("WIT", 9)]),
        0usize..5,
    );
    r.run(&input, |((y, m, d), (h, mi), (zone, hours), form)| {
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            return Ok(());
        };
        let weekday = HARI[date.weekday().num_days_from_monday() as usize];
        let bulan = BULAN[m as usize - 1];
        let text = match form {
            0 => format!("{weekday}, {d} {bulan} {y} {h:02}:{mi:02} {zone}"),
            1 => format!("Kompas.com - {d:02}/{m:02}/{y}, {h:02}:{mi:02} {zone}"),
            2 => format!("{y}-{m:02}-{d:02}T{h:02}:{mi:02}:00+{hours:02}:00"),
            3 => format!("{weekday} {d} {bulan} {y} | {h:02}.{mi:02} {zone}"),
            _ => format!("{} {d}, {y} {h:02}:{mi:02} {zone}", MONTHS[m as usize - 1]),
        };
        let offset = FixedOffset::east_opt(hours * 3600).unwrap();
        let want = offset.with_ymd_and_hms(y, m, d, h, mi, 0).single().unwrap();
        let got = find_datetime(&text, FixedOffset::east_opt(0).unwrap());
        prop_assert_eq!(got, Some(want), "{}", text);
        let got = got.unwrap();
        prop_assert_eq!(got.offset().local_minus_utc(), hours * 3600, "{}", text);
        prop_assert_eq!((got.hour(), got.minute()), (h, mi));
        Ok(())
    })
    .unwrap();
}

#[test]
fn date_reading_never_panics_on_any_text() {
    let mut r = runner(3000);
    let soup = prop::collection::vec(
        prop::sample::select(vec![
            "2022",
            "-",
            "/",
            ".",
            ":",
            "11",
            "31",
            "99",
            "0",
            "1",
            "Juni",
            "Feb",
            " ",
            ",",
            "WIB",
            "WITA",
            "pukul",
            "T",
            "Z",
            "+07:00",
            "-99:99",
            "pm",
            "9999999999",
            "|",
        ]),
        0..20,
    )
    .prop_map(|v| v.concat());
    let input = prop_oneof![soup, any::<String>()];
    r.run(&input, |text| {
        let _ = find_datetime(&text, FixedOffset::east_opt(7 * 3600).unwrap());
        Ok(())
    })
    .unwrap();
}
