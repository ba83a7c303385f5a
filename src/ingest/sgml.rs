//! Reuters-21578 SGML: each `<REUTERS>` record is one English wire story with
//! `<DATE>` (UTC), `<TITLE>`, `<DATELINE>` (place before the comma), `<BODY>` (the
//! trailing `Reuter` sign-off dropped) and its `<PLACES>`/`<PEOPLE>`/`<ORGS>` tags as
//! entities. Records without a body (headline-only briefs) are skipped and counted.
//! The markup is fixed and flat, so a small tag scanner reads it.

use super::fields::Skips;
use super::Parsed;
use crate::article::{short_hash, Article, Entities};
use crate::extract::dates;
use anyhow::{bail, Result};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

pub fn parse(text: &str, _path: &Path) -> Result<Parsed> {
    let mut parsed = Parsed::default();
    // A dump holds thousands of records: skipped ones are reported as counts.
    let mut skips = Skips::new(0);
    let mut seen = 0;
    let mut rest = text;
    while let Some(start) = rest.find("<REUTERS") {
        let after = &rest[start..];
        let Some(end) = after.find("</REUTERS>") else {
            skips.add(
                &format!("record {}", seen + 1),
                "unterminated <REUTERS> record",
                "",
            );
            break;
        };
        let record = &after[..end];
        rest = &after[end + "</REUTERS>".len()..];
        seen += 1;
        let newid = attr(record, "NEWID").unwrap_or_default();
        let at = if newid.is_empty() {
            format!("record {seen}")
        } else {
            format!("NEWID {newid}")
        };
        match read_record(record, &newid) {
            Ok(a) => parsed.articles.push(a),
            Err(reason) => skips.add(&at, reason, ""),
        }
    }
    if seen == 0 {
        bail!("no <REUTERS> record found");
    }
    parsed.warnings.extend(skips.warnings());
    Ok(parsed)
}

/// One `<REUTERS ...>...` record (without its end tag) as an article.
fn read_record(record: &str, newid: &str) -> Result<Article, &'static str> {
    let title = element(record, "TITLE")
        .map(|t| decode_entities(t).trim().to_string())
        .unwrap_or_default();
    let body = match element(record, "BODY") {
        Some(b) => paragraphs(&decode_entities(strip_signoff(b))),
        // Unprocessed records keep their text (often a table) straight in <TEXT>.
        None if record.contains("TYPE=\"UNPROC\"") => element(record, "TEXT")
            .map(|t| {
                decode_entities(strip_signoff(t))
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    if body.trim().is_empty() || body.trim().eq_ignore_ascii_case("blah blah blah.") {
        return Err(if title.is_empty() {
            "empty record"
        } else {
            "no body (headline only)"
        });
    }
    let dateline = element(record, "DATELINE")
        .map(decode_entities)
        .and_then(|d| d.split(',').next().map(|p| p.trim().to_string()))
        .filter(|p| !p.is_empty());
    // `26-FEB-1987 15:01:01.79`, in UTC; a broken time keeps the day.
    let published = element(record, "DATE")
        .and_then(|d| dates::find_datetime(&decode_entities(d), dates::utc()));
    let entities = Entities {
        person: tags(record, "PEOPLE")
            .iter()
            .map(|p| pretty_code(p))
            .collect(),
        place: tags(record, "PLACES")
            .iter()
            .map(|p| pretty_code(p))
            .collect(),
        org: tags(record, "ORGS")
            .iter()
            .map(|o| o.replace('-', " ").to_uppercase())
            .collect(),
    };
    let id = if newid.is_empty() {
        String::new()
    } else {
        short_hash(&["reuters21578", newid])
    };
    Ok(Article {
        id,
        url: None,
        source: "Reuters".into(),
        wire: Some("Reuters".into()),
        title,
        published,
        dateline,
        lang: "en".into(),
        body,
        entities,
        ..Default::default()
    })
}

/// Body text without the end-of-text mark and the `Reuter` sign-off.
fn strip_signoff(body: &str) -> &str {
    static SIGNOFF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?:\s|&#3;|\breuter\b\.*|\^M)*$").unwrap());
    match SIGNOFF.find(body) {
        Some(m) => &body[..m.start()],
        None => body,
    }
}

/// Wire copy marks paragraphs with an indented first line.
fn paragraphs(body: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    for line in body.lines() {
        let indented = line.starts_with(' ') || line.starts_with('\t');
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match paras.last_mut() {
            Some(p) if !indented => {
                p.push(' ');
                p.push_str(line);
            }
            _ => paras.push(line.to_string()),
        }
    }
    paras.join("\n\n")
}

/// The value of an attribute of the record's start tag: `NEWID="12"`.
fn attr(record: &str, name: &str) -> Option<String> {
    let tag_end = record.find('>')?;
    let tag = &record[..tag_end];
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

/// The raw content of the first `<NAME>` or `<NAME attr...>` element.
fn element<'a>(record: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut from = 0;
    while let Some(i) = record[from..].find(&open) {
        let start = from + i + open.len();
        let next = record[start..].chars().next()?;
        if next == '>' || next == ' ' {
            let content_start = start + record[start..].find('>')? + 1;
            let len = record[content_start..].find(&close)?;
            return Some(&record[content_start..content_start + len]);
        }
        from = start;
    }
    None
}

/// The `<D>` values of a category element: `<PLACES><D>usa</D><D>uk</D></PLACES>`.
fn tags(record: &str, name: &str) -> Vec<String> {
    let Some(inner) = element(record, name) else {
        return Vec::new();
    };
    inner
        .split("<D>")
        .filter_map(|d| d.split("</D>").next())
        .map(|d| decode_entities(d).trim().to_string())
        .filter(|d| !d.is_empty())
        .collect()
}

/// `west-germany` -> `West Germany`, `usa` -> `USA`, `james-baker` -> `James Baker`.
fn pretty_code(code: &str) -> String {
    const ACRONYMS: &[&str] = &["usa", "uk", "ussr", "uae", "us"];
    code.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if ACRONYMS.contains(&w) {
                w.to_uppercase()
            } else {
                let mut cs = w.chars();
                cs.next()
                    .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// SGML character entities: named (`&lt;`, `&amp;`, ...) and numeric (`&#3;`); numeric
/// control characters other than line breaks and tabs are dropped.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.replace('\r', "");
    }
    static ENTITY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"&(#\d{1,7}|[A-Za-z]{2,8});").unwrap());
    let out = ENTITY.replace_all(s, |c: &regex::Captures| {
        let name = &c[1];
        if let Some(num) = name.strip_prefix('#') {
            return match num.parse::<u32>().ok().and_then(char::from_u32) {
                Some(ch) if ch == '\n' || ch == '\t' => ch.to_string(),
                Some(ch) if ch.is_control() => String::new(),
                Some(ch) => ch.to_string(),
                None => String::new(),
            };
        }
        match name {
            "lt" => "<".into(),
            "gt" => ">".into(),
            "amp" => "&".into(),
            "quot" => "\"".into(),
            "apos" => "'".into(),
            _ => c[0].to_string(),
        }
    });
    out.replace('\r', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="7">
<DATE> 5-MAR-1987 09:06:33.95</DATE>
<PLACES><D>west-germany</D><D>usa</D></PLACES>
<PEOPLE><D>james-baker</D></PEOPLE>
<ORGS><D>imf</D></ORGS>
<TEXT>&#2;
<TITLE>MINISTERS &lt;MEET> IN BONN</TITLE>
<DATELINE>    BONN, March 5 - </DATELINE><BODY>Finance ministers met
here today.
    They agreed on &lt;nothing> new.
REUTER
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="8">
<DATE>31-MAR-1987 605:12:19.12</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>HEADLINE ONLY
</TITLE>Blah blah blah.
&#3;
</TEXT>
</REUTERS>
"#;

    #[test]
    fn records_become_articles_and_briefs_are_counted() {
        let p = parse(RECORD, Path::new("r.sgm")).unwrap();
        assert_eq!(p.articles.len(), 1);
        let a = &p.articles[0];
        assert_eq!(a.title, "MINISTERS <MEET> IN BONN");
        assert_eq!(
            a.body,
            "Finance ministers met here today.\n\nThey agreed on <nothing> new."
        );
        assert_eq!(a.dateline.as_deref(), Some("BONN"));
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("1987-03-05T09:06:33+00:00")
        );
        assert_eq!(a.entities.place, vec!["West Germany", "USA"]);
        assert_eq!(a.entities.person, vec!["James Baker"]);
        assert_eq!(a.entities.org, vec!["IMF"]);
        assert_eq!(
            p.warnings,
            vec!["1 records skipped (1 no body (headline only): NEWID 8)"]
        );
    }

    #[test]
    fn no_record_is_an_error() {
        assert!(parse("<html></html>", Path::new("x.sgm")).is_err());
    }
}
