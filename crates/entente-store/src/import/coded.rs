//! entente's own coded events: [`entente_core::Event`] values, from the JSON Lines that
//! `entente code` prints or handed over directly by the coder, and the extract records
//! (amounts, things, themes, quotes) among those lines.

use super::{Chunk, First, LineParser};
use crate::schema::{opt, EventRow};
use entente_core::extract::{ExtractRecord, Extracts};
use entente_core::Event;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::Mutex;

/// The stable id of a coded event: the same document, sentence, actors and code always give
/// the same id, so coding a document again replaces its events instead of adding copies.
pub fn event_id(e: &Event) -> i64 {
    let mut h = Sha256::new();
    for part in [e.doc_id.as_str(), &e.sentence.to_string(), &e.source, &e.target, &e.code] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let d = h.finalize();
    i64::from_be_bytes(d[..8].try_into().expect("8 bytes")) & i64::MAX
}

/// Adds one coded event to `out`.
pub(crate) fn push(e: &Event, line: u64, out: &mut Chunk) -> Result<(), String> {
    let code = e.code.as_str();
    if !super::gdelt::is_code(code) {
        return Err(format!("code {code:?} is not a CAMEO code"));
    }
    let source = entente_core::ActorCode::parse(&e.source).ok();
    let target = entente_core::ActorCode::parse(&e.target).ok();
    let root = if e.root.len() == 2 { e.root.as_str() } else { &code[..2] };
    let confidence = match e.confidence {
        None => None,
        Some(c) if (0.0..=1.0).contains(&c) => Some(f64_of(c)),
        Some(c) => return Err(format!("confidence {c} is not between 0 and 1")),
    };
    let row = EventRow {
        event_id: event_id(e),
        date: e.date.to_days(),
        source: opt(&e.source),
        source_name: None,
        source_country: source.as_ref().and_then(|a| a.country()).and_then(entente_core::country::iso3),
        source_agent: source.as_ref().and_then(|a| a.agent()),
        target: opt(&e.target),
        target_name: None,
        target_country: target.as_ref().and_then(|a| a.country()).and_then(entente_core::country::iso3),
        target_agent: target.as_ref().and_then(|a| a.agent()),
        code,
        base: &code[..code.len().min(3)],
        root,
        quad_class: Some(i32::from(e.quad_class)).filter(|q| (1..=4).contains(q)),
        goldstein: Some(f64::from(e.goldstein)),
        plover: opt(&e.plover),
        root_event: None,
        mentions: None,
        sources: None,
        articles: None,
        tone: None,
        place: e.place.as_deref(),
        place_country: e.place_country.as_deref(),
        lat: e.lat.filter(|x| (-90.0..=90.0).contains(x)),
        lon: e.lon.filter(|x| (-180.0..=180.0).contains(x)),
        document: opt(&e.doc_id),
        sentence: i32::try_from(e.sentence).ok(),
        text: opt(&e.text),
        confidence,
        line: line as i64,
    };
    out.event(&row);
    Ok(())
}

/// A confidence as `f64`, rounded to 6 decimals so that `0.723` is stored as `0.723` and not
/// as the nearest `f32`'s `0.7229999899864197`.
fn f64_of(c: f32) -> f64 {
    (f64::from(c) * 1e6).round() / 1e6
}

/// The JSON Lines importer for `entente code` output: events, and the extract records written
/// beside them (`{"record":"amount",...}`, see [`entente_core::extract::ExtractRecord`]), which
/// are collected here for the extract tables.
#[derive(Default)]
pub(crate) struct CodedJsonl {
    collected: Mutex<Collected>,
}

#[derive(Default)]
struct Collected {
    /// Extract records with their line.
    records: Vec<(u64, ExtractRecord)>,
    /// The documents of the events read.
    event_docs: HashSet<String>,
}

/// What a coded file held beside its events.
pub(crate) struct FileExtracts {
    /// The extract records, in file order.
    pub extracts: Extracts,
    /// The file line of each row of amounts, things, themes and quotes.
    pub lines: [Vec<u64>; 4],
    /// Lines that were extract records.
    pub records: u64,
    /// The documents of the file's events.
    pub event_docs: HashSet<String>,
}

impl CodedJsonl {
    /// The extract records read (in file order: parser threads push them in any order).
    pub fn take(&self) -> FileExtracts {
        let c = std::mem::take(&mut *self.collected());
        let mut records = c.records;
        records.sort_by_key(|(line, _)| *line);
        let mut out = FileExtracts { extracts: Extracts::default(), lines: Default::default(), records: records.len() as u64, event_docs: c.event_docs };
        for (line, r) in records {
            let i = match r {
                ExtractRecord::Amount(_) => 0,
                ExtractRecord::Thing(_) => 1,
                ExtractRecord::Theme(_) => 2,
                ExtractRecord::Quote(_) => 3,
            };
            out.lines[i].push(line);
            out.extracts.push(r);
        }
        out
    }

    fn collected(&self) -> std::sync::MutexGuard<'_, Collected> {
        self.collected.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl LineParser for CodedJsonl {
    fn format(&self) -> &'static str {
        "entente events (JSON Lines)"
    }

    fn first(&self, line: &str) -> Result<First, String> {
        if line.trim_start().starts_with('{') {
            Ok(First::Data)
        } else {
            Err("expected one JSON object per line, as `entente code` writes".into())
        }
    }

    fn parse(&self, line: &str, lineno: u64, out: &mut Chunk) -> Result<(), String> {
        // An event's text cannot hold `"record"` unescaped, so only records get here.
        if line.contains("\"record\"") {
            match serde_json::from_str::<ExtractRecord>(line) {
                Ok(r) => {
                    self.collected().records.push((lineno, r));
                    return Ok(());
                }
                Err(err) if !line.contains("\"code\"") => return Err(format!("not an extract record: {err}")),
                Err(_) => {}
            }
        }
        let e: Event = serde_json::from_str(line).map_err(|e| format!("not an event: {e}"))?;
        push(&e, lineno, out)?;
        let mut c = self.collected();
        if !c.event_docs.contains(&e.doc_id) {
            c.event_docs.insert(e.doc_id);
        }
        Ok(())
    }
}
