//! GDELT events: 1.0 (57 columns in the historical back files, 58 with SOURCEURL in the daily
//! files; both may be mixed in one file) and 2.0 (61 columns). Tab-separated, no header.
//! Event codes stay text: `040` is not `40`.

use super::{num, yyyymmdd, Chunk, First, LineParser};
use crate::schema::{opt, EventRow};

/// The GDELT events importer (1.0 and 2.0 rows alike).
pub(crate) struct Gdelt;

/// Column positions that differ between the layouts.
struct Layout {
    place: usize,
    place_country: usize,
    lat: usize,
    lon: usize,
    url: Option<usize>,
}

const V1_57: Layout = Layout { place: 50, place_country: 51, lat: 53, lon: 54, url: None };
const V1_58: Layout = Layout { place: 50, place_country: 51, lat: 53, lon: 54, url: Some(57) };
const V2: Layout = Layout { place: 52, place_country: 53, lat: 56, lon: 57, url: Some(60) };

fn layout(n: usize) -> Option<&'static Layout> {
    match n {
        57 => Some(&V1_57),
        58 => Some(&V1_58),
        61 => Some(&V2),
        _ => None,
    }
}

/// The layout of a row of `n` fields whose first 61 are `f`, checked by more than the count:
/// DATEADDED must sit where the layout puts it — field 57 as `YYYYMMDD` in GDELT 1.0, field 60 as
/// `YYYYMMDDHHMMSS` in 2.0 — so that a GDELT 2.0 row that lost its last three fields (58 left)
/// is not taken for a 1.0 row with its longitude as the URL.
fn checked_layout(f: &[&str], n: usize) -> Result<&'static Layout, String> {
    let l = layout(n).ok_or_else(|| {
        format!("{n} tab-separated fields, expected 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0)")
    })?;
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if n == 61 {
        if !digits(f[59], 14) {
            return Err(format!(
                "61 tab-separated fields as in GDELT 2.0, but DATEADDED (field 60) is {:?}, not YYYYMMDDHHMMSS",
                f[59]
            ));
        }
    } else if !digits(f[56], 8) {
        let hint = if n == 58 { " (a GDELT 2.0 row missing its last 3 fields?)" } else { "" };
        return Err(format!(
            "{n} tab-separated fields as in GDELT 1.0, but DATEADDED (field 57) is {:?}, not YYYYMMDD{hint}",
            f[56]
        ));
    }
    Ok(l)
}

/// Splits a line into its first 61 fields (the rest empty) and the number of fields.
fn fields(line: &str) -> ([&str; 61], usize) {
    let mut f = [""; 61];
    let mut n = 0;
    for field in line.split('\t') {
        if n < 61 {
            f[n] = field;
        }
        n += 1;
    }
    (f, n)
}

/// Is `code` 2–4 ASCII digits (a CAMEO code kept as text)?
/// Its root must be 01–20, which also catches codes whose leading zero was lost (`57`).
pub(crate) fn is_code(code: &str) -> bool {
    (2..=4).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_digit())
        && matches!(code[..2].parse::<u8>(), Ok(1..=20))
}

impl LineParser for Gdelt {
    fn format(&self) -> &'static str {
        "GDELT events"
    }

    fn first(&self, line: &str) -> Result<First, String> {
        if line.to_ascii_uppercase().starts_with("GLOBALEVENTID\t") {
            return Ok(First::Header);
        }
        let (f, n) = fields(line);
        if layout(n).is_some() {
            // The right count but not the layout (a truncated 2.0 file): the whole file is
            // refused rather than read half right.
            return checked_layout(&f, n).map(|_| First::Data);
        }
        let mut reason = format!(
            "{n} tab-separated field(s), expected 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0)"
        );
        for (sep, name) in [(';', "';'"), (',', "','")] {
            if line.matches(sep).count() >= 50 {
                reason.push_str(&format!(
                    "; the line is {name}-separated, as a spreadsheet saves it (leading zeros \
                     of event codes and exact dates are then usually lost too)"
                ));
                break;
            }
        }
        Err(reason)
    }

    fn parse(&self, line: &str, lineno: u64, out: &mut Chunk) -> Result<(), String> {
        let (f, n) = fields(line);
        let l = checked_layout(&f, n)?;
        let event_id: i64 = f[0]
            .parse()
            .map_err(|_| format!("GLOBALEVENTID {:?} is not a number", f[0]))?;
        let date = yyyymmdd(f[1])
            .filter(|_| f[1].len() == 8)
            .ok_or_else(|| format!("SQLDATE {:?} is not a YYYYMMDD date", f[1]))?;
        let code = f[26];
        if !is_code(code) {
            return Err(format!("EventCode {code:?} is not a CAMEO code (2-4 digits, root 01-20)"));
        }
        let base = if is_code(f[27]) { f[27] } else { &code[..code.len().min(3)] };
        let root = if is_code(f[28]) { f[28] } else { &code[..2] };
        let root_event = match f[25] {
            "1" => Some(true),
            "0" => Some(false),
            "" => None,
            other => return Err(format!("IsRootEvent {other:?} is not 0 or 1")),
        };
        let row = EventRow {
            event_id,
            date,
            source: opt(f[5]),
            source_name: opt(f[6]),
            source_country: entente_core::country::iso3(f[7]),
            source_agent: opt(f[12]),
            target: opt(f[15]),
            target_name: opt(f[16]),
            target_country: entente_core::country::iso3(f[17]),
            target_agent: opt(f[22]),
            code,
            base,
            root,
            quad_class: num(f[29], "QuadClass")?,
            goldstein: num(f[30], "GoldsteinScale")?,
            plover: crate::schema::plover(code),
            root_event,
            mentions: num(f[31], "NumMentions")?,
            sources: num(f[32], "NumSources")?,
            articles: num(f[33], "NumArticles")?,
            tone: num(f[34], "AvgTone")?,
            place: opt(f[l.place]),
            place_country: crate::fips::iso3(f[l.place_country]),
            lat: num(f[l.lat], "ActionGeo_Lat")?,
            lon: num(f[l.lon], "ActionGeo_Long")?,
            document: l.url.and_then(|i| opt(f[i])),
            sentence: None,
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

    fn v2_line() -> String {
        v2_line_fields().join("\t")
    }

    fn v2_line_fields() -> Vec<&'static str> {
        let mut f = vec![""; 61];
        f[0] = "881990834";
        f[1] = "20181024";
        f[5] = "IGOEUREEC";
        f[7] = "EUR";
        f[15] = "RUS";
        f[17] = "RUS";
        f[25] = "1";
        f[26] = "057";
        f[27] = "057";
        f[28] = "05";
        f[29] = "1";
        f[30] = "8.0";
        f[31] = "7";
        f[53] = "BO";
        f[59] = "20181024143000";
        f[60] = "https://example.invalid/a";
        f
    }

    #[test]
    fn keeps_leading_zeros_and_maps_columns() {
        let mut c = Chunk::new(crate::schema::Table::Events);
        Gdelt.parse(&v2_line(), 3, &mut c).unwrap();
        let b = c.finish("gdelt", "f");
        assert_eq!(b.len(), 1);
        let batch = &b[0].1;
        let col = |name: &str| batch.column(batch.schema().index_of(name).unwrap()).clone();
        let s = |name: &str| {
            datafusion::arrow::array::cast::as_string_array(&col(name)).value(0).to_string()
        };
        assert_eq!(s("code"), "057");
        assert_eq!(s("root"), "05");
        assert_eq!(s("target_country"), "RUS");
        assert_eq!(s("place_country"), "BLR");
        assert_eq!(s("month"), "2018-10");
        assert_eq!(s("document"), "https://example.invalid/a");
        // The region EUR is no country: NULL, while the actor code keeps it.
        assert!(col("source_country").is_null(0));
        assert_eq!(s("source"), "IGOEUREEC");
    }

    /// CAMEO's country codes become ISO codes (Romania ROM → ROU), regions NULL.
    #[test]
    fn cameo_country_codes_become_iso() {
        let mut f: Vec<String> = v2_line().split('\t').map(str::to_string).collect();
        (f[5], f[7], f[15], f[17]) = ("ROMGOV".into(), "ROM".into(), "SAS".into(), "SAS".into());
        let line = f.join("\t");
        let mut c = Chunk::new(crate::schema::Table::Events);
        Gdelt.parse(&line, 1, &mut c).unwrap();
        let b = c.finish("gdelt", "f");
        let batch = &b[0].1;
        let s = |name: &str| {
            let a = batch.column(batch.schema().index_of(name).unwrap()).clone();
            let a = datafusion::arrow::array::cast::as_string_array(&a);
            datafusion::arrow::array::Array::is_valid(a, 0).then(|| a.value(0).to_string())
        };
        assert_eq!(s("source_country").as_deref(), Some("ROU"));
        assert_eq!(s("source").as_deref(), Some("ROMGOV"));
        assert_eq!(s("target").as_deref(), Some("SAS"));
        assert_eq!(s("target_country"), None);
    }

    #[test]
    fn rejects_with_reasons() {
        let mut c = Chunk::new(crate::schema::Table::Events);
        let bad_code = v2_line().replace("\t057\t057\t05\t", "\t57\t57\t5\t");
        let e = Gdelt.parse(&bad_code, 1, &mut c).unwrap_err();
        assert!(e.contains("\"57\""), "{e}");
        let bad = v2_line().replace("\t057\t057\t05\t", "\t2.02E+13\t057\t05\t");
        assert!(Gdelt.parse(&bad, 1, &mut c).unwrap_err().contains("EventCode"));
        assert!(Gdelt.parse("1\t2\t3", 1, &mut c).unwrap_err().contains("3 tab-separated"));
        // The count of a layout is not enough: DATEADDED must be where the layout has it.
        let truncated: Vec<&str> = v2_line_fields();
        let truncated = truncated[..58].join("\t");
        let e = Gdelt.parse(&truncated, 1, &mut c).unwrap_err();
        assert!(e.contains("DATEADDED (field 57)") && e.contains("GDELT 2.0 row missing its last 3 fields"), "{e}");
        assert!(Gdelt.first(&truncated).is_err());
        let no_date = v2_line().replace("\t20181024143000\t", "\t\t");
        assert!(Gdelt.parse(&no_date, 1, &mut c).unwrap_err().contains("DATEADDED (field 60)"));
        assert!(Gdelt.first(&v2_line()).is_ok());
        let semi = "GLOBALEVENTID;SQLDATE".to_string() + &";x".repeat(60);
        assert!(Gdelt.first(&semi).unwrap_err().contains("';'-separated"));
    }
}
