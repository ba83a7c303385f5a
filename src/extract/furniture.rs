//! Page furniture that every format meets inside article text: the "read also" links
//! that outlets put between paragraphs (`Baca juga: Judul Lain`). The words are
//! written once here; each format matches them in its own shape (a whole line, a
//! paragraph start, inside a paragraph, joined with commas in a CSV cell).

use regex::Regex;
use std::sync::LazyLock;

/// The markers of a link to another story, as a regex alternation (case-insensitive
/// use), Indonesian and English.
pub const READ_ALSO: &str = r"baca\s*juga|baca\s+pula|simak\s+juga|lihat\s+juga|tonton\s+juga|read\s+also|also\s+read|see\s+also";

/// True when a line or paragraph starts with a "read also" marker (also after `[`).
pub fn starts_with_read_also(text: &str) -> bool {
    static START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)^\s*(?:\[\s*)?(?:{READ_ALSO})\b")).expect("valid pattern")
    });
    START.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
