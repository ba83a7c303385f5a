//! JSON that serde_json refuses although its articles are readable: a string with a
//! lone UTF-16 surrogate escape (`"\ud800"`, left by a tool that cut a string between
//! the two halves of an emoji) or a number too large for a double (`1e400`) in some
//! field. Such text is mended before it is read again: a lone surrogate becomes U+FFFD,
//! an out-of-range number `null`. Text serde_json reads is never touched.

use serde_json::Value;

/// Reads a JSON value, mending lone surrogates and out-of-range numbers when that is
/// what stops serde_json.
pub fn from_str(text: &str) -> serde_json::Result<Value> {
    match serde_json::from_str(text) {
        Err(e) if mendable(&e) => match mend(text) {
            Some(fixed) => serde_json::from_str(&fixed),
            None => Err(e),
        },
        other => other,
    }
}

fn mendable(e: &serde_json::Error) -> bool {
    let msg = e.to_string();
    msg.contains("surrogate") || msg.contains("hex escape") || msg.contains("number out of range")
}

/// The text with its lone surrogate escapes and out-of-range numbers replaced, or None
/// when there were none.
fn mend(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut copied = 0;
    let mut i = 0;
    let mut in_string = false;
    while i < b.len() {
        let c = b[i];
        if in_string {
            match c {
                b'"' => in_string = false,
                b'\\' if b.get(i + 1) == Some(&b'u') => {
                    if let Some(unit) = hex4(b, i + 2) {
                        let low_follows = b.get(i + 6) == Some(&b'\\')
                            && b.get(i + 7) == Some(&b'u')
                            && hex4(b, i + 8).is_some_and(|u| (0xDC00..=0xDFFF).contains(&u));
                        if (0xD800..=0xDBFF).contains(&unit) && low_follows {
                            i += 12;
                            continue;
                        }
                        if (0xD800..=0xDFFF).contains(&unit) {
                            out.push_str(&text[copied..i]);
                            out.push_str("\\ufffd");
                            changed = true;
                            i += 6;
                            copied = i;
                            continue;
                        }
                    }
                    i += 2;
                    continue;
                }
                b'\\' => {
                    i += 2;
                    continue;
                }
                _ => {}
            }
            i += 1;
        } else if c == b'"' {
            in_string = true;
            i += 1;
        } else if c == b'-' || c.is_ascii_digit() {
            let start = i;
            while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                i += 1;
            }
            let number = &text[start..i];
            if number.parse::<f64>().is_ok_and(|v| v.is_infinite()) {
                out.push_str(&text[copied..start]);
                out.push_str("null");
                changed = true;
                copied = i;
            }
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    changed.then_some(out)
}

/// The value of four hex digits at `at`.
fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let digits = std::str::from_utf8(b.get(at..at + 4)?).ok()?;
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let v = from_str(r#"{"title":"Emoji \ud83d terpotong","body":"ok \udc00"}"#).unwrap();
        assert_eq!(v["title"], "Emoji \u{fffd} terpotong");
        assert_eq!(v["body"], "ok \u{fffd}");
    }

    #[test]
    fn pairs_and_other_escapes_are_kept() {
        let text = r#"{"t":"\ud83d\ude00 \"\\ud800\" \u00e9","n":1e5}"#;
        assert_eq!(
            from_str(text).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
        assert_eq!(mend(text), None);
    }

    #[test]
    fn huge_numbers_become_null() {
        let v = from_str(r#"{"title":"Judul","score":1e400,"neg":-2E+999,"ok":3.5}"#).unwrap();
        assert_eq!(v["title"], "Judul");
        assert!(v["score"].is_null() && v["neg"].is_null());
        assert_eq!(v["ok"], 3.5);
    }

    #[test]
    fn other_errors_stay_errors() {
        assert!(from_str(r#"{"a": tru}"#).is_err());
        assert!(from_str(r#"{"a": "\ud800"#).is_err());
    }
}
