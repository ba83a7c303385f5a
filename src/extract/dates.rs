//! Dates and times as news dumps write them: RFC 3339 / ISO 8601, numeric day-first
//! (`04/11/2022, 16:31 WIB`), Indonesian and English month names with or without
//! weekdays (`Jumat, 4 November 2022 16:31 WIB`, `Oct 2, 2019`, `10-Sep-19`), times with
//! `:` or `.`, AM/PM, and zones WIB (+07:00), WITA (+08:00), WIT (+09:00), GMT/UTC and
//! numeric offsets, Reuters' SGML stamps (`26-FEB-1987 15:01:01.79`), Unix seconds in
//! spreadsheet cells, and the date in a URL path (`/2019/09/10/`). Times without a
//! zone take the caller's default offset (WIB for Indonesian outlets); a date without
//! a time is midnight. Every format reads its dates through this module.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
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

/// `2022-11-04T16:31:00+07:00`, `2019-09-17`, `2019/09/17 10:00`, and
/// `2015-11-05 T10:08:58Z` as some pages write it.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:\s+T|[T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z\b|[+-]\d{2}:?\d{2}\b)?)?").unwrap()
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

/// `Nov 4`, `4 November`: a day and month without a year (a Reuters dateline's date).
pub fn is_day_month(s: &str) -> bool {
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:(?:{MONTHS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTHS})\.?)$"
        ))
        .unwrap()
    });
    SHORT.is_match(s)
}

/// A word that belongs to a written date or time: a month or weekday name (Indonesian
/// or English), a zone, AM/PM, or `pukul`/`at`/`on` before a time.
pub fn is_date_word(w: &str) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:{MONTHS}|{WEEKDAYS}|wib|wita|wit|gmt|utc|am|pm|a\.m\.|p\.m\.|pukul|jam|pk|at|on|pada|tanggal|tgl)$"
        ))
        .unwrap()
    });
    WORD.is_match(w)
}

const WEEKDAYS: &str = r"senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun";

/// True when the text shows a clock time (`16:31`, `09.15 WIB`, `16:31:05`), not
/// counting the parts of a dotted date (`04.11.2022`).
pub fn has_clock(text: &str) -> bool {
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d.:])([01]?\d|2[0-3])[:.][0-5]\d(?:[^\d.:]|:\d|$)").unwrap()
    });
    CLOCK.is_match(text)
}

/// `16:31 WIB, Jumat 4 November 2022`: a time written before its date, which
/// [`find_datetime`] (reading times after dates) took as midnight, moved onto `d`.
pub fn with_leading_time(
    seg: &str,
    d: DateTime<FixedOffset>,
    default_offset: FixedOffset,
) -> DateTime<FixedOffset> {
    static TIME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2}[:.]\d{2})(\s*(?:wib|wita|wit|am|pm))*\b").unwrap()
    });
    let midnight = d.time() == NaiveTime::MIN;
    let Some(m) = TIME_FIRST.find(seg).filter(|_| midnight) else {
        return d;
    };
    let date_part = format!("{} {}", &seg[..m.start()], &seg[m.end()..]);
    if find_datetime(&date_part, default_offset).map(|x| x.date_naive()) != Some(d.date_naive()) {
        return d;
    }
    let moved = format!("{} {}", date_part.trim(), m.as_str());
    find_datetime(&moved, default_offset).unwrap_or(d)
}

/// A date cell (with an optional separate time cell) as a timestamp: every form
/// this module reads, plus Unix seconds or milliseconds.
pub fn parse_cells(
    date: &str,
    time: Option<&str>,
    default_offset: FixedOffset,
) -> Option<DateTime<FixedOffset>> {
    let d = date.trim();
    if (9..=13).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()) {
        let n: i64 = d.parse().ok()?;
        let secs = if d.len() == 13 { n / 1000 } else { n };
        return Utc
            .timestamp_opt(secs, 0)
            .single()
            .map(|t| t.fixed_offset());
    }
    let time = time.map(str::trim).filter(|t| !t.is_empty() && *t != "-");
    parse_date_time(d, time, default_offset).or_else(|| {
        // A time cell that holds a whole timestamp of its own.
        time.and_then(|t| find_datetime(t, default_offset))
    })
}

/// Spreadsheet exports turn day-first dates with a day of 12 or less into month-first
/// ones (`10/09/2019` -> `2019-10-09`). When the URL carries the date (`/2019/09/10/`)
/// and it is the parsed date with day and month swapped, the URL is right.
pub fn fix_swapped_day_month(p: DateTime<FixedOffset>, url: &str) -> DateTime<FixedOffset> {
    use chrono::Datelike;
    static URL_DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/").unwrap());
    let Some(c) = URL_DATE.captures(url) else {
        return p;
    };
    let (y, m, d) = (
        c[1].parse::<i32>().ok(),
        c[2].parse::<u32>().ok(),
        c[3].parse::<u32>().ok(),
    );
    if (y, m, d) == (Some(p.year()), Some(p.day()), Some(p.month())) && p.day() != p.month() {
        let swapped = p
            .with_day(1)
            .and_then(|q| q.with_month(p.day()))
            .and_then(|q| q.with_day(p.month()));
        return swapped.unwrap_or(p);
    }
    p
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

    #[test]
    fn reuters_sgml_stamps_are_utc() {
        let t = find_datetime("26-FEB-1987 15:01:01.79", utc()).unwrap();
        assert_eq!(t.to_rfc3339(), "1987-02-26T15:01:01+00:00");
        // A broken time keeps the day.
        let t = find_datetime("31-MAR-1987 605:12:19.12", utc()).unwrap();
        assert_eq!(t.to_rfc3339(), "1987-03-31T00:00:00+00:00");
    }

    #[test]
    fn a_space_before_t_in_a_stamp() {
        assert_eq!(f("2015-11-05 T10:08:58Z"), "2015-11-05T10:08:58+00:00");
    }

    #[test]
    fn short_dates_words_and_clocks() {
        assert!(is_day_month("Nov 4"));
        assert!(is_day_month("4 November"));
        assert!(is_day_month("Sept. 12"));
        assert!(!is_day_month("Nov 2022"));
        assert!(!is_day_month("Jakarta"));
        for w in ["Jumat", "NOVEMBER", "wib", "Sept", "pukul"] {
            assert!(is_date_word(w), "{w}");
        }
        for w in ["janji", "Jakarta", "Marsekal"] {
            assert!(!is_date_word(w), "{w}");
        }
        assert!(has_clock("Jumat, 4 November 2022 16:31 WIB"));
        assert!(has_clock("pukul 09.15"));
        assert!(has_clock("2022-11-04T16:31:05+07:00"));
        assert!(!has_clock("04.11.2022"));
        assert!(!has_clock("4 November 2022"));
    }

    #[test]
    fn a_time_before_the_date() {
        let d = find_datetime("16:31 WIB, Jumat 4 November 2022", wib()).unwrap();
        let moved = with_leading_time("16:31 WIB, Jumat 4 November 2022", d, wib());
        assert_eq!(moved.to_rfc3339(), "2022-11-04T16:31:00+07:00");
    }

    #[test]
    fn date_and_time_cells_are_joined() {
        let t = parse_cells("31 Juli 2019", Some("12:38"), wib()).unwrap();
        assert_eq!(t.to_rfc3339(), "2019-07-31T12:38:00+07:00");
        let t = parse_cells("1471852823", None, wib()).unwrap();
        assert_eq!(t.to_rfc3339(), "2016-08-22T08:00:23+00:00");
        assert!(parse_cells("-", Some("-"), wib()).is_none());
    }

    #[test]
    fn day_and_month_swapped_by_a_spreadsheet_are_fixed_from_the_url() {
        let p = parse_cells("2019-10-09", Some("21:48 WIB"), wib()).unwrap();
        let fixed =
            fix_swapped_day_month(p, "https://regional.kompas.com/read/2019/09/10/21485171/x");
        assert_eq!(fixed.to_rfc3339(), "2019-09-10T21:48:00+07:00");
        let same = fix_swapped_day_month(p, "https://contoh.com/read/2019/10/08/x");
        assert_eq!(same, p);
    }

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
