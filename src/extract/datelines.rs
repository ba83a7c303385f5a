//! The dateline that opens a story, for every format: `JAKARTA, KOMPAS.com -`,
//! `Mataram, NTB (ANTARA News) -`, `REPUBLIKA.CO.ID, JAKARTA -`, `Liputan6.com,
//! Jakarta:`, `JAKARTA, Nov 4 (Reuters) -`, `Jakarta, Harian Baru -`, `Jakarta -`.
//! It is cut from the body and read into the place, the outlet named in it, and the
//! wire when another agency is credited. Text dumps, HTML pages, JSON and CSV bodies
//! all call [`find`]; `brands` are the outlet's own names when the page says them
//! (squashed, see [`super::outlets::squash`]), empty when it does not.

use super::outlets::{canonical as canonical_outlet, squash, wire as wire_name};
use super::places::{is_known_place, is_place_like};
use super::{dates, ends_sentence};
use regex::Regex;
use std::sync::LazyLock;

/// A place: capitalised words, optionally followed by `, Region`.
const PLACE: &str = r"[\p{Lu}][\p{L}.'’]*(?:[ ][\p{Lu}][\p{L}.'’]*){0,3}(?:,[ ]*[\p{Lu}][\p{L}.'’]*(?:[ ][\p{Lu}][\p{L}.'’]*){0,2})?";
/// An outlet written as a domain: `KOMPAS.com`, `REPUBLIKA.CO.ID`, `Liputan6.com`.
const OUTLET: &str = r"[\p{L}\d]+(?:\.[\p{L}]{2,4}){1,2}";
/// The dash or colon that ends a dateline (exports sometimes double it: `- -`).
const END: &str = r"\s*(?:-{1,2}|–|—|:)(?:\s*(?:-{1,2}|–|—))*\s*";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// `Mataram, NTB (ANTARA News) -`, `ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -`.
static PLACE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<place>{PLACE})(?:,\s*\d{{1,2}}\s+\p{{L}}+\s+\d{{4}})?\s*\((?P<wire>[^()]{{2,40}})\){END}"
    ))
});
/// `JAKARTA, KOMPAS.com -`, `Jakarta, KompasOtomotif –`, `Jakarta, CNN Indonesia --`.
static PLACE_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<place>{PLACE}),\s*(?P<outlet>[\p{{L}}\d][\p{{L}}\d.]*(?:[ ][\p{{L}}\d][\p{{L}}\d.]*)?){END}"
    ))
});
/// `Liputan6.com, Jakarta London Love Story...`: the outlet's own name and one place
/// word, with no dash after them.
static OUTLET_PLACE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<outlet>{OUTLET}),\s*(?P<place>[\p{{Lu}}][\p{{L}}]+)\s+"
    ))
});
/// `REPUBLIKA.CO.ID, JAKARTA -`, `Liputan6.com, Jakarta:`.
static OUTLET_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?P<outlet>{OUTLET}),\s*(?P<place>{PLACE}){END}"
    ))
});
/// `Jakarta -`, `JAKARTA -`, `Banda Aceh -` (a dash and a space are required).
static PLACE_DASH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?P<place>[\p{Lu}][\p{L}.'’]*(?:[ ][\p{Lu}][\p{L}.'’]*)?)\s*(?:-{1,2}|–|—)\s+")
});
/// Any short head before a dash, read part by part (`WASHINGTON DC, KOMPAS.com –`,
/// `JAKARTA, Nov 4 (Reuters) -`, `Jakarta, Harian Baru -`).
static HEAD: LazyLock<Regex> = LazyLock::new(|| re(r"^([^-–—!?:;]{2,70}?)\s*(?:--|-|–|—)\s+(\S)"));

/// A dateline found at the start of a body.
#[derive(Debug, Default, PartialEq)]
pub struct Dateline {
    pub place: Option<String>,
    /// The outlet the dateline names (`KOMPAS.com`), in its usual spelling.
    pub outlet: Option<String>,
    /// The credited agency when it is not the outlet itself: `JAKARTA (Reuters) -`.
    pub wire: Option<String>,
    /// Bytes of the body the dateline takes (with its dash and spaces).
    pub len: usize,
}

/// Finds the dateline at the start of `body`; `brands` are the outlet's own names.
pub fn find(body: &str, brands: &[String]) -> Option<Dateline> {
    find_any(body, brands).filter(|d| story_starts(&body[d.len..], &body[..d.len]))
}

/// The story after a dateline does not start with punctuation (`Pasca- , yang`), and
/// does not repeat the word before the dash (`Baru - baru ini`, `Ada - ada saja`,
/// `Bertahun - tahun`, `Desas - desus`: reduplicated words written with spaces).
fn story_starts(story: &str, head: &str) -> bool {
    let story = story.trim_start();
    let Some(first) = story.chars().next() else {
        return false;
    };
    if matches!(first, ',' | '.' | ';' | ':' | '-' | '–' | '—' | '!' | '?') {
        return false;
    }
    let next: String = story.chars().take_while(|c| c.is_alphabetic()).collect();
    let last = head
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let reduplicated = next.chars().next().is_some_and(char::is_lowercase)
        && !last.is_empty()
        && (last.ends_with(&next) || last.chars().take(2).eq(next.chars().take(2)));
    !reduplicated
}

fn find_any(body: &str, brands: &[String]) -> Option<Dateline> {
    let head: String = body.chars().take(160).collect();
    let at = |c: &regex::Captures| c[0].len();
    if let Some(c) = PLACE_AGENCY.captures(&head) {
        let mut d = Dateline {
            len: at(&c),
            ..Default::default()
        };
        d.place = Some(c["place"].trim().to_string());
        credit(c["wire"].trim(), brands, &mut d);
        return Some(d);
    }
    if let Some(c) = OUTLET_PLACE.captures(&head) {
        return Some(Dateline {
            place: Some(c["place"].trim().to_string()),
            outlet: Some(outlet_name(&c["outlet"])),
            wire: None,
            len: at(&c),
        });
    }
    if let Some(c) = PLACE_OUTLET.captures(&head) {
        let outlet = &c["outlet"];
        // A headline can look the same (`Bahas Sinergi, US ICE - HSI Bertemu`): a name
        // in capitals names an outlet after a known place or before a sentence.
        let shouty = outlet
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let place_first = is_known_place(&c["place"]) || ends_sentence(&body[at(&c)..]);
        let names_outlet =
            outlet.contains('.') || (shouty && place_first) || is_brand(outlet, brands);
        if names_outlet {
            return Some(Dateline {
                place: Some(c["place"].trim().to_string()),
                outlet: Some(outlet_name(outlet)),
                wire: None,
                len: at(&c),
            });
        }
    }
    if let Some(c) = OUTLET_PLACE_BARE
        .captures(&head)
        .filter(|c| is_brand(&c["outlet"], brands))
    {
        return Some(Dateline {
            place: Some(c["place"].trim().to_string()),
            outlet: Some(outlet_name(&c["outlet"])),
            wire: None,
            len: at(&c),
        });
    }
    if let Some(c) = PLACE_DASH.captures(&head) {
        let place = c["place"].trim();
        // Two capitalised words are a place only when written all in capitals.
        let words = place.split_whitespace().count();
        let shouty = place
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let story = &head[at(&c)..];
        let story_follows = story.split_whitespace().count() >= 3 || ends_sentence(story);
        if (words == 1 || shouty) && story_follows {
            let mut d = Dateline {
                len: at(&c),
                ..Default::default()
            };
            // `KOMPAS.com -`, `REUTERS -`: an outlet or a wire, not a place.
            if let Some(w) = wire_name(place) {
                d.wire = Some(w.to_string());
            } else if let Some(o) = canonical_outlet(place) {
                d.outlet = Some(o);
            } else {
                d.place = Some(place.to_string());
            }
            return Some(d);
        }
    }
    split_head(body)
}

/// The outlet named in a dateline, in its usual spelling when known.
fn outlet_name(name: &str) -> String {
    canonical_outlet(name).unwrap_or_else(|| name.trim().to_string())
}

/// The agency credited in brackets: `Antara/PRNewswire` -> the wire `PRNewswire`; a
/// known wire in its usual spelling; the outlet's own name (or, when the page does not
/// say its names, a known outlet) is the outlet and no wire.
fn credit(w: &str, brands: &[String], d: &mut Dateline) {
    let last = w.rsplit('/').next().unwrap_or(w).trim();
    let sq = squash(last);
    if sq.is_empty() {
        return;
    }
    if let Some(wire) = wire_name(last) {
        d.wire = Some(wire.to_string());
    } else if brands
        .iter()
        .any(|b| sq.contains(b.as_str()) || b.contains(&sq))
    {
        d.outlet = Some(outlet_name(last));
    } else if brands.is_empty() && canonical_outlet(last).is_some() {
        d.outlet = canonical_outlet(last);
    } else {
        d.wire = Some(last.to_string());
    }
}

fn is_brand(name: &str, brands: &[String]) -> bool {
    let sq = squash(name);
    !sq.is_empty() && brands.iter().any(|b| sq.contains(b.as_str()))
}

/// The general form: a short head before a dash, every comma- or bracket-separated
/// part of it a place, a known outlet, a wire or a day and month.
fn split_head(text: &str) -> Option<Dateline> {
    let c = HEAD.captures(text)?;
    let head = c.get(1)?;
    // A sentence, or a head ending in a comma (`Sekretaris , -`: words dropped).
    if head.as_str().contains(". ") || head.as_str().trim_end().ends_with(',') {
        return None;
    }
    // Where the first character of the story starts (it may take several bytes).
    let rest = c.get(2)?.start();
    let story = &text[rest..];
    if story.split_whitespace().count() < 3 && !ends_sentence(story) {
        return None;
    }
    let mut d = Dateline {
        len: rest,
        ..Default::default()
    };
    let mut loose: Vec<String> = Vec::new();
    for part in head
        .as_str()
        .split([',', '(', ')'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(w) = wire_name(part) {
            d.wire = Some(w.to_string());
        } else if dates::is_day_month(part) {
            // `JAKARTA, Nov 4 (Reuters) -`
        } else if let Some(o) = canonical_outlet(part) {
            if d.outlet.replace(o).is_some() {
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
        1 => d.place = loose.pop(),
        // `Jakarta, Harian Baru -`: place first, then an outlet not on the list. A
        // headline can look the same (`Bahas Sinergi, US ICE - HSI Bertemu Bea
        // Cukai`), so the place must be a known one or the story a sentence.
        2 if d.outlet.is_none() && (is_known_place(&loose[0]) || ends_sentence(story)) => {
            d.outlet = Some(loose[1].clone());
            d.place = Some(loose[0].clone());
        }
        _ => return None,
    }
    (d.place.is_some() || d.outlet.is_some() || d.wire.is_some()).then_some(d)
}

/// A dateline written as a block of its own (`<strong>Jakarta</strong> -`, then the
/// story's first paragraph): short, and ending in its dash or colon.
pub fn is_detached(p: &str) -> bool {
    p.chars().count() < 60 && p.ends_with(['-', '–', '—', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (place, outlet, wire, the story after the dateline).
    type Split = (Option<String>, Option<String>, Option<String>, String);

    fn split(body: &str, brands: &[&str]) -> Option<Split> {
        let brands: Vec<String> = brands.iter().map(|b| b.to_string()).collect();
        find(body, &brands).map(|d| (d.place, d.outlet, d.wire, body[d.len..].trim().to_string()))
    }

    fn place(body: &str) -> Option<String> {
        split(body, &["antaranews", "kompas"]).and_then(|s| s.0)
    }

    fn rest(body: &str) -> String {
        split(body, &[]).map(|s| s.3).unwrap_or_default()
    }

    /// A text dump's dateline: the page does not say the outlet's names.
    fn split_text(text: &str) -> Option<Dateline> {
        find(text, &[])
    }

    #[test]
    fn a_dateline_before_a_multibyte_character_does_not_panic() {
        let d =
            split_text("Suara.com - \u{200e}Aparat kepolisian menjaga vihara di Jakarta Barat.")
                .unwrap();
        assert_eq!(d.outlet.as_deref(), Some("Suara.com"));
    }

    #[test]
    fn datelines_of_many_outlets() {
        let cases = [
            (
                "WASHINGTON DC, KOMPAS.com – ",
                Some("WASHINGTON DC"),
                Some("Kompas.com"),
            ),
            ("Jakarta (ANTARA) - ", Some("Jakarta"), Some("ANTARA")),
            ("JAKARTA, KOMPAS.TV - ", Some("JAKARTA"), Some("Kompas.tv")),
            (
                "Liputan6.com, Jakarta - ",
                Some("Jakarta"),
                Some("Liputan6.com"),
            ),
            ("Jakarta - ", Some("Jakarta"), None),
            (
                "Jakarta, CNN Indonesia -- ",
                Some("Jakarta"),
                Some("CNN Indonesia"),
            ),
            (
                "TRIBUNNEWS.COM, BANDUNG - ",
                Some("BANDUNG"),
                Some("Tribunnews.com"),
            ),
            ("SURABAYA — ", Some("SURABAYA"), None),
            (
                "Bisnis.com, JAKARTA - ",
                Some("JAKARTA"),
                Some("Bisnis.com"),
            ),
            ("Jakarta, IDN Times - ", Some("Jakarta"), Some("IDN Times")),
        ];
        let story = "Pekan ini, pemerintah mengumumkan rencana baru.";
        for (tag, place, outlet) in cases {
            let line = format!("{tag}{story}");
            let d = split_text(&line).unwrap_or_else(|| panic!("no dateline in {line}"));
            assert_eq!(d.place.as_deref(), place, "{line}");
            assert_eq!(d.outlet.as_deref(), outlet, "{line}");
            assert_eq!(line[d.len..].trim(), story, "{line}");
        }
        // A dash before a byline, not a story, is no dateline.
        assert!(split_text("News - Tim Redaksi").is_none());
    }

    #[test]
    fn sentences_with_dashes_are_not_datelines() {
        assert!(split_text("Menurut dia, harga beras - yang naik - masih wajar.").is_none());
        assert!(split_text("Sama-sama Bermasalah dengan Barat").is_none());
        assert!(split_text("Pada 2019 - 2020 harga naik.").is_none());
        // A headline with a comma and a dash, an unlisted name after the comma.
        assert!(
            split_text("Bahas Sinergi, US ICE - HSI Bertemu Bea Cukai Bali Nusa Tenggara")
                .is_none()
        );
        let d =
            split_text("Jakarta, Harian Baru - Pemerintah kota mengumumkan rencana baru").unwrap();
        assert_eq!(d.outlet.as_deref(), Some("Harian Baru"));
    }

    #[test]
    fn brand_without_domain_is_an_outlet_not_a_place() {
        let d = split_text("VIVA – Harga emas naik").unwrap();
        assert_eq!(d.place, None);
        assert_eq!(d.outlet.as_deref(), Some("VIVA"));
    }

    #[test]
    fn agency_datelines() {
        let s = split(
            "Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan",
            &["antaranews"],
        );
        let (p, o, w, rest) = s.unwrap();
        assert_eq!(p.as_deref(), Some("Mataram, NTB"));
        assert_eq!(o.as_deref(), Some("ANTARA"));
        assert_eq!((w, rest.as_str()), (None, "Sebanyak 29 penerbangan"));
        let s = split(
            "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -\nPemerintah kota",
            &[],
        );
        let (p, _, w, _) = s.unwrap();
        assert_eq!(
            (p.as_deref(), w.as_deref()),
            (Some("ISTANBUL"), Some("PRNewswire"))
        );
        // A known wire in its usual spelling; another outlet's name on a page that
        // says its own is a wire.
        let s = split(
            "TOKYO (REUTERS) - Korea Utara meluncurkan rudal",
            &["kompas"],
        )
        .unwrap();
        assert_eq!(s.2.as_deref(), Some("Reuters"));
        let s = split("Jakarta (ANTARA) - Harga beras naik lagi", &["kompas"]).unwrap();
        assert_eq!((s.1, s.2.as_deref()), (None, Some("ANTARA")));
        // Without the page's names, a known outlet is the outlet.
        let s = split("Jakarta (ANTARA) - Harga beras naik lagi", &[]).unwrap();
        assert_eq!((s.1.as_deref(), s.2), (Some("ANTARA"), None));
    }

    #[test]
    fn outlet_datelines() {
        assert_eq!(
            place("JAKARTA, KOMPAS.com - Menteri").as_deref(),
            Some("JAKARTA")
        );
        let s = split("JAKARTA, KOMPAS.com - Menteri", &[]).unwrap();
        assert_eq!(s.1.as_deref(), Some("Kompas.com"));
        assert_eq!(
            place("REPUBLIKA.CO.ID, JAKARTA - Aktris").as_deref(),
            Some("JAKARTA")
        );
        assert_eq!(rest("REPUBLIKA.CO.ID, JAKARTA -- Aktris"), "Aktris");
        assert_eq!(rest("Liputan6.com, Jakarta: Warga"), "Warga");
        assert_eq!(
            rest("Jakarta - Galaxy S6 dijual hari ini"),
            "Galaxy S6 dijual hari ini"
        );
        assert_eq!(split("Jakarta - Galaxy S6", &[]), None);
        assert_eq!(
            rest("Jakarta, KompasOtomotif – Tahun depan ada dua mobil baru."),
            "Tahun depan ada dua mobil baru."
        );
        let d = find(
            "Liputan6.com, Jakarta London Love Story, film",
            &["liputan6".to_string()],
        )
        .unwrap();
        assert_eq!(d.place.as_deref(), Some("Jakarta"));
        assert_eq!(
            find("Detik.com, Jakarta London", &["liputan6".to_string()]),
            None
        );
        // An outlet alone is no place.
        let s = split("KOMPAS.com - Pemerintah menaikkan harga BBM", &[]).unwrap();
        assert_eq!((s.0, s.1.as_deref()), (None, Some("Kompas.com")));
    }

    #[test]
    fn general_heads() {
        let s = split(
            "WASHINGTON DC, KOMPAS.com – Presiden Amerika Serikat berpidato",
            &[],
        )
        .unwrap();
        assert_eq!(
            (s.0.as_deref(), s.1.as_deref()),
            (Some("WASHINGTON DC"), Some("Kompas.com"))
        );
        let s = split(
            "JAKARTA, Nov 4 (Reuters) - Indonesia's central bank said",
            &[],
        )
        .unwrap();
        assert_eq!(
            (s.0.as_deref(), s.2.as_deref()),
            (Some("JAKARTA"), Some("Reuters"))
        );
        let s = split(
            "Jakarta, Harian Baru - Harga beras naik di pasar induk.",
            &[],
        )
        .unwrap();
        assert_eq!(
            (s.0.as_deref(), s.1.as_deref()),
            (Some("Jakarta"), Some("Harian Baru"))
        );
        let s = split("Banda Aceh - Gempa mengguncang kota pagi ini", &[]).unwrap();
        assert_eq!(s.0.as_deref(), Some("Banda Aceh"));
        // A doubled dash, as exports write it.
        let s = split(
            "Jakarta, CNN Indonesia - - Gempa mengguncang laut selatan",
            &["cnnindonesia"],
        )
        .unwrap();
        assert_eq!(
            (s.0.as_deref(), s.3.as_str()),
            (Some("Jakarta"), "Gempa mengguncang laut selatan")
        );
        // A multibyte first character of the story.
        let s = split("Jakarta – “Kami siap,” kata dia.", &[]).unwrap();
        assert_eq!(s.3, "“Kami siap,” kata dia.");
    }

    #[test]
    fn ordinary_sentences_have_no_dateline() {
        assert_eq!(place("DEPRESI jadi satu momok yang wajib diwaspadai"), None);
        assert_eq!(place("Tahun depan, dua produsen otomotif asal China"), None);
        assert_eq!(place("Menurut Presiden Joko Widodo - yang hadir"), None);
        assert_eq!(place("Hati-hati di jalan"), None);
        assert_eq!(
            split("Bahas Sinergi, US ICE - HSI Bertemu Bea Cukai", &[]),
            None
        );
        assert_eq!(
            split("Harga naik. Warga - yang datang pagi - kecewa", &[]),
            None
        );
    }

    #[test]
    fn detached_datelines() {
        assert!(is_detached("Jakarta -"));
        assert!(is_detached("JAKARTA, KOMPAS.com –"));
        assert!(!is_detached("Jakarta"));
        assert!(!is_detached(
            "Harga beras naik lagi di semua pasar induk kota besar pada pekan ini -"
        ));
    }
}
