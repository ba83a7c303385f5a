//! The publication time: machine-readable stamps (`article:published_time`,
//! JSON-LD `datePublished`, microdata, `pubdate`/`dc.date` metas, `<time>` by the
//! headline), else the visible date line nearest the headline, in the page's own
//! offset (WIB when none is given), with UTC labels on local times corrected.

use super::fields::Order;
use super::meta::{element_text_spaced, sel, Head};
use crate::extract::dates::{find_datetime, has_clock, wib};
use chrono::{DateTime, FixedOffset, TimeZone, Timelike};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashSet;
use std::sync::LazyLock;

/// A publication time and whether the source gave a clock time.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    at: DateTime<FixedOffset>,
    has_time: bool,
}

fn stamp(text: &str) -> Option<Stamp> {
    let at = find_datetime(text, wib())?;
    let has_time = has_clock(text) || at.time() != chrono::NaiveTime::MIN;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::html::fields::{document_order, title};

    #[test]
    fn machine_stamps_with_a_space_before_t() {
        let s = stamp("2015-11-05 T10:08:58Z").unwrap();
        assert_eq!(s.at.to_rfc3339(), "2015-11-05T10:08:58+00:00");
        assert!(s.has_time);
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
