//! Dates and times as news dumps write them: RFC 3339 / ISO 8601, numeric day-first
//! (`04/11/2022, 16:31 WIB`), Indonesian and English month names with or without
//! weekdays (`Jumat, 4 November 2022 16:31 WIB`, `Oct 2, 2019`, `10-Sep-19`), times with
//! `:` or `.`, AM/PM, and zones WIB (+07:00), WITA (+08:00), WIT (+09:00), GMT/UTC and
//! numeric offsets. Times without a zone take the caller's default offset (WIB for
//! Indonesian outlets); a date without a time is midnight.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// Western Indonesian Time, the default offset for times with no zone.
pub fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap()
}

/// UTC as a fixed offset.
pub fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

const MONTHS: &str = r"januari|january|jan|februari|pebruari|february|feb|maret|march|mar|april|apr|mei|may|juni|june|jun|juli|july|jul|agustus|august|agu|agt|ags|aug|september|sept|sep|oktober|october|okt|oct|november|nopember|nov|nop|desember|december|des|dec";

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    Some(match n {
        "januari" | "january" | "jan" => 1,
        "februari" | "pebruari" | "february" | "feb" => 2,
        "maret" | "march" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "agustus" | "august" | "agu" | "agt" | "ags" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "december" | "des" | "dec" => 12,
        _ => return None,
    })
}

/// `2022-11-04T16:31:00+07:00`, `2019-09-17`, `2019/09/17 10:00`.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z\b|[+-]\d{2}:?\d{2}\b)?)?").unwrap()
});
/// `4 November 2022`, `07 Nov 2022`, `10-Sep-19`, `26-FEB-1987`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(\d{{1,2}})(?:\s+|\s*-\s*|\s*/\s*)({MONTHS})\.?,?(?:\s+|\s*-\s*|\s*/\s*)(\d{{4}}|\d{{2}})\b")).unwrap()
});
/// `Oct 2, 2019`, `November 4, 2022`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// `04/11/2022`, `16-09-2019`, `4.11.2022` (day first).
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})\b").unwrap());
/// A time right after a date: `, 16:31 WIB`, ` | 09:15 WIB`, ` / 07:05 pm`, ` pukul 14.30`, ` 4:31 PM`.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,|/\-–—]*(?:(?:pukul|jam|at|pk\.?)\s*)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?(?:\s*(am|pm|a\.m\.|p\.m\.))?(?:\s*\(?\s*(wita|wib|wit|gmt|utc|z|[+-]\d{2}:?\d{2})\b\)?(?:\s*([+-]\d{1,2}(?::?\d{2})?))?)?").unwrap()
});

/// A date found in free text: its byte span, the day, and the time with its zone when given.
type Candidate = (
    usize,
    usize,
    NaiveDate,
    Option<(NaiveTime, Option<FixedOffset>)>,
);

/// Finds the first date (with its time and zone when given) in a piece of free text,
/// e.g. `Kompas.com - 04/11/2022, 16:31 WIB` or `Jumat, 4 November 2022 16:31 WIB`.
pub fn find_datetime(text: &str, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let mut candidates: Vec<Candidate> = Vec::new();
    for c in ISO.captures_iter(text) {
        let m = c.get(0).unwrap();
        if let Some(date) = ymd(num(&c, 1), num(&c, 2), num(&c, 3)) {
            let time = c.get(4).and_then(|_| {
                let t = NaiveTime::from_hms_opt(num(&c, 4)?, num(&c, 5)?, num(&c, 6).unwrap_or(0))?;
                Some((t, c.get(7).and_then(|z| zone(z.as_str()))))
            });
            candidates.push((m.start(), m.end(), date, time));
            break;
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let m = c.get(0).unwrap();
        let month = month_number(&c[2]);
        if let Some(date) =
            month.and_then(|mo| ymd(num(&c, 3).map(full_year), Some(mo), num(&c, 1)))
        {
            candidates.push((m.start(), m.end(), date, None));
            break;
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        let m = c.get(0).unwrap();
        let month = month_number(&c[1]);
        if let Some(date) = month.and_then(|mo| ymd(num(&c, 3), Some(mo), num(&c, 2))) {
            candidates.push((m.start(), m.end(), date, None));
            break;
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let m = c.get(0).unwrap();
        if c[2] != c[4] {
            continue;
        }
        if let Some(date) = ymd(num(&c, 5).map(full_year), num(&c, 3), num(&c, 1)) {
            candidates.push((m.start(), m.end(), date, None));
            break;
        }
    }
    let (_, end, date, time) = candidates.into_iter().min_by_key(|c| c.0)?;
    let (time, zone) = match time {
        Some((t, z)) => (t, z.or_else(|| trailing_zone(&text[end..]))),
        None => match time_after(&text[end..]) {
            Some((t, z)) => (t, z),
            None => (NaiveTime::MIN, trailing_zone(&text[end..])),
        },
    };
    let offset = zone.unwrap_or(default_offset);
    offset.from_local_datetime(&date.and_time(time)).single()
}

/// Parses a date cell and an optional separate time cell, as CSV exports have them.
pub fn parse_date_time(
    date: &str,
    time: Option<&str>,
    default_offset: FixedOffset,
) -> Option<DateTime<FixedOffset>> {
    match time.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => find_datetime(&format!("{} {}", date.trim(), t), default_offset)
            .or_else(|| find_datetime(date, default_offset)),
        None => find_datetime(date, default_offset),
    }
}

fn num(c: &Captures, i: usize) -> Option<u32> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

fn full_year(y: u32) -> u32 {
    match y {
        0..=69 => 2000 + y,
        70..=99 => 1900 + y,
        _ => y,
    }
}

fn ymd(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> Option<NaiveDate> {
    let y = y?;
    // Any four-digit year is read; whether it is believable is one rule, applied with a
    // warning to every format in `ingest::sanity`.
    if !(1000..=9999).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m?, d?)
}

/// A time (and zone) directly after a date.
fn time_after(rest: &str) -> Option<(NaiveTime, Option<FixedOffset>)> {
    let c = TIME.captures(rest)?;
    let mut h = num(&c, 1)?;
    let min = num(&c, 2)?;
    let s = num(&c, 3).unwrap_or(0);
    if let Some(ampm) = c.get(4) {
        let pm = ampm.as_str().to_lowercase().starts_with('p');
        if h > 12 {
            return None;
        }
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let t = NaiveTime::from_hms_opt(h, min, s)?;
    let mut z = c.get(5).and_then(|z| zone(z.as_str()));
    if let (Some(base), Some(extra)) = (c.get(5), c.get(6)) {
        if matches!(base.as_str().to_lowercase().as_str(), "gmt" | "utc") {
            z = zone(extra.as_str()).or(z);
        }
    }
    Some((t, z))
}

/// A zone word shortly after a date that had no time: `4 November 2022 (WIB)`.
fn trailing_zone(rest: &str) -> Option<FixedOffset> {
    let head: String = rest.chars().take(12).collect();
    let word = head
        .trim_start_matches([' ', ',', '|', '('])
        .split([' ', ')', ','])
        .next()?;
    match word.to_lowercase().as_str() {
        "wib" | "wita" | "wit" => zone(word),
        _ => None,
    }
}

/// The offset a zone name or numeric offset stands for.
pub fn zone(z: &str) -> Option<FixedOffset> {
    let lower = z.trim().to_lowercase();
    let hours = match lower.as_str() {
        "wib" => 7,
        "wita" => 8,
        "wit" => 9,
        "gmt" | "utc" | "z" => 0,
        _ => {
            let sign = match lower.chars().next()? {
                '+' => 1,
                '-' => -1,
                _ => return None,
            };
            let digits: String = lower.chars().filter(|c| c.is_ascii_digit()).collect();
            let (h, m) = match digits.len() {
                1 | 2 => (digits.parse::<i32>().ok()?, 0),
                4 => (
                    digits[..2].parse::<i32>().ok()?,
                    digits[2..].parse::<i32>().ok()?,
                ),
                _ => return None,
            };
            return FixedOffset::east_opt(sign * (h * 3600 + m * 60));
        }
    };
    FixedOffset::east_opt(hours * 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        find_datetime(s, wib())
            .map(|d| d.to_rfc3339())
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn kompas_numeric_line() {
        assert_eq!(
            f("Kompas.com - 04/11/2022, 16:31 WIB"),
            "2022-11-04T16:31:00+07:00"
        );
    }

    #[test]
    fn indonesian_long_forms() {
        assert_eq!(
            f("Jumat, 4 November 2022 16:31 WIB"),
            "2022-11-04T16:31:00+07:00"
        );
        assert_eq!(
            f("Selasa, 12 Maret 2019 | 09:15 WIB"),
            "2019-03-12T09:15:00+07:00"
        );
        assert_eq!(
            f("Senin, 07 Nov 2022 14:30 WIB"),
            "2022-11-07T14:30:00+07:00"
        );
        assert_eq!(
            f("Rabu, 4 November 2015 | 21:04 WIB"),
            "2015-11-04T21:04:00+07:00"
        );
        assert_eq!(f("Kamis, 05 Nov 2015 14:56"), "2015-11-05T14:56:00+07:00");
        assert_eq!(
            f("Diperbarui 17 Mei 2023, 10.00 WITA"),
            "2023-05-17T10:00:00+08:00"
        );
        assert_eq!(
            f("Sabtu, 3 Agustus 2024 pukul 19.05 WIT"),
            "2024-08-03T19:05:00+09:00"
        );
        assert_eq!(f("31 Juli 2019"), "2019-07-31T00:00:00+07:00");
    }

    #[test]
    fn english_forms() {
        assert_eq!(
            f("Friday, November 4, 2022 4:31 PM"),
            "2022-11-04T16:31:00+07:00"
        );
        assert_eq!(f("Oct 2, 2019"), "2019-10-02T00:00:00+07:00");
        assert_eq!(f("Oct 2, 2019 12:05 AM"), "2019-10-02T00:05:00+07:00");
        assert_eq!(
            f("Fri, August 16, 2024 / 07:05 pm"),
            "2024-08-16T19:05:00+07:00"
        );
        assert_eq!(
            find_datetime("26-FEB-1987 15:01:01.79", utc())
                .unwrap()
                .to_rfc3339(),
            "1987-02-26T15:01:01+00:00"
        );
    }

    #[test]
    fn export_forms() {
        assert_eq!(f("10-Sep-19"), "2019-09-10T00:00:00+07:00");
        assert_eq!(f("16/09/2019"), "2019-09-16T00:00:00+07:00");
        assert_eq!(f("2019-09-17"), "2019-09-17T00:00:00+07:00");
        assert_eq!(
            parse_date_time("16/09/2019", Some("21:12 WIB"), wib())
                .unwrap()
                .to_rfc3339(),
            "2019-09-16T21:12:00+07:00"
        );
        assert_eq!(
            parse_date_time("Oct 2, 2019", Some("23:04"), wib())
                .unwrap()
                .to_rfc3339(),
            "2019-10-02T23:04:00+07:00"
        );
    }

    #[test]
    fn iso_forms_keep_their_offset() {
        assert_eq!(f("2015-11-05T07:56:43+00:00"), "2015-11-05T07:56:43+00:00");
        assert_eq!(f("2015-11-05T14:56:43Z"), "2015-11-05T14:56:43+00:00");
        assert_eq!(f("2015-11-05T14:56:43+0700"), "2015-11-05T14:56:43+07:00");
        assert_eq!(f("2023-05-17 10:00 WIB"), "2023-05-17T10:00:00+07:00");
        assert_eq!(f("2023-05-17 10:00:00"), "2023-05-17T10:00:00+07:00");
    }

    #[test]
    fn earliest_date_wins_and_nonsense_is_none() {
        assert_eq!(
            f("Diterbitkan 1 Mei 2023 08:00 WIB, diperbarui 2 Mei 2023"),
            "2023-05-01T08:00:00+07:00"
        );
        assert_eq!(f("no date here"), "none");
        assert_eq!(f("31/02/2022"), "none");
        assert_eq!(f("skor 2-1 dan 3-0"), "none");
    }
}
