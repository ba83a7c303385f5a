//! Checks every article passes, whatever its format: a publication date that can be
//! true, and a body small enough to be searched as one story.
//!
//! - A date before [`EARLIEST_YEAR`] or more than a day in the future is a parse
//!   error or a placeholder (`9999-12-31`, `0001-01-01`): the article keeps no date,
//!   with a warning, rather than sorting first or last forever.
//! - A body over [`MAX_ARTICLE_BYTES`] (a whole book or a database dump in one text
//!   file) is cut at paragraph boundaries into parts of at most that size, each its own
//!   article (`Title (part 2 of 9)`), with a warning: nothing is lost, and a search
//!   that hits one part reads and highlights one part, not hundreds of megabytes.

use crate::article::{short_hash, Article};
use chrono::{DateTime, Datelike, Duration, FixedOffset, Utc};

/// The first year a publication date may have.
pub const EARLIEST_YEAR: i32 = 1800;

/// The largest body one article keeps; longer ones are split.
pub const MAX_ARTICLE_BYTES: usize = 1 << 20;

/// Whether a publication time can be true: not before 1800, not more than a day ahead.
pub fn believable(d: &DateTime<FixedOffset>, now: DateTime<Utc>) -> bool {
    d.year() >= EARLIEST_YEAR && *d <= now + Duration::days(1)
}

/// Drops a date that cannot be true; returns the warning.
pub fn check_date(a: &mut Article, now: DateTime<Utc>) -> Option<String> {
    let d = a.published?;
    if believable(&d, now) {
        return None;
    }
    a.published = None;
    Some(format!(
        "{}: publication date {} is not believable (before {EARLIEST_YEAR} or in the future), kept without a date",
        describe(a),
        d.to_rfc3339()
    ))
}

/// Splits an article whose body is over `max` bytes into parts; returns the parts (the
/// article itself when it is small enough) and the warning. Parts after the first get
/// ids of their own once ids are assigned (see [`part_id`]): part `k` is at index
/// `k - 1`.
pub fn split_oversized(a: Article, max: usize) -> (Vec<Article>, Option<String>) {
    if a.body.len() <= max {
        return (vec![a], None);
    }
    let bodies = cut(&a.body, max);
    let n = bodies.len();
    let warning = format!(
        "{}: body of {} MB split into {n} articles of at most {} MB",
        describe(&a),
        a.body.len() >> 20,
        max >> 20
    );
    let parts = bodies
        .into_iter()
        .enumerate()
        .map(|(k, body)| {
            let mut part = a.clone();
            part.body = body;
            if k > 0 {
                part.captions.clear();
            }
            let title = if a.title.is_empty() {
                "(untitled)"
            } else {
                &a.title
            };
            part.title = format!("{title} (part {} of {n})", k + 1);
            part
        })
        .collect();
    (parts, Some(warning))
}

/// The id of part `k` (from 1) of an article split in parts: the first part keeps the
/// article's own id, the others derive theirs from it.
pub fn part_id(id: &str, k: usize) -> String {
    if k <= 1 {
        id.to_string()
    } else {
        short_hash(&["part", id, &k.to_string()])
    }
}

/// Paragraph-aligned pieces of at most `max` bytes; a paragraph longer than that is cut
/// at the last space before the limit (or at a character boundary when it has none).
fn cut(body: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for para in body.split("\n\n") {
        let mut rest = para;
        while rest.len() > max {
            let mut end = max;
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let at = rest[..end]
                .rfind(char::is_whitespace)
                .filter(|&i| i > 0)
                .unwrap_or(end);
            push_piece(&mut out, &mut cur, &rest[..at], max);
            rest = rest[at..].trim_start();
        }
        push_piece(&mut out, &mut cur, rest, max);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn push_piece(out: &mut Vec<String>, cur: &mut String, piece: &str, max: usize) {
    if piece.is_empty() {
        return;
    }
    if !cur.is_empty() && cur.len() + 2 + piece.len() > max {
        out.push(std::mem::take(cur));
    }
    if !cur.is_empty() {
        cur.push_str("\n\n");
    }
    cur.push_str(piece);
}

fn describe(a: &Article) -> String {
    if a.title.is_empty() {
        "an untitled article".to_string()
    } else {
        let t: String = a.title.chars().take(60).collect();
        format!("article {t:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(y, 1, 1, 0, 0, 0)
            .unwrap()
    }

    #[test]
    fn absurd_dates_are_dropped() {
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap();
        let mut a = Article {
            title: "Judul".into(),
            published: Some(at(9999)),
            ..Default::default()
        };
        assert!(check_date(&mut a, now).unwrap().contains("9999"));
        assert_eq!(a.published, None);
        for (y, ok) in [(1799, false), (1800, true), (2026, true), (2027, false)] {
            assert_eq!(believable(&at(y), now), ok, "{y}");
        }
    }

    #[test]
    fn big_bodies_are_split_at_paragraphs_without_losing_text() {
        let para = "kata ".repeat(30).trim_end().to_string();
        let body = vec![para.clone(); 50].join("\n\n");
        let a = Article {
            title: "Laporan".into(),
            body: body.clone(),
            ..Default::default()
        };
        let (parts, warning) = split_oversized(a, 1000);
        assert!(warning.is_some());
        assert!(parts.len() > 5);
        assert!(parts.iter().all(|p| p.body.len() <= 1000));
        assert_eq!(
            parts[1].title,
            format!("Laporan (part 2 of {})", parts.len())
        );
        let joined: Vec<String> = parts.iter().map(|p| p.body.clone()).collect();
        assert_eq!(joined.join("\n\n"), body);
        assert_eq!(part_id("abc", 1), "abc");
        assert_ne!(part_id("abc", 2), part_id("abc", 3));
    }

    #[test]
    fn a_paragraph_without_breaks_is_cut_at_spaces_and_characters() {
        let long = "é".repeat(3000);
        let pieces = cut(&long, 1001);
        assert!(pieces.iter().all(|p| p.len() <= 1001));
        assert_eq!(pieces.concat(), long);
        let words = "abc ".repeat(1000);
        let pieces = cut(words.trim_end(), 100);
        assert!(pieces.iter().all(|p| p.len() <= 100 && !p.starts_with(' ')));
    }
}
