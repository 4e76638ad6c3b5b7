//! GDELT 2.0 mentions: 16 columns, tab-separated as GDELT publishes them or comma-separated
//! with a lower-case header as some tools save them.

use super::{num, yyyymmdd, Chunk, First, LineParser};
use crate::schema::{opt, MentionRow, Table};
use std::sync::atomic::{AtomicU8, Ordering};

/// The mentions importer; the separator is taken from the first line.
pub(crate) struct Mentions {
    sep: AtomicU8,
}

impl Mentions {
    pub fn new() -> Mentions {
        Mentions { sep: AtomicU8::new(b'\t') }
    }
}

const COLUMNS: usize = 16;

impl LineParser for Mentions {
    fn format(&self) -> &'static str {
        "GDELT 2.0 mentions"
    }
    fn table(&self) -> Table {
        Table::Mentions
    }

    fn first(&self, line: &str) -> Result<First, String> {
        let sep = if line.contains('\t') { b'\t' } else { b',' };
        self.sep.store(sep, Ordering::Relaxed);
        if line.to_ascii_lowercase().starts_with("globaleventid") {
            return Ok(First::Header);
        }
        let n = line.split(sep as char).count();
        if n >= COLUMNS - 1 && sep == b',' || n == COLUMNS || (n == COLUMNS - 1 && sep == b'\t') {
            Ok(First::Data)
        } else {
            Err(format!("{n} fields, expected {COLUMNS} (tab- or comma-separated)"))
        }
    }

    fn parse(&self, line: &str, lineno: u64, out: &mut Chunk) -> Result<(), String> {
        let sep = self.sep.load(Ordering::Relaxed);
        let mut f = [""; COLUMNS];
        let mut n = 0;
        // Comma-separated files quote fields that contain commas (URLs do); tab-separated
        // GDELT files never quote.
        let record;
        if sep == b',' && line.contains('"') {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(line.as_bytes());
            record = r
                .records()
                .next()
                .transpose()
                .map_err(|e| format!("bad CSV quoting: {e}"))?
                .unwrap_or_default();
            for field in record.iter() {
                if n < COLUMNS {
                    f[n] = field;
                }
                n += 1;
            }
        } else {
            for field in line.split(sep as char) {
                if n < COLUMNS {
                    f[n] = field;
                }
                n += 1;
            }
        }
        if n != COLUMNS && n != COLUMNS - 1 {
            return Err(format!("{n} fields, expected {COLUMNS}"));
        }
        let event_id: i64 =
            f[0].parse().map_err(|_| format!("GLOBALEVENTID {:?} is not a number", f[0]))?;
        let date = yyyymmdd(f[2])
            .ok_or_else(|| format!("MentionTimeDate {:?} is not a YYYYMMDDHHMMSS time", f[2]))?;
        let in_raw = match f[10] {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        };
        let row = MentionRow {
            event_id,
            event_date: yyyymmdd(f[1]),
            date,
            mention_type: num(f[3], "MentionType")?,
            source_name: opt(f[4]),
            document: opt(f[5]),
            sentence: num(f[6], "SentenceID")?,
            actor1_offset: num(f[7], "Actor1CharOffset")?,
            actor2_offset: num(f[8], "Actor2CharOffset")?,
            action_offset: num(f[9], "ActionCharOffset")?,
            in_raw_text: in_raw,
            confidence: num(f[11], "Confidence")?,
            doc_len: num(f[12], "MentionDocLen")?,
            doc_tone: num(f[13], "MentionDocTone")?,
            translation: opt(f[14]),
            line: lineno as i64,
        };
        out.mention(&row);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_commas_in_csv() {
        let m = Mentions::new();
        assert!(matches!(m.first("globaleventid,eventtimedate"), Ok(First::Header)));
        let line = "669670766,20170701234500,20170701234500,1,jm.com.br,\"http://jm.com.br/?a,6,B\",\
                    6,-1,2095,2134,1,20,4302,1.66,srclc:por;eng:GT-POR 1.0,";
        let mut c = Chunk::new(Table::Mentions);
        m.parse(line, 2, &mut c).unwrap();
        let b = c.finish("gdelt-mentions", "f");
        let batch = &b[0].1;
        let col = batch.column(batch.schema().index_of("document").unwrap()).clone();
        assert_eq!(
            datafusion::arrow::array::cast::as_string_array(&col).value(0),
            "http://jm.com.br/?a,6,B"
        );
    }
}
