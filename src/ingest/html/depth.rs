//! A nesting limit for HTML, applied to the markup before it is parsed. html5ever
//! checks the stack of open elements for most start tags, so a page of 100,000
//! nested `<div>`s costs time quadratic in its size, and so does every walk up the
//! tree after it. One linear scan over the tags drops the start tags that would
//! nest deeper than `MAX_DEPTH` (and their end tags); their text stays where it was,
//! in the deepest element kept. Pages that never nest that deep pass unchanged.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest element nesting kept: Chromium's HTML parser stops nesting at the same
/// depth, so no page that works in a browser needs more.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold other elements.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose content is text up to their own end tag, never markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Parses a whole page with the nesting limit; the warning says how many start tags
/// were dropped, if any.
pub fn parse_document(html: &str) -> (scraper::Html, Option<String>) {
    let (text, dropped) = limit_depth(html, MAX_DEPTH);
    (scraper::Html::parse_document(&text), warning(dropped))
}

/// Parses an HTML fragment (a body field of a JSON or CSV record) with the limit.
pub fn parse_fragment(html: &str) -> scraper::Html {
    scraper::Html::parse_fragment(&limit_depth(html, MAX_DEPTH).0)
}

fn warning(dropped: usize) -> Option<String> {
    (dropped > 0).then(|| {
        format!(
            "HTML nested deeper than {MAX_DEPTH} elements: {dropped} inner tags ignored, their text kept"
        )
    })
}

/// The markup without the start tags (and their end tags) that would nest deeper
/// than `max`, and how many start tags were dropped. Linear in the length of
/// `html`: each tag is looked at once, and the stack is searched at most `max` deep.
pub fn limit_depth(html: &str, max: usize) -> (Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    // Start tags dropped and not yet closed, by name.
    let mut open_dropped: HashMap<String, usize> = HashMap::new();
    // Byte ranges of the tags to leave out.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut dropped = 0usize;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let start = i + off;
        let Some(tag) = scan_tag(bytes, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        match tag.kind {
            Kind::Other => {}
            Kind::Start => {
                let name = tag.name(html);
                if VOID.contains(&name.as_str()) {
                    continue;
                }
                if RAW_TEXT.contains(&name.as_str()) {
                    // Its text runs to the matching end tag, whatever it holds.
                    i = raw_text_end(html, i, &name);
                    continue;
                }
                // `<div/>` still opens a div in HTML; only foreign (SVG, MathML)
                // elements close themselves, and counting them as open only
                // overestimates the depth until their parent closes.
                if stack.len() >= max {
                    *open_dropped.entry(name).or_default() += 1;
                    cuts.push((start, tag.end));
                    dropped += 1;
                } else {
                    stack.push(name);
                }
            }
            Kind::End => {
                let name = tag.name(html);
                // Dropped elements were opened inside everything on the stack, so
                // their end tags come first.
                if let Some(n) = open_dropped.get_mut(&name).filter(|n| **n > 0) {
                    *n -= 1;
                    cuts.push((start, tag.end));
                } else if let Some(pos) = stack.iter().rposition(|s| *s == name) {
                    stack.truncate(pos);
                }
            }
        }
    }
    if cuts.is_empty() {
        return (Cow::Borrowed(html), 0);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (a, b) in cuts {
        out.push_str(&html[last..a]);
        last = b;
    }
    out.push_str(&html[last..]);
    (Cow::Owned(out), dropped)
}

enum Kind {
    Start,
    End,
    /// A comment, doctype or processing instruction.
    Other,
}

struct Tag {
    kind: Kind,
    /// Byte range of the name.
    name: (usize, usize),
    /// Byte just after the tag.
    end: usize,
}

impl Tag {
    fn name(&self, html: &str) -> String {
        html[self.name.0..self.name.1].to_ascii_lowercase()
    }
}

/// Reads the tag that starts at `bytes[start] == b'<'`, or None when the `<` is
/// text (as a browser reads `a < b`). Quoted attribute values may hold `>`.
fn scan_tag(bytes: &[u8], start: usize) -> Option<Tag> {
    let next = *bytes.get(start + 1)?;
    if next == b'!' {
        let end = if bytes[start..].starts_with(b"<!--") {
            find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3)
        } else {
            memchr(b'>', &bytes[start..]).map_or(bytes.len(), |e| start + e + 1)
        };
        return Some(Tag {
            kind: Kind::Other,
            name: (start, start),
            end,
        });
    }
    if next == b'?' {
        let end = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |e| start + e + 1);
        return Some(Tag {
            kind: Kind::Other,
            name: (start, start),
            end,
        });
    }
    let (is_end, name_start) = if next == b'/' {
        (true, start + 2)
    } else {
        (false, start + 1)
    };
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut j = name_start;
    while j < bytes.len()
        && !matches!(
            bytes[j],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
        )
    {
        j += 1;
    }
    let name_end = j;
    let mut quote: Option<u8> = None;
    while j < bytes.len() {
        let c = bytes[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => break,
            None => {}
        }
        j += 1;
    }
    let end = (j + 1).min(bytes.len());
    let kind = if is_end { Kind::End } else { Kind::Start };
    Some(Tag {
        kind,
        name: (name_start, name_end),
        end,
    })
}

/// The byte after the end tag of the raw-text element `name` opened before `from`
/// (the end of the text when it is never closed).
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(off) = find(bytes, i, b"</") {
        let after = off + 2;
        let cand = bytes.get(after..after + name.len());
        if cand.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return memchr(b'>', &bytes[after..]).map_or(bytes.len(), |e| after + e + 1);
        }
        i = after;
    }
    bytes.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        format!(
            "<body>{}<p>deep text</p>{}</body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    }

    #[test]
    fn shallow_pages_pass_unchanged() {
        let html = "<html><body><div class=\"a>b\"><p>x<br>y</p><img src=x></div></body></html>";
        let (out, n) = limit_depth(html, 4);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(n, 0);
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit_and_the_text_kept() {
        let html = nested(1000);
        let (out, n) = limit_depth(&html, 10);
        assert_eq!(n, 1000 + 2 - 10);
        assert!(out.contains("deep text"));
        assert_eq!(out.matches("<div>").count(), out.matches("</div>").count());
        assert!(out.matches("<div>").count() < 10);
        let doc = scraper::Html::parse_document(&out);
        let text: String = doc.root_element().text().collect();
        assert!(text.contains("deep text"));
    }

    #[test]
    fn tags_inside_scripts_comments_and_attributes_do_not_count() {
        let inner = "<div>".repeat(50);
        let html = format!(
            "<div><script>var s = '{inner}';</script><!-- {inner} --><p title='{inner}'>t</p></div>"
        );
        let (_, n) = limit_depth(&html, 5);
        assert_eq!(n, 0);
    }

    #[test]
    fn siblings_after_a_deep_branch_are_kept() {
        let html = format!("<div>{}<p>after</p></div>", nested(100));
        let (out, _) = limit_depth(&html, 20);
        assert!(out.ends_with("<p>after</p></div>"));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "</",
            "<a",
            "<a href='",
            "<!--",
            "<script>",
            "</x>",
            "<<<>>",
            "<ä>",
        ] {
            let _ = limit_depth(html, 1);
        }
    }
}
