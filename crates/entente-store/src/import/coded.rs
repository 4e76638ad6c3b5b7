//! entente's own coded events: [`entente_core::Event`] values, from the JSON Lines that
//! `entente code` prints or handed over directly by the coder.

use super::{Chunk, First, LineParser};
use crate::schema::{opt, EventRow};
use entente_core::Event;
use sha2::{Digest, Sha256};

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
        place: None,
        place_country: None,
        lat: None,
        lon: None,
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

/// The JSON Lines importer for `entente code` output.
pub(crate) struct CodedJsonl;

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
        let e: Event = serde_json::from_str(line).map_err(|e| format!("not an event: {e}"))?;
        push(&e, lineno, out)
    }
}
