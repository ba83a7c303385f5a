//! JSON and JSONL/NDJSON dumps: a JSON file is one article object, an array of them,
//! or an object holding such an array (`articles`, `data`, `items`, ...); a JSONL file
//! has one object a line. Keys are mapped by `fields`; a bad line or record becomes a
//! warning (`line N: reason`) and the rest is read; a truncated JSON file is an error.

use super::decode::repair_mojibake;
use super::fields::{self, Record, Skips};
use super::Parsed;
use crate::extract::dates;
use anyhow::{bail, Result};
use serde_json::{Map, Value};
use std::path::Path;

/// Keys under which dumps keep their list of articles.
const CONTAINERS: &[&str] = &[
    "articles",
    "data",
    "items",
    "results",
    "posts",
    "news",
    "berita",
    "records",
    "entries",
    "documents",
    "docs",
    "hits",
    "rows",
    "artikel",
];

pub fn parse(text: &str, _path: &Path, lines: bool) -> Result<Parsed> {
    if lines {
        return Ok(parse_lines(text));
    }
    match super::json_repair::from_str(text) {
        Ok(v) => {
            let mut skips = Skips::default();
            let mut parsed = Parsed::default();
            for (i, rec) in records(&v).into_iter().enumerate() {
                read_record(rec, &format!("item {}", i + 1), &mut parsed, &mut skips);
            }
            parsed.warnings.extend(skips.warnings());
            Ok(parsed)
        }
        // A `.json` file holding one object a line.
        Err(_) if looks_like_lines(text) => Ok(parse_lines(text)),
        Err(e) if e.is_eof() => bail!(
            "truncated JSON (ends inside a value at line {}, column {})",
            e.line(),
            e.column()
        ),
        Err(e) => bail!("invalid JSON ({e})"),
    }
}

/// One JSON value a line; blank lines are skipped, bad lines become warnings.
fn parse_lines(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut skips = Skips::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("line {}", i + 1);
        match super::json_repair::from_str(line) {
            Ok(v) => {
                let recs = records(&v);
                if recs.is_empty() {
                    skips.add(&at, "not a JSON object", "");
                }
                for rec in recs {
                    read_record(rec, &at, &mut parsed, &mut skips);
                }
            }
            Err(e) if e.is_eof() => {
                skips.add(&at, "truncated JSON", &format!(" (column {})", e.column()))
            }
            Err(e) => skips.add(&at, "invalid JSON", &format!(" ({e})")),
        }
    }
    parsed.warnings.extend(skips.warnings());
    parsed
}

fn looks_like_lines(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first_is_object = lines.next().is_some_and(|l| {
        l.starts_with('{') && serde_json::from_str::<Map<String, Value>>(l).is_ok()
    });
    first_is_object && lines.next().is_some()
}

/// The article records inside a JSON value: the value itself when it is an article
/// object, the items of an array, or the array under a container key.
fn records(v: &Value) -> Vec<&Value> {
    collect_records(v, 0)
}

fn collect_records(v: &Value, depth: usize) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().map(unwrap_hit).collect(),
        Value::Object(map) if depth < 3 => {
            if !is_article(map) {
                for key in CONTAINERS {
                    if let Some(inner @ (Value::Array(_) | Value::Object(_))) = map.get(*key) {
                        let inner_recs = collect_records(inner, depth + 1);
                        if !inner_recs.is_empty() {
                            return inner_recs;
                        }
                    }
                }
            }
            // Not a container: the object is a record (read_record says if it is empty).
            if depth == 0 || is_article(map) {
                vec![v]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// Search-engine exports wrap each record: `{"_source": {...}}`.
fn unwrap_hit(v: &Value) -> &Value {
    match v.get("_source") {
        Some(inner @ Value::Object(_)) => inner,
        _ => v,
    }
}

fn is_article(map: &Map<String, Value>) -> bool {
    map.keys().any(|k| {
        matches!(
            fields::role_of(k).map(|r| r.0),
            Some(fields::Role::Title | fields::Role::Body | fields::Role::Summary)
        )
    })
}

/// Reads one record into an article, or notes why it was skipped.
fn read_record(v: &Value, at: &str, parsed: &mut Parsed, skips: &mut Skips) {
    let Value::Object(map) = v else {
        skips.add(at, "not a JSON object", "");
        return;
    };
    let mut rec = Record::default();
    for (k, val) in map {
        if let Some(value) = to_value(val) {
            rec.add(k, value);
        }
    }
    // Fields one level down (`meta: {title, date}`) fill what the top level lacks.
    for (k, val) in map {
        if let (None, Value::Object(inner)) = (fields::role_of(k), val) {
            for (ik, iv) in inner {
                if let Some(value) = to_value(iv) {
                    rec.add_if_missing(ik, value);
                }
            }
        }
    }
    match rec.into_article(dates::wib()) {
        Ok(a) => parsed.articles.push(a),
        Err(reason) => skips.add(at, &reason, ""),
    }
}

/// A JSON value as a field value: strings and numbers as text, arrays as lists,
/// objects by their `name`/`text`/`rendered`/`url`/`paragraphs` member.
fn to_value(v: &Value) -> Option<fields::Value> {
    match v {
        Value::String(s) => Some(fields::Value::Text(repair_mojibake(s).into_owned())),
        Value::Number(n) => Some(fields::Value::Text(n.to_string())),
        Value::Array(items) => {
            let list: Vec<String> = items.iter().filter_map(scalar_text).collect();
            (!list.is_empty()).then_some(fields::Value::List(list))
        }
        Value::Object(map) => match map.get("paragraphs") {
            Some(p @ Value::Array(_)) => to_value(p),
            _ => scalar_text(v).map(fields::Value::Text),
        },
        Value::Bool(_) | Value::Null => None,
    }
}

/// The text of a list item or of a small object (`{"name": "..."}`).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(repair_mojibake(s).into_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(map) => [
            "name", "nama", "text", "content", "rendered", "value", "@value", "url", "@id", "href",
        ]
        .iter()
        .find_map(|k| map.get(*k).and_then(scalar_text)),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, lines: bool) -> Result<Parsed> {
        parse(text, Path::new("t.json"), lines)
    }

    #[test]
    fn array_container_and_single_object() {
        let p = run(
            r#"[{"judul":"A","isi":"Satu."},{"headline":"B","body":"Dua."}]"#,
            false,
        )
        .unwrap();
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[1].title, "B");
        let p = run(
            r#"{"status":"ok","data":{"items":[{"title":"A","content":"x"}]}}"#,
            false,
        )
        .unwrap();
        assert_eq!(p.articles.len(), 1);
        let p = run(
            r#"{"title":"A","paragraphs":["p1","p2"],"author":{"name":"Ani"}}"#,
            false,
        )
        .unwrap();
        assert_eq!(p.articles[0].body, "p1\n\np2");
        assert_eq!(p.articles[0].authors, vec!["Ani"]);
    }

    #[test]
    fn bad_lines_are_warnings_and_the_rest_is_read() {
        let p = run(
            "{\"text\":\"satu\"}\n{broken\n\n[1]\n{\"text\":\"dua\"}\n",
            true,
        )
        .unwrap();
        assert_eq!(p.articles.len(), 2);
        assert!(
            p.warnings[0].starts_with("line 2: invalid JSON"),
            "{:?}",
            p.warnings
        );
        assert!(p.warnings[1].starts_with("line 4: "), "{:?}", p.warnings);
    }

    #[test]
    fn truncated_json_is_an_error() {
        let e = run("[{\"title\":\"A\",\"content\":\"isi", false)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("truncated JSON"), "{e}");
    }

    #[test]
    fn json_file_with_one_object_a_line_is_read_as_lines() {
        let p = run("{\"text\":\"satu\"}\n{\"text\":\"dua\"}\n", false).unwrap();
        assert_eq!(p.articles.len(), 2);
    }
}
