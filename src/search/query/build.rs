//! From a syntax tree to a tantivy query over the archive's fields: which fields a word
//! searches and with what weight, stemmed and exact forms, phrases, names and dates.

use super::parse::{self, Field as QField, Leaf, Node, Occur as QOccur, WordKind};
use super::plan;
use super::Weights;
use crate::analysis::keyword_key;
use crate::article::source_key;
use crate::index::Archive;
use crate::search::entity_filter::entity_query;
use crate::search::topk;
use anyhow::Result;
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// A query built for the archive, ready to run.
pub struct Built {
    /// What a document must match, and its score.
    pub query: Box<dyn Query>,
    /// For bare words: a bonus for documents where they stand close together, in order.
    /// It changes no match, so it is only scored for the best candidates
    /// (`search::page`). One clause per field, each adding its score where it matches.
    pub proximity: Option<Vec<Box<dyn Query>>>,
    /// The same query for the pruned ranking, when it is only bare words.
    pub plan: Option<topk::Plan>,
    /// Number of words and phrases that gave terms.
    pub words: usize,
}

/// Builds a parsed query for the archive; `None` when none of its words gives a term
/// in any field.
pub fn build(archive: &Archive, q: &parse::Query, w: &Weights) -> Result<Option<Built>> {
    let mut b = Builder {
        a: archive,
        w: *w,
        seeked: false,
    };
    b.seeked = plan::seek_words(&b, &q.root);
    let mut words = 0;
    let Some(query) = b.node(&q.root, &mut words)? else {
        return Ok(None);
    };
    let bare = q.bare_words.as_deref();
    let proximity = bare
        .filter(|w| w.len() >= 2 && words >= 2)
        .and_then(|w| plan::proximity(&b, &w.join(" ")));
    let plan = bare.and_then(|_| plan::topk(&b, &q.root, q.mode));
    Ok(Some(Built {
        query,
        proximity,
        plan,
        words,
    }))
}

#[cfg(test)]
impl Builder<'_> {
    fn seeks(&self, root: &Node) -> bool {
        plan::seek_words(self, root)
    }
}

fn occur(o: QOccur) -> Occur {
    match o {
        QOccur::Must => Occur::Must,
        QOccur::Should => Occur::Should,
        QOccur::MustNot => Occur::MustNot,
    }
}

pub(super) struct Builder<'a> {
    pub(super) a: &'a Archive,
    w: Weights,
    /// Several words are required, so each word's union is seeked to the candidates
    /// of the others (see `union`).
    seeked: bool,
}

impl Builder<'_> {
    fn node(&self, e: &Node, words: &mut usize) -> Result<Option<Box<dyn Query>>> {
        match e {
            Node::Leaf(l) => self.leaf(l, words),
            Node::Bool(clauses) => {
                let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (occ, sub) in clauses {
                    if let Some(q) = self.node(sub, words)? {
                        out.push((occur(*occ), q));
                    }
                }
                if out.is_empty() {
                    return Ok(None);
                }
                if out.iter().all(|(o, _)| *o == Occur::MustNot) {
                    out.push((Occur::Must, self.a.all_articles()));
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
            Leaf::Date(r) => Ok(Some(self.a.published_between(r.from, r.to))),
            Leaf::Word {
                text,
                field: Some(field),
                ..
            }
            | Leaf::Phrase {
                text,
                field: Some(field),
                ..
            } if field.is_keyword() => {
                if text.trim().is_empty() {
                    return Ok(None);
                }
                *words += 1;
                Ok(Some(match field {
                    QField::Source => term_q(f.source_key, &source_key(text)),
                    QField::Lang => term_q(f.lang, &text.to_lowercase()),
                    QField::Author => name_query(f.author, text),
                    QField::Person => entity_query(self.a, f.person, "person", text)?,
                    QField::Place => entity_query(self.a, f.place, "place", text)?,
                    _ => entity_query(self.a, f.org, "org", text)?,
                }))
            }
            Leaf::Word { text, field, kind } => {
                let q = self.word_clauses(text, *field, *kind).build(self.seeked);
                if q.is_some() {
                    *words += 1;
                }
                Ok(q)
            }
            Leaf::Phrase { text, slop, field } => {
                let q = self.text_phrase(text, *slop, *field);
                if q.is_some() {
                    *words += 1;
                }
                Ok(q)
            }
        }
    }

    /// The fields a text word or phrase searches, with their weights.
    fn text_fields(&self, field: Option<QField>) -> Vec<TextField> {
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
            Some(QField::Title) => title.to_vec(),
            Some(QField::Body) => body.to_vec(),
            _ => title.iter().chain(body.iter()).copied().collect(),
        }
    }

    pub(super) fn tokens(&self, field: Field, text: &str) -> Vec<(usize, String)> {
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

    /// The clauses of a word over the fields it searches.
    pub(super) fn word_clauses(
        &self,
        text: &str,
        field: Option<QField>,
        kind: WordKind,
    ) -> Clauses {
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

    fn text_phrase(&self, text: &str, slop: u32, field: Option<QField>) -> Option<Box<dyn Query>> {
        let mut clauses = Clauses::default();
        for tf in self.text_fields(field) {
            let toks = self.tokens(tf.field, text);
            clauses.words(&tf, &toks, slop);
        }
        clauses.build(self.seeked)
    }

    /// The weight of the proximity bonus.
    pub(super) fn proximity_weight(&self) -> f32 {
        self.w.proximity
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
pub(super) struct Clauses {
    /// Each boosted clause, and whether another clause's matches imply its own (one
    /// term in a field whose stemmed field has the word too).
    pub(super) matching: Vec<(Box<dyn Query>, bool)>,
    /// Fields with a one-term `matching` clause.
    term_fields: Vec<Field>,
    bonus: Vec<(Occur, Box<dyn Query>)>,
    /// The same clauses as weighted terms, while each is one term (see `topk`).
    pub(super) plan_terms: Option<Vec<topk::PlanTerm>>,
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
            Box::new(crate::search::union::FieldUnion::new(
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

pub(super) fn phrase(field: Field, toks: &[(usize, String)], slop: u32) -> Box<dyn Query> {
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
    use crate::index::read::test_archive;
    use crate::index::read::tests::article;
    use crate::search::query::{parse::parse, Match};

    /// 40 articles about floods; "gempa" in one of them only.
    fn archive() -> (tempfile::TempDir, Archive) {
        let mut v = Vec::new();
        for i in 0..40 {
            let mut a = article(&format!("a{i}"), "Banjir merendam kota", None);
            a.body = format!("Banjir merendam rumah warga nomor {i} di kota.");
            if i == 7 {
                a.body.push_str(" Gempa kecil terasa di kota.");
            }
            v.push(a);
        }
        test_archive(&v)
    }

    fn built(a: &Archive, q: &str, mode: Match) -> Built {
        let parsed = parse(q, mode).unwrap();
        build(a, &parsed, &Weights::default()).unwrap().unwrap()
    }

    #[test]
    fn bare_words_get_a_pruned_plan_and_a_proximity_bonus() {
        let (_dir, a) = archive();
        let b = built(&a, "banjir rumah", Match::All);
        assert_eq!(b.words, 2);
        assert_eq!(b.plan.map(|p| p.groups.len()), Some(2));
        assert!(b.proximity.is_some());
        // One word, any word, or an operator: tantivy's own union ranks those.
        assert!(built(&a, "banjir", Match::All).plan.is_none());
        assert!(built(&a, "banjir rumah", Match::Any).plan.is_none());
        assert!(built(&a, "banjir -rumah", Match::All).plan.is_none());
        assert!(built(&a, "title:banjir rumah", Match::All).plan.is_none());
    }

    #[test]
    fn a_rare_required_word_makes_the_others_seek_to_it() {
        let (_dir, a) = archive();
        let q = |t: &str| parse(t, Match::All).unwrap();
        let b = |t: &str| {
            Builder {
                a: &a,
                w: Weights::default(),
                seeked: false,
            }
            .seeks(&q(t).root)
        };
        assert!(b("banjir gempa"), "gempa is in 1 of 40 articles");
        assert!(!b("banjir rumah"), "both words are in every article");
        assert!(!b("gempa"), "one word has nothing to seek");
    }

    #[test]
    fn the_built_query_matches_what_the_words_ask_for() {
        let (_dir, a) = archive();
        let searcher = a.reader().unwrap().searcher();
        let count = |t: &str| {
            let b = built(&a, t, Match::All);
            searcher
                .search(&*b.query, &tantivy::collector::Count)
                .unwrap()
        };
        assert_eq!(count("banjir"), 40);
        assert_eq!(count("banjir gempa"), 1);
        assert_eq!(count("menggempa"), 1, "stemmed to gempa");
        assert_eq!(count("banjir -gempa"), 39);
        assert_eq!(count("zzzqqq"), 0);
        assert_eq!(count("\"rumah warga nomor 7\""), 1);
    }
}
