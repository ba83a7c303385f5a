//! Author names, for every format: the words that label a byline (`Penulis:`,
//! `Oleh`, `By`), the credits that are not authors (`Editor:`, `Penyunting`,
//! `Foto:`), role words after a name (`Dewi Kania, Jurnalis`), and splitting a list of
//! names on `,` `;` `&` `/` `|` `dan` `and` with academic titles (`S.H.`, `M.Si`) and
//! the outlet's own name left out. Text dumps read whole lines with [`names`] (every
//! part must be a name), HTML bylines and JSON/CSV author fields with [`byline`].
//! The writer's and editor's initials that close Indonesian stories (`(ara/ara)`) and
//! credit labels as page boilerplate (`Editor:`) are matched here too.

use super::dates;
use super::outlets::{canonical as canonical_outlet, squash};
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// Words that label a byline, as a regex alternation (case-insensitive use).
pub const AUTHOR_LABELS: &str = r"penulis|reporter|rep|oleh|pewarta|wartawan|kontributor|koresponden|jurnalis|by|author|authors|written by|ditulis oleh|laporan wartawan|laporan";
/// Credits that are not the author: editors, photographers, sources.
pub const CREDIT_WORDS: &str = r"editor|penyunting|redaktur|red|editing|edited by|fotografer|videografer|penerjemah|translator|produser|producer";
/// Role words written after a name (`Reza Firmansyah, Jurnalis`).
pub const ROLE_WORDS: &str = r"jurnalis|reporter|wartawan|penulis|kontributor|koresponden|pewarta|correspondent|staff writer|contributor";

/// A credit that is not an author's, at the start of a text: `Editor: Y`, `Penyunting Y`.
pub fn is_other_credit(text: &str) -> bool {
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)^(?:{CREDIT_WORDS})\s*[:：]?\s+\S")));
    CREDIT.is_match(text)
}

/// `X Editor: Y`, `X | Foto: Z` written on one line: keeps `X`.
pub fn cut_other_credits(value: &str) -> String {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\s*[,;/|-]?\s*\b(?:(?:editor|penyunting|redaktur|fotografer)\b\s*[:：]?|(?:red|foto|sumber)\s*[:：]).*$",
        )
    });
    CUT.replace(value, "").trim().to_string()
}

/// A byline that starts with its label: `Penulis: Ani`, `Oleh Budi`, `By JOHN DOE`.
#[derive(Debug, PartialEq)]
pub struct Labelled<'a> {
    /// The label, lower case.
    pub label: String,
    /// A colon follows the label.
    pub colon: bool,
    /// What follows the label.
    pub rest: &'a str,
}

impl Labelled<'_> {
    /// Reads as a credit line: a colon after the label, or a capital after it
    /// (`Oleh Budi`, not `Oleh karena itu`).
    pub fn looks_like_credit(&self) -> bool {
        self.colon || self.rest.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The label and the rest of a text that starts with a byline label.
pub fn labelled(text: &str) -> Option<Labelled<'_>> {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)^({AUTHOR_LABELS})(?:\s*([:：])\s*|\s+)(.+)$"
        ))
    });
    let c = LABELLED.captures(text)?;
    Some(Labelled {
        label: c[1].to_lowercase(),
        colon: c.get(2).is_some(),
        rest: c.get(3)?.as_str(),
    })
}

/// `Kontributor Lhokseumawe, Masriadi`: the role and place written before the name.
/// Returns the place (maybe empty) and the name part.
pub fn after_role_place(value: &str) -> Option<(&str, &str)> {
    static ROLE_PLACE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^\s*:?\s*(?:kontributor|koresponden|wartawan|jurnalis)\b([^,]*),\s*(.+)$")
    });
    let c = ROLE_PLACE.captures(value)?;
    Some((c.get(1)?.as_str().trim(), c.get(2)?.as_str()))
}

/// `Reza Firmansyah, Jurnalis` / `Ani - Reporter`: the name part before a role word.
pub fn before_role(seg: &str) -> Option<&str> {
    static ROLE: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)^(.+?)\s*[,–—-]\s*(?:{ROLE_WORDS})$")));
    Some(ROLE.captures(seg)?.get(1)?.as_str())
}

/// A lone label line (`Penulis`, `Editor`, `Sumber`) that names the line next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Author,
    Editor,
    Wire,
}

/// A line that is a label alone: `Penulis`, `Editor:`, `Sumber`.
pub fn lone_label(text: &str) -> Option<Label> {
    let t = text.trim_end_matches([':', '：']).trim().to_lowercase();
    match t.as_str() {
        "penulis" | "reporter" | "pewarta" | "kontributor" | "wartawan" | "author" | "oleh"
        | "by" | "tim redaksi" | "penulis & editor" | "penulis dan editor" => Some(Label::Author),
        "editor" | "penyunting" | "redaktur" | "fotografer" | "videografer" => Some(Label::Editor),
        "sumber" | "source" => Some(Label::Wire),
        _ => None,
    }
}

/// `Sumber Reuters`, `Sumber: AFP`: the wire credited (a few words, capitalised).
pub fn wire_credit(text: &str) -> Option<String> {
    static WIRE_LINE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)^(?:sumber|source)\s*[:：]?\s+(.+)$"));
    let c = WIRE_LINE.captures(text)?;
    let wire = c[1].trim().trim_end_matches('.').to_string();
    (wire.split_whitespace().count() <= 5 && wire.chars().next().is_some_and(char::is_uppercase))
        .then_some(wire)
}

/// `Laporan wartawan Tribunnews.com, X` / `Laporan reporter detik.com X`: the outlet
/// (as written) and the names.
pub fn report_line(text: &str) -> Option<(String, Vec<String>)> {
    static REPORT_LINE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^laporan\s+(?:wartawan|reporter|koresponden|jurnalis|kontributor)\s+(?:dari\s+)?([^,]+?),\s*(.+)$|^laporan\s+(?:wartawan|reporter|koresponden|jurnalis|kontributor)\s+(?:dari\s+)?(\S+\.(?:com|co\.id|co|id|tv))\s+(.+)$",
        )
    });
    let c = REPORT_LINE.captures(text)?;
    let outlet = c.get(1).or(c.get(3)).map_or("", |m| m.as_str());
    let found = names(c.get(2).or(c.get(4)).map_or("", |m| m.as_str()));
    (!found.is_empty()).then(|| (outlet.trim().to_string(), found))
}

/// `Rizki Suryarandika - detikNews`: the names and the outlet (a known one).
pub fn name_dash_outlet(seg: &str) -> Option<(Vec<String>, String)> {
    static NAME_DASH_OUTLET: LazyLock<Regex> =
        LazyLock::new(|| re(r"^([^-–—|]{3,80}?)\s+[-–—|]\s+(\S.{1,40})$"));
    let c = NAME_DASH_OUTLET.captures(seg)?;
    let outlet = canonical_outlet(c[2].trim())?;
    let found = names(&c[1]);
    (!found.is_empty() && dates::find_datetime(&c[1], dates::wib()).is_none())
        .then_some((found, outlet))
}

/// `Andreas Siregar (The Jakarta Post)` or `Reza Firmansyah, Jurnalis`: a byline
/// without a label, recognised by the outlet or role after the name.
pub fn name_with_outlet_or_role(seg: &str) -> Option<(Vec<String>, Option<String>)> {
    static PAREN: LazyLock<Regex> = LazyLock::new(|| re(r"^(.+?)\s*\(([^)]+)\)$"));
    if let Some(c) = PAREN.captures(seg) {
        let outlet = canonical_outlet(&c[2])?;
        let names = names(&c[1]);
        return (!names.is_empty()).then_some((names, Some(outlet)));
    }
    // `News - Tim Redaksi, CNBC Indonesia`: section, names, outlet.
    static COMMA_OUTLET: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(?:[^-–—,]{2,30}\s+[-–—]\s+)?([^-–—]+?)\s*,\s*([^,]+)$"));
    if let Some(c) = COMMA_OUTLET.captures(seg) {
        if let Some(outlet) = canonical_outlet(&c[2]) {
            let names = names(&c[1]);
            if !names.is_empty() && names.iter().all(|n| n.split_whitespace().count() >= 2) {
                return Some((names, Some(outlet)));
            }
        }
    }
    let names = names(before_role(seg)?);
    (!names.is_empty()).then_some((names, None))
}

/// The parts of a list of names: split on `,` `;` `&` `/` `|` `dan` `and` (in lower
/// case or capitals: `Dan Evon` is a name), trimmed, academic titles after a comma
/// (`S.H.`, `M.Si`) left out.
pub fn split(value: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| re(r"\s*(?:[,;&/|]|\b(?:and|dan|AND|DAN)\b)\s*"));
    let value = value.trim().trim_end_matches(['.', ',', ';', ':']);
    SEP.split(value)
        .map(str::trim)
        .filter(|p| !p.is_empty() && !is_degree(p))
        .map(str::to_string)
        .collect()
}

/// Academic titles that follow a name after a comma: `S.H.`, `M.Si`.
fn is_degree(s: &str) -> bool {
    s.len() <= 8 && s.contains('.') && !s.contains(' ')
}

/// `A, B dan C` as names, or nothing when any part does not look like a name (the
/// text is then no byline).
pub fn names(value: &str) -> Vec<String> {
    let parts = split(value);
    if parts.is_empty() || !parts.iter().all(|p| is_name_like(p)) {
        return vec![];
    }
    parts
}

/// A person's (or desk's) name: 1-6 words, starting with capitals (lower-case
/// particles such as `bin` or `van` inside), no sentence marks, no date, digits only
/// inside an outlet's name (`Tim Liputan6.com`).
pub fn is_name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    if s.chars()
        .any(|c| matches!(c, '!' | '?' | ':' | '"' | '“' | '”' | '@'))
        || s.contains("http")
    {
        return false;
    }
    let digits = |w: &&str| w.chars().any(|c| c.is_ascii_digit()) && canonical_outlet(w).is_none();
    if words.iter().any(digits) {
        return false;
    }
    if s.chars().any(|c| c.is_ascii_digit()) && dates::find_datetime(s, dates::wib()).is_some() {
        return false;
    }
    let particles = [
        "bin", "binti", "van", "der", "de", "al", "el", "da", "di", "dos", "von", "la", "le", "del",
    ];
    words.iter().enumerate().all(|(i, w)| {
        let first = w.chars().find(|c| c.is_alphabetic());
        match first {
            Some(c) if c.is_uppercase() => true,
            Some(_) => {
                i > 0
                    && (particles.contains(&w.to_lowercase().as_str())
                        || canonical_outlet(w).is_some())
            }
            None => false,
        }
    })
}

/// The names in a byline element or an author field, each part read on its own (a
/// part that is no name is dropped, the rest kept): `Oleh: Ani dan Budi - detikNews`
/// -> `Ani`, `Budi`. The label, a `Kontributor Place,` prefix, later credits
/// (`Editor: ...`), a ` - Site` or ` | Site` tail, role words after a name and the
/// outlet's own names (`brands`, squashed) are left out.
pub fn byline(raw: &str, brands: &[String]) -> Vec<String> {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)^\s*(?:{AUTHOR_LABELS}|(?:analysis|posted|story|words|text)\s+by)\s*:?\s+"
        ))
    });
    static OTHER_CREDITS: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)\b(?:{CREDIT_WORDS}|sumber|foto)\b.*$")));
    static ROLE_SUFFIX: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"(?i)\s+(?:{ROLE_WORDS})\s*$")));
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let without_role_place = |t: &str| match after_role_place(t) {
        Some((_, name)) => name.to_string(),
        None => t.to_string(),
    };
    let text = without_role_place(&text);
    let text = without_role_place(&PREFIX.replace(&text, ""));
    let text = OTHER_CREDITS.replace(&text, "");
    let text = text.trim_start_matches([':', ' ']);
    let text = text
        .split(" - ")
        .next()
        .unwrap_or("")
        .split(" | ")
        .next()
        .unwrap_or("");
    let mut out = Vec::new();
    for part in split(text) {
        let name = part.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
        let name = ROLE_SUFFIX.replace(name, "");
        let name = name.trim();
        let chars = name.chars().count();
        if (3..=60).contains(&chars)
            && is_name_like(name)
            && !brands.iter().any(|b| squash(name).contains(b.as_str()))
        {
            out.push(name.to_string());
        }
    }
    out
}

/// The initials of writer and editor in parentheses, as a story closes them:
/// `(ara/ara)`, `(dna/dna/ANTARA)`, `(rdn)`. One to eight word characters a part.
const INITIALS: &str = r"\((?:\w{2,8}\s*/\s*)*\w{2,8}\)";

/// A line that is only initials: `(ara/ara)`, `(rdn)`.
pub fn is_initials_line(text: &str) -> bool {
    static LINE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{INITIALS}$")));
    LINE.is_match(text)
}

/// The last paragraph without the initials that close it: `Ia tiba. (ara/ara)` ->
/// `Ia tiba.`. Only after the end of a sentence, so that `... di Jakarta (DKI)`
/// keeps its parenthesis; `None` when there are none.
pub fn cut_trailing_initials(paragraph: &str) -> Option<String> {
    static TRAILING: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\s*{INITIALS}$")));
    let m = TRAILING.find(paragraph)?;
    (m.start() > 0 && paragraph[..m.start()].ends_with(['.', '"', '”']))
        .then(|| TRAILING.replace(paragraph, "").to_string())
}

/// Byte spans of initials anywhere in a text, for blanking before entity tagging.
/// Stricter than the closing form: inside a text a lone `(PBB)` is an acronym, so a
/// slash is required, and the parts are ASCII letters (`(ara/ara)`, `( dna / ANTARA )`).
pub fn initials_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static IN_TEXT: LazyLock<Regex> =
        LazyLock::new(|| re(r"\(\s*[A-Za-z]{2,5}(?:\s*/\s*[A-Za-z]{2,8})+\s*\)"));
    IN_TEXT.find_iter(text).map(|m| (m.start(), m.end()))
}

/// A credit label with its colon opening a line (`Editor:`, `Penulis : Ani`,
/// `Fotografer:`, `Redaksi:`): page boilerplate around an article, not its text.
pub fn starts_with_credit_label(text: &str) -> bool {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i)^(?:{AUTHOR_LABELS}|{CREDIT_WORDS}|redaksi)\s*[:：]"
        ))
    });
    LABEL.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_closing_a_story() {
        assert!(is_initials_line("(ara/ara)"));
        assert!(is_initials_line("(dna/dna/ANTARA)"));
        assert!(is_initials_line("(rdn)"));
        assert!(!is_initials_line("(a)"));
        assert!(!is_initials_line("Ia tiba. (ara/ara)"));
        assert_eq!(
            cut_trailing_initials("Ia tiba di Bandung. (ara/ara)").as_deref(),
            Some("Ia tiba di Bandung.")
        );
        assert_eq!(
            cut_trailing_initials("\"Kami siap,\" katanya.\" (rdn)").as_deref(),
            Some("\"Kami siap,\" katanya.\"")
        );
        assert_eq!(cut_trailing_initials("Warga di Jakarta (DKI)"), None);
        assert_eq!(cut_trailing_initials("(ara/ara)"), None);
    }

    #[test]
    fn initials_inside_a_text() {
        let text = "Ia tiba. (ara/ara) Lalu (PBB) dan ( dna / ANTARA ).";
        let spans: Vec<&str> = initials_spans(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["(ara/ara)", "( dna / ANTARA )"]);
    }

    #[test]
    fn credit_labels() {
        assert!(starts_with_credit_label("Editor: Ani"));
        assert!(starts_with_credit_label("REDAKSI: Tim"));
        assert!(!starts_with_credit_label("Editor senior itu pensiun."));
        assert!(starts_with_credit_label("Penulis : Ani"));
    }

    #[test]
    fn lists_split_on_every_separator() {
        assert_eq!(
            split("Ani Lestari, Budi dan Citra"),
            vec!["Ani Lestari", "Budi", "Citra"]
        );
        assert_eq!(
            split("Ani & Budi / Citra and Dedi; Eka | Fajar"),
            vec!["Ani", "Budi", "Citra", "Dedi", "Eka", "Fajar"]
        );
        assert_eq!(split("Hendra Gunawan, S.H., M.Si"), vec!["Hendra Gunawan"]);
        // `dan` inside a word is no separator.
        assert_eq!(split("Dani Ramdani"), vec!["Dani Ramdani"]);
    }

    #[test]
    fn strict_names_refuse_sentences() {
        assert_eq!(
            names("Farhan Syahputra dan Wulan Sari Dewi"),
            vec!["Farhan Syahputra", "Wulan Sari Dewi"]
        );
        assert_eq!(names("Muhammad bin Salman"), vec!["Muhammad bin Salman"]);
        assert_eq!(names("Tim Liputan6.com"), vec!["Tim Liputan6.com"]);
        assert!(names("Harga beras naik lagi").is_empty());
        assert!(names("Ani, harga naik").is_empty());
        assert!(names("Jumat 4 November 2022").is_empty());
        assert!(names("Apa kabar?").is_empty());
    }

    #[test]
    fn bylines_drop_labels_credits_roles_and_the_outlet() {
        let brands = vec!["detik".to_string()];
        assert_eq!(
            byline("Oleh: Ani Lestari dan Budi - detikNews", &brands),
            vec!["Ani Lestari", "Budi"]
        );
        assert_eq!(
            byline("Penulis: Rina Wati Editor: Dedi", &[]),
            vec!["Rina Wati"]
        );
        assert_eq!(
            byline("Kontributor Lhokseumawe, Masriadi", &[]),
            vec!["Masriadi"]
        );
        assert_eq!(byline("Dewi Kania Jurnalis", &[]), vec!["Dewi Kania"]);
        assert_eq!(
            byline("By JOHN DOE and Mary Major", &[]),
            vec!["JOHN DOE", "Mary Major"]
        );
        assert!(byline("detikNews", &brands).is_empty());
        assert_eq!(
            byline("Analysis by Chris Cillizza", &[]),
            vec!["Chris Cillizza"]
        );
        assert_eq!(byline("Dan Evon", &[]), vec!["Dan Evon"]);
        assert!(byline("redaksi@contoh.com", &[]).is_empty());
    }

    #[test]
    fn bylines_without_a_label() {
        assert_eq!(lone_label("Penulis:"), Some(Label::Author));
        assert_eq!(lone_label("Editor"), Some(Label::Editor));
        assert_eq!(lone_label("Penulis Budi"), None);
        assert_eq!(wire_credit("Sumber: Reuters").as_deref(), Some("Reuters"));
        assert_eq!(wire_credit("Sumber: warga setempat"), None);
        let (outlet, found) = report_line("Laporan wartawan Tribunnews.com, Yusuf Hakim").unwrap();
        assert_eq!(
            (outlet.as_str(), found),
            ("Tribunnews.com", vec!["Yusuf Hakim".to_string()])
        );
        let (found, outlet) = name_dash_outlet("Rizki Suryarandika - detikNews").unwrap();
        assert_eq!(
            (found, outlet.as_str()),
            (vec!["Rizki Suryarandika".to_string()], "detikNews")
        );
        assert_eq!(name_dash_outlet("Ani Lestari - warga Bandung"), None);
        let (found, outlet) =
            name_with_outlet_or_role("Andreas Siregar (The Jakarta Post)").unwrap();
        assert_eq!(
            (found, outlet.as_deref()),
            (
                vec!["Andreas Siregar".to_string()],
                Some("The Jakarta Post")
            )
        );
        let (found, outlet) = name_with_outlet_or_role("Reza Firmansyah, Jurnalis").unwrap();
        assert_eq!((found, outlet), (vec!["Reza Firmansyah".to_string()], None));
    }

    #[test]
    fn labels_roles_and_other_credits() {
        let l = labelled("Penulis: Ani").unwrap();
        assert_eq!(
            (l.label.as_str(), l.colon, l.rest),
            ("penulis", true, "Ani")
        );
        let l = labelled("Oleh Budi Santoso").unwrap();
        assert_eq!(
            (l.label.as_str(), l.colon, l.rest),
            ("oleh", false, "Budi Santoso")
        );
        assert!(l.looks_like_credit());
        assert!(!labelled("Oleh karena itu").unwrap().looks_like_credit());
        assert!(labelled("Harga naik").is_none());
        assert!(is_other_credit("Editor: Rina"));
        assert!(is_other_credit("Penyunting Rina"));
        assert!(!is_other_credit("Editorial hari ini"));
        assert_eq!(cut_other_credits("Ani Editor: Budi"), "Ani");
        assert_eq!(
            before_role("Reza Firmansyah, Jurnalis"),
            Some("Reza Firmansyah")
        );
        assert_eq!(
            after_role_place("Kontributor Bandung, Agie Permadi"),
            Some(("Bandung", "Agie Permadi"))
        );
    }
}
