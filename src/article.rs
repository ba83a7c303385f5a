//! The article model: the one shape every input format is parsed into, every
//! index document is built from, and every command prints. Its JSON form is the
//! public contract of `warta parse --json` and `warta show --json`.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Named entities of one article, normalised (one name per entity).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entities {
    pub person: Vec<String>,
    pub place: Vec<String>,
    pub org: Vec<String>,
}

impl Entities {
    pub fn is_empty(&self) -> bool {
        self.person.is_empty() && self.place.is_empty() && self.org.is_empty()
    }
}

/// One news article, however it was stored on disk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: from the URL, else outlet + title + time, else the text.
    pub id: String,
    /// The file the article was read from (for records inside a file, the file).
    pub path: String,
    pub url: Option<String>,
    /// The outlet, e.g. `Kompas.com`.
    pub source: String,
    pub title: String,
    /// Publication time with the article's own UTC offset.
    #[serde(with = "rfc3339_opt")]
    pub published: Option<DateTime<FixedOffset>>,
    pub authors: Vec<String>,
    /// Wire service the story came from, e.g. `Reuters`.
    pub wire: Option<String>,
    /// Place line at the start of the story, e.g. `WASHINGTON DC`.
    pub dateline: Option<String>,
    /// ISO 639-1 code: `id`, `en`, ...
    pub lang: String,
    /// Paragraphs separated by one blank line.
    pub body: String,
    /// Image captions, kept apart from the body.
    #[serde(default)]
    pub captions: Vec<String>,
    pub entities: Entities,
}

impl Article {
    /// Paragraphs of the body.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split("\n\n").filter(|p| !p.trim().is_empty())
    }

    /// Fills `id` from the strongest identity the article has.
    pub fn assign_id(&mut self) {
        self.id = if let Some(url) = self.url.as_deref().filter(|u| !u.is_empty()) {
            short_hash(&["url", &normalize_url(url)])
        } else if !self.title.is_empty() && self.published.is_some() {
            let when = self
                .published
                .map(|d| d.timestamp().to_string())
                .unwrap_or_default();
            short_hash(&[
                "meta",
                &source_key(&self.source),
                &self.title.to_lowercase(),
                &when,
            ])
        } else {
            let words: Vec<&str> = self.body.split_whitespace().collect();
            short_hash(&["text", &self.title, &words.join(" ")])
        };
    }
}

/// 16 hex digits of a BLAKE3 hash over the parts (stable across machines).
pub fn short_hash(parts: &[&str]) -> String {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(&[0x1f]);
    }
    h.finalize().to_hex()[..16].to_string()
}

/// URL identity: no scheme, no `www.`, no fragment, no trailing slash, lower-case host.
pub fn normalize_url(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let (host, rest) = match u.find('/') {
        Some(i) => (&u[..i], &u[i..]),
        None => (u, ""),
    };
    format!("{}{}", host.to_lowercase(), rest.trim_end_matches('/'))
}

/// The key an outlet is filtered by: `Kompas.com`, `kompas`, `www.kompas.com`
/// all become `kompas`.
pub fn source_key(source: &str) -> String {
    let s = source.trim().to_lowercase();
    let s = s.strip_prefix("www.").unwrap_or(&s);
    let mut s = s.to_string();
    for suffix in [".co.id", ".com", ".id", ".net", ".org", ".tv", ".co"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_string();
            break;
        }
    }
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .collect()
}

mod rfc3339_opt {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        v: &Option<DateTime<FixedOffset>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&d.to_rfc3339()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        let v: Option<String> = Option::deserialize(d)?;
        Ok(v.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_identity_ignores_scheme_www_and_slash() {
        assert_eq!(
            normalize_url("https://www.Kompas.com/a/b/"),
            normalize_url("http://kompas.com/a/b")
        );
    }

    #[test]
    fn source_keys() {
        assert_eq!(source_key("Kompas.com"), "kompas");
        assert_eq!(source_key("www.detik.com"), "detik");
        assert_eq!(source_key("Tribunnews"), "tribunnews");
    }
}
