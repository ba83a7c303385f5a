//! Field names of record-shaped dumps (JSON, JSONL, CSV, TSV) mapped to article
//! fields, in English and Indonesian (`title`/`judul`, `content`/`isi`, `tanggal`,
//! `penulis`, ...), plus the body clean-up those dumps need: paragraphs from lists,
//! single line breaks or HTML, and `Baca juga` link lines taken out.

use crate::article::Article;
use crate::extract::{authors, datelines, dates, furniture, outlets};
use chrono::FixedOffset;
use regex::Regex;
use std::sync::LazyLock;

/// The article field a record's column or key feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Body,
    /// A description or summary: the body when there is no body.
    Summary,
    Date,
    /// A separate time of day, joined to the date.
    Time,
    Url,
    Source,
    Author,
    Lang,
    Id,
}

/// Key names per role, most preferred first, written as [`normalize_key`] makes them.
const NAMES: &[(Role, &[&str])] = &[
    (
        Role::Title,
        &[
            "title",
            "headline",
            "judul",
            "judulberita",
            "articletitle",
            "newstitle",
            "heading",
        ],
    ),
    (
        Role::Body,
        &[
            "content",
            "body",
            "text",
            "isi",
            "isiberita",
            "article",
            "articlebody",
            "paragraphs",
            "paragraf",
            "fulltext",
            "maintext",
            "cleantext",
            "konten",
            "berita",
            "story",
            "contenttext",
        ],
    ),
    (
        Role::Summary,
        &[
            "description",
            "summary",
            "ringkasan",
            "deskripsi",
            "abstract",
            "excerpt",
            "teaser",
            "lead",
        ],
    ),
    (
        Role::Date,
        &[
            "date",
            "published",
            "publishdate",
            "publisheddate",
            "publishedat",
            "datepublished",
            "pubdate",
            "publicationdate",
            "publishedtime",
            "publishtime",
            "tanggal",
            "tanggalterbit",
            "tgl",
            "waktu",
            "datetime",
            "timestamp",
            "createdat",
            "datecreated",
            "created",
            "postdate",
            "releasedate",
        ],
    ),
    (Role::Time, &["time", "jam", "pukul", "hour"]),
    (
        Role::Url,
        &[
            "url",
            "link",
            "permalink",
            "canonicalurl",
            "canonical",
            "articleurl",
            "uri",
            "weburl",
            "href",
        ],
    ),
    (
        Role::Source,
        &[
            "source",
            "site",
            "sitename",
            "media",
            "outlet",
            "publisher",
            "sumber",
            "portal",
            "website",
            "domain",
            "newspaper",
        ],
    ),
    (
        Role::Author,
        &[
            "author",
            "authors",
            "penulis",
            "writer",
            "byline",
            "reporter",
            "wartawan",
            "creator",
            "journalist",
            "pengarang",
        ],
    ),
    (Role::Lang, &["lang", "language", "bahasa", "inlanguage"]),
    (Role::Id, &["id", "articleid", "newsid", "docid", "guid"]),
];

/// `publish_date`, `datePublished`, `Publish-Date` -> `publishdate`, `datepublished`.
pub fn normalize_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The role of a key and its rank among the role's names (0 = most preferred).
pub fn role_of(key: &str) -> Option<(Role, usize)> {
    let k = normalize_key(key);
    NAMES
        .iter()
        .find_map(|(role, names)| names.iter().position(|n| *n == k).map(|rank| (*role, rank)))
}

/// A value as a record gives it: one piece of text, or a list (authors, paragraphs).
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

impl Value {
    fn is_blank(&self) -> bool {
        match self {
            Value::Text(s) => s.trim().is_empty(),
            Value::List(v) => v.iter().all(|s| s.trim().is_empty()),
        }
    }

    fn text(&self, sep: &str) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::List(v) => v
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(sep),
        }
    }
}

/// The fields of one record, collected key by key; the best-ranked non-empty value
/// of each role wins.
#[derive(Debug, Default)]
pub struct Record {
    slots: Vec<(Role, usize, Value)>,
}

impl Record {
    /// Adds one key's value (ignored when the key means nothing to an article).
    pub fn add(&mut self, key: &str, value: Value) {
        let Some((role, rank)) = role_of(key) else {
            return;
        };
        if value.is_blank() {
            return;
        }
        match self.slots.iter_mut().find(|(r, _, _)| *r == role) {
            Some(slot) if rank < slot.1 => *slot = (role, rank, value),
            Some(_) => {}
            None => self.slots.push((role, rank, value)),
        }
    }

    /// Adds one key's value only when its role has no value yet.
    pub fn add_if_missing(&mut self, key: &str, value: Value) {
        if let Some((role, _)) = role_of(key) {
            if self.get(role).is_none() {
                self.add(key, value);
            }
        }
    }

    /// The value given for a role, if any.
    pub fn get(&self, role: Role) -> Option<&Value> {
        self.slots
            .iter()
            .find(|(r, _, _)| *r == role)
            .map(|(_, _, v)| v)
    }

    /// Builds the article (not yet finished) or says why the record is no article.
    /// `default_offset` is the zone for times that do not name one.
    pub fn into_article(self, default_offset: FixedOffset) -> Result<Article, String> {
        let text = |role| {
            self.get(role)
                .map(|v| v.text(" ").trim().to_string())
                .unwrap_or_default()
        };
        let title = strip_html_inline(&text(Role::Title));
        let body = match self.get(Role::Body).or_else(|| self.get(Role::Summary)) {
            Some(Value::List(paras)) => clean_body(&paras.join("\n\n")),
            Some(Value::Text(s)) => clean_body(s),
            None => String::new(),
        };
        // The record's outlet: its name in an author field is no author, and it is the
        // outlet (not a wire) when a dateline credits it.
        let own = outlets::squash(&text(Role::Source));
        let brands: Vec<String> = Some(own).filter(|o| !o.is_empty()).into_iter().collect();
        let (body, dateline) = cut_dateline(body, &brands);
        if title.is_empty() && body.is_empty() {
            return Err("no title or text".into());
        }
        let date = text(Role::Date);
        let time = text(Role::Time);
        let published = match (date.is_empty(), time.is_empty()) {
            (false, _) => dates::parse_cells(&date, Some(&time), default_offset),
            (true, false) => dates::parse_cells(&time, None, default_offset),
            (true, true) => None,
        };
        let url = Some(text(Role::Url)).filter(|u| !u.is_empty());
        let published = published.map(|p| match url.as_deref() {
            Some(u) => dates::fix_swapped_day_month(p, u),
            None => p,
        });
        let authors = match self.get(Role::Author) {
            Some(Value::List(v)) => v.iter().flat_map(|n| authors::byline(n, &brands)).collect(),
            Some(Value::Text(s)) => authors::byline(s, &brands),
            None => Vec::new(),
        };
        let lang = text(Role::Lang).to_lowercase();
        let lang = if lang.len() >= 2
            && lang.is_char_boundary(2)
            && lang[..2].chars().all(|c| c.is_ascii_alphabetic())
        {
            lang[..2].to_string()
        } else {
            String::new()
        };
        Ok(Article {
            url,
            source: text(Role::Source),
            title,
            published,
            authors,
            lang,
            body,
            dateline: dateline.as_ref().and_then(|d| d.place.clone()),
            wire: dateline.and_then(|d| d.wire),
            ..Default::default()
        })
    }
}

/// The dateline (`Jakarta, CNN Indonesia -`) cut from the start of a record's body,
/// as text dumps and HTML pages have theirs cut. Exports sometimes double the dash
/// (`Jakarta, CNN Indonesia - - Gempa`): what is left of it goes too.
fn cut_dateline(body: String, brands: &[String]) -> (String, Option<datelines::Dateline>) {
    let first = body.split("\n\n").next().unwrap_or("");
    match datelines::find(first, brands) {
        Some(d) => {
            let rest = body[d.len..].trim_start_matches(|c: char| {
                matches!(c, '-' | '–' | '—' | ':') || c.is_whitespace()
            });
            (rest.to_string(), Some(d))
        }
        None => (body, None),
    }
}

/// Records skipped inside one file: the first few are reported one a line
/// (`line 7: invalid JSON (...)`), the rest as counts per reason with examples.
#[derive(Debug)]
pub struct Skips {
    limit: usize,
    shown: Vec<String>,
    /// (reason, count, first places) of the records not shown one by one.
    rest: Vec<(String, usize, Vec<String>)>,
}

impl Default for Skips {
    fn default() -> Self {
        Skips::new(10)
    }
}

impl Skips {
    /// Reports the first `limit` skipped records one by one, then counts.
    pub fn new(limit: usize) -> Self {
        Skips {
            limit,
            shown: Vec::new(),
            rest: Vec::new(),
        }
    }

    /// Notes a skipped record: where it is, why (the grouping key) and details.
    pub fn add(&mut self, at: &str, reason: &str, detail: &str) {
        if self.shown.len() < self.limit {
            self.shown.push(format!("{at}: {reason}{detail}"));
        } else if let Some(r) = self.rest.iter_mut().find(|(k, _, _)| k == reason) {
            r.1 += 1;
            if r.2.len() < 3 {
                r.2.push(at.to_string());
            }
        } else {
            self.rest
                .push((reason.to_string(), 1, vec![at.to_string()]));
        }
    }

    /// The warnings to report.
    pub fn warnings(self) -> Vec<String> {
        let mut out = self.shown;
        if !self.rest.is_empty() {
            let total: usize = self.rest.iter().map(|r| r.1).sum();
            let kinds: Vec<String> = self
                .rest
                .iter()
                .map(|(k, n, at)| {
                    let more = if *n > at.len() { ", ..." } else { "" };
                    format!("{n} {k}: {}{more}", at.join(", "))
                })
                .collect();
            let more = if out.is_empty() { "" } else { "more " };
            out.push(format!(
                "{total} {more}records skipped ({})",
                kinds.join("; ")
            ));
        }
        out
    }
}

/// Tidies a body from a record: HTML turned into paragraphs, single line breaks read
/// as paragraph breaks when there are no blank lines, `Baca juga` links dropped.
pub fn clean_body(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = if looks_like_html(&raw) {
        html_to_paragraphs(&raw)
    } else {
        raw
    };
    let paras: Vec<String> = if text.contains("\n\n") {
        text.split("\n\n").map(str::to_string).collect()
    } else {
        text.lines().map(str::to_string).collect()
    };
    furniture::drop_paragraphs(paras).join("\n\n")
}

fn looks_like_html(s: &str) -> bool {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)</?(p|br|div|span|a|strong|em|b|i|h[1-6]|li|ul|figure|img)\b[^<>]*>")
            .unwrap()
    });
    TAG.is_match(s)
}

/// Paragraphs of an HTML fragment: text of its block elements, else its whole text.
fn html_to_paragraphs(html: &str) -> String {
    let doc = super::html::depth::parse_fragment(html);
    let blocks = scraper::Selector::parse("p, h2, h3, h4, li, blockquote").ok();
    let mut paras: Vec<String> = Vec::new();
    if let Some(sel) = blocks {
        for el in doc.select(&sel) {
            // Inner blocks are reached on their own: skip blocks holding blocks.
            if el.select(&sel).nth(1).is_some() {
                continue;
            }
            let t = el.text().collect::<String>();
            if !t.trim().is_empty() {
                paras.push(t.trim().to_string());
            }
        }
    }
    if paras.is_empty() {
        let with_breaks =
            Regex::new(r"(?i)<br\s*/?>").map(|re| re.replace_all(html, "\n").into_owned());
        let frag =
            super::html::depth::parse_fragment(&with_breaks.unwrap_or_else(|_| html.to_string()));
        return frag.root_element().text().collect::<String>();
    }
    paras.join("\n\n")
}

/// Text of a short HTML-bearing field (a title), tags removed.
fn strip_html_inline(s: &str) -> String {
    if s.contains('<') && looks_like_html(s) {
        super::html::depth::parse_fragment(s)
            .root_element()
            .text()
            .collect::<String>()
            .trim()
            .to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_in_english_and_indonesian() {
        assert_eq!(role_of("judul"), Some((Role::Title, 2)));
        assert_eq!(role_of("datePublished").map(|r| r.0), Some(Role::Date));
        assert_eq!(role_of("publish_date").map(|r| r.0), Some(Role::Date));
        assert_eq!(role_of("Penulis").map(|r| r.0), Some(Role::Author));
        assert_eq!(role_of("isi").map(|r| r.0), Some(Role::Body));
        assert_eq!(role_of("sub-category"), None);
    }

    #[test]
    fn preferred_name_wins_whatever_the_order() {
        let mut r = Record::default();
        r.add("headline", Value::Text("Kedua".into()));
        r.add("title", Value::Text("Pertama".into()));
        r.add("judul", Value::Text("Ketiga".into()));
        let a = r.into_article(dates::wib()).unwrap();
        assert_eq!(a.title, "Pertama");
    }

    #[test]
    fn read_also_lines_and_lists_are_dropped() {
        let body = "Satu kalimat.\n\nBaca juga: Judul Lain\n\nDua kalimat.\n\nBaca juga:\n\nJudul Pertama\n\nJudul Kedua\n\nTiga kalimat akhir.";
        assert_eq!(
            clean_body(body),
            "Satu kalimat.\n\nDua kalimat.\n\nTiga kalimat akhir."
        );
        let inline = "Harga naik (30/3). Baca juga: Harga Cabai Naik Lagi. Menurut dia itu wajar.";
        assert_eq!(
            clean_body(inline),
            "Harga naik (30/3). Menurut dia itu wajar."
        );
    }

    #[test]
    fn html_bodies_become_paragraphs() {
        let b = clean_body("<p>Satu <b>dua</b>.</p><p></p><div><p>Tiga.</p></div>");
        assert_eq!(b, "Satu dua.\n\nTiga.");
        assert_eq!(
            clean_body("baris satu\nbaris dua"),
            "baris satu\n\nbaris dua"
        );
    }
}
