//! Outlet names in their usual spelling, shared by every format: `KOMPAS.com`,
//! `kompas.com` and `Kompas.com` are one outlet, `okezone.com` is `Okezone`,
//! `cnn indonesia` is `CNN Indonesia`. Filters key on the canonical name.

use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid pattern")
}

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
    ("viva", "VIVA"),
    ("vivanews", "VIVA"),
    ("suara", "Suara.com"),
    ("merdeka", "Merdeka.com"),
    ("jpnn", "JPNN.com"),
    ("jpnn.com", "JPNN.com"),
    ("bisnis", "Bisnis.com"),
    ("detik", "detikcom"),
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
    ("wowkeren.com", "WowKeren"),
    ("wowkeren", "WowKeren"),
    ("kapanlagi.com", "KapanLagi.com"),
    ("kapanlagi", "KapanLagi.com"),
    ("fimela.com", "Fimela.com"),
    ("fimela", "Fimela.com"),
    ("posmetro-medan.com", "Pos Metro Medan"),
    ("pos metro medan", "Pos Metro Medan"),
    ("poskotanews", "Poskota News"),
    ("poskotanews.com", "Poskota News"),
    ("dailysocial.id", "DailySocial.id"),
    ("dailysocial", "DailySocial.id"),
    ("juara.net", "Juara.net"),
    ("rimanews", "RimaNews"),
    ("goal indonesia", "Goal Indonesia"),
    ("goal.com", "Goal Indonesia"),
];

/// Every outlet name this table knows, as typed (lower case) and as displayed; the
/// entity tagger uses them to keep outlet names out of the entities.
pub fn known_names() -> impl Iterator<Item = &'static str> {
    KNOWN_OUTLETS.iter().flat_map(|(k, v)| [*k, *v])
}

/// The canonical name of an outlet, or the name as given (trimmed, and title-cased when
/// it is an all-lower-case phrase such as `goal indonesia`).
pub fn display(name: &str) -> String {
    if let Some(c) = canonical(name) {
        return c;
    }
    let t = name.trim();
    if t.contains(' ') && !t.contains('.') && t.chars().all(|c| !c.is_uppercase()) {
        return t
            .split_whitespace()
            .map(capitalise)
            .collect::<Vec<_>>()
            .join(" ");
    }
    t.to_string()
}

/// The outlet a short piece of text names, in its usual spelling: `KOMPAS.com` ->
/// `Kompas.com`, `TRIBUNNEWS.COM` -> `Tribunnews.com`, `detikNews` as written.
pub fn canonical(text: &str) -> Option<String> {
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

/// Lower-case letters and digits only: how titles, brands and outlet names are compared.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Wire services, in their usual spelling.
const WIRES: &[&str] = &[
    "Reuters",
    "AFP",
    "AP",
    "Associated Press",
    "Xinhua",
    "Bloomberg",
    "Kyodo",
    "Yonhap",
    "DPA",
    "Anadolu",
    "BBC",
    "Al Jazeera",
    "Sputnik",
    "TASS",
    "KCNA",
    "NHK",
    "EFE",
    "ANSA",
    "UPI",
];

/// The wire a short text names, in its usual spelling: `REUTERS` -> `Reuters`.
pub fn wire(text: &str) -> Option<&'static str> {
    let t = text.trim();
    WIRES.iter().find(|w| w.eq_ignore_ascii_case(t)).copied()
}

fn capitalise(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
