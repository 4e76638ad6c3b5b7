//! ICEWS event files: 20 tab-separated columns with a header. Countries are spelled out
//! ("Russian Federation") and mapped to ISO3; sectors are mapped to CAMEO agents; CAMEO codes
//! that lost their leading zero (saved as numbers: `10` for `010`, `841` for `0841`) are
//! restored.

use super::{Chunk, First, LineParser};

/// A number where ICEWS writes `NA` for "not available".
fn num<T: std::str::FromStr>(s: &str, column: &str) -> Result<Option<T>, String> {
    if s == "NA" {
        return Ok(None);
    }
    super::num(s, column)
}
use crate::countries::{agent_for_sectors, iso3};
use crate::schema::{opt, EventRow};

/// The ICEWS importer.
pub(crate) struct Icews;

const HEADER: &str = "Event ID\tEvent Date";
const COLUMNS: usize = 20;

/// A CAMEO code as ICEWS wrote it, with leading zeros restored.
pub(crate) fn restore_code(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("CAMEO Code {raw:?} is not a CAMEO code"));
    }
    // ICEWS codes have 3 or 4 digits. A shorter one lost zeros; a 3-digit one whose first two
    // digits are no root (> 20) is a 4-digit code of roots 01–09 that lost its zero.
    let code = match t.len() {
        1 | 2 => format!("{t:0>3}"),
        3 if t[..2].parse::<u8>().is_ok_and(|r| r > 20) => format!("0{t}"),
        _ => t.to_string(),
    };
    if !super::gdelt::is_code(&code) {
        return Err(format!("CAMEO Code {raw:?} is not a CAMEO code (root must be 01-20)"));
    }
    Ok(code)
}

fn actor(country: Option<&str>, agent: Option<&str>) -> Option<String> {
    match (country, agent) {
        (Some(c), Some(a)) => Some(format!("{c}{a}")),
        (Some(c), None) => Some(c.to_string()),
        (None, Some(a)) => Some(a.to_string()),
        (None, None) => None,
    }
}

impl LineParser for Icews {
    fn format(&self) -> &'static str {
        "ICEWS events"
    }

    fn first(&self, line: &str) -> Result<First, String> {
        if line.starts_with(HEADER) {
            return Ok(First::Header);
        }
        let n = line.split('\t').count();
        if n == COLUMNS {
            Ok(First::Data)
        } else {
            Err(format!(
                "expected the ICEWS header (\"Event ID<TAB>Event Date<TAB>...\") or 20 \
                 tab-separated fields, found {n} field(s)"
            ))
        }
    }

    fn parse(&self, line: &str, lineno: u64, out: &mut Chunk) -> Result<(), String> {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != COLUMNS {
            return Err(format!("{} tab-separated fields, expected {COLUMNS}", f.len()));
        }
        let event_id: i64 =
            f[0].trim().parse().map_err(|_| format!("Event ID {:?} is not a number", f[0]))?;
        let date = entente_core::Date::parse(f[1])
            .map_err(|_| format!("Event Date {:?} is not a YYYY-MM-DD date", f[1]))?
            .to_days();
        let code = restore_code(f[6])?;
        let source_country = iso3(f[4]);
        let target_country = iso3(f[10]);
        let source_agent = agent_for_sectors(f[3]);
        let target_agent = agent_for_sectors(f[9]);
        let source = actor(source_country, source_agent);
        let target = actor(target_country, target_agent);
        let place = [f[14], f[15], f[16]].into_iter().find(|s| !s.is_empty() && *s != "NA");
        let row = EventRow {
            event_id,
            date,
            source: source.as_deref(),
            source_name: opt(f[2]),
            source_country,
            source_agent,
            target: target.as_deref(),
            target_name: opt(f[8]),
            target_country,
            target_agent,
            code: &code,
            base: &code[..3],
            root: &code[..2],
            quad_class: entente_core::cameo::quad_class(&code).map(i32::from),
            goldstein: num(f[7], "Intensity")?,
            plover: crate::schema::plover(&code),
            root_event: None,
            mentions: None,
            sources: None,
            articles: None,
            tone: None,
            place,
            place_country: iso3(f[17]),
            lat: num(f[18], "Latitude")?,
            lon: num(f[19], "Longitude")?,
            document: opt(f[11]),
            sentence: num(f[12], "Sentence Number")?,
            text: None,
            confidence: None,
            line: lineno as i64,
        };
        out.event(&row);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restores_leading_zeros() {
        assert_eq!(restore_code("010").unwrap(), "010");
        assert_eq!(restore_code("10").unwrap(), "010");
        assert_eq!(restore_code("42").unwrap(), "042");
        assert_eq!(restore_code("841").unwrap(), "0841");
        assert_eq!(restore_code("0841").unwrap(), "0841");
        assert_eq!(restore_code("190").unwrap(), "190");
        assert_eq!(restore_code("1041").unwrap(), "1041");
        assert_eq!(restore_code("190.0").unwrap(), "190");
        assert!(restore_code("").is_err());
        assert!(restore_code("abc").is_err());
        assert!(restore_code("2500").is_err());
    }

    #[test]
    fn na_is_null() {
        assert_eq!(num::<f64>("NA", "Latitude"), Ok(None));
        assert_eq!(num::<f64>("1.5", "Latitude"), Ok(Some(1.5)));
        assert!(num::<f64>("N/A", "Latitude").is_err());
    }

    #[test]
    fn maps_countries_and_sectors() {
        let line = "1\t2018-10-04\tGovernment (Russia)\tGovernment,Executive\tRussian Federation\t\
                    Consult\t40\t1\tMilitary (Iran)\tMilitary\tIran\t77\t2\tTASS\tMoscow\t\t\
                    Moskva\tRussian Federation\t55.75\t37.6";
        let mut c = Chunk::new(crate::schema::Table::Events);
        Icews.parse(line, 2, &mut c).unwrap();
        let b = c.finish("icews", "f");
        let batch = &b[0].1;
        let s = |name: &str| {
            let col = batch.column(batch.schema().index_of(name).unwrap()).clone();
            datafusion::arrow::array::cast::as_string_array(&col).value(0).to_string()
        };
        assert_eq!(s("source"), "RUSGOV");
        assert_eq!(s("target"), "IRNMIL");
        assert_eq!(s("target_country"), "IRN");
        assert_eq!(s("code"), "040");
        assert_eq!(s("root"), "04");
        assert_eq!(s("place"), "Moscow");
        assert_eq!(s("place_country"), "RUS");
    }
}
