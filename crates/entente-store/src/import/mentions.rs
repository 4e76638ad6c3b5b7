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
        if n == COLUMNS || (n == COLUMNS - 1 && sep == b'\t') {
            Ok(First::Data)
        } else {
            Err(format!("{n} fields, expected {COLUMNS} (tab- or comma-separated)"))
        }
    }

    fn parse(&self, line: &str, lineno: u64, out: &mut Chunk) -> Result<(), String> {
        let sep = self.sep.load(Ordering::Relaxed) as char;
        let mut f = [""; COLUMNS];
        let mut n = 0;
        for field in line.split(sep) {
            if n < COLUMNS {
                f[n] = field;
            }
            n += 1;
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
