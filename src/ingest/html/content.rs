//! The main text of a page by content density: the page is flattened into text
//! blocks (paragraphs split at block elements and at `<br><br>`), boilerplate
//! regions (scripts, navigation, share bars, comments, related links, ads) are left
//! out by tag and by class/id words, and the element whose paragraphs carry the most
//! non-link text wins, as in the Readability family of extractors.

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;

/// One line of a text block (lines come from single `<br>`s).
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: String,
    /// Characters of `text` that sit inside links.
    pub link_chars: usize,
}

/// A paragraph candidate: the text between two block boundaries.
#[derive(Debug, Clone)]
pub struct Block {
    pub lines: Vec<Line>,
    /// Innermost block element that holds the text.
    pub node: NodeId,
}

impl Block {
    pub fn text(&self) -> String {
        let lines: Vec<String> = self
            .lines
            .iter()
            .map(|l| crate::ingest::collapse_ws(&l.text))
            .collect();
        lines
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
    pub fn chars(&self) -> usize {
        self.lines
            .iter()
            .map(|l| l.text.trim().chars().count())
            .sum()
    }
    pub fn link_chars(&self) -> usize {
        self.lines.iter().map(|l| l.link_chars).sum()
    }
    pub fn link_density(&self) -> f64 {
        density(self.link_chars(), self.chars())
    }
}

fn density(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 / whole as f64).min(1.0)
    }
}

/// The page flattened to text blocks, plus the image captions met on the way.
#[derive(Debug, Default)]
pub struct Flow {
    pub blocks: Vec<Block>,
    pub captions: Vec<(NodeId, String)>,
}

/// Elements whose text never belongs to an article.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "button",
    "input",
    "select",
    "option",
    "textarea",
    "nav",
    "footer",
    "aside",
    "header",
    "head",
    "object",
    "embed",
    "canvas",
    "map",
    "video",
    "audio",
    "fb:comments",
    "fb:like",
];

/// Elements that do not break a paragraph.
const INLINE_TAGS: &[&str] = &[
    "a", "span", "strong", "b", "i", "em", "u", "font", "small", "big", "sup", "sub", "abbr",
    "cite", "code", "mark", "q", "s", "strike", "time", "label", "img", "wbr", "acronym", "var",
    "kbd", "tt", "ins", "del", "dfn", "bdi", "bdo", "data",
];

/// Class/id words of regions that are boilerplate whatever else they say.
const NEG_STRONG: &[&str] = &[
    "comment",
    "komentar",
    "disqus",
    "share",
    "sharing",
    "social",
    "sosmed",
    "related",
    "terkait",
    "bacajuga",
    "baca-juga",
    "baca_juga",
    "readalso",
    "read-also",
    "recommend",
    "rekomendasi",
    "advert",
    "iklan",
    "sponsor",
    "outbrain",
    "taboola",
    "breadcrumb",
    "newsletter",
    "subscribe",
    "popular",
    "populer",
    "trending",
    "sidebar",
    "banner",
    "mgid",
    "dable",
];
/// Class/id words of regions that are boilerplate unless they also look like content.
const NEG_WEAK: &[&str] = &[
    "footer",
    "navbar",
    "navigation",
    "menu",
    "widget",
    "promo",
    "tags",
    "topik",
    "rating",
    "polling",
    "pagination",
    "paging",
    "login",
    "signup",
    "modal",
    "popup",
    "cookie",
    "masthead",
    "lainnya",
    "nextprev",
    "prevnext",
    "author-box",
    "copyright",
    "logo",
    "header",
    "terpopuler",
];
/// Whole class/id tokens (split at `-`, `_`, space) that mark boilerplate.
const NEG_TOKENS: &[&str] = &["ad", "ads", "adv", "nav", "tag", "print", "dfp", "gpt"];
/// Class/id words of content regions.
const POSITIVE: &[&str] = &[
    "article", "content", "body", "entry", "main", "post", "story", "detail", "isi", "text",
    "read", "berita", "news",
];
/// Class/id words of image captions.
const CAPTION: &[&str] = &[
    "caption",
    "keterangan",
    "figcaption",
    "photo-desc",
    "foto-desc",
    "pic_caption",
];

fn class_id(el: &scraper::node::Element) -> String {
    let mut s = String::new();
    for a in ["class", "id"] {
        if let Some(v) = el.attr(a) {
            s.push_str(&v.to_lowercase());
            s.push(' ');
        }
    }
    s
}

fn has_any(hay: &str, words: &[&str]) -> bool {
    words.iter().any(|w| hay.contains(w))
}

fn has_token(hay: &str, tokens: &[&str]) -> bool {
    hay.split(|c: char| !c.is_alphanumeric())
        .any(|t| tokens.contains(&t))
}

/// How an element counts for the article: +1 content-like, -1 boilerplate-like.
pub fn class_weight(el: &scraper::node::Element) -> i32 {
    let ci = class_id(el);
    if ci.is_empty() {
        return 0;
    }
    let neg = has_any(&ci, NEG_STRONG) || has_any(&ci, NEG_WEAK) || has_token(&ci, NEG_TOKENS);
    let pos = has_any(&ci, POSITIVE);
    match (pos, neg) {
        (true, false) => 1,
        (false, true) => -1,
        _ => 0,
    }
}

/// Class/id words that, forming a class name with no boilerplate word, mark the
/// element as the content itself (`post`, `main-white`): a sibling class name
/// such as WordPress's `tag-review` or a layout's `with-sidebar` does not then make
/// it boilerplate.
const CONTENT_NAMES: &[&str] = &["article", "content", "entry", "main", "post", "story"];

/// True when one class name (or the id) is a content name and holds no boilerplate
/// word.
fn has_content_name(el: &scraper::node::Element) -> bool {
    let names = el
        .attr("class")
        .into_iter()
        .flat_map(|c| c.split_ascii_whitespace())
        .chain(el.attr("id"));
    names.into_iter().any(|name| {
        let name = name.to_lowercase();
        has_any(&name, CONTENT_NAMES)
            && !has_any(&name, NEG_STRONG)
            && !has_any(&name, NEG_WEAK)
            && !has_token(&name, NEG_TOKENS)
    })
}

fn is_boilerplate(el: &scraper::node::Element) -> bool {
    let name = el.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    let ci = class_id(el);
    if ci.is_empty() {
        return false;
    }
    if has_any(&ci, NEG_STRONG) || has_token(&ci, NEG_TOKENS) {
        return !has_content_name(el);
    }
    has_any(&ci, NEG_WEAK) && !has_any(&ci, POSITIVE)
}

fn is_caption(el: &scraper::node::Element) -> bool {
    el.name() == "figcaption" || has_any(&class_id(el), CAPTION)
}

/// Characters of visible text under a node (scripts and styles excluded).
pub fn text_chars(node: NodeRef<Node>) -> usize {
    let mut n = 0;
    let mut skip: Option<NodeId> = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(x) => {
                if skip.is_some() {
                    continue;
                }
                match x.value() {
                    Node::Element(e)
                        if matches!(e.name(), "script" | "style" | "noscript" | "template") =>
                    {
                        skip = Some(x.id())
                    }
                    Node::Text(t) => n += t.trim().chars().count(),
                    _ => {}
                }
            }
            Edge::Close(x) => {
                if skip == Some(x.id()) {
                    skip = None;
                }
            }
        }
    }
    n
}

/// Builds the blocks while walking the tree.
struct Walker {
    flow: Flow,
    current: Option<Block>,
    block_stack: Vec<NodeId>,
    link_depth: usize,
    /// The last thing seen was a `<br>` (only white space since).
    after_br: bool,
}

impl Walker {
    fn flush(&mut self) {
        if let Some(b) = self.current.take() {
            if b.chars() > 0 {
                self.flow.blocks.push(b);
            }
        }
        self.after_br = false;
    }

    fn text(&mut self, t: &str, fallback: NodeId) {
        let blank = t.trim().is_empty();
        if blank && self.current.is_none() {
            return;
        }
        if !blank {
            self.after_br = false;
        }
        let node = self.block_stack.last().copied().unwrap_or(fallback);
        let block = self.current.get_or_insert_with(|| Block {
            lines: vec![Line::default()],
            node,
        });
        let line = block.lines.last_mut().expect("a block has a line");
        line.text.push_str(t);
        if self.link_depth > 0 {
            line.link_chars += t.trim().chars().count();
        }
    }

    fn line_break(&mut self) {
        if self.after_br {
            self.flush();
            return;
        }
        if let Some(b) = self.current.as_mut() {
            b.lines.push(Line::default());
        }
        self.after_br = true;
    }
}

/// Flattens the page into text blocks in document order.
pub fn flow(doc: &Html, page_chars: usize) -> Flow {
    let mut w = Walker {
        flow: Flow::default(),
        current: None,
        block_stack: Vec::new(),
        link_depth: 0,
        after_br: false,
    };
    let mut skip: Option<NodeId> = None;
    let root = doc.tree.root();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        let inline = INLINE_TAGS.contains(&name);
                        if is_boilerplate(el) && !holds_most_text(node, page_chars) {
                            skip = Some(node.id());
                        } else if is_caption(el) {
                            let text = ElementRef::wrap(node)
                                .map(super::meta::element_text)
                                .unwrap_or_default();
                            if !text.is_empty() {
                                w.flow.captions.push((node.id(), text));
                            }
                            skip = Some(node.id());
                        }
                        if skip.is_some() {
                            if !inline {
                                w.flush();
                            }
                            continue;
                        }
                        match name {
                            "br" => w.line_break(),
                            "a" => w.link_depth += 1,
                            _ if inline => {}
                            _ => {
                                w.flush();
                                w.block_stack.push(node.id());
                            }
                        }
                    }
                    Node::Text(t) => {
                        let fallback = node.parent().map(|p| p.id()).unwrap_or(node.id());
                        w.text(t, fallback);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if name == "a" {
                        w.link_depth = w.link_depth.saturating_sub(1);
                    } else if name != "br" && !INLINE_TAGS.contains(&name) {
                        w.flush();
                        if let Some(i) = w.block_stack.iter().rposition(|id| *id == node.id()) {
                            w.block_stack.truncate(i);
                        }
                    }
                }
            }
        }
    }
    w.flush();
    w.flow
}

/// A boilerplate-looking element that holds most of the page's text is a page
/// wrapper with an unlucky class name, not boilerplate.
fn holds_most_text(node: NodeRef<Node>, page_chars: usize) -> bool {
    if let Node::Element(el) = node.value() {
        if SKIP_TAGS.contains(&el.name()) && el.name() != "header" && el.name() != "aside" {
            return false;
        }
    }
    page_chars > 0 && text_chars(node) * 10 > page_chars * 4
}

/// Tags whose block is a paragraph: their score goes to the parent.
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "td",
];

/// Scores of the elements that may hold the article.
pub struct Ranking {
    /// Best first.
    pub ranked: Vec<(NodeId, f64)>,
    /// Text and link characters of the blocks under each element.
    chars: HashMap<NodeId, (usize, usize)>,
    /// Characters of paragraph-like blocks (long enough, few links) under each element.
    good: HashMap<NodeId, usize>,
}

impl Ranking {
    fn all_chars(&self, id: NodeId) -> usize {
        self.chars.get(&id).map(|(c, _)| *c).unwrap_or(0)
    }
    fn good_chars(&self, id: NodeId) -> usize {
        self.good.get(&id).copied().unwrap_or(0)
    }
}

/// Ranks the elements that may hold the article: paragraphs score by length and
/// commas, pass the score up to their container and its parents, and containers
/// are weighed by their link density and class names.
pub fn rank_containers(doc: &Html, blocks: &[Block]) -> Ranking {
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    let mut chars: HashMap<NodeId, (usize, usize)> = HashMap::new();
    let mut good: HashMap<NodeId, usize> = HashMap::new();
    for b in blocks {
        let Some(node) = doc.tree.get(b.node) else {
            continue;
        };
        let n = b.chars();
        let is_good = n >= 25 && b.link_density() <= 0.5;
        for anc in std::iter::once(node).chain(node.ancestors()) {
            let e = chars.entry(anc.id()).or_default();
            e.0 += n;
            e.1 += b.link_chars();
            if is_good {
                *good.entry(anc.id()).or_default() += n;
            }
        }
        if !is_good {
            continue;
        }
        let text = b.text();
        let commas = text.matches(',').count() as f64;
        let s = 1.0 + commas.min(10.0) + (n as f64 / 100.0).min(3.0);
        let is_para = element_name(node).is_some_and(|t| PARAGRAPH_TAGS.contains(&t));
        let mut target = if is_para { node.parent() } else { Some(node) };
        for share in [1.0, 0.5, 1.0 / 6.0] {
            let Some(t) = target.filter(|t| t.value().is_element()) else {
                break;
            };
            *score.entry(t.id()).or_default() += s * share;
            target = t.parent();
        }
    }
    let mut ranked: Vec<(NodeId, f64)> = score
        .into_iter()
        .filter_map(|(id, s)| {
            let node = doc.tree.get(id)?;
            let el = node.value().as_element()?;
            if matches!(el.name(), "body" | "html") {
                return None;
            }
            let (c, l) = chars.get(&id).copied().unwrap_or_default();
            let weight = 1.0 + 0.25 * class_weight(el) as f64;
            Some((id, s * weight * (1.0 - density(l, c))))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ranking {
        ranked,
        chars,
        good,
    }
}

/// The elements holding the article: the best container, widened to an enclosing
/// `itemprop=articleBody` or to a parent that adds only a little text (a lead
/// paragraph written straight into the wrapper), plus siblings that score well too
/// (bodies split over several elements).
pub fn article_roots(doc: &Html, ranking: &Ranking, blocks: &[Block]) -> Vec<NodeId> {
    let Some(&(mut top, top_score)) = ranking.ranked.first() else {
        return Vec::new();
    };
    let marked_body = doc.tree.get(top).and_then(|n| {
        std::iter::once(n)
            .chain(n.ancestors())
            .find(is_article_body)
    });
    match marked_body {
        Some(body) => top = body.id(),
        None => top = widen(doc, ranking, blocks, top),
    }
    let mut roots = vec![top];
    let threshold = (top_score * 0.2).max(10.0);
    let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) else {
        return roots;
    };
    for sib in parent.children().filter(|c| c.id() != top) {
        if ranking
            .ranked
            .iter()
            .any(|(id, s)| *id == sib.id() && *s >= threshold)
        {
            roots.push(sib.id());
        }
    }
    roots
}

/// Moves up from `top` while the parent adds paragraphs (at most as much text as
/// `top` has, some of it before `top`: a lead written straight into the wrapper, or
/// a body split into sibling blocks) and little else. A parent whose extra text
/// all comes after `top` adds a footer note, not the story.
fn widen(doc: &Html, ranking: &Ranking, blocks: &[Block], mut top: NodeId) -> NodeId {
    while let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) {
        if element_name(parent).is_none_or(|n| matches!(n, "body" | "html")) {
            break;
        }
        let own = ranking.good_chars(top);
        let more_good = ranking.good_chars(parent.id()).saturating_sub(own);
        let more_all = ranking
            .all_chars(parent.id())
            .saturating_sub(ranking.all_chars(top));
        let junk = more_all.saturating_sub(more_good);
        if more_good == 0
            || more_good > own
            || junk * 4 > own
            || !good_text_before(doc, blocks, top, parent.id())
        {
            break;
        }
        top = parent.id();
    }
    top
}

/// True when `parent` holds a paragraph (80 characters or more, few links) before
/// the start of `top`.
fn good_text_before(doc: &Html, blocks: &[Block], top: NodeId, parent: NodeId) -> bool {
    let Some(first) = blocks.iter().position(|b| is_within(doc, b.node, top)) else {
        return false;
    };
    blocks[..first]
        .iter()
        .any(|b| b.chars() >= 80 && b.link_density() <= 0.2 && is_within(doc, b.node, parent))
}

fn is_article_body(node: &NodeRef<Node>) -> bool {
    node.value()
        .as_element()
        .and_then(|e| e.attr("itemprop"))
        .is_some_and(|p| p.eq_ignore_ascii_case("articlebody"))
}

fn element_name<'a>(node: NodeRef<'a, Node>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// True when `node` is `root` or lies inside it.
pub fn is_within(doc: &Html, node: NodeId, root: NodeId) -> bool {
    if node == root {
        return true;
    }
    doc.tree
        .get(node)
        .is_some_and(|n| n.ancestors().any(|a| a.id() == root))
}
