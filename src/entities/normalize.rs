//! One name per entity: turns a surface form (`Presiden Joko Widodo`, `Jokowi`,
//! `A.S.`, `Kim Jong-un`) into the canonical name warta stores and filters on.
//!
//! Rules, in order: white space collapsed and stray punctuation trimmed; for people,
//! leading titles and honorifics stripped (`Presiden`, `Wakil Presiden`, `Wapres`,
//! `Menteri`, `Gubernur`, `Bapak`, `Pak`, `Bu`, `Ibu`, `Dr.`, `H.`, `Prof.` ...);
//! names written all in capitals or all in lower case get capitalised words; then
//! the alias list below maps common short or foreign forms to one canonical name.
//!
//! Canonical forms: the form Indonesian news uses most (`Amerika Serikat`, `Korea
//! Utara`, `Moskwa`, `China`, `Inggris`, `Jakarta`); people by their full name
//! (`Joko Widodo`, `Kim Jong Un`, hyphenated Korean given names written with spaces);
//! organisations best known by their acronym by that acronym (`PBB`, `KPK`, `DPR`,
//! `TNI`, `Polri`), others by their full name (`Mahkamah Konstitusi`).

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The three kinds of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Place,
    Org,
}

impl Kind {
    /// The kind a tagger type (`PERSON`, `PLACE`, `ORGANISATION`) stands for.
    pub fn from_tag(tag: &str) -> Option<Kind> {
        match tag {
            "PERSON" => Some(Kind::Person),
            "PLACE" => Some(Kind::Place),
            "ORGANISATION" => Some(Kind::Org),
            _ => None,
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        match s.to_ascii_lowercase().as_str() {
            "person" | "people" | "per" => Ok(Kind::Person),
            "place" | "places" | "loc" | "location" => Ok(Kind::Place),
            "org" | "orgs" | "organisation" | "organization" => Ok(Kind::Org),
            other => Err(format!(
                "unknown entity type `{other}` (person, place or org)"
            )),
        }
    }
}

/// Two-word titles, then one-word titles, stripped from the front of people's names.
const TITLES_2: &[&str] = &[
    "wakil presiden",
    "perdana menteri",
    "wali kota",
    "juru bicara",
    "ketua umum",
    "wakil gubernur",
    "wakil ketua",
    "sekretaris jenderal",
    "putra mahkota",
    "fed chairman",
    "menko polhukam",
    "menko perekonomian",
    "menko maritim",
    "menko pmk",
    "prime minister",
    "vice president",
    "treasury secretary",
    "secretary general",
    "foreign minister",
    "finance minister",
    "trade minister",
    "oil minister",
    "kepala staf",
    "ketua dpr",
    "ketua mpr",
    "wakil ketua",
    "wakil menteri",
    "komisaris jenderal",
    "inspektur jenderal",
    "brigadir jenderal",
    "mayor jenderal",
    "letnan jenderal",
    "ajun komisaris",
];
const TITLES_1: &[&str] = &[
    "presiden",
    "wapres",
    "menteri",
    "menko",
    "menlu",
    "mendagri",
    "menkeu",
    "kapolri",
    "panglima",
    "gubernur",
    "wagub",
    "bupati",
    "walikota",
    "bapak",
    "pak",
    "bu",
    "ibu",
    "drs",
    "dra",
    "h",
    "hj",
    "prof",
    "ir",
    "kh",
    "sdr",
    "saudara",
    "tuan",
    "nyonya",
    "jenderal",
    "jendral",
    "kanselir",
    "raja",
    "ratu",
    "pangeran",
    "syekh",
    "ustaz",
    "kiai",
    "paus",
    "jubir",
    "kapten",
    "kolonel",
    "brigjen",
    "mayjen",
    "letjen",
    "irjen",
    "kombes",
    "ipda",
    "aiptu",
    // Ranks of the police and armed forces.
    "marsekal",
    "laksamana",
    "komjen",
    "akbp",
    "kompol",
    "akp",
    "iptu",
    "aipda",
    "bripka",
    "briptu",
    "bripda",
    "brigadir",
    "letkol",
    "kopral",
    "serda",
    "sertu",
    "pratu",
    "praka",
    "laksma",
    "laksdya",
    "marsma",
    "marsda",
    "marsdya",
    "komisaris",
    "inspektur",
    "bharada",
    // Offices written before a name.
    "kapolda",
    "kapolres",
    "kapolsek",
    "kasad",
    "kasal",
    "kasau",
    "kabareskrim",
    "ketua",
    "kepala",
    "direktur",
    "dirut",
    "sekjen",
    "wamen",
    "dirjen",
    "plt",
    "pj",
    "mendikbud",
    "menkes",
    "menpora",
    "menkumham",
    "mensos",
    "menag",
    "menhan",
    "pelatih",
    "ustadz",
];

/// English ranks: stripped like titles, but no sign of a person on their own
/// (`General Motors`), and passed over after a title (`Secretary General`).
const ENGLISH_RANKS: &[&str] = &["general", "gen", "adm", "col", "lt", "sgt"];

/// English titles written before a name (`President Reagan`, `Treasury Secretary James
/// Baker`): stripped like [`TITLES_1`], and in English text the capitalised words after
/// one are a person (see `entities::titled_people`). `general` is left out: it opens
/// company names (`General Motors`) more often than it precedes a person in news.
pub const ENGLISH_TITLES: &[&str] = &[
    "president",
    "chairman",
    "chairwoman",
    "secretary",
    "minister",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "judge",
    "premier",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "mayor",
    "pope",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
];

/// True when a word (any case, a final `.` ignored) is one of [`ENGLISH_TITLES`].
pub fn is_english_title(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    // Called for every word of an English story: the length test rules out most words
    // before any comparison.
    (2..=11).contains(&w.len()) && ENGLISH_TITLES.iter().any(|t| t.eq_ignore_ascii_case(w))
}

/// True when a word (any case, a final `.` ignored) is one of [`ENGLISH_RANKS`].
pub fn is_english_rank(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    ENGLISH_RANKS.iter().any(|t| t.eq_ignore_ascii_case(w))
}

/// Names whose `'s` is their own, not a possessive (lower-case).
const NAMES_WITH_S: &[&str] = &[
    "moody's",
    "mcdonald's",
    "lloyd's",
    "standard and poor's",
    "standard & poor's",
    "sainsbury's",
    "macy's",
    "kellogg's",
    "wendy's",
    "dillard's",
    "domino's",
];

/// Alias key to canonical name, per kind. Keys are compared after [`key`].
const PERSON_ALIASES: &[(&str, &[&str])] = &[
    ("Joko Widodo", &["jokowi", "joko widodo"]),
    (
        "Susilo Bambang Yudhoyono",
        &["sby", "susilo bambang yudhoyono"],
    ),
    (
        "Basuki Tjahaja Purnama",
        &["ahok", "btp", "basuki tjahaja purnama"],
    ),
    ("Abdurrahman Wahid", &["gus dur", "abdurrahman wahid"]),
    (
        "Megawati Soekarnoputri",
        &[
            "megawati",
            "megawati soekarnoputri",
            "megawati sukarnoputri",
        ],
    ),
    ("Prabowo Subianto", &["prabowo", "prabowo subianto"]),
    (
        "BJ Habibie",
        &["bj habibie", "bacharuddin jusuf habibie", "b j habibie"],
    ),
    ("Jusuf Kalla", &["jk", "jusuf kalla"]),
    ("Bambang Soesatyo", &["bamsoet", "bambang soesatyo"]),
    ("Soekarno", &["sukarno", "bung karno", "soekarno"]),
    ("Soeharto", &["suharto", "soeharto"]),
    ("Kim Jong Un", &["kim jong un", "kim jong"]),
    (
        "Vladimir Putin",
        &["putin", "vladimir putin", "vladimir vladimirovich putin"],
    ),
    ("Joe Biden", &["biden", "joe biden", "joseph biden"]),
    ("Donald Trump", &["trump", "donald trump"]),
    ("Xi Jinping", &["xi jinping"]),
    (
        "Volodymyr Zelensky",
        &[
            "zelensky",
            "zelenskyy",
            "volodymyr zelensky",
            "volodymyr zelenskyy",
        ],
    ),
];

const PLACE_ALIASES: &[(&str, &[&str])] = &[
    (
        "Amerika Serikat",
        &[
            "as",
            "amerika serikat",
            "amerika",
            "usa",
            "us",
            "united states",
            "paman sam",
        ],
    ),
    ("Korea Utara", &["korut", "korea utara", "north korea"]),
    ("Korea Selatan", &["korsel", "korea selatan", "south korea"]),
    (
        "Indonesia",
        &["ri", "nkri", "republik indonesia", "indonesia"],
    ),
    ("Moskwa", &["moskwa", "moskow", "moscow"]),
    ("China", &["china", "tiongkok", "cina", "rrc", "rrt"]),
    (
        "Inggris",
        &["inggris", "britania raya", "uk", "united kingdom"],
    ),
    ("Jakarta", &["jakarta", "dki jakarta", "dki"]),
    ("Jawa Barat", &["jabar", "jawa barat"]),
    ("Jawa Tengah", &["jateng", "jawa tengah"]),
    ("Jawa Timur", &["jatim", "jawa timur"]),
    (
        "Sumatera Utara",
        &["sumut", "sumatera utara", "sumatra utara"],
    ),
    (
        "Sumatera Barat",
        &["sumbar", "sumatera barat", "sumatra barat"],
    ),
    (
        "Sumatera Selatan",
        &["sumsel", "sumatera selatan", "sumatra selatan"],
    ),
    ("Sulawesi Selatan", &["sulsel", "sulawesi selatan"]),
    ("Sulawesi Utara", &["sulut", "sulawesi utara"]),
    ("Kalimantan Timur", &["kaltim", "kalimantan timur"]),
    ("Kalimantan Barat", &["kalbar", "kalimantan barat"]),
    ("Nusa Tenggara Timur", &["ntt", "nusa tenggara timur"]),
    ("Nusa Tenggara Barat", &["ntb", "nusa tenggara barat"]),
    (
        "Yogyakarta",
        &[
            "yogyakarta",
            "jogja",
            "jogjakarta",
            "yogya",
            "diy",
            "di yogyakarta",
        ],
    ),
    ("Rusia", &["rusia", "russia"]),
    ("Ukraina", &["ukraina", "ukraine"]),
    ("Prancis", &["prancis", "perancis", "france"]),
    ("Jerman", &["jerman", "germany"]),
    ("Jepang", &["jepang", "japan"]),
    ("Kyiv", &["kyiv", "kiev"]),
];

const ORG_ALIASES: &[(&str, &[&str])] = &[
    (
        "PBB",
        &["pbb", "perserikatan bangsa bangsa", "united nations"],
    ),
    ("KPK", &["kpk", "komisi pemberantasan korupsi"]),
    ("DPR", &["dpr", "dpr ri", "dewan perwakilan rakyat"]),
    ("MPR", &["mpr", "mpr ri", "majelis permusyawaratan rakyat"]),
    ("TNI", &["tni", "tentara nasional indonesia"]),
    (
        "Polri",
        &[
            "polri",
            "kepolisian republik indonesia",
            "kepolisian ri",
            "kepolisian negara republik indonesia",
        ],
    ),
    ("Mahkamah Konstitusi", &["mk", "mahkamah konstitusi"]),
    ("Mahkamah Agung", &["ma", "mahkamah agung"]),
    ("KPU", &["kpu", "komisi pemilihan umum"]),
    ("PDI-P", &["pdip", "pdi p", "pdi perjuangan"]),
    ("Nahdlatul Ulama", &["nu", "nahdlatul ulama", "pbnu"]),
    ("NATO", &["nato"]),
    ("Uni Eropa", &["uni eropa", "ue", "european union"]),
];

/// The gazetteer built by `tools/scripts/build_gazetteer.py` (countries in Indonesian
/// and English, major places and organisations, Reuters' tags).
static NAMES_TSV: &str = include_str!("names.tsv");

/// An alias entry: the canonical name, and whether it comes from the curated tables
/// above (which may overrule the tagger's kind for any name) or from the gazetteer.
#[derive(Clone, Copy)]
struct Alias {
    canon: &'static str,
    curated: bool,
}

fn aliases() -> &'static FxHashMap<(Kind, String), Alias> {
    static A: OnceLock<FxHashMap<(Kind, String), Alias>> = OnceLock::new();
    A.get_or_init(|| {
        let mut m = FxHashMap::default();
        for (kind, table) in [
            (Kind::Person, PERSON_ALIASES),
            (Kind::Place, PLACE_ALIASES),
            (Kind::Org, ORG_ALIASES),
        ] {
            for (canon, keys) in table {
                m.insert(
                    (kind, key(canon)),
                    Alias {
                        canon,
                        curated: true,
                    },
                );
                for k in *keys {
                    m.insert(
                        (kind, key(k)),
                        Alias {
                            canon,
                            curated: true,
                        },
                    );
                }
            }
        }
        for line in NAMES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(kind), Some(canon), Some(keys)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Ok(kind) = kind.parse::<Kind>() else {
                continue;
            };
            let keys: Vec<String> = std::iter::once(canon)
                .chain(keys.split('|'))
                .map(key)
                .collect();
            // A group that shares a name with a curated entry takes the curated name
            // (`Britania Raya`, `UK` -> `Inggris`).
            let canon = keys
                .iter()
                .find_map(|k| m.get(&(kind, k.clone())).map(|a: &Alias| a.canon))
                .unwrap_or(canon);
            for k in keys {
                m.entry((kind, k)).or_insert(Alias {
                    canon,
                    curated: false,
                });
            }
        }
        m
    })
}

/// The kind a name is listed under in the alias tables, if it is listed under one kind
/// only (curated knowledge beats the tagger: `Vladimir Putin` is a person).
pub fn listed_kind(name: &str) -> Option<Kind> {
    let mut entry = (Kind::Person, key(name));
    let mut listed = None;
    for kind in [Kind::Person, Kind::Place, Kind::Org] {
        entry.0 = kind;
        if aliases().contains_key(&entry) {
            if listed.is_some() {
                return None;
            }
            listed = Some(kind);
        }
    }
    listed
}

/// True when some listed name's key starts with this word's key (a cheap test before
/// looking longer runs up with [`listed_kind`]).
pub fn starts_a_listed_name(word: &str) -> bool {
    static FIRST: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
    let first = FIRST.get_or_init(|| {
        aliases()
            .keys()
            .map(|(_, k)| k.split(' ').next().unwrap_or("").to_string())
            .collect()
    });
    first.contains(key(word).as_str())
}

/// Gazetteer names that are also people's names (`Jordan` the player, `Georgia`).
const AMBIGUOUS: &[&str] = &[
    "jordan",
    "georgia",
    "chad",
    "israel",
    "victoria",
    "paris",
    "dominica",
    "india",
    "china",
    "kenya",
    "florence",
    "sydney",
    "austin",
    "lincoln",
    "washington",
    "york",
];

/// The listed kind of a name tagged as `tagged`, when it should replace it: always
/// for the curated tables; a gazetteer entry does not turn a one-word person into a
/// place when it is also a first name (`Jordan` the player is not the country).
pub fn listed_kind_over(name: &str, tagged: Kind) -> Option<Kind> {
    let listed = listed_kind(name).filter(|k| *k != tagged)?;
    let curated = aliases()
        .get(&(listed, key(name)))
        .is_some_and(|a| a.curated);
    if !curated && tagged == Kind::Person && AMBIGUOUS.contains(&key(name).as_str()) {
        return None;
    }
    Some(listed)
}

/// The comparison key of a name: lower case, no dots or apostrophes, hyphens as spaces.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if matches!(c, '.' | '\'' | '’') {
            continue;
        }
        if c == '-' || c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

/// The canonical name for a surface form (see the module notes); empty when nothing
/// name-like is left.
pub fn normalize_name(kind: Kind, surface: &str) -> String {
    let trimmed = surface.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let trimmed = trimmed.trim_start_matches('.');
    // `Gorbachev's`: the possessive is no part of the name (`Moody's` keeps its own).
    let trimmed = match ["'s", "\u{2019}s"]
        .iter()
        .find_map(|p| trimmed.strip_suffix(p))
    {
        Some(stem)
            if !NAMES_WITH_S
                .iter()
                .any(|n| n.eq_ignore_ascii_case(&trimmed.replace('\u{2019}', "'"))) =>
        {
            stem
        }
        _ => trimmed,
    };
    let mut words: Vec<&str> = trimmed.split_whitespace().collect();
    if kind == Kind::Person {
        strip_titles(&mut words);
    } else {
        // `New York Sept` from the dateline `NEW YORK, Sept 26`: an English date is no
        // part of a place's or organisation's name (a person may be called May, and
        // `Pasar Minggu` is a Jakarta district).
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| super::gazetteer::is_english_calendar(&w.to_lowercase()))
        {
            words.pop();
        }
        if kind == Kind::Org {
            // `Goldman, Sachs and Co` is `Goldman Sachs`.
            words = words
                .iter()
                .map(|w| w.trim_end_matches(','))
                .filter(|w| !w.is_empty())
                .collect();
            // A listed name keeps its legal form (`Commodity Credit Corp` is listed
            // as `Commodity Credit Corporation`).
            if let Some(a) = aliases().get(&(kind, key(&words.join(" ")))) {
                return a.canon.to_string();
            }
            super::clean::strip_legal_form(&mut words);
        }
    }
    let mut name = words.join(" ");
    if name.ends_with('.') && !looks_like_abbreviation(&name) {
        name.pop();
    }
    if !name.chars().any(char::is_alphabetic) {
        return String::new();
    }
    if let Some(a) = aliases().get(&(kind, key(&name))) {
        return a.canon.to_string();
    }
    // `the Securities and Exchange Commission` is `Securities and Exchange Commission`.
    if kind != Kind::Person {
        if let Some(rest) = name
            .strip_prefix("the ")
            .or_else(|| name.strip_prefix("The "))
        {
            return normalize_name(kind, rest);
        }
    }
    fix_case(kind, &name)
}

/// `A.S.` or `Jr.`: a final dot that belongs to the name.
fn looks_like_abbreviation(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    last.matches('.').count() > 1 || last.chars().filter(|c| c.is_alphabetic()).count() <= 2
}

fn strip_titles(words: &mut Vec<&str>) {
    loop {
        let w0 = words
            .first()
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .unwrap_or_default();
        let w1 = words
            .get(1)
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .unwrap_or_default();
        let two = format!("{w0} {w1}");
        if words.len() > 2 && TITLES_2.contains(&two.as_str()) {
            words.drain(..2);
        } else if words.len() > 2 && w0 == "pol" {
            // `Brigjen Pol Dedi Prasetyo`: the police branch after a rank (`Pol Pot`
            // and `Pol Espargaro`, two words, keep theirs).
            words.remove(0);
        } else if words.len() > 1
            && (TITLES_1.contains(&w0.as_str())
                || ENGLISH_TITLES.contains(&w0.as_str())
                || ENGLISH_RANKS.contains(&w0.as_str()))
        {
            words.remove(0);
        } else {
            return;
        }
    }
}

/// `JOKO WIDODO` and `joko widodo` become `Joko Widodo`; for organisations and for
/// short all-capital words (acronyms such as `DKI`, `DC`) case is kept.
fn fix_case(kind: Kind, name: &str) -> String {
    let has_lower = name.chars().any(char::is_lowercase);
    let has_upper = name.chars().any(char::is_uppercase);
    if kind == Kind::Org && has_upper {
        return name.to_string();
    }
    if has_lower && has_upper {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            if has_upper && w.chars().count() <= 3 {
                return w.to_string();
            }
            capitalise(w)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalise(w: &str) -> String {
    let lower = w.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for c in lower.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
        }
        if c == '-' || c == '\'' {
            start = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_stripped() {
        assert_eq!(
            normalize_name(Kind::Person, "Presiden Joko Widodo"),
            "Joko Widodo"
        );
        assert_eq!(
            normalize_name(Kind::Person, "Wakil Presiden Ma'ruf Amin"),
            "Ma'ruf Amin"
        );
        assert_eq!(
            normalize_name(Kind::Person, "Prof. Dr. H. Budi Santoso"),
            "Budi Santoso"
        );
        assert_eq!(normalize_name(Kind::Person, "Pak Harto"), "Harto");
        assert_eq!(normalize_name(Kind::Person, "Presiden"), "Presiden");
    }

    #[test]
    fn a_date_after_a_place_is_no_part_of_it() {
        assert_eq!(normalize_name(Kind::Place, "New York Sept"), "New York");
        assert_eq!(normalize_name(Kind::Place, "NEW YORK May"), "New York");
        assert_eq!(normalize_name(Kind::Org, "Acme Ltd Friday"), "Acme");
        // An Indonesian day name is part of some places: `Pasar Minggu` in Jakarta.
        assert_eq!(normalize_name(Kind::Place, "Pasar Minggu"), "Pasar Minggu");
        assert_eq!(normalize_name(Kind::Person, "Theresa May"), "Theresa May");
    }

    #[test]
    fn a_possessive_is_no_part_of_a_name() {
        assert_eq!(normalize_name(Kind::Person, "Gorbachev's"), "Gorbachev");
        assert_eq!(normalize_name(Kind::Org, "Texaco\u{2019}s"), "Texaco");
        assert_eq!(normalize_name(Kind::Org, "Moody's"), "Moody's");
        assert_eq!(normalize_name(Kind::Person, "President Reagan"), "Reagan");
        assert_eq!(
            normalize_name(Kind::Person, "Gen. Colin Powell"),
            "Colin Powell"
        );
    }

    #[test]
    fn ranks_and_legal_forms() {
        assert_eq!(
            normalize_name(Kind::Person, "Brigjen Pol Dedi Prasetyo"),
            "Dedi Prasetyo"
        );
        assert_eq!(
            normalize_name(Kind::Person, "Pol Espargaro"),
            "Pol Espargaro"
        );
        assert_eq!(
            normalize_name(Kind::Org, "Merrill Lynch and Co Inc"),
            "Merrill Lynch"
        );
        assert_eq!(
            normalize_name(Kind::Org, "Goldman, Sachs and Co"),
            "Goldman Sachs"
        );
        assert_eq!(normalize_name(Kind::Org, "Astra Group"), "Astra Group");
        assert_eq!(
            normalize_name(Kind::Org, "Commodity Credit Corp"),
            "Commodity Credit Corporation"
        );
        assert_eq!(normalize_name(Kind::Org, "Inc"), "Inc");
    }

    #[test]
    fn aliases_and_case() {
        assert_eq!(normalize_name(Kind::Person, "jokowi"), "Joko Widodo");
        assert_eq!(normalize_name(Kind::Person, "Kim Jong-un"), "Kim Jong Un");
        assert_eq!(normalize_name(Kind::Place, "A.S."), "Amerika Serikat");
        assert_eq!(normalize_name(Kind::Place, "Moscow"), "Moskwa");
        assert_eq!(
            normalize_name(Kind::Place, "WASHINGTON DC"),
            "Washington DC"
        );
        assert_eq!(normalize_name(Kind::Person, "SITI NURBAYA"), "Siti Nurbaya");
        assert_eq!(
            normalize_name(Kind::Org, "Perserikatan Bangsa-Bangsa"),
            "PBB"
        );
        assert_eq!(normalize_name(Kind::Org, "pdip"), "PDI-P");
        assert_eq!(normalize_name(Kind::Place, "\"Bandung,"), "Bandung");
        assert_eq!(normalize_name(Kind::Place, "( 2"), "");
    }

    #[test]
    fn keys_drop_dots_and_apostrophes_and_collapse_spaces() {
        // The plain definition, step by step.
        fn reference(name: &str) -> String {
            let cleaned: String = name
                .chars()
                .filter(|c| !matches!(c, '.' | '\'' | '’'))
                .map(|c| if c == '-' { ' ' } else { c })
                .collect();
            cleaned
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        }
        for name in [
            "Kim Jong-un",
            "  Ma'ruf   Amin ",
            "A.S.",
            "-Jakarta-",
            "ΟΔΥΣΣΕΑΣ",
            "Zürich  -  Genf",
            "K.H. Ma’ruf",
            "",
            "- -",
            "a\u{a0}b",
        ] {
            assert_eq!(key(name), reference(name), "{name:?}");
        }
    }

    #[test]
    fn listed_kinds() {
        assert_eq!(listed_kind("Vladimir Putin"), Some(Kind::Person));
        assert_eq!(listed_kind("korut"), Some(Kind::Place));
        assert_eq!(listed_kind("Budi"), None);
    }

    #[test]
    fn kinds_parse() {
        assert_eq!("ORG".parse::<Kind>().unwrap(), Kind::Org);
        assert!("thing".parse::<Kind>().is_err());
    }
}
