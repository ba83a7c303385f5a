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
use crate::extract::authors::{self, Label};
use crate::extract::captions::{
    has_photo_credit, is_labelled_caption, is_photo_credit, without_label,
};
use crate::extract::datelines::{self, Dateline};
use crate::extract::dates::{self, find_datetime, wib};
use crate::extract::outlets::{self, canonical as canonical_outlet};
use crate::extract::places::is_place_like;
use crate::extract::titles::{is_outlet_affix, split_outlet_suffix};
use crate::extract::{ends_sentence, furniture};
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
    mark_link_targets(&mut lines);
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
    /// An author or editor credit (such lines close the story when they follow it).
    credit: bool,
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
            credit: false,
        }
    }

    fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// A long line that ends like a sentence: story text.
fn is_prose(line: &Line) -> bool {
    line.words() >= 15 && ends_sentence(&line.text)
}

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

/// Splits the file into trimmed lines and gives each its role from its own text.
/// A line ending in a comma continues on the next one (`Danur Lambang,` then
/// `Bernadette Aderi`) and is read as one.
fn classify_lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut after_blank = true;
    for raw in text.lines() {
        let cleaned = clean_line(raw);
        if cleaned.is_empty() {
            after_blank = true;
            continue;
        }
        match out.last_mut() {
            Some(prev) if !after_blank && prev.text.ends_with(',') => {
                prev.text = format!("{} {cleaned}", prev.text);
            }
            _ => out.push(Line::new(cleaned, after_blank)),
        }
        after_blank = false;
    }
    for line in &mut out {
        classify(line);
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
    if let Some(label) = authors::lone_label(&text) {
        line.kind = Kind::Meta;
        line.label = Some(label);
        line.credit = label != Label::Wire;
        return;
    }
    if let Some(c) = URL_LINE.captures(&text) {
        line.kind = Kind::Meta;
        line.url = Some(c[1].to_string());
        return;
    }
    // A long sentence is story text unless it is an unmistakable promo or footer.
    let open = !is_prose(line) || furniture::is_strong_promo(&text);
    if open && furniture::closes_story(&text) {
        line.kind = Kind::End;
        line.outlet = outlet_in_footer(&text);
        return;
    }
    let noise = furniture::starts_with_link_marker(&text)
        || furniture::is_page_furniture(&text)
        || authors::is_initials_line(&text);
    if (open && noise) || is_breadcrumb(&text) || is_menu(&text) {
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
    if let Some(wire) = authors::wire_credit(&text) {
        line.kind = Kind::Meta;
        line.wire = Some(wire);
        return;
    }
    if let Some(date) = date_in_line(&text) {
        line.kind = Kind::Meta;
        line.date = Some(date);
        line.outlet = outlet_in_date_line(&text);
    }
}

/// Longest segment of a line read as a credit (about 30 words).
const MAX_CREDIT_BYTES: usize = 200;

/// Author, editor and other credit lines, maybe several on one line split by `|`.
/// Returns true when the whole line is credits (dates on it are kept too).
fn classify_credits(line: &mut Line) -> bool {
    if let Some((outlet, names)) = authors::report_line(&line.text) {
        line.outlet = canonical_outlet(&outlet);
        line.authors = names;
        return true;
    }
    let segments: Vec<String> = line
        .text
        .split(['|', '•', '·'])
        .map(|s| s.trim().to_string())
        .collect();
    let mut credits = 0;
    let mut others = Vec::new();
    for seg in segments.iter().filter(|s| !s.is_empty()) {
        // A byline is a few names and labels: a long segment is running text, and the
        // patterns below are slow on it (lazy groups anchored at both ends).
        if seg.len() > MAX_CREDIT_BYTES {
            others.push(seg.clone());
            continue;
        }
        if authors::is_other_credit(seg) {
            credits += 1;
            continue;
        }
        if let Some(l) = authors::labelled(seg) {
            let (value, date_part) = cut_trailing_date(&authors::cut_other_credits(l.rest));
            let mut value = value;
            // `Kontributor Bandung, Agie Permadi` (also after `Penulis`): the role and
            // place come first.
            let role_place = matches!(l.label.as_str(), "kontributor" | "koresponden") && !l.colon;
            if let Some((place, name)) = authors::after_role_place(&value) {
                if (place.is_empty() || is_place_like(place)) && !authors::names(name).is_empty() {
                    value = name.to_string();
                }
            } else if role_place {
                if let Some((place, name)) = value.split_once(',') {
                    if is_place_like(place.trim()) && !authors::names(name).is_empty() {
                        value = name.trim().to_string();
                    }
                }
            }
            let names = names_before_outlet(&value, line);
            if !names.is_empty() && !l.label.starts_with("laporan") {
                line.authors.extend(names);
                others.extend(date_part);
                credits += 1;
                continue;
            }
        }
        if let Some((names, outlet)) = authors::name_with_outlet_or_role(seg) {
            line.authors.extend(names);
            if outlet.is_some() {
                line.outlet = outlet;
            }
            credits += 1;
            continue;
        }
        if let Some((names, outlet)) = authors::name_dash_outlet(seg) {
            line.authors.extend(names);
            line.outlet = Some(outlet);
            credits += 1;
            continue;
        }
        others.push(seg.clone());
    }
    if credits == 0 {
        return false;
    }
    line.credit = true;
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

/// `X pada Jumat, 4 November 2022` / `X - 04/11/2022`: the names and the date part.
fn cut_trailing_date(value: &str) -> (String, Option<String>) {
    static JOIN: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\s*(?:\bpada\b|\bon\b|\s-\s|–|—|,)\s*"));
    if value.chars().any(|c| c.is_ascii_digit()) {
        for m in JOIN.find_iter(value) {
            let rest = &value[m.end()..];
            if date_in_text(rest).is_some() {
                return (
                    value[..m.start()].trim().to_string(),
                    Some(rest.to_string()),
                );
            }
        }
    }
    (value.to_string(), None)
}

/// `Oleh X (Kompas.com)` / `By X, Reuters`: the names, and the outlet if named.
/// Outlet and wire names in the list are not people and are left out.
fn names_before_outlet(value: &str, line: &mut Line) -> Vec<String> {
    let mut v = value.trim().to_string();
    static PAREN: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\(([^)]*)\)\s*$"));
    if let Some(c) = PAREN.captures(&v.clone()) {
        if let Some(o) = canonical_outlet(&c[1]) {
            line.outlet = Some(o);
        }
        v = PAREN.replace(&v, "").to_string();
    }
    // `Ani - Kompas.com`: the same outlet tail as a title's.
    if let (head, Some(o)) = split_outlet_suffix(&v) {
        line.outlet = Some(o);
        v = head;
    }
    let names = authors::names(&v);
    let people: Vec<String> = names
        .iter()
        .filter(|n| outlets::wire(n).is_none() && canonical_outlet(n).is_none())
        .cloned()
        .collect();
    if people.len() < names.len() {
        if let Some(o) = names.iter().find_map(|n| canonical_outlet(n)) {
            line.outlet.get_or_insert(o);
        }
        if let Some(w) = names.iter().find_map(|n| outlets::wire(n)) {
            line.wire.get_or_insert(w.to_string());
        }
    }
    people
}

/// Section names a site prints in its menus, lower case.
const SECTIONS: &[&str] = &[
    "home",
    "beranda",
    "news",
    "berita",
    "indeks",
    "index",
    "terkini",
    "terbaru",
    "populer",
    "terpopuler",
    "trending",
    "nasional",
    "internasional",
    "dunia",
    "world",
    "ekonomi",
    "bisnis",
    "business",
    "economy",
    "money",
    "finance",
    "keuangan",
    "market",
    "markets",
    "olahraga",
    "sport",
    "sports",
    "bola",
    "sepakbola",
    "tekno",
    "teknologi",
    "tech",
    "technology",
    "sains",
    "science",
    "otomotif",
    "oto",
    "lifestyle",
    "gaya",
    "hidup",
    "hiburan",
    "entertainment",
    "seleb",
    "celebrity",
    "travel",
    "kesehatan",
    "health",
    "edukasi",
    "education",
    "regional",
    "daerah",
    "nusantara",
    "megapolitan",
    "metro",
    "politik",
    "politics",
    "hukum",
    "opini",
    "opinion",
    "kolom",
    "video",
    "foto",
    "photo",
    "infografis",
    "food",
    "kuliner",
    "properti",
    "wisata",
    "global",
    "asia",
    "pacific",
    "&",
    "dan",
    "and",
    "city",
    "jakarta",
    "pemilu",
    "humaniora",
    "internasional",
    "news",
    "features",
    "feature",
    "multimedia",
    "tv",
    "live",
    "cek",
    "fakta",
    "viral",
    "unik",
];

/// A menu line: several words, (nearly) all of them section names.
fn is_menu(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ','))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let known = words
        .iter()
        .filter(|w| SECTIONS.contains(&w.as_str()))
        .count();
    words.len() >= 3 && known * 5 >= words.len() * 4
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
            if seg.split_whitespace().count() > MAX_DATE_LINE_WORDS || other_words(seg) > 4 {
                return None;
            }
            date_in_text(seg)
                .map(|d| dates::with_leading_time(seg, d, wib()))
                .map(|d| (d, kind, dates::has_clock(seg)))
        })
        .max_by_key(|&(_, kind, _)| kind)
}

/// Words of a date line that are not part of a date, a time, a label or an outlet:
/// a headline that mentions a date (`Jadwal Libur 25 Desember 2022 dan ...`) has many.
fn other_words(seg: &str) -> usize {
    static LABEL_WORD: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(waktu|date|time|last|diterbitkan|diperbarui|diperbaharui|diupdate|dipublikasikan|dipublikasi|published|updated|update|posted|terbit|tayang|dimuat|terakhir|diubah)$",
        )
    });
    seg.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '(' | ')' | ':'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '.' | '·' | '•')))
        .filter(|w| !w.is_empty())
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !dates::is_date_word(w) && !LABEL_WORD.is_match(w))
        .filter(|w| canonical_outlet(w).is_none())
        .count()
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
    l.kind == Kind::Text && l.label.is_none() && !authors::names(&l.text).is_empty()
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
            Label::Author => lines[j].authors = authors::names(&lines[j].text),
            Label::Wire => lines[j].wire = Some(lines[j].text.trim_end_matches('.').to_string()),
            Label::Editor => {}
        }
        lines[j].kind = Kind::Meta;
    }
}

/// `Baca juga:` alone on its line: the linked headline is on the next line.
fn mark_link_targets(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let prev = &lines[i - 1];
        if prev.kind == Kind::Noise && furniture::is_bare_marker(&prev.text) {
            let l = &mut lines[i];
            if l.kind == Kind::Text && l.words() <= 20 && !l.text.ends_with('.') {
                l.kind = Kind::Noise;
            }
        }
    }
}

/// An image caption shows up twice, once bare and once after a photo credit
/// (`GETTY IMAGES via BBC INDONESIA Presiden ...`): the bare line is the caption,
/// the credited copy is dropped. Lines labelled `Foto:` are captions too.
fn mark_captions(lines: &mut [Line]) {
    for l in lines.iter_mut() {
        if l.kind == Kind::Text && is_labelled_caption(&l.text) {
            l.kind = Kind::Caption;
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
    for l in lines.iter_mut().filter(|l| l.kind == Kind::Text) {
        if is_photo_credit(&l.text) {
            l.kind = Kind::Noise;
        } else if has_photo_credit(&l.text) {
            l.kind = Kind::Caption;
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
    // `Headline - Kompas.com` is a page title, not a credited caption.
    (1..=10).contains(&n) && !is_outlet_affix(extra)
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
        // Short loose lines right after the header (`3 menit baca`, a section name)
        // are not the story's first paragraph.
        let body_start = lines
            .iter()
            .enumerate()
            .skip(header_end.map_or(0, |h| h + 1))
            .find(|(i, l)| {
                l.kind == Kind::Text
                    && Some(*i) != title
                    && (l.words() >= 4
                        || ends_sentence(&l.text)
                        || datelines::find(&l.text, &[]).is_some())
            })
            .map_or(lines.len(), |(i, _)| i);
        // The story ends at footer furniture, or at a credit line (`Editor: X`)
        // once it has begun.
        let mut paragraphs = 0;
        let mut body_end = lines.len();
        for (i, l) in lines.iter().enumerate().skip(body_start) {
            if l.kind == Kind::End || (l.credit && paragraphs >= 2) {
                body_end = i;
                break;
            }
            paragraphs += usize::from(l.kind == Kind::Text);
        }
        let published = pick_published(lines, body_start, title);
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
            && datelines::find(&l.text, &[]).is_none()
    };
    // The title stands before the first paragraph of the story.
    // A long line right above the date line is a headline when it ends in a quoted
    // name (`... Gerakan Nasional "Ayo Pilah Sampah dari Rumah"`), not a quoted
    // sentence, or when it is the file's first text (`Title`, date, story, whatever
    // the headline ends in: `..., tapi...`, `..., "Foto Payudara Nyembul Semua!"`).
    let headline = |k: usize| {
        lines.get(k + 1).is_some_and(|n| n.kind == Kind::Meta)
            && (!ends_in_prose(&lines[k].text) || lines[..k].iter().all(|l| l.kind != Kind::Text))
    };
    let first_para = lines.iter().enumerate().position(|(k, l)| {
        l.kind == Kind::Text
            && (datelines::find(&l.text, &[]).is_some() || (is_paragraph(l) && !headline(k)))
    });
    let limit = first_para.unwrap_or(lines.len());
    // The headline shares words with the story; a tagline or menu above it does not.
    let story = story_words(lines, limit);
    let echoing: Vec<usize> = (0..limit)
        .filter(|&k| candidate(&lines[k]) && echoes_story(&lines[k].text, &story))
        .collect();
    if let Some(&t) = echoing
        .iter()
        .find(|&&k| lines[k].words() >= 5)
        .or(echoing.first())
    {
        return Some(t);
    }
    // A 3-4 word line (a section name) yields to a longer headline after it.
    let long = |l: &Line| candidate(l) && l.words() >= 5;
    let first = lines[..limit].iter().position(candidate);
    if let Some(f) = first.filter(|&f| !long(&lines[f])) {
        let meta_after = (f + 1..limit)
            .find(|&k| lines[k].kind == Kind::Meta)
            .unwrap_or(limit);
        if let Some(l) = (f + 1..meta_after).find(|&k| long(&lines[k])) {
            return Some(l);
        }
    }
    first.or_else(|| {
        // No title-shaped line first: a short first line of a plain `Title\n\nBody` file.
        lines[..limit]
            .iter()
            .position(|l| l.kind == Kind::Text && l.words() >= 1 && !l.text.ends_with('.'))
    })
}

/// Lower-case words of the first paragraphs of the story (from `from` on).
fn story_words(lines: &[Line], from: usize) -> Vec<String> {
    lines
        .iter()
        .skip(from)
        .filter(|l| l.kind == Kind::Text)
        .take(6)
        .flat_map(|l| content_words(&l.text))
        .collect()
}

/// Words of 4+ letters, lower case, that carry meaning (not `yang`, `with` ...).
fn content_words(text: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "yang", "dengan", "untuk", "dari", "pada", "dalam", "akan", "tidak", "juga", "karena",
        "adalah", "atau", "oleh", "kepada", "saat", "setelah", "sudah", "telah", "masih", "bisa",
        "lebih", "this", "that", "with", "from", "have", "been", "were", "will", "their", "after",
        "says", "said", "about", "into", "over",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// A headline echoes its story: two of its words (or two in five) come back in
/// the first paragraphs, inflected forms included (`resmikan` in `meresmikan`).
fn echoes_story(line: &str, story: &[String]) -> bool {
    let words = content_words(line);
    if words.is_empty() || story.is_empty() {
        return false;
    }
    let hits = words
        .iter()
        .filter(|w| {
            story
                .iter()
                .any(|s| s == *w || (w.chars().count() >= 5 && s.contains(w.as_str())))
        })
        .count();
    hits >= 2 || hits * 5 >= words.len() * 2
}

/// A line that reads as a paragraph: long, ending like a sentence.
fn is_paragraph(l: &Line) -> bool {
    l.words() >= LONG_LINE_WORDS && l.text.ends_with(['.', '"', '”', '\'', '’', ')'])
}

/// A sentence's end: `... pekan ini.`, `... kata dia, "Kami siap."`; a closing quote
/// or bracket after a word is not one.
fn ends_in_prose(text: &str) -> bool {
    let inside = text.trim_end_matches(['"', '”', '\'', '’', ')']);
    text.ends_with('.') || (inside.len() < text.len() && inside.ends_with(['.', '!', '?']))
}

/// The last metadata line of the header block after the title: scans over
/// metadata, furniture and short lines, and stops at the first paragraph.
fn header_end(lines: &[Line], title: Option<usize>) -> Option<usize> {
    let start = title.map_or(0, |t| t + 1);
    let mut last = title;
    for (i, l) in lines.iter().enumerate().skip(start) {
        match l.kind {
            Kind::Meta => last = Some(i),
            Kind::Text if datelines::find(&l.text, &[]).is_some() => break,
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
fn pick_published(lines: &[Line], body_start: usize, title: Option<usize>) -> Option<usize> {
    let after_title = |i: usize| title.is_some_and(|t| i > t);
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.date.map(|(_, kind, clock)| (i, kind, clock)))
        .max_by_key(|&(i, kind, clock)| {
            (
                i < body_start,
                kind,
                clock,
                after_title(i),
                std::cmp::Reverse(i),
            )
        })
        .map(|(i, _, _)| i)
}

// ---------------------------------------------------------------------------
// Building the article
// ---------------------------------------------------------------------------

fn build_article(lines: &[Line], layout: &Layout) -> Result<Article> {
    let raw_title = layout.title.map(|i| lines[i].text.as_str()).unwrap_or("");
    let (title, title_outlet) = split_outlet_suffix(raw_title);
    // The headline printed again (page title, then on-page headline) is not body.
    let body_lines: Vec<&Line> = lines[layout.body_start..layout.body_end]
        .iter()
        .enumerate()
        .filter(|(k, l)| l.kind == Kind::Text && Some(layout.body_start + k) != layout.title)
        .filter(|(_, l)| l.text != raw_title && split_outlet_suffix(&l.text).0 != title)
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
    a.source = pick_source(lines, layout, dateline.as_ref())
        .or(title_outlet)
        .unwrap_or_default();
    if a.wire.is_none() {
        a.wire = dateline.as_ref().and_then(|d| d.wire.clone());
    }
    // `Sumber: Kompas.com` on a Kompas.com page names no wire.
    if a.wire
        .as_deref()
        .and_then(canonical_outlet)
        .is_some_and(|w| w == a.source)
    {
        a.wire = None;
    }
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
    let header = lines
        .iter()
        .enumerate()
        .take(layout.body_start)
        .skip(title + 1);
    for (i, l) in header {
        if l.kind != Kind::Text || !(2..=5).contains(&l.words()) {
            continue;
        }
        let names = authors::names(&l.text);
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
        if let Some(d) = datelines::find(first, &[]) {
            *first = first[d.len..].trim().to_string();
            dateline = Some(d);
        }
    }
    if let Some(last) = paras.last_mut() {
        if let Some(cut) = authors::cut_trailing_initials(last) {
            *last = cut;
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

/// The captions, once each, without a `Foto:` label in front.
fn captions(lines: &[Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines.iter().filter(|l| l.kind == Kind::Caption) {
        let text = without_label(&l.text).to_string();
        if !text.is_empty() && !out.contains(&text) {
            out.push(text);
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
    // `url_host` already drops sub-domains such as `internasional.kompas.com`.
    let host = super::url_host(url)?;
    Some(canonical_outlet(&host).unwrap_or(host))
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

    /// Parses `header` + two paragraphs and returns the article.
    fn with_header(header: &str) -> Article {
        let text = format!(
            "{header}\n\nJakarta - {PARA}\n\nWarga menyambut baik rencana itu dan berharap taman segera dibuka untuk umum."
        );
        parse_str(&text).unwrap_or_else(|e| panic!("{e}: {header}"))
    }

    fn rfc(a: &Article) -> String {
        a.published.map(|d| d.to_rfc3339()).unwrap_or_default()
    }

    const TITLE: &str = "Pemkot Bangun Taman Kota Baru di Lahan Bekas Terminal";

    #[test]
    fn date_forms_and_zones() {
        let cases = [
            (
                "Kompas.com - 04/11/2022, 16:31 WIB",
                "2022-11-04T16:31:00+07:00",
            ),
            (
                "Jumat, 4 November 2022 16:31 WIB",
                "2022-11-04T16:31:00+07:00",
            ),
            (
                "Selasa, 12 Maret 2019 | 09:15 WITA",
                "2019-03-12T09:15:00+08:00",
            ),
            ("Senin, 07 Nov 2022 14:30 WIT", "2022-11-07T14:30:00+09:00"),
            (
                "Friday, November 4, 2022 4:31 PM",
                "2022-11-04T16:31:00+07:00",
            ),
            (
                "16:31 WIB, Jumat 4 November 2022",
                "2022-11-04T16:31:00+07:00",
            ),
            (
                "Diterbitkan: 04/11/2022, 16:31 WIB | Diperbarui: 04/11/2022, 20:00 WIB",
                "2022-11-04T16:31:00+07:00",
            ),
            (
                "Diperbarui 04/11/2022, 20:00 WIB\nDipublikasikan 04/11/2022, 16:31 WIB",
                "2022-11-04T16:31:00+07:00",
            ),
        ];
        for (line, want) in cases {
            let a = with_header(&format!("{TITLE}\n\n{line}"));
            assert_eq!(rfc(&a), want, "{line}");
            assert_eq!(a.title, TITLE);
        }
    }

    #[test]
    fn page_date_above_the_title_loses_to_the_article_date() {
        let a = with_header(&format!(
            "Sabtu, 5 November 2022\n\n{TITLE}\n\nJumat, 4 November 2022 16:31 WIB"
        ));
        assert_eq!(rfc(&a), "2022-11-04T16:31:00+07:00");
        // A date line above the title is the article's when it is the only one.
        let a = with_header(&format!(
            "Jumat, 4 November 2022 16:31 WIB\n\n{TITLE}\n\nReporter: Nur Aini"
        ));
        assert_eq!(rfc(&a), "2022-11-04T16:31:00+07:00");
        assert_eq!(a.title, TITLE);
        assert_eq!(a.authors, vec!["Nur Aini"]);
    }

    #[test]
    fn more_byline_forms() {
        let cases: [(&str, &[&str]); 7] = [
            ("Kontributor Bandung, Agus Permana", &["Agus Permana"]),
            (
                "Oleh Ahmad Fauzi pada Jumat, 4 November 2022 16:31 WIB",
                &["Ahmad Fauzi"],
            ),
            ("By John Smith, Reuters", &["John Smith"]),
            ("Tim detikcom - detikNews", &["Tim detikcom"]),
            ("Penulis: Sari Dewi (Kompas.com)", &["Sari Dewi"]),
            (
                "Penulis: Budi Santoso, Sari Dewi, dan Nur Aini",
                &["Budi Santoso", "Sari Dewi", "Nur Aini"],
            ),
            ("Reporter : Nur Aini Editor : Rina Wati", &["Nur Aini"]),
        ];
        for (line, names) in cases {
            let a = with_header(&format!(
                "{TITLE}\n\n{line}\nJumat, 4 November 2022 16:31 WIB"
            ));
            assert_eq!(a.authors, names, "{line}");
            assert_eq!(rfc(&a), "2022-11-04T16:31:00+07:00", "{line}");
        }
        let a = with_header(&format!(
            "{TITLE}\n\nOleh Ahmad Fauzi pada Jumat, 4 November 2022 16:31 WIB"
        ));
        assert_eq!(rfc(&a), "2022-11-04T16:31:00+07:00");
        let a = with_header(&format!(
            "{TITLE}\n\nBy John Smith, Reuters\nJumat, 4 November 2022 16:31 WIB"
        ));
        assert_eq!(a.wire.as_deref(), Some("Reuters"));
    }

    #[test]
    fn header_furniture_before_the_first_paragraph_is_skipped() {
        let a = with_header(&format!(
            "Home > News > Megapolitan\n\nADVERTISEMENT\n\n{TITLE}\n\nJumat, 4 November 2022 16:31 WIB\n3 menit baca\nDibaca 1.204 kali\n\nDengarkan berita ini\n\nNasional"
        ));
        assert_eq!(a.title, TITLE);
        assert!(a.body.starts_with("Pemerintah kota"), "{}", a.body);
        assert_eq!(a.dateline.as_deref(), Some("Jakarta"));
    }

    #[test]
    fn link_headlines_and_photo_credits_stay_out_of_the_body() {
        let text = format!(
            "{TITLE}\n\nJumat, 4 November 2022 16:31 WIB\n\nJakarta - {PARA}\n\nBaca juga:\nTaman Lain Dibuka di Bogor\n\n\
             KOMPAS.com/ADHYASTA DIRGANTARA\n\n\
             Warga bermain di taman kota yang baru dibuka, Jumat sore. (ANTARA FOTO/Galih Pradipta)\n\n\
             Warga menyambut baik rencana itu dan berharap taman segera dibuka untuk umum."
        );
        let a = parse_str(&text).unwrap();
        assert!(!a.body.contains("Bogor"), "{}", a.body);
        assert!(!a.body.contains("ADHYASTA"), "{}", a.body);
        assert!(!a.body.contains("Galih"), "{}", a.body);
        assert_eq!(a.captions.len(), 1, "{:?}", a.captions);
        assert_eq!(a.paragraphs().count(), 2, "{}", a.body);
    }

    #[test]
    fn credits_close_the_story() {
        let text = format!(
            "{TITLE}\n\nJumat, 4 November 2022 16:31 WIB\n\nJakarta (ANTARA) - {PARA}\n\n\
             Warga menyambut baik rencana itu dan berharap taman segera dibuka untuk umum.\n\n\
             Pewarta: Dewa Wiguna\nEditor: Rina Wati\n\nTaman Bermain Anak Dibuka di Surabaya Pekan Depan\n\nHarga Tiket Masuk Kebun Binatang Naik"
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(a.authors, vec!["Dewa Wiguna"]);
        assert_eq!(a.source, "ANTARA");
        assert_eq!(a.paragraphs().count(), 2, "{}", a.body);
        assert!(!a.body.contains("Surabaya"));
    }

    #[test]
    fn wire_in_the_dateline() {
        let text = format!(
            "{TITLE}\n\nFriday, November 4, 2022 4:31 PM\n\nJAKARTA, Nov 4 (Reuters) - Indonesia's capital opened a new park on Friday, officials said.\n\nThe park covers five hectares of land near the old bus terminal."
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(a.wire.as_deref(), Some("Reuters"));
        assert_eq!(a.dateline.as_deref(), Some("JAKARTA"));
        assert!(a.body.starts_with("Indonesia's capital"));
    }

    #[test]
    fn source_comes_from_the_url_when_nothing_else_names_it() {
        let text = format!(
            "{TITLE}\n\nhttps://megapolitan.kompas.com/read/2022/11/04/taman-kota\n\nJumat, 4 November 2022 16:31 WIB\n\n{PARA}\n\nWarga menyambut baik rencana itu dan berharap taman segera dibuka."
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(a.source, "Kompas.com");
        assert_eq!(
            a.url.as_deref(),
            Some("https://megapolitan.kompas.com/read/2022/11/04/taman-kota")
        );
    }

    #[test]
    fn story_lines_that_start_like_furniture_stay() {
        let text = format!(
            "{TITLE}\n\nJumat, 4 November 2022 16:31 WIB\n\nJakarta - {PARA}\n\n\
             Komentar itu disampaikan wali kota saat meninjau lokasi pembangunan taman bersama warga sekitar.\n\n\
             Masuk ke tahap kedua, pemerintah kota akan menanam ratusan pohon peneduh di sepanjang jalan.\n\n\
             Hak cipta desain taman itu dipegang oleh arsitek muda asal Bandung yang memenangi sayembara.\n\n\
             Related to this, the city also plans new bicycle lanes around the park and nearby schools."
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(a.paragraphs().count(), 5, "{}", a.body);
    }

    #[test]
    fn page_title_with_outlet_and_repeated_headline() {
        let text = format!(
            "{TITLE} - Kompas.com\n\n{TITLE}\n\nJumat, 4 November 2022 16:31 WIB\n\n{PARA}\n\nWarga menyambut baik rencana itu dan berharap taman segera dibuka."
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(a.title, TITLE);
        assert_eq!(a.source, "Kompas.com");
        assert!(a.body.starts_with("Pemerintah kota"), "{}", a.body);
    }

    #[test]
    fn names_split_over_lines_before_a_team_label() {
        let a = with_header(&format!(
            "{TITLE}\n\nKompas.com - 04/11/2022, 16:31 WIB\nDanur Lambang,\nBernadette Aderi\n\nTim Redaksi"
        ));
        assert_eq!(a.authors, vec!["Danur Lambang", "Bernadette Aderi"]);
        assert_eq!(rfc(&a), "2022-11-04T16:31:00+07:00");
    }

    #[test]
    fn section_team_and_contributor_bylines() {
        let a = with_header(&format!(
            "{TITLE}\n\nNews - Tim Redaksi, CNBC Indonesia\n04 November 2022 16:31"
        ));
        assert_eq!(a.authors, vec!["Tim Redaksi"]);
        assert_eq!(a.source, "CNBC Indonesia");
        assert_eq!(rfc(&a), "2022-11-04T16:31:00+07:00");
        let a = with_header(&format!(
            "{TITLE}\n\nKompas.com - 04/11/2022, 16:31 WIB\nPenulis Kontributor Bandung, Agie Permadi | Editor Khairina"
        ));
        assert_eq!(a.authors, vec!["Agie Permadi"]);
    }

    #[test]
    fn photo_lines_are_captions_and_do_not_end_the_story() {
        let text = format!(
            "{TITLE}\n\nJumat, 4 November 2022 16:31 WIB\n\nJakarta - {PARA}\n\n\
             Warga menyambut baik rencana itu dan berharap taman segera dibuka.\n\n\
             Foto: Lahan bekas terminal yang akan dijadikan taman. (Dok. Pemkot)\n\n\
             Pembangunan taman ditargetkan selesai dalam delapan bulan."
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(
            a.captions,
            vec!["Lahan bekas terminal yang akan dijadikan taman. (Dok. Pemkot)"]
        );
        assert_eq!(a.paragraphs().count(), 3, "{}", a.body);
    }

    #[test]
    fn headline_is_the_line_that_echoes_the_story() {
        let text = "Portal Berita Terpercaya Nomor Satu di Indonesia\n\nSepak Bola Nasional\n\n\
                    Persib Bandung Kalahkan Persija di Stadion Jalak Harupat\n\n\
                    Jumat, 4 November 2022 16:31 WIB\n\n\
                    BANDUNG, KOMPAS.com - Persib Bandung mengalahkan Persija Jakarta 2-1 di Stadion Jalak Harupat, Jumat malam.\n\n\
                    Kemenangan itu membawa Persib naik ke posisi ketiga klasemen sementara liga.";
        let a = parse_str(text).unwrap();
        assert_eq!(
            a.title,
            "Persib Bandung Kalahkan Persija di Stadion Jalak Harupat"
        );
    }

    #[test]
    fn headline_with_a_date_is_no_date_line() {
        let title = "Jadwal Libur Natal 25 Desember 2022 dan Cuti Bersama";
        let a = with_header(&format!(
            "{title}\n\nOleh: Tim Liputan6.com\nJumat, 4 November 2022 16:31 WIB"
        ));
        assert_eq!(a.title, title);
        assert_eq!(rfc(&a), "2022-11-04T16:31:00+07:00");
        assert_eq!(a.authors, vec!["Tim Liputan6.com"]);
    }

    #[test]
    fn headline_with_a_comma_and_a_dash_stays_the_title() {
        // Found in the 1,000,000-article benchmark corpus: the headline was read as a
        // dateline (place `Bahas Sinergi`, outlet `US ICE`) and the title left empty.
        let title = "Bahas Sinergi, US ICE - HSI Bertemu Bea Cukai Bali Nusa Tenggara";
        let text = format!(
            "{title}\n\nRabu, 12 Juli 2017 20:07 WIB\n\n{PARA}\n\n{PARA}\n\n\
             https://www.antaranews.com/read/2017/07/12/100965609/bahas-sinergi\n"
        );
        let a = parse_str(&text).unwrap();
        assert_eq!(a.title, title);
        assert_eq!(a.source, "ANTARA");
        assert!(!a.body.contains("HSI Bertemu"), "{}", a.body);
    }

    #[test]
    fn headline_ending_in_a_quoted_name_is_the_title() {
        // 199 of the 9,910 text dumps of the 100,000-article benchmark corpus had no
        // title: a long headline ending in a quote (154), `...` or `!"` (45) was taken
        // for the first paragraph.
        for title in [
            "Kementerian LHK Luncurkan Gerakan Nasional \"Ayo Pilah Sampah dari Rumah\"",
            "Akting Dikritik, Shin Se Kyung Bangga Bintangi 'Rookie Historian Goo Hae Ryung'",
            "Bayi 14 Bulan yang Minum 5 Gelas Kopi Setiap Hari Tumbuh Normal, tapi...",
            "Sering Posting di Medsos, Istri Diceraikan Suami, \"Postingannya Foto Payudara Nyembul Semua!\"",
        ] {
            let text =
                format!("{title}\n\nJumat, 20 September 2019 00:36 WIB\n\n{PARA}\n\n{PARA}\n");
            let a = parse_str(&text).unwrap();
            assert_eq!(a.title, title);
            assert!(!a.body.contains(title), "{}", a.body);
        }
        // A paragraph ending in a quoted sentence is still a paragraph.
        assert!(ends_in_prose(
            "Dia menegaskan bahwa pemerintah siap, \"Kami siap membantu.\""
        ));
        assert!(!ends_in_prose(
            "Gerakan Nasional \"Ayo Pilah Sampah dari Rumah\""
        ));
    }
}
