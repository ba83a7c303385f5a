//! Benchmark corpus generator: scales the real articles in `../shared/corpus` (CSV
//! and JSONL) to any number of articles by recombining their real paragraphs, titles,
//! outlets, categories and dates, deterministically from a seed, and writes them as
//! dump files in the formats warta reads (JSONL files of ~5,000 records, CSV files in
//! the CLICK-ID column layout, plain-text page dumps). Articles are streamed to disk
//! one at a time, so a million of them never sit in memory together.
//!
//! Benchmark code, not the product: it reads the shared data with the `csv` crate and
//! `serde_json` directly. Usage:
//! `cargo run --release -p warta-tools --bin gen_corpus -- --articles N --seed S --out DIR [--mix jsonl=6,csv=3,text=1]`

use anyhow::{bail, Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use clap::Parser;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Records per JSONL or CSV file.
const RECORDS_PER_FILE: usize = 5_000;
/// Plain-text dumps per sub-folder.
const TEXT_PER_DIR: usize = 1_000;
/// Paragraphs shorter than this many words are not kept in the pool.
const MIN_PARAGRAPH_WORDS: usize = 5;

#[derive(Parser, Debug)]
#[command(about = "Generate a benchmark corpus from the real articles in ../shared/corpus")]
struct Args {
    /// Number of articles to write.
    #[arg(long)]
    articles: usize,
    /// Seed of the recombination (same seed, same corpus).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (created; must be empty or absent).
    #[arg(long)]
    out: PathBuf,
    /// Weights of the output formats, e.g. `jsonl=6,csv=3,text=1` or `text=1`.
    #[arg(long, default_value = "jsonl=6,csv=3,text=1")]
    mix: String,
    /// The shared data folder (default: ../shared beside the checkout).
    #[arg(long)]
    shared: Option<PathBuf>,
}

/// The real material articles are recombined from.
struct Pools {
    paragraphs: Vec<String>,
    /// Paragraph counts of the real articles (the length distribution to imitate).
    para_counts: Vec<usize>,
    titles: Vec<String>,
    outlets: Vec<String>,
    categories: Vec<String>,
    dates: Vec<NaiveDateTime>,
}

/// SplitMix64: small, fast and stable across platforms and crate versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One synthetic article.
struct Synth<'a> {
    n: usize,
    title: &'a str,
    outlet: &'a str,
    category: &'a str,
    date: NaiveDateTime,
    paragraphs: Vec<&'a str>,
    url: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Jsonl,
    Csv,
    Text,
}

fn main() {
    if let Err(e) = run(Args::parse()) {
        eprintln!("gen_corpus: {e:#}");
        std::process::exit(1);
    }
}

fn run(args: Args) -> Result<()> {
    let shared = args
        .shared
        .clone()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    let mix = parse_mix(&args.mix)?;
    let pools = load_pools(&shared.join("corpus"))?;
    if fs::read_dir(&args.out)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false)
    {
        bail!("{} is not empty", args.out.display());
    }
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let mut sinks = Sinks::new(&args.out);
    let mut rng = Rng(args.seed ^ 0x5741_5254_4100_0000);
    for n in 0..args.articles {
        let synth = make_article(&pools, &mut rng, n, args.seed);
        let format = choose(&mix, &mut rng);
        sinks.write(format, &synth)?;
    }
    let counts = sinks.finish()?;
    let bytes = dir_bytes(&args.out)?;
    let manifest = serde_json::json!({
        "articles": args.articles, "seed": args.seed, "mix": args.mix,
        "jsonl_records": counts[0], "csv_records": counts[1], "text_files": counts[2],
        "bytes": bytes,
        "pool": {"paragraphs": pools.paragraphs.len(), "titles": pools.titles.len(),
                 "outlets": pools.outlets.len(), "dates": pools.dates.len()},
    });
    // Kept out of the dump folders warta reads: a sibling file.
    let manifest_path = args.out.with_extension("manifest.json");
    fs::write(&manifest_path, format!("{manifest}\n"))
        .with_context(|| format!("cannot write {}", manifest_path.display()))?;
    println!("{manifest}");
    Ok(())
}

/// `jsonl=6,csv=3,text=1` -> cumulative weights.
fn parse_mix(spec: &str) -> Result<Vec<(Format, u64)>> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, weight) = part.split_once('=').unwrap_or((part, "1"));
        let format = match name.trim() {
            "jsonl" => Format::Jsonl,
            "csv" => Format::Csv,
            "text" | "txt" => Format::Text,
            other => bail!("unknown format {other:?} in --mix (jsonl, csv, text)"),
        };
        let weight: u64 = weight
            .trim()
            .parse()
            .with_context(|| format!("bad weight in --mix: {part:?}"))?;
        if weight > 0 {
            out.push((format, weight));
        }
    }
    if out.is_empty() {
        bail!("--mix names no format with a weight above 0");
    }
    Ok(out)
}

fn choose(mix: &[(Format, u64)], rng: &mut Rng) -> Format {
    let total: u64 = mix.iter().map(|m| m.1).sum();
    let mut r = rng.next() % total;
    for &(format, weight) in mix {
        if r < weight {
            return format;
        }
        r -= weight;
    }
    mix[0].0
}

fn make_article<'a>(pools: &'a Pools, rng: &mut Rng, n: usize, seed: u64) -> Synth<'a> {
    let count = (*rng.pick(&pools.para_counts)).clamp(2, 40);
    let paragraphs: Vec<&str> = (0..count)
        .map(|_| rng.pick(&pools.paragraphs).as_str())
        .collect();
    let title = rng.pick(&pools.titles).as_str();
    let outlet = rng.pick(&pools.outlets).as_str();
    let date = *rng.pick(&pools.dates);
    let url = format!(
        "https://www.{}/read/{}/{:02}/{:02}/{seed}{n:08}/{}",
        outlet_domain(outlet),
        date.year(),
        date.month(),
        date.day(),
        slug(title)
    );
    Synth {
        n,
        title,
        outlet,
        category: rng.pick(&pools.categories).as_str(),
        date,
        paragraphs,
        url,
    }
}

/// `Kompas.com` -> `kompas.com`, `cnn indonesia` -> `cnnindonesia.com`.
fn outlet_domain(outlet: &str) -> String {
    let d: String = outlet
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
        .collect();
    if d.contains('.') {
        d
    } else {
        format!("{d}.com")
    }
}

fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

// ---------- reading the real articles ----------

fn load_pools(corpus: &Path) -> Result<Pools> {
    let mut pools = Pools {
        paragraphs: Vec::new(),
        para_counts: Vec::new(),
        titles: Vec::new(),
        outlets: Vec::new(),
        categories: Vec::new(),
        dates: Vec::new(),
    };
    for path in sorted_files(&corpus.join("csv"), "csv")? {
        load_csv(&path, &mut pools).with_context(|| format!("reading {}", path.display()))?;
    }
    for path in sorted_files(&corpus.join("jsonl"), "jsonl")? {
        load_jsonl(&path, &mut pools).with_context(|| format!("reading {}", path.display()))?;
    }
    pools.outlets.sort();
    pools.outlets.dedup();
    pools.categories.sort();
    pools.categories.dedup();
    if pools.paragraphs.is_empty() || pools.titles.is_empty() || pools.dates.is_empty() {
        bail!("no usable articles under {}", corpus.display());
    }
    Ok(pools)
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    files.sort();
    Ok(files)
}

fn load_csv(path: &Path, pools: &mut Pools) -> Result<()> {
    let bytes = fs::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers()?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(title), Some(source), Some(content)) = (col("title"), col("source"), col("content"))
    else {
        bail!("missing title/source/content columns");
    };
    let (date, time, category) = (col("date"), col("time"), col("category"));
    for record in reader.records() {
        let Ok(r) = record else { continue };
        let get = |i: Option<usize>| i.and_then(|i| r.get(i)).unwrap_or("").trim();
        let paras = split_csv_content(get(Some(content)));
        if paras.is_empty() {
            continue;
        }
        pools.para_counts.push(paras.len());
        pools.paragraphs.extend(paras);
        let t = get(Some(title));
        if t.split_whitespace().count() >= 3 {
            pools
                .titles
                .push(t.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        push_nonempty(&mut pools.outlets, get(Some(source)));
        push_nonempty(&mut pools.categories, get(category));
        if let Some(d) = parse_csv_date(get(date), get(time)) {
            pools.dates.push(d);
        }
    }
    Ok(())
}

fn load_jsonl(path: &Path, pools: &mut Pools) -> Result<()> {
    let text = fs::read_to_string(path)?;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").trim();
        let paras: Vec<String> = s("content")
            .split("\n\n")
            .map(tidy)
            .filter(|p| p.split_whitespace().count() >= MIN_PARAGRAPH_WORDS)
            .collect();
        if paras.is_empty() {
            continue;
        }
        pools.para_counts.push(paras.len());
        pools.paragraphs.extend(paras);
        push_nonempty(&mut pools.outlets, s("source"));
        push_nonempty(&mut pools.categories, s("category"));
        if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s("date")) {
            pools.dates.push(d.naive_utc());
        }
    }
    Ok(())
}

fn push_nonempty(v: &mut Vec<String>, s: &str) {
    if !s.is_empty() {
        v.push(s.to_string());
    }
}

/// The CSV `content` column joins paragraphs with commas (`...Riau.,Penangkapan ...`,
/// `,,`): split where a comma follows a sentence end or another comma.
fn split_csv_content(content: &str) -> Vec<String> {
    let chars: Vec<char> = content.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let cut =
            c == ',' && (matches!(prev, '.' | '!' | '?' | '"' | '\u{201d}' | ',') || next == ',');
        if cut {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|p| tidy(p.trim_start_matches(['-', ',', ' '])))
        .filter(|p| p.split_whitespace().count() >= MIN_PARAGRAPH_WORDS)
        .collect()
}

fn tidy(p: &str) -> String {
    p.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The CSV date forms common enough to matter (`2019-10-09` + `21:48 WIB`,
/// `10-Sep-19` + `23:04`); the rest of the rows still give text, not dates.
fn parse_csv_date(date: &str, time: &str) -> Option<NaiveDateTime> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date, "%d-%b-%y"))
        .or_else(|_| NaiveDate::parse_from_str(date, "%d/%m/%Y"))
        .ok()?;
    let t = time.trim_end_matches("WIB").trim();
    let t = NaiveTime::parse_from_str(t, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
        .unwrap_or_default();
    Some(d.and_time(t))
}

// ---------- writing dumps ----------

/// Open output files, rotated every `RECORDS_PER_FILE` records.
struct Sinks {
    out: PathBuf,
    jsonl: Option<BufWriter<File>>,
    csv: Option<csv::Writer<BufWriter<File>>>,
    counts: [usize; 3],
}

impl Sinks {
    fn new(out: &Path) -> Sinks {
        Sinks {
            out: out.to_path_buf(),
            jsonl: None,
            csv: None,
            counts: [0; 3],
        }
    }

    fn write(&mut self, format: Format, a: &Synth) -> Result<()> {
        match format {
            Format::Jsonl => self.write_jsonl(a),
            Format::Csv => self.write_csv(a),
            Format::Text => self.write_text(a),
        }
    }

    fn create(&self, sub: &str, name: String) -> Result<BufWriter<File>> {
        let dir = self.out.join(sub);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(name);
        let f = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(BufWriter::with_capacity(1 << 20, f))
    }

    fn write_jsonl(&mut self, a: &Synth) -> Result<()> {
        let k = self.counts[0];
        if k % RECORDS_PER_FILE == 0 {
            if let Some(mut w) = self.jsonl.take() {
                w.flush()?;
            }
            let name = format!("dump-{:05}.jsonl", k / RECORDS_PER_FILE);
            self.jsonl = Some(self.create("jsonl", name)?);
        }
        let Some(w) = self.jsonl.as_mut() else {
            bail!("no open JSONL file")
        };
        let rec = serde_json::json!({
            "id": format!("gen-{:08}", a.n),
            "url": a.url,
            "source": a.outlet,
            "category": a.category,
            "title": a.title,
            "date": a.date.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "content": a.paragraphs.join("\n\n"),
        });
        serde_json::to_writer(&mut *w, &rec)?;
        w.write_all(b"\n")?;
        self.counts[0] += 1;
        Ok(())
    }

    fn write_csv(&mut self, a: &Synth) -> Result<()> {
        let k = self.counts[1];
        if k % RECORDS_PER_FILE == 0 {
            if let Some(mut w) = self.csv.take() {
                w.flush()?;
            }
            let name = format!("dump-{:05}.csv", k / RECORDS_PER_FILE);
            let mut w = csv::Writer::from_writer(self.create("csv", name)?);
            w.write_record([
                "title",
                "source",
                "date",
                "time",
                "category",
                "sub-category",
                "content",
                "url",
            ])?;
            self.csv = Some(w);
        }
        let style = k / RECORDS_PER_FILE;
        let (date, time) = csv_date_style(a.date, style);
        let Some(w) = self.csv.as_mut() else {
            bail!("no open CSV file")
        };
        // Paragraphs joined with commas, as in the real CLICK-ID sheets.
        let content = a.paragraphs.join(",");
        w.write_record([
            a.title, a.outlet, &date, &time, a.category, "", &content, &a.url,
        ])?;
        self.counts[1] += 1;
        Ok(())
    }

    fn write_text(&mut self, a: &Synth) -> Result<()> {
        let k = self.counts[2];
        let sub = format!("text/{:04}", k / TEXT_PER_DIR);
        let name = format!("{:08}_{}.txt", a.n, slug(a.title));
        let mut w = self.create(&sub, name)?;
        writeln!(w, "{}\n", a.title)?;
        writeln!(w, "{}\n", text_date_line(a.outlet, a.date, k))?;
        for p in &a.paragraphs {
            writeln!(w, "{p}\n")?;
        }
        writeln!(w, "{}", a.url)?;
        w.flush()?;
        self.counts[2] += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<[usize; 3]> {
        if let Some(mut w) = self.jsonl.take() {
            w.flush()?;
        }
        if let Some(mut w) = self.csv.take() {
            w.flush()?;
        }
        Ok(self.counts)
    }
}

const BULAN: [&str; 12] = [
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
const HARI: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

/// The date/time column forms of the real CSV sheets, one form per file.
fn csv_date_style(d: NaiveDateTime, style: usize) -> (String, String) {
    let hm = format!("{:02}:{:02}", d.hour(), d.minute());
    match style % 5 {
        0 => (d.format("%Y-%m-%d").to_string(), format!("{hm} WIB")),
        1 => (
            d.format("%Y-%m-%d").to_string(),
            d.format("%H:%M:%S").to_string(),
        ),
        2 => (d.format("%d-%b-%y").to_string(), hm),
        3 => (
            format!("{} {} {}", d.day(), BULAN[d.month0() as usize], d.year()),
            hm,
        ),
        _ => (d.format("%b %-d, %Y").to_string(), hm),
    }
}

/// The date line of a page dump: `Kompas.com - 25/04/2019, 18:05 WIB` or
/// `Kamis, 25 April 2019 18:05 WIB`.
fn text_date_line(outlet: &str, d: NaiveDateTime, k: usize) -> String {
    if k % 2 == 0 {
        format!(
            "{outlet} - {}, {} WIB",
            d.format("%d/%m/%Y"),
            d.format("%H:%M")
        )
    } else {
        format!(
            "{}, {} {} {} {} WIB",
            HARI[d.weekday().num_days_from_monday() as usize],
            d.day(),
            BULAN[d.month0() as usize],
            d.year(),
            d.format("%H:%M")
        )
    }
}

fn dir_bytes(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for e in walkdir::WalkDir::new(dir) {
        let e = e?;
        if e.file_type().is_file() {
            total += e.metadata()?.len();
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_content_splits_at_sentence_commas_only() {
        let p = split_csv_content(
            " - Polisi menangkap dua orang di Jalan Merdeka, Tanjungpinang kemarin.,Keduanya dibawa ke kantor polisi untuk diperiksa lebih lanjut.,,Kasus itu masih didalami penyidik hingga kini.",
        );
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].starts_with("Polisi menangkap"));
        assert!(p[0].contains("Merdeka, Tanjungpinang"));
    }

    #[test]
    fn mix_weights_are_read_and_checked() {
        assert_eq!(parse_mix("text=1").unwrap(), vec![(Format::Text, 1)]);
        assert!(parse_mix("pdf=1").is_err());
        assert!(parse_mix("csv=0").is_err());
    }

    #[test]
    fn same_seed_same_choices() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        assert_eq!(
            (0..5).map(|_| a.next()).collect::<Vec<_>>(),
            (0..5).map(|_| b.next()).collect::<Vec<_>>()
        );
    }
}
