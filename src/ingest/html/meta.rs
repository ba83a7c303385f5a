//! What an HTML page says about itself outside the article text: `<meta>` tags
//! (Open Graph, Dublin Core, microdata `itemprop`), JSON-LD article objects, the
//! `<title>` and `<link rel=canonical>`, collected once so the field pickers in
//! `fields.rs` can ask for them by name.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static LINK: LazyLock<Selector> = LazyLock::new(|| sel("link[href]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| sel("script[type]"));

/// Parses a selector written in this file (all of them are valid CSS).
pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| panic!("invalid built-in selector {css}"))
}

/// The page's self-description.
#[derive(Debug, Default)]
pub struct Head {
    /// `(key, value)` for every `<meta>`: key is the lower-cased `property`, `name`
    /// or `itemprop`; value the `content` (or `href`/`itemid` for microdata).
    metas: Vec<(String, String)>,
    /// JSON-LD objects whose `@type` is an article type, in page order.
    pub ld_articles: Vec<Value>,
    /// Text of the first `<title>`.
    pub title_tag: Option<String>,
    /// `href` of `<link rel=canonical>`, when not empty.
    pub canonical: Option<String>,
}

impl Head {
    pub fn collect(doc: &Html) -> Head {
        let mut head = Head::default();
        for m in doc.select(&META) {
            let v = m.value();
            let value = v
                .attr("content")
                .or_else(|| v.attr("href"))
                .or_else(|| v.attr("itemid"));
            let Some(value) = value.map(str::trim).filter(|s| !s.is_empty()) else {
                continue;
            };
            for key_attr in ["property", "name", "itemprop"] {
                if let Some(key) = v.attr(key_attr) {
                    head.metas
                        .push((key.trim().to_lowercase(), value.to_string()));
                }
            }
        }
        head.title_tag = doc
            .select(&TITLE)
            .next()
            .map(|t| t.text().collect::<String>());
        head.canonical = doc
            .select(&LINK)
            .filter(|l| {
                l.value()
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
            })
            .filter_map(|l| l.value().attr("href"))
            .map(str::trim)
            .find(|h| !h.is_empty())
            .map(str::to_string);
        for script in doc.select(&LD_JSON) {
            if script
                .value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            {
                let raw: String = script.text().collect();
                if let Some(v) = parse_json_lenient(&raw) {
                    collect_ld_articles(&v, &mut head.ld_articles, 0);
                }
            }
        }
        head
    }

    /// The first non-empty value of a meta key (lower case).
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a meta key, in page order.
    pub fn metas<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A string field of the first JSON-LD article that has it.
    pub fn ld_str(&self, field: &str) -> Option<String> {
        self.ld_articles
            .iter()
            .find_map(|a| a.get(field).and_then(ld_text))
    }
}

/// JSON as pages embed it: tolerates raw control characters inside strings and
/// HTML comment wrappers; gives up quietly on anything else.
fn parse_json_lenient(raw: &str) -> Option<Value> {
    let trimmed = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim();
    serde_json::from_str(trimmed).ok().or_else(|| {
        let cleaned: String = trimmed
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&cleaned).ok()
    })
}

fn collect_ld_articles(v: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| collect_ld_articles(i, out, depth + 1)),
        Value::Object(map) => {
            if is_article_type(map.get("@type")) {
                out.push(v.clone());
            }
            if let Some(graph) = map.get("@graph") {
                collect_ld_articles(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article_type(t: Option<&Value>) -> bool {
    let is_article = |s: &str| {
        let s = s.to_lowercase();
        s.ends_with("article") || s == "blogposting" || s == "report" || s == "liveblogposting"
    };
    match t {
        Some(Value::String(s)) => is_article(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

/// Text of a JSON-LD value: a string, or the `name`/`@id`/`url` of an object, or the
/// first such of an array.
pub fn ld_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Object(m) => ["name", "@id", "url"]
            .iter()
            .find_map(|k| m.get(*k).and_then(ld_text))?,
        Value::Array(items) => items.iter().find_map(ld_text)?,
        _ => return None,
    };
    let s = decode_entities(s.trim());
    (!s.is_empty()).then_some(s)
}

/// Names in a JSON-LD `author` value (a string, a Person, or a list of them);
/// organisations are left out.
pub fn ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![decode_entities(s)],
        Value::Object(m) => {
            let org = m
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("organization"));
            match (org, m.get("name").and_then(ld_text)) {
                (false, Some(n)) => vec![n],
                _ => vec![],
            }
        }
        Value::Array(items) => items.iter().flat_map(ld_names).collect(),
        _ => vec![],
    }
}

/// Decodes HTML character references left inside JSON-LD or attribute text.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let frag = Html::parse_fragment(s);
    frag.root_element().text().collect()
}

/// Text of an element with white space collapsed (text nodes joined as they are).
pub fn element_text(el: ElementRef) -> String {
    crate::ingest::collapse_ws(&el.text().collect::<String>())
}

/// Text of an element with a space between text nodes, so that `<span>date</span>
/// <span>time</span>` never glue together.
pub fn element_text_spaced(el: ElementRef) -> String {
    crate::ingest::collapse_ws(&el.text().collect::<Vec<_>>().join(" "))
}
