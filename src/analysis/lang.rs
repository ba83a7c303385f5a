//! Per-article language detection. The archive holds Indonesian and English news, so
//! the question is mostly "Indonesian or English?": a vote of frequent function words
//! answers it for almost every article in microseconds; in short texts the side with
//! more markers wins, and whatlang decides ties (including texts with no marker at all,
//! so other languages get their own code). Only the first ~1000 characters are read.

use super::stopwords::{ENGLISH_MARKERS, INDONESIAN_MARKERS};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;
use whatlang::Lang;

/// Characters of the text that detection reads.
const SAMPLE_CHARS: usize = 1000;
/// Marker words needed for the vote to decide, and how many times the Indonesian
/// markers the English ones must be for English to win.
const MIN_VOTES: usize = 4;
const EN_MARGIN: usize = 2;

/// ISO 639-1 code of the text's language: `id` or `en` for the archive's languages,
/// the code of another language when whatlang is confident, `id` when unsure (the
/// archive's main language).
pub fn detect_lang(text: &str) -> &'static str {
    let sample = head(text, SAMPLE_CHARS);
    let (id, en) = marker_votes(sample);
    if id + en >= MIN_VOTES {
        // Enough evidence. Indonesian articles often quote English (song titles, names of
        // products), the reverse is rare: English must clearly dominate.
        return if en >= EN_MARGIN * id { "en" } else { "id" };
    }
    if en != id {
        return if en > id { "en" } else { "id" };
    }
    match whatlang::detect(sample) {
        Some(info) if info.lang() == Lang::Eng => "en",
        Some(info) if info.is_reliable() => iso639_1(info.lang()),
        _ => "id",
    }
}

/// The first `max` characters of a text (cut on a character boundary).
fn head(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Counts Indonesian and English marker words in the sample.
fn marker_votes(sample: &str) -> (usize, usize) {
    static SETS: OnceLock<(FxHashSet<&'static str>, FxHashSet<&'static str>)> = OnceLock::new();
    let (id_set, en_set) = SETS.get_or_init(|| {
        (
            INDONESIAN_MARKERS.iter().copied().collect(),
            ENGLISH_MARKERS.iter().copied().collect(),
        )
    });
    let mut word = String::new();
    let (mut id, mut en) = (0, 0);
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| (2..=8).contains(&w.len()))
    {
        word.clear();
        word.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        id += usize::from(id_set.contains(word.as_str()));
        en += usize::from(en_set.contains(word.as_str()));
    }
    (id, en)
}

/// ISO 639-1 code for the languages whatlang may name confidently; `id` for the rest
/// (languages close to Indonesian, such as Javanese or Malay-like text, land here too).
fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Tha => "th",
        Lang::Vie => "vi",
        Lang::Hin => "hi",
        Lang::Tur => "tr",
        _ => "id",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_news() {
        let t = "Kepolisian Resor Anambas menangkap dua orang yang diduga memasok sabu di \
                 Tanjungpinang. Penangkapan ini merupakan hasil pengembangan kasus narkoba.";
        assert_eq!(detect_lang(t), "id");
    }

    #[test]
    fn english_wire_copy() {
        let t = "Showers continued throughout the week in the Bahia cocoa zone, alleviating \
                 the drought since early January and improving prospects for the coming crop.";
        assert_eq!(detect_lang(t), "en");
        assert_eq!(
            detect_lang("U.S. OIL PRICES RISE AS OPEC CUTS OUTPUT"),
            "en"
        );
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(detect_lang(""), "id");
        assert_eq!(detect_lang("123 456"), "id");
        assert_eq!(detect_lang("Presiden Jokowi"), "id");
        assert_eq!(detect_lang("Harga minyak naik di pasar"), "id");
        assert_eq!(detect_lang("Oil prices rose in the market"), "en");
    }

    #[test]
    fn other_languages_when_sure() {
        let fr = "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir \
                  les entreprises touchées par la crise économique qui frappe le pays.";
        assert_eq!(detect_lang(fr), "fr");
    }

    #[test]
    fn sample_cut_is_safe_on_multibyte_text() {
        let long = "é".repeat(5000);
        assert_eq!(head(&long, 1000).chars().count(), 1000);
        let _ = detect_lang(&long);
    }
}
