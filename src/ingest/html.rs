//! HTML article pages (`.html`, `.htm`) as saved from any news site: metadata from
//! the page's own declarations (`meta.rs`, `fields.rs`), the main text by content
//! density (`content.rs`), the dateline split off the body (`extract::datelines`). Home and
//! index pages are refused with a reason. Built on `scraper` (html5ever), so broken
//! or truncated markup is parsed the way a browser would, never panicking.

mod authors;
mod content;
pub(crate) mod depth;
mod fields;
mod meta;
mod published;

use super::Parsed;
use crate::article::Article;
use crate::extract::{authors as bylines, datelines, furniture};
use anyhow::{bail, Result};
use content::{Block, Flow, Line};
use ego_tree::NodeId;
use meta::{sel, Head};
use scraper::Html;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

/// Parses one saved article page.
pub fn parse(text: &str, _path: &Path) -> Result<Parsed> {
    let (doc, depth_warning) = depth::parse_document(text);
    let head = Head::collect(&doc);
    let url = fields::url(&doc, &head);
    let brands = fields::brands(&head, url.as_deref());
    let pick = fields::title(&doc, &head, &brands);
    let order = fields::document_order(&doc);
    let published = published::published(&doc, &head, pick.node, &order);
    let authors = authors::authors(&doc, &head, &brands);

    let page_chars = content::text_chars(doc.tree.root());
    let flow = content::flow(&doc, page_chars);
    let ranking = content::rank_containers(&doc, &flow.blocks);
    let roots = content::article_roots(&doc, &ranking, &flow.blocks);
    let blocks: Vec<&Block> = flow
        .blocks
        .iter()
        .filter(|b| roots.iter().any(|r| content::is_within(&doc, b.node, *r)))
        .collect();
    let mut paragraphs = clean_paragraphs(&blocks, &pick.title);
    let mut captions = captions_within(&doc, &flow, &roots);
    if chars(&paragraphs) < SHORT_BODY {
        // A photo page: its story is told in the gallery's captions.
        let gallery = gallery_captions(&flow);
        if chars(&gallery) > chars(&paragraphs) {
            paragraphs = gallery;
            captions.clear();
        }
    }

    move_captions(&mut paragraphs, &mut captions);

    if let Some(reason) = index_page_reason(&doc, &head, &roots, &blocks, &paragraphs) {
        bail!("{reason}");
    }
    if paragraphs.is_empty() && pick.title.is_empty() {
        bail!("no article text found in the page");
    }

    let mut article = Article {
        url,
        source: fields::site_name(&head).unwrap_or_default(),
        title: pick.title,
        published,
        authors,
        captions,
        ..Default::default()
    };
    if let Some(first) = paragraphs.first_mut() {
        if let Some(d) = datelines::find(first, &brands) {
            *first = first[d.len..].trim_start().to_string();
            article.dateline = d.place;
            article.wire = d.wire;
        }
    }
    paragraphs.retain(|p| !p.trim().is_empty());
    article.body = paragraphs.join("\n\n");
    Ok(Parsed {
        articles: vec![article],
        warnings: depth_warning.into_iter().collect(),
    })
}

/// Photo captions and credits written as paragraphs of the body (a caption and its
/// credit above the story's first line, `Foto: ...` lines) go to `captions`.
fn move_captions(paragraphs: &mut Vec<String>, captions: &mut Vec<String>) {
    paragraphs.retain(|p| {
        if !crate::extract::captions::is_caption_line(p) {
            return true;
        }
        // Stored without a `Foto:` label, as text dumps store theirs.
        let caption = crate::extract::captions::without_label(p).to_string();
        if !captions.contains(&caption) {
            captions.push(caption);
        }
        false
    });
}

/// A line of an article block that is page furniture or a credit, not text.
fn is_boilerplate_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    bylines::lone_label(&lower).is_some()
        || (text.chars().count() < 250
            && (furniture::starts_like_boilerplate(&lower)
                || bylines::starts_with_credit_label(&lower)
                || furniture::starts_with_read_also(&lower)
                || furniture::starts_with_link_marker(&lower)))
}

/// Keeps the lines of a block that are text rather than links or labels. A line
/// that is mostly a link stays when the block around it is mostly text: a link
/// written into a paragraph (`Get it on Amazon for $39`) is part of the story, a
/// block of link lines is a list of other stories.
fn keep_line(line: &Line, block_links: f64) -> Option<String> {
    let text = crate::ingest::collapse_ws(&line.text);
    let n = text.chars().count();
    if n == 0 || is_boilerplate_line(&text) {
        return None;
    }
    if line.link_chars * 10 > n * 6 && block_links > LINKS_IN_TEXT {
        return None;
    }
    Some(text)
}

/// Link share of a block up to which its link lines are read as part of the text.
const LINKS_IN_TEXT: f64 = 0.35;

/// The article's paragraphs: boilerplate lines dropped, the headline and short
/// lead-in lines (date, byline, section) before the first real paragraph trimmed,
/// and a dateline split from its paragraph joined back to it.
fn clean_paragraphs(blocks: &[&Block], title: &str) -> Vec<String> {
    let title_sq = fields::squash(title);
    let mut out: Vec<String> = Vec::new();
    for b in blocks {
        if b.link_density() > 0.5 {
            continue;
        }
        let density = b.link_density();
        let lines: Vec<String> = b
            .lines
            .iter()
            .filter_map(|l| keep_line(l, density))
            .collect();
        let text = lines.join("\n");
        if text.is_empty() || (!title_sq.is_empty() && fields::squash(&text) == title_sq) {
            continue;
        }
        out.push(text);
    }
    let lead_in = out
        .iter()
        .take(4)
        .take_while(|p| p.chars().count() < 60 && !datelines::is_detached(p))
        .count();
    if lead_in < out.len() {
        out.drain(..lead_in);
    }
    while out.last().is_some_and(|p| is_trailing_junk(p)) {
        out.pop();
    }
    if out.len() >= 2 && datelines::is_detached(&out[0]) {
        let first = out.remove(0);
        out[0] = format!("{first} {}", out[0]);
    }
    out
}

/// A short line without closing punctuation at the end of a body: a widget's
/// label (`More Photos`), not the story's last sentence.
fn is_trailing_junk(p: &str) -> bool {
    let closing = ['.', '!', '?', '"', '”', '’', '\'', ')', ']', '…'];
    p.chars().count() < 40 && !p.trim_end().ends_with(closing)
}

static LINKS: LazyLock<scraper::Selector> = LazyLock::new(|| sel("a[href]"));

/// Below this many characters a body is too short to be an article's text.
const SHORT_BODY: usize = 200;

fn chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| p.chars().count()).sum()
}

/// Why a page is a home or index page rather than an article, if it is one. Pages
/// marked up as articles (`og:type=article`, JSON-LD, a machine-readable
/// publication time) never are; others are when they have no article text among
/// many links, or when their best container is made of teaser headlines.
fn index_page_reason(
    doc: &Html,
    head: &Head,
    roots: &[NodeId],
    blocks: &[&Block],
    paragraphs: &[String],
) -> Option<String> {
    const REASON: &str = "looks like a home or index page, not an article";
    let og_article = head
        .meta("og:type")
        .is_some_and(|t| t.to_lowercase().contains("article"));
    let machine_time = ["article:published_time", "datepublished", "pubdate"]
        .iter()
        .any(|k| head.meta(k).is_some());
    if og_article || !head.ld_articles.is_empty() || machine_time {
        return None;
    }
    let links = doc.select(&LINKS).count();
    if chars(paragraphs) < SHORT_BODY && links >= 20 {
        return Some(REASON.to_string());
    }
    listing_items(doc, roots, blocks).then(|| REASON.to_string())
}

/// True when the article container is a list: at least five of its children hold a
/// headline link (a block of four or more words that is nearly all link), and they
/// make most of its children with text.
fn listing_items(doc: &Html, roots: &[NodeId], blocks: &[&Block]) -> bool {
    let mut with_text: HashSet<NodeId> = HashSet::new();
    let mut with_teaser: HashSet<NodeId> = HashSet::new();
    for b in blocks {
        let Some(item) = child_of_root(doc, b.node, roots) else {
            continue;
        };
        with_text.insert(item);
        if b.link_density() > 0.8 && b.text().split_whitespace().count() >= 4 {
            with_teaser.insert(item);
        }
    }
    with_teaser.len() >= 5 && with_teaser.len() * 10 >= with_text.len() * 6
}

/// The child of one of `roots` that holds `node` (`node` itself when it is one).
fn child_of_root(doc: &Html, node: NodeId, roots: &[NodeId]) -> Option<NodeId> {
    let mut cur = doc.tree.get(node)?;
    loop {
        let parent = cur.parent()?;
        if roots.contains(&parent.id()) {
            return Some(cur.id());
        }
        cur = parent;
    }
}

/// Image captions inside the article.
fn captions_within(doc: &Html, flow: &Flow, roots: &[NodeId]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (id, text) in &flow.captions {
        if roots.iter().any(|r| content::is_within(doc, *id, *r)) && !out.contains(text) {
            out.push(text.clone());
        }
    }
    out
}

/// The distinct longer captions of the page, for photo pages.
fn gallery_captions(flow: &Flow) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, text) in &flow.captions {
        if text.chars().count() >= 40 && !out.contains(text) {
            out.push(text.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(html: &str) -> Result<Article> {
        parse(html, Path::new("t.html")).map(|mut p| p.articles.remove(0))
    }

    #[test]
    fn truncated_markup_does_not_panic() {
        for html in [
            "",
            "<",
            "<html><body><p>Teks",
            "<div><p>a<b>b<i>c</div></b>",
            "<<<>>>&&&;",
            "\u{0}<p>\u{fffd}",
        ] {
            let _ = parse_str(html);
        }
    }
}
