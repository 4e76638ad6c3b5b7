//! Importers: each input format is a [`LineParser`]; [`run`] streams a file through a pool of
//! parser threads, each writing its own Parquet files through a [`PartSink`], in constant memory.
//!
//! ```text
//!  reader (this thread)      parser+writer (N threads)            coordinator (1 thread)
//!  bytes → 4 MiB chunks  ──▶  lines → Arrow batches by month  ──▶  counts in chunk order,
//!  cut at line ends,          → this thread's Parquet files        first rejects, abort
//!  SHA-256 of raw bytes
//! ```

pub(crate) mod coded;
pub(crate) mod gdelt;
pub(crate) mod icews;
pub(crate) mod mentions;

use crate::schema::{EventBuilder, EventRow, MentionBuilder, MentionRow, Table};
use crate::writer::PartSink;
use crate::{Error, Result};
use datafusion::arrow::array::RecordBatch;
use entente_core::Date;
use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};

/// Rejected rows kept with their reason per file (the rest are only counted).
pub const KEEP_REJECTS: usize = 20;
/// A file whose first this-many data rows are all malformed (or whose rows are all malformed,
/// when it has fewer) is not in the claimed format: it is abandoned, nothing of it stored.
pub(crate) const ABORT_AFTER: u64 = 100;
const CHUNK: usize = 4 << 20;
/// The UTF-8 byte-order mark, dropped from the start of every input.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A malformed row that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The member of a zip archive the row is in (`None` for a plain or gzip file).
    pub member: Option<String>,
    /// 1-based line number in the (decompressed) file or member; for events and extracts
    /// handed over through the API, the 1-based position in their list.
    pub line: u64,
    /// What was wrong.
    pub reason: String,
}

/// What the first non-empty line of a file says.
#[derive(Debug)]
pub(crate) enum First {
    /// A header: skip it.
    Header,
    /// A data row: parse it.
    Data,
}

/// One input format.
pub(crate) trait LineParser: Sync {
    /// Human name of the format, e.g. `GDELT events`.
    fn format(&self) -> &'static str;
    /// The table its rows go to.
    fn table(&self) -> Table {
        Table::Events
    }
    /// Checks the first non-empty line; `Err` means the file is not in this format at all.
    fn first(&self, line: &str) -> std::result::Result<First, String>;
    /// Parses one data line into `out`.
    fn parse(&self, line: &str, lineno: u64, out: &mut Chunk) -> std::result::Result<(), String>;
}

enum Builder {
    // Boxed: builders are kilobytes, one per month of a chunk (clippy's large_enum_variant).
    Events(Box<EventBuilder>),
    Mentions(Box<MentionBuilder>),
}

/// Tracks whether event ids arrive strictly increasing (then no id can repeat).
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdOrder {
    pub first: Option<i64>,
    pub last: i64,
    pub increasing: bool,
}

impl Default for IdOrder {
    fn default() -> Self {
        IdOrder { first: None, last: i64::MIN, increasing: true }
    }
}

impl IdOrder {
    fn see(&mut self, id: i64) {
        if self.first.is_none() {
            self.first = Some(id);
        } else if id <= self.last {
            self.increasing = false;
        }
        self.last = id;
    }
    /// Appends a later sequence.
    pub fn then(&mut self, next: &IdOrder) {
        if let Some(f) = next.first {
            if self.first.is_some() && f <= self.last {
                self.increasing = false;
            }
            self.increasing &= next.increasing;
            self.first.get_or_insert(f);
            self.last = next.last;
        }
    }
}

/// Rows parsed from a run of lines, grouped by month.
pub(crate) struct Chunk {
    table: Table,
    parts: HashMap<i32, Builder>,
    cached: (i32, i32),
    pub ids: IdOrder,
    pub rows: u64,
}

impl Chunk {
    pub fn new(table: Table) -> Chunk {
        Chunk { table, parts: HashMap::new(), cached: (i32::MIN, 0), ids: IdOrder::default(), rows: 0 }
    }

    fn key(&mut self, days: i32) -> i32 {
        if self.cached.0 != days {
            let d = Date::from_days(days);
            self.cached = (days, d.year * 12 + d.month as i32 - 1);
        }
        self.cached.1
    }

    pub fn event(&mut self, r: &EventRow<'_>) {
        let k = self.key(r.date);
        self.ids.see(r.event_id);
        self.rows += 1;
        match self.parts.entry(k).or_insert_with(|| Builder::Events(Box::new(EventBuilder::new()))) {
            Builder::Events(b) => b.push(r),
            Builder::Mentions(_) => unreachable!("one table per chunk"),
        }
    }

    pub fn mention(&mut self, r: &MentionRow<'_>) {
        let k = self.key(r.date);
        self.rows += 1;
        match self.parts.entry(k).or_insert_with(|| Builder::Mentions(Box::default())) {
            Builder::Mentions(b) => b.push(r),
            Builder::Events(_) => unreachable!("one table per chunk"),
        }
    }

    /// Rows buffered.
    pub fn len(&self) -> u64 {
        self.rows
    }

    /// The batches, by month key, in month order.
    pub fn finish(self, dataset: &str, file: &str) -> Vec<(i32, RecordBatch)> {
        let _ = self.table;
        let mut out: Vec<(i32, RecordBatch)> = self
            .parts
            .into_iter()
            .map(|(k, b)| {
                let month = crate::writer::month_name(k);
                let batch = match b {
                    Builder::Events(mut b) => b.finish(dataset, &month, file),
                    Builder::Mentions(mut b) => b.finish(dataset, &month, file),
                };
                (k, batch)
            })
            .collect();
        out.sort_by_key(|(k, _)| *k);
        out
    }
}

/// Counts of one import run.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunStats {
    pub rows_read: u64,
    pub rows_stored: u64,
    pub rows_rejected: u64,
    pub rejects: Vec<Rejected>,
    pub ids: IdOrder,
}

impl RunStats {
    /// Adds the counts of a later run (the next member of a zip archive).
    pub fn then(&mut self, next: RunStats) {
        self.rows_read += next.rows_read;
        self.rows_stored += next.rows_stored;
        self.rows_rejected += next.rows_rejected;
        self.ids.then(&next.ids);
        let room = KEEP_REJECTS.saturating_sub(self.rejects.len());
        self.rejects.extend(next.rejects.into_iter().take(room));
    }
}

struct Parsed {
    seq: u64,
    read: u64,
    stored: u64,
    rejected: u64,
    /// Rows rejected before the chunk's first good row (all of them when it has none).
    leading_rejected: u64,
    rejects: Vec<Rejected>,
    ids: IdOrder,
    error: Option<Error>,
}

/// Parses every line of `input` with `parser`. Each parser thread writes its rows through its
/// own sink (one per thread, so Parquet encoding runs in parallel too); the coordinator sums
/// the counts in chunk order and stops everything when the file proves not to be in the format.
pub(crate) fn run(
    parser: &dyn LineParser,
    path: &Path,
    dataset: &str,
    input: &mut dyn BufRead,
    sinks: &mut [PartSink],
) -> Result<RunStats> {
    let file_label = path.display().to_string();
    let abort = AtomicBool::new(false);
    let threads = sinks.len().max(1);
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<(u64, u64, Vec<u8>)>(threads);
    let chunk_rx = Mutex::new(chunk_rx);
    let (out_tx, out_rx) = mpsc::sync_channel::<Parsed>(threads * 4);

    std::thread::scope(|s| -> Result<RunStats> {
        for sink in sinks.iter_mut() {
            let out_tx = out_tx.clone();
            let chunk_rx = &chunk_rx;
            let file_label = &file_label;
            s.spawn(move || loop {
                let next = chunk_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((seq, first_line, buf))) = next else { return };
                let (mut p, batches) = parse_chunk(parser, seq, first_line, &buf, dataset, file_label);
                for (k, b) in &batches {
                    if let Err(e) = sink.write(*k, b) {
                        p.error = Some(e);
                        break;
                    }
                }
                if out_tx.send(p).is_err() {
                    return;
                }
            });
        }
        drop(out_tx);

        let abort_flag = &abort;
        let coordinator = s.spawn(move || -> Result<RunStats> {
            let mut stats = RunStats::default();
            let mut pending = BTreeMap::new();
            let mut want = 0u64;
            let mut result = Ok(());
            // Malformed rows before the file's first good one, and whether one came yet.
            let (mut leading_bad, mut good_seen) = (0u64, false);
            let all_malformed = |stats: &RunStats, what: String| {
                let first = &stats.rejects[0];
                Error::Format {
                    path: path.to_path_buf(),
                    format: parser.format(),
                    reason: format!("{what} malformed, so nothing of it is stored; line {}: {}", first.line, first.reason),
                }
            };
            for p in out_rx.iter() {
                pending.insert(p.seq, p);
                while let Some(p) = pending.remove(&want) {
                    want += 1;
                    if result.is_err() {
                        continue;
                    }
                    if let Some(e) = p.error {
                        result = Err(e);
                        abort_flag.store(true, Ordering::Relaxed);
                        continue;
                    }
                    stats.rows_read += p.read;
                    stats.rows_stored += p.stored;
                    stats.rows_rejected += p.rejected;
                    stats.ids.then(&p.ids);
                    for r in p.rejects {
                        if stats.rejects.len() < KEEP_REJECTS {
                            stats.rejects.push(r);
                        }
                    }
                    // Counted in line order across chunks: the first ABORT_AFTER data rows
                    // all malformed abandon the file, whatever good rows come later.
                    if !good_seen {
                        leading_bad += p.leading_rejected;
                        good_seen = p.stored > 0;
                        if leading_bad >= ABORT_AFTER {
                            result = Err(all_malformed(&stats, format!("its first {ABORT_AFTER} data rows are all")));
                            abort_flag.store(true, Ordering::Relaxed);
                        }
                    }
                }
            }
            // A shorter file whose every row is malformed: the same rule, on all its rows.
            if result.is_ok() && stats.rows_stored == 0 && stats.rows_rejected > 0 {
                let what = format!("all its {} data rows are", stats.rows_rejected);
                result = Err(all_malformed(&stats, what));
            }
            result.map(|()| stats)
        });

        let read = read_chunks(parser, path, input, &abort, |seq, line, buf| {
            chunk_tx.send((seq, line, buf)).is_ok()
        });
        drop(chunk_tx);
        let stats =
            coordinator.join().map_err(|_| Error::Internal("coordinator thread panicked".into()))?;
        read?;
        stats
    })
}

/// Reads `input` in chunks cut at line ends, checking the first line, and sends them with
/// their sequence number and first line number.
fn read_chunks(
    parser: &dyn LineParser,
    path: &Path,
    input: &mut dyn BufRead,
    abort: &AtomicBool,
    mut send: impl FnMut(u64, u64, Vec<u8>) -> bool,
) -> Result<()> {
    let mut line_no = 1u64;
    // The first non-empty line decides whether the file is in the format at all.
    let mut first = Vec::new();
    loop {
        first.clear();
        let n = input.read_until(b'\n', &mut first).map_err(Error::io(path))?;
        if n == 0 {
            return Ok(());
        }
        // A UTF-8 byte-order mark (Windows editors write one) is not part of the first row.
        if line_no == 1 && first.starts_with(BOM) {
            first.drain(..BOM.len());
        }
        let text = String::from_utf8_lossy(&first);
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            line_no += 1;
            continue;
        }
        match parser.first(text) {
            Err(reason) => {
                return Err(Error::Format {
                    path: path.to_path_buf(),
                    format: parser.format(),
                    reason: format!("line {line_no}: {reason}"),
                })
            }
            Ok(First::Header) => {
                line_no += 1;
                first.clear();
            }
            Ok(First::Data) => {}
        }
        break;
    }
    let mut seq = 0u64;
    let mut buf = first;
    loop {
        if abort.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Fill up to CHUNK bytes, then extend to the end of the line.
        let start = buf.len();
        buf.reserve(CHUNK);
        let mut eof = false;
        while buf.len() < CHUNK {
            let avail = input.fill_buf().map_err(Error::io(path))?;
            if avail.is_empty() {
                eof = true;
                break;
            }
            let take = avail.len().min(CHUNK - buf.len());
            buf.extend_from_slice(&avail[..take]);
            input.consume(take);
        }
        if !eof {
            let n = input.read_until(b'\n', &mut buf).map_err(Error::io(path))?;
            eof = n == 0;
        }
        let _ = start;
        if buf.is_empty() {
            return Ok(());
        }
        let lines = buf.iter().filter(|b| **b == b'\n').count() as u64
            + u64::from(!buf.ends_with(b"\n"));
        let chunk = std::mem::replace(&mut buf, Vec::with_capacity(CHUNK + 4096));
        if !send(seq, line_no, chunk) {
            return Ok(());
        }
        seq += 1;
        line_no += lines;
        if eof {
            return Ok(());
        }
    }
}

fn parse_chunk(
    parser: &dyn LineParser,
    seq: u64,
    first_line: u64,
    buf: &[u8],
    dataset: &str,
    file: &str,
) -> (Parsed, Vec<(i32, RecordBatch)>) {
    let mut chunk = Chunk::new(parser.table());
    let (mut read, mut rejected, mut leading_rejected) = (0u64, 0u64, 0u64);
    let mut rejects = Vec::new();
    let mut reject = |line: u64, reason: String, good_before: bool| {
        rejected += 1;
        if !good_before {
            leading_rejected += 1;
        }
        if rejects.len() < KEEP_REJECTS {
            rejects.push(Rejected { member: None, line, reason });
        }
    };
    for (i, raw) in buf.split(|b| *b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.is_empty() || raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let line_no = first_line + i as u64;
        read += 1;
        let text = match std::str::from_utf8(raw) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(_) => String::from_utf8_lossy(raw),
        };
        let good_before = chunk.len() > 0;
        if let Err(reason) = parser.parse(&text, line_no, &mut chunk) {
            reject(line_no, reason, good_before);
        }
    }
    let ids = chunk.ids;
    let stored = chunk.len();
    let batches = chunk.finish(dataset, file);
    (Parsed { seq, read, stored, rejected, leading_rejected, rejects, ids, error: None }, batches)
}

/// Parses `YYYYMMDD` (the first 8 bytes of `s`) into days since 1970-01-01.
pub(crate) fn yyyymmdd(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..8].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| b[r].iter().fold(0i32, |a, d| a * 10 + (d - b'0') as i32);
    Date::new(n(0..4), n(4..6) as u8, n(6..8) as u8).map(Date::to_days)
}

/// Parses an optional number: empty is `None`, garbage is an error naming the column.
pub(crate) fn num<T: std::str::FromStr>(s: &str, column: &str) -> std::result::Result<Option<T>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.trim().parse().map(Some).map_err(|_| format!("{column} {s:?} is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(yyyymmdd("19700101"), Some(0));
        assert_eq!(yyyymmdd("20191024143000"), Some(Date::new(2019, 10, 24).unwrap().to_days()));
        assert_eq!(yyyymmdd("20190230"), None);
        assert_eq!(yyyymmdd("2.02E+13"), None);
    }

    #[test]
    fn id_order() {
        let mut a = IdOrder::default();
        for i in [1, 2, 5] {
            a.see(i);
        }
        let mut b = IdOrder::default();
        b.see(7);
        a.then(&b);
        assert!(a.increasing);
        let mut c = IdOrder::default();
        c.see(7);
        a.then(&c);
        assert!(!a.increasing);
    }
}
