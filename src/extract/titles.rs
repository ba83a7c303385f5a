//! Title clean-up for every format: the site name that pages add before or after
//! the headline (`Judul - Kompas.com`, `Kabar Lembah: Judul`, `Judul | Republika
//! Online`). HTML knows the page's own names for its site (`og:site_name` ...); a
//! text dump only has the list of known outlets.

use super::outlets::{canonical as canonical_outlet, squash};
use crate::ingest::collapse_ws;
use regex::Regex;
use std::sync::LazyLock;

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9-]+\.(com|co\.id|id|net|org|tv|co|news)\b").expect("valid regex")
});

/// Separators between a headline and the site name in `<title>`/`og:title`.
pub const SEPARATORS: &[&str] = &[
    " - ", " | ", " :: ", " : ", " – ", " — ", " » ", " « ", " · ", " ~ ",
];

/// True when a trailing title segment names the site (`Kompas.com Regional`,
/// `Republika Online`, `Health :: Okezone Lifestyle`).
fn names_site(segment: &str, brands: &[String]) -> bool {
    let sq = squash(segment);
    if sq.is_empty() || segment.chars().count() > 60 {
        return false;
    }
    brands.iter().any(|b| sq.contains(b.as_str()))
        || DOMAIN.is_match(segment)
        || segment.to_lowercase().ends_with(" online")
}

/// `Judul - Kompas.com` -> `Judul`: cuts at the first separator whose remainder names the site.
pub fn strip_site_suffix(title: &str, brands: &[String]) -> String {
    let title = collapse_ws(title);
    let mut cuts: Vec<usize> = SEPARATORS
        .iter()
        .flat_map(|s| title.match_indices(s).map(|(i, _)| i))
        .collect();
    cuts.sort_unstable();
    for i in cuts {
        let rest = title[i..].trim_start_matches(|c: char| !c.is_alphanumeric());
        if i > 0 && names_site(rest, brands) {
            return title[..i].trim().to_string();
        }
    }
    // `Kompas.com - Judul`, `Kabar Lembah: Judul`: a site prefix, named by a domain
    // or by exactly one of the page's own names for its site.
    for sep in SEPARATORS.iter().chain(&[": "]) {
        if let Some((head, tail)) = title.split_once(sep) {
            if !tail.trim().is_empty()
                && head.chars().count() <= 30
                && names_site(head, brands)
                && (DOMAIN.is_match(head) || brands.contains(&squash(head)))
            {
                return tail.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// `Headline - Kompas.com` -> the headline and the outlet, for titles whose page
/// does not say its own names (text dumps): the last segment after a dash or a bar
/// must name a known outlet.
pub fn split_outlet_suffix(title: &str) -> (String, Option<String>) {
    static SUFFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s+[-|–—]\s+([^-|–—]{2,40})$").expect("static regex"));
    if let Some(c) = SUFFIX.captures(title) {
        if let Some(o) = canonical_outlet(&c[1]) {
            return (
                title[..c.get(0).map_or(0, |m| m.start())].to_string(),
                Some(o),
            );
        }
    }
    (title.to_string(), None)
}

/// True when `title` is `headline` followed by a separator and more (`Judul | Situs
/// Baru`): the page shows the headline alone, so what follows the separator is the
/// site's name even when the name is not known.
pub fn is_headline_then_site(title: &str, headline: &str) -> bool {
    title
        .strip_prefix(headline)
        .is_some_and(|rest| SEPARATORS.iter().any(|s| rest.starts_with(s)))
}

/// True when the words a title has around a headline (` - Kompas.com`, `Kompas.com |
/// `) are a separator and a known outlet: `Judul - Kompas.com` is the page title of
/// the story `Judul`, not the headline with something else (a photo credit) added.
pub fn is_outlet_affix(extra: &str) -> bool {
    canonical_outlet(extra.trim().trim_matches(['-', '|', '–', '—']).trim()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_then_site_and_outlet_affixes() {
        assert!(is_headline_then_site(
            "Warga Panen Kopi | Situs Baru",
            "Warga Panen Kopi"
        ));
        assert!(is_headline_then_site(
            "Warga Panen Kopi - Kabar Desa",
            "Warga Panen Kopi"
        ));
        assert!(!is_headline_then_site(
            "Warga Panen Kopi Arabika",
            "Warga Panen Kopi"
        ));
        assert!(is_outlet_affix(" - Kompas.com"));
        assert!(is_outlet_affix("Tribunnews.com | "));
        assert!(!is_outlet_affix("ANTARA FOTO/Galih Pradipta"));
        assert!(!is_outlet_affix(" - Warga Desa"));
    }

    #[test]
    fn a_site_prefix_named_by_the_page_is_cut() {
        let brands = brands_of(&["kabarlembah"]);
        assert_eq!(
            strip_site_suffix("Kabar Lembah: Warga Panen Kopi", &brands),
            "Warga Panen Kopi"
        );
        assert_eq!(
            strip_site_suffix("KapanLagi.com: Brandon Salim Makin Dekat", &[]),
            "Brandon Salim Makin Dekat"
        );
        // A headline that starts with a word before a colon keeps it.
        assert_eq!(
            strip_site_suffix("Jokowi: Kita Harus Bekerja Keras", &brands),
            "Jokowi: Kita Harus Bekerja Keras"
        );
    }

    fn brands_of(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn site_suffixes_are_cut() {
        let b = brands_of(&[
            "kompas",
            "okezone",
            "liputan6",
            "republika",
            "antaranews",
            "ihramcoid",
        ]);
        let cases = [
            ("Judul Berita - Kompas.com Regional", "Judul Berita"),
            (
                "Sering Depresi Berat, Hati-Hati Diabetes! - Health :: Okezone Lifestyle",
                "Sering Depresi Berat, Hati-Hati Diabetes!",
            ),
            (
                "Cara Jaga Keromantisan : Okezone Celebrity",
                "Cara Jaga Keromantisan",
            ),
            (
                "Tri Indonesia: Broadband Dorong Ekosistem - Tekno Liputan6.com",
                "Tri Indonesia: Broadband Dorong Ekosistem",
            ),
            (
                "Marcella Promo Wisata | Republika Online",
                "Marcella Promo Wisata",
            ),
            (
                "Astra luncurkan ban  - ANTARA News Otomotif",
                "Astra luncurkan ban",
            ),
            (
                "Jamaah Haji Ikuti Pemeriksaan | ihram.co.id ",
                "Jamaah Haji Ikuti Pemeriksaan",
            ),
            (
                "Harga Cabai Naik - Turun di Pasar Lain",
                "Harga Cabai Naik - Turun di Pasar Lain",
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(strip_site_suffix(raw, &b), want, "{raw}");
        }
        assert_eq!(
            strip_site_suffix("Judul Lain | SuaraDesa.com", &[]),
            "Judul Lain",
            "a domain names a site"
        );
    }

    #[test]
    fn a_known_outlet_after_a_dash_is_cut_and_named() {
        assert_eq!(
            split_outlet_suffix("Harga Cabai Naik - Kompas.com"),
            (
                "Harga Cabai Naik".to_string(),
                Some("Kompas.com".to_string())
            )
        );
        assert_eq!(
            split_outlet_suffix("Harga Naik - Turun di Pasar"),
            ("Harga Naik - Turun di Pasar".to_string(), None)
        );
    }
}
