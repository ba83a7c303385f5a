//! What must not become an entity, decided before and after tagging: outlet names
//! (the article's own outlet, read from its source field, and the outlets of
//! `extract::outlets`), agency tags in parentheses (`(ANTARA News)`, `(AFP)`), byline
//! and photo-credit lines (`Foto: Andi Saputra/detikcom`, `(ara/ara)`), compass words
//! cut off a place (`Jakarta` + `Selatan`), names inside the name of a hospital,
//! street, stadium or university (`RSPAD Gatot Soebroto`), and hyphenated pairs of
//! names (`Joko Widodo-Ma'ruf Amin` is two people).
//!
//! Text is cleaned in place with replacements of the same byte length (blanks, a comma
//! for a pairing hyphen), so mention offsets still point into the original text.

use super::{normalize, Kind, Mention};
use crate::extract::{authors as bylines, captions};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

/// News agencies, written in parentheses or after a dateline.
const AGENCIES: &[&str] = &[
    "afp",
    "ap",
    "reuters",
    "antara",
    "antara news",
    "xinhua",
    "bernama",
    "kyodo",
    "yonhap",
    "dpa",
    "anadolu",
    "tass",
    "upi",
    "bbc",
    "cnn",
];

/// Whether a name is an outlet or a news agency (never an entity of the news).
pub fn is_outlet(name: &str) -> bool {
    let k = normalize::key(name);
    AGENCIES.contains(&k.as_str()) || is_known_outlet(&k)
}

/// Words that begin the name of a building, street or institution: a person's name
/// right after one of them is part of that name (`RSPAD Gatot Soebroto`).
const INSTITUTION_WORDS: &[&str] = &[
    "rs",
    "rsud",
    "rspad",
    "rsup",
    "rsu",
    "rsia",
    "rsab",
    "rumah sakit",
    "jalan",
    "jl",
    "jln",
    "universitas",
    "univ",
    "institut",
    "stadion",
    "bandara",
    "bandar udara",
    "gedung",
    "masjid",
    "lapangan",
    "taman",
    "museum",
    "yayasan",
    "pesantren",
    "sekolah",
    "makam",
    "tol",
    "pelabuhan",
    "gelora",
    "wisma",
    "istana",
    "kampus",
    "monumen",
    "hospital",
    "street",
    "avenue",
    "stadium",
    "university",
    "airport",
];

/// Compass and position words that name part of a place with the word before them.
const COMPASS: &[&str] = &[
    "utara", "selatan", "barat", "timur", "tengah", "pusat", "raya", "laut", "daya",
];

/// Outlet names as typed in text, lower-case: every outlet `extract::outlets` knows,
/// with and without its domain (`kompas.com`, `kompas`).
fn known_outlets() -> &'static [String] {
    static O: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut v: Vec<String> = Vec::new();
        for name in crate::extract::outlets::known_names() {
            add_outlet_forms(&mut v, name);
        }
        v
    });
    &O
}

/// Whether a lower-case name is one of [`known_outlets`] (a set: asked for every name).
fn is_known_outlet(name: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| known_outlets().iter().map(String::as_str).collect());
    SET.contains(name)
}

/// Words that are outlet names but also ordinary Indonesian words or place names;
/// only their full outlet spelling (`Merdeka.com`) is taken for an outlet.
const COMMON_STEMS: &[&str] = &[
    "merdeka", "suara", "bisnis", "tempo", "juara", "goal", "media", "viva", "harian",
];

fn add_outlet_forms(v: &mut Vec<String>, name: &str) {
    let lower = name.trim().to_lowercase();
    if lower.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return;
    }
    let mut push = |s: String| {
        if !s.is_empty() && !v.contains(&s) {
            v.push(s);
        }
    };
    if let Some((stem, _)) = lower.split_once('.') {
        if stem.len() >= 4 && !COMMON_STEMS.contains(&stem) {
            push(stem.to_string());
        }
    }
    if !COMMON_STEMS.contains(&lower.as_str()) {
        push(lower);
    }
}

/// The outlet names of one article: the known outlets and the article's own source.
pub struct Outlets {
    /// Shared, never cloned: a cloned `Regex` starts with an empty cache, and this
    /// pattern's lazy DFA would be built again for every article.
    pattern: Option<Arc<Regex>>,
}

impl Outlets {
    pub fn for_source(source: &str) -> Outlets {
        static KNOWN: LazyLock<Option<Arc<Regex>>> =
            LazyLock::new(|| build(known_outlets()).map(Arc::new));
        let mut own: Vec<String> = Vec::new();
        add_outlet_forms(&mut own, source);
        own.retain(|o| !is_known_outlet(o));
        if own.is_empty() {
            return Outlets {
                pattern: KNOWN.clone(),
            };
        }
        // Compiling the pattern costs more than tagging an article: one per outlet.
        static BY_SOURCE: LazyLock<Mutex<HashMap<String, Option<Arc<Regex>>>>> =
            LazyLock::new(Default::default);
        let mut by_source = BY_SOURCE.lock().unwrap_or_else(|e| e.into_inner());
        let pattern = by_source
            .entry(source.to_string())
            .or_insert_with(|| {
                let mut all = known_outlets().to_vec();
                all.extend(own);
                build(&all).map(Arc::new)
            })
            .clone();
        Outlets { pattern }
    }
}

/// One case-insensitive pattern for a list of names, whole words only, longest first.
fn build(names: &[String]) -> Option<Regex> {
    let mut names: Vec<&String> = names.iter().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alts: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    if alts.is_empty() {
        return None;
    }
    // ASCII word boundaries: a Unicode `\b` keeps the regex crate off its DFA on text
    // with any non-ASCII character, and outlet names are ASCII.
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alts.join("|"))).ok()
}

/// Blanks `text[s..e]` (spaces keep every byte offset and UTF-8 valid).
fn blank(bytes: &mut [u8], s: usize, e: usize) {
    for b in &mut bytes[s..e] {
        *b = b' ';
    }
}

/// The text with outlet names, agency tags, credits and bylines blanked and pairing
/// hyphens between names turned into commas; same byte length as `text`.
pub fn clean_text(text: &str, outlets: &Outlets) -> String {
    static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
        let alts: Vec<String> = AGENCIES.iter().map(|a| regex::escape(a)).collect();
        Regex::new(&format!(
            r"(?i)\(\s*(?:{})(?:\s*[/,]\s*(?:{}))*\s*\)",
            alts.join("|"),
            alts.join("|")
        ))
        .expect("valid pattern")
    });
    // Hashtags are page furniture (`#GrowFearless with FIMELA`).
    static HASHTAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"#\w+").expect("valid pattern"));
    // Two names of two words or more each (`Joko Widodo-Ma'ruf Amin`), not one
    // hyphenated name (`Paris Saint-Germain`).
    static PAIR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\p{Lu}[\p{L}'’]+\s+\p{Lu}[\p{L}'’]*\p{Ll}(-)\p{Lu}[\p{L}'’]+\s+\p{Lu}")
            .expect("valid pattern")
    });
    let mut bytes = text.as_bytes().to_vec();
    let mut blanks: Vec<(usize, usize)> = Vec::new();
    for re in [&*AGENCY, &*HASHTAG] {
        blanks.extend(re.find_iter(text).map(|m| (m.start(), m.end())));
    }
    // Credits and initials are `extract`'s rules: `Foto: ...`, `(ara/ara)`, and
    // `Andi Saputra/detikcom` where a side of the slash is an outlet or agency.
    blanks.extend(captions::labelled_credit_spans(text));
    blanks.extend(bylines::initials_spans(text));
    blanks.extend(captions::slash_credit_spans(text, |side| {
        let s = normalize::key(side);
        AGENCIES.contains(&s.as_str()) || is_known_outlet(&s)
    }));
    if let Some(re) = &outlets.pattern {
        for m in re.find_iter(text) {
            // Outlets are proper names: `antara` in lower case is the word "between".
            if m.as_str().chars().next().is_some_and(char::is_uppercase) {
                blanks.push((m.start(), m.end()));
            }
        }
    }
    for (s, e) in blanks {
        blank(&mut bytes, s, e);
    }
    for c in PAIR.captures_iter(text) {
        let h = c.get(1).expect("group");
        bytes[h.start()] = b',';
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Fixes the mentions of one text after tagging: a place followed by a compass word
/// takes it in (`Jakarta Selatan`), a compass word alone is dropped, and a person right
/// after an institution word (`RSPAD`, `Jalan`, `Universitas`) is dropped.
pub fn fix_mentions(text: &str, mentions: &mut Vec<Mention>) {
    let mut i = 0;
    while i < mentions.len() {
        let m = &mentions[i];
        let first = normalize::key(m.surface.split_whitespace().next().unwrap_or(""));
        if m.kind != Kind::Person && COMPASS.contains(&first.as_str()) {
            mentions.remove(i);
            continue;
        }
        if m.kind == Kind::Place {
            let rest = &text[m.end..];
            let gap = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
            let word_len = rest[gap..]
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len() - gap);
            let word = &rest[gap..gap + word_len];
            if gap > 0
                && word.chars().next().is_some_and(char::is_uppercase)
                && COMPASS.contains(&word.to_lowercase().as_str())
            {
                let end = m.end + gap + word_len;
                let m = &mut mentions[i];
                m.end = end;
                m.surface = text[m.start..end].to_string();
                // The compass word tagged on its own goes.
                let (s, e) = (m.start, m.end);
                mentions.retain(|o| !(o.start > s && o.end <= e));
                i += 1;
                continue;
            }
        }
        if m.kind == Kind::Person && after_institution(text, m.start) {
            mentions.remove(i);
            continue;
        }
        i += 1;
    }
}

/// First words of the second half of an English company or agency name joined by
/// `and`/`&` (`Merrill Lynch and Co Inc`, `Securities and Exchange Commission`).
const ORG_TAILS: &[&str] = &[
    "co",
    "corp",
    "inc",
    "company",
    "exchange",
    "commission",
    "poors",
    "sons",
    "brothers",
    "partners",
    "associates",
    "trust",
    "development",
    "trade",
    "industry",
    "technology",
];

/// Whether a word opens the second half of an English company or agency name
/// (`Poor's` in `Standard and Poor's`).
pub fn is_org_tail(word: &str) -> bool {
    ORG_TAILS.contains(&normalize::key(word).as_str())
}

/// First words of Indonesian bodies whose names may contain `dan`.
const ORG_HEADS: &[&str] = &[
    "kementerian",
    "badan",
    "komisi",
    "dewan",
    "lembaga",
    "majelis",
    "kantor",
    "dinas",
    "departemen",
    "pusat",
    "institut",
    "fakultas",
    "sekolah",
    "yayasan",
    "kemenko",
];

/// Capitalised words that are tagged as organisations on their own but name none.
const GENERIC: &[&str] = &[
    "government",
    "house",
    "city",
    "central bank",
    "ministry",
    "department",
    "co",
    "inc",
    "corp",
    "co inc",
    "company",
    "group",
    "bank",
    "exchange",
    "stock exchange",
    "committee",
    "pemerintah",
    "kementerian",
    "dewan pengawas",
    "news",
    // Sentence openers the English model sometimes tags (`There's`).
    "there",
    "here",
    "this",
    "that",
    "it",
];

/// Whether a name is a generic word rather than a name.
pub fn is_generic(name: &str) -> bool {
    let key = normalize::key(name);
    GENERIC.contains(&key.as_str()) || COMPANY_SUFFIXES.contains(&key.as_str())
}

/// Joins an organisation's second half to the capitalised words before `and`/`&`
/// (`Securities and Exchange Commission`), dropping mentions inside the joined span.
pub fn join_org_halves(text: &str, mentions: &mut Vec<Mention>) {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\p{Lu}[\p{L}'’.]*(?:\s+\p{Lu}[\p{L}'’.]*){0,4})\s+(?:and|&|dan)\s+$")
            .expect("valid pattern")
    });
    for m in mentions.iter_mut() {
        if m.kind == Kind::Person {
            continue;
        }
        let first = normalize::key(m.surface.split_whitespace().next().unwrap_or(""));
        let from = m.start.saturating_sub(80);
        let from = (from..m.start)
            .find(|&b| text.is_char_boundary(b))
            .unwrap_or(m.start);
        if let Some(c) = BEFORE.captures(&text[from..m.start]) {
            // `Kementerian Pekerjaan Umum dan Perumahan Rakyat`: an Indonesian body's
            // name runs on after `dan`.
            let head = normalize::key(c[1].split_whitespace().next().unwrap_or(""));
            let joined_by_dan = c[0].trim_end().ends_with("dan");
            if !(ORG_TAILS.contains(&first.as_str())
                || joined_by_dan && ORG_HEADS.contains(&head.as_str()))
            {
                continue;
            }
            let start = from + c.get(1).expect("group").start();
            m.start = start;
            m.kind = Kind::Org;
            m.surface = text[start..m.end].to_string();
        }
    }
    // Mentions now inside a joined span go.
    let spans: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    let mut k = 0;
    mentions.retain(|m| {
        let inside = spans
            .iter()
            .enumerate()
            .any(|(j, &(s, e))| j != k && s <= m.start && m.end <= e && (s, e) != (m.start, m.end));
        k += 1;
        !inside
    });
}

/// Whether the one or two words before `at` are an institution word.
fn after_institution(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let words: Vec<&str> = before
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    let Some(last) = words.first() else {
        return false;
    };
    let last = normalize::key(last.trim_matches(|c: char| !c.is_alphanumeric()));
    if INSTITUTION_WORDS.contains(&last.as_str()) {
        return true;
    }
    if let Some(prev) = words.get(1) {
        let two = format!("{} {last}", normalize::key(prev));
        return INSTITUTION_WORDS.contains(&two.as_str());
    }
    false
}

/// Whether a mention's surface starts with an institution word (`RSPAD Gatot
/// Soebroto` tagged whole as a person or place is an organisation).
pub fn starts_with_institution(surface: &str) -> bool {
    let first = normalize::key(surface.split_whitespace().next().unwrap_or(""));
    INSTITUTION_WORDS.contains(&first.as_str())
}

/// Last words of company names.
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "gmbh",
    "bhd",
    "tbk",
    "cos",
    "ag",
    "sa",
    "nv",
    "bv",
    "group",
    "grup",
];

/// Drops a company's legal form from the end of its name (`Standard Oil Co`, `Merrill
/// Lynch and Co Inc`, `PT Astra International Tbk`), so that the name with and without
/// it is one organisation; `Group` stays, since it is part of how groups are named.
pub fn strip_legal_form(words: &mut Vec<&str>) {
    while words.len() > 1 {
        let last = normalize::key(words[words.len() - 1]);
        if matches!(last.as_str(), "and" | "&" | "," | "dan")
            || (COMPANY_SUFFIXES.contains(&last.as_str()) && !last.starts_with("gr"))
        {
            words.pop();
        } else {
            break;
        }
    }
}

/// Whether a mention's surface ends with a company suffix (`Cargill U.K. Ltd`, `King
/// World Productions Inc` are not people).
pub fn ends_with_company_suffix(surface: &str) -> bool {
    let last = surface.split_whitespace().last().unwrap_or("");
    let last = normalize::key(
        ["'s", "\u{2019}s"]
            .iter()
            .find_map(|p| last.strip_suffix(p))
            .unwrap_or(last),
    );
    COMPANY_SUFFIXES.contains(&last.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str, source: &str) -> String {
        let out = clean_text(text, &Outlets::for_source(source));
        assert_eq!(out.len(), text.len());
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn company_suffixes() {
        assert!(ends_with_company_suffix("General Motors Corp's"));
        assert!(ends_with_company_suffix("PT Eterindo Wahanatama Tbk"));
        assert!(!ends_with_company_suffix("Paul Volcker"));
        assert!(is_generic("Ltd") && is_generic("There") && !is_generic("Texaco"));
    }

    #[test]
    fn outlets_agencies_and_credits_are_blanked() {
        assert_eq!(
            clean("kata Haekal kepada Okezone, Senin.", "Okezone"),
            "kata Haekal kepada , Senin."
        );
        assert_eq!(
            clean("DailySocial.id adalah portal berita", "DailySocial.id"),
            "adalah portal berita"
        );
        assert_eq!(clean("Hal itu benar. (ANTARA News)", ""), "Hal itu benar.");
        assert_eq!(clean("Foto: Andi Saputra/detikcom", ""), "");
        assert_eq!(clean("Ia tiba. (ara/ara)", ""), "Ia tiba.");
        // The word `antara` ("between") stays; so do ordinary pairs with a slash.
        assert_eq!(
            clean("di antara Jakarta/Bogor", ""),
            "di antara Jakarta/Bogor"
        );
        // The article's own outlet, learnt from its source field.
        assert_eq!(
            clean("menurut Warta Kota Baru hari ini", "Warta Kota Baru"),
            "menurut hari ini"
        );
    }

    #[test]
    fn pairing_hyphens_split_names() {
        assert_eq!(
            clean("Joko Widodo-Ma'ruf Amin menang", ""),
            "Joko Widodo,Ma'ruf Amin menang"
        );
        assert_eq!(clean("anak-anak", ""), "anak-anak");
    }

    fn mention(text: &str, kind: Kind, surface: &str) -> Mention {
        let start = text.find(surface).unwrap();
        Mention {
            kind,
            surface: surface.into(),
            start,
            end: start + surface.len(),
        }
    }

    #[test]
    fn compass_words_join_their_place_and_institutions_hide_people() {
        let text = "di Polres Metro Jakarta Selatan dan RSPAD Gatot Soebroto";
        let mut ms = vec![
            mention(text, Kind::Place, "Jakarta"),
            mention(text, Kind::Place, "Selatan"),
            mention(text, Kind::Person, "Gatot Soebroto"),
        ];
        fix_mentions(text, &mut ms);
        let names: Vec<&str> = ms.iter().map(|m| m.surface.as_str()).collect();
        assert_eq!(names, vec!["Jakarta Selatan"]);
    }
}
