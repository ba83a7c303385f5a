//! Picks the article's identity fields from the page's signals, strongest first:
//! the title (`og:title`, JSON-LD `headline`, `<title>` without the site suffix,
//! checked against the visible headline), the canonical URL, the outlet's brand
//! names and display name. Publication time and authors live in `published.rs`
//! and `authors.rs`.

use super::meta::{decode_entities, element_text, sel, Head};
use crate::extract::titles::{is_headline_then_site, strip_site_suffix};
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Position of every node in document order.
pub type Order = HashMap<NodeId, usize>;

pub fn document_order(doc: &Html) -> Order {
    doc.tree
        .root()
        .descendants()
        .enumerate()
        .map(|(i, n)| (n.id(), i))
        .collect()
}

pub use crate::extract::outlets::squash;

/// Names the outlet goes by (squashed): `og:site_name`, `application-name`, and the
/// registrable part of the URL's host (`regional.kompas.com` -> `kompas`).
pub fn brands(head: &Head, url: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["og:site_name", "application-name", "twitter:site"] {
        if let Some(v) = head.meta(key) {
            let first = v
                .trim_start_matches('@')
                .split(['.', ' '])
                .next()
                .unwrap_or("");
            out.push(squash(v));
            out.push(squash(first));
        }
    }
    if let Some(host) = url.and_then(crate::ingest::url_host) {
        let labels: Vec<&str> = host.split('.').collect();
        let generic = [
            "com", "co", "id", "net", "org", "or", "go", "ac", "web", "my", "tv", "news", "www",
            "m",
        ];
        if let Some(label) = labels.iter().rev().find(|l| !generic.contains(l)) {
            out.push(squash(label));
        }
    }
    out.retain(|b| b.chars().count() >= 3);
    out.sort();
    out.dedup();
    out
}

/// The title and the element that shows it on the page (when found).
pub struct TitlePick {
    pub title: String,
    pub node: Option<NodeId>,
}

static HEADLINE_CANDIDATES: LazyLock<Selector> = LazyLock::new(|| sel("h1, h2, h3, [class], [id]"));

/// Elements that may show the headline: headings and `*title*`/`*judul*` blocks not inside links.
fn visible_headlines(doc: &Html) -> Vec<(NodeId, String)> {
    let mut out = Vec::new();
    for el in doc.select(&HEADLINE_CANDIDATES) {
        let v = el.value();
        let heading = matches!(v.name(), "h1" | "h2" | "h3");
        if !heading {
            let ci = format!(
                "{} {}",
                v.attr("class").unwrap_or(""),
                v.attr("id").unwrap_or("")
            )
            .to_lowercase();
            if !["title", "judul", "jdl", "headline"]
                .iter()
                .any(|w| ci.contains(w))
            {
                continue;
            }
            if matches!(
                v.name(),
                "a" | "meta" | "link" | "img" | "script" | "title" | "html" | "body"
            ) {
                continue;
            }
        }
        if el
            .ancestors()
            .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"))
        {
            continue;
        }
        let text = element_text(el);
        let n = text.chars().count();
        if n == 0 || n > 300 {
            continue;
        }
        let link_text: usize = el
            .descendent_elements()
            .filter(|d| d.value().name() == "a")
            .map(|a| element_text(a).chars().count())
            .sum();
        if link_text * 2 > n {
            continue;
        }
        out.push((el.id(), text));
    }
    out
}

/// The title: the page's declared title (site suffix removed), or an extended form
/// of it the page shows as its headline (`In Picture: ...`), else the first `<h1>`.
pub fn title(doc: &Html, head: &Head, brands: &[String]) -> TitlePick {
    let declared = [
        head.meta("og:title").map(decode_entities),
        head.ld_str("headline"),
        head.meta("twitter:title").map(decode_entities),
        head.meta("title").map(decode_entities),
        head.meta("dc.title").map(decode_entities),
        head.title_tag.clone(),
    ];
    let core = declared
        .into_iter()
        .flatten()
        .map(|t| strip_site_suffix(&t, brands))
        .find(|t| !t.is_empty());
    let shown = visible_headlines(doc);
    let Some(core) = core else {
        return match shown
            .into_iter()
            .find(|(_, t)| t.split_whitespace().count() >= 2)
        {
            Some((id, t)) => TitlePick {
                title: t,
                node: Some(id),
            },
            None => TitlePick {
                title: String::new(),
                node: None,
            },
        };
    };
    let core_sq = squash(&core);
    if core_sq.is_empty() {
        return TitlePick {
            title: core,
            node: None,
        };
    }
    if let Some((id, _)) = shown.iter().find(|(_, t)| squash(t) == core_sq) {
        return TitlePick {
            title: core,
            node: Some(*id),
        };
    }
    let extended = shown.iter().find(|(_, t)| {
        let sq = squash(t);
        sq.ends_with(&core_sq)
            && sq.len() - core_sq.len() <= 25
            && t.trim_end().ends_with(last_word(&core))
    });
    if let Some((id, t)) = extended {
        return TitlePick {
            title: t.clone(),
            node: Some(*id),
        };
    }
    // `Headline - Some Site` where the site is not known: the shown headline is
    // the part before a separator.
    let leading = shown
        .iter()
        .find(|(_, t)| t.split_whitespace().count() >= 2 && is_headline_then_site(&core, t));
    match leading {
        Some((id, t)) => TitlePick {
            title: t.clone(),
            node: Some(*id),
        },
        None => TitlePick {
            title: core,
            node: None,
        },
    }
}

fn last_word(s: &str) -> &str {
    s.split_whitespace().last().unwrap_or("")
}

static URL_ITEMPROP: LazyLock<Selector> = LazyLock::new(|| sel("[itemprop]"));
static DATA_HREF: LazyLock<Selector> =
    LazyLock::new(|| sel(".fb-comments[data-href], [data-disqus-url]"));

/// The article's own URL: canonical link, `og:url`, JSON-LD, microdata, or the URL
/// the page hands to its comment widget.
pub fn url(doc: &Html, head: &Head) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(head.canonical.clone());
    candidates.extend(head.meta("og:url").map(str::to_string));
    for field in ["url", "mainEntityOfPage"] {
        candidates.extend(head.ld_str(field));
    }
    for el in doc.select(&URL_ITEMPROP) {
        let v = el.value();
        let prop = v.attr("itemprop").unwrap_or("").to_lowercase();
        if prop != "url" && prop != "mainentityofpage" {
            continue;
        }
        if in_non_article_scope(el) {
            continue;
        }
        let value = v
            .attr("href")
            .or_else(|| v.attr("content"))
            .or_else(|| v.attr("itemid"));
        candidates.extend(value.map(str::to_string));
    }
    for el in doc.tree.root().descendants().filter_map(ElementRef::wrap) {
        if el.value().name() == "fb:comments" {
            candidates.extend(el.value().attr("href").map(str::to_string));
        }
    }
    for el in doc.select(&DATA_HREF) {
        let v = el.value();
        candidates.extend(
            v.attr("data-href")
                .or_else(|| v.attr("data-disqus-url"))
                .map(str::to_string),
        );
    }
    let base = candidates.iter().find_map(|c| origin(c));
    candidates
        .into_iter()
        .filter_map(|c| absolute(c.trim(), base.as_deref()))
        .find(|u| is_article_url(u))
        .map(|u| without_tracking(&u))
}

/// Query parameters that say where a reader came from, not which page it is.
fn is_tracking_param(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_")
        || matches!(
            key.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "gclsrc"
                | "msclkid"
                | "yclid"
                | "igshid"
                | "mc_cid"
                | "mc_eid"
                | "_ga"
                | "_gl"
                | "ref_src"
                | "twclid"
                | "wbraid"
                | "gbraid"
        )
}

/// The URL without its fragment and tracking parameters (other parameters stay in
/// their order: `?id=5` names the page on some sites).
pub fn without_tracking(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let Some((path, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !is_tracking_param(kv.split('=').next().unwrap_or(kv)))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// Microdata properties of a logo, publisher or author are not the article's.
fn in_non_article_scope(el: ElementRef) -> bool {
    let scope = el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().attr("itemscope").is_some());
    let scope = match (el.value().attr("itemscope"), scope) {
        (Some(_), _) => Some(el),
        (None, s) => s,
    };
    scope
        .and_then(|s| s.value().attr("itemtype"))
        .is_some_and(|t| {
            let t = t.to_lowercase();
            [
                "imageobject",
                "organization",
                "person",
                "breadcrumb",
                "sitenavigation",
                "wpheader",
            ]
            .iter()
            .any(|w| t.contains(w))
        })
}

fn origin(u: &str) -> Option<String> {
    let (scheme, rest) = u.trim().split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty() && scheme.starts_with("http")).then(|| format!("{scheme}://{host}"))
}

fn absolute(u: &str, base: Option<&str>) -> Option<String> {
    if u.starts_with("http://") || u.starts_with("https://") {
        Some(u.to_string())
    } else if let Some(rest) = u.strip_prefix("//") {
        Some(format!("https://{rest}"))
    } else if u.starts_with('/') {
        base.map(|b| format!("{b}{u}"))
    } else {
        None
    }
}

/// An http(s) URL with a path that is not an image or the site's root.
fn is_article_url(u: &str) -> bool {
    let Some((_, rest)) = u.split_once("://") else {
        return false;
    };
    let path = rest.split_once('/').map(|(_, p)| p).unwrap_or("");
    let path_only = path.split(['?', '#']).next().unwrap_or("").to_lowercase();
    let image = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico"]
        .iter()
        .any(|e| path_only.ends_with(e));
    !path_only.trim_matches('/').is_empty() && !image && !rest.starts_with("www.facebook.com")
}

/// The outlet's display name from the page, when it declares one.
pub fn site_name(head: &Head) -> Option<String> {
    ["og:site_name", "application-name"]
        .iter()
        .find_map(|k| head.meta(k))
        .map(|s| crate::ingest::collapse_ws(&decode_entities(s)))
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_and_fragments_are_dropped() {
        assert_eq!(
            without_tracking("https://a.example/x?utm_source=t&id=5&fbclid=z#top"),
            "https://a.example/x?id=5"
        );
        assert_eq!(
            without_tracking("https://a.example/x?utm_medium=s&gclid=1"),
            "https://a.example/x"
        );
        assert_eq!(
            without_tracking("https://a.example/x?page=2"),
            "https://a.example/x?page=2"
        );
    }
}
