//! Pages in the shapes of Indonesian outlets that are not in `../shared`, written for
//! this test (`tests/fixtures/unseen/`), through the real binary: the site name cut
//! from the title in its different forms (`Site.com: `, ` | Site`, ` - Site`), the
//! canonical URL without tracking queries (also a relative `rel=canonical`), the photo
//! caption with its credit (`Foto: Dok. ...`, `ANTARA FOTO/...`, `(Dok. ...)`, a
//! `Foto:` label) moved from the body to `captions`, the dateline found behind it,
//! and the authors from bylines and JSON-LD (editors left out).

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;

fn parse(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/unseen")
        .join(name);
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("parse")
        .arg(&path)
        .arg("--json")
        .output()
        .expect("the warta binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{name} holds one article");
    serde_json::from_str(lines[0]).expect("an article as JSON")
}

/// What one page must give.
struct Expect<'a> {
    url: &'a str,
    title: &'a str,
    authors: Value,
    dateline: &'a str,
    caption_start: &'a str,
    body_start: &'a str,
    published: &'a str,
}

fn check(name: &str, e: Expect) {
    let a = parse(name);
    assert_eq!(a["url"], e.url, "{name}: canonical URL, no tracking query");
    assert_eq!(a["title"], e.title, "{name}: no site name in the title");
    assert_eq!(a["authors"], e.authors, "{name}: authors");
    assert_eq!(a["dateline"], e.dateline, "{name}: dateline");
    assert_eq!(a["published"], e.published, "{name}: publication time");
    let body = a["body"].as_str().unwrap_or("");
    assert!(
        body.starts_with(e.body_start),
        "{name}: the body starts with the story: {body}"
    );
    for credit in ["Foto:", "Dok.", "ANTARA FOTO", "Baca juga", "Editor:"] {
        assert!(
            !body.contains(credit),
            "{name}: {credit} left in the body: {body}"
        );
    }
    let captions = a["captions"].as_array().cloned().unwrap_or_default();
    assert!(
        captions
            .iter()
            .any(|c| c.as_str().unwrap_or("").starts_with(e.caption_start)),
        "{name}: the caption is kept as a caption: {captions:?}"
    );
}

#[test]
fn domain_prefix_title_json_ld_author_list_and_foto_credit() {
    check(
        "domain_prefix.html",
        Expect {
            url: "https://www.suarapantura.com/daerah/2024/02/03/nelayan-tegal-melaut",
            title: "Nelayan Tegal Kembali Melaut Setelah Cuaca Membaik",
            authors: json!(["Siti Nurhaliza", "Agus Prasetyo"]),
            dateline: "TEGAL",
            caption_start: "Perahu nelayan bersandar",
            body_start: "Ratusan nelayan di Pelabuhan Tegalsari",
            published: "2024-02-03T07:15:00+07:00",
        },
    );
}

#[test]
fn bar_suffix_title_reporter_and_editor_and_antara_foto_credit() {
    check(
        "bar_suffix.html",
        Expect {
            url: "https://wartapesisir.example/ekonomi/harga-beras-padang-naik",
            title: "Harga Beras di Padang Naik Jelang Ramadan",
            authors: json!(["Yulia Rahmawati"]),
            dateline: "PADANG",
            caption_start: "Pedagang menata karung beras",
            body_start: "Harga beras medium",
            published: "2024-03-01T14:20:00+07:00",
        },
    );
}

#[test]
fn dash_suffix_title_relative_canonical_and_json_ld_author_object() {
    check(
        "dash_suffix.html",
        Expect {
            url: "https://beritanusantara.id/regional/2023/11/20/jembatan-gantung-putus",
            title: "Jembatan Gantung Putus, Siswa di Lebak Seberangi Sungai",
            authors: json!(["Dedi Kurniawan"]),
            dateline: "LEBAK",
            caption_start: "Siswa menyeberangi sungai",
            body_start: "Puluhan siswa sekolah dasar",
            published: "2023-11-20T10:05:00+07:00",
        },
    );
}

#[test]
fn visible_date_line_penulis_byline_and_foto_label() {
    check(
        "visible_only.html",
        Expect {
            url: "https://kabarin.id/jatim/2024/02/05/petani-garam-sampang",
            title: "Petani Garam di Sampang Keluhkan Harga Anjlok",
            authors: json!(["Rudi Hartono", "Maya Sari"]),
            dateline: "SAMPANG",
            caption_start: "Petani garam menjemur",
            body_start: "Petani garam di Kabupaten Sampang",
            published: "2024-02-05T09:30:00+07:00",
        },
    );
}
