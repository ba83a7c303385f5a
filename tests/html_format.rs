//! HTML article pages through the real binary: `warta parse FILE --json` on the
//! shared corpus of saved outlet pages (title, URL and publication time must match
//! `expected.json`; the body start is a softer check), on our own sample pages of
//! different structures, on a home page (refused with a reason) and on truncated
//! markup (no panic).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn warta_parse(files: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("parse")
        .args(files)
        .arg("--json")
        .output()
        .expect("the warta binary runs")
}

/// Articles printed by `warta parse --json`, one JSON object a line.
fn articles(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each output line is an article as JSON"))
        .collect()
}

fn parse_one(path: &Path) -> Value {
    let out = warta_parse(&[path.to_path_buf()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} did not parse: {stderr}",
        path.display()
    );
    assert!(
        stderr.trim().is_empty(),
        "{} gave warnings: {stderr}",
        path.display()
    );
    let mut all = articles(&out);
    assert_eq!(all.len(), 1, "{} should hold one article", path.display());
    all.remove(0)
}

fn shared_html() -> Option<PathBuf> {
    let dir = manifest_dir().join("../shared/corpus/html");
    if dir.join("expected.json").exists() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("../shared/corpus/html is missing (required on CI)");
    }
    eprintln!(
        "note: {} not found, skipping the shared HTML corpus test",
        dir.display()
    );
    None
}

/// Minutes since the epoch of an RFC 3339 time (compares instants, not offsets).
fn minute(s: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("bad time {s}: {e}"))
        .timestamp()
        .div_euclid(60)
}

/// Lower-case letters and digits only.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
fn shared_pages_match_expected_title_url_and_time() {
    let Some(dir) = shared_html() else { return };
    let expected: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json reads"),
    )
    .expect("expected.json is JSON");
    assert!(!expected.is_empty());
    let files: Vec<PathBuf> = expected
        .iter()
        .map(|e| dir.join(e["file"].as_str().expect("file")))
        .collect();
    let out = warta_parse(&files);
    let parsed = articles(&out);
    let mut failures = Vec::new();
    let (mut titles, mut urls, mut times, mut starts) = (0, 0, 0, 0);
    for (e, file) in expected.iter().zip(&files) {
        let path = file.display().to_string();
        let Some(a) = parsed.iter().find(|a| a["path"] == path.as_str()) else {
            failures.push(format!(
                "{path}: no article ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
            continue;
        };
        if a["title"] == e["title"] {
            titles += 1;
        } else {
            failures.push(format!("{path}: title {} != {}", a["title"], e["title"]));
        }
        if a["url"] == e["url"] {
            urls += 1;
        } else {
            failures.push(format!("{path}: url {} != {}", a["url"], e["url"]));
        }
        let want = minute(e["published_utc"].as_str().expect("published_utc"));
        match a["published"].as_str() {
            Some(p) if minute(p) == want => times += 1,
            other => failures.push(format!(
                "{path}: published {other:?} != {}",
                e["published_utc"]
            )),
        }
        // Softer: the body (after its dateline) starts inside the expected first
        // 120 characters, which may carry the dateline.
        let body_head: String = squash(a["body"].as_str().unwrap_or(""))
            .chars()
            .take(30)
            .collect();
        let expected_start = squash(
            &e["content_start"]
                .as_str()
                .unwrap_or("")
                .replace("\\n", " "),
        );
        if !body_head.is_empty() && expected_start.contains(&body_head) {
            starts += 1;
        } else {
            eprintln!(
                "body start differs for {path}: {:?}",
                a["body"].as_str().map(|b| &b[..b.len().min(80)])
            );
        }
    }
    let n = expected.len();
    eprintln!("html corpus: title {titles}/{n}, url {urls}/{n}, published {times}/{n}, body start {starts}/{n}");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        starts * 10 >= n * 8,
        "body start matched on only {starts} of {n} pages"
    );
}

fn sample(name: &str) -> PathBuf {
    manifest_dir().join("sample_corpus/html").join(name)
}

fn body(a: &Value) -> &str {
    a["body"].as_str().expect("body is a string")
}

#[test]
fn json_ld_only_page() {
    let a = parse_one(&sample("kabartimur-jsonld.html"));
    assert_eq!(a["title"], "Nelayan Takalar Panen Rumput Laut Lebih Awal");
    assert_eq!(a["url"], "https://kabartimur.example.id/ekonomi/2023/05/17/nelayan-takalar-panen-rumput-laut-lebih-awal");
    assert_eq!(
        a["published"], "2023-05-17T10:05:00+08:00",
        "the page's own WITA offset is kept"
    );
    assert_eq!(
        a["authors"],
        serde_json::json!(["Andi Pallawa"]),
        "organisations are not authors"
    );
    assert_eq!(a["dateline"], "MAKASSAR");
    assert!(
        body(&a).starts_with("Ratusan pembudidaya rumput laut"),
        "{}",
        body(&a)
    );
    assert!(body(&a).ends_with("selama musim hujan."));
    assert_eq!(body(&a).split("\n\n").count(), 5);
    for junk in ["Beranda", "Pedoman Media Siber", "hak cipta", "dataLayer"] {
        assert!(!body(&a).contains(junk), "body keeps {junk:?}");
    }
}

#[test]
fn visible_date_line_and_title_suffix_page() {
    let a = parse_one(&sample("kabar-pelosok-visible-date.html"));
    assert_eq!(
        a["title"], "Warga Sukamaju Gotong Royong Bangun Jembatan Bambu",
        "site suffix removed"
    );
    assert_eq!(a["url"], Value::Null);
    assert_eq!(a["published"], "2022-11-07T14:30:00+07:00");
    assert_eq!(a["dateline"], "Garut");
    let paragraphs: Vec<&str> = body(&a).split("\n\n").collect();
    assert_eq!(
        paragraphs.len(),
        4,
        "<br><br> separates paragraphs: {paragraphs:?}"
    );
    assert!(paragraphs[0].starts_with("Sekitar enam puluh warga"));
    assert!(!body(&a).contains("Rubrik") && !body(&a).contains("Kirim berita"));
}

#[test]
fn og_page_drops_related_links_comments_share_bar_and_ads() {
    let a = parse_one(&sample("wartacontoh-og-related-comments.html"));
    assert_eq!(a["title"], "Perpustakaan Keliling Sambangi Desa Terpencil");
    assert_eq!(
        a["url"],
        "https://www.wartacontoh.example.com/read/2024/03/09/perpustakaan-keliling-sambangi-desa-terpencil"
    );
    assert_eq!(a["source"], "WartaContoh.com");
    assert_eq!(a["published"], "2024-03-09T08:15:00+07:00");
    assert_eq!(a["authors"], serde_json::json!(["Rina Kartika"]));
    assert_eq!(a["dateline"], "JAKARTA");
    assert_eq!(
        a["captions"],
        serde_json::json!([
            "Mobil perpustakaan keliling berhenti di halaman balai desa. (Foto ilustrasi)"
        ])
    );
    let b = body(&a);
    assert!(b.starts_with("Sebuah mobil boks bercat biru"), "{b}");
    assert!(b.ends_with("menyumbangkan buku layak baca."), "{b}");
    for junk in [
        "Baca juga",
        "Taman Baca di Pos Ronda",
        "Berita Terkait",
        "Sekolah di Pesisir",
        "Komentar",
        "desa kami yang letaknya",
        "Bagikan",
        "Advertisement",
        "Terpopuler",
        "Harga Cabai",
        "literasi perpustakaan",
        "Mobil perpustakaan keliling berhenti",
    ] {
        assert!(!b.contains(junk), "body keeps {junk:?}:\n{b}");
    }
}

#[test]
fn sample_html_folder_parses_without_warnings() {
    let dir = manifest_dir().join("sample_corpus/html");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sample_corpus/html exists")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    let out = warta_parse(&files);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(articles(&out).len(), files.len());
}

#[test]
fn home_page_is_refused_with_a_reason() {
    let home = manifest_dir().join("tests/fixtures/html/home.html");
    let out = warta_parse(&[home]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(articles(&out).is_empty());
    assert!(
        stderr.contains("home.html: looks like a home or index page, not an article"),
        "{stderr}"
    );
}

#[test]
fn truncated_and_broken_markup_does_not_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = std::fs::read_to_string(sample("wartacontoh-og-related-comments.html"))
        .expect("sample reads");
    let mut files = Vec::new();
    for (i, cut) in [40, 300, 900, 1500, 2600, page.len() - 7]
        .into_iter()
        .enumerate()
    {
        let cut = (0..=cut)
            .rev()
            .find(|c| page.is_char_boundary(*c))
            .unwrap_or(0);
        let f = dir.path().join(format!("cut{i}.html"));
        std::fs::write(&f, &page[..cut]).expect("write");
        files.push(f);
    }
    let junk = dir.path().join("junk.html");
    std::fs::write(
        &junk,
        "<html><body><div><p>Teks <b>tebal <i>miring</div></p></b><<>>&&;<table><td>sel",
    )
    .expect("write");
    files.push(junk);
    let out = warta_parse(&files);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for sign in ["internal error", "panicked at"] {
        assert!(!stderr.contains(sign), "{stderr}");
    }
    // The cut that keeps the whole head and body start still yields the article.
    let last = articles(&out)
        .into_iter()
        .find(|a| a["path"].as_str().is_some_and(|p| p.ends_with("cut5.html")));
    let last = last.expect("the nearly complete page parses");
    assert_eq!(
        last["title"],
        "Perpustakaan Keliling Sambangi Desa Terpencil"
    );
}

/// A page from a site warta has never seen (`tests/fixtures/unseen_site.html`, written
/// for this test), in three forms: as written (canonical link, `og:title`), without
/// the canonical link and `og:title` (the URL then comes from an `og:url` full of
/// tracking parameters, the title from `<title>` with the site name in front), and
/// without the `<h1>` too. Every form must give the clean URL and headline, the
/// photo caption with its `Doc.` credit out of the body, and both bylined authors.
#[test]
fn unseen_site_page_gives_clean_title_url_captions_and_authors() {
    let page = std::fs::read_to_string(manifest_dir().join("tests/fixtures/unseen_site.html"))
        .expect("the fixture is in the repository");
    let tmp = tempfile::tempdir().unwrap();
    let no_canonical: String = page
        .lines()
        .filter(|l| !l.contains("rel=\"canonical\"") && !l.contains("og:title"))
        .collect::<Vec<_>>()
        .join("\n");
    let no_h1: String = no_canonical
        .lines()
        .filter(|l| !l.starts_with("<h1>"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(no_h1.contains("utm_source") && !no_h1.contains("<h1>"));
    for (name, html) in [
        ("as-written", &page),
        ("no-canonical", &no_canonical),
        ("no-h1", &no_h1),
    ] {
        let path = tmp.path().join(format!("{name}.html"));
        std::fs::write(&path, html).unwrap();
        let a = parse_one(&path);
        assert_eq!(
            a["url"], "https://kabarlembah.example/ekonomi/2023/05/14/panen-kopi",
            "{name}: the URL has no tracking query"
        );
        assert_eq!(
            a["title"], "Warga Desa Sukamaju Panen Raya Kopi Arabika",
            "{name}: the site name is cut from the title"
        );
        let text = body(&a);
        assert!(
            text.starts_with("GARUT, Kabar Lembah - Ratusan petani")
                || text.starts_with("Ratusan petani"),
            "{name}: the body starts with the story, not the caption: {text}"
        );
        assert!(!text.contains("Doc."), "{name}: {text}");
        let captions = a["captions"].as_array().unwrap();
        assert!(
            captions
                .iter()
                .any(|c| c.as_str().unwrap().starts_with("Petani memetik buah kopi")),
            "{name}: the caption is kept as a caption: {captions:?}"
        );
        assert_eq!(
            a["authors"],
            serde_json::json!(["Rina Marlina", "Budi Santoso"]),
            "{name}: both authors of the byline"
        );
    }
}
