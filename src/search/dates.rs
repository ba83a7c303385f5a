//! Date bounds for `--from`/`--to` and `date:`: `2022`, `2022-11`, `2022-11-04` or full
//! RFC 3339, at any year. A partial date as an upper bound means the end of that year,
//! month or day. Dates without a zone are read in WIB (+07:00), the archive's home zone.

use crate::extract::dates::wib;
use crate::search::Error;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};

/// Reads a date bound; `end` picks the last second of a partial date.
pub fn bound(s: &str, end: bool) -> Result<DateTime<FixedOffset>, Error> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(d);
    }
    let bad = || Error::BadDate(crate::search::query::echo(s));
    let parts: Vec<&str> = s.split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year = || num(0).and_then(|y| i32::try_from(y).ok()).ok_or_else(bad);
    let (start, next) = match parts.len() {
        1 => {
            let y = year()?;
            (
                NaiveDate::from_ymd_opt(y, 1, 1),
                y.checked_add(1)
                    .and_then(|n| NaiveDate::from_ymd_opt(n, 1, 1)),
            )
        }
        2 => {
            let (y, m) = (year()?, num(1).ok_or_else(bad)?);
            let next = if m == 12 {
                y.checked_add(1)
                    .and_then(|n| NaiveDate::from_ymd_opt(n, 1, 1))
            } else {
                NaiveDate::from_ymd_opt(y, m.saturating_add(1), 1)
            };
            (NaiveDate::from_ymd_opt(y, m, 1), next)
        }
        3 => {
            let d =
                NaiveDate::from_ymd_opt(year()?, num(1).ok_or_else(bad)?, num(2).ok_or_else(bad)?);
            (d, d.and_then(|d| d.succ_opt()))
        }
        _ => (None, None),
    };
    let day = if end { next } else { start }.ok_or_else(bad)?;
    let t = wib()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).ok_or_else(bad)?)
        .single()
        .ok_or_else(bad)?;
    Ok(if end { t - Duration::seconds(1) } else { t })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        assert_eq!(
            bound("2022-11", false).unwrap().to_rfc3339(),
            "2022-11-01T00:00:00+07:00"
        );
        assert_eq!(
            bound("2022-11", true).unwrap().to_rfc3339(),
            "2022-11-30T23:59:59+07:00"
        );
        assert_eq!(
            bound("2022", true).unwrap().to_rfc3339(),
            "2022-12-31T23:59:59+07:00"
        );
        assert_eq!(
            bound("2022-02-28", true).unwrap().to_rfc3339(),
            "2022-02-28T23:59:59+07:00"
        );
        assert!(bound("2022-13", false).is_err());
        assert!(bound("kemarin", false).is_err());
    }

    #[test]
    fn any_year() {
        assert_eq!(
            bound("1000", false).unwrap().to_rfc3339(),
            "1000-01-01T00:00:00+07:00"
        );
        assert_eq!(bound("9999", true).unwrap().timestamp(), 253_402_275_599);
        assert!(bound("4294967295", true).is_err());
        assert!(bound("99999999999", false).is_err());
    }
}
