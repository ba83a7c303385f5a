//! The query language's lexer: text to tokens, leniently. Every input lexes; quotes and
//! brackets left open are closed at the end, and a character with no meaning of its
//! own is part of a word.

/// One token of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Plus,
    Minus,
    /// `field:` prefix before a value (lower-cased, one of [`FIELDS`]).
    Field(String),
    Word(String),
    /// A quoted phrase, its slop (`"a b"~3`), and whether its closing quote was there.
    Phrase(String, u32, bool),
    /// `[from TO to]` after `date:`, each side as written (`*` or empty: open).
    Range(String, String),
}

/// The field prefixes the language knows; any other `name:` is part of a word.
pub const FIELDS: &[&str] = &[
    "title", "body", "source", "author", "person", "place", "org", "date", "lang",
];

/// Most slop a phrase may ask for.
const MAX_SLOP: u32 = 50;

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// Splits a query into tokens.
pub fn lex(input: &str) -> Vec<Tok> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Tok::Open);
            i += 1;
        } else if c == ')' {
            out.push(Tok::Close);
            i += 1;
        } else if is_quote(c) {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && !is_quote(chars[j]) {
                j += 1;
            }
            let text: String = chars[start..j.min(chars.len())].iter().collect();
            let closed = j < chars.len();
            i = (j + 1).min(chars.len());
            let mut slop = 0;
            if i < chars.len() && chars[i] == '~' {
                let mut k = i + 1;
                while k < chars.len() && chars[k].is_ascii_digit() {
                    k += 1;
                }
                slop = chars[i + 1..k]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(2)
                    .min(MAX_SLOP);
                i = k;
            }
            out.push(Tok::Phrase(text, slop, closed));
        } else if (c == '+' || c == '-')
            && i + 1 < chars.len()
            && !chars[i + 1].is_whitespace()
            && !(c == '-' && detached_clitic(&chars[i + 1..]))
        {
            out.push(if c == '+' { Tok::Plus } else { Tok::Minus });
            i += 1;
        } else if c == '[' && out.last() == Some(&Tok::Field("date".into())) {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && chars[j] != ']' {
                j += 1;
            }
            let inner: String = chars[start..j.min(chars.len())].iter().collect();
            i = (j + 1).min(chars.len());
            let (from, to) = range_sides(&inner);
            out.push(Tok::Range(from, to));
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')')
                && !is_quote(chars[i])
            {
                if chars[i] == '[' && i > start && chars[i - 1] == ':' {
                    break;
                }
                i += 1;
                // `field:` ends here; other colons (`16:31`) stay inside the word.
                if chars[i - 1] == ':' {
                    let prefix: String = chars[start..i - 1].iter().collect();
                    if FIELDS.contains(&prefix.to_lowercase().as_str()) {
                        break;
                    }
                }
            }
            let word: String = chars[start..i].iter().collect();
            match word.as_str() {
                // Only the upper-case words: `!`, `&&` and `||` occur in pasted text.
                "AND" => out.push(Tok::And),
                "OR" => out.push(Tok::Or),
                "NOT" => out.push(Tok::Not),
                w if w.ends_with(':')
                    && FIELDS.contains(&w[..w.len() - 1].to_lowercase().as_str()) =>
                {
                    out.push(Tok::Field(w[..w.len() - 1].to_lowercase()))
                }
                w => out.push(Tok::Word(w.trim_end_matches(':').to_string())),
            }
        }
    }
    out
}

/// The two sides of a range's inside: `2022-01 TO 2022-06`, `* TO 2023`, `2022` (one
/// side: that period). `TO` may be in any case.
fn range_sides(inner: &str) -> (String, String) {
    let words: Vec<&str> = inner.split_whitespace().collect();
    match words.iter().position(|w| w.eq_ignore_ascii_case("to")) {
        Some(k) => (words[..k].join(" "), words[k + 1..].join(" ")),
        None => {
            let one = words.join(" ");
            (one.clone(), one)
        }
    }
}

/// `-nya`, `-lah`, `-kah`, `-pun` written apart from their word in pasted Indonesian
/// text are words, not exclusions.
fn detached_clitic(rest: &[char]) -> bool {
    let word: String = rest
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    matches!(word.as_str(), "nya" | "lah" | "kah" | "pun" | "tah")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexing_is_lenient() {
        assert_eq!(
            lex("\"unclosed"),
            vec![Tok::Phrase("unclosed".into(), 0, false)]
        );
        assert_eq!(
            lex("kejadian [penangkapannya] itu"),
            vec![
                Tok::Word("kejadian".into()),
                Tok::Word("[penangkapannya]".into()),
                Tok::Word("itu".into())
            ]
        );
        assert_eq!(
            lex("username -nya"),
            vec![Tok::Word("username".into()), Tok::Word("-nya".into())]
        );
        assert_eq!(lex("title:"), vec![Tok::Field("title".into())]);
        assert_eq!(
            lex("\"a b\"~3 -c"),
            vec![
                Tok::Phrase("a b".into(), 3, true),
                Tok::Minus,
                Tok::Word("c".into())
            ]
        );
        assert_eq!(lex("16:31"), vec![Tok::Word("16:31".into())]);
        assert_eq!(
            lex("“Korea Utara”"),
            vec![Tok::Phrase("Korea Utara".into(), 0, true)]
        );
    }

    #[test]
    fn ranges() {
        let date = || Tok::Field("date".into());
        let r = |a: &str, b: &str| Tok::Range(a.into(), b.into());
        assert_eq!(
            lex("date:[2022-01 TO 2022-06]"),
            vec![date(), r("2022-01", "2022-06")]
        );
        assert_eq!(lex("date:[* TO *]"), vec![date(), r("*", "*")]);
        assert_eq!(lex("date:[2023 to"), vec![date(), r("2023", "")]);
        assert_eq!(lex("date:["), vec![date(), r("", "")]);
        assert_eq!(lex("date:[*"), vec![date(), r("*", "*")]);
        assert_eq!(lex("date:[2022]"), vec![date(), r("2022", "2022")]);
    }
}
