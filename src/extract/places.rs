//! Well-known places (countries, regions, cities) as Indonesian news writes them: a
//! list of facts that the dateline rule (is `Jakarta, Harian Baru -` a place and an
//! outlet?) and the entity tagger (a feature) both read.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Countries, regions and cities (as written in Indonesian news).
pub const PLACES: &[&str] = &[
    "indonesia",
    "malaysia",
    "singapura",
    "thailand",
    "vietnam",
    "filipina",
    "brunei",
    "myanmar",
    "kamboja",
    "laos",
    "timor leste",
    "australia",
    "selandia baru",
    "papua nugini",
    "jepang",
    "china",
    "tiongkok",
    "cina",
    "korea selatan",
    "korea utara",
    "korea",
    "taiwan",
    "hong kong",
    "india",
    "pakistan",
    "bangladesh",
    "sri lanka",
    "nepal",
    "afghanistan",
    "iran",
    "irak",
    "suriah",
    "turki",
    "arab saudi",
    "yordania",
    "lebanon",
    "israel",
    "palestina",
    "mesir",
    "qatar",
    "kuwait",
    "yaman",
    "uni emirat arab",
    "rusia",
    "ukraina",
    "belarus",
    "polandia",
    "jerman",
    "prancis",
    "perancis",
    "inggris",
    "britania raya",
    "skotlandia",
    "irlandia",
    "spanyol",
    "portugal",
    "italia",
    "belanda",
    "belgia",
    "swiss",
    "austria",
    "swedia",
    "norwegia",
    "denmark",
    "finlandia",
    "yunani",
    "hongaria",
    "ceko",
    "rumania",
    "serbia",
    "kroasia",
    "amerika serikat",
    "amerika",
    "kanada",
    "meksiko",
    "brasil",
    "argentina",
    "chili",
    "kolombia",
    "peru",
    "venezuela",
    "kuba",
    "afrika selatan",
    "nigeria",
    "kenya",
    "ethiopia",
    "maroko",
    "aljazair",
    "libya",
    "sudan",
    "eropa",
    "asia",
    "afrika",
    "timur tengah",
    "asia tenggara",
    "jakarta",
    "surabaya",
    "bandung",
    "medan",
    "semarang",
    "makassar",
    "palembang",
    "yogyakarta",
    "jogja",
    "denpasar",
    "bali",
    "malang",
    "solo",
    "surakarta",
    "bogor",
    "depok",
    "bekasi",
    "tangerang",
    "batam",
    "pekanbaru",
    "padang",
    "banda aceh",
    "aceh",
    "manado",
    "balikpapan",
    "samarinda",
    "pontianak",
    "banjarmasin",
    "kupang",
    "mataram",
    "jayapura",
    "ambon",
    "papua",
    "jawa",
    "sumatera",
    "sumatra",
    "kalimantan",
    "sulawesi",
    "maluku",
    "jawa barat",
    "jawa tengah",
    "jawa timur",
    "sumatera utara",
    "sumatera barat",
    "sumatera selatan",
    "sulawesi selatan",
    "sulawesi utara",
    "kalimantan timur",
    "kalimantan barat",
    "nusa tenggara timur",
    "nusa tenggara barat",
    "riau",
    "jambi",
    "bengkulu",
    "lampung",
    "banten",
    "gorontalo",
    "washington",
    "new york",
    "london",
    "paris",
    "berlin",
    "moskwa",
    "moskow",
    "moscow",
    "beijing",
    "tokyo",
    "seoul",
    "pyongyang",
    "kyiv",
    "kiev",
    "canberra",
    "sydney",
    "kuala lumpur",
    "bangkok",
    "manila",
    "hanoi",
    "riyadh",
    "mekkah",
    "madinah",
    "kairo",
    "teheran",
    "baghdad",
    "damaskus",
    "ankara",
    "istanbul",
    "roma",
    "madrid",
    "amsterdam",
    "brussel",
    "jenewa",
    "vladivostok",
    "gaza",
    "yerusalem",
    "dki jakarta",
    "jabar",
    "jateng",
    "jatim",
    "uni soviet",
    "semenanjung korea",
    "washington dc",
];

/// True when the whole of `name` (any case, spaces or hyphens) is one listed place:
/// `Jakarta`, `Nusa Tenggara Barat`; not `Bahas Sinergi`.
pub fn is_known_place(name: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    let set = SET.get_or_init(|| PLACES.iter().map(|p| words(p)).collect());
    set.contains(&words(name))
}

/// Written like a place name: 1-4 words with capitals, letters only (`Nusa Dua`,
/// `WASHINGTON DC`, `St. Petersburg`).
pub fn is_place_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’'))
}

/// Lower-case words joined by one space.
fn words(s: &str) -> String {
    let parts: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_names_are_known_places() {
        assert!(is_known_place("Jakarta"));
        assert!(is_known_place("BANDUNG"));
        assert!(is_known_place("Korea Utara"));
        assert!(!is_known_place("Bahas Sinergi"));
        assert!(!is_known_place("Jakarta Bahas"));
    }

    #[test]
    fn place_like_names() {
        assert!(is_place_like("Nusa Dua"));
        assert!(is_place_like("WASHINGTON DC"));
        assert!(!is_place_like("Nov 4"));
        assert!(!is_place_like("warga Bandung"));
        assert!(!is_place_like("Satu Dua Tiga Empat Lima"));
    }
}
