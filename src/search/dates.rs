//! Date bounds for `--from`/`--to`: `2022`, `2022-11`, `2022-11-04` or full RFC 3339.
//! A partial date as an upper bound means the end of that year, month or day.
//! Dates without a zone are read in WIB (+07:00), the archive's home zone.

use crate::commands::UsageError;
use crate::extract::dates::wib;
use anyhow::Result;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};

/// Reads a date bound; `end` picks the last second of a partial date.
pub fn bound(s: &str, end: bool) -> Result<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(d);
    }
    let bad = || {
        UsageError::new(format!(
            "cannot read the date `{s}`: use 2022, 2022-11, 2022-11-04 or RFC 3339"
        ))
    };
    let parts: Vec<&str> = s.split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let (start, next) = match parts.len() {
        1 => {
            let y = num(0).ok_or_else(bad)? as i32;
            (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y + 1, 1, 1),
            )
        }
        2 => {
            let (y, m) = (num(0).ok_or_else(bad)? as i32, num(1).ok_or_else(bad)?);
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            (NaiveDate::from_ymd_opt(y, m, 1), next)
        }
        3 => {
            let d = NaiveDate::from_ymd_opt(
                num(0).ok_or_else(bad)? as i32,
                num(1).ok_or_else(bad)?,
                num(2).ok_or_else(bad)?,
            );
            (d, d.and_then(|d| d.succ_opt()))
        }
        _ => (None, None),
    };
    let day = if end { next } else { start }.ok_or_else(bad)?;
    let t = wib()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap())
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
}
