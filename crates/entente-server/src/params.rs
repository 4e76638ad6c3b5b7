//! Query-string parameters, checked before any work starts: every value that reaches a query
//! has passed one of the validators below, and is then bound as a literal value (never spliced
//! into SQL text).

use crate::{Error, Result};
use entente_core::Date;

/// Most rows `/api/events` returns in one page.
pub const MAX_LIMIT: usize = 1000;
/// Rows `/api/events` returns when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 100;
/// Largest `offset` of `/api/events` (deeper pages: narrow the period instead).
pub const MAX_OFFSET: usize = 100_000;

/// The decoded query string of one request.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Decodes `query` and checks that every name is in `allowed` and given once. Empty values
    /// count as absent (an HTML form sends `from=` for an empty date field).
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                return Err(Error::BadRequest(format!(
                    "unknown parameter {:?}; this endpoint takes {}",
                    truncate(&k),
                    allowed.join(", ")
                )));
            }
            if out.iter().any(|(name, _)| *name == k) {
                return Err(Error::BadRequest(format!("parameter {k:?} given twice")));
            }
            if !v.is_empty() {
                out.push((k.into_owned(), v.into_owned()));
            }
        }
        Ok(Params(out))
    }

    /// The value of `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A required ISO 3166-1 alpha-3 code (`^[A-Z]{3}$`).
    pub fn country(&self, name: &str) -> Result<String> {
        let v = self.get(name).ok_or_else(|| {
            Error::BadRequest(format!("parameter {name:?} is required: a country code, e.g. RUS"))
        })?;
        if v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(v.to_string())
        } else {
            Err(Error::BadRequest(format!(
                "{name}={:?}: expected an ISO 3166-1 alpha-3 code in capitals, e.g. RUS",
                truncate(v)
            )))
        }
    }

    /// An optional day, `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<Date>> {
        let Some(v) = self.get(name) else { return Ok(None) };
        let b = v.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        match shape.then(|| Date::parse(v).ok()).flatten() {
            Some(d) => Ok(Some(d)),
            None => Err(Error::BadRequest(format!(
                "{name}={:?}: expected a day as YYYY-MM-DD, e.g. 2022-02-24",
                truncate(v)
            ))),
        }
    }

    /// The period `from`..=`to`, both optional, with `from` ≤ `to`.
    pub fn period(&self) -> Result<Period> {
        let from = self.date("from")?;
        let to = self.date("to")?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(Error::BadRequest(format!("from={f} is after to={t}")));
            }
        }
        Ok(Period { from, to })
    }

    /// An optional whole number in `range`.
    pub fn number(
        &self,
        name: &str,
        range: std::ops::RangeInclusive<usize>,
        default: usize,
    ) -> Result<usize> {
        let Some(v) = self.get(name) else { return Ok(default) };
        let n = (v.len() <= 9 && v.bytes().all(|b| b.is_ascii_digit()))
            .then(|| v.parse::<usize>().ok())
            .flatten();
        match n {
            Some(n) if range.contains(&n) => Ok(n),
            _ => Err(Error::BadRequest(format!(
                "{name}={:?}: expected a whole number from {} to {}",
                truncate(v),
                range.start(),
                range.end()
            ))),
        }
    }

    /// An optional comma-separated list of CAMEO roots, `01` to `20`, sorted and deduplicated.
    pub fn roots(&self) -> Result<Vec<String>> {
        let Some(v) = self.get("root") else { return Ok(vec![]) };
        let mut out = Vec::new();
        for r in v.split(',') {
            let ok = r.len() == 2
                && r.bytes().all(|b| b.is_ascii_digit())
                && (1..=20).contains(&r.parse::<u8>().unwrap_or(0));
            if !ok {
                return Err(Error::BadRequest(format!(
                    "root={:?}: expected CAMEO roots 01 to 20, comma-separated, e.g. 06,07",
                    truncate(v)
                )));
            }
            out.push(r.to_string());
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// An optional comma-separated list of quad classes, 1 to 4.
    pub fn quads(&self) -> Result<Vec<i32>> {
        let Some(v) = self.get("quad") else { return Ok(vec![]) };
        let mut out = Vec::new();
        for q in v.split(',') {
            match q {
                "1" | "2" | "3" | "4" => out.push(q.parse::<i32>().unwrap_or_default()),
                _ => {
                    return Err(Error::BadRequest(format!(
                        "quad={:?}: expected quad classes 1 to 4, comma-separated \
                         (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, \
                         4 material conflict)",
                        truncate(v)
                    )))
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// An optional value from a fixed list; the first entry is the default.
    pub fn choice<'a>(&self, name: &str, choices: &[&'a str]) -> Result<&'a str> {
        let Some(v) = self.get(name) else { return Ok(choices[0]) };
        choices.iter().find(|c| **c == v).copied().ok_or_else(|| {
            Error::BadRequest(format!(
                "{name}={:?}: expected one of {}",
                truncate(v),
                choices.join(", ")
            ))
        })
    }
}

/// A period of days, either end open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    /// First day, inclusive.
    pub from: Option<Date>,
    /// Last day, inclusive.
    pub to: Option<Date>,
}

/// Echoing a hostile value back is fine in JSON, but keep error messages short.
fn truncate(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> Result<Params> {
        Params::parse(Some(q), &["a", "b", "from", "to", "limit", "root", "quad", "format"])
    }

    #[test]
    fn countries() {
        assert_eq!(p("a=RUS").unwrap().country("a").unwrap(), "RUS");
        for bad in ["a=rus", "a=RU", "a=RUSS", "a=RUS'--", "a=R%00S", "a=%D0%A0US", ""] {
            assert!(p(bad).unwrap().country("a").is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_and_periods() {
        assert!(p("from=2022-01-01&to=2022-01-01").unwrap().period().is_ok());
        assert!(p("from=2022-02-01&to=2022-01-01").unwrap().period().is_err());
        for bad in ["from=20220101", "from=2022-1-01", "from=2022-02-30", "from=x", "to=2022-01-01Z"] {
            assert!(p(bad).unwrap().period().is_err(), "{bad}");
        }
        assert_eq!(p("from=&to=").unwrap().period().unwrap(), Period::default());
    }

    #[test]
    fn numbers_and_lists() {
        let lim = |q: &str| p(q).unwrap().number("limit", 1..=MAX_LIMIT, DEFAULT_LIMIT);
        assert_eq!(lim("").unwrap(), 100);
        assert_eq!(lim("limit=1000").unwrap(), 1000);
        for bad in ["limit=0", "limit=1001", "limit=-1", "limit=abc", "limit=+5", "limit=99999999999999"] {
            assert!(lim(bad).is_err(), "{bad}");
        }
        assert_eq!(p("root=07,06,07").unwrap().roots().unwrap(), ["06", "07"]);
        for bad in ["root=99", "root=00", "root=6", "root=06,", "root=21"] {
            assert!(p(bad).unwrap().roots().is_err(), "{bad}");
        }
        assert_eq!(p("quad=4,1").unwrap().quads().unwrap(), [1, 4]);
        assert!(p("quad=5").unwrap().quads().is_err());
    }

    #[test]
    fn unknown_and_repeated_names() {
        assert!(p("x=1").is_err());
        assert!(p("a=RUS&a=IRN").is_err());
        assert_eq!(p("format=md").unwrap().choice("format", &["html", "md", "json"]).unwrap(), "md");
        assert!(p("format=pdf").unwrap().choice("format", &["html", "md", "json"]).is_err());
    }
}
