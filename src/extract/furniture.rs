//! Page furniture that every format meets inside article text: the "read also" links
//! that outlets put between paragraphs (`Baca juga: Judul Lain`). The marker words and
//! every shape the links come in are matched here, one function a shape: a line or
//! paragraph that starts with the marker, a marker alone on its line (the headline on
//! the next one), a marker inside a paragraph, a list of bare headlines under a bare
//! marker, and markers joined to the text around them with commas (CSV exports).
//! Also the other page furniture that shows up as lines of text in dumps (promos,
//! share and login prompts, ad labels, reading time and view counts, and the related
//! lists, tags and copyright lines that close a story).
//! Text dumps, HTML, JSON and CSV call these instead of matching the words themselves.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The markers of a link to another story, as a regex alternation (case-insensitive
/// use), Indonesian and English.
pub const READ_ALSO: &str = r"baca\s*juga|baca\s+pula|simak\s+juga|lihat\s+juga|tonton\s+juga|read\s+also|also\s+read|see\s+also";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// True when a line or paragraph starts with a "read also" marker (also after `[`).
pub fn starts_with_read_also(text: &str) -> bool {
    static START: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)^\s*(?:\[\s*)?(?:{READ_ALSO})\b")));
    START.is_match(text)
}

/// True when a line starts with a link to more of the story or to other stories:
/// `Baca juga ...`, `Baca selengkapnya ...`, `Baca: ...`, `Berita terkait: ...`. Meant
/// for short lines: a long sentence may start the same way.
pub fn starts_with_link_marker(text: &str) -> bool {
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(?:baca\s*(?:juga|selengkapnya|lainnya|berita|artikel)\b|baca\s*:|(?:related news|berita terkait|baca pula|simak pula)\s*:)",
        )
    });
    LINK.is_match(text)
}

/// A marker alone on its line (`Baca juga:`, `Read more`, `Baca selengkapnya`): the
/// linked headline is the next line, so that line is furniture too.
pub fn is_bare_marker(line: &str) -> bool {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)^({READ_ALSO}|baca|read more|baca selengkapnya)\s*:?\s*$"
        ))
    });
    BARE.is_match(line)
}

/// Drops "read also" paragraphs, the bare headline lines listed under a bare
/// `Baca juga:`, and inline `Baca juga: ...` headlines inside paragraphs. Empty
/// paragraphs go too; the others come back trimmed.
pub fn drop_paragraphs(paras: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(paras.len());
    let mut in_list = false;
    for p in paras {
        let t = p.trim();
        if t.is_empty() {
            continue;
        }
        if starts_with_read_also(t) {
            // `Baca juga:` alone opens a list of linked headlines.
            in_list = t
                .trim_end_matches([':', ' ', ']'])
                .split_whitespace()
                .count()
                <= 2;
            continue;
        }
        if in_list && looks_like_headline(t) {
            continue;
        }
        in_list = false;
        // Shorter than any marker with a headline: nothing inline to look for.
        let t = if t.len() > 12 {
            drop_inline(t)
        } else {
            t.to_string()
        };
        if !t.trim().is_empty() {
            out.push(t.trim().to_string());
        }
    }
    out
}

/// A linked headline in a list: short, one line, no sentence end.
fn looks_like_headline(p: &str) -> bool {
    p.chars().count() <= 140 && !p.contains('\n') && !p.ends_with(['.', '!', '?', '"', '”', ':'])
}

/// Lower-case words that headlines keep between capitalised ones.
const HEADLINE_SMALL_WORDS: &[&str] = &[
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "vs", "pada", "soal", "usai",
    "jadi", "bagi", "akan", "&", "-", "–",
];
/// Capitalised words that often open the sentence after an inline headline.
const SENTENCE_OPENERS: &[&str] = &[
    "menurut",
    "selain",
    "untuk",
    "namun",
    "sementara",
    "dalam",
    "saat",
    "ketika",
    "sebelumnya",
    "kemudian",
    "pada",
    "di",
    "dengan",
    "sedangkan",
    "adapun",
    "meski",
    "hal",
    "ia",
    "dia",
    "mereka",
];

/// Removes inline `Baca juga: Judul Berita Lain` from a paragraph: the linked
/// headline ends at a sentence end, or (headlines being Title Case) where the
/// lower-case words of the next sentence begin.
pub fn drop_inline(p: &str) -> String {
    static INLINE: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)\b(?:{READ_ALSO})\s*:\s*")));
    let mut out = p.to_string();
    // A paragraph holds at most a few links; the bound keeps a bad page cheap.
    for _ in 0..5 {
        let Some(m) = INLINE.find(&out) else {
            break;
        };
        let after = &out[m.end()..];
        let rest = &after[headline_len(after)..];
        out = format!("{} {}", out[..m.start()].trim_end(), rest.trim_start())
            .trim()
            .to_string();
    }
    out
}

/// Byte length of the linked headline at the start of `s`.
fn headline_len(s: &str) -> usize {
    let words: Vec<(usize, &str)> = s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    let is_capital = |w: &str| w.chars().any(|c| c.is_uppercase() || c.is_ascii_digit());
    for (i, (start, w)) in words.iter().enumerate() {
        if i > 25 {
            return 0; // no headline shape: only the marker goes
        }
        if w.ends_with(['.', '!', '?']) {
            return start + w.len();
        }
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if is_capital(w) || HEADLINE_SMALL_WORDS.contains(&bare.as_str()) {
            continue;
        }
        // The first lower-case word: its sentence starts at the capital before it.
        let Some(cap) = (0..i).rev().find(|&k| is_capital(words[k].1)) else {
            return *start;
        };
        let opener = cap.checked_sub(1).filter(|&k| {
            let b = words[k].1.to_lowercase();
            is_capital(words[k].1) && SENTENCE_OPENERS.contains(&b.as_str())
        });
        return words[opener.unwrap_or(cap)].0;
    }
    s.len()
}

/// Puts a paragraph break before every marker joined to the text before it with a
/// comma (`...di sirkuit itu,Baca juga,“Trek ...`), as exports that join paragraphs
/// with commas leave them.
pub fn split_comma_joined(text: &str) -> Cow<'_, str> {
    static JOINED: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)\s*,+\s*((?:{READ_ALSO})\b)")));
    JOINED.replace_all(text, "\n\n$1")
}

/// A comma-joined "read also" paragraph split where the story goes on: `Baca juga:
/// Judul,Kalimat berikut.` gives the link (with its commas: it is dropped whole later)
/// and the sentence after it. The headline (or the bare marker) ends at commas right
/// before a capital, with no space between.
pub fn split_comma_joined_headline(p: &str) -> Option<(&str, &str)> {
    static HEADLINE_END: LazyLock<Regex> = LazyLock::new(|| re(r#",+(["“]?[\p{Lu}\d])"#));
    if !starts_with_read_also(p) {
        return None;
    }
    let m = HEADLINE_END.captures(p)?.get(1)?;
    Some((&p[..m.start()], &p[m.start()..]))
}

/// A line that is page furniture wherever it stands: video and app promos, share
/// and login prompts, ad labels, section and navigation words, font controls,
/// reading time and view counts. Meant for lines short of a sentence: a caller with
/// a long line of prose checks [`is_strong_promo`] first.
pub fn is_page_furniture(line: &str) -> bool {
    static NOISE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r"^pilihan editor\s*:",
            r"^(saksikan|tonton|simak|lihat) (juga )?video\b",
            r"^video pilihan\b",
            r"^change text size$",
            r"^gift (premium )?articles?\b",
            r"^(premium|exclusive|eksklusif|headline|breaking news)$",
            r"tanpa iklan",
            r"^gabung\b",
            r"^lihat (juga|selengkapnya|video|foto)\b",
            r"^simak\b.{0,40}\b(video|berita|juga|selengkapnya|breaking)",
            r"^\[gambas:.*\]$",
            r"^advertisement$",
            r"^iklan$",
            r"^ads?$",
            r"^scroll (to|untuk) (continue|resume|lanjut)",
            r"^(close|tutup) (ads?|iklan)$",
            r"^(oke|ok|okay|batal|tutup|close|x|×)$",
            r"^bagikan\b.{0,40}$",
            r"^share\b.{0,30}$",
            r"^(login|log in|sign in|sign up|register)\b.{0,80}$",
            r"^(masuk|daftar)(\s+(sekarang|di ?sini|akun\b.*|untuk\b.*|dengan\b.*))?$",
            r"^(download|unduh) (aplikasi|app)",
            r"^(dapatkan|ikuti|follow)\b.{0,40}\b(update|berita|kami|us|whatsapp|telegram|google news|channel|instagram)",
            r"^(klik|click) (di ?sini|here)",
            r"^(populer|terpopuler|trending|terkini|terbaru|pilihan editor|editor'?s picks?|rekomendasi|video pilihan|most popular|latest news)$",
            r"^(selanjutnya|sebelumnya|next|previous|prev|load more|muat lebih banyak|tampilkan lebih banyak|show more)$",
            r"^(whatsapp|facebook|twitter|telegram|line|copy link|salin tautan|email|linkedin|pinterest)([\s,|/·•]+(whatsapp|facebook|twitter|x|telegram|line|copy link|salin tautan|email|linkedin|pinterest))*$",
            r"^(home|beranda|news|berita|index|indeks)$",
            r"^(beri|tulis) komentar",
            r"^(artikel|berita) (ini )?(telah|sudah) (tayang|terbit)",
            r"^loading\b",
            r"^[-=_*•·~]{3,}$",
            r"^(foto|video|gambar|grafis)$",
            r"^(sumber|source)\s*:?\s*$",
            r"^(langganan|berlangganan|subscribe)\b",
            r"^(cek|check) berita",
            r"^kompas\.com\+",
            r"^(dengarkan|listen to)\b.{0,40}$",
            r"^(font|ukuran (huruf|teks|font))\b.{0,20}$",
            r"^(a\s*[-+]?\s*){2,3}$",
            r"^(trending|topik pilihan|hot topics?|breaking news|terpopuler|populer|live|sorotan|pilihan redaksi|topik hangat|headline)\s*:",
            r"^we (use|value) cookies",
        ]
        .iter()
        .map(|p| re(&format!("(?i){p}")))
        .collect()
    });
    is_reading_stats(line) || NOISE.iter().any(|r| r.is_match(line))
}

/// A promo or footer that stays furniture however long the line is (`Baca juga ...`,
/// `Artikel ini telah tayang di ...`, `... tanpa iklan`, `... Google News`).
pub fn is_strong_promo(line: &str) -> bool {
    static STRONG: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)^({}|artikel ini telah tayang|dapatkan update|simak breaking news)|tanpa iklan|google news|whatsapp channel",
            READ_ALSO
        ))
    });
    STRONG.is_match(line)
}

/// Furniture that closes the story when it comes after the body has begun: related
/// and tag lists, `Artikel ini telah tayang`, copyright, comment and paging prompts.
pub fn closes_story(line: &str) -> bool {
    static END: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r"^(berita|artikel|topik|tautan) (terkait|lainnya|populer|pilihan)\s*(:.*)?$",
            r"^(tags?|topik|topics?|label|kata kunci|keywords?)(\s+terkait)?\s*:",
            r"^(tags?|topik|topics?)(\s+terkait)?$",
            r"^(artikel|berita) (ini )?(telah|sudah) (tayang|terbit)",
            r"^(copyright|hak cipta)\s*(©|\(c\)|\d{4}|:|dilindungi)",
            r"all rights reserved",
            r"©",
            r"^\(c\)\s*\d{4}",
            r"^komentar\s*(\(\d+\)|\d+|anda|:)?\s*$",
            r"^halaman\s*:?\s*(\d+(\s+\d+)*\s*)?(selanjutnya|berikutnya)?\s*$",
            r"^(bagikan|share) (artikel|berita|this)",
            r"^baca berita tanpa iklan",
            r"^(ikuti|follow) (berita|kami|us)",
            r"^(related( articles?| news| stories)?|read more|more stories|you may also like|rekomendasi untuk anda)\s*(:.*)?$",
            r"^(close ads|tutup iklan)$",
        ]
        .iter()
        .map(|p| re(&format!("(?i){p}")))
        .collect()
    });
    END.iter().any(|r| r.is_match(line))
}

/// A line of an HTML article block that starts like furniture (`Simak video`,
/// `Advertisement`, `Berita terkait`, `Copyright`, `Tags:`). `lower` is lower case.
/// Narrower than [`is_page_furniture`] and [`closes_story`], the rules for lines of
/// text dumps: in a page's article block the lines are paragraphs the DOM already
/// chose, and those rules there also drop story lines (`Sign up for ...`, `Click here
/// ...` in how-to stories), which cost body recall on aeb-dev when tried (R 0.972 ->
/// 0.971), with the shared HTML pages unchanged.
pub fn starts_like_boilerplate(lower: &str) -> bool {
    #[rustfmt::skip]
    const BOILERPLATE_STARTS: &[&str] = &[
        "simak video", "saksikan video",
        "advertisement", "scroll to continue", "berita terkait", "artikel terkait", "related:",
        "copyright", "©",
        "hak cipta", "dapatkan update", "ikuti kami", "follow us", "klik di sini", "dilarang mengambil",
        "(dilarang mengambil", "share this", "bagikan artikel", "tags:", "tag:", "topik:",
        "informasi pemasangan iklan", "simak breaking news", "halaman selanjutnya", "halaman:",
        "artikel ini telah tayang", "ikuti berita", "download aplikasi", ":",
    ];
    BOILERPLATE_STARTS.iter().any(|s| lower.starts_with(s))
}

/// A line that only counts the story: reading time (`3 menit baca`, `Waktu baca 2
/// menit`) or views, comments and shares (`Dibaca 1.204 kali`, `1.204 views`,
/// `12 komentar`). Such lines sit between the headline and the story on many pages.
pub fn is_reading_stats(line: &str) -> bool {
    static STATS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r"^\d+\s*(menit|min|mins|minutes?)(\s*(baca|read|membaca))?$",
            r"^(waktu baca|reading time|estimasi baca)\b.{0,20}$",
            r"^(dibaca|views?|dilihat)\s*:?\s*[\d.,]+(\s*kali)?$",
            r"^[\d.,]+\s*(kali dibaca|views|komentar|comments?|shares?|dibaca|likes?)$",
        ]
        .iter()
        .map(|p| re(&format!("(?i){p}")))
        .collect()
    });
    STATS.iter().any(|r| r.is_match(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture_lines() {
        for l in [
            "ADVERTISEMENT",
            "Scroll to continue with content",
            "Bagikan",
            "Facebook Twitter WhatsApp",
            "Lihat juga video lainnya",
        ] {
            assert!(is_page_furniture(l), "{l}");
        }
        assert!(!is_page_furniture("Presiden meninjau lokasi banjir."));
        assert!(is_strong_promo(
            "Artikel ini telah tayang di Kompas.com dengan judul yang sama dan panjang sekali."
        ));
        assert!(closes_story("Berita Terkait"));
        assert!(closes_story("Tags: banjir, jakarta"));
        assert!(closes_story("Copyright © 2023 Kabar Desa"));
        assert!(!closes_story("Banjir merendam 20 rumah."));
        assert!(starts_like_boilerplate("simak video berikut ini"));
        assert!(starts_like_boilerplate("tags: banjir"));
        assert!(!starts_like_boilerplate("banjir merendam 20 rumah."));
    }

    #[test]
    fn reading_time_and_view_counts() {
        for l in [
            "3 menit baca",
            "5 min read",
            "Waktu baca 2 menit",
            "Dibaca 1.204 kali",
            "Views: 3,200",
            "1.204 kali dibaca",
            "12 Komentar",
        ] {
            assert!(is_reading_stats(l), "{l}");
        }
        for l in [
            "3 menit kemudian polisi tiba.",
            "Dibaca oleh jutaan orang setiap hari",
            "Komentar",
        ] {
            assert!(!is_reading_stats(l), "{l}");
        }
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn read_also_markers_in_both_languages() {
        for s in [
            "Baca juga: Harga Cabai Naik",
            "BACA JUGA : Harga",
            "[Baca Juga: Harga]",
            "Bacajuga: x",
            "Simak juga video ini",
            "Read also: Prices",
            "See also",
        ] {
            assert!(starts_with_read_also(s), "{s}");
        }
        for s in ["Bacaan juga", "Warga membaca juga", "Lihatlah"] {
            assert!(!starts_with_read_also(s), "{s}");
        }
    }

    #[test]
    fn link_markers_open_the_line() {
        for s in [
            "Baca juga: Harga Cabai Naik",
            "Baca selengkapnya di sini",
            "Baca: Harga Cabai Naik",
            "BACA BERITA LAINNYA",
            "Berita terkait: Harga",
            "Simak pula : video",
        ] {
            assert!(starts_with_link_marker(s), "{s}");
        }
        for s in ["Bacaan doa", "Berita terkait harga", "Warga baca: koran"] {
            assert!(!starts_with_link_marker(s), "{s}");
        }
    }

    #[test]
    fn bare_marker_is_the_marker_alone() {
        for s in [
            "Baca juga:",
            "BACA JUGA",
            "Baca",
            "Read more",
            "baca selengkapnya :",
        ] {
            assert!(is_bare_marker(s), "{s}");
        }
        for s in [
            "Baca juga: Harga Cabai Naik",
            "Bacaan",
            "Read more stories here",
        ] {
            assert!(!is_bare_marker(s), "{s}");
        }
    }

    #[test]
    fn inline_headline_goes_up_to_the_next_sentence() {
        assert_eq!(
            drop_inline(
                "Harga naik (30/3). Baca juga: Harga Cabai Naik Lagi. Menurut dia itu wajar."
            ),
            "Harga naik (30/3). Menurut dia itu wajar."
        );
        // No full stop: the headline ends where lower-case words begin, and the
        // capitalised opener before them starts the sentence.
        assert_eq!(
            drop_inline(
                "Pasar ramai. Baca juga: Harga Cabai di Bogor Naik Menurut Ani harga wajar."
            ),
            "Pasar ramai. Menurut Ani harga wajar."
        );
        assert_eq!(
            drop_inline("Tanpa tautan di sini."),
            "Tanpa tautan di sini."
        );
    }

    #[test]
    fn read_also_paragraphs_and_headline_lists_are_dropped() {
        let paras = strings(&[
            "Satu kalimat.",
            "Baca juga: Judul Lain",
            "Dua kalimat.",
            "Baca juga:",
            "Judul Pertama",
            "Judul Kedua",
            "Tiga kalimat akhir.",
            "  ",
            "Judul Ketiga",
        ]);
        assert_eq!(
            drop_paragraphs(paras),
            strings(&[
                "Satu kalimat.",
                "Dua kalimat.",
                "Tiga kalimat akhir.",
                "Judul Ketiga"
            ])
        );
    }

    #[test]
    fn comma_joined_markers_get_their_own_paragraph() {
        assert_eq!(
            split_comma_joined("Di sirkuit itu,Baca juga,“Trek ini istimewa,” katanya."),
            "Di sirkuit itu\n\nBaca juga,“Trek ini istimewa,” katanya."
        );
        let plain = "Harga naik, baca: laporan, juga turun.";
        assert_eq!(split_comma_joined(plain), plain);
    }

    #[test]
    fn comma_joined_headline_is_cut_from_the_sentence_after_it() {
        assert_eq!(
            split_comma_joined_headline(
                "Baca juga: Tuding Dalang Serangan Kilang,Kuwait juga menyelidiki."
            ),
            Some((
                "Baca juga: Tuding Dalang Serangan Kilang,",
                "Kuwait juga menyelidiki."
            ))
        );
        assert_eq!(
            split_comma_joined_headline("Baca juga,“Trek ini istimewa,” katanya."),
            Some(("Baca juga,", "“Trek ini istimewa,” katanya."))
        );
        assert_eq!(split_comma_joined_headline("Kuwait,Irak dan Iran."), None);
        assert_eq!(split_comma_joined_headline("Baca juga: Judul saja"), None);
    }
}
