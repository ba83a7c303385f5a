//! Authors: JSON-LD `author`, microdata `itemprop=author`, byline elements,
//! labelled credit lines (`Penulis : ...`, `Oleh ...`), else the `author` metas;
//! the outlet's own name, photo credits and editors are not authors.

use super::meta::{decode_entities, element_text_spaced, ld_names, sel, Head};
use crate::extract::authors;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

static CREDIT_LINE: LazyLock<Selector> = LazyLock::new(|| sel("tr, p, div, span, li, dd, small"));
/// Short lines that credit the writer by label (`Penulis : Ani`, `Oleh Budi`).
fn labelled_bylines(doc: &Html) -> Vec<String> {
    doc.select(&CREDIT_LINE)
        .map(element_text_spaced)
        .filter(|t| {
            t.chars().count() <= 120
                && authors::labelled(t)
                    .is_some_and(|l| l.looks_like_credit() && !l.label.starts_with("laporan"))
        })
        .take(3)
        .collect()
}

static BYLINE: LazyLock<Selector> =
    LazyLock::new(|| sel("[class], [id], [rel=author], [itemprop]"));
/// Authors from JSON-LD, microdata, a byline element, or the `author` meta tag
/// (whichever gives names first); the outlet's own name is not an author.
pub fn authors(doc: &Html, head: &Head, brands: &[String]) -> Vec<String> {
    let clean = |names: Vec<String>| -> Vec<String> {
        names
            .iter()
            .flat_map(|n| authors::byline(n, brands))
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
