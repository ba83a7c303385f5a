//! Splits article text into tokens and sentences the way the NER training data is
//! tokenised (NERGrit): a run of letters and digits is one token, every other visible
//! character is a token of its own (`Kim Jong-un` gives `Kim`, `Jong`, `-`, `un`).
//! Tokens keep their byte offsets so an entity's surface text can be cut from the
//! original.

/// A token and where it sits in the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        // An apostrophe between letters is part of the word (`Ma'ruf`, `O'Brien`).
        let inner_apostrophe = matches!(c, '\'' | '’')
            && word_start.is_some()
            && text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if c.is_alphanumeric() || inner_apostrophe {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            out.push(Token {
                text: &text[s..i],
                start: s,
                end: i,
            });
        }
        if !c.is_whitespace() && !c.is_control() {
            let e = i + c.len_utf8();
            out.push(Token {
                text: &text[i..e],
                start: i,
                end: e,
            });
        }
    }
    if let Some(s) = word_start {
        out.push(Token {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Words after which a full stop does not end a sentence (compared lower-case).
const ABBREVIATIONS: &[&str] = &[
    "dr", "drs", "dra", "h", "hj", "ir", "prof", "st", "jl", "jln", "no", "kec", "kab", "sdr",
    "mr", "mrs", "ms", "jr", "sr", "kh", "bpk", "tn", "ny", "dll", "dsb", "dkk", "yth", "kol",
    "letjen", "mayjen", "brigjen", "jend", "pt", "tbk", "co", "inc", "ltd", "vs", "etc", "sh",
    "se", "mm", "mt", "msi", "phd", "st", "u",
];

/// Longest sentence handed to the tagger; longer runs are cut (the tagger is linear
/// in length, this only bounds memory on text without punctuation).
pub const MAX_SENTENCE: usize = 250;

/// Splits a paragraph's tokens into sentences: after `.`, `!` or `?` when the next
/// token starts with an upper-case letter, a digit or a quote, unless the stop
/// follows an abbreviation or a single capital (an initial).
pub fn sentences<'a>(tokens: &[Token<'a>]) -> Vec<Vec<Token<'a>>> {
    let mut out = Vec::new();
    let mut cur: Vec<Token<'a>> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        cur.push(*t);
        let boundary =
            is_stop(t.text) && starts_sentence(tokens.get(i + 1)) && !after_abbreviation(&cur);
        if boundary || cur.len() >= MAX_SENTENCE {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_stop(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…")
}

fn starts_sentence(next: Option<&Token>) -> bool {
    match next.and_then(|t| t.text.chars().next()) {
        None => true,
        Some(c) => {
            c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '\'' | '‘' | '(' | '[')
        }
    }
}

fn after_abbreviation(cur: &[Token]) -> bool {
    if cur.len() < 2 || cur[cur.len() - 1].text != "." {
        return false;
    }
    let prev = cur[cur.len() - 2].text;
    let single_capital = prev.chars().count() == 1 && prev.chars().all(|c| c.is_uppercase());
    single_capital || ABBREVIATIONS.contains(&prev.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn punctuation_is_split_off() {
        assert_eq!(
            words("Kim Jong-un (kanan), 2.000."),
            ["Kim", "Jong", "-", "un", "(", "kanan", ")", ",", "2", ".", "000", "."]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Halo, Ibu Ani";
        let t = tokenize(text);
        assert_eq!(&text[t[3].start..t[3].end], "Ani");
    }

    #[test]
    fn sentences_split_on_stops_but_not_titles() {
        let toks = tokenize("Dr. Budi datang. Ia pulang ke Jl. Merdeka! Lalu");
        let s = sentences(&toks);
        let firsts: Vec<&str> = s.iter().map(|s| s[0].text).collect();
        assert_eq!(firsts, ["Dr", "Ia", "Lalu"]);
    }
}
