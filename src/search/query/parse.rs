//! The query language's parser: tokens to a syntax tree, with no archive in sight, so
//! what a query means (and whether it is plain text that may fall back to any word) is
//! decided and tested here.
//!
//! `OR` binds looser than `AND`: `a b OR c` is `(a AND b) OR c`. Unknown fields are read
//! as words, unbalanced quotes and parentheses are closed, dangling operators dropped.
//! Dates are read here too, so a bad date is a parse error.

use super::lex::{lex, Tok};
use crate::search::dates;
use crate::search::Error;

/// Longest query read, in characters.
pub const MAX_QUERY_CHARS: usize = 20_000;

/// Deepest nesting of parentheses read; deeper groups are dropped.
const MAX_DEPTH: usize = 32;

/// Whether bare words are all required or any is enough.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Match {
    #[default]
    All,
    Any,
}

/// How a clause takes part in its group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occur {
    Must,
    Should,
    MustNot,
}

/// The fields a word or phrase can be limited to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Source,
    Author,
    Person,
    Place,
    Org,
    Lang,
}

impl Field {
    fn from_name(name: &str) -> Option<Field> {
        Some(match name {
            "title" => Field::Title,
            "body" => Field::Body,
            "source" => Field::Source,
            "author" => Field::Author,
            "person" => Field::Person,
            "place" => Field::Place,
            "org" => Field::Org,
            "lang" => Field::Lang,
            _ => return None,
        })
    }

    /// Fields matched as whole names or keys rather than as text.
    pub fn is_keyword(self) -> bool {
        !matches!(self, Field::Title | Field::Body)
    }
}

/// How a word matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    Plain,
    /// `korup*`
    Prefix,
    /// `Puti~`, `Vladivstok~2`: edit distance 1 or 2.
    Fuzzy(u8),
}

/// A date range in Unix seconds; `None` is open on that side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Leaf {
    Word {
        text: String,
        field: Option<Field>,
        kind: WordKind,
    },
    Phrase {
        text: String,
        slop: u32,
        field: Option<Field>,
    },
    Date(DateRange),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Leaf(Leaf),
    /// Clauses with their occurrence.
    Bool(Vec<(Occur, Node)>),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub root: Node,
    pub mode: Match,
    /// Nothing but bare words (no operator, field, phrase, group or wildcard): the
    /// words in order. Such a query can be ranked by the pruned ranking, with a bonus
    /// for words close together.
    pub bare_words: Option<Vec<String>>,
    /// Text as people write or paste it: no boolean operator (`AND`, `OR`, `NOT`, `+`,
    /// `-`) and no field, and not only quoted phrases (`"Korea Utara"` asks for that
    /// phrase and nothing else). Quotes, parentheses and punctuation may be in it. When
    /// no article has every word of such a query, it falls back to any word.
    pub plain_text: bool,
}

/// Parses a query. Fails on a query too long to read, a bad date, or a query with
/// nothing to search for.
pub fn parse(text: &str, mode: Match) -> Result<Query, Error> {
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::QueryTooLong(MAX_QUERY_CHARS));
    }
    let toks = lex(text);
    let bare_words = toks
        .iter()
        .map(|t| match t {
            Tok::Word(w) => Some(w.clone()),
            _ => None,
        })
        .collect::<Option<Vec<String>>>();
    let operators = toks.iter().any(|t| {
        matches!(
            t,
            Tok::And | Tok::Or | Tok::Not | Tok::Plus | Tok::Minus | Tok::Field(_) | Tok::Range(..)
        )
    });
    let only_phrases = toks.iter().all(|t| matches!(t, Tok::Phrase(_, _, true)));
    let plain_text = !operators && !only_phrases;
    let default = match mode {
        Match::All => Occur::Must,
        Match::Any => Occur::Should,
    };
    let mut p = Parser {
        toks,
        pos: 0,
        default,
        depth: 0,
    };
    let mut groups = Vec::new();
    while p.pos < p.toks.len() {
        let before = p.pos;
        if let Some(e) = p.or_expr()? {
            groups.push((default, e));
        }
        if p.pos == before {
            p.pos += 1;
        }
    }
    let q = Query {
        root: Node::Bool(groups),
        mode,
        bare_words,
        plain_text,
    };
    if !q.has_terms() {
        return Err(Error::NothingToSearch(echo(text)));
    }
    Ok(q)
}

/// A query as it is quoted back in a message: one line, at most 60 characters.
pub fn echo(text: &str) -> String {
    const MAX: usize = 60;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX {
        flat
    } else {
        format!("{}…", flat.chars().take(MAX - 1).collect::<String>())
    }
}

impl Query {
    /// Whether any leaf can match something: a date, or a word or phrase with a letter
    /// or digit in it (the analyzers drop everything else). An excluded word counts:
    /// `-putin` alone is every article without it.
    pub fn has_terms(&self) -> bool {
        fn node(n: &Node) -> bool {
            match n {
                Node::Leaf(Leaf::Date(_)) => true,
                Node::Leaf(Leaf::Word { text, .. } | Leaf::Phrase { text, .. }) => {
                    text.chars().any(char::is_alphanumeric)
                }
                Node::Bool(clauses) => clauses.iter().any(|(_, n)| node(n)),
            }
        }
        node(&self.root)
    }

    /// The query to run when no article has every word of this one: any of its words,
    /// for plain text of two or more words when all words were required.
    pub fn fallback(&self) -> Option<Query> {
        if !self.plain_text || self.mode != Match::All {
            return None;
        }
        let mut leaves = Vec::new();
        words_of(&self.root, &mut leaves);
        if leaves.len() < 2 {
            return None;
        }
        Some(Query {
            root: Node::Bool(
                leaves
                    .into_iter()
                    .map(|l| (Occur::Should, Node::Leaf(l)))
                    .collect(),
            ),
            mode: Match::Any,
            bare_words: self.bare_words.clone(),
            plain_text: true,
        })
    }
}

/// The word leaves of a tree that can match something, phrases cut into their words.
fn words_of(n: &Node, out: &mut Vec<Leaf>) {
    let wordlike = |t: &str| t.chars().any(char::is_alphanumeric);
    match n {
        Node::Leaf(l @ Leaf::Word { text, .. }) if wordlike(text) => out.push(l.clone()),
        Node::Leaf(Leaf::Word { .. }) => {}
        Node::Leaf(Leaf::Phrase { text, field, .. }) => out.extend(
            text.split_whitespace()
                .filter(|w| wordlike(w))
                .map(|w| Leaf::Word {
                    text: w.to_string(),
                    field: *field,
                    kind: WordKind::Plain,
                }),
        ),
        Node::Leaf(Leaf::Date(_)) => {}
        Node::Bool(clauses) => clauses.iter().for_each(|(_, n)| words_of(n, out)),
    }
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    default: Occur,
    depth: usize,
}

type Parsed<T> = Result<Option<T>, Error>;

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// or_expr := and_expr (OR and_expr)*
    fn or_expr(&mut self) -> Parsed<Node> {
        let mut groups = Vec::new();
        if let Some(e) = self.and_expr()? {
            groups.push(e);
        }
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            if let Some(e) = self.and_expr()? {
                groups.push(e);
            }
        }
        Ok(match groups.len() {
            0 => None,
            1 => groups.pop(),
            _ => Some(Node::Bool(
                groups.into_iter().map(|g| (Occur::Should, g)).collect(),
            )),
        })
    }

    /// and_expr := unary ([AND] unary)*
    fn and_expr(&mut self) -> Parsed<Node> {
        let mut clauses: Vec<(Occur, Node)> = Vec::new();
        let mut explicit_and = false;
        loop {
            match self.peek() {
                None | Some(Tok::Or) | Some(Tok::Close) => break,
                Some(Tok::And) => {
                    self.pos += 1;
                    explicit_and = true;
                    continue;
                }
                _ => {}
            }
            let before = self.pos;
            if let Some(c) = self.unary()? {
                clauses.push(c);
            }
            if self.pos == before {
                self.pos += 1;
            }
        }
        if explicit_and {
            for c in clauses.iter_mut() {
                if c.0 == Occur::Should {
                    c.0 = Occur::Must;
                }
            }
        }
        Ok(match clauses.len() {
            0 => None,
            1 if clauses[0].0 != Occur::MustNot => clauses.pop().map(|c| c.1),
            _ => Some(Node::Bool(clauses)),
        })
    }

    /// unary := (NOT | - | +)* primary
    fn unary(&mut self) -> Parsed<(Occur, Node)> {
        let mut occur = self.default;
        loop {
            match self.peek() {
                Some(Tok::Not) | Some(Tok::Minus) => {
                    occur = Occur::MustNot;
                    self.pos += 1;
                }
                Some(Tok::Plus) => {
                    occur = Occur::Must;
                    self.pos += 1;
                }
                _ => break,
            }
        }
        Ok(self.primary(None)?.map(|e| (occur, e)))
    }

    /// A value, in `field` when a `field:` prefix came before it. `date:` values are
    /// dates; a `date:` before anything else is dropped.
    fn primary(&mut self, field: Option<&str>) -> Parsed<Node> {
        let Some(tok) = self.next() else {
            return Ok(None);
        };
        let leaf = match tok {
            Tok::Open => {
                if self.depth >= MAX_DEPTH {
                    return Ok(None);
                }
                self.depth += 1;
                let e = self.or_expr();
                self.depth -= 1;
                if self.peek() == Some(&Tok::Close) {
                    self.pos += 1;
                }
                return e;
            }
            Tok::Field(f) => {
                if matches!(
                    self.peek(),
                    None | Some(Tok::Close) | Some(Tok::Or) | Some(Tok::And)
                ) {
                    return Ok(None);
                }
                return self.primary(Some(&f));
            }
            Tok::Word(w) if field == Some("date") => Leaf::Date(date_range(&w, &w)?),
            Tok::Range(from, to) => Leaf::Date(date_range(&from, &to)?),
            Tok::Word(w) => word_leaf(&w, field.and_then(Field::from_name)),
            Tok::Phrase(text, slop, _) => Leaf::Phrase {
                text,
                slop,
                field: field.and_then(Field::from_name),
            },
            // Operators where a value should be: read them as nothing.
            _ => return Ok(None),
        };
        Ok(Some(Node::Leaf(leaf)))
    }
}

/// A date range from its two sides as written; `*` or nothing is open.
fn date_range(from: &str, to: &str) -> Result<DateRange, Error> {
    let side = |s: &str, end: bool| -> Result<Option<i64>, Error> {
        let s = s.trim();
        if s.is_empty() || s == "*" {
            return Ok(None);
        }
        Ok(Some(dates::bound(s, end)?.timestamp()))
    };
    Ok(DateRange {
        from: side(from, false)?,
        to: side(to, true)?,
    })
}

fn word_leaf(w: &str, field: Option<Field>) -> Leaf {
    let mut text = w.to_string();
    let mut kind = WordKind::Plain;
    if let Some(i) = text.rfind('~') {
        let dist = text[i + 1..].parse::<u8>().unwrap_or(1).clamp(1, 2);
        if i > 0 {
            text.truncate(i);
            kind = WordKind::Fuzzy(dist);
        }
    } else if text.len() > 1 && text.ends_with('*') {
        text = text.trim_end_matches('*').to_string();
        kind = WordKind::Prefix;
    }
    Leaf::Word { text, field, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> Node {
        Node::Leaf(Leaf::Word {
            text: t.into(),
            field: None,
            kind: WordKind::Plain,
        })
    }

    #[test]
    fn bare_words_are_required_and_plain() {
        let q = parse("banjir Jakarta", Match::All).unwrap();
        let both = Node::Bool(vec![
            (Occur::Must, word("banjir")),
            (Occur::Must, word("Jakarta")),
        ]);
        assert_eq!(q.root, Node::Bool(vec![(Occur::Must, both)]));
        assert_eq!(q.bare_words, Some(vec!["banjir".into(), "Jakarta".into()]));
        assert!(q.plain_text);
        let any = q.fallback().unwrap();
        assert_eq!(any.mode, Match::Any);
        assert_eq!(
            any.root,
            Node::Bool(vec![
                (Occur::Should, word("banjir")),
                (Occur::Should, word("Jakarta"))
            ])
        );
    }

    #[test]
    fn or_binds_looser_than_and() {
        let q = parse("a b OR c", Match::All).unwrap();
        let Node::Bool(top) = &q.root else { panic!() };
        let Node::Bool(or) = &top[0].1 else { panic!() };
        assert_eq!(or.len(), 2);
        assert_eq!(
            or[0].1,
            Node::Bool(vec![(Occur::Must, word("a")), (Occur::Must, word("b"))])
        );
        assert!(!q.plain_text);
        assert!(q.fallback().is_none());
    }

    #[test]
    fn pasted_text_is_plain_and_falls_back_to_its_words() {
        let text = "Prof. Dr. Budi (kiri) menyebut “Mercedes - Benz” naik (28 / 08 / 2016).";
        let q = parse(text, Match::All).unwrap();
        assert!(q.plain_text);
        assert!(q.bare_words.is_none());
        let any = q.fallback().unwrap();
        let Node::Bool(words) = &any.root else {
            panic!()
        };
        let texts: Vec<&str> = words
            .iter()
            .map(|(o, n)| {
                assert_eq!(*o, Occur::Should);
                match n {
                    Node::Leaf(Leaf::Word { text, .. }) => text.as_str(),
                    _ => panic!("{n:?}"),
                }
            })
            .collect();
        assert!(texts.contains(&"Mercedes") && texts.contains(&"Benz") && texts.contains(&"kiri"));
    }

    #[test]
    fn a_quoted_phrase_alone_asks_for_that_phrase() {
        for q in ["\"Korea Utara\"", "“Korea Utara”~2 \"rudal balistik\""] {
            let q = parse(q, Match::All).unwrap();
            assert!(!q.plain_text && q.fallback().is_none());
        }
        for q in [
            "\"Korea Utara rudal",
            "\"Korea Utara\" rudal",
            "(\"Korea Utara\")",
        ] {
            assert!(parse(q, Match::All).unwrap().fallback().is_some(), "{q}");
        }
    }

    #[test]
    fn operators_and_fields_are_not_plain_text() {
        for q in [
            "a -b",
            "a NOT b",
            "+a b",
            "title:a b",
            "a AND b",
            "date:2022 a",
        ] {
            assert!(!parse(q, Match::All).unwrap().plain_text, "{q}");
        }
        assert!(parse("a b", Match::Any).unwrap().fallback().is_none());
    }

    #[test]
    fn dates_are_read_here() {
        let q = parse("date:[* TO *]", Match::All).unwrap();
        assert_eq!(
            q.root,
            Node::Bool(vec![(
                Occur::Must,
                Node::Leaf(Leaf::Date(DateRange {
                    from: None,
                    to: None
                }))
            )])
        );
        for open in ["date:[", "date:[*", "date:[2022 TO"] {
            assert!(parse(open, Match::All).is_ok(), "{open}");
        }
        let q = parse("date:[1900 TO 2300]", Match::All).unwrap();
        let Node::Bool(c) = &q.root else { panic!() };
        let Node::Leaf(Leaf::Date(r)) = &c[0].1 else {
            panic!()
        };
        assert!(r.from.unwrap() < -2_000_000_000 && r.to.unwrap() > 10_000_000_000);
        assert!(matches!(
            parse("date:kemarin", Match::All),
            Err(Error::BadDate(_))
        ));
    }

    #[test]
    fn nothing_to_search_for() {
        for q in ["***", "AND", "🙂", "( )", "\"\"", "title:", "- -"] {
            assert!(
                matches!(parse(q, Match::All), Err(Error::NothingToSearch(_))),
                "{q}"
            );
        }
    }

    #[test]
    fn long_queries_are_refused_and_echoes_are_short() {
        let long = "a ".repeat(MAX_QUERY_CHARS);
        assert!(matches!(
            parse(&long, Match::All),
            Err(Error::QueryTooLong(_))
        ));
        let e = echo(&"kata ".repeat(1000));
        assert!(e.chars().count() <= 60 && e.ends_with('…'));
    }

    #[test]
    fn word_kinds() {
        assert!(matches!(
            word_leaf("Puti~", None),
            Leaf::Word {
                kind: WordKind::Fuzzy(1),
                ..
            }
        ));
        assert!(matches!(
            word_leaf("korup*", None),
            Leaf::Word {
                kind: WordKind::Prefix,
                ..
            }
        ));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Lower-case words of pasted news text (no operator, no field name).
    const WORDS: &[&str] = &[
        "banjir",
        "jakarta",
        "presiden",
        "rudal",
        "korea",
        "utara",
        "kpk",
        "menangkap",
        "bupati",
        "2022",
        "16.31",
        "rp5",
        "warga",
        "mengungsi",
        "ma'ruf",
        "covid-19",
        "é",
        "jalan",
        "nya",
        "x",
    ];
    const PUNCTUATION: &[&str] = &[
        ".", ",", ";", "!", "?", "(", ")", "\"", "“", "”", "'", "/", " - ", "…", "%", "[", "]",
        "*", "~", ":", "&",
    ];

    fn pasted() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(WORDS).prop_map(str::to_string),
                1 => prop::sample::select(PUNCTUATION).prop_map(str::to_string),
            ],
            0..40,
        )
        .prop_map(|parts| parts.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_text_parses_or_says_why(text in "\\PC{0,200}") {
            for mode in [Match::All, Match::Any] {
                if let Ok(q) = parse(&text, mode) {
                    prop_assert!(q.has_terms());
                    if let Some(f) = q.fallback() {
                        prop_assert_eq!(f.mode, Match::Any);
                    }
                }
            }
        }

        #[test]
        fn pasted_text_is_plain_and_searchable(text in pasted()) {
            let has_word = text.split_whitespace().any(|w| w.chars().any(char::is_alphanumeric));
            match parse(&text, Match::All) {
                Ok(q) => {
                    prop_assert!(has_word);
                    // Plain unless it is nothing but quoted phrases.
                    let only_phrases = lex(&text)
                        .iter()
                        .all(|t| matches!(t, Tok::Phrase(_, _, true)));
                    prop_assert_eq!(q.plain_text, !only_phrases, "{:?}", text);
                    let words = text
                        .split(|c: char| c.is_whitespace() || "()\"“”".contains(c))
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .count();
                    prop_assert_eq!(q.fallback().is_some(), words >= 2 && !only_phrases, "{:?}", text);
                }
                Err(Error::NothingToSearch(_)) => prop_assert!(!has_word, "{text:?}"),
                Err(e) => prop_assert!(false, "{text:?}: {e}"),
            }
        }

        #[test]
        fn date_bounds_never_panic_and_start_before_they_end(s in "\\PC{0,30}", y in 1u32..300_000, m in 1u32..13, d in 1u32..29) {
            let _ = dates::bound(&s, false);
            let _ = dates::bound(&s, true);
            for text in [format!("{y}"), format!("{y}-{m:02}"), format!("{y}-{m:02}-{d:02}")] {
                match (dates::bound(&text, false), dates::bound(&text, true)) {
                    (Ok(a), Ok(b)) => prop_assert!(a < b, "{text}"),
                    (a, b) => prop_assert!(y > 200_000, "{text}: {a:?} {b:?}"),
                }
            }
        }
    }
}
