//! Stop words: Indonesian function words left out of the stemmed index (they are
//! still in the exact fields, so quoted phrases keep them), and a few English and
//! Indonesian marker words used by language detection.
//!
//! The Indonesian list is warta's own: pronouns, prepositions, conjunctions, particles,
//! auxiliaries, demonstratives, question words and frequent adverbs. It deliberately
//! leaves out numbers, time words (`hari`, `tahun`) and reporting verbs (`kata`,
//! `mengatakan`), which people do search for.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Indonesian function words (lower-case, as the tokenizer emits them).
pub const INDONESIAN: &[&str] = &[
    // pronouns and forms of address
    "aku",
    "saya",
    "kami",
    "kita",
    "engkau",
    "kamu",
    "anda",
    "dia",
    "ia",
    "beliau",
    "mereka",
    "kalian",
    "daku",
    "dikau",
    "nya",
    "ku",
    "mu",
    "sang",
    "si",
    "sesuatu",
    "seseorang",
    // demonstratives and place words
    "ini",
    "itu",
    "sini",
    "situ",
    "sana",
    "begini",
    "begitu",
    "tersebut",
    "demikian",
    // prepositions
    "di",
    "ke",
    "dari",
    "pada",
    "kepada",
    "daripada",
    "dalam",
    "untuk",
    "bagi",
    "oleh",
    "dengan",
    "tentang",
    "terhadap",
    "akan",
    "antara",
    "sejak",
    "hingga",
    "sampai",
    "menuju",
    "sekitar",
    "menurut",
    "seperti",
    "bagaikan",
    "laksana",
    "tanpa",
    "via",
    "per",
    "atas",
    "melalui",
    "sebagai",
    "selama",
    "semenjak",
    "sepanjang",
    "demi",
    // conjunctions
    "dan",
    "atau",
    "serta",
    "tetapi",
    "tapi",
    "namun",
    "melainkan",
    "sedangkan",
    "padahal",
    "karena",
    "sebab",
    "maka",
    "sehingga",
    "agar",
    "supaya",
    "jika",
    "jikalau",
    "kalau",
    "apabila",
    "bila",
    "ketika",
    "saat",
    "sewaktu",
    "sementara",
    "setelah",
    "sesudah",
    "sebelum",
    "walaupun",
    "meskipun",
    "biarpun",
    "kendati",
    "bahwa",
    "yaitu",
    "yakni",
    "ialah",
    "adalah",
    "merupakan",
    "lalu",
    "kemudian",
    "bahkan",
    "pun",
    "apalagi",
    "selain",
    "ataupun",
    "maupun",
    "andaikan",
    "seandainya",
    "seolah",
    "seakan",
    // relative and question words
    "yang",
    "apa",
    "siapa",
    "mana",
    "dimana",
    "kemana",
    "bagaimana",
    "mengapa",
    "kenapa",
    "kapan",
    "berapa",
    "apakah",
    "manakah",
    "bukankah",
    // particles
    "lah",
    "kah",
    "tah",
    "pula",
    "juga",
    "saja",
    "sih",
    "dong",
    "kok",
    "deh",
    "nah",
    "kan",
    "toh",
    "ya",
    "pun",
    // auxiliaries, modals, negation, aspect
    "ada",
    "tidak",
    "tak",
    "bukan",
    "belum",
    "sudah",
    "telah",
    "sedang",
    "masih",
    "pernah",
    "akan",
    "bakal",
    "hendak",
    "mau",
    "ingin",
    "bisa",
    "dapat",
    "boleh",
    "harus",
    "wajib",
    "perlu",
    "mesti",
    "mungkin",
    "jangan",
    // quantifiers and degree adverbs
    "para",
    "semua",
    "segala",
    "setiap",
    "tiap",
    "beberapa",
    "banyak",
    "sedikit",
    "lebih",
    "kurang",
    "paling",
    "sangat",
    "amat",
    "sekali",
    "terlalu",
    "hanya",
    "cuma",
    "lagi",
    "agak",
    "hampir",
    "selalu",
    "sering",
    "kadang",
    "jarang",
    "segera",
    "pula",
    "lain",
    "lainnya",
    "masing",
    "secara",
    "tersendiri",
    "sendiri",
    "saling",
    // other frequent function words in news prose
    "jadi",
    "justru",
    "memang",
    "tentu",
    "tentunya",
    "pasti",
    "bahkan",
    "hal",
    "adapun",
    "ternyata",
    "sebenarnya",
    "sebetulnya",
    "misalnya",
    "contohnya",
    "dll",
    "dsb",
];

/// English stop words are tantivy's (the Lucene English list); these are only the
/// markers that tell English text from Indonesian in language detection (none of them
/// is an Indonesian word).
pub const ENGLISH_MARKERS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "by", "said", "it",
    "at", "from", "as", "be", "are", "has", "have", "had", "its", "an", "which", "were", "this",
    "will", "would", "not", "but", "he", "they", "their", "been", "also", "after", "year", "we",
    "there", "who", "or", "more", "than",
    // wire-copy abbreviations and English-only month names (earnings tables have no
    // function words: `Qtly div 40 cts vs 40 cts Pay March 31`)
    "vs", "cts", "mln", "dlrs", "pct", "shr", "qtly", "div", "revs", "payable", "prior", "reuter",
    "inc", "corp", "ltd", "billion", "january", "february", "march", "june", "july", "august",
    "october", "december", "quarter", "shares", "company",
];

/// Words that mark Indonesian text in language detection.
pub const INDONESIAN_MARKERS: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "adalah", "dalam",
    "tidak", "akan", "juga", "oleh", "sebagai", "atau", "ada", "bahwa", "karena", "telah", "sudah",
    "kepada", "tersebut", "saat", "para", "bisa", "mereka", "kami", "kita", "saya", "ia", "dia",
    "tahun", "kata", "hari", "lebih", "namun", "hingga", "menjadi",
];

/// Whether a lower-cased word is an Indonesian stop word.
pub fn is_indonesian_stop_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| INDONESIAN.iter().copied().collect())
        .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_lower_case_and_sized() {
        let mut words: Vec<&str> = INDONESIAN.to_vec();
        words.sort();
        words.dedup();
        assert!(
            (150..=300).contains(&words.len()),
            "{} distinct words",
            words.len()
        );
        assert!(words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn content_words_are_not_stop_words() {
        for w in ["yang", "dan", "di", "adalah"] {
            assert!(is_indonesian_stop_word(w), "{w}");
        }
        for w in [
            "kata",
            "mengatakan",
            "presiden",
            "tahun",
            "dua",
            "berita",
            "tengah",
            "sama",
            "baru",
        ] {
            assert!(!is_indonesian_stop_word(w), "{w}");
        }
    }
}
