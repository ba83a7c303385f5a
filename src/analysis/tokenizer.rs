//! The word splitter for Indonesian and English news text (a tantivy `Tokenizer`).
//!
//! Rules, chosen so that the way a name or number is written in the query does not
//! matter as long as the same tokenizer reads the text and the query:
//! - Words are runs of Unicode letters; digits and letters are split apart, and hyphens,
//!   slashes and other punctuation separate tokens. So `Covid-19`, `COVID19` and
//!   `covid 19` all read as `covid` `19` (a query for any of them becomes that phrase,
//!   and `covid` alone finds them all); `G20`/`G-20` -> `g` `20`; `5G` -> `5` `g`;
//!   `anak-anak` -> `anak` `anak`; `4/11/2022` -> `4` `11` `2022` (the year alone finds it).
//! - An apostrophe inside a word is dropped (`Ma'ruf`, `Ma’ruf` and `Maruf` -> `maruf`;
//!   `Jum'at` -> `jumat`), except an English possessive `'s`, which is removed (`Reuters'`,
//!   `company's` -> `company`).
//! - Dotted initialisms are joined: `U.S.` -> `us`, `A.S.` -> `as`, `J.K.` -> `jk`.
//! - Numbers keep their inner separators when they mean something: times and decimals
//!   become one token with a dot (`16.31`, `16:31` -> `16.31`; `57,8` -> `57.8`); thousands
//!   separators are removed (`8.000`, `8,000` -> `8000`; `1.234,5` -> `1234.5`).
//!
//! Lower-casing and ASCII folding are separate filters (see `analysis::exact_analyzer`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Splits text into words and numbers (see the module doc for the rules).
#[derive(Clone, Default)]
pub struct WartaTokenizer {
    token: Token,
}

/// The token stream of [`WartaTokenizer`].
pub struct WartaTokenStream<'a> {
    text: &'a str,
    /// Byte position where the search for the next token starts.
    pos: usize,
    token: &'a mut Token,
}

impl Tokenizer for WartaTokenizer {
    type TokenStream<'a> = WartaTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WartaTokenStream<'a> {
        self.token.reset();
        WartaTokenStream {
            text,
            pos: 0,
            token: &mut self.token,
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

/// Combining marks that continue a word (accents written as separate code points).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    (c.is_alphabetic() && !c.is_numeric()) || is_mark(c)
}

fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    c.is_numeric()
}

impl<'a> WartaTokenStream<'a> {
    #[inline]
    fn peek(&self, at: usize) -> Option<char> {
        // News text is mostly ASCII: a byte below 0x80 is its own character.
        match self.text.as_bytes().get(at) {
            Some(&b) if b < 0x80 => Some(b as char),
            Some(_) => self.text.get(at..).and_then(|s| s.chars().next()),
            None => None,
        }
    }

    fn peek_is(&self, at: usize, pred: impl Fn(char) -> bool) -> bool {
        self.peek(at).is_some_and(pred)
    }

    /// Reads a word starting at `start`; returns where the token ends and where the
    /// next search starts. The token text is written to `self.token.text`.
    fn scan_word(&mut self, start: usize) -> (usize, usize) {
        if let Some(end) = self.scan_initialism(start) {
            return (end, end);
        }
        let mut i = start;
        let mut run_start = start;
        loop {
            while let Some(c) = self.peek(i).filter(|&c| is_letter(c)) {
                i += c.len_utf8();
            }
            let Some(a) = self.peek(i).filter(|&c| is_apostrophe(c)) else {
                break;
            };
            let after = i + a.len_utf8();
            let Some(n) = self.peek(after).filter(|&c| is_letter(c)) else {
                break;
            };
            if matches!(n, 's' | 'S') && !self.peek_is(after + 1, |c| is_letter(c) || is_digit(c)) {
                // English possessive: the token ends before the apostrophe, `'s` is skipped.
                self.token.text.push_str(&self.text[run_start..i]);
                return (i, after + 1);
            }
            self.token.text.push_str(&self.text[run_start..i]);
            i = after;
            run_start = after;
        }
        self.token.text.push_str(&self.text[run_start..i]);
        (i, i)
    }

    /// Reads `U.S.`-style initialisms (single letters each followed by a dot, at least
    /// two letters); returns the end, or `None` when the text is not one.
    fn scan_initialism(&mut self, start: usize) -> Option<usize> {
        let mut i = start;
        let mut letters = String::new();
        while let Some(c) = self.peek(i).filter(|&c| is_letter(c)) {
            let after = i + c.len_utf8();
            match self.peek(after) {
                Some('.') => {
                    letters.push(c);
                    i = after + 1;
                }
                next if !letters.is_empty() && !next.is_some_and(char::is_alphanumeric) => {
                    letters.push(c);
                    i = after;
                    break;
                }
                _ => return None,
            }
        }
        self.initialism_end(&letters, i)
    }

    fn initialism_end(&mut self, letters: &str, end: usize) -> Option<usize> {
        if letters.chars().count() < 2 {
            return None;
        }
        // The letters scanned so far must be the whole initialism: a longer word after
        // the last dot (`S.Sos`) means it is not one.
        if self.peek_is(end, |c| c.is_alphanumeric()) {
            return None;
        }
        self.token.text.push_str(letters);
        Some(end)
    }

    /// Reads a number starting at `start` (digits with `.`, `,` or `:` between digit
    /// groups) and writes its normalised form.
    fn scan_number(&mut self, start: usize) -> (usize, usize) {
        let mut groups: Vec<&'a str> = Vec::new();
        let mut seps: Vec<char> = Vec::new();
        let text = self.text;
        let mut i = start;
        loop {
            let g = i;
            while let Some(c) = self.peek(i).filter(|&c| is_digit(c)) {
                i += c.len_utf8();
            }
            groups.push(&text[g..i]);
            match self.peek(i) {
                Some(s @ ('.' | ',' | ':')) if self.peek_is(i + 1, is_digit) => {
                    seps.push(s);
                    i += 1;
                }
                _ => break,
            }
        }
        write_number(&groups, &seps, &mut self.token.text);
        (i, i)
    }
}

/// Writes a number in its normalised form (see the module doc).
fn write_number(groups: &[&str], seps: &[char], out: &mut String) {
    let digits = |g: &str| g.chars().count();
    let grouped_by_three =
        |gs: &[&str]| digits(gs[0]) <= 3 && gs[1..].iter().all(|g| digits(g) == 3);
    let all_same = seps.windows(2).all(|w| w[0] == w[1]);
    if seps.is_empty() {
        out.push_str(groups[0]);
    } else if all_same && seps[0] != ':' && grouped_by_three(groups) {
        groups.iter().for_each(|g| out.push_str(g));
    } else if !all_same && is_thousands_then_decimal(groups, seps) {
        let (int, frac) = groups.split_at(groups.len() - 1);
        int.iter().for_each(|g| out.push_str(g));
        out.push('.');
        out.push_str(frac[0]);
    } else {
        for (k, g) in groups.iter().enumerate() {
            if k > 0 {
                out.push('.');
            }
            out.push_str(g);
        }
    }
}

/// `1.234.567,89` or `1,234.56`: one kind of separator in groups of three, then the
/// other kind once before the decimals.
fn is_thousands_then_decimal(groups: &[&str], seps: &[char]) -> bool {
    let (last, rest) = match seps.split_last() {
        Some(x) => x,
        None => return false,
    };
    let thousands = rest[0];
    let ok_seps = thousands != ':'
        && *last != ':'
        && *last != thousands
        && rest.iter().all(|s| *s == thousands);
    let int = &groups[..groups.len() - 1];
    ok_seps && int[0].chars().count() <= 3 && int[1..].iter().all(|g| g.chars().count() == 3)
}

impl TokenStream for WartaTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        while let Some(c) = self.peek(self.pos) {
            if c.is_alphanumeric() {
                break;
            }
            self.pos += c.len_utf8();
        }
        let Some(c) = self.peek(self.pos) else {
            return false;
        };
        let start = self.pos;
        let (end, next) = if is_digit(c) {
            self.scan_number(start)
        } else {
            self.scan_word(start)
        };
        self.pos = next.max(start + c.len_utf8());
        self.token.offset_from = start;
        self.token.offset_to = end.max(start + c.len_utf8());
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let mut t = WartaTokenizer::default();
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while let Some(tok) = s.next() {
            out.push(tok.text.clone());
        }
        out
    }

    #[test]
    fn words_and_punctuation() {
        assert_eq!(
            toks("Presiden Jokowi, di Jakarta."),
            ["Presiden", "Jokowi", "di", "Jakarta"]
        );
        assert_eq!(toks("  ...  "), Vec::<String>::new());
    }

    #[test]
    fn letters_and_digits_split() {
        assert_eq!(toks("Covid-19"), ["Covid", "19"]);
        assert_eq!(toks("COVID19"), ["COVID", "19"]);
        assert_eq!(toks("G20 dan G-20"), ["G", "20", "dan", "G", "20"]);
        assert_eq!(toks("jaringan 5G"), ["jaringan", "5", "G"]);
    }

    #[test]
    fn apostrophes() {
        assert_eq!(toks("Ma'ruf Amin"), ["Maruf", "Amin"]);
        assert_eq!(toks("Ma’ruf"), ["Maruf"]);
        assert_eq!(toks("Jum'at"), ["Jumat"]);
        assert_eq!(toks("the company's shares"), ["the", "company", "shares"]);
        assert_eq!(toks("'kutipan'"), ["kutipan"]);
        assert_eq!(toks("Reuters' report"), ["Reuters", "report"]);
    }

    #[test]
    fn initialisms() {
        assert_eq!(toks("the U.S. economy"), ["the", "US", "economy"]);
        assert_eq!(
            toks("A.S. dan J.K. Rowling"),
            ["AS", "dan", "JK", "Rowling"]
        );
        assert_eq!(toks("S.Sos"), ["S", "Sos"]);
        assert_eq!(toks("huruf A. Lalu"), ["huruf", "A", "Lalu"]);
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(toks("2022"), ["2022"]);
        assert_eq!(toks("pukul 16.31 WIB"), ["pukul", "16.31", "WIB"]);
        assert_eq!(toks("16:31"), ["16.31"]);
        assert_eq!(toks("(4/11/2022)"), ["4", "11", "2022"]);
        assert_eq!(toks("Rp10.000 dan 8,000"), ["Rp", "10000", "dan", "8000"]);
        assert_eq!(toks("1.500.000"), ["1500000"]);
        assert_eq!(toks("57,8 persen"), ["57.8", "persen"]);
        assert_eq!(toks("1.234,56"), ["1234.56"]);
        assert_eq!(toks("192.168.1.1"), ["192.168.1.1"]);
        assert_eq!(toks("tahun 2019,Kemudian"), ["tahun", "2019", "Kemudian"]);
        assert_eq!(toks("akhir 2019."), ["akhir", "2019"]);
    }

    #[test]
    fn reduplication_and_unicode() {
        assert_eq!(toks("anak-anak"), ["anak", "anak"]);
        assert_eq!(toks("café Zürich"), ["café", "Zürich"]);
        assert_eq!(toks("cafe\u{301} x"), ["cafe\u{301}", "x"]);
    }

    #[test]
    fn offsets_cover_the_source_text() {
        let text = "Kata Ma'ruf, 8.000 U.S. company's";
        let mut t = WartaTokenizer::default();
        let mut s = t.token_stream(text);
        let mut spans = Vec::new();
        while let Some(tok) = s.next() {
            spans.push((tok.position, &text[tok.offset_from..tok.offset_to]));
        }
        assert_eq!(
            spans,
            [
                (0, "Kata"),
                (1, "Ma'ruf"),
                (2, "8.000"),
                (3, "U.S."),
                (4, "company")
            ]
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "'",
            "a'",
            "'s",
            "1.",
            "1.,2",
            "ß'ſ",
            "\u{301}",
            "a.b.",
            "x.",
            "9:",
            "٣٤.٥",
            "😀a'😀",
        ] {
            let _ = toks(text);
        }
    }
}
