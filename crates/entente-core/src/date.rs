//! Calendar dates, as event data uses them: a day, no time zone.

use crate::{Error, Result};
use std::fmt;

/// A calendar day. Ordered, so dated roles can be checked with plain comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2022.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl Date {
    /// A date from its parts, checked against the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, `YYYYMMDD` or PETRARCH's `YYMMDD` (years 00–29 are 20xx, 30–99 19xx).
    pub fn parse(s: &str) -> Result<Date> {
        let err = |reason| Error::Date { input: s.to_string(), reason };
        let t = s.trim();
        let digits: String = t.chars().filter(|c| *c != '-').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("expected digits"));
        }
        if t.contains('-') && !(t.len() == 10 && &t[4..5] == "-" && &t[7..8] == "-") {
            return Err(err("expected YYYY-MM-DD"));
        }
        let (y, m, d) = match digits.len() {
            8 => (
                digits[0..4].parse::<i32>().unwrap(),
                digits[4..6].parse::<u8>().unwrap(),
                digits[6..8].parse::<u8>().unwrap(),
            ),
            6 => {
                let yy = digits[0..2].parse::<i32>().unwrap();
                (
                    if yy < 30 { 2000 + yy } else { 1900 + yy },
                    digits[2..4].parse::<u8>().unwrap(),
                    digits[4..6].parse::<u8>().unwrap(),
                )
            }
            _ => return Err(err("expected 6 or 8 digits")),
        };
        Date::new(y, m, d).ok_or_else(|| err("no such day"))
    }

    /// Days since 1970-01-01 (negative before), for arithmetic and Arrow's Date32.
    pub fn to_days(self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 { self.year - 1 } else { self.year };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The inverse of [`Date::to_days`].
    pub fn from_days(z: i32) -> Date {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date { year: if m <= 2 { y + 1 } else { y }, month: m, day: d }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Date> {
        Date::parse(s)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(Date::parse("2022-02-24").unwrap(), Date::new(2022, 2, 24).unwrap());
        assert_eq!(Date::parse("20220224").unwrap(), Date::new(2022, 2, 24).unwrap());
        assert_eq!(Date::parse("130803").unwrap(), Date::new(2013, 8, 3).unwrap());
        assert_eq!(Date::parse("950101").unwrap(), Date::new(1995, 1, 1).unwrap());
    }

    #[test]
    fn rejects_impossible_days() {
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2024-13-01").is_err());
        assert!(Date::parse("2024-1-01").is_err());
        assert!(Date::parse("abcd").is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().to_days(), 11017);
        for z in [-800_000, -1, 0, 59, 60, 11016, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(z).to_days(), z);
        }
    }
}
