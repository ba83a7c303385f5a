//! Authors: JSON-LD `author`, microdata `itemprop=author`, byline elements,
//! labelled credit lines (`Penulis : ...`, `Oleh ...`), else the `author` metas;
//! the outlet's own name, photo credits and editors are not authors.

use super::fields::squash;
use super::meta::{decode_entities, element_text_spaced, ld_names, sel, Head};
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

static CREDIT_LINE: LazyLock<Selector> = LazyLock::new(|| sel("tr, p, div, span, li, dd, small"));
static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:penulis|pewarta|reporter|wartawan|oleh|rep)\s*:\s*\S|^(?i:oleh|by|penulis|pewarta|reporter)\s+\p{Lu}")
        .expect("valid regex")
});

/// Short lines that credit the writer by label (`Penulis : Ani`, `Oleh Budi`).
fn labelled_bylines(doc: &Html) -> Vec<String> {
    doc.select(&CREDIT_LINE)
        .map(element_text_spaced)
        .filter(|t| t.chars().count() <= 120 && CREDIT_LABEL.is_match(t))
        .take(3)
        .collect()
}

static BYLINE: LazyLock<Selector> =
    LazyLock::new(|| sel("[class], [id], [rel=author], [itemprop]"));
static AUTHOR_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(by|oleh|penulis|pewarta|reporter|wartawan|laporan wartawan|written by|author)\s*:?\s+")
        .expect("valid regex")
});
/// `Kontributor Lhokseumawe, Masriadi` -> `Masriadi`.
static CONTRIBUTOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*:?\s*kontributor\s+[^,]+,\s*").expect("valid regex"));
/// Credits that follow the author in the same element (`Editor : ...`).
static OTHER_CREDITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(editor|penyunting|redaktur|sumber|fotografer|foto)\b.*$")
        .expect("valid regex")
});
/// A role word after the name (`Dewi Kania Jurnalis`).
static ROLE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(jurnalis|reporter|wartawan|kontributor|penulis|koresponden)\s*$")
        .expect("valid regex")
});

/// Authors from JSON-LD, microdata, a byline element, or the `author` meta tag
/// (whichever gives names first); the outlet's own name is not an author.
pub fn authors(doc: &Html, head: &Head, brands: &[String]) -> Vec<String> {
    let clean = |names: Vec<String>| -> Vec<String> {
        names
            .iter()
            .flat_map(|n| split_names(n, brands))
            .collect::<Vec<_>>()
    };
    let ld: Vec<String> = head
        .ld_articles
        .iter()
        .filter_map(|a| a.get("author"))
        .flat_map(ld_names)
        .collect();
    let from_ld = clean(ld);
    if !from_ld.is_empty() {
        return from_ld;
    }
    let mut microdata = Vec::new();
    let mut bylines = Vec::new();
    for el in doc.select(&BYLINE) {
        let v = el.value();
        if v.name() == "meta" || v.name() == "link" {
            continue;
        }
        let itemprop = v.attr("itemprop").unwrap_or("").to_lowercase();
        if itemprop == "author" || itemprop == "creator" {
            microdata.push(element_text_spaced(el));
            continue;
        }
        let ci = format!(
            "{} {} {}",
            v.attr("class").unwrap_or(""),
            v.attr("id").unwrap_or(""),
            v.attr("rel").unwrap_or("")
        )
        .to_lowercase();
        if [
            "author", "byline", "penulis", "reporter", "writer", "pewarta",
        ]
        .iter()
        .any(|w| ci.contains(w))
            && !["box", "bio", "avatar", "photo", "img"]
                .iter()
                .any(|w| ci.contains(w))
            && !in_picture(el)
        {
            let text = element_text_spaced(el);
            if text.chars().count() <= 100 {
                bylines.push(text);
            }
        }
    }
    for names in [microdata, bylines, labelled_bylines(doc)] {
        let c = clean(names);
        if !c.is_empty() {
            return c.into_iter().take(4).collect();
        }
    }
    let metas: Vec<String> = [
        "author",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
        "article:author",
        "content_author",
        "dtk:author",
        "byl",
    ]
    .iter()
    .flat_map(|k| head.metas(k))
    .map(decode_entities)
    .collect();
    clean(metas)
}

/// Photo credits sit inside figures and photo blocks.
fn in_picture(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .take(4)
        .any(|a| {
            let v = a.value();
            let ci = format!(
                "{} {}",
                v.attr("class").unwrap_or(""),
                v.attr("id").unwrap_or("")
            )
            .to_lowercase();
            v.name() == "figure"
                || ["photo", "foto", "caption", "image", "gambar", "pic"]
                    .iter()
                    .any(|w| ci.contains(w))
        })
}

/// `Oleh: Ani dan Budi - detikNews` -> `Ani`, `Budi`.
fn split_names(raw: &str, brands: &[String]) -> Vec<String> {
    let text = crate::ingest::collapse_ws(raw);
    let text = AUTHOR_PREFIX.replace(&text, "");
    let text = CONTRIBUTOR.replace(&text, "");
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
    for part in text
        .split([',', '&', ';', '/'])
        .flat_map(|p| p.split(" dan "))
        .flat_map(|p| p.split(" and "))
    {
        let name = part
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
        let name = ROLE_SUFFIX.replace(name, "");
        let name = name.trim();
        let words = name.split_whitespace().count();
        let looks_like_name = (1..=5).contains(&words)
            && name.chars().count() >= 3
            && name.chars().count() <= 60
            && !name
                .chars()
                .any(|c| c.is_ascii_digit() || c == '@' || c == ':')
            && !name.contains("http")
            && name.chars().next().is_some_and(char::is_uppercase)
            && !brands.iter().any(|b| squash(name).contains(b.as_str()));
        if looks_like_name {
            out.push(name.to_string());
        }
    }
    out
}
