//! Named entities (people, places, organisations) of an article. A trained sequence
//! tagger (`tagger`, trained by `train_ner` on NERGrit) finds the mentions in the title,
//! body and captions; `normalize` turns each into one canonical name; within an
//! article a one-word person mention (`Kim`, `Putin`) is linked to the full name it
//! is the first or last word of (`Kim Jong Un`), each name takes the kind it is
//! tagged with most often, and names are ordered by how often they are mentioned.
//! A name in the curated alias tables of `normalize` takes the kind it is listed under.
//!
//! Title-case headlines confuse a tagger trained on running text, so a name found only
//! in the title is kept only when the article has no body.

pub mod clean;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod lexicon;
pub mod normalize;
pub mod resolve;
pub mod tagger;
pub mod tokenize;
pub mod train;

pub use normalize::{normalize_name, Kind};

use crate::article::{Article, Entities};
use std::collections::HashMap;

/// One tagged mention in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub kind: Kind,
    /// The text as written, from the first to the last token.
    pub surface: String,
    /// Byte offsets in the text.
    pub start: usize,
    pub end: usize,
}

/// Tags a piece of running text (sentences are split inside) with the built-in model,
/// then corrects the spans with the well-known names of `gazetteer` (see
/// [`sentence_spans`]).
pub fn mentions(text: &str) -> Vec<Mention> {
    mentions_with(tagger::builtin(), text)
}

/// [`mentions`] with a given model (the English one for English articles).
pub fn mentions_with(model: &tagger::Model, text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let base = para.as_ptr() as usize - text.as_ptr() as usize;
        let toks = tokenize::tokenize(para);
        for sent in tokenize::sentences(&toks) {
            let words: Vec<&str> = sent.iter().map(|t| t.text).collect();
            for (s, e, kind) in sentence_spans(model, &words) {
                let (start, end) = (sent[s].start, sent[e - 1].end);
                out.push(Mention {
                    kind,
                    surface: para[start..end].to_string(),
                    start: base + start,
                    end: base + end,
                });
            }
        }
    }
    out
}

/// Token spans `(start, end, kind)` of one sentence: the tagger's spans, where a span
/// that starts with a well-known place or organisation followed by more capitalised
/// words (`Rusia Vladimir Putin`, after `Presiden`) is split after the known name and
/// the rest tagged again in the sentence without the known name; a span that is exactly a known name takes the
/// listed kind; capitalised known names the tagger missed are added.
pub fn sentence_spans(model: &tagger::Model, words: &[&str]) -> Vec<(usize, usize, Kind)> {
    let tagged = tagged_spans(model, words);
    let lower: Vec<std::borrow::Cow<str>> = words.iter().map(|w| features::lower_case(w)).collect();
    let lower_refs: Vec<&str> = lower.iter().map(|s| s.as_ref()).collect();
    let known: Vec<(usize, usize, Kind)> = gazetteer::known_names(&lower_refs)
        .into_iter()
        .filter(|k| capitalised(words[k.0]))
        .map(|(s, e, c)| {
            (
                s,
                e,
                if c & gazetteer::G_PLACE != 0 {
                    Kind::Place
                } else {
                    Kind::Org
                },
            )
        })
        .collect();
    // In English a known place often starts a longer name (`New York Stock
    // Exchange`, `Bank of England`): the English model's span is kept whole.
    let english = tagger::is_builtin_en(model);
    let mut out: Vec<(usize, usize, Kind)> = Vec::new();
    for (i, &(s, e, kind)) in tagged.iter().enumerate() {
        if let Some(&(_, ke, kk)) = known
            .iter()
            .filter(|_| !english)
            .find(|k| k.0 == s && k.1 < e && capitalised(words[k.1]))
        {
            out.push((s, ke, kk));
            let next_start = tagged.get(i + 1).map(|n| n.0).unwrap_or(words.len());
            let mut end = e;
            while end < next_start && end - ke < 6 && capitalised(words[end]) {
                end += 1;
            }
            // Tag the sentence again without the known name, so the rest keeps its context.
            let mut seq: Vec<&str> = words[..s].to_vec();
            seq.extend_from_slice(&words[ke..]);
            for (a, b, k) in tagged_spans(model, &seq) {
                let (a, b) = (a + ke - s, b + ke - s);
                if a >= ke && b <= end {
                    out.push((a, b, k));
                }
            }
        } else if let Some(&(_, _, kk)) = known.iter().find(|k| k.0 == s && k.1 == e) {
            out.push((s, e, kk));
        } else {
            out.push((s, e, kind));
        }
    }
    for &(ks, ke, kk) in &known {
        if !out.iter().any(|o| o.0 < ke && ks < o.1) {
            out.push((ks, ke, kk));
        }
    }
    if english {
        titled_people(words, &mut out);
        listed_names(words, &mut out);
        company_names(words, &mut out);
    }
    out.sort_by_key(|o| (o.0, o.1));
    out
}

/// In English, the capitalised words after a person's title are a person: `President
/// Reagan`, `Treasury Secretary James Baker`, `Mr. Reagan` (the English model, trained
/// on a small Wikipedia set, misses many news names or calls them places). The run
/// replaces what the tagger found inside it; a span that began before the title
/// (`Federal Reserve Board Chairman Paul Volcker`) keeps its words before the title.
fn titled_people(words: &[&str], spans: &mut Vec<(usize, usize, Kind)>) {
    for t in 0..words.len() {
        if !normalize::is_english_title(words[t]) {
            continue;
        }
        let mut s = t + 1;
        // `Mr.` may come as `Mr` and `.`; `Secretary General Javier Perez de Cuellar`.
        while s < words.len() && (words[s] == "." || normalize::is_english_rank(words[s])) {
            s += 1;
        }
        let mut e = s;
        while e < words.len()
            && e - s < 4
            && capitalised(words[e])
            && !normalize::is_english_title(words[e])
            && !gazetteer::is_calendar(&words[e].to_lowercase())
        {
            e += 1;
        }
        if e == s || clean::ends_with_company_suffix(&words[s..e].join(" ")) {
            continue;
        }
        // A span reaching past the run is a longer name (`President Reagan's
        // administration` is not, `Chairman Mao Memorial Hall` may be).
        if spans.iter().any(|o| o.0 < e && o.1 > e) {
            continue;
        }
        spans.retain_mut(|o| {
            if o.1 <= t || o.0 >= e {
                return true;
            }
            // `Federal Reserve Board` before `Chairman` stays when it is a listed name;
            // `Indonesian Energy` before `Minister` is a description, not a name.
            if o.0 < t && normalize::listed_kind(&words[o.0..t].join(" ")).is_some() {
                o.1 = t;
                return true;
            }
            false
        });
        spans.push((s, e, Kind::Person));
    }
}

/// In English, listed places and organisations the tagger missed (`OPEC`, `EC`,
/// `European Community`: the alias tables of `normalize`, with names.tsv): a run of up
/// to four words that starts and ends with a capital and is listed under a place or
/// organisation, or one all-capital word (so `As` opening a sentence is not
/// `Amerika Serikat`). The longest listed run wins; runs overlapping a tagged span are
/// left to the tagger.
fn listed_names(words: &[&str], spans: &mut Vec<(usize, usize, Kind)>) {
    let mut i = 0;
    while i < words.len() {
        let mut next = i + 1;
        if capitalised(words[i]) && normalize::starts_a_listed_name(words[i]) {
            for j in (i + 1..=(i + 4).min(words.len())).rev() {
                if !capitalised(words[j - 1]) || (j == i + 1 && !is_acronym(words[i])) {
                    continue;
                }
                let listed = normalize::listed_kind(&words[i..j].join(" "));
                if let Some(kind) = listed.filter(|k| *k != Kind::Person) {
                    if !spans.iter().any(|o| o.0 < j && i < o.1) {
                        spans.push((i, j, kind));
                    }
                    next = j;
                    break;
                }
            }
        }
        i = next;
    }
}

/// In English, a run of capitalised words that ends in a company suffix is one
/// organisation (`Standard Oil Co`, `Merrill Lynch and Co Inc`, `Donaldson, Lufkin and
/// Jenrette Securities Corp`): the English model, trained on Wikipedia, tags the first
/// words of such names as people. The run may hold `and`, `&` and `of` between
/// capitalised words, and one comma after its first word (`Goldman, Sachs and Co`, the
/// old form of a partnership's name); spans inside it give way to it.
fn company_names(words: &[&str], spans: &mut Vec<(usize, usize, Kind)>) {
    let joins = |w: &str| matches!(w, "and" | "&");
    for at in 1..words.len() {
        // The second half of a partnership's name (`Standard and Poor's`,
        // `Securities and Exchange Commission`) ends it like a suffix does.
        let tail = at >= 2 && joins(words[at - 1]) && clean::is_org_tail(words[at]);
        if !capitalised(words[at]) || !(tail || clean::ends_with_company_suffix(words[at])) {
            continue;
        }
        let mut end = at;
        while tail && end + 1 < words.len() && end - at < 3 && clean::is_org_tail(words[end + 1]) {
            end += 1;
        }
        // `Trade and Industry Secretary Jose Concepcion`: a portfolio before a title.
        if tail
            && words
                .get(end + 1)
                .is_some_and(|w| normalize::is_english_title(w))
        {
            continue;
        }
        let mut s = end;
        while s > 0 && end - s < 7 {
            let w = words[s - 1];
            // `of` only inside a bank's name (`Bank of Boston Corp`): elsewhere it
            // reaches back to the sentence's first word (`Shares of ... Inc`).
            let joined = joins(w) || (w == "of" && s >= 2 && words[s - 2] == "Bank");
            // A suffix ends the company before it (`... Securities Corp and Merrill
            // Lynch and Co Inc`), unless the suffixes are a chain (`Co Inc`).
            let suffix = |w: &str| clean::ends_with_company_suffix(w);
            let chain = words[s..=end].iter().all(|w| suffix(w));
            if (capitalised(w) && (!suffix(w) || chain))
                || (joined && s >= 2 && capitalised(words[s - 2]) && !suffix(words[s - 2]))
            {
                s -= 1;
            } else {
                break;
            }
        }
        // `Goldman, Sachs and Co`: one capitalised word before a comma, itself not
        // after another capitalised word (that would be a list of names).
        if s >= 2
            && words[s - 1] == ","
            && capitalised(words[s - 2])
            && (s == 2 || !capitalised(words[s - 3]))
            && words[s..end].iter().any(|w| joins(w))
        {
            s -= 2;
        }
        // An organisation the tagger found around it (`Ministry of International
        // Trade and Industry`) is the longer name.
        if s == end
            || spans
                .iter()
                .any(|o| o.0 <= s && o.1 > end && o.2 == Kind::Org)
        {
            continue;
        }
        spans.retain(|o| o.1 <= s || o.0 > end);
        spans.push((s, end + 1, Kind::Org));
    }
}

/// `OPEC`, `U.S.`: two or more letters, all capitals.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase)
}

fn tagged_spans(model: &tagger::Model, words: &[&str]) -> Vec<(usize, usize, Kind)> {
    eval::spans(&model.tag_labels(words))
        .into_iter()
        .filter_map(|s| Kind::from_tag(&s.kind).map(|k| (s.start, s.end, k)))
        .collect()
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A normalised mention with where it came from.
pub(crate) struct Found {
    pub(crate) kind: Kind,
    pub(crate) name: String,
    pub(crate) in_title: bool,
}

/// Extracts normalised entities from an article's title, body and captions (cleaned
/// of outlet names, credits and bylines first, see `clean`), merged with the entities
/// the article came with (a publisher's tags), all in canonical form.
pub fn extract(a: &Article) -> Entities {
    let model = if a.lang == "en" {
        tagger::builtin_en()
    } else {
        tagger::builtin()
    };
    let outlets = clean::Outlets::for_source(&a.source);
    let mut found: Vec<Found> = Vec::new();
    // Companies named with their legal form in the text (`Standard Oil Co`).
    let mut companies: Vec<String> = Vec::new();
    let mut add = |text: &str, in_title: bool| {
        let text = clean::clean_text(text, &outlets);
        let mut ms = mentions_with(model, &text);
        clean::fix_mentions(&text, &mut ms);
        clean::join_org_halves(&text, &mut ms);
        for m in ms {
            // `Anies - Sandi`, `Prabowo/Sandi`: a pair of people, each on its own.
            if m.kind == Kind::Person {
                let seps = [" - ", " – ", "/"];
                if let Some(sep) = seps.iter().find(|s| m.surface.contains(*s)) {
                    for part in m.surface.split(sep) {
                        let name = normalize_name(Kind::Person, part);
                        if is_name(&name) {
                            found.push(Found {
                                kind: Kind::Person,
                                name,
                                in_title,
                            });
                        }
                    }
                    continue;
                }
            }
            let mut kind = m.kind;
            if kind == Kind::Person
                && (clean::starts_with_institution(&m.surface)
                    || clean::ends_with_company_suffix(&m.surface))
            {
                kind = Kind::Org;
            }
            let mut name = normalize_name(kind, &m.surface);
            if let Some(listed) = normalize::listed_kind_over(&name, kind) {
                kind = listed;
                name = normalize_name(kind, &m.surface);
            }
            if is_name(&name) {
                if kind == Kind::Org && !in_title && clean::ends_with_company_suffix(&m.surface) {
                    companies.push(name.clone());
                }
                found.push(Found {
                    kind,
                    name,
                    in_title,
                });
            }
        }
    };
    add(&a.title, true);
    add(&a.body, false);
    for c in &a.captions {
        add(c, false);
    }
    resolve::link_acronyms(&a.body, &mut found);
    // The article's own tags (Reuters' `USA`, `james-baker`) count as text mentions.
    for (kind, names) in [
        (Kind::Person, &a.entities.person),
        (Kind::Place, &a.entities.place),
        (Kind::Org, &a.entities.org),
    ] {
        for n in names {
            let name = normalize_name(kind, n);
            if is_name(&name) {
                found.push(Found {
                    kind,
                    name,
                    in_title: false,
                });
            }
        }
    }
    link_short_person_names(&mut found);
    link_short_names_to_orgs(&mut found, &companies);
    let has_body = !a.body.trim().is_empty();
    rank(found, has_body)
}

/// Drops leftovers that are not names: one letter, calendar words, bare titles,
/// generic words (`Government`), initials alone (`N.Y`, `E.F`).
fn is_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    let initials_only = name.contains('.')
        && name
            .split(|c: char| c.is_whitespace() || c == '.')
            .all(|w| w.chars().count() <= 2);
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !initials_only
        && !gazetteer::is_calendar(&lower)
        && !gazetteer::is_title(&lower)
        && !clean::is_generic(name)
        && !clean::is_outlet(name)
}

/// `Kim` (or `Kim Jong`) becomes `Kim Jong Un` when the article names `Kim Jong Un`:
/// a person name whose words start or end a longer person name in the same article is
/// linked to it (the most mentioned when several fit; ties go to the first seen).
fn link_short_person_names(found: &mut [Found]) {
    // Full names (with their key's words) and how often each is mentioned.
    let mut full: Vec<(String, Vec<String>, usize)> = Vec::new();
    for f in found
        .iter()
        .filter(|f| f.kind == Kind::Person && f.name.contains(' '))
    {
        match full.iter_mut().find(|(n, _, _)| *n == f.name) {
            Some(e) => e.2 += 1,
            None => {
                let words = normalize::key(&f.name)
                    .split(' ')
                    .map(str::to_string)
                    .collect();
                full.push((f.name.clone(), words, 1));
            }
        }
    }
    if full.is_empty() {
        return;
    }
    for f in found.iter_mut().filter(|f| f.kind == Kind::Person) {
        let short = normalize::key(&f.name);
        let short: Vec<&str> = short.split(' ').collect();
        let mut best: Option<&(String, Vec<String>, usize)> = None;
        for cand in &full {
            let long = &cand.1;
            let fits = long.len() > short.len()
                && (long.iter().zip(&short).all(|(a, b)| a == b)
                    || (short.len() == 1 && resolve::is_first_name_prefix(short[0], &long[0]))
                    || long
                        .iter()
                        .rev()
                        .zip(short.iter().rev())
                        .all(|(a, b)| a == b));
            if fits && best.is_none_or(|b| cand.2 > b.2) {
                best = Some(cand);
            }
        }
        if let Some(b) = best {
            f.name = b.0.clone();
        }
    }
}

/// `Standard said ...` after `Standard Oil Co`: a one-word person name no full person
/// name took (see [`link_short_person_names`]) that is the first word of a company the
/// text names with its legal form is that company, called by its short name (`Reagan`
/// stays a person beside the `Reagan Administration`).
fn link_short_names_to_orgs(found: &mut [Found], companies: &[String]) {
    let firsts: Vec<(String, &String)> = companies
        .iter()
        .filter(|c| c.contains(' '))
        .map(|c| {
            let key = normalize::key(c);
            (key.split(' ').next().unwrap_or("").to_string(), c)
        })
        .collect();
    if firsts.is_empty() {
        return;
    }
    for f in found
        .iter_mut()
        .filter(|f| f.kind == Kind::Person && !f.name.contains(' '))
    {
        let key = normalize::key(&f.name);
        if let Some((_, org)) = firsts.iter().find(|(first, _)| *first == key) {
            f.kind = Kind::Org;
            f.name = (*org).clone();
        }
    }
}

/// Groups mentions by name (case-insensitive), gives each name its most frequent kind,
/// and orders names by mention count, then first appearance.
fn rank(found: Vec<Found>, has_body: bool) -> Entities {
    struct Entry {
        name: String,
        first: usize,
        count: usize,
        in_text: bool,
        kinds: HashMap<Kind, usize>,
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, f) in found.into_iter().enumerate() {
        let k = normalize::key(&f.name);
        let idx = *by_key.entry(k).or_insert_with(|| {
            entries.push(Entry {
                name: f.name.clone(),
                first: i,
                count: 0,
                in_text: false,
                kinds: HashMap::new(),
            });
            entries.len() - 1
        });
        let e = &mut entries[idx];
        e.count += 1;
        e.in_text |= !f.in_title;
        *e.kinds.entry(f.kind).or_default() += 1;
    }
    entries.retain(|e| e.in_text || !has_body);
    entries.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
    let mut out = Entities::default();
    for e in entries {
        let kind = e
            .kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| *k)
            .unwrap_or(Kind::Org);
        match kind {
            Kind::Person => out.person.push(e.name),
            Kind::Place => out.place.push(e.name),
            Kind::Org => out.org.push(e.name),
        }
    }
    out
}

/// The canonical form of a name typed in a query or filter (`jokowi` -> `Joko Widodo`).
pub fn normalize_query_name(kind: &str, name: &str) -> String {
    match kind.parse::<Kind>() {
        Ok(k) => normalize_name(k, name.trim()),
        Err(_) => name.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(body: &str) -> Entities {
        extract(&Article {
            title: "A story".into(),
            lang: "en".into(),
            body: body.into(),
            ..Article::default()
        })
    }

    #[test]
    fn english_names_after_a_title_are_people() {
        let e = english(
            "A spokesman said President Reagan would speak. Mr. Lawson agreed, and \
             Federal Reserve Board Chairman Paul Volcker and Indonesian Energy Minister \
             Subroto met U.N. Secretary General Javier Perez de Cuellar.",
        );
        for p in ["Reagan", "Lawson", "Paul Volcker", "Subroto"] {
            assert!(e.person.iter().any(|n| n == p), "{p} in {e:?}");
        }
        assert!(
            e.person.iter().any(|n| n.starts_with("Javier Perez")),
            "{e:?}"
        );
        // The listed name before a title stays; a description before one does not.
        assert!(e.org.iter().any(|n| n == "The Fed"), "{e:?}");
        let all = [&e.person, &e.place, &e.org];
        assert!(
            !all.iter().any(|l| l.iter().any(|n| n.contains("Energy"))),
            "{e:?}"
        );
    }

    #[test]
    fn company_names_are_not_people() {
        let e = english(
            "Shares of King World Productions Inc rose, and Cargill U.K. Ltd said \
             General Motors Corp's sales fell.",
        );
        assert!(
            !e.person
                .iter()
                .any(|n| n.contains("Productions") || n.contains("Ltd") || n == "General"),
            "{e:?}"
        );
    }

    #[test]
    fn company_names_are_whole_organisations() {
        let e = english(
            "Goldman, Sachs and Co said it sold shares of Standard Oil Co to \
             Donaldson, Lufkin and Jenrette Securities Corp and Merrill Lynch and Co Inc. \
             Analysts at Goldman Sachs agreed.",
        );
        for o in ["Goldman Sachs", "Standard Oil", "Merrill Lynch"] {
            assert!(e.org.iter().any(|n| n == o), "{o} in {e:?}");
        }
        assert!(
            e.org
                .iter()
                .any(|n| n.starts_with("Donaldson Lufkin and Jenrette")),
            "{e:?}"
        );
        assert!(e.person.is_empty(), "{e:?}");
        assert_eq!(e.org.iter().filter(|n| n.contains("Goldman")).count(), 1);
        let e = english("Standard Oil Co said it sold a unit. Standard said the price was fair.");
        assert_eq!(e.org, vec!["Standard Oil"], "{e:?}");
        let e = english(
            "Trade and Industry Secretary Jose Concepcion said the Securities and \
             Exchange Commission agreed.",
        );
        assert_eq!(e.person, vec!["Jose Concepcion"], "{e:?}");
        assert_eq!(e.org, vec!["Securities and Exchange Commission"], "{e:?}");
        let e = english("Reagan Administration officials said President Reagan agreed.");
        assert_eq!(e.person, vec!["Reagan"], "{e:?}");
        let e = english("The notes were rated A-minus by Standard and Poor's. They were sold.");
        assert_eq!(e.org, vec!["Standard and Poor's"], "{e:?}");
        let e = english("Standard Oil Co said it sold a unit. Standard said the price was fair.");
        assert_eq!(e.org, vec!["Standard Oil"], "{e:?}");
        assert!(e.person.is_empty(), "{e:?}");
    }

    #[test]
    fn listed_organisations_the_english_model_misses_are_found() {
        let e = english(
            "Traders said OPEC is producing above its ceiling, and the EC statistics \
             office said output rose. As prices fell, the European Community met.",
        );
        assert!(e.org.iter().any(|n| n == "OPEC"), "{e:?}");
        assert!(e.org.iter().any(|n| n == "Masyarakat Eropa"), "{e:?}");
        // `As` opening a sentence is no acronym of Amerika Serikat.
        assert!(!e.place.iter().any(|n| n == "Amerika Serikat"), "{e:?}");
    }
}
