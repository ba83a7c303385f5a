//! Picks the article's fields from the page's signals, strongest first: title
//! (`og:title`, JSON-LD `headline`, `<title>` without the site suffix, checked
//! against the visible headline), canonical URL, publication time (machine-readable
//! stamps, then the visible date line), authors and the outlet's brand names.

use super::meta::{decode_entities, element_text, element_text_spaced, ld_names, sel, Head};
use crate::extract::dates::{find_datetime, wib};
use chrono::{DateTime, FixedOffset, Timelike};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::{HashMap, HashSet};
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

/// Lower-case letters and digits only: how titles and brands are compared.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

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

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9-]+\.(com|co\.id|id|net|org|tv|co|news)\b").expect("valid regex")
});

/// Separators between a headline and the site name in `<title>`/`og:title`.
const SEPARATORS: &[&str] = &[
    " - ", " | ", " :: ", " : ", " – ", " — ", " » ", " « ", " · ", " ~ ",
];

/// True when a trailing title segment names the site (`Kompas.com Regional`,
/// `Republika Online`, `Health :: Okezone Lifestyle`).
fn names_site(segment: &str, brands: &[String]) -> bool {
    let sq = squash(segment);
    if sq.is_empty() || segment.chars().count() > 60 {
        return false;
    }
    brands.iter().any(|b| sq.contains(b.as_str()))
        || DOMAIN.is_match(segment)
        || segment.to_lowercase().ends_with(" online")
}

/// `Judul - Kompas.com` -> `Judul`: cuts at the first separator whose remainder names the site.
pub fn strip_site_suffix(title: &str, brands: &[String]) -> String {
    let title = crate::ingest::collapse_ws(title);
    let mut cuts: Vec<usize> = SEPARATORS
        .iter()
        .flat_map(|s| title.match_indices(s).map(|(i, _)| i))
        .collect();
    cuts.sort_unstable();
    for i in cuts {
        let rest = title[i..].trim_start_matches(|c: char| !c.is_alphanumeric());
        if i > 0 && names_site(rest, brands) {
            return title[..i].trim().to_string();
        }
    }
    // `Kompas.com - Judul`: a site prefix.
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.split_once(sep) {
            if !tail.trim().is_empty()
                && head.chars().count() <= 30
                && names_site(head, brands)
                && DOMAIN.is_match(head)
            {
                return tail.trim().to_string();
            }
        }
    }
    title.trim().to_string()
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
    let leading = shown.iter().find(|(_, t)| {
        t.split_whitespace().count() >= 2
            && core
                .strip_prefix(t.as_str())
                .is_some_and(|rest| SEPARATORS.iter().any(|s| rest.starts_with(s)))
    });
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

/// A publication time and whether the source gave a clock time.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    at: DateTime<FixedOffset>,
    has_time: bool,
}

static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)([01]?\d|2[0-3]):[0-5]\d(?:\D|$)").expect("valid regex"));
static SPACE_T: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4}-\d{2}-\d{2})\s+T(\d)").expect("valid regex"));

fn stamp(text: &str) -> Option<Stamp> {
    let text = SPACE_T.replace(text.trim(), "${1}T${2}");
    let at = find_datetime(&text, wib())?;
    let has_time = CLOCK.is_match(&text) || at.time() != chrono::NaiveTime::MIN;
    Some(Stamp { at, has_time })
}

/// Meta keys that carry the publication time, strongest first.
const PUBLISHED_KEYS: &[&str] = &[
    "og:published_time",
    "published_time",
    "article:published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "content_publisheddate",
    "datecreated",
];
/// Meta keys with other times of the article, used only to check zones.
const OTHER_TIME_KEYS: &[&str] = &[
    "article:modified_time",
    "datemodified",
    "og:updated_time",
    "lastmod",
];

static ITEMPROP_DATE: LazyLock<Selector> = LazyLock::new(|| sel("[itemprop]"));
static TIME_EL: LazyLock<Selector> = LazyLock::new(|| sel("time[datetime], time[pubdate]"));

/// Machine-readable publication stamps, strongest first.
fn machine_stamps(doc: &Html, head: &Head) -> Vec<Stamp> {
    let mut raw: Vec<String> = Vec::new();
    raw.extend(head.meta("article:published_time").map(str::to_string));
    raw.extend(head.ld_str("datePublished"));
    raw.extend(head.metas("datepublished").map(str::to_string));
    for el in doc.select(&ITEMPROP_DATE) {
        let v = el.value();
        if v.attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
            && v.name() != "meta"
        {
            raw.extend(
                v.attr("datetime")
                    .or_else(|| v.attr("content"))
                    .map(str::to_string),
            );
        }
    }
    for key in PUBLISHED_KEYS {
        raw.extend(head.metas(key).map(str::to_string));
    }
    raw.extend(head.ld_str("dateCreated"));
    raw.iter().filter_map(|r| stamp(r)).collect()
}

/// `<time datetime>` stamps with their position in document order.
fn time_elements(doc: &Html, order: &Order) -> Vec<(usize, Stamp)> {
    doc.select(&TIME_EL)
        .filter_map(|el| {
            let s = stamp(el.value().attr("datetime")?)?;
            Some((order.get(&el.id()).copied().unwrap_or(usize::MAX), s))
        })
        .collect()
}

/// Other machine stamps of the page (modified times and the like).
fn other_stamps(head: &Head) -> Vec<Stamp> {
    let mut raw: Vec<String> = OTHER_TIME_KEYS
        .iter()
        .flat_map(|k| head.metas(k))
        .map(str::to_string)
        .collect();
    raw.extend(head.ld_str("dateModified"));
    raw.iter().filter_map(|r| stamp(r)).collect()
}

/// Date lines shown on the page (`Rabu, 4 November 2015 | 21:04 WIB`), with their
/// position in document order.
fn visible_stamps(doc: &Html, order: &Order) -> Vec<(usize, Stamp)> {
    let mut out = Vec::new();
    let mut seen: HashSet<NodeId> = HashSet::new();
    let mut skip: Option<NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e)
                        if matches!(
                            e.name(),
                            "script" | "style" | "noscript" | "head" | "template"
                        ) =>
                    {
                        skip = Some(node.id());
                    }
                    Node::Text(t) if t.chars().any(|c| c.is_ascii_digit()) => {
                        let parent = node.parent().and_then(ElementRef::wrap);
                        let line = match parent {
                            Some(p) if seen.contains(&p.id()) => continue,
                            Some(p) => {
                                seen.insert(p.id());
                                let text = element_text_spaced(p);
                                if text.chars().count() <= 160 {
                                    text
                                } else {
                                    t.to_string()
                                }
                            }
                            None => t.to_string(),
                        };
                        if line.chars().count() > 160 {
                            continue;
                        }
                        if let Some(s) = stamp(&line) {
                            out.push((order.get(&node.id()).copied().unwrap_or(usize::MAX), s));
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip == Some(node.id()) {
                    skip = None;
                }
            }
        }
    }
    out
}

/// The publication time with the page's own offset.
pub fn published(
    doc: &Html,
    head: &Head,
    headline: Option<NodeId>,
    order: &Order,
) -> Option<DateTime<FixedOffset>> {
    let mut machine = machine_stamps(doc, head);
    let visible = visible_stamps(doc, order);
    let anchor = headline.and_then(|h| order.get(&h).copied());
    // Of the `<time>` elements, the one by the headline (not a related list's).
    machine.extend(pick_visible(&time_elements(doc, order), anchor, false));
    let timed_visible = pick_visible(&visible, anchor, true);
    let best = match machine.iter().find(|s| s.has_time) {
        Some(s) => *s,
        None => match (machine.first(), timed_visible) {
            (Some(m), Some(v)) if m.at.date_naive() == v.at.date_naive() => v,
            (Some(m), _) => *m,
            (None, Some(v)) => v,
            (None, None) => pick_visible(&visible, anchor, false)?,
        },
    };
    let mut checks = machine;
    checks.extend(other_stamps(head));
    Some(fix_false_utc(best, &checks, &visible))
}

/// The dated element nearest to the headline (else the first one); with `timed`,
/// only those that show a clock time.
fn pick_visible(visible: &[(usize, Stamp)], anchor: Option<usize>, timed: bool) -> Option<Stamp> {
    let mut usable = visible.iter().filter(|(_, s)| s.has_time || !timed);
    let pick = match anchor {
        Some(a) => usable.min_by_key(|(p, _)| p.abs_diff(a)),
        None => usable.next(),
    };
    pick.map(|(_, s)| *s)
}

/// Some pages label local (WIB) times as UTC (`2015-11-05 T10:08:58Z` next to a
/// visible `10:08 WIB`). When a UTC stamp of the page shows the same clock time as a
/// visible date line with a zone, the page's UTC stamps are read in that zone.
fn fix_false_utc(
    best: Stamp,
    machine: &[Stamp],
    visible: &[(usize, Stamp)],
) -> DateTime<FixedOffset> {
    if best.at.offset().local_minus_utc() != 0 {
        return best.at;
    }
    let minute =
        |d: &DateTime<FixedOffset>| d.naive_local().with_second(0).map(|n| n.with_nanosecond(0));
    let zone = machine
        .iter()
        .filter(|m| m.has_time && m.at.offset().local_minus_utc() == 0)
        .find_map(|m| {
            visible
                .iter()
                .filter(|(_, v)| v.has_time && v.at.offset().local_minus_utc() != 0)
                .find(|(_, v)| minute(&v.at) == minute(&m.at))
                .map(|(_, v)| *v.at.offset())
        });
    match zone {
        Some(z) => z
            .from_local_datetime(&best.at.naive_local())
            .single()
            .unwrap_or(best.at),
        None => best.at,
    }
}

use chrono::TimeZone;

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
    fn machine_stamps_with_a_space_before_t() {
        let s = stamp("2015-11-05 T10:08:58Z").unwrap();
        assert_eq!(s.at.to_rfc3339(), "2015-11-05T10:08:58+00:00");
        assert!(s.has_time);
    }

    fn brands_of(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn site_suffixes_are_cut() {
        let b = brands_of(&[
            "kompas",
            "okezone",
            "liputan6",
            "republika",
            "antaranews",
            "ihramcoid",
        ]);
        let cases = [
            ("Judul Berita - Kompas.com Regional", "Judul Berita"),
            (
                "Sering Depresi Berat, Hati-Hati Diabetes! - Health :: Okezone Lifestyle",
                "Sering Depresi Berat, Hati-Hati Diabetes!",
            ),
            (
                "Cara Jaga Keromantisan : Okezone Celebrity",
                "Cara Jaga Keromantisan",
            ),
            (
                "Tri Indonesia: Broadband Dorong Ekosistem - Tekno Liputan6.com",
                "Tri Indonesia: Broadband Dorong Ekosistem",
            ),
            (
                "Marcella Promo Wisata | Republika Online",
                "Marcella Promo Wisata",
            ),
            (
                "Astra luncurkan ban  - ANTARA News Otomotif",
                "Astra luncurkan ban",
            ),
            (
                "Jamaah Haji Ikuti Pemeriksaan | ihram.co.id ",
                "Jamaah Haji Ikuti Pemeriksaan",
            ),
            (
                "Harga Cabai Naik - Turun di Pasar Lain",
                "Harga Cabai Naik - Turun di Pasar Lain",
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(strip_site_suffix(raw, &b), want, "{raw}");
        }
        assert_eq!(
            strip_site_suffix("Judul Lain | SuaraDesa.com", &[]),
            "Judul Lain",
            "a domain names a site"
        );
    }

    fn published_of(html: &str) -> String {
        let doc = Html::parse_document(html);
        let head = Head::collect(&doc);
        let order = document_order(&doc);
        let pick = title(&doc, &head, &[]);
        published(&doc, &head, pick.node, &order)
            .map(|d| d.to_rfc3339())
            .unwrap_or_default()
    }

    #[test]
    fn utc_label_on_local_time_is_corrected_by_the_visible_line() {
        let html = r#"<html><head><meta name="pubdate" content="2015-11-05 T10:08:58Z">
            <meta itemprop="dateCreated" content="2015-11-05 T10:00:26Z"></head>
            <body><h1>Judul</h1><div class="date">Kamis, 05/11/2015 10:00 WIB</div></body></html>"#;
        assert_eq!(published_of(html), "2015-11-05T10:08:58+07:00");
        let honest = r#"<html><head><meta property="article:published_time" content="2015-11-05T03:08:58Z"></head>
            <body><h1>Judul</h1><div class="date">Kamis, 05/11/2015 10:08 WIB</div></body></html>"#;
        assert_eq!(published_of(honest), "2015-11-05T03:08:58+00:00");
    }

    #[test]
    fn visible_date_nearest_the_headline_wins() {
        let html = r#"<html><body><div>Rabu, 4 November 2015</div>
            <div class="tgl">Kamis, 5 November 2015 - 15:56 wib</div><h1>Judul Berita Ini</h1>
            <p>Isi berita yang panjang sekali.</p>
            <ul><li>Kamis, 05 November 2015 16:09 WIB <a href="/x">Berita lain</a></li></ul></body></html>"#;
        assert_eq!(published_of(html), "2015-11-05T15:56:00+07:00");
    }
}
