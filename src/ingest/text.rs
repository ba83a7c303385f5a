//! Plain-text dumps of article pages (scraped Kompas.com, detik, Tribun, ANTARA,
//! Liputan6, Tempo, CNN Indonesia ... pages saved as text).
//!
//! Every line gets a role from its own shape (banner, breadcrumb, date line, author
//! line, lone `Penulis` label, wire `Sumber X`, URL, caption, `Baca juga` link, share
//! prompt, footer, body text); then the title, the publication time, the header block
//! and the body are chosen from the roles, and the dateline (`JAKARTA, KOMPAS.com -`)
//! is cut from the first paragraph. No outlet's exact strings are needed: the rules
//! work on line patterns, with a short list of known outlets for naming them.

use super::Parsed;
use crate::article::Article;
use crate::extract::dates::{find_datetime, wib};
use anyhow::{bail, Result};
use chrono::{DateTime, FixedOffset};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// Fewer body words than this and the file is not taken as an article.
const MIN_BODY_WORDS: usize = 12;
/// A text line with at least this many words is a paragraph, not header furniture.
const LONG_LINE_WORDS: usize = 10;
/// Date lines are short: a line with more words is a sentence that mentions a date.
const MAX_DATE_LINE_WORDS: usize = 14;

/// Parses one plain-text dump into one article.
pub fn parse(text: &str, _path: &Path) -> Result<Parsed> {
    let mut lines = classify_lines(text);
    mark_captions(&mut lines);
    bind_lone_labels(&mut lines);
    let title = find_title(&lines);
    let layout = Layout::find(&lines, title);
    let article = build_article(&lines, &layout)?;
    Ok(Parsed {
        articles: vec![article],
        warnings: vec![],
    })
}

// ---------------------------------------------------------------------------
// Line roles
// ---------------------------------------------------------------------------

/// What a line is, as far as its own text tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Page furniture to drop (banners, links, share prompts, ads).
    Noise,
    /// Furniture that also ends the story (`Berita Terkait`, `Tag:`, copyright ...).
    End,
    /// Metadata: date, author, editor, wire, URL, outlet name.
    Meta,
    /// Image caption (kept apart from the body).
    Caption,
    /// The second copy of a caption, with a photo credit in front.
    CaptionCopy,
    /// Anything else: title, paragraphs, subheadings.
    Text,
}

/// Whether a date is the publication time, an update time, or unlabelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateKind {
    Updated,
    Plain,
    Published,
}

/// A lone label line (`Penulis`, `Editor`, `Sumber`) that names the line next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Author,
    Editor,
    Wire,
}

#[derive(Debug, Clone)]
struct Line {
    text: String,
    kind: Kind,
    /// A blank line (or the file start) comes right before this line.
    after_blank: bool,
    date: Option<(DateTime<FixedOffset>, DateKind, bool)>,
    authors: Vec<String>,
    outlet: Option<String>,
    wire: Option<String>,
    url: Option<String>,
    label: Option<Label>,
}

impl Line {
    fn new(text: String, after_blank: bool) -> Line {
        Line {
            text,
            kind: Kind::Text,
            after_blank,
            date: None,
            authors: vec![],
            outlet: None,
            wire: None,
            url: None,
            label: None,
        }
    }

    fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// Lines that are page furniture wherever they stand.
static NOISE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"^baca\s*(juga|selengkapnya|lainnya|berita|artikel)\b",
        r"^baca\s*:",
        r"^pilihan editor\s*:",
        r"^(saksikan|tonton|simak|lihat) (juga )?video\b",
        r"^video pilihan\b",
        r"^change text size$",
        r"^gift (premium )?articles?\b",
        r"^(premium|exclusive|eksklusif|headline|breaking news)$",
        r"tanpa iklan",
        r"^gabung\b",
        r"^lihat (juga|selengkapnya|video|foto)\b",
        r"^simak\b.{0,40}\b(video|berita|juga|selengkapnya|breaking)",
        r"^\[gambas:.*\]$",
        r"^advertisement$",
        r"^iklan$",
        r"^ads?$",
        r"^scroll (to|untuk) (continue|resume|lanjut)",
        r"^(close|tutup) (ads?|iklan)$",
        r"^(oke|ok|okay|batal|tutup|close|x|×)$",
        r"^bagikan\b",
        r"^share\b.{0,30}$",
        r"^(login|log in|masuk|daftar|sign in|sign up|register)\b.{0,80}$",
        r"^(download|unduh) (aplikasi|app)",
        r"^(dapatkan|ikuti|follow)\b.{0,40}\b(update|berita|kami|us|whatsapp|telegram|google news|channel|instagram)",
        r"^(klik|click) (di ?sini|here)",
        r"^(populer|terpopuler|trending|terkini|terbaru|pilihan editor|editor'?s picks?|rekomendasi|video pilihan|most popular|latest news)$",
        r"^(selanjutnya|sebelumnya|next|previous|prev|load more|muat lebih banyak|tampilkan lebih banyak|show more)$",
        r"^(whatsapp|facebook|twitter|telegram|line|copy link|salin tautan|email|linkedin|pinterest)([\s,|/·•]+(whatsapp|facebook|twitter|x|telegram|line|copy link|salin tautan|email|linkedin|pinterest))*$",
        r"^\((\w{2,8}\s*/\s*)+\w{2,8}\)$",
        r"^\(\w{2,8}\)$",
        r"^(home|beranda|news|berita|index|indeks)$",
        r"^(beri|tulis) komentar",
        r"^(artikel|berita) (ini )?(telah|sudah) (tayang|terbit)",
        r"^loading\b",
        r"^[-=_*•·~]{3,}$",
        r"^(foto|video|gambar|grafis)$",
        r"^(sumber|source)\s*:?\s*$",
        r"^(langganan|berlangganan|subscribe)\b",
        r"^(cek|check) berita",
        r"^kompas\.com\+",
        r"^we (use|value) cookies",
    ]
    .iter()
    .map(|p| re(&format!("(?i){p}")))
    .collect()
});

/// Furniture that closes the story when it comes after the body has begun.
static END: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"^(berita|artikel|topik|tautan) (terkait|lainnya|populer|pilihan)\b",
        r"^(tags?|topik|topics?|label|kata kunci|keywords?)(\s+terkait)?\s*:",
        r"^(tags?|topik|topics?)(\s+terkait)?$",
        r"^(artikel|berita) (ini )?(telah|sudah) (tayang|terbit)",
        r"^(copyright|hak cipta)\b",
        r"©",
        r"^\(c\)\s*\d{4}",
        r"^komentar\b",
        r"^halaman\s*:?\s*(\d+(\s+\d+)*\s*)?(selanjutnya|berikutnya)?\s*$",
        r"^(bagikan|share) (artikel|berita|this)",
        r"^baca berita tanpa iklan",
        r"^(ikuti|follow) (berita|kami|us)",
        r"^(related|read more|more stories|you may also like|rekomendasi untuk anda)\b",
        r"^(close ads|tutup iklan)$",
    ]
    .iter()
    .map(|p| re(&format!("(?i){p}")))
    .collect()
});

/// `Penulis: X`, `Reporter: X`, `Oleh X`, `By X`: group 1 the label, 2 the names.
static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(penulis|reporter|rep|oleh|pewarta|wartawan|kontributor|koresponden|jurnalis|by|author|authors|written by|ditulis oleh|laporan)\s*[:：]?\s+(.+)$",
    )
});

/// `Editor: Y`, `Penyunting Y` and other credits that are not authors.
static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(editor|penyunting|redaktur|red|editing|edited by|fotografer|foto|videografer|video|grafis|penerjemah|translator|produser|producer)\s*[:：]?\s+\S.*$",
    )
});

/// `Laporan wartawan Tribunnews.com, X`: group 1 the outlet, 2 the names.
static REPORT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^laporan\s+(?:wartawan|reporter|koresponden|jurnalis|kontributor)\s+(?:dari\s+)?([^,]+?),\s*(.+)$",
    )
});

/// `Rizki Suryarandika - detikNews`: group 1 the names, 2 the outlet.
static NAME_DASH_OUTLET: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([^-–—|]{3,80}?)\s+[-–—|]\s+(\S.{1,40})$"));

/// `Sumber Reuters`, `Sumber: AFP`: group 1 the wire.
static WIRE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:sumber|source)\s*[:：]?\s+(.+)$"));

/// A URL alone on its line, maybe after `URL:` or `Sumber:`.
static URL_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(?:url|link|tautan|sumber|source)\s*[:：]\s*)?(https?://\S+)$"));

/// Words that say a date is the update time, or the publication time.
static UPDATED_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(diperbarui|diperbaharui|diupdate|update|updated|last updated|terakhir diubah)\b")
});
static PUBLISHED_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(diterbitkan|dipublikasikan|dipublikasi|terbit|published|posted|tayang|dimuat)\b")
});

/// A clock time such as `16:31` or `16.31`.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| re(r"\b\d{1,2}[:.]\d{2}\b"));

/// Lone label lines.
fn lone_label(text: &str) -> Option<Label> {
    let t = text.trim_end_matches([':', '：']).trim().to_lowercase();
    match t.as_str() {
        "penulis" | "reporter" | "pewarta" | "kontributor" | "wartawan" | "author" | "oleh"
        | "by" => Some(Label::Author),
        "editor" | "penyunting" | "redaktur" | "fotografer" | "videografer" => Some(Label::Editor),
        "sumber" | "source" => Some(Label::Wire),
        _ => None,
    }
}

/// Splits the file into trimmed lines and gives each its role from its own text.
fn classify_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut after_blank = true;
    for raw in text.lines() {
        let cleaned = clean_line(raw);
        if cleaned.is_empty() {
            after_blank = true;
            continue;
        }
        let mut line = Line::new(cleaned, after_blank);
        after_blank = false;
        classify(&mut line);
        out.push(line);
    }
    out
}

/// Trims a line and turns odd spaces (no-break, zero-width, BOM) into plain ones.
fn clean_line(raw: &str) -> String {
    let s: String = raw
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}'
            )
        })
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    super::collapse_ws(&s)
}

fn classify(line: &mut Line) {
    let text = line.text.clone();
    if let Some(label) = lone_label(&text) {
        line.kind = Kind::Meta;
        line.label = Some(label);
        return;
    }
    if let Some(c) = URL_LINE.captures(&text) {
        line.kind = Kind::Meta;
        line.url = Some(c[1].to_string());
        return;
    }
    if END.iter().any(|r| r.is_match(&text)) {
        line.kind = Kind::End;
        line.outlet = outlet_in_footer(&text);
        return;
    }
    if NOISE.iter().any(|r| r.is_match(&text)) || is_breadcrumb(&text) {
        line.kind = Kind::Noise;
        return;
    }
    if let Some(outlet) = canonical_outlet(&text) {
        line.kind = Kind::Meta;
        line.outlet = Some(outlet);
        return;
    }
    if classify_credits(line) {
        line.kind = Kind::Meta;
        return;
    }
    if let Some(c) = WIRE_LINE.captures(&text) {
        let wire = c[1].trim().trim_end_matches('.').to_string();
        if wire.split_whitespace().count() <= 5 && starts_upper(&wire) {
            line.kind = Kind::Meta;
            line.wire = Some(wire);
            return;
        }
    }
    if let Some(date) = date_in_line(&text) {
        line.kind = Kind::Meta;
        line.date = Some(date);
        line.outlet = outlet_in_date_line(&text);
    }
}

/// Author, editor and other credit lines, maybe several on one line split by `|`.
/// Returns true when the whole line is credits (dates on it are kept too).
fn classify_credits(line: &mut Line) -> bool {
    if let Some(c) = REPORT_LINE.captures(&line.text) {
        let names = split_names(&c[2]);
        if !names.is_empty() {
            line.outlet = canonical_outlet(c[1].trim());
            line.authors = names;
            return true;
        }
    }
    let segments: Vec<String> = line
        .text
        .split(['|', '•', '·'])
        .map(|s| s.trim().to_string())
        .collect();
    let mut credits = 0;
    let mut others = Vec::new();
    for seg in segments.iter().filter(|s| !s.is_empty()) {
        if CREDIT_LABEL.is_match(seg) {
            credits += 1;
            continue;
        }
        if let Some(c) = AUTHOR_LABEL.captures(seg) {
            let label = c[1].to_lowercase();
            let value = cut_at_credit(&c[2]);
            let names = if matches!(label.as_str(), "oleh" | "by") {
                names_before_outlet(&value, &mut line.outlet)
            } else {
                split_names(&value)
            };
            if !names.is_empty() && label != "laporan" {
                line.authors.extend(names);
                credits += 1;
                continue;
            }
        }
        if let Some((names, outlet)) = name_with_outlet_or_role(seg) {
            line.authors.extend(names);
            if outlet.is_some() {
                line.outlet = outlet;
            }
            credits += 1;
            continue;
        }
        if let Some(c) = NAME_DASH_OUTLET.captures(seg) {
            if let Some(outlet) = canonical_outlet(c[2].trim()) {
                let names = split_names(&c[1]);
                if !names.is_empty() && date_in_text(&c[1]).is_none() {
                    line.authors.extend(names);
                    line.outlet = Some(outlet);
                    credits += 1;
                    continue;
                }
            }
        }
        others.push(seg.clone());
    }
    if credits == 0 {
        return false;
    }
    // Whatever else is on a credit line: a date, an outlet name.
    let rest = others.join(" ");
    if !rest.is_empty() {
        if let Some(date) = date_in_line(&rest) {
            line.date = Some(date);
        } else if let Some(o) = canonical_outlet(&rest) {
            line.outlet.get_or_insert(o);
        } else if rest.split_whitespace().count() > 4 {
            line.authors.clear();
            return false;
        }
    }
    true
}

/// `Andreas Siregar (The Jakarta Post)` or `Reza Firmansyah, Jurnalis`: a byline
/// without a label, recognised by the outlet or role after the name.
fn name_with_outlet_or_role(seg: &str) -> Option<(Vec<String>, Option<String>)> {
    static PAREN: LazyLock<Regex> = LazyLock::new(|| re(r"^(.+?)\s*\(([^)]+)\)$"));
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(.+?)\s*[,–—-]\s*(jurnalis|reporter|wartawan|penulis|kontributor|koresponden|pewarta|correspondent|staff writer|contributor)$",
        )
    });
    if let Some(c) = PAREN.captures(seg) {
        let outlet = canonical_outlet(&c[2])?;
        let names = split_names(&c[1]);
        return (!names.is_empty()).then_some((names, Some(outlet)));
    }
    let c = ROLE.captures(seg)?;
    let names = split_names(&c[1]);
    (!names.is_empty()).then_some((names, None))
}

/// `X Editor: Y` written without a separator: keeps `X`.
fn cut_at_credit(value: &str) -> String {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\s*[,;/|-]?\s*\b(?:(?:editor|penyunting|redaktur|fotografer)\b\s*[:：]?|(?:red|foto|sumber)\s*[:：]).*$",
        )
    });
    CUT.replace(value, "").trim().to_string()
}

/// `Oleh X (Kompas.com)` / `By X, Reuters`: the names, and the outlet if named.
fn names_before_outlet(value: &str, outlet: &mut Option<String>) -> Vec<String> {
    let mut v = value.trim().to_string();
    static PAREN: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\(([^)]*)\)\s*$"));
    if let Some(c) = PAREN.captures(&v.clone()) {
        if let Some(o) = canonical_outlet(&c[1]) {
            *outlet = Some(o);
        }
        v = PAREN.replace(&v, "").to_string();
    }
    split_names(&v)
}

/// Splits `A, B dan C` into names; empty when any part does not look like a name.
fn split_names(value: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> = LazyLock::new(|| re(r"\s*(?:,|;|&|/|\band\b|\bdan\b)\s*"));
    let value = value.trim().trim_end_matches(['.', ',', ';', ':']);
    let parts: Vec<String> = SEP
        .split(value)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .filter(|p| !is_degree(p))
        .collect();
    if parts.is_empty() || !parts.iter().all(|p| is_name_like(p)) {
        return vec![];
    }
    parts
}

/// Academic titles that follow a name after a comma: `S.H.`, `M.Si`.
fn is_degree(s: &str) -> bool {
    s.len() <= 8 && s.contains('.') && !s.contains(' ')
}

/// A person's (or desk's) name: 1-6 words, starting with capitals, no sentence marks.
fn is_name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    if s.chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '!' | '?' | ':' | '"' | '“' | '”'))
    {
        return false;
    }
    if date_in_text(s).is_some() {
        return false;
    }
    let particles = [
        "bin", "binti", "van", "der", "de", "al", "el", "da", "di", "dos", "von", "la", "le", "del",
    ];
    words.iter().enumerate().all(|(i, w)| {
        let first = w.chars().find(|c| c.is_alphabetic());
        match first {
            Some(c) if c.is_uppercase() => true,
            Some(_) => i > 0 && particles.contains(&w.to_lowercase().as_str()),
            None => false,
        }
    })
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// `Home > News > Nasional`, `Beranda / Internasional`: short segments with separators.
fn is_breadcrumb(text: &str) -> bool {
    let segments: Vec<&str> = text
        .split(['>', '»', '›', '/', '|', '•'])
        .map(str::trim)
        .collect();
    if segments.len() < 2 || text.split_whitespace().count() > 10 || text.contains("://") {
        return false;
    }
    let nav = ["home", "beranda", "news", "berita", "index"];
    let has_nav = segments
        .iter()
        .any(|s| nav.contains(&s.to_lowercase().as_str()));
    let all_short = segments
        .iter()
        .all(|s| !s.is_empty() && s.split_whitespace().count() <= 3);
    let arrows = text.contains(['>', '»', '›']);
    all_short && (has_nav || arrows) && date_in_text(text).is_none()
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

fn date_in_text(text: &str) -> Option<DateTime<FixedOffset>> {
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    find_datetime(text, wib())
}

/// A date line: short, not a sentence, with a date in it. The date is the
/// publication one when the line also carries an update time.
fn date_in_line(text: &str) -> Option<(DateTime<FixedOffset>, DateKind, bool)> {
    if text.ends_with('.') && text.split_whitespace().count() > 6 {
        return None;
    }
    let cleaned = text.replace(['|', '•', '·'], " ");
    // Cut the line at its labels: `Diterbitkan A Diperbarui B` is a published A and
    // an updated B; text before any label is unlabelled.
    let mut marks: Vec<(usize, usize, DateKind)> = UPDATED_WORD
        .find_iter(&cleaned)
        .map(|m| (m.start(), m.end(), DateKind::Updated))
        .chain(
            PUBLISHED_WORD
                .find_iter(&cleaned)
                .map(|m| (m.start(), m.end(), DateKind::Published)),
        )
        .collect();
    marks.sort();
    let mut segments = vec![(
        0,
        marks.first().map_or(cleaned.len(), |m| m.0),
        DateKind::Plain,
    )];
    for (k, &(_, end, kind)) in marks.iter().enumerate() {
        let stop = marks.get(k + 1).map_or(cleaned.len(), |m| m.0);
        segments.push((end.min(stop), stop, kind));
    }
    segments
        .into_iter()
        .rev()
        .filter_map(|(from, to, kind)| {
            let seg = &cleaned[from..to];
            if seg.split_whitespace().count() > MAX_DATE_LINE_WORDS {
                return None;
            }
            date_in_text(seg).map(|d| (d, kind, CLOCK.is_match(seg)))
        })
        .max_by_key(|&(_, kind, _)| kind)
}

/// The outlet named on a date line: `Kompas.com - 04/11/2022`, `detikNews | Jumat ...`.
fn outlet_in_date_line(text: &str) -> Option<String> {
    text.split(['|', '-', '–', '—', ',', '(', ')', '•'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .find_map(canonical_outlet)
}

/// The outlet named in a footer: `Artikel ini telah tayang di Kompas.com ...`,
/// `Copyright © ANTARA 2022`.
fn outlet_in_footer(text: &str) -> Option<String> {
    static TAYANG: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)(?:tayang|terbit) di\s+(\S+(?:\s+\S+)?)"));
    if let Some(c) = TAYANG.captures(text) {
        let words: Vec<&str> = c[1].split_whitespace().collect();
        let two = words.join(" ");
        return canonical_outlet(two.trim_end_matches([',', '.'])).or_else(|| {
            words
                .first()
                .and_then(|w| canonical_outlet(w.trim_end_matches([',', '.'])))
        });
    }
    None
}

// ---------------------------------------------------------------------------
// Outlets
// ---------------------------------------------------------------------------

/// Outlets named without a domain, and domains whose usual spelling is not the
/// plain capitalised form. Keys are lower-case.
const KNOWN_OUTLETS: &[(&str, &str)] = &[
    ("kompas.com", "Kompas.com"),
    ("kompas.tv", "Kompas.tv"),
    ("kompastv", "KompasTV"),
    ("kompas tv", "KompasTV"),
    ("kompas.id", "Kompas.id"),
    ("harian kompas", "Harian Kompas"),
    ("detikcom", "detikcom"),
    ("detik.com", "detik.com"),
    ("liputan6.com", "Liputan6.com"),
    ("liputan6", "Liputan6.com"),
    ("antara", "ANTARA"),
    ("antara news", "ANTARA"),
    ("antaranews", "ANTARA"),
    ("antaranews.com", "ANTARA"),
    ("tribunnews.com", "Tribunnews.com"),
    ("tribunnews", "Tribunnews.com"),
    ("tempo.co", "Tempo.co"),
    ("tempo", "Tempo.co"),
    ("cnn indonesia", "CNN Indonesia"),
    ("cnnindonesia.com", "CNN Indonesia"),
    ("cnbc indonesia", "CNBC Indonesia"),
    ("cnbcindonesia.com", "CNBC Indonesia"),
    ("jawapos.com", "JawaPos.com"),
    ("okezone", "Okezone"),
    ("okezone.com", "Okezone"),
    ("sindonews", "Sindonews"),
    ("sindonews.com", "Sindonews.com"),
    ("republika", "Republika"),
    ("republika online", "Republika"),
    ("republika.co.id", "Republika"),
    ("suara.com", "Suara.com"),
    ("kumparan", "kumparan"),
    ("kumparan.com", "kumparan"),
    ("idn times", "IDN Times"),
    ("viva.co.id", "VIVA.co.id"),
    ("merdeka.com", "Merdeka.com"),
    ("tirto.id", "Tirto.id"),
    ("katadata", "Katadata"),
    ("bisnis.com", "Bisnis.com"),
    ("beritasatu", "Beritasatu"),
    ("beritasatu.com", "Beritasatu.com"),
    ("medcom.id", "Medcom.id"),
    ("inews", "iNews"),
    ("inews.id", "iNews.id"),
    ("media indonesia", "Media Indonesia"),
    ("the jakarta post", "The Jakarta Post"),
    ("jakarta post", "The Jakarta Post"),
    ("jakarta globe", "Jakarta Globe"),
    ("kontan", "Kontan"),
    ("kontan.co.id", "Kontan.co.id"),
    ("voa indonesia", "VOA Indonesia"),
    ("bbc indonesia", "BBC Indonesia"),
    ("bbc news indonesia", "BBC News Indonesia"),
];

/// The outlet a short piece of text names, in its usual spelling: `KOMPAS.com` ->
/// `Kompas.com`, `TRIBUNNEWS.COM` -> `Tribunnews.com`, `detikNews` as written.
fn canonical_outlet(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | ':'));
    if t.is_empty() || t.split_whitespace().count() > 4 {
        return None;
    }
    let lower = t.to_lowercase();
    if let Some((_, name)) = KNOWN_OUTLETS.iter().find(|(k, _)| *k == lower) {
        return Some(name.to_string());
    }
    static DETIK: LazyLock<Regex> = LazyLock::new(|| re(r"^detik[A-Za-z]*$"));
    if DETIK.is_match(t) && t.len() > 5 {
        return Some(t.to_string());
    }
    static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:www\.)?([a-z][a-z0-9-]*)((?:\.[a-z]{2,3})?\.(?:com|co|id|tv|net|org|news))$")
    });
    let c = DOMAIN.captures(t)?;
    let (name, tld) = (&c[1], c[2].to_lowercase());
    let name = if name.chars().all(|ch| !ch.is_lowercase()) {
        capitalise(name)
    } else {
        name.to_string()
    };
    Some(format!("{name}{tld}"))
}

fn capitalise(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Second passes: lone labels and captions
// ---------------------------------------------------------------------------

/// `Danur Lambang\nPenulis` (name then label) or `Penulis\nDanur Lambang`
/// (label then name): the name line takes the label's role. Runs of labels and
/// names are read together: a run that starts with a name pairs each label with the
/// name before it, one that starts with a label with the name after it; when a run
/// has one name too many, the longer end name (a Title Case headline) is left out.
fn bind_lone_labels(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        let end = (i..lines.len())
            .find(|&k| !(lines[k].label.is_some() || fits_label_value(&lines[k])))
            .unwrap_or(lines.len());
        if end > i {
            bind_run(lines, i, end);
            i = end;
        } else {
            i += 1;
        }
    }
}

/// A line that could be the name (or wire) a lone label points at.
fn fits_label_value(l: &Line) -> bool {
    l.kind == Kind::Text && l.label.is_none() && !split_names(&l.text).is_empty()
}

fn bind_run(lines: &mut [Line], start: usize, end: usize) {
    let labels = (start..end).filter(|&k| lines[k].label.is_some()).count();
    if labels == 0 {
        return;
    }
    let mut from = start;
    let mut to = end;
    let names = (end - start) - labels;
    if names > labels && lines[start].label.is_none() && lines[end - 1].label.is_none() {
        // `Headline\nPenulis\nName` or `Name\nPenulis\nHeadline`: drop the longer end.
        if lines[start].words() > lines[end - 1].words() {
            from += 1;
        } else {
            to -= 1;
        }
    }
    let backward = lines[from].label.is_none();
    for k in from..to {
        let Some(label) = lines[k].label else {
            continue;
        };
        let target = if backward {
            (k > from).then(|| k - 1)
        } else {
            (k + 1 < to).then_some(k + 1)
        };
        let Some(j) = target.filter(|&j| lines[j].label.is_none() && lines[j].kind == Kind::Text)
        else {
            continue;
        };
        match label {
            Label::Author => lines[j].authors = split_names(&lines[j].text),
            Label::Wire => lines[j].wire = Some(lines[j].text.trim_end_matches('.').to_string()),
            Label::Editor => {}
        }
        lines[j].kind = Kind::Meta;
    }
}

/// An image caption shows up twice, once bare and once after a photo credit
/// (`GETTY IMAGES via BBC INDONESIA Presiden ...`): the bare line is the caption,
/// the credited copy is dropped. Lines labelled `Foto:` are captions too.
fn mark_captions(lines: &mut [Line]) {
    static PHOTO_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(foto|photo|ilustrasi|gambar|keterangan foto|caption)\s*[:：]\s*\S")
    });
    for i in 0..lines.len() {
        if lines[i].kind == Kind::Text && PHOTO_LABEL.is_match(&lines[i].text) {
            lines[i].kind = Kind::Caption;
        }
    }
    for i in 0..lines.len().saturating_sub(1) {
        let j = i + 1;
        if lines[i].kind != Kind::Text || lines[j].kind != Kind::Text {
            continue;
        }
        let (a, b) = (&lines[i].text, &lines[j].text);
        if a.split_whitespace().count() < 4 || b.split_whitespace().count() < 4 {
            continue;
        }
        let same_block = !lines[j].after_blank;
        if (a == b && same_block) || is_credited_copy(b, a) {
            lines[i].kind = Kind::Caption;
            lines[j].kind = Kind::CaptionCopy;
        } else if is_credited_copy(a, b) {
            lines[i].kind = Kind::CaptionCopy;
            lines[j].kind = Kind::Caption;
        }
    }
}

/// `long` is `short` with a few words of photo credit before (or after) it.
fn is_credited_copy(long: &str, short: &str) -> bool {
    if long.len() <= short.len() {
        return false;
    }
    let extra = if let Some(prefix) = long.strip_suffix(short) {
        prefix
    } else if let Some(suffix) = long.strip_prefix(short) {
        suffix
    } else {
        return false;
    };
    let n = extra.split_whitespace().count();
    (1..=10).contains(&n)
}

// ---------------------------------------------------------------------------
// Layout: title, header block, body span, publication time
// ---------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Layout {
    title: Option<usize>,
    body_start: usize,
    body_end: usize,
    published: Option<usize>,
}

impl Layout {
    fn find(lines: &[Line], title: Option<usize>) -> Layout {
        let header_end = header_end(lines, title);
        let body_start = lines
            .iter()
            .enumerate()
            .skip(header_end.map_or(0, |h| h + 1))
            .find(|(i, l)| l.kind == Kind::Text && Some(*i) != title)
            .map_or(lines.len(), |(i, _)| i);
        let body_end = lines
            .iter()
            .enumerate()
            .skip(body_start)
            .find(|(_, l)| l.kind == Kind::End)
            .map_or(lines.len(), |(i, _)| i);
        let published = pick_published(lines, body_start);
        Layout {
            title,
            body_start,
            body_end,
            published,
        }
    }
}

/// The first substantial line that is not furniture, metadata or a sentence.
fn find_title(lines: &[Line]) -> Option<usize> {
    let candidate = |l: &Line| {
        let w = l.words();
        l.kind == Kind::Text
            && (3..=30).contains(&w)
            && l.text.chars().count() >= 12
            && (!l.text.ends_with('.') || l.text.ends_with("..."))
            && !l.text.ends_with(':')
            && split_dateline(&l.text).is_none()
    };
    // The title stands before the first paragraph of the story.
    let first_para = lines.iter().position(|l| {
        l.kind == Kind::Text && (split_dateline(&l.text).is_some() || is_paragraph(l))
    });
    let limit = first_para.unwrap_or(lines.len());
    lines[..limit].iter().position(candidate).or_else(|| {
        // No title-shaped line first: a short first line of a plain `Title\n\nBody` file.
        lines[..limit]
            .iter()
            .position(|l| l.kind == Kind::Text && l.words() >= 1 && !l.text.ends_with('.'))
    })
}

/// A line that reads as a paragraph: long, ending like a sentence.
fn is_paragraph(l: &Line) -> bool {
    l.words() >= LONG_LINE_WORDS && l.text.ends_with(['.', '"', '”', '\'', '’', ')'])
}

/// The last metadata line of the header block after the title: scans over
/// metadata, furniture and short lines, and stops at the first paragraph.
fn header_end(lines: &[Line], title: Option<usize>) -> Option<usize> {
    let start = title.map_or(0, |t| t + 1);
    let mut last = title;
    for (i, l) in lines.iter().enumerate().skip(start) {
        match l.kind {
            Kind::Meta => last = Some(i),
            Kind::Text if split_dateline(&l.text).is_some() => break,
            Kind::Text if l.words() >= LONG_LINE_WORDS || l.text.ends_with('.') => break,
            Kind::End => break,
            _ => {}
        }
    }
    // Metadata before the title (date line above it) belongs to the header too.
    last
}

/// The publication time: a date line of the header, preferring one labelled as
/// published, then an unlabelled one, and an update time only when nothing else.
fn pick_published(lines: &[Line], body_start: usize) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.date.map(|(_, kind, clock)| (i, kind, clock)))
        .max_by_key(|&(i, kind, clock)| (i < body_start, kind, clock, std::cmp::Reverse(i)))
        .map(|(i, _, _)| i)
}

// ---------------------------------------------------------------------------
// Datelines
// ---------------------------------------------------------------------------

/// The start of a story: `WASHINGTON DC, KOMPAS.com – `, `Jakarta (ANTARA) - `,
/// `Liputan6.com, Jakarta - `, `Jakarta - `, `Jakarta, CNN Indonesia -- `.
#[derive(Debug, PartialEq)]
struct Dateline {
    place: Option<String>,
    outlet: Option<String>,
    /// Byte offset where the story text begins.
    rest: usize,
}

fn split_dateline(text: &str) -> Option<Dateline> {
    static HEAD: LazyLock<Regex> =
        LazyLock::new(|| re(r"^([^-–—!?:;]{2,70}?)\s*(?:--|-|–|—)\s+\S"));
    let c = HEAD.captures(text)?;
    let head = c.get(1)?;
    if head.as_str().contains(". ") {
        return None;
    }
    let rest = c.get(0)?.end() - 1;
    let mut place = None;
    let mut outlet = None;
    let mut loose: Vec<String> = Vec::new();
    for part in head
        .as_str()
        .split([',', '(', ')'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(o) = canonical_outlet(part) {
            if outlet.replace(o).is_some() {
                return None;
            }
        } else if is_place_like(part) {
            loose.push(part.to_string());
        } else {
            return None;
        }
    }
    match loose.len() {
        0 => {}
        1 => place = loose.pop(),
        // `Jakarta, Harian Baru -`: place first, then an outlet not on the list.
        2 if outlet.is_none() => {
            outlet = Some(loose[1].clone());
            place = Some(loose[0].clone());
        }
        _ => return None,
    }
    if place.is_none() && outlet.is_none() {
        return None;
    }
    Some(Dateline {
        place,
        outlet,
        rest,
    })
}

/// A place name: 1-4 words with capitals, letters only.
fn is_place_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| starts_upper(w))
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’'))
}

// ---------------------------------------------------------------------------
// Building the article
// ---------------------------------------------------------------------------

fn build_article(lines: &[Line], layout: &Layout) -> Result<Article> {
    let title = layout
        .title
        .map(|i| lines[i].text.clone())
        .unwrap_or_default();
    let body_lines: Vec<&Line> = lines[layout.body_start..layout.body_end]
        .iter()
        .enumerate()
        .filter(|(k, l)| l.kind == Kind::Text && Some(layout.body_start + k) != layout.title)
        .map(|(_, l)| l)
        .collect();
    let (paragraphs, dateline) = body_paragraphs(&body_lines);
    let body = paragraphs.join("\n\n");
    let words = body.split_whitespace().count();
    if words < MIN_BODY_WORDS {
        bail!(
            "no recognisable article (only page furniture or too little text: {words} body words)"
        );
    }
    let mut a = Article {
        title,
        body,
        ..Default::default()
    };
    a.published = layout
        .published
        .and_then(|i| lines[i].date.map(|(d, _, _)| d));
    a.authors = lines
        .iter()
        .flat_map(|l| l.authors.iter().cloned())
        .collect();
    if a.authors.is_empty() {
        a.authors = bare_byline(lines, layout);
    }
    a.wire = lines.iter().find_map(|l| l.wire.clone());
    a.url = lines.iter().find_map(|l| l.url.clone());
    a.captions = captions(lines);
    a.source = pick_source(lines, layout, dateline.as_ref()).unwrap_or_default();
    a.dateline = dateline.and_then(|d| d.place);
    Ok(a)
}

/// A name alone on a header line next to the date or outlet line (`Dewi Putri` then
/// `The Jakarta Post`): the byline of a page that prints no label.
fn bare_byline(lines: &[Line], layout: &Layout) -> Vec<String> {
    let Some(title) = layout.title else {
        return vec![];
    };
    let is_anchor = |j: usize| {
        lines.get(j).is_some_and(|l| {
            l.kind == Kind::Meta && l.label.is_none() && (l.date.is_some() || l.outlet.is_some())
        })
    };
    for i in title + 1..layout.body_start {
        let l = &lines[i];
        if l.kind != Kind::Text || !(2..=5).contains(&l.words()) {
            continue;
        }
        let names = split_names(&l.text);
        if !names.is_empty() && (is_anchor(i + 1) || (i > title + 1 && is_anchor(i - 1))) {
            return names;
        }
    }
    vec![]
}

/// Joins body lines into paragraphs (a hard-wrapped line continues the one before),
/// cuts the dateline from the first one and editor initials from the last one.
fn body_paragraphs(lines: &[&Line]) -> (Vec<String>, Option<Dateline>) {
    let mut paras: Vec<String> = Vec::new();
    let mut prev: Option<&str> = None;
    for l in lines {
        if let (Some(p), Some(last)) = (prev.filter(|_| !l.after_blank), paras.last_mut()) {
            if continues(p, &l.text) {
                last.push(' ');
                last.push_str(&l.text);
                prev = Some(&l.text);
                continue;
            }
        }
        paras.push(l.text.clone());
        prev = Some(&l.text);
    }
    let mut dateline = None;
    if let Some(first) = paras.first_mut() {
        if let Some(d) = split_dateline(first) {
            *first = first[d.rest..].trim().to_string();
            dateline = Some(d);
        }
    }
    static INITIALS: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\((\w{2,8}\s*/\s*)*\w{2,8}\)$"));
    if let Some(last) = paras.last_mut() {
        if INITIALS
            .find(last)
            .is_some_and(|m| m.start() > 0 && last[..m.start()].ends_with(['.', '"', '”']))
        {
            *last = INITIALS.replace(last, "").to_string();
        }
    }
    paras.retain(|p| !p.trim().is_empty());
    (paras, dateline)
}

/// `next` carries on the sentence `prev` was cut in by hard wrapping: `prev` has no
/// closing mark and is long, or `next` starts in lower case.
fn continues(prev: &str, next: &str) -> bool {
    let open = !prev.ends_with(['.', '!', '?', '"', '”', '\'', '’', ':', ')']);
    let lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    open && (prev.chars().count() >= 50 || lower)
}

fn captions(lines: &[Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines.iter().filter(|l| l.kind == Kind::Caption) {
        if !out.contains(&l.text) {
            out.push(l.text.clone());
        }
    }
    out
}

/// The outlet: named on the date line or in the dateline, else on an author or
/// outlet line of the header, else the URL's host, else a footer.
fn pick_source(lines: &[Line], layout: &Layout, dateline: Option<&Dateline>) -> Option<String> {
    let date_line = layout.published.and_then(|i| lines[i].outlet.clone());
    let header = lines[..layout.body_start]
        .iter()
        .filter(|l| l.kind == Kind::Meta)
        .find_map(|l| l.outlet.clone());
    let url = lines
        .iter()
        .find_map(|l| l.url.as_deref().and_then(url_outlet));
    let anywhere = lines
        .iter()
        .filter(|l| l.kind == Kind::Meta)
        .find_map(|l| l.outlet.clone());
    let footer = lines
        .iter()
        .filter(|l| l.kind == Kind::End)
        .find_map(|l| l.outlet.clone());
    date_line
        .or_else(|| dateline.and_then(|d| d.outlet.clone()))
        .or(header)
        .or(url)
        .or(anywhere)
        .or(footer)
}

/// `https://www.kompas.com/...` -> `Kompas.com`; an unknown host as it is.
fn url_outlet(url: &str) -> Option<String> {
    let host = super::url_host(url)?;
    let parts: Vec<&str> = host.split('.').collect();
    // Sub-domains such as `internasional.kompas.com` or `news.detik.com`.
    for start in 0..parts.len().saturating_sub(1) {
        let tail = parts[start..].join(".");
        if let Some((_, name)) = KNOWN_OUTLETS.iter().find(|(k, _)| *k == tail) {
            return Some(name.to_string());
        }
    }
    Some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Article> {
        let mut parsed = parse(text, Path::new("t.txt"))?;
        Ok(parsed.articles.remove(0))
    }

    const PARA: &str = "Pemerintah kota mengumumkan rencana pembangunan taman baru di pusat kota pada tahun depan.";

    #[test]
    fn outlets_are_named_in_their_usual_spelling() {
        assert_eq!(
            canonical_outlet("KOMPAS.com").as_deref(),
            Some("Kompas.com")
        );
        assert_eq!(
            canonical_outlet("TRIBUNNEWS.COM").as_deref(),
            Some("Tribunnews.com")
        );
        assert_eq!(
            canonical_outlet("Liputan6.com").as_deref(),
            Some("Liputan6.com")
        );
        assert_eq!(canonical_outlet("ANTARA").as_deref(), Some("ANTARA"));
        assert_eq!(canonical_outlet("detikNews").as_deref(), Some("detikNews"));
        assert_eq!(
            canonical_outlet("SUARAKITA.CO.ID").as_deref(),
            Some("Suarakita.co.id")
        );
        assert_eq!(canonical_outlet("Jakarta"), None);
        assert_eq!(canonical_outlet("Presiden Joko Widodo berkata"), None);
    }

    #[test]
    fn datelines_of_many_outlets() {
        let cases = [
            (
                "WASHINGTON DC, KOMPAS.com – Pekan ini",
                Some("WASHINGTON DC"),
                Some("Kompas.com"),
                "Pekan ini",
            ),
            (
                "Jakarta (ANTARA) - Presiden",
                Some("Jakarta"),
                Some("ANTARA"),
                "Presiden",
            ),
            (
                "JAKARTA, KOMPAS.TV - Hujan",
                Some("JAKARTA"),
                Some("Kompas.tv"),
                "Hujan",
            ),
            (
                "Liputan6.com, Jakarta - Harga",
                Some("Jakarta"),
                Some("Liputan6.com"),
                "Harga",
            ),
            (
                "Jakarta - Polisi menangkap",
                Some("Jakarta"),
                None,
                "Polisi menangkap",
            ),
            (
                "Jakarta, CNN Indonesia -- Badan",
                Some("Jakarta"),
                Some("CNN Indonesia"),
                "Badan",
            ),
            (
                "TRIBUNNEWS.COM, BANDUNG - Warga",
                Some("BANDUNG"),
                Some("Tribunnews.com"),
                "Warga",
            ),
            (
                "SURABAYA — Ribuan buruh",
                Some("SURABAYA"),
                None,
                "Ribuan buruh",
            ),
        ];
        for (line, place, outlet, rest) in cases {
            let d = split_dateline(line).unwrap_or_else(|| panic!("no dateline in {line}"));
            assert_eq!(d.place.as_deref(), place, "{line}");
            assert_eq!(d.outlet.as_deref(), outlet, "{line}");
            assert_eq!(line[d.rest..].trim(), rest, "{line}");
        }
    }

    #[test]
    fn sentences_with_dashes_are_not_datelines() {
        assert!(split_dateline("Menurut dia, harga beras - yang naik - masih wajar.").is_none());
        assert!(split_dateline("Sama-sama Bermasalah dengan Barat").is_none());
        assert!(split_dateline("Pada 2019 - 2020 harga naik.").is_none());
    }

    #[test]
    fn author_lines_in_several_forms() {
        let cases: [(&str, &[&str]); 8] = [
            (
                "Penulis: Budi Santoso | Editor: Rina Wati",
                &["Budi Santoso"],
            ),
            (
                "Penulis: Budi Santoso, Sari Dewi",
                &["Budi Santoso", "Sari Dewi"],
            ),
            ("Oleh: Ahmad Fauzi", &["Ahmad Fauzi"]),
            ("Reporter: Nur Aini", &["Nur Aini"]),
            (
                "Laporan wartawan Tribunnews.com, Fersi Waku",
                &["Fersi Waku"],
            ),
            ("Rizki Suryana - detikNews", &["Rizki Suryana"]),
            ("By John Smith", &["John Smith"]),
            (
                "Pewarta: Dewa Ketut Sudiarta Wiguna",
                &["Dewa Ketut Sudiarta Wiguna"],
            ),
        ];
        for (text, names) in cases {
            let mut l = Line::new(text.to_string(), true);
            classify(&mut l);
            assert_eq!(l.kind, Kind::Meta, "{text}");
            assert_eq!(l.authors, names, "{text}");
        }
        let mut editor = Line::new("Editor: Rina Wati".into(), true);
        classify(&mut editor);
        assert_eq!(editor.kind, Kind::Meta);
        assert!(editor.authors.is_empty());
        let mut sentence = Line::new("Oleh karena itu, warga diminta tenang.".into(), true);
        classify(&mut sentence);
        assert_eq!(sentence.kind, Kind::Text);
    }

    #[test]
    fn furniture_lines_are_noise() {
        for text in [
            "Baca juga: Harga Cabai Naik Lagi",
            "Baca Juga : Harga Cabai Naik Lagi",
            "BACA JUGA: Harga Cabai Naik Lagi",
            "ADVERTISEMENT",
            "SCROLL TO CONTINUE WITH CONTENT",
            "Simak Video \"Banjir di Kemang\"",
            "(rzl/imk)",
            "Lihat juga: Video Banjir",
            "Home > News > Nasional",
            "Oke",
            "Close Ads",
        ] {
            let mut l = Line::new(text.to_string(), true);
            classify(&mut l);
            assert!(
                matches!(l.kind, Kind::Noise | Kind::End),
                "{text} is {:?}",
                l.kind
            );
        }
        for text in [
            "Tag: politik, pemilu",
            "Berita Terkait",
            "Halaman: 1 2",
            "Komentar",
            "Copyright © 2022 Kompas",
        ] {
            let mut l = Line::new(text.to_string(), true);
            classify(&mut l);
            assert_eq!(l.kind, Kind::End, "{text}");
        }
    }

    #[test]
    fn lone_label_binds_to_the_name_before_or_after() {
        let text = format!(
            "Judul Berita Yang Cukup Panjang Sekali\n\nAhmad Fauzi\n\nPenulis\n\nRina Wati\n\nEditor\n\n{PARA}\n\n{PARA}"
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(a.authors, vec!["Ahmad Fauzi"]);
        assert!(a.body.starts_with("Pemerintah kota"));
        let text = format!("Judul Berita Yang Cukup Panjang Sekali\n\nPenulis\nAhmad Fauzi\n\nEditor\nRina Wati\n\n{PARA}\n\n{PARA}");
        let a = parse_str(&text).unwrap();
        assert_eq!(a.authors, vec!["Ahmad Fauzi"]);
        assert!(!a.body.contains("Rina"));
    }

    #[test]
    fn captions_are_kept_once_and_out_of_the_body() {
        let cap = "Warga menunggu bus di halte Harmoni, Jakarta, Senin pagi.";
        let text = format!("Judul Berita Tentang Bus Kota Hari Ini\n\n{PARA}\n\n{cap}\nANTARA FOTO/Budi {cap}\n\n{PARA}");
        let a = parse_str(&text).unwrap();
        assert_eq!(a.captions, vec![cap.to_string()]);
        assert!(!a.body.contains("halte"));
    }

    #[test]
    fn footer_ends_the_body_and_initials_are_cut() {
        let text = format!(
            "Judul Berita Tentang Taman Kota Baru\n\nJakarta - {PARA}\n\n{PARA} (rzl/imk)\n\nBerita Terkait\n\nTaman Lain Dibuka Juga Di Bogor Hari Ini\n\nTag: taman, kota"
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(a.dateline.as_deref(), Some("Jakarta"));
        assert!(a.body.starts_with("Pemerintah kota"));
        assert!(!a.body.contains("rzl"));
        assert!(!a.body.contains("Bogor"));
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph() {
        let text = "Judul Berita Tentang Jalan Tol Baru\n\nPemerintah kota mengumumkan rencana pembangunan\njalan tol baru yang menghubungkan dua kabupaten di\nselatan kota pada tahun depan.\n\nProyek itu dinilai penting.";
        let a = parse_str(text).unwrap();
        assert_eq!(a.paragraphs().count(), 2);
    }

    #[test]
    fn boilerplate_only_is_refused() {
        let err =
            parse_str("Baca berita tanpa iklan.\n\nKomentar\n\nClose Ads\n\nOke").unwrap_err();
        assert!(err.to_string().contains("no recognisable article"), "{err}");
        assert!(parse_str("Hanya Judul Saja\n\nDua kata.").is_err());
        assert!(parse_str("").is_err());
    }
}
