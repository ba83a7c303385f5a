//! Small hand-written word lists the tagger uses as features (never as the answer on
//! their own): titles that come before a person's name, words that open place and
//! organisation names, well-known countries, regions and cities, well-known
//! organisation names, and calendar words that are capitalised but never entities.
//! Multi-word entries are matched longest first over a sentence's tokens.

use crate::extract::places::PLACES;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Words that come right before a person's name (lower-case).
pub const PERSON_TITLES: &[&str] = &[
    "presiden",
    "wapres",
    "menteri",
    "menko",
    "gubernur",
    "wagub",
    "bupati",
    "walikota",
    "wakil",
    "ketua",
    "direktur",
    "dirut",
    "kepala",
    "jenderal",
    "kapolri",
    "kapolda",
    "kapolres",
    "panglima",
    "raja",
    "ratu",
    "pangeran",
    "sultan",
    "paus",
    "perdana",
    "kanselir",
    "senator",
    "pak",
    "bapak",
    "bu",
    "ibu",
    "dr",
    "prof",
    "ir",
    "haji",
    "hj",
    "kh",
    "tuan",
    "nyonya",
    "sdr",
    "saudara",
    "mr",
    "mrs",
    "ms",
    "sir",
    "santo",
    "jubir",
    "pelatih",
    "penyanyi",
    "aktor",
    "aktris",
    "sutradara",
    "produser",
    "pemain",
    "kiper",
    "gitaris",
    "vokalis",
    "penulis",
    "istri",
    "suami",
    "putra",
    "putri",
    "ayah",
    "kakak",
    "adik",
    "kaisar",
    "jaksa",
    "hakim",
    "kapten",
    "kolonel",
    "mayor",
    "letnan",
    "sersan",
    "brigjen",
    "mayjen",
    "letjen",
    "uskup",
    "pastor",
    "ustaz",
    "kiai",
    "syekh",
    "camat",
    "lurah",
    "kades",
    "mantan",
    "eks",
    "tersangka",
    "terdakwa",
    "saksi",
    "sekjen",
    "gus",
];

/// Words that open a place name (lower-case).
pub const PLACE_WORDS: &[&str] = &[
    "kota",
    "kabupaten",
    "kab",
    "provinsi",
    "desa",
    "kecamatan",
    "kelurahan",
    "dusun",
    "kampung",
    "pulau",
    "gunung",
    "sungai",
    "danau",
    "teluk",
    "selat",
    "laut",
    "samudra",
    "samudera",
    "jalan",
    "jl",
    "benua",
    "distrik",
    "kawasan",
    "bandara",
    "pelabuhan",
    "stasiun",
    "tanjung",
    "semenanjung",
    "lembah",
    "pantai",
    "county",
    "city",
    "island",
    "kepulauan",
    "negara",
    "bagian",
    "wilayah",
    "masjid",
    "gereja",
    "candi",
    "pura",
    "museum",
    "taman",
    "lapangan",
    "stadion",
    "pasar",
    "kerajaan",
    "kesultanan",
];

/// Words that open or close an organisation name (lower-case).
pub const ORG_WORDS: &[&str] = &[
    "universitas",
    "partai",
    "pt",
    "cv",
    "bank",
    "kementerian",
    "departemen",
    "badan",
    "komisi",
    "dewan",
    "lembaga",
    "yayasan",
    "perusahaan",
    "klub",
    "fc",
    "persatuan",
    "asosiasi",
    "federasi",
    "institut",
    "akademi",
    "tbk",
    "organisasi",
    "band",
    "grup",
    "group",
    "tim",
    "timnas",
    "united",
    "inc",
    "corp",
    "ltd",
    "polda",
    "polres",
    "polsek",
    "pengadilan",
    "mahkamah",
    "majelis",
    "kejaksaan",
    "kepolisian",
    "angkatan",
    "pasukan",
    "sekolah",
    "sma",
    "smp",
    "sd",
    "sman",
    "smpn",
    "politeknik",
    "stasiun",
    "televisi",
    "radio",
    "harian",
    "koran",
    "majalah",
    "rumah",
    "sakit",
    "rs",
    "rsud",
    "perum",
    "persero",
    "company",
    "university",
    "college",
    "club",
    "association",
    "council",
    "ministry",
    "agency",
];

/// Capitalised calendar words that are not entities (lower-case): Indonesian here,
/// English in [`ENGLISH_CALENDAR_WORDS`].
pub const CALENDAR_WORDS: &[&str] = &[
    "januari",
    "februari",
    "pebruari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "nopember",
    "desember",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "ahad",
];

/// English month and day names (lower-case).
pub const ENGLISH_CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "june",
    "july",
    "august",
    "october",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// English calendar words that [`ENGLISH_CALENDAR_WORDS`] leaves out: `may` (an
/// Indonesian tagger feature must not treat it as a month) and the short month names.
const MORE_ENGLISH_CALENDAR: &[&str] = &[
    "may",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    // Spelt as in Indonesian, so listed in `CALENDAR_WORDS` for the tagger.
    "april",
    "september",
    "november",
];

/// True for a lower-case month or day name, Indonesian or English, also shortened
/// (`sept`, `sept.`).
pub fn is_calendar(lower: &str) -> bool {
    let w = lower.trim_end_matches('.');
    CALENDAR_WORDS.contains(&w) || is_english_calendar(w)
}

/// True for a lower-case English month or day name, also shortened (`sept`, `may`).
pub fn is_english_calendar(lower: &str) -> bool {
    let w = lower.trim_end_matches('.');
    ENGLISH_CALENDAR_WORDS.contains(&w) || MORE_ENGLISH_CALENDAR.contains(&w)
}

/// Well-known organisations.
pub const ORGS: &[&str] = &[
    "dpr",
    "dprd",
    "mpr",
    "dpd",
    "kpk",
    "tni",
    "polri",
    "pbb",
    "nato",
    "asean",
    "uni eropa",
    "fifa",
    "pssi",
    "bank indonesia",
    "ojk",
    "bumn",
    "who",
    "imf",
    "kpu",
    "bawaslu",
    "mahkamah konstitusi",
    "mahkamah agung",
    "pdip",
    "pdi-p",
    "golkar",
    "gerindra",
    "nasdem",
    "pks",
    "pkb",
    "pan",
    "demokrat",
    "ppp",
    "perindo",
    "nahdlatul ulama",
    "muhammadiyah",
    "mui",
    "bnn",
    "bnpb",
    "bmkg",
    "basarnas",
    "pertamina",
    "pln",
    "telkom",
    "garuda indonesia",
    "google",
    "facebook",
    "apple",
    "microsoft",
    "reuters",
    "afp",
    "bbc",
    "cnn",
    "kompas",
    "antara",
    "persib",
    "persija",
    "arema",
    "real madrid",
    "barcelona",
    "manchester united",
    "liverpool",
    "chelsea",
    "juventus",
    "gedung putih",
    "pentagon",
    "kremlin",
    "hamas",
    "isis",
    "taliban",
];

/// Gazetteer classes, one bit each.
pub const G_TITLE: u8 = 1;
pub const G_PLACE_WORD: u8 = 2;
pub const G_ORG_WORD: u8 = 4;
pub const G_CALENDAR: u8 = 8;
pub const G_PLACE: u8 = 16;
pub const G_ORG: u8 = 32;

struct Lists {
    single: HashMap<&'static str, u8>,
    /// First word to (phrase words, class) for multi-word names, longest first.
    multi: HashMap<&'static str, Vec<(Vec<&'static str>, u8)>>,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let mut single: HashMap<&'static str, u8> = HashMap::default();
        let mut multi: HashMap<&'static str, Vec<(Vec<&'static str>, u8)>> = HashMap::default();
        let groups: [(&[&'static str], u8); 7] = [
            (PERSON_TITLES, G_TITLE),
            (PLACE_WORDS, G_PLACE_WORD),
            (ORG_WORDS, G_ORG_WORD),
            (CALENDAR_WORDS, G_CALENDAR),
            (ENGLISH_CALENDAR_WORDS, G_CALENDAR),
            (PLACES, G_PLACE),
            (ORGS, G_ORG),
        ];
        for (list, class) in groups {
            for entry in list {
                let words: Vec<&'static str> = entry.split([' ', '-']).collect();
                if words.len() == 1 {
                    *single.entry(words[0]).or_default() |= class;
                } else {
                    multi.entry(words[0]).or_default().push((words, class));
                }
            }
        }
        for v in multi.values_mut() {
            v.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        Lists { single, multi }
    })
}

/// Gazetteer classes of each token (given lower-cased, as the tokenizer splits them;
/// a `-` inside a listed name is its own token and is skipped when matching).
pub fn classes(lower: &[&str]) -> Vec<u8> {
    let l = lists();
    let mut out: Vec<u8> = lower
        .iter()
        .map(|w| l.single.get(w).copied().unwrap_or(0))
        .collect();
    for (start, end, class) in multi_word_spans(lower) {
        for c in &mut out[start..end] {
            *c |= class;
        }
    }
    out
}

/// Multi-word list entries found in the tokens, longest first, left to right.
fn multi_word_spans(lower: &[&str]) -> Vec<(usize, usize, u8)> {
    let l = lists();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let mut advanced = 1;
        if let Some(cands) = l.multi.get(lower[i]) {
            for (words, class) in cands {
                if let Some(end) = match_phrase(lower, i, words) {
                    out.push((i, end, *class));
                    advanced = end - i;
                    break;
                }
            }
        }
        i += advanced;
    }
    out
}

/// Well-known places and organisations (the `PLACES` and `ORGS` lists) in the tokens:
/// `(start, end, G_PLACE or G_ORG)`, longest match first, not overlapping.
pub fn known_names(lower: &[&str]) -> Vec<(usize, usize, u8)> {
    let l = lists();
    let multi = multi_word_spans(lower);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        if let Some((s, e, c)) = multi.iter().find(|m| m.0 == i) {
            if c & (G_PLACE | G_ORG) != 0 {
                out.push((*s, *e, c & (G_PLACE | G_ORG)));
                i = *e;
                continue;
            }
        }
        let c = l.single.get(lower[i]).copied().unwrap_or(0) & (G_PLACE | G_ORG);
        if c != 0 {
            out.push((i, i + 1, c));
        }
        i += 1;
    }
    out
}

fn match_phrase(lower: &[&str], start: usize, words: &[&str]) -> Option<usize> {
    let mut j = start;
    for w in words {
        while lower.get(j) == Some(&"-") {
            j += 1;
        }
        if lower.get(j) != Some(w) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// True for a lower-case word listed as a title before names.
pub fn is_title(lower: &str) -> bool {
    lists().single.get(lower).is_some_and(|c| c & G_TITLE != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_word_names_are_marked() {
        let c = classes(&["di", "korea", "utara", "dan", "rusia"]);
        assert_eq!(c[0], 0);
        assert!(c[1] & G_PLACE != 0 && c[2] & G_PLACE != 0);
        assert!(c[4] & G_PLACE != 0);
    }

    #[test]
    fn titles() {
        assert!(is_title("presiden"));
        assert!(!is_title("rusia"));
    }
}

/// Names learnt from labelled data: a lower-cased token sequence to the types it was
/// labelled with (bit 1 person, 2 place, 4 organisation). Keys are hashes of the
/// token sequence, so matching builds no strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameList {
    pub names: super::tagger::FeatureMap<u8>,
}

/// Longest learnt name the matcher tries, in tokens.
pub const MAX_NAME_TOKENS: usize = 6;

/// Bit of a tagger type in [`NameList`].
pub fn type_bit(kind: &str) -> u8 {
    match kind {
        "PERSON" => 1,
        "PLACE" => 2,
        "ORGANISATION" => 4,
        _ => 0,
    }
}

fn token_hash(lower: &str) -> u64 {
    super::features::hash_bytes(77, lower.as_bytes())
}

fn extend_hash(h: u64, token: u64) -> u64 {
    super::features::mix(h.rotate_left(13) ^ token)
}

impl NameList {
    /// Adds the labelled spans of sentences.
    pub fn add_sentences<'a>(
        &mut self,
        sentences: impl Iterator<Item = &'a super::eval::Sentence>,
    ) {
        for s in sentences {
            for span in super::eval::spans(&s.labels) {
                if span.end - span.start > MAX_NAME_TOKENS {
                    continue;
                }
                let mut h = 0;
                for t in &s.tokens[span.start..span.end] {
                    h = extend_hash(h, token_hash(&t.to_lowercase()));
                }
                *self.names.entry(h).or_default() |= type_bit(&span.kind);
            }
        }
    }

    /// For each token: the type bits of the learnt name covering it (longest match,
    /// left to right) and its place in it (1 first, 2 inside); `(0, 0)` outside names.
    pub fn classes(&self, lower: &[&str]) -> Vec<(u8, u8)> {
        let mut out = vec![(0u8, 0u8); lower.len()];
        if self.names.is_empty() {
            return out;
        }
        let hashes: Vec<u64> = lower.iter().map(|w| token_hash(w)).collect();
        let mut i = 0;
        while i < lower.len() {
            let mut h = 0;
            let mut best: Option<(usize, u8)> = None;
            for (len, th) in hashes[i..].iter().take(MAX_NAME_TOKENS).enumerate() {
                h = extend_hash(h, *th);
                if let Some(bits) = self.names.get(&h) {
                    best = Some((len + 1, *bits));
                }
            }
            match best {
                Some((len, bits)) => {
                    for (k, c) in out[i..i + len].iter_mut().enumerate() {
                        *c = (bits, if k == 0 { 1 } else { 2 });
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}
