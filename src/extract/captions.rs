//! Photo captions and photo credits, for every format: a credit alone
//! (`KOMPAS.com/ADHYASTA DIRGANTARA`, `(ANTARA FOTO/Galih Pradipta/foc)`), a caption
//! that carries its credit (`... (ANTARA FOTO/Galih Pradipta)`, `... Foto: Dok.
//! Pemkot`, `... Doc. uny.ac.id`), and a line labelled as a caption (`Foto: ...`).
//! Text dumps and HTML pages both move such lines out of the body into `captions`;
//! entity tagging blanks the credits found inside a text (`Foto: ...`, `Name/Outlet`).

use super::ends_sentence;
use super::outlets::canonical as canonical_outlet;
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// The caption label at the start of a line (`Foto:`, `Keterangan foto :`) and the
/// spaces after it.
static PHOTO_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(foto|photo|ilustrasi|gambar|keterangan foto|caption)\s*[:：]\s*"));

/// A line labelled as a caption: `Foto: ...`, `Ilustrasi: ...`, `Keterangan foto: ...`.
pub fn is_labelled_caption(text: &str) -> bool {
    PHOTO_LABEL.find(text).is_some_and(|m| m.end() < text.len())
}

/// The caption without its label: `Foto: Presiden di Istana` -> `Presiden di Istana`.
pub fn without_label(text: &str) -> &str {
    PHOTO_LABEL.find(text).map_or(text, |m| &text[m.end()..])
}

/// A photo credit alone: `KOMPAS.com/ADHYASTA DIRGANTARA`, `(ANTARA FOTO/Galih Pradipta/foc)`.
pub fn is_photo_credit(text: &str) -> bool {
    let t = text.trim_start_matches('(').trim_end_matches(')').trim();
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    if parts.len() < 2 || t.split_whitespace().count() > 8 || t.contains("://") || ends_sentence(t)
    {
        return false;
    }
    let first = parts[0];
    let letters: String = first.chars().filter(|c| c.is_alphabetic()).collect();
    static CREDIT_WORD: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(foto|photo|images?|dok|dokumentasi|istimewa)\b"));
    let credit_word = CREDIT_WORD.is_match(first);
    !letters.is_empty()
        && (canonical_outlet(first).is_some()
            || credit_word
            || letters.chars().all(|c| c.is_uppercase()))
}

/// A caption that carries its photo credit: `... (ANTARA FOTO/Galih Pradipta)`,
/// `KOMPAS.com/NAMA Warga antre ...`, `... Foto: Dok. Pemkot`.
pub fn has_photo_credit(text: &str) -> bool {
    static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)\((?:[^()]*\b(?:foto|photo|images?|dok\.?|dokumentasi))\s*[/:][^()]*\)\s*$")
    });
    static LEADING: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:[A-Z][A-Za-z0-9.]*\.(?:com|co|id|tv)|[A-Z ]*\b(?:FOTO|IMAGES|PHOTO|DOK)\b[A-Z ]*)\s*/\s*[A-Z][A-Za-z]+",
        )
    });
    static PHOTO_AT_END: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)[.!?]\s*\(?(foto|photo)\s*:\s*[^.]{2,60}\)?$"));
    text.split_whitespace().count() >= 5
        && (TRAILING.is_match(text)
            || LEADING.is_match(text)
            || PHOTO_AT_END.is_match(text)
            || has_doc_credit(text)
            || has_credit_after_sentence(text))
}

/// A caption whose credit follows its last sentence bare, with no label or brackets:
/// `Pedagang menata beras di pasar. ANTARA FOTO/Iggoy el Fitra/nym.`. Every sentence
/// end is tried, since the credit may hold an initial (`ANTARA FOTO/M. Risyal Hidayat`).
/// The credit must start with a photo word or an outlet's name: capitals alone
/// (`BPJS/Kemenkes`, `<TOPICS>/...`) are too common in text after a full stop.
fn has_credit_after_sentence(text: &str) -> bool {
    static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| re(r"[.!?)]\s+"));
    static PHOTO_WORD: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(foto|photo|images?|dok|dokumentasi)\b"));
    SENTENCE_END.find_iter(text).any(|m| {
        let credit = text[m.end()..].trim_end_matches('.');
        let first = credit.split('/').next().unwrap_or("");
        !credit.starts_with('(')
            && is_photo_credit(credit)
            && (PHOTO_WORD.is_match(first) || canonical_outlet(first).is_some())
    })
}

/// A caption ending in a documentation credit with no sentence after it:
/// `Rektor UNY membuka acara. Doc. uny.ac.id KOMUNIKA ONLINE`, `... (Dok. Humas Pemkot)`.
fn has_doc_credit(text: &str) -> bool {
    static DOC: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?:^|[\s(])(?:(?:Doc|Dok)\.|Dokumentasi)\s+[^.!?]{2,60}\)?$|(?:^|\s)(?:Doc|Dok)\.\s+\S+\.\S+",
        )
    });
    match DOC.find(text) {
        // The credit closes the caption: at most a few words follow the mark.
        Some(m) => text[m.start()..].split_whitespace().count() <= 8,
        None => false,
    }
}

/// True when a paragraph is a caption or a credit rather than the story's text.
pub fn is_caption_line(text: &str) -> bool {
    is_labelled_caption(text) || is_photo_credit(text) || has_photo_credit(text)
}

/// Byte spans of labelled credits inside a text, from the label to the end of the
/// line or of the parenthesis around it: `Foto: Andi Saputra/detikcom`, `(Penulis:
/// Ani)`, `Sumber: Reuters`, `Baca juga: Judul`. Used to blank credits before entity
/// tagging, where a credit anywhere in a paragraph counts, not only a whole line.
pub fn labelled_credit_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?-u:\b)(?:foto|photo|image|gambar|ilustrasi|penulis|editor|reporter|pewarta|sumber|baca juga|laporan wartawan|video|grafis|kontributor)\s*:[^\n)\]]*",
        )
    });
    CREDIT.find_iter(text).map(|m| (m.start(), m.end()))
}

/// Byte spans of photographer credits written `Name/Outlet` or `OUTLET/Name` inside a
/// text (`Andi Saputra/detikcom`, `REUTERS/Kim Hong-Ji`): one to four capitalised
/// words, a slash, a word. `names_outlet` says whether one side (as written) is an
/// outlet or agency; without one it is an ordinary pair such as `Jakarta/Bogor`.
pub fn slash_credit_spans<'a>(
    text: &'a str,
    names_outlet: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    static SLASH: LazyLock<Regex> = LazyLock::new(|| {
        re(r"\b\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3}\s*/\s*\p{L}[\p{L}.]*")
    });
    SLASH
        .find_iter(text)
        .filter(move |m| m.as_str().split('/').any(&names_outlet))
        .map(|m| (m.start(), m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_spans_inside_a_text() {
        let text = "Ia tiba. Foto: Andi Saputra/detikcom\nLalu (Penulis: Ani) pulang.";
        let spans: Vec<&str> = labelled_credit_spans(text)
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(spans, ["Foto: Andi Saputra/detikcom", "Penulis: Ani"]);
        assert_eq!(labelled_credit_spans("Fotonya bagus: sekali").count(), 0);

        let text = "REUTERS/Kim Hong-Ji di Jakarta/Bogor";
        let outlet = |s: &str| s.trim().eq_ignore_ascii_case("reuters");
        let spans: Vec<&str> = slash_credit_spans(text, outlet)
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(spans, ["REUTERS/Kim"]);
    }

    #[test]
    fn credits_alone() {
        assert!(is_photo_credit("KOMPAS.com/ADHYASTA DIRGANTARA"));
        assert!(is_photo_credit("(ANTARA FOTO/Galih Pradipta/foc)"));
        assert!(is_photo_credit("Foto/Istimewa"));
        assert!(!is_photo_credit("Harga cabai naik 20/30 persen di pasar."));
        assert!(!is_photo_credit("https://example.com/a/b"));
    }

    #[test]
    fn captions_with_their_credit() {
        assert!(has_photo_credit(
            "Warga antre membeli minyak goreng di pasar (ANTARA FOTO/Galih Pradipta)"
        ));
        assert!(has_photo_credit(
            "KOMPAS.com/NAMA Warga antre membeli minyak goreng di pasar"
        ));
        assert!(has_photo_credit(
            "Petugas memeriksa kendaraan di gerbang tol. Foto: Dok. Pemkot"
        ));
        assert!(has_photo_credit(
            "Rektor UNY buka pameran karya mahasiswa di kampus Doc. uny.ac.id KOMUNIKA ONLINE"
        ));
        assert!(has_photo_credit(
            "Wali kota meresmikan taman kota yang baru (Dok. Humas Pemkot)"
        ));
        assert!(has_photo_credit(
            "Pedagang menata karung beras di pasar, Jumat (1/3/2024). ANTARA FOTO/Iggoy el Fitra/nym."
        ));
        assert!(has_photo_credit(
            "Warga antre di depan kantor pos. ANTARA FOTO/M. Risyal Hidayat/wsj"
        ));
        assert!(!has_photo_credit(
            "Harga naik 20 persen pekan ini. Kenaikan itu 20/30 dari yang diperkirakan."
        ));
    }

    #[test]
    fn story_sentences_are_not_captions() {
        for s in [
            "TEMPO.CO, Jakarta - Presiden meninjau lokasi banjir di Bekasi pada Senin pagi.",
            "Dokumen itu diserahkan kepada penyidik pada Senin, kata juru bicara polisi.",
            "The doctor said the patient, who is 55, would recover within a month.",
            "The coach was praised by Doc Rivers",
            "Dia menyebut Dok. itu sebagai tempat yang paling aman, lalu pergi ke pasar dan membeli sayur untuk keluarganya di rumah.",
        ] {
            assert!(!is_caption_line(s), "{s}");
        }
    }

    #[test]
    fn labelled_captions() {
        assert!(is_labelled_caption("Foto: Presiden di Istana"));
        assert!(is_labelled_caption("Keterangan foto : Suasana sidang"));
        assert!(!is_labelled_caption("Fotografer senior itu meninggal."));
        assert!(!is_labelled_caption("Foto :  "));
        assert_eq!(
            without_label("Foto : Presiden di Istana"),
            "Presiden di Istana"
        );
        assert_eq!(without_label("Foto：Presiden"), "Presiden");
        assert_eq!(without_label("Fotografer senior"), "Fotografer senior");
    }
}
