//! Record formats through the real binary: `warta parse --json` and `warta index` +
//! `warta search` over the invented files in sample_corpus/{json,jsonl,csv,tsv,sgml,gz},
//! plus encodings (Windows-1252 bytes, mojibake) written into a temporary folder.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn sample(rel: &str) -> PathBuf {
    repo().join("sample_corpus").join(rel)
}

/// `warta parse FILE --json`: the articles and stderr.
fn parse(file: &Path) -> (Vec<Value>, Run) {
    parse_json(&[file])
}

fn by_title<'a>(arts: &'a [Value], title: &str) -> &'a Value {
    arts.iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no article titled {title:?} in {arts:#?}"))
}

fn untitled<'a>(arts: &'a [Value], body_word: &str) -> &'a Value {
    arts.iter()
        .find(|a| a["title"] == "" && a["body"].as_str().unwrap().contains(body_word))
        .unwrap_or_else(|| panic!("no untitled article with {body_word:?}"))
}

/// Indexes one sample folder and checks that each word finds exactly the expected title.
fn index_and_find(dir: &str, expect: &[(&str, &str)]) {
    let env = Env::new();
    env.index(&[sample(dir)]);
    for (word, title) in expect {
        let v = env.search(&[word]);
        let hits = hits(&v);
        assert_eq!(hits.len(), 1, "{dir}: search {word:?}: {v}");
        assert_eq!(hits[0]["title"], *title, "{dir}: search {word:?}: {v}");
    }
}

#[test]
fn json_array_container_and_single_object() {
    let (arts, run) = parse(&sample("json/api_export.json"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(arts.len(), 3, "{}", run.stdout);
    let kopi = by_title(&arts, "Petani Kopi Gayo Mulai Panen Raya");
    assert_eq!(kopi["published"], "2021-04-12T08:15:00+07:00");
    assert_eq!(kopi["authors"], serde_json::json!(["Teuku Fadhil"]));
    assert_eq!(kopi["source"], "Warta Dataran Tinggi");
    assert_eq!(
        kopi["body"].as_str().unwrap().split("\n\n").count(),
        3,
        "{kopi}"
    );
    // No headline: kept with an empty title, body from a list of {text} objects.
    let gudang = untitled(&arts, "pengering bertenaga surya");
    assert!(
        gudang["body"].as_str().unwrap().contains("\n\nAlat itu"),
        "{gudang}"
    );

    let (arts, run) = parse(&sample("json/banjir_array.json"));
    assert_eq!(arts.len(), 2, "{}", run.stderr);
    let rob = by_title(&arts, "Banjir Rob Genangi Pesisir Semarang Utara");
    assert_eq!(rob["published"], "2020-01-06T14:30:00+07:00");
    assert_eq!(
        rob["url"],
        "https://kabarpesisir.example/2020/01/06/banjir-rob-semarang-utara"
    );
    // Single line breaks are paragraphs when a body has no blank lines.
    assert_eq!(rob["body"].as_str().unwrap().split("\n\n").count(), 3);
    let sekolah = by_title(&arts, "Sekolah Darurat Dibuka di Balai Desa Kemijen");
    assert_eq!(sekolah["published"], "2020-01-07T09:05:00+07:00");
    assert_eq!(
        sekolah["authors"],
        serde_json::json!(["Rina Marlina", "Dimas Prasetyo"])
    );
    assert!(
        !sekolah["body"].as_str().unwrap().contains("Baca juga"),
        "{sekolah}"
    );

    let (arts, _) = parse(&sample("json/tunggal.json"));
    let a = &arts[0];
    assert_eq!(a["published"], "2022-11-04T16:31:00+07:00");
    let body = a["body"].as_str().unwrap();
    assert!(body.starts_with("Warga Dusun Cibeber"), "{body}");
    assert!(
        body.contains("secara gotong royong selama"),
        "HTML tags stripped: {body}"
    );
    assert!(!body.contains('<') && !body.contains("Baca juga"), "{body}");
}

/// A copy of a sample file in a temporary folder with broken parts added by `edit`.
fn broken_copy(env: &Env, rel: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let text = std::fs::read_to_string(sample(rel)).unwrap();
    let name = Path::new(rel).file_name().unwrap();
    let path = env.input("broken").join(name);
    std::fs::write(&path, edit(&text)).unwrap();
    path
}

#[test]
fn truncated_json_is_a_clear_error() {
    let env = Env::new();
    let cut = broken_copy(&env, "json/banjir_array.json", |t| {
        t[..t.len() / 2].to_string()
    });
    let (arts, run) = parse(&cut);
    assert!(arts.is_empty());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("banjir_array.json: truncated JSON (ends inside a value at line"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_records_are_warned_and_the_rest_read() {
    let env = Env::new();
    // JSONL: a line cut short and a record with nothing to read, between good lines.
    let jsonl = broken_copy(&env, "jsonl/pasar.jsonl", |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        lines.insert(
            2,
            r#"{"title": "Baris rusak", "content": "tanda kutip tidak ditutup}"#.into(),
        );
        lines.push(r#"{"id": "pasar-006", "category": "kosong", "date": "2023-03-18"}"#.into());
        lines.join("\n") + "\n"
    });
    let (arts, run) = parse(&jsonl);
    assert_eq!(run.code, 0);
    assert_eq!(arts.len(), 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("pasar.jsonl: line 3: truncated JSON"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("pasar.jsonl: line 6: no title or text"),
        "{}",
        run.stderr
    );
    // CSV: an empty row.
    let csv = broken_copy(&env, "csv/ekonomi_daerah.csv", |t| {
        format!("{t},,-,-,-,-,,\n")
    });
    let (arts, run) = parse(&csv);
    assert_eq!(arts.len(), 5, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("ekonomi_daerah.csv: line 9: no title or text"),
        "{}",
        run.stderr
    );
    // SGML: a headline-only brief is skipped and reported.
    let sgml = broken_copy(&env, "sgml/kawat-2021.sgm", |t| {
        format!(
            "{t}<REUTERS TOPICS=\"NO\" NEWID=\"9003\">\n<DATE>15-JUN-2021 11:05:00.00</DATE>\n\
             <TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>JAKARTA SHARES CLOSE FIRMER\n</TITLE>Blah blah blah.\n&#3;\n\
             </TEXT>\n</REUTERS>\n"
        )
    });
    let (arts, run) = parse(&sgml);
    assert_eq!(arts.len(), 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kawat-2021.sgm: 1 records skipped (1 no body (headline only): NEWID 9003)"),
        "{}",
        run.stderr
    );
}

#[test]
fn jsonl_records_with_and_without_titles() {
    let (arts, run) = parse(&sample("jsonl/pasar.jsonl"));
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(arts.len(), 4);
    // No title at all: still an article, body intact, `Baca juga` list gone.
    let cabai = untitled(&arts, "cabai rawit");
    assert_eq!(cabai["published"], "2023-03-14T02:15:00+00:00");
    let body = cabai["body"].as_str().unwrap();
    assert!(
        !body.contains("Baca juga") && !body.contains("Stok Bawang"),
        "{body}"
    );
    assert!(body.ends_with("hingga Lebaran."), "{body}");
    // Indonesian keys, mojibake repaired.
    let tuban = by_title(&arts, "Koperasi Nelayan Tuban Luncurkan Aplikasi Lelang");
    assert_eq!(tuban["source"], "Niaga Harian");
    assert!(
        tuban["body"]
            .as_str()
            .unwrap()
            .contains("“memotong rantai tengkulak”"),
        "{tuban}"
    );
    // Unix seconds as the date.
    let rapat = untitled(&arts, "Pontianak");
    assert_eq!(rapat["published"], "2023-03-17T08:00:00+00:00");
    let minyak = by_title(&arts, "Antrean Minyak Goreng Murah Mengular di Palembang");
    assert_eq!(minyak["published"], "2023-03-15T10:42:00+07:00");

    let (arts, run) = parse(&sample("jsonl/olahraga.ndjson"));
    assert_eq!(arts.len(), 2, "{}", run.stderr);
    let voli = by_title(
        &arts,
        "Tim Voli Putri Jawa Timur Juara Pekan Olahraga Remaja",
    );
    assert_eq!(voli["authors"], serde_json::json!(["Yohana Sitompul"]));
    let panjat = by_title(&arts, "Atlet Panjat Tebing Muda Pecahkan Rekor Nasional");
    let body = panjat["body"].as_str().unwrap();
    assert_eq!(
        body,
        "Pemanjat berusia enam belas tahun asal Bengkulu mencatat waktu 6,1 detik di nomor speed. \
         Catatan itu memperbaiki rekor lama yang bertahan tiga tahun."
    );
}

#[test]
fn csv_dates_times_paragraphs_and_leftovers() {
    let (arts, run) = parse(&sample("csv/ekonomi_daerah.csv"));
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(arts.len(), 5);

    let pabrik = by_title(&arts, "Pabrik Tekstil di Majalaya Kembali Beroperasi Penuh");
    assert_eq!(pabrik["published"], "2021-03-12T23:04:00+07:00");
    assert_eq!(pabrik["source"], "kabarbandung.example");
    let paras: Vec<&str> = pabrik["body"].as_str().unwrap().split("\n\n").collect();
    assert_eq!(
        paras,
        vec![
            "Tiga pabrik tekstil di Majalaya kembali menjalankan seluruh mesin tenun setelah pesanan ekspor meningkat.",
            "Ketua asosiasi pengusaha setempat, Hendra Gunawan, mengatakan pesanan kain sarung dari Timur Tengah naik dua kali lipat.",
            "\"Kami sampai menambah satu sif malam,\" kata Hendra, Jumat (12/3/2021).",
            "Para buruh menyambut baik tambahan jam kerja itu.",
        ]
    );
    let gabah = by_title(&arts, "Harga Gabah Kering Panen Naik di Karawang");
    assert_eq!(gabah["published"], "2022-09-16T21:12:00+07:00");
    assert!(gabah["body"]
        .as_str()
        .unwrap()
        .ends_with("“Petani sedikit lega,” kata Asep, seorang petani di Rengasdengklok."));
    let buku = by_title(&arts, "Perpustakaan Keliling Sambangi Kampung Adat");
    assert_eq!(buku["published"], "2023-07-31T09:30:00+07:00");
    let irigasi = untitled(&arts, "Sukamaju");
    assert_eq!(irigasi["published"], "2024-10-02T00:00:00+07:00");
    // A spreadsheet turned 02/10/2025 into 2025-02-10; the URL has the real day.
    let bus = by_title(&arts, "Bus Listrik Mulai Layani Rute Dago");
    assert_eq!(bus["published"], "2025-10-02T07:15:00+07:00");
}

#[test]
fn tsv_with_indonesian_headers() {
    let (arts, run) = parse(&sample("tsv/kalsel.tsv"));
    assert_eq!(arts.len(), 2, "{}", run.stderr);
    let perahu = by_title(&arts, "Lomba Perahu Hias Meriahkan HUT Kota Banjarmasin");
    assert_eq!(perahu["published"], "2020-09-24T15:45:00+07:00");
    assert_eq!(perahu["source"], "kalselkini.example");
    let pasar = by_title(&arts, "Pasar Terapung Lok Baintan Ramai Wisatawan");
    assert_eq!(pasar["published"], "2020-09-27T06:10:00+07:00");
    assert_eq!(
        pasar["authors"],
        serde_json::json!(["Muhammad Rizki", "Nurul Hidayah"])
    );
}

#[test]
fn reuters_sgml_records_with_entities() {
    let (arts, run) = parse(&sample("sgml/kawat-2021.sgm"));
    assert_eq!(arts.len(), 2, "{}", run.stderr);
    let palm = by_title(&arts, "INDONESIA PALM OIL EXPORTS SEEN HIGHER IN JULY");
    assert_eq!(palm["published"], "2021-06-14T08:30:12+00:00");
    assert_eq!(palm["dateline"], "PEKANBARU");
    assert_eq!(palm["source"], "Reuters");
    assert_eq!(palm["lang"], "en");
    assert_eq!(palm["url"], Value::Null);
    // The publisher's tags (Indonesia, Malaysia) merged with the places of the text.
    let mut places: Vec<&str> = palm["entities"]["place"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    places.sort();
    assert_eq!(
        places,
        ["India", "Indonesia", "Malaysia", "Pakistan", "Riau"]
    );
    assert_eq!(
        palm["entities"]["person"],
        serde_json::json!(["Budi Santoso"])
    );
    assert_eq!(palm["entities"]["org"], serde_json::json!(["GAPKI"]));
    let body = palm["body"].as_str().unwrap();
    assert_eq!(body.split("\n\n").count(), 3, "{body}");
    assert!(body.contains("shipments to <India> and Pakistan"), "{body}");
    assert!(body.ends_with("expected rise."), "sign-off dropped: {body}");
    let boats = by_title(&arts, "MALUKU FISHERMEN GET NEW BOAT ENGINES");
    assert_eq!(boats["dateline"], "AMBON");
    assert!(boats["body"]
        .as_str()
        .unwrap()
        .ends_with("small-scale crews."));
}

#[test]
fn gzip_files_read_as_their_inner_format() {
    let (arts, run) = parse(&sample("gz/ranah.jsonl.gz"));
    assert_eq!(arts.len(), 2, "{}", run.stderr);
    let kereta = by_title(
        &arts,
        "Kereta Api Perintis Kembali Melintas di Sumatera Barat",
    );
    assert_eq!(kereta["published"], "2019-12-20T10:00:00+07:00");
    untitled(&arts, "rumah gadang");

    let (arts, run) = parse(&sample("gz/jagung.csv.gz"));
    assert_eq!(arts.len(), 1, "{}", run.stderr);
    assert_eq!(arts[0]["published"], "2021-05-05T16:20:00+08:00");
    assert_eq!(arts[0]["body"].as_str().unwrap().split("\n\n").count(), 2);

    let (arts, run) = parse(&sample("gz/sungai.txt.gz"));
    assert_eq!(arts.len(), 1, "{}", run.stderr);
    assert_eq!(arts[0]["title"], "Relawan Bersihkan Sungai Cikapundung");
    assert!(arts[0]["body"].as_str().unwrap().contains("bank sampah"));

    // A gzipped page is unpacked and handed to the HTML reader, not refused as binary.
    let env = Env::new();
    let page = env.input("gz").join("halaman.html.gz");
    let html = "<!DOCTYPE html><html><head><title>Taman Baca Terapung di Danau Toba</title></head>\
                <body><article><p>Sebuah kapal kayu kini menjadi taman baca bagi anak-anak.</p></article></body></html>";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, html.as_bytes()).unwrap();
    std::fs::write(&page, gz.finish().unwrap()).unwrap();
    let (arts, run) = parse(&page);
    assert!(
        !run.stderr.contains("binary") && !run.stderr.contains("gzip"),
        "{}",
        run.stderr
    );
    assert!(arts
        .iter()
        .all(|a| a["path"].as_str().unwrap().ends_with("halaman.html.gz")));
}

#[test]
fn each_format_is_indexed_and_searchable() {
    index_and_find(
        "json",
        &[
            ("Takengon", "Festival Kopi Takengon Digelar Lagi"),
            ("pengering", ""),
            ("Kemijen", "Sekolah Darurat Dibuka di Balai Desa Kemijen"),
        ],
    );
    index_and_find(
        "jsonl",
        &[
            ("Pontianak", ""),
            (
                "tengkulak",
                "Koperasi Nelayan Tuban Luncurkan Aplikasi Lelang",
            ),
            (
                "voli",
                "Tim Voli Putri Jawa Timur Juara Pekan Olahraga Remaja",
            ),
        ],
    );
    index_and_find(
        "csv",
        &[
            ("Sukamaju", ""),
            (
                "Majalaya",
                "Pabrik Tekstil di Majalaya Kembali Beroperasi Penuh",
            ),
        ],
    );
    index_and_find(
        "tsv",
        &[("jukung", "Pasar Terapung Lok Baintan Ramai Wisatawan")],
    );
    index_and_find(
        "sgml",
        &[("outboard", "MALUKU FISHERMEN GET NEW BOAT ENGINES")],
    );
    index_and_find(
        "gz",
        &[
            ("gadang", ""),
            ("Gorontalo", "Panen Raya Jagung di Gorontalo"),
            ("Cikapundung", "Relawan Bersihkan Sungai Cikapundung"),
        ],
    );
}

#[test]
fn windows_1252_bytes_and_mojibake_are_read_right() {
    let env = Env::new();
    let dir = env.input("enc");
    // A CSV saved as Windows-1252: é and the curly quotes are single bytes.
    let mut bytes = b"judul,isi\nKafe di Braga,".to_vec();
    bytes.extend_from_slice(b"\"Menu caf\xe9 baru: \x93kopi susu gula aren\x94 laris.\"\n");
    std::fs::write(dir.join("cp1252.csv"), &bytes).unwrap();
    let (arts, run) = parse(&dir.join("cp1252.csv"));
    assert_eq!(arts.len(), 1, "{}", run.stderr);
    assert_eq!(
        arts[0]["body"],
        "Menu café baru: “kopi susu gula aren” laris."
    );
    assert!(run.stderr.contains("not valid UTF-8"), "{}", run.stderr);

    // UTF-8 that was once read as Windows-1252 and as Mac Roman, in one file.
    let text = "{\"title\":\"Harga naik\",\"content\":\"Dia bilang â€œcukupâ€\u{9d} dan caf\u{c3}\u{a9} itu ‚Äúramai‚Äù.\"}\n";
    std::fs::write(dir.join("moji.jsonl"), text).unwrap();
    let (arts, run) = parse(&dir.join("moji.jsonl"));
    assert_eq!(arts.len(), 1, "{}", run.stderr);
    assert_eq!(arts[0]["body"], "Dia bilang “cukup” dan café itu “ramai”.");
}
