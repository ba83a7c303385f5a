//! The query language, read leniently so that no input panics and every input gives
//! results or one plain sentence:
//!
//! - words (all required by default, `--match any` makes them optional), `"phrases"`
//!   with optional `~N` slop, `AND`/`OR`/`NOT` (upper case), `+word`/`-word`, `( )`;
//! - `word*` prefix, `word~` / `word~2` fuzzy (typos);
//! - fields `title:`, `body:`, `source:`, `author:`, `person:`, `place:`, `org:`,
//!   `lang:`, and dates `date:2022-11`, `date:[2022-01 TO 2022-06]`.
//!
//! `OR` binds looser than `AND`: `a b OR c` is `(a AND b) OR c`. Unknown fields are read
//! as words, unbalanced quotes and parentheses are closed, dangling operators dropped.

use super::dates;
use super::topk;
use crate::analysis::keyword_key;
use crate::article::source_key;
use crate::commands::UsageError;
use crate::index::schema::KIND_ARTICLE;
use crate::index::Archive;
use anyhow::Result;
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Whether bare words are all required or any is enough.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Match {
    #[default]
    All,
    Any,
}

/// How much each field counts; the title and lead count more than the body, and exact
/// (unstemmed) matches add to stemmed ones so exact names rank first.
#[derive(Clone, Copy, Debug)]
pub struct Weights {
    pub title: f32,
    pub body: f32,
    pub title_exact: f32,
    pub body_exact: f32,
    pub proximity: f32,
}

impl Default for Weights {
    fn default() -> Self {
        // Chosen by the known-item evaluation (bench/relevance.py): exact forms
        // count more than stemmed ones, the title more than the body.
        Weights {
            title: 1.0,
            body: 0.5,
            title_exact: 2.5,
            body_exact: 1.0,
            proximity: 1.5,
        }
    }
}

impl Weights {
    /// The defaults, overridden by `WARTA_WEIGHTS` (e.g. `title=2,body_exact=0.5`),
    /// a knob for relevance experiments.
    pub fn from_env() -> Weights {
        let mut w = Weights::default();
        let Ok(spec) = std::env::var("WARTA_WEIGHTS") else {
            return w;
        };
        for pair in spec.split(',') {
            let Some((k, v)) = pair.split_once('=') else {
                continue;
            };
            let Ok(v) = v.trim().parse::<f32>() else {
                continue;
            };
            match k.trim() {
                "title" => w.title = v,
                "body" => w.body = v,
                "title_exact" => w.title_exact = v,
                "body_exact" => w.body_exact = v,
                "proximity" => w.proximity = v,
                _ => {}
            }
        }
        w
    }
}

/// A parsed query, ready to run.
pub struct Parsed {
    /// What a document must match, and its score.
    pub query: Box<dyn Query>,
    /// For bare words: a bonus for documents where they stand close together, in order.
    /// It changes no match, so it is only scored for the best candidates
    /// (`search::page`): reading the positions of every match is a fifth of a search's
    /// time at 1,000,000 articles. One clause per field, each adding its score where it
    /// matches.
    pub proximity: Option<Vec<Box<dyn Query>>>,
    /// The same query for the pruned ranking, when it is only bare words.
    pub plan: Option<topk::Plan>,
    /// Number of words.
    pub words: usize,
    /// True when the query is only bare words (so falling back to `any` makes sense).
    pub plain: bool,
}

// ---------------------------------------------------------------- lexing

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Plus,
    Minus,
    /// `field:` prefix before a value.
    Field(String),
    Word(String),
    Phrase(String, u32),
    Range(String, String),
}

const FIELDS: &[&str] = &[
    "title", "body", "source", "author", "person", "place", "org", "date", "lang",
];

fn lex(input: &str) -> Vec<Tok> {
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
        } else if c == '"' || c == '“' || c == '”' {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && !matches!(chars[j], '"' | '“' | '”') {
                j += 1;
            }
            let text: String = chars[start..j.min(chars.len())].iter().collect();
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
                    .min(50);
                i = k;
            }
            out.push(Tok::Phrase(text, slop));
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
            let parts: Vec<&str> = inner.split(" TO ").collect();
            let part = |k: usize| {
                parts
                    .get(k)
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default()
            };
            out.push(Tok::Range(part(0), part(1)));
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
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
                "AND" | "&&" => out.push(Tok::And),
                "OR" | "||" => out.push(Tok::Or),
                "NOT" | "!" => out.push(Tok::Not),
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

// ---------------------------------------------------------------- parsing

#[derive(Debug, Clone)]
enum Leaf {
    Word {
        text: String,
        field: Option<String>,
        kind: WordKind,
    },
    Phrase {
        text: String,
        slop: u32,
        field: Option<String>,
    },
    Range {
        field: String,
        from: String,
        to: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum WordKind {
    Plain,
    Prefix,
    Fuzzy(u8),
}

#[derive(Debug, Clone)]
enum Expr {
    Leaf(Leaf),
    /// Clauses with their occurrence.
    Bool(Vec<(Occur, Expr)>),
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    default: Occur,
    depth: usize,
}

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
    fn or_expr(&mut self) -> Option<Expr> {
        let mut groups = Vec::new();
        if let Some(e) = self.and_expr() {
            groups.push(e);
        }
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            if let Some(e) = self.and_expr() {
                groups.push(e);
            }
        }
        match groups.len() {
            0 => None,
            1 => groups.pop(),
            _ => Some(Expr::Bool(
                groups.into_iter().map(|g| (Occur::Should, g)).collect(),
            )),
        }
    }

    /// and_expr := unary ([AND] unary)*
    fn and_expr(&mut self) -> Option<Expr> {
        let mut clauses: Vec<(Occur, Expr)> = Vec::new();
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
            if let Some(c) = self.unary() {
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
        match clauses.len() {
            0 => None,
            1 if clauses[0].0 != Occur::MustNot => Some(clauses.pop().unwrap().1),
            _ => Some(Expr::Bool(clauses)),
        }
    }

    /// unary := (NOT | - | +)* primary
    fn unary(&mut self) -> Option<(Occur, Expr)> {
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
        self.primary(None).map(|e| (occur, e))
    }

    fn primary(&mut self, field: Option<String>) -> Option<Expr> {
        match self.next()? {
            Tok::Open => {
                if self.depth > 32 {
                    return None;
                }
                self.depth += 1;
                let e = self.or_expr();
                self.depth -= 1;
                if self.peek() == Some(&Tok::Close) {
                    self.pos += 1;
                }
                e
            }
            Tok::Field(f) => {
                if matches!(
                    self.peek(),
                    None | Some(Tok::Close) | Some(Tok::Or) | Some(Tok::And)
                ) {
                    return None;
                }
                self.primary(Some(f))
            }
            Tok::Word(w) => Some(Expr::Leaf(word_leaf(&w, field))),
            Tok::Phrase(text, slop) => Some(Expr::Leaf(Leaf::Phrase { text, slop, field })),
            Tok::Range(from, to) => Some(Expr::Leaf(Leaf::Range {
                field: field.unwrap_or_else(|| "date".into()),
                from,
                to,
            })),
            // Operators where a value should be: read them as nothing.
            _ => None,
        }
    }
}

fn word_leaf(w: &str, field: Option<String>) -> Leaf {
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

// ---------------------------------------------------------------- building

/// Parses a user query into a tantivy query, or says plainly why it cannot be used.
pub fn parse(archive: &Archive, text: &str, mode: Match, w: &Weights) -> Result<Parsed> {
    if text.chars().count() > 20_000 {
        return Err(UsageError::new("the query is longer than 20,000 characters").into());
    }
    let toks = lex(text);
    let plain = toks.iter().all(|t| matches!(t, Tok::Word(_)));
    let default = if mode == Match::All {
        Occur::Must
    } else {
        Occur::Should
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
        if let Some(e) = p.or_expr() {
            groups.push((default, e));
        }
        if p.pos == before {
            p.pos += 1;
        }
    }
    let expr = Expr::Bool(groups);
    let mut b = Builder {
        a: archive,
        w: *w,
        seeked: false,
    };
    b.seeked = required_leaves(&expr) >= 2 && b.rarest_share(&expr) < 1.0 / DENSE as f64;
    let mut words = 0;
    let query = b.expr(&expr, &mut words)?;
    let Some(query) = query else {
        return Err(UsageError::new(format!(
            "the query `{}` has no words to search for",
            text.trim()
        ))
        .into());
    };
    let proximity = if plain && words >= 2 {
        b.proximity(text)
    } else {
        None
    };
    let plan = if plain { b.plan(&expr, mode) } else { None };
    Ok(Parsed {
        query,
        proximity,
        plan,
        words,
        plain,
    })
}

/// When the rarest required word is in more than one article in this many, the
/// conjunction's candidates lie close together and tantivy's read-ahead union serves
/// better than `union::FieldUnion` (measured per query with callgrind at 1,000,000
/// articles: `KPK korupsi`, whose rarer word is in 11% of the articles, took 10% more
/// instructions with it; `timnas Indonesia`, 7%, 19% fewer).
const DENSE: usize = 12;

/// The bare words of a query that is nothing else (no field, phrase, operator or
/// wildcard), in order; None otherwise.
fn plain_words<'e>(e: &'e Expr, out: &mut Vec<&'e str>) -> Option<()> {
    match e {
        Expr::Leaf(Leaf::Word {
            text,
            field: None,
            kind: WordKind::Plain,
        }) => out.push(text),
        Expr::Bool(clauses) => {
            for (occur, sub) in clauses {
                if *occur == Occur::MustNot {
                    return None;
                }
                plain_words(sub, out)?;
            }
        }
        Expr::Leaf(_) => return None,
    }
    Some(())
}

/// Texts of the words and phrases every match must have.
fn required_texts<'e>(e: &'e Expr, out: &mut Vec<&'e str>) {
    match e {
        Expr::Leaf(Leaf::Word { text, .. } | Leaf::Phrase { text, .. }) => out.push(text),
        Expr::Leaf(Leaf::Range { .. }) => {}
        Expr::Bool(clauses) => {
            for (o, e) in clauses {
                if *o == Occur::Must {
                    required_texts(e, out);
                }
            }
        }
    }
}

/// Words and phrases every match must have (through required clauses only).
fn required_leaves(e: &Expr) -> usize {
    match e {
        Expr::Leaf(_) => 1,
        Expr::Bool(clauses) => clauses
            .iter()
            .filter(|(o, _)| *o == Occur::Must)
            .map(|(_, e)| required_leaves(e))
            .sum(),
    }
}

struct Builder<'a> {
    a: &'a Archive,
    w: Weights,
    /// Several words are required, so each word's union is seeked to the candidates
    /// of the others (see `union`).
    seeked: bool,
}

impl Builder<'_> {
    /// The share of articles holding the rarest of the required words in the body (1
    /// when it cannot be told).
    fn rarest_share(&self, e: &Expr) -> f64 {
        let Ok(searcher) = self.a.reader().map(|r| r.searcher()) else {
            return 1.0;
        };
        let docs = searcher.num_docs().max(1) as f64;
        let mut texts = Vec::new();
        required_texts(e, &mut texts);
        let mut rarest = u64::MAX;
        for t in texts {
            for (_, tok) in self.tokens(self.a.f.body, t) {
                let term = Term::from_field_text(self.a.f.body, &tok);
                if let Ok(df) = searcher.doc_freq(&term) {
                    rarest = rarest.min(df);
                }
            }
        }
        if rarest == u64::MAX {
            1.0
        } else {
            rarest as f64 / docs
        }
    }

    fn expr(&self, e: &Expr, words: &mut usize) -> Result<Option<Box<dyn Query>>> {
        match e {
            Expr::Leaf(l) => self.leaf(l, words),
            Expr::Bool(clauses) => {
                let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (occ, sub) in clauses {
                    if let Some(q) = self.expr(sub, words)? {
                        out.push((*occ, q));
                    }
                }
                if out.is_empty() {
                    return Ok(None);
                }
                if out.iter().all(|(o, _)| *o == Occur::MustNot) {
                    let all = TermQuery::new(
                        Term::from_field_text(self.a.f.kind, KIND_ARTICLE),
                        IndexRecordOption::Basic,
                    );
                    out.push((Occur::Must, Box::new(all)));
                }
                if out.len() == 1 && out[0].0 != Occur::MustNot {
                    return Ok(out.pop().map(|(_, q)| q));
                }
                Ok(Some(Box::new(BooleanQuery::new(out))))
            }
        }
    }

    fn leaf(&self, l: &Leaf, words: &mut usize) -> Result<Option<Box<dyn Query>>> {
        let f = &self.a.f;
        match l {
            Leaf::Range { field, from, to } => {
                if field != "date" {
                    return Ok(None);
                }
                Ok(Some(self.date_range(
                    if from == "*" {
                        None
                    } else {
                        Some(from.as_str())
                    },
                    if to == "*" { None } else { Some(to.as_str()) },
                )?))
            }
            Leaf::Word {
                text,
                field: Some(field),
                kind,
            } if field == "date" => {
                let _ = kind;
                Ok(Some(self.date_range(Some(text), Some(text))?))
            }
            Leaf::Word {
                text,
                field: Some(field),
                ..
            }
            | Leaf::Phrase {
                text,
                field: Some(field),
                ..
            } if matches!(
                field.as_str(),
                "source" | "author" | "person" | "place" | "org" | "lang"
            ) =>
            {
                if text.trim().is_empty() {
                    return Ok(None);
                }
                *words += 1;
                Ok(Some(match field.as_str() {
                    "source" => term_q(f.source_key, &source_key(text)),
                    "lang" => term_q(f.lang, &text.to_lowercase()),
                    "author" => name_query(f.author, text),
                    "person" => name_query(
                        f.person,
                        &crate::entities::normalize_query_name("person", text),
                    ),
                    "place" => name_query(
                        f.place,
                        &crate::entities::normalize_query_name("place", text),
                    ),
                    _ => name_query(f.org, &crate::entities::normalize_query_name("org", text)),
                }))
            }
            Leaf::Word { text, field, kind } => {
                let q = self.text_word(text, field.as_deref(), *kind);
                if q.is_some() {
                    *words += 1;
                }
                Ok(q)
            }
            Leaf::Phrase { text, slop, field } => {
                let q = self.text_phrase(text, *slop, field.as_deref());
                if q.is_some() {
                    *words += 1;
                }
                Ok(q)
            }
        }
    }

    fn date_range(&self, from: Option<&str>, to: Option<&str>) -> Result<Box<dyn Query>> {
        let f = &self.a.f;
        let term = |d: chrono::DateTime<chrono::FixedOffset>| {
            Term::from_field_date(
                f.published,
                tantivy::DateTime::from_timestamp_secs(d.timestamp()),
            )
        };
        let lo = match from.filter(|s| !s.is_empty()) {
            Some(s) => Bound::Included(term(dates::bound(s, false)?)),
            None => Bound::Unbounded,
        };
        let hi = match to.filter(|s| !s.is_empty()) {
            Some(s) => Bound::Included(term(dates::bound(s, true)?)),
            None => Bound::Unbounded,
        };
        Ok(Box::new(RangeQuery::new(lo, hi)))
    }

    /// The fields a text word or phrase searches, with their weights.
    fn text_fields(&self, field: Option<&str>) -> Vec<TextField> {
        let f = &self.a.f;
        let w = &self.w;
        let tf = |field, weight, exact, positions, implied_by| TextField {
            field,
            weight,
            exact,
            positions,
            implied_by,
        };
        let title = [
            tf(f.title, w.title, false, true, None),
            tf(f.title_en, w.title, false, true, None),
            tf(f.title_exact, w.title_exact, true, true, Some(f.title)),
        ];
        let body = [
            tf(f.body, w.body, false, true, None),
            tf(f.body_en, w.body, false, true, None),
            tf(f.body_exact, w.body_exact, true, false, Some(f.body)),
        ];
        match field {
            Some("title") => title.to_vec(),
            Some("body") => body.to_vec(),
            _ => title.iter().chain(body.iter()).copied().collect(),
        }
    }

    fn tokens(&self, field: Field, text: &str) -> Vec<(usize, String)> {
        let Ok(mut analyzer) = self.a.index.tokenizer_for_field(field) else {
            return Vec::new();
        };
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.position, t.text.clone()));
        }
        out
    }

    fn text_word(&self, text: &str, field: Option<&str>, kind: WordKind) -> Option<Box<dyn Query>> {
        self.word_clauses(text, field, kind).build(self.seeked)
    }

    /// The clauses of a word over the fields it searches.
    fn word_clauses(&self, text: &str, field: Option<&str>, kind: WordKind) -> Clauses {
        let mut clauses = Clauses::default();
        for tf in self.text_fields(field) {
            let fld = tf.field;
            let toks = self.tokens(fld, text);
            match (kind, toks.len()) {
                (_, 0) => {}
                (WordKind::Prefix, 1) if tf.exact => {
                    let pattern = format!("{}.*", regex_syntax_escape(&toks[0].1));
                    if let Ok(q) = RegexQuery::from_pattern(&pattern, fld) {
                        clauses.matching(Box::new(q), tf.weight);
                    }
                }
                (WordKind::Fuzzy(d), 1) if tf.exact => clauses.matching(
                    Box::new(FuzzyTermQuery::new(
                        Term::from_field_text(fld, &toks[0].1),
                        d,
                        true,
                    )),
                    tf.weight,
                ),
                (WordKind::Prefix | WordKind::Fuzzy(_), _) => {}
                (WordKind::Plain, _) => clauses.words(&tf, &toks, 0),
            }
        }
        clauses
    }

    /// The pruned ranking's form of a query of two or more required bare words
    /// (`topk::Plan`): one group of terms per word. None when a word is more than one
    /// term in some field (a phrase, then), and for one word or any word: tantivy's
    /// union counts and ranks those faster than the pruned ranking (measured at
    /// 1,000,000 articles: `Putin` 0.20 ms exhaustive, 0.33 ms pruned).
    fn plan(&self, e: &Expr, mode: Match) -> Option<topk::Plan> {
        if mode == Match::Any {
            return None;
        }
        let mut words = Vec::new();
        plain_words(e, &mut words)?;
        let mut groups = Vec::new();
        for w in words {
            let clauses = self.word_clauses(w, None, WordKind::Plain);
            if clauses.matching.is_empty() {
                continue;
            }
            groups.push(clauses.plan_terms?);
        }
        if groups.len() < 2 {
            return None;
        }
        Some(topk::Plan { groups })
    }

    fn text_phrase(&self, text: &str, slop: u32, field: Option<&str>) -> Option<Box<dyn Query>> {
        let mut clauses = Clauses::default();
        for tf in self.text_fields(field) {
            let toks = self.tokens(tf.field, text);
            clauses.words(&tf, &toks, slop);
        }
        clauses.build(self.seeked)
    }

    /// A bonus for documents where the query's words stand close together, in order.
    fn proximity(&self, text: &str) -> Option<Vec<Box<dyn Query>>> {
        let f = &self.a.f;
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        for fld in [f.title_exact, f.body] {
            let toks = self.tokens(fld, text);
            if toks.len() < 2 || toks.len() > 12 {
                return None;
            }
            clauses.push(Box::new(BoostQuery::new(
                phrase(fld, &toks, 3),
                self.w.proximity,
            )));
        }
        Some(clauses)
    }
}

/// A field searched by text words, and how.
#[derive(Clone, Copy)]
struct TextField {
    field: Field,
    weight: f32,
    /// Unstemmed (prefix and fuzzy words run here).
    exact: bool,
    /// Positions indexed: phrases can run here. Fields without positions only add to
    /// the score of documents the phrase matches elsewhere.
    positions: bool,
    /// The stemmed field that has every word this one has (an exact form is indexed
    /// with its stem, unless it is a stop word): see `union::FieldUnion`.
    implied_by: Option<Field>,
}

/// The clauses of one word or phrase over several fields: a document must match one of
/// `matching`; `bonus` clauses only add to its score.
struct Clauses {
    /// Each boosted clause, and whether another clause's matches imply its own (one
    /// term in a field whose stemmed field has the word too).
    matching: Vec<(Box<dyn Query>, bool)>,
    /// Fields with a one-term `matching` clause.
    term_fields: Vec<Field>,
    bonus: Vec<(Occur, Box<dyn Query>)>,
    /// The same clauses as weighted terms, while each is one term (see `topk`).
    plan_terms: Option<Vec<topk::PlanTerm>>,
}

impl Default for Clauses {
    fn default() -> Self {
        Clauses {
            matching: Vec::new(),
            term_fields: Vec::new(),
            bonus: Vec::new(),
            plan_terms: Some(Vec::new()),
        }
    }
}

impl Clauses {
    fn matching(&mut self, q: Box<dyn Query>, weight: f32) {
        self.plan_terms = None;
        self.add(q, weight, false);
    }

    fn add(&mut self, q: Box<dyn Query>, weight: f32, implied: bool) {
        self.matching
            .push((Box::new(BoostQuery::new(q, weight)), implied));
    }

    /// The words `toks` (one term, or a phrase with `slop`) in field `tf`.
    fn words(&mut self, tf: &TextField, toks: &[(usize, String)], slop: u32) {
        let term = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(tf.field, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        match toks.len() {
            0 => {}
            1 => {
                // Implied only when its stemmed field has the word (a stop word has no
                // stem: then the exact field must match it itself).
                let implied_by = tf.implied_by.filter(|f| self.term_fields.contains(f));
                let implied = implied_by.is_some();
                if let Some(p) = self.plan_terms.as_mut() {
                    p.push(topk::PlanTerm {
                        term: Term::from_field_text(tf.field, &toks[0].1),
                        boost: tf.weight,
                        implied_by,
                    });
                }
                self.add(term(&toks[0].1), tf.weight, implied);
                self.term_fields.push(tf.field);
            }
            _ if tf.positions => self.matching(phrase(tf.field, toks, slop), tf.weight),
            _ => {
                let all: Vec<(Occur, Box<dyn Query>)> =
                    toks.iter().map(|(_, t)| (Occur::Must, term(t))).collect();
                self.plan_terms = None;
                self.bonus.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(BooleanQuery::new(all)), tf.weight)),
                ));
            }
        }
    }

    /// The query; `seeked` when other required words drive it (see `union`).
    fn build(self, seeked: bool) -> Option<Box<dyn Query>> {
        if self.matching.is_empty() {
            return None;
        }
        let queries = |v: Vec<(Box<dyn Query>, bool)>| v.into_iter().map(|(q, _)| q);
        let any: Box<dyn Query> = if seeked {
            let (implied, driving): (Vec<_>, Vec<_>) =
                self.matching.into_iter().partition(|(_, imp)| *imp);
            Box::new(super::union::FieldUnion::new(
                queries(driving).collect(),
                queries(implied).collect(),
            ))
        } else {
            let should = queries(self.matching).map(|q| (Occur::Should, q)).collect();
            Box::new(BooleanQuery::new(should))
        };
        if self.bonus.is_empty() {
            return Some(any);
        }
        let mut all = vec![(Occur::Must, any)];
        all.extend(self.bonus);
        Some(Box::new(BooleanQuery::new(all)))
    }
}

fn phrase(field: Field, toks: &[(usize, String)], slop: u32) -> Box<dyn Query> {
    let base = toks[0].0;
    let terms: Vec<(usize, Term)> = toks
        .iter()
        .map(|(p, t)| (p - base, Term::from_field_text(field, t)))
        .collect();
    if terms.len() < 2 {
        return Box::new(EmptyQuery);
    }
    let mut q = PhraseQuery::new_with_offset_and_slop(terms, slop);
    q.set_slop(slop);
    Box::new(q)
}

fn term_q(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// A name field matched whole (`vladimir putin`) or by whole words (`putin`).
pub fn name_query(field: Field, name: &str) -> Box<dyn Query> {
    let key = keyword_key(name);
    let whole = term_q(field, &key);
    let esc = regex_syntax_escape(&key);
    let pattern = format!("(.* )?{esc}( .*)?");
    match RegexQuery::from_pattern(&pattern, field) {
        Ok(words) => Box::new(BooleanQuery::new(vec![
            (Occur::Should, whole),
            (Occur::Should, Box::new(words)),
        ])),
        Err(_) => whole,
    }
}

/// Escapes regex metacharacters for tantivy's (fst) regex syntax.
fn regex_syntax_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~\"<>@".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexing_is_lenient() {
        assert_eq!(lex("\"unclosed"), vec![Tok::Phrase("unclosed".into(), 0)]);
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
                Tok::Phrase("a b".into(), 3),
                Tok::Minus,
                Tok::Word("c".into())
            ]
        );
        assert_eq!(
            lex("date:[2022-01 TO 2022-06]"),
            vec![
                Tok::Field("date".into()),
                Tok::Range("2022-01".into(), "2022-06".into())
            ]
        );
        assert_eq!(lex("16:31"), vec![Tok::Word("16:31".into())]);
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
