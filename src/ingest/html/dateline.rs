//! The dateline at the start of a story (`Mataram, NTB (ANTARA News) -`,
//! `JAKARTA, KOMPAS.com -`, `REPUBLIKA.CO.ID, JAKARTA -`, `Liputan6.com, Jakarta:`,
//! `Jakarta -`): split off the body into the place and, when another agency is
//! credited, the wire.

use super::fields::squash;
use regex::Regex;
use std::sync::LazyLock;

/// A place: capitalised words, optionally followed by `, Region`.
const PLACE: &str = r"[\p{Lu}][\p{L}.'’]*(?:[ ][\p{Lu}][\p{L}.'’]*){0,3}(?:,[ ]*[\p{Lu}][\p{L}.'’]*(?:[ ][\p{Lu}][\p{L}.'’]*){0,2})?";
/// An outlet written as a domain: `KOMPAS.com`, `REPUBLIKA.CO.ID`, `Liputan6.com`.
const OUTLET: &str = r"[\p{L}\d]+(?:\.[\p{L}]{2,4}){1,2}";
/// The dash or colon that ends a dateline.
const END: &str = r"\s*(?:-{1,2}|–|—|:)\s*";

/// `Mataram, NTB (ANTARA News) -`, `ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -`.
static PLACE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?P<place>{PLACE})(?:,\s*\d{{1,2}}\s+\p{{L}}+\s+\d{{4}})?\s*\((?P<wire>[^()]{{2,40}})\){END}"))
        .expect("valid regex")
});
/// `JAKARTA, KOMPAS.com -`, `Jakarta, KompasOtomotif –`, `Jakarta, CNN Indonesia --`.
static PLACE_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?P<place>{PLACE}),\s*(?P<outlet>[\p{{L}}\d][\p{{L}}\d.]*(?:[ ][\p{{L}}\d][\p{{L}}\d.]*)?){END}"))
        .expect("valid regex")
});
/// `Liputan6.com, Jakarta London Love Story...`: the outlet's own name and one place
/// word, with no dash after them.
static OUTLET_PLACE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<outlet>{OUTLET}),\s*(?P<place>[\p{{Lu}}][\p{{L}}]+)\s+"
    ))
    .expect("valid regex")
});
/// `REPUBLIKA.CO.ID, JAKARTA -`, `Liputan6.com, Jakarta:`.
static OUTLET_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<outlet>{OUTLET}),\s*(?P<place>{PLACE}){END}"
    ))
    .expect("valid regex")
});
/// `Jakarta -`, `JAKARTA -`, `Banda Aceh -` (a dash and a space are required).
static PLACE_DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[\p{Lu}][\p{L}.'’]*(?:[ ][\p{Lu}][\p{L}.'’]*)?)\s*(?:-{1,2}|–|—)\s+")
        .expect("valid regex")
});

/// A dateline found at the start of a body.
#[derive(Debug, PartialEq)]
pub struct Dateline {
    pub place: String,
    /// The credited agency when it is not the outlet itself.
    pub wire: Option<String>,
    /// Bytes of the body the dateline takes (with its dash and spaces).
    pub len: usize,
}

/// Finds the dateline at the start of `body`; `brands` are the outlet's own names.
pub fn find(body: &str, brands: &[String]) -> Option<Dateline> {
    let head: String = body.chars().take(160).collect();
    if let Some(c) = PLACE_AGENCY.captures(&head) {
        let wire = c
            .name("wire")
            .map(|w| w.as_str().trim())
            .and_then(|w| agency(w, brands));
        return Some(Dateline {
            place: c["place"].trim().to_string(),
            wire,
            len: c[0].len(),
        });
    }
    if let Some(c) = OUTLET_PLACE.captures(&head) {
        return Some(Dateline {
            place: c["place"].trim().to_string(),
            wire: None,
            len: c[0].len(),
        });
    }
    if let Some(c) = PLACE_OUTLET.captures(&head) {
        let outlet = &c["outlet"];
        let names_outlet = outlet.contains('.')
            || outlet
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            || is_brand(outlet, brands);
        if names_outlet {
            return Some(Dateline {
                place: c["place"].trim().to_string(),
                wire: None,
                len: c[0].len(),
            });
        }
    }
    if let Some(c) = OUTLET_PLACE_BARE
        .captures(&head)
        .filter(|c| is_brand(&c["outlet"], brands))
    {
        return Some(Dateline {
            place: c["place"].trim().to_string(),
            wire: None,
            len: c[0].len(),
        });
    }
    let c = PLACE_DASH.captures(&head)?;
    let place = c["place"].trim();
    // A lone capitalised word is a place only if it is all capitals or a single word.
    let words = place.split_whitespace().count();
    let shouty = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    (words == 1 || shouty).then(|| Dateline {
        place: place.to_string(),
        wire: None,
        len: c[0].len(),
    })
}

fn is_brand(name: &str, brands: &[String]) -> bool {
    let sq = squash(name);
    !sq.is_empty() && brands.iter().any(|b| sq.contains(b.as_str()))
}

/// `Antara/PRNewswire` -> `PRNewswire`; the outlet's own name -> none.
fn agency(w: &str, brands: &[String]) -> Option<String> {
    let last = w.rsplit('/').next().unwrap_or(w).trim();
    let sq = squash(last);
    if sq.is_empty()
        || brands
            .iter()
            .any(|b| sq.contains(b.as_str()) || b.contains(&sq))
    {
        None
    } else {
        Some(last.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(body: &str) -> Option<(String, Option<String>, String)> {
        let brands = vec!["antaranews".to_string(), "kompas".to_string()];
        find(body, &brands).map(|d| (d.place, d.wire, body[d.len..].to_string()))
    }

    #[test]
    fn agency_datelines() {
        let (p, w, rest) = place("Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan").unwrap();
        assert_eq!(
            (p.as_str(), w, rest.as_str()),
            ("Mataram, NTB", None, "Sebanyak 29 penerbangan")
        );
        let (p, w, _) =
            place("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -\nPemerintah kota").unwrap();
        assert_eq!((p.as_str(), w.as_deref()), ("ISTANBUL", Some("PRNewswire")));
    }

    #[test]
    fn outlet_datelines() {
        assert_eq!(place("JAKARTA, KOMPAS.com - Menteri").unwrap().0, "JAKARTA");
        assert_eq!(
            place("REPUBLIKA.CO.ID, JAKARTA - Aktris").unwrap().0,
            "JAKARTA"
        );
        assert_eq!(
            place("REPUBLIKA.CO.ID, JAKARTA -- Aktris").unwrap().2,
            "Aktris"
        );
        assert_eq!(place("Liputan6.com, Jakarta: Warga").unwrap().2, "Warga");
        assert_eq!(place("Jakarta - Galaxy S6").unwrap().2, "Galaxy S6");
        assert_eq!(
            place("Jakarta, KompasOtomotif – Tahun depan").unwrap().2,
            "Tahun depan"
        );
        let brands = vec!["liputan6".to_string()];
        let d = find("Liputan6.com, Jakarta London Love Story, film", &brands).unwrap();
        assert_eq!(d.place, "Jakarta");
        assert_eq!(find("Detik.com, Jakarta London", &brands), None);
    }

    #[test]
    fn ordinary_sentences_have_no_dateline() {
        assert_eq!(place("DEPRESI jadi satu momok yang wajib diwaspadai"), None);
        assert_eq!(place("Tahun depan, dua produsen otomotif asal China"), None);
        assert_eq!(place("Menurut Presiden Joko Widodo - yang hadir"), None);
        assert_eq!(place("Hati-hati di jalan"), None);
    }
}
