//! Keyword normalisation for fields matched whole (people, places, organisations,
//! authors): after lower-casing and folding, apostrophes are dropped and white space
//! is collapsed, so `Ma'ruf Amin`, `Ma’ruf  Amin` and `maruf amin` share one key, the
//! same way the full-text tokenizer reads `Ma'ruf` as `maruf`.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Token filter that rewrites each (whole-value) token into its key form.
#[derive(Clone, Default)]
pub struct KeyNormalizer;

impl TokenFilter for KeyNormalizer {
    type Tokenizer<T: Tokenizer> = KeyNormalizerTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> KeyNormalizerTokenizer<T> {
        KeyNormalizerTokenizer { inner }
    }
}

/// A tokenizer followed by key normalisation.
#[derive(Clone)]
pub struct KeyNormalizerTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for KeyNormalizerTokenizer<T> {
    type TokenStream<'a> = KeyNormalizerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        KeyNormalizerStream {
            tail: self.inner.token_stream(text),
            buffer: String::new(),
        }
    }
}

/// The token stream of [`KeyNormalizerTokenizer`].
pub struct KeyNormalizerStream<S> {
    tail: S,
    buffer: String,
}

impl<S: TokenStream> TokenStream for KeyNormalizerStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if token
            .text
            .chars()
            .any(|c| is_apostrophe(c) || c.is_whitespace())
        {
            normalize_key(&token.text, &mut self.buffer);
            std::mem::swap(&mut token.text, &mut self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

/// Writes `text` without apostrophes, with single spaces between words.
fn normalize_key(text: &str, out: &mut String) {
    out.clear();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !is_apostrophe(*c)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        let mut out = String::new();
        normalize_key(s, &mut out);
        out
    }

    #[test]
    fn apostrophes_and_spaces() {
        assert_eq!(key("ma'ruf amin"), "maruf amin");
        assert_eq!(key("ma’ruf   amin "), "maruf amin");
        assert_eq!(key(" jakarta"), "jakarta");
        assert_eq!(key(""), "");
    }
}
