//! Measures warta's Indonesian stemmer candidates (frostem's Snowball Indonesian and
//! sastrawi-rs) on real news text: speed with and without the word cache, agreement
//! with a hand-written list of word families, conflation of unrelated words, and
//! collisions among frequent corpus words. Also checks language detection on the
//! Indonesian and English (Reuters) parts of the corpus.
//!
//! Usage (release build for meaningful speed numbers):
//!   cargo run --release -p warta-tools --bin stem_compare -- [SHARED_DIR] [--words N] [--samples] [--lang-only]
//!   cargo run --release -p warta-tools --bin stem_compare -- --stem-file WORDS.txt   (prints both stems)
//! SHARED_DIR defaults to `../shared` beside the crate.

use anyhow::{Context, Result};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;
use warta::analysis::stem::{self, clear_cache, stemmable};
use warta::analysis::{analyze, detect_lang, exact_analyzer, stemmed_analyzer, stopwords};

const STEMMERS: [IdStemmer; 2] = [IdStemmer::Snowball, IdStemmer::Sastrawi];

/// The two candidates: warta's own (sastrawi-rs with its cache) and the Snowball
/// Indonesian stemmer of `frostem`, which warta does not ship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum IdStemmer {
    Sastrawi,
    Snowball,
}

thread_local! {
    /// The Snowball candidate's word cache, built like warta's (see `cached`).
    static SNOWBALL_CACHE: std::cell::RefCell<HashMap<String, String>> = Default::default();
}

impl IdStemmer {
    fn name(self) -> &'static str {
        match self {
            IdStemmer::Sastrawi => "sastrawi-rs (Nazief-Adriani + dictionary)",
            IdStemmer::Snowball => "frostem (Snowball Indonesian)",
        }
    }

    fn stem_uncached(self, word: &str) -> String {
        match self {
            IdStemmer::Sastrawi => stem::stem_uncached(word),
            IdStemmer::Snowball if !stemmable(word) => word.to_string(),
            IdStemmer::Snowball => frostem::Stemmer::new(frostem::Algorithm::Indonesian)
                .stem(word)
                .into_owned(),
        }
    }

    fn stem_in_place(self, word: &mut String) {
        match self {
            IdStemmer::Sastrawi => stem::stem_in_place(word),
            IdStemmer::Snowball => SNOWBALL_CACHE.with(|c| {
                let mut c = c.borrow_mut();
                if let Some(s) = c.get(word.as_str()) {
                    word.clone_from(s);
                } else {
                    let s = self.stem_uncached(word);
                    c.insert(word.clone(), s.clone());
                    *word = s;
                }
            }),
        }
    }
}

/// Empties both candidates' caches.
fn clear_caches() {
    clear_cache();
    SNOWBALL_CACHE.with(|c| c.borrow_mut().clear());
}

/// Word families that should share one stem (root first). Written for this check.
const FAMILIES: &[&[&str]] = &[
    &[
        "tangkap",
        "menangkap",
        "ditangkap",
        "penangkapan",
        "tertangkap",
        "tangkapan",
    ],
    &["kata", "mengatakan", "dikatakan", "berkata", "perkataan"],
    &[
        "bangun",
        "membangun",
        "dibangun",
        "pembangunan",
        "bangunan",
        "membangunkan",
    ],
    &["ambil", "mengambil", "diambil", "pengambilan"],
    &[
        "tulis", "menulis", "ditulis", "penulis", "tulisan", "tertulis",
    ],
    &["pukul", "memukul", "dipukul", "pemukulan"],
    &[
        "kirim",
        "mengirim",
        "dikirim",
        "pengiriman",
        "kiriman",
        "mengirimkan",
    ],
    &[
        "pilih",
        "memilih",
        "dipilih",
        "pemilihan",
        "pilihan",
        "terpilih",
    ],
    &["jual", "menjual", "dijual", "penjualan", "penjual"],
    &["beli", "membeli", "dibeli", "pembeli", "pembelian"],
    &["periksa", "memeriksa", "diperiksa", "pemeriksaan"],
    &[
        "selidik",
        "menyelidiki",
        "diselidiki",
        "penyelidikan",
        "penyelidik",
    ],
    &["sidik", "penyidik", "penyidikan", "disidik"],
    &[
        "ungkap",
        "mengungkap",
        "diungkap",
        "pengungkapan",
        "mengungkapkan",
        "terungkap",
    ],
    &["bantu", "membantu", "dibantu", "bantuan", "pembantu"],
    &[
        "temu",
        "menemukan",
        "ditemukan",
        "penemuan",
        "bertemu",
        "pertemuan",
    ],
    &[
        "ajar",
        "belajar",
        "mengajar",
        "pelajaran",
        "diajarkan",
        "pelajar",
    ],
    &[
        "kerja",
        "bekerja",
        "pekerja",
        "pekerjaan",
        "dikerjakan",
        "mengerjakan",
    ],
    &[
        "main",
        "bermain",
        "pemain",
        "permainan",
        "dimainkan",
        "memainkan",
    ],
    &["tanya", "bertanya", "pertanyaan", "ditanya", "menanyakan"],
    &["jawab", "menjawab", "dijawab", "jawaban"],
    &["aman", "keamanan", "mengamankan", "diamankan", "pengamanan"],
    &["selamat", "keselamatan", "menyelamatkan", "diselamatkan"],
    &[
        "hasil",
        "menghasilkan",
        "dihasilkan",
        "berhasil",
        "keberhasilan",
    ],
    &["putus", "memutuskan", "diputuskan", "keputusan", "putusan"],
    &["umum", "mengumumkan", "diumumkan", "pengumuman"],
    &[
        "tingkat",
        "meningkat",
        "meningkatkan",
        "ditingkatkan",
        "peningkatan",
    ],
    &["turun", "menurun", "menurunkan", "diturunkan", "penurunan"],
    &["naik", "menaikkan", "dinaikkan", "kenaikan"],
    &["dakwa", "mendakwa", "didakwa", "terdakwa", "dakwaan"],
    &["tuntut", "menuntut", "dituntut", "tuntutan", "penuntut"],
    &[
        "tahan",
        "menahan",
        "ditahan",
        "penahanan",
        "tahanan",
        "bertahan",
    ],
    &[
        "bunuh",
        "membunuh",
        "dibunuh",
        "pembunuhan",
        "pembunuh",
        "terbunuh",
    ],
    &["curi", "mencuri", "dicuri", "pencuri", "pencurian"],
    &["rampok", "merampok", "dirampok", "perampokan", "perampok"],
    &["serang", "menyerang", "diserang", "serangan", "penyerangan"],
    &[
        "lapor",
        "melapor",
        "melaporkan",
        "dilaporkan",
        "laporan",
        "pelapor",
    ],
    &["minta", "meminta", "diminta", "permintaan"],
    &["terima", "menerima", "diterima", "penerimaan"],
    &["dukung", "mendukung", "didukung", "dukungan", "pendukung"],
    &[
        "kembang",
        "mengembangkan",
        "dikembangkan",
        "perkembangan",
        "pengembangan",
        "berkembang",
    ],
    &["ekonomi", "perekonomian"],
    &["tani", "petani", "pertanian"],
    &["rawat", "merawat", "dirawat", "perawatan", "perawat"],
    &["obat", "mengobati", "diobati", "pengobatan"],
    &["didik", "mendidik", "pendidikan", "dididik", "pendidik"],
    &["bayar", "membayar", "dibayar", "pembayaran", "bayaran"],
    &["pinjam", "meminjam", "dipinjam", "pinjaman", "peminjam"],
    &[
        "tembak",
        "menembak",
        "ditembak",
        "penembakan",
        "tembakan",
        "tertembak",
    ],
    &[
        "bakar",
        "membakar",
        "dibakar",
        "kebakaran",
        "pembakaran",
        "terbakar",
    ],
    &[
        "jalan",
        "berjalan",
        "perjalanan",
        "menjalankan",
        "dijalankan",
    ],
    &["cari", "mencari", "dicari", "pencarian"],
    &["sebut", "menyebut", "disebut", "menyebutkan"],
    &["lihat", "melihat", "dilihat", "terlihat", "penglihatan"],
    &[
        "dengar",
        "mendengar",
        "didengar",
        "terdengar",
        "pendengaran",
    ],
    &["pikir", "berpikir", "memikirkan", "pemikiran", "dipikirkan"],
    &["rasa", "merasa", "dirasakan", "perasaan", "merasakan"],
    &["siap", "menyiapkan", "disiapkan", "persiapan", "kesiapan"],
    &["hadir", "menghadiri", "dihadiri", "kehadiran"],
    &["lantik", "melantik", "dilantik", "pelantikan"],
    &["resmi", "meresmikan", "diresmikan", "peresmian"],
    &["tunda", "menunda", "ditunda", "penundaan"],
    &["ubah", "mengubah", "diubah", "perubahan", "berubah"],
    &[
        "pimpin",
        "memimpin",
        "dipimpin",
        "pemimpin",
        "kepemimpinan",
        "pimpinan",
    ],
    &["cegah", "mencegah", "dicegah", "pencegahan"],
    &["sita", "menyita", "disita", "penyitaan"],
    &["gugat", "menggugat", "digugat", "gugatan", "penggugat"],
    &["tolak", "menolak", "ditolak", "penolakan"],
    &["bahas", "membahas", "dibahas", "pembahasan"],
    &["sepakat", "menyepakati", "disepakati", "kesepakatan"],
];

/// Pairs of unrelated words that a stemmer must keep apart. Written for this check.
const DISTINCT: &[(&str, &str)] = &[
    ("berita", "ita"),
    ("masalah", "masa"),
    ("sejarah", "jarah"),
    ("menteri", "teri"),
    ("kepala", "pala"),
    ("perdana", "dana"),
    ("keras", "ras"),
    ("beras", "ras"),
    ("bekas", "kas"),
    ("kelas", "las"),
    ("perak", "rak"),
    ("pedas", "das"),
    ("dingin", "ingin"),
    ("dilema", "lema"),
    ("menang", "tenang"),
    ("perawan", "awan"),
    ("perawan", "rawan"),
    ("beruang", "uang"),
    ("beruang", "ruang"),
    ("kemeja", "meja"),
    ("ketua", "tua"),
    ("terbang", "bang"),
    ("teras", "ras"),
    ("perban", "ban"),
    ("pesisir", "sisir"),
    ("kedai", "dai"),
    ("mentari", "tari"),
    ("mentega", "tega"),
    ("mereka", "reka"),
    ("petang", "tang"),
];

/// The checks the issue names explicitly.
const REQUIRED_SAME: &[(&str, &str)] = &[
    ("menangkap", "ditangkap"),
    ("menangkap", "penangkapan"),
    ("mengatakan", "dikatakan"),
];

struct Args {
    shared: PathBuf,
    max_words: usize,
    samples: bool,
    stem_file: Option<PathBuf>,
    lang_only: bool,
}

fn parse_args() -> Args {
    let mut args = Args {
        shared: Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
        max_words: 3_000_000,
        samples: false,
        stem_file: None,
        lang_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--words" => {
                args.max_words = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(args.max_words)
            }
            "--samples" => args.samples = true,
            "--lang-only" => args.lang_only = true,
            "--stem-file" => args.stem_file = it.next().map(PathBuf::from),
            _ => args.shared = PathBuf::from(a),
        }
    }
    args
}

fn main() -> Result<()> {
    let args = parse_args();
    if let Some(path) = &args.stem_file {
        return stem_file(path);
    }
    let corpus = args.shared.join("corpus");
    let texts = load_indonesian(&corpus)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "corpus: {} Indonesian articles, {:.1} MB (csv content + jsonl content)",
        texts.len(),
        bytes as f64 / 1e6
    );

    if args.lang_only {
        return lang_check(&corpus, &texts);
    }
    let words = corpus_words(&texts, args.max_words);
    println!(
        "words: {} word tokens (ASCII letters, 3+ chars) for the stemmer timings\n",
        words.len()
    );

    speed_table(&words);
    analyzer_speed(&texts);
    quality_table();
    corpus_conflations(&words, args.samples);
    lang_check(&corpus, &texts)?;
    Ok(())
}

/// Prints `word snowball-stem sastrawi-stem` for every word of a file (one a line).
fn stem_file(path: &Path) -> Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    for w in text.split_whitespace() {
        let w = w.to_lowercase();
        println!(
            "{w} {} {}",
            IdStemmer::Snowball.stem_uncached(&w),
            IdStemmer::Sastrawi.stem_uncached(&w)
        );
    }
    Ok(())
}

/// `content` of every CSV row and JSONL record.
fn load_indonesian(corpus: &Path) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    for entry in sorted_files(&corpus.join("csv"))? {
        let mut rd = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(&entry)
            .with_context(|| format!("cannot read {}", entry.display()))?;
        let col = rd
            .headers()?
            .iter()
            .position(|h| h == "content")
            .unwrap_or(6);
        for rec in rd.records().flatten() {
            if let Some(c) = rec.get(col) {
                texts.push(c.to_string());
            }
        }
    }
    for entry in sorted_files(&corpus.join("jsonl"))? {
        let data = std::fs::read_to_string(&entry)
            .with_context(|| format!("cannot read {}", entry.display()))?;
        for line in data.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(c) = v.get("content").and_then(|c| c.as_str()) {
                    texts.push(c.to_string());
                }
            }
        }
    }
    Ok(texts)
}

fn sorted_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Lower-cased, folded word tokens the stemmers would see, in text order.
fn corpus_words(texts: &[String], max: usize) -> Vec<String> {
    let mut a = exact_analyzer();
    let mut out = Vec::new();
    for t in texts {
        out.extend(analyze(&mut a, t).into_iter().filter(|w| stemmable(w)));
        if out.len() >= max {
            out.truncate(max);
            break;
        }
    }
    out
}

fn speed_table(words: &[String]) {
    println!(
        "## Speed (single thread, {} words, best of 3 runs)",
        words.len()
    );
    println!(
        "| stemmer | uncached words/s | cached words/s (cold cache) | cached words/s (warm) |"
    );
    println!("|---|---|---|---|");
    for s in STEMMERS {
        let uncached = best_of_3(|| rate(words, |w, _| s.stem_uncached(w).len()));
        let cold = best_of_3(|| {
            clear_caches();
            rate(words, |w, buf| cached(s, w, buf))
        });
        let warm = best_of_3(|| rate(words, |w, buf| cached(s, w, buf)));
        println!(
            "| {} | {} | {} | {} |",
            s.name(),
            fmt_rate(uncached),
            fmt_rate(cold),
            fmt_rate(warm)
        );
    }
    println!();
}

/// Stems through the cache the way the token filter does (in place, reused buffer).
fn cached(s: IdStemmer, w: &str, buf: &mut String) -> usize {
    buf.clear();
    buf.push_str(w);
    s.stem_in_place(buf);
    buf.len()
}

fn best_of_3(mut f: impl FnMut() -> f64) -> f64 {
    (0..3).map(|_| f()).fold(0.0, f64::max)
}

fn rate(words: &[String], mut f: impl FnMut(&str, &mut String) -> usize) -> f64 {
    let mut buf = String::new();
    let start = Instant::now();
    let mut sink = 0usize;
    for w in words {
        sink = sink.wrapping_add(f(w, &mut buf));
    }
    let secs = start.elapsed().as_secs_f64();
    std::hint::black_box(sink);
    words.len() as f64 / secs.max(1e-9)
}

fn fmt_rate(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.1}M", r / 1e6)
    } else {
        format!("{:.0}k", r / 1e3)
    }
}

/// Throughput of the whole analyzers (tokenize, lower-case, fold, stop words, stem).
fn analyzer_speed(texts: &[String]) {
    println!("## Analyzer throughput (single thread, all articles, best of 3 runs)");
    println!("| analyzer | MB/s | tokens out/s |");
    println!("|---|---|---|");
    let bytes: usize = texts.iter().map(String::len).sum();
    for (name, mut a) in [
        ("warta_exact", exact_analyzer()),
        ("warta_stem (warm cache)", stemmed_analyzer()),
    ] {
        texts.iter().for_each(|t| drop(analyze(&mut a, t)));
        let mut best = (0.0f64, 0.0f64);
        for _ in 0..3 {
            let start = Instant::now();
            let mut tokens = 0usize;
            for t in texts {
                let mut s = a.token_stream(t);
                while s.advance() {
                    tokens += 1;
                }
            }
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            if bytes as f64 / secs > best.0 {
                best = (bytes as f64 / secs, tokens as f64 / secs);
            }
        }
        println!("| {name} | {:.1} | {} |", best.0 / 1e6, fmt_rate(best.1));
    }
    println!();
}

fn quality_table() {
    println!("## Quality on hand-written checks");
    println!(
        "| check | {} | {} |",
        STEMMERS[0].name(),
        STEMMERS[1].name()
    );
    println!("|---|---|---|");
    let row = |label: &str, f: &dyn Fn(IdStemmer) -> String| {
        println!("| {label} | {} | {} |", f(STEMMERS[0]), f(STEMMERS[1]));
    };
    for (a, b) in REQUIRED_SAME {
        row(&format!("`{a}` = `{b}`"), &|s| same_cell(s, a, b));
    }
    for (a, b) in [("berita", "ita"), ("masalah", "masa")] {
        row(&format!("`{a}` != `{b}`"), &|s| differ_cell(s, a, b));
    }
    let n_pairs: usize = FAMILIES.iter().map(|f| f.len() * (f.len() - 1) / 2).sum();
    row(
        &format!(
            "family pairs sharing a stem ({} families, {n_pairs} pairs)",
            FAMILIES.len()
        ),
        &|s| {
            let (same, total) = family_recall(s);
            format!(
                "{same}/{total} ({:.1}%)",
                100.0 * same as f64 / total as f64
            )
        },
    );
    row("families fully conflated", &|s| {
        let full = FAMILIES
            .iter()
            .filter(|f| {
                f.iter()
                    .all(|w| s.stem_uncached(w) == s.stem_uncached(f[0]))
            })
            .count();
        format!("{full}/{}", FAMILIES.len())
    });
    row("root kept as its own stem", &|s| {
        let kept = FAMILIES
            .iter()
            .filter(|f| s.stem_uncached(f[0]) == f[0])
            .count();
        format!("{kept}/{}", FAMILIES.len())
    });
    row("cross-family collisions (word pairs)", &|s| {
        cross_family_collisions(s).len().to_string()
    });
    row(
        &format!("unrelated pairs conflated (of {})", DISTINCT.len()),
        &|s| {
            DISTINCT
                .iter()
                .filter(|(a, b)| s.stem_uncached(a) == s.stem_uncached(b))
                .count()
                .to_string()
        },
    );
    println!();
    for s in STEMMERS {
        let bad: Vec<String> = DISTINCT
            .iter()
            .filter(|(a, b)| s.stem_uncached(a) == s.stem_uncached(b))
            .map(|(a, b)| format!("{a}/{b}->{}", s.stem_uncached(a)))
            .collect();
        println!(
            "{}: unrelated pairs conflated: {}",
            s.name(),
            bad.join(", ")
        );
        let cross = cross_family_collisions(s);
        println!(
            "{}: cross-family collisions: {}",
            s.name(),
            cross.join(", ")
        );
        let missed: Vec<String> = FAMILIES
            .iter()
            .flat_map(|f| f.iter().map(move |w| (f[0], *w)))
            .filter(|(root, w)| s.stem_uncached(w) != s.stem_uncached(root))
            .map(|(root, w)| {
                format!(
                    "{w}->{} (root {root}->{})",
                    s.stem_uncached(w),
                    s.stem_uncached(root)
                )
            })
            .take(25)
            .collect();
        println!(
            "{}: family members apart from their root (first 25): {}\n",
            s.name(),
            missed.join(", ")
        );
    }
}

fn same_cell(s: IdStemmer, a: &str, b: &str) -> String {
    let (x, y) = (s.stem_uncached(a), s.stem_uncached(b));
    format!("{} ({x}, {y})", if x == y { "yes" } else { "NO" })
}

fn differ_cell(s: IdStemmer, a: &str, b: &str) -> String {
    let (x, y) = (s.stem_uncached(a), s.stem_uncached(b));
    format!("{} ({x}, {y})", if x != y { "yes" } else { "NO" })
}

fn family_recall(s: IdStemmer) -> (usize, usize) {
    let (mut same, mut total) = (0, 0);
    for f in FAMILIES {
        let stems: Vec<String> = f.iter().map(|w| s.stem_uncached(w)).collect();
        for i in 0..stems.len() {
            for j in i + 1..stems.len() {
                total += 1;
                same += usize::from(stems[i] == stems[j]);
            }
        }
    }
    (same, total)
}

/// Word pairs from different families that get the same stem.
fn cross_family_collisions(s: IdStemmer) -> Vec<String> {
    let mut by_stem: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    for (k, f) in FAMILIES.iter().enumerate() {
        for w in *f {
            by_stem.entry(s.stem_uncached(w)).or_default().push((k, w));
        }
    }
    let mut out = Vec::new();
    for (stem, members) in by_stem {
        for i in 0..members.len() {
            for j in i + 1..members.len() {
                if members[i].0 != members[j].0 {
                    out.push(format!("{}/{}->{stem}", members[i].1, members[j].1));
                }
            }
        }
    }
    out
}

/// Frequent corpus words grouped by stem: how much each stemmer merges, and how many
/// merges join two different dictionary roots (a sure conflation error).
fn corpus_conflations(words: &[String], samples: bool) {
    const TOP: usize = 5000;
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for w in words {
        if !stopwords::is_indonesian_stop_word(w) {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut top: Vec<(&str, usize)> = freq.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    top.truncate(TOP);
    let dict = sastrawi::Dictionary::new();
    println!("## Conflations among the {TOP} most frequent non-stop words of the corpus");
    println!("| stemmer | words changed | stem classes | merged classes | root-root collisions (pairs) | words in them |");
    println!("|---|---|---|---|---|---|");
    let mut reports = Vec::new();
    for s in STEMMERS {
        let mut classes: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for (w, _) in &top {
            classes.entry(s.stem_uncached(w)).or_default().push(w);
        }
        let changed = top.iter().filter(|(w, _)| s.stem_uncached(w) != *w).count();
        let merged = classes.values().filter(|c| c.len() > 1).count();
        let mut collisions = Vec::new();
        let mut in_collision: HashSet<&str> = HashSet::new();
        for (stem, members) in &classes {
            let roots: Vec<&str> = members.iter().copied().filter(|w| dict.find(w)).collect();
            for i in 0..roots.len() {
                for j in i + 1..roots.len() {
                    collisions.push(format!("{}/{}->{stem}", roots[i], roots[j]));
                    in_collision.extend([roots[i], roots[j]]);
                }
            }
        }
        println!(
            "| {} | {changed} | {} | {merged} | {} | {} |",
            s.name(),
            classes.len(),
            collisions.len(),
            in_collision.len()
        );
        reports.push((s, collisions, classes));
    }
    println!();
    for (s, collisions, _) in &reports {
        let shown: Vec<&String> = collisions.iter().take(30).collect();
        println!(
            "{}: root-root collisions (first 30): {}\n",
            s.name(),
            shown
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if samples {
        print_disagreements(&top, &reports);
    }
}

/// Every 40th class that one stemmer merges and the other does not (for reading by hand).
fn print_disagreements(
    top: &[(&str, usize)],
    reports: &[(IdStemmer, Vec<String>, BTreeMap<String, Vec<&str>>)],
) {
    for (k, (s, _, classes)) in reports.iter().enumerate() {
        let other = reports[1 - k].0;
        let mut shown = Vec::new();
        for (stem, members) in classes.iter().filter(|(_, m)| m.len() > 1) {
            let other_stems: HashSet<String> =
                members.iter().map(|w| other.stem_uncached(w)).collect();
            if other_stems.len() > 1 {
                shown.push(format!("{stem}: {}", members.join(" ")));
            }
        }
        println!(
            "{} merges that {} keeps apart ({} classes; every 10th):",
            s.name(),
            other.name(),
            shown.len()
        );
        for line in shown.iter().step_by(10) {
            println!("  {line}");
        }
        println!();
    }
    let _ = top;
}

/// Language detection over the Indonesian articles and the Reuters bodies.
fn lang_check(corpus: &Path, id_texts: &[String]) -> Result<()> {
    let en_texts = reuters_bodies(&corpus.join("sgml/reuters21578"))?;
    println!("## Language detection (first 1000 chars of each text)");
    println!("| texts | n | detected as expected | texts/s |");
    println!("|---|---|---|---|");
    let mut misses = Vec::new();
    for (label, texts, want) in [
        ("Indonesian (csv+jsonl content)", id_texts, "id"),
        ("Reuters bodies", &en_texts[..], "en"),
    ] {
        let start = Instant::now();
        let hits = texts.iter().filter(|t| detect_lang(t) == want).count();
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        println!(
            "| {label} -> `{want}` | {} | {hits} ({:.2}%) | {} |",
            texts.len(),
            100.0 * hits as f64 / texts.len().max(1) as f64,
            fmt_rate(texts.len() as f64 / secs)
        );
        misses.extend(
            texts
                .iter()
                .filter(|t| detect_lang(t) != want)
                .take(8)
                .map(|t| {
                    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    format!(
                        "  {want} read as {}: {}",
                        detect_lang(t),
                        flat.chars().take(100).collect::<String>()
                    )
                }),
        );
    }
    let short: Vec<String> = id_texts
        .iter()
        .map(|t| t.split_whitespace().take(6).collect::<Vec<_>>().join(" "))
        .collect();
    let hits = short.iter().filter(|t| detect_lang(t) == "id").count();
    println!(
        "| Indonesian, first 6 words only -> `id` | {} | {hits} ({:.2}%) | |",
        short.len(),
        100.0 * hits as f64 / short.len().max(1) as f64
    );
    let short_en: Vec<String> = en_texts
        .iter()
        .map(|t| t.split_whitespace().take(6).collect::<Vec<_>>().join(" "))
        .collect();
    let hits = short_en.iter().filter(|t| detect_lang(t) == "en").count();
    println!(
        "| Reuters, first 6 words only -> `en` | {} | {hits} ({:.2}%) | |",
        short_en.len(),
        100.0 * hits as f64 / short_en.len().max(1) as f64
    );
    println!("\nmisses (first 8 of each):\n{}\n", misses.join("\n"));
    Ok(())
}

/// The text between `<BODY>` and `</BODY>` of every Reuters record.
fn reuters_bodies(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for f in sorted_files(dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
    {
        let bytes = std::fs::read(&f).with_context(|| format!("cannot read {}", f.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        for part in text.split("<BODY>").skip(1) {
            if let Some(body) = part.split("</BODY>").next() {
                out.push(body.replace("&lt;", "<").replace("&amp;", "&"));
            }
        }
    }
    Ok(out)
}
