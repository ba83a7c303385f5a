//! From raw bytes to text: gzip is unpacked (never past the size limit), binary and
//! empty files are refused, UTF-16 (with a byte-order mark or without) is decoded,
//! UTF-8 (with or without BOM) is taken as is, bytes that are not UTF-8 are decoded
//! as Windows-1252 with a warning, stray NUL bytes are dropped with a warning, old-Mac
//! line ends (a lone CR) become line feeds, and double-encoding mojibake (UTF-8 read as
//! Windows-1252, Latin-1 or Mac Roman: `â€™`, `Ã©`, `‚Äú`, `¬†`) is repaired.

use anyhow::{bail, Result};
use encoding_rs::Encoding;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

/// Decoded text of one file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// True when the bytes were gzip-compressed.
    pub gzipped: bool,
    /// A warning to report (e.g. the encoding that was assumed).
    pub warning: Option<String>,
}

impl Decoded {
    /// The file name to detect the format from: `a.jsonl.gz` reads as `a.jsonl`.
    pub fn name_hint(&self, path: &Path) -> String {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        match name.strip_suffix(".gz") {
            Some(inner) if self.gzipped => inner.to_string(),
            _ => name,
        }
    }
}

/// The size limit as a message.
pub fn too_large() -> anyhow::Error {
    anyhow::anyhow!(
        "file too large (over {} MB once unpacked)",
        super::MAX_FILE_BYTES >> 20
    )
}

/// Decodes the bytes of one file, or says in a few words why it cannot be read.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded> {
    let mut bytes = bytes;
    let mut gzipped = false;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        // Unpacked through a limit: a small gzip can expand to gigabytes.
        let mut out = Vec::new();
        let limit = super::MAX_FILE_BYTES + 1;
        let mut reader = flate2::read::MultiGzDecoder::new(&bytes[..]).take(limit);
        if let Err(e) = reader.read_to_end(&mut out) {
            bail!("truncated or corrupt gzip ({e})");
        }
        bytes = out;
        gzipped = true;
    }
    if bytes.len() as u64 > super::MAX_FILE_BYTES {
        return Err(too_large());
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!("empty file");
    }
    let mut warnings = Vec::new();
    let text = match utf16(&bytes) {
        Some(encoding) => {
            let (text, _, bad) = encoding.decode(&bytes);
            if bad {
                warnings.push(format!(
                    "{} with bad sequences (read as U+FFFD)",
                    encoding.name()
                ));
            }
            text.into_owned()
        }
        None => {
            let head = &bytes[..bytes.len().min(8192)];
            if looks_binary(head) {
                bail!("binary file");
            }
            let nuls = bytes.iter().filter(|b| **b == 0).count();
            if nuls > 0 {
                bytes.retain(|b| *b != 0);
                warnings.push(format!(
                    "{nuls} NUL byte{} dropped",
                    if nuls == 1 { "" } else { "s" }
                ));
            }
            match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => {
                    let bytes = e.into_bytes();
                    let (text, bad, first_line) = decode_mixed(&bytes);
                    warnings.push(format!(
                        "not valid UTF-8 ({bad} byte{} from line {first_line}), read as Windows-1252",
                        if bad == 1 { "" } else { "s" }
                    ));
                    text
                }
            }
        }
    };
    let warning = (!warnings.is_empty()).then(|| warnings.join("; "));
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let text = lone_cr_to_lf(text);
    let text = match repair_mojibake(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(fixed) => fixed,
    };
    Ok(Decoded {
        text,
        gzipped,
        warning,
    })
}

/// Whether the head of a file is binary: more than 1 byte in 100 (and more than two)
/// is a NUL or a control character that no text uses (not tab, line ends, form feed,
/// or the bell, backspace and escape of terminal sequences). A stray NUL in a text is
/// not enough.
fn looks_binary(head: &[u8]) -> bool {
    let odd = head
        .iter()
        .filter(|&&b| matches!(b, 0x00..=0x06 | 0x0e..=0x1a))
        .count();
    odd > 2 && odd * 100 > head.len()
}

/// UTF-16 by its byte-order mark, or, without one, by its zero bytes: text in a Latin
/// script has a zero as every other byte (the high byte of each character), on the odd
/// positions in little-endian order and on the even ones in big-endian.
fn utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc != encoding_rs::UTF_8).then_some(enc);
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let half = head.len() / 2;
    let zeros = |start: usize| {
        head.iter()
            .skip(start)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= half * 7 && even * 10 <= half {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= half * 7 && odd * 10 <= half {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Line ends of old Mac files (a CR alone) as line feeds; CRLF is left as it is.
fn lone_cr_to_lf(text: String) -> String {
    let b = text.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !(0..b.len()).any(lone) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Keeps the valid UTF-8 parts of `bytes` and reads every invalid byte as
/// Windows-1252. Returns the text, the number of invalid bytes and the line of the
/// first one.
fn decode_mixed(bytes: &[u8]) -> (String, usize, usize) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut bad = 0;
    let mut first_line = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            if bad == 0 {
                first_line = text.matches('\n').count() + 1;
            }
            bad += invalid.len();
            let (cow, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(invalid);
            text.push_str(&cow);
        }
    }
    (text, bad, first_line)
}

/// Maps each character that a legacy single-byte encoding gives a byte of 0x80..0xFF
/// back to that byte.
struct ByteTable(HashMap<char, u8>);

impl ByteTable {
    fn new(encoding: &'static Encoding, with_c1: bool) -> Self {
        let mut map = HashMap::new();
        for b in 0x80u8..=0xff {
            let buf = [b];
            let Some(decoded) = encoding.decode_without_bom_handling_and_without_replacement(&buf)
            else {
                continue;
            };
            let mut chars = decoded.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                map.entry(c).or_insert(b);
            }
        }
        if with_c1 {
            // Latin-1 readings keep C1 controls (U+0080..U+009F) as the bytes themselves.
            for b in 0x80u8..=0x9f {
                map.entry(char::from(b)).or_insert(b);
            }
        }
        ByteTable(map)
    }

    fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            None
        } else {
            self.0.get(&c).copied()
        }
    }
}

static WINDOWS_1252: LazyLock<ByteTable> =
    LazyLock::new(|| ByteTable::new(encoding_rs::WINDOWS_1252, true));
static MAC_ROMAN: LazyLock<ByteTable> =
    LazyLock::new(|| ByteTable::new(encoding_rs::MACINTOSH, false));

/// Repairs UTF-8 text that was once decoded as Windows-1252/Latin-1 or Mac Roman
/// (`â€™` -> `’`, `Ã©` -> `é`, `‚Äú` -> `“`, `¬†` -> no-break space, `Â ` -> no-break
/// space). Works sequence by sequence, so correct text around (and in the same line
/// as) a broken sequence is left alone; text without such sequences is returned as is.
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut current = Cow::Borrowed(text);
    // Twice, for text that went through the wrong decoding two times.
    for _ in 0..2 {
        let a = repair_with(&current, &WINDOWS_1252);
        let b = repair_with(&current, &MAC_ROMAN);
        let best = match (a, b) {
            (Some((fa, na)), Some((fb, nb))) => Some(if nb > na { fb } else { fa }),
            (Some((f, _)), None) | (None, Some((f, _))) => Some(f),
            (None, None) => None,
        };
        match best {
            Some(fixed) => current = Cow::Owned(fixed),
            None => break,
        }
    }
    current
}

/// One pass with one encoding: the repaired text and the number of sequences fixed,
/// or None when nothing was to be fixed.
fn repair_with(text: &str, table: &ByteTable) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut fixed = 0;
    let mut copied = 0; // text[..copied] is already in `out` or replaced
    let mut i = 0;
    while i < bytes.len() {
        // Mojibake is made of non-ASCII characters only: jump to the next one.
        match bytes[i..].iter().position(|b| !b.is_ascii()) {
            Some(skip) => i += skip,
            None => break,
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        match repair_at(text, i, table) {
            Some((replacement, used)) => {
                if fixed == 0 {
                    out.reserve(text.len());
                }
                out.push_str(&text[copied..i]);
                out.push(replacement);
                fixed += 1;
                i += used;
                copied = i;
            }
            None => i += c.len_utf8(),
        }
    }
    if fixed == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, fixed))
}

/// True when `s` starts with `â€` (bytes E2 80: General Punctuation).
fn buf_second_is_80(s: &str) -> bool {
    s.starts_with("â€")
}

/// The character that the characters at byte `i` of `text` spell when read back as
/// UTF-8 bytes, with the number of bytes of `text` they take.
fn sequence_at(text: &str, i: usize, table: &ByteTable) -> Option<(char, usize)> {
    let mut chars = text[i..].chars();
    let first = chars.next()?;
    let lead = table.byte(first)?;
    let len = match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let mut buf = [lead, 0, 0, 0];
    let mut used = first.len_utf8();
    for (k, slot) in buf.iter_mut().enumerate().take(len).skip(1) {
        let mut c = chars.next()?;
        // `â€ ™`: tokenised text put a space inside a broken `’`, `“`, `”`, `–`.
        if k == 2 && first == 'â' && c == ' ' && lead == 0xe2 && buf_second_is_80(&text[i..]) {
            used += 1;
            c = chars.next()?;
        }
        // `Â` + a plain space: an NBSP whose second byte was turned into a space.
        if first == 'Â' && c == ' ' && used == first.len_utf8() {
            let after_capital = text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_uppercase);
            return (!after_capital).then_some(('\u{a0}', used + 1));
        }
        let b = table.byte(c)?;
        if !(0x80..=0xbf).contains(&b) {
            return None;
        }
        *slot = b;
        used += c.len_utf8();
    }
    let c = std::str::from_utf8(&buf[..len]).ok()?.chars().next()?;
    // A C1 control is no text anyone wrote: the pair was correct text after all.
    (!('\u{80}'..='\u{9f}').contains(&c)).then_some((c, used))
}

/// The repair at byte `i`, when it is believable. Three and four characters that happen
/// to spell one UTF-8 sequence are almost never chance, but two are: `’é` read as Mac
/// Roman spells the Armenian `Վ`. So a two-character sequence must give what mojibake
/// hides in news text (Latin letters, accents, punctuation, symbols); or a letter of
/// Greek, Cyrillic, Hebrew or Arabic that either is spelled from a letter (`Œ±` for `α`,
/// `Ð¿`, `ŸÖ`) or stands where that script is already nearby (a Quranic mark `€ö`
/// inside an Arabic verse). Quotes and dashes beside a vowel in Latin text are neither.
fn repair_at(text: &str, i: usize, table: &ByteTable) -> Option<(char, usize)> {
    let (c, used) = sequence_at(text, i, table)?;
    if text[i..i + used].chars().count() != 2 || plausible(c) {
        return Some((c, used));
    }
    let script = word_script(c)?;
    let led_by_letter = text[i..].chars().next().is_some_and(char::is_alphabetic);
    let nearby = || {
        let before = text[..i].chars().rev().take(NEARBY);
        let after = text[i + used..].chars().take(NEARBY);
        before.chain(after).any(|n| word_script(n) == Some(script))
    };
    (led_by_letter || nearby()).then_some((c, used))
}

/// Characters on each side of a repair looked at for its script.
const NEARBY: usize = 60;

/// The script of a letter that mojibake of two characters can hide: 0 Greek, 1 Cyrillic,
/// 2 Hebrew, 3 Arabic.
fn word_script(c: char) -> Option<u8> {
    match c {
        '\u{370}'..='\u{3ff}' => Some(0),
        '\u{400}'..='\u{4ff}' => Some(1),
        '\u{590}'..='\u{5ff}' => Some(2),
        '\u{600}'..='\u{6ff}'
        | '\u{750}'..='\u{77f}'
        | '\u{fb50}'..='\u{fdff}'
        | '\u{fe70}'..='\u{feff}' => Some(3),
        _ => None,
    }
}

fn plausible(c: char) -> bool {
    matches!(c,
        '\u{a0}'..='\u{17f}'          // Latin-1 Supplement, Latin Extended-A
        | '\u{300}'..='\u{36f}'       // combining accents: e + ◌́
        | '\u{1a0}' | '\u{1a1}' | '\u{1af}' | '\u{1b0}' // ơ ư (Vietnamese)
        | '\u{1e00}'..='\u{1eff}'     // Latin Extended Additional (Vietnamese)
        | '\u{2000}'..='\u{206f}'     // General Punctuation: ’ “ ” – — … •
        | '\u{20a0}'..='\u{20cf}'     // currency symbols: €
        | '\u{2100}'..='\u{214f}'     // letterlike symbols: ™ №
        | '\u{2190}'..='\u{21ff}'     // arrows
        | '\u{2600}'..='\u{27bf}'     // symbols and dingbats
        | '\u{1f000}'..='\u{1faff}') // emoji
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        repair_mojibake(s).into_owned()
    }

    #[test]
    fn windows_1252_mojibake_is_repaired() {
        assert_eq!(fix("Itâ€™s â€œokâ€\u{9d}"), "It’s “ok”");
        assert_eq!(fix("Cafâ€¦ cafÃ© crÃ¨me"), "Caf… café crème");
        assert_eq!(fix("satuÂ dua"), "satu\u{a0}dua");
        assert_eq!(fix("satuÂ dua"), "satu\u{a0}dua");
        assert_eq!(fix("â€“ kata dia"), "– kata dia");
        assert_eq!(
            fix("People â€ ™ s Republic, Bhumi â€ ” putra"),
            "People ’ s Republic, Bhumi — putra"
        );
    }

    #[test]
    fn mac_roman_mojibake_is_repaired() {
        assert_eq!(
            fix("‚ÄúTidak usah,‚Äù tutur dia.¬†"),
            "“Tidak usah,” tutur dia.\u{a0}"
        );
        assert_eq!(fix("elemen tanah ( Âúü )"), "elemen tanah ( 土 )");
        assert_eq!(fix("ŸÖŸêŸÜŸí"), "مِنْ");
        assert_eq!(fix("25¬∞C"), "25°C");
        // Lone letters and marks inside a correct Arabic text, as a scraper mixed them.
        assert_eq!(fix("شِئْتُمْ €ñ وَقَدِّمُوا"), "شِئْتُمْ ۖ وَقَدِّمُوا");
        assert_eq!(fix("سيدنا محمد ÿµ.ŸÖ. وخديجة"), "سيدنا محمد ص.م. وخديجة");
        // Greek letters and combining accents in Latin text.
        assert_eq!(fix("menghambat Œ±-glukosidase"), "menghambat α-glukosidase");
        assert_eq!(fix("di CafeÃÅ Square"), "di Cafe\u{301} Square");
        // ...but not quotes beside a vowel in Latin text.
        assert_eq!(fix("al-‘âfiyah fid dunyâ"), "al-‘âfiyah fid dunyâ");
    }

    #[test]
    fn correct_text_is_left_alone() {
        for s in [
            "“Halo,” kata Ani – lalu pergi… café, naïve, Zürich, São Paulo, Ärger",
            "Pukul 10.00 WIB — harga Rp 5.000/kg ±10% (°C) © Kompas",
            "مِنْ الله 土 中文 Ελλάδα Москва",
            "ÂGE DE PIERRE, Âme",
            "plain ascii",
            "l’été à Paris… ça va",
        ] {
            assert_eq!(fix(s), s, "changed: {s}");
            assert!(matches!(repair_mojibake(s), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn mixed_lines_fix_only_the_broken_part() {
        assert_eq!(fix("“Benar” dan â€œrusakâ€\u{9d}"), "“Benar” dan “rusak”");
    }

    #[test]
    fn invalid_bytes_are_read_as_windows_1252() {
        let d = decode(b"caf\xe9 ok\nsecond \xfc line\n".to_vec()).unwrap();
        assert_eq!(d.text, "café ok\nsecond ü line\n");
        let w = d.warning.unwrap();
        assert!(w.contains("2 bytes from line 1"), "{w}");
        let d = decode("valid “utf8” ü\n".as_bytes().to_vec()).unwrap();
        assert!(d.warning.is_none());
    }

    #[test]
    fn gzip_is_unpacked_and_mojibake_fixed() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all("isi â€œberitaâ€\u{9d}".as_bytes()).unwrap();
        let d = decode(enc.finish().unwrap()).unwrap();
        assert!(d.gzipped);
        assert_eq!(d.text, "isi “berita”");
        assert_eq!(d.name_hint(Path::new("a/b.jsonl.gz")), "b.jsonl");
    }

    #[test]
    fn gzipped_files_keep_their_inner_format() {
        use super::super::{detect_format, Format};
        use std::io::Write;
        for (name, text, format) in [
            (
                "a.html.gz",
                "<!DOCTYPE html><html><body><p>isi</p></body></html>",
                Format::Html,
            ),
            ("a.txt.gz", "Judul\n\nIsi berita.", Format::Text),
            ("a.csv.gz", "judul,isi\nA,B\n", Format::Csv),
            ("a.jsonl.gz", "{\"isi\":\"B\"}\n", Format::Jsonl),
        ] {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(text.as_bytes()).unwrap();
            let d = decode(enc.finish().unwrap()).unwrap();
            assert_eq!(
                detect_format(&d.name_hint(Path::new(name)), &d.text),
                format,
                "{name}"
            );
        }
    }

    #[test]
    fn empty_binary_and_broken_gzip_are_refused() {
        assert!(decode(b"  \n".to_vec())
            .unwrap_err()
            .to_string()
            .contains("empty"));
        let png = [
            &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a][..],
            &[0, 0, 0, 0x0d, 1, 2, 3][..],
        ]
        .concat();
        assert!(decode(png).unwrap_err().to_string().contains("binary"));
        let e = decode(vec![0x1f, 0x8b, 8, 0, 1, 2])
            .unwrap_err()
            .to_string();
        assert!(e.contains("gzip"), "{e}");
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xfe, 0xff]
            } else {
                [0xff, 0xfe]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf16_with_and_without_a_byte_order_mark_is_read() {
        let text = "Judul Berita Gempa\n\nWarga Cianjur mengungsi ke tenda darurat – “aman”.";
        for (be, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            let d = decode(utf16(text, be, bom)).unwrap();
            assert_eq!(d.text, text, "big-endian {be}, bom {bom}");
            assert!(d.warning.is_none());
        }
    }

    #[test]
    fn a_stray_nul_is_dropped_with_a_warning() {
        let d = decode(b"Judul\n\nIsi berita\0 yang panjang.".to_vec()).unwrap();
        assert_eq!(d.text, "Judul\n\nIsi berita yang panjang.");
        assert!(d.warning.unwrap().contains("1 NUL byte dropped"));
    }

    #[test]
    fn old_mac_line_ends_become_line_feeds() {
        let d = decode(b"Judul\r\rIsi\r\nbaris".to_vec()).unwrap();
        assert_eq!(d.text, "Judul\n\nIsi\r\nbaris");
    }
}
